"""Sentence and clause boundaries of a normalised text, found once and looked up by offset."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from pressmine.regex import cache as compiled

# A sentence ends at 。!?; or a line break. A clause also ends at a comma or colon; a comma
# between two digits is a thousands separator, not a clause break.
_SENTENCE_END = re.compile(r"[。!?;！？；\n]")
_PARAGRAPH_END = re.compile(r"\n")
# With a table of first characters (see regex/cache.py): re alone tries the three branches at
# every character of the text.
_CLAUSE_END = compiled.compile(r"[。!?;！？；\n:：，]|(?<!\d),|,(?!\d)")


@dataclass(slots=True)
class Boundaries:
    """Offsets where sentences and clauses end, for bisect lookups."""

    length: int
    sentence_ends: list[int] = field(default_factory=list)
    clause_ends: list[int] = field(default_factory=list)
    paragraph_ends: list[int] = field(default_factory=list)

    @classmethod
    def of(cls, text: str) -> Boundaries:
        return cls(
            len(text),
            [m.start() for m in _SENTENCE_END.finditer(text)],
            [m.start() for m in _CLAUSE_END.finditer(text)],
            [m.start() for m in _PARAGRAPH_END.finditer(text)],
        )

    def sentence(self, pos: int) -> tuple[int, int]:
        """[start, end) of the sentence holding `pos` (its final punctuation excluded)."""
        return _around(self.sentence_ends, pos, self.length)

    def clause(self, pos: int) -> tuple[int, int]:
        return _around(self.clause_ends, pos, self.length)

    def paragraph(self, pos: int) -> tuple[int, int]:
        return _around(self.paragraph_ends, pos, self.length)


def _around(ends: list[int], pos: int, length: int) -> tuple[int, int]:
    i = bisect.bisect_left(ends, pos)  # ends[i-1] < pos <= ends[i]
    start = ends[i - 1] + 1 if i > 0 else 0
    end = ends[i] if i < len(ends) else length
    return start, end
