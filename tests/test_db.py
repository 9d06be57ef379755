"""--db: documents and claims in SQLite, and a rerun updates instead of duplicating (the README's
query is run in tests/test_readme.py)."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from pressmine import extract
from pressmine.cli.app import app
from pressmine.io.db import ClaimStore


def run(*args: str, stdin: bytes | None = None) -> Result:
    env = {"NO_COLOR": "1", "FORCE_COLOR": None, "TTY_COMPATIBLE": None}
    return CliRunner().invoke(app, list(args), input=stdin, env=env)


@pytest.fixture
def releases(tmp_path: Path, repo_root: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of tests/releases in the working folder, so that files can be changed."""
    shutil.copytree(repo_root / "tests" / "releases", tmp_path / "rel", ignore=_only_txt)
    monkeypatch.chdir(tmp_path)
    return tmp_path / "rel"


def _only_txt(folder: str, names: list[str]) -> list[str]:
    return [n for n in names if not n.endswith(".txt")]


def _counts(db: Path) -> tuple[int, int]:
    with sqlite3.connect(db) as con:
        docs = con.execute("SELECT count(*) FROM documents").fetchone()[0]
        claims = con.execute("SELECT count(*) FROM claims").fetchone()[0]
    con.close()
    return docs, claims


def test_db_holds_every_document_and_claim_and_a_rerun_updates(releases: Path) -> None:
    as_json = json.loads(run("extract", "rel").stdout)
    files = len(list(releases.glob("*.txt")))
    result = run("extract", "rel", "--db", "claims.sqlite")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")  # --db alone: no stdout
    assert _counts(Path("claims.sqlite")) == (files, len(as_json))
    # Rerun: the same; one file changed: its claims replaced, not added.
    assert run("extract", "rel", "--db", "claims.sqlite").exit_code == 0
    assert _counts(Path("claims.sqlite")) == (files, len(as_json))
    changed = sorted(releases.iterdir())[0]
    changed.write_text("直接经济损失12亿元。", encoding="utf-8")
    assert run("extract", str(changed), "--db", "claims.sqlite").exit_code == 0
    with sqlite3.connect("claims.sqlite") as con:
        rows = con.execute(
            "SELECT d.sha256, c.text FROM claims c JOIN documents d ON d.id = c.document_id "
            "WHERE d.path = ?",
            (str(changed),),
        ).fetchall()
    con.close()
    assert [text for _, text in rows] == ["12亿元"]
    assert len(rows[0][0]) == 64


def test_db_columns_are_the_csv_columns(releases: Path) -> None:
    run("extract", "rel/mca-2011-jan-sep-disasters-zh-hans.txt", "--db", "claims.sqlite")
    con = sqlite3.connect("claims.sqlite")
    con.row_factory = sqlite3.Row
    row = con.execute("SELECT * FROM claims WHERE subject = '直接经济损失'").fetchone()
    doc = con.execute("SELECT * FROM documents").fetchone()
    con.close()
    assert (row["text"], row["value"], row["unit"], row["normalized_unit"]) == (
        "3028.1亿元",
        302810000000,
        "元",
        "CNY",
    )
    assert (doc["path"], doc["encoding"], doc["claims"]) == (
        "rel/mca-2011-jan-sep-disasters-zh-hans.txt",
        "utf-8",
        len(extract(Path(doc["path"]).read_text(encoding="utf-8"))),
    )


def test_db_with_a_format_also_writes_stdout(releases: Path) -> None:
    result = run("extract", "rel", "--db", "claims.sqlite", "-f", "jsonl")
    assert len(result.stdout.splitlines()) == _counts(Path("claims.sqlite"))[1] > 0


def test_stdin_documents_are_told_apart_by_content(tmp_path: Path) -> None:
    db = str(tmp_path / "c.sqlite")
    for text in ["直接经济损失12亿元。", "直接经济损失13亿元。", "直接经济损失12亿元。"]:
        assert run("extract", "-", "--db", db, stdin=text.encode()).exit_code == 0
    assert _counts(Path(db)) == (2, 2)


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"not a database at all, just text", "file is not a database"),
        (None, "not a pressmine database"),
    ],
    ids=["not-sqlite", "someone-elses"],
)
def test_a_database_that_is_not_ours_is_an_error(
    tmp_path: Path, hans_path: Path, content: bytes | None, problem: str
) -> None:
    db = tmp_path / "x.sqlite"
    if content is None:
        sqlite3.connect(db).execute("CREATE TABLE t (x)").connection.close()
    else:
        db.write_bytes(content)
    result = run("extract", str(hans_path), "--db", str(db))
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == f"Error: {db}: {problem}\n"


def test_an_aborted_document_leaves_the_previous_version(tmp_path: Path) -> None:
    # A big file that fails halfway (or Ctrl-C): its claims so far go, the old ones stay.
    store = ClaimStore(str(tmp_path / "c.sqlite"))
    doc = store.begin_document("a.txt", "old", "utf-8", 10)
    store.add_claims(doc, extract("已建成5G基站483.8万座"))
    store.end_document()
    doc = store.begin_document("a.txt", "new", "utf-8", 10)
    store.add_claims(doc, extract("直接经济损失12亿元"))
    store.close()  # the new one was not ended
    assert _counts(tmp_path / "c.sqlite") == (1, 1)
    con = sqlite3.connect(tmp_path / "c.sqlite")
    assert con.execute("SELECT sha256, text FROM documents, claims").fetchall() == [
        ("old", "483.8万座")
    ]
    con.close()


def test_numbers_beyond_64_bits_are_kept_as_floats(tmp_path: Path) -> None:
    store = ClaimStore(str(tmp_path / "c.sqlite"))
    doc = store.begin_document("-", "x", "utf-8", 1)
    store.add_claims(doc, extract("损失" + "9" * 30 + "元"))
    store.end_document()
    store.close()
    con = sqlite3.connect(tmp_path / "c.sqlite")
    [(value,)] = con.execute("SELECT value FROM claims").fetchall()
    con.close()
    assert value == pytest.approx(1e30)
