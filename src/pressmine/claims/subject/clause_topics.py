"""The topic a clause names for the figures after it: the noun phrase that opens the clause
before (增幅达48.3% goes on about it), past a reporter (主计总处公布[…指数]), time and markers;
a clause that names only a topic (汽机车零售业则因…,年减9.0%)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from pressmine.claims.subject.grammar import (
    noun_phrase_backward,
    noun_phrase_forward,
    without_rank,
)
from pressmine.claims.subject.parts import Groups, Word, Words, is_punct, words_in
from pressmine.text import segment
from pressmine.text.clauses import Boundaries

if TYPE_CHECKING:
    from pressmine.claims.candidates import Candidate


def previous_clause_topic(
    text: str, pos: int, bounds: Boundaries, words: Words
) -> list[Word] | None:
    """The noun phrase that opens the previous clause of the sentence: the topic a clause
    like 增幅达48.3% goes on talking about."""
    sentence_lo, _ = bounds.sentence(pos)
    lo, _ = bounds.clause(pos)
    if lo - 1 <= sentence_lo:
        return None
    prev_lo, prev_hi = bounds.clause(lo - 2 if lo >= 2 else 0)
    if any(r in text[prev_lo:prev_hi] for r in words.records) and prev_lo - 1 > sentence_lo:
        # 营业额为1兆485亿元,[为历年同期新高],年增3.9%: a record says nothing new; the clause
        # before it names the topic
        prev_lo, prev_hi = bounds.clause(prev_lo - 2)
    toks = words_in(text, prev_lo, prev_hi, words, cut=False)
    ends = [t for t in toks if t[0].strip() and not is_punct(t[0][0])]
    if ends and ends[0][0] in words.frame_starts and ends[-1][0] in words.frame_ends:
        return None  # 按可比价格计算: a frame, no topic
    while toks and (
        segment.word_class(toks[0][0]) in ("p", "d", "t", "r", "c")
        or toks[0][0] in words.strip_prefix
        or (toks[0][0] in words.time_words or _is_span(toks, words))
    ):
        toks = toks[1:]  # 至于[未来][十年]总房屋供应目标: when, not what
    phrase = noun_phrase_forward(toks, words)
    said = len(phrase)
    while phrase and said < len(toks) and _is_when(toks[said][0], words):
        said += 1  # 政府统计处[今日]公布: when it reported
    if said < len(toks) and toks[said][0] in words.reporting_verbs:
        # 主计总处[公布]3月分消费者物价总指数(CPI): what was reported, not who reported it
        toks = toks[said + 1 :]
        while toks and _is_time(toks[0][0], words):
            toks = toks[1:]  # [3月分]消费者物价总指数: when
        phrase = noun_phrase_forward(toks, words)
    last = [t for t in toks if t[0].strip() and not is_punct(t[0][0])][-1:]
    if last and (not phrase or phrase[-1] != last[0]):
        tail = noun_phrase_backward(toks[: toks.index(last[0]) + 1], words)
        if tail and any(t[0] == "的" for t in toks if t[2] <= tail[0][1]):
            phrase = tail  # 扣除蔬菜水果再剔除能源后的[核心CPI]: the clause names its head last
    return without_rank(phrase, words) or None


def _is_time(word: str, words: Words) -> bool:
    """3, 月, 分 (月分, Taiwan's 月份), 今年: a piece of a date or period."""
    return (
        word.isdigit()
        or word in "分份"
        or word in words.time_words
        or segment.word_class(word) in ("t", "m")
    )


def _is_when(word: str, words: Words) -> bool:
    """今日, 昨天, 已, 正式: a time or an adverb between a reporter and its reporting verb."""
    return word in words.time_words or segment.word_class(word) in ("t", "d")


def _is_span(toks: list[Word], words: Words) -> bool:
    """十年, 五个月: a number of time units that opens a clause places it; it names nothing."""
    w = toks[0][0]
    return segment.word_class(w) == "m" and w.endswith(words.time_units)


# Word classes that may open a clause before its topic: numbers, measure words, time and
# position words, prepositions, adverbs, pronouns, conjunctions.
_TOPIC_LEAD = frozenset(("m", "q", "t", "f", "p", "d", "r", "c"))


def topic_clause(text: str, lo: int, hi: int, words: Words) -> list[Word] | None:
    """A clause that only names a topic, with at most an adverbial frame after it: 进口环节
    税收[在一般贸易进口回升带动下], — the figures of the next clause are about it."""
    toks = [t for t in words_in(text, lo, hi, words, cut=False) if t[0].strip()]
    while toks and is_punct(toks[-1][0][0]):
        toks = toks[:-1]
    if toks and toks[0][0] in words.frame_starts and toks[-1][0] in words.frame_ends:
        return None  # 按不变价格计算: a frame, no topic
    while toks and (  # （三）本年度最后一季[非住宅住户的差饷宽免]: past markers and time
        is_punct(toks[0][0][0])
        or toks[0][0] in words.time_words
        or segment.word_class(toks[0][0]) in _TOPIC_LEAD
    ):
        toks = toks[1:]
    phrase = noun_phrase_forward(toks, words)
    from_place = len(phrase) > 2 and phrase[1][0] in words.regions  # [来自]中国大陆旅客
    if not phrase or toks[: len(phrase)] != phrase:
        return None
    if segment.word_class(phrase[0][0]) == "v" and not from_place:
        return None  # 创下最大跌幅: a clause that opens with its verb names no topic
    if any(t[0] in words.records for t in toks):
        return None  # 为历年同期新高: a record, no topic
    rest = toks[len(phrase) :]
    if not rest:
        return phrase
    while rest and segment.word_class(rest[0][0]) == "d":
        rest = rest[1:]  # 汽机车零售业[则]因…
    if rest and rest[0][0] in words.cause_openers:
        return phrase  # 汽机车零售业则因进口车销量减少,年减9.0%: why, then the figure
    if len(rest) == 1 and segment.word_class(rest[0][0]) in ("v", "vn"):
        return [*phrase, rest[0]]  # 差饷[宽免]: a verb that ends the topic names it
    if rest[0][0] in words.stop_words and all(
        t[0] in words.stop_words or segment.word_class(t[0]) in ("d", "a") for t in rest
    ):
        return phrase  # 来自中国大陆旅客[上升显著],增幅达48.3%: how it moved, then how much
    if rest[0][0] in words.frame_starts and rest[-1][0] in words.frame_ends:
        return phrase
    if rest[0][0] in _PLACE_COPULAS and all(t[0] in words.regions for t in phrase):
        return phrase  # 东盟[为我国第一大贸易伙伴],占…: a place the clause describes
    named = noun_phrase_forward(rest[1:], words) if rest[0][0] in _COPULAS else []
    if named and len(named) == len(rest) - 1:
        return named  # 变动影响较大者也[是食物类],涨4.86%: the clause says which it is
    return None


# Copulas: a clause "A是B" before a figure names B as what the figure is about.
_COPULAS = ("是", "就是", "即是")
# A place described by a clause "A为B" (东盟为我国第一大贸易伙伴) stays its topic.
_PLACE_COPULAS = (*_COPULAS, "为")


def topic_before(
    text: str,
    claims: Sequence[Candidate],
    groups: Groups,
    bounds: Boundaries,
    words: Words,
    i: int,
) -> list[Word] | None:
    """The topic of the clause right before claim i's, in its sentence, when that clause holds
    no figure and names only a topic."""
    lo, _ = groups.clause[i]
    sentence_lo, _ = groups.sentence[i]
    if lo - 1 <= sentence_lo or (i > 0 and claims[i - 1].end >= lo - 1):
        return None
    prev_lo, prev_hi = bounds.clause(lo - 2)
    if i > 0 and claims[i - 1].end > prev_lo:
        return None
    return topic_clause(text, prev_lo, prev_hi, words)
