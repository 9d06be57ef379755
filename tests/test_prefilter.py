"""The first-character table regex/cache.py adds to a program, and the lookaheads it puts before
long alternations, must never change what it finds."""

from __future__ import annotations

import re
from pathlib import Path
from re import _parser  # type: ignore[attr-defined]

import pytest

from pressmine import load_packs
from pressmine.regex import cache as regex_cache
from pressmine.regex.prefilter import first_chars, guard_branches, start_set
from pressmine.text.normalize import normalize

ROOT = Path(__file__).resolve().parents[1]
TEXT = normalize(
    "\n".join(p.read_text(encoding="utf-8") for p in sorted(ROOT.glob("samples/*.txt")))
    + "\n约三成 百分之四十 三分之一 3至5万元 下午3点 第二 (二) 2025年1-11月 ２０２５年 ٣ 个"
)


def _patterns():
    packs = load_packs()
    for r in packs.rules:
        yield r.name, r.pattern
    for group in (packs.not_claim_patterns, packs.period_patterns, packs.declarations):
        for p in group:
            yield f"{p.pack}:{p.id}", p.source


PATTERNS = list(_patterns())


@pytest.mark.parametrize(("name", "pattern"), PATTERNS, ids=[n for n, _ in PATTERNS])
def test_the_table_finds_exactly_the_same_matches(name, pattern):
    plain = re.compile(pattern, re.VERBOSE)
    fast = regex_cache.compile(pattern, re.VERBOSE)
    assert [m.regs for m in fast.finditer(TEXT)] == [m.regs for m in plain.finditer(TEXT)]


def test_most_pack_patterns_get_a_table():
    """The speed of the packs rests on this: a pattern without a known start is tried at every
    character. Those that may start anywhere are few and named here."""
    without = sorted(name for name, pattern in PATTERNS if start_set(pattern, re.VERBOSE) is None)
    assert len(without) <= len(PATTERNS) // 10, without


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"(?:超|约)?[0-9]+个", set("超约0123456789")),
        (r"(?<![a-z])百分之", {"百"}),
        (r"\s?元", None),  # can start with any space or 元: fine, but \s? makes 元 optional-first
        (r".+", None),
        (r"a?", None),
        (r"[^,]+", None),
    ],
    ids=["optional-qualifier", "lookbehind", "space", "any", "nullable", "negated"],
)
def test_first_chars(pattern, expected):
    got = first_chars(pattern)
    if expected is None and pattern == r"\s?元":
        assert got is not None and "元" in got and " " in got
    else:
        assert got == expected


WORDS = "|".join(["公里", "千米", "米", "公斤", "千克", "克", "吨", "元", "万元", "亿元"] * 2)


def _ops(pattern: str, flags: int = 0) -> list[str]:
    tree = _parser.parse(pattern, flags)
    guard_branches(tree)
    return [str(op) for op, _ in tree]


def test_a_long_alternation_gets_a_lookahead_on_its_first_characters():
    assert _ops(f"[0-9]+(?:{WORDS})") == ["MAX_REPEAT", "ASSERT", "BRANCH"]
    fast = regex_cache.compile(f"[0-9]+(?:{WORDS})", 0)
    assert [m.group() for m in fast.finditer("5公里,12万元和3米")] == ["5公里", "12万元", "3米"]


@pytest.mark.parametrize(
    "pattern",
    [
        "[0-9]+(?:公里|米)",  # too short to be worth a lookahead
        f"[0-9]+(?:{WORDS}|)",  # may match nothing: every place may be its start
        f"[0-9]+(?:{WORDS}|.)",  # may start with any character
        f"(?i)[0-9]+(?:{WORDS})",  # a class would need the cased variants
    ],
)
def test_alternations_left_alone(pattern):
    assert "ASSERT" not in _ops(pattern)
