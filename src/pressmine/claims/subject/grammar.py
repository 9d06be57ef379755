"""The noun-phrase grammar over the segmenter's words: the noun phrase that ends where the
words before a number stop being linking words and frames (linking.py; noun_phrase_backward)
or starts after a unit (noun_phrase_forward), or the verb phrase that is itself the measure."""

from __future__ import annotations

from pressmine.claims.subject.parts import (
    CLOSE,
    DIGITS,
    NOUN_CLASSES,
    OPEN,
    QUOTES_CLOSE,
    QUOTES_OPEN,
    Word,
    Words,
    compound_part,
    has_noun,
    is_meta,
    is_nounish,
    is_punct,
    named_count,
    per_unit,
    trim_quotes,
)
from pressmine.claims.subject.recuts import IN_RUN, TIME_UNITS, char_run, unit_cut_off
from pressmine.claims.subject.relatives import actor_end
from pressmine.text import segment


def noun_phrase_forward(toks: list[Word], words: Words) -> list[Word]:
    suffixes, stop_verbs = words.noun_suffixes, words.stop_words
    glued = words.glued_suffix
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
        glued_in = len(w) > 2 and (m := glued.search(w)) is not None and m.start() > 0
        if out and ((w in stop_verbs and segment.word_class(w) in ("v", "vn")) or glued_in):
            break  # 设备[预计]可以, 行业利润总额[同比增加]: the predicate starts (glued or not)
        left = out[-1][0] if out else None
        day_part = w in words.day_parts and nxt is not None and is_nounish(nxt)
        if is_nounish(w) or w in suffixes or day_part or compound_part(w, left, nxt, words):
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
    if len(out) == 1 and len(out[0][0]) == 1 and len(toks) > 1 and toks[1][0] in stop_verbs:
        return []  # 3 684 600人[微]跌至: an adverb the dictionary calls a noun, before its verb
    return trim_quotes(out) if has_noun(out, words) else []


def noun_phrase_backward(toks: list[Word], words: Words) -> list[Word]:
    suffixes = words.noun_suffixes
    meta, share = words.meta_heads, words.share_words
    toks = _drop_meta_tail(toks, meta)
    out: list[Word] = []
    depth = 0
    note = 0  # depth inside a bracketed note that ends the phrase
    listed = False  # past a list's closer (等): its items are nouns
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
        if w == "的" and out and (end := actor_end(toks, j, words)) is not None:
            out = [*noun_phrase_backward(toks[:end], words), *out]  # 单位…实现的商品零售
            break
        if w in words.list_closers and out and left is not None and is_nounish(left):
            if _items_before(toks, j, words) > 2:
                break  # 帐篷、棉被、折叠床等[物资]: a long list gives examples; the head names
            out.insert(0, tok)  # 食品饮料、家用电器[等]行业: the kinds, then what they are
            listed = True
            continue
        if listed and segment.word_class(w) in ("v", "vn"):
            break  # [调拨]帐篷、棉被等物资: the verb that moves the listed things is no part
        if w in words.time_words:
            break
        if out and w in words.reporting_verbs and w not in meta and len(out[0][0]) > 1:
            # 当中[包括]香港政府: what reports or lists is no part of a name (预测+数 is one)
            break
        if out and left is not None and left + w in words.stop_words:
            break  # 合共[推|高]通胀率: a linking or change word the segmenter cut in two
        # 有关制品及[其他]衣物配件, …[及其|他]…(cut wrong): other kinds that close a list
        after_item = j > 1 and is_nounish(toks[j - 2][0])
        glued = left is not None and w not in words.determiners and after_item
        if out and glued and f"{left}{w}".endswith(tuple(words.determiners)):
            out[:0] = [toks[j - 1], tok]
            skip_next = True
            continue
        if out and (w in words.determiners or per_unit(w, words)):
            out.insert(0, tok)  # [其他]酒产品营收, [每月]平均开支: it opens the phrase
            if w in words.determiners and left in words.list_separators and after_item:
                continue
            break
        cls = segment.word_class(w)
        if cls == "d" and len(out) == 1 and out[0][0] in share:
            continue  # 外地游客[则]占37.6%: an adverb between a share's noun and its verb
        if (
            0 < len(out) < 3
            and out[-1][0] in words.generic_heads
            and cls == "v"
            and (j == 0 or is_punct(toks[j - 1][0][0]))
            and w not in words.stop_words
            and w not in words.light_verbs
            and w not in share
        ):
            out.insert(0, tok)  # [分红]比例, [倒塌]房屋数量: a verb opening the clause says which
            if j > 0 and toks[j - 1][0] in words.list_marks:
                continue  # 生活用品及服务、[居住]价格: it opens a list's last item
            break
        right = out[0][0] if out else None
        named = cls == "q" or w in words.sector_endings
        if not out and named and left is not None and segment.word_class(left) in ("v", "vn"):
            out = [toks[j - 1], tok]  # 居住+类, 充电+桩, 邮购+业: a thing named after a verb
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
        # 整改+率, 声明+量: a verb before a measuring suffix is part of the noun (not 实现+产量)
        part = right in suffixes and cls in ("v", "vn") and w not in words.light_verbs
        part = part or (not out and w in share)  # 香港旅客+占 28.0%: it stays with its noun
        # 完成+[快递]+业务量: after a verb that links a measure, a verb names what it counts
        part = part or (cls == "v" and bool(out) and left in words.measure_links)
        # 直接+经济损失: a two-character adverb right before a noun modifies it.
        part = part or (cls == "d" and len(w) == 2 and right is not None and is_nounish(right))
        # 专用设备+制造、…: a noun+verb compound ends a list item
        part = part or (right in words.list_separators and _noun_verb(toks, j, words))
        # 南方[五]省区, 东部[10]省市: a number inside a place's name, and the position before it
        part = part or (right is not None and named_count(w, left, right, words))
        part = part or (cls == "f" and len(out) > 1 and named_count(right, w, out[1][0], words))
        # 东部 is a position word to jieba, 夜间 a time word: both may be inside a noun phrase
        nounish = is_nounish(w) or w in words.regions or (w in words.day_parts and bool(out))
        # 其中[外]|食|费, 利|[得]|税: a word the dictionary lacks, cut into single characters;
        # a position word or a particle inside that run is one of its characters
        in_run = cls in IN_RUN and w not in words.stop_words
        nounish = nounish or (in_run and char_run(out, tok, toks[j - 1] if j else None))
        if not (nounish or w in suffixes or part or compound_part(w, left, right, words)):
            break
        out.insert(0, tok)
    out = trim_quotes(out)
    quote = next((k for k, t in enumerate(out) if t[0] in QUOTES_OPEN), None)
    if quote and any(t[0] in words.list_marks for t in out[:quote]):
        # 锂电池、太阳能电池[“新三样”产品]: the quoted name sums up the list, quotes and all
        return out[quote:] if has_noun(out[quote:], words) else []
    if out and out[0][0] in "(（":
        close = next((k for k, t in enumerate(out) if t[0] in ")）"), None)
        if close is not None and close + 1 < len(out):
            out = out[close + 1 :]  # (一)中小企业: a list marker, no part of the name
    while (
        out
        and not _opens_quote(out)
        and (
            out[0][0] in OPEN + CLOSE
            or out[0][0] in words.list_separators
            or out[0][0] in words.list_closers  # [等]所需经费: the items were verbs
            or out[0][0] == "的"
            or is_punct(out[0][0][0])
        )
    ):
        out.pop(0)
    strip = words.strip_prefix
    while len(out) > 1 and out[0][0] in strip:
        out.pop(0)
    if out and out[0][0][0] in TIME_UNITS and len(out[0][0]) > 1:
        out[0] = unit_cut_off(toks, out[0])
    return out if has_noun(out, words) else []


def _items_before(toks: list[Word], j: int, words: Words) -> int:
    """How many items the list that ends right before word j has (A、B、C等 -> 3)."""
    items = 1
    for w, _, _ in reversed(toks[:j]):
        if w in words.list_separators:
            items += 1
        elif not is_nounish(w):
            break
    return items


def _opens_quote(toks: list[Word]) -> bool:
    """“东数西算”工程…: a quote that opens the phrase and closes inside it stays."""
    return toks[0][0] in QUOTES_OPEN and any(t[0] in QUOTES_CLOSE for t in toks[1:])


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


def verb_phrase_forward(toks: list[Word], words: Words) -> list[Word]:
    """641.53万人次受灾, 912.7万人次紧急转移安置: the people counted are those the verb says."""
    out: list[Word] = []
    for w, s, e in toks:
        if w in words.stop_words or segment.word_class(w) not in ("a", "v", "vn"):
            break
        out.append((w, s, e))
    return out if any(segment.word_class(t[0]) in ("v", "vn") for t in out) else []


def verb_phrase_backward(toks: list[Word], words: Words) -> list[Word]:
    """死亡855人, 水库除险加固540库次: a verb that ends the words, with what it governs."""
    if not toks or segment.word_class(toks[-1][0]) not in ("v", "vn"):
        return []
    out: list[Word] = []
    for k in range(len(toks) - 1, -1, -1):
        w = toks[k][0]
        listed = out and out[0][0] in words.regions and k > 0 and toks[k - 1][0] in words.regions
        if w in words.list_separators and listed:
            out.insert(0, toks[k])  # 江西[、]湖南紧急转移安置: places that share the verb
            continue
        verbal = w not in words.stop_words and segment.word_class(w) in ("n", "v", "vn", "q", "a")
        if not verbal and w not in words.regions:  # 东部 is a position word to jieba
            break
        if DIGITS.match(w) or w in OPEN + CLOSE or is_punct(w[0]):
            break
        out.insert(0, toks[k])
    return out


def without_rank(phrase: list[Word], words: Words) -> list[Word]:
    """销货量[升幅最大]: how a topic ranks, and the growth it ranks by, are no part of it."""
    record = next((k for k, t in enumerate(phrase) if t[0] in words.records), None)
    if record is None:
        return phrase
    phrase = phrase[:record]
    while phrase and phrase[-1][0] in words.growth_words:
        phrase.pop()
    return phrase
