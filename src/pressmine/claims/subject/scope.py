"""The owner and the scope in front of a subject: the actor of the claim's own clause (国有控股
企业 in 国有控股企业实现利润总额…), the frame that opens its sentence (规模以上工业企业中,), or
the name that scopes its paragraph or the whole release (the headline's 交通银行)."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from pressmine.claims.subject import owners
from pressmine.claims.subject.linking import strip_linking
from pressmine.claims.subject.parts import (
    Found,
    Groups,
    Word,
    Words,
    merge_spans,
    overlaps,
    spans_of,
    words_in,
    words_of,
)
from pressmine.claims.subject.publishers import lead_publisher, publisher
from pressmine.text import segment
from pressmine.text.clauses import Boundaries

if TYPE_CHECKING:
    from pressmine.claims.candidates import Candidate


def attach_owners(
    text: str,
    claims: Sequence[Candidate],
    found: list[Found],
    bounds: Boundaries,
    groups: Groups,
    words: Words,
) -> None:
    """Put the owner in front of each subject. A clause's own actor comes first, when it is a
    body or a place (甘肃派出医疗救助队伍; not 人工智能已渗透…); else a frame that scopes the
    sentence; else, when the subject names no place or body itself, the last name in subject
    position in its paragraph, else the headline's."""
    hl = owners.headline(text)
    if hl is not None:
        hl = owners.past_source(text, hl, words)
        title = words_in(text, hl[0], hl[1], words)
        doc_name = owners.scope_name(title, words, headline=True)
    else:
        doc_name = lead_place(text, bounds, words)
    published = False  # whether doc_name is the lead's publisher (小米集团发布…财报)
    if doc_name is None and words.results_hint is not None:
        doc_name = lead_publisher(text, bounds, words)
        published = doc_name is not None
    scope = _ScopeNames(text, bounds, words)
    actors: list[owners.Actor | None] = []
    linked_before: tuple[tuple[int, int], list[Word]] | None = None  # (paragraph, 实现's actor)
    for i, (c, f) in enumerate(zip(claims, found, strict=True)):
        actor = _actor_of(text, claims, found, groups, i, words, actors)
        actors.append(actor)
        if f.spans is None:
            continue
        frame = scope.frame_before(c.start)
        if frame is not None and overlaps(frame, f.spans):
            frame = None  # the subject names it already
        if frame is not None and text.endswith(tuple(words.share_words), 0, f.spans[-1][1]):
            f.spans, f.owner = (*f.spans, frame), "frame"  # …中,网上销售占8.0%: the base
            continue
        if frame is not None:
            f.spans, f.owner = (frame, *f.spans), "frame"
        extra: list[Word] = []
        caused = actor is not None and actor.causes and f.how in ("after", "verb", "rule")
        # 锦航科技实现净利润: whoever 实现 links to a measure owns it, a known name or not
        linked = (  # ... when the figure's subject is the measure right after 实现
            actor is not None
            and actor.links_to == f.spans[0][0]
            and f.how in ("before", "rule")
            and not _refers_back(actor.owner, words)
        )
        if actor is not None and (caused or linked or owners.has_name(actor.owner, words)):
            extra += actor.owner
            if f.how != "before":
                extra += actor.verb  # 甘肃[派出]医疗救助队伍
        if actor is not None and f.how == "after" and owners.has_name(actor.rest, words):
            extra += actor.rest  # 造成[青海海东市民和县…]20名群众失联
        if actor is not None:  # the last actor of 实现 in the paragraph, if it was the last
            linked_before = (groups.paragraph[i], actor.owner) if linked else None
        elif (
            linked_before is not None
            and linked_before[0] == groups.paragraph[i]
            and f.how in ("before", "rule")
            and text[max(0, f.spans[0][0] - 2) : f.spans[0][0]] in words.measure_links
        ):
            extra += linked_before[1]  # A股公司实现营收…;[实现]归母净利润: the same actor's
        if extra:
            if published and doc_name is not None and _another_body(text, doc_name, actor, words):
                doc_name = None  # 工商银行披露…; 农业银行实现…: more than one body's results
            if frame is not None:  # the frame first: 规模以上工业企业 + 国有控股企业
                f.spans = (frame, *merge_spans(spans_of(extra), f.spans[1:]))
            else:
                f.spans = merge_spans(spans_of(extra), f.spans)
            f.owner = "actor"
            continue
        source = found[f.source] if f.how == "inherited" and f.source is not None else None
        if source is not None and source.owner == "actor" and source.spans is not None:
            # 采矿业实现利润总额5024.5亿元,同比下降16.2%: a change has the owner of its level
            f.spans, f.owner = (*source.spans, *(f.share or ())), "level"
            continue
        named = any(owners.may_name(text, words, s, e) for s, e in f.spans)
        if named and owners.has_name(words_of(text, f.spans), words, sectors=False):
            continue
        name = scope.name_before(c.start)
        if name is not None and text[name[0] : name[1]] in words.strip_prefix:
            continue  # 我国, 全国: a scope every figure shares tells none apart
        said = "".join(text[s:e] for s, e in f.spans)  # a name the subject says already
        if name is not None and not _said(text[name[0] : name[1]], said, words):
            f.spans, f.owner = merge_spans((name,), f.spans), "paragraph"
        elif name is None and doc_name is not None and _scopes(text, doc_name, said, words):
            f.spans, f.owner = merge_spans((doc_name,), f.spans), "headline"


def _scopes(text: str, name: tuple[int, int], said: str, words: Words) -> bool:
    """Whether the headline's name goes before a subject: not one every figure shares (全国),
    nor one the subject says already, whole or without the kind of body it is (海天味业主力产
    品…; 小米集团 before 小米智能手机出货量)."""
    written = text[name[0] : name[1]]
    return written not in words.strip_prefix and not _said(written, said, words)


def _another_body(
    text: str, name: tuple[int, int], actor: owners.Actor | None, words: Words
) -> bool:
    """Whether the actor is a body other than the named one that reports its own results
    (农业银行[实现]营业收入): one that owns a figure by 实现 or 录得, not a place or a name
    read into a measure (价位段市占率)."""
    if actor is None or actor.links_to is None:
        return False
    names = owners.name_spans(actor.owner, words, sectors=False)
    if all(text[s:e] in words.regions for s, e in names):
        return False
    return not _said(text[name[0] : name[1]], "".join(w for w, _, _ in actor.owner), words)


def _said(name: str, said: str, words: Words) -> bool:
    """Whether a subject says the name already, whole or without the kind of body it is
    (小米集团: 小米智能手机出货量)."""
    core = next((name[: -len(s)] for s in words.name_endings if name.endswith(s)), "")
    return name in said or (len(core) >= 2 and said.startswith(core))


def _refers_back(owner: list[Word], words: Words) -> bool:
    """公司, 该公司, 本集团: a body named only by its kind is the one named before."""
    name = "".join(w for w, _, _ in owner).lstrip("该本其这此")
    return name in words.name_suffixes


def lead_place(text: str, bounds: Boundaries, words: Words) -> tuple[int, int] | None:
    """Without a headline, the place that opens the release's lead scopes it (香港财政司司长
    陈茂波发表财政预算案… -> 香港; 本报济南12月11日讯 据海关最新统计,今年前11个月,山东省外贸
    进出口… -> 山东省): a listed region opening the first clause of the first sentence that is
    not a dateline, a paper's name, a source (据…统计) or a time alone; not a scope every release
    shares (全国)."""
    sentence_end = bounds.sentence(0)[1]
    lo = 0
    while lo < sentence_end:
        hi = bounds.clause(lo)[1]
        toks = words_in(text, lo, min(hi, lo + _OWNER_REACH), words)
        lo = hi + 1
        k = owners.first_owner_word(toks, words)
        if k is None:
            continue  # 今年前11个月: when, then what
        w, s, e = toks[k]
        paper = k + 1 < len(toks) and toks[k + 1][0].endswith(words.press_endings)
        if paper or _DATELINE.match(text, e):
            continue  # 北京商报讯, 本报北京2月9日电: where the report was filed, not its topic
        if segment.word_class(toks[0][0]) == "p":
            if toks[-1][0] in words.reporting_verbs and hi <= lo + _OWNER_REACH:
                continue  # 据海关统计: who says it
            return None  # 在内地五一黄金周假期: a frame, not what the release is about
        return _place_at(w, s, words)
    return None


def _place_at(w: str, s: int, words: Words) -> tuple[int, int] | None:
    """The listed region the word w (at s) is or opens: 香港, 山东省 (with its suffix), 澳门
    [特区政府] (without the government); not 广州[日报]."""
    n = len(w) if w in words.regions else 0
    opens = next((k for k in range(2, 5) if w[:k] in words.regions), 0)
    if not n and opens and w[opens:] in words.name_suffixes:
        n = len(w)  # 山东省
    elif not n and opens and w.endswith(words.governments):
        n = opens  # 澳门特区政府 -> 澳门
    return (s, s + n) if n and w[:n] not in words.strip_prefix else None


def _actor_of(
    text: str,
    claims: Sequence[Candidate],
    found: list[Found],
    groups: Groups,
    i: int,
    words: Words,
    actors: list[owners.Actor | None],
) -> owners.Actor | None:
    """The actor of claim i's clause, read from the words before its number. A list item
    (only 、和及, or the previous item's own words and 、, since the previous number) shares
    the previous item's actor: 甘肃共派出19支医疗救助队伍、99辆救护车."""
    c = claims[i]
    lo, _ = groups.clause[i]
    if i > 0 and claims[i - 1].end > lo:
        prev_end = claims[i - 1].end
        prev = found[i - 1]
        if prev.spans and prev_end <= prev.spans[-1][1] <= c.start:
            prev_end = prev.spans[-1][1]  # 113人遇难、782人受伤: past the item's own words
        between = text[prev_end : c.start].strip()
        if not between or between in words.list_separators:
            return actors[i - 1]
    raw = text[lo : c.start].rstrip()
    if not raw and i > 0 and groups.sentence[i - 1] == groups.sentence[i]:
        return actors[i - 1]  # 造成766人死亡,103人失踪: a clause that opens on its figure
    if not raw or raw[-1] in words.list_separators or raw[-2:] in words.list_separators:
        return None
    near = owners.may_act(text, words, lo, min(c.start, lo + _OWNER_REACH))
    if not near and not (found[i].how == "after" and owners.may_act(text, words, lo, c.start)):
        return None  # only a body or a place is an owner; one in subject position or before a count
    left = words_in(text, lo, c.start, words)
    # 甘肃临夏州积石山县6.2级地震: another figure inside the owner is no part of it
    others = [(o.start, o.end) for o in claims[max(0, i - 4) : i] if o.end > lo]
    if others:  # most claims are the first of their clause
        left = [t for t in left if not any(s <= t[1] < e for s, e in others)]
    return owners.clause_actor(strip_linking(left, words), words)


# How far into a clause an owner in subject position may still begin or end (陆军第76集团军
# 某旅派出…, 2025年上半年国有控股企业实现…): further in, a name is no clause's subject.
_OWNER_REACH = 24
# A dateline after a place: 北京2月9日电, 香港十二月二十日电, 济南12月11日讯.
_DATELINE = re.compile(
    r"\s?[0-9一二三四五六七八九十]{1,3}月[0-9一二三四五六七八九十]{1,3}日\s?[电讯]"
)


class _ScopeNames:
    """The names in subject position and the scope frames of the text, read clause by clause
    as the claims come, each clause at most once (linear in the text), and only where they
    are asked for: frames in clauses that end as one (…中), names in the paragraphs of the
    claims that need one."""

    def __init__(self, text: str, bounds: Boundaries, words: Words) -> None:
        self.text, self.bounds, self.words = text, bounds, words
        self.frame_k = 0  # the next clause end to read for frames
        self.frame_ends = tuple(words.scope_frame_ends)  # for str.endswith
        self.frame_last = frozenset(end[-1] for end in self.frame_ends)
        # clause index -> the name of the last clause up to it in its paragraph that has one
        self.nearest: dict[int, tuple[int, int] | None] = {}
        self.frames: list[tuple[int, tuple[int, int]]] = []  # (clause start, frame span)
        self.leads: dict[int, tuple[int, int] | None] = {}  # paragraph start -> lead's name

    def _clause(self, k: int) -> tuple[int, int]:
        ends = self.bounds.clause_ends
        return (ends[k - 1] + 1 if k else 0), ends[k]

    def frame_before(self, pos: int) -> tuple[int, int] | None:
        """The scope frame (规模以上工业企业中,) that opens the full sentence (to 。) of pos."""
        ends, words, frame_ends = self.bounds.clause_ends, self.words, self.frame_ends
        while self.frame_k < len(ends) and ends[self.frame_k] < pos:
            lo, hi = self._clause(self.frame_k)
            self.frame_k += 1
            last = self.text[hi - 1] if hi > lo else " "
            if last not in self.frame_last and not last.isspace():
                continue  # most clauses: no need to copy them to see how they end
            if self.text[lo:hi].rstrip().endswith(frame_ends):
                frame = owners.scope_frame(words_in(self.text, lo, hi, words), words)
                if frame is not None:
                    self.frames.append((lo, frame))
        if not self.frames:
            return None
        lo, span = self.frames[-1]
        if (
            span[1] > pos
            or self.text.find("。", lo, pos) >= 0
            or self.text.find("\n", lo, pos) >= 0
        ):
            return None
        return span

    def name_before(self, pos: int) -> tuple[int, int] | None:
        """The last name in subject position before pos in its paragraph. The clauses are read
        backwards from pos up to the first that has one: most claims find it a clause or two
        back, and what a walk learnt is kept, so that no clause is read twice."""
        ends = self.bounds.clause_ends
        para_lo, _ = self.bounds.paragraph(pos)
        first = bisect.bisect_left(ends, para_lo)  # the paragraph's first clause
        walked: list[int] = []
        name = None
        for k in range(bisect.bisect_left(ends, pos) - 1, first - 1, -1):  # ends before pos
            if k in self.nearest:
                name = self.nearest[k]
                break
            lo, hi = self._clause(k)
            if lo < para_lo:
                break
            walked.append(k)
            name = self._name_in(lo, hi)
            if name is not None:
                break
        for k in walked:
            self.nearest[k] = name
        if name is None or name[0] >= self.bounds.sentence(pos)[0]:
            return name
        # A name from an earlier sentence scopes only when it is the paragraph's lead's (交通
        # 银行上半年实现…。其中…); names of later sentences stand side by side (来自中国大陆
        # 旅客上升显著…。经外港码头入境旅客增加23.5%).
        lead_end = self.bounds.sentence(para_lo)[1]
        return name if name[0] < lead_end else self._lead_name(para_lo, lead_end)

    def _lead_name(self, para_lo: int, lead_end: int) -> tuple[int, int] | None:
        """The last name in subject position in the paragraph's first sentence."""
        if para_lo not in self.leads:
            ends = self.bounds.clause_ends
            name = None
            for k in range(bisect.bisect_left(ends, para_lo), len(ends)):
                lo, hi = self._clause(k)
                if lo >= lead_end:
                    break
                name = self._name_in(lo, hi) or name
            self.leads[para_lo] = name
        return self.leads[para_lo]

    def _name_in(self, lo: int, hi: int) -> tuple[int, int] | None:
        hint = self.words.results_hint
        if hint is not None and hint.search(self.text, lo, hi) is not None:
            name = publisher(words_in(self.text, lo, hi, self.words), self.words)
            if name is not None:
                return name  # 小米集团发布2025年第三季度财报: whose results follow
        # A name in subject position opens its clause: look for one near the start only.
        if not owners.may_name(self.text, self.words, lo, min(hi, lo + _OWNER_REACH)):
            return None
        toks = words_in(self.text, lo, min(hi, lo + 2 * _OWNER_REACH), self.words)
        return owners.scope_name(toks, self.words)
