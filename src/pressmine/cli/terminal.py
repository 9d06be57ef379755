"""What people see at a terminal, drawn with rich: the claims table, the progress bar, the summary
line, `Error:`/`Note:` lines and the packs table. Only the command line uses this module.

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
from collections.abc import Callable, Iterable, Iterator
from itertools import chain
from typing import TYPE_CHECKING, Any, TextIO

from pressmine.claim import Claim, json_number
from pressmine.text.documents import STDIN, count_files, paths_from

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress
    from rich.segment import Segment

    from pressmine.batch.runner import Outcome
    from pressmine.batch.tasks import Part
    from pressmine.packs.model import PackSet

QUALIFIER_MARKS = {"over": ">", "approx": "≈", "under": "<", "at_least": "≥", "at_most": "≤"}
CHANGE_MARKS = {"increase": ("↑", "green"), "decrease": ("↓", "red")}
COLUMNS = ("text", "value", "unit", "subject", "change", "period")


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
    (console or stderr_console()).print(Text.assemble((label, style), " ", message))


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


# --- the claims table ---------------------------------------------------------------------------


class TableWriter:
    """Claims as a table per document, for people: the text, its value, what it measures.
    A `runner.Sink`."""

    def __init__(self, stream: TextIO, screen: Screen | None = None) -> None:
        from rich.console import Console

        self.console = Console(file=stream, highlight=False)
        self.screen = screen

    def write_part(self, part: Part) -> None:
        if self.screen is None:
            self._draw(part)
        else:
            self.screen.on_stdout(self._draw, part)

    def _draw(self, part: Part) -> None:
        from rich import box
        from rich.segment import Segments
        from rich.table import Table
        from rich.text import Text

        if part.problem is not None or (not part.claims and not part.first):
            return
        title = Text("(stdin)" if part.path == STDIN else part.path, style="bold")
        if not part.first:
            title.append("  (continued)", style="dim")
        elif part.last:
            title.append(f"  {plural(len(part.claims), 'claim')}", style="dim")
        self.console.print(title)  # not the table's title: rich pads that with spaces
        if not part.claims:
            return
        rows = [cells(claim) for claim in part.claims]
        widths = fit(rows, self.console.width)
        # Two spaces between columns; the text, value, unit and change of a claim on one line.
        table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, collapse_padding=True)
        for i, name in enumerate(COLUMNS):
            table.add_column(
                name,
                justify="right" if name == "value" else "left",
                style=_STYLES.get(name),
                width=widths[i] if widths else None,
                min_width=None if widths else _MIN_WIDTHS.get(name),
                no_wrap=widths is not None and name in _ONE_LINE,
                overflow="fold",  # Chinese has no spaces to wrap at: fold, never cut short
            )
        for row in rows:
            table.add_row(*row)
        # Without the spaces rich pads each line with: a table in a file stays tidy.
        lines = self.console.render_lines(table, pad=False, new_lines=False)
        self.console.print(Segments(_trimmed(lines)), end="")

    def close(self) -> None:
        self.console.file.flush()


def _trimmed(lines: list[list[Segment]]) -> Iterator[Segment]:
    from rich.segment import Segment

    for line in lines:
        while line and not line[-1].control and not line[-1].text.rstrip():
            line.pop()
        if line and not line[-1].control:
            line[-1] = Segment(line[-1].text.rstrip(), line[-1].style)
        yield from line
        yield Segment.line()


_STYLES = {"value": "bold", "subject": "cyan"}
_ONE_LINE = ("text", "value", "unit", "change")  # short; the subject and period fold
_MIN_WIDTHS = {"text": 6, "unit": 4, "subject": 8, "period": 6}
_GAP = 2


def fit(rows: list[tuple[Any, ...]], width: int) -> tuple[int | None, ...] | None:
    """Column widths for `rows` on a screen `width` cells wide (None: as wide as it needs), or
    None when the screen is too narrow for that and every column must fold.

    A table that fits is drawn as it is. One that does not keeps the text, value, unit and
    change of a claim on one line each and folds the subject and the period into what is left,
    the subject getting more.

    >>> fit([("483.8万座", "4,838,000", "座", "5G基站", "", "2025年")], 80)
    (None, None, None, None, None, None)
    >>> fit([("突破1.2万亿元", "> 1,200,000,000,000", "元", "关键智能制造装备与工业软件规模化",
    ...       "↑ 同比", "截至2025年6月15日")], 80)
    (13, 19, 4, 17, 6, 11)
    >>> fit([("3起", "3", "起", "事故", "", "2025年1月1日至2025年12月31日" * 2)], 60)
    (4, 5, 4, 7, 6, 24)
    """
    from rich.cells import cell_len
    from rich.text import Text

    def cell_width(cell: Any) -> int:
        text = cell if isinstance(cell, Text) else Text(str(cell))
        return max((cell_len(line) for line in text.plain.splitlines()), default=0)

    natural = [
        max([len(name), *(cell_width(row[i]) for row in rows)]) for i, name in enumerate(COLUMNS)
    ]
    if sum(natural) + _GAP * (len(COLUMNS) - 1) <= width:
        return (None,) * len(COLUMNS)
    fixed = natural[0] + natural[1] + natural[2] + natural[4]
    left = width - fixed - _GAP * (len(COLUMNS) - 1)
    if left < 16:  # subject and period would be slivers
        return None
    period = min(natural[5], max(8, left * 2 // 5))
    subject = min(natural[3], left - period)
    period = min(natural[5], left - subject)  # what a short subject leaves
    return (natural[0], natural[1], natural[2], subject, natural[4], period)


def cells(claim: Claim) -> tuple[Any, ...]:
    """A claim's row: text, value (with its qualifier's mark), unit, subject, change, period."""
    from rich.text import Text

    value = format_number(claim.value)
    if claim.value_max is not None:
        value += f"–{format_number(claim.value_max)}"
    mark = QUALIFIER_MARKS.get(claim.qualifier)
    change = Text()
    if claim.change in CHANGE_MARKS:
        arrow, colour = CHANGE_MARKS[claim.change]
        change.append(arrow, style=colour)
        if claim.basis:
            change.append(f" {claim.basis}")
    return (
        claim.text,
        f"{mark} {value}" if mark else value,
        claim.unit,
        claim.subject or "",
        change,
        claim.period or "",
    )


# --- stderr: progress, messages, summary --------------------------------------------------------


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


# --- other commands -----------------------------------------------------------------------------


def packs_table(packs: PackSet) -> None:
    """`pressmine packs list`: every pack, its rules, embedded examples and source file."""
    from rich import box
    from rich.console import Console
    from rich.segment import Segments
    from rich.table import Table

    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, collapse_padding=True)
    for col in ("pack", "rules", "examples", "source"):
        table.add_column(col, justify="right" if col in ("rules", "examples") else "left")
    for p in packs.packs:
        table.add_row(p.name, str(len(p.rules)), str(sum(len(r.examples) for r in p.rules)), p.path)
    console = Console(soft_wrap=True)
    console.print(Segments(_trimmed(console.render_lines(table, pad=False))), end="")
