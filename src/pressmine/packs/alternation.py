"""The pattern of any of many words (the subject vocabulary's hints and its glued suffix), in
the shape re runs fastest."""

from __future__ import annotations

import re


def alternation(words: frozenset[str], groups: int = 8) -> str:
    """Any of the words, longest first at each position.

    Where a match may start, re tries the words of an alternation one by one (hundreds of them
    for the regions). So the words go in `groups` groups by first character, each behind a
    lookahead on its characters, and at each position only one group is tried: about 3x
    faster. The matches are the same: a group's words start where no other group's do.

    >>> alternation(frozenset({"广东", "广州市", "县"}), groups=2)
    '(?=[县])(?:县)|(?=[广])(?:广州市|广东)'
    >>> re.search(alternation(frozenset({"广东", "广州市", "县"})), "在广州市区").group()
    '广州市'
    """
    firsts = sorted({w[0] for w in words})
    size = -(-len(firsts) // groups) or 1  # ceil: at most `groups` groups
    parts = []
    for k in range(0, len(firsts), size):
        chars = firsts[k : k + size]
        alts = sorted((w for w in words if w[0] in chars), key=lambda w: (-len(w), w))
        parts.append(f"(?=[{''.join(map(re.escape, chars))}])(?:{'|'.join(map(re.escape, alts))})")
    return "|".join(parts)
