"""Alternations compiled with their alternatives grouped by first character (regex/branches.py)
and rules skipped where a text lacks what they need (regex/required.py) must find exactly
what the plain pattern finds."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pressmine import load_packs
from pressmine.claims import spaces
from pressmine.grammar import masking
from pressmine.regex import cache as regex_cache
from pressmine.regex import required
from pressmine.regex.pairs import pairs_of
from pressmine.text.normalize import normalize

ROOT = Path(__file__).resolve().parents[1]
UNITS = ["公里", "公斤", "公", "米", "平方米", "平方公里", "平米", "个", "家", "座", "项", "次"]
TEXT = "5公里 3公斤 2公 7米 9平方公里 4平方米 1平米 6个 8家 2座 3项 1次 5公顷 4平方 3个月 2家次"


@pytest.mark.parametrize(
    "pattern",
    [
        "[0-9](?:" + "|".join(UNITS) + ")",
        "[0-9](?:" + "|".join(UNITS * 4) + ")",  # cut into blocks
        "[0-9](?:" + "|".join(UNITS[::-1]) + ")",  # the shorter word first wins
        "[0-9](?:公|[平米]|公里|米|)(?P<m>月)?",  # a class between words: no word moves across
        "[0-9](?:(?P<a>公)里|(?P<b>公)斤|公)",  # groups inside grouped words
        "[0-9](?:公里|公斤)+(?:个|家)*?次?",
        "(?<=(?:公里|千米|公尺))[0-9]",  # a lookbehind keeps its fixed width
    ],
)
def test_grouped_alternatives_find_the_same(pattern: str) -> None:
    plain = re.compile(pattern)
    fast = regex_cache.compile(pattern)
    assert [m.regs for m in fast.finditer(TEXT)] == [m.regs for m in plain.finditer(TEXT)]
    for start in range(len(TEXT)):  # the first match at each place, as match() finds it
        got, want = fast.match(TEXT, start), plain.match(TEXT, start)
        assert (got and got.regs) == (want and want.regs)


def _texts() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(ROOT.glob("samples/*.txt"))]
    texts += [p.read_text(encoding="utf-8") for p in sorted(ROOT.glob("tests/releases/*.txt"))]
    return [spaces.squeeze(normalize(t))[0] for t in texts]


def test_a_rule_is_skipped_only_where_it_finds_nothing() -> None:
    packs = load_packs()
    patterns = [(r.name, r.regex) for r in packs.rules]
    patterns += [(f"{p.pack}:{p.id}", p.regex) for p in packs.not_claim_patterns]
    skipped = 0
    for text in _texts():
        masked, present = masking.mask_numbers(text), required.Present(text)
        for name, regex in patterns:
            searched = masking.texts_for(regex.pattern, text, masked)
            if not required.may_search(regex, searched, present):
                skipped += 1
                assert next(regex.finditer(searched), None) is None, name
    assert skipped > 0


def test_what_a_pattern_needs() -> None:
    assert set(required.needs_of("(?<![0-9])[0-9]+级(?=地震)")) == {"级", "地", "震"}
    assert required.needs_of("[0-9]+(?:公里|米)") == ("公米", "0123456789")  # smallest first
    assert required.needs_of("(?:公里|米|.)") == ()  # any character: nothing known
    assert required.needs_of("(?!万)个?") == ()  # what a match refuses is not needed


def test_the_pairs_a_pattern_needs() -> None:
    assert pairs_of("(?<=[万亿])度") == ("万度", "亿度")  # a lookbehind's last character
    assert pairs_of("(?:出口|进口)[0-9]+") == ("出口", "进口")  # one of each alternative
    assert pairs_of("出?口") == ()  # an optional character is no neighbour
    assert pairs_of("(?:出口|.)") == ()  # an alternative with no pair: nothing known
    assert pairs_of(r"进\d+") == ()  # every digit of Unicode: too many to pair
    assert pairs_of("进(?:[0-9]+个)+")[:2] == ("0个", "1个")  # a repeat ends as its body does
    assert pairs_of("(?=出口)[^,]") == ("出口",)  # what a lookahead sees is in the text
