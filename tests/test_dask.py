"""The Dask engine and data frames, on a real `LocalCluster` of 2 worker processes: the same
claims, errors and order as a plain run, from the library (`pressmine.dask.claims`) and from
the command line (`--dask`), with each worker building the packs once; the README's cluster
example, run as written; and the README's PySpark recipe where pyspark is installed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import dask.bag
import pandas as pd
import pyarrow.parquet as pq
import pytest
from distributed import Client
from typer.testing import CliRunner, Result

import pressmine.dask
from pressmine.batch import blocks, inputs
from pressmine.cli.app import app
from pressmine.dask import engine, extractor, frames

REPO = Path(__file__).resolve().parents[1]
README = (REPO / "README.md").read_text(encoding="utf-8")
SHARED_DOCS = REPO.parent / "shared" / "dev" / "docs"  # more real releases, where shared/ is


def run(*args: str) -> Result:
    env = {"NO_COLOR": "1", "FORCE_COLOR": None, "TTY_COMPATIBLE": None}
    return CliRunner().invoke(app, list(args), env=env)


def _readme_code(marker: str) -> str:
    """The README's Python block that holds `marker`, as written."""
    blocks = [b.split("```", 1)[0] for b in README.split("```python\n")[1:]]
    (code,) = [b for b in blocks if marker in b]
    return code


@pytest.fixture(scope="module")
def readme(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """The README's cluster example, run as written in a folder that has its inputs: it starts
    the LocalCluster of 2 workers that every test here uses (one start-up for the module)."""
    folder = tmp_path_factory.mktemp("readme")
    (folder / "tests").mkdir()
    (folder / "samples").symlink_to(REPO / "samples")
    (folder / "tests" / "releases").symlink_to(REPO / "tests" / "releases")
    here = Path.cwd()
    os.chdir(folder)
    namespace: dict[str, Any] = {"__name__": "readme"}
    try:
        exec(compile(_readme_code("from dask.distributed"), "README.md", "exec"), namespace)
        namespace["folder"] = folder
        yield namespace
    finally:
        os.chdir(here)
        if "client" in namespace:
            namespace["client"].close()
        if "cluster" in namespace:
            namespace["cluster"].close()


@pytest.fixture
def client(readme: dict[str, Any]) -> Client:
    result: Client = readme["client"]
    assert len(result.nthreads()) == 2 and set(result.nthreads().values()) == {1}
    return result


@pytest.fixture
def corpus(docs: Path) -> Path:
    """docs/ (the samples and the test releases), shared/dev/docs where it is, and three files
    that cannot be read or are not UTF-8."""
    for source in sorted(SHARED_DOCS.glob("*.txt")):
        (docs / source.name).write_bytes(source.read_bytes())
    (docs / "broken-binary.txt").write_bytes(b"\x89PNG\x00\x00")
    (docs / "broken-gb.txt").write_bytes("已建成5G基站483.8万座".encode("gb18030"))  # a Note:
    (docs / "broken-link.txt").symlink_to(docs / "nowhere.txt")
    return docs


KEYS = ("doc", "start", "end", "unit", "subject")


def _rows(result: Result) -> list[tuple[Any, ...]]:
    return [tuple(json.loads(line)[k] for k in KEYS) for line in result.stdout.splitlines()]


def _frame_rows(frame: pd.DataFrame) -> list[tuple[Any, ...]]:
    """A frame's rows as `_rows` reads JSON: its nulls (pandas' NA) as None."""
    return [
        tuple(None if value is pd.NA else value for value in row)
        for row in frame[list(KEYS)].itertuples(index=False)
    ]


def test_the_readme_example_gives_every_claim(readme: dict[str, Any]) -> None:
    claims = readme["claims"].compute()
    plain = run("extract", str(REPO / "samples"), str(REPO / "tests/releases"), "-f", "jsonl")
    assert len(claims) == len(plain.stdout.splitlines()) > 250
    written = pq.read_table(readme["folder"] / "claims").num_rows  # the folder it wrote
    assert written == len(claims) and readme["failed"].compute().empty


def test_claims_are_a_plain_runs_with_errors_as_rows(client: Client, corpus: Path) -> None:
    frame = pressmine.dask.claims(["docs"], partition_size=3)
    assert frame.npartitions > 4
    assert dict(frame.dtypes) == dict(frames.meta().dtypes)
    got = frame.compute()
    assert dict(got.dtypes) == dict(frames.meta().dtypes)
    plain = run("extract", "docs", "-f", "jsonl")
    claims = got[got.error.isna()]
    assert _frame_rows(claims) == _rows(plain)
    failed = got[got.error.notna()]
    assert list(failed.doc) == ["docs/broken-binary.txt", "docs/broken-link.txt"]
    assert list(failed.error) == ["not text: binary data (NUL bytes)", "no such file or directory"]
    assert failed.drop(columns=["doc", "error"]).isna().all().all()


def test_each_worker_builds_the_packs_once(client: Client, corpus: Path) -> None:
    frame = pressmine.dask.claims(["docs"], partition_size=1)
    assert frame.npartitions > 20
    frame.compute()
    builds = client.run(lambda: dict(extractor.BUILDS))
    assert len(builds) == 2
    assert all(set(counts.values()) == {1} for counts in builds.values()), builds


def test_a_bag_of_texts_and_a_bag_of_paths(client: Client, hans_path: Path) -> None:
    text = hans_path.read_text(encoding="utf-8")
    texts = dask.bag.from_sequence([("a", text), ("b", "同比增长5.9%")], npartitions=2)
    got = pressmine.dask.claims(texts).compute()
    assert list(got.doc).count("b") == 1 and list(got.doc).count("a") > 40
    paths = dask.bag.from_sequence([str(hans_path), "no/such.txt"], npartitions=1)
    got = pressmine.dask.claims(paths).compute()
    assert list(got.error.dropna()) == ["no such file or directory"]
    assert list(got.start.dropna()) == list(got[got.doc == str(hans_path)].start)


def test_the_command_line_on_the_cluster_is_a_plain_run(client: Client, corpus: Path) -> None:
    address = client.scheduler.address
    plain = run("extract", "docs", "-f", "jsonl")
    for output in ("jsonl", "csv"):
        on_dask = run("extract", "docs", "-f", output, "--dask", address)
        alone = plain if output == "jsonl" else run("extract", "docs", "-f", output)
        assert (on_dask.exit_code, on_dask.stdout) == (alone.exit_code, alone.stdout)
        assert on_dask.stderr == alone.stderr
    assert plain.exit_code == 1
    assert plain.stderr.splitlines() == [
        "Error: docs/broken-binary.txt: not text: binary data (NUL bytes)",
        "Note: docs/broken-gb.txt: decoded as GB18030",
        "Error: docs/broken-link.txt: no such file or directory",
    ]
    result = run("extract", "docs", "--dask", address, "-o", "c.parquet", "--db", "c.sqlite")
    assert result.exit_code == 1
    table = pq.read_table("c.parquet")
    assert list(zip(*[table.column(k).to_pylist() for k in KEYS], strict=True)) == _rows(plain)


def test_a_big_file_goes_to_the_cluster_in_blocks(
    client: Client, corpus: Path, monkeypatch: pytest.MonkeyPatch, hans_text: str
) -> None:
    monkeypatch.setattr(inputs, "BIG", 2000)  # blocks are cut here, in the client
    monkeypatch.setattr(blocks, "BLOCK", 1000)
    (corpus / "big.txt").write_text(hans_text * 4, encoding="utf-8")
    plain = run("extract", "docs/big.txt", "docs/miit-2025-results-zh-hans.txt", "-f", "jsonl")
    on_dask = run(
        "extract", "docs/big.txt", "docs/miit-2025-results-zh-hans.txt", "-f", "jsonl",
        "--dask", client.scheduler.address,
    )  # fmt: skip
    assert (on_dask.exit_code, on_dask.stdout) == (0, plain.stdout)
    frame = pressmine.dask.claims(["docs/big.txt"], partition_size=2)
    assert frame.npartitions > 3
    got = frame.compute()
    assert len(got) > 100 and _frame_rows(got) == _rows(plain)[: len(got)]


@pytest.mark.usefixtures("corpus")
def test_dask_local_writes_the_claims_of_a_plain_run() -> None:
    """The issue's check: `--dask local -o x.parquet` has the (doc, start, end, unit, subject)
    rows of `-o x.jsonl`, every claim of them, on the samples and the test releases (and
    shared/dev/docs where it is): 19 releases and more."""
    on_dask = run("extract", "docs", "--dask", "local", "-j", "2", "-o", "x.parquet")
    plain = run("extract", "docs", "-o", "x.jsonl")
    assert (on_dask.exit_code, plain.exit_code) == (1, 1)
    assert on_dask.stderr == plain.stderr
    lines = Path("x.jsonl").read_text(encoding="utf-8").splitlines()
    rows = [tuple(json.loads(line)[k] for k in KEYS) for line in lines]
    table = pq.read_table("x.parquet")
    assert list(zip(*[table.column(k).to_pylist() for k in KEYS], strict=True)) == rows
    assert len({row[0] for row in rows}) >= 19 + (13 if SHARED_DOCS.is_dir() else 0)


def test_a_scheduler_that_is_not_there_is_one_error(
    hans_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(engine, "CONNECT_SECONDS", 1)
    result = run("extract", str(hans_path), "--dask", "tcp://127.0.0.1:9", "-f", "jsonl")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr.startswith("Error: Dask scheduler tcp://127.0.0.1:9: ")
    assert len(result.stderr.splitlines()) == 1


def test_jobs_go_with_a_local_cluster_only(hans_path: Path) -> None:
    result = run("extract", str(hans_path), "--dask", "tcp://127.0.0.1:9", "-j", "2")
    assert result.exit_code == 2 and "--jobs is the number of workers" in result.stderr


def test_without_dask_one_line_says_which_extra(hans_path: Path) -> None:
    code = (
        "import sys; sys.modules['distributed'] = None\n"
        "from pressmine.cli.app import main\n"
        "sys.argv = ['pressmine', *sys.argv[1:]]; main()\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code, "extract", str(hans_path), "--dask", "local"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (proc.returncode, proc.stdout) == (1, "")
    assert proc.stderr == (
        "Error: --dask needs distributed, which is not installed: pip install 'pressmine[dask]'\n"
    )


# pyspark 4.3 warns that it does not support pandas 3 in full; what the recipe uses works.
@pytest.mark.filterwarnings("ignore:PySpark does not yet fully support pandas")
def test_the_readme_spark_recipe(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("pyspark", reason="pyspark is not installed (not in CI: see README)")
    monkeypatch.chdir(REPO)
    namespace: dict[str, Any] = {}
    exec(compile(_readme_code("mapInPandas"), "README.md", "exec"), namespace)
    try:
        rows = [tuple(row[k] for k in KEYS) for row in namespace["claims"].collect()]
    finally:
        namespace["spark"].stop()
    plain = run("extract", "tests/releases", "samples", "-f", "jsonl")
    assert sorted(rows, key=str) == sorted(_rows(plain), key=str)
