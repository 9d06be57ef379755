"""Lists written short, one subject per item though the items are not written out:
第一、二、三产业 (ordinals that share 第 and the noun after the last) and 大、中、小型企业
(single characters that share what follows the last one's first character)."""

from __future__ import annotations

from pressmine.claims.subject.parts import Spans, Word, Words, is_nounish, merge_adjacent


def ordinal_list(toks: list[Word], k: int, words: Words) -> list[Spans] | None:
    """第一、二、三产业: k ordinals that share 第 and the noun after the last, one subject
    each (第 + 二 + 产业). With one more item after a conjunction (第一、二、三产业和居民生活
    用电), the ordinals share that item's last word too (第 + 二 + 产业 + 用电)."""
    nums = [m for m in range(len(toks)) if toks[m][0] in words.list_marks]
    if not nums or len(nums) not in (k - 1, k - 2):
        return None
    first = nums[0] - 1
    if first < 0 or not toks[first][0].startswith("第") or len(toks[first][0]) < 2:
        return None
    items = [first, *(m + 1 for m in nums)]
    if any(m >= len(toks) or not ordinal_digit(toks[m][0]) for m in items[1:]):
        return None
    if any(items[n + 1] != items[n] + 2 for n in range(len(items) - 1)):
        return None  # 第一、二、三: nothing but 、 between the ordinals
    head = toks[items[-1] + 1 :]
    shared: Spans = ()  # the conjoined item's last word, which the ordinals share
    more: list[Spans] = []  # that item
    if len(nums) == k - 2:
        c = next((n for n, t in enumerate(head) if t[0] in words.conjunctions), 0)
        item = head[c + 1 :]
        if c < 1 or len(item) < 2 or not all(is_nounish(t[0]) for t in item):
            return None
        shared, more = ((item[-1][1], item[-1][2]),), [((item[0][1], item[-1][2]),)]
        head = head[:c]
    if not head or not all(is_nounish(t[0]) for t in head):
        return None
    di = (toks[first][1], toks[first][1] + 1)
    noun = (head[0][1], head[-1][2])
    out: list[Spans] = [((toks[first][1], toks[first][2]), noun, *shared)]
    out += [(di, (toks[m][1], toks[m][2]), noun, *shared) for m in items[1:]]
    return [merge_adjacent(spans) for spans in [*out, *more]]


def ordinal_digit(word: str) -> bool:
    return len(word) == 1 and word in "一二三四五六七八九十"


def clipped_list(toks: list[Word], k: int, words: Words) -> list[Spans] | None:
    """大、中、小型企业利润: k items of one character each, the last glued to what they all share
    (型 + 企业利润), one subject each: 大 + 型企业利润. A growth word after is no part of it."""
    marks = [m for m in range(len(toks)) if toks[m][0] in words.list_separators]
    if len(marks) != k - 1 or marks[0] < 1:
        return None
    items = [marks[0] - 1, *(m + 1 for m in marks)]
    if any(items[n + 1] != items[n] + 2 for n in range(len(items) - 1)) or items[-1] >= len(toks):
        return None  # 大、中、小: nothing but separators between the items
    if any(len(toks[m][0]) != 1 for m in items[:-1]) or len(toks[items[-1]][0]) < 2:
        return None
    head = toks[items[-1] :]
    while head and (head[-1][0] in words.growth_words or head[-1][0] in words.meta_heads):
        head = head[:-1]
    if not all(is_nounish(t[0]) for t in head):
        return None
    last, end = head[0], head[-1][2]
    out: list[Spans] = [
        merge_adjacent(((toks[m][1], toks[m][2]), (last[1] + 1, end))) for m in items[:-1]
    ]
    return [*out, ((last[1], end),)]
