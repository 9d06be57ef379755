"""Relative clauses whose verb links an owner to its measure: [限额以上单位]通过公共网络实现的
[商品零售] is the units' retail sales, as 限额以上单位实现商品零售 would be."""

from __future__ import annotations

from pressmine.claims.subject.parts import Word, Words, is_nounish
from pressmine.text import segment


def actor_end(toks: list[Word], j: int, words: Words) -> int | None:
    """toks[j] is 的. When the word before it links an owner to a measure (实现, 完成), where
    the words of that owner end: right before the verb, or before an adverbial of means
    between them (通过公共网络, 以自有资金). None when 的 follows no such verb."""
    verb = j - 1
    if verb <= 0 or toks[verb][0] not in words.measure_links:
        return None
    for k in range(verb - 1, max(-1, verb - 6), -1):
        w = toks[k][0]
        if segment.word_class(w) == "p":
            return k if k > 0 else None
        if not is_nounish(w):
            break
    return verb
