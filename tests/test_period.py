"""Which period a claim gets (claims/period.py): scope over sentences and paragraphs, the
headline's and the lead's period, comparison bases, running totals and stocks, and the
document's date. Each case is a small release and the period of one of its figures."""

from __future__ import annotations

from datetime import date

import pytest

from pressmine import extract

D = date.fromisoformat


def period(text: str, claim_text: str, doc: str | None = "2023-12-15", nth: int = 0):
    found = [c for c in extract(text, doc_date=D(doc) if doc else None) if c.text == claim_text]
    assert len(found) > nth, [c.text for c in extract(text)]
    c = found[nth]
    return c.period, c.period_start, c.period_end


def iso(label, start, end):
    return label, D(start) if start else None, D(end) if end else None


# (case, text, claim text, nth, document date, label, first day, last day)
SCOPE = [
    (
        "sentence",
        "1—11月份，全国规模以上工业企业实现利润总额6.9万亿元。",
        "6.9万亿元",
        0,
        "2023-12-27",
        "2023年1-11月",
        "2023-01-01",
        "2023-11-30",
    ),
    (
        "rest-of-the-paragraph",
        "今年前三季度，全国粮食产量稳定。其中，夏粮产量1.5亿吨。",
        "1.5亿吨",
        0,
        "2023-12-15",
        "2023年前三季度",
        "2023-01-01",
        "2023-09-30",
    ),
    (
        "until-another-is-stated",
        "一季度，出口增长5%。3月份，出口增长8%。",
        "8%",
        0,
        "2025-04-16",
        "2025年3月",
        "2025-03-01",
        "2025-03-31",
    ),
    (
        "headline-scopes-the-release",
        "前四个月我国外贸进出口增长5.8%\n\n海关总署公布数据。\n\n其中，出口7.67万亿元，增长10.6%。",
        "7.67万亿元",
        0,
        "2023-05-09",
        "2023年1-4月",
        "2023-01-01",
        "2023-04-30",
    ),
    (
        "lead-scopes-the-release",
        "新华社北京7月14日电 今年1至6月，全国城镇新增就业654万人。\n\n脱贫人口务工规模3223万人。",
        "3223万人",
        0,
        "2022-07-15",
        "2022年1-6月",
        "2022-01-01",
        "2022-06-30",
    ),
    (
        "a-forecast-at-the-end-of-a-headline-does-not",
        "第4轮纾困40亿元推9项措施 财爷料来年出现赤字\n\n政府今日公布措施。\n\n涉及23亿元。",
        "23亿元",
        0,
        "2019-12-04",
        "2019年12月4日",
        "2019-12-04",
        "2019-12-04",
    ),
    (
        "comparison-base-is-not-the-period",
        "1—11月份，工业企业利润比2019年1—11月份增长11.1%。",
        "11.1%",
        0,
        "2021-12-27",
        "2021年1-11月",
        "2021-01-01",
        "2021-11-30",
    ),
    (
        "the-base-own-figure",
        "1月消费者物价指数年增率为0.69%，较上(12)月的1.3%涨幅收敛。",
        "1.3%",
        0,
        "2026-02-06",
        "2025年12月",
        "2025-12-01",
        "2025-12-31",
    ),
    (
        "a-base-frame",
        "1-2月，在上年同期18.0%的高增速基础上，继续实现38.6%的增长。",
        "38.6%",
        0,
        "2021-03-24",
        "2021年1-2月",
        "2021-01-01",
        "2021-02-28",
    ),
    (
        "the-year-after-a-whole-year-base",
        "运输及房屋局今日公布报告。全港有12.7万户居住环境欠佳，比去年增加5,100户。",
        "5,100户",
        0,
        "2021-12-08",
        "2021年",
        "2021-01-01",
        "2021-12-31",
    ),
    (
        "as-of-a-month-in-a-year-on-year-sentence-is-a-running-total",
        "截至今年10月，电子信息制造业营业收入达到12.45万亿元，同比增长8.4%。",
        "12.45万亿元",
        0,
        "2022-12-29",
        "2022年1-10月",
        "2022-01-01",
        "2022-10-31",
    ),
    (
        "a-stock-at-the-end-of-a-month",
        "到今年10月底，已经有3000多家企业实施了数字化转型。",
        "3000多家",
        0,
        "2022-12-29",
        "2022年10月末",
        "2022-10-31",
        "2022-10-31",
    ),
    (
        "as-of-a-day",
        "截至2012年6月30日，交行资产总额达到人民币51522.08亿元。",
        "人民币51522.08亿元",
        0,
        "2012-08-29",
        "2012年6月30日",
        "2012-06-30",
        "2012-06-30",
    ),
    (
        "now",
        "目前，我国数字经济规模已超45万亿元。",
        "超45万亿元",
        0,
        "2022-12-29",
        "2022年12月29日",
        "2022-12-29",
        "2022-12-29",
    ),
    (
        "no-time-at-all-is-the-document-date",
        "国泰航空公布390亿元资本重组计划。",
        "390亿元",
        0,
        "2020-06-09",
        "2020年6月9日",
        "2020-06-09",
        "2020-06-09",
    ),
    (
        "a-breakdown-does-not-carry",
        "上半年国内生产总值340637亿元。分季度看，一季度增长6.7%，二季度增长6.7%。"
        "分产业看，第一产业增加值22097亿元。",
        "22097亿元",
        0,
        "2016-07-15",
        "2016年上半年",
        "2016-01-01",
        "2016-06-30",
    ),
    (
        "a-since-that-modifies-a-noun-does-not-carry",
        "1-2月，制造业投资增长61.1%，扭转了2020年以来的下降态势。先进制造业增长51.5%。",
        "51.5%",
        0,
        "2021-03-24",
        "2021年1-2月",
        "2021-01-01",
        "2021-02-28",
    ),
    (
        "same-period",
        "今年前4个月，出口增长10.6%。同期，对东盟进出口2.09万亿元。",
        "2.09万亿元",
        0,
        "2023-05-09",
        "2023年1-4月",
        "2023-01-01",
        "2023-04-30",
    ),
    (
        "last-year-same-period",
        "1-2月，网上零售在上年同期18.0%的高增速基础上继续增长。",
        "18.0%",
        0,
        "2021-03-24",
        "2020年1-2月",
        "2020-01-01",
        "2020-02-29",
    ),
    (
        # 全年 names the target the figure is a share of; the figure is progress through June
        "a-year-s-target-is-no-period",
        "1至6月，全国城镇新增就业654万人，完成全年目标任务的59%。",
        "59%",
        0,
        "2022-07-15",
        "2022年1-6月",
        "2022-01-01",
        "2022-06-30",
    ),
    (
        "its-own-time-right-after-it",
        "未来十年建屋43万伙。政府已觅得土地供应33万个单位，其中三分一于未来五年落成。",
        "三分一",
        0,
        "2021-12-08",
        "2022-2026年",
        "2022-01-01",
        "2026-12-31",
    ),
    (
        "a-year-in-an-earlier-sentence-does-not-place-a-month",
        "全国夏粮产量低于最高年份2015年，为历史第二高产年。上半年，猪牛羊禽肉产量3851万吨。",
        "3851万吨",
        0,
        "2016-07-15",
        "2016年上半年",
        "2016-01-01",
        "2016-06-30",
    ),
    (
        "a-two-digit-chinese-year",
        "二四年上半年，内地上市公司半年净利润增长9.7%。",
        "9.7%",
        0,
        "2024-09-01",
        "2024年上半年",
        "2024-01-01",
        "2024-06-30",
    ),
    (
        "a-two-digit-chinese-year-stated-before-a-month",
        "二三年，营收增长5%。12月份，营收增长8%。",
        "5%",
        0,
        "2024-03-01",
        "2023年",
        "2023-01-01",
        "2023-12-31",
    ),
    (
        "half-year-before-a-measure-is-the-first-half",
        "内地上市公司半年净利润增长9.7%\n\n其中，主板公司净利润增长8.1%。",
        "8.1%",
        0,
        "2024-09-01",
        "2024年上半年",
        "2024-01-01",
        "2024-06-30",
    ),
    (
        "the-months-that-end-on-a-day",
        "截至二零二五年六月三十日止六個月，股東應佔基礎盈利為港幣三十億元。",
        "港幣三十億元",
        0,
        "2025-08-20",
        "2025年1-6月",
        "2025-01-01",
        "2025-06-30",
    ),
    (
        "the-year-that-ends-on-a-day",
        "截至2025年3月31日止年度，集團收入為50億元。",
        "50億元",
        0,
        "2025-06-20",
        "2024年4月-2025年3月",
        "2024-04-01",
        "2025-03-31",
    ),
    (
        "a-bracketed-comparative-is-the-same-part-of-its-year",
        "截至2025年6月30日止六個月，每股盈利為0.85元(2024年:0.92元)。",
        "0.92元",
        0,
        "2025-08-20",
        "2024年1-6月",
        "2024-01-01",
        "2024-06-30",
    ),
    (
        "a-base-of-the-same-period-last-year",
        "截至2025年6月30日止六個月，盈利為30億元，較去年同期之54億元減少44%。",
        "54億元",
        0,
        "2025-08-20",
        "2024年1-6月",
        "2024-01-01",
        "2024-06-30",
    ),
    (
        "an-interim-report-is-the-first-half",
        "某某集團二零二五年中期業績\n\n期內，營業額為120億元。",
        "120億元",
        0,
        "2025-08-20",
        "2025年上半年",
        "2025-01-01",
        "2025-06-30",
    ),
    (
        "a-glossed-base-is-the-base-of-its-own-figure",
        "2024年6月至8月的失业率为3.0%，较上一个三个月期间(即2024年5月至7月)的3.2%下跌0.2个百分点。",
        "3.2%",
        0,
        "2024-09-17",
        "2024年5-7月",
        "2024-05-01",
        "2024-07-31",
    ),
    (
        "a-glossed-base-does-not-govern-the-change-after-it",
        "2024年6月至8月的失业率为3.0%，较上一个三个月期间(即2024年5月至7月)的3.2%下跌0.2个百分点。",
        "0.2个百分点",
        0,
        "2024-09-17",
        "2024年6-8月",
        "2024-06-01",
        "2024-08-31",
    ),
    (
        "a-glossed-base-in-the-lead-is-not-the-document-period",
        "经季节性调整的失业率为3.0%，较上一个三个月期间（即2024年5月至7月）的3.2%下跌。",
        "3.0%",
        0,
        "2024-09-17",
        "2024年9月17日",
        "2024-09-17",
        "2024-09-17",
    ),
    (
        "a-paragraph-opening-with-qizhong-is-a-part-of-the-one-before",
        "3月10日，客运量预计1500万人次。\n\n3月9日，客运量1400万人次。\n\n其中：铁路客运量300万人次。",
        "300万人次",
        0,
        "2026-03-10",
        "2026年3月9日",
        "2026-03-09",
        "2026-03-09",
    ),
    (
        "a-paragraph-that-states-no-period-takes-the-lead-s",
        "3月10日，客运量预计1500万人次。\n\n3月9日，客运量1400万人次。\n\n铁路客运量300万人次。",
        "300万人次",
        0,
        "2026-03-10",
        "2026年3月10日",
        "2026-03-10",
        "2026-03-10",
    ),
]


@pytest.mark.parametrize(
    ("text", "claim", "nth", "doc", "label", "start", "end"),
    [c[1:] for c in SCOPE],
    ids=[c[0] for c in SCOPE],
)
def test_scope(text, claim, nth, doc, label, start, end):
    assert period(text, claim, doc, nth) == iso(label, start, end)


def test_no_date_relative_periods_have_no_interval():
    assert period("今年前三季度，利润6.9万亿元。", "6.9万亿元", None) == (
        "今年前三季度",
        None,
        None,
    )
    assert period("目前，规模已超45万亿元。", "超45万亿元", None) == ("目前", None, None)


def test_no_date_explicit_periods_still_resolve():
    got = period("2023年1-11月，利润6.9万亿元。", "6.9万亿元", None)
    assert got == iso("2023年1-11月", "2023-01-01", "2023-11-30")


def test_no_date_and_no_time_is_no_period():
    assert period("国泰航空公布390亿元资本重组计划。", "390亿元", None) == (None, None, None)


def test_a_headline_year_places_the_months_of_the_release():
    text = "2019年1-11月全国规模以上工业企业利润\n\n11月份，利润增长5%。"
    assert period(text, "5%", "2023-12-15") == iso("2019年11月", "2019-11-01", "2019-11-30")


def test_doc_date_on_every_claim():
    claims = extract("1—11月份，利润6.9万亿元，同比增长4.4%。", doc_date=D("2023-12-27"))
    assert {c.doc_date for c in claims} == {D("2023-12-27")}
    assert {c.doc_date for c in extract("利润6.9万亿元。")} == {None}


def test_a_movement_without_periods_starts_where_the_one_before_started():
    text = (
        "标题\n\n总就业人数由二零二二年十一月至二零二三年一月的3 662 200人下跌至"
        "二零二二年十二月至二零二三年二月的3 650 200人。同期的总劳动人口亦由3 780 600人"
        "下跌至3 766 000人。"
    )
    got = {c.text: c.period for c in extract(text, doc_date=D("2023-03-17"))}
    assert got["3 780 600人"] == "2022年11月-2023年1月"
    assert got["3 766 000人"] == "2022年12月-2023年2月"


def test_where_a_movement_started_dates_its_starting_figure_only():
    text = "2022年1月，全国居民消费价格环比由上月上涨0.3%转为下降0.2%，同比上涨0.9%。"
    got = {c.text: c.period for c in extract(text)}
    assert got["0.3%"] == "2021年12月"  # the movement's start: the month before the one it moves to
    assert got["0.2%"] == got["0.9%"] == "2022年1月"  # after the turn: the period in force
    since = {c.text: c.period for c in extract("从2019年起，出口增长3%，进口增长2%。")}
    assert since["3%"] == since["2%"] == "2019年起"  # 从…起 opens no movement


def test_where_a_movement_started_counts_from_the_month_it_moved_to():
    # a July release published in August: 上月 where the movement starts is June
    text = (
        "7月份，全国居民消费价格同比上涨2.7%。\n\n从环比看，CPI由上月持平转为上涨0.5%。其中，"
        "食品价格由上月下降1.6%转为上涨3.0%。鲜菜价格由上月下降9.2%转为上涨10.3%。"
    )
    got = {c.text: (c.period, c.subject) for c in extract(text, doc_date=D("2022-08-10"))}
    assert got["0.5%"] == ("2022年7月", "CPI")  # 由上月持平: the state is June's, not the 0.5%
    assert got["1.6%"][0] == got["9.2%"][0] == "2022年6月"
    assert got["3.0%"][0] == got["10.3%"][0] == "2022年7月"
    # 上季 standing alone counts from the document's date: a November report's is the third
    got = {c.text: c.period for c in extract("上季斥约211亿元回购股份。", doc_date=D("2025-11-13"))}
    assert got["约211亿元"] == "2025年三季度"


def test_last_year_s_price_change_dates_no_figure_of_this_month():
    text = (
        "7月份，全国居民消费价格同比上涨2.7%。在7月份2.7%的同比涨幅中，去年价格变动的翘尾影响"
        "约为0.9个百分点，新涨价影响约为1.8个百分点。核心CPI同比上涨0.8%。"
    )
    got = {c.text: c.period for c in extract(text, doc_date=D("2022-08-10"))}
    assert got["0.9个百分点"] == got["1.8个百分点"] == got["0.8%"] == "2022年7月"


def test_a_period_compared_with_is_no_period_in_force():
    text = "1月份,二手住宅环比上涨0.1%,涨幅与上月相同,其中北京上涨0.5%。"
    got = {c.text: c.period for c in extract(text)}
    assert got["0.5%"] == "1月"  # 与上月相同: the base, not the period of what follows


def test_points_above_a_base_are_a_gap_not_the_base_s_figure():
    text = (
        "1-7月，全社会用电量同比增长17.4%。第三产业用电量同比增长27.7%，高于去年同期27.4个百分点。"
    )
    got = {c.text: c.period for c in extract(text, doc_date=D("2021-08-19"))}
    assert got["27.4个百分点"] == "2021年1-7月"  # not 去年同期's: how far above it
    own = {
        c.text: c.period
        for c in extract("1-7月，用电量增长5%，较去年同期的3%为高。", doc_date=D("2021-08-19"))
    }
    assert own["3%"] == "2020年1-7月"  # the base's own figure


def test_a_holiday_followed_by_its_length_is_the_holiday():
    claims = extract(
        "标题\n\n2019年国庆7天全国共接待国内游客7.82亿人次。", doc_date=D("2021-10-07")
    )
    got = {c.text: (c.period, c.period_start, c.period_end) for c in claims}
    assert got["7.82亿人次"] == ("2019年国庆假期", D("2019-10-01"), D("2019-10-07"))
