"""`pressmine compare` for people: the groups by status (agreements, conflicts, revisions, then
the figures only one document reports), each under its subject, period and change, a line per
claim with its value, unit, text, period and document; conflicts in colour. Drawn with rich,
imported when the table is drawn; plain text into a pipe or a file.

    人工智能企业数量  2025年
        > 6,000  家  超过6000家          samples/miit-2025-results-zh-hans.txt
        > 6,000  家  超过6000家  2025年  samples/miit-2025-results-zh-hans.txt
        > 6,000  家  超過6000家  2025年  samples/miit-2025-results-zh-hant.txt
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, TextIO

from pressmine.cli.table import CHANGE_MARKS, QUALIFIER_MARKS
from pressmine.cli.terminal import format_number, plural
from pressmine.compare.model import STATUSES, Group, Member

if TYPE_CHECKING:
    from rich.text import Text

TITLES = {
    "agree": "Agree: the same figure in several documents",
    "conflict": "Conflict: the same subject, unit and period, different figures",
    "revised": "Revised: a later document gives another figure",
    "single": "Single: in one document only",
}
_STYLES = {"agree": "green", "conflict": "red", "revised": "yellow", "single": "default"}
_INDENT = "    "


def draw_groups(groups: Sequence[Group], stream: TextIO) -> None:
    """The groups on `stream`: a title for each status that has any, then its groups."""
    from rich.console import Console
    from rich.text import Text

    console = Console(file=stream, highlight=False, soft_wrap=True)
    if not groups:
        console.print("No claims to compare.")
    for status in STATUSES:
        chosen = [g for g in groups if g.status == status]
        if not chosen:
            continue
        # One set of column widths for the groups of a status, so that values and texts line
        # up, and a long period among the singles does not widen the conflicts.
        rows = [
            (_value(m), m.claim.unit, m.claim.text, m.claim.period or "")
            for g in chosen
            for m in g.members
        ]
        widths = [max(_width(row[i]) for row in rows) for i in range(4)]
        title = Text(TITLES[status], style=f"bold {_STYLES[status]}")
        title.append(f"  {plural(len(chosen), 'figure')}", style="dim")
        console.print(title)
        for group in chosen:
            console.print(_heading(group))
            for member in group.members:
                console.print(_line(member, group, widths))
            if group.note:
                console.print(Text(_INDENT + group.note, style="italic"))
        console.print()
    stream.flush()


def _heading(group: Group) -> Text:
    from rich.text import Text

    heading = Text(group.subject or "(no subject)", style="bold cyan")
    if group.period:
        heading.append(f"  {group.period}")
    if group.change in CHANGE_MARKS:
        arrow, colour = CHANGE_MARKS[group.change]
        heading.append(f"  {arrow}", style=colour)
        if group.basis:
            heading.append(f" {group.basis}")
    return heading


def _line(member: Member, group: Group, widths: list[int]) -> Text:
    from rich.text import Text

    claim = member.claim
    in_conflict = group.status in ("conflict", "revised")
    style = f"bold {_STYLES[group.status]}" if in_conflict else "bold"
    line = Text(_INDENT)
    line.append(_pad(_value(member), widths[0], right=True), style=style)
    line.append("  " + _pad(claim.unit, widths[1]))
    line.append("  ")
    line.append(_pad(claim.text, widths[2]), style=_STYLES[group.status] if in_conflict else "")
    if widths[3]:
        line.append("  " + _pad(claim.period or "", widths[3]), style="dim")
    line.append(f"  {claim.doc or ''}")
    if member.doc_date is not None:
        line.append(f"  {member.doc_date.isoformat()}", style="dim")
    return line


def _value(member: Member) -> str:
    claim = member.claim
    value = format_number(claim.value)
    if claim.value_max is not None:
        value += f"–{format_number(claim.value_max)}"
    mark = QUALIFIER_MARKS.get(claim.qualifier)
    return f"{mark} {value}" if mark else value


def _width(text: str) -> int:
    from rich.cells import cell_len

    return cell_len(text)


def _pad(text: str, width: int, right: bool = False) -> str:
    """`text` padded to `width` terminal cells (a Chinese character takes two)."""
    space = " " * max(0, width - _width(text))
    return space + text if right else text + space
