"""The words of one document, each clause cut once, for every window of it that is asked for.

The subject, change and not-claim finders ask for the words of many overlapping windows of a
document (a clause for a claim's phrase, the same clause for its actor, a subject's pieces for
their owners). Cutting each window anew costs the segmenter's time again and again; here each
clause is cut once, when a window of it is first asked for, and a window is a slice of its
words.

The answer is the segmenter's own for the window whenever the window starts and ends where the
clause's words do. Both segmenters cut a text into blocks at every separator (punctuation,
spaces, line ends: characters outside their Chinese-and-alphanumeric set, yielded one by one)
and pick the likeliest route of dictionary words through each block alone; a likeliest route
through a block is also the likeliest one through any part of it that begins and ends at its
word boundaries. A window that starts or ends inside a word is not answered (None): the caller
cuts it on its own, as before.

Why clauses: four tenths of a release's text is in clauses no window reaches (no figure near),
which the pure-Python jieba would spend its time on were the whole text cut; cut sentence by
sentence, a quarter. jieba's cost is per character (text/jieba_route.py keeps its cost per call
small), so the smaller the stretch the better, down to clauses: at 、 too, the calls for the
items of lists cost more than the cutting saved. rjieba is the other way round: its cost is
mostly per call, so it cuts the whole text in one, offsets and all (`whole`), and the text is
then one "clause" (the words are the same: a clause end is a separator).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Sequence
from itertools import accumulate
from operator import itemgetter

Word = tuple[str, int, int]

# Where a clause ends: the document is cut clause by clause, each when first asked for.
# Every one of these is a separator, a word of its own to both segmenters.
_CLAUSE_END = re.compile("[。！？!?\n，；：,;:]")

# How a caller cuts some words in two (segment._split_words): word by word, so that the words
# of a window cut so are those of the document cut so, sliced.
Splitter = Callable[[list[Word], frozenset[str]], list[Word]]


class DocumentWords:
    """The words of `text`, clause by clause, cut with `cut` when first needed; with
    `split` asked for, a window's words are cut further by `splitter`."""

    def __init__(
        self,
        text: str,
        cut: Callable[[str], Sequence[str]],
        splitter: Splitter | None = None,
        whole: Callable[[str], list[Word]] | None = None,
    ) -> None:
        self.text = text
        self._cut = cut
        self._splitter = splitter
        # A segmenter whose cost is per call, not per character, cuts the whole text at once,
        # offsets and all (segment._whole_document): then the text is one "clause".
        self._whole = whole
        # jieba yields \r\n as one word: a text with \r is left to be cut window by window.
        self._usable = "\r" not in text
        self._ends: list[int] | None = None  # where each clause ends, found when first asked
        # clause -> its words, and the index of the word that starts at each offset (the
        # clause's end: the number of its words): a window's words are a slice, found with
        # two lookups
        self._clauses: dict[int, tuple[list[Word], dict[int, int]]] = {}

    def window(self, lo: int, hi: int, split: frozenset[str] = frozenset()) -> list[Word] | None:
        """The words of text[lo:hi], or None when the window cuts a word."""
        if not self._usable:
            return None
        ends = self._ends
        if ends is None:
            ends = self._ends = self._clause_ends()
        k = bisect_right(ends, lo)  # the clause lo is in
        if k < len(ends) and hi <= ends[k]:  # most windows: inside one clause
            words, at = self._clauses.get(k) or self._clause(k)
            i, j = at.get(lo), at.get(hi)
            if i is None or j is None:
                return None  # the window starts or ends inside a word
            found: list[Word] | None = words[i:j]
        else:
            found = self._pieces(k, lo, hi)
        if found is None or not split or self._splitter is None:
            return found
        return self._splitter(found, split)

    def _pieces(self, k: int, lo: int, hi: int) -> list[Word] | None:
        """A window across clause ends: a piece of each clause (they end on a word)."""
        ends = self._ends or []
        out: list[Word] = []
        pos = lo
        while pos < hi and k < len(ends):
            end = min(hi, ends[k])
            piece = self._piece(k, pos, end)
            if piece is None:
                return None
            out.extend(piece)
            pos, k = end, k + 1
        return out if pos >= hi else None

    def _piece(self, k: int, lo: int, hi: int) -> list[Word] | None:
        words, at = self._clauses.get(k) or self._clause(k)
        i, j = at.get(lo), at.get(hi)
        if i is None or j is None:
            return None  # the window starts or ends inside a word
        return words[i:j]

    def _clause_ends(self) -> list[int]:
        text = self.text
        if self._whole is not None:
            words = self._whole(text)
            starts = map(itemgetter(1), words)
            at = dict(zip(starts, range(len(words)), strict=True))  # in C: every word
            at[len(text)] = len(words)
            self._clauses[0] = (words, at)
            return [len(text)]
        ends = [m.end() for m in _CLAUSE_END.finditer(text)]
        if not ends or ends[-1] != len(text):
            ends.append(len(text))
        return ends

    def _clause(self, k: int) -> tuple[list[Word], dict[int, int]]:
        ends = self._ends or []
        lo = ends[k - 1] if k else 0
        cut = self._cut(self.text[lo : ends[k]])
        bounds = list(accumulate(map(len, cut), initial=lo))
        words = list(zip(cut, bounds, bounds[1:], strict=False))
        known = self._clauses[k] = (words, {pos: i for i, pos in enumerate(bounds)})
        return known
