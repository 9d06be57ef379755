"""Normalise text for matching without moving any character: OpenCC t2s on the lines that hold
a traditional character, and a one-to-one full-width fold. Output length always equals input
length, so an offset in the normalised text is the same offset in the original."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

# Full-width ASCII (U+FF01–FF5E) to ASCII and the ideographic space to a space, one character
# for one character. Not NFKC: that changes lengths (℃ -> °C, ㎡ -> m2) and offsets with them.
_WIDTH_FOLD = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_WIDTH_FOLD |= {
    0x3000: 0x20,  # ideographic space
    0x2212: 0x2D,  # minus sign − -> -
    0xFE6A: 0x25,  # small percent ﹪ -> %
    0xFFE5: 0xA5,  # full-width yen ￥ -> ¥
    0xFFE0: 0xA2,  # ￠
    0xFFE1: 0xA3,  # ￡ -> £
}
_FOLD_TABLE = str.maketrans(_WIDTH_FOLD)
_NEEDS_FOLD = re.compile("[\uff01-\uff5e\u3000\u2212\ufe6a\uffe5\uffe0\uffe1]")


def fold_width(text: str) -> str:
    """Fold full-width forms to ASCII, keeping the length.

    >>> fold_width("５Ｇ基站４８３．８万座，占９５％")
    '5G基站483.8万座,占95%'
    """
    if not _NEEDS_FOLD.search(text):
        return text
    return text.translate(_FOLD_TABLE)


@cache
def _converter():  # type: ignore[no-untyped-def]
    # Imported lazily: the CLI's --help and the packs commands never need it.
    from opencc import OpenCC

    return OpenCC("t2s")  # t2s only: tw2s/hk2s corrupt simplified text (什么 -> 什幺)


@cache
def traditional_chars() -> frozenset[str]:
    """Characters that only traditional text uses: OpenCC's TSCharacters keys outside GB2312.

    Checking a line against this set is ~40x cheaper than converting it, and leaves simplified
    text untouched (t2s would still change 乾, 後, 於 … if it ran on it).
    """
    import opencc

    table = Path(opencc.__file__).parent / "dictionary" / "TSCharacters.txt"
    chars = set()
    for line in table.read_text(encoding="utf-8").splitlines():
        key = line.split("\t", 1)[0]
        if len(key) == 1:
            try:
                key.encode("gb2312")
            except UnicodeEncodeError:
                chars.add(key)
    return frozenset(chars)


def has_traditional(text: str) -> bool:
    """True when the text holds at least one traditional-only character.

    >>> has_traditional("已建成5G基站483.8万座"), has_traditional("已建成5G基站483.8萬座")
    (False, True)
    """
    return not traditional_chars().isdisjoint(text)


def to_simplified(text: str) -> str:
    """t2s on each line that holds a traditional character; other lines stay as they are."""
    if not has_traditional(text):
        return text
    trad = traditional_chars()
    lines = text.splitlines(keepends=True)
    out = [_convert_line(line) if not trad.isdisjoint(line) else line for line in lines]
    return "".join(out)


def _convert_line(line: str) -> str:
    converted: str = _converter().convert(line)
    if len(converted) == len(line):
        return converted
    # OpenCC's t2s tables are one-to-one today; if an update ever ships an entry that changes
    # length, fall back to character-by-character conversion so offsets stay exact.
    return "".join(ch if len(c := _converter().convert(ch)) != 1 else c for ch in line)


def normalize(text: str) -> str:
    """The text the patterns run on: simplified, half-width, same length as `text`.

    >>> normalize("核心產業規模預計突破１．２萬億元")
    '核心产业规模预计突破1.2万亿元'
    """
    out = fold_width(to_simplified(text))
    if len(out) != len(text):  # pragma: no cover - guarded above; offsets depend on it
        raise AssertionError("normalisation changed the text's length")
    return out
