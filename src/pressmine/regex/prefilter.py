"""What a pattern's matches can start with, and what they must see: read from the parse tree.

`start_set` gives the characters a match can begin with, as the items of a character class
(literals, ranges, categories such as \\d). cache.py puts them in the compiled program's
header, where Python's engine uses them to skip, in a tight C loop, every position where no
match can start; by itself the engine does that only for a pattern that opens with a literal
or a class, and pack patterns open with optional groups (a qualifier, a linking verb), so
every position of the text paid for all of them. When the first characters cannot be known (a
pattern that can start with `.`, a negated class, or match the empty string) nothing is added.

`needs_digits` says whether a pack pattern must run on the text as written or may run on the
text with its numbers masked (see grammar/masking.mask_numbers).
"""

from __future__ import annotations

import re
from functools import cache

# CPython's own regex compiler and parser: no type stubs exist for these modules.
from re import _compiler, _parser  # type: ignore[attr-defined]
from re import _constants as C  # type: ignore[attr-defined]
from typing import Any

# A parsed item: (opcode, argument), as re's parser gives them, in a pattern's tree and in a
# character class. The argument's shape depends on the opcode (a code point, a (min, max, items)
# repeat, a branch's alternatives…), so it has no one type.
Item = tuple[Any, Any]
Items = list[Item]


def start_set(pattern: str, flags: int = 0, tree: Any = None) -> list[Item] | None:
    """The class items a match of `pattern` can begin with, or None when unknown.

    >>> start_set(r"(?:超|约)?[0-9]+个")
    [(LITERAL, 36229), (LITERAL, 32422), (RANGE, (48, 57))]
    >>> start_set(r".+") is None, start_set(r"a?") is None, start_set(r"[^,]") is None
    (True, True, True)
    """
    if flags & re.IGNORECASE:
        return None  # cased variants: the engine's own rules apply
    if tree is None:  # a caller that has parsed the pattern already passes its tree
        try:
            tree = _parser.parse(pattern, flags)
        except Exception:
            return None
    if tree.state.flags & re.IGNORECASE:  # (?i) inline
        return None
    items, nullable = _first(list(tree))
    if nullable or not items:
        return None
    return items


# An alternation of at least this many alternatives gets a lookahead on its first characters:
# entering the lookahead costs about what a dozen alternatives do (over the benchmark corpus,
# 4 saved less than 8, and 8 less than 16; 32 the same as 16).
_GUARDED_BRANCH = 16


def guard_branches(tree: Any) -> None:
    """Put before each long alternation of a parsed pattern (in place) a lookahead on the
    characters its alternatives start with: (?=[公千米…])(?:公里|千米|米|…).

    The engine tries an alternation's alternatives one by one, so a place where none of them
    starts cost a check for each: the 400 units after every number of a rule, each time the
    number backtracks a character. The lookahead refuses such a place with one class check.
    It accepts every place where an alternative can start, so the pattern matches the same.
    Left alone: alternations that can match the empty string or start with a character no
    class can hold, and any pattern that ignores case (its classes would need cased variants).

    >>> tree = _parser.parse("(?:" + "|".join("甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳") + "午年)元")
    >>> guard_branches(tree); [str(op) for op, _ in tree]
    ['ASSERT', 'BRANCH', 'LITERAL']
    """
    if tree.state.flags & re.IGNORECASE or ignores_case(list(tree)):
        return
    _guard(tree)


def optional_as_branch(sub: Any) -> None:
    """Write each optional group of a parsed pattern (in place) as an alternation with an
    empty alternative: (?:X)? as (?:X|).

    re compiles an optional group that is more than one character (a qualifier and the space
    after it, the lead of every pack rule) as a general repeat, which allocates and frees a
    counter each time the engine enters it: at every place a pattern is tried. An alternation
    tries X, then nothing, in the same order as the repeat, so the matches are the same.

    >>> tree = _parser.parse("(?:(?P<q>约|超)[ ]?)?[0-9]+")
    >>> optional_as_branch(tree); [str(op) for op, _ in tree]
    ['BRANCH', 'MAX_REPEAT']
    """
    items: Items = []
    for op, arg in sub.data:
        for child in all_children(op, arg):
            optional_as_branch(child)
        if op is C.MAX_REPEAT and arg[0] == 0 and arg[1] == 1 and not _compiler._simple(arg[2]):
            nothing = _parser.SubPattern(sub.state, [])
            items.append((C.BRANCH, (None, [arg[2], nothing])))
        else:
            items.append((op, arg))
    sub.data[:] = items


def ignores_case(items: Items) -> bool:
    for op, arg in items:
        if op is C.SUBPATTERN and arg[1] & re.IGNORECASE:
            return True
        if any(ignores_case(list(child)) for child in all_children(op, arg)):
            return True
    return False


def _guard(sub: Any) -> None:
    items: Items = []
    for op, arg in sub.data:
        for child in all_children(op, arg):
            _guard(child)
        if op is C.BRANCH and len(arg[1]) >= _GUARDED_BRANCH:
            first, nullable = _first_of(op, arg)
            if first and not nullable:
                look = _parser.SubPattern(sub.state, [(C.IN, first)])
                items.append((C.ASSERT, (1, look)))
        items.append((op, arg))
    sub.data[:] = items


def all_children(op: Any, arg: Any) -> list[Any]:
    """Every sub-pattern of an item (re's SubPattern objects, not copies), lookarounds and
    conditionals included."""
    if op is C.SUBPATTERN:
        return [arg[-1]]
    if op is C.ATOMIC_GROUP:
        return [arg]
    if op is C.BRANCH:
        return list(arg[1])
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
        return [arg[2]]
    if op in (C.ASSERT, C.ASSERT_NOT):
        return [arg[1]]
    if op is C.GROUPREF_EXISTS:
        return [child for child in arg[1:] if child is not None]
    return []


def first_chars(pattern: str, flags: int = 0) -> set[str] | None:
    """`start_set` as a set of characters (\\d and \\s spelt out), or None.

    >>> sorted(first_chars(r"(?:超|约)?[0-9]+个"))
    ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '约', '超']
    """
    items = start_set(pattern, flags)
    return None if items is None else class_chars(items)


def _first(items: Items) -> tuple[list[Item] | None, bool]:
    """(class items a match can begin with, can match empty) of a sequence of parsed items."""
    out: list[Item] = []
    for op, arg in items:
        found, nullable = _first_of(op, arg)
        if found is None:
            return None, False
        out += [i for i in found if i not in out]
        if not nullable:
            return out, False
    return out, True


def _first_of(op: Any, arg: Any) -> tuple[list[Item] | None, bool]:
    if op is C.LITERAL:
        return [(C.LITERAL, arg)], False
    if op is C.IN:
        if any(o not in (C.LITERAL, C.RANGE, C.CATEGORY) for o, _ in arg):
            return None, False  # NEGATE: the class is everything but …
        return list(arg), False
    if op is C.SUBPATTERN:
        _group, add_flags, _del_flags, items = arg
        if add_flags & re.IGNORECASE:  # (?i:…)
            return None, False
        return _first(list(items))
    if op is C.ATOMIC_GROUP:
        return _first(list(arg))
    if op is C.BRANCH:
        out: list[Item] = []
        nullable = False
        for alt in arg[1]:
            found, null = _first(list(alt))
            if found is None:
                return None, False
            out += [i for i in found if i not in out]
            nullable = nullable or null
        return out, nullable
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
        low, _high, item = arg
        found, nullable = _first(list(item))
        return found, nullable or low == 0
    if op in (C.ASSERT, C.ASSERT_NOT, C.AT):
        return [], True  # zero width: look further
    return None, False  # ANY, NOT_LITERAL, GROUPREF…: unknown


@cache
def _digits() -> frozenset[str]:
    # \d in a str pattern is every Unicode decimal digit; none lies above U+1FBFF.
    return frozenset(chr(c) for c in range(0x20000) if chr(c).isdecimal())


@cache
def _spaces() -> frozenset[str]:
    return frozenset(chr(c) for c in range(0x3100) if chr(c).isspace())


_CATEGORIES = {C.CATEGORY_DIGIT: _digits, C.CATEGORY_SPACE: _spaces}
_MAX_CLASS = 4000  # a range this large is no class worth spelling out


def class_chars(items: Items) -> set[str] | None:
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


def _wants_digits(items: Items) -> bool:
    for op, arg in items:
        if op is C.LITERAL and chr(arg) in _NUMERALS:
            return True
        if op is C.IN:
            chars = class_chars(arg)
            if chars is None or chars & _NUMERALS:
                return True
        if any(_wants_digits(child) for child in _children(op, arg)):
            return True
    return False


def _children(op: Any, arg: Any) -> list[Items]:
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


def chars_of(pattern: str, flags: int = 0) -> str | None:
    """A character class (regex source) holding every character a match of `pattern` can
    consume (what its lookarounds look at does not count), or None when that is unknown or
    unbounded (`.`, a negated class, a category other than \\d and \\s).

    >>> chars_of(r"(?<![a-z])[0-9]+(?:点[0-9]+)?(?!%)")
    '[0-9点]'
    """
    try:
        tree = _parser.parse(pattern, flags)
    except Exception:
        return None
    items: list[Item] = []
    if not _consumed(list(tree), items):
        return None
    return class_source(items)


def class_source(items: list[Item]) -> str | None:
    """Class items (as start_set gives them) written as a character class, or None when one
    of them has no source form.

    >>> class_source(start_set(r"(?:超|约)?[0-9]+个"))
    '[超约0-9]'
    """
    if any(op is C.CATEGORY and arg not in _CLASS_SOURCE for op, arg in items):
        return None
    return "[" + "".join(_class_source(op, arg) for op, arg in items) + "]"


def _consumed(items: Items, out: list[Item]) -> bool:
    for op, arg in items:
        if op is C.LITERAL:
            found: list[Item] = [(C.LITERAL, arg)]
        elif op is C.IN:
            found = list(arg)
            if any(o is C.NEGATE or (o is C.CATEGORY and a not in _CLASS_SOURCE) for o, a in found):
                return False
        elif op in (C.ASSERT, C.ASSERT_NOT, C.AT):
            continue  # zero width
        elif op in _GROUPS:
            if not all(_consumed(child, out) for child in _children(op, arg)):
                return False
            continue
        else:
            return False  # ANY, NOT_LITERAL, GROUPREF…
        out.extend(i for i in found if i not in out)
    return True


_GROUPS = (
    C.SUBPATTERN,
    C.ATOMIC_GROUP,
    C.BRANCH,
    C.MAX_REPEAT,
    C.MIN_REPEAT,
    C.POSSESSIVE_REPEAT,
)


_CLASS_SOURCE = {C.CATEGORY_DIGIT: r"\d", C.CATEGORY_SPACE: r"\s"}


def _class_source(op: Any, arg: Any) -> str:
    def char(code: int) -> str:
        ch = chr(code)
        return "\\" + ch if ch in "\\]^-[" else ch

    if op is C.LITERAL:
        return char(arg)
    if op is C.RANGE:
        return f"{char(arg[0])}-{char(arg[1])}"
    return _CLASS_SOURCE[arg]


def widened_safely(pattern: str, marker: str, flags: int = 0) -> bool:
    """Whether replacing `marker` (characters standing for a sub-pattern) with a sub-pattern
    that matches more keeps every match: whether a match of the original at a position implies
    a match of the widened pattern at that position.

    True when the pattern cannot match the empty string, refers to no group (a wider group
    would capture other text), and uses the marker only where the engine may still backtrack
    into it: not inside an atomic group, a possessive repeat or a negative lookaround, where
    a wider match could commit to a choice, or refuse a text, that the original did not.

    >>> widened_safely("超N个", "N"), widened_safely("(?>N)个", "N"), widened_safely("(?!N)个", "N")
    (True, False, False)
    """
    try:
        tree = _parser.parse(pattern, flags)
    except Exception:
        return False
    if tree.getwidth()[0] == 0:
        return False
    return _marker_safe(list(tree), ord(marker[0]), committed=False)


def _marker_safe(items: Items, marker: int, committed: bool) -> bool:
    for op, arg in items:
        if op is C.LITERAL and arg == marker and committed:
            return False
        if op in (C.GROUPREF, C.GROUPREF_EXISTS):
            return False
        if op is C.IN and any(o is C.LITERAL and a == marker for o, a in arg):
            return False  # the marker stands for a sub-pattern, never a class member
        inner = committed or op in (C.ATOMIC_GROUP, C.POSSESSIVE_REPEAT, C.ASSERT_NOT)
        # _children skips what a negative lookaround looks at; here it matters.
        children = [list(arg[1])] if op is C.ASSERT_NOT else _children(op, arg)
        if not all(_marker_safe(child, marker, inner) for child in children):
            return False
    return True
