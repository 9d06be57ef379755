"""Whether a period expression is a comparison base (比2019年同期, 与2020年相比, 在上年同期…
基础上, 2020年同期基数, 较上一个三个月期间(即2024年5月至7月)): it places the base, not the
figures after it (claims/period.py)."""

from __future__ import annotations

import re

from pressmine.packs.period_words import PeriodWords

_CLAUSE_END = re.compile(r"[,，。;；:：!?！？\n]")


def is_basis(text: str, w: PeriodWords, start: int, end: int, span: tuple[int, int]) -> bool:
    """Whether text[start:end], inside span (its paragraph), is a comparison base."""
    before = text[max(span[0], start - 12) : start].rstrip()
    if before.endswith(w.comparison):
        return True
    if before.endswith(w.glosses):
        return _glosses_a_base(text, w, start, span)
    after = text[end : min(span[1], end + 24)]
    if after.lstrip().startswith(w.base_nouns):
        return True
    if not before.endswith(w.frame_starts):  # the common case: no frame opens before it
        return False
    clause = _CLAUSE_END.split(after, 1)[0]
    return any(before.endswith(a) and b in clause for a, b in w.frames)


def _glosses_a_base(text: str, w: PeriodWords, start: int, span: tuple[int, int]) -> bool:
    """较上一个三个月期间(即2024年5月至7月): a bracket that restates what a comparison word
    before it, in its clause, names (a few words, no figure) restates a base."""
    bracket = max(text.rfind("(", span[0], start), text.rfind("（", span[0], start))
    head = _CLAUSE_END.split(text[max(span[0], bracket - 16) : bracket])[-1]
    at = max((head.rfind(c) + len(c) for c in w.comparison if c in head), default=-1)
    named = head[at:] if at >= 0 else ""
    return 0 < len(named) <= 12 and not any(ch.isdigit() or ch == "%" for ch in named)
