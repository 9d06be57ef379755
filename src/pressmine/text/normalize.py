"""Normalise text for matching without moving any character: OpenCC t2s on the lines that hold
a traditional character, and a one-to-one full-width fold. Output length always equals input
length, so an offset in the normalised text is the same offset in the original."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from pressmine.regex import cache as regex_cache

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
def _tables() -> tuple[dict[int, str], re.Pattern[str] | None, dict[str, str]]:
    """OpenCC's t2s dictionaries (as shipped by opencc-python-reimplemented) as a character
    table for str.translate plus a phrase table: the same output as OpenCC("t2s").convert,
    50x faster, because the phrase pass is one regex and the character pass runs in C."""
    import opencc  # only for where its dictionary files are

    folder = Path(opencc.__file__).parent / "dictionary"
    chars: dict[int, str] = {}
    for key, first in _entries(folder / "TSCharacters.txt"):
        if len(key) == 1 and len(first) == 1 and not _rare_form(key, first):
            chars[ord(key)] = first
    phrases = {
        k: "".join(a if _rare_form(a, b) else b for a, b in zip(k, v, strict=True))
        for k, v in _entries(folder / "TSPhrases.txt")
        if len(k) == len(v)
    }
    alternation = "|".join(map(re.escape, sorted(phrases, key=lambda k: (-len(k), k))))
    # Compiled with the phrases grouped by first character (regex/branches.py): the engine
    # tried the 277 phrases one by one at each character that starts one.
    return chars, regex_cache.compile(alternation) if phrases else None, phrases


def _rare_form(key: str, simplified: str) -> bool:
    """A common character whose simplified form lies outside the common block (劏 -> 㓥,
    嗰 -> 𠮶): simplified text writes the common one (劏房), so it is kept."""
    return _COMMON_CJK[0] <= key <= _COMMON_CJK[1] and not (
        _COMMON_CJK[0] <= simplified <= _COMMON_CJK[1]
    )


_COMMON_CJK = ("\u4e00", "\u9fff")  # CJK Unified Ideographs, the block GBK covers


def _entries(path: Path) -> list[tuple[str, str]]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        key, _, values = line.partition("\t")
        if key and values:
            out.append((key, values.split(" ")[0]))  # OpenCC takes the first candidate
    return out


@cache
def traditional_chars() -> frozenset[str]:
    """Characters that only traditional text uses: OpenCC's TSCharacters keys outside GB2312.

    Checking a line against this set is ~40x cheaper than converting it, and leaves simplified
    text untouched (t2s would still change 乾, 後, 於 … if it ran on it).
    """
    chars = set()
    for code in _tables()[0]:
        try:
            chr(code).encode("gb2312")
        except UnicodeEncodeError:
            chars.add(chr(code))
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
    chars, phrase_regex, phrases = _tables()
    out = line.translate(chars)
    if phrase_regex is not None:
        for m in phrase_regex.finditer(line):  # phrases are matched on the original line
            out = out[: m.start()] + phrases[m.group()] + out[m.end() :]
    return out


def normalize(text: str) -> str:
    """The text the patterns run on: simplified, half-width, same length as `text`.

    >>> normalize("核心產業規模預計突破１．２萬億元")
    '核心产业规模预计突破1.2万亿元'
    """
    out = fold_width(to_simplified(text))
    if len(out) != len(text):  # pragma: no cover - guarded above; offsets depend on it
        raise AssertionError("normalisation changed the text's length")
    return out
