"""The document's date through the command line: --date, --dates, what the text and the file's
name say, invalid dates, and the fields every format carries (JSON, CSV, the table, SQLite)."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from pressmine.cli.app import app

PROFITS = "1—11月份，全国规模以上工业企业实现利润总额69822.8亿元，同比下降4.4%。\n"
ACCEPTANCE = "发布时间：2023-12-15\n\n今年前三季度，全国规模以上工业企业实现利润总额5.4万亿元。\n"


def run(*args: str) -> Result:
    env = {"NO_COLOR": "1", "FORCE_COLOR": None, "TTY_COMPATIBLE": None}
    return CliRunner().invoke(app, list(args), env=env)


def jsonl(result: Result) -> list[dict[str, Any]]:
    assert result.exit_code == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


@pytest.fixture
def docs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "20231227-profits.txt").write_text(PROFITS, encoding="utf-8")
    (tmp_path / "release.txt").write_text(ACCEPTANCE, encoding="utf-8")
    (tmp_path / "undated.txt").write_text(PROFITS, encoding="utf-8")
    return tmp_path


def periods(claims: list[dict[str, Any]]) -> set[tuple[Any, ...]]:
    return {(c["period"], c["period_start"], c["period_end"], c["doc_date"]) for c in claims}


# --- issue 13's acceptance cases -----------------------------------------------------------


def test_a_release_that_states_its_date(docs: Path) -> None:
    claims = jsonl(run("extract", "release.txt", "--format", "jsonl"))
    assert periods(claims) == {("2023年前三季度", "2023-01-01", "2023-09-30", "2023-12-15")}


def test_a_date_in_the_file_name(docs: Path) -> None:
    claims = jsonl(run("extract", "20231227-profits.txt", "--format", "jsonl"))
    assert periods(claims) == {("2023年1-11月", "2023-01-01", "2023-11-30", "2023-12-27")}


# --- the sources, in their order -----------------------------------------------------------


def test_no_date_no_guess(docs: Path) -> None:
    claims = jsonl(run("extract", "undated.txt", "--format", "jsonl"))
    assert periods(claims) == {("1-11月", None, None, None)}


def test_date_is_for_every_input_and_beats_the_rest(docs: Path) -> None:
    args = ("release.txt", "20231227-profits.txt", "undated.txt")
    claims = jsonl(run("extract", *args, "--date", "2024-01-10", "--format", "jsonl"))
    assert {c["doc_date"] for c in claims} == {"2024-01-10"}
    by_doc = {c["doc"]: c["period"] for c in claims}
    assert by_doc == {
        "release.txt": "2024年前三季度",  # 今年 of 2024-01-10
        "20231227-profits.txt": "2023年1-11月",  # the latest 1-11月 by then
        "undated.txt": "2023年1-11月",
    }


@pytest.mark.parametrize("sep", [",", "\t"], ids=["csv", "tsv"])
def test_dates_file_by_path_name_or_stem(docs: Path, sep: str) -> None:
    rows = [
        "path,date".replace(",", sep),
        f"undated{sep}2022-12-20",
        f"x/release.txt{sep}2021-05-01",
    ]
    (docs / "dates.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    args = ("release.txt", "20231227-profits.txt", "undated.txt")
    claims = jsonl(run("extract", *args, "--dates", "dates.csv", "--format", "jsonl"))
    by_doc = {c["doc"]: (c["doc_date"], c["period"]) for c in claims}
    assert by_doc == {
        "release.txt": ("2021-05-01", "2021年前三季度"),  # the file beats the text
        "20231227-profits.txt": ("2023-12-27", "2023年1-11月"),  # not listed: the name
        "undated.txt": ("2022-12-20", "2022年1-11月"),  # by stem
    }


def test_an_html_page_dated_by_its_metadata(docs: Path) -> None:
    page = (
        '<html><head><meta property="article:published_time" content="2024-06-27T09:30:00+08:00">'
        "</head><body><p>1—5月份，全国规模以上工业企业实现利润总额27543.7亿元。</p></body></html>"
    )
    (docs / "profits-20230101.html").write_text(page, encoding="utf-8")
    claims = jsonl(run("extract", "profits-20230101.html", "--format", "jsonl"))
    assert periods(claims) == {("2024年1-5月", "2024-01-01", "2024-05-31", "2024-06-27")}


# --- invalid dates -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--date", "2023-02-30"), "Error: --date: no such day: '2023-02-30'\n"),
        (("--date", "tomorrow"), "Error: --date: not a date (YYYY-MM-DD): 'tomorrow'\n"),
        (("--dates", "missing.csv"), "Error: --dates: missing.csv: no such file or directory\n"),
    ],
    ids=["no-such-day", "not-a-date", "no-such-file"],
)
def test_an_invalid_date_is_one_error_line_and_exit_2(
    docs: Path, args: tuple[str, ...], message: str
) -> None:
    result = run("extract", "undated.txt", *args)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", message)


def test_a_bad_row_of_a_dates_file_names_its_line(docs: Path) -> None:
    (docs / "dates.tsv").write_text("undated\t2023-12-15\nrelease\t2023-02-30\n", encoding="utf-8")
    result = run("extract", "undated.txt", "--dates", "dates.tsv")
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr == "Error: --dates: dates.tsv: line 2: no such day: '2023-02-30'\n"


# --- every format carries the fields -------------------------------------------------------


def test_json_fields_in_the_order_of_claims_md(docs: Path) -> None:
    (claim, *_) = json.loads(run("extract", "release.txt", "--format", "json").stdout)
    keys = list(claim)
    assert keys[keys.index("period") :] == [
        "period",
        "period_start",
        "period_end",
        "doc_date",
        "rule",
    ]


def test_csv_columns(docs: Path) -> None:
    out = run("extract", "20231227-profits.txt", "--format", "csv").stdout
    row = next(csv.DictReader(io.StringIO(out)))
    assert (row["period"], row["period_start"], row["period_end"], row["doc_date"]) == (
        "2023年1-11月",
        "2023-01-01",
        "2023-11-30",
        "2023-12-27",
    )


def test_the_table_says_the_date_and_where_it_came_from(docs: Path) -> None:
    out = run("extract", "20231227-profits.txt", "--format", "table").stdout
    assert out.splitlines()[0] == "20231227-profits.txt  2 claims  dated 2023-12-27 (its file name)"
    assert "2023年1-11月" in out
    out = run("extract", "undated.txt", "--format", "table").stdout
    assert out.splitlines()[0] == "undated.txt  2 claims"


def test_db_stores_the_date_and_its_source(docs: Path) -> None:
    assert run("extract", "release.txt", "20231227-profits.txt", "--db", "c.sqlite").exit_code == 0
    with sqlite3.connect("c.sqlite") as db:
        documents = db.execute("SELECT path, doc_date, doc_date_source FROM documents").fetchall()
        claims = db.execute("SELECT period, period_start, period_end, doc_date FROM claims")
        rows = set(claims.fetchall())
    assert sorted(documents) == [
        ("20231227-profits.txt", "2023-12-27", "filename"),
        ("release.txt", "2023-12-15", "text"),
    ]
    assert ("2023年前三季度", "2023-01-01", "2023-09-30", "2023-12-15") in rows
