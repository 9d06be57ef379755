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
            found[k.text, f.unit, f.lo, f.hi, c.change, c.basis, f.label, _time(f.period)].append(i)
    return found


def pairs(
    figures: list[Figure], keys: list[SubjectKey | None], firsts: list[int]
) -> tuple[list[Pair], list[Pair]]:
    """The agreeing and the differing pairs among the figures `firsts` (one of each class)."""
    # block -> period -> subject -> figures: subjects are compared once a pair of them, and
    # only the figures of subjects that match are paired.
    blocks: dict[Hashable, dict[Hashable, dict[str, list[int]]]] = defaultdict(
        lambda: defaultdict(lambda: defaultdict(list))
    )
    for i in firsts:
        f, k = figures[i], keys[i]
        if k is not None:
            kind = f.claim.change is None
            blocks[f.unit, k.head, kind][_time(f.period)][k.text].append(i)
    found = _Found(figures, keys)
    for block in blocks.values():
        unsaid = found.cells(block.pop(None, {}))
        found.within(unsaid)
        for part in block.values():
            cells = found.cells(part)
            found.within(cells)
            found.across(cells, unsaid)
    return found.agree, found.differ


def _time(period: Period | None) -> Hashable:
    """What tells periods apart: their days when resolved, else their label; None if unsaid."""
    if period is None:
        return None
    return (period.start, period.end) if period.resolved else period.label


# The figures of one subject (and period) in a block, by magnitude.
_Cell = tuple[SubjectKey, list[tuple[float, int]]]


class _Found:
    """The pairs found so far, and how a pair is judged."""

    def __init__(self, figures: list[Figure], keys: list[SubjectKey | None]) -> None:
        self.figures = figures
        self.keys = keys
        self.numbers = [float(f.value) for f in figures]  # for ranking only
        self.agree: list[Pair] = []
        self.differ: list[Pair] = []

    def cells(self, subjects: dict[str, list[int]]) -> list[_Cell]:
        """The figures of each subject, sorted by magnitude."""
        cells = []
        for found in subjects.values():
            key = self.keys[found[0]]
            assert key is not None  # only figures with a subject are in a block
            cells.append((key, sorted((self.figures[i].magnitude, i) for i in found)))
        return cells

    def within(self, cells: list[_Cell]) -> None:
        """Pair the figures of each cell, and of each two cells whose subjects match."""
        for x, (key, ordered) in enumerate(cells):
            self._join(ordered, ordered, 1.0)
            for other, others in cells[x + 1 :]:
                score = similarity(key, other)
                if score:
                    self._join(ordered, others, score)

    def across(self, cells: list[_Cell], others: list[_Cell]) -> None:
        """Pair the figures of the cells of one list with those of the other whose subjects
        match."""
        for key, ordered in cells:
            for other, theirs in others:
                score = similarity(key, other)
                if score:
                    self._join(ordered, theirs, score)

    def _join(
        self, ordered: list[tuple[float, int]], others: list[tuple[float, int]], score: float
    ) -> None:
        """Judge each figure of `ordered` with those of `others` less than ten times apart (the
        later ones only, when the two lists are one)."""
        same = ordered is others
        top = len(self.figures)
        for x, (magnitude, i) in enumerate(ordered):
            start = x + 1 if same else bisect_right(others, (magnitude - MAX_MAGNITUDES, -1))
            end = bisect_right(others, (magnitude + MAX_MAGNITUDES, top))
            for _, j in others[start:end]:
                self.judge(i, j, score)

    def judge(self, i: int, j: int, score: float) -> None:
        """Two figures whose subjects match (`score`): if their bases fit, agreeing (the same
        change, intervals that overlap, periods that fit) or differing (the same period, and
        values apart or changes opposite)."""
        a, b = self.figures[i], self.figures[j]
        if not bases_fit(a.claim.basis, b.claim.basis):
            return
        x, y = self.numbers[i], self.numbers[j]
        top = max(abs(x), abs(y))
        pair = (-score, abs(x - y) / top if top else 0.0, min(i, j), max(i, j))
        if a.claim.change == b.claim.change and overlaps(a, b) and periods_fit(a, b):
            self.agree.append(pair)
        elif same_time(a.period, b.period) and (a.period is not None or a.label == b.label):
            self.differ.append(pair)  # of an unknown time: only as written the same (上半年)


def bases_fit(a: str | None, b: str | None) -> bool:
    """Bases (同比, 环比…) that do not tell two figures apart: the same, or one unsaid."""
    return a is None or b is None or a == b


def periods_fit(a: Figure, b: Figure) -> bool:
    """Periods that let two figures agree: the same known period, the same label, or none.
    Two periods of unknown time written differently (一季度, 1-2月) are two times. A figure
    with a period and one without (or with one of unknown time) are taken for one figure only
    in one document (a title and its body) or when they state the same value, not merely
    values that overlap (a range, a rounded figure): the period would have to say it."""
    if a.period is not None and b.period is not None:
        return a.period.same(b.period)
    if a.period is None and b.period is None:
        if a.label == b.label or a.label is None or b.label is None:
            return a.label == b.label or _same_value(a, b) or a.doc == b.doc
        return False
    return a.doc == b.doc or _same_value(a, b)


def _same_value(a: Figure, b: Figure) -> bool:
    return a.value == b.value and a.claim.value_max is None and b.claim.value_max is None


def same_time(a: Period | None, b: Period | None) -> bool:
    """Periods that let two figures conflict: the same, or both unknown (see `groups`: then
    their documents must be seen to report on the same thing). One figure with a known period
    and another without may be of two times: no conflict."""
    if a is None or b is None:
        return a is b
    return a.same(b)
