"""text/jieba_route.py cuts every text as jieba.lcut(text, HMM=False) does, word for word."""

from __future__ import annotations

import logging
from pathlib import Path

import jieba
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pressmine.text import jieba_route
from pressmine.text.normalize import normalize

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "dev" / "docs"
TEXTS = (
    sorted(ROOT.glob("samples/*.txt"))
    + sorted(ROOT.glob("tests/releases/*.txt"))
    + sorted(DEV.glob("*.txt"))
)

jieba.setLogLevel(logging.WARNING)
jieba.initialize()
cut = jieba_route.cutter(jieba)


def _jieba(text: str) -> list[str]:
    return jieba.lcut(text, HMM=False)


def test_there_are_texts_to_cut() -> None:
    assert len(TEXTS) >= 19  # the samples and tests/releases, without ../shared too


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.stem)
def test_a_release_is_cut_as_jieba_cuts_it(path: Path) -> None:
    raw = path.read_text(encoding="utf-8")
    # As written (traditional characters, full-width forms, \r\n) and as the extractor reads it.
    for text in (raw, normalize(raw)):
        assert cut(text) == _jieba(text)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "已建成5G基站483.8万座，5G-A已覆盖超330个城市。",
        "GDP同比增长5.2%，CPI上涨0.3%",  # Latin letters the route steps over one by one
        "abc 12\r\n\t中文  end",  # what jieba keeps whole between blocks, and what it splits
        "規模以上工業企業利潤总额",  # characters the dictionary lacks alone
        "龘龘龘",  # no word at all: each character alone
        "＃＃＋＋",
    ],
)
def test_edges_are_cut_as_jieba_cuts_them(text: str) -> None:
    assert cut(text) == _jieba(text)


_CHARS = st.sampled_from(
    list("的了是在有和与及年月日亿万元人次增长下降同比国家统计局工业企业利润总额")
    + list("5G-A.%+#&_ abcXYZ0123\r\n\t，。、；：（）")
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_CHARS, max_size=40).map("".join))
def test_any_text_is_cut_as_jieba_cuts_it(text: str) -> None:
    assert cut(text) == _jieba(text)


def test_a_word_added_to_jieba_counts() -> None:
    text = "海天味业营业收入"
    before = cut(text)
    jieba.add_word("海天味业", 100000)
    try:
        assert cut(text) == _jieba(text)
        assert "海天味业" in cut(text) and "海天味业" not in before
    finally:
        jieba.del_word("海天味业")
    assert cut(text) == before
