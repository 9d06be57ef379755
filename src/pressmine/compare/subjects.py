"""Whether two subjects name the same thing, across scripts and phrasings.

A subject is read into a `SubjectKey`: simplified and half-width, punctuation and case dropped,
cut into words; the scope words that tell no subjects apart (我国, 全国: the packs'
`[subject] strip_prefix`) are taken off its front, and words that only name the measure
(数量, 规模, 总额: `meta_heads` and the two-character `noun_suffixes`) off its end, as long as
something is left. Its last word is the head noun; the characters before it, the modifiers.

Two subjects match when their heads are the same word and their modifiers overlap: more than
half the characters of the shorter set, or one of them has none (a scope left unsaid:
整机企业 and 人形机器人整机企业). So 人工智能企业数量 matches 人工智能企业, 领航级智能工厂 matches
领航工厂, and 5G工厂 does not match 领航工厂, nor 出口总额 进出口总额.

>>> from pressmine.packs.loader import load_packs
>>> words = Words.of(load_packs())
>>> pairs = [("人工智能企业数量", "人工智能企業"), ("领航级智能工厂", "领航工厂"),
...          ("5G工厂", "领航工厂")]
>>> [round(similarity(key(a, words), key(b, words)), 2) for a, b in pairs]
[1.0, 0.57, 0.0]
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from pressmine.packs.model import PackSet
from pressmine.text.normalize import normalize
from pressmine.text.segment import cut

# How much of the shorter set of modifiers the other must hold: more than half (火电 and 水电
# share one character of two).
MIN_OVERLAP = 0.5


@dataclass(frozen=True, slots=True)
class Words:
    """The packs' words that subjects are read with."""

    scope: frozenset[str]  # taken off the front: 我国, 全国
    measures: frozenset[str]  # taken off the end: 数量, 规模, 总额
    links: frozenset[str]  # characters that tell nothing: 的, 和

    @classmethod
    def of(cls, packs: PackSet) -> Words:
        subject, lists = packs.subject_words, packs.list_words
        suffixes = {w for w in subject.get("noun_suffixes", ()) if len(w) > 1}
        links = subject.get("number_links", frozenset()) | lists.get("conjunctions", frozenset())
        return cls(
            scope=subject.get("strip_prefix", frozenset()),
            measures=subject.get("meta_heads", frozenset()) | suffixes,
            links=frozenset(c for w in links if len(w) == 1 for c in w),
        )


@dataclass(frozen=True, slots=True)
class SubjectKey:
    """A subject as it is compared."""

    text: str  # simplified, the scope and measure words taken off
    head: str  # its last word
    modifiers: frozenset[str]  # the characters before the head, link words left out


def key(subject: str | None, words: Words) -> SubjectKey | None:
    """The key of a subject; None for a claim without one (it matches nothing)."""
    if not subject:
        return None
    return _key(subject, words)


@lru_cache(maxsize=65536)
def _key(subject: str, words: Words) -> SubjectKey | None:
    plain = "".join(c for c in normalize(subject).lower() if unicodedata.category(c)[0] in "LN")
    parts = cut(plain) if plain else []
    while len(parts) > 1 and parts[0] in words.scope:
        parts.pop(0)
    while len(parts) > 1 and parts[-1] in words.measures:
        parts.pop()
    if not parts:
        return None
    modifiers = frozenset("".join(parts[:-1])) - words.links
    return SubjectKey("".join(parts), parts[-1], modifiers)


def similarity(a: SubjectKey, b: SubjectKey) -> float:
    """0 when the subjects do not match; else how alike they are, up to 1 (the same), for
    choosing the closest of several matches: the share of the modifiers they have in common.
    """
    if a.head != b.head:
        return 0.0
    if a.text == b.text:
        return 1.0
    if not a.modifiers or not b.modifiers:
        return 0.5  # one leaves the scope unsaid: a match, but the least close
    common = len(a.modifiers & b.modifiers)
    if common <= MIN_OVERLAP * min(len(a.modifiers), len(b.modifiers)):
        return 0.0
    return 2 * common / (len(a.modifiers) + len(b.modifiers))
