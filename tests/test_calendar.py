"""The calendar: period expressions as the packs find them, placed on the calendar with a
document's date (claims/calendar/), and the vocabulary of the packs' [calendar] tables
(packs/calendar.py).

Each row of FORMS is one written form with one document date (None: no date known), and the
label and interval it must give. Rows are grouped by what they exercise: CLAIMS.md's table,
year ends, quarters and halves, relative time, since and as-of, Taiwan and Hong Kong years,
ranges and windows, holidays, and no date at all.
"""

from __future__ import annotations

import ast
import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pressmine import PackError, load_packs
from pressmine.claims.calendar import Context, Period, resolve, span_label
from pressmine.claims.calendar.model import full_year
from pressmine.text.normalize import normalize

PACKS = load_packs()
ROOT = Path(__file__).resolve().parents[1]
D = date.fromisoformat


def period_of(
    written: str,
    doc: date | None = None,
    *,
    year: int | None = None,
    now: Period | None = None,
    about: str = "",
    packs=PACKS,
) -> Period | None:
    """The period of the first expression in `written` (the longest where several start
    there), as the period finder reads it; `about` is more text of the document (its region)."""
    text = normalize(written)
    vocab = packs.calendar.for_text(about + text)
    best = None
    for p in packs.period_patterns:
        for m in p.regex.finditer(text):
            key = (m.start(), m.start() - m.end())
            if m.end() > m.start() and (best is None or key < best[0]):
                best = (key, m)
    if best is None:
        return None
    return resolve(best[1], text, vocab, Context(doc, year, now))


# (written, document date, label, first day, last day). Days are ISO strings or None.
CLAIMS_TABLE = [  # CLAIMS.md §Period, a document dated 2023-12-15
    ("1—11月份", "2023-12-15", "2023年1-11月", "2023-01-01", "2023-11-30"),
    ("11月份", "2023-12-15", "2023年11月", "2023-11-01", "2023-11-30"),
    ("今年前三季度", "2023-12-15", "2023年前三季度", "2023-01-01", "2023-09-30"),
    ("今年上半年", "2023-12-15", "2023年上半年", "2023-01-01", "2023-06-30"),
    ("三季度", "2023-12-15", "2023年三季度", "2023-07-01", "2023-09-30"),
    ("第三季", "2023-12-15", "2023年第三季", "2023-07-01", "2023-09-30"),
    ("去年", "2023-12-15", "2022年", "2022-01-01", "2022-12-31"),
    ("11月末", "2023-12-15", "2023年11月末", "2023-11-30", "2023-11-30"),
    ("截至11月底", "2023-12-15", "2023年11月末", "2023-11-30", "2023-11-30"),
    ("截至去年底", "2023-12-15", "2022年末", "2022-12-31", "2022-12-31"),
    ("今天", "2023-12-15", "2023年12月15日", "2023-12-15", "2023-12-15"),
    ("目前", "2023-12-15", "2023年12月15日", "2023-12-15", "2023-12-15"),
    ("截至目前", "2023-12-15", "2023年12月15日", "2023-12-15", "2023-12-15"),
    ("截至12月10日", "2023-12-15", "2023年12月10日", "2023-12-10", "2023-12-10"),
    ("今年以来", "2023-12-15", "2023年以来", "2023-01-01", "2023-12-15"),
    ("自2016年8月起", "2023-12-15", "2016年8月起", "2016-08-01", "2023-12-15"),
    ("2019/20年度", "2023-12-15", "2019/20年度", "2019-04-01", "2020-03-31"),
    ("112年第2季", "2023-12-15", "112年第2季", "2023-04-01", "2023-06-30"),
    ("2020年以前", "2023-12-15", "2020年以前", None, "2019-12-31"),
    ("春节假期", "2023-12-15", "2024年春节假期", "2024-02-10", "2024-02-17"),
    ("今年夏天", "2023-12-15", "2023年夏天", None, None),
]
YEAR_ENDS = [  # the latest such part not after the document's month
    ("12月份", "2024-01-10", "2023年12月", "2023-12-01", "2023-12-31"),
    ("1-11月", "2024-01-10", "2023年1-11月", "2023-01-01", "2023-11-30"),
    ("1月份", "2024-01-10", "2024年1月", "2024-01-01", "2024-01-31"),
    ("前三季度", "2024-01-10", "2023年前三季度", "2023-01-01", "2023-09-30"),
    ("四季度", "2024-01-10", "2023年四季度", "2023-10-01", "2023-12-31"),
    ("上半年", "2024-01-10", "2023年上半年", "2023-01-01", "2023-06-30"),
    ("全年", "2024-01-10", "2023年", "2023-01-01", "2023-12-31"),
    ("年底", "2024-01-10", "2023年末", "2023-12-31", "2023-12-31"),
    ("今年", "2024-01-10", "2024年", "2024-01-01", "2024-12-31"),
    ("去年12月", "2024-01-10", "2023年12月", "2023-12-01", "2023-12-31"),
    ("上月", "2024-01-10", "2023年12月", "2023-12-01", "2023-12-31"),
    ("本季度", "2024-01-10", "2024年一季度", "2024-01-01", "2024-03-31"),
    ("截至去年底", "2024-01-10", "2023年末", "2023-12-31", "2023-12-31"),
    ("12月31日", "2024-01-01", "2023年12月31日", "2023-12-31", "2023-12-31"),
    ("2月份", "2024-03-05", "2024年2月", "2024-02-01", "2024-02-29"),  # a leap year
]
QUARTERS_AND_HALVES = [
    ("一季度", "2025-04-16", "2025年一季度", "2025-01-01", "2025-03-31"),
    ("第一季度", "2025-04-16", "2025年第一季度", "2025-01-01", "2025-03-31"),
    ("Q1", "2025-04-16", "2025年一季度", "2025-01-01", "2025-03-31"),
    ("首季", "2025-04-16", "2025年一季度", "2025-01-01", "2025-03-31"),
    ("二季度", "2025-04-16", "2024年二季度", "2024-04-01", "2024-06-30"),
    ("2011年第4季", "2012-01-20", "2011年第4季", "2011-10-01", "2011-12-31"),
    ("2023年Q3", "2024-01-10", "2023年三季度", "2023-07-01", "2023-09-30"),
    ("第二至三季度", "2024-01-10", "2023年第二至三季", "2023-04-01", "2023-09-30"),
    ("前三季", "2023-10-20", "2023年前三季度", "2023-01-01", "2023-09-30"),
    ("首三季", "2023-10-20", "2023年前三季度", "2023-01-01", "2023-09-30"),
    ("下半年", "2024-02-01", "2023年下半年", "2023-07-01", "2023-12-31"),
    ("2023年下半年", "2023-05-01", "2023年下半年", "2023-07-01", "2023-12-31"),
    ("3月份", "2025-04-16", "2025年3月", "2025-03-01", "2025-03-31"),
    ("1—2月", "2025-04-16", "2025年1-2月", "2025-01-01", "2025-02-28"),
    ("前4个月", "2023-05-09", "2023年1-4月", "2023-01-01", "2023-04-30"),
    ("首四个月", "2023-05-09", "2023年1-4月", "2023-01-01", "2023-04-30"),
    ("前11个月", "2022-12-29", "2022年1-11月", "2022-01-01", "2022-11-30"),
    ("前九月", "2011-10-11", "2011年1-9月", "2011-01-01", "2011-09-30"),
    ("二〇二三年十一月", "2024-01-10", "2023年11月", "2023-11-01", "2023-11-30"),
    ("11月上旬", "2023-12-15", "2023年11月上旬", "2023-11-01", "2023-11-10"),
    ("2月下旬", "2023-12-15", "2023年2月下旬", "2023-02-21", "2023-02-28"),
    ("12月16-18日", "2023-12-20", "2023年12月16-18日", "2023-12-16", "2023-12-18"),
]
RELATIVE = [
    ("昨日", "2021-12-08", "2021年12月7日", "2021-12-07", "2021-12-07"),
    ("明日（10日）", "2020-06-09", "2020年6月10日", "2020-06-10", "2020-06-10"),
    ("今天（12月20日）", "2023-12-20", "2023年12月20日", "2023-12-20", "2023-12-20"),
    ("截至记者发稿", "2023-12-20", "2023年12月20日", "2023-12-20", "2023-12-20"),
    ("至今天為止", "2021-12-08", "2021年12月8日", "2021-12-08", "2021-12-08"),
    ("現時", "2021-12-08", "2021年12月8日", "2021-12-08", "2021-12-08"),
    ("上年", "2025-04-16", "2024年", "2024-01-01", "2024-12-31"),
    ("前年", "2025-01-23", "2023年", "2023-01-01", "2023-12-31"),
    ("明年", "2021-12-08", "2022年", "2022-01-01", "2022-12-31"),
    ("本月", "2023-02-14", "2023年2月", "2023-02-01", "2023-02-28"),
    ("上季度", "2023-02-14", "2022年四季度", "2022-10-01", "2022-12-31"),
]
SINCE_AND_AS_OF = [
    ("自2月以來", "2020-06-09", "2020年2月以来", "2020-02-01", "2020-06-09"),
    ("到今年10月底", "2022-12-29", "2022年10月末", "2022-10-31", "2022-10-31"),
    ("截至今年10月", "2022-12-29", "2022年10月末", "2022-10-31", "2022-10-31"),
    ("截至2012年6月30日", "2012-08-29", "2012年6月30日", "2012-06-30", "2012-06-30"),
    ("年初以来", "2023-05-09", "2023年以来", "2023-01-01", "2023-05-09"),
    ("今年初以来", "2023-05-09", "2023年以来", "2023-01-01", "2023-05-09"),
    ("春节以来", "2024-03-01", "2024年春节以来", "2024-02-10", "2024-03-01"),
    ("2023年起", "2023-12-15", "2023年起", "2023-01-01", "2023-12-15"),
    ("从2020年开始", "2023-12-15", "2020年起", "2020-01-01", "2023-12-15"),
    ("2016年至今", "2023-12-15", "2016年以来", "2016-01-01", "2023-12-15"),
    ("截至三季度末", "2023-12-15", "2023年三季度末", "2023-09-30", "2023-09-30"),
    ("截至本月末", "2023-02-14", "2023年2月末", "2023-02-28", "2023-02-28"),
    ("2023年末", "2024-03-01", "2023年末", "2023-12-31", "2023-12-31"),
]
TAIWAN = [
    ("去年十二月", "2025-01-23", "2024年12月", "2024-12-01", "2024-12-31"),
    ("十二月", "2025-01-23", "2024年12月", "2024-12-01", "2024-12-31"),
    ("113年", "2025-01-23", "113年", "2024-01-01", "2024-12-31"),
    ("民國113年", "2025-01-23", "113年", "2024-01-01", "2024-12-31"),
    ("民國一百一十三年", "2025-01-23", "113年", "2024-01-01", "2024-12-31"),
    ("今(2025)年", "2025-01-23", "2025年", "2025-01-01", "2025-12-31"),
    ("113年第4季", "2025-01-23", "113年第4季", "2024-10-01", "2024-12-31"),
    ("114年1月", "2025-02-23", "114年1月", "2025-01-01", "2025-01-31"),
    ("上(12)月", "2026-02-06", "2025年12月", "2025-12-01", "2025-12-31"),
    ("截至113年底", "2025-01-23", "113年末", "2024-12-31", "2024-12-31"),
    ("110-112年", "2025-01-23", "110-112年", "2021-01-01", "2023-12-31"),
]
FISCAL = [  # mainland texts: 年度 is the calendar year; a split year starts in April
    ("本年度", "2023-12-15", "2023年", "2023-01-01", "2023-12-31"),
    ("2023年度", "2024-04-01", "2023年度", "2023-01-01", "2023-12-31"),
    ("2019-20年度", "2019-12-04", "2019/20年度", "2019-04-01", "2020-03-31"),
    ("2015/16-2016/17年度", "2019-12-04", "2015/16-2016/17年度", "2015-04-01", "2017-03-31"),
    ("2018/19課稅年度", "2019-12-04", "2018/19课税年度", "2018-04-01", "2019-03-31"),
]
HONG_KONG = [  # the government's year runs from April (hongkong.toml, for texts about HK)
    ("本年度", "2019-12-04", "2019/20年度", "2019-04-01", "2020-03-31"),
    ("本年度最後一季差餉寬免", "2019-12-04", "2020年第一季", "2020-01-01", "2020-03-31"),
    ("上年度", "2019-12-04", "2018/19年度", "2018-04-01", "2019-03-31"),
    ("本年度", "2020-02-10", "2019/20年度", "2019-04-01", "2020-03-31"),
    ("2024年10月至12月", "2025-01-20", "2024年10-12月", "2024-10-01", "2024-12-31"),
    ("2024年12月至2025年2月", "2025-03-20", "2024年12月-2025年2月", "2024-12-01", "2025-02-28"),
]
RANGES_AND_WINDOWS = [
    ("2022-2031年", "2021-12-08", "2022-2031年", "2022-01-01", "2031-12-31"),
    ("2019年至2023年", "2024-01-10", "2019-2023年", "2019-01-01", "2023-12-31"),
    ("未來十年", "2021-12-08", "2022-2031年", "2022-01-01", "2031-12-31"),
    ("未来五年", "2021-12-08", "2022-2026年", "2022-01-01", "2026-12-31"),
    ("十年內", "2021-12-08", "2022-2031年", "2022-01-01", "2031-12-31"),
    ("过去5年", "2021-12-08", "2016-2020年", "2016-01-01", "2020-12-31"),
    ("近三年", "2021-12-08", "2018-2020年", "2018-01-01", "2020-12-31"),
    ("近3个月", "2021-12-08", "2021年9-11月", "2021-09-01", "2021-11-30"),
    ("近3个月", "2022-02-08", "2021年11月-2022年1月", "2021-11-01", "2022-01-31"),
    ("未来三天", "2021-12-30", "2021年12月31日-2022年1月2日", "2021-12-31", "2022-01-02"),
]
TWO_DIGIT_YEARS = [  # 二四年: the latest year ending in them at most ten after the document's
    ("二四年上半年", "2024-09-01", "2024年上半年", "2024-01-01", "2024-06-30"),
    ("二三年一季度", "2024-09-01", "2023年一季度", "2023-01-01", "2023-03-31"),
    ("二三年上半年", "2024-09-01", "2023年上半年", "2023-01-01", "2023-06-30"),
    ("二四年12月", "2025-01-10", "2024年12月", "2024-12-01", "2024-12-31"),
    ("二四年底", "2025-01-10", "2024年末", "2024-12-31", "2024-12-31"),
    ("二三年度", "2024-09-01", "2023年度", "2023-01-01", "2023-12-31"),
    ("〇八年，", "2024-09-01", "2008年", "2008-01-01", "2008-12-31"),
    ("九八年的", "2024-09-01", "1998年", "1998-01-01", "1998-12-31"),
    ("二三年，", "2024-09-01", "2023年", "2023-01-01", "2023-12-31"),
    ("三〇年前三季度", "2024-09-01", "2030年前三季度", "2030-01-01", "2030-09-30"),
    ("三五年上半年", "2024-09-01", "1935年上半年", "1935-01-01", "1935-06-30"),
    ("二四年上半年", None, "2024年上半年", "2024-01-01", "2024-06-30"),
    # 半年 before a measure: the first half, the latest one ended by the document's month
    ("半年净利润", "2024-09-01", "2024年上半年", "2024-01-01", "2024-06-30"),
    ("半年营收", "2024-03-10", "2023年上半年", "2023-01-01", "2023-06-30"),
    ("2024年半年度业绩", "2024-09-01", "2024年上半年", "2024-01-01", "2024-06-30"),
]
HOLIDAYS = [
    ("“五一”假期", "2025-05-07", "2025年五一假期", "2025-05-01", "2025-05-05"),
    ("今年“五一”假期", "2025-05-07", "2025年五一假期", "2025-05-01", "2025-05-05"),
    ("去年“五一”", "2025-05-07", "2024年五一假期", "2024-05-01", "2024-05-05"),
    ("国庆黄金周", "2023-10-08", "2023年国庆假期", "2023-09-29", "2023-10-06"),
    ("五一假期", "2023-05-04", "2023年五一假期", "2023-04-29", "2023-05-03"),
    ("春节期间", "2022-02-10", "2022年春节假期", "2022-01-31", "2022-02-06"),
    ("2030年春节", "2023-12-15", None, None, None),  # 2030年春节 is not a form: 春节 alone
    ("2030年春节假期", "2023-12-15", "2030年春节假期", None, None),  # schedule not known
    ("端午假期", "2024-06-12", "2024年端午假期", None, None),
]
NO_DATE = [  # explicit years still resolve; relative time gets a label and no interval
    ("1—11月份", None, "1-11月", None, None),
    ("今年前三季度", None, "今年前三季度", None, None),
    ("2023年1-11月", None, "2023年1-11月", "2023-01-01", "2023-11-30"),
    ("112年第2季", None, "112年第2季", "2023-04-01", "2023-06-30"),
    ("目前", None, "目前", None, None),
    ("今年以来", None, "今年以来", None, None),
    ("未来十年", None, "未来十年", None, None),
    ("2019/20年度", None, "2019/20年度", "2019-04-01", "2020-03-31"),
    ("截至2012年6月30日", None, "2012年6月30日", "2012-06-30", "2012-06-30"),
    ("11月末", None, "11月末", None, None),
    ("春节假期", None, "春节假期", None, None),
    ("本季度", None, "本季度", None, None),
    ("自2016年8月起", None, "2016年8月起", "2016-08-01", None),
    ("2024年12月至2025年2月", None, "2024年12月-2025年2月", "2024-12-01", "2025-02-28"),
]
FORMS = (
    CLAIMS_TABLE
    + YEAR_ENDS
    + QUARTERS_AND_HALVES
    + RELATIVE
    + SINCE_AND_AS_OF
    + TAIWAN
    + FISCAL
    + RANGES_AND_WINDOWS
    + TWO_DIGIT_YEARS
    + HOLIDAYS
    + NO_DATE
)


def _iso(d: str | None) -> date | None:
    return D(d) if d else None


@pytest.mark.parametrize(
    ("written", "doc", "label", "start", "end"),
    FORMS,
    ids=[f"{r[0]}@{r[1] or 'no-date'}" for r in FORMS],
)
def test_form(written, doc, label, start, end):
    p = period_of(written, _iso(doc))
    if label is None:
        assert p is None or p.label != written, p
        return
    assert p is not None
    assert (p.label, p.start, p.end) == (label, _iso(start), _iso(end))


@pytest.mark.parametrize(
    ("written", "doc", "label", "start", "end"),
    HONG_KONG,
    ids=[f"{r[0]}@{r[1]}" for r in HONG_KONG],
)
def test_hong_kong(written, doc, label, start, end):
    p = period_of(written, _iso(doc), about="香港特区政府")
    assert p is not None
    assert (p.label, p.start, p.end) == (label, _iso(start), _iso(end))


def test_enough_forms():
    assert len(FORMS) + len(HONG_KONG) >= 80


# ----------------------------------------------------------------------------- context


def test_a_year_stated_before_places_a_month():
    p = period_of("11月份", D("2023-12-15"), year=2019)
    assert (p.label, p.start, p.end) == ("2019年11月", D("2019-11-01"), D("2019-11-30"))


def test_a_year_stated_before_beats_the_document_date():
    p = period_of("12月", D("2024-01-10"), year=2024)  # 2024年…12月: a plan, not last December
    assert p.label == "2024年12月"


@pytest.mark.parametrize(("written", "label"), [("同年", "2019年"), ("次年", "2020年")])
def test_years_counted_from_the_one_in_context(written, label):
    assert period_of(written, D("2023-12-15"), year=2019).label == label


def test_same_period_repeats_the_part_in_force():
    now = period_of("1-2月", D("2021-03-24"))
    assert period_of("同期", D("2021-03-24"), now=now).label == "2021年1-2月"
    last = period_of("上年同期", D("2021-03-24"), now=now)
    assert (last.label, last.start, last.end) == ("2020年1-2月", D("2020-01-01"), D("2020-02-29"))
    many = period_of("2013-2018年同期", D("2021-03-24"), now=now)
    assert (many.label, many.start, many.end) == ("2013-2018年1-2月", None, None)


def test_same_period_needs_a_period_in_force():
    assert period_of("同期", D("2021-03-24")) is None


def test_as_of_a_month_is_also_the_running_total():
    """SOURCES.md call 12: 截至今年10月, a flow up to then, is 1-10月; a stock is the day."""
    p = period_of("截至今年10月", D("2022-12-29"))
    assert p.kind == "point"
    r = p.running
    assert (r.label, r.start, r.end) == ("2022年1-10月", D("2022-01-01"), D("2022-10-31"))
    assert period_of("截至12月10日", D("2023-12-15")).running is None


# ----------------------------------------------------------------------------- not periods

NOT_PERIODS = [
    "有纪录以来新高",  # 以来 alone
    "倡议提出十年以来",  # 十年以来 is not 年以来
    "3年后年利率3厘",  # 后年 is not a year here
    "增幅为近15年最优秀表现",  # a record span is a claim, not a window
    "为过去26年来首度看到",
    "“东数西算”工程起步区",  # 起 of 起步
    "13月",
    "一季稻",
    "5G基站",
    "每10股派4.6元",
]


@pytest.mark.parametrize("text", NOT_PERIODS)
def test_not_a_period(text):
    p = period_of(text, D("2023-12-15"))
    assert p is None or (
        p.label not in ("2023年以来", "2025年", "2023年") and p.kind != "window"
    ), p


# 二三年, 三五年 (two or three years, three to five), 为期半年: a count, a duration, no year
COUNTS_NOT_YEARS = [
    "需要二三年时间",
    "用了二三年，",
    "经过二三年的努力",
    "三五年的时间",
    "二三年后",
    "为期半年",
    "提供半年租金减免",
    "近半年净利润",
    "一年半净利润",
]


@pytest.mark.parametrize("text", COUNTS_NOT_YEARS)
def test_a_count_of_years_is_no_two_digit_year(text):
    assert period_of(text, D("2024-09-01")) is None


def test_a_month_that_does_not_exist_is_no_period():
    assert period_of("2月30日", D("2023-12-15")) is None


# ----------------------------------------------------------------------------- properties

DOCS = st.dates(min_value=date(1990, 1, 1), max_value=date(2060, 12, 31))


@settings(max_examples=200, deadline=None)
@given(DOCS, st.integers(1, 12))
def test_a_month_is_the_latest_not_after_the_document(doc, month):
    p = period_of(f"{month}月份", doc)
    assert p.start <= p.end
    assert (p.end.year, p.end.month) <= (doc.year, doc.month)
    assert (p.end.year + 1, p.end.month) > (doc.year, doc.month)  # the latest such
    assert p.label == f"{p.start.year}年{month}月"


@settings(max_examples=200, deadline=None)
@given(DOCS, st.integers(1, 11), st.integers(1, 11))
def test_a_month_range_never_ends_after_the_document_month(doc, a, span):
    b = min(a + span, 12)
    p = period_of(f"{a}—{b}月", doc)
    assert p.start == date(p.start.year, a, 1) <= p.end
    assert (p.end.year, p.end.month) <= (doc.year, doc.month)
    assert p.label == f"{p.start.year}年{a}-{b}月"


FORMS_AND_DATES = [r[0] for r in FORMS if r[1]]


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(FORMS_AND_DATES), DOCS)
def test_every_interval_is_ordered(written, doc):
    p = period_of(written, doc)
    if p is not None and p.start is not None and p.end is not None:
        assert p.start <= p.end, p
    if p is not None and p.kind == "since" and p.end is not None:
        assert p.end == doc


@given(DOCS, st.integers(0, 99))
def test_a_two_digit_year_is_the_latest_not_over_ten_years_ahead(doc, n):
    y = full_year(n, doc)
    assert y % 100 == n and doc.year - 90 < y <= doc.year + 10


@settings(max_examples=200, deadline=None)
@given(DOCS, st.integers(1, 12))
def test_relative_years_follow_the_document(doc, n):
    assert period_of("今年", doc).start == date(doc.year, 1, 1)
    assert period_of("去年", doc).end == date(doc.year - 1, 12, 31)
    assert period_of("目前", doc).start == doc
    assert period_of("昨日", doc).start == doc - timedelta(days=1)
    window = period_of(f"未来{n}年", doc)
    assert (window.start.year, window.end.year) == (doc.year + 1, doc.year + n)


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2060, 12, 31)), st.integers(0, 800))
def test_span_labels_name_the_span(start, length):
    end = start + timedelta(days=length)
    label = span_label(start, end)
    assert str(start.year) in label and str(end.year) in label
    assert "—" not in label


# ----------------------------------------------------------------------------- packs


def _pack(tmp_path, body: str) -> Path:
    path = tmp_path / "company.toml"
    path.write_text('[pack]\nname = "company-fy"\n' + body, encoding="utf-8")
    return path


def test_a_pack_adds_a_fiscal_year_convention(tmp_path):
    """A company whose 财年 ends in March and is named by the year it ends in."""
    packs = load_packs(
        [_pack(tmp_path, '[calendar.fiscal]\n"财年" = { start = 4, single = "end" }\n')]
    )
    p = period_of("2024财年", D("2024-05-20"), packs=packs)
    assert (p.label, p.start, p.end) == ("2024财年", D("2023-04-01"), D("2024-03-31"))
    q = period_of("本财年", D("2024-05-20"), packs=packs)
    assert (q.start, q.end) == (D("2024-04-01"), D("2025-03-31"))


def test_a_pack_adds_a_holiday_and_a_relative_word(tmp_path):
    body = """
[calendar.years]
"今个年" = 0
[[calendar.holiday]]
name = "双十一"
words = ["双十一", "双11"]
month = 11
dates = { 2023 = ["2023-11-11", "2023-11-11"] }
"""
    packs = load_packs([_pack(tmp_path, body)])
    p = period_of("“双11”期间", D("2023-11-20"), packs=packs)
    assert (p.label, p.start, p.end) == ("2023年双十一", D("2023-11-11"), D("2023-11-11"))
    assert period_of("今个年", D("2023-11-20"), packs=packs).label == "2023年"


BAD_PACKS = [
    ("[calendar]\nweeks = 1\n", "unknown [calendar] key 'weeks'"),
    ('[calendar.years]\n"今年" = "zero"\n', "must be a whole number"),
    ('[calendar.fiscal]\n"财年" = { start = 13 }\n', "a month must be 1-12"),
    ('[calendar.fiscal]\n"财年" = { start = 4, single = "middle" }\n', "single must be one of"),
    (
        '[[calendar.holiday]]\nname = "x"\ndates = { 2023 = ["2023-05-05", "2023-05-01"] }\n',
        "is not a span",
    ),
    ('[[calendar.holiday]]\nname = "x"\ndates = { 2023 = ["May 1"] }\n', "ISO dates"),
    ('[calendar.ten_days]\n"上旬" = [0, 10]\n', "within 1-31"),
    (
        "[[period]]\nid = \"p\"\npattern = '(?P<weekday>周[一二三])'\n",
        "unknown period group(s): weekday",
    ),
]


@pytest.mark.parametrize(("body", "message"), BAD_PACKS, ids=[m for _, m in BAD_PACKS])
def test_a_bad_calendar_table_names_file_and_problem(tmp_path, body, message):
    with pytest.raises(PackError) as e:
        load_packs([_pack(tmp_path, body)])
    assert message in str(e.value)
    assert "company.toml" in str(e.value)


def test_errors_give_the_line(tmp_path):
    with pytest.raises(PackError) as e:
        load_packs([_pack(tmp_path, '\n[calendar.years]\n"今年" = 0\n"明年" = true\n')])
    assert e.value.line == 6


def test_every_period_group_is_one_the_calendar_reads():
    from pressmine.packs.calendar import GROUPS, group_name

    for p in PACKS.period_patterns:
        assert {group_name(g) for g in p.regex.groupindex} <= set(GROUPS), p.id


# ----------------------------------------------------------------------------- no clock

CLOCK = re.compile(r"\b(?:today|now|utcnow|time|localtime|gmtime|monotonic)\b")


CLOCKLESS = [
    *sorted((ROOT / "src/pressmine/claims/calendar").glob("*.py")),
    ROOT / "src/pressmine/claims/period.py",
    ROOT / "src/pressmine/claims/period_matches.py",
    ROOT / "src/pressmine/packs/calendar.py",
    ROOT / "src/pressmine/text/docdate.py",
]


@pytest.mark.parametrize("module", CLOCKLESS, ids=lambda p: p.name)
def test_never_reads_the_clock(module):
    """Output never depends on the day it is run: no date.today(), datetime.now(), time.time()."""
    tree = ast.parse(module.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and CLOCK.fullmatch(node.attr):
            raise AssertionError(f"{module}:{node.lineno} reads the clock ({node.attr})")
        if isinstance(node, ast.Import | ast.ImportFrom):
            names = [a.name for a in node.names]
            assert "time" not in names and getattr(node, "module", None) != "time", module
