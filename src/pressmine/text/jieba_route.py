"""jieba's cut with the HMM off, word for word, in half its time: the same likeliest route
through the same dictionary, found in one loop.

`jieba.lcut(text, HMM=False)` builds, for each block of text, a dict of every dictionary word
starting at each character, then a dict of the best route from each character, a generator
expression and a tuple per candidate word, and yields the words one by one through two
generators. The pure-Python segmenter is a quarter of the extractor's time, and most of that is
this bookkeeping: here the words starting at a character are scored as they are found, in the
order jieba scores them, into two lists. The arithmetic is jieba's own, term for term (the log
of a word's count, less the log of the total, plus the best route after it; on a tie, the
longer word), so the routes are the same to the last bit: tests/test_jieba_route.py cuts every
text the tests have both ways.

jieba 0.42.1 (2020) is its last release; the dictionary (`jieba.dt.FREQ`, prefixes at 0) and
its total are read at each call, so words a user adds to jieba count here too.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from math import log
from types import ModuleType

# jieba's re_han_default, re_skip_default and re_eng: its blocks, what it keeps whole between
# them, and the characters it joins into one word when its route steps over them one by one.
_BLOCK = re.compile("([\u4e00-\u9fd5a-zA-Z0-9+#&\\._%\\-]+)")
_SKIP = re.compile("(\r\n|\\s)")
_LATIN = re.compile("[a-zA-Z0-9]")
_NONE = float("-inf")


def cutter(jieba: ModuleType) -> Callable[[str], list[str]]:
    """A function that cuts a text as `jieba.lcut(text, HMM=False)` does (jieba initialised)."""
    tokenizer = jieba.dt

    def lcut(text: str) -> list[str]:
        words: list[str] = []
        get = tokenizer.FREQ.get
        minus = log(tokenizer.total)
        for block in _BLOCK.split(text):
            if not block:
                continue
            if _BLOCK.match(block):
                _route(block, get, minus, words)
                continue
            for piece in _SKIP.split(block):
                if _SKIP.match(piece):
                    words.append(piece)
                else:
                    words.extend(piece)  # one character at a time, as jieba yields them
        return words

    return lcut


def _route(block: str, get: Callable[[str], int | None], minus: float, words: list[str]) -> None:
    """The words of jieba's likeliest route through `block`, appended to `words`."""
    n = len(block)
    score = [0.0] * (n + 1)  # the best route from each character to the end
    step = [0] * (n + 1)  # where the first word of that route ends
    for k in range(n - 1, -1, -1):
        best = _NONE
        end = k + 1
        i = k + 1
        count = get(block[k])
        while count is not None:  # a word, or a prefix of one (count 0), of the dictionary
            if count:
                here = log(count) - minus + score[i]
                if here >= best:  # on a tie, the longer word: jieba's max over (score, end)
                    best = here
                    end = i
            if i == n:
                break
            i += 1
            count = get(block[k:i])
        if best == _NONE:  # no word starts here: the character alone, counted once
            best = log(get(block[k]) or 1) - minus + score[k + 1]
        score[k] = best
        step[k] = end
    latin = ""
    x = 0
    while x < n:
        y = step[x]
        word = block[x:y]
        if y - x == 1 and _LATIN.match(word):
            latin += word
        else:
            if latin:
                words.append(latin)
                latin = ""
            words.append(word)
        x = y
    if latin:
        words.append(latin)
