"""Period expressions on the calendar: what a `[[period]]` pattern found becomes
`Period(label, start, end)`, given the document's date and what the context fixed before it.

The patterns (packs, `[[period]]`) say where an expression is and name its pieces with groups
(`year`, `month`, `quarter`, `since`… see calendar_data.GROUPS); the words that are not numerals
(今年, 本季, 春节, 年度) come from the packs' `[calendar]` tables (calendar_data.Vocabulary). This
module only does calendar arithmetic and writes the label:

- A label is simplified, with Arabic numerals for years, months and days, an ASCII hyphen, and
  the year in front whenever it can be known: `2023年1-11月`, `2023年11月末`, `2016年8月起`,
  `2019/20年度`, `112年第2季` (a Taiwan year keeps its ROC number), `2025年五一假期`.
- A part of a year without its year (`11月`, `一季度`) takes the year the context stated, else
  the latest one whose last month is not after the document's month; with neither, the label
  is as written and the interval null. `今年`, `目前`, `本季` need the document's date: without
  it, the label is as written and the interval null. Nothing reads today's clock.
"""

from __future__ import annotations

import calendar as _gregorian
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TypeVar

from pressmine.claims.calendar_data import Fiscal, Holiday, Vocabulary, group_name

ROC_OFFSET = 1911  # 民国1年 = 1912


@dataclass(frozen=True, slots=True)
class Part:
    """A part of a year, placed on the calendar once its year is known."""

    label: str  # what follows the year in a label: 1-11月, 三季度, 11月10日, "" (the year)
    first: tuple[int, int]  # (month, day) of its first day; month 13 is January of the next year
    last: tuple[int, int]  # (month, day) of its last day; day 31 stands for the month's last

    def days(self, year: int) -> tuple[date, date]:
        return _day(year, *self.first), _day(year, *self.last)


_WHOLE_YEAR = Part("", (1, 1), (12, 31))


@dataclass(frozen=True, slots=True)
class Period:
    """A period: its label and the calendar days it covers, inclusive (either may be None)."""

    label: str
    start: date | None
    end: date | None
    # How it reads, for scope decisions (period.py); not part of a claim's output.
    kind: str = field(default="span", compare=False)  # span point since before window label
    year: int | None = field(default=None, compare=False)  # its year (a fiscal one's first)
    part: Part | None = field(default=None, compare=False)  # its part of that year
    running: Period | None = field(default=None, compare=False)  # 截至10月 as a flow: 1-10月


@dataclass(frozen=True, slots=True)
class Context:
    """What is known when an expression is read."""

    doc_date: date | None = None  # the document's date
    year: int | None = None  # a year the text stated before the expression (2023年…11月)
    period: Period | None = None  # the period in force, which 同期 repeats in another year


@dataclass(frozen=True, slots=True)
class _Year:
    value: int | None  # the calendar year it starts in; None when it cannot be known
    label: str  # 2023年, 112年, 2019/20年度, 今年 (when unknown)
    start_month: int = 1  # a fiscal year's first month


def resolve(match: re.Match[str], text: str, vocab: Vocabulary, ctx: Context) -> Period | None:
    """The period a pattern's match names, or None when its pieces make no date (13月).

    `text` is the text the match's offsets point into, with the words as the packs write them
    (normalised: simplified, half-width); the match itself may come from a masked copy."""
    words: dict[str, str] = {}
    for name in match.re.groupindex:
        s, e = match.span(name)
        if s >= 0:
            words[group_name(name)] = text[s:e]
            if group_name(name) == "quarter":
                words["_quarter_style"] = _quarter_style(text, s, e)
    written = _written(text[match.start() : match.end()])
    try:
        return _read(words, written, vocab, ctx)
    except _NoDate:
        return None


def stated_year(match: re.Match[str]) -> int | None:
    """The calendar year an expression writes out (2023年, 二〇二三年, 112年), if it does."""
    for name in match.re.groupindex:
        g = group_name(name)
        if g in ("year", "roc_year") and match.group(name):
            try:
                n = _number(match.group(name))
            except _NoDate:
                return None
            return n + ROC_OFFSET if g == "roc_year" else n
    return None


class _NoDate(Exception):
    """The pieces make no date (month 13, day 32, a word no table has)."""


def _read(w: dict[str, str], written: str, vocab: Vocabulary, ctx: Context) -> Period | None:
    doc = ctx.doc_date
    if "ahead" in w or "back" in w:
        return _window(w, written, vocab, doc)
    if "day_rel" in w and (doc is not None or "month" not in w):
        return _relative_day(w, written, vocab, doc)  # 今天（12月20日）: the date says the same
    if "quarter_rel" in w or "month_rel" in w:
        return _relative_part(w, written, vocab, doc)
    if "year2" in w or "roc_year2" in w:
        return _year_range(w, vocab, ctx)
    if "holiday" in w:
        return _holiday(w, written, vocab, ctx)
    if "season" in w:
        year = _year(w, vocab, ctx)
        year = year if year.value is not None else _Year(None, "")
        since = _since_word(w)
        end = doc if since and doc else None
        label = f"{year.label}{w['season']}{since}" if year.label else written
        return Period(label, None, end, kind="label", year=year.value)
    if "same" in w:
        return _same(w, vocab, ctx)
    year = _year(w, vocab, ctx)
    part = _part(w, vocab, year.start_month)
    if "month2" in w and "year_end" in w:
        raise _NoDate
    return _place(w, year, part, written, vocab, ctx)


# ----------------------------------------------------------------------------- years


def _year(w: dict[str, str], vocab: Vocabulary, ctx: Context) -> _Year:
    """The year the words name, or _Year(None, "") when they name none."""
    fiscal_word = w.get("fiscal")
    conv = vocab.fiscal.get(fiscal_word) if fiscal_word else None
    if "year" in w:
        y = _year_number(w["year"])
        if "fy" in w:
            return _split_year(y, w["fy"], fiscal_word or "年度", conv, vocab)
        if conv is not None and conv.start != 1 and conv.single != "calendar":
            first = y if conv.single == "start" else y - 1
            return _Year(first, f"{y}{fiscal_word}", conv.start)
        return _Year(y, f"{y}{fiscal_word or '年'}")
    if "roc_year" in w:
        n = _number(w["roc_year"])
        return _Year(n + ROC_OFFSET, f"{n}{fiscal_word or '年'}")
    if "year_rel" in w:
        word = w["year_rel"]
        offset = _lookup(vocab.years, word)
        conv = _fiscal_in(word, vocab)
        if ctx.doc_date is None:
            return _Year(None, word)
        if conv is not None and conv.start != 1:
            d = ctx.doc_date
            first = (d.year if d.month >= conv.start else d.year - 1) + offset
            return _Year(first, f"{first}/{(first + 1) % 100:02d}年度", conv.start)
        return _Year(ctx.doc_date.year + offset, f"{ctx.doc_date.year + offset}年")
    if "year_ctx" in w:
        offset = _lookup(vocab.years_in_context, w["year_ctx"])
        base = ctx.year if ctx.year is not None else ctx.doc_date.year if ctx.doc_date else None
        if base is None:
            return _Year(None, w["year_ctx"])
        return _Year(base + offset, f"{base + offset}年")
    return _Year(None, "")


def _split_year(y: int, fy: str, word: str, conv: Fiscal | None, vocab: Vocabulary) -> _Year:
    """2019/20年度: a year that starts in one calendar year and ends in the next."""
    if int(fy) % 100 != (y + 1) % 100:
        raise _NoDate
    start = conv.start if conv is not None and conv.start != 1 else vocab.split_year_start
    return _Year(y, f"{y}/{fy[-2:]}{word}", start)


def _fiscal_in(word: str, vocab: Vocabulary) -> Fiscal | None:
    """本年度, 上财年: a relative year that ends in a fiscal-year word counts fiscal years."""
    for f, conv in vocab.fiscal.items():
        if word.endswith(f) and word != f:
            return conv
    return None


# ----------------------------------------------------------------------------- parts of a year


def _part(w: dict[str, str], vocab: Vocabulary, start_month: int) -> Part:
    """The part of a year the words name; the whole year when they name none."""
    shift = start_month - 1  # parts of a fiscal year count from its first month
    if "months" in w:
        n = _in_range(_number(w["months"]), 1, 12)
        if shift:
            return Part(f"前{n}个月", (1 + shift, 1), (n + shift, 31))
        return Part(f"1-{n}月" if n > 1 else "1月", (1, 1), (n, 31))
    if "quarters" in w:
        n = _in_range(_number(w["quarters"]), 1, 4)
        return Part(f"前{_CN[n]}季度", (1 + shift, 1), (3 * n + shift, 31))
    if "half" in w:
        h = _in_range(_ordinal(w["half"], vocab.halves, 2), 1, 2)
        return Part("上半年" if h == 1 else "下半年", (6 * h - 5 + shift, 1), (6 * h + shift, 31))
    if "quarter" in w:
        q = _in_range(_ordinal(w["quarter"], vocab.ordinals, 4), 1, 4)
        q2 = _in_range(_ordinal(w["quarter2"], vocab.ordinals, 4), q, 4) if "quarter2" in w else q
        label = _quarter_label(w["quarter"], q, w.get("_quarter_style", ""))
        if q2 != q:
            label = label.replace(w["quarter"], f"{w['quarter']}至{w['quarter2']}")
        return Part(label, (3 * q - 2 + shift, 1), (3 * q2 + shift, 31))
    if "month" in w:
        return _month_part(w, vocab, start_month)
    return Part("", (1 + shift, 1), (12 + shift, 31)) if shift else _WHOLE_YEAR


def _month_part(w: dict[str, str], vocab: Vocabulary, start_month: int) -> Part:
    m = _in_range(_number(w["month"]), 1, 12)
    # A month of a fiscal year that begins in April: January to March are the next year's.
    at = m + 12 if start_month > 1 and m < start_month else m
    if "month2" in w:
        m2 = _in_range(_number(w["month2"]), m + 1, 12)
        at2 = m2 + 12 if start_month > 1 and m2 < start_month else m2
        return Part(f"{m}-{m2}月", (at, 1), (at2, 31))
    if "day" in w:
        d = _in_range(_number(w["day"]), 1, _gregorian.monthrange(2000, m)[1])
        if "day2" in w:
            d2 = _in_range(_number(w["day2"]), d, 31)
            return Part(f"{m}月{d}-{d2}日", (at, d), (at, d2))
        return Part(f"{m}月{d}日", (at, d), (at, d))
    if "ten_days" in w:
        first, last = _lookup(vocab.ten_days, w["ten_days"])
        return Part(f"{m}月{w['ten_days']}", (at, first), (at, last))
    return Part(f"{m}月", (at, 1), (at, 31))


def _quarter_label(written: str, q: int, style: str) -> str:
    """三季度 and 第三季 as written (CLAIMS.md); Q3, 首季, 最后一季 as 三季度 (or 第三季)."""
    numeral = written if (written.isdigit() or written in _CN) and "Q" not in style else _CN[q]
    if "第" in style:
        return f"第{numeral}季" + ("度" if "度" in style else "")
    return f"{numeral}季度"


def _quarter_style(text: str, s: int, e: int) -> str:
    before = text[max(0, s - 2) : s].replace(" ", "")
    style = "第" if before.endswith("第") else ""
    style += "Q" if before.endswith(("Q", "q")) else ""
    return style + ("度" if text.startswith("季度", e) else "")


# ----------------------------------------------------------------------------- placing


def _place(
    w: dict[str, str], year: _Year, part: Part, written: str, vocab: Vocabulary, ctx: Context
) -> Period | None:
    """A year (maybe unknown) and a part of it, with 截至/末 (a day), 以来/起 (up to the document's
    date) or 以前 read, on the calendar."""
    doc = ctx.doc_date
    point = "as_of" in w or "edge" in w
    since = _since_word(w)
    y = year.value
    if y is None and year.label == "":  # no year written: the context's, else the latest
        if part is _WHOLE_YEAR and ctx.period is not None and ctx.period.year is not None:
            y = ctx.period.year  # 1至6月…全年目标: the year of the period in force
        elif ctx.year is not None:
            y = ctx.year
        elif doc is not None:
            y = _latest(part, doc, since=bool(since))
        if y is not None:
            year = _Year(y, f"{y}年")
    if y is None:
        label = _bare_label(year.label, part, point, since, "before" in w, written)
        return Period(label, None, None, kind="label", part=part)
    start, end = part.days(y)
    if year.start_month != 1 and part.label:  # 本年度最后一季: a part of a fiscal year is
        cal = _calendar_part(start, end)  # labelled as the calendar's (2020年第一季)
        year, part = _Year(start.year, f"{start.year}年"), cal
        y = start.year
    if "last" in w:  # 截至2月底的三个月: the last N units up to the end of what precedes
        return _last(w, vocab, end)
    if point:
        return _point(year, part, end, "day" in w, running="edge" not in w)
    if since:
        end_at = doc if doc is not None and doc >= start else None
        return Period(f"{year.label}{part.label}{since}", start, end_at, "since", y, part)
    if "before" in w:
        return Period(f"{year.label}{part.label}以前", None, start - timedelta(days=1), "before")
    kind = "point" if start == end else "span"  # 10月10日: a day
    return Period(_join(year.label, part.label), start, end, kind, y, part)


def _point(year: _Year, part: Part, end: date, has_day: bool, *, running: bool) -> Period:
    """截至11月底, 年末: the last day of what is named (a stock at that day). 截至今年10月 is
    also kept as the running total it may be (a flow up to then): 1-10月."""
    y = year.value
    if has_day:
        return Period(_join(year.label, part.label), end, end, "point", y, part)
    label = _join(year.label, part.label or "") + "末"
    total = None
    if running and _ONE_MONTH.fullmatch(part.label) and year.start_month == 1:
        m = part.last[0]
        span = Part(f"1-{m}月" if m > 1 else "1月", (1, 1), (m, 31))
        total = Period(_join(year.label, span.label), date(end.year, 1, 1), end, "span", y, span)
    return Period(label, end, end, "point", y, part, total)


def _last(w: dict[str, str], vocab: Vocabulary, end: date) -> Period:
    """截至今年2月底的三个月: the N months (years, days) that end with `end`."""
    n = _in_range(_number(w["last"]), 1, 120)
    unit = vocab.window_units.get(w.get("unit", "月"), "month")
    if unit == "year":
        start = date(end.year - n + 1, 1, 1)
    elif unit == "month":
        k = end.year * 12 + end.month - n
        start = date(k // 12, k % 12 + 1, 1)
    else:
        start = end - timedelta(days=n * (7 if unit == "week" else 1) - 1)
    return Period(span_label(start, end), start, end, "span", start.year)


_ONE_MONTH = re.compile(r"\d{1,2}月")


def _latest(part: Part, doc: date, *, since: bool) -> int:
    """The year of the latest such part whose last month (first, for 以来) is not after the
    document's month: 12月份 in a release of 2024-01-10 is 2023年12月."""
    month = part.first[0] if since else part.last[0]
    y = doc.year
    if (y + (month - 1) // 12, (month - 1) % 12 + 1) > (doc.year, doc.month):
        y -= 1
    return y


def _calendar_part(start: date, end: date) -> Part:
    """The calendar's name for a run of days inside one year: 第一季, 1-3月, 3月10日."""
    first, last = (start.month, start.day), (end.month + 12 * (end.year - start.year), end.day)
    whole = start.day == 1 and end == _day(end.year, end.month, 31)
    if whole and end.year == start.year and start.month % 3 == 1 and end.month == start.month + 2:
        return Part(f"第{_CN[end.month // 3]}季", first, last)
    label = span_label(start, end)
    return Part(label[label.index("年") + 1 :], first, last)


def _bare_label(
    year_label: str, part: Part, point: bool, since: str, before: bool, written: str
) -> str:
    """The label when the year cannot be known: as written, with the calendar's words."""
    if year_label:  # a relative year with no date to count from: 今年前三季度
        label = year_label + part.label
    elif part.label:
        label = part.label
    else:
        return written
    return (
        label + ("末" if point and "日" not in label else "") + since + ("以前" if before else "")
    )


# ----------------------------------------------------------------------------- other forms


def _relative_day(w: dict[str, str], written: str, vocab: Vocabulary, doc: date | None) -> Period:
    """今天, 目前, 截至目前, 昨日: a day counted from the document's date."""
    offset = _lookup(vocab.days, w["day_rel"])
    if doc is None:
        return Period(written, None, None, kind="label")
    d = doc + timedelta(days=offset)
    day = (d.month, d.day)
    return Period(_date_label(d), d, d, "point", d.year, Part(f"{d.month}月{d.day}日", day, day))


def _relative_part(w: dict[str, str], written: str, vocab: Vocabulary, doc: date | None) -> Period:
    """本月, 上月, 本季: a month or quarter counted from the document's."""
    if doc is None:
        return Period(written, None, None, kind="label")
    if "month_rel" in w:
        n = doc.year * 12 + doc.month - 1 + _lookup(vocab.months, w["month_rel"])
        y, m = divmod(n, 12)
        part = Part(f"{m + 1}月", (m + 1, 1), (m + 1, 31))
    else:
        n = doc.year * 4 + (doc.month - 1) // 3 + _lookup(vocab.quarters, w["quarter_rel"])
        y, q = divmod(n, 4)
        part = Part(f"{_CN[q + 1]}季度", (3 * q + 1, 1), (3 * q + 3, 31))
    year = _Year(y, f"{y}年")
    if "as_of" in w or "edge" in w:
        return _point(year, part, part.days(y)[1], False, running="edge" not in w)
    return Period(f"{y}年{part.label}", *part.days(y), "span", y, part)


def _year_range(w: dict[str, str], vocab: Vocabulary, ctx: Context) -> Period:
    """2022-2031年, 2015/16-2016/17年度, 2024年12月至2025年2月, 2013-2018年同期."""
    first = _year(w, vocab, ctx)
    last_words = {k[:-1]: v for k, v in w.items() if k in ("year2", "roc_year2", "fy2")}
    if "fiscal" in w:
        last_words["fiscal"] = w["fiscal"]
    last = _year(last_words, vocab, ctx)
    if first.value is None or last.value is None or last.value < first.value:
        raise _NoDate
    if "month" in w and "month2" in w:  # 2024年12月至2025年2月
        m, m2 = _in_range(_number(w["month"]), 1, 12), _in_range(_number(w["month2"]), 1, 12)
        start, end = _day(first.value, m, 1), _day(last.value, m2, 31)
        if end < start:
            raise _NoDate
        label = (
            f"{first.value}年{m}-{m2}月"
            if first.value == last.value
            else (f"{first.value}年{m}月-{last.value}年{m2}月")
        )
        return Period(label, start, end, "span", first.value)
    part = _WHOLE_YEAR
    if "same" in w:
        part = ctx.period.part if ctx.period is not None and ctx.period.part else _WHOLE_YEAR
    if first.start_month != 1:  # years of account: 2015/16-2016/17年度
        label = f"{first.label[:-2]}-{last.label}"
        start = _day(first.value, first.start_month, 1)
        end = _day(last.value + 1, last.start_month - 1, 31)
        return Period(label, start, end, "span", first.value)
    a, b = first.label.rstrip("年度"), last.label
    label = f"{a}-{b}" + (part.label if part is not _WHOLE_YEAR else "")
    if part.label:  # 2013-2018年1-2月: the same months of six years, no one interval
        return Period(label, None, None, "label", first.value, part)
    return Period(label, date(first.value, 1, 1), date(last.value, 12, 31), "span", first.value)


def _same(w: dict[str, str], vocab: Vocabulary, ctx: Context) -> Period | None:
    """同期, 上年同期, 2020年同期: the part of the year in force, in the year named."""
    now = ctx.period
    if now is None or now.part is None:
        return None
    y: int | None
    if "year_rel" in w and now.year is not None:  # 上年同期: the year before the period's
        y = now.year + _lookup(vocab.years, w["year_rel"])
    else:
        year = _year(w, vocab, ctx)
        y = year.value if year.value is not None else now.year
    if y is None:
        return Period(now.part.label, None, None, "label", None, now.part)
    return Period(_join(f"{y}年", now.part.label), *now.part.days(y), "span", y, now.part)


def _holiday(w: dict[str, str], written: str, vocab: Vocabulary, ctx: Context) -> Period:
    """春节假期, “五一”假期: the holiday's days in the year named, else the document's year."""
    holiday = _lookup(vocab.holidays, w["holiday"])
    year = _year(w, vocab, ctx)
    y = year.value
    since = _since_word(w)
    if y is None and year.label == "":
        y = ctx.year if ctx.year is not None else _nearest(holiday, ctx.doc_date, since=bool(since))
    if y is None:
        return Period((year.label or "") + holiday.name + since, None, None, "label")
    days = holiday.dates.get(y)
    label = f"{y}年{w['holiday'] if since else holiday.name}{since}"
    if since:
        doc = ctx.doc_date
        start = days[0] if days else None
        end = doc if doc is not None and (start is None or doc >= start) else None
        return Period(label, start, end, "since", y)
    if days is None:
        return Period(label, None, None, "label", y)
    return Period(label, days[0], days[1], "span", y)


def _nearest(holiday: Holiday, doc: date | None, *, since: bool) -> int | None:
    """The year of the occurrence nearest the document's date (春节 in a release of December is
    the coming one); for 春节以来, the latest that began by then."""
    if doc is None:
        return None

    def first_day(y: int) -> date:
        known = holiday.dates.get(y)
        return known[0] if known else date(y, holiday.month or doc.month, 15)

    years = [y for y in (doc.year - 1, doc.year, doc.year + 1) if not since or first_day(y) <= doc]
    if holiday.month is None and not holiday.dates:
        return doc.year
    return min(years, key=lambda y: abs((first_day(y) - doc).days)) if years else doc.year - 1


def _window(w: dict[str, str], written: str, vocab: Vocabulary, doc: date | None) -> Period:
    """未来十年, 过去5年, 近三个月: whole units after or before the document's year, month or day
    (SOURCES.md call 12: 未来十年 in a release of 2021 is 2022-2031年)."""
    n = _number(w.get("ahead") or w["back"])
    unit = vocab.window_units.get(w.get("unit", "年"), "year")
    if doc is None or n < 1:
        return Period(written, None, None, kind="label")
    sign = 1 if "ahead" in w else -1
    if unit == "year":
        a, b = (doc.year + 1, doc.year + n) if sign > 0 else (doc.year - n, doc.year - 1)
        label = f"{a}-{b}年" if a != b else f"{a}年"
        return Period(label, date(a, 1, 1), date(b, 12, 31), "window", a)
    if unit == "month":
        here = doc.year * 12 + doc.month - 1
        a, b = (here + 1, here + n) if sign > 0 else (here - n, here - 1)
        start, end = date(a // 12, a % 12 + 1, 1), _day(b // 12, b % 12 + 1, 31)
    else:
        days = n * (7 if unit == "week" else 1)
        start, end = (
            (doc + timedelta(days=1), doc + timedelta(days=days))
            if sign > 0
            else (doc - timedelta(days=days), doc - timedelta(days=1))
        )
    return Period(span_label(start, end), start, end, "window", start.year)


# ----------------------------------------------------------------------------- labels


def span_label(start: date, end: date) -> str:
    """A label for any run of days: 2023年, 2023年1-11月, 2022年11月-2023年1月, 2023年12月16-18日.

    >>> span_label(date(2023, 1, 1), date(2023, 11, 30))
    '2023年1-11月'
    >>> span_label(date(2022, 11, 1), date(2023, 1, 31))
    '2022年11月-2023年1月'
    """
    whole_months = start.day == 1 and end == _day(end.year, end.month, 31)
    if whole_months and (start.month, end.month) == (1, 12):
        return f"{start.year}年" if start.year == end.year else f"{start.year}-{end.year}年"
    if whole_months:
        if start.year == end.year:
            months = f"{start.month}-{end.month}" if start.month != end.month else f"{start.month}"
            return f"{start.year}年{months}月"
        return f"{start.year}年{start.month}月-{end.year}年{end.month}月"
    if start == end:
        return _date_label(start)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.year}年{start.month}月{start.day}-{end.day}日"
    return f"{_date_label(start)}-{_date_label(end)}"


def _date_label(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def _join(year_label: str, part_label: str) -> str:
    return year_label + part_label


def _since_word(w: dict[str, str]) -> str:
    """以来 and 至今 as 以来; 起, 开始, 自…起 as 起."""
    word = w.get("since", "")
    if not word:
        return ""
    return "以来" if word in ("以来", "至今", "来") else "起"


_DASHES = re.compile(r"\s*(?:—|–|~|～|－)+\s*")


def _written(s: str) -> str:
    """An expression as written, for a label that cannot be placed: 份 dropped, ASCII hyphen."""
    s = _DASHES.sub("-", s).replace("月份", "月")
    for prefix in ("截至", "截止", "自", "从"):
        if s.startswith(prefix) and len(s) > len(prefix):
            s = s[len(prefix) :]
    return s.strip()


# ----------------------------------------------------------------------------- numbers

_CN = "零一二三四五六七八九十"
_DIGIT = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "○": 0, "两": 2}


def _number(s: str) -> int:
    """11, 十一, 二十三, 一百一十二, 一一二 as int.

    >>> [_number(s) for s in ("11", "十一", "二十三", "一百一十二", "一一二", "两")]
    [11, 11, 23, 112, 112, 2]
    """
    s = s.strip()
    if s.isascii() and s.isdigit():
        return int(s)
    if s and all(c in _DIGIT for c in s):
        return int("".join(str(_DIGIT[c]) for c in s))
    total, current = 0, 0
    for c in s:
        if c in _DIGIT:
            current = _DIGIT[c]
        elif c in "十百":
            total += (current or 1) * (10 if c == "十" else 100)
            current = 0
        else:
            raise _NoDate
    return total + current


def _year_number(s: str) -> int:
    """2023 and 二〇二三 (digit by digit) as int."""
    return _number(s)


def _ordinal(s: str, words: Mapping[str, int], last: int) -> int:
    """A quarter or half written as a number or a word (首 = 1, 最后一 = -1, the last)."""
    if s in words:
        n = words[s]
        return last + 1 + n if n < 0 else n
    return _number(s)


_V = TypeVar("_V")


def _lookup(table: Mapping[str, _V], word: str) -> _V:
    try:
        return table[word]
    except KeyError:
        raise _NoDate from None


def _in_range(n: int, lo: int, hi: int) -> int:
    if not lo <= n <= hi:
        raise _NoDate
    return n


def _day(year: int, month: int, day: int) -> date:
    """A day; month 13 is January of the next year, day 31 the month's last."""
    year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    return date(year, month, min(day, _gregorian.monthrange(year, month)[1]))


__all__ = ["Context", "Part", "Period", "resolve", "span_label", "stated_year"]
