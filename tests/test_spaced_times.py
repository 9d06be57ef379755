"""Taiwan's and some financial press set every half-width number apart from the Chinese around
it (113 年 11 月出口, 產品 10 月出口): such a text reads as it does unspaced, and every claim's
offsets still point at the claim as written, spaces included."""

from __future__ import annotations

import re

import pytest

from pressmine import extract
from pressmine.claims import spaces
from pressmine.cli.explain import explain
from pressmine.packs.loader import load_packs

DOC = "2024-12-09"


def _unspaced(text: str) -> str:
    """The text as a writer who sets no space around a number writes it."""
    text = re.sub(r"(?<=[0-9%])[ ]+(?=[\u4e00-\u9fff])", "", text)
    return re.sub(r"(?<=[\u4e00-\u9fff])[ ]+(?=[0-9])", "", text)


def _read(text: str) -> list[tuple[object, ...]]:
    claims = extract(text, doc_date=DOC)
    for c in claims:
        assert text[c.start : c.end] == c.text
    fields = ("value", "unit", "subject", "change", "basis", "period", "period_start")
    return [
        (c.text.replace(" ", ""), *(getattr(c, f) for f in fields), c.period_end, c.qualifier)
        for c in claims
    ]


SPACED = [
    "財政部今（8）日公布，113 年 11 月出口金額為 412.6 億美元，年增 9.7%。",
    "電子零組件 11 月出口達 180.4 億美元，創歷年同月新高。",
    "主計總處預估 2024 年前三季 GDP 成長 3.9%，第 4 季成長 2.1%。",
    "截至 2024 年 10 月底，全台行動用戶達 3,050 萬戶，較上年同期增加 1.2%。",
    "1 - 10 月累計出口 3,905 億美元，前 10 個月進口年增 12.5%。",
    "公司自 2021 年起連續 3 年獲利，今年 11 月 5 日 14 時宣布配息 2.5 元。",
]


@pytest.mark.parametrize("text", SPACED)
def test_a_spaced_text_reads_as_the_unspaced_one(text):
    assert _read(text) == _read(_unspaced(text))


def test_a_spaced_roc_year_is_a_year_and_a_period():
    text = SPACED[0]
    claims = extract(text, doc_date=DOC)
    assert [(c.text, c.start, c.end) for c in claims] == [
        ("412.6 億美元", 27, 36),
        ("9.7%", 40, 44),
    ]
    assert {(c.period, str(c.period_start), str(c.period_end)) for c in claims} == {
        ("113年11月", "2024-11-01", "2024-11-30")
    }


def test_spaced_time_words_place_the_figure_and_leave_its_subject_whole():
    (claim,) = extract(SPACED[1], doc_date=DOC)
    assert (claim.text, claim.subject, claim.subject_original) == (
        "180.4 億美元",
        "电子零组件出口",
        "電子零組件出口",
    )
    assert (str(claim.period_start), str(claim.period_end)) == ("2024-11-01", "2024-11-30")
    first, _ = extract(SPACED[2], doc_date=DOC)
    assert (first.text, first.period) == ("3.9%", "2024年前三季度")


def test_a_spaced_duration_is_still_a_claim_written_with_its_space():
    text = "該公司已連續 3 年獲利。"
    (claim,) = extract(text, doc_date=DOC)
    assert (claim.text, text[claim.start : claim.end], claim.value, claim.unit) == (
        "連續 3 年",
        "連續 3 年",
        3,
        "年",
    )


def test_which_spaces_around_a_time_are_squeezed():
    units = load_packs().space_words["time_units"]

    def squeezed(text: str) -> str:
        return spaces.squeeze(text, units)[0]

    assert squeezed("公布,113 年 11 月出口") == "公布,113年11月出口"
    assert squeezed("产品 11 月出口") == "产品11月出口"
    # after a letter, a mark or a digit a space stays: the patterns allow it there
    assert squeezed("GDP 2025 年成长") == "GDP 2025年成长"
    assert squeezed("1 - 10 月累计") == "1 - 10月累计"
    assert squeezed("2019 2020 年") == "2019 2020年"
    # before other words, and without time units, nothing changes
    assert squeezed("出口 412 亿美元, 达 3 家") == "出口 412亿美元, 达 3 家"
    assert spaces.squeeze("113 年 11 月") == ("113 年 11 月", None)


def test_explain_names_the_subject_of_a_spaced_text_at_the_claim():
    e = explain(SPACED[1])
    (claim,) = e.claims
    assert claim.start in e.subjects
    assert "電子零組件" in e.subjects[claim.start]
