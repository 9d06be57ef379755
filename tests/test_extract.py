"""extract() and find_quantities(): claim tables, the not-a-claim table, the offset invariant on
every test document, and the gold figures on the samples and the held-out releases."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from gold_scoring import load_gold, score
from pressmine import extract, find_quantities

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
RELEASES = ROOT / "tests" / "releases"
ALL_DOCS = sorted(SAMPLES.glob("*.txt")) + sorted(RELEASES.glob("*.txt"))


def read(path: Path) -> str:
    with open(path, encoding="utf-8") as fh:  # the offset convention: text-mode reading
        return fh.read()


def one_claim(text: str, claim_text: str, doc_date: str | None = None):
    found = [c for c in extract(text, doc_date=doc_date) if c.text == claim_text]
    assert len(found) == 1, f"{claim_text!r} not found once in {[c.text for c in extract(text)]}"
    return found[0]


# --------------------------------------------------------------------------- what is a claim
# (sentence, claim text, value, unit, qualifier, subject). Grouped by what they exercise;
# the phrasing is that of real releases across domains, not of the two samples only.
UNITS_AND_QUALIFIERS = [
    ("全国粮食总产量达13908.2亿斤", "13908.2亿斤", "1390820000000", "斤", "exact", "粮食总产量"),
    # 一 opening a word (一般) is no digit of a compound's tail (as 八 in 一米八 is)
    ("3.3万间严重损坏,16.1万间一般损坏", "16.1万间", "161000", "间", "exact", None),
    (
        "社会消费品零售总额约4.7万亿元",
        "约4.7万亿元",
        "4700000000000",
        "元",
        "approx",
        "社会消费品零售总额",
    ),
    ("累计接待游客超过1200万人次", "超过1200万人次", "12000000", "人次", "over", None),
    ("受灾人口不足300万人", "不足300万人", "3000000", "人", "under", "受灾人口"),
    ("全市新增城镇岗位3万个以上", "3万个以上", "30000", "个", "at_least", "城镇岗位"),
    ("单日最大客流量在50万人次左右", "50万人次左右", "500000", "人次", "approx", None),
    ("投资规模最多达20亿元", "20亿元", "2000000000", "元", "at_most", "投资规模"),
    ("带动3000余名农民就业", "3000余名", "3000", "名", "over", "农民就业"),
    ("建成公路桥梁1万多座", "1万多座", "10000", "座", "over", "公路桥梁"),
    ("风电装机容量4.41亿千瓦", "4.41亿千瓦", "441000000", "千瓦", "exact", "风电装机容量"),
    ("全社会用电量98521亿千瓦时", "98521亿千瓦时", "9852100000000", "千瓦时", "exact", None),
    ("港口集装箱吞吐量3.1亿标准箱", "3.1亿标准箱", "310000000", "标准箱", "exact", None),
    ("出口额为2萬4337美元", "2萬4337美元", "24337", "美元", "exact", "出口额"),
    ("全港零售總額按年上升3.2%", "3.2%", "3.2", "%", "exact", "全港零售总额"),
    ("失業率為百分之三點一", "百分之三點一", "3.1", "%", "exact", "失业率"),
    ("近九成受访企业表示", "近九成", "90", "%", "approx", "受访企业"),
    ("占全省总量的三分之一", "三分之一", "33.33", "%", "exact", None),
    (
        "农村居民人均可支配收入２３１１９元",
        "２３１１９元",
        "23119",
        "元",
        "exact",
        "农村居民人均可支配收入",
    ),
    ("营业总收入832.72 亿元", "832.72 亿元", "83272000000", "元", "exact", "营业总收入"),
    ("CPI同比上涨0.2%,涨幅比上月收窄0.1个百分点", "0.1个百分点", "0.1", "pp", "exact", None),
    # a marker apart from the number by a space, a particle or 有 (CLAIMS.md §Span)
    ("总行使价为约 19.5亿港元", "约 19.5亿港元", "1950000000", "港元", "approx", None),
    ("失业率超过了40%", "40%", "40", "%", "over", None),
    ("最近至少有两间传媒报道", "两间", "2", "间", "at_least", None),
    # the marker next to the number decides (多 is over), one apart from it only failing that
    ("这一批产品大概有五百多个", "五百多个", "500", "个", "over", None),
    ("房价小于40万", "小于40万", "400000", "", "under", None),
]

CHANGES = [
    # (sentence, claim text, change, basis)
    ("规模以上工业增加值同比增长5.9%", "5.9%", "increase", "同比"),
    # points after a comparison with a base: how far above or below it, whatever growth
    # word names the base
    ("增幅低于净经营收入增幅8.14个百分点", "8.14个百分点", "decrease", None),
    ("增长5.1%,高于全国一季度增速0.3个百分点", "0.3个百分点", "increase", None),
    # 偏多/偏低: more or less than usual, also when the segmenter cuts 偏|多
    ("局地降水偏多3-8成", "3-8成", "increase", None),
    ("气温偏低1.2℃", "1.2℃", "decrease", None),
    # a change noun after 的, past the basis written before it
    ("销货量录得84.4%的按年升幅", "84.4%", "increase", None),
    ("进口下降1.2%", "1.2%", "decrease", None),
    ("城镇调查失业率降至5.1%", "5.1%", None, None),
    ("增速比上年加快0.3个百分点", "0.3个百分点", "increase", "比上年"),
    # a comparison target or the measure between the verb and a number of points
    ("增速高出全国4.8个百分点", "4.8个百分点", "increase", None),
    ("合共推高通胀率1.5个百分点", "1.5个百分点", "increase", None),
    # an adverb between the change word and the number
    ("重要民生物价涨幅一举突破3%", "突破3%", "increase", None),
    # change words the segmenter cuts in two (上+修, 收+窄)
    ("较上次预测数2.10%上修0.15个百分点", "0.15个百分点", "increase", None),
    ("非税收入降幅比1-9月收窄0.4个百分点", "0.4个百分点", "decrease", None),
    ("增速比全省快1.6个百分点", "1.6个百分点", "increase", None),
    ("零售業總銷貨價值按年下跌44.0%", "44.0%", "decrease", "同比"),
    ("出口年增34.9%", "34.9%", "increase", "同比"),
    ("事故起数同比减少96起、64人", "64人", "decrease", "同比"),
    ("銷貨價值連跌13個月", "13個月", None, None),
    ("中國台灣旅客亦有16.6%的增長", "16.6%", "increase", None),
    # CLAIMS.md v2: a sign makes a level, change verbs of speed and size, gaps over a comparison
    ("增长率-3.31%", "-3.31%", None, None),
    ("交通(+8.75%)、衣履(+6.73%)", "+8.75%", "increase", None),
    ("客运量急降九成九", "九成九", "decrease", None),
    ("隨身用品上揚17.22%", "17.22%", "increase", None),
    ("增速比全国指标高出1个百分点", "1个百分点", "increase", None),
    ("香港國泰供股價折讓46.9%", "46.9%", "decrease", None),
    ("增幅为近15年最优秀表现", "15年", None, None),  # a record span: how far back, not how much
    # 高 and 低 alone right before points after a base; 推高 cut apart still pushes up
    ("增速比上月末低0.6个百分点", "0.6个百分点", "decrease", "比上月"),
    ("比上年同期高2.8个百分点", "2.8个百分点", "increase", "比上年同期"),
    # a basis and a change in one word (同比增长); 年增率 names a rate, a level
    ("外贸进出口值同增17.1%", "17.1%", "increase", "同比"),
    ("出口同减3.2%", "3.2%", "decrease", "同比"),
    ("消费者物价指数年增率为0.69%", "0.69%", None, "同比"),
    # 至 and 变缓至 go to a level
    ("工业增速变缓至3%", "3%", None, None),
]

# (sentence, claim text, document date, period, first day, last day)
PERIODS = [
    ("2025年,全省发生各类生产安全事故782起", "782起", None, "2025年", "2025-01-01", "2025-12-31"),
    (
        "截至2025年6月15日,全省接报森林火灾2起",
        "2起",
        None,
        "2025年6月15日",
        "2025-06-15",
        "2025-06-15",
    ),
    (
        "2024年1-11月,全国进出口总值增长4.9%",
        "4.9%",
        None,
        "2024年1-11月",
        "2024-01-01",
        "2024-11-30",
    ),
    (
        "上半年,国内生产总值同比增长6.7%",
        "6.7%",
        "2016-07-15",
        "2016年上半年",
        "2016-01-01",
        "2016-06-30",
    ),
    ("上半年,国内生产总值同比增长6.7%", "6.7%", None, "上半年", None, None),
    (
        "今年首十個月入境旅客上升44.1%",
        "44.1%",
        "2004-11-20",
        "2004年1-10月",
        "2004-01-01",
        "2004-10-31",
    ),
    ("今年首十個月入境旅客上升44.1%", "44.1%", None, "今年1-10月", None, None),
    (
        "前11个月,我国货物贸易进出口总值21.83万亿元",
        "21.83万亿元",
        "2016-12-09",
        "2016年1-11月",
        "2016-01-01",
        "2016-11-30",
    ),
    (
        "2025年春节以来,共查出各类安全隐患1.14万条",
        "1.14万条",
        "2025-03-01",
        "2025年春节以来",
        "2025-01-28",
        "2025-03-01",
    ),
    ("根据主计总处统计,112年经济成长率为1.31%", "1.31%", None, "112年", "2023-01-01", "2023-12-31"),
    (
        "全年完成投资5000亿元。其中基建投资1200亿元",
        "1200亿元",
        "2025-01-20",
        "2024年",
        "2024-01-01",
        "2024-12-31",
    ),
]

SUBJECTS = [
    # Subject after the classifier, before the number, or a verb that is the measure.
    ("形成了超300项关键技术储备", "超300项", "关键技术储备"),
    ("全国所有乡镇以及95%的行政村已通5G", "95%", "行政村"),
    ("直接经济损失171.49亿元", "171.49亿元", "直接经济损失"),
    ("核心产业规模预计突破1.2万亿元", "突破1.2万亿元", "核心产业规模"),
    ("造成3.2万人次受灾", "3.2万人次", "受灾"),
    ("事故造成12人死亡", "12人", "事故死亡"),
    ("全国规模以上工业增加值按可比价格计算同比增长6.0%", "6.0%", "规模以上工业增加值"),
    ("已有100家高水平的5G工厂达到全球领先水平", "100家", "高水平的5G工厂"),
    ("完成37座非煤矿山、18座排土场和346座尾矿库监测预警系统建设", "346座", "尾矿库"),
    ("建成3.5万余家基础级、8200余家先进级、500余家卓越级智能工厂", "8200余家", "先进级智能工厂"),
    ("火案侦破率达100%", "100%", "火案侦破率"),
    ("高技术产业和装备制造业增加值分别增长10.2%和8.1%", "10.2%", "高技术产业增加值"),
    ("高技术产业和装备制造业增加值分别增长10.2%和8.1%", "8.1%", "装备制造业增加值"),
    ("香港及中國臺灣旅客則分別佔28.0%及8.3%", "8.3%", "中国台湾旅客占"),
    ("全省发生事故782起,死亡855人,同比减少96起、64人,下降10.9%、7.0%", "7.0%", "死亡"),
    ("中欧贸易总值3.26万亿元,占我国外贸总值的14.9%", "14.9%", "中欧贸易总值占我国外贸总值"),
    ("零售业总销货价值的临时估计为227亿元", "227亿元", "零售业总销货价值"),
    ("归属于上市公司股东的净利润302.11亿元", "302.11亿元", "归属于上市公司股东的净利润"),
    # comparison frames the segmenter glues (同期相比) and like-for-like bases are no subject
    ("财政收入与2019年同期相比增长5.9%", "5.9%", "财政收入"),
    ("财政收入增长5.9%,同口径下降19.4%", "19.4%", "财政收入"),
    # an item that is part of the measure before it is a measure of its own
    ("外贸进出口值3287亿元,增长1%。其中,出口2031亿元", "2031亿元", "出口"),
    ("外贸进出口值3287亿元,增长1%。其中,进口1256亿元", "1256亿元", "进口"),
    ("工业增加值增长6%。其中,制造业增长7%", "7%", "制造业增加值"),
    pytest.param(
        "创建标准化企业5442家,责令停产整顿231家",
        "231家",
        "责令停产整顿",
        marks=pytest.mark.xfail(strict=True, reason="jieba's dictionary tags 整顿 as a numeral"),
    ),
    pytest.param(
        "全市新增就业岗位3万个",
        "3万个",
        "就业岗位",
        marks=pytest.mark.xfail(strict=True, reason="a verb+noun compound after a verb is cut"),
    ),
    pytest.param(
        "今年首两个月的销货额中,服装(下跌49.9%)跌幅最大",
        "49.9%",
        "服装销货额",
        marks=pytest.mark.xfail(strict=True, reason="a subject assembled from two places"),
    ),
]


@pytest.mark.parametrize(
    ("text", "claim_text", "value", "unit", "qualifier", "subject"),
    UNITS_AND_QUALIFIERS,
    ids=[r[1] for r in UNITS_AND_QUALIFIERS],
)
def test_value_unit_qualifier(text, claim_text, value, unit, qualifier, subject):
    c = one_claim(text, claim_text)
    assert (c.value, c.unit, c.qualifier) == (Decimal(value), unit, qualifier)
    if subject is not None:
        assert c.subject == subject


@pytest.mark.parametrize(
    ("text", "claim_text", "change", "basis"), CHANGES, ids=[r[0][:12] for r in CHANGES]
)
def test_change_and_basis(text, claim_text, change, basis):
    c = one_claim(text, claim_text)
    assert (c.change, c.basis) == (change, basis)
    if change:
        assert c.value > 0  # the size of a change is always positive


@pytest.mark.parametrize(
    ("text", "claim_text", "doc", "period", "start", "end"),
    PERIODS,
    ids=[f"{r[3]}@{r[2]}" for r in PERIODS],
)
def test_period(text, claim_text, doc, period, start, end):
    c = one_claim(text, claim_text, doc)
    day = date.fromisoformat
    got = (c.period, c.period_start, c.period_end, c.doc_date)
    assert got == (period, start and day(start), end and day(end), doc and day(doc))


@pytest.mark.parametrize(
    ("text", "claim_text", "subject"),
    SUBJECTS,
    # A pytest.param is a tuple too: its claim text is in .values, not at [1].
    ids=[getattr(r, "values", r)[1] for r in SUBJECTS],
)
def test_subject(text, claim_text, subject):
    assert one_claim(text, claim_text).subject == subject


def test_subject_original_keeps_the_script_of_the_input():
    c = one_claim("據有關機構測算,核心產業規模預計突破1.2萬億元。", "突破1.2萬億元")
    assert (c.subject, c.subject_original) == ("核心产业规模", "核心產業規模")


def test_range_has_both_bounds():
    c = one_claim("每户补贴3至5万元", "3至5万元")
    assert (c.value, c.value_max, c.unit) == (Decimal(30000), Decimal(50000), "元")


def test_coordinated_units_are_shared():
    claims = extract("比上年同期分别提高0.7和1.2个百分点")
    assert [(c.text, c.unit, c.change) for c in claims] == [
        ("0.7", "pp", "increase"),
        ("1.2个百分点", "pp", "increase"),
    ]


def test_normalized_values_compare_across_units():
    a, b = extract("投资1.2亿元,另投入3000万元")
    assert (a.normalized.unit, b.normalized.unit) == ("CNY", "CNY")
    assert a.normalized.value == 4 * b.normalized.value


# ---------------------------------------------------------------------------- not a claim
NOT_CLAIMS = [
    ("year", "2025年工业和信息化发展成效"),
    ("the three sectors", "三次产业协调发展"),
    ("year span", "2020-2025年发展规划"),
    ("chinese year", "二〇二五年工作要点"),
    ("date", "国务院新闻办公室于1月21日上午举行新闻发布会"),
    ("clock", "会议于14:30开始,下午3点结束"),
    ("ordinal", "近期已经启动第二阶段6G技术试验"),
    ("ordinal year", "连续增长,持续第4年位居首位"),
    ("period label", "1-11月累计"),
    ("months ended on a day", "截至2025年6月30日止六个月业绩"),
    ("quarter", "前三季度和第1季经济运行"),
    ("roc quarter", "112年第1季"),
    ("roc year", "114年出口表现亮眼"),
    ("list marker", "一是持续优化企业发展环境。二是加力培育。"),
    ("bracket marker", "(二)推进网络升级"),
    ("name 5G", "部署5G-A网络和万兆光网,推动双千兆向双万兆升级"),
    ("name plan", "制定“十五五”规划,实施三年行动计划"),
    ("idiom round the clock", "落实24小时联合值班值守"),
    ("idiom", "万物智联,千家万户,一次能源"),
    ("idiom troika", "内地公布三头马车数据,三驾马车均回暖"),
    ("article", "形成一批具备感知能力的工业智能体,打造一个平台"),
    ("inside a word", "统一大市场,一体化关节,一成不变"),
    ("per base", "每10股派发现金红利"),
    ("time window", "前11个月,近三年来"),
    ("time windows v2", "未来十年总房屋供应目标,十年内落成,过去5年,3年后年利率上调,五年内完成"),
    ("years ago", "十年前,3年前的今天"),
    ("two-year average", "规模以上工业增加值两年平均增长"),
    ("half-year window", "近半年来的社会事件,发布半年报"),
    ("half year before a measure: the period", "内地上市公司半年净利润、半年营收及半年度业绩"),
    ("the previous N-month period, a base", "较上一个三个月期间,较前一个三个月期间"),
    ("an N-month period", "2024年6月至8月三个月期间"),
    ("windows as bases", "与过去三个月相比,较前三个月"),
    ("the previous month", "出口较上一个月"),
    ("two-digit Chinese years", "二四年上半年,〇八年,九八年的洪水,二三年度"),
    ("rate base", "一秒钟可以干什么?就在这一秒钟里"),
    ("quoted slogan", "“数据二十条”意见,“一人一策”制定诊疗方案,“两新”政策"),
    ("word with zero", "交通工具零件及维修费"),
    ("year in a list", "低于2018、2019年水平"),
    ("year window", "3年後年利率上調"),
    ("a word, not a bare amount", "千万不要大意,十万火急"),
    ("bracketed code", "国泰航空(00293)的指数"),
    ("another half", "和另一半商量"),
    ("idiom 一度", "价格一度上涨"),
    ("a lone x", "4x100米接力,3x3篮球"),
    ("base of a rate, with its verb", "每投入1元"),
    ("phone", "咨询电话010-12345678"),
    ("url", "详见https://www.example.gov.cn/2025/01/21.html"),
    ("vague", "累计建成数万家智能工厂"),
    ("together", "大家一起努力"),
]


@pytest.mark.parametrize(("why", "text"), NOT_CLAIMS, ids=[r[0] for r in NOT_CLAIMS])
def test_not_a_claim(why, text):
    assert extract(text) == [], [c.text for c in extract(text)]


def _miss(text, reason):
    return pytest.param(text, marks=pytest.mark.xfail(strict=True, reason=reason), id=reason)


# Known misses of CLAIMS.md v2 (the development set's): kept visible, strict.
KNOWN_NOT_CLAIM_MISSES = [
    _miss("政府认为当供求配合,十年基本上可满足房屋供应", "a window named again without 未来 or 内"),
]


@pytest.mark.parametrize("text", KNOWN_NOT_CLAIM_MISSES)
def test_not_a_claim_known_misses(text):
    assert extract(text) == [], [c.text for c in extract(text)]


KNOWN_CHANGE_MISSES = [
    _miss("拉高了出口整体增速2.1个百分点", "出口 (a verb to the dictionary) inside the object"),
]


@pytest.mark.parametrize("text", KNOWN_CHANGE_MISSES)
def test_change_known_misses(text):
    assert [c.change for c in extract(text)] == ["increase"]


def test_a_duration_is_a_claim_but_its_year_is_not():
    claims = extract("2025年,制造业规模连续16年保持全球第一")
    assert [(c.text, c.unit) for c in claims] == [("连续16年", "年")]


# CLAIMS.md v2: spans, values and units of the claims v1 left open.
V2_CLAIMS = [
    ("record span", "创下26年来首见", "26年", "26", "年"),
    ("record span, no 来", "创二十四年新低", "二十四年", "24", "年"),
    ("record span, half", "是2年半来首见", "2年半", "2.5", "年"),
    ("streak", "已连续15个月大于3%", "连续15个月", "15", "月"),
    ("streak, Chinese", "较上月下降,連續四個月下降", "連續四個月", "4", "月"),
    ("个 before a time unit", "為期4個月", "4個月", "4", "月"),
    ("basis points", "同比提高6个基点", "6个基点", "6", "基点"),
    ("shared 基点", "同比分别提高1和6个基点", "1", "1", "基点"),
    ("interest rate in 厘", "3年后年利率3厘", "3厘", "3", "%"),
    ("classifier 件套", "运送物资2.3万多件套", "2.3万多件套", "23000", "件套"),
    ("classifier 伙 (HK flats)", "十年总房屋供应目标约43万伙", "约43万伙", "430000", "伙"),
    ("places", "在东部和西部8地开建", "8地", "8", "地"),
    ("square feet", "一个实用面积300平方呎的单位", "300平方呎", "300", "平方呎"),
    ("bare amount", "入场人次为580万。", "580万", "5800000", ""),
    ("bare amount, headline", "累计共花250亿　财爷料来年出现赤字", "250亿", "25000000000", ""),
    ("bare amount, approx", "近3万员工参与无薪假计划", "近3万", "30000", ""),
    ("bare amount, over", "公营房屋分别为30多万及12万9千个", "30多万", "300000", "个"),
    ("index level", "甲类(109.49)及乙类(110.63)消费物价平均指数", "109.49", "109.49", ""),
    ("index level after its name", "综合消费物价指数(113.40)按年上升", "113.40", "113.40", ""),
    ("half", "只需申请一半楼价的九成按揭", "一半", "50", "%"),
    ("over half", "逾半受访者支持", "逾半", "50", "%"),
    ("half a year", "提供半年收费、租金减免", "半年", "0.5", "年"),
    ("half a year, a term", "为期半年", "半年", "0.5", "年"),
    ("a month spent", "花上一个月时间", "一个月", "1", "月"),
    ("a duration, not a window", "工程历时三个月", "三个月", "3", "月"),
    ("Cantonese fraction", "其中三分一于未来五年落成", "三分一", "33.33", "%"),
    ("count, not article", "只有一个发展商提出建议", "一个", "1", "个"),
    ("Chinese decimal", "失业率三.三二%", "三.三二%", "3.32", "%"),
    ("Chinese decimal pp", "下降○.○四个百分点", "○.○四个百分点", "0.04", "pp"),
    ("digit string with a scale", "就业人数一一六一.二万人", "一一六一.二万人", "11612000", "人"),
    ("rights issue (HK)", "香港國泰建議以「11供7」供股", "7", "7", ""),
    ("doubling", "经济总量翻一番", "翻一番", "1", "番"),
    ("times range", "估值为40-70x", "40-70x", "40", "倍"),
    ("a scale alone", "续航超百公里", "超百公里", "100", "公里"),
    ("a scale alone, 万", "总行程近万公里", "近万公里", "10000", "公里"),
    ("survey window", "调查前7天内曾外出就餐", "7天", "7", "天"),
    ("marker after the noun", "捐赠50万个口罩或以上的企业", "50万个", "500000", "个"),
    ("from A to B", "月均收入由3万增至5万元", "3万", "30000", "元"),
    ("rate with its base", "每投入1元带动3元", "3元", "3", "元"),
    ("loan term", "提供25年期贷款", "25年", "25", "年"),
    ("TEU", "集装箱吞吐量300万标箱", "300万标箱", "3000000", "标箱"),
    ("classifier 片", "液晶显示屏5393.87万片", "5393.87万片", "53938700", "片"),
    ("in full", "薪俸税会百分百宽免", "百分百", "100", "%"),
    ("a list that keeps its 个", "分别回升2.3个、2.1个百分点", "2.3个", "2.3", "pp"),
    ("record span after 近", "增幅为近15年最优秀表现", "15年", "15", "年"),
    ("record span after 过去", "为过去26年来首度看到", "26年", "26", "年"),
    ("quarters, a streak", "营收连续四个季度增长", "连续四个季度", "4", "季度"),
    ("quarters, a streak of falls", "收入较首季跌6.97%，連跌兩季", "兩季", "2", "季度"),
    ("index level after 至", "带动10月工业生产指数至134.93,年增11.25%", "134.93", "134.93", ""),
    ("apparent power", "变压器产量2828.08万千伏安", "2828.08万千伏安", "28280800", "千伏安"),
]


@pytest.mark.parametrize(
    ("why", "text", "span", "value", "unit"), V2_CLAIMS, ids=[r[0] for r in V2_CLAIMS]
)
def test_a_v2_claim(why, text, span, value, unit):
    found = [(c.text, c.value, c.unit) for c in extract(text)]
    assert (span, Decimal(value), unit) in found, found


# ------------------------------------------------------------------------ find_quantities


def test_find_quantities_reports_bare_numbers_but_not_names():
    qs = find_quantities("一百二十三,5G基站,两千三百万元")
    assert [(q.text, q.value, q.unit) for q in qs] == [
        ("一百二十三", Decimal(123), ""),
        ("两千三百万元", Decimal(23000000), "元"),
    ]


def test_extract_and_find_quantities_accept_empty_and_junk():
    for text in ("", " ", "\n\n", "万万万万万万", "一一一一一", "\x00\x01", "1" * 5000):
        assert isinstance(extract(text), list)
        assert isinstance(find_quantities(text), list)


# ------------------------------------------------------------------------ whole documents


@pytest.mark.parametrize("path", ALL_DOCS, ids=[p.stem for p in ALL_DOCS])
def test_offsets_point_into_the_original_text(path):
    text = read(path)
    claims = extract(text)
    assert claims, "every test document has claims"
    for c in claims:
        assert text[c.start : c.end] == c.text
        assert c.start < c.end
        if c.subject_original is not None:
            # the same characters, but for a group's range, which the subject writes in
            # digits (十五至十九歲失業率 -> 15至19岁失业率)
            assert c.subject is not None
            grouped = re.search(r"\d至\d", c.subject) and not re.search(
                r"\d至\d", c.subject_original
            )
            assert grouped or len(c.subject_original) == len(c.subject)
            assert _pieces_of(text, c.subject_original), c.subject_original
    assert [c.start for c in claims] == sorted(c.start for c in claims)


def _pieces_of(text: str, phrase: str, pieces: int = 4) -> bool:
    """Whether `phrase` is made of at most `pieces` pieces of `text` (CLAIMS.md: a subject
    of up to three pieces, here with room for a shared head: 规模以上工业企业 + 国有控股企业 +
    利润总额; 基础级 + 智能工厂)."""
    if phrase in text:
        return True
    return pieces > 1 and any(
        phrase[:k] in text and _pieces_of(text, phrase[k:], pieces - 1)
        for k in range(len(phrase) - 1, 0, -1)
    )


def _score(folder: Path, gold_folder: Path):
    """Each document read with its date from dates.tsv beside it, when there is one."""
    docs = {p.stem: read(p) for p in sorted(folder.glob("*.txt"))}
    dates = _dates(folder / "dates.tsv") or _dates(folder.parent / "dates.tsv")
    preds = {k: [c.to_dict() for c in extract(t, doc_date=dates.get(k))] for k, t in docs.items()}
    return score(docs, load_gold(gold_folder), preds)


def _dates(path: Path) -> dict[str, str]:
    if not path.exists():
        return {}
    rows = (line.split("\t") for line in path.read_text(encoding="utf-8").splitlines() if line)
    return {row[0]: row[1].strip() for row in rows if len(row) > 1 and row[1].strip() != "-"}


def test_the_gold_scorer_reads_subjects_as_the_shared_scorer_does():
    from gold_scoring import char_f1

    assert char_f1("城市", "城市数量") == 1.0  # a trailing 数量 is allowed and ignored
    assert char_f1("数量", "数量") == 1.0
    assert char_f1("“5G”基站", "5G基站") == 1.0


def test_sample_gold():
    s = _score(SAMPLES, ROOT / "tests" / "gold")
    assert s.bad_offsets == 0
    assert s.f1 >= 0.95, s
    assert s.rate("subject") >= 0.95, s  # 0.985
    assert s.rate("qualifier") >= 0.95, s


def test_held_out_releases_gold():
    """Seventeen real releases annotated by CLAIMS.md v2 (tests/releases/SOURCES.md), which the
    rules were not written from. The floors sit a little under today's figures: a drop is a
    regression to look at."""
    s = _score(RELEASES, RELEASES / "gold")
    assert s.bad_offsets == 0
    assert s.f1 >= 0.95, s
    # 0.732 before owners, groups, records; 0.827 with them; 0.860 with shares' bases, rate
    # names, 前者/后者, lists that name their measure after 分别; 0.887 with the rules read
    # off fresh releases (predicates of counted kinds, unknown words cut into characters,
    # stock codes, shares carried to categories); 0.893 with results and budget terms read
    # whole (归母净利润, 所需经费, 岁出).
    assert s.rate("subject") >= 0.88, s
    assert s.rate("qualifier") >= 0.95, s
    # Periods on the calendar, each release read with its date (dates.tsv): 0.942.
    assert s.rate("period") >= 0.92, s


def test_development_set_gold():
    """The development set of ../shared/dev (CLAIMS.md v2), scored as ../shared/eval/score.py
    scores it, each document read with its date (dates.tsv)."""
    dev = ROOT.parent / "shared" / "dev"
    if not dev.is_dir():
        pytest.skip("../shared/dev is not beside this checkout")
    s = _score(dev / "docs", dev / "gold")
    assert s.bad_offsets == 0
    assert s.f1 >= 0.99, s  # 0.999 with the v2 spans, values, units and not-claims
    # On matched claims: 0.648 of 389 before the v2 claims rules, 0.609 of 443 after them (270
    # right, 18 more than before: the 54 claims now found have subjects the finder misses);
    # 0.637 with owners and scope, 0.765 with sectors, groups, records and topic clauses,
    # 0.783 with shares' bases, rate names, averages and per-unit counts, 0.806 with the
    # rules read off fresh trade, Taiwan and Hong Kong releases (measure links, beneficiaries,
    # parts of a whole, 等-lists, cut-apart words), 0.826 with those read off 15 more fresh
    # releases (disaster, prices, retail, tourism, company results, provinces); 0.853 with
    # relative clauses (单位实现的商品零售), launched schemes, framed lists and whose time.
    assert s.rate("subject") >= 0.84, s
    assert s.rate("period") >= 0.87, s  # 0.891


# ------------------------------------------------------------------- segmenter independence


@pytest.mark.skipif(
    subprocess.run([sys.executable, "-c", "import rjieba"], capture_output=True).returncode,
    reason="rjieba (pressmine[fast]) is not installed",
)
def test_claims_are_identical_with_jieba_and_rjieba():
    script = (
        "import json,sys;from pressmine import extract;"
        "print(json.dumps([[c.to_dict() for c in extract(open(p,encoding='utf-8').read())]"
        " for p in sys.argv[1:]],ensure_ascii=False))"
    )
    runs = [  # both at once: neither depends on the other
        subprocess.Popen(
            [sys.executable, "-c", script, *map(str, ALL_DOCS)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=dict(os.environ, PRESSMINE_SEGMENTER=backend),
        )
        for backend in ("jieba", "rjieba")
    ]
    outputs = []
    try:
        for run in runs:
            stdout, stderr = run.communicate(timeout=300)
            assert run.returncode == 0, stderr
            outputs.append(stdout)
    finally:
        for run in runs:  # the other one, when this one failed
            run.kill()
            run.wait()
    assert outputs[0] == outputs[1]


def test_taiwan_growth_words_are_changes_but_a_named_growth_is_a_level() -> None:
    claims = extract(
        "今年第1季正成长0.9%，全年负成长0.3%。经济成长为2.42%。实质经常性薪资平均数年成长1.12%。"
    )
    assert [(c.text, c.change, c.subject) for c in claims] == [
        ("0.9%", "increase", None),
        ("0.3%", "decrease", None),
        ("2.42%", None, "经济成长"),
        ("1.12%", "increase", "实质经常性薪资平均数"),
    ]


@pytest.mark.parametrize(
    ("text", "change", "subject"),
    [
        ("全国粮食产量13908亿斤，比上年增加178亿斤，增产1.3%。", "increase", "粮食产量"),
        ("夏粮产量2923亿斤，减产0.8%。", "decrease", "夏粮产量"),
        # a level word the segmenter cuts in two (降|为) is a level, not the change in it
        ("失业率降为5.1%。", None, "失业率"),
    ],
)
def test_output_that_grew_or_shrank_is_a_change_of_the_output(
    text: str, change: str | None, subject: str
) -> None:
    claim = extract(text)[-1]
    assert (claim.change, claim.subject) == (change, subject)
