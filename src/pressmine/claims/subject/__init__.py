"""What a number measures: the noun phrase a claim is about, as spans of the text.

The grammar, in the order it is tried for each claim:
1. a rule's own (?P<subject>…) group;
2. the noun phrase right after the unit: 形成了超300项[关键技术储备], 95%的[行政村];
3. the noun phrase right before the number, past linking words and adverbial frames:
   [直接经济损失]171.49亿元, [核心产业规模]预计突破1.2万亿元,
   [工业增加值]按可比价格计算同比增长6.0%, [香港旅客占]28.0%;
4. a verb phrase that is itself the measure: 641.53万人次不同程度[受灾], [死亡]855人;
5. else inherited within the sentence, by unit and then by position in a coordinated list:
   事故782起,死亡855人,同比减少96起、64人 -> 96起 is the accidents, 64人 the deaths;
6. else the topic of the clause before: 中国大陆旅客上升显著,增幅达48.3%.
A phrase that only names the measure (增幅, 临时估计) is no subject: 5 and 6 replace it.
Coordinated lists share a head: 3.5万余家基础级、…、500余家卓越级智能工厂.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from pressmine.claims.subject.lists import distribute_respectively, inherit, share_heads
from pressmine.claims.subject.parts import Found, Groups, Spans, as_spans
from pressmine.claims.subject.phrases import previous_clause_topic, subject_of
from pressmine.packs.model import PackSet
from pressmine.text.clauses import Boundaries

if TYPE_CHECKING:
    from pressmine.claims.candidates import Candidate


def find_subjects(
    text: str, claims: Sequence[Candidate], packs: PackSet, bounds: Boundaries
) -> list[Spans | None]:
    """Subject spans for each claim (sorted by start), or None when none can be found."""
    words = packs.subject_vocabulary
    groups = Groups.of(claims, bounds)
    found: list[Found] = []
    for i, c in enumerate(claims):
        if c.subject_span is not None:
            found.append(Found((c.subject_span,), "rule", []))
            continue
        lo, hi = groups.clause[i]
        prev = claims[i - 1] if i > 0 and claims[i - 1].end > lo else None
        nxt = claims[i + 1] if i + 1 < len(claims) and claims[i + 1].start < hi else None
        left_lo = prev.end if prev is not None else lo
        if prev is not None and found[-1].how == "after" and found[-1].spans:
            left_lo = max(left_lo, found[-1].spans[-1][1])  # that phrase was the previous claim's
        right_hi = nxt.start if nxt is not None else hi
        found.append(subject_of(text, c, left_lo, right_hi, words))
    share_heads(text, claims, found, groups, words)
    inherit(claims, found, groups)
    distribute_respectively(text, claims, found, groups, words)
    for i, f in enumerate(found):
        if f.how in ("meta", "none"):
            topic = previous_clause_topic(text, claims[i].start, bounds, words)
            if topic:
                f.spans, f.how = as_spans(topic), "topic"
    return [f.spans for f in found]
