"""The words of one document, each stretch cut once, for every window of it that is asked for.

The subject, change and not-claim finders ask for the words of many overlapping windows of a
document (a clause for a claim's phrase, the same clause for its actor, a subject's pieces for
their owners). Cutting each window anew costs the segmenter's time again and again; here each
stretch between two separators (punctuation, spaces, line ends) is cut once, when first asked
for, and a window is answered from those words.

The answer is the segmenter's own for the window whenever the window starts and ends where the
stretch's words do: the segmenter picks the likeliest route of dictionary words through a
stretch, and a likeliest route through the whole stretch is also the likeliest one through any
part of it that begins and ends at its word boundaries. A window that starts or ends inside a
word is not answered (None): the caller cuts it on its own, as before.

Separators are cut by both segmenters into one word each (jieba splits a text at every
character outside its Chinese-and-alphanumeric set and yields those one by one), so a stretch
between them is cut the same alone or within a longer text.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Sequence
from itertools import accumulate
from typing import NamedTuple

Word = tuple[str, int, int]

# Characters both segmenters yield as words of their own. Not `.`, `%`, `-`, `+`, `#`, `&`,
# `_`: jieba keeps them inside its blocks (483.8, 5.9%). Not `\r`: jieba yields `\r\n` as one.
_SEPARATOR = "\n\t ,;:!?()[]{}<>\"'，。；：！？、（）【】《》〈〉「」『』“”‘’…—·"
_STRETCH = re.compile("[^" + re.escape(_SEPARATOR) + "]+")

# How a caller cuts some words in two (segment._split_words): applied once per stretch.
Splitter = Callable[[list[Word], frozenset[str]], list[Word]]


class _Stretch(NamedTuple):
    words: list[Word]
    at: dict[int, int]  # each word's start, and the stretch's end -> the index of that boundary


class _Split(NamedTuple):
    words: list[Word]  # the stretch's words, some cut in two
    at: list[int]  # index of a boundary among the stretch's words -> its index among these


class DocumentWords:
    """The words of `text`, stretch by stretch, cut with `cut` when first needed; with `split`
    asked for, cut further by `splitter`, once per stretch too."""

    def __init__(
        self,
        text: str,
        cut: Callable[[str], Sequence[str]],
        splitter: Splitter | None = None,
    ) -> None:
        self.text = text
        self._cut = cut
        self._splitter = splitter
        self._usable = "\r" not in text
        self._starts: list[int] = []
        self._ends: list[int] = []
        for m in _STRETCH.finditer(text):
            self._starts.append(m.start())
            self._ends.append(m.end())
        self._words: dict[int, _Stretch] = {}
        self._split: dict[tuple[int, frozenset[str]], _Split] = {}

    def window(self, lo: int, hi: int, split: frozenset[str] = frozenset()) -> list[Word] | None:
        """The words of text[lo:hi], or None when the window cuts a word of its stretch."""
        if not self._usable:
            return None
        k = bisect_right(self._starts, lo) - 1
        if k >= 0 and lo < self._ends[k] and hi <= self._ends[k]:  # most windows: one stretch
            return self._piece(k, lo, hi, split)
        out: list[Word] = []
        pos = lo
        while pos < hi:
            k = bisect_right(self._starts, pos) - 1
            if k < 0 or pos >= self._ends[k]:  # a separator: a word of its own
                out.append((self.text[pos], pos, pos + 1))
                pos += 1
                continue
            end = min(hi, self._ends[k])
            piece = self._piece(k, pos, end, split)
            if piece is None:
                return None
            out.extend(piece)
            pos = end
        return out

    def _piece(self, k: int, lo: int, hi: int, split: frozenset[str]) -> list[Word] | None:
        stretch = self._words.get(k) or self._stretch(k)
        i, j = stretch.at.get(lo), stretch.at.get(hi)
        if i is None or j is None:
            return None  # the window starts or ends inside a word
        if not split or self._splitter is None:
            return stretch.words[i:j]
        known = self._split.get((k, split))
        if known is None:
            words = self._splitter(stretch.words, split)
            index = {w[1]: n for n, w in enumerate(words)}  # every boundary stays one
            at = [index[w[1]] for w in stretch.words]
            at.append(len(words))
            known = self._split[(k, split)] = _Split(words, at)
        return known.words[known.at[i] : known.at[j]]

    def _stretch(self, k: int) -> _Stretch:
        lo = self._starts[k]
        cut = self._cut(self.text[lo : self._ends[k]])
        bounds = list(accumulate(map(len, cut), initial=lo))  # each word's start, then the end
        words = list(zip(cut, bounds, bounds[1:], strict=False))  # bounds has one more
        known = self._words[k] = _Stretch(words, {b: n for n, b in enumerate(bounds)})
        return known
