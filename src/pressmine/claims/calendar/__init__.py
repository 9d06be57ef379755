"""Period expressions on the calendar: what a `[[period]]` pattern found becomes
`Period(label, start, end)`, given the document's date and what the context fixed before it.

The patterns (packs, `[[period]]`) say where an expression is and name its pieces with groups
(`year`, `month`, `quarter`, `since`…: packs/calendar.py, GROUPS); the words that are not
numerals (今年, 本季, 春节, 年度) come from the packs' `[calendar]` tables (packs/calendar.py,
Vocabulary). This package only does calendar arithmetic and writes the label: `resolve` here,
years and their parts in years.py, the other forms in forms.py, the values and labels in
model.py.

- A label is simplified, with Arabic numerals for years, months and days, an ASCII hyphen, and
  the year in front whenever it can be known: `2023年1-11月`, `2023年11月末`, `2016年8月起`,
  `2019/20年度`, `112年第2季` (a Taiwan year keeps its ROC number), `2025年五一假期`.
- A part of a year without its year (`11月`, `一季度`) takes the year the context stated, else
  the latest one whose last month is not after the document's month; with neither, the label
  is as written and the interval null. `今年`, `目前`, `本季` need the document's date: without
  it, the label is as written and the interval null. Nothing reads today's clock.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date
from functools import lru_cache
from itertools import compress, repeat
from operator import is_not

from pressmine.claims.calendar import forms
from pressmine.claims.calendar.model import (
    ROC_OFFSET,
    Context,
    NoDate,
    Part,
    Period,
    full_year,
    number,
    span_label,
)
from pressmine.claims.calendar.years import place, quarter_style, read_part, read_year
from pressmine.packs.calendar import Vocabulary, group_name


def resolve(
    match: re.Match[str],
    text: str,
    vocab: Vocabulary,
    ctx: Context,
    pieces: Sequence[tuple[int, str]] | None = None,
) -> Period | None:
    """The period a pattern's match names, or None when its pieces make no date (13月).

    `text` is the text the match's offsets point into, with the words as the packs write them
    (normalised: simplified, half-width); the match itself may come from a masked copy.
    `pieces` is pieces(match.re), when the caller has it (see there)."""
    words: dict[str, str] = {}
    found = match.groups()  # one call, not one a group: a pattern names dozens of pieces
    named = pieces if pieces is not None else _pieces(match.re)
    # The groups that matched, picked in C: a pattern names dozens, a match sets a few.
    for group, piece in compress(named, map(is_not, found, repeat(None))):
        if piece:
            s, e = match.span(group)
            words[piece] = text[s:e]
            if piece == "quarter":
                words["quarter_style"] = quarter_style(text, s, e)
    expression = text[match.start() : match.end()]  # made a label only where it is the label
    try:
        if "month_and" in words or "quarter_and" in words:
            return _listed(words, expression, vocab, ctx)
        return _read(words, expression, vocab, ctx)
    except NoDate:
        return None


def _listed(w: dict[str, str], expression: str, vocab: Vocabulary, ctx: Context) -> Period | None:
    """9、10月份, 二、三季度: the span from the first to the last, with each as an item (for a
    list of figures that follows them, 分别增长3.3%、0.6%)."""
    key = "month" if "month_and" in w else "quarter"
    first = {k: v for k, v in w.items() if k != f"{key}_and"}
    second = {**first, key: w[f"{key}_and"]}
    items = tuple(_read(words, expression, vocab, ctx) for words in (first, second))
    whole = _read({**first, f"{key}2": w[f"{key}_and"]}, expression, vocab, ctx)
    if whole is None or any(i is None for i in items):
        return None
    a, b = w[key], w[f"{key}_and"]
    label = whole.label.replace(f"{number(a)}-{number(b)}月", f"{number(a)}、{number(b)}月")
    label = label.replace(f"{a}至{b}季", f"{a}、{b}季")
    return replace(whole, label=label, items=tuple(i for i in items if i is not None))


def stated_year(
    match: re.Match[str],
    years: Sequence[tuple[int, str]] | None = None,
    doc: date | None = None,
) -> int | None:
    """The calendar year an expression writes out (2023年, 二〇二三年, 112年, 二四年), if it
    does. `years` is the pieces of match.re that are years, when the caller has them; `doc` the
    document's date, which places a year written with two digits (model.full_year)."""
    if years is None:
        years = tuple((g, p) for g, p in _pieces(match.re) if p in ("year", "roc_year"))
    for group, piece in years:
        value = match.group(group)
        if value:
            try:
                n = number(value)
            except NoDate:
                return None
            if piece == "roc_year":
                return n + ROC_OFFSET
            return full_year(n, doc)  # 19/20年度, 二四年: two digits
    return None


def pieces(groupindex: Mapping[str, int]) -> tuple[tuple[int, str], ...]:
    """A pattern's groups up to its last named one, by number, with the pieces they name
    (month__range names month; a group without a name, none: ""). Worth keeping for a pattern
    one reads many matches of: a compiled pattern hashes its whole program, so a cache keyed on
    one costs as much as this.

    >>> pieces({"year": 1, "month__range": 3})
    ((1, 'year'), (2, ''), (3, 'month'))
    """
    names = {group: group_name(name) for name, group in groupindex.items()}
    return tuple((group, names.get(group, "")) for group in range(1, max(names, default=0) + 1))


@lru_cache(maxsize=64)
def _pieces(pattern: re.Pattern[str]) -> tuple[tuple[int, str], ...]:
    return pieces(pattern.groupindex)


def _read(w: dict[str, str], expression: str, vocab: Vocabulary, ctx: Context) -> Period | None:
    doc = ctx.doc_date
    if "ahead" in w or "back" in w:
        return forms.window(w, expression, vocab, doc)
    if "day_rel" in w and (doc is not None or "month" not in w):
        return forms.relative_day(w, expression, vocab, doc)  # 今天（12月20日）: the same day
    if "quarter_rel" in w or "month_rel" in w:
        return forms.relative_part(w, expression, vocab, ctx)
    if "year2" in w or "roc_year2" in w:
        return forms.year_range(w, vocab, ctx)
    if "holiday" in w:
        return forms.holiday(w, expression, vocab, ctx)
    if "season" in w:
        return forms.season(w, expression, vocab, ctx)
    if "same" in w:
        return forms.same_period(w, vocab, ctx)
    year = read_year(w, vocab, ctx)
    part = read_part(w, vocab, year.start_month)
    if "month2" in w and "year_end" in w:
        raise NoDate
    return place(w, year, part, expression, vocab, ctx)


__all__ = [
    "ROC_OFFSET",
    "Context",
    "Part",
    "Period",
    "pieces",
    "resolve",
    "span_label",
    "stated_year",
]
