"""Subjects shared across a sentence: the items of a coordinated list share a head, 分别 hands
the subjects coordinated before it to the numbers after it, and a number with no subject of
its own inherits one from an earlier number of its sentence."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from pressmine.claims.subject.clause_topics import topic_before
from pressmine.claims.subject.grammar import noun_phrase_backward
from pressmine.claims.subject.heads import growths_named, name_growths, shared_ending, shares_head
from pressmine.claims.subject.linking import strip_linking, strip_suffix_words
from pressmine.claims.subject.opening_lists import opening_list
from pressmine.claims.subject.parts import (
    CLOSE,
    OPEN,
    Found,
    Groups,
    Spans,
    Word,
    Words,
    as_spans,
    has_noun,
    is_punct,
    merge_adjacent,
    words_in,
)
from pressmine.claims.subject.shortlists import clipped_list, ordinal_list
from pressmine.text.clauses import Boundaries

if TYPE_CHECKING:
    from pressmine.claims.candidates import Candidate


def share_heads(
    text: str, claims: Sequence[Candidate], found: list[Found], groups: Groups, words: Words
) -> None:
    """Repair the subjects of a list whose items took the phrase after them:
    37座非煤矿山、18座排土场和346座尾矿库监测预警系统建设 -> the last is 尾矿库;
    3.5万余家基础级、8200余家先进级、500余家卓越级智能工厂 -> the first is 基础级智能工厂."""
    for group in _lists(text, claims, found, groups, words.list_separators):
        items = [found[i] for i in group]
        last = items[-1].words
        head_at = _shared_head_index(items)
        if head_at is not None:
            head = last[head_at + 1 :]
            for f in items[:-1]:
                f.spans = (*as_spans(f.words), (head[0][1], head[-1][2]))
            continue
        longest = max(len("".join(w for w, _, _ in f.words)) for f in items[:-1])
        cut: list[Word] = []
        for tok in last:
            if cut and len("".join(w for w, _, _ in cut)) + len(tok[0]) > longest:
                break
            cut.append(tok)
        items[-1].spans = as_spans(cut)
        items[-1].words = cut


def _lists(
    text: str,
    claims: Sequence[Candidate],
    found: list[Found],
    groups: Groups,
    separators: frozenset[str],
) -> list[list[int]]:
    lists: list[list[int]] = []
    current: list[int] = []
    for i, f in enumerate(found):
        joined = (
            current
            and f.how == "after"
            and groups.clause[i] == groups.clause[current[-1]]
            and found[current[-1]].words
            and text[found[current[-1]].words[-1][2] : claims[i].start].strip() in separators
        )
        if joined:
            current.append(i)
            continue
        if len(current) > 1:
            lists.append(current)
        current = [i] if f.how == "after" and f.words else []
    if len(current) > 1:
        lists.append(current)
    return lists


def _shared_head_index(items: list[Found]) -> int | None:
    last = [w for w, _, _ in items[-1].words]
    first_end = items[0].words[-1][0]
    if len(items[0].words) < len(last) and first_end in last[:-1]:
        return last.index(first_end)
    return None


def distribute_respectively(
    text: str,
    claims: Sequence[Candidate],
    found: list[Found],
    groups: Groups,
    bounds: Boundaries,
    words: Words,
) -> None:
    """高技术产业和装备制造业增加值分别增长10.2%和8.1%: the k subjects coordinated before
    分别 go, in order, to the k numbers after it (增加值 being their shared head). Without 分别,
    a list of k numbers right after k coordinated subjects maps the same way (工业增加值、服务业
    增加值同比增长6.5%、5.3%). A 分别 list whose own phrase only names the measure (两年平均
    增速分别为7.3%、12.1%…) takes the subjects of the list before it in the sentence; so does a
    list of as many numbers that names nothing (比上年同期提高0.7和1.2个百分点)."""
    done: set[tuple[int, int]] = set()
    last: tuple[tuple[int, int], list[Spans]] | None = None  # (sentence, subjects) of a list
    for i, c in enumerate(claims):
        lo, hi = groups.clause[i]
        if (lo, hi) in done:
            continue
        done.add((lo, hi))
        run = _list_run(text, claims, groups.by_clause[(lo, hi)], i, words)
        if len(run) < 2:
            continue
        toks = words_in(text, lo, c.start, words)
        at = [k for k, t in enumerate(toks) if t[0] in words.respectively]
        share_after = None  # 分别占79.6%、14.2%: each subject's share, or measure
        if at:
            after = toks[at[-1] + 1 :]
            if after and after[0][0] in words.share_words and after[0][2] == c.start:
                share_after = (after[0][1], after[0][2])
            else:  # 东部、中部、西部地区分别完成[投资]: the measure they share, after 分别
                measure = noun_phrase_backward(strip_linking(after, words), words)
                if measure and measure[-1][2] == after[-1][2]:
                    share_after = (measure[0][1], measure[-1][2])
            toks = toks[: at[-1]]
        end = strip_suffix_words(text, lo, toks[-1][2], words) if toks else lo
        toks = [t for t in toks if t[2] <= end]
        parts = _conjuncts_for(noun_phrase_backward(strip_linking(toks, words), words), run, words)
        sentence = groups.sentence[i]
        if at and len(parts) == 1 and not any(t[0] in words.list_marks for t in toks):
            parts = _clause_items(text, bounds, lo, sentence[0], len(run) - 1, words) + parts
        if at and len(parts) < 2 and lo - 1 > sentence[0]:
            parts = _frame_list(text, bounds.clause(lo - 2), run, words)  # 以A、B及C为主,分别占
        listed = _listed_items(toks, len(run), words) if at and len(parts) != len(run) else None
        parts = listed or parts
        linked = strip_linking(toks, words)
        ordinals = ordinal_list(linked, len(run), words) or clipped_list(linked, len(run), words)
        if ordinals is not None:
            subjects = [(*spans, share_after) if share_after else spans for spans in ordinals]
        elif len(parts) == len(run):
            head = parts[-1][-1]
            ending = shared_ending(parts, words) if listed is None else None
            subjects = []
            lead = _shared_lead(parts, words)
            for part in parts:
                spans = as_spans(part)
                if lead is not None and part is not parts[0] and len(part) == 1:
                    spans = (lead, *spans)  # 蔬菜播种面积和产量: 蔬菜 + 产量
                if part is not parts[-1] and ending is not None:
                    spans = (*spans, ending)  # 东部、…、东北地区收入: 东部 + 地区
                # each listed item is whole, unless each only frames a place (对A、对B进出口)
                items_whole = listed is not None and not _framed_alike(parts, words)
                named = not items_whole and part[-1][0] != head[0] and shares_head(parts, words)
                # a one-character ending is the last item's own (外食|费), no shared head
                if part is not parts[-1] and len(parts[-1]) > 1 and named and len(head[0]) > 1:
                    spans = merge_adjacent((*spans, (head[1], head[2])))  # 香港 + 旅客
                subjects.append((*spans, share_after) if share_after else spans)
        elif at and last is not None and last[0] == sentence and len(last[1]) == len(run):
            subjects = last[1]
            shares = [k for k, t in enumerate(toks) if t[0] in words.share_words]
            if shares:  # 占规模以上工业增加值比重分别为12.1%和32.6%: each one's share
                share = (toks[shares[-1]][1], toks[-1][2])
                subjects = [(*spans, share) for spans in subjects]
        elif not parts and last is not None and last[0] == sentence and len(last[1]) == len(run):
            subjects = last[1]  # …分别为12.1%和32.6%,比上年同期提高0.7和1.2个百分点
        elif at and not parts and (opened := opening_list(text, bounds, lo, len(run), words)):
            subjects = opened  # A、B和C较主板营收增速更高,分别为…: A营收, B营收, C营收
        else:
            continue
        whole = found[run[0] - 1] if run[0] and groups.sentence[run[0] - 1] == sentence else None
        if whole is not None and whole.spans and share_after is None:
            subjects = [_part_of(text, whole.spans, spans) for spans in subjects]
        for j, spans in zip(run, subjects, strict=True):
            found[j].spans, found[j].how = spans, "respectively"
        last = (sentence, subjects)


def _framed_alike(items: list[list[Word]], words: Words) -> bool:
    """对哈萨克斯坦等中亚五国、对沙特阿拉伯等西亚北非国家进出口: items that open on the same
    preposition name whom a measure after the last is with."""
    first = items[0][0][0]
    return first in words.inner_prepositions and all(item[0][0] == first for item in items)


def _part_of(text: str, whole: Spans, part: Spans) -> Spans:
    """总房屋供应目标为43万伙,所指为公、私营房屋分别为…: items that name parts of what the
    figure before measured (房屋) take the rest of its measure (公营房屋 + 供应目标)."""
    ending = text[part[-1][1] - 2 : part[-1][1]]
    for s, e in whole:
        k = text.find(ending, s, e)
        if k >= 0 and k + 2 < e:
            return (*part, (k + 2, e))
    return part


def _frame_list(
    text: str, clause: tuple[int, int], run: list[int], words: Words
) -> list[list[Word]]:
    """以中国大陆、香港及中国台湾旅客为主,分别占79.6%、14.2%及4.1%: the list a frame in the
    clause before names, for a 分别 list whose own clause names none."""
    toks = [t for t in words_in(text, *clause, words) if t[0].strip()]
    while toks and is_punct(toks[-1][0][0]):
        toks = toks[:-1]
    starts = [k for k, t in enumerate(toks[:-1]) if t[0] in words.frame_starts]
    if starts and len(toks) > 2 and toks[-1][0] in words.frame_ends:
        toks = toks[starts[-1] + 1 : -1]  # [入境旅客以]…[为主]
    phrase = noun_phrase_backward(strip_linking(toks, words), words)
    parts = _conjuncts_for(phrase, run, words)
    return parts if len(parts) == len(run) else []


def _clause_items(
    text: str, bounds: Boundaries, lo: int, sentence_lo: int, k: int, words: Words
) -> list[list[Word]]:
    """The k items before a 分别 clause's own, one clause each: names that hold 、 themselves
    are set apart by commas (信息传输、软件和信息技术服务业,租赁和商务服务业,…,批发和零售业增加值
    分别增长…). None (an empty list) unless k clauses right before are each one noun phrase."""
    items: list[list[Word]] = []
    while k > 0 and len(items) < k and lo - 1 > sentence_lo:
        clause = bounds.clause(lo - 2)
        toks = [t for t in words_in(text, *clause, words) if t[0].strip() and not is_punct(t[0][0])]
        phrase = noun_phrase_backward(toks, words)
        if not phrase or phrase[0] != toks[0] or phrase[-1] != toks[-1]:
            break
        items.insert(0, phrase)
        lo = clause[0]
    return items if len(items) == k else []


def _shared_lead(parts: list[list[Word]], words: Words) -> tuple[int, int] | None:
    """The word that opens the first item, when the others are a measure alone (蔬菜播种面积
    和产量: 蔬菜's 产量)."""
    first = parts[0]
    heads = words.measure_heads
    if len(first) < 2 or first[0][0] in heads:
        return None
    if not all(len(p) == 1 and p[0][0] in heads for p in parts[1:]):
        return None
    return first[0][1], first[0][2]


def _list_run(
    text: str, claims: Sequence[Candidate], in_clause: list[int], i: int, words: Words
) -> list[int]:
    """Claim i and the claims after it in its clause joined to it by list glue (、和及)."""
    run = [i]
    for j in in_clause:
        if j <= run[-1]:
            continue
        if text[claims[run[-1]].end : claims[j].start].strip() not in words.list_separators:
            break
        run.append(j)
    return run


def _conjuncts_for(phrase: list[Word], run: list[int], words: Words) -> list[list[Word]]:
    """The phrase's parts, as many as the run has numbers if a split gives that: at every
    separator, else only at 、 and the conjunctions that do not join a name (康乐及文化 is one
    category), else only at 、."""
    middle = words.list_separators - words.name_conjunctions
    for separators in (words.list_separators, middle, words.list_marks):
        parts = _conjuncts(phrase, separators)
        if len(parts) == len(run):
            return parts
    return _conjuncts(phrase, words.list_separators)


def _listed_items(toks: list[Word], k: int, words: Words) -> list[list[Word]] | None:
    """因灾死亡失踪人数、紧急转移安置人次、倒塌房屋数量和直接经济损失分别减少…: before 分别, k
    items between separators, each with a noun, though verbs keep them from being one noun
    phrase. What opens the clause (其中, time words, punctuation) is no part of the first."""
    start = 0
    while start < len(toks) and (
        toks[start][0] in words.subset_words
        or toks[start][0] in words.time_words
        or not toks[start][0].strip()
        or is_punct(toks[start][0][0])
    ):
        start += 1
    items = _conjuncts(strip_linking(toks[start:], words), words.list_separators)
    if len(items) != k or any(not has_noun(item, words) for item in items):
        return None
    if any(is_punct(t[0][0]) for item in items for t in item):
        return None
    return items


def _conjuncts(phrase: list[Word], separators: frozenset[str]) -> list[list[Word]]:
    parts: list[list[Word]] = [[]]
    depth = 0
    for tok in phrase:
        depth += (tok[0] in OPEN) - (tok[0] in CLOSE)
        if depth == 0 and tok[0] in separators:
            parts.append([])
        else:
            parts[-1].append(tok)
    return [p for p in parts if p]


def inherit(
    text: str,
    claims: Sequence[Candidate],
    found: list[Found],
    groups: Groups,
    bounds: Boundaries,
    words: Words,
) -> None:
    """Claims with no subject of their own take the topic of the clause right before theirs
    when that clause only names one (进口环节税收在…带动下,增长6.6%), else one from earlier
    claims in the sentence; a rate or a change with none in its sentence takes the last of its
    paragraph (同比增长5.9% after a sentence about one thing). A share's base stays:
    东盟进出口…,占外贸总值的15.7%."""
    own = ("rule", "after", "before", "bracket", "verb", "topic")
    growth = growths_named(text, claims, found, groups, words)
    for i, f in enumerate(found):
        if f.how not in ("none", "meta"):
            continue
        topic = topic_before(text, claims, groups, bounds, words, i)
        if topic is not None:  # 其中,东盟为我国第一大贸易伙伴,占我国外贸总值的14.6%: its share
            f.spans, f.how = (*as_spans(topic), *(f.share or ())), "topic"
            continue
        earlier = [
            j for j in groups.by_sentence[groups.sentence[i]] if j < i and found[j].how in own
        ]
        if _is_time(claims[i]):
            # 失业率3.32%、创24年同月最低、连续4个月下降: a span of time is about the figure
            # it is reported with, not about another span
            earlier = [j for j in earlier if not _is_time(claims[j])] or earlier
        if not earlier:
            # Scanning back a few claims keeps a long paragraph linear.
            back = [
                j
                for j in range(i - 1, max(-1, i - 8), -1)
                if groups.paragraph[j] == groups.paragraph[i] and found[j].how in own
            ]
            if back and claims[i].unit in ("%", "pp", "倍"):
                f.spans, f.how, f.source = found[back[0]].spans, "inherited", back[0]
            continue
        if f.share is not None and found[earlier[-1]].spans is not None:
            f.spans, f.how = (*(found[earlier[-1]].spans or ()), *f.share), "inherited"
            f.source = earlier[-1]
            continue
        kind = _unit_kind(claims[i].unit)
        level = earlier[-1]
        alone = len(_subjectless_run(i, found, groups)) == 1  # not 年增率达34.9%及22.6%
        if (
            claims[i].unit == "%"
            and level == i - 1
            and alone
            and groups.clause[level] != groups.clause[i]
        ):
            # 营收为136.43亿元,同比增长11.58%: a rate right after a level is its growth
            f.spans, f.how, f.source = found[level].spans, "inherited", level
            continue
        same_unit = [j for j in earlier if _unit_kind(claims[j].unit) == kind]
        if same_unit:
            f.spans, f.how, f.source = found[same_unit[-1]].spans, "inherited", same_unit[-1]
            continue
        # Position in a list of subjectless numbers (下降10.9%、7.0%) picks among the
        # sentence's subjects in order.
        run = _subjectless_run(i, found, groups)
        subjects: list[Spans] = []
        for j in earlier:
            spans = found[j].spans
            if spans is not None and spans not in subjects:
                subjects.append(spans)
        k, pos = len(run), run.index(i)
        pick = subjects[len(subjects) - k + pos] if len(subjects) >= k else subjects[-1]
        f.spans, f.how = pick, "inherited"
        f.source = next(j for j in reversed(earlier) if found[j].spans == pick)
    name_growths(found, growth)


def _is_time(c: Candidate) -> bool:
    """A span of time: a streak, a record span, a duration (unit kind "time" in the packs)."""
    return c.unit_info is not None and c.unit_info.kind == "time"


def _unit_kind(unit: str) -> str:
    """Units a change and the level it changes share: a rate (%) changes by points (pp)."""
    return "rate" if unit in ("%", "pp", "‰") else unit


def _subjectless_run(i: int, found: list[Found], groups: Groups) -> list[int]:
    run = [
        j
        for j in groups.by_clause[groups.clause[i]]
        if found[j].how in ("none", "meta", "inherited")
    ]
    return run if i in run else [i]
