"""Sentence and clause boundaries of a normalised text, found once and looked up by offset: the
one definition of a sentence, a clause and a paragraph that every stage uses."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from pressmine.regex import cache as regex_cache

# A sentence ends at 。!?; or a line break. A clause also ends at a comma or colon; a comma
# between two digits is a thousands separator, not a clause break.
_SENTENCE_END = re.compile(r"[。!?;！？；\n]")
_PARAGRAPH_END = re.compile(r"\n")
# With a table of first characters (see regex/cache.py): re alone tries the three branches at
# every character of the text.
_CLAUSE_END = regex_cache.compile(r"[。!?;！？；\n:：，【】]|(?<!\d),|,(?!\d)")
# How far `near` reaches from a number: a clause with no punctuation for thousands of
# characters (a line of a table) must not make each look at the words around a number read
# all of it.
REACH = 40


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

    # The three lookups below are _around, written out: some thirty thousand a megabyte.

    def sentence(self, pos: int) -> tuple[int, int]:
        """[start, end) of the sentence holding `pos` (its final punctuation excluded)."""
        ends = self.sentence_ends
        i = bisect.bisect_left(ends, pos)
        return (ends[i - 1] + 1 if i else 0), (ends[i] if i < len(ends) else self.length)

    def clause(self, pos: int) -> tuple[int, int]:
        ends = self.clause_ends
        i = bisect.bisect_left(ends, pos)
        return (ends[i - 1] + 1 if i else 0), (ends[i] if i < len(ends) else self.length)

    def paragraph(self, pos: int) -> tuple[int, int]:
        ends = self.paragraph_ends
        i = bisect.bisect_left(ends, pos)
        return (ends[i - 1] + 1 if i else 0), (ends[i] if i < len(ends) else self.length)

    def near(self, start: int, end: int) -> tuple[int, int]:
        """The clause around [start, end) as far as REACH characters on either side: where
        the words next to a number are read (is 一 part of the word 统一?)."""
        lo = _around(self.clause_ends, start, self.length)[0]
        hi = _around(self.clause_ends, end, self.length)[1]
        return max(lo, start - REACH), min(hi, end + REACH)


def _around(ends: list[int], pos: int, length: int) -> tuple[int, int]:
    i = bisect.bisect_left(ends, pos)  # ends[i-1] < pos <= ends[i]
    start = ends[i - 1] + 1 if i > 0 else 0
    end = ends[i] if i < len(ends) else length
    return start, end
