"""Parquet output (`-o claims.parquet`, `--format parquet`): the schema, every claim read back by
pyarrow, pandas, polars and DuckDB with exact values, row groups as documents finish, the atomic
file, and the one-line error when pyarrow is missing."""

from __future__ import annotations

import dataclasses
import io
import json
import os
import signal
import subprocess
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner, Result

from pressmine import extract
from pressmine.batch import runner, tasks
from pressmine.claim import Claim
from pressmine.cli import extract as cli_extract
from pressmine.cli.app import app
from pressmine.io import parquet


def run(*args: str) -> Result:
    env = {"NO_COLOR": "1", "FORCE_COLOR": None, "TTY_COMPATIBLE": None}
    return CliRunner().invoke(app, list(args), env=env)


@pytest.fixture
def corpus(docs: Path) -> Path:
    """docs/ (the samples and the test releases) and a file that cannot be read."""
    (docs / "zz-broken.txt").write_bytes(b"\x00\x01")
    return docs


def _jsonl(result: Result) -> list[dict[str, Any]]:
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_every_claim_reads_back_with_pyarrow_and_pandas(corpus: Path) -> None:
    import pandas as pd

    result = run("extract", "docs", "-o", "claims.parquet", "-j", "2")
    plain = run("extract", "docs", "-f", "jsonl", "-j", "2")
    assert (result.exit_code, plain.exit_code) == (1, 1)  # the broken file, in both
    assert (
        result.stderr
        == plain.stderr
        == "Error: docs/zz-broken.txt: not text: binary data (NUL bytes)\n"
    )
    expected = _jsonl(plain)
    table = pq.read_table("claims.parquet")
    assert table.schema.equals(parquet.SCHEMA)
    assert len(expected) > 250 and table.num_rows == len(expected)
    got = table.to_pylist()
    for row, claim in zip(got, expected, strict=True):
        for key in ("doc", "start", "end", "text", "unit", "subject", "qualifier", "change"):
            assert row[key] == claim[key]
        assert row["value"] == pytest.approx(claim["value"])
        assert Decimal(row["value_exact"]) == Decimal(str(claim["value"]))
        normalized = claim["normalized"] or {}
        assert row["normalized_unit"] == normalized.get("unit")
    frame = pd.read_parquet("claims.parquet")
    assert len(frame) == len(expected) and str(frame["start"].dtype) == "int64"
    assert frame["doc"].nunique() == len({c["doc"] for c in expected}) >= 12


def test_values_are_exact_where_a_float_is_not() -> None:
    claims = extract("投资1234567890123456789.123456789元，比重为0.000000000001%，3万亿亿元")
    table = parquet.table(claims)
    exact = table.column("value_exact").to_pylist()
    assert [Decimal(v) for v in exact] == [c.value for c in claims]
    assert exact[0] == "1234567890123456789.123456789"  # float64 keeps 17 digits of it
    assert "E" not in "".join(exact)


def test_parquet_reads_in_polars_and_duckdb(corpus: Path) -> None:
    polars = pytest.importorskip("polars")
    duckdb = pytest.importorskip("duckdb")
    assert run("extract", "docs", "-o", "c.parquet").exit_code == 1
    rows = pq.read_table("c.parquet").num_rows
    assert polars.read_parquet("c.parquet").height == rows
    found = duckdb.sql(
        "SELECT count(*), sum(CAST(value_exact AS DECIMAL(38, 6)) = value) FROM 'c.parquet' "
        "WHERE value < 1e15"
    ).fetchall()
    assert found[0][0] == found[0][1] > 0


def test_row_groups_end_with_a_document(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parquet, "ROW_GROUP", 40)
    assert run("extract", "docs", "-o", "c.parquet", "-j", "1").exit_code == 1
    file = pq.ParquetFile("c.parquet")
    groups = [file.read_row_group(i).column("doc").to_pylist() for i in range(file.num_row_groups)]
    assert len(groups) > 3 and all(len(g) >= 40 for g in groups[:-1])
    ends = [g[-1] for g in groups[:-1]]
    starts = [g[0] for g in groups[1:]]
    assert all(end != start for end, start in zip(ends, starts, strict=True))  # not cut


def test_dates_are_dates(hans_text: str) -> None:
    day = date(2025, 1, 21)
    claims = [_dated(c, period_start=date(2025, 1, 1), period_end=date(2025, 12, 31), doc_date=day)
              for c in extract(hans_text)[:3]]  # fmt: skip
    buffer = io.BytesIO()
    with parquet.ParquetWriter(buffer) as writer:
        writer.write(claims)
    table = pq.read_table(buffer)
    assert table.schema.field("period_start").type == pa.date32()
    assert table.column("period_start").to_pylist() == [date(2025, 1, 1)] * 3
    assert table.column("doc_date").to_pylist() == [day] * 3


def _dated(claim: Claim, **dates: date) -> Claim:
    """The claim with the dates the calendar work gives claims (a subclass until it lands)."""
    if all(name in Claim.__dataclass_fields__ for name in dates):
        return dataclasses.replace(claim, **dates)  # type: ignore[arg-type]

    @dataclasses.dataclass(frozen=True)
    class Dated(Claim):
        period_start: date | None = None
        period_end: date | None = None
        doc_date: date | None = None

    fields = {f.name: getattr(claim, f.name) for f in dataclasses.fields(Claim)}
    return Dated(**fields, **dates)


def test_an_empty_run_is_a_valid_empty_file(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("没有数字。", encoding="utf-8")
    result = run(
        "extract", str(tmp_path / "a.txt"), "--format", "parquet", "-o", str(tmp_path / "x.bin")
    )
    assert (result.exit_code, result.stderr) == (0, "")
    table = pq.read_table(tmp_path / "x.bin")
    assert table.num_rows == 0 and table.schema.equals(parquet.SCHEMA)


def test_ctrl_c_leaves_the_parquet_file_as_it_was(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_take = runner.Run._take

    def take_then_interrupt(run: Any, part: tasks.Part) -> bool:
        ok = real_take(run, part)
        if run.files == 1:
            os.kill(os.getpid(), signal.SIGINT)
        return ok

    monkeypatch.setattr(runner.Run, "_take", take_then_interrupt)
    Path("c.parquet").write_bytes(b"old")
    result = run("extract", "docs", "-o", "c.parquet", "-j", "1")
    assert (result.exit_code, result.stderr) == (130, "")
    assert Path("c.parquet").read_bytes() == b"old"
    assert sorted(p.name for p in Path().iterdir()) == ["c.parquet", "docs"]


def test_parquet_to_a_terminal_is_a_usage_error(
    hans_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cli_extract, "is_tty", lambda stream: True)
    result = run("extract", str(hans_path), "--format", "parquet")
    assert result.exit_code == 2 and "Parquet is binary" in result.stderr


def test_parquet_through_a_pipe(hans_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "pressmine", "extract", str(hans_path), "-f", "parquet"],
        capture_output=True,
        check=False,
    )
    assert (proc.returncode, proc.stderr) == (0, b"")
    assert pq.read_table(io.BytesIO(proc.stdout)).num_rows == len(extract(hans_path.read_text()))


# pyarrow made unimportable in a fresh interpreter, as where the extra is not installed.
_WITHOUT_PYARROW = """
import sys
sys.modules["pyarrow"] = None
from pressmine.cli.app import main
sys.argv = ["pressmine", *sys.argv[1:]]
main()
"""


def test_without_pyarrow_one_line_says_which_extra(hans_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "c.parquet"
    proc = subprocess.run(
        [sys.executable, "-c", _WITHOUT_PYARROW, "extract", str(hans_path), "-o", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 1
    assert proc.stderr == (
        "Error: Parquet output needs pyarrow, which is not installed: "
        "pip install 'pressmine[parquet]'\n"
    )
    assert not out.exists() and list(tmp_path.iterdir()) == []


def test_the_readme_reads_it_with_pandas_and_duckdb(corpus: Path) -> None:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Parquet\n", 1)[1].split("\n### ", 1)[0]
    code = section.split("```python\n", 1)[1].split("```", 1)[0]
    sql = section.split('```sh\nduckdb -c "', 1)[1].split('"\n```', 1)[0]
    assert run("extract", "docs", "-o", "claims.parquet").exit_code == 1  # the broken file
    namespace: dict[str, Any] = {}
    exec(compile(code, "README.md", "exec"), namespace)  # as written
    import pandas as pd

    claims = pd.read_parquet("claims.parquet")
    expected = claims[claims["unit"] == "元"].groupby("doc")["value"].sum()
    assert len(expected) >= 5 and expected.gt(0).all()
    duckdb = pytest.importorskip("duckdb")
    sums = dict(duckdb.sql(sql).fetchall())
    assert sums and all(isinstance(total, Decimal) for total in sums.values())
