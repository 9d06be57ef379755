"""The phrase a claim's own words give as its subject: a noun phrase after the unit or before
the number, past linking words and adverbial frames, or a verb phrase that is itself the
measure; and the topic of the clause before."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pressmine.claims.subject.parts import (
    CLOSE,
    DIGITS,
    OPEN,
    QUOTES_OPEN,
    Found,
    Word,
    Words,
    as_spans,
    compound_part,
    has_noun,
    is_meta,
    is_nounish,
    is_punct,
    trim_quotes,
)
from pressmine.text import segment
from pressmine.text.clauses import Boundaries

if TYPE_CHECKING:
    from pressmine.claims.candidates import Candidate


def subject_of(text: str, c: Candidate, left_lo: int, right_hi: int, words: Words) -> Found:
    right = _right_words(text, c.end, right_hi, words)
    phrase = noun_phrase_forward(right, words)
    if phrase:
        return _found(phrase, "after", words)
    left_hi = strip_suffix_words(text, left_lo, c.start, words)
    left = strip_linking(segment.spans(text[left_lo:left_hi], left_lo, words.glued), words)
    phrase = noun_phrase_backward(left, words)
    if phrase:
        found = _found(phrase, "before", words)
        before = [t[0] for t in left if t[2] <= phrase[0][1]][-2:]
        if any(w in words.share_words for w in before):
            found.how = "meta"  # 占我国外贸总值的14.9%: the share is of the sentence's topic
        return found
    phrase = _verb_phrase_forward(right, words)
    if phrase:
        return Found(as_spans(phrase), "verb", phrase)  # 641.53万人次紧急转移安置
    phrase = _verb_phrase_backward(left, words)
    if phrase:
        return Found(as_spans(phrase), "verb", phrase)  # 死亡855人, 水库除险加固540库次
    return Found(None, "none", [])


def _found(phrase: list[Word], how: str, words: Words) -> Found:
    if is_meta(phrase, words.meta_heads):
        how = "meta"  # 增幅达48.3%: the phrase names the measure, not what was measured
    return Found(as_spans(phrase), how, phrase)


def _right_words(text: str, start: int, end: int, words: Words) -> list[Word]:
    toks = segment.spans(text[start:end], start)
    adverbials = words.adverbials
    # 95%的行政村: 的 right after the number only links it to the noun.
    while toks and (toks[0][0] in adverbials or toks[0][0] in words.number_links):
        toks = toks[1:]
    return toks


def strip_suffix_words(text: str, lo: int, hi: int, words: Words) -> int:
    """Where the words before a number end once linking phrases are cut off the end:
    比去年同期增长 is several words to the segmenter but one phrase to the packs."""
    regex = words.glued_suffix
    while hi > lo:
        m = regex.search(text, lo, hi)
        if m is None:
            break
        hi = m.start()
    return hi


def strip_linking(toks: list[Word], words: Words) -> list[Word]:
    """Drop what stands between a subject and its number: 预计突破, 同比增长, 按…计算, 、."""
    skip, frame_starts, frame_ends = words.stop_words, words.frame_starts, words.frame_ends
    while toks:
        w, s, e = toks[-1]
        if w in skip or w in words.list_separators or w == "的" or not w.strip():
            toks = toks[:-1]
        elif segment.word_class(w) == "d" and len(toks) > 1:
            toks = toks[:-1]  # 香港旅客[则]分别占28.0%: an adverb between subject and verb
        elif w in frame_ends and any(t[0] in frame_starts for t in toks[-6:-1]):
            # 按可比价格计算, 与上年相比: an adverbial frame before the verb, not the subject
            cut = max(
                i
                for i in range(len(toks) - 6, len(toks) - 1)
                if i >= 0 and toks[i][0] in frame_starts
            )
            toks = toks[:cut]
        elif len(w) > 1 and w.endswith(words.glued_links) and segment.word_class(w) == "n":
            toks = [*toks[:-1], (w[:-1], s, e - 1)]
        else:
            break
    return toks


def noun_phrase_forward(toks: list[Word], words: Words) -> list[Word]:
    suffixes, stop_verbs = words.noun_suffixes, words.stop_words
    out: list[Word] = []
    depth = 0
    for j, tok in enumerate(toks):
        w = tok[0]
        nxt = toks[j + 1][0] if j + 1 < len(toks) else None
        if depth or w in OPEN:  # a bracketed part belongs to the noun: 州(市), 县(市、区)
            if not out and w in OPEN and w not in QUOTES_OPEN:
                break
            depth += (w in OPEN) - (w in CLOSE)
            out.append(tok)
            continue
        if w in CLOSE:
            out.append(tok)
            continue
        if w == "的" and out:
            out = []  # 高水平的5G工厂: the head is after 的
            continue
        if w in words.conjunctions and out and nxt is not None and is_nounish(nxt):
            out.append(tok)  # 装备与工业软件: a conjunction between nouns stays inside
            continue
        left = out[-1][0] if out else None
        if is_nounish(w) or w in suffixes or compound_part(w, left, nxt, words):
            out.append(tok)
        elif (
            j == 0
            and segment.word_class(w) == "v"
            and w not in stop_verbs
            and nxt
            and (is_nounish(nxt))
        ):
            out.append(tok)  # 超6000个[垂直领域模型]: a verb can modify the counted noun
        else:
            break
    while out and (out[-1][0] in words.list_separators or out[-1][0] in OPEN):
        out.pop()
    return trim_quotes(out) if has_noun(out, words) else []


def noun_phrase_backward(toks: list[Word], words: Words) -> list[Word]:
    suffixes = words.noun_suffixes
    meta, share = words.meta_heads, words.share_words
    toks = _drop_meta_tail(toks, meta)
    out: list[Word] = []
    depth = 0
    for j in range(len(toks) - 1, -1, -1):
        tok = toks[j]
        w = tok[0]
        left = toks[j - 1][0] if j > 0 else None
        if depth or w in CLOSE:
            depth += (w in CLOSE) - (w in OPEN)
            out.insert(0, tok)
            continue
        if w in OPEN:
            if not out:
                continue  # 服装(下跌49.9%): the bracket only wraps the figure
            out.insert(0, tok)
            continue
        if w == "的" and out and is_meta(out, meta):
            out = []  # 总销货价值的临时估计为227亿元: the measured thing is before 的
            continue
        if w == "的" and out and left is not None and is_nounish(left):
            out.insert(0, tok)  # 归属于上市公司股东的净利润: a noun modifier stays
            continue
        cls = segment.word_class(w)
        right = out[0][0] if out else None
        if w in words.list_separators and out and left is not None and is_nounish(left):
            out.insert(0, tok)  # 电力、热力、燃气及水生产和供应业: one coordinated subject
            continue
        # 整改+率, 声明+量: a verb before a measuring suffix is part of the noun;
        # 香港旅客+占 28.0%: a share verb right before the number stays with its noun.
        part = (right in suffixes and cls in ("v", "vn")) or (not out and w in share)
        # 直接+经济损失: a two-character adverb right before a noun modifies it.
        part = part or (cls == "d" and len(w) == 2 and right is not None and is_nounish(right))
        if not (is_nounish(w) or w in suffixes or part or compound_part(w, left, right, words)):
            break
        out.insert(0, tok)
    out = trim_quotes(out)
    while out and (
        out[0][0] in OPEN + CLOSE
        or out[0][0] in words.list_separators
        or out[0][0] == "的"
        or is_punct(out[0][0][0])
    ):
        out.pop(0)
    strip = words.strip_prefix
    while len(out) > 1 and out[0][0] in strip:
        out.pop(0)
    return out if has_noun(out, words) else []


def _drop_meta_tail(toks: list[Word], meta: frozenset[str]) -> list[Word]:
    """零售业总销货价值的[临时估计]为227亿元: the estimate is of what stands before 的."""
    for k in (3, 2, 1):
        if len(toks) > k and toks[-k - 1][0] == "的" and "".join(t[0] for t in toks[-k:]) in meta:
            return toks[: -k - 1]
    return toks


def _verb_phrase_forward(toks: list[Word], words: Words) -> list[Word]:
    """641.53万人次受灾, 912.7万人次紧急转移安置: the people counted are those the verb says."""
    out: list[Word] = []
    for w, s, e in toks:
        if w in words.stop_words or segment.word_class(w) not in ("a", "v", "vn"):
            break
        out.append((w, s, e))
    return out if any(segment.word_class(t[0]) in ("v", "vn") for t in out) else []


def _verb_phrase_backward(toks: list[Word], words: Words) -> list[Word]:
    """死亡855人, 水库除险加固540库次: when a verb ends the words before the number, the
    subject is that verb with the nouns and verbs it governs."""
    if not toks or segment.word_class(toks[-1][0]) not in ("v", "vn"):
        return []
    out: list[Word] = []
    for tok in reversed(toks):
        w = tok[0]
        if w in words.stop_words or segment.word_class(w) not in ("n", "v", "vn", "q", "a"):
            break
        if DIGITS.match(w) or w in OPEN + CLOSE or is_punct(w[0]):
            break
        out.insert(0, tok)
    return out


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
    toks = segment.spans(text[prev_lo:prev_hi], prev_lo)
    while toks and (
        segment.word_class(toks[0][0]) in ("p", "d", "t", "r", "c")
        or toks[0][0] in words.strip_prefix
    ):
        toks = toks[1:]
    phrase = noun_phrase_forward(toks, words)
    return phrase or None
