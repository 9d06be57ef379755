"""What the words before a number say about it: whether it is a change (增长 5.9%: increase;
降至: a level, no change) and against what basis (同比, 比上年)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from pressmine.packs.model import PackSet
from pressmine.text import segment
from pressmine.text.clauses import Boundaries

if TYPE_CHECKING:
    from pressmine.claims.candidates import Candidate


def find_changes(
    text: str, claims: Sequence[Candidate], packs: PackSet, bounds: Boundaries
) -> list[str | None]:
    """increase / decrease when a change verb governs the number, else None.

    The verb may govern a whole list: 同比减少96起、64人 -> both decrease.
    """
    skip, split, glue = packs.linking_words, packs.glued_words, packs.list_glue
    rates = packs.subject_words["rate_names"]  # 年增率: a basis word that names a rate
    out: list[str | None] = []
    own: list[str | None] = []  # what each number's words say, before _change_after
    for i, c in enumerate(claims):
        lo, _ = bounds.clause(c.start)
        # Only the words since the previous number in the clause are this number's own.
        seg_lo = max(lo, claims[i - 1].end) if i > 0 and claims[i - 1].end > lo else lo
        toks = segment.words_between(text, seg_lo, c.start, split) if c.start > seg_lo else []
        while toks and (
            toks[-1][0] in skip or toks[-1][0] in glue or segment.word_class(toks[-1][0]) == "d"
        ):
            word = toks[-1][0]
            pair = toks[-2][0] + word if len(toks) > 1 else ""
            if packs.change.get(pair) in _VERBS or (
                (word not in skip or (word in packs.basis and word not in rates))
                and packs.change.get(word) in _MOVES
            ):
                # 降水偏|多, 降|为 (cut in two), 气温偏低: a change word, though an adverb; 同增: a
                # basis and a change in one word (年增率 names a rate: a level)
                break
            toks.pop()  # 涨幅[一举][突破]3%: linking words and adverbs say nothing of the change
        if toks or seg_lo == lo:
            label = _verb_label(toks, packs)
            if c.unit == "pp":  # 低于…增幅8.14个百分点, 推高[通胀率]2.5个百分点
                label = _than_base(toks, packs) or label or _verb_before_object(toks, packs)
        elif claims[i - 1].start >= lo:
            # Nothing but glue back to the previous number: that number's verb is ours too.
            # It is in our clause, so what its words said stands (a list of n numbers is not
            # walked back n times).
            label = own[i - 1]
        else:
            label = None  # glue back to a number that starts in the clause before
        own.append(label)
        if label is None:  # 翻一番: the verb is in the claim's text (one word with the number)
            label = packs.change.get(text[c.start : c.number_start])
        if label is None:
            label = _change_after(text, c.end, packs)  # 有16.6%的增长
        sign = text[c.number_start : c.number_start + 1]
        if label and _record_span(text, c, packs):
            label = None  # 增幅为近15年最优秀: how far back the record goes, not how much
        elif sign in _MINUS:
            label = None  # 增长率-3.31%: a level with its sign (CLAIMS.md §Value, §Change)
        elif sign == "+" and label is None:
            label = "increase"  # 交通(+8.75%): a rise written with its sign
        out.append(label if label in ("increase", "decrease") else None)
    return out


_MINUS = frozenset("-−负負")
_MOVES = ("increase", "decrease")
# A change or level word cut in two, linking word last: 降|为, 成长|为 (经济成长为2.42%: a level).
_VERBS = ("increase", "decrease", "level")


def _record_span(text: str, c: Candidate, packs: PackSet) -> bool:
    """A span of time before a record (15年来最高, 近15年最优秀: the core pack's `record`)."""
    record = packs.fragments.get("record")
    if record is None or c.unit_info is None or c.unit_info.kind != "time":
        return False
    return re.match("(?:来|以来)?的?" + record, text[c.end : c.end + 12]) is not None


def _verb_label(toks: list[tuple[str, int, int]], packs: PackSet) -> str | None:
    """The change kind of the last word before a number, once linking words are dropped, or of
    the last two or three, which the segmenter may cut apart (上+修, 收+窄, 正+成长). After a
    streak word ([change] streak: 连续增长3年) the number says how long, not how much; a streak
    the segmenter glues to its verb (连跌13个月) is no change word at all."""
    label = None
    for n in (3, 2):  # the longest word wins: 负 + 成长 is a decrease
        if len(toks) >= n and sum(len(t[0]) for t in toks[-n:]) <= 3:  # 正 + 成长
            label = label or packs.change.get("".join(t[0] for t in toks[-n:]))
    if label is None and toks:
        label = packs.change.get(toks[-1][0])
    if len(toks) > 1 and packs.change.get(toks[-2][0]) == "streak":
        return None
    return label


def _than_base(toks: list[tuple[str, int, int]], packs: PackSet) -> str | None:
    """增幅[低于]净经营收入增幅8.14个百分点: points after a comparison with a base are how
    far above or below it, whatever growth word names the base."""
    for back, (w, _, _) in enumerate(reversed(toks[-8:])):
        kind = packs.change.get(w)
        if kind in _THAN and (len(w) > 1 or not back):  # 比上月末[低]0.6个百分点: right before
            return _THAN[kind]
        if not w.strip() or not w[0].isalnum():  # a pause ends the comparison
            return None
    return None


_THAN = {"above": "increase", "below": "decrease"}


def _verb_before_object(toks: list[tuple[str, int, int]], packs: PackSet) -> str | None:
    """推高通胀率2.5个百分点, 高出全国4.8个百分点, 拉高了出口整体增速2.1个百分点: a change verb
    with its object between it and a number of points."""
    for k in range(len(toks) - 1, max(-1, len(toks) - 6), -1):
        word = toks[k][0]
        label = packs.change.get(word)
        if label not in _MOVES and k > 0 and len(word) == 1 and len(toks[k - 1][0]) == 1:
            label = packs.change.get(toks[k - 1][0] + word)  # 推 + 高, cut apart
        if label in ("increase", "decrease"):
            return label
        if segment.word_class(word) not in ("n", "vn", "u") or not word.strip():
            return None
    return None


def _change_after(text: str, end: int, packs: PackSet) -> str | None:
    """有16.6%的增长: a change noun right after the number, linked by 的."""
    if not text.startswith("的", end):
        return None
    start = end + 1
    # 录得84.4%的[按年]升幅: the basis, then the change noun
    start += next((n for n in range(8, 1, -1) if text[start : start + n] in packs.basis), 0)
    toks = segment.words_between(text, start, min(start + 5, len(text)))
    return packs.change.get(toks[0][0]) if toks else None


def find_bases(
    text: str,
    claims: Sequence[Candidate],
    changes: Sequence[str | None],
    packs: PackSet,
    bounds: Boundaries,
) -> list[str | None]:
    """The comparison base written before the number: in its clause, or for a change, anywhere
    earlier in its sentence (同比减少96起、64人,下降10.9% -> 10.9% is 同比 too)."""
    regex = packs.basis_regex
    out: list[str | None] = []
    for c, change in zip(claims, changes, strict=True):
        lo = bounds.sentence(c.start)[0] if change else bounds.clause(c.start)[0]
        hits = list(regex.finditer(text, lo, c.start)) if regex else []
        out.append(packs.basis[hits[-1].group()] if hits else None)
    return out
