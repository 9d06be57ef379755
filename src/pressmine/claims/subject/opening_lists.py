"""A 分别 list whose own clause names no items takes those the clause before opens on, each
with the measure that clause's predicate names: 科创板、创业板和北交所较主板营收同比增速更高,
分别为33.27%、18.94%、33.02% -> 科创板营收, 创业板营收, 北交所营收."""

from __future__ import annotations

from pressmine.claims.subject.parts import Spans, Word, Words, is_nounish, words_in
from pressmine.claims.subject.recuts import single_characters_joined
from pressmine.text.clauses import Boundaries

MAX_ITEM_WORDS = 4  # an item of such a list is a short name: 北交所, 电力设备


def opening_list(
    text: str, bounds: Boundaries, lo: int, k: int, words: Words
) -> list[Spans] | None:
    """The k subjects the clause before the one at `lo` opens on, or None when it opens on no
    list of k short names."""
    if lo < 2:
        return None
    clause = bounds.clause(lo - 2)
    toks = single_characters_joined(
        [t for t in words_in(text, *clause, words) if t[0].strip()], words
    )
    items: list[list[Word]] = [[]]
    end = len(toks)
    for n, tok in enumerate(toks):
        if tok[0] in words.list_separators and items[-1]:
            items.append([])
        elif is_nounish(tok[0]) and tok[0] not in words.stop_words | words.comparators:
            items[-1].append(tok)
        else:
            end = n
            break
    if len(items) != k or any(not item or len(item) > MAX_ITEM_WORDS for item in items):
        return None
    measure = _measure_named(toks[end:], words)
    subjects: list[Spans] = []
    for item in items:
        spans: Spans = ((item[0][1], item[-1][2]),)
        subjects.append((*spans, measure) if measure else spans)
    return subjects


def _measure_named(toks: list[Word], words: Words) -> tuple[int, int] | None:
    """较主板[营收]同比增速更高, 位居[净利润]增速前五名: the noun right before a growth word (a
    rate's subject is the measure that grew), past basis words (同比)."""
    for n, tok in enumerate(toks):
        if tok[0] not in words.growth_words:
            continue
        k = n - 1
        while k >= 0 and toks[k][0] in words.skip_before:
            k -= 1  # 营收[同比]增速
        if k >= 0 and is_nounish(toks[k][0]):
            return toks[k][1], toks[k][2]
        return None
    return None
