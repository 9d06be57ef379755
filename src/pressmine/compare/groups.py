"""`compare(claims)`: which figures documents share, which conflict, which only one reports.

1. **Pairs** (pairs.py). Claims are read as `Figure`s (figures.py: values at their stated
   precision, canonical units, periods known or not) with the key of their subject
   (subjects.py); a claim without a subject matches nothing. Identical figures are one class;
   the others are paired only within a block (the same unit, head noun and kind: level or
   change), a period (theirs, or one unknown) and a factor of ten, so 50,000 claims are not
   1.25 billion pairs. Two figures whose subjects match and whose bases (同比, 环比) do not
   differ *agree* when their change is the same, their intervals overlap and their periods
   fit; they *differ* when their periods are the same and their values are apart or their
   changes opposite.
2. **Agreement**, closest pairs first: two groups join when every value of the one agrees
   with every value of the other (their intervals' common part is not empty) and their periods
   and bases fit. Claims of one document join too: a figure in a title and in the body.
3. **Conflict**, closest pairs first: two groups that differ join into a conflict when no
   document is in both (a document that states both figures tells us they are two figures: a
   total and a part of it, or a subject the extractor cut short) and, when their time is
   unknown, their documents agree on `MIN_SHARED` figures or more (they report on one thing;
   unrelated releases' 上半年 may be two years).
4. **Status**: `single` (one document), `agree`, `conflict`, or `revised` when each side of the
   conflict comes from documents dated before the next side's.

>>> from dataclasses import replace
>>> from pressmine import extract
>>> a = [replace(c, doc="a") for c in extract("已建成5G基站483.8万座，覆盖超330个城市")]
>>> b = [replace(c, doc="b") for c in extract("我国5G基站达到4838000座，覆盖332个城市")]
>>> [(g.status, g.subject, [m.claim.text for m in g.members]) for g in compare(a + b)]
[('agree', '5G基站', ['483.8万座', '4838000座']), ('agree', '城市', ['超330个', '332个'])]
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import pairwise

from pressmine.claim import Claim
from pressmine.compare.figures import Figure, Period, read
from pressmine.compare.model import STATUSES, Group, Member
from pressmine.compare.pairs import bases_fit, classes, pairs, same_time
from pressmine.compare.subjects import Words, key
from pressmine.packs.model import PackSet

# Documents that agree on this many figures or more report on the same thing (two write-ups of
# one release, a release and its copy): a figure of unknown time in one may contradict the
# other's. Unrelated releases share a figure now and then by chance (a count of 3, a range),
# seldom two.
MIN_SHARED = 2


def compare(claims: Iterable[Claim], packs: PackSet | None = None) -> list[Group]:
    """Group the claims of several documents (each claim's `doc` names its document) by the
    figure they state: agreements, then conflicts, revisions and singles, each in the order
    of their first claim. `packs` gives the words subjects are read with (default: built-in).
    """
    if packs is None:
        from pressmine.packs.loader import load_packs

        packs = load_packs()
    inside = frozenset(packs.qualifiers.get("inside", ()))
    figures = [read(c, inside) for c in claims]
    words = Words.of(packs)
    keys = [key(f.claim.subject, words) for f in figures]
    forest = _Forest(figures)
    firsts = []
    for same in classes(figures, keys).values():
        firsts.append(same[0])
        for i in same[1:]:
            forest.agree(same[0], i)
    agree, differ = pairs(figures, keys, firsts)
    for _, _, i, j in sorted(agree):
        forest.agree(i, j)
    forest.seal()
    for _, _, i, j in sorted(differ):
        forest.conflict(i, j)
    return _groups(figures, forest)


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
        self.docs = [f.doc for f in figures]
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
        if not bases_fit(a.basis, b.basis):
            return
        if a.period is not None and b.period is not None and not a.period.same(b.period):
            return
        merged = self._join(ri, rj)
        merged.lo, merged.hi = max(a.lo, b.lo), min(a.hi, b.hi)
        merged.parts = [list(merged.members)]

    def seal(self) -> None:
        """The agreements are all in: note which documents agree on which figures."""
        self.shared: dict[str, set[int]] = defaultdict(set)
        for root, s in self.sets.items():
            if len(s.docs) > 1:
                for doc in s.docs:
                    self.shared[doc].add(root)
        self.related: dict[tuple[str, str], bool] = {}

    def relates(self, a: str, b: str) -> bool:
        """Whether two documents report on the same thing: they agree on `MIN_SHARED` figures
        or more."""
        pair = (a, b) if a < b else (b, a)
        if pair not in self.related:
            self.related[pair] = len(self.shared[a] & self.shared[b]) >= MIN_SHARED
        return self.related[pair]

    def conflict(self, i: int, j: int) -> None:
        ri, rj = self.find(i), self.find(j)
        a, b = self.sets[ri], self.sets[rj]
        if ri == rj or a.docs & b.docs or not same_time(a.period, b.period):
            return
        if not bases_fit(a.basis, b.basis):
            return
        # Of an unknown time, two figures conflict only in documents about the same thing.
        if a.period is None and not self.relates(self.docs[i], self.docs[j]):
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
    # The members are in document order: so are the claims of each part, and the parts.
    position = {i: n for n, i in enumerate(s.members)}
    parts = [sorted(part, key=position.__getitem__) for part in s.parts]
    parts.sort(key=lambda part: position[part[0]])
    status, parts = _status(s, parts, figures)
    values = [
        _plain(figures[i].claim.value if shared_unit else figures[i].value)
        for part in parts
        for i in part
    ]
    if status != "revised":
        values.sort()
    subjects = Counter(c.subject for c in claims if c.subject)
    subject = max(subjects, key=lambda x: (subjects[x], len(x))) if subjects else ""
    period = s.period
    labels = {f.label for f in members}
    label = period.label if period else (labels.pop() if len(labels) == 1 else None)
    return Group(
        status=status,
        subject=subject,
        unit=unit,
        change=claims[0].change,
        basis=s.basis,
        period=label,
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


def _plain(value: Decimal) -> Decimal:
    """A value without trailing zeros or an exponent: 4838000.0 -> 4838000, 6.70 -> 6.7."""
    if value == value.to_integral_value():
        return value.to_integral_value()
    return value.normalize()
