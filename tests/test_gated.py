"""Gated patterns (regex/gated.py) find exactly what their patterns find, only faster.

A gate is a pack pattern with its numbers loosened to runs of numeral characters; the pattern
is tried only where its gate matches. That is sound only when every match of the pattern is a
match of the gate at the same place: these tests hold the two to the same matches, and check
the two pieces the soundness rests on (the loosened number covers every number, and the
widening is refused where it could lose a match).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pressmine import load_packs
from pressmine.grammar import masking, numbers
from pressmine.regex import cache as regex_cache
from pressmine.regex.gated import GatedPattern
from pressmine.regex.prefilter import chars_of, widened_safely
from pressmine.text.normalize import normalize

ROOT = Path(__file__).resolve().parents[1]
DOCS = [
    normalize(p.read_text(encoding="utf-8"))
    for p in sorted(ROOT.glob("samples/*.txt")) + sorted(ROOT.glob("tests/releases/*.txt"))
]
PACKS = load_packs()


def _all_patterns():
    for r in PACKS.rules:
        yield r.name, r.regex, [ex.text for ex in r.examples]
    for group in (PACKS.not_claim_patterns, PACKS.period_patterns, PACKS.declarations):
        for p in group:
            yield f"{p.pack}:{p.id}", p.regex, []


# Runs of numerals far longer than any number: the gates step aside (see regex/gated.py).
ODD = ["万" * 2000, "一" * 2000, "1" * 3000 + "亿元", "1,000," * 500, "三" * 70 + "斤五两"]
GATED = [(n, rx, ex) for n, rx, ex in _all_patterns() if isinstance(rx, GatedPattern)]
EXAMPLES = [normalize(t) for _, _, ex in GATED for t in ex]


def _found(matches) -> list[tuple]:
    return [(m.span(), m.groups()) for m in matches]


def test_every_pattern_that_inlines_the_number_grammar_is_gated():
    inlining = [n for n, rx, _ in _all_patterns() if numbers.NUMBER in rx.pattern]
    assert len(inlining) >= 20
    assert sorted(inlining) == sorted(n for n, _, _ in GATED)


@pytest.mark.parametrize(
    ("name", "gated"), [(n, rx) for n, rx, _ in GATED], ids=[n for n, _, _ in GATED]
)
def test_a_gated_pattern_finds_what_its_pattern_finds(name, gated):
    plain = gated.regex
    for text in [*DOCS, *EXAMPLES, *ODD]:
        assert _found(gated.finditer(text)) == _found(plain.finditer(text)), name
    # a window of the text, as the period finder searches one: lookbehinds still see before it
    text = DOCS[0]
    for pos, endpos in [(5, 400), (1000, 1003), (len(text) // 2, len(text))]:
        got = _found(gated.finditer(text, pos, endpos))
        assert got == _found(plain.finditer(text, pos, endpos)), (name, pos, endpos)
    assert (gated.search(text) is None) == (plain.search(text) is None)


# Texts made of what numbers, units and the words around them are written with, so that
# numbers start and stop in every possible place.
_ALPHABET = list(
    "0123456789.,%-至到又分之成半零一二两三四五六七八九十百千万亿"
    + "个元米斤两年月日季度前第约超增长下降同比"
)
_TEXTS = st.text(alphabet=st.sampled_from(_ALPHABET), min_size=1, max_size=40)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts=st.lists(_TEXTS, min_size=1, max_size=5))
def test_gated_patterns_agree_on_generated_texts(texts):
    for text in texts:
        for name, gated, _ in GATED:
            assert _found(gated.finditer(text)) == _found(gated.regex.finditer(text)), (name, text)


def test_the_loose_number_covers_every_number():
    loose_source, too_long_source = masking.loose_number()
    loose, too_long = regex_cache.compile(loose_source), regex_cache.compile(too_long_source)
    numeral_run = re.compile(f"{chars_of(numbers.NUMBER)}+")
    found = 0
    for text in [*DOCS, *EXAMPLES, *ODD]:
        for m in numbers.NUMBER_RE.finditer(text):
            if m.end() > m.start():
                found += 1
                assert numeral_run.fullmatch(m.group()), m.group()
                if m.end() - m.start() > masking.LOOSE_LIMIT + 1:
                    assert too_long.search(text), m.group()  # the text is matched without gates
                else:
                    wide = loose.match(text, m.start())
                    assert wide and wide.end() >= m.end(), m.group()
    assert found > 1000


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        ("超N个", True),
        ("(?:N|半)成", True),  # a branch, as long as the marker is not folded into a class
        ("N(?=至N)", True),  # a lookahead may hold it: it only asks whether a match exists
        ("(?>N)个", False),  # atomic: a longer loose match commits and then fails
        ("(?:N个)++", False),  # possessive: the same
        ("(?!N)个", False),  # a wider N refuses texts the original accepts
        ("(?P<v>N)个(?P=v)", False),  # a wider group captures other text
        ("(?:N)?", False),  # may match empty: finditer's rules for empty matches differ
    ],
)
def test_widening_is_refused_where_it_could_lose_a_match(pattern, expected):
    marker = "\U0010fffd\U0010fffd"
    assert widened_safely(pattern.replace("N", marker), marker) is expected


def test_chars_of():
    assert chars_of(r"(?<![a-z])[0-9]+(?:点[0-9]+)?(?!%)") == "[0-9点]"
    assert chars_of(r"\d+[万亿]") == r"[\d万亿]"
    assert chars_of(r"a.b") is None  # any character: no class
    assert chars_of(r"[^,]+") is None
    assert re.fullmatch(chars_of(r"[\-\]^]"), "]")
