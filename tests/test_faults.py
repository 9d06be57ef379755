"""Faults a run meets, through the command line (issue 14): processes killed, a database two runs
share, a full disk, odd names and numbers, broken packs. Whatever happens, nothing finished is
lost, each failure is one `Error:` line, and no process or temporary file is left behind.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from pressmine.batch import tasks
from pressmine.cli.app import app
from pressmine.io.db import ClaimStore
from processes import HAS_PROC, survivors_of_kill_9


def run(*args: str, stdin: bytes | None = None) -> Result:
    env = {"NO_COLOR": "1", "FORCE_COLOR": None, "TTY_COMPATIBLE": None}
    return CliRunner().invoke(app, list(args), input=stdin, env=env)


def jsonl(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines()]


@pytest.fixture
def releases(tmp_path: Path, repo_root: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """rel/ with the test releases and samples, twice over, under numbered names; the cwd set
    to the folder that holds it."""
    sources = sorted((repo_root / "tests" / "releases").glob("*.txt"))
    sources += sorted((repo_root / "samples").glob("*.txt"))
    (tmp_path / "rel").mkdir()
    for i, source in enumerate(sources * 2):
        (tmp_path / "rel" / f"{i:03d}-{source.name}").write_bytes(source.read_bytes())
    monkeypatch.chdir(tmp_path)
    return tmp_path / "rel"


def first(releases: Path) -> str:
    """The first release, as a path from the folder that holds rel/."""
    return f"rel/{min(p.name for p in releases.iterdir())}"


# --- a worker killed (the out-of-memory killer) ---------------------------------------------------

KILLER = "这份文件会杀死读它的进程。"


@pytest.fixture
def killing_document(releases: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """rel/005-killer.txt, whose reading kills the worker process every time (SIGKILL, as the
    out-of-memory killer sends). The patch reaches the workers because they are forked."""
    real_extract = tasks.extract

    def extract_or_die(text: str, packs: Any = None, **options: Any) -> Any:
        if KILLER in text:
            os.kill(os.getpid(), signal.SIGKILL)
        return real_extract(text, packs, **options)

    monkeypatch.setattr(tasks, "extract", extract_or_die)
    path = releases / "005-killer.txt"
    path.write_text(KILLER + "已建成5G基站483.8万座。", encoding="utf-8")
    return path


@pytest.mark.skipif(sys.platform != "linux", reason="fork keeps the patch")
@pytest.mark.parametrize("db", [False, True], ids=["json", "db"])
def test_a_document_that_kills_its_worker_is_one_error_and_the_rest_is_written(
    killing_document: Path, db: bool
) -> None:
    # Before: "a worker process died", and the run stopped with what was done so far.
    args = ["extract", "rel", "-f", "jsonl", "--jobs", "2"] + (["--db", "c.sqlite"] if db else [])
    result = run(*args)
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: rel/005-killer.txt: a worker process died on it twice (out of memory, or killed)\n"
    )
    killing_document.unlink()
    alone = run("extract", "rel", "-f", "jsonl", "--jobs", "1")
    assert result.stdout == alone.stdout  # every other claim, once, in order
    if db:
        con = sqlite3.connect("c.sqlite")
        stored = con.execute("SELECT count(*) FROM claims").fetchone()[0]
        docs = con.execute("SELECT count(*) FROM documents").fetchone()[0]
        con.close()
        assert (docs, stored) == (
            len(list(killing_document.parent.iterdir())),
            len(jsonl(alone.stdout)),
        )


# --- the main process killed (kill -9) ------------------------------------------------------------


@pytest.mark.skipif(not HAS_PROC, reason="reads /proc")
def test_kill_9_of_the_main_process_ends_its_workers_and_the_next_run_cleans_up(
    releases: Path,
) -> None:
    # Before: the workers lived on for ever (about 100 MB each), and the temporary file of
    # -o stayed.
    out = releases.parent / "out.json"
    out.write_text("old")
    main = subprocess.Popen(
        [sys.executable, "-m", "pressmine", "extract", "rel", "-j", "2", "-o", "out.json"],
        stderr=subprocess.DEVNULL,  # a pipe would stay open as long as any worker lives
    )
    assert survivors_of_kill_9(main) == []
    assert out.read_text() == "old"
    stale = list(releases.parent.glob(".out.json.*.tmp"))
    assert len(stale) == 1  # a dead run's, which no one can remove but the next run
    result = run("extract", first(releases), "-o", "out.json")
    assert (result.exit_code, result.stderr) == (0, "")
    assert json.loads(out.read_text())
    assert sorted(p.name for p in releases.parent.iterdir()) == ["out.json", "rel"]


def test_the_temporary_file_of_a_live_run_is_left_alone(releases: Path) -> None:
    # Two runs writing the same -o at once: the second must not take the first one's
    # temporary file for a dead run's.
    from pressmine.io.output import AtomicFile

    with AtomicFile("out.json") as live:
        live.stream.write("[]\n")
        result = run("extract", first(releases), "-o", "out.json")
        assert result.exit_code == 0
        live.commit()
    assert json.loads((releases.parent / "out.json").read_text()) == []  # the last one in
    assert sorted(p.name for p in releases.parent.iterdir()) == ["out.json", "rel"]


# --- a full disk ----------------------------------------------------------------------------------


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Callable[[str], Path]]:
    """Mounts a small file system (tmpfs) of the size asked for ("64k"), removed after the test."""
    if sys.platform != "linux" or os.geteuid() != 0:
        pytest.skip("mounting a tmpfs takes root on Linux")
    mounted: list[Path] = []

    def mount(size: str) -> Path:
        point = tmp_path / f"disk-{len(mounted)}"
        point.mkdir()
        command = ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(point)]
        done = subprocess.run(command, capture_output=True)
        if done.returncode != 0:
            pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
        mounted.append(point)
        return point

    yield mount
    for point in mounted:
        subprocess.run(["umount", "-l", str(point)], check=True)


def _extract_process(
    *args: str, stdout: Any = subprocess.PIPE
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "pressmine", "extract", *args],
        stdout=stdout,
        stderr=subprocess.PIPE,
        timeout=300,
    )


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("to", ["stdout", "stdout-json", "-o"])
def test_a_full_disk_is_one_error_line_and_exit_1(releases: Path, to: str) -> None:
    # Before: a traceback, OSError: [Errno 28]. JSON, the default off a terminal, writes its
    # opening bracket as the output is opened: the error then named "None".
    if to.startswith("stdout"):
        fmt = "jsonl" if to == "stdout" else "json"
        with open("/dev/full", "w") as full:
            proc = _extract_process("rel", "-f", fmt, stdout=full)
        expected = b"Error: stdout: no space left on device\n"
    else:
        proc = _extract_process("rel", "-o", "/dev/full")
        expected = b"Error: /dev/full: no space left on device\n"
    assert (proc.returncode, proc.stderr) == (1, expected)


def test_an_output_file_on_a_full_disk_stays_as_it_was(
    releases: Path, small_disk: Callable[[str], Path]
) -> None:
    disk = small_disk("64k")  # room for a few claims only
    (disk / "out.json").write_text("old")
    result = run("extract", "rel", "-o", str(disk / "out.json"))
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == f"Error: {disk}/out.json: no space left on device\n"
    assert (disk / "out.json").read_text() == "old"
    assert [p.name for p in disk.iterdir()] == ["out.json"]  # no temporary file left


def test_a_database_on_a_full_disk_keeps_what_it_stored(
    releases: Path, small_disk: Callable[[str], Path]
) -> None:
    db = small_disk("256k") / "c.sqlite"  # the schema, and a few documents
    result = run("extract", "rel", "--db", str(db), "-j", "1")
    assert (result.exit_code, result.stderr) == (1, f"Error: {db}: database or disk is full\n")
    con = sqlite3.connect(db)
    stored = con.execute("SELECT path, claims FROM documents ORDER BY id").fetchall()
    counts = con.execute("SELECT document_id, count(*) FROM claims GROUP BY 1").fetchall()
    con.close()
    assert stored, "the documents before the disk filled up are kept"
    assert [n for _, n in stored] == [n for _, n in counts]  # each one whole


# --- --db and -o the same file --------------------------------------------------------------------


@pytest.mark.parametrize("exists", [False, True], ids=["new", "existing"])
def test_db_and_output_naming_one_file_are_refused_before_anything_is_written(
    releases: Path, exists: bool
) -> None:
    # Before: the JSON was renamed over the database, which was destroyed.
    if exists:
        assert run("extract", first(releases), "--db", "x").exit_code == 0
    before = Path("x").read_bytes() if exists else None
    os.symlink("x", "link-to-x")
    for output in ("x", "./x", "link-to-x"):
        result = run("extract", "rel", "--db", "x", "-o", output)
        assert (result.exit_code, result.stdout) == (2, "")
        assert "Error: --db and --output name the same file: x" in result.stderr
    assert (Path("x").read_bytes() if exists else Path("x").exists()) == (
        before if exists else False
    )


# --- names that are not UTF-8 ---------------------------------------------------------------------

NAME = os.fsdecode(b"caf\xe9.txt")  # Latin-1 bytes: what Python reads as a lone surrogate


@pytest.mark.skipif(sys.platform == "darwin", reason="macOS file names are always UTF-8")
def test_a_name_that_is_not_utf8_is_written_the_same_way_everywhere(releases: Path) -> None:
    # Before: JSON on stdout worked; -o and --db died with UnicodeEncodeError tracebacks.
    (releases.parent / "docs").mkdir()
    (releases.parent / "docs" / NAME).write_text("已建成5G基站483.8万座。", encoding="utf-8")
    shown = "docs/caf\\xe9.txt"  # each byte that is not UTF-8 as \xNN
    for out in ("out.json", "out.csv"):
        result = run("extract", "docs", "-o", out, "--db", "c.sqlite")
        assert (result.exit_code, result.stderr) == (0, "")
    assert [c["doc"] for c in json.loads(Path("out.json").read_text(encoding="utf-8"))] == [shown]
    assert Path("out.csv").read_text(encoding="utf-8").splitlines()[1].startswith(shown + ",")
    con = sqlite3.connect("c.sqlite")
    assert con.execute("SELECT path FROM documents").fetchall() == [(shown,)]
    assert con.execute("SELECT doc FROM claims").fetchall() == [(shown,)]
    con.close()
    stdout = run("extract", "docs", "-f", "jsonl")
    assert [c["doc"] for c in jsonl(stdout.stdout)] == [shown]
    missing = run("extract", os.fsdecode(b"gone\xff.txt"))
    assert missing.stderr == "Error: gone\\xff.txt: no such file or directory\n"


# --- numbers no release reports -------------------------------------------------------------------

HUGE = "直接经济损失12亿元，另有" + "9" * 5000 + "元未计入，同比增长5%。"


@pytest.mark.parametrize("db", [False, True], ids=["json", "db"])
def test_a_number_of_5000_digits_is_skipped_and_nothing_else(releases: Path, db: bool) -> None:
    # Before: "ValueError: Exceeds the limit (4300 digits)" for the document; with --db an
    # OverflowError traceback, and nothing of the run stored.
    Path("huge.txt").write_text(HUGE, encoding="utf-8")
    Path("plain.txt").write_text(HUGE.replace("9" * 5000, "若干"), encoding="utf-8")
    sample = first(releases)
    args = ["extract", sample, "huge.txt", "-f", "jsonl", "-j", "2"]
    result = run(*args, *(["--db", "c.sqlite"] if db else []))
    assert (result.exit_code, result.stderr) == (0, "")
    claims = jsonl(result.stdout)
    huge = [(c["text"], c["value"]) for c in claims if c["doc"] == "huge.txt"]
    plain = [
        (c["text"], c["value"]) for c in jsonl(run("extract", "plain.txt", "-f", "jsonl").stdout)
    ]
    assert huge == plain == [("12亿元", 1200000000), ("5%", 5)]
    assert len(claims) - len(huge) == len(jsonl(run("extract", sample, "-f", "jsonl").stdout))
    if db:
        con = sqlite3.connect("c.sqlite")
        assert con.execute("SELECT count(*) FROM claims").fetchone()[0] == len(claims)
        con.close()


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("1234567890123456789012345678", 1234567890123456789012345678),  # 28 digits: exact
        ("12345678901234567890.12345678", 12345678901234567890.12345678),  # a float in JSON
        ("12345678901234567890123456789", None),  # 29: rounded before, now skipped
        ("99999999999999999999万亿", None),  # 32 digits once the scale is applied
        ("1e99999999", None),  # read in full before: minutes and gigabytes
        ("0." + "0" * 30 + "1", None),
    ],
    ids=["28-digits", "28-with-decimals", "29-digits", "scaled-past-28", "huge-exponent", "tiny"],
)
def test_numbers_are_kept_exactly_or_skipped(written: str, value: float | None) -> None:
    result = run("extract", "-", "-f", "jsonl", stdin=f"损失{written}元。".encode())
    assert (result.exit_code, result.stderr) == (0, "")
    assert [c["value"] for c in jsonl(result.stdout)] == ([] if value is None else [value])


# --- no traceback, ever ---------------------------------------------------------------------------

BUG_SCRIPT = """
import sys
from pressmine.cli import app, extract

def broken(*args, **kwargs):
    raise TypeError("something pressmine did not expect")

extract._run = broken  # a bug outside any one document
sys.argv = ["pressmine", *sys.argv[1:]]
app.main()
"""


@pytest.mark.parametrize(
    ("args", "stdout", "message"),
    [
        (
            ["extract", "-"],
            None,
            "pressmine failed (TypeError: something pressmine did not "
            "expect); please report it, with the command run",
        ),
        (["packs", "list"], "/dev/full", "stdout: no space left on device"),
        (["explain", "增长5%"], "/dev/full", "stdout: no space left on device"),
        (["--help"], "/dev/full", "stdout: no space left on device"),
    ],
    ids=["bug", "packs-list", "explain", "help"],
)
def test_what_no_command_catches_is_one_error_line(
    tmp_path: Path, args: list[str], stdout: str | None, message: str
) -> None:
    (tmp_path / "bug.py").write_text(BUG_SCRIPT, encoding="utf-8")
    command = (
        [sys.executable, str(tmp_path / "bug.py")]
        if stdout is None
        else [sys.executable, "-m", "pressmine"]
    )
    with open(stdout or os.devnull, "w") as out:
        proc = subprocess.run([*command, *args], input=b"", stdout=out, stderr=subprocess.PIPE)
    assert (proc.returncode, proc.stderr.decode()) == (1, f"Error: {message}\n")


def test_a_bug_met_with_one_document_in_the_main_process_is_that_documents_error(
    releases: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_add = ClaimStore.add_claims
    victim = f"rel/{sorted(p.name for p in releases.iterdir())[3]}"

    def add_or_fail(store: ClaimStore, claims: Any) -> None:
        claims = list(claims)
        if claims and claims[0].doc == victim:
            raise OverflowError("int too large to convert to float")
        real_add(store, claims)

    monkeypatch.setattr(ClaimStore, "add_claims", add_or_fail)
    result = run("extract", "rel", "--db", "c.sqlite", "-j", "2")
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: {victim}: pressmine failed on this document "
        "(OverflowError: int too large to convert to float); please report\n"
    )
    con = sqlite3.connect("c.sqlite")
    paths = [p for (p,) in con.execute("SELECT path FROM documents ORDER BY id")]
    con.close()
    assert len(paths) == len(list(releases.iterdir())) - 1 and victim not in paths


# --- a folder that cannot be read -----------------------------------------------------------------


def test_an_unreadable_folder_is_one_line(releases: Path, bound: Callable[[], None] | None) -> None:
    # Before: "permission denied", then a misleading "no files matching *.txt in this folder".
    sample = first(releases)
    (releases.parent / "locked" / "inner").mkdir(parents=True)
    (releases.parent / "locked" / "inner" / "a.txt").write_text("483.8万座", encoding="utf-8")
    (releases.parent / "locked" / "inner").chmod(0)
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "pressmine", "extract", "locked", sample, "-f", "jsonl"],
            capture_output=True,
            preexec_fn=bound,
            timeout=120,
        )
    finally:
        (releases.parent / "locked" / "inner").chmod(0o755)
    assert (proc.returncode, proc.stderr) == (1, b"Error: locked/inner: permission denied\n")
    assert {c["doc"] for c in jsonl(proc.stdout.decode())} == {sample}
