"""What people see on stderr at a terminal, drawn with rich: the progress bar, the summary line
and `Error:`/`Note:` lines; and how a number is written for people. Only the command line uses
this module (the tables are table.py's).

rich is imported where it is first needed, not with this module: `pressmine --help` and
`pressmine packs list` start without rich.progress, and a run into a pipe with `--quiet` without
any of rich.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
import time
from collections.abc import Callable, Iterable
from itertools import chain
from typing import TYPE_CHECKING, Any

from pressmine.claim import json_number
from pressmine.text.documents import count_files, paths_from, printable

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress

    from pressmine.batch.runner import Outcome


def is_tty(stream: Any) -> bool:
    """Whether `stream` is a terminal that can take a table or a progress bar."""
    # The stream itself, not FORCE_COLOR: forcing colour must not turn JSON into a table.
    try:
        return bool(stream.isatty()) and os.environ.get("TERM") != "dumb"
    except (AttributeError, ValueError):
        return False


def stderr_console() -> Console:
    """A console on stderr as it is now (tests swap sys.stderr), one message a line."""
    from rich.console import Console

    # soft_wrap keeps a long message on one line; rich drops the colour when stderr is not a
    # terminal or NO_COLOR is set.
    return Console(stderr=True, soft_wrap=True, highlight=False)


def report(label: str, message: str, console: Console | None = None) -> None:
    """One `Error: …` or `Note: …` line on stderr (through `console` when a bar is showing, so
    that the line goes above it). The message is plain text: [brackets] in a path are safe."""
    from rich.text import Text

    style = {"Error:": "bold red", "Note:": "yellow"}.get(label, "bold")
    # printable: a file name that is not UTF-8 is written as it is in the output (caf\xe9.txt).
    (console or stderr_console()).print(Text.assemble((label, style), " ", printable(message)))


def format_number(value: Any) -> str:
    """A claim's value for people: thousands separated, no exponent, no trailing zeros.

    >>> from decimal import Decimal
    >>> [format_number(Decimal(x)) for x in ("4838000", "6.70", "1.2E+12", "0.001")]
    ['4,838,000', '6.7', '1,200,000,000,000', '0.001']
    """
    number = json_number(value)
    return f"{number:,}" if isinstance(number, int) else f"{number:,.10g}"


def plural(n: int, noun: str) -> str:
    """`1 file`, `2,003 files`."""
    return f"{n:,} {noun}" + ("" if n == 1 else "s")


class Screen:
    """stderr for people (a `runner.Screen`): a progress bar when `enabled` (stderr is a
    terminal and not --quiet), notes and errors above it, a summary line at the end, and tables
    on stdout drawn without tearing the bar when both share the terminal."""

    DELAY = 0.5  # seconds: a run that is over sooner shows no bar at all, not a flash of one

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self._created = time.monotonic()
        self._console: Console | None = None
        self._progress: Progress | None = None
        self._task: Any = None
        self._count: tuple[list[str], str | None, list[str]] | None = None

    @property
    def console(self) -> Console:
        if self._console is None:
            self._console = stderr_console()
        return self._console

    def count_later(self, paths: list[str], listed: str | None, globs: list[str]) -> None:
        """Count the files in a thread once the bar shows, for its total and ETA. Names are
        counted, not held: a second walk costs little next to reading every file."""
        self._count = (paths, listed, globs)

    def start(self) -> None:
        """Show the bar, from the first finished part on (the workers are forked by then, and
        the bar's threads must start after them) once the run has taken `DELAY`."""
        if not self.enabled or self._progress is not None:
            return
        if time.monotonic() - self._created < self.DELAY:
            return
        self._progress = _progress(self.console)
        self._task = self._progress.add_task("extract", total=None, claims=0)
        self._progress.start()
        if self._count is not None:
            threading.Thread(target=self._counter, args=self._count, daemon=True).start()
            self._count = None

    def _counter(self, paths: list[str], listed: str | None, globs: list[str]) -> None:
        with contextlib.suppress(OSError), contextlib.ExitStack() as stack:
            names: Iterable[str] = paths
            if listed is not None:
                names = chain(paths, paths_from(stack.enter_context(open(listed, "rb"))))
            total = count_files(names, globs)
            progress = self._progress
            if progress is not None:
                progress.update(self._task, total=total)

    def advance(self, files: int, claims: int) -> None:
        if self._progress is not None:
            self._progress.update(self._task, completed=files, claims=claims)

    def report(self, label: str, message: str) -> None:
        report(label, message, self.console)

    def on_stdout(self, draw: Callable[[Any], None], arg: Any) -> None:
        """Draw on stdout; when the bar is on the same screen, lift it off first."""
        if self._progress is None or not is_tty(sys.stdout):
            draw(arg)
            return
        self._progress.stop()  # transient: the bar is erased
        draw(arg)
        self._progress.start()

    def stop(self) -> None:
        if self._progress is not None:
            self._progress.stop()
            self._progress = None

    def summary(self, outcome: Outcome, seconds: float, kept: str | None = None) -> None:
        """The line that ends a run on a terminal: `Done: 12 files, 315 claims, 0 errors, 3.1 s`;
        `kept`: the output file that an interrupted run left as it was."""
        if self.enabled:
            counts = [plural(outcome.files, "file"), plural(outcome.claims, "claim")]
            counts.append(plural(outcome.errors, "error"))
            label = "Interrupted:" if outcome.interrupted else "Done:"
            end = f" ({kept} left as it was)" if kept else ""
            self.report(label, f"{', '.join(counts)}, {seconds:.1f} s{end}")


def _progress(console: Console) -> Progress:
    """The bar: spinner, bar, files done of how many, claims, files/s, time left."""
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        ProgressColumn,
        SpinnerColumn,
        Task,
        TextColumn,
        TimeRemainingColumn,
    )
    from rich.text import Text

    class Speed(ProgressColumn):
        """Files a second (over the last 30 s)."""

        def render(self, task: Task) -> Text:
            speed = task.finished_speed or task.speed
            return Text(f"{speed:,.1f} files/s" if speed else "", style="progress.data.speed")

    return Progress(
        SpinnerColumn(),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("files"),
        TextColumn("{task.fields[claims]:,} claims"),
        Speed(),
        TimeRemainingColumn(),
        console=console,
        transient=True,  # the summary line takes its place
    )
