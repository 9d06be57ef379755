"""What a person sees at a terminal: the claims table at any width, and real runs in a
pseudo-terminal (the progress bar, the summary line, Ctrl-C)."""

from __future__ import annotations

import fcntl
import io
import json
import os
import re
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path
from typing import IO

import pytest
from rich.cells import cell_len

from pressmine import extract
from pressmine.batch.tasks import Part
from pressmine.cli.table import TableWriter, cells, fit

# --- the table ----------------------------------------------------------------------------------


def _table(text: str, path: str, monkeypatch: pytest.MonkeyPatch, columns: int) -> list[str]:
    monkeypatch.setenv("COLUMNS", str(columns))
    out = io.StringIO()
    claims = tuple(extract(text))
    TableWriter(out).write_part(Part(path, claims))
    return out.getvalue().splitlines()


@pytest.mark.parametrize("columns", [80, 100, 160])
def test_the_table_fits_and_keeps_each_claim_on_a_line(
    hans_path: Path, hans_text: str, monkeypatch: pytest.MonkeyPatch, columns: int
) -> None:
    lines = _table(hans_text, "samples/x.txt", monkeypatch, columns)
    assert lines[0] == "samples/x.txt  49 claims"
    assert lines[1].split() == ["text", "value", "unit", "subject", "change", "period"]
    assert all(cell_len(line) <= columns for line in lines)
    assert all(line == line.rstrip() for line in lines)  # no padding to the screen's width
    # Text, value and unit of each claim on one line, whole: only subject and period fold.
    for claim in extract(hans_text):
        text, value, unit, *_ = cells(claim)
        row = re.compile(rf"^{re.escape(text)} +{re.escape(value)}  {re.escape(unit)}")
        assert any(row.search(line) for line in lines), text


def test_a_subject_that_does_not_fit_folds_whole() -> None:
    # 关键智能制造装备与工业软件规模化: 32 cells, more than 80 columns leave for it.
    claim = next(c for c in extract("1700多项关键智能制造装备与工业软件规模化应用。") if c.subject)
    row = cells(claim)
    widths = fit([row], 60)
    assert widths is not None and widths[3] is not None and widths[3] < cell_len(claim.subject)
    assert fit([row], 200) == (None,) * 6  # room enough: as wide as it needs
    narrow = fit([row], 30)  # no room: subject and period get 4 cells, the rest stays whole
    assert narrow[:3] == widths[:3] and (narrow[3], narrow[5]) == (4, 4)


@pytest.mark.parametrize("columns", [30, 40, 50, 60])
def test_a_narrow_screen_never_cuts_a_number(
    hans_text: str, monkeypatch: pytest.MonkeyPatch, columns: int
) -> None:
    # Before, below about 60 columns, every column folded: 60,00 / 0,000 (issue 14).
    lines = _table(hans_text, "x.txt", monkeypatch, columns)
    for claim in extract(hans_text):
        text, value, unit, *_ = cells(claim)
        row = re.compile(rf"^{re.escape(text)} +{re.escape(value)}  {re.escape(unit)}")
        assert any(row.search(line) for line in lines), text
    assert len(lines) > 2 + len(extract(hans_text))  # subjects folded onto more lines


# --- real runs in a pseudo-terminal ---------------------------------------------------------------

CONTROL = re.compile(r"\x1b\[([0-9;?]*)([A-Za-z])|\x1b\][^\x07]*\x07|\r|\n")


def render(raw: str) -> list[str]:
    """The lines a terminal shows after `raw`, scrollback included: enough of a terminal for
    rich's output (text, line ends, carriage returns, erase line, cursor up and down)."""
    lines, row, col = [""], 0, 0
    pos = 0
    for m in [*CONTROL.finditer(raw), None]:
        text = raw[pos : m.start() if m else len(raw)]
        if text:
            line = lines[row]
            lines[row] = line[:col] + text + line[col + len(text) :]
            col += len(text)
        if m is None:
            break
        pos = m.end()
        code, arg = m.group(0), m.group(1) or ""
        if code == "\n":
            row, col = row + 1, 0
            if row == len(lines):
                lines.append("")
        elif code == "\r":
            col = 0
        elif m.group(2) == "K":
            lines[row] = "" if arg == "2" else lines[row][:col]
        elif m.group(2) == "A":
            row = max(0, row - int(arg or 1))
        elif m.group(2) == "B":
            row = min(len(lines) - 1, row + int(arg or 1))
        elif m.group(2) == "G":
            col = int(arg or 1) - 1
    return [line.rstrip() for line in lines]


class Terminal:
    """`pressmine extract ARGS` with stdin, stderr and (unless redirected) stdout on a pseudo-
    terminal `columns` wide, in a session of its own, as in a shell's window."""

    def __init__(
        self, cwd: Path, *args: str, columns: int = 100, stdout: IO[bytes] | None = None
    ) -> None:
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, columns, 0, 0))
        unset = ("COLUMNS", "LINES", "NO_COLOR", "FORCE_COLOR", "TTY_COMPATIBLE")
        env = {k: v for k, v in os.environ.items() if k not in unset}
        env["TERM"] = "xterm-256color"
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "pressmine", "extract", *args],
            cwd=cwd,
            stdin=slave,
            stdout=slave if stdout is None else stdout,
            stderr=slave,
            env=env,
            start_new_session=True,  # its own process group, as a shell's job
        )
        os.close(slave)
        self.master = master
        self.raw = b""

    def read(self, until: re.Pattern[str] | None = None, timeout: float = 120) -> bool:
        """Read what the screen shows, to the end or until `until` is found in it."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if until is not None and until.search(self.written):
                return True
            ready, _, _ = select.select([self.master], [], [], 0.1)
            if not ready:
                continue
            try:
                chunk = os.read(self.master, 65536)
            except OSError:  # EIO: the other side is closed
                chunk = b""
            if not chunk:
                return until is None
            self.raw += chunk
        return False

    @property
    def written(self) -> str:
        """All that was written, colours and cursor moves left out: every frame of the bar."""
        return CONTROL.sub(lambda m: m.group(0) if m.group(0) in "\r\n" else "", self.text)

    @property
    def text(self) -> str:
        return self.raw.decode("utf-8", "replace")

    @property
    def screen(self) -> str:
        """What the terminal shows in the end, scrollback included."""
        return "\n".join(render(self.text)).strip("\n")

    def ctrl_c(self) -> None:
        """What the terminal does on Ctrl-C: SIGINT to every process of the foreground job."""
        os.killpg(self.proc.pid, signal.SIGINT)

    def finish(self) -> int:
        self.read()
        try:
            code = self.proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()
            pytest.fail(f"the run hung; the screen:\n{self.screen[-2000:]}")
        finally:
            os.close(self.master)
        with pytest.raises(ProcessLookupError):
            os.killpg(self.proc.pid, 0)  # no worker left behind
        return code


pytestmark_linux = pytest.mark.skipif(sys.platform != "linux", reason="a Linux pseudo-terminal")


@pytest.fixture
def archive(tmp_path: Path, repo_root: Path) -> Path:
    """archive/: copies of the samples and test releases, plus one binary file."""
    sources = sorted((repo_root / "samples").glob("*.txt"))
    sources += sorted((repo_root / "tests" / "releases").glob("*.txt"))
    folder = tmp_path / "archive"
    folder.mkdir()
    for i in range(600):
        source = sources[i % len(sources)]
        (folder / f"{i:03d}-{source.name}").write_bytes(source.read_bytes())
    (folder / "100-broken.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    return folder


SUMMARY = re.compile(r"^(Done|Interrupted): ([\d,]+) files?, ([\d,]+) claims?, (\d+) errors?, ")


def _summary(screen: str) -> tuple[str, int, int, int]:
    found = [m for line in screen.splitlines() if (m := SUMMARY.search(line))]
    assert len(found) == 1, screen[-2000:]
    label, files, claims, errors = found[0].groups()
    return label, int(files.replace(",", "")), int(claims.replace(",", "")), int(errors)


@pytestmark_linux
def test_a_table_at_a_terminal(repo_root: Path, hans_text: str) -> None:
    term = Terminal(repo_root, "samples/miit-2025-results-zh-hans.txt", columns=80)
    assert term.finish() == 0
    lines = term.screen.splitlines()
    assert lines[0] == "samples/miit-2025-results-zh-hans.txt  49 claims"
    assert lines[1].split() == ["text", "value", "unit", "subject", "change", "period"]
    assert all(cell_len(line) <= 80 for line in lines)
    assert any(re.match(r"突破1\.2万亿元 +> 1,200,000,000,000  元 ", line) for line in lines)
    assert _summary(term.screen) == ("Done", 1, 49, 0)
    assert "Traceback" not in term.screen


@pytestmark_linux
def test_a_folder_shows_progress_errors_and_a_summary(archive: Path) -> None:
    term = Terminal(archive.parent, "archive", "-o", "claims.jsonl", "-j", "2")
    assert term.finish() == 1
    screen = term.screen
    bar = re.findall(r"(\d+)/(\d+) files ([\d,]+) claims", term.written)
    assert bar, term.written[-2000:]  # the bar showed, and the total the counter found
    assert not re.search(r"files .* claims", screen)  # and went when the run was done
    assert {total for _, total, _ in bar} == {"601"}
    assert "Error: archive/100-broken.txt: not text: binary data (NUL bytes)" in screen
    claims = (archive.parent / "claims.jsonl").read_text(encoding="utf-8").splitlines()
    assert _summary(screen) == ("Done", 601, len(claims), 1)


@pytestmark_linux
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_ctrl_c_writes_what_is_finished_and_exits_130(
    archive: Path, tmp_path: Path, jobs: str
) -> None:
    started = re.compile(r"[1-9]\d*/\d+ files")
    # JSONL into a pipe (a file here): every finished document is in it, whole.
    with open(tmp_path / "stdout.jsonl", "wb") as stdout:
        term = Terminal(archive.parent, "archive", "-f", "jsonl", "-j", jobs, stdout=stdout)
        assert term.read(until=started), term.screen[-2000:]
        term.ctrl_c()
        assert term.finish() == 130
    lines = (tmp_path / "stdout.jsonl").read_text(encoding="utf-8").splitlines()
    claims = [json.loads(line) for line in lines]  # no half line
    label, files, count, _ = _summary(term.screen)
    assert (label, count) == ("Interrupted", len(claims))
    assert 0 < files < 601 and len({c["doc"] for c in claims}) <= files
    assert "Traceback" not in term.screen

    # -o FILE: left as it was, and no temporary file beside it.
    out = tmp_path / "out.json"
    out.write_text("old")
    term = Terminal(archive.parent, "archive", "-o", str(out), "-j", jobs)
    assert term.read(until=started), term.screen[-2000:]
    term.ctrl_c()
    assert term.finish() == 130
    assert out.read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["archive", "out.json", "stdout.jsonl"]
    assert f"({out} left as it was)" in term.screen.splitlines()[-1]
