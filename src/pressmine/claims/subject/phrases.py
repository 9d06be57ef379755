"""The phrase a claim's own words give as its subject: a noun phrase after the unit or before
the number, past linking words and adverbial frames, or a verb phrase that is itself the
measure; and the topic of the clause before."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pressmine.claims.subject.parts import (
    CLOSE,
    DIGITS,
    NOUN_CLASSES,
    OPEN,
    QUOTES_OPEN,
    Found,
    Spans,
    Word,
    Words,
    as_spans,
    compound_part,
    has_noun,
    is_meta,
    is_nounish,
    is_punct,
    trim_quotes,
    words_in,
)
from pressmine.text import segment
from pressmine.text.clauses import Boundaries

if TYPE_CHECKING:
    from pressmine.claims.candidates import Candidate


def subject_of(text: str, c: Candidate, left_lo: int, right_hi: int, words: Words) -> Found:
    right = _right_words(text, c.end, right_hi, words)
    phrase = noun_phrase_forward(right, words)
    if phrase and any(t[0] in words.records for t in right[: len(phrase) + 1]):
        phrase = []  # 创出单日2311.9万人次的[历史新高]: a record is no measured thing
    if phrase:
        found = _found(phrase, "after", words)
        own = right[: len(phrase)] == phrase
        tail = describing_verb(right[len(phrase) :], words) if own else []
        if tail and found.spans:
            found.spans = ((found.spans[0][0], tail[-1][2]),)  # 汽车[奔驰在城乡公路]
        measured = _measure_before(text, c, left_lo, words)
        if measured and found.spans:  # 人均居住面积应有15平方米的[愿景]: the 愿景's 面积
            found.spans = (as_spans(measured)[0], *found.spans)
        return found
    left_hi = strip_suffix_words(text, left_lo, c.start, words)
    left = strip_linking(words_in(text, left_lo, left_hi, words), words)
    phrase = noun_phrase_backward(left, words)
    if phrase:
        found = _found(phrase, "before", words)
        if c.unit_info is not None and c.unit_info.kind == "currency" and right:
            spent = describing_verb(right, words) if right[0][1] == c.end else []
            if spent and found.spans:  # 港府273亿元[入股及贷款]: what the money is for
                found.spans = (*found.spans, (spent[0][1], spent[-1][2]))
        before = [t for t in left if t[2] <= phrase[0][1]][-2:]
        shares = [t for t in before if t[0] in words.share_words]
        if shares:
            found.how = "meta"  # 占我国外贸总值的14.9%: the share is of the sentence's topic
            found.share = ((shares[-1][1], phrase[-1][2]),)
        return found
    phrase = _verb_phrase_forward(right, words)
    if phrase:
        return Found(as_spans(phrase), "verb", phrase)  # 641.53万人次紧急转移安置
    phrase = _verb_phrase_backward(left, words)
    if phrase:
        before = [t for t in left if t[2] == phrase[0][1]]
        if before and (before[0][0] in words.determiners or _per_unit(before[0][0], words)):
            phrase = [before[0], *phrase]  # [其他]产品营收, [每月]平均开支
        how = "meta" if is_meta(phrase, words.meta_heads) else "verb"  # 增速(v)比上月高出
        return Found(as_spans(phrase), how, phrase)  # 死亡855人, 水库除险加固540库次
    return Found(None, "none", [])


def _measure_before(text: str, c: Candidate, left_lo: int, words: Words) -> list[Word]:
    """A measure named before a size that modifies the noun after it (实用面积300平方呎的
    单位): N的X, a unit that measures (no count), and a phrase before ending in a measure."""
    if text[c.end : c.end + 1] not in words.number_links:
        return []
    if c.unit_info is None or c.unit_info.kind not in ("measure", "currency", "percent"):
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
    return phrase if phrase[-1][0].endswith(words.measure_endings) else []


def in_brackets(text: str, c: Candidate, left_lo: int, right_hi: int, words: Words) -> Found | None:
    """交通(+8.75%), 甲类(109.49)及乙类(110.63)消费物价指数: a figure in brackets belongs to
    the name before them, and to the head a list of such names shares after its last bracket."""
    if not c.start or text[c.start - 1] not in "(（" or text[c.end : c.end + 1] not in ")）":
        return None
    left = strip_linking(words_in(text, left_lo, c.start - 1, words), words)
    phrase = noun_phrase_backward(left, words)
    if not phrase:
        return None
    found = Found(as_spans(phrase), "bracket", phrase)
    close = max(text.rfind(")", c.end, right_hi), text.rfind("）", c.end, right_hi))
    if close >= c.end:  # …及乙类(110.63)[消费物价平均指数]: the list's shared head
        head = noun_phrase_forward(words_in(text, close + 1, right_hi, words, cut=False), words)
        if head and head[0][1] == close + 1:
            found.spans = (*(found.spans or ()), (head[0][1], head[-1][2]))
    return found


def rule_subject(text: str, span: tuple[int, int], lo: int, words: Words) -> Spans:
    """A rule's subject group names the measure (收入, 出口); the noun phrase right before it,
    past a time window, says whose: 软件业务[前11个月]收入, 我国出口."""
    toks = words_in(text, lo, span[0], words)
    while toks and (
        segment.word_class(toks[-1][0]) in ("t", "m", "q", "f")
        or DIGITS.match(toks[-1][0])
        or toks[-1][0] in words.time_words
        or toks[-1][0] in "()（）"
    ):
        toks = toks[:-1]  # 软件业务[前11个月]收入, 今(2025)年经济成长率
    base = _comparison_base(toks, words)
    if base is not None:
        toks = toks[:base]  # 税收实征净额[较预算数]超征: the base is not whose
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
    for tok in toks[1:5]:
        if segment.word_class(tok[0]) not in ("n", "v", "vn", "p", "f") or is_punct(tok[0][0]):
            break
        if tok[0] in words.stop_words or tok[0] in words.skip_before or DIGITS.match(tok[0]):
            break  # 同比, 达: what links to a figure ends the description
        out.append(tok)
    return out


def _found(phrase: list[Word], how: str, words: Words) -> Found:
    if is_meta(phrase, words.meta_heads):
        how = "meta"  # 增幅达48.3%: the phrase names the measure, not what was measured
    return Found(as_spans(phrase), how, phrase)


def _right_words(text: str, start: int, end: int, words: Words) -> list[Word]:
    toks = words_in(text, start, end, words, cut=False)
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


# How many words an adverbial frame may span (在+一般+贸易+进口+回升+带动+下).
_FRAME = 8


def strip_linking(toks: list[Word], words: Words) -> list[Word]:
    """Drop what stands between a subject and its number: 预计突破, 同比增长, 按…计算, 、."""
    skip, frame_starts, frame_ends = words.stop_words, words.frame_starts, words.frame_ends
    while toks:
        w, s, e = toks[-1]
        if w in skip or w in words.list_separators or w == "的" or not w.strip():
            toks = toks[:-1]
        elif w in words.currencies or w in words.from_words:
            toks = toks[:-1]  # 支出大约[港币]25亿元, 津贴额[从]4000元增至5800元
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
            toks = [*toks[:-1], (w[:-1], s, e - 1)]
        elif (base := _comparison_base(toks, words)) is not None:
            toks = toks[:base]  # 比2019年同期[增长], 比全国指标[高出]: the base, not the subject
        else:
            break
    return toks


def _comparison_base(toks: list[Word], words: Words) -> int | None:
    """Where a comparison base (比/较 + what is compared with) ends the words, if it does."""
    for k in range(len(toks) - 1, max(-1, len(toks) - 7), -1):
        if toks[k][0] in words.comparators:
            tail = toks[k + 1 :]
            opens = bool(tail) and not is_punct(tail[0][0][0])  # 存贷比(本外币): a ratio's 比
            # 较预算数[超征]: what is compared with, and the verb that says how it compares
            if opens and all(segment.word_class(t[0]) != "v" for t in tail[:-1]):
                return k
            return None
    return None


def noun_phrase_forward(toks: list[Word], words: Words) -> list[Word]:
    suffixes, stop_verbs = words.noun_suffixes, words.stop_words
    ends = (k for k, t in enumerate(toks) if t[0] in words.comparators)
    toks = toks[: next(ends, len(toks))]  # 增二万人[较]多: a comparison ends the phrase
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
            if segment.word_class(out[-1][0]) not in ("n", "vn") or len(out) > 4:
                out = []  # 整体的…: the head is after 的
            else:
                out.append(tok)  # 非住宅住户的差饷宽免: a noun modifier stays
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
    note = 0  # depth inside a bracketed note that ends the phrase
    skip_next = False
    for j in range(len(toks) - 1, -1, -1):
        if skip_next:
            skip_next = False
            continue
        tok = toks[j]
        w = tok[0]
        left = toks[j - 1][0] if j > 0 else None
        if note or (not out and w in ")）" and j > 0):
            # 电源新增生产能力(正式投产)6295万千瓦: a note in brackets, no part of the name
            # (a quoted term is: 实施“一案双罚”350次)
            note += (w in ")）") - (w in "(（")
            continue
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
        if w in words.time_words:
            break
        if out and (w in words.determiners or _per_unit(w, words)):
            out.insert(0, tok)  # [其他]酒产品营收, [每月]平均开支: it opens the phrase
            break
        cls = segment.word_class(w)
        right = out[0][0] if out else None
        if not out and cls == "q" and left is not None and segment.word_class(left) in ("v", "vn"):
            out = [toks[j - 1], tok]  # 居住+类, 充电+桩: a thing named after a verb
            skip_next = True
            continue
        if (
            w in words.list_separators
            and out
            and left is not None
            and (
                is_nounish(left)
                or segment.word_class(left) == "q"
                or left in words.regions
                or _noun_verb(toks, j - 1, words)  # 专用设备制造、电子器件制造增加值
            )
        ):
            out.insert(0, tok)  # 电力、热力、燃气及水生产和供应业, 金银珠宝类、…: one subject
            continue
        if (
            w in words.inner_prepositions
            and out
            and left is not None
            and is_nounish(left)
            and is_nounish(out[0][0])
        ):
            out.insert(0, tok)  # 我国[对]东盟进出口, 体育娱乐[用]品类: inside the noun
            continue
        # 整改+率, 声明+量: a verb before a measuring suffix is part of the noun;
        # 香港旅客+占 28.0%: a share verb right before the number stays with its noun.
        part = (right in suffixes and cls in ("v", "vn")) or (not out and w in share)
        # 直接+经济损失: a two-character adverb right before a noun modifies it.
        part = part or (cls == "d" and len(w) == 2 and right is not None and is_nounish(right))
        # 专用设备+制造、…: a noun+verb compound ends a list item
        part = part or (right in words.list_separators and _noun_verb(toks, j, words))
        nounish = is_nounish(w) or w in words.regions  # 东部 is a position word to jieba
        if not (nounish or w in suffixes or part or compound_part(w, left, right, words)):
            break
        out.insert(0, tok)
    out = trim_quotes(out)
    if out and out[0][0] in "(（":
        close = next((k for k, t in enumerate(out) if t[0] in ")）"), None)
        if close is not None and close + 1 < len(out):
            out = out[close + 1 :]  # (一)中小企业: a list marker, no part of the name
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


def _per_unit(word: str, words: Words) -> bool:
    """每月, 每股, 每分钟: what a measure is per, part of its name."""
    return len(word) > 1 and word.startswith(words.per_prefixes) and not DIGITS.match(word[1:])


def _noun_verb(toks: list[Word], k: int, words: Words) -> bool:
    """Word k is a verb that ends a compound noun with the noun before it (设备+制造)."""
    w = toks[k][0]
    return (
        k > 0
        and segment.word_class(w) == "v"
        and w not in words.stop_words
        and segment.word_class(toks[k - 1][0]) in NOUN_CLASSES
    )


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
    toks = words_in(text, prev_lo, prev_hi, words, cut=False)
    ends = [t for t in toks if t[0].strip() and not is_punct(t[0][0])]
    if ends and ends[0][0] in words.frame_starts and ends[-1][0] in words.frame_ends:
        return None  # 按可比价格计算: a frame, no topic
    while toks and (
        segment.word_class(toks[0][0]) in ("p", "d", "t", "r", "c")
        or toks[0][0] in words.strip_prefix
    ):
        toks = toks[1:]
    phrase = noun_phrase_forward(toks, words)
    return phrase or None


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
    if not phrase or toks[: len(phrase)] != phrase or segment.word_class(phrase[0][0]) == "v":
        return None  # 创下最大跌幅: a clause that opens with its verb names no topic
    rest = toks[len(phrase) :]
    if not rest:
        return phrase
    if len(rest) == 1 and segment.word_class(rest[0][0]) in ("v", "vn"):
        return [*phrase, rest[0]]  # 差饷[宽免]: a verb that ends the topic names it
    if rest[0][0] in words.frame_starts and rest[-1][0] in words.frame_ends:
        return phrase
    return None
