"""Tables for people, drawn with rich: the claims of each document (`pressmine extract` at a
terminal, or --format table) and the packs (`pressmine packs list`). rich is imported when a
table is first drawn."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any, TextIO

from pressmine.claim import Claim
from pressmine.cli.terminal import Screen, format_number, plural
from pressmine.text.documents import STDIN

if TYPE_CHECKING:
    from rich.segment import Segment

    from pressmine.batch.tasks import Part
    from pressmine.packs.model import PackSet


QUALIFIER_MARKS = {"over": ">", "approx": "≈", "under": "<", "at_least": "≥", "at_most": "≤"}
CHANGE_MARKS = {"increase": ("↑", "green"), "decrease": ("↓", "red")}
COLUMNS = ("text", "value", "unit", "subject", "change", "period")


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
        if part.first and part.doc_date is not None:  # what relative time was counted from
            where = _DATE_SOURCES.get(part.doc_date_source or "", part.doc_date_source)
            title.append(f"  dated {part.doc_date.isoformat()} ({where})", style="dim")
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
                width=widths[i],
                no_wrap=name in _ONE_LINE,
                overflow="fold",  # Chinese has no spaces to wrap at: fold, never cut short
            )
        for row in rows:
            table.add_row(*row)
        # On a screen too narrow even for the columns that never fold, the table is as wide
        # as they need: a number is never cut in two (the terminal wraps the long lines).
        width = max(self.console.width, _width(widths))
        options = self.console.options.update(width=width)
        # Without the spaces rich pads each line with: a table in a file stays tidy.
        lines = self.console.render_lines(table, options, pad=False, new_lines=False)
        self.console.print(Segments(_trimmed(lines)), end="", crop=False, soft_wrap=True)

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


# Where a document's date came from (text/docdate.SOURCES), as the table says it.
_DATE_SOURCES = {
    "option": "--date",
    "dates-file": "--dates",
    "text": "its text",
    "html": "the page's metadata",
    "filename": "its file name",
}
_STYLES = {"value": "bold", "subject": "cyan"}
_ONE_LINE = ("text", "value", "unit", "change")  # short, never cut; subject and period fold
_FOLDED = 4  # cells: the least a folding column gets, two Chinese characters a line
_GAP = 2


def fit(rows: list[tuple[Any, ...]], width: int) -> tuple[int | None, ...]:
    """Column widths for `rows` on a screen `width` cells wide (None: as wide as it needs).

    A table that fits is drawn as it is. One that does not keeps the text, value, unit and
    change of a claim on one line each, whole, and folds the subject and the period into what
    is left, the subject getting more; when nothing is left, they fold into a few cells each,
    and the table is wider than the screen rather than cut a number in two.

    >>> fit([("483.8万座", "4,838,000", "座", "5G基站", "", "2025年")], 80)
    (None, None, None, None, None, None)
    >>> fit([("突破1.2万亿元", "> 1,200,000,000,000", "元", "关键智能制造装备与工业软件规模化",
    ...       "↑ 同比", "截至2025年6月15日")], 80)
    (13, 19, 4, 17, 6, 11)
    >>> fit([("3起", "3", "起", "事故", "", "2025年1月1日至2025年12月31日" * 2)], 60)
    (4, 5, 4, 7, 6, 24)
    >>> fit([("340637亿元", "34,063,700,000,000", "元", "国内生产总值", "", "上半年")], 40)
    (10, 18, 4, 4, 6, 4)
    """
    from rich.cells import cell_len
    from rich.text import Text

    def cell_width(cell: Any) -> int:
        text = cell if isinstance(cell, Text) else Text(str(cell))
        return max((cell_len(line) for line in text.plain.splitlines()), default=0)

    natural = [
        max([len(name), *(cell_width(row[i]) for row in rows)]) for i, name in enumerate(COLUMNS)
    ]
    if _width(natural) <= width:
        return (None,) * len(COLUMNS)
    fixed = natural[0] + natural[1] + natural[2] + natural[4]
    left = max(width - fixed - _GAP * (len(COLUMNS) - 1), 2 * _FOLDED)
    period = min(natural[5], max(_FOLDED, left * 2 // 5))
    subject = min(natural[3], left - period)
    period = min(natural[5], left - subject)  # what a short subject leaves
    return (natural[0], natural[1], natural[2], subject, natural[4], period)


def _width(widths: Sequence[int | None]) -> int:
    """The width of a table with these column widths (None: as wide as it needs: 0 here)."""
    return sum(w or 0 for w in widths) + _GAP * (len(widths) - 1)


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
