"""Subjects completed from the figures around them: a category takes the measure its list
shares (制造业 + 增加值), and a clause that names no measure of its own (涉及23亿元, 上限为5000
元, 其中2000个已经落成) goes on about its sentence's topic."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from pressmine.claims.subject.clause_topics import previous_clause_topic, topic_before
from pressmine.claims.subject.grammar import noun_phrase_backward, noun_phrase_forward, without_rank
from pressmine.claims.subject.heads import (
    head_before_colon,
    measure_head,
    measure_of_place,
    part_of,
    pieces_from,
    sentence_head,
    without_growth,
)
from pressmine.claims.subject.linking import strip_linking
from pressmine.claims.subject.parts import (
    Found,
    Groups,
    Spans,
    Word,
    Words,
    as_spans,
    is_punct,
    join_names,
    per_unit,
    spans_of,
    words_in,
    words_of,
)
from pressmine.text import segment
from pressmine.text.clauses import Boundaries

if TYPE_CHECKING:
    from pressmine.claims.candidates import Candidate

# What a subject found in the claim's own words is called; the others came from elsewhere.
OWN = ("rule", "after", "before", "bracket", "respectively")
# Units of a rate or a ratio: a category with one of these may share a measure of any unit.
_RATES = ("%", "pp", "倍")


@dataclass
class HeadsSeen:
    """What carry_heads learnt of a document, kept for its next pass over it: the measure head
    of each subject, and the claims (index, how, spans) whose own subject wants none. Both
    follow from the text and the subject alone, and most subjects are unchanged between the
    passes."""

    heads: dict[Spans, list[Word] | None] = field(default_factory=dict)
    settled: set[tuple[int, str, Spans]] = field(default_factory=set)


def carry_heads(
    text: str,
    claims: Sequence[Candidate],
    found: list[Found],
    groups: Groups,
    words: Words,
    seen: HeadsSeen,
) -> None:
    """规模以上工业增加值增长6.0%…;制造业增长6.9%: a category without a measure of its own is
    measured as the paragraph's figures before it were: 制造业 + 增加值."""
    heads = seen.heads  # each claim is looked back at from several

    def head_of(spans: Spans) -> list[Word] | None:
        if spans not in heads:
            heads[spans] = measure_head(words_of(text, spans), words)
        return heads[spans]

    for i, f in enumerate(found):
        if f.how not in ("rule", "before", "bracket", "respectively") or not f.spans:
            continue
        key = (i, f.how, f.spans)
        if key in seen.settled:
            continue
        phrase = words_of(text, f.spans)
        if claims[i].unit in _RATES:
            phrase = without_growth(phrase, words)  # 汽车累计增速: the growth of 汽车's measure
        if (
            not phrase
            or measure_head(phrase, words)
            or phrase[-1][0] in words.share_words  # 香港旅客占60.7%: measured by its base
            or phrase[-1][0] in words.generic_heads  # 分红比例, 每季上限: a head of its own
            or phrase[0][0] in words.impact_verbs  # 影响CPI: the figure before it is its owner
            or (f.how == "rule" and len(phrase) > 1)  # a rule's one-word category (出口) only
        ):
            seen.settled.add(key)
            continue
        if f.how == "bracket":
            head = sentence_head(text, groups.sentence[i][0], f.spans[0][0], words)
            if head is not None:  # 价格指数上升最明显的大类有…交通(+8.75%): 交通 + 价格指数
                f.spans = (*spans_of(phrase), (head[0][1], head[-1][2]))
                continue
        place = all(t[0] in words.regions for t in phrase)  # 北京 (phrase is never empty here)
        for j in range(i - 1, max(-1, i - 8), -1):  # a few claims back: linear in the text
            if groups.paragraph[j] != groups.paragraph[i] or found[j].how not in OWN:
                continue
            own = tuple(s for s in found[j].spans or () if s not in (found[j].which or ()))
            head = head_of(own)  # 34个行业工业增加值[实现同比增长]: the measure, not which
            # 其中北京…分别上涨, after 一线城市新建商品住宅销售价格 (or 一线城市二手住宅): a
            # place takes what the place before it was measured by
            placed = place and measure_of_place(join_names(words_of(text, own), words), words)
            if placed:
                pieces, head = pieces_from(own, placed[0][1]), placed
            elif head is not None:
                pieces = ((head[0][1], head[-1][2]),)
            else:
                continue
            unit_ok = claims[i].unit in _RATES or claims[i].unit == claims[j].unit
            if unit_ok and part_of(phrase[-1][0], head[0][0]):
                break  # 其中出口…, after 进出口值: a measure of its own, part of that one
            if unit_ok and head[0][0] not in {w for w, _, _ in phrase}:
                if head[0][0].startswith(phrase[-1][0]):
                    phrase = phrase[:-1]  # 而失业 + 失业人数: the head names it already
                f.spans = (*spans_of(phrase), *pieces)
                if len(phrase) == 1 and phrase[0][0] in words.averages:
                    whose = tuple(
                        (s, min(e, head[0][1])) for s, e in found[j].spans or () if s < head[0][1]
                    )
                    f.spans = (*whose, *f.spans)  # 全社会跨区域人员 + 日均 + 流动量
            break
        else:  # 最新失业率如次:法国10.5%、加拿大6.8%: the measure that opens the list
            head = head_before_colon(text, groups.sentence[i][0], f.spans[0][0], words)
            if head is not None and head[0][0] not in {w for w, _, _ in phrase}:
                f.spans = (*spans_of(phrase), (head[0][1], head[-1][2]))


def former_and_latter(
    text: str, claims: Sequence[Candidate], found: list[Found], bounds: Boundaries, words: Words
) -> None:
    """房屋施工面积与房屋竣工面积均出现下降,前者同比下降5.1%,后者…: 前者 is the first of the
    things a clause before coordinates, 后者 the last; what the first has before 的 (全市房地产
    开发企业的) is said of both."""
    for i, f in enumerate(found):
        if not f.spans or len(f.spans) != 1:
            continue
        word = text[f.spans[0][0] : f.spans[0][1]]
        if word not in words.formers and word not in words.latters:
            continue
        items = _coordinated_before(text, claims[i].start, bounds, words)
        if items is None:
            continue
        first, last = items[0], items[-1]
        mark = next((k for k, t in enumerate(first) if t[0] == "的"), None)
        modifier = first[:mark] if mark else []
        item = first[mark + 1 :] if mark else first
        if word in words.latters:
            item = last
        f.spans, f.how = (*spans_of(modifier), *spans_of(item)), "topic"


def _coordinated_before(
    text: str, pos: int, bounds: Boundaries, words: Words
) -> list[list[Word]] | None:
    """The items of the last coordinated topic (A与B, A、B和C) of the clauses before pos in
    its sentence, nearest first."""
    sentence_lo, _ = bounds.sentence(pos)
    for _ in range(4):  # a few clauses back: linear in the text
        lo, _ = bounds.clause(pos)
        if lo <= sentence_lo:
            return None
        topic = previous_clause_topic(text, pos, bounds, words) or []
        items: list[list[Word]] = [[]]
        for t in topic:
            if t[0] in words.list_separators:
                items.append([])
            else:
                items[-1].append(t)
        if len(items) > 1 and all(items):
            return items
        pos = lo - 1
    return None


def rate_names(
    text: str, claims: Sequence[Candidate], found: list[Found], groups: Groups, words: Words
) -> None:
    """出口…,年增率达34.9%; 对美出口年增率78%: a rate named between its subject and its figure
    keeps its name (CLAIMS rule 6): 出口 + 年增率. Only in the figure's own clause."""
    for i, f in enumerate(found):
        if claims[i].unit not in ("%", "pp") or not f.spans:
            continue
        lo = max(groups.clause[i][0], f.spans[-1][1])
        if lo >= claims[i].start:
            continue
        gap = text[lo : claims[i].start]
        name = max((n for n in words.rate_names if n in gap), key=len, default=None)
        if name is not None and not any(name in text[s:e] for s, e in f.spans):
            at = lo + gap.index(name)
            f.spans = (*f.spans, (at, at + len(name)))


def share_bases(
    text: str, claims: Sequence[Candidate], found: list[Found], groups: Groups, words: Words
) -> None:
    """经外港码头入境旅客…为5,084,179人次,香港旅客占60.7%: a share that names no base is a
    share of the whole its sentence counted last before it: 香港旅客占 + 经外港码头入境旅客.
    A share with no part of its own (当中约9.2万户居于劏房,占73%) is that count's, and its
    base is the count before it in the sentence."""
    for i, f in enumerate(found):
        if claims[i].unit != "%" or not f.spans or f.spans[-1][1] > claims[i].start:
            continue
        if not "".join(text[s:e] for s, e in f.spans).endswith(tuple(words.share_words)):
            continue
        before = [j for j in groups.by_sentence[groups.sentence[i]] if j < i and found[j].spans]
        levels = [j for j in before if claims[j].unit not in _RATES]
        if not levels:  # 中国大陆旅客占总数58.1%;香港旅客则分别占28.0%: the same base
            before = [
                j for j in range(max(0, i - 3), i) if groups.paragraph[j] == groups.paragraph[i]
            ]
        named = next(
            filter(None, (_named_base(text, found[j], words) for j in reversed(before))), None
        )
        if named is not None:
            f.spans, f.how = (*f.spans, named), "share"
            continue
        if not levels:
            continue
        bare = text[groups.clause[i][0] : f.spans[-1][1]].strip(" ，,") in words.share_words
        if bare:  # 当中约9.2万户居于劏房,占73%: the part is the count before
            if len(levels) < 2:
                continue
            part, base = found[levels[-1]].spans or (), found[levels[-2]].spans or ()
            f.spans = (*part, f.spans[-1], *base)
        else:
            f.spans = (*f.spans, *(found[levels[-1]].spans or ()))
        f.how = "share"


def _named_base(text: str, f: Found, words: Words) -> tuple[int, int] | None:
    """The base a share names after its share word (占总数, 占旅客总数), if f is such a share."""
    if f.share is not None:
        s, e = f.share[-1]
    elif f.spans:
        s, e = f.spans[-1]
    else:
        return None
    piece = text[s:e]
    at = max(piece.rfind(w) + len(w) if w in piece else -1 for w in words.share_words)
    return (s + at, e) if 0 < at < len(piece) else None


def weak_to_topic(
    text: str,
    claims: Sequence[Candidate],
    found: list[Found],
    groups: Groups,
    bounds: Boundaries,
    words: Words,
) -> None:
    """涉及23亿元, 每户每月上限为5000元, 其中2000个已经落成, 对全部投资增长贡献率是64.6%: a
    linking verb, a generic head, a 其中 clause or a clause opening with 对 names no measure
    of its own; the figure is about the sentence's topic, the subject of its last figure
    before (电费补贴 + 涉及), or of its paragraph's first, or the object of the clause before."""
    for i, f in enumerate(found):
        if not f.spans or f.how not in ("verb", "after", "before"):
            continue
        if not (_is_weak(text, f, words) or _opens_on_topic(text, f, groups.clause[i][0], words)):
            continue
        before = [j for j in groups.by_sentence[groups.sentence[i]] if j < i]
        earlier = [j for j in before if found[j].how in OWN]
        earlier = earlier or [j for j in before if found[j].how == "topic"]
        topic = found[earlier[-1]].spans if earlier else _previous_object(text, i, groups, words)
        clause = topic_before(text, claims, groups, bounds, words, i)
        if clause and all(segment.word_class(w) != "v" for w, _, _ in clause):
            # 肉类亦因饲养成本提高,价格上涨5.75%: the clause right before names it (政府提供
            # 电费补贴,涉及… has an object for that)
            topic = as_spans(clause)
        if not topic:
            first = [
                j
                for j in range(max(0, i - 8), i)
                if groups.paragraph[j] == groups.paragraph[i] and found[j].how in OWN
            ][:1]
            topic = found[first[0]].spans if first else None
        if topic and "".join(w for w, _, _ in f.words) in words.measure_links:
            f.spans, f.how = topic, "topic"  # 录得84.4%的升幅: the link names nothing
        elif topic:
            f.spans, f.how = (*topic, *f.spans), "topic"


def _is_weak(text: str, f: Found, words: Words) -> bool:
    phrase = "".join(text[s:e] for s, e in f.spans or ())
    bare = "".join(w for w, _, _ in f.words if segment.word_class(w) != "d")
    per = [w for w, _, _ in f.words if per_unit(w, words)]
    per_what = "".join(w for w, _, _ in f.words if w not in per)
    return (
        phrase in words.light_verbs
        or phrase in words.duration_links  # 同样为期4个月: how long the topic lasts
        or phrase in words.generic_heads
        or (bool(per) and per_what in words.generic_heads)  # 每户每月上限为5000元
        or (f.how == "verb" and bare in words.light_verbs)  # 继续实现38.6%的增长
        or (f.how == "after" and bool(f.words) and f.words[0][0] in words.light_verbs)
    )


def _opens_on_topic(text: str, f: Found, lo: int, words: Words) -> bool:
    """其中2000个已经落成; 对全部投资增长贡献率是64.6% (but 对东协出口 is one phrase);
    影响CPI上涨约0.39个百分点 (how far the figure before moved CPI)."""
    if f.words and f.words[0][0] in words.impact_verbs and not text[lo : f.words[0][1]].strip():
        return True
    if f.how == "verb" and text[lo : lo + 2] in words.subset_words:
        return True
    if not text.startswith(tuple(words.inner_prepositions), lo):
        return False  # most clauses: no need to cut their first words
    first = segment.words_between(text, lo, min(lo + 4, len(text)))[:1]
    return (
        bool(first)
        and first[0][0] in words.inner_prepositions
        and min(s for s, _ in f.spans or ()) > first[0][2]
    )


def _previous_object(text: str, i: int, groups: Groups, words: Words) -> Spans | None:
    """政府提供电费补贴,涉及20亿元: the noun phrase that ends the clause before, in the same
    sentence, is what a clause without a subject goes on about."""
    lo, _ = groups.clause[i]
    s_lo, _ = groups.sentence[i]
    if lo - 1 <= s_lo:
        return None
    start = max(s_lo, max(text.rfind(ch, s_lo, lo - 1) for ch in "，,:：") + 1)
    clause = words_in(text, start, lo - 1, words, cut=False)
    said = [t for t in clause if t[0].strip() and not is_punct(t[0][0])][-1:]
    if said and said[0][0] in words.reporting_verbs:
        return None  # 政府统计处今日[公布],…: what follows is what was reported, no object
    phrase = noun_phrase_backward(strip_linking(clause, words), words)
    if not phrase:  # 住宅差饷全免四季,每季上限…: what the clause before opens on
        phrase = noun_phrase_forward(clause, words)
    phrase = without_rank(phrase, words)
    verbs = [k for k, tok in enumerate(phrase) if segment.word_class(tok[0]) == "v"]
    if verbs:
        phrase = phrase[verbs[-1] + 1 :]  # 政府提供[电费补贴]: the object, not its giver
    return as_spans(phrase) if phrase else None


def repeated_heads(text: str, found: list[Found], groups: Groups, words: Words) -> None:
    """…数据中心项目超过60个，项目总投资超过4000亿元: a phrase that opens with the last word of
    the subject before it in its sentence speaks of that same thing (…数据中心项目 + 总投资)."""
    for i, f in enumerate(found):
        if i == 0 or f.how != "before" or not f.spans or len(f.spans) != 1:
            continue
        prev = found[i - 1]
        if groups.sentence[i - 1] != groups.sentence[i] or prev.how not in OWN or not prev.spans:
            continue
        phrase, before = words_of(text, f.spans), words_of(text, prev.spans)
        if len(phrase) < 2 or len(before) < 2 or len(phrase[0][0]) < 2:
            continue
        if phrase[0][0] == before[-1][0] and phrase[0][1] >= before[-1][2]:
            f.spans = (*prev.spans, (phrase[1][1], f.spans[0][1]))
