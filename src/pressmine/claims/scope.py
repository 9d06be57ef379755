"""Which period each claim refers to: the period expressions of a document, found with the
packs' [[period]] patterns, read on the calendar (calendar.py), and their scope.

Scope (CLAIMS.md §Period):
- a period governs the rest of its sentence and paragraph until another is stated;
- a paragraph that states none before a claim takes the document's: the headline's period,
  else the lead paragraph's;
- a comparison base (比2019年同期, 较上月, 与去年相比, 上年同期基数) is the basis, never the period,
  except for a figure that is the base's own (较上月的1.3%);
- a figure compared with a whole year (比去年增加) and given no period is of the year after it;
- 截至 + a month is a running total (1-10月) in a sentence that compares year on year, else
  the month's last day (a stock);
- a figure with no time at all is as at the document's date (a release speaks of its day).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache

from pressmine.claims.calendar import Context, Period, resolve, stated_year
from pressmine.claims.calendar_data import Vocabulary


@dataclass(frozen=True, slots=True)
class Found:
    """A period expression in the text, read on the calendar."""

    start: int
    end: int
    period: Period
    basis: bool  # a comparison base: it places the base, not the figures after it
    reach: int  # where its scope ends: the paragraph's end, or its clause's or sentence's


# Words before a period expression that make it a comparison base (比上年, 较2010年同季), and
# frames around one (与2020年相比, 以2019年为基数); nouns after one that make it a base
# (2020年同期基数较低).
_BEFORE = ("比", "较", "较之", "相较", "对比", "高于", "低于", "快于", "慢于", "不及", "相对")
_FRAMES = (("与", "相比"), ("同", "相比"), ("和", "相比"), ("跟", "相比"), ("与", "比较"),
           ("以", "为基"), ("以", "相应同期"), ("在", "基础上"))  # fmt: skip
_AFTER = ("基数", "基期")
# Words that open a breakdown of the period in force by parts of it (分季度看, 分月看).
_BREAKDOWN = ("分季度", "分季", "分月")
_HEADLINE_MAX = 80  # a first line this short without a full stop is the headline


def find_periods(
    text: str,
    claims: Sequence[tuple[int, int]],
    patterns: Sequence[object],
    vocab: Vocabulary,
    bounds: object,
    *,
    doc_date: date | None,
    year_on_year: re.Pattern[str] | None = None,
) -> list[Period | None]:
    """The period of each claim (start, end offsets into `text`, sorted), or None."""
    vocab = vocab.for_text(text)
    lead_lo, lead_hi, head = _headline_and_lead(text, bounds)
    first_claim = claims[0][0] if claims else len(text)
    default = _document_period(
        text, head, (lead_lo, lead_hi), patterns, vocab, doc_date, first_claim
    )
    head_year = _first_year(text, head, patterns, vocab, doc_date) if head else None
    out: list[Period | None] = []
    by_paragraph: dict[tuple[int, int], list[Found]] = {}
    for start, end in claims:
        para = bounds.paragraph(start)
        if para not in by_paragraph:
            by_paragraph[para] = _read_paragraph(
                text, para, patterns, vocab, doc_date, default, head_year, bounds
            )
        found = by_paragraph[para]
        out.append(_govern(text, start, end, found, bounds, default, doc_date, year_on_year))
    return out


def _govern(
    text: str,
    start: int,
    end: int,
    found: list[Found],
    bounds: object,
    default: Period | None,
    doc_date: date | None,
    year_on_year: re.Pattern[str] | None,
) -> Period | None:
    ends = [f.end for f in found]
    n = bisect.bisect_right(ends, start)
    sentence_lo = bounds.sentence(start)[0]
    clause_lo = bounds.clause(start)[0]
    before = found[:n]
    # The base's own figure: 较上(12)月的1.3%.
    if before and before[-1].basis and before[-1].end >= clause_lo:
        between = text[before[-1].end : start].strip()
        if between in ("", "的", "为", "是"):
            return before[-1].period
    governing = next((f for f in reversed(before) if not f.basis and f.reach > start), None)
    carried_day = governing is not None and governing.start < sentence_lo
    carried_day = carried_day and governing.period.kind == "point"
    if governing is None or carried_day:
        # 今日公布的报告中…。全港有12.7万户，比去年增加5100户: compared with last year, the
        # figure is this year's, whatever day an earlier sentence named.
        sentence_hi = bounds.sentence(start)[1]
        implied = _after_base([f for f in found if sentence_lo <= f.start < sentence_hi])
        if implied is not None:
            return implied
    if governing is None:
        return default or _today(doc_date)
    p = governing.period
    if p.running is not None and year_on_year is not None:
        sentence = text[sentence_lo : bounds.sentence(start)[1]]
        if year_on_year.search(sentence):
            return p.running
    return p


def _after_base(in_sentence: list[Found]) -> Period | None:
    """比去年增加5100户: a figure compared with a whole year, with no period of its own, is
    of the year after it."""
    for f in in_sentence:
        p = f.period
        whole_year = p.part is not None and p.part.label == "" and p.start is not None
        if f.basis and p.kind == "span" and whole_year and p.year is not None:
            y = p.year + 1
            return Period(f"{y}年", date(y, 1, 1), date(y, 12, 31), "span", y, p.part)
    return None


def _today(doc_date: date | None) -> Period | None:
    if doc_date is None:
        return None
    d = doc_date
    return Period(f"{d.year}年{d.month}月{d.day}日", d, d, "point", d.year)


# ----------------------------------------------------------------------------- expressions


def _read_paragraph(
    text: str,
    span: tuple[int, int],
    patterns: Sequence[object],
    vocab: Vocabulary,
    doc_date: date | None,
    default: Period | None,
    head_year: int | None,
    bounds: object,
) -> list[Found]:
    """The period expressions of a paragraph, in order, each read with what came before it."""
    out: list[Found] = []
    stated, stated_until = None, 0  # a year the paragraph stated, and where its sentence ends
    in_force = default
    for m in _matches(text, span, patterns):
        # 2019年…11月: a yearless expression takes a year stated before it in its sentence,
        # else the headline's; one stated in an earlier sentence only when the document has
        # no date to go by (低于最高年份2015年。上半年… is not 2015's first half).
        near = stated is not None and (m.start() < stated_until or doc_date is None)
        year = stated if near else head_year
        p = resolve(m, text, vocab, Context(doc_date, year, in_force))
        if p is None:
            continue
        basis = _is_basis(text, m.start(), m.end(), span)
        out.append(Found(m.start(), m.end(), p, basis, _reach(text, m, p, span, bounds)))
        if not basis:
            in_force = p
            if stated_year(m) is not None:
                stated, stated_until = stated_year(m), bounds.sentence(m.start())[1]
    return out


def _reach(text: str, m: re.Match[str], p: Period, span: tuple[int, int], bounds: object) -> int:
    """Where an expression's scope ends. 扭转了2020年以来的下降态势: a period that modifies a
    noun governs its clause only; 分季度看，一季度…，二季度…: the quarters of a breakdown
    govern their sentence only; any other, the rest of the paragraph."""
    if p.kind == "since" and text.startswith("的", m.end()):
        return bounds.clause(m.start())[1]
    lo, hi = bounds.sentence(m.start())
    if any(w in text[lo : m.start()] for w in _BREAKDOWN):
        return hi
    return span[1]


def _matches(text: str, span: tuple[int, int], patterns: Sequence[object]) -> list[re.Match[str]]:
    """Every expression in span, the one that starts first winning an overlap, then the longer."""
    found = []
    for p in patterns:
        for m in p.regex.finditer(text, *span):  # type: ignore[attr-defined]
            if m.end() > m.start():
                found.append(m)
    found.sort(key=lambda m: (m.start(), -m.end()))
    kept: list[re.Match[str]] = []
    for m in found:
        if kept and m.start() < kept[-1].end():
            continue
        kept.append(m)
    return kept


def _is_basis(text: str, start: int, end: int, span: tuple[int, int]) -> bool:
    lo = max(span[0], start - 12)
    before = text[lo:start].rstrip()
    if before.endswith(_BEFORE):
        return True
    after = text[end : min(span[1], end + 24)]
    if after.lstrip().startswith(_AFTER):
        return True
    clause = _CLAUSE_END.split(after, 1)[0]
    return any(before.endswith(a) and b in clause for a, b in _FRAMES)


_CLAUSE_END = re.compile(r"[,，。;；:：!?！？\n]")


# ----------------------------------------------------------------------------- the document's


def _headline_and_lead(text: str, bounds: object) -> tuple[int, int, tuple[int, int] | None]:
    """(lead start, lead end, headline span or None). The headline is a short first line
    without a full stop; the lead is the first paragraph after it."""
    first = bounds.paragraph(0)
    line = text[first[0] : first[1]].strip()
    head = None
    if line and len(line) <= _HEADLINE_MAX and "。" not in line:
        head = first
        pos = first[1] + 1
        while pos < len(text) and text[pos] in "\n \t\u3000":
            pos += 1
        lead = bounds.paragraph(pos) if pos < len(text) else (len(text), len(text))
    else:
        lead = first
    return lead[0], lead[1], head


def _document_period(
    text: str,
    head: tuple[int, int] | None,
    lead: tuple[int, int],
    patterns: Sequence[object],
    vocab: Vocabulary,
    doc_date: date | None,
    first_claim: int,
) -> Period | None:
    """The headline's first period that is not a comparison base and comes before its first
    figure (…财爷料来年出现赤字: a forecast, not the release's period), else the lead's; a span
    before a day (10月10日，民政部发布今年1-9月…: the day is the announcement's)."""
    for span in (head, lead):
        if span is None:
            continue
        days = []
        for m in _matches(text, span, patterns):
            if _is_basis(text, m.start(), m.end(), span):
                continue
            if span is head and span[0] <= first_claim < m.start():
                continue
            p = resolve(m, text, vocab, Context(doc_date))
            if p is not None and p.kind == "point":
                days.append(p)
            elif p is not None and p.kind != "label":
                return p
        if days:
            return days[0]
    return None


def _first_year(
    text: str,
    span: tuple[int, int],
    patterns: Sequence[object],
    vocab: Vocabulary,
    doc_date: date | None,
) -> int | None:
    for m in _matches(text, span, patterns):
        y = stated_year(m)
        if y is not None and not _is_basis(text, m.start(), m.end(), span):
            return y
    return None


@cache
def year_on_year_words(words: tuple[str, ...]) -> re.Pattern[str] | None:
    if not words:
        return None
    return re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))
