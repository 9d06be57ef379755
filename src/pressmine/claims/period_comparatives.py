"""A comparative figure in brackets after a result, as results write it: 每股基础盈利为港币0.63元
(二零二四年:港币1.12元). The bracket names only a year; the figure is that year's, for the same part
of it as the result's (2024年1-6月 in an interim report), not the whole year."""

from __future__ import annotations

from pressmine.claims.calendar import Period

# How far from the bracket's year its figure may start: (2024年:港币 1.12 元), (上年: 3.2%).
_REACH = 6
_OPENERS = "(（"
_COLONS = ":："


def comparative(
    text: str, start: int, end: int, pos: int, year: Period, before: Period | None
) -> Period | None:
    """The period of the figure at `pos` when the year at text[start:end] opens a bracket, a colon
    follows it and then the figure, and the period in force before it is a part of a year."""
    if year.year is None or year.part is None or year.part.label:
        return None  # not a whole year: 二零二四年上半年 says its part itself
    if not text[max(0, start - 1) : start] or text[start - 1] not in _OPENERS:
        return None
    between = text[end:pos].strip()
    if not between or between[0] not in _COLONS or pos - end > _REACH:
        return None
    if before is None or before.part is None or not before.part.label:
        return None
    part = before.part
    first, last = part.days(year.year)
    return Period(f"{year.year}年{part.label}", first, last, "span", year.year, part)
