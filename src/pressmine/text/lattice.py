"""The words of one document, cut once, for every window of it that is asked for.

The subject, change and not-claim finders ask for the words of many overlapping windows of a
document (a clause for a claim's phrase, the same clause for its actor, a subject's pieces for
their owners). Cutting each window anew costs the segmenter's time again and again; here the
whole document is cut once, when a window of it is first asked for, and a window is a slice
of those words.

The answer is the segmenter's own for the window whenever the window starts and ends where the
document's words do. Both segmenters cut a text into blocks at every separator (punctuation,
spaces, line ends: characters outside their Chinese-and-alphanumeric set, yielded one by one)
and pick the likeliest route of dictionary words through each block alone; a likeliest route
through a block is also the likeliest one through any part of it that begins and ends at its
word boundaries. A window that starts or ends inside a word is not answered (None): the caller
cuts it on its own, as before.

One call of the segmenter over the whole text, with its offsets and their index worked out by
C-level builtins, costs less than cutting the stretches between separators one by one (half
of a release's text is read, in some 40 stretches, each with its own Python bookkeeping).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Sequence
from itertools import accumulate

Word = tuple[str, int, int]

# How a caller cuts some words in two (segment._split_words): word by word, so that the words
# of a window cut so are those of the document cut so, sliced.
Splitter = Callable[[list[Word], frozenset[str]], list[Word]]


class DocumentWords:
    """The words of `text`, cut with `cut` when first needed; with `split` asked for, a
    window's words are cut further by `splitter`."""

    def __init__(
        self,
        text: str,
        cut: Callable[[str], Sequence[str]],
        splitter: Splitter | None = None,
    ) -> None:
        self.text = text
        self._cut = cut
        self._splitter = splitter
        # jieba yields \r\n as one word: a text with \r is left to be cut window by window.
        self._usable = "\r" not in text
        # The document's words and where each starts (then its end), once cut: no tuple per
        # word kept, which would hold a long text's memory twice over; a window makes its own.
        self._words: Sequence[str] | None = None
        self._bounds: list[int] = []

    def window(self, lo: int, hi: int, split: frozenset[str] = frozenset()) -> list[Word] | None:
        """The words of text[lo:hi], or None when the window cuts a word."""
        words = self._words
        if words is None:
            if not self._usable:
                return None
            words = self._read()
        bounds = self._bounds  # searched, not indexed by a dict: half the memory, as fast
        i, j = bisect_left(bounds, lo), bisect_left(bounds, hi)
        if i == len(bounds) or bounds[i] != lo or j == len(bounds) or bounds[j] != hi:
            return None  # the window starts or ends inside a word
        found = list(zip(words[i:j], bounds[i:j], bounds[i + 1 : j + 1], strict=True))
        if split and self._splitter is not None:
            return self._splitter(found, split)
        return found

    def _read(self) -> Sequence[str]:
        cut = self._words = self._cut(self.text)
        self._bounds = list(accumulate(map(len, cut), initial=0))
        return cut
