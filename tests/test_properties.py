"""What holds for any input: extract() never raises, and every claim's text is the original's
slice at its offsets. Hypothesis tries any Unicode text and text built from the pieces a press
release is made of; a must-not-crash corpus holds the inputs that break number parsers.

The 50 MB single line runs through the command line when PRESSMINE_SLOW_TESTS=1 (minutes);
the default run has the same line at 100,000 characters.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pressmine import extract, load_packs
from pressmine.batch import tasks
from pressmine.claim import Claim

SLOW = os.environ.get("PRESSMINE_SLOW_TESTS") == "1"


def assert_claims_hold(text: str, claims: list[Claim]) -> None:
    starts = [c.start for c in claims]
    assert starts == sorted(starts)
    for claim in claims:
        assert 0 <= claim.start < claim.end <= len(text)
        assert text[claim.start : claim.end] == claim.text, claim


# Pieces of press releases: numbers in every script, multipliers, units, qualifiers, change and
# basis words, periods, punctuation, and the odd characters real files hold.
_PIECES = st.sampled_from(
    [
        *"0123456789.,%‰万亿千百十一二三四五六七八九零〇两壹贰叁拾佰仟萬億點",
        *"元个人家座项吨年月日季度倍超约近逾余多以上以下至到-~～、，。；：（）\n\r\t 　",
        *("０", "５", "．", "％", "個", "萬元", "億元", "亿元", "万人次", "个百分点", "百分点"),
        *("同比增长", "同比下降", "比上年", "增长", "下降", "增至", "减少", "提高"),
        *("2025年", "1-11月", "上半年", "截至", "第", "分之", "成", "5G", "十五五"),
        *("\u200b", "\ufeff", "\x00", "\x1b", "𠀀", "é", "ß", "Ω", "١٢٣", "①", "Ⅻ", "🙂"),
    ]
)
RELEASE_LIKE = st.lists(_PIECES, max_size=60).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_any_text(text: str) -> None:
    assert_claims_hold(text, extract(text))


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(RELEASE_LIKE)
def test_release_like_text(text: str) -> None:
    assert_claims_hold(text, extract(text))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.sampled_from(["<p>", "</p>", "<b>", "</b>", "&nbsp;", "&#20159;", "<br>"]) | _PIECES,
        max_size=40,
    ).map("".join)
)
def test_html_claims_hold_in_the_page_source(page: str) -> None:
    # Through the command line's path: claims of the visible text, mapped into the source.
    assert_claims_hold(page, list(tasks._claims("x.html", page, True, load_packs())))


# --- must not crash ------------------------------------------------------------------------


def _long_line(size: int) -> str:
    """One line, no line break: prose with a figure now and then, and no sentence end."""
    prose = "今年以来各地区各部门认真贯彻落实决策部署，经济运行总体平稳，" * 12
    piece = prose + "已建成5G基站483.8万座，"
    return (piece * (size // len(piece) + 1))[:size]


CORPUS = {
    "empty": "",
    "whitespace": " \t\n\r\u3000\u00a0\u2028\u2029\ufeff" * 200,
    "digits": "1" * 10_000,
    "digits-with-unit": "9" * 10_000 + "亿元",
    "decimal-digits": "1" * 500 + "." + "5" * 500 + "%",
    "wan": "万" * 10_000,
    "yi": "一" * 10_000,
    "chinese-number": "一万二千三百四十五亿六千七百八十九万" * 500,
    "separators": "1,000," * 2_000,
    "control": "".join(chr(c) for c in range(32)) * 100 + "\x7f\x85",
    "mixed-scripts": "Привет 483.8万座 مرحبا ١٢٣ שלום 𝟘𝟙𝟚 ①②③ Ⅻ 五〇〇 ５００万 🙂" * 100,
    "private-use": "\ue000\U000f0000483.8万座" * 100,
    "percent-soup": "%%%‰‰百分之百分之" * 1_000,
    "qualifier-soup": "超约近逾余以上以下左右" * 1_000,
    "long-line": _long_line(100_000),
}


@pytest.mark.parametrize("text", CORPUS.values(), ids=CORPUS.keys())
def test_must_not_crash(text: str) -> None:
    assert_claims_hold(text, extract(text))


@pytest.mark.skipif(not SLOW, reason="minutes: set PRESSMINE_SLOW_TESTS=1")
def test_a_50_mb_single_line_through_the_command_line(tmp_path: Path) -> None:
    path = tmp_path / "line.txt"
    path.write_text(_long_line(50_000_000 // 3), encoding="utf-8")  # 3 bytes a character
    proc = subprocess.run(
        [sys.executable, "-m", "pressmine", "extract", str(path), "-f", "jsonl"],
        capture_output=True,
        check=False,
    )
    assert (proc.returncode, proc.stderr) == (0, b"")
    text = path.read_text(encoding="utf-8")
    lines = proc.stdout.splitlines()
    assert len(lines) > 100_000
    for line in lines:
        claim = json.loads(line)
        assert text[claim["start"] : claim["end"]] == claim["text"]
