"""The calendar's vocabulary, read from the packs' `[calendar]` tables: relative words (今年 = 0,
去年 = -1), fiscal-year conventions, holidays and seasons, and the named groups a `[[period]]`
pattern may use. Validated with file and line, merged across packs, and turned into the
fragments period patterns are written with ({{rel_year}}, {{holiday}} …).

The engine that reads a period expression with this vocabulary is `calendar.py`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from pressmine.errors import PackError

# The named groups of a [[period]] pattern, and what the engine reads in each. A group may
# carry a tag after two underscores (month__alone) so that one pattern can name the same piece
# in two alternatives: the tag is dropped before the engine reads it.
GROUPS: dict[str, str] = {
    "year": "a year: 2023, 二〇二三",
    "year2": "the last year of a range: 2022-(2031)年",
    "roc_year": "a Taiwan (ROC) year: 112 = 2023",
    "roc_year2": "the last ROC year of a range",
    "fy": "the second year of a split year: 2019/(20)年度",
    "fy2": "the second year of the last split year of a range",
    "fiscal": "a fiscal-year word ([calendar.fiscal]): 年度, 财年",
    "year_rel": "a year counted from the document's ([calendar.years]): 今年, 去年",
    "year_ctx": "a year counted from the one stated before ([calendar.years_in_context]): 同年",
    "month": "a month: 11, 十一",
    "month2": "the last month of a range: 1-(11)月",
    "month_and": "a month listed after the first: 9、(10)月份 (each its own period, 分别)",
    "month_rel": "a month counted from the document's ([calendar.months]): 本月, 上月",
    "day": "a day of the month",
    "day2": "the last day of a range",
    "day_rel": "a day counted from the document's date ([calendar.days]): 今天, 目前, 昨日",
    "quarter": "a quarter: 三, 3, or a word of [calendar.ordinals] (首, 最后一)",
    "quarter2": "the last quarter of a range",
    "quarter_and": "a quarter listed after the first: 二、(三)季度",
    "quarter_rel": "a quarter counted from the document's ([calendar.quarters]): 本季",
    "quarters": "the first N quarters: 前(三)季度",
    "half": "a half ([calendar.halves]): 上, 下, 1, 2",
    "months": "the first N months: 前(11)个月, 首(四)个月",
    "ten_days": "a third of a month ([calendar.ten_days]): 上旬",
    "edge": "the end of what precedes: 末, 底 (a day, not a span)",
    "since": "from what precedes to the document's date: 以来, 起",
    "before": "until what precedes begins: 以前",
    "as_of": "up to the end of what follows, a day: 截至",
    "from": "自, 从 (read with `since`)",
    "holiday": "a holiday ([[calendar.holiday]]): 春节, 五一",
    "season": "a season ([calendar] seasons): 夏天; a label, never an interval",
    "same": "the same part of another year as the period in force: 同期",
    "ahead": "a window of N units after the document's date: 未来(十)年",
    "back": "a window of N units before it: 过去(5)年",
    "last": "the last N units up to the end of what precedes: 截至2月底的(三)个月",
    "unit": "the unit of a window: 年, 个月, 天",
}
_TAG = "__"

_KEYS = {
    "years",
    "years_in_context",
    "months",
    "quarters",
    "days",
    "ordinals",
    "halves",
    "ten_days",
    "fiscal",
    "split_year_start",
    "holiday",
    "seasons",
    "window_units",
}
_WORD_TABLES = ("years", "years_in_context", "months", "quarters", "days", "ordinals", "halves")
_FISCAL_KEYS = {"start", "single"}
_SINGLE = ("calendar", "start", "end")
_HOLIDAY_KEYS = {"name", "words", "month", "dates"}


def group_name(name: str) -> str:
    """A pattern's group name as the engine reads it: month__alone -> month."""
    return name.split(_TAG, 1)[0]


@dataclass(frozen=True, slots=True)
class Fiscal:
    """How a fiscal-year word counts: 2019/20年度 starts in April in Hong Kong."""

    start: int  # the month it starts in (1 = the calendar year)
    single: str = "calendar"  # what one year names (2024财年): calendar, start or end year


@dataclass(frozen=True, slots=True)
class Holiday:
    """A holiday: its label, and its days in the years they are known (official schedules)."""

    name: str  # the label after the year: 五一假期
    dates: Mapping[int, tuple[date, date]]  # year -> (first day, last day)
    month: int | None = None  # the month it usually falls in: which one a bare 春节 is


@dataclass(frozen=True, slots=True, eq=False)
class Vocabulary:
    """Every word the calendar reads, merged from the packs; `for_text` applies the regional
    settings (a pack with `when`) that hold for one document."""

    years: Mapping[str, int] = field(default_factory=dict)  # 今年 0, 去年 -1
    years_in_context: Mapping[str, int] = field(default_factory=dict)  # 同年 0, 次年 1
    months: Mapping[str, int] = field(default_factory=dict)  # 本月 0, 上月 -1
    quarters: Mapping[str, int] = field(default_factory=dict)  # 本季 0
    days: Mapping[str, int] = field(default_factory=dict)  # 今天 0, 目前 0, 昨日 -1
    ordinals: Mapping[str, int] = field(default_factory=dict)  # 首 1, 最后一 -1 (the last)
    halves: Mapping[str, int] = field(default_factory=dict)  # 上 1, 下 2
    ten_days: Mapping[str, tuple[int, int]] = field(default_factory=dict)  # 上旬 (1, 10)
    fiscal: Mapping[str, Fiscal] = field(default_factory=dict)  # 年度, 财年
    split_year_start: int = 4  # 2019/20年度 when its word's year starts in January
    holidays: Mapping[str, Holiday] = field(default_factory=dict)  # written word -> holiday
    seasons: frozenset[str] = frozenset()
    window_units: Mapping[str, str] = field(default_factory=dict)  # 个月 -> month
    # (when, fiscal words) of packs with `when`: they hold only where `when` finds the text
    regional: tuple[tuple[Any, Mapping[str, Fiscal]], ...] = ()

    def for_text(self, text: str) -> Vocabulary:
        """This vocabulary with the fiscal conventions of the regional packs `text` is about."""
        extra: dict[str, Fiscal] = {}
        for when, fiscal in self.regional:
            if when.search(text):
                extra.update(fiscal)
        if not extra:
            return self
        return Vocabulary(
            **{**{k: getattr(self, k) for k in _FIELDS}, "fiscal": {**self.fiscal, **extra}}
        )

    def fragments(self) -> dict[str, str]:
        """The regex fragments period patterns name these words with."""
        return {
            "rel_year": _alternation(self.years),
            "ctx_year": _alternation(self.years_in_context),
            "rel_month": _alternation(self.months),
            "rel_quarter": _alternation(self.quarters),
            "rel_day": _alternation(self.days),
            "ordinal": _alternation(self.ordinals),
            "half_word": _alternation(self.halves),
            "ten_days": _alternation(self.ten_days),
            "fiscal_word": _alternation([*self.fiscal, *(w for _, f in self.regional for w in f)]),
            "holiday": _alternation(self.holidays),
            "season": _alternation(self.seasons),
            "window_unit": _alternation(self.window_units),
        }


_FIELDS = (
    "years",
    "years_in_context",
    "months",
    "quarters",
    "days",
    "ordinals",
    "halves",
    "ten_days",
    "fiscal",
    "split_year_start",
    "holidays",
    "seasons",
    "window_units",
    "regional",
)


def _alternation(words: Iterable[str]) -> str:
    ordered = sorted(set(words), key=lambda w: (-len(w), w))  # longest first: 本季度 > 本季
    return "(?:" + "|".join(re.escape(w) for w in ordered) + ")" if ordered else "(?!)"


# ----------------------------------------------------------------------------- loading


def build(tables: Iterable[tuple[Any, str, str, Any]]) -> Vocabulary:
    """Merge the `[calendar]` tables of the packs, in load order (a later pack extends or
    overrides an earlier one's words). Each item: (table, path, pack text, when-regex or None).
    Raises PackError naming the file and line of the first problem."""
    out: dict[str, Any] = {k: {} for k in _WORD_TABLES}
    out.update(ten_days={}, fiscal={}, holidays={}, window_units={})
    seasons: set[str] = set()
    regional: list[tuple[Any, Mapping[str, Fiscal]]] = []
    split = 4
    for table, path, text, when in tables:
        if not table:
            continue
        if not isinstance(table, dict):
            raise PackError(path, "[calendar] must be a table")
        for key in table:
            if key not in _KEYS:
                allowed = ", ".join(sorted(_KEYS))
                raise PackError(
                    path, f"unknown [calendar] key '{key}' (allowed: {allowed})", None,
                    _line_of(text, key),
                )  # fmt: skip
        for name in _WORD_TABLES:
            out[name].update(_offsets(table.get(name, {}), path, text, name))
        out["ten_days"].update(_ten_days(table.get("ten_days", {}), path, text))
        out["window_units"].update(_window_units(table.get("window_units", {}), path, text))
        fiscal = _fiscal(table.get("fiscal", {}), path, text)
        if when is not None and fiscal:
            regional.append((when, fiscal))
        else:
            out["fiscal"].update(fiscal)
        if "split_year_start" in table:
            split = _month(table["split_year_start"], path, text, "split_year_start")
        for holiday, words in _holidays(table.get("holiday", []), path, text):
            for w in words:
                out["holidays"][w] = holiday
        seasons |= set(_words(table.get("seasons", []), path, text, "seasons"))
    return Vocabulary(
        **out, split_year_start=split, seasons=frozenset(seasons), regional=tuple(regional)
    )


def check_groups(names: Iterable[str], path: str, rule_id: str, line: int | None) -> None:
    """A [[period]] pattern may only use the groups the engine reads."""
    unknown = sorted({n for n in names if group_name(n) not in GROUPS})
    if unknown:
        raise PackError(
            path,
            f"unknown period group(s): {', '.join(unknown)} (known: {', '.join(GROUPS)})",
            rule_id,
            line,
        )


def _offsets(table: Any, path: str, text: str, name: str) -> dict[str, int]:
    if not isinstance(table, dict):
        raise PackError(path, f"[calendar.{name}] must be a table of word = number")
    for word, value in table.items():
        if not word or isinstance(value, bool) or not isinstance(value, int):
            raise PackError(
                path,
                f"[calendar.{name}] '{word}' must be a whole number (an offset or an ordinal)",
                None,
                _line_of(text, word),
            )
    return dict(table)


def _ten_days(table: Any, path: str, text: str) -> dict[str, tuple[int, int]]:
    if not isinstance(table, dict):
        raise PackError(path, "[calendar.ten_days] must be a table of word = [first, last]")
    out = {}
    for word, value in table.items():
        ok = (
            isinstance(value, list)
            and len(value) == 2
            and all(isinstance(v, int) and not isinstance(v, bool) for v in value)
            and 1 <= value[0] <= value[1] <= 31
        )
        if not ok:
            raise PackError(
                path,
                f"[calendar.ten_days] '{word}' must be [first day, last day] within 1-31",
                None,
                _line_of(text, word),
            )
        out[word] = (value[0], value[1])
    return out


_UNIT_NAMES = ("year", "month", "week", "day")


def _window_units(table: Any, path: str, text: str) -> dict[str, str]:
    if not isinstance(table, dict):
        raise PackError(path, "[calendar.window_units] must be a table of word = unit")
    for word, value in table.items():
        if value not in _UNIT_NAMES:
            raise PackError(
                path,
                f"[calendar.window_units] '{word}' must be one of {', '.join(_UNIT_NAMES)}",
                None,
                _line_of(text, word),
            )
    return dict(table)


def _fiscal(table: Any, path: str, text: str) -> dict[str, Fiscal]:
    if not isinstance(table, dict):
        raise PackError(path, "[calendar.fiscal] must be a table of word = { start = month }")
    out = {}
    for word, spec in table.items():
        line = _line_of(text, word)
        if not isinstance(spec, dict) or "start" not in spec or set(spec) - _FISCAL_KEYS:
            raise PackError(
                path,
                f"[calendar.fiscal] '{word}' takes start (a month) and single "
                f"({', '.join(_SINGLE)})",
                None,
                line,
            )
        single = spec.get("single", "calendar")
        if single not in _SINGLE:
            raise PackError(
                path,
                f"[calendar.fiscal] '{word}': single must be one of {', '.join(_SINGLE)}",
                None,
                line,
            )
        out[word] = Fiscal(_month(spec["start"], path, text, word), single)
    return out


def _holidays(entries: Any, path: str, text: str) -> Iterable[tuple[Holiday, list[str]]]:
    if not isinstance(entries, list):
        raise PackError(path, "[[calendar.holiday]] must be an array of tables")
    for entry in entries:
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
            raise PackError(path, "each [[calendar.holiday]] needs a name")
        name = entry["name"]
        line = _line_of(text, name)
        unknown = set(entry) - _HOLIDAY_KEYS
        if unknown:
            raise PackError(
                path,
                f"[[calendar.holiday]] '{name}': unknown key(s) {', '.join(sorted(unknown))} "
                f"(allowed: {', '.join(sorted(_HOLIDAY_KEYS))})",
                None,
                line,
            )
        words = _words(entry.get("words", [name]), path, text, f"holiday '{name}' words")
        dates: dict[int, tuple[date, date]] = {}
        raw = entry.get("dates", {})
        if not isinstance(raw, dict):
            raise PackError(
                path, f"[[calendar.holiday]] '{name}': dates must be a table", None, line
            )
        for year, span in raw.items():
            dates[_year_key(year, path, text, name)] = _day_span(span, path, text, name, year)
        month = _month(entry["month"], path, text, name) if "month" in entry else None
        yield Holiday(name, dates, month), words


def _year_key(year: str, path: str, text: str, name: str) -> int:
    if not (year.isdigit() and len(year) == 4):
        raise PackError(
            path,
            f"[[calendar.holiday]] '{name}': '{year}' is not a year",
            None,
            _line_of(text, year),
        )
    return int(year)


def _day_span(span: Any, path: str, text: str, name: str, year: str) -> tuple[date, date]:
    line = _line_of(text, f"{year} =") or _line_of(text, name)
    try:
        first, last = (date.fromisoformat(d) for d in span)
    except (TypeError, ValueError):
        raise PackError(
            path,
            f"[[calendar.holiday]] '{name}' {year}: give [first, last] ISO dates "
            '("2025-05-01", "2025-05-05")',
            None,
            line,
        ) from None
    if last < first or abs(first.year - int(year)) > 1:
        raise PackError(
            path, f"[[calendar.holiday]] '{name}' {year}: {first}..{last} is not a span", None, line
        )
    return first, last


def _words(value: Any, path: str, text: str, where: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise PackError(path, f"[calendar] {where} must be a list of non-empty strings")
    return value


def _month(value: Any, path: str, text: str, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 12:
        raise PackError(
            path, f"[calendar] {where}: a month must be 1-12, not {value!r}", None,
            _line_of(text, where),
        )  # fmt: skip
    return value


def _line_of(text: str, needle: str) -> int | None:
    """The line of `needle` in the pack's [calendar] tables (quoted first: a key), if found."""
    section = max(text.find("[calendar"), 0)
    for n in (f'"{needle}"', needle):
        i = text.find(n, section)
        if i >= 0:
            return text.count("\n", 0, i) + 1
    return None
