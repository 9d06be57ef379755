"""extract() and find_quantities(): claim tables, the not-a-claim table, the offset invariant on
every test document, and the gold figures on the samples and the held-out releases."""

from __future__ import annotations

import os
import subprocess
import sys
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


def one_claim(text: str, claim_text: str):
    found = [c for c in extract(text) if c.text == claim_text]
    assert len(found) == 1, f"{claim_text!r} not found once in {[c.text for c in extract(text)]}"
    return found[0]


# --------------------------------------------------------------------------- what is a claim
# (sentence, claim text, value, unit, qualifier, subject). Grouped by what they exercise;
# the phrasing is that of real releases across domains, not of the two samples only.
UNITS_AND_QUALIFIERS = [
    ("全国粮食总产量达13908.2亿斤", "13908.2亿斤", "1390820000000", "斤", "exact", "粮食总产量"),
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
]

CHANGES = [
    # (sentence, claim text, change, basis)
    ("规模以上工业增加值同比增长5.9%", "5.9%", "increase", "同比"),
    ("进口下降1.2%", "1.2%", "decrease", None),
    ("城镇调查失业率降至5.1%", "5.1%", None, None),
    ("增速比上年加快0.3个百分点", "0.3个百分点", "increase", "比上年"),
    ("零售業總銷貨價值按年下跌44.0%", "44.0%", "decrease", "同比"),
    ("出口年增34.9%", "34.9%", "increase", "同比"),
    ("事故起数同比减少96起、64人", "64人", "decrease", "同比"),
    ("銷貨價值連跌13個月", "13個月", None, None),
    ("中國台灣旅客亦有16.6%的增長", "16.6%", "increase", None),
]

PERIODS = [
    ("2025年,全省发生各类生产安全事故782起", "782起", "2025年"),
    ("截至2025年6月15日,全省接报森林火灾2起", "2起", "截至2025年6月15日"),
    ("2024年1-11月,全国进出口总值增长4.9%", "4.9%", "2024年1-11月"),
    ("上半年,国内生产总值同比增长6.7%", "6.7%", "上半年"),
    ("今年首十個月入境旅客上升44.1%", "44.1%", "今年首十個月"),
    ("前11个月,我国货物贸易进出口总值21.83万亿元", "21.83万亿元", "前11个月"),
    ("2025年春节以来,共查出各类安全隐患1.14万条", "1.14万条", "2025年春节以来"),
    ("根据主计总处统计,112年经济成长率为1.31%", "1.31%", "112年"),
    ("全年完成投资5000亿元。其中基建投资1200亿元", "1200亿元", "全年"),
]

SUBJECTS = [
    # Subject after the classifier, before the number, or a verb that is the measure.
    ("形成了超300项关键技术储备", "超300项", "关键技术储备"),
    ("全国所有乡镇以及95%的行政村已通5G", "95%", "行政村"),
    ("直接经济损失171.49亿元", "171.49亿元", "直接经济损失"),
    ("核心产业规模预计突破1.2万亿元", "突破1.2万亿元", "核心产业规模"),
    ("造成3.2万人次受灾", "3.2万人次", "受灾"),
    ("事故造成12人死亡", "12人", "死亡"),
    ("全国规模以上工业增加值按可比价格计算同比增长6.0%", "6.0%", "规模以上工业增加值"),
    ("已有100家高水平的5G工厂达到全球领先水平", "100家", "高水平的5G工厂"),
    ("完成37座非煤矿山、18座排土场和346座尾矿库监测预警系统建设", "346座", "尾矿库"),
    ("建成3.5万余家基础级、8200余家先进级、500余家卓越级智能工厂", "8200余家", "先进级智能工厂"),
    ("火案侦破率达100%", "100%", "火案侦破率"),
    ("高技术产业和装备制造业增加值分别增长10.2%和8.1%", "10.2%", "高技术产业增加值"),
    ("高技术产业和装备制造业增加值分别增长10.2%和8.1%", "8.1%", "装备制造业增加值"),
    ("香港及中國臺灣旅客則分別佔28.0%及8.3%", "8.3%", "中国台湾旅客"),
    ("全省发生事故782起,死亡855人,同比减少96起、64人,下降10.9%、7.0%", "7.0%", "死亡"),
    ("中欧贸易总值3.26万亿元,占我国外贸总值的14.9%", "14.9%", "中欧贸易总值占我国外贸总值"),
    ("零售业总销货价值的临时估计为227亿元", "227亿元", "零售业总销货价值"),
    ("归属于上市公司股东的净利润302.11亿元", "302.11亿元", "归属于上市公司股东的净利润"),
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
    assert c.value > 0  # the size of a change is always positive


@pytest.mark.parametrize(("text", "claim_text", "period"), PERIODS, ids=[r[2] for r in PERIODS])
def test_period(text, claim_text, period):
    c = one_claim(text, claim_text)
    assert c.period is not None
    want = period.replace("個", "个")  # periods come out simplified
    assert want in c.period or c.period in want, c.period


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
    ("year span", "2020-2025年发展规划"),
    ("chinese year", "二〇二五年工作要点"),
    ("date", "国务院新闻办公室于1月21日上午举行新闻发布会"),
    ("clock", "会议于14:30开始,下午3点结束"),
    ("ordinal", "近期已经启动第二阶段6G技术试验"),
    ("ordinal year", "连续增长,持续第4年位居首位"),
    ("period label", "1-11月累计"),
    ("quarter", "前三季度和第1季经济运行"),
    ("roc quarter", "112年第1季"),
    ("roc year", "114年出口表现亮眼"),
    ("list marker", "一是持续优化企业发展环境。二是加力培育。"),
    ("bracket marker", "(二)推进网络升级"),
    ("name 5G", "部署5G-A网络和万兆光网,推动双千兆向双万兆升级"),
    ("name plan", "制定“十五五”规划,实施三年行动计划"),
    ("idiom round the clock", "落实24小时联合值班值守"),
    ("idiom", "万物智联,千家万户,一次能源"),
    ("article", "形成一批具备感知能力的工业智能体,打造一个平台"),
    ("inside a word", "统一大市场,一体化关节,一成不变"),
    ("per base", "每10股派发现金红利"),
    ("time window", "前11个月,近三年来,26年来首见"),
    ("phone", "咨询电话010-12345678"),
    ("url", "详见https://www.example.gov.cn/2025/01/21.html"),
    ("vague", "累计建成数万家智能工厂"),
    ("together", "大家一起努力"),
]


@pytest.mark.parametrize(("why", "text"), NOT_CLAIMS, ids=[r[0] for r in NOT_CLAIMS])
def test_not_a_claim(why, text):
    assert extract(text) == [], [c.text for c in extract(text)]


def test_a_duration_is_a_claim_but_its_year_is_not():
    claims = extract("2025年,制造业规模连续16年保持全球第一")
    assert [(c.text, c.unit) for c in claims] == [("16年", "年")]


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
            assert c.subject is not None and len(c.subject_original) == len(c.subject)
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
    docs = {p.stem: read(p) for p in sorted(folder.glob("*.txt"))}
    preds = {k: [c.to_dict() for c in extract(t)] for k, t in docs.items()}
    return score(docs, load_gold(gold_folder), preds)


def test_sample_gold():
    s = _score(SAMPLES, ROOT / "tests" / "gold")
    assert s.bad_offsets == 0
    assert s.f1 >= 0.95, s
    assert s.rate("subject") >= 0.85, s
    assert s.rate("qualifier") >= 0.95, s


def test_held_out_releases_gold():
    """Seventeen real releases annotated by CLAIMS.md v2 (tests/releases/SOURCES.md), which the
    rules were not written from. The floors sit a little under today's figures: a drop is a
    regression to look at."""
    s = _score(RELEASES, RELEASES / "gold")
    assert s.bad_offsets == 0
    assert s.f1 >= 0.95, s
    assert s.rate("subject") >= 0.70, s
    assert s.rate("qualifier") >= 0.95, s
    # Periods: v2 labels with their year and calendar intervals; the figure before periods
    # are resolved against the document's date.
    assert s.rate("period") >= 0.38, s


def test_development_set_gold():
    """The development set of ../shared/dev (CLAIMS.md v2), scored as ../shared/eval/score.py
    scores it."""
    dev = ROOT.parent / "shared" / "dev"
    if not dev.is_dir():
        pytest.skip("../shared/dev is not beside this checkout")
    s = _score(dev / "docs", dev / "gold")
    assert s.bad_offsets == 0
    assert s.f1 >= 0.88, s
    assert s.rate("subject") >= 0.63, s


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
    outputs = []
    for backend in ("jieba", "rjieba"):
        env = dict(os.environ, PRESSMINE_SEGMENTER=backend)
        run = subprocess.run(
            [sys.executable, "-c", script, *map(str, ALL_DOCS)],
            capture_output=True,
            text=True,
            env=env,
            check=True,
        )
        outputs.append(run.stdout)
    assert outputs[0] == outputs[1]
