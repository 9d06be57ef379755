"""normalize(): length kept, only traditional lines converted, the same output as OpenCC t2s
(but for the rare simplified forms simplified text does not write)."""

from __future__ import annotations

import random
from pathlib import Path

import opencc
import pytest

from pressmine.text.normalize import fold_width, has_traditional, normalize, to_simplified

ROOT = Path(__file__).resolve().parents[1]
DOCS = sorted(ROOT.glob("samples/*.txt")) + sorted(ROOT.glob("tests/releases/*.txt"))
DICTIONARY = Path(opencc.__file__).parent / "dictionary"


@pytest.mark.parametrize("path", DOCS, ids=[p.stem for p in DOCS])
def test_same_as_opencc_t2s_on_traditional_lines(path):
    t2s = opencc.OpenCC("t2s")
    for line in path.read_text(encoding="utf-8").splitlines():
        if has_traditional(line):
            assert to_simplified(line) == opencc_but_common_forms(t2s, line)


def test_a_rare_simplified_form_is_not_written():
    # OpenCC turns 劏 into 㓥, which simplified text does not use: 劏房 is written 劏房.
    assert to_simplified("約9.2萬戶居於劏房") == "约9.2万户居于劏房"


def opencc_but_common_forms(t2s: opencc.OpenCC, text: str) -> str:
    """OpenCC t2s, except that a common character whose simplified form is a rare one
    (劏 -> 㓥) stays as it is: simplified text writes it so."""
    out = t2s.convert(text)
    assert len(out) == len(text)
    common = ("\u4e00", "\u9fff")
    return "".join(
        a if common[0] <= a <= common[1] and not common[0] <= b <= common[1] else b
        for a, b in zip(text, out, strict=True)
    )


def test_same_as_opencc_t2s_on_dictionary_keys_in_any_order():
    keys = [
        line.split("\t")[0]
        for name in ("TSPhrases.txt", "TSCharacters.txt")
        for line in (DICTIONARY / name).read_text(encoding="utf-8").splitlines()
    ]
    t2s, rng = opencc.OpenCC("t2s"), random.Random(7)
    for _ in range(2000):
        text = "".join(rng.choice(keys) for _ in range(rng.randint(1, 12)))
        assert to_simplified(text + "萬") == opencc_but_common_forms(t2s, text + "萬")


@pytest.mark.parametrize(
    "text",
    ["什么 显著 抬头 乾隆 皇后 后来 着力 于是", "已建成5G基站483.8万座"],
    ids=["words", "numbers"],
)
def test_simplified_text_is_left_alone(text):
    assert normalize(text) == text


def test_only_lines_with_traditional_characters_change():
    text = "乾隆年间\n後台數據\n"
    assert to_simplified(text) == "乾隆年间\n后台数据\n"


@pytest.mark.parametrize("path", DOCS, ids=[p.stem for p in DOCS])
def test_length_is_kept(path):
    text = path.read_text(encoding="utf-8")
    assert len(normalize(text)) == len(text)


def test_full_width_folds_one_to_one():
    assert fold_width("５Ｇ基站４８３．８万座，占９５％　") == "5G基站483.8万座,占95% "
