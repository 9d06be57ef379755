"""Characters a pattern cannot match without: a text that holds none of them is not searched.

Each pack rule scans the whole text for the characters its matches can start with (the table
cache.py gives the engine); with some eighty rules that scan is most of what a release's
candidates cost, even where a rule finds nothing. But most rules name a word every match needs
(级 of an earthquake, 折 of a discount, 城市 of a city count), and a release holds none of
those of half the rules. `needs` reads, from the parse tree, sets of characters such that
every match sees (consumes, or looks at with a positive lookaround) at least one character of
each set; `may_match` answers, from which characters a text holds, whether the rule need run.
A rule that cannot match finds nothing either way, so skipping it changes no output. Where
those characters are in every release, two of them side by side often are not (亿度, 分之):
`pair_finder` finds one of the pairs each match holds (regex/pairs.py).

The parse of a long pattern takes a while (the gates of patterns that inline the number
grammar, regex/gated.py), so the answer is kept in the cache folder (store.remember).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from pressmine.regex import cache, prefilter, store
from pressmine.regex.gated import GatedPattern
from pressmine.regex.pairs import cased_tree, pairs_of

try:
    from re import _constants as C  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - not CPython: cased_tree gives no tree to read
    C = None

# Sets of characters a match needs one of: each written as a string of its characters.
Needs = tuple[str, ...]

# A set larger than this (the first characters of 400 units) is in nearly every text: not kept.
_MAX_SET = 32
# The smallest sets say the most; checking more than a few costs more than it saves.
_KEPT = 3
# Placeholders of the masked text (grammar/masking.py): in every text that holds a number.
_PLACEHOLDERS = frozenset(chr(c) for c in range(0xE000, 0xE006))


def needs(regex: object) -> Needs:
    """What `regex` (a compiled pack pattern) needs of a text: empty when nothing is known.

    A gated pattern's gate matches wherever the pattern does, with the same characters
    around (a number loosened to a run of numerals), so the gate's needs are the pattern's,
    and the gate is much shorter to read (a text too long for the gate is searched anyway).
    Sets of placeholders are left out: a text holds them wherever it holds a number."""
    return _remembered(regex, "needs", needs_of)


def pair_finder(regex: object) -> re.Pattern[str] | None:
    """What finds, in a text `regex` may match, one of the pairs of characters each of its
    matches holds (regex/pairs.py); None when none is known. Read, as `needs`, from a gated
    pattern's gate."""
    found = _remembered(regex, "pairs", pairs_of)
    if not found:
        return None
    if found not in _FINDERS:
        _FINDERS[found] = cache.compile("|".join(map(re.escape, found)))
    return _FINDERS[found]


_FINDERS: dict[tuple[str, ...], re.Pattern[str]] = {}


def _remembered(
    regex: object, kind: str, reader: Callable[[str, int], tuple[str, ...]]
) -> tuple[str, ...]:
    if isinstance(regex, GatedPattern):
        source, flags, kind = regex.gate.pattern, regex.gate.flags, f"gate-{kind}"
    elif isinstance(regex, re.Pattern) and isinstance(regex.pattern, str):
        source, flags = regex.pattern, regex.flags
    else:  # a guarded user pattern, or an unknown kind: always searched
        return ()
    key = (kind, source, flags)
    found = _KNOWN.get(key)
    if found is None:
        # Named by the pattern's program (a gated one keeps its name: no 0.1 MB to hash).
        name = regex.program if isinstance(regex, GatedPattern) else cache.program_key(*key[1:])
        found = _KNOWN[key] = store.remember(kind, name, lambda: reader(source, flags))
    return found


_KNOWN: dict[tuple[str, str, int], tuple[str, ...]] = {}


def needs_of(pattern: str, flags: int = 0) -> Needs:
    """The sets of characters every match of `pattern` needs one of, smallest first.

    >>> needs_of(r"(?P<value>半|(?<=打)对)折")
    ('折', '半打')
    >>> needs_of(r"[0-9]+(?:万|亿)?(?=人)"), needs_of(r"(?i)a+"), needs_of(r"x|.")
    (('人', '0123456789'), (), ())
    """
    tree = cased_tree(pattern, flags)
    if tree is None:
        return ()  # it does not parse, or ignores case
    sets = {s for s in _sequence(list(tree)) if not s & _PLACEHOLDERS}
    smallest = sorted(sets, key=lambda s: (len(s), sorted(s)))
    kept: list[frozenset[str]] = []
    for s in smallest:
        if not any(k <= s for k in kept):  # a set holding a smaller one adds nothing
            kept.append(s)
    return tuple("".join(sorted(s)) for s in kept[:_KEPT])


def _sequence(items: list[Any]) -> list[frozenset[str]]:
    out: list[frozenset[str]] = []
    for op, arg in items:
        out += _item(op, arg)
    return out


def _item(op: Any, arg: Any) -> list[frozenset[str]]:
    if op is C.LITERAL:
        return [frozenset(chr(arg))]
    if op is C.IN:
        chars = prefilter.class_chars(list(arg))
        return [frozenset(chars)] if chars is not None and len(chars) <= _MAX_SET else []
    if op is C.SUBPATTERN:
        return [] if arg[1] & re.IGNORECASE else _sequence(list(arg[-1]))
    if op is C.ATOMIC_GROUP:
        return _sequence(list(arg))
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
        return _sequence(list(arg[2])) if arg[0] >= 1 else []
    if op is C.ASSERT:  # what a positive lookaround sees is in the text too
        return _sequence(list(arg[1]))
    if op is C.BRANCH:  # each alternative needs one of its own: their union is needed
        union: set[str] = set()
        for alt in arg[1]:
            sets = _sequence(list(alt))
            if not sets:
                return []
            union |= min(sets, key=len)
            if len(union) > _MAX_SET:
                return []
        return [frozenset(union)]
    return []  # ANY, NOT_LITERAL, negative lookarounds, group references: nothing known


class Present:
    """Which characters a text holds: the set of them, gathered in one pass (in C) and asked
    by every pattern list that reads the text (rules, not-claims, declarations)."""

    __slots__ = ("chars",)

    def __init__(self, text: str) -> None:
        self.chars = frozenset(text)

    def __getitem__(self, char: str) -> bool:
        return char in self.chars


def may_search(
    regex: object,
    text: str,
    present: Present,
    known: tuple[Needs, re.Pattern[str] | None] | None = None,
) -> bool:
    """Whether `regex` may find something in `text`: False when `text` lacks what it needs.
    `present` is of `text`, or of a text holding every character of `text` but placeholders
    (the text before its numbers were masked). `known` is (needs(regex), pair_finder(regex)),
    for a caller that kept them."""
    needed, pairs = known if known is not None else (needs(regex), pair_finder(regex))
    if (not needed or may_match(needed, present)) and (pairs is None or pairs.search(text)):
        return True
    return isinstance(regex, GatedPattern) and not regex.gates(text)


def may_match(needed: Needs, present: Present) -> bool:
    """Whether a text holds a character of each set of `needed` (see `needs`)."""
    return not any(map(present.chars.isdisjoint, needed))
