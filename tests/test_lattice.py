"""The words of a window read from its document cut whole (text/lattice.py) are the words the
segmenter gives the window cut on its own, whenever the lattice answers at all."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from pressmine.packs.loader import load_packs
from pressmine.text import segment
from pressmine.text.lattice import DocumentWords
from pressmine.text.normalize import normalize

ROOT = Path(__file__).resolve().parents[1]
TEXTS = sorted(ROOT.glob("samples/*.txt")) + sorted(ROOT.glob("tests/releases/*.txt"))


def _cut(text: str) -> list[str]:
    return segment._backend()[1](text)


def _alone(text: str, lo: int, hi: int) -> list[tuple[str, int, int]]:
    out, pos = [], lo
    for word in _cut(text[lo:hi]):
        out.append((word, pos, pos + len(word)))
        pos += len(word)
    return out


@pytest.mark.parametrize("whole", [False, True], ids=["by-clause", "whole"])
@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.stem)
def test_a_window_reads_as_when_cut_alone(path: Path, whole: bool) -> None:
    # rjieba cuts a document whole, in one call (segment._whole_document); jieba clause by clause.
    tokenize = segment._whole_document() if whole else None
    if whole and tokenize is None:
        pytest.skip("the segmenter cuts clause by clause (rjieba is not installed)")
    text = normalize(path.read_text(encoding="utf-8"))
    doc = DocumentWords(text, _cut, whole=tokenize)
    answered = 0
    for lo, hi in _random_windows(text, path.stem):
        words = doc.window(lo, hi)
        if words is None:
            continue
        answered += 1
        assert words == _alone(text, lo, hi), text[lo:hi]
    assert answered > 20  # windows that start and end on word boundaries are answered


def _random_windows(text: str, seed: str) -> list[tuple[int, int]]:
    rng = random.Random(seed)
    starts = [rng.randrange(len(text)) for _ in range(400)]
    return [(lo, min(len(text), lo + rng.randint(1, 60))) for lo in starts]


def test_a_window_that_cuts_a_word_is_not_answered() -> None:
    text = "规模以上工业企业实现利润总额"
    doc = DocumentWords(text, _cut)
    assert doc.window(1, 8) is None  # 模以上…: inside 规模
    assert [w for w, _, _ in doc.window(0, len(text)) or []] == _cut(text)


def test_separators_are_words_of_their_own() -> None:
    text = "出口增长5.9%,进口(含转口)下降。"
    doc = DocumentWords(text, _cut)
    assert doc.window(0, len(text)) == _alone(text, 0, len(text))


def test_a_window_across_clauses_reads_as_one() -> None:
    text = "出口增长5.9%。\n进口下降!全年持平，其中一般贸易增长;加工贸易：下降"
    doc = DocumentWords(text, _cut)
    assert doc.window(2, len(text) - 2) == _alone(text, 2, len(text) - 2)
    assert doc.window(0, len(text)) == _alone(text, 0, len(text))
    assert doc.window(len(text), len(text)) == []


def test_a_text_with_carriage_returns_is_cut_window_by_window() -> None:
    assert DocumentWords("出口\r\n进口", _cut).window(0, 2) is None


def test_spans_reads_the_document_being_read() -> None:
    text = normalize(TEXTS[0].read_text(encoding="utf-8"))
    segment.new_document(text)
    try:
        lo = text.index(",") + 1
        hi = text.index(",", lo)
        assert segment.spans(text[lo:hi], lo) == _alone(text, lo, hi)
        assert segment._document is not None and segment._document.window(lo, hi) is not None
        assert segment.spans("另一个文本", 3) == _alone("xxx另一个文本", 3, 8)  # not a window of it
    finally:
        segment.new_document()


def test_split_words_read_from_a_stretch_are_those_of_the_window() -> None:
    text = normalize(TEXTS[0].read_text(encoding="utf-8"))
    split = load_packs().subject_vocabulary.cut
    doc = DocumentWords(text, _cut, segment._split_words)
    answered = 0
    for lo, hi in _random_windows(text, "split"):
        words = doc.window(lo, hi, split)
        if words is None:
            continue
        answered += 1
        assert words == segment._split_words(_alone(text, lo, hi), split), text[lo:hi]
    assert answered > 20


def test_words_between_reads_the_document_being_read() -> None:
    text = normalize(TEXTS[0].read_text(encoding="utf-8"))
    segment.new_document(text)
    try:
        lo = text.index(",") + 1
        hi = text.index(",", lo)
        assert segment.words_between(text, lo, hi) == _alone(text, lo, hi)
        other = "xxx另一个文本"
        assert segment.words_between(other, 3, 8) == _alone(other, 3, 8)  # not the document
    finally:
        segment.new_document()
