"""The starting figure of a movement (由3 780 600人下跌至3 766 000人) with no period of its own:
a release compares the same two periods throughout, so it takes the period the movement
before it, to the same period, started from (总就业人数由[二零二二年十一月至二零二三年一月的]…
下跌至[二零二二年十二月至二零二三年二月的]…; 同期的总劳动人口亦由…下跌至…)."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from pressmine.claims.calendar import Period

if TYPE_CHECKING:
    from pressmine.claims.candidates import Candidate

_TO = ("至", "到")
_REACH = 30  # characters between 由 and the figure: 由二零二二年十一月至二零二三年一月的


def starting_periods(
    text: str,
    claims: Sequence[Candidate],
    periods: list[Period | None],
    from_words: frozenset[str],
) -> None:
    """Give each movement's starting figure that shares its end's period the period an earlier
    movement to that period started from."""
    if not from_words:
        return
    started: dict[Period, Period] = {}  # a movement's end period -> its start period
    opening = _opening(from_words)
    for i in range(len(claims) - 1):
        c, nxt = claims[i], claims[i + 1]
        lo = max(c.start - _REACH, claims[i - 1].end if i else 0)
        if opening.search(text, lo, c.start) is None:
            continue  # most figures: no 由 before them
        before = text[lo : c.start]
        at = max(before.rfind(w) for w in from_words)
        if at < 0 or any(p in before[at:] for p in "，,。；;"):
            continue  # 由 (and a period, 的) right before it, in its clause
        between = text[c.end : nxt.start]
        if len(between) > 40 or not any(w in between for w in _TO) or "。" in between:
            continue  # no movement: 由 opens something else
        start, end = periods[i], periods[i + 1]
        if start is None or end is None:
            continue
        if start != end:
            started[end] = start
        elif end in started:
            periods[i] = started[end]


def start_reach(
    text: str,
    start: int,
    end: int,
    claims: Sequence[int],
    from_words: frozenset[str],
    change: Mapping[str, str],
    turns: tuple[str, ...] = (),
) -> int | None:
    """Where the period text[start:end] stops applying when it is where a movement starts
    (环比由[上月]下降0.1%转为上涨0.6%): at the figure after the one it dates (`claims`: where
    each claim starts), which takes the period in force before it; at the first figure when it
    dates a state the movement turns from (由[上月]持平转为上涨0.5%); None when it is not."""
    if text[start - 1 : start] not in from_words:
        return None
    after = text[end : end + 3].lstrip("的")
    moved = change.get(after[:2]) or change.get(after[:1])
    k = bisect_right(claims, end)
    if not (after[:1].isdigit() or moved in ("increase", "decrease")):
        between = text[end : claims[k]] if k < len(claims) else ""
        if len(between) <= _STATE and any(t in between for t in turns) and between.isalnum():
            return claims[k]  # 由上月持平转为上涨0.5%: the 0.5% is not last month's
        return None  # 从2019年起: not the start of a figure's movement
    return claims[k + 1] if k + 1 < len(claims) else None


_STATE = 12  # characters of a state and a turn word between a period and the figure: 持平转为上涨


@lru_cache(maxsize=4)  # one set of words a pack set
def _opening(from_words: frozenset[str]) -> re.Pattern[str]:
    return re.compile("|".join(map(re.escape, sorted(from_words, key=len, reverse=True))))
