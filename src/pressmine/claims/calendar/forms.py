"""The other forms of a period: 今天 and 昨日, 本月 and 本季, ranges of years (2022-2031年,
2015/16-2016/17年度), 同期, holidays, and windows (未来十年, 近3个月)."""

from __future__ import annotations

from datetime import date, timedelta

from pressmine.claims.calendar.model import (
    CN,
    WHOLE_YEAR,
    Context,
    NoDate,
    Part,
    Period,
    Year,
    date_label,
    day_of,
    in_range,
    join,
    lookup,
    number,
    since_word,
    span_label,
    written_label,
)
from pressmine.claims.calendar.years import point, read_year
from pressmine.packs.calendar import Holiday, Vocabulary

# ----------------------------------------------------------------------------- other forms


def season(w: dict[str, str], expression: str, vocab: Vocabulary, ctx: Context) -> Period:
    """2024年夏天, 入汛以来: a label; a season has no fixed days (以来 still ends today)."""
    year = read_year(w, vocab, ctx)
    year = year if year.value is not None else Year(None, "")
    since = since_word(w)
    end = ctx.doc_date if since and ctx.doc_date else None
    label = f"{year.label}{w['season']}{since}" if year.label else written_label(expression)
    return Period(label, None, end, kind="label", year=year.value)


def relative_day(w: dict[str, str], expression: str, vocab: Vocabulary, doc: date | None) -> Period:
    """今天, 目前, 截至目前, 昨日: a day counted from the document's date."""
    offset = lookup(vocab.days, w["day_rel"])
    if doc is None:
        return Period(written_label(expression), None, None, kind="label")
    d = doc + timedelta(days=offset)
    day = (d.month, d.day)
    return Period(date_label(d), d, d, "point", d.year, Part(f"{d.month}月{d.day}日", day, day))


def relative_part(w: dict[str, str], expression: str, vocab: Vocabulary, ctx: Context) -> Period:
    """本月, 上月, 本季: a month or quarter counted from the document's date; where a movement
    starts (由上月下降6.0%转为上涨20.2%), from the month or quarter it moves to (in a release on
    July, published in August, that 上月 is June)."""
    moved_to = _reported(ctx.period, 1 if "month_rel" in w else 3) if ctx.moving else None
    doc = moved_to or ctx.doc_date
    if doc is None:
        return Period(written_label(expression), None, None, kind="label")
    if "month_rel" in w:
        n = doc.year * 12 + doc.month - 1 + lookup(vocab.months, w["month_rel"])
        y, m = divmod(n, 12)
        part = Part(f"{m + 1}月", (m + 1, 1), (m + 1, 31))
    else:
        n = doc.year * 4 + (doc.month - 1) // 3 + lookup(vocab.quarters, w["quarter_rel"])
        y, q = divmod(n, 4)
        part = Part(f"{CN[q + 1]}季度", (3 * q + 1, 1), (3 * q + 3, 31))
    year = Year(y, f"{y}年")
    if "as_of" in w or "edge" in w:
        return point(year, part, part.days(y)[1], False, running="edge" not in w)
    return Period(f"{y}年{part.label}", *part.days(y), "span", y, part)


def _reported(period: Period | None, months: int) -> date | None:
    """The first day of `period` when it is one whole month (months=1) or quarter (3)."""
    if period is None or period.start is None or period.end is None:
        return None
    start, end = period.start, period.end
    if start.day != 1 or (start.month - 1) % months:
        return None
    last = start.year * 12 + start.month - 1 + months  # the month after the span, counted
    after = date(last // 12, last % 12 + 1, 1)
    return start if end == after - timedelta(days=1) else None


def year_range(w: dict[str, str], vocab: Vocabulary, ctx: Context) -> Period:
    """2022-2031年, 2015/16-2016/17年度, 2024年12月至2025年2月, 2013-2018年同期."""
    first = read_year(w, vocab, ctx)
    last_words = {k[:-1]: v for k, v in w.items() if k in ("year2", "roc_year2", "fy2")}
    if "fiscal" in w:
        last_words["fiscal"] = w["fiscal"]
    last = read_year(last_words, vocab, ctx)
    if first.value is None or last.value is None or last.value < first.value:
        raise NoDate
    if "month" in w and "month2" in w:  # 2024年12月至2025年2月
        m, m2 = in_range(number(w["month"]), 1, 12), in_range(number(w["month2"]), 1, 12)
        start, end = day_of(first.value, m, 1), day_of(last.value, m2, 31)
        if end < start:
            raise NoDate
        label = (
            f"{first.value}年{m}-{m2}月"
            if first.value == last.value
            else (f"{first.value}年{m}月-{last.value}年{m2}月")
        )
        return Period(label, start, end, "span", first.value)
    part = WHOLE_YEAR
    if "same" in w:
        part = ctx.period.part if ctx.period is not None and ctx.period.part else WHOLE_YEAR
    if first.start_month != 1:  # years of account: 2015/16-2016/17年度
        label = f"{first.label[:-2]}-{last.label}"
        start = day_of(first.value, first.start_month, 1)
        end = day_of(last.value + 1, last.start_month - 1, 31)
        return Period(label, start, end, "span", first.value)
    a, b = first.label.rstrip("年度"), last.label
    label = f"{a}-{b}" + (part.label if part is not WHOLE_YEAR else "")
    if part.label:  # 2013-2018年1-2月: the same months of six years, no one interval
        return Period(label, None, None, "label", first.value, part)
    return Period(label, date(first.value, 1, 1), date(last.value, 12, 31), "span", first.value)


def same_period(w: dict[str, str], vocab: Vocabulary, ctx: Context) -> Period | None:
    """同期, 上年同期, 2020年同期: the part of the year in force, in the year named."""
    now = ctx.period
    if now is None or now.part is None:
        return None
    y: int | None
    if "year_rel" in w and now.year is not None:  # 上年同期: the year before the period's
        y = now.year + lookup(vocab.years, w["year_rel"])
    else:
        year = read_year(w, vocab, ctx)
        y = year.value if year.value is not None else now.year
    if y is None:
        return Period(now.part.label, None, None, "label", None, now.part)
    return Period(join(f"{y}年", now.part.label), *now.part.days(y), "span", y, now.part)


def holiday(w: dict[str, str], expression: str, vocab: Vocabulary, ctx: Context) -> Period:
    """春节假期, “五一”假期: the holiday's days in the year named, else the document's year."""
    holiday = lookup(vocab.holidays, w["holiday"])
    year = read_year(w, vocab, ctx)
    y = year.value
    since = since_word(w)
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


def window(w: dict[str, str], expression: str, vocab: Vocabulary, doc: date | None) -> Period:
    """未来十年, 过去5年, 近三个月: whole units after or before the document's year, month or day
    (SOURCES.md call 12: 未来十年 in a release of 2021 is 2022-2031年)."""
    n = number(w.get("ahead") or w["back"])
    unit = vocab.window_units.get(w.get("unit", "年"), "year")
    if doc is None or n < 1:
        return Period(written_label(expression), None, None, kind="label")
    sign = 1 if "ahead" in w else -1
    if unit == "year":
        a, b = (doc.year + 1, doc.year + n) if sign > 0 else (doc.year - n, doc.year - 1)
        label = f"{a}-{b}年" if a != b else f"{a}年"
        return Period(label, date(a, 1, 1), date(b, 12, 31), "window", a)
    if unit == "month":
        here = doc.year * 12 + doc.month - 1
        a, b = (here + 1, here + n) if sign > 0 else (here - n, here - 1)
        start, end = date(a // 12, a % 12 + 1, 1), day_of(b // 12, b % 12 + 1, 31)
    else:
        days = n * (7 if unit == "week" else 1)
        start, end = (
            (doc + timedelta(days=1), doc + timedelta(days=days))
            if sign > 0
            else (doc - timedelta(days=days), doc - timedelta(days=1))
        )
    return Period(span_label(start, end), start, end, "window", start.year)
