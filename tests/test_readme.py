"""The README's examples, run as written: the table a terminal shows, the jq, pandas and SQLite
examples, and the worked example of a pattern pack."""

from __future__ import annotations

import csv
import json
import re
import shlex
import shutil
import sqlite3
import subprocess
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from pressmine import extract, load_packs
from pressmine.cli.app import app
from pressmine.cli.examples import run_examples

REPO = Path(__file__).resolve().parents[1]
README = (REPO / "README.md").read_text(encoding="utf-8")


def run(*args: str) -> Result:
    env = {"NO_COLOR": "1", "FORCE_COLOR": None, "TTY_COMPATIBLE": None}
    return CliRunner().invoke(app, list(args), env=env)


@pytest.fixture
def in_repo(monkeypatch: pytest.MonkeyPatch) -> Path:
    """Commands run from the repository's folder, as the README's do."""
    monkeypatch.chdir(REPO)
    return REPO


# --- Usage ----------------------------------------------------------------------------------------


@pytest.mark.usefixtures("in_repo")
def test_the_table_is_what_a_terminal_shows(monkeypatch: pytest.MonkeyPatch) -> None:
    shown = README.split("shows a table\nper document", 1)[1].split("```text\n", 1)[1]
    shown_lines = shown.split("```", 1)[0].splitlines()
    monkeypatch.setenv("COLUMNS", "100")
    result = run("extract", "tests/releases/nbs-2016-h1-economy-zh-hans.txt", "-f", "table")
    lines = result.stdout.splitlines()
    # The title and the columns are the same; widths follow the cells, so they may differ.
    assert shown_lines[0] == lines[0]
    assert (
        shown_lines[1].split()
        == lines[1].split()
        == ["text", "value", "unit", "subject", "change", "period"]
    )
    assert set(shown_lines[2]) == set(lines[2]) == {"─"}
    # The rows shown are rows of the real table (the extractor may since have improved).
    rows = {tuple(line.split()[:2]) for line in lines[3:]}
    assert sum(tuple(line.split()[:2]) in rows for line in shown_lines[3:]) >= len(shown_lines) - 5


@pytest.mark.usefixtures("in_repo")
def test_the_jq_example() -> None:
    if not shutil.which("jq"):
        pytest.skip("jq is not installed")
    command = (
        "pressmine extract tests/releases --format jsonl | "
        "jq -r 'select(.change == \"decrease\") | [.doc, .subject, .value, .unit] | @tsv'"
    )
    assert f"```sh\n{command}\n```" in README
    left, right = command.split(" | ", 1)
    extracted = run(*shlex.split(left)[1:])
    assert extracted.exit_code == 0
    out = subprocess.run(
        shlex.split(right), input=extracted.stdout_bytes, capture_output=True, check=True
    ).stdout.decode()
    rows = [line.split("\t") for line in out.splitlines()]
    assert rows and all(len(row) == 4 and row[0].startswith("tests/releases/") for row in rows)
    claims = [json.loads(line) for line in extracted.stdout.splitlines()]
    assert len(rows) == sum(c["change"] == "decrease" for c in claims)


def test_the_pandas_example(
    in_repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    try:
        import pandas  # noqa: F401
    except ImportError:  # not a skip: pip install '.[test]' installs it
        pytest.fail("pandas is not installed; pip install '.[test]' installs it")
    command = "pressmine extract tests/releases samples -o claims.csv"
    assert f"```sh\n{command}\n```" in README
    code = "import pandas as pd\n" + README.split("```python\nimport pandas as pd\n", 1)[1]
    code = code.split("```", 1)[0]
    assert run(*command.split()[1:-1], str(tmp_path / "claims.csv")).exit_code == 0
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, object] = {}
    exec(compile(code, "README.md", "exec"), namespace)  # the README's code, as written
    with open("claims.csv", encoding="utf-8", newline="") as f:
        expected = Counter(row["doc"] for row in csv.DictReader(f) if row["change"] == "decrease")
    counts = namespace["decreases"].groupby("doc")["subject"].count()  # type: ignore[attr-defined]
    assert counts.to_dict() == expected
    assert expected["tests/releases/customs-2016-jan-nov-trade-zh-hans.txt"] > 0
    printed = capsys.readouterr().out
    assert all(f"{doc} " in printed for doc in expected)


# --- SQLite ---------------------------------------------------------------------------------------

# The README's question: every claim about 直接经济损失 across releases.
README_QUERY = """\
SELECT d.path, c.period, c.value, c.unit, c.text
FROM claims c JOIN documents d ON d.id = c.document_id
WHERE c.subject = '直接经济损失'
ORDER BY d.path, c.start;"""
README_COMMANDS = [
    "pressmine extract tests/releases samples --db claims.sqlite",
    f'sqlite3 claims.sqlite "{README_QUERY}"',
]


@pytest.mark.usefixtures("in_repo")
def test_the_sqlite_example_answers_its_question(tmp_path: Path) -> None:
    for command in README_COMMANDS:
        assert command in README
    db = tmp_path / "claims.sqlite"
    assert run("extract", "tests/releases", "samples", "--db", str(db)).exit_code == 0
    con = sqlite3.connect(db)
    rows = con.execute(README_QUERY).fetchall()
    con.close()
    mca = "tests/releases/mca-2011-jan-sep-disasters-zh-hans.txt"
    # (the period is left out: it is the extractor's to get right, not the query's)
    assert (mca, 302810000000, "元", "3028.1亿元") in [(p, v, u, t) for p, _, v, u, t in rows]
    assert {path for path, *_ in rows} >= {mca, "samples/miit-2025-results-zh-hans.txt"}
    if shutil.which("sqlite3"):  # the command line shell, as the README runs it
        shell = subprocess.run(["sqlite3", str(db), README_QUERY], capture_output=True, text=True)
        lines = shell.stdout.splitlines()
        assert any(
            x.startswith(f"{mca}|") and x.endswith("|302810000000|元|3028.1亿元") for x in lines
        )


# --- Writing a pack -------------------------------------------------------------------------------


def _pack_from_readme() -> str:
    section = README[README.index("### Writing a pack") :]
    return re.search(r"```toml\n(.*?)```", section, re.S).group(1)


def test_the_writing_a_pack_example_works(tmp_path):
    folder = tmp_path / "my-packs"
    folder.mkdir()
    (folder / "shipbuilding.toml").write_text(_pack_from_readme(), encoding="utf-8")
    sentence = "1-10月,全国造船完工量4818万载重吨,同比增长13.8%"
    # without the pack, 4818万 is a bare amount: no 载重吨
    assert [c.unit for c in extract(sentence)] == ["", "%"]

    packs = load_packs([folder])
    results = [r for r in run_examples(packs) if r.rule.pack == "shipbuilding"]
    assert len(results) == 3 and all(r.problem is None for r in results)
    claims = extract(sentence, packs)
    ship = [c for c in claims if c.unit == "载重吨"]
    assert [(c.value, c.subject, c.rule, c.period) for c in ship] == [
        (Decimal(48180000), "造船完工量", "shipbuilding:three-indicators", "1-10月")
    ]
    assert [(c.value, c.change) for c in claims if c.unit == "%"] == [(Decimal("13.8"), "increase")]
    assert extract("交付30万吨级油轮", packs) == []
