"""What stands between a subject and its number, cut off before the noun phrase is read:
linking words and phrases (预计突破, 同比增长, 按…计算), a comparison base (比2019年同期), where
a movement started (由八月至十月的)."""

from __future__ import annotations

from pressmine.claims.subject.parts import Word, Words, is_punct, is_time_word
from pressmine.text import segment


def strip_suffix_words(text: str, lo: int, hi: int, words: Words) -> int:
    """Where the words before a number end once linking phrases are cut off the end:
    比去年同期增长 is several words to the segmenter but one phrase to the packs."""
    regex = words.glued_suffix
    end = hi
    while hi > lo:
        m = regex.search(text, lo, hi)
        if m is None:
            break
        hi = m.start()
    names = words.compound_hint
    if names is not None and hi < end:  # 经济[成长]为: a compound name is never cut
        for m in names.finditer(text, max(lo, hi - 12), end):
            if m.start() < hi < m.end():
                return m.end()
    return hi


# How many words an adverbial frame may span (在+一般+贸易+进口+回升+带动+下).
_FRAME = 8


def strip_linking(toks: list[Word], words: Words) -> list[Word]:
    """Drop what stands between a subject and its number: 预计突破, 同比增长, 按…计算, 、."""
    skip, frame_starts, frame_ends = words.stop_words, words.frame_starts, words.frame_ends
    while toks:
        w, s, e = toks[-1]
        if w in skip or w in words.list_separators or w == "的" or not w.strip():
            toks = toks[:-1]
        elif len(toks) > 1 and toks[-2][0] + w in words.stop_words and toks[-2][2] == s:
            toks = toks[:-2]  # 价值[按|年]升, 蔬菜[大|涨]: a linking word cut in two
        elif w in words.measure_links and len(toks) > 1:
            toks = toks[:-1]  # 工业增加值[实现]同比增长: it links the subject to its change
        elif w in words.currencies or w in words.from_words:
            toks = toks[:-1]  # 支出大约[港币]25亿元, 津贴额[从]4000元增至5800元
        elif (start := _from_period(toks, words)) is not None:
            toks = toks[:start]  # 失业率[由八月至十月的]3.9%上升至…: where it started, when
        elif w in frame_starts and segment.word_class(w) == "p" and len(toks) > 1:
            toks = toks[:-1]  # 收入[按]|年增14%: a frame's opener whose frame was cut off
        elif segment.word_class(w) == "d" and len(toks) > 1:
            toks = toks[:-1]  # 香港旅客[则]分别占28.0%: an adverb between subject and verb
        elif w in frame_ends and any(t[0] in frame_starts for t in toks[-_FRAME:-1]):
            # 按可比价格计算, 与上年相比: an adverbial frame before the verb, not the subject
            cut = max(
                i
                for i in range(len(toks) - _FRAME, len(toks) - 1)
                if i >= 0 and toks[i][0] in frame_starts
            )
            toks = toks[:cut]
        elif len(w) > 1 and w.endswith(words.glued_links) and segment.word_class(w) == "n":
            joined = toks[-2][0] + w[:-1] if len(toks) > 1 else ""
            if joined in words.meta_heads and toks[-2][2] == s:  # 占 + 比达 -> 占比 + 达
                toks = [*toks[:-2], (joined, toks[-2][1], e - 1)]
            else:
                toks = [*toks[:-1], (w[:-1], s, e - 1)]
        elif len(toks) > 1 and toks[-2][0] + w in words.share_words and toks[-2][2] == s:
            toks = [*toks[:-2], (toks[-2][0] + w, toks[-2][1], e)]  # 占|到 -> 占到: one verb
        elif (base := comparison_base(toks, words)) is not None:
            toks = toks[:base]  # 比2019年同期[增长], 比全国指标[高出]: the base, not the subject
        else:
            break
    return toks


def _from_period(toks: list[Word], words: Words) -> int | None:
    """Where 由/从/在 + a period (+ 的) ends the words, if it does: 由二零二五年八月至十月的;
    or 由 + a period + the state a movement turns from: 由上月[持平](转为上涨0.5%)."""
    last = len(toks) - 1
    state = last > 0 and not is_time_word(toks[last][0], words)  # 持平 (a noun to jieba)
    for k in range(last - state, max(-1, len(toks) - 12), -1):
        w = toks[k][0]
        if w in words.from_words or w in words.time_openers:
            if state and w not in words.from_words:
                return None  # 在 + a period + a verb: the clause's own predicate
            return k if k < last - state else None
        joined = w + toks[k + 1][0] if k + 1 < len(toks) else ""  # 由[上|月]: cut apart
        if not (is_time_word(w, words) or joined in words.time_words):
            return None
    return None


def comparison_base(toks: list[Word], words: Words) -> int | None:
    """Where a comparison base (比/较 + what is compared with) ends the words, if it does."""
    for k in range(len(toks) - 1, max(-1, len(toks) - 14), -1):  # a base may be a long period
        if toks[k][0] in words.comparators:
            tail = toks[k + 1 :]
            opens = bool(tail) and not is_punct(tail[0][0][0])  # 存贷比(本外币): a ratio's 比
            # 较预算数[超征]: what is compared with, and the verb that says how it compares
            if opens and all(segment.word_class(t[0]) != "v" for t in tail[:-1]):
                return k
            return None
    return None
