"""Speed up pack patterns without changing what they match: work out the set of characters a
match can start with and put a lookahead for it in front, `(?=[超约0-9一二…])(?:pattern)`.

Python's engine tries a pattern at every position of the text; a pattern that opens with
optional groups (a qualifier, a linking verb) pays for all of them everywhere. The lookahead
fails in one step at the positions where no match can start, which in a press release is most
of them (about 4x faster on the core rules). When the first characters cannot be known (a
pattern that can start with `.`, a negated class, or match the empty string) nothing is added.
"""

from __future__ import annotations

import re
from functools import cache
from re import _constants as C
from re import _parser

_MAX_CLASS = 4000  # a set this large saves nothing


def first_chars(pattern: str, flags: int = 0) -> set[str] | None:
    """The characters a match of `pattern` can begin with, or None when unknown.

    >>> sorted(first_chars(r"(?:超|约)?[0-9]+个"))
    ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '约', '超']
    >>> first_chars(r".+") is None, first_chars(r"a?") is None
    (True, True)
    """
    if flags & re.IGNORECASE:
        return None
    try:
        tree = _parser.parse(pattern, flags)
    except Exception:
        return None
    chars, nullable = _first(list(tree))
    if nullable or chars is None or len(chars) > _MAX_CLASS:
        return None
    return chars


def with_lookahead(pattern: str, flags: int = 0) -> str:
    """The pattern with a leading lookahead for its first characters (or as it was).

    >>> with_lookahead("(?:超|约)?[0-9]个")
    '(?=[0123456789约超])(?:(?:超|约)?[0-9]个)'
    """
    chars = first_chars(pattern, flags)
    if not chars:
        return pattern
    cls = "".join(re.escape(ch) for ch in sorted(chars))
    end = "\n" if flags & re.VERBOSE else ""  # a verbose pattern may end in a comment
    return f"(?=[{cls}])(?:{pattern}{end})"


def _first(items: list) -> tuple[set[str] | None, bool]:
    """(first characters, can match empty) of a sequence of parsed items."""
    out: set[str] = set()
    for op, arg in items:
        chars, nullable = _first_of(op, arg)
        if chars is None:
            return None, False
        out |= chars
        if not nullable:
            return out, False
    return out, True


def _first_of(op, arg) -> tuple[set[str] | None, bool]:
    if op is C.LITERAL:
        return {chr(arg)}, False
    if op is C.IN:
        return _class(arg), False
    if op is C.SUBPATTERN:
        return _first(list(arg[-1]))
    if op is C.ATOMIC_GROUP:
        return _first(list(arg))
    if op is C.BRANCH:
        out: set[str] = set()
        nullable = False
        for alt in arg[1]:
            chars, null = _first(list(alt))
            if chars is None:
                return None, False
            out |= chars
            nullable = nullable or null
        return out, nullable
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
        low, _high, item = arg
        chars, nullable = _first(list(item))
        return chars, nullable or low == 0
    if op in (C.ASSERT, C.ASSERT_NOT, C.AT):
        return set(), True  # zero width: look further
    return None, False  # ANY, NOT_LITERAL, CATEGORY, GROUPREF…: unknown


@cache
def _digits() -> frozenset[str]:
    # \d in a str pattern is every Unicode decimal digit; none lies above U+1FBFF.
    return frozenset(chr(c) for c in range(0x20000) if chr(c).isdecimal())


@cache
def _spaces() -> frozenset[str]:
    return frozenset(chr(c) for c in range(0x3100) if chr(c).isspace())


_CATEGORIES = {C.CATEGORY_DIGIT: _digits, C.CATEGORY_SPACE: _spaces}


def _class(items) -> set[str] | None:
    out: set[str] = set()
    for op, arg in items:
        if op is C.LITERAL:
            out.add(chr(arg))
        elif op is C.RANGE:
            low, high = arg
            if high - low > _MAX_CLASS:
                return None
            out |= {chr(c) for c in range(low, high + 1)}
        elif op is C.CATEGORY and arg in _CATEGORIES:
            out |= _CATEGORIES[arg]()
        else:
            return None  # NEGATE, other categories
    return out


# Numerals a pattern may need to see as written (七成六, 百万分之五). NUMBER masks a scale
# word that stands for a number (百万), so scale words count too; write a scale that only
# follows a number as {{scale}}, which is read as it matches.
_NUMERALS = frozenset("0123456789〇零一二两三四五六七八九十百千万亿")


def needs_digits(pattern: str, flags: int = 0) -> bool:
    """Whether a match of `pattern` must see numeral characters themselves (七成六, 2025年),
    as opposed to only refusing them around a number ((?<![0-9]) never needs one).

    >>> needs_digits(r"(?<![0-9])X(?![0-9])"), needs_digits(r"[0-9]{4}年"), needs_digits(r"\\d")
    (False, True, True)
    """
    try:
        tree = _parser.parse(pattern, flags)
    except Exception:
        return True
    return _wants_digits(list(tree))


def _wants_digits(items: list) -> bool:
    for op, arg in items:
        if op is C.LITERAL and chr(arg) in _NUMERALS:
            return True
        if op is C.IN:
            chars = _class(arg)
            if chars is None or chars & _NUMERALS:
                return True
        if any(_wants_digits(child) for child in _children(op, arg)):
            return True
    return False


def _children(op, arg) -> list[list]:
    """The sub-sequences a match must go through; ASSERT_NOT only refuses characters."""
    if op is C.SUBPATTERN:
        return [list(arg[-1])]
    if op is C.ATOMIC_GROUP:
        return [list(arg)]
    if op is C.BRANCH:
        return [list(alt) for alt in arg[1]]
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
        return [list(arg[2])]
    if op is C.ASSERT:
        return [list(arg[1])]
    return []
