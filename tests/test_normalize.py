"""normalize(): length kept, only traditional lines converted, the same output as OpenCC t2s."""

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
            assert to_simplified(line) == t2s.convert(line)


def test_same_as_opencc_t2s_on_dictionary_keys_in_any_order():
    keys = [
        line.split("\t")[0]
        for name in ("TSPhrases.txt", "TSCharacters.txt")
        for line in (DICTIONARY / name).read_text(encoding="utf-8").splitlines()
    ]
    t2s, rng = opencc.OpenCC("t2s"), random.Random(7)
    for _ in range(2000):
        text = "".join(rng.choice(keys) for _ in range(rng.randint(1, 12)))
        assert to_simplified(text + "萬") == t2s.convert(text + "萬")  # 萬: always converted


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
