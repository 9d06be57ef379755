"""What the words around a number say about it: whether it is a change (增长 5.9%), against
what basis (同比), and the period it refers to (2025年, 截至2025年6月15日)."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from functools import cache

from pressmine import numbers, segment
from pressmine.clauses import Boundaries
from pressmine.packs import PackSet
from pressmine.quantities import Candidate

_LIST_GLUE = frozenset(("、", "和", "及", "与", "以及", "或", "了", "的", " ", "\t"))


def find_changes(
    text: str, claims: Sequence[Candidate], packs: PackSet, bounds: Boundaries
) -> list[str | None]:
    """increase / decrease when a change verb governs the number, else None.

    The verb may govern a whole list: 同比减少96起、64人 -> both decrease.
    """
    skip, split = _change_words(packs)
    out: list[str | None] = []
    own: list[str | None] = []  # what each number's words say, before _change_after
    for i, c in enumerate(claims):
        lo, _ = bounds.clause(c.start)
        # Only the words since the previous number in the clause are this number's own.
        seg_lo = max(lo, claims[i - 1].end) if i > 0 and claims[i - 1].end > lo else lo
        toks = segment.spans(text[seg_lo : c.start], seg_lo, split) if c.start > seg_lo else []
        while toks and (toks[-1][0] in skip or toks[-1][0] in _LIST_GLUE):
            toks.pop()
        if toks or seg_lo == lo:
            label = _verb_label(toks, packs)
        elif claims[i - 1].start >= lo:
            # Nothing but glue back to the previous number: that number's verb is ours too.
            # It is in our clause, so what its words said stands (a list of n numbers is not
            # walked back n times).
            label = own[i - 1]
        else:
            label = None  # glue back to a number that starts in the clause before
        own.append(label)
        if label is None:  # 翻一番: the verb is in the claim's text (one word with the number)
            label = packs.change.get(text[c.start : c.number_start])
        if label is None:
            label = _change_after(text, c.end, packs)  # 有16.6%的增长
        sign = text[c.number_start : c.number_start + 1]
        if sign in _MINUS:
            label = None  # 增长率-3.31%: a level with its sign (CLAIMS.md §Value, §Change)
        elif sign == "+" and label is None:
            label = "increase"  # 交通(+8.75%): a rise written with its sign
        out.append(label if label in ("increase", "decrease") else None)
    return out


_MINUS = frozenset("-−负負")


def _verb_label(toks: list[tuple[str, int, int]], packs: PackSet) -> str | None:
    """The change kind of the last word before a number, once linking words are dropped."""
    label = packs.change.get(toks[-1][0]) if toks else None
    if len(toks) > 1 and packs.change.get(toks[-2][0]) == "streak":
        label = None  # 连跌13个月: how long, not how much
    elif (
        label is None
        and toks
        and toks[-1][0][:1] in ("连",)
        and (packs.change.get(toks[-1][0][1:]) in ("increase", "decrease"))
    ):
        label = None
    return label


def _change_after(text: str, end: int, packs: PackSet) -> str | None:
    """有16.6%的增长: a change noun right after the number, linked by 的."""
    if not text.startswith("的", end):
        return None
    toks = segment.spans(text[end + 1 : end + 6], end + 1)
    return packs.change.get(toks[0][0]) if toks else None


@cache
def _change_words(packs: PackSet) -> tuple[frozenset[str], frozenset[str]]:
    """The words that may stand between a change verb and its number (同比, 约), and the
    words of two or more characters the segmenter must not glue to the word before them."""
    skip = packs.subject_words["skip_before"] | set(packs.basis) | _qualifier_words(packs)
    return skip, frozenset(w for w in (*packs.change, *packs.basis, *skip) if len(w) > 1)


@cache
def _qualifier_words(packs: PackSet) -> frozenset[str]:
    return frozenset(w for place in packs.qualifiers.values() for w in place)


def find_bases(
    text: str,
    claims: Sequence[Candidate],
    changes: Sequence[str | None],
    packs: PackSet,
    bounds: Boundaries,
) -> list[str | None]:
    """The comparison base written before the number: in its clause, or for a change, anywhere
    earlier in its sentence (同比减少96起、64人,下降10.9% -> 10.9% is 同比 too)."""
    regex = _basis_regex(packs)
    out: list[str | None] = []
    for c, change in zip(claims, changes, strict=True):
        lo = bounds.sentence(c.start)[0] if change else bounds.clause(c.start)[0]
        hits = list(regex.finditer(text, lo, c.start)) if regex else []
        out.append(packs.basis[hits[-1].group()] if hits else None)
    return out


@cache
def _basis_regex(packs: PackSet) -> re.Pattern[str] | None:
    if not packs.basis:
        return None
    words = sorted(packs.basis, key=lambda w: (-len(w), w))
    return re.compile("|".join(re.escape(w) for w in words))


def find_periods(
    text: str,
    claims: Sequence[Candidate],
    packs: PackSet,
    bounds: Boundaries,
    masked: str | None = None,
) -> list[str | None]:
    """The last period expression before the number in its sentence; failing that, in the
    sentences before it in its paragraph (上半年,…。…。 scopes the paragraph); else None.

    `masked` is numbers.mask_numbers(text) when the caller has it already."""
    out: list[str | None] = []
    by_paragraph: dict[tuple[int, int], _Periods] = {}
    if masked is None:
        masked = numbers.mask_numbers(text)  # what {{number}} patterns run on
    for c in claims:
        paragraph = bounds.paragraph(c.start)
        if paragraph not in by_paragraph:
            by_paragraph[paragraph] = _Periods(_periods_in(text, masked, paragraph, packs))
        out.append(by_paragraph[paragraph].before(c.start, bounds.sentence(c.start)[0]))
    return out


_NAMES_ITS_YEAR = re.compile(r"\d{4}年|[〇零○]")
_BARE_YEAR = re.compile(r"(?:19|20)\d{2}年")


class _Periods:
    """The periods of a paragraph, looked up for each claim in it by bisection: they come
    sorted and without overlaps (_periods_in), so their starts and their ends both ascend."""

    def __init__(self, found: list[tuple[int, int, str]]) -> None:
        self.found = found
        self.starts = [s for s, _, _ in found]
        self.ends = [e for _, e, _ in found]
        self.years = [i for i, (_, _, p) in enumerate(found) if _BARE_YEAR.fullmatch(p)]

    def before(self, pos: int, sentence_lo: int) -> str | None:
        """The last period that ends before `pos`, preferring those in the sentence that
        starts at `sentence_lo`, with a year stated before it when it names none itself."""
        n = bisect.bisect_right(self.ends, pos)  # the periods before the number: [0, n)
        if n == 0:
            return None
        lo = bisect.bisect_left(self.starts, sentence_lo, 0, n)
        if lo == n:
            lo = 0  # none in its sentence: all those before it in the paragraph count
        start, _end, period = self.found[n - 1]
        if not _NAMES_ITS_YEAR.search(period) and "截至" not in period:
            k = bisect.bisect_left(self.years, n) - 1  # the last bare year of [0, n)
            if k >= 0 and self.years[k] >= lo and self.found[self.years[k]][1] <= start:
                # 2025年…1-11月: the year stated earlier applies
                period = self.found[self.years[k]][2] + period
        return period


def _periods_in(
    text: str, masked: str, span: tuple[int, int], packs: PackSet
) -> list[tuple[int, int, str]]:
    found: list[tuple[int, int, str]] = []
    regex = _basis_regex(packs)
    bases = [m.span() for m in regex.finditer(text, *span)] if regex else []
    for p in packs.period_patterns:
        for m in p.regex.finditer(numbers.texts_for(p.regex.pattern, text, masked), *span):
            inside_basis = any(s < m.end() and m.start() < e for s, e in bases)
            if m.end() > m.start() and not inside_basis:  # 比上年同期 is a basis, not a period
                found.append((m.start(), m.end(), text[m.start() : m.end()]))
    # Where patterns overlap keep the longest (2025年春节以来 over 2025年).
    found.sort(key=lambda x: (x[0], -(x[1] - x[0])))
    kept: list[tuple[int, int, str]] = []
    for f in found:
        if kept and f[0] < kept[-1][1]:
            continue
        kept.append(f)
    return kept
