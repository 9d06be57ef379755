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

Word = tuple[str, int, int]

# Characters both segmenters yield as words of their own. Not `.`, `%`, `-`, `+`, `#`, `&`,
# `_`: jieba keeps them inside its blocks (483.8, 5.9%). Not `\r`: jieba yields `\r\n` as one.
_SEPARATOR = "\n\t ,;:!?()[]{}<>\"'，。；：！？、（）【】《》〈〉「」『』“”‘’…—·"
_STRETCH = re.compile("[^" + re.escape(_SEPARATOR) + "]+")


class DocumentWords:
    """The words of `text`, stretch by stretch, cut with `cut` when first needed."""

    def __init__(self, text: str, cut: Callable[[str], Sequence[str]]) -> None:
        self.text = text
        self._cut = cut
        self._usable = "\r" not in text
        self._starts: list[int] = []
        self._ends: list[int] = []
        for m in _STRETCH.finditer(text):
            self._starts.append(m.start())
            self._ends.append(m.end())
        # stretch index -> (its words' starts, its words)
        self._words: dict[int, tuple[list[int], list[Word]]] = {}

    def window(self, lo: int, hi: int) -> list[Word] | None:
        """The words of text[lo:hi], or None when the window cuts a word of its stretch."""
        if not self._usable:
            return None
        text, out, pos = self.text, [], lo
        while pos < hi:
            k = bisect_right(self._starts, pos) - 1
            if k < 0 or pos >= self._ends[k]:  # a separator: a word of its own
                out.append((text[pos], pos, pos + 1))
                pos += 1
                continue
            starts, words = self._stretch(k)
            i = bisect_right(starts, pos) - 1
            if starts[i] != pos:
                return None
            end = min(hi, self._ends[k])
            if end == self._ends[k]:
                j = len(words)
            else:
                j = bisect_right(starts, end) - 1
                if starts[j] != end:  # the window ends inside a word
                    return None
            out.extend(words[i:j])
            pos = end
        return out

    def _stretch(self, k: int) -> tuple[list[int], list[Word]]:
        known = self._words.get(k)
        if known is None:
            pos = self._starts[k]
            words: list[Word] = []
            for word in self._cut(self.text[pos : self._ends[k]]):
                words.append((word, pos, pos + len(word)))
                pos += len(word)
            known = ([w[1] for w in words], words)
            self._words[k] = known
        return known
