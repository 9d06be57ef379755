"""`compare(claims)`: which figures documents share, which conflict, which only one reports.

1. **Blocks.** Claims are read as `Figure`s (figures.py) and put in blocks by canonical unit,
   head noun of the subject (subjects.py) and whether they are a change; within a block, only
   figures less than ten times apart are paired. So a pair that could match is never missed,
   and 50,000 claims are not 1.25 billion pairs. A claim without a subject matches nothing.
2. **Pairs.** Two figures whose subjects match, whose bases (同比, 环比) do not differ, *agree*
   when their change is the same (both levels, both increases…), their intervals overlap and
   their periods fit (the same days or label, or one left unsaid); two figures of different
   documents *differ* when their periods are the same (both unsaid, or the same) and their
   values do not overlap or their changes are opposite.
3. **Agreement**, closest pairs first: two groups join when every value of the one agrees
   with every value of the other (their intervals' common part is not empty) and their periods
   and bases fit. Claims of one document join too: a figure in a title and in the body.
4. **Conflict**, closest pairs first: two groups that differ join into a conflict when no
   document is in both: a document that states both figures tells us they are two figures (a
   total and a part of it, or a subject the extractor cut short), not one in conflict.
5. **Status**: `single` (one document), `agree`, `conflict`, or `revised` when each side of the
   conflict comes from documents dated before the next side's.

>>> from dataclasses import replace
>>> from pressmine import extract
>>> a = [replace(c, doc="a") for c in extract("已建成5G基站483.8万座，覆盖超330个城市")]
>>> b = [replace(c, doc="b") for c in extract("我国5G基站达到4838000座，覆盖332个城市")]
>>> [(g.status, g.subject, [m.claim.text for m in g.members]) for g in compare(a + b)]
[('agree', '5G基站', ['483.8万座', '4838000座']), ('agree', '城市', ['超330个', '332个'])]
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import pairwise

from pressmine.claim import Claim
from pressmine.compare.figures import Figure, Period, overlaps, read
from pressmine.compare.model import STATUSES, Group, Member
from pressmine.compare.subjects import SubjectKey, Words, key, similarity
from pressmine.packs.model import PackSet

# Figures further apart than this (as log10 of their ratio) are not the same figure, nor one in
# conflict with the other: 483.8万 and 48.38万 (a slipped decimal point) still pair.
MAX_MAGNITUDES = 1.0


def compare(claims: Iterable[Claim], packs: PackSet | None = None) -> list[Group]:
    """Group the claims of several documents (each claim's `doc` names its document) by the
    figure they state: agreements, then conflicts, revisions and singles, each in the order
    of their first claim. `packs` gives the words subjects are read with (default: built-in).
    """
    if packs is None:
        from pressmine.packs.loader import load_packs

        packs = load_packs()
    figures = [read(c) for c in claims]
    words = Words.of(packs)
    keys = [key(f.claim.subject, words) for f in figures]
    agree, differ = _pairs(figures, keys)
    forest = _Forest(figures)
    for _, _, i, j in sorted(agree):
        forest.agree(i, j)
    for _, _, i, j in sorted(differ):
        forest.conflict(i, j)
    return _groups(figures, forest)


# A pair: (-similarity, how far apart the values are, i, j), so that sorting puts the closest
# first and breaks ties by the order of the claims.
_Pair = tuple[float, float, int, int]


def _pairs(figures: list[Figure], keys: list[SubjectKey | None]) -> tuple[list[_Pair], list[_Pair]]:
    """The agreeing and the differing pairs among the figures, block by block."""
    blocks: dict[tuple[str, str, bool], list[int]] = defaultdict(list)
    for i, (figure, k) in enumerate(zip(figures, keys, strict=True)):
        if k is not None:
            blocks[figure.unit, k.head, figure.claim.change is None].append(i)
    agree: list[_Pair] = []
    differ: list[_Pair] = []
    for block in blocks.values():
        block.sort(key=lambda i: figures[i].magnitude)
        magnitudes = [figures[i].magnitude for i in block]
        for x, i in enumerate(block):
            end = bisect_right(magnitudes, magnitudes[x] + MAX_MAGNITUDES)
            a, ka = figures[i], keys[i]
            for j in block[x + 1 : end]:
                b, kb = figures[j], keys[j]
                score = similarity(ka, kb)  # type: ignore[arg-type]  # not None in a block
                if not score or not _bases_fit(a.claim.basis, b.claim.basis):
                    continue
                pair = (-score, _distance(a.value, b.value), min(i, j), max(i, j))
                if a.claim.change == b.claim.change and overlaps(a, b) and _fits(a, b):
                    agree.append(pair)
                elif a.doc != b.doc and _same_time(a.period, b.period):
                    differ.append(pair)
    return agree, differ


def _bases_fit(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a == b


def _fits(a: Figure, b: Figure) -> bool:
    """Periods that let two figures agree: the same, or one left unsaid. Across documents, a
    figure with a period and one without are taken for one figure only when they state the
    same value, not merely values that overlap (a range, a rounded figure): the period would
    have to say it is the same figure."""
    if a.period is None or b.period is None:
        if a.doc == b.doc or (a.period is None and b.period is None):
            return True
        return a.value == b.value and a.claim.value_max is None and b.claim.value_max is None
    return a.period.same(b.period)


def _same_time(a: Period | None, b: Period | None) -> bool:
    """Periods that let two figures conflict: the same, or both unsaid. One figure with a
    period and another without may be of two times: no conflict."""
    if a is None or b is None:
        return a is b
    return a.same(b)


def _distance(a: Decimal, b: Decimal) -> float:
    top = max(abs(a), abs(b))
    return float(abs(a - b) / top) if top else 0.0


@dataclass
class _Set:
    """A group being built: its claims and what every later member must fit."""

    members: list[int]
    docs: set[str]
    lo: Decimal  # the values every member can stand for (agreeing groups)
    hi: Decimal
    period: Period | None
    basis: str | None
    parts: list[list[int]] = field(default_factory=list)  # agreeing sets a conflict joined

    @property
    def conflict(self) -> bool:
        return len(self.parts) > 1


class _Forest:
    """Disjoint sets of figures (union-find), each with the `_Set` of its root."""

    def __init__(self, figures: list[Figure]) -> None:
        self.parent = list(range(len(figures)))
        self.sets = {
            i: _Set([i], {f.doc}, f.lo, f.hi, f.period, f.claim.basis, [[i]])
            for i, f in enumerate(figures)
        }

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def agree(self, i: int, j: int) -> None:
        ri, rj = self.find(i), self.find(j)
        a, b = self.sets[ri], self.sets[rj]
        if ri == rj or not (max(a.lo, b.lo) < min(a.hi, b.hi)):
            return
        if not _bases_fit(a.basis, b.basis):
            return
        if a.period is not None and b.period is not None and not a.period.same(b.period):
            return
        merged = self._join(ri, rj)
        merged.lo, merged.hi = max(a.lo, b.lo), min(a.hi, b.hi)
        merged.parts = [list(merged.members)]

    def conflict(self, i: int, j: int) -> None:
        ri, rj = self.find(i), self.find(j)
        a, b = self.sets[ri], self.sets[rj]
        if ri == rj or a.docs & b.docs or not _same_time(a.period, b.period):
            return
        if not _bases_fit(a.basis, b.basis):
            return
        parts = a.parts + b.parts
        self._join(ri, rj).parts = parts

    def _join(self, ri: int, rj: int) -> _Set:
        a, b = self.sets[ri], self.sets.pop(rj)
        self.parent[rj] = ri
        a.members += b.members
        a.docs |= b.docs
        a.period = a.period or b.period
        a.basis = a.basis or b.basis
        return a


def _groups(figures: list[Figure], forest: _Forest) -> list[Group]:
    docs = {d: n for n, d in enumerate(dict.fromkeys(f.doc for f in figures))}

    def place(i: int) -> tuple[int, int, int]:
        return docs[figures[i].doc], figures[i].claim.start, i

    groups = []
    for s in forest.sets.values():
        s.members.sort(key=place)
        groups.append((place(s.members[0]), _group(s, figures)))
    order = {status: n for n, status in enumerate(STATUSES)}
    groups.sort(key=lambda item: (order[item[1].status], item[0]))
    return [group for _, group in groups]


def _group(s: _Set, figures: list[Figure]) -> Group:
    members = [figures[i] for i in s.members]
    claims = [f.claim for f in members]
    units = {c.unit for c in claims}
    shared_unit = len(units) == 1
    unit = claims[0].unit if shared_unit else members[0].unit
    parts = [sorted(part, key=s.members.index) for part in s.parts]
    status, parts = _status(s, parts, figures)
    values = [
        figures[i].claim.value if shared_unit else figures[i].value for part in parts for i in part
    ]
    if status != "revised":
        values.sort()
    subjects = Counter(c.subject for c in claims if c.subject)
    subject = max(subjects, key=lambda x: (subjects[x], len(x))) if subjects else ""
    period = s.period
    return Group(
        status=status,
        subject=subject,
        unit=unit,
        change=claims[0].change,
        basis=s.basis,
        period=period.label if period else None,
        period_start=period.start if period else None,
        period_end=period.end if period else None,
        values=tuple(dict.fromkeys(values)),
        members=tuple(Member(f.claim, f.doc_date) for f in members),
        note=_note(status, parts, figures),
    )


def _status(s: _Set, parts: list[list[int]], figures: list[Figure]) -> tuple[str, list[list[int]]]:
    """The group's status, and its agreeing parts (by date when it is `revised`)."""
    if not s.conflict:
        return ("single" if len(s.docs) == 1 else "agree"), parts
    dates = [[figures[i].doc_date for i in part] for part in parts]
    if all(d is not None for part in dates for d in part):
        spans = sorted(
            (min(d for d in part if d), max(d for d in part if d), n)
            for n, part in enumerate(dates)
        )
        if all(earlier[1] < later[0] for earlier, later in pairwise(spans)):
            return "revised", [parts[n] for _, _, n in spans]
    return "conflict", parts


def _note(status: str, parts: list[list[int]], figures: list[Figure]) -> str | None:
    """What a reader should know: values that differ within their precision, or what
    conflicts."""
    texts = [" = ".join(dict.fromkeys(figures[i].claim.text for i in part)) for part in parts]
    if status in ("conflict", "revised"):
        changes = {figures[part[0]].claim.change for part in parts}
        what = "opposite changes" if {"increase", "decrease"} <= changes else "different values"
        arrow = " → " if status == "revised" else " ≠ "
        return f"{what}: {arrow.join(texts)}"
    values = {figures[i].value for part in parts for i in part}
    if len(values) > 1:
        return f"the same at their stated precision: {texts[0]}"
    return None
