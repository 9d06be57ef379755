"""Where rules find overlapping matches, keep the best: the higher rule priority, then the longer
span, then the earlier one."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from typing import TypeVar

from pressmine.packs.model import Rule

C = TypeVar("C")

# A rule's match with its rule and its span (the match without its context groups).
Match = tuple[re.Match[str], Rule, int, int]


def keep_best(found: list[Match], read: Callable[[Match], C | None]) -> list[C]:
    """What `read` makes of the best of overlapping matches, sorted by position.

    A match is read (value, unit…) only when it would be kept: about half of all matches
    lose to a better one, and reading is most of what a match costs. A match that does not
    read (None: not a number after all) is no candidate, so the next best one in its place
    gets its chance."""
    found.sort(key=lambda m: (-m[1].priority, -(m[3] - m[2]), m[2]))
    starts: list[int] = []
    ends: list[int] = []
    kept: list[C] = []
    for m in found:
        start, end = m[2], m[3]
        i = bisect.bisect_left(starts, start)
        if i > 0 and ends[i - 1] > start:
            continue
        if i < len(starts) and starts[i] < end:
            continue
        c = read(m)
        if c is None:
            continue
        starts.insert(i, start)
        ends.insert(i, end)
        kept.insert(i, c)
    return kept
