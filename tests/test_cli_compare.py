"""`pressmine compare`: the issue's acceptance runs, the formats, the database, bad input and
usage errors, through typer's CliRunner and one real process."""

from __future__ import annotations

import csv
import json
import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from pressmine.batch import runner, tasks
from pressmine.cli.app import app


def run(*args: str) -> Result:
    env = {"NO_COLOR": "1", "FORCE_COLOR": None, "TTY_COMPATIBLE": None}
    return CliRunner().invoke(app, ["compare", *args], env=env)


def groups_of(result: Result) -> list[dict[str, Any]]:
    groups = json.loads(result.stdout)
    assert isinstance(groups, list)
    return groups


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def edited(tmp_path: Path, hans_text: str) -> Path:
    """The simplified sample with two figures changed, as the issue asks."""
    path = tmp_path / "edited.txt"
    text = hans_text.replace("483.8万座", "493.8万座").replace("1590EFLOPS", "1950EFLOPS")
    path.write_text(text, encoding="utf-8")
    return path


# --- done when -----------------------------------------------------------------------------------


def test_the_samples_agree_and_do_not_conflict(hans_path: Path, hant_path: Path) -> None:
    result = run(str(hans_path), str(hant_path), "--format", "json", "-j", "1")
    assert (result.exit_code, result.stderr) == (0, "")
    groups = groups_of(result)
    two_docs = [
        g for g in groups if g["status"] == "agree" and len({m["doc"] for m in g["members"]}) == 2
    ]
    assert len(two_docs) >= 8
    assert not [g for g in groups if g["status"] == "conflict"]
    # Every claim of both documents is in one group, once.
    members = [(m["doc"], m["start"]) for g in groups for m in g["members"]]
    assert len(members) == len(set(members))


def test_two_changed_figures_are_exactly_two_conflicts(hans_path: Path, edited: Path) -> None:
    result = run(str(hans_path), str(edited), "--format", "json", "-j", "1")
    assert result.exit_code == 0
    conflicts = [g for g in groups_of(result) if g["status"] == "conflict"]
    texts = [sorted(m["text"] for m in g["members"]) for g in conflicts]
    assert texts == [["483.8万座", "493.8万座"], ["1590EFLOPS", "1950EFLOPS"]]
    assert [g["values"] for g in conflicts] == [[4838000, 4938000], [1590, 1950]]


def test_the_group_object(hans_path: Path, hant_path: Path) -> None:
    result = run(str(hans_path), str(hant_path), "-f", "jsonl", "-j", "1")
    groups = [json.loads(line) for line in result.stdout.splitlines()]
    robots = next(g for g in groups if g["values"] == [140])
    assert list(robots) == [
        *("status", "subject", "unit", "change", "basis", "period", "period_start"),
        *("period_end", "values", "note", "members"),
    ]
    assert robots["status"] == "agree" and robots["unit"] == "家"
    assert robots["period"] == "2025年"
    assert [(m["doc"], m["text"], m["subject"]) for m in robots["members"]] == [
        (str(hans_path), "超140家", "整机企业数量"),
        (str(hant_path), "超140家", "人形机器人整机企业数量"),
    ]
    member = robots["members"][0]
    assert hans_path.read_text(encoding="utf-8")[member["start"] : member["end"]] == "超140家"
    assert {
        "doc",
        "start",
        "end",
        "text",
        "value",
        "unit",
        "subject",
        "qualifier",
        "period",
    } <= set(member)
    statuses = [g["status"] for g in groups]
    assert statuses == sorted(statuses, key=["agree", "conflict", "revised", "single"].index)


# --- formats -------------------------------------------------------------------------------------


def test_csv_has_a_row_per_member(in_tmp: Path, hans_path: Path, edited: Path) -> None:
    result = run(str(hans_path), str(edited), "-o", "groups.csv", "-j", "1")
    assert (result.exit_code, result.stdout) == (0, "")
    with open("groups.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    conflict = [r for r in rows if r["status"] == "conflict"]
    assert [(r["text"], r["values"], r["doc"]) for r in conflict[:2]] == [
        ("483.8万座", "4838000;4938000", str(hans_path)),
        ("493.8万座", "4838000;4938000", str(edited)),
    ]
    assert len({r["group"] for r in conflict}) == 2


def test_excel_csv(in_tmp: Path, hans_path: Path) -> None:
    result = run(str(hans_path), "--excel", "-o", "groups.csv", "-j", "1")
    assert result.exit_code == 0
    data = Path("groups.csv").read_bytes()
    assert data.startswith("\ufeffgroup,status,".encode()) and data.count(b"\r\n") > 40


def test_the_table_lists_agreements_conflicts_singles(
    hans_path: Path, hant_path: Path, edited: Path
) -> None:
    result = run(str(hans_path), str(hant_path), str(edited), "-f", "table", "-j", "1")
    assert result.exit_code == 0
    out = result.stdout
    titles = [line.split(":")[0] for line in out.splitlines() if line[:1] in "ACRS" and line]
    assert titles == ["Agree", "Conflict", "Single"]
    conflict = out.split("Conflict:", 1)[1].split("Single:", 1)[0]
    assert "483.8万座" in conflict and "493.8万座" in conflict and str(edited) in conflict
    assert "different values: 483.8万座 ≠ 493.8万座" in conflict
    assert "超過6000家" in out.split("Conflict:", 1)[0]  # the traditional text, as written


def test_a_page_and_its_text_agree(in_tmp: Path, hans_path: Path, hans_text: str) -> None:
    paragraphs = "".join(f"<p>{line}</p>\n" for line in hans_text.splitlines() if line)
    Path("page.html").write_text(f"<!DOCTYPE html><html><body>{paragraphs}</body></html>")
    groups = groups_of(run(str(hans_path), "page.html", "-j", "1"))
    assert {g["status"] for g in groups} == {"agree"}
    assert all({m["doc"] for m in g["members"]} == {str(hans_path), "page.html"} for g in groups)


def test_stdout_holds_json_into_a_pipe_by_default(hans_path: Path) -> None:
    result = run(str(hans_path), "-j", "1")
    assert {g["status"] for g in groups_of(result)} == {"single"}


# --- the database --------------------------------------------------------------------------------


def test_stored_documents(in_tmp: Path, hans_path: Path, hant_path: Path, edited: Path) -> None:
    folder = in_tmp / "2025-01"
    folder.mkdir()
    for path in (hans_path, hant_path):
        (folder / path.name).write_bytes(path.read_bytes())
    (in_tmp / "2024-12.txt").write_bytes(edited.read_bytes())
    extract = CliRunner().invoke(app, ["extract", "2025-01", "2024-12.txt", "--db", "c.sqlite"])
    assert extract.exit_code == 0
    result = run("--db", "c.sqlite", "--doc-like", "%2025-01%", "-f", "json")
    assert (result.exit_code, result.stderr) == (0, "")
    stored = groups_of(result)
    direct = groups_of(run("2025-01", "-j", "1"))
    assert stored == direct  # the same groups as from the files
    every = groups_of(run("--db", "c.sqlite"))
    assert [g["status"] for g in every].count("conflict") == 2


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--db", "none.sqlite"], "none.sqlite: no such database"),
        (["--db", "text.sqlite"], "text.sqlite: file is not a database"),
        (["--db", "empty.sqlite"], "empty.sqlite: not a pressmine database"),
        (["--db", "c.sqlite", "--doc-like", "%2030%"], "c.sqlite: no document matching '%2030%'"),
        (["--db", "odd.sqlite"], "odd.sqlite: not a pressmine database"),
        (["--db", "bad.sqlite"], "bad.sqlite: claim 1 of "),
    ],
    ids=["missing", "not-sqlite", "not-pressmine", "no-match", "other-columns", "bad-value"],
)
def test_a_database_that_cannot_serve_is_one_error(
    in_tmp: Path, hans_path: Path, args: list[str], message: str
) -> None:
    (in_tmp / "text.sqlite").write_text("483.8万座 " * 200)
    (in_tmp / "empty.sqlite").write_bytes(b"")
    with sqlite3.connect(in_tmp / "odd.sqlite") as odd:  # the tables, not their columns
        odd.executescript("CREATE TABLE documents (id, path); CREATE TABLE claims (id, text);")
    CliRunner().invoke(app, ["extract", str(hans_path), "--db", "c.sqlite"])
    Path("bad.sqlite").write_bytes(Path("c.sqlite").read_bytes())
    with sqlite3.connect("bad.sqlite") as bad:
        bad.execute("UPDATE claims SET value = 'many' WHERE id = 1")
    result = run(*args)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {message}") and result.stderr.count("\n") == 1
    if "bad.sqlite" in message:
        assert result.stderr.endswith(": not a number: 'many'\n")
    assert result.stdout == ""


# --- bad input and usage -------------------------------------------------------------------------


def test_unreadable_documents_are_named_and_the_others_compared(
    in_tmp: Path, hans_path: Path, edited: Path
) -> None:
    (in_tmp / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    result = run("missing.txt", str(hans_path), "binary.txt", str(edited), "-j", "2")
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: missing.txt: no such file or directory\n"
        "Error: binary.txt: not text: binary data (NUL bytes)\n"
    )
    assert [g["status"] for g in groups_of(result)].count("conflict") == 2


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "Missing argument 'PATH...' (or --db FILE)."),
        (["a.txt", "--db", "c.sqlite"], "Give PATHs or --db FILE, not both."),
        (["a.txt", "--doc-like", "%x%"], "--doc-like picks documents of --db FILE."),
        (["a.txt", "--format", "xml"], "Invalid value for '--format'"),
        (["a.txt", "--excel", "-f", "json"], "--excel writes CSV"),
        (["a.txt", "-f", "parquet"], "Invalid value for '--format'"),
        (["a.txt", "-o", "groups.html"], "compare writes json, jsonl, csv or a table, not html"),
    ],
    ids=["nothing", "both", "doc-like-alone", "format", "excel-json", "parquet", "html"],
)
def test_usage_errors_exit_2(args: list[str], message: str) -> None:
    result = run(*args)
    assert result.exit_code == 2
    assert message in result.stderr and "Traceback" not in result.stderr


def test_ctrl_c_writes_nothing(
    in_tmp: Path, hans_path: Path, hant_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_take = runner.Run._take

    def take_then_interrupt(run: Any, part: tasks.Part) -> bool:
        ok = real_take(run, part)
        if run.files == 1:
            os.kill(os.getpid(), signal.SIGINT)
        return ok

    monkeypatch.setattr(runner.Run, "_take", take_then_interrupt)
    Path("out.json").write_text("old")
    result = run(str(hans_path), str(hant_path), str(hans_path), "-o", "out.json", "-j", "1")
    assert (result.exit_code, result.stdout, result.stderr) == (130, "", "")
    assert sorted(p.name for p in in_tmp.iterdir()) == ["out.json"]
    assert Path("out.json").read_text() == "old"  # left as it was


def test_a_real_process(hans_path: Path, edited: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "pressmine", "compare", str(hans_path), str(edited), "-f", "jsonl"],
        capture_output=True,
        check=False,
    )
    assert (proc.returncode, proc.stderr) == (0, b"")
    statuses = [json.loads(line)["status"] for line in proc.stdout.decode().splitlines()]
    assert statuses.count("conflict") == 2 and "single" not in statuses


# --- dates ---------------------------------------------------------------------------------------


def test_a_documents_date_places_its_relative_periods_as_extract_does(in_tmp: Path) -> None:
    # 今年 in two releases of different years is two periods: no conflict, with --dates;
    # with one --date for both it is one period, and the figures conflict.
    for name in ("a", "b"):
        value = "5.2" if name == "a" else "4.8"
        Path(f"{name}.txt").write_text(f"今年全国粮食产量增长{value}%。", encoding="utf-8")
    Path("dates.tsv").write_text("a.txt\t2023-12-30\nb.txt\t2024-12-30\n", encoding="utf-8")
    by_file = groups_of(run("a.txt", "b.txt", "--dates", "dates.tsv", "-f", "json", "-j", "1"))
    assert sorted((g["status"], g["period_start"]) for g in by_file) == [
        ("single", "2023-01-01"),
        ("single", "2024-01-01"),
    ]
    one_day = groups_of(run("a.txt", "b.txt", "--date", "2024-06-30", "-f", "json", "-j", "1"))
    assert [(g["status"], g["period_end"]) for g in one_day] == [("conflict", "2024-12-31")]


def test_an_invalid_date_or_dates_with_a_database_is_a_usage_error(in_tmp: Path) -> None:
    Path("a.txt").write_text("今年全国粮食产量增长5.2%。", encoding="utf-8")
    bad = run("a.txt", "--date", "2023-02-30")
    assert (bad.exit_code, bad.stdout) == (2, "")
    assert bad.stderr.startswith("Error: --date: ") and bad.stderr.count("\n") == 1
    both = run("--db", "c.sqlite", "--date", "2023-01-01")
    assert both.exit_code == 2 and "--db FILE holds its documents' dates" in both.stderr
