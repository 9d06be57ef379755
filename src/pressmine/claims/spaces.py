"""Spaces between the parts of one number are layout (一百 五 十 二, 7 万5 千, 3 000万元, 四点
五个百分点, 三 分之 一): they are squeezed out before the rules run, and the offsets of what the
rules find are mapped back. Two Arabic numbers stay apart (832.72 726.94 are two columns of a
table), and so does anything around a letter or a line break.

Taiwan's and some financial press set every half-width number apart from the Chinese around it
(財政部公布，114 年 12 月出口, 產品 12 月出口). Before a time unit ([spaces] time_units of the
packs: 年, 月, 季度) those spaces are layout too: the number is a date or a span, and the time
words read as they do unspaced (114年12月出口: a ROC year and a period, 產品12月出口: one phrase).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

# The characters a number is written with, on either side of a space inside it.
_JOINS = set(
    "零〇○一二两兩俩三四五六七八九十百千万亿兆拾佰仟萬億壹贰貳叁參参肆伍陆陸柒捌玖廿卅卌幺"
    "点點又分之余餘多几幾数數负負个個成折"
)
_CN_DIGITS = set("零〇○一二两兩三四五六七八九壹贰貳叁參肆伍陆陸柒捌玖")
_SPACES = re.compile(r"[ \t]+")

# A space between groups of exactly three digits is a thousands separator (3 000万元, 12 345 678):
# the first group has one to three digits and starts no other run of digits, and no group of
# another size follows (832.72 726.94, 2019 2020, 12 345 6789 stay apart).
_SPACED_THOUSANDS = re.compile(
    r"(?<![0-9A-Za-z.,])(?<![0-9.,] )[1-9][0-9]{0,2}(?: [0-9]{3})+(?![0-9])(?! [0-9])"
)


def squeeze(text: str, time_units: Iterable[str] = ()) -> tuple[str, list[int] | None]:
    """The text without the spaces between two parts of a number, nor those around a number
    before one of `time_units`, and for each of its characters (and its end) the offset in
    `text`; None when nothing was squeezed."""
    if " " not in text and "\t" not in text:
        return text, None
    timed = _time_regex(frozenset(time_units))
    parts: list[str] = []
    where: list[int] = []
    last = 0
    thousands = {
        m.start() + i
        for m in _SPACED_THOUSANDS.finditer(text)
        for i, ch in enumerate(m.group())
        if ch == " "
    }
    for m in _SPACES.finditer(text):
        before, after = text[m.start() - 1 : m.start()], text[m.end() : m.end() + 1]
        if (
            not _joins(before, after, text[m.end() + 1 : m.end() + 2])
            and not _sign_apart(text, m.start(), after)
            and not (m.end() - m.start() == 1 and m.start() in thousands)
            and not (timed is not None and _timed(text, m.start(), m.end(), timed))
        ):
            continue
        parts.append(text[last : m.start()])
        where.extend(range(last, m.start()))
        last = m.end()
    if not parts:
        return text, None
    parts.append(text[last:])
    where.extend(range(last, len(text) + 1))
    return "".join(parts), where


def _timed(text: str, start: int, end: int, regex: re.Pattern[str]) -> bool:
    """Whether the spaces text[start:end] stand around a number before a time unit (`regex`,
    from _time_regex): between the number and the unit (12 月), or before the number after a
    Chinese character (年 12 月, 產品 12 月); not after a letter or a mark (GDP 2025 年, 1 - 11
    月 keep theirs: the patterns allow them there)."""
    m = regex.match(text, end)
    if m is None or not start:
        return False
    if m.group(1):  # a number follows
        return "\u4e00" <= text[start - 1] <= "\u9fff"
    return _NUMBER_BEFORE.search(text, max(0, start - 24), start) is not None


# An Arabic number that ends right before the spaces (endpos), from its first digit.
_NUMBER_BEFORE = re.compile(r"(?<![0-9A-Za-z])(?<![0-9][.,])[0-9]+(?:\.[0-9]+)?(?:[-—–~][0-9]+)?\Z")


@lru_cache(maxsize=4)  # one set of time units a pack set
def _time_regex(units: frozenset[str]) -> re.Pattern[str] | None:
    """What follows the spaces around a number before a time unit: the unit, or the number
    (group 1) and the unit."""
    if not units:
        return None
    words = "|".join(map(re.escape, sorted(units, key=lambda w: (-len(w), w))))
    return re.compile(rf"([0-9]+(?:\.[0-9]+)?(?:[-—–~][0-9]+)?[ \t]*)?(?:{words})")


def _joins(before: str, after: str, next_char: str) -> bool:
    """Whether a space between these two characters sits inside one number."""
    if not before or not after:
        return False
    digit_before = before.isascii() and before.isdigit()
    digit_after = after.isascii() and after.isdigit()
    if digit_before and after in "kKMG" and not (next_char.isascii() and next_char.isalpha()):
        return True  # 52.5 k
    if digit_before and digit_after:
        return False  # 832.72 726.94: two numbers
    if (digit_before and after in _CN_DIGITS) or (digit_after and before in _CN_DIGITS):
        return False  # 667.123 五点八: two numbers in two scripts
    return (before in _JOINS or digit_before) and (after in _JOINS or digit_after)


def _sign_apart(text: str, space: int, after: str) -> bool:
    """- 1,200,000 at the start of a text or phrase: a minus sign set apart from its number
    (a dash between two numbers, 2020 - 2025, has a number before it)."""
    if space < 1 or text[space - 1] not in "-负負" or not (after.isascii() and after.isdigit()):
        return False
    head = text[: space - 1].rstrip(" \t")
    return not head or not (head[-1].isalnum() or head[-1] in _JOINS)


def span_back(where: list[int], start: int, end: int) -> tuple[int, int]:
    """A span of the squeezed text as a span of the text (`where` from `squeeze`): an end maps
    from its last character, so that the spaces after a number stay out of its span."""
    return where[start], (where[end - 1] + 1 if end > start else where[start])


def squeezed_as(text: str, where: list[int]) -> str:
    """`text` (the original of the text `squeeze` read, of the same length) squeezed as that
    text was: the words as written, at the offsets of the squeezed text."""
    return "".join([text[i] for i in where[:-1]])
