"""Two characters side by side that a pattern cannot match without: where the single characters
a pattern needs (required.py) are in every release, a pair of them often is not.

度 and 亿 are in nearly every release (季度, 亿元), 亿度 (Taiwan's 亿度 for 亿千瓦时) in few; 分
and 一 likewise, 分之 and 分一 (the fractions 三分之一, 四分一) in few; the words of a domain rule
(出口, 进口, 顺差) are rarer than their characters. `pairs_of` reads, from the parse tree, sets of
two-character strings such that every match holds one string of each set in the text it is
matched on: two characters it consumes one after the other, or the last character a positive
lookbehind sees and the first the match consumes after it (``(?<=[万亿])度``). A text that holds
none of a set's strings is not searched (required.may_search): the rule finds nothing there.
"""

from __future__ import annotations

import re
from typing import Any

from pressmine.regex import prefilter

try:
    from re import _constants as C  # type: ignore[attr-defined]
    from re import _parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - not CPython
    _parser = None

# A character class larger than this is no character worth pairing (the numerals, \d).
_MAX_CLASS = 32
# A set of more pairs than this is in too many texts to be worth the search.
_MAX_PAIRS = 64

Chars = frozenset[str] | None  # what the character before a place is, when known


def pairs_of(pattern: str, flags: int = 0) -> tuple[str, ...]:
    """The smallest set of pairs every match of `pattern` holds one of, or () when none is
    known.

    >>> pairs_of(r"(?<=电量|用电)[^,]{0,8}?[0-9]+(?<=[万亿])度(?!假)")
    ('万度', '亿度')
    >>> pairs_of(r"[0-9]+(?:分之|[分份][一二])"), pairs_of(r"(?:公里|米)"), pairs_of(r"(?i)ab")
    (('份一', '份二', '分一', '分之', '分二'), (), ())
    """
    tree = cased_tree(pattern, flags)
    if tree is None or prefilter.ignores_case(list(tree)):
        return ()  # a group of it ignores case: its cased variants are not spelt out here
    found, _ = _sequence(list(tree), None)
    if not found:
        return ()
    best = min(found, key=_size)
    return tuple(sorted(best))


def cased_tree(pattern: str, flags: int = 0) -> Any | None:
    """The parse tree of `pattern` (re's own parser), or None when it does not parse or ignores
    case: the cased variants of what it matches are not spelt out by the readers of the tree
    (here and required.needs_of)."""
    if _parser is None:
        return None
    try:
        tree = _parser.parse(pattern, flags)
    except Exception:
        return None
    return None if tree.state.flags & re.IGNORECASE else tree


def _size(pairs: frozenset[str]) -> tuple[int, list[str]]:
    return len(pairs), sorted(pairs)


def _sequence(items: list[Any], before: Chars) -> tuple[list[frozenset[str]], Chars]:
    """The pair sets a sequence of items needs, and what its last character is (`before`, what
    precedes it, when it consumes nothing)."""
    out: list[frozenset[str]] = []
    for op, arg in items:
        one = _char(op, arg)
        if one is not None:
            if before is not None and len(before) * len(one) <= _MAX_PAIRS:
                out.append(frozenset(a + b for a in before for b in one))
            before = one
        elif op is C.SUBPATTERN or op is C.ATOMIC_GROUP:
            found, before = _sequence(list(arg[-1] if op is C.SUBPATTERN else arg), before)
            out += found
        elif op is C.BRANCH:
            found, before = _branch(arg[1], before)
            out += found
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
            low, _high, inner = arg
            if low >= 1:  # its first time round is in every match
                found, _ = _sequence(list(inner), before)
                out += found
            # After it: the last character of its last time round, when that is one item's.
            last = _sequence(list(inner), None)[1] if low >= 1 and inner.getwidth()[0] else None
            before = last
        elif op is C.ASSERT:  # what a positive lookaround sees is in the text too
            direction, inner = arg
            found, last = _sequence(list(inner), before if direction == 1 else None)
            out += found
            if direction == -1 and last is not None:
                before = last  # a lookbehind ends where the match goes on
        elif op in (C.ASSERT_NOT, C.AT):
            continue  # zero width, and no character it must see
        else:  # any character, a large or negated class, a group reference: not known
            before = None
    return out, before


def _branch(alternatives: list[Any], before: Chars) -> tuple[list[frozenset[str]], Chars]:
    """Each alternative needs a pair of its own: their union is needed. After the branch, the
    last character is one of the alternatives' last ones."""
    union: set[str] | None = set()
    lasts: set[str] | None = set()
    for alt in alternatives:
        found, last = _sequence(list(alt), before)
        if union is not None:
            union = union | min(found, key=len) if found else None
            if union is not None and len(union) > _MAX_PAIRS:
                union = None
        lasts = lasts | last if lasts is not None and last is not None else None
    if lasts is not None and len(lasts) > _MAX_CLASS:
        lasts = None
    return ([frozenset(union)] if union else []), (frozenset(lasts) if lasts else None)


def _char(op: Any, arg: Any) -> frozenset[str] | None:
    """The characters one consumed character may be, for a literal or a small class."""
    if op is C.LITERAL:
        return frozenset(chr(arg))
    if op is C.IN:
        chars = prefilter.class_chars(list(arg))
        if chars is not None and len(chars) <= _MAX_CLASS:
            return frozenset(chars)
    return None
