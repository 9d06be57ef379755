"""Alternatives that start with the same character, tried once for it: 公里|公斤|米 is compiled
as 公(?:里|斤)|米.

The engine tries an alternation's alternatives one by one; an alternative that starts with a
literal costs a character check where it does not apply, so the 400 units after a number cost
400 checks at each place a number may end (and the long units' alternatives come first, so that
the longest one wins). Most of them share a first character with others (公里, 公斤, 公顷…):
grouped, the place costs one check per distinct first character, and each word's rest is
tried only after its first character matched.

The order in which the engine tries alternatives decides which match it finds, so it is kept
for every place: alternatives that start with different literals never both apply at one
place, and those with the same literal keep their order within their group. An alternative
that starts with anything else (a class, a group, nothing) stays where it is, and no group
moves across it.
"""

from __future__ import annotations

import re
from typing import Any

from pressmine.regex import prefilter

try:
    from re import _constants as C  # type: ignore[attr-defined]
    from re import _parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - not CPython: nothing is compiled here
    pass


def factor(tree: Any) -> None:
    """Group, in place, the alternatives of each alternation of a parsed pattern by their
    first literal. Left alone: any pattern that ignores case (a literal then stands for its
    cased variants too).

    >>> tree = _parser.parse("(?:公里|公斤|米|公)"); factor(tree); print(_source(tree))
    米|公([里斤]|)
    """
    if not (tree.state.flags & re.IGNORECASE or prefilter.ignores_case(list(tree))):
        _factor(tree)


def _factor(sub: Any) -> None:
    for op, arg in sub.data:
        for child in prefilter.all_children(op, arg):
            _factor(child)
        if op is C.BRANCH:
            arg[1][:] = _grouped(sub.state, arg[1])


def _grouped(state: Any, alternatives: list[Any]) -> list[Any]:
    out: list[Any] = []
    run: dict[int, list[Any]] = {}  # first literal -> its alternatives, in their order
    for alt in [*alternatives, None]:  # None: the end, which closes the last run
        first = alt.data[0] if alt is not None and alt.data else None
        if first is not None and first[0] is C.LITERAL:
            run.setdefault(first[1], []).append(alt)
            continue
        out += _dispatch(state, run)
        run = {}
        if alt is not None:
            out.append(alt)  # not a literal first: it stays between the groups around it
    return out


def _dispatch(state: Any, run: dict[int, list[Any]]) -> list[Any]:
    """A run of alternatives that start with a literal, one alternative per first character.
    No two of these apply at one place, so their order is free: the one-character words (个,
    家, 座…) become one class, and a long list is cut into blocks that each look ahead at
    their first characters, so that a place is refused by a few class checks."""
    singles = [char for char, alts in run.items() if len(alts) == 1 and len(alts[0].data) == 1]
    out = [_merged(state, char, alts) for char, alts in run.items() if char not in singles]
    if len(singles) > 1:
        out.insert(0, _parser.SubPattern(state, [(C.IN, [(C.LITERAL, c) for c in singles])]))
    elif singles:
        out.insert(0, run[singles[0]][0])
    if len(out) <= _BLOCK:
        return out
    return [_block(state, out[i : i + _BLOCK]) for i in range(0, len(out), _BLOCK)]


# Entering a block costs about what a dozen alternatives that start with a literal do.
_BLOCK = 32


def _block(state: Any, alternatives: list[Any]) -> Any:
    firsts: list[Any] = []
    for alt in alternatives:
        op, arg = alt.data[0]
        firsts += arg if op is C.IN else [(op, arg)]
    look = _parser.SubPattern(state, [(C.IN, firsts)])
    branch = (C.BRANCH, (None, alternatives))
    return _parser.SubPattern(state, [(C.ASSERT, (1, look)), branch])


def _merged(state: Any, char: int, alts: list[Any]) -> Any:
    if len(alts) == 1:
        return alts[0]
    rests = [_parser.SubPattern(state, alt.data[1:]) for alt in alts]
    inner = _parser.SubPattern(state, [(C.BRANCH, (None, rests))])
    _factor(inner)  # 平方公里|平方米 share more than their first character
    tail = inner.data[0][1][1]
    # 平方公里|平方米: one alternative after 平, which starts with 方
    body = tail[0].data if len(tail) == 1 else inner.data
    return _parser.SubPattern(state, [(C.LITERAL, char), *body])


def _source(sub: Any) -> str:
    """A parsed pattern of literals and alternations written out (for the example above)."""
    out = []
    for op, arg in sub.data:
        if op is C.LITERAL:
            out.append(chr(arg))
        elif op is C.IN:
            out.append("[" + "".join(chr(a) for _, a in arg) + "]")
        elif op is C.BRANCH:
            inner = "|".join(_source(alt) for alt in arg[1])
            out.append(inner if sub.data == [(op, arg)] and not out else f"({inner})")
    return "".join(out)
