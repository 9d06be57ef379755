"""The period each claim refers to: the period expressions of a text, found with the packs'
[[period]] patterns and placed on the calendar (claims/calendar/), and their scope.

Scope (CLAIMS.md §Period, and the README's rules where it is silent):
- a period governs the rest of its sentence and paragraph until another is stated;
- a paragraph that states none before a claim takes the document's: the headline's period
  (one written before the headline's first number), else the lead paragraph's, a span
  before a day (10月10日，民政部发布今年1-9月…: the day is the announcement's); one that
  opens with 其中 is a part of the paragraph before and takes the period that one stated last;
- a comparison base (比2019年同期, 较上月, 与去年相比, 上年同期基数较低) is the basis, never the
  period, except for a figure that is the base's own (较上(12)月的1.3%); so is a period that a
  bracket glosses it with (较上一个三个月期间(即2024年5月至7月)的3.9%);
- a figure compared with a whole year (比去年增加5100户) that no period of its sentence or
  paragraph governs (a day named in an earlier sentence does not) is of the following year;
- 截至 + a month, in a sentence that compares year on year, is the running total (1-10月);
  otherwise the month's last day (a stock);
- 扭转了2020年以来的下降态势 (a period that modifies a noun) governs its clause only, and the
  periods of a breakdown (分季度看，一季度…，二季度…) their sentence only;
- after 分别, the k-th figure is of the k-th period of a list (9、10月份分别增长3.3%、0.6%);
- a period that 于/在 puts right after a figure is the figure's own (三分一于未来五年落成);
- a yearless expression takes a year stated before it in its sentence or in the headline,
  one stated in an earlier sentence only when the document has no date;
- a figure with no time at all is as at the document's date; with no date, it has no period.

The words these rules read are [period_words] in the packs. Expressions are found once per
paragraph and placed on the calendar only when a figure asks for one.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from pressmine.claims.calendar import Context, Period, resolve, stated_year
from pressmine.claims.period_bases import is_basis
from pressmine.claims.period_comparatives import comparative
from pressmine.claims.period_matches import PeriodMatches, Shape
from pressmine.claims.period_moves import start_reach, starting_periods
from pressmine.packs.model import PackSet
from pressmine.text.clauses import Boundaries

if TYPE_CHECKING:
    from pressmine.claims.candidates import Candidate

_HEADLINE_MAX = 80  # a first line this short without a full stop is the headline
_BASE_OWN = ("", "的", "之", "为", "是")  # 较上(12)月的1.3%, 较去年同期之X: the base's own figure


@dataclass(slots=True, eq=False)
class _Found:
    """A period expression of the text; placed on the calendar when a figure asks for it
    (most are not: a release states 一季度 ten times before as many figures)."""

    match: re.Match[str]
    shape: Shape  # its pattern's groups
    start: int
    end: int
    basis: bool  # a comparison base: it places the base, not the figures after it
    reach: int  # where its scope ends: its paragraph's end, or its clause's or sentence's
    year: int | None  # the year in context: stated before it in its sentence, or the headline's
    before: _Found | None  # the expression in force before it (the last that is no base)
    period: Period | None = None  # once read (`read` is True)
    read: bool = False


@dataclass(frozen=True, slots=True)
class DocumentTime:
    """What a whole document says about time: its date, the period its headline or lead
    states (that of every paragraph that states none), and the year its headline states."""

    doc_date: date | None
    default: Period | None = None
    head_year: int | None = None


def find_periods(
    text: str,
    claims: Sequence[Candidate],
    packs: PackSet,
    bounds: Boundaries,
    masked: str | None = None,
    *,
    doc_date: date | None = None,
    document: DocumentTime | None = None,
) -> list[Period | None]:
    """The period of each claim (sorted by position), or None when no time can be inferred.

    `masked` is masking.mask_numbers(text) when the caller has it already (for patterns
    written with {{number}}). `document` is the time of the document `text` is a part of (see
    document_time), when `text` is a block of a longer one; else it is read from `text`."""
    if not claims:
        return []
    finder = _Finder(text, masked, packs, bounds)
    finder.doc = document or finder.document(doc_date)
    finder.claims = [c.start for c in claims]
    periods = [finder.period_of(c.start, c.end) for c in claims]
    starting_periods(text, claims, periods, packs.subject_vocabulary.from_words)
    return periods


HEAD_LIMIT = 2_000  # characters of a document's beginning its time is read from, at most


def document_head(text: str) -> str:
    """The beginning of a document its time is read from: its first two paragraphs (the
    headline and the lead), at most HEAD_LIMIT characters. For a document read in blocks.

    >>> document_head("标题\\n\\n导语。\\n\\n正文。")
    '标题\\n\\n导语。'
    """
    pos, seen, n = 0, 0, len(text)
    while seen < 2 and pos < n:
        while pos < n and text[pos] in "\r\n \t\u3000":
            pos += 1
        end = text.find("\n", pos)
        pos = n if end < 0 else end
        seen += 1
    return text[: min(pos, HEAD_LIMIT)]


def document_time(
    text: str, packs: PackSet, bounds: Boundaries, *, doc_date: date | None = None
) -> DocumentTime:
    """The time of the document that begins with `text` (its headline and lead are in it)."""
    return _Finder(text, None, packs, bounds).document(doc_date)


class _Finder:
    """The period expressions of a text, read paragraph by paragraph as claims ask for them."""

    def __init__(self, text: str, masked: str | None, packs: PackSet, bounds: Boundaries) -> None:
        self.text, self.bounds = text, bounds
        self._matches = PeriodMatches(text, masked, packs)
        self.words = packs.period_vocabulary
        self.vocab = packs.calendar.for_text(text)
        self.doc = DocumentTime(None)
        self.paragraphs: dict[tuple[int, int], tuple[list[_Found], list[int]]] = {}
        self.claims: list[int] = []  # where the claims start, in order
        self.respectively = packs.list_words["respectively"]  # 分别: one each, in order
        self.subset_words = packs.subject_words["subset_words"]  # 其中: a part of the above
        self.moves = (packs.subject_vocabulary.from_words, packs.change)  # 由, 下降: a start
        self.gaps = tuple(w for w, k in packs.change.items() if k in ("above", "below") and w[1:])

    # ------------------------------------------------------------------------- a claim's

    def period_of(self, pos: int, end: int) -> Period | None:
        para = self.bounds.paragraph(pos)
        found, ends = self._paragraph(para)
        n = bisect.bisect_right(ends, pos)
        before = found[:n]
        # The claim's clause and sentence are looked up where a rule reads them, not for every
        # claim: most take the period in force and read neither.
        if n < len(found) and not found[n].basis and found[n].start < self.bounds.clause(pos)[1]:
            at = self.text[end : found[n].start].strip()  # 三分一于未来五年落成: its own time
            if 0 < len(at) <= 3 and at.endswith(self.words.at):
                own = self._place(found[n])
                if own is not None:
                    return own
        last = before[-1] if before else None
        if last and last.basis and self._own_of(last, pos):
            own = self._place(last)
            if own is not None:
                return own  # 较上(12)月的1.3%: the base's own figure
        governing, p = None, None
        for f in reversed(before):
            if not f.basis and f.reach > pos:
                p = self._place(f)
                if p is not None:
                    governing = f
                    break
        carried_day = (
            governing is not None
            and p is not None
            and p.kind == "point"
            and governing.start < self.bounds.sentence(pos)[0]
        )
        span_default = self.doc.default is not None and self.doc.default.kind != "point"
        if (governing is None and not span_default) or carried_day:
            # 今日公布的报告中…。全港有12.7万户，比去年增加5100户: compared with last year,
            # the figure is this year's, whatever day an earlier sentence (or the lead) named;
            # a headline's or lead's span (上半年…夏粮产量比上年减少) stands.
            lo, hi = self.bounds.sentence(pos)
            bases = [f for f in found if lo <= f.start < hi and f.basis]
            implied = _after_base(b for b in map(self._place, bases) if b is not None)
            if implied is not None:
                return implied
        if governing is None or p is None:
            opening = self.text[para[0] : para[0] + 4].lstrip()
            if opening.startswith(tuple(self.subset_words)):
                carried = self._carried(para)  # 其中:铁路客运量…: the paragraph before's part
                if carried is not None:
                    return carried
            return self.doc.default or _day(self.doc.doc_date)
        if p.part is not None and not p.part.label and governing.before is not None:
            # a whole year: (二零二四年:港币1.12元) is the same half of that year as the result
            in_force = self._place(governing.before)
            compared = comparative(self.text, governing.start, governing.end, pos, p, in_force)
            if compared is not None:
                return compared
        if p.items:
            p = self._item(governing, p, pos) or p
        yoy = self.words.year_on_year
        if (
            p.running is not None
            and yoy is not None
            and yoy.search(self.text, *self.bounds.sentence(pos))
        ):
            return p.running  # 截至今年10月，营业收入…同比增长: 1-10月
        return p

    def _paragraph(self, para: tuple[int, int]) -> tuple[list[_Found], list[int]]:
        """A paragraph's expressions and where each ends, read once."""
        if para not in self.paragraphs:
            found = self._read(para)
            self.paragraphs[para] = (found, [f.end for f in found])
        return self.paragraphs[para]

    def _carried(self, para: tuple[int, int]) -> Period | None:
        """The period the paragraph before stated last for the rest of it (or the one before
        that, when it stated none), up to the lead."""
        lo = para[0]
        for _ in range(2):
            if lo <= 1:
                return None
            prev = self.bounds.paragraph(lo - 2)
            if prev[0] >= lo:
                return None
            found, _ends = self._paragraph(prev)
            for f in reversed(found):
                if not f.basis and f.reach >= prev[1]:
                    return self._place(f)
            lo = prev[0]
        return None

    def _item(self, governing: _Found, p: Period, pos: int) -> Period | None:
        """9、10月份分别增长3.3%、0.6%: the k-th figure after 分别 is of the k-th month."""
        lo = max(governing.end, self.bounds.sentence(pos)[0])
        marks = [self.text.rfind(w, lo, pos) for w in self.respectively]
        mark = max(marks, default=-1)
        if mark < 0:
            return None
        k = bisect.bisect_left(self.claims, pos) - bisect.bisect_right(self.claims, mark)
        items = p.items
        return items[k] if 0 <= k < len(items) else None

    def _own_of(self, base: _Found, pos: int) -> bool:
        """The figure at `pos` is the base's own: right after it, in its clause, no gap from it."""
        between = self.text[base.end : pos].strip().lstrip(")）")  # (即…)的3.9%: a gloss closed
        gap = not between and self.text.endswith(self.gaps, 0, base.start)  # 高于[去年同期]27.4
        return base.end >= self.bounds.clause(pos)[0] and between in _BASE_OWN and not gap

    # ------------------------------------------------------------------------- expressions

    def _read(self, span: tuple[int, int]) -> list[_Found]:
        """The expressions of a paragraph, in order, each with what came before it."""
        out: list[_Found] = []
        stated: int | None = None  # a year the paragraph stated
        stated_until = 0  # where the sentence that stated it ends
        undated = self.doc.doc_date is None
        in_force: _Found | None = None
        # A paragraph with no breakdown word (most) has no expression's sentence to look into.
        breakdown = any(w in self.text[span[0] : span[1]] for w in self.words.breakdown)
        for m, shape in self._matches(span):
            # 2019年…11月: a yearless expression takes a year stated before it in its sentence,
            # else the headline's; one from an earlier sentence only when the document has no
            # date to go by (低于最高年份2015年。上半年… is not the first half of 2015).
            near = stated is not None and (m.start() < stated_until or undated)
            year = stated if near else self.doc.head_year
            basis = is_basis(self.text, self.words, m.start(), m.end(), span)
            reach = self._reach(m, shape, span, breakdown=breakdown)
            f = _Found(m, shape, m.start(), m.end(), basis, reach, year, in_force)
            out.append(f)
            if not basis:
                in_force = f
                said = stated_year(m, shape.years, self.doc.doc_date)
                if said is not None:
                    stated, stated_until = said, self.bounds.sentence(m.start())[1]
        return out

    def _place(self, f: _Found) -> Period | None:
        """The expression on the calendar, read with the one in force before it."""
        if not f.read:
            in_force = f.before
            # past a movement's start whose figure is behind (由上月下降6.0%转为…): no longer
            # in force
            while in_force is not None and (
                self._place(in_force) is None or self._started(in_force, f.start)
            ):
                in_force = in_force.before
            now = in_force.period if in_force is not None else self.doc.default
            # 由上月下降6.0%转为上涨20.2%: where a movement to the period in force starts
            moving = self.text[f.start - 1 : f.start] in self.moves[0]
            ctx = Context(self.doc.doc_date, f.year, now, moving)
            f.period = resolve(f.match, self.text, self.vocab, ctx, f.shape.pieces)
            f.read = True
        return f.period

    def _started(self, f: _Found, pos: int) -> bool:
        """Whether f is where a movement started, and its scope ended before pos."""
        return f.reach <= pos and self.text[f.start - 1 : f.start] in self.moves[0]

    def _reach(
        self, m: re.Match[str], shape: Shape, span: tuple[int, int], *, breakdown: bool
    ) -> int:
        """Where an expression's scope ends: 2020年以来的下降态势 (it modifies a noun), its
        clause; the periods of a breakdown (分季度看), their sentence; else the paragraph.
        `breakdown`: whether the paragraph has a breakdown word anywhere."""
        if self.text.startswith("的", m.end()) and any(m.group(n) for n in shape.since):
            return self.bounds.clause(m.start())[1]
        moved = start_reach(
            self.text, m.start(), m.end(), self.claims, *self.moves, self.words.turns
        )
        if moved is not None:
            return min(moved, span[1])  # 由上月下降0.1%转为上涨0.6%: the 0.1% only
        if breakdown:
            lo, hi = self.bounds.sentence(m.start())
            if any(w in self.text[lo : m.start()] for w in self.words.breakdown):
                return hi
        return span[1]

    # ------------------------------------------------------------------------- the document's

    def document(self, doc_date: date | None) -> DocumentTime:
        """The headline's first period that is not a comparison base and comes before its
        first number (…财爷料来年出现赤字: a forecast, not the release's period), else the
        lead's, a span before a day; and the year the headline states."""
        head, lead = self._headline_and_lead()
        first_number = len(self.text)
        if head is not None:
            number = self._matches.first_number(*head)
            first_number = number if number is not None else first_number
        default: Period | None = None
        head_year: int | None = None
        for span in (head, lead):
            if span is None or default is not None:
                continue
            days: list[Period] = []
            for m, shape in self._matches(span):
                if is_basis(self.text, self.words, m.start(), m.end(), span):
                    continue
                if span is head and head_year is None:
                    head_year = stated_year(m, shape.years, doc_date)
                if (span is head and first_number < m.start()) or default is not None:
                    continue  # the rest of the headline is read for its year only
                p = resolve(m, self.text, self.vocab, Context(doc_date), shape.pieces)
                if p is not None and p.kind == "point":
                    days.append(p)
                elif p is not None and p.kind != "label":
                    default = p
            default = default or (days[0] if days else None)
        return DocumentTime(doc_date, default, head_year)

    def _headline_and_lead(self) -> tuple[tuple[int, int] | None, tuple[int, int]]:
        """(headline, lead): the headline is a short first line without a full stop; the lead
        is the first paragraph after it, or the first one when there is no headline."""
        text, bounds = self.text, self.bounds
        first = bounds.paragraph(0)
        line = text[first[0] : first[1]].strip()
        if not line or len(line) > _HEADLINE_MAX or "。" in line:
            return None, first
        pos = first[1] + 1
        while pos < len(text) and text[pos] in "\n \t\u3000":
            pos += 1
        return first, bounds.paragraph(pos) if pos < len(text) else (len(text), len(text))


def _after_base(bases: Iterable[Period]) -> Period | None:
    """比去年增加5100户: a figure compared with a whole year, with no period of its own, is of
    the year after it."""
    for p in bases:
        whole_year = p.part is not None and p.part.label == "" and p.start is not None
        if p.kind == "span" and whole_year and p.year is not None:
            y = p.year + 1
            return Period(f"{y}年", date(y, 1, 1), date(y, 12, 31), "span", y, p.part)
    return None


def _day(d: date | None) -> Period | None:
    """The document's date as a period: what a figure with no time refers to."""
    if d is None:
        return None
    return Period(f"{d.year}年{d.month}月{d.day}日", d, d, "point", d.year)
