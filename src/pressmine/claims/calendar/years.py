"""Years and their parts placed on the calendar: 2023年, 2019/20年度, 今年前三季度, 11月10日,
截至11月底, 2016年8月起, 2020年以前."""

from __future__ import annotations

import re
from datetime import date, timedelta

from pressmine.claims.calendar.model import (
    CN,
    ROC_OFFSET,
    WHOLE_YEAR,
    Context,
    NoDate,
    Part,
    Period,
    Year,
    day_of,
    full_year,
    in_range,
    join,
    lookup,
    month_days,
    number,
    ordinal,
    since_word,
    span_label,
    written_label,
    year_number,
)
from pressmine.packs.calendar import Fiscal, Vocabulary

# ----------------------------------------------------------------------------- years


def read_year(w: dict[str, str], vocab: Vocabulary, ctx: Context) -> Year:
    """The year the words name, or Year(None, "") when they name none."""
    fiscal_word = w.get("fiscal")
    conv = vocab.fiscal.get(fiscal_word) if fiscal_word else None
    if "year" in w:
        # 19/20年度, 二四年: two digits name the year of that ending nearest the document's
        y = full_year(year_number(w["year"]), ctx.doc_date)
        if "fy" in w:
            return _split_year(y, w["fy"], fiscal_word or "年度", conv, vocab)
        if conv is not None and conv.start != 1 and conv.single != "calendar":
            first = y if conv.single == "start" else y - 1
            return Year(first, f"{y}{fiscal_word}", conv.start)
        return Year(y, f"{y}{fiscal_word or '年'}")
    if "roc_year" in w:
        n = number(w["roc_year"])
        return Year(n + ROC_OFFSET, f"{n}{fiscal_word or '年'}")
    if "year_rel" in w:
        word = w["year_rel"]
        offset = lookup(vocab.years, word)
        conv = _fiscal_in(word, vocab)
        if ctx.doc_date is None:
            return Year(None, word)
        if conv is not None and conv.start != 1:
            d = ctx.doc_date
            first = (d.year if d.month >= conv.start else d.year - 1) + offset
            return Year(first, f"{first}/{(first + 1) % 100:02d}年度", conv.start)
        return Year(ctx.doc_date.year + offset, f"{ctx.doc_date.year + offset}年")
    if "year_ctx" in w:
        offset = lookup(vocab.years_in_context, w["year_ctx"])
        base = ctx.year if ctx.year is not None else ctx.doc_date.year if ctx.doc_date else None
        if base is None:
            return Year(None, w["year_ctx"])
        return Year(base + offset, f"{base + offset}年")
    return Year(None, "")


def _split_year(y: int, fy: str, word: str, conv: Fiscal | None, vocab: Vocabulary) -> Year:
    """2019/20年度: a year that starts in one calendar year and ends in the next."""
    if int(fy) % 100 != (y + 1) % 100:
        raise NoDate
    start = conv.start if conv is not None and conv.start != 1 else vocab.split_year_start
    return Year(y, f"{y}/{fy[-2:]}{word}", start)


def _fiscal_in(word: str, vocab: Vocabulary) -> Fiscal | None:
    """本年度, 上财年: a relative year that ends in a fiscal-year word counts fiscal years."""
    for f, conv in vocab.fiscal.items():
        if word.endswith(f) and word != f:
            return conv
    return None


# ----------------------------------------------------------------------------- parts of a year


def read_part(w: dict[str, str], vocab: Vocabulary, start_month: int) -> Part:
    """The part of a year the words name; the whole year when they name none."""
    shift = start_month - 1  # parts of a fiscal year count from its first month
    if "months" in w:
        n = in_range(number(w["months"]), 1, 12)
        if shift:
            return Part(f"前{n}个月", (1 + shift, 1), (n + shift, 31))
        return Part(f"1-{n}月" if n > 1 else "1月", (1, 1), (n, 31))
    if "quarters" in w:
        n = in_range(number(w["quarters"]), 1, 4)
        return Part(f"前{CN[n]}季度", (1 + shift, 1), (3 * n + shift, 31))
    if "half" in w:
        h = in_range(ordinal(w["half"], vocab.halves, 2), 1, 2)
        return Part("上半年" if h == 1 else "下半年", (6 * h - 5 + shift, 1), (6 * h + shift, 31))
    if "quarter" in w:
        q = in_range(ordinal(w["quarter"], vocab.ordinals, 4), 1, 4)
        q2 = in_range(ordinal(w["quarter2"], vocab.ordinals, 4), q, 4) if "quarter2" in w else q
        label = _quarter_label(w["quarter"], q, w.get("quarter_style", ""))
        if q2 != q:
            label = label.replace(w["quarter"], f"{w['quarter']}至{w['quarter2']}")
        return Part(label, (3 * q - 2 + shift, 1), (3 * q2 + shift, 31))
    if "month" in w:
        return _month_part(w, vocab, start_month)
    return Part("", (1 + shift, 1), (12 + shift, 31)) if shift else WHOLE_YEAR


def _month_part(w: dict[str, str], vocab: Vocabulary, start_month: int) -> Part:
    m = in_range(number(w["month"]), 1, 12)
    # A month of a fiscal year that begins in April: January to March are the next year's.
    at = m + 12 if start_month > 1 and m < start_month else m
    if "month2" in w:
        m2 = in_range(number(w["month2"]), m + 1, 12)
        at2 = m2 + 12 if start_month > 1 and m2 < start_month else m2
        return Part(f"{m}-{m2}月", (at, 1), (at2, 31))
    if "day" in w:
        d = in_range(number(w["day"]), 1, month_days(2000, m))  # 2月29日: 2000 is a leap year
        if "day2" in w:
            d2 = in_range(number(w["day2"]), d, 31)
            return Part(f"{m}月{d}-{d2}日", (at, d), (at, d2))
        return Part(f"{m}月{d}日", (at, d), (at, d))
    if "ten_days" in w:
        first, last = lookup(vocab.ten_days, w["ten_days"])
        return Part(f"{m}月{w['ten_days']}", (at, first), (at, last))
    return Part(f"{m}月", (at, 1), (at, 31))


def _quarter_label(written: str, q: int, style: str) -> str:
    """三季度 and 第三季 as written (CLAIMS.md); Q3, 首季, 最后一季 as 三季度 (or 第三季)."""
    numeral = written if (written.isdigit() or written in CN) and "Q" not in style else CN[q]
    if "第" in style:
        return f"第{numeral}季" + ("度" if "度" in style else "")
    return f"{numeral}季度"


def quarter_style(text: str, s: int, e: int) -> str:
    before = text[max(0, s - 2) : s].replace(" ", "")
    style = "第" if before.endswith("第") else ""
    style += "Q" if before.endswith(("Q", "q")) else ""
    return style + ("度" if text.startswith("季度", e) else "")


# ----------------------------------------------------------------------------- placing


def place(
    w: dict[str, str], year: Year, part: Part, expression: str, vocab: Vocabulary, ctx: Context
) -> Period | None:
    """A year (maybe unknown) and a part of it, with 截至/末 (a day), 以来/起 (up to the document's
    date) or 以前 read, on the calendar."""
    doc = ctx.doc_date
    at_point = "as_of" in w or "edge" in w
    since = since_word(w)
    y = year.value
    if y is None and year.label == "":  # no year written: the context's, else the latest
        if part is WHOLE_YEAR and ctx.period is not None and ctx.period.year is not None:
            y = ctx.period.year  # 1至6月…全年目标: the year of the period in force
        elif ctx.year is not None:
            y = ctx.year
        elif doc is not None:
            y = _latest(part, doc, since=bool(since))
        if y is not None:
            year = Year(y, f"{y}年")
    if y is None:
        label = _bare_label(year.label, part, at_point, since, "before" in w, expression)
        return Period(label, None, None, kind="label", part=part)
    start, end = part.days(y)
    if year.start_month != 1 and part.label:  # 本年度最后一季: a part of a fiscal year is
        cal = _calendar_part(start, end)  # labelled as the calendar's (2020年第一季)
        year, part = Year(start.year, f"{start.year}年"), cal
        y = start.year
    if "last" in w:  # 截至2月底的三个月: the last N units up to the end of what precedes
        return _last(w, vocab, end)
    if at_point:
        return point(year, part, end, "day" in w, running="edge" not in w)
    if since:
        end_at = doc if doc is not None and doc >= start else None
        return Period(f"{year.label}{part.label}{since}", start, end_at, "since", y, part)
    if "before" in w:  # 2020年以前: until it begins; 3月31日或之前: until it ends
        inclusive = w["before"][0] in "或及"
        word = w["before"] if inclusive else "以前"
        until = end if inclusive else start - timedelta(days=1)
        return Period(f"{year.label}{part.label}{word}", None, until, "before")
    kind = "point" if start == end else "span"  # 10月10日: a day
    return Period(join(year.label, part.label), start, end, kind, y, part)


def point(year: Year, part: Part, end: date, has_day: bool, *, running: bool) -> Period:
    """截至11月底, 年末: the last day of what is named (a stock at that day). 截至今年10月 is
    also kept as the running total it may be (a flow up to then): 1-10月."""
    y = year.value
    if has_day:
        return Period(join(year.label, part.label), end, end, "point", y, part)
    label = join(year.label, part.label or "") + "末"
    total = None
    if running and _ONE_MONTH.fullmatch(part.label) and year.start_month == 1:
        m = part.last[0]
        span = Part(f"1-{m}月" if m > 1 else "1月", (1, 1), (m, 31))
        total = Period(join(year.label, span.label), date(end.year, 1, 1), end, "span", y, span)
    return Period(label, end, end, "point", y, part, total)


def _last(w: dict[str, str], vocab: Vocabulary, end: date) -> Period:
    """截至今年2月底的三个月: the N months (years, days) that end with `end`; 截至2025年3月31日止
    年度 (no number written): the year that ends with it, 2024-04-01 to 2025-03-31."""
    n = in_range(number(w["last"]), 1, 120) if w["last"] else 1
    unit = vocab.window_units.get(w.get("unit", "月"), "month")
    if unit in ("year", "month"):
        k = end.year * 12 + end.month - n * (12 if unit == "year" else 1)
        start = date(k // 12, k % 12 + 1, 1)
    else:
        start = end - timedelta(days=n * (7 if unit == "week" else 1) - 1)
    label = span_label(start, end)
    part = None
    if unit in ("year", "month") and start.year == end.year:  # 1-6月: 去年同期 can place it
        year = f"{start.year}年"
        part = Part(label.removeprefix(year), (start.month, 1), (end.month, 31))
    return Period(label, start, end, "span", start.year, part)


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
    whole = start.day == 1 and end == day_of(end.year, end.month, 31)
    if whole and end.year == start.year and start.month % 3 == 1 and end.month == start.month + 2:
        return Part(f"第{CN[end.month // 3]}季", first, last)
    label = span_label(start, end)
    return Part(label[label.index("年") + 1 :], first, last)


def _bare_label(
    year_label: str, part: Part, at_point: bool, since: str, before: bool, expression: str
) -> str:
    """The label when the year cannot be known: as written, with the calendar's words."""
    if year_label:  # a relative year with no date to count from: 今年前三季度
        label = year_label + part.label
    elif part.label:
        label = part.label
    else:
        return written_label(expression)
    end = "末" if at_point and "日" not in label else ""
    return label + end + since + ("以前" if before else "")
