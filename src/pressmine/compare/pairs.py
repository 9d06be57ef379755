"""Which figures could be one figure: the pairs that agree and the pairs that differ, found
without looking at every pair.

- Figures that are identical for the comparison (subject, unit, interval, change, basis,
  period) are one *class*: they agree with each other, and only one of them, the first, is
  paired with the rest. A figure that tens of releases copy costs one figure, not hundreds of
  pairs.
- The others are put in *blocks* by canonical unit, head noun of the subject and whether they
  are a change, and within a block by period: a figure is paired with those of its own period
  and with those that leave the period unsaid, never with another period's.
- Within these, only figures less than ten times apart (`MAX_MAGNITUDES`) are paired: the
  figures are sorted by magnitude and each is paired with those up to ten times its size.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Hashable

from pressmine.compare.figures import Figure, Period, overlaps
from pressmine.compare.subjects import SubjectKey, similarity

# Figures further apart than this (as log10 of their ratio) are not the same figure, nor one in
# conflict with the other: 483.8万 and 48.38万 (a slipped decimal point) still pair.
MAX_MAGNITUDES = 1.0

# A pair: (-similarity, how far apart the values are, i, j), so that sorting puts the closest
# first and breaks ties by the order of the claims.
Pair = tuple[float, float, int, int]


def classes(figures: list[Figure], keys: list[SubjectKey | None]) -> dict[Hashable, list[int]]:
    """The figures with a subject, by what the comparison reads of them: each class's figures
    agree with each other. In the order of their first figure."""
    found: dict[Hashable, list[int]] = defaultdict(list)
    for i, (f, k) in enumerate(zip(figures, keys, strict=True)):
        if k is not None:
            c = f.claim
            found[k.text, f.unit, f.lo, f.hi, c.change, c.basis, _time(f.period)].append(i)
    return found


def pairs(
    figures: list[Figure], keys: list[SubjectKey | None], firsts: list[int]
) -> tuple[list[Pair], list[Pair]]:
    """The agreeing and the differing pairs among the figures `firsts` (one of each class)."""
    blocks: dict[tuple[str, str, bool], dict[Hashable, list[int]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for i in firsts:
        f, k = figures[i], keys[i]
        if k is not None:
            blocks[f.unit, k.head, f.claim.change is None][_time(f.period)].append(i)
    found = _Found(figures, keys)
    for block in blocks.values():
        unsaid = _by_magnitude(block.pop(None, []), figures)
        found.within(unsaid)
        for part in block.values():
            ordered = _by_magnitude(part, figures)
            found.within(ordered)
            found.across(ordered, unsaid)
    return found.agree, found.differ


def _time(period: Period | None) -> Hashable:
    """What tells periods apart: their days when resolved, else their label; None if unsaid."""
    if period is None:
        return None
    return (period.start, period.end) if period.resolved else period.label


def _by_magnitude(indices: list[int], figures: list[Figure]) -> list[tuple[float, int]]:
    return sorted((figures[i].magnitude, i) for i in indices)


class _Found:
    """The pairs found so far, and how a pair is judged."""

    def __init__(self, figures: list[Figure], keys: list[SubjectKey | None]) -> None:
        self.figures = figures
        self.keys = keys
        self.numbers = [float(f.value) for f in figures]  # for ranking only
        self.agree: list[Pair] = []
        self.differ: list[Pair] = []

    def within(self, ordered: list[tuple[float, int]]) -> None:
        """Pair each figure with the later ones of `ordered` up to ten times its size."""
        for x, (magnitude, i) in enumerate(ordered):
            end = bisect_right(ordered, (magnitude + MAX_MAGNITUDES, len(self.figures)))
            for _, j in ordered[x + 1 : end]:
                self.judge(i, j)

    def across(self, ordered: list[tuple[float, int]], others: list[tuple[float, int]]) -> None:
        """Pair each figure of `ordered` with those of `others` less than ten times apart."""
        for magnitude, i in ordered:
            start = bisect_right(others, (magnitude - MAX_MAGNITUDES, -1))
            end = bisect_right(others, (magnitude + MAX_MAGNITUDES, len(self.figures)))
            for _, j in others[start:end]:
                self.judge(i, j)

    def judge(self, i: int, j: int) -> None:
        """Two figures whose subjects match and whose bases fit: agreeing (the same change,
        intervals that overlap, periods that fit) or differing (the same period, and values
        apart or changes opposite)."""
        a, b = self.figures[i], self.figures[j]
        score = similarity(self.keys[i], self.keys[j])  # type: ignore[arg-type]  # in a block
        if not score or not bases_fit(a.claim.basis, b.claim.basis):
            return
        x, y = self.numbers[i], self.numbers[j]
        top = max(abs(x), abs(y))
        pair = (-score, abs(x - y) / top if top else 0.0, min(i, j), max(i, j))
        if a.claim.change == b.claim.change and overlaps(a, b) and periods_fit(a, b):
            self.agree.append(pair)
        elif same_time(a.period, b.period):
            self.differ.append(pair)


def bases_fit(a: str | None, b: str | None) -> bool:
    """Bases (同比, 环比…) that do not tell two figures apart: the same, or one unsaid."""
    return a is None or b is None or a == b


def periods_fit(a: Figure, b: Figure) -> bool:
    """Periods that let two figures agree: the same, or one left unsaid. Across documents, a
    figure with a period and one without are taken for one figure only when they state the
    same value, not merely values that overlap (a range, a rounded figure): the period would
    have to say it is the same figure."""
    if a.period is None or b.period is None:
        if a.doc == b.doc or (a.period is None and b.period is None):
            return True
        return a.value == b.value and a.claim.value_max is None and b.claim.value_max is None
    return a.period.same(b.period)


def same_time(a: Period | None, b: Period | None) -> bool:
    """Periods that let two figures conflict: the same, or both unsaid. One figure with a
    period and another without may be of two times: no conflict."""
    if a is None or b is None:
        return a is b
    return a.same(b)
