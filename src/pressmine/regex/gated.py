"""A slow pattern run only where a fast, wider one says it may match.

A pack pattern that names digits itself (前三季, 七成六, 5G) cannot run on the text with its
numbers masked, so it carries the whole number grammar (grammar/numbers.py's NUMBER, 14 kB) and
tries it at every numeral in the text: 28 such patterns took two thirds of all matching time.
Its *gate* is the same pattern with each number loosened to a run of numeral characters
(grammar/masking.py's loose_number), so every match of the pattern is also a match of the gate
at the same place (prefilter.widened_safely checks that the widening keeps this true). The gate
scans the text; the pattern itself is tried only where the gate matches, as `finditer` would
try it, so the matches are the same, in the same order.

A loosened number reads a bounded run of numerals; a text with a longer run (10,000 万 in a
row) is matched by the pattern alone, everywhere, as if it had no gate.

Most gates open with a *lead*, optional words of a few characters (超过, 约, 不低于达到): the
engine tried the lead at each of those characters, and 大, 不, 最, 高, 近 are everywhere in a
release, while a gate matches at a handful of places. The gate's *core*, what follows the lead,
is searched instead; every match of the gate holds a match of the core no more than the lead's
width after its start, and the gate matches wherever its core does (with no lead), so the
gate's first match is searched for only from that far before the core's.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator, Mapping
from functools import lru_cache

from pressmine.regex import cache as regex_cache

try:
    from re import _constants as C  # type: ignore[attr-defined]
    from re import _parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - not CPython: no lead is split off
    _parser = None


class GatedPattern:
    """A compiled pattern and its gate. Offers what the extractor uses of re.Pattern:
    finditer, search, pattern, flags, groupindex.

    The pattern's program (the number grammar, 0.1-0.2 MB each) is loaded when its gate first
    finds something: a release rarely wakes more than a few of them, and a cold start would
    otherwise spend most of its pack-loading time reading programs it never runs."""

    def __init__(
        self,
        regex: re.Pattern[str] | None,
        gate: re.Pattern[str],
        too_long: re.Pattern[str],
        pattern: str = "",
        flags: int = 0,
        program: str | None = None,
        lead: tuple[int, int] | None = None,
    ) -> None:
        self._regex = regex
        self.gate = gate
        self.too_long = too_long  # finds a text where the gate may miss a match
        self.pattern = regex.pattern if regex is not None else pattern
        self.flags = regex.flags if regex is not None else flags
        # The name of its program in the cache, worked out once (see regex/cache.program_key).
        self.program = program or regex_cache.program_key(self.pattern, self.flags)
        # The gate's lead, as lead_of gives it: its items and how many characters it reads.
        self.lead = lead
        self._core: re.Pattern[str] | None = None

    def __reduce__(self) -> tuple[type[GatedPattern], tuple[object, ...]]:
        state = (None, self.gate, self.too_long, self.pattern, self.flags, self.program, self.lead)
        return GatedPattern, state

    @property
    def core(self) -> re.Pattern[str] | None:
        """The gate without its lead (None when it has none), compiled on first use."""
        if self._core is None and self.lead is not None:
            self._core = regex_cache.compile(self.gate.pattern, self.gate.flags, skip=self.lead[0])
        return self._core

    @property
    def regex(self) -> re.Pattern[str]:
        if self._regex is None:
            self._regex = regex_cache.compile(self.pattern, self.flags, self.program)
        return self._regex

    @property
    def groupindex(self) -> Mapping[str, int]:
        # The gate's groups are the pattern's: a loosened number holds no group.
        return self.gate.groupindex

    def finditer(
        self, text: str, pos: int = 0, endpos: int = sys.maxsize
    ) -> Iterator[re.Match[str]]:
        # finditer tries each position from `pos` on and, after a match, goes on from its end.
        # No match starts where the gate finds none, so the search jumps to the gate's next
        # start. (Neither pattern matches the empty string: widened_safely refuses those.)
        if not self.gates(text):
            yield from self.regex.finditer(text, pos, endpos)
            return
        gate = self.gate.search
        core = self.core
        width = self.lead[1] if self.lead is not None else 0
        while True:
            if core is not None:
                # The gate's first match starts at most `width` before the core's first match,
                # and at the latest where it starts: a short search.
                inner = core.search(text, pos, endpos)
                if inner is None:
                    return
                maybe = gate(text, max(pos, inner.start() - width), endpos)
            else:
                maybe = gate(text, pos, endpos)
            if maybe is None:
                return
            found = self.regex.match(text, maybe.start(), endpos)
            if found is None:
                pos = maybe.start() + 1
            else:
                yield found
                pos = found.end()

    def gates(self, text: str) -> bool:
        """Whether every match in `text` is a match of the gate (no run of numerals in it is
        too long for the gate's loosened number)."""
        return not _found_in(self.too_long, text)

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return next(self.finditer(text, pos, endpos), None)


# A longer lead is no lead: the search back from the core would cost what it saves.
_MAX_LEAD = 32


def lead_of(gate: str, flags: int = 0) -> tuple[int, int] | None:
    """The lead of a gate: its first items that each may match nothing (an optional group),
    as (how many, the most characters they read together); None when it has none, when they
    may read more than _MAX_LEAD characters, or when nothing but them is left.

    >>> lead_of("(?:约|超过)?[ ]?(?<![0-9])[0-9]+个"), lead_of("[0-9]+个"), lead_of("(?:约)?")
    ((2, 3), None, None)
    """
    if _parser is None:
        return None
    try:
        items = list(_parser.parse(gate, flags))
    except Exception:
        return None
    count = width = 0
    for op, arg in items:
        if op not in (C.MAX_REPEAT, C.MIN_REPEAT) or arg[0] != 0:
            break
        count += 1
        width += arg[2].getwidth()[1] * arg[1]
    if count == 0 or count == len(items) or width > _MAX_LEAD:
        return None
    return count, width


@lru_cache(maxsize=2)  # the text and its squeezed copy; no more: a text may be large
def _found_in(regex: re.Pattern[str], text: str) -> bool:
    # Asked by every gated pattern of a document about the same text: searched once.
    return regex.search(text) is not None
