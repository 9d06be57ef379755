"""Chaos (issue 14): three runs at once over one folder that changes under them. Files vanish,
change and turn unreadable mid-run, a worker of each run is killed with SIGKILL (as the
out-of-memory killer would), two runs share one database, and the third writes to a full disk.

What must hold whatever happens: every claim of every readable document is written exactly
once, each failure is one `Error:` line, the exit code says whether anything failed, and no
process or temporary file is left behind.
"""

from __future__ import annotations

import itertools
import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from pressmine.cli.app import app
from processes import HAS_PROC, children, wait_gone

OLD = "直接经济损失12亿元，受灾人口300万人次。"
NEW = "直接经济损失34亿元，同比增长5%，紧急转移安置56万人次。"
# Early names may be read before the chaos starts, late ones surely are not: either way, the
# invariant must hold.
VANISH = ("001-vanish.txt", "990-vanish.txt")
CHANGE = ("002-change.txt", "991-change.txt")
LOCK = ("003-lock.txt", "992-lock.txt")


def _claims(*args: str, cwd: Path) -> dict[str, list[dict[str, Any]]]:
    """The claims of an undisturbed run, one process, by document (doc left out)."""
    os.chdir(cwd)
    result = CliRunner().invoke(app, ["extract", *args, "-f", "jsonl", "-j", "1"])
    assert result.exit_code == 0, result.output
    return _by_doc(result.stdout)


def _by_doc(jsonl: str) -> dict[str, list[dict[str, Any]]]:
    """Claims by document, checking each document comes as one run of lines (written once)."""
    claims = [json.loads(line) for line in jsonl.splitlines()]
    out: dict[str, list[dict[str, Any]]] = {}
    for doc, group in itertools.groupby(claims, key=lambda c: c["doc"]):
        assert doc not in out, f"{doc} written twice"
        out[doc] = [{k: v for k, v in c.items() if k != "doc"} for c in group]
    return out


@pytest.fixture
def full_disk(tmp_path: Path) -> Iterator[Path]:
    """An output file on a full disk: out.json, holding "old", on a 64 kB tmpfs (root), else
    /dev/full (which only shows the error, not that the old file stays)."""
    point = tmp_path / "small"
    point.mkdir()
    mount = ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(point)]
    if os.geteuid() == 0 and subprocess.run(mount, capture_output=True).returncode == 0:
        (point / "out.json").write_text("old")
        yield point / "out.json"
        subprocess.run(["umount", "-l", str(point)], check=True)
    elif Path("/dev/full").exists():
        yield Path("/dev/full")
    else:
        pytest.skip("no full disk to write to: neither a tmpfs nor /dev/full")


class Watcher(threading.Thread):
    """Every child process the runs start, noted as it appears (workers come and go)."""

    def __init__(self, parents: list[int]) -> None:
        super().__init__(daemon=True)
        self.parents = parents
        self.seen: set[int] = set()
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.wait(0.02):
            for parent in self.parents:
                self.seen.update(children(parent))


def _kill_a_worker_of_each(runs: list[int], timeout: float = 120) -> list[int]:
    """SIGKILL the first worker of each run the moment its pool is up (two workers)."""
    killed: dict[int, int] = {}
    deadline = time.monotonic() + timeout
    while len(killed) < len(runs):
        for run in runs:
            workers = children(run)
            if run not in killed and len(workers) >= 2:
                os.kill(workers[0], signal.SIGKILL)
                killed[run] = workers[0]
        assert time.monotonic() < deadline, f"no workers in time: {runs}, {killed}"
        time.sleep(0.005)
    return list(killed.values())


@pytest.mark.skipif(not HAS_PROC, reason="reads /proc")
def test_chaos(
    tmp_path: Path,
    repo_root: Path,
    full_disk: Path,
    bound: Callable[[], None] | None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "in"
    folder.mkdir()
    sources = sorted((repo_root / "tests" / "releases").glob("*.txt"))
    sources += sorted((repo_root / "samples").glob("*.txt"))
    for i, source in enumerate(sources * 3):  # long enough for the chaos to come mid-run
        (folder / f"{100 + i:03d}-{source.name}").write_bytes(source.read_bytes())
    for name in (*VANISH, *CHANGE, *LOCK):
        (folder / name).write_text(OLD, encoding="utf-8")
    (tmp_path / "new").mkdir()
    (tmp_path / "new" / "x.txt").write_text(NEW, encoding="utf-8")
    expected = _claims("in", cwd=tmp_path)
    old, new = expected[f"in/{VANISH[0]}"], _claims("new/x.txt", cwd=tmp_path)["new/x.txt"]
    assert old != new

    command = [sys.executable, "-m", "pressmine", "extract", "in", "-q"]
    runs = {
        "a": [*command, "-j", "2", "--db", "shared.sqlite", "-o", "a.jsonl"],
        "c": [*command, "-j", "2", "--db", "shared.sqlite", "-o", "c.jsonl"],
        "full": [*command, "-j", "1", "-o", str(full_disk)],
    }
    procs = {
        name: subprocess.Popen(args, stderr=subprocess.PIPE, preexec_fn=bound)
        for name, args in runs.items()
    }
    watcher = Watcher([p.pid for p in procs.values()])
    watcher.start()
    try:
        try:  # a worker of each run killed as soon as it is there, as the OOM killer would
            killed = _kill_a_worker_of_each([procs["a"].pid, procs["c"].pid])
        except (AssertionError, ProcessLookupError) as err:
            said = {
                name: (p.communicate(timeout=300)[1], p.returncode) for name, p in procs.items()
            }
            raise AssertionError(f"{err}: {said}") from None
        for name in VANISH:
            (folder / name).unlink()
        for name in CHANGE:  # atomically: a reader sees the old text or the new one
            (tmp_path / "new" / "x.txt").replace(folder / name)
            (tmp_path / "new" / "x.txt").write_text(NEW, encoding="utf-8")
        for name in LOCK:
            (folder / name).chmod(0)
        errors = {name: p.communicate(timeout=300)[1].decode() for name, p in procs.items()}
    finally:
        for p in procs.values():
            p.kill()
        watcher.done.set()
        watcher.join()
        for name in LOCK:
            (folder / name).chmod(0o644)

    # The two runs that share the database: every readable document once, every failure a line.
    problems = {"no such file or directory": VANISH, "permission denied": LOCK}
    for name in ("a", "c"):
        written = _by_doc(Path(f"{name}.jsonl").read_text(encoding="utf-8"))
        failed: dict[str, str] = {}
        for line in errors[name].splitlines():
            assert line.startswith("Error: in/"), line
            doc, problem = line.removeprefix("Error: ").split(": ", 1)
            assert doc not in failed, f"{doc}: two lines"
            failed[doc] = problem
        assert procs[name].returncode == (1 if failed else 0), errors[name]
        for doc, problem in failed.items():
            assert doc.removeprefix("in/") in problems[problem], f"{doc}: {problem}"
        assert set(written) | set(failed) == set(expected)
        assert not set(written) & set(failed)
        for doc, claims in written.items():
            if doc.removeprefix("in/") in CHANGE:
                assert claims in (old, new), doc
            else:
                assert claims == expected[doc], doc

    con = sqlite3.connect("shared.sqlite")
    assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    stored = dict(con.execute("SELECT path, claims FROM documents").fetchall())
    counted = con.execute(
        "SELECT d.path, count(c.id) FROM documents d LEFT JOIN claims c ON c.document_id = d.id "
        "GROUP BY d.id"
    ).fetchall()
    paths = [path for (path,) in con.execute("SELECT path FROM documents")]
    con.close()
    assert len(paths) == len(set(paths))  # each document once, whichever run stored it last
    assert dict(counted) == stored
    for doc in expected:
        if doc.removeprefix("in/") in CHANGE:
            assert stored[doc] in (len(old), len(new))
        elif doc.removeprefix("in/") not in (*VANISH, *LOCK):
            assert stored[doc] == len(expected[doc]), doc

    # The run that writes to a full disk: exit 1, and one line for it, after any for the files
    # that failed before it.
    *before, last = errors["full"].splitlines()
    assert (procs["full"].returncode, last) == (1, f"Error: {full_disk}: no space left on device")
    assert all(line.startswith("Error: in/") for line in before)
    if full_disk.name == "out.json":
        assert full_disk.read_text() == "old"
        assert [p.name for p in full_disk.parent.iterdir()] == ["out.json"]

    # Nothing left behind: no process, no temporary file, no database journal.
    assert wait_gone(sorted(watcher.seen | set(killed))) == []
    left = [p.name for p in tmp_path.rglob("*") if p.name.endswith((".tmp", "-wal", "-shm"))]
    assert left == []
