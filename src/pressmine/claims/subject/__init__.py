"""What a number measures, and whose: the subject of each claim, as pieces of the text
(CLAIMS.md v2 §Subject). Each step lives in its own module; this one runs them in order.

1. The claim's own words (phrases.py): a rule's (?P<subject>…) group with the noun phrase
   right before it (软件业务[前11个月]收入); the noun phrase after the unit (形成了超300项[关键
   技术储备]), with a verb phrase that says which are counted (5500多万辆[汽车奔驰在城乡公路]);
   the noun phrase before the number, past linking words, adverbial frames and comparison
   bases ([工业增加值]比2019年同期增长9.2%); a verb phrase that is the measure ([死亡]855人).
   A figure in brackets belongs to the name before them (交通(+8.75%)).
2. Lists (lists.py): items share a head (3.5万余家基础级、…卓越级智能工厂); 分别/各 and a list
   of numbers after as many coordinated subjects map them in order; a number without a
   subject of its own inherits one from its sentence (a change takes the subject of what
   changed), or a rate from its paragraph; a share keeps its base (…占外贸总值的15.7%).
3. Topics (topics.py): a category takes the measure its list shares (制造业 + 增加值); a
   linking verb (涉及), a generic head (上限) or a 其中 clause takes the sentence's topic.
4. Owners and scope (scope.py, owners.py): the actor of the clause when it is a body or a
   place (国有控股企业 + 利润总额, 甘肃 + 派出 + 医疗救助队伍), a frame that scopes the sentence
   (规模以上工业企业中,), else the name that scopes the paragraph or the headline (交通银行).
5. Groups (groups.py), before the owners: a range that defines a group (十五至十九岁) is
   subject 年龄组, and the group's figures have it in front of their measure (15至19岁失业率).
6. Named scopes (named_scopes.py), after the owners: a scheme a clause launches, named in
   quotes (延长『特别爱增值计划』), or a market a 方面 frame opens on (对美国方面,), goes before
   the subjects of the sentence's later figures.
7. Records (records.py), last: a span of time reported with a figure (创24年同月最低,
   连续4个月下降) has the figure's subject with what it counts (失业率 + 同月最低).
A piece that opens on the words the piece before it ends on loses them (工业大类行业 +
[行业]利润总额). What each step found is kept (Found.how, Found.owner): `pressmine explain`
shows it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from pressmine.claims.subject.clause_topics import previous_clause_topic
from pressmine.claims.subject.groups import is_group, scope_groups, written
from pressmine.claims.subject.lists import distribute_respectively, inherit, share_heads
from pressmine.claims.subject.named_scopes import scope_named
from pressmine.claims.subject.parts import Found, Groups, Spans, as_spans, without_repeats
from pressmine.claims.subject.phrases import in_brackets, rule_subject, subject_of
from pressmine.claims.subject.records import scope_records
from pressmine.claims.subject.scope import attach_owners
from pressmine.claims.subject.topics import (
    HeadsSeen,
    carry_heads,
    former_and_latter,
    rate_names,
    repeated_heads,
    share_bases,
    weak_to_topic,
)
from pressmine.packs.model import PackSet
from pressmine.text.clauses import Boundaries

if TYPE_CHECKING:
    from pressmine.claims.candidates import Candidate


def find_subjects(
    text: str, original: str, claims: Sequence[Candidate], packs: PackSet, bounds: Boundaries
) -> list[tuple[str, str | None] | None]:
    """Each claim's subject (claims sorted by start) as it reads in the normalised `text` and
    as written in the `original` (the same offsets; None for a group's label, which is no
    piece of the text), or None when none can be found."""
    words = packs.subject_vocabulary
    grouped = any(is_group(c, words) for c in claims)
    out: list[tuple[str, str | None] | None] = []
    for f in trace_subjects(text, claims, packs, bounds):
        if f.label is not None:
            out.append((f.label, None))  # a label is no piece of the text
        elif f.spans is None:
            out.append(None)
        else:
            plain = "".join(text[s:e] for s, e in f.spans)
            as_written = "".join(original[s:e] for s, e in f.spans)
            out.append((written(text, f.spans, claims, words) if grouped else plain, as_written))
    return out


def trace_subjects(
    text: str, claims: Sequence[Candidate], packs: PackSet, bounds: Boundaries
) -> list[Found]:
    """Each claim's subject with the steps that found it (find_subjects' answer, explained)."""
    words = packs.subject_vocabulary
    groups = Groups.of(claims, bounds)
    found: list[Found] = []
    for i, c in enumerate(claims):
        lo, hi = groups.clause[i]
        if c.subject_span is not None:
            spans: Spans = (c.subject_span,)
            if c.subject_span[1] <= c.start:  # a measure named before its number
                spans = rule_subject(text, c.subject_span, lo, words)
            found.append(Found(spans, "rule", []))
            continue
        prev = claims[i - 1] if i > 0 and claims[i - 1].end > lo else None
        nxt = claims[i + 1] if i + 1 < len(claims) and claims[i + 1].start < hi else None
        left_lo = prev.end if prev is not None else lo
        if prev is not None and found[-1].how == "after" and found[-1].spans:
            left_lo = max(left_lo, found[-1].spans[-1][1])  # that phrase was the previous claim's
        right_hi = nxt.start if nxt is not None else hi
        bracketed = in_brackets(text, c, left_lo, hi, words)
        found.append(bracketed or subject_of(text, c, left_lo, right_hi, words))
    share_heads(text, claims, found, groups, words)
    former_and_latter(text, claims, found, bounds, words)
    seen = HeadsSeen()
    carry_heads(text, claims, found, groups, words, seen)  # before changes inherit the subject
    inherit(text, claims, found, groups, bounds, words)
    distribute_respectively(text, claims, found, groups, bounds, words)
    for i, f in enumerate(found):
        if f.how in ("meta", "none"):
            topic = previous_clause_topic(text, claims[i].start, bounds, words)
            if topic:
                f.spans, f.how = as_spans(topic), "topic"
    inherit(text, claims, found, groups, bounds, words)  # from the topics just found: 第2季年减
    carry_heads(text, claims, found, groups, words, seen)  # and after lists handed theirs out
    weak_to_topic(text, claims, found, groups, bounds, words)
    repeated_heads(text, found, groups, words)
    share_bases(text, claims, found, groups, words)
    rate_names(text, claims, found, groups, words)
    scope_groups(text, claims, found, groups, words)
    attach_owners(text, claims, found, bounds, groups, words)
    scope_named(text, claims, found, groups, words)
    scope_records(text, claims, found, groups, words)
    for f in found:
        if f.spans is not None and len(f.spans) > 1:
            f.spans = without_repeats(text, f.spans)  # 工业大类行业 + [行业]利润总额
    return found
