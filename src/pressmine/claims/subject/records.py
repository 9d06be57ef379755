"""Spans of time reported with a figure: a record (失业率3.32%、创24年同月最低; 是2年半来首见)
or a streak (下降0.04个百分点,连续4个月下降). Such a span measures how long the figure before
it has been so: its subject is that figure's subject with what the span counts (同月最低,
下降), read after the span."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from pressmine.claims.subject.parts import Found, Groups, Words, is_punct

if TYPE_CHECKING:
    from pressmine.claims.candidates import Candidate

# How far after a span what it counts may reach (同月最低, 来高点, 下降): a short phrase.
_REACH = 8


def scope_records(
    text: str,
    claims: Sequence[Candidate],
    found: list[Found],
    groups: Groups,
    words: Words,
) -> None:
    for i, c in enumerate(claims):
        if c.unit_info is None or c.unit_info.kind != "time":
            continue
        figure = _figure_before(claims, found, groups, i)
        if figure is None:
            continue
        streak = text.startswith(words.streaks, c.start)
        piece = _what_it_counts(text, claims, groups, i, words)
        verb = _streak_verb(text, c.start, words)  # 连跌13个月: the streak is of 跌
        if verb is not None:
            streak, piece = True, piece or verb
        if piece is None and streak and i + 1 < len(claims):
            nxt = claims[i + 1]  # 已连续15个月大于3%: the streak is of the next figure
            if nxt.start == c.end and groups.clause[i + 1] == groups.clause[i]:
                piece = (nxt.start, nxt.end)
        if piece is None:
            continue
        counted = text[piece[0] : piece[1]]
        if not streak and not any(r in counted for r in words.records):
            continue  # 为期4个月: a duration, no record
        spans = found[figure].spans
        if spans:
            found[i].spans, found[i].how = (*spans, piece), "record"


def _figure_before(
    claims: Sequence[Candidate], found: list[Found], groups: Groups, i: int
) -> int | None:
    """The nearest figure before claim i in its sentence that is no span of time itself."""
    for j in range(i - 1, max(-1, i - 6), -1):
        if groups.sentence[j] != groups.sentence[i]:
            return None
        info = claims[j].unit_info
        if (info is None or info.kind != "time") and found[j].spans:
            return j
    return None


def _streak_verb(text: str, start: int, words: Words) -> tuple[int, int] | None:
    """The verb of a streak word written right before the span (连跌, 连续下降), if any."""
    longest_first = sorted(words.streaks, key=len, reverse=True)
    for k in (2, 3, 4):
        before = text[max(0, start - k) : start]
        w = next((w for w in longest_first if before.startswith(w)), None)
        if w is not None and before[len(w) :].isalpha():
            return start - k + len(w), start
    return None


def _what_it_counts(
    text: str, claims: Sequence[Candidate], groups: Groups, i: int, words: Words
) -> tuple[int, int] | None:
    """The phrase right after a span of time up to its clause's end or the next figure,
    without 来/以来 (5年来新低 -> 新低)."""
    c = claims[i]
    stop = min(groups.clause[i][1], c.end + _REACH)
    if i + 1 < len(claims):
        stop = min(stop, claims[i + 1].start)
    lo = c.end
    for lead in sorted(words.record_leads, key=len, reverse=True):
        if text.startswith(lead, lo):
            lo += len(lead)
            break
    hi = lo
    while hi < stop and not is_punct(text[hi]) and not text[hi].isdigit():
        hi += 1
    return (lo, hi) if hi > lo else None
