"""The words the period finder reads around a period expression, derived from the packs'
[period_words] table and their basis words (PackSet.period_vocabulary)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class PeriodWords:
    """The words the period finder reads around a period expression (claims/period.py)."""

    comparison: tuple[str, ...]  # right before it, it is a comparison base: 比, 较
    frames: tuple[tuple[str, str], ...]  # around it: (与, 相比), (在, 基础上)
    frame_starts: tuple[str, ...]  # the words that open a frame: 与, 在
    base_nouns: tuple[str, ...]  # right after it: 基数
    breakdown: tuple[str, ...]  # its sentence breaks the period in force down: 分季度
    at: tuple[str, ...]  # between a figure and a period, make it the figure's own: 于, 在
    glosses: tuple[str, ...]  # a bracket that restates what is before it: (即, （即
    turns: tuple[str, ...]  # a movement turns from a state to a figure: 转为
    year_on_year: re.Pattern[str] | None  # 同比, 按年: a sentence that compares year on year


def period_words_of(words: Mapping[str, frozenset[str]], basis: Mapping[str, str]) -> PeriodWords:
    """[period_words], and the basis words that compare year on year (同比, 按年), which make
    截至10月 a running total."""

    def longest_first(ws: frozenset[str]) -> tuple[str, ...]:
        return tuple(sorted(ws, key=lambda w: (-len(w), w)))

    yoy = [w for w, canonical in basis.items() if canonical == "同比"]
    frames = tuple((a, b) for a, _, b in (f.partition("…") for f in sorted(words["frames"])))
    return PeriodWords(
        comparison=longest_first(words["comparison"]),
        frames=frames,
        frame_starts=tuple(sorted({a for a, _ in frames})),
        base_nouns=longest_first(words["base_nouns"]),
        breakdown=longest_first(words["breakdown"]),
        at=longest_first(words["at"]),
        glosses=tuple(b + g for g in longest_first(words["glosses"]) for b in "(（"),
        turns=longest_first(words["turns"]),
        year_on_year=re.compile("|".join(re.escape(w) for w in longest_first(frozenset(yoy))))
        if yoy
        else None,
    )
