"""The calendar's values (Part, Period, Context, Year), its labels, and how it reads the
numerals of an expression (11, 十一, 二〇二三, 首)."""

from __future__ import annotations

import calendar as gregorian
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import TypeVar

ROC_OFFSET = 1911  # 民国1年 = 1912


@dataclass(frozen=True, slots=True)
class Part:
    """A part of a year, placed on the calendar once its year is known."""

    label: str  # what follows the year in a label: 1-11月, 三季度, 11月10日, "" (the year)
    first: tuple[int, int]  # (month, day) of its first day; month 13 is January of the next year
    last: tuple[int, int]  # (month, day) of its last day; day 31 stands for the month's last

    def days(self, year: int) -> tuple[date, date]:
        return day_of(year, *self.first), day_of(year, *self.last)


WHOLE_YEAR = Part("", (1, 1), (12, 31))


@dataclass(frozen=True, slots=True)
class Period:
    """A period: its label and the calendar days it covers, inclusive (either may be None)."""

    label: str
    start: date | None
    end: date | None
    # How it reads, for scope decisions (period.py); not part of a claim's output.
    kind: str = field(default="span", compare=False)  # span point since before window label
    year: int | None = field(default=None, compare=False)  # its year (a fiscal one's first)
    part: Part | None = field(default=None, compare=False)  # its part of that year
    running: Period | None = field(default=None, compare=False)  # 截至10月 as a flow: 1-10月
    items: tuple[Period, ...] = field(default=(), compare=False)  # 9、10月: each month


@dataclass(frozen=True, slots=True)
class Context:
    """What is known when an expression is read."""

    doc_date: date | None = None  # the document's date
    year: int | None = None  # a year the text stated before the expression (2023年…11月)
    period: Period | None = None  # the period in force, which 同期 repeats in another year
    # the expression is where a movement starts (由上月…转为…): a relative month or quarter
    # counts from the period in force, not from the document's date
    moving: bool = False


@dataclass(frozen=True, slots=True)
class Year:
    value: int | None  # the calendar year it starts in; None when it cannot be known
    label: str  # 2023年, 112年, 2019/20年度, 今年 (when unknown)
    start_month: int = 1  # a fiscal year's first month


class NoDate(Exception):
    """The pieces make no date (month 13, day 32, a word no table has)."""


# ----------------------------------------------------------------------------- labels


def span_label(start: date, end: date) -> str:
    """A label for any run of days: 2023年, 2023年1-11月, 2022年11月-2023年1月, 2023年12月16-18日.

    >>> span_label(date(2023, 1, 1), date(2023, 11, 30))
    '2023年1-11月'
    >>> span_label(date(2022, 11, 1), date(2023, 1, 31))
    '2022年11月-2023年1月'
    """
    whole_months = start.day == 1 and end == day_of(end.year, end.month, 31)
    if whole_months and (start.month, end.month) == (1, 12):
        return f"{start.year}年" if start.year == end.year else f"{start.year}-{end.year}年"
    if whole_months:
        if start.year == end.year:
            months = f"{start.month}-{end.month}" if start.month != end.month else f"{start.month}"
            return f"{start.year}年{months}月"
        return f"{start.year}年{start.month}月-{end.year}年{end.month}月"
    if start == end:
        return date_label(start)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.year}年{start.month}月{start.day}-{end.day}日"
    return f"{date_label(start)}-{date_label(end)}"


def date_label(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def join(year_label: str, part_label: str) -> str:
    return year_label + part_label


def since_word(w: dict[str, str]) -> str:
    """以来 and 至今 as 以来; 起, 开始, 自…起 as 起."""
    word = w.get("since", "")
    if not word:
        return ""
    return "以来" if word in ("以来", "至今", "来") else "起"


_DASHES = re.compile(r"\s*(?:—|–|~|～|－)+\s*")


def written_label(s: str) -> str:
    """An expression as written, for a label that cannot be placed: 份 dropped, ASCII hyphen."""
    s = _DASHES.sub("-", s).replace("月份", "月")
    for prefix in ("截至", "截止", "自", "从"):
        if s.startswith(prefix) and len(s) > len(prefix):
            s = s[len(prefix) :]
    return s.strip()


# ----------------------------------------------------------------------------- numbers

CN = "零一二三四五六七八九十"
_DIGIT = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "○": 0, "两": 2}


def number(s: str) -> int:
    """11, 十一, 二十三, 一百一十二, 一一二 as int.

    >>> [number(s) for s in ("11", "十一", "二十三", "一百一十二", "一一二", "两")]
    [11, 11, 23, 112, 112, 2]
    """
    s = s.strip()
    if s.isascii() and s.isdigit():
        return int(s)
    if s and all(c in _DIGIT for c in s):
        return int("".join(str(_DIGIT[c]) for c in s))
    total, current = 0, 0
    for c in s:
        if c in _DIGIT:
            current = _DIGIT[c]
        elif c in "十百":
            total += (current or 1) * (10 if c == "十" else 100)
            current = 0
        else:
            raise NoDate
    return total + current


def year_number(s: str) -> int:
    """2023 and 二〇二三 (digit by digit) as int."""
    return number(s)


_AHEAD = 10  # a two-digit year is at most this many years after the document's


def full_year(n: int, doc: date | None) -> int:
    """A year written with two digits (19/20年度, 二四年): with the document's date, the latest
    year ending in them not more than _AHEAD years after it (a release names past years and the
    targets of the coming decade, seldom a year a century back); without, 1970-2069.

    >>> [full_year(n, date(2024, 9, 1)) for n in (24, 98, 30, 35)]
    [2024, 1998, 2030, 1935]
    """
    if n >= 100:
        return n
    if doc is None:
        return n + (2000 if n < 70 else 1900)
    last = doc.year + _AHEAD
    return last - (last - n) % 100


def ordinal(s: str, words: Mapping[str, int], last: int) -> int:
    """A quarter or half written as a number or a word (首 = 1, 最后一 = -1, the last)."""
    if s in words:
        n = words[s]
        return last + 1 + n if n < 0 else n
    return number(s)


_V = TypeVar("_V")


def lookup(table: Mapping[str, _V], word: str) -> _V:
    try:
        return table[word]
    except KeyError:
        raise NoDate from None


def in_range(n: int, lo: int, hi: int) -> int:
    if not lo <= n <= hi:
        raise NoDate
    return n


def day_of(year: int, month: int, day: int) -> date:
    """A day; month 13 is January of the next year, day 31 the month's last."""
    year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    return date(year, month, min(day, month_days(year, month)))


_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def month_days(year: int, month: int) -> int:
    """The days of a month (calendar.monthrange works out the weekday too, ten times slower).

    >>> month_days(2024, 2), month_days(2100, 2), month_days(2023, 12)
    (29, 28, 31)
    """
    if month == 2 and gregorian.isleap(year):
        return 29
    return _MONTH_DAYS[month - 1]
