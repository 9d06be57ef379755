"""The phrase a claim's own words give as its subject: a noun phrase after the unit or before
the number, past linking words and adverbial frames, or a verb phrase that is itself the
measure (the grammar is in grammar.py); and the topic of the clause before."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pressmine.claims.subject.grammar import (
    noun_phrase_backward,
    noun_phrase_forward,
    verb_phrase_backward,
    verb_phrase_forward,
)
from pressmine.claims.subject.linking import comparison_base, strip_linking, strip_suffix_words
from pressmine.claims.subject.parts import (
    DIGITS,
    Found,
    Spans,
    Word,
    Words,
    as_spans,
    finder,
    has_noun,
    is_meta,
    is_nounish,
    is_punct,
    per_unit,
    spans_of,
    words_in,
)
from pressmine.claims.subject.relatives import actor_end
from pressmine.text import segment

if TYPE_CHECKING:
    from pressmine.claims.candidates import Candidate


def subject_of(text: str, c: Candidate, left_lo: int, right_hi: int, words: Words) -> Found:
    base = _base_opener(text, c, left_lo, words)
    if base is not None and text[base[1] : base[2]] in words.frame_starts:
        # 商品零售[在]上年同期18.0%的高增速基础上: the base of what opens the clause
        topic = noun_phrase_backward(
            strip_linking(words_in(text, left_lo, base[1], words), words), words
        )
        return _found(topic, "before", words) if topic else Found(None, "none", [])
    if base is not None:
        return Found(None, "none", [])  # the figure compared with gives it (lists.inherit)
    right = _right_words(text, c.end, right_hi, words)
    phrase = noun_phrase_forward(right, words)
    if phrase and any(t[0] in words.records for t in right[: len(phrase) + 1]):
        phrase = []  # 创出单日2311.9万人次的[历史新高]: a record is no measured thing
    if phrase and c.unit in _RATES and _verb_goes_on(phrase[0], c.end):
        phrase = []  # 增2.9%[胜]预期: a one-character verb after a rate goes on the clause
    if phrase:
        found = _found(phrase, "after", words)
        own = right[: len(phrase)] == phrase
        counted = c.unit_info is not None and c.unit_info.kind == "classifier"
        # 20名群众[失联]: a verb after counted things says which; after a length or an area
        # (550多万公里公路网让出行更便捷) it is the sentence's predicate
        size = c.unit_info is not None and c.unit_info.kind == "measure"
        tail = describing_verb(right[len(phrase) :], words) if own and not size else []
        if own and not tail and counted:
            which = _which_predicate(right[len(phrase) :], words)
            if which and found.spans:
                found.which = ((which[0][1], which[-1][2]),)
                found.spans = (*found.spans, *found.which)
        if tail and found.spans:
            found.spans = ((found.spans[0][0], tail[-1][2]),)  # 汽车[奔驰在城乡公路]
        measured = _measure_before(text, c, left_lo, words)
        if measured and found.spans:  # 人均居住面积应有15平方米的[愿景]: the 愿景's 面积
            found.spans = (as_spans(measured)[0], *found.spans)
        per = _per_before(text, c, left_lo, words)
        if per is not None and found.spans and not measured:
            found.spans = (per, *found.spans)  # [每天]12000多列旅客列车: a count per day
        elif counted and found.spans and not measured:
            whose = _object_before(text, c, left_lo, words)
            if whose:  # [覆盖国民经济]40个大类: the verb's object names whose kinds
                found.spans = (as_spans(whose)[0], *found.spans)
        elif found.spans and not measured:
            whom = _beneficiary_before(text, c, left_lo, words)
            if whom:  # 为[非住宅用户]提供75%的电费补贴: whom it is for tells it apart
                found.spans = (as_spans(whom)[0], *found.spans)
        return found
    left_hi = strip_suffix_words(text, left_lo, c.start, words)
    before = words_in(text, left_lo, left_hi, words)
    if c.unit_info is not None and c.unit_info.kind == "time":
        lasts = _duration_link(before, words)
        if lasts is not None:  # 同样[为期]4个月: how long what the sentence is about lasts
            return Found(as_spans([lasts]), "verb", [lasts])
        span = before[-1] if before else None
        if span and segment.word_class(span[0]) == "t" and span[0] not in words.time_words:
            return Found(as_spans([span]), "before", [span])  # [假期]8天: how long it is
    left = strip_linking(before, words)
    phrase = noun_phrase_backward(left, words)
    if phrase:
        found = _found(phrase, "before", words)
        if c.unit_info is not None and c.unit_info.kind == "currency" and right:
            spent = describing_verb(right, words) if right[0][1] == c.end else []
            if spent and found.spans:  # 港府273亿元[入股及贷款]: what the money is for
                found.spans = (*found.spans, (spent[0][1], spent[-1][2]))
        # 占[同期][全国]总量的1.76%: when and a scope every figure shares stand between 占 and
        # the base
        times, scopes = words.time_words, words.strip_prefix
        before = [
            t for t in left if t[2] <= phrase[0][1] and t[0] not in times and t[0] not in scopes
        ][-2:]
        shares = [t for t in before if t[0] in words.share_words]
        if found.how == "meta" and phrase[0][0].startswith(tuple(words.share_words)):
            found.share = ((phrase[0][1], phrase[-1][2]),)  # 占比达22.1%: the topic's share
        elif phrase[-1][0] in words.share_words and is_meta(phrase[:-1], words.meta_heads):
            found.how, found.share = "meta", ((phrase[-1][1], phrase[-1][2]),)  # 规模占到
        elif shares:
            found.how = "meta"  # 占我国外贸总值的14.9%: the share is of the sentence's topic
            found.share = ((shares[-1][1], phrase[-1][2]),)
        return found
    phrase = verb_phrase_forward(right, words)
    if phrase:
        return Found(as_spans(phrase), "verb", phrase)  # 641.53万人次紧急转移安置
    phrase = verb_phrase_backward(left, words)
    if phrase:
        before = [t for t in left if t[2] == phrase[0][1]]
        if before and (before[0][0] in words.determiners or per_unit(before[0][0], words)):
            phrase = [before[0], *phrase]  # [其他]产品营收, [每月]平均开支
        if len(phrase) == 1 and phrase[0][0] in words.share_words:  # …增长10.7%,[占]53.5%
            return Found(as_spans(phrase), "meta", phrase, share=as_spans(phrase))
        how = "meta" if is_meta(phrase, words.meta_heads) else "verb"  # 增速(v)比上月高出
        return Found(as_spans(phrase), how, phrase)  # 死亡855人, 水库除险加固540库次
    return Found(None, "none", [])


def _base_opener(text: str, c: Candidate, left_lo: int, words: Words) -> Word | None:
    """毛利率为20.4%,与上年20.6%基本持平: a figure after a comparison with a period is the
    base of the figure before it, whatever words follow it. The word that opens the
    comparison (与), if the figure is such a base."""
    lo = max(left_lo, c.start - 12)
    # 在上年同期18.0%的高增速基础上: a figure inside a frame that sets the base
    framed = finder(words.base_frame_ends).search(text, c.end, c.end + 12) is not None
    if finder(words.base_openers).search(text, lo, c.start) is None and not (
        framed and finder(words.frame_starts).search(text, lo, c.start)
    ):
        return None  # most figures: no need to cut the words before them
    openers = words.base_openers | words.frame_starts if framed else words.base_openers
    toks = words_in(text, lo, c.start, words)
    k = len(toks)
    while k and (toks[k - 1][0] in words.currencies or toks[k - 1][0] in words.number_links):
        k -= 1  # 较上年[人民币]1900百万元, 较上年[的]20.6%
    timed = k
    while k and (toks[k - 1][0] in words.time_words or segment.word_class(toks[k - 1][0]) == "t"):
        k -= 1
    return toks[k - 1] if k < timed and k > 0 and toks[k - 1][0] in openers else None


def _measure_before(text: str, c: Candidate, left_lo: int, words: Words) -> list[Word]:
    """A measure named before a size that modifies the noun after it (实用面积300平方呎的
    单位): N的X, a unit that measures (no count), and a phrase before ending in a measure."""
    if text[c.end : c.end + 1] not in words.number_links:
        return []
    if c.unit_info is None or c.unit_info.kind not in ("measure", "currency", "percent", "time"):
        return []
    left_hi = strip_suffix_words(text, left_lo, c.start, words)
    left = strip_linking(words_in(text, left_lo, left_hi, words), words)
    phrase = noun_phrase_backward(left, words)
    if not phrase:
        return []
    if c.unit_info.kind == "percent":
        # 非住宅用户75%的水费: the users' charges; not an object (渗透领航工厂70%的业务场景)
        opens = not any(segment.word_class(w) == "v" for w, _, e in left if e <= phrase[0][1])
        return phrase if opens and phrase[-1][2] == c.start else []
    if c.unit_info.kind == "time":  # 经过[消防救援人员]40多个小时的救援: whose time it took
        return phrase if phrase[-1][2] == c.start else []
    return phrase if phrase[-1][0].endswith(words.measure_endings) else []


def _duration_link(toks: list[Word], words: Words) -> Word | None:
    """The word that says a span of time is how long something lasts (为期, 历时), if it
    stands right before the number, past adverbs."""
    while toks and (segment.word_class(toks[-1][0]) == "d" or not toks[-1][0].strip()):
        toks = toks[:-1]
    return toks[-1] if toks and toks[-1][0] in words.duration_links else None


def _beneficiary_before(text: str, c: Candidate, left_lo: int, words: Words) -> list[Word]:
    """为[非住宅用户]提供75%的电费补贴, 向[市民]发放: the noun phrase between a beneficiary
    preposition and the verb right before the number."""
    toks = words_in(text, left_lo, c.start, words)
    if len(toks) < 3 or segment.word_class(toks[-1][0]) != "v":
        return []
    phrase = noun_phrase_backward(toks[:-1], words)
    k = len(toks) - 1 - len(phrase)
    if not phrase or k < 1 or toks[k - 1][0] not in words.beneficiary_prepositions:
        return []
    if has_noun(toks[: k - 1], words):
        return []  # 西九龙码头为租户提供…: the actor owns it (scope.py), whom for is no scope
    at = max((n for n, t in enumerate(phrase) if t[0] == "的"), default=-1)
    return phrase[at + 1 :]  # 每位合资格的[非住宅用户]: the head, not who qualifies


def _object_before(text: str, c: Candidate, left_lo: int, words: Words) -> list[Word]:
    """覆盖[国民经济]40个大类, 覆盖[全国]31个省份: a noun phrase right before a count, after a
    content verb, is what the counted kinds belong to; the verb with it says which."""
    toks = words_in(text, left_lo, c.start, words)
    while toks and toks[-1][0] in words.skip_before:
        toks = toks[:-1]  # 覆盖全国[超过]30个省份
    phrase = noun_phrase_backward(toks, words)
    k = len(toks) - len(phrase)
    verbs = [n for n, t in enumerate(phrase[:-1]) if segment.word_class(t[0]) == "vn"]
    if verbs:  # 产品[销往]全球100多个国家: jieba calls 销往 and 出口 nouns too
        k, phrase = k + verbs[-1] + 1, phrase[verbs[-1] + 1 :]
    if not phrase or k < 1 or toks[k:] != phrase:
        return []
    verb = toks[k - 1][0]
    if segment.word_class(verb) not in ("v", "vn"):
        return []
    if verb in words.stop_words or verb in words.light_verbs:
        return []
    return [toks[k - 1], *phrase]


def _per_before(text: str, c: Candidate, left_lo: int, words: Words) -> tuple[int, int] | None:
    """每天12000多列旅客列车, 每分钟起降一架航班: what a count after its number is per, with
    the verb between (起降), is part of what it counts."""
    window = text[max(left_lo, c.start - 8) : c.start]
    if not any(p in window for p in words.per_prefixes):
        return None  # most counts: no need to cut the words before them
    left_hi = strip_suffix_words(text, left_lo, c.start, words)
    left = strip_linking(words_in(text, left_lo, left_hi, words), words)
    k = len(left) - 1
    verb = left[k][0] if left else ""
    if k > 0 and segment.word_class(verb) == "v" and verb not in words.stop_words:
        k -= 1  # 每分钟[起降]
    if k < 0:
        return None
    if per_unit(left[k][0], words):
        return left[k][1], left[-1][2]
    if k > 0 and left[k - 1][0] in words.per_prefixes:  # 每 + 小时, cut apart
        return left[k - 1][1], left[-1][2]
    return None


def in_brackets(text: str, c: Candidate, left_lo: int, right_hi: int, words: Words) -> Found | None:
    """交通(+8.75%), 甲类(109.49)及乙类(110.63)消费物价指数: a figure in brackets belongs to
    the name before them, and to the head a list of such names shares after its last bracket."""
    if text[c.end : c.end + 1] not in ")）":
        return None
    opened = max(text.rfind("(", left_lo, c.start), text.rfind("（", left_lo, c.start))
    if opened < 0 or (opened + 1 < c.start and text[opened + 1 : c.start] not in words.stop_words):
        return None  # 交通(+8.75%), 全体零售业(年增3.9%): only a change word may come first
    left = strip_linking(words_in(text, left_lo, opened, words), words)
    phrase = noun_phrase_backward(left, words)
    if not phrase:
        return None
    found = Found(as_spans(phrase), "bracket", phrase)
    close = max(text.rfind(")", c.end, right_hi), text.rfind("）", c.end, right_hi))
    if close >= c.end:  # …及乙类(110.63)[消费物价平均指数]: the list's shared head
        head = noun_phrase_forward(words_in(text, close + 1, right_hi, words, cut=False), words)
        measured = head and head[-1][0].endswith(words.measure_endings)  # not …(53.6%)贡献
        if head and head[0][1] == close + 1 and measured:
            found.spans = (*(found.spans or ()), (head[0][1], head[-1][2]))
    return found


def rule_subject(text: str, span: tuple[int, int], lo: int, words: Words) -> Spans:
    """A rule's subject group names the measure (收入, 出口); the noun phrase right before it,
    past a time window, says whose: 软件业务[前11个月]收入, 我国出口."""
    toks = words_in(text, lo, span[0], words)
    if toks and toks[-1][0] in words.day_parts:
        span = (toks[-1][1], span[1])  # 集聚区[夜间]客流量: a part of the day names the measure
        toks = toks[:-1]
    while toks and (
        segment.word_class(toks[-1][0]) in ("t", "m", "q", "f")
        or DIGITS.match(toks[-1][0])
        or toks[-1][0] in words.time_words
        or toks[-1][0] in "()（）"
    ):
        toks = toks[:-1]  # 软件业务[前11个月]收入, 今(2025)年经济成长率
    base = comparison_base(toks, words)
    if base is not None:
        toks = toks[:base]  # 税收实征净额[较预算数]超征: the base is not whose
    end = actor_end(toks, len(toks) - 1, words) if toks and toks[-1][0] == "的" else None
    if end is not None:
        toks = toks[:end]  # 企业[通过跨境电商实现的]出口额: the actor of 实现 owns it
    phrase = noun_phrase_backward(toks, words) if toks else []
    reported = [k for k, tok in enumerate(phrase) if tok[0] in words.reporting_verbs]
    if reported:
        phrase = phrase[reported[-1] + 1 :]  # 主计总处预测[每人GDP]: the reporter is no owner
    skip = words.meta_heads | words.adverbials
    while phrase and (phrase[0][0] in skip or segment.word_class(phrase[0][0]) == "d"):
        phrase = phrase[1:]  # 不同程度受灾, 初步统计经济成长率
    if not phrase or not has_noun(phrase, words):
        return (span,)
    if phrase[-1][2] < span[0]:
        return (*as_spans(phrase), span)
    return ((phrase[0][1], span[1]),)


_ASPECT = ("了", "着")


def describing_verb(toks: list[Word], words: Words) -> list[Word]:
    """5500多万辆汽车[奔驰在城乡公路], 20名群众[失联]: a verb phrase right after the counted
    noun says which of them are counted. One after an adverb (行政村[已]通5G) is a predicate,
    and a change or linking verb (增长, 达) is no description."""
    first = toks[0][0] if toks else ""
    if segment.word_class(first) != "v" or first in words.stop_words:
        return []
    if first in words.light_verbs:
        return []  # 34个工业行业[实现]同比增长: a linking verb says nothing of which
    if first in words.reporting_verbs:
        return []  # 近九成受访企业[表示]…: what they said, not which of them
    out = [toks[0]]
    for k in range(1, min(len(toks), 6)):
        w = toks[k][0]
        nxt = toks[k + 1][0] if k + 1 < len(toks) else ""
        place = segment.word_class(w) == "p" and segment.word_class(nxt) == "n"  # [在]城乡公路
        if w in words.determiners and segment.word_class(nxt) == "n":
            out.append(toks[k])  # 抵离[各地]港口
            continue
        if (
            w in _ASPECT
            and k + 1 < min(len(toks), 6)
            and (is_nounish(nxt) or segment.word_class(nxt) == "v")
        ):
            out.append(toks[k])  # 快件进入到[了]寄递渠道: an aspect particle before the object
            continue
        if (
            w in words.conjunctions
            and segment.word_class(nxt) in ("v", "vn", "n")
            and len(out) == 1
        ):
            return [*out, toks[k], toks[k + 1]]  # 以273亿元入股[及贷款]: what the money is for
        if segment.word_class(w) not in ("n", "v", "vn", "p", "f") or is_punct(w[0]):
            break
        if not place and (w in words.stop_words or w in words.skip_before or DIGITS.match(w)):
            break  # 同比, 达: what links to a figure ends the description
        out.append(toks[k])
    return out


_RATES = frozenset(("%", "pp", "‰"))


def _verb_goes_on(first: Word, end: int) -> bool:
    """Whether the word right after a number is a one-character verb (胜, 超): the clause's
    predicate goes on; a longer one may modify a counted noun (九成[受访]企业)."""
    return first[1] == end and len(first[0]) == 1 and segment.word_class(first[0]) == "v"


# How far a predicate that says which of the counted things are counted may run.
_PREDICATE = 8


def _which_predicate(toks: list[Word], words: Words) -> list[Word]:
    """34个工业行业[实现同比增长], 14个地区[保持两位数增长]: the kinds a count counts are those
    its predicate says did something; it runs to the clause's end (CLAIMS rule 5)."""
    k = 0
    while k < len(toks) and segment.word_class(toks[k][0]) == "d":
        k += 1  # [普遍]实现, [均已]完成
    if k == len(toks) or toks[k][0] not in words.predicate_verbs:
        return []
    out = toks[: k + 1]
    for tok in toks[k + 1 : k + _PREDICATE]:
        if is_punct(tok[0][0]) or DIGITS.match(tok[0]):
            break
        out.append(tok)
    return out if len(out) > k + 1 else []


def _found(phrase: list[Word], how: str, words: Words) -> Found:
    if is_meta(phrase, words.meta_heads):
        how = "meta"  # 增幅达48.3%: the phrase names the measure, not what was measured
    opened = [t for t in phrase if t[0] in "(（"]
    if len(opened) > sum(t[0] in ")）" for t in phrase):
        # 名贵礼物(销货价值下跌58.6%): the figure is inside the bracket, which is no part
        kept = [t for t in phrase if t is not opened[-1]]
        return Found(spans_of(kept), how, kept)
    return Found(spans_of(phrase), how, phrase)  # apart where a word was skipped (则占)


def _right_words(text: str, start: int, end: int, words: Words) -> list[Word]:
    toks = words_in(text, start, end, words, cut=False)
    adverbials = words.adverbials
    # 95%的行政村: 的 right after the number only links it to the noun.
    while toks and (toks[0][0] in adverbials or toks[0][0] in words.number_links):
        toks = toks[1:]
    return toks
