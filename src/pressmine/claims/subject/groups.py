"""Ranges that define a group rather than measure something ([subject.groups] in the packs):
in 十五至十九岁失业率7.33%, 十五至十九岁 names an age group. The range's own subject is the
group's label (年龄组); the figures reported for the group have the range in front of their
measure, written in digits like every value (15至19岁失业率), and a figure that names no
measure of its own takes the one the group before it had (二十至二十四岁11.23%)."""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

from pressmine.claims.subject.parts import Found, Groups, Spans, Words, merge_adjacent

if TYPE_CHECKING:
    from pressmine.claims.candidates import Candidate


def scope_groups(
    text: str, claims: Sequence[Candidate], found: list[Found], groups: Groups, words: Words
) -> None:
    labels = words.groups
    if not labels:
        return
    band: int | None = None  # the last range that defines a group
    measure: Spans | None = None  # what the last figure of a group measured
    banded: list[int] = []  # the figures given a group, in order
    for i, c in enumerate(claims):
        f = found[i]
        if is_group(c, words):
            f.spans, f.label, f.how = None, labels[c.unit], "group"
            if band is None or groups.paragraph[band] != groups.paragraph[i]:
                measure = None
            band = i
            continue
        if band == i - 1 and groups.sentence[band] == groups.sentence[i]:
            g = claims[band]  # a group's figure right after its range
            own = f.spans is not None and f.spans[0][0] >= g.end
            right_after = own and f.spans is not None and not text[g.end : f.spans[0][0]].strip()
            if right_after:
                measure = f.spans  # 十五至十九岁[失业率]7.33%
            if measure is not None and (right_after or _only_links(text[g.end : c.start], words)):
                f.spans = merge_adjacent(((g.start, g.end), *measure))
                banded.append(i)
                continue
        if f.how != "inherited" or f.source is None or not banded:
            continue
        last = banded[-1]
        from_group = f.source in banded or is_group(claims[f.source], words)
        if from_group and groups.sentence[last] == groups.sentence[i]:
            f.spans = found[last].spans  # 较上月下降0.58个百分点: the group's rate changed
            banded.append(i)


def is_group(c: Candidate, words: Words) -> bool:
    return c.value_max is not None and c.unit in words.groups


def _only_links(between: str, words: Words) -> bool:
    """Nothing, or only linking words (为, 是), between a group's range and its figure."""
    rest = between.strip()
    return not rest or rest in words.skip_before


def written(text: str, spans: Spans, claims: Sequence[Candidate], words: Words) -> str:
    """The subject's pieces as text, a group's range in digits (十五至十九岁 -> 15至19岁)."""
    out = []
    for s, e in spans:
        pos = s
        k = bisect.bisect_left(claims, s, key=_start)
        while k < len(claims) and claims[k].start < e:
            c = claims[k]
            if c.end <= e and is_group(c, words):
                out.append(text[pos : c.start])
                out.append(f"{_plain(c.value)}至{_plain(c.value_max)}{c.unit}")
                pos = c.end
            k += 1
        out.append(text[pos:e])
    return "".join(out)


def _start(c: Candidate) -> int:
    return c.start


def _plain(d: Decimal | None) -> str:
    return format(d.normalize(), "f") if d is not None else ""
