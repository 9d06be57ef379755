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
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator, Mapping
from functools import lru_cache

from pressmine.regex import cache as regex_cache


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
    ) -> None:
        self._regex = regex
        self.gate = gate
        self.too_long = too_long  # finds a text where the gate may miss a match
        self.pattern = regex.pattern if regex is not None else pattern
        self.flags = regex.flags if regex is not None else flags
        # The name of its program in the cache, worked out once (see regex/cache.program_key).
        self.program = program or regex_cache.program_key(self.pattern, self.flags)

    def __reduce__(self) -> tuple[type[GatedPattern], tuple[object, ...]]:
        state = (None, self.gate, self.too_long, self.pattern, self.flags, self.program)
        return GatedPattern, state

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
        while True:
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


@lru_cache(maxsize=2)  # the text and its squeezed copy; no more: a text may be large
def _found_in(regex: re.Pattern[str], text: str) -> bool:
    # Asked by every gated pattern of a document about the same text: searched once.
    return regex.search(text) is not None
