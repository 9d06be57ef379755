"""Why a candidate is no claim, or no number at all: it overlaps a not-claim term or pattern of
the packs (years, dates, ordinals, names, idioms: `rejected` or kept as a quantity), 一 before
a classifier is an article (`not_claim`), 一 before a verb an adverb, and a Chinese numeral the
segmenter keeps inside a longer word is part of that word (统一, 一次能源, 千家万户)."""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING

from pressmine.claims import searches
from pressmine.packs.model import PackSet
from pressmine.regex import required
from pressmine.text import segment
from pressmine.text.clauses import Boundaries

if TYPE_CHECKING:
    from pressmine.claims.candidates import Candidate


def mark(
    text: str,
    masked: str,
    bounds: Boundaries,
    cands: list[Candidate],
    packs: PackSet,
    present: required.Present,
) -> None:
    """Set `rejected` or `not_claim` on each candidate that is no number or no claim.

    `masked` is `text` with its numbers masked, `bounds` its sentences and clauses, `present`
    the characters it holds."""
    blocked = _Blocked(_blocked_spans(text, masked, packs, present))
    for c in cands:
        why = blocked.rejection(c)
        if why is not None:
            c.rejected = why
    chinese = [c for c in cands if c.chinese and c.rejected is None]
    for c in chinese:
        if c.value == 1 and text[c.number_start : c.number_end] == "一":
            if c.unit in packs.article_classifiers and not _counted(text, c, packs):
                c.not_claim = "article: 一 + classifier (打造一个…) is not a count"
            elif c.unit == "" and c.end == c.number_end and _verb_follows(text, bounds, c.end):
                # 一看就懂, not 一点二 (点 is the decimal point there)
                c.rejected = "adverb: 一 before a verb (一看就懂) is no number"
    # A rule that fixes the unit and finds no claims (第N, 2025年, 3月) delimits its number by
    # its own pattern: the segmenter has no say (第二阶段 is one word, 第二 an ordinal in it).
    words_checked = [
        c for c in chinese if c.rejected is None and (c.rule.claim or c.rule.unit is None)
    ]
    _mark_inside_words(text, bounds, words_checked, cands)


def _counted(text: str, c: Candidate, packs: PackSet) -> bool:
    """只有一个, 至少一个: a qualifier or a count word before 一 makes it a count."""
    return c.qualifier != "exact" or text.endswith(packs.count_words, 0, c.number_start)


def _holds(c: Candidate, s: int, e: int, why: str) -> bool:
    """A longer quantity may hold a term: 一万一千 holds 万一, 十分钟 holds 十分. One that is
    the term (一批) or whose number is (6G方: 6G is a name) does not."""
    if not why.startswith("not-claim term") or not (c.start <= s and e <= c.end):
        return False
    return e - s < c.end - c.start and (s, e) != (c.number_start, c.number_end)


class _Blocked:
    """The not-claim spans of a text, sorted, so that each candidate looks only at the spans
    near it: a long text holds thousands of both."""

    def __init__(self, spans: list[tuple[int, int, str]]) -> None:
        # (start, order found, end, why): the first span found wins, as if scanned in order
        self.spans = sorted((s, k, e, why) for k, (s, e, why) in enumerate(spans))
        self.starts = [s for s, _, _, _ in self.spans]
        self.longest = max((e - s for s, _, e, _ in self.spans), default=0)

    def rejection(self, c: Candidate) -> str | None:
        """Why the first span found that overlaps `c` and that `c` does not hold rejects it."""
        # A span overlaps c when it starts before c.end and ends after c.start, so it starts
        # after c.start - longest.
        lo = bisect.bisect_left(self.starts, c.start - self.longest + 1)
        hi = bisect.bisect_left(self.starts, c.end)
        if lo == hi:
            return None  # most candidates: no span starts near them
        near = sorted((k, s, e, why) for s, k, e, why in self.spans[lo:hi] if c.start < e)
        for _, s, e, why in near:
            if not _holds(c, s, e, why):
                return why
        return None


def _verb_follows(text: str, bounds: Boundaries, pos: int) -> bool:
    if text.startswith(("点", "點"), pos):
        return False
    words = segment.words_between(text, pos, bounds.near(pos, pos)[1])
    return bool(words) and segment.word_class(words[0][0]) == "v"


def _blocked_spans(
    text: str, masked: str, packs: PackSet, present: required.Present
) -> list[tuple[int, int, str]]:
    out = []
    terms = packs.terms_regex
    if terms is not None:
        out += [(m.start(), m.end(), f"not-claim term {m.group()}") for m in terms.finditer(text)]
    for p, on_masked, known, why in searches.plan(packs).not_claims:
        searched = masked if on_masked else text
        if known is not None and not required.may_search(p.regex, searched, present, known):
            continue  # it lacks what every match needs (a clock's 午 or :)
        out += [
            (m.start(), m.end(), why) for m in p.regex.finditer(searched) if m.end() > m.start()
        ]
    return out


def _mark_inside_words(
    text: str, bounds: Boundaries, cands: list[Candidate], everyone: list[Candidate]
) -> None:
    """A Chinese numeral that the segmenter keeps inside a longer word is part of that word:
    统一, 一次能源, 千家万户, 一成不变. A word the found quantities cover whole (九月九日: 九月
    + 九日) is no such word. Only the clause around each candidate is segmented."""
    # `everyone` comes sorted and without overlaps (keep_best): its starts and its
    # ends both ascend, so the quantities under a word are one slice, found by bisection.
    starts = [c.start for c in everyone]
    ends = [c.end for c in everyone]
    for c in cands:
        lo, hi = bounds.near(c.start, c.end)
        for _word, s, e in segment.words_between(text, lo, hi):
            if ((s < c.start < e) or (s < c.end < e)) and not _covered(s, e, starts, ends):
                c.rejected = f"inside the word {text[s:e]}"
                break


def _covered(s: int, e: int, starts: list[int], ends: list[int]) -> bool:
    """Whether the quantities (sorted `starts` and `ends`) cover [s, e) without a gap."""
    pos = s
    for i in range(bisect.bisect_right(ends, s), bisect.bisect_left(starts, e)):
        if starts[i] > pos:
            return False
        pos = max(pos, ends[i])
    return pos >= e
