"""The body that publishes a results report owns the figures after it (claims/subject/
publishers.py; CLAIMS.md v2 §Subject 2: a company named in the first paragraph scopes the
amounts of the later ones)."""

from __future__ import annotations

import pytest

from pressmine import extract
from pressmine.claims.subject.parts import words_in
from pressmine.claims.subject.publishers import publisher
from pressmine.packs.loader import load_packs


def subjects(text: str) -> dict[str, str | None]:
    return {c.text: c.subject for c in extract(text, doc_date="2025-11-20")}


def test_a_company_that_publishes_its_report_in_the_lead_scopes_the_release() -> None:
    text = (
        "11月18日，小米集团发布2025年第三季度财报。报告显示，第三季度总收入达1131亿元，"
        "同比增长22.3%。\n\n智能手机收入460亿元；经调整净利润113亿元。"
    )
    got = subjects(text)
    assert got["1131亿元"] == "小米集团总收入"
    assert got["22.3%"] == "小米集团总收入"  # a change has the subject of its level
    assert got["460亿元"] == "小米集团智能手机收入"  # a later paragraph too
    assert got["113亿元"] == "小米集团经调整净利润"


def test_a_quoted_report_names_its_publisher() -> None:
    got = subjects("据贵州茅台2024年年度报告显示，营业收入1741亿元。")
    assert got["1741亿元"] == "贵州茅台营业收入"


def test_a_headline_that_announces_a_report_scopes_the_release() -> None:
    got = subjects("宁德时代披露2024年年报\n\n全年营业收入3620亿元。")
    assert got["3620亿元"] == "宁德时代营业收入"


def test_a_subject_that_says_the_brand_already_gets_no_second_name() -> None:
    text = "小米集团公布第三季度业绩。\n\n小米智能手机出货量4330万台。"
    assert subjects(text)["4330万台"] == "小米智能手机出货量"


@pytest.mark.parametrize(
    "clause",
    [
        "国家统计局发布数据显示",  # a statistics release: no results report of a body's own
        "公司发布2024年年报",  # a body named by its kind: the one named before
        "年报显示",  # the report alone names no publisher
        "小米集团发布新品并公布财报",  # more than which report
    ],
)
def test_what_names_no_publisher(clause: str) -> None:
    words = load_packs().subject_vocabulary
    assert publisher(words_in(clause, 0, len(clause), words), words) is None


def test_a_statistics_release_gets_no_publisher() -> None:
    got = subjects("国家统计局今天发布数据。\n\n社会消费品零售总额4.3万亿元。")
    assert got["4.3万亿元"] == "社会消费品零售总额"


def test_where_and_when_a_report_is_published_stand_between_name_and_verb() -> None:
    text = "工商银行晚间在港交所披露2017年度业绩公告显示,去年全年实现营业收入6756亿元。"
    assert subjects(text)["6756亿元"] == "工商银行营业收入"


def test_a_second_body_s_results_end_the_first_one_s_scope() -> None:
    text = (
        "工商银行晚间披露2017年度业绩公告。\n\n净利润2874亿元。\n\n"
        "数据显示,农业银行2017年实现营业收入5428亿元;净利润1931亿元。"
    )
    got = subjects(text)
    assert got["2874亿元"] == "工商银行净利润"
    assert got["5428亿元"] == "农业银行营业收入"
    assert not (got["1931亿元"] or "").startswith("工商银行")
