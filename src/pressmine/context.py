"""What the words around a number say about it: whether it is a change (增长 5.9%), against
what basis (同比), and the period it refers to (2025年, 截至2025年6月15日)."""

from __future__ import annotations

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
    for i, c in enumerate(claims):
        lo, _ = bounds.clause(c.start)
        j, pos, label = i, c.start, None
        while True:
            # Only the words since the previous number in the clause are this number's own.
            seg_lo = max(lo, claims[j - 1].end) if j > 0 and claims[j - 1].end > lo else lo
            toks = segment.spans(text[seg_lo:pos], seg_lo, split) if pos > seg_lo else []
            while toks and (toks[-1][0] in skip or toks[-1][0] in _LIST_GLUE):
                toks.pop()
            if toks or seg_lo == lo:
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
                break
            # Nothing but glue back to the previous number: that number's verb is ours too.
            j -= 1
            pos = claims[j].start
        if label is None:
            label = _change_after(text, c.end, packs)  # 有16.6%的增长
        out.append(label if label in ("increase", "decrease") else None)
    return out


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
    regex = _basis_regex(tuple(packs.basis))
    out: list[str | None] = []
    for c, change in zip(claims, changes, strict=True):
        lo = bounds.sentence(c.start)[0] if change else bounds.clause(c.start)[0]
        hits = list(regex.finditer(text, lo, c.start)) if regex else []
        out.append(packs.basis[hits[-1].group()] if hits else None)
    return out


@cache
def _basis_regex(words: tuple[str, ...]) -> re.Pattern[str] | None:
    if not words:
        return None
    return re.compile("|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w))))


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
    cache_: dict[tuple[int, int], list[tuple[int, int, str]]] = {}
    if masked is None:
        masked = numbers.mask_numbers(text)  # what {{number}} patterns run on
    for c in claims:
        paragraph = bounds.paragraph(c.start)
        if paragraph not in cache_:
            cache_[paragraph] = _periods_in(text, masked, paragraph, packs)
        sentence_lo = bounds.sentence(c.start)[0]
        before = [p for p in cache_[paragraph] if p[1] <= c.start]
        in_sentence = [p for p in before if p[0] >= sentence_lo]
        before = in_sentence or before
        if not before:
            out.append(None)
            continue
        start, _end, period = before[-1]
        if not re.search(r"\d{4}年|[〇零○]", period) and "截至" not in period:
            year = [p for p in before if re.fullmatch(r"(?:19|20)\d{2}年", p[2])]
            if year and year[-1][1] <= start:
                period = year[-1][2] + period  # 2025年…1-11月: the year stated earlier applies
        out.append(period)
    return out


def _periods_in(
    text: str, masked: str, span: tuple[int, int], packs: PackSet
) -> list[tuple[int, int, str]]:
    found: list[tuple[int, int, str]] = []
    regex = _basis_regex(tuple(packs.basis))
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
