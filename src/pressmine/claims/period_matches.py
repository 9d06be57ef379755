"""Where the packs' [[period]] patterns match, paragraph by paragraph (claims/period.py decides
what each expression governs).

A pattern is not run on a paragraph that lacks a character each of its matches needs
(regex/required.py): 2023年 needs 年 (the gate of the dated pattern looks for it), 近三年 one of
近, 过去, 未来… Most paragraphs hold no 年 nor any of those words, and the engine would try the
pattern at each of their digits. A match sees only the paragraph, but a lookbehind may look
before it: the paragraph is searched from as far back as the pattern's lookbehinds reach.
"""

from __future__ import annotations

import re
import weakref
from dataclasses import dataclass
from typing import Any

from pressmine.claims.calendar import pieces
from pressmine.grammar import masking
from pressmine.grammar.numbers import NUMBER_RE, SIGNS
from pressmine.packs.model import PackSet
from pressmine.regex import prefilter, required

try:
    from re import _constants as C  # type: ignore[attr-defined]
    from re import _parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - not CPython: no pattern is skipped
    _parser = None


@dataclass(frozen=True, slots=True)
class Shape:
    """What the groups of a period pattern name, and what its matches need, worked out once
    for a pack set (a compiled pattern hashes its whole program: a cache keyed on one costs as
    much as the work)."""

    pieces: tuple[tuple[int, str], ...]  # (group, piece): (the number of month__range, month)
    years: tuple[tuple[int, str], ...]  # the groups that write a year out
    since: tuple[int, ...]  # the groups of 以来, 起, 自
    masked: bool  # whether it runs on the text with its numbers masked ({{number}})
    needs: tuple[re.Pattern[str], ...]  # each finds a character of a set every match needs
    behind: int  # how far before a match its lookbehinds may look


_SHAPES: weakref.WeakKeyDictionary[PackSet, list[Shape]] = weakref.WeakKeyDictionary()


def shapes(packs: PackSet) -> list[Shape]:
    """The shapes of the pack set's period patterns, in their order."""
    if packs not in _SHAPES:
        out = []
        for p in packs.period_patterns:
            named = pieces(p.regex.groupindex)
            sets = required.needs(p.regex)
            out.append(
                Shape(
                    named,
                    tuple((n, g) for n, g in named if g in ("year", "roc_year")),
                    tuple(n for n, g in named if g in ("since", "from")),
                    masking.texts_for(p.regex.pattern, "", "masked") == "masked",
                    tuple(re.compile(f"[{re.escape(s)}]") for s in sets),
                    _behind(p.regex.pattern, p.regex.flags) if sets else 0,
                )
            )
        _SHAPES[packs] = out
    return _SHAPES[packs]


def _behind(pattern: str, flags: int) -> int:
    """How far before its start a match of `pattern` may look: the widths of its positive
    lookbehinds added up (more than any one match can look back)."""
    return _widths(list(_parser.parse(pattern, flags))) if _parser is not None else 0


def _widths(items: list[Any]) -> int:
    total = 0
    for op, arg in items:
        if op is C.ASSERT and arg[0] < 0:
            total += min(arg[1].getwidth()[1], 1 << 16)
        for child in prefilter.all_children(op, arg):
            total += _widths(list(child))
    return total


Found = list[tuple[re.Match[str], Shape]]


class PeriodMatches:
    """The period expressions of a text's paragraphs, each paragraph read once."""

    def __init__(self, text: str, masked: str | None, packs: PackSet) -> None:
        self.text, self.masked_text = text, masked
        self.patterns = list(zip(packs.period_patterns, shapes(packs), strict=True))
        self.found: dict[tuple[int, int], Found] = {}

    @property
    def masked(self) -> str:
        """The text with its numbers masked (masking.mask_numbers), made when first asked."""
        if self.masked_text is None:
            self.masked_text = masking.mask_numbers(self.text)
        return self.masked_text

    def first_number(self, lo: int, hi: int) -> int | None:
        """Where text[lo:hi] holds a number: the first place mask_numbers hides there. Without
        the masked text, the numbers from the text's start are read up to it (a headline's: a
        few), as mask_numbers reads them: a sign it leaves written is not hidden."""
        if self.masked_text is not None or _MASKED.search(self.text):
            found = _MASKED.search(self.masked, lo, hi)
            return found.start() if found else None
        text = self.text
        for m in NUMBER_RE.finditer(text):
            start = max(m.start() + (text[m.start()] in SIGNS), lo)
            if m.end() > start:
                return start if start < hi else None
        return None

    def __call__(self, span: tuple[int, int]) -> Found:
        """Every expression in `span`; of two that overlap, the one that starts first wins,
        then the longer. (The lead is asked for twice: for the document, for its figures.)"""
        if span in self.found:
            return self.found[span]
        lo, hi = span
        found: list[tuple[int, int, re.Match[str], Shape]] = []
        for p, shape in self.patterns:
            subject = self.masked if shape.masked else self.text
            for needed in shape.needs:
                if needed.search(subject, max(lo - shape.behind, 0), hi) is None:
                    break
            else:
                for m in p.regex.finditer(subject, lo, hi):  # a loop: a generator costs more
                    found.append((m.start(), -m.end(), m, shape))
        found.sort(key=lambda f: (f[0], f[1]))
        kept: Found = []
        end = -1
        for start, neg_end, m, shape in found:
            if -neg_end > start and start >= end:
                kept.append((m, shape))
                end = -neg_end
        self.found[span] = kept
        return kept


_MASKED = re.compile(f"[{masking.PLACEHOLDERS}]")  # where mask_numbers hid a number
