"""Numbers hidden behind placeholders, so that pack patterns need not carry the number grammar.

`mask_numbers` replaces every number ``NUMBER`` finds with placeholder characters of the same
length; a pack pattern says {{number}} (``NUMBER_TOKEN``) and runs on the masked text
(`texts_for` picks the text a compiled pattern runs on). A pattern that must see the digits as
written inlines the whole grammar instead, and runs behind a gate: `loose_number` is the
pattern its gate reads a number with (see regex/gated.py). This is the speed path: the claims
are those the full grammar would give.
"""

import re
from collections.abc import Callable
from functools import cache, lru_cache

from pressmine.grammar.numbers import NUMBER, NUMBER_RE, NUMBER_START, SIGN_CLASS, SIGNS
from pressmine.regex import prefilter

# Numbers found once, then hidden: each number becomes a placeholder that says where it starts
# (one of MASKS) followed by REST for each of its other characters. Pack patterns say
# {{number}}, which means NUMBER_TOKEN, and run on the masked text; compiling the 14 kB NUMBER
# into every one of them cost ~0.3 s a pattern, and matching it everywhere cost more. Only the
# first character of a number can start the token, so a pattern's table of first characters
# (regex/cache.py) lets the engine skip the rest of every number in C, where a run of one
# character would have been tried at each of its places.
# A sign stays written, and the number after it starts with one of the last two MASKS: the
# token takes the sign (-3.31%) but may leave it to a pattern that reads it as a range's dash
# (1.6m-3.9m, 1万(含)-5万元), as NUMBER itself may start after the sign. The first two
# alternate from one number to the next.
MASKS = ("\ue000", "\ue001", "\ue002", "\ue003")
REST = "\ue004"
PLACEHOLDERS = "".join(MASKS) + REST
NUMBER_TOKEN = (
    f"(?:(?:[{SIGN_CLASS}](?=[{MASKS[2]}{MASKS[3]}]))?[{''.join(MASKS)}]{REST}*(?!{REST}))"
)


def texts_for(pattern: str, text: str, masked: str) -> str:
    """The text a compiled pattern runs on: the masked one when it holds the number token.

    >>> texts_for("万", "a", "b"), texts_for(NUMBER_TOKEN + "个", "a", "b")
    ('a', 'b')
    """
    return masked if _holds_token(pattern) else text


@lru_cache(maxsize=1024)
def _holds_token(pattern: str) -> bool:
    # Asked for every pattern of every document; a pattern that inlines NUMBER is 100 kB long.
    return MASKS[0] in pattern


def mask_numbers(text: str) -> str:
    """`text` with every number NUMBER finds replaced by placeholders of the same length: the
    first says the number starts there, REST fills the rest. A sign that belongs to a number
    stays, and the number after it starts with the placeholders of signed numbers.

    >>> mask_numbers("增长5.9%和三成") == "增长" + "\ue000" + "\ue004" * 2 + "%和" + "\ue001" + "成"
    True
    >>> mask_numbers("1.6m-3.9m") == "\ue000\ue004\ue004" + "m-" + "\ue003\ue004\ue004" + "m"
    True
    """
    if _WRITTEN_PLACEHOLDER.search(text):
        return _mask_around_placeholders(text)
    return _mask(text, lambda kind, length: MASKS[kind] + REST * (length - 1))


def _mask(text: str, placeholder: Callable[[int, int], str]) -> str:
    """`text` with each number replaced by placeholder(kind, length): kind is the index in
    MASKS (signed numbers 2 and 3, and side by side numbers alternate)."""
    parts: list[str] = []
    last, flip = 0, 0
    for m in NUMBER_RE.finditer(text):
        start = m.start() + (text[m.start()] in SIGNS)
        if m.end() <= start:
            continue
        parts.append(text[last:start])
        parts.append(placeholder(flip + 2 * (start > m.start()), m.end() - start))
        last, flip = m.end(), 1 - flip
    parts.append(text[last:])
    return "".join(parts)


# A text may hold the placeholder characters itself (they are private-use code points). The
# token reads each run of one of MASKS as one number, as it would a run the masking wrote, and
# a written REST as an ordinary character: it gets a stand-in no pattern reads.
_WRITTEN_PLACEHOLDER = re.compile(f"[{PLACEHOLDERS}]")
_RUN_OR_REST = re.compile("|".join(f"{c}+" for c in MASKS) + f"|{REST}")
_STAND_IN = "\ue005"


def _mask_around_placeholders(text: str) -> str:
    runs = _mask(text, lambda kind, length: MASKS[kind] * length)
    return _RUN_OR_REST.sub(
        lambda m: _STAND_IN if m.group() == REST else m.group()[0] + REST * (len(m.group()) - 1),
        runs,
    )


# The loose number reads at most this many characters after its first (no real number is half
# as long); a text with a longer run of numeral characters is matched without gates.
LOOSE_LIMIT = 64


@cache
def loose_number() -> tuple[str, str] | None:
    """A pattern that matches wherever NUMBER does, and more, in any text where the second
    pattern finds nothing: a run of the characters numbers are written with, starting with
    one a number may start with. The second pattern finds a run too long for the first.

    Pack patterns that must see digits as written inline the 14 kB NUMBER; their loose twins
    find, fast, the few places where they may match (see regex/gated.py). The run is bounded so that
    a text of 10,000 numerals (万万万…, 1,000,1,000,…) cannot make a twin try every length at
    every place. Built when packs are compiled, not at import: parsing NUMBER takes a while."""
    first = prefilter.start_set(NUMBER)
    first_class = prefilter.class_source(first) if first else None
    chars = prefilter.chars_of(NUMBER)
    if first_class is None or chars is None:
        return None
    # Its first character is one a number can start with: never a bare comma or full stop.
    loose = f"(?:{NUMBER_START}{first_class}{chars}{{0,{LOOSE_LIMIT}}})"
    return loose, f"{chars}{{{LOOSE_LIMIT + 2}}}"
