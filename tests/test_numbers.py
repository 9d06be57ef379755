"""Tests for pressmine.grammar: the NUMBER / APPROX_NUMBER grammar and their exact parsers."""

import contextlib
import re
import time
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pressmine.grammar.masking import NUMBER_TOKEN, mask_numbers
from pressmine.grammar.numbers import APPROX_NUMBER, NUMBER, is_chinese_numeral
from pressmine.grammar.parse import approx_has_floor as numbers_approx_has_floor
from pressmine.grammar.parse import parse_approx, parse_fraction, parse_number

NUMBER_RE = re.compile(NUMBER)
APPROX_RE = re.compile(APPROX_NUMBER)


def rows(form: str, table: list[tuple[str, str]]) -> list:
    """Parametrise (text, expected) with ids like 'mixed-32105'."""
    return [pytest.param(text, Decimal(value), id=f"{form}-{value}") for text, value in table]


ARABIC = [
    ("3", "3"),
    ("483.8", "483.8"),
    ("0.5", "0.5"),
    ("1,234", "1234"),
    ("1,234,567.89", "1234567.89"),
    ("01.10", "1.10"),
    ("10,000.233", "10000.233"),
    ("100000", "100000"),
]
SIGNS = [
    ("-3.31", "-3.31"),
    ("−2", "-2"),
    ("+5", "5"),
    ("负三", "-3"),
    ("負三十二", "-32"),
    ("正三", "3"),
    ("负1,200,000", "-1200000"),
    ("负零点一", "-0.1"),
    ("-10.1万", "-101000"),
]
CHINESE = [
    ("零", "0"),
    ("三", "3"),
    ("两", "2"),
    ("十", "10"),
    ("十二", "12"),
    ("二十", "20"),
    ("一十一", "11"),
    ("一百零五", "105"),
    ("一百十六", "116"),
    ("两千三百", "2300"),
    ("一千零一", "1001"),
    ("一千零十", "1010"),
    ("一万二", "12000"),
    ("三千五", "3500"),
    ("两百五", "250"),
    ("一亿三", "130000000"),
    ("十三万五", "135000"),
    ("三万四千", "34000"),
    ("十万八千", "108000"),
    ("一亿三千万", "130000000"),
    ("一亿一万", "100010000"),
    ("千一", "1100"),
    ("百二萬", "1200000"),
    ("廿二", "22"),
    ("五百卅四", "534"),
    ("一萬零卌", "10040"),
    ("四亿五千六百四十二万零一十五", "456420015"),
]
FINANCIAL = [
    ("壹佰贰拾叁", "123"),
    ("壹拾壹", "11"),
    ("貳佰零參", "203"),
    ("參萬肆仟伍佰陸拾柒", "34567"),
    ("壹亿伍仟万陆仟叁佰伍拾伍", "150006355"),
    ("伍万", "50000"),
    ("七十八万五佰零六", "780506"),
    ("壹", "1"),
    ("參拾參", "33"),
    ("伍佰參拾肆", "534"),
    ("倆千两百贰拾二", "2222"),
    ("拾", "10"),
    ("百", "100"),
    ("伍", "5"),
]
DECIMALS_WITH_DIAN = [
    ("两百点五", "200.5"),
    ("三点一四", "3.14"),
    ("五十五点五七九", "55.579"),
    ("零点零零一", "0.001"),
    ("十二点零", "12.0"),
    ("一百点123", "100.123"),
    ("两千三点一", "2300.1"),
    ("三点五万", "35000"),
    ("二十三点五万", "235000"),
    ("两千万点五五四四", "20000000.5544"),
    ("壹点贰", "1.2"),
]
# Taiwan's press writes decimals with a dot between Chinese numerals (三.三二%, ○.○四個百分點).
DECIMALS_WITH_DOT = [
    ("三.三二", "3.32"),
    ("○.○四", "0.04"),
    ("○.一", "0.1"),
    ("十一.二三", "11.23"),
    ("四十.六万", "406000"),
    ("三十九.九萬", "399000"),
    ("二.九万", "29000"),
    ("一一六一.二万", "11612000"),
    ("一一六一万", "11610000"),
    ("两千三.一", "2300.1"),
]
DIGIT_STRINGS = [
    ("二〇二五", "2025"),
    ("二○二五", "2025"),
    ("一九九八", "1998"),
    ("六五", "65"),
    ("〇", "0"),
    ("三〇〇", "300"),
    ("零一", "1"),
    ("幺八九", "189"),
    ("一二三", "123"),
    ("一七二零点一", "1720.1"),
    ("一二点三零", "12.30"),
    ("壹壹", "11"),
    ("一一", "11"),
]
MIXED = [
    ("483.8万", "4838000"),
    ("1.2万亿", "1200000000000"),
    ("3万2,105", "32105"),
    ("3万2105", "32105"),
    ("5亿1万4千6百", "500014600"),
    ("2千零30万", "20300000"),
    ("1千万", "10000000"),
    ("3百", "300"),
    ("12万亿", "12000000000000"),
    ("4.5千", "4500"),
    ("十2", "12"),
    ("1万2", "12000"),
    ("1百01", "101"),
    ("200亿零四千230", "20000004230"),
    ("1,100.9亿", "110090000000"),
    ("500千", "500000"),
]
SUFFIXED = [
    ("2e5", "200000"),
    ("12.32e+14", "1232000000000000"),
    ("-12e-1", "-1.2"),
    ("2.7890e-1", "0.2789"),
    ("2^5", "32"),
    ("2.5^-1", "0.4"),
    ("100k", "100000"),
    ("1.04M", "1040000"),
    (".0012G", "1200000"),
    (".77", "0.77"),
    ("-.5", "-0.5"),
]
RARE_FORMS = [
    ("萬九", "19000"),
    ("五兆六十二亿四万五千二", "5006200045200"),
    ("一万零百一十一", "10111"),
    ("零十", "10"),
    ("零三十", "30"),
]
SCALES = [
    ("十万", "100000"),
    ("百万", "1000000"),
    ("千万", "10000000"),
    ("二十万亿", "20000000000000"),
    ("十万亿", "10000000000000"),
    ("一亿亿", "10000000000000000"),
    ("四万万", "400000000"),
    ("一万五千亿", "1500000000000"),
    ("一千一百一十一万一千一百一十一亿", "1111111100000000"),
    ("九千八百七十六万五千四百三十二亿九千八百七十六万五千四百三十二", "9876543298765432"),
]


def miss(text: str, value: str, name: str, reason: str):
    """A form deliberately not supported: the row must fail (strict xfail)."""
    mark = pytest.mark.xfail(strict=True, reason=reason)
    return pytest.param(text, value, id=f"miss-{name}", marks=mark)


KNOWN_MISSES = [
    miss("3点5", "3.5", "arabic-dian", "3点5 after an Arabic digit is usually a clock time"),
    miss("两百点两", "200.2", "dian-liang", "两 is no decimal digit: 两百点两 is 200 and 2"),
    miss("7 万5 千", "75000", "spaces", "NUMBER has no spaces: claims/spaces.py squeezes them out"),
    miss("一半", "0.5", "half", "半 is a fraction word: parse_fraction / quantities read it"),
    miss("二分之一", "0.5", "fraction", "分之 fractions are parse_fraction's"),
    miss("半百", "50", "half-hundred", "半百 (fifty) is an idiom, not a written number"),
]


@pytest.mark.parametrize(
    ("text", "expected"),
    rows("arabic", ARABIC)
    + rows("sign", SIGNS)
    + rows("chinese", CHINESE)
    + rows("financial", FINANCIAL)
    + rows("dian", DECIMALS_WITH_DIAN)
    + rows("dot", DECIMALS_WITH_DOT)
    + rows("digits", DIGIT_STRINGS)
    + rows("mixed", MIXED)
    + rows("scales", SCALES)
    + rows("suffixed", SUFFIXED)
    + rows("rare", RARE_FORMS)
    + KNOWN_MISSES,
)
def test_number_matches_in_full_and_parses_exactly(text, expected):
    assert NUMBER_RE.fullmatch(text), f"NUMBER does not match {text!r} in full"
    value = parse_number(text)
    assert isinstance(value, Decimal)
    assert value == Decimal(expected)


NOT_NUMBERS = [
    pytest.param("", id="empty"),
    pytest.param("十十", id="ten-ten"),
    pytest.param("点", id="dian"),
    pytest.param("万", id="wan"),
    pytest.param("亿万", id="yi-wan"),
    pytest.param("万亿", id="wan-yi"),
    pytest.param("负", id="sign-only"),
    pytest.param("-", id="minus-only"),
    pytest.param("零点", id="zero-dian"),
    pytest.param("点零", id="dian-zero"),
    pytest.param("零点点", id="zero-dian-dian"),
    pytest.param("零点零大", id="trailing-word"),
    pytest.param("10..1万", id="double-dot"),
    pytest.param("1,23", id="short-group"),
    pytest.param("一万一万", id="same-big-twice"),
    pytest.param("千百", id="qian-bai"),
    pytest.param("百姓", id="bai-in-a-word"),
    pytest.param("队伍", id="wu-in-a-word"),
    pytest.param("陆续", id="lu-in-a-word"),
    pytest.param("两百点两", id="dian-liang"),
    pytest.param("○", id="lone-circle"),
    pytest.param("三四", id="pair-is-a-range"),
    pytest.param("十几", id="approx-teens"),
    pytest.param("3 ", id="trailing-space"),
    pytest.param("元整", id="money-words"),
    pytest.param(
        "10.1万零100",
        id="decimal-then-more",
        marks=pytest.mark.xfail(
            strict=True, reason="accepted as 101100, which cn2an's strict mode rejects"
        ),
    ),
]


@pytest.mark.parametrize("text", NOT_NUMBERS)
def test_not_a_number_raises(text):
    with pytest.raises(ValueError):
        parse_number(text)


@pytest.mark.parametrize("bad", [None, 3, b"3"], ids=["none", "int", "bytes"])
def test_parse_number_rejects_non_strings(bad):
    with pytest.raises(ValueError):
        parse_number(bad)


FOUND_IN_TEXT = [
    ("1,234", ["1,234"]),
    ("782,死亡855人", ["782", "855"]),
    ("1,2345", ["1", "2345"]),
    ("12,345,67", ["12,345", "67"]),
    ("5G基站", ["5G"]),
    ("15GB", ["15"]),
    ("2025年", ["2025"]),
    ("增长12.5%", ["12.5"]),
    ("2020-2025年", ["2020", "2025"]),
    ("1万-5万元", ["1万", "5万"]),
    ("下降-3.31%", ["-3.31"]),
    ("建成483.8万座", ["483.8万"]),
    ("500千米", ["500千"]),
    ("3万元", ["3万"]),
    ("百分之五十五点五七九", ["五十五点五七九"]),
    ("二〇二五年第一季度", ["二〇二五", "一"]),
    ("百姓", []),
    ("队伍十分", ["十"]),
    ("陆续", []),
    ("收拾", []),
    ("千百年", []),
    ("万一", ["万一"]),
    ("两百点两", ["两百", "两"]),
    ("阳光九九是品牌", []),
    ("编号零一", ["零一"]),
    ("三十两", ["三十"]),
    ("一两天", []),
    ("五兆六十二亿", ["五兆六十二亿"]),
    ("十几万人", []),
    ("二十几个", []),
    ("数十亿元", []),
    ("几百家", []),
    ("三四十家", []),
    ("三五天", []),
    ("一百多万", ["一百"]),
    ("五兆瓦", ["五"]),
    ("No.5", ["5"]),  # the packs keep a number after a letter and a dot out
    ("3点5分", ["3", "5"]),
    ("下午三点三十分", ["三", "三十"]),
    ("三点五万", ["三点五万"]),
    # a dot is a decimal point only between two Chinese numerals
    ("失业率三.三二%、", ["三.三二"]),
    ("下降○.○四个百分点", ["○.○四"]),
    ("就业人数一一六一.二万人", ["一一六一.二万"]),
    ("增长2.5%", ["2.5"]),
    ("3.5万", ["3.5万"]),
    ("共三。二是", ["三", "二"]),
    ("一.概况", ["一"]),
    ("三.3", ["三", ".3"]),
    ("○.", []),
    ("二〇万", []),
]


@pytest.mark.parametrize(
    ("text", "found"),
    [pytest.param(t, f, id=f"find-{i}") for i, (t, f) in enumerate(FOUND_IN_TEXT)],
)
def test_number_finds_the_longest_numbers_in_text(text, found):
    assert [m.group() for m in NUMBER_RE.finditer(text)] == found


@pytest.mark.parametrize(
    ("text", "found"),
    [pytest.param(t, f, id=f"mask-{i}") for i, (t, f) in enumerate(FOUND_IN_TEXT)],
)
def test_the_number_token_finds_on_masked_text_what_number_finds(text, found):
    masked = mask_numbers(text)
    assert len(masked) == len(text)
    assert [text[m.start() : m.end()] for m in re.finditer(NUMBER_TOKEN, masked)] == found


# A sign stays written in the masked text, so a pattern may read it as a range's dash, as it
# could with NUMBER itself: (number)(unit)?-(number) over the masked text.
SIGN_OR_DASH = [
    ("1.6m-3.9m", ("1.6", "3.9")),
    ("1万(含)-5万元", ("1万", "5万")),
    ("5k-20k", ("5k", "20k")),
]


@pytest.mark.parametrize(("text", "bounds"), SIGN_OR_DASH, ids=[r[0] for r in SIGN_OR_DASH])
def test_a_sign_after_a_number_may_be_a_range_dash(text, bounds):
    for pattern, rx in (("number", NUMBER), ("token", NUMBER_TOKEN)):
        subject = mask_numbers(text) if pattern == "token" else text
        m = re.fullmatch(f"({rx})[^-]*-({rx})[^-]*", subject)
        assert m is not None, pattern
        assert (text[m.start(1) : m.end(1)], text[m.start(2) : m.end(2)]) == bounds


def test_a_signed_number_keeps_its_sign_in_the_token():
    text = "下降-3.31%,负三个"
    masked = mask_numbers(text)
    assert [text[m.start() : m.end()] for m in re.finditer(NUMBER_TOKEN, masked)] == [
        "-3.31",
        "负三",
    ]
    # no sign where NUMBER sees none: 2020-2025 is a span of years
    years = "2020-2025"
    found = [years[m.start() : m.end()] for m in re.finditer(NUMBER_TOKEN, mask_numbers(years))]
    assert found == ["2020", "2025"]


APPROX = [
    ("十几", "10", "20"),
    ("十几万", "100000", "200000"),
    ("十数万", "100000", "200000"),
    ("二十几", "20", "30"),
    ("二十几万", "200000", "300000"),
    ("三千四百五十几万", "34500000", "34600000"),
    ("一百零几万", "1000000", "1100000"),
    ("肆拾幾亿", "4000000000", "5000000000"),
    ("几十", "10", "100"),
    ("数十", "10", "100"),
    ("几百", "100", "1000"),
    ("数百", "100", "1000"),
    ("数千", "1000", "10000"),
    ("几千", "1000", "10000"),
    ("数万", "10000", "100000"),
    ("几十万", "100000", "1000000"),
    ("数百万", "1000000", "10000000"),
    ("数千万", "10000000", "100000000"),
    ("数十亿", "1000000000", "10000000000"),
    ("几亿", "100000000", "1000000000"),
    ("三四十", "30", "40"),
    ("两三万", "20000", "30000"),
    ("一两", "1", "2"),
    ("三五百", "300", "500"),
    ("八九亿", "800000000", "900000000"),
]


@pytest.mark.parametrize(
    ("text", "low", "high"), [pytest.param(*r, id=f"approx-{r[1]}-{r[2]}") for r in APPROX]
)
def test_approx_bounds(text, low, high):
    assert APPROX_RE.fullmatch(text)
    assert parse_approx(text) == (Decimal(low), Decimal(high))
    assert list(NUMBER_RE.finditer(text)) == [], "NUMBER must not claim part of a vague number"


@pytest.mark.parametrize(
    "text", ["", "几", "数", "十", "三", "一百多", "百余", "几个", "十几几", "一二三"]
)
def test_not_approx(text):
    with pytest.raises(ValueError):
        parse_approx(text)


@pytest.mark.parametrize(
    ("text", "floor"),
    [("二十几万", True), ("一百零几万", True), ("十几", True), ("数万", False), ("三四十", False)],
)
def test_a_teen_form_has_a_floor(text, floor):
    assert numbers_approx_has_floor(text) is floor


FRACTIONS = [
    ("二分之一", "0.5"),
    ("五分之一", "0.2"),
    ("一百分之二", "0.02"),
    ("负一又二分之一", "-1.5"),
    ("三百五又三分之一", "350.3333333333333333333333333"),
    ("负3分之负一百五十七", "52.33333333333333333333333333"),
    ("二十五分之一千零拾肆", "40.56"),
    ("一百万又五十万分之二十五", "1000000.00005"),
    ("四分一", "0.25"),
    ("十份十一", "1.1"),
    ("3/5", "0.6"),
    ("-3/2", "-1.5"),
    ("1 3/5", "1.6"),
    ("4 6/3", "6"),
]


@pytest.mark.parametrize(("text", "value"), FRACTIONS, ids=[f"fraction-{v}" for _, v in FRACTIONS])
def test_fractions_parse(text, value):
    assert parse_fraction(text) == Decimal(value)


@pytest.mark.parametrize("text", ["", "分之一", "三分之", "1/0", "3//5", "三"])
def test_not_a_fraction(text):
    with pytest.raises(ValueError):
        parse_fraction(text)


def test_number_and_approx_are_disjoint_on_number_rows():
    for text, _ in (
        ARABIC + SIGNS + CHINESE + FINANCIAL + DECIMALS_WITH_DIAN + DIGIT_STRINGS + MIXED
    ):
        assert list(APPROX_RE.finditer(text)) == [], text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("三个", True),
        ("两千万", True),
        ("壹佰", True),
        ("3万", False),
        ("483.8", False),
        ("个", False),
    ],
    ids=["san-ge", "liang-qian-wan", "financial", "arabic-wan", "arabic", "no-numeral"],
)
def test_is_chinese_numeral(text, expected):
    assert is_chinese_numeral(text) is expected


def test_sources_embed_in_bigger_patterns():
    for source in (NUMBER, APPROX_NUMBER):
        assert re.compile(source).groups == 0
        assert " " not in source and "#" not in source and "(?i" not in source
    plain = re.compile(f"({NUMBER})%")
    verbose = re.compile(f"({NUMBER})%", re.VERBOSE)
    text = "增长-3.31%，占比1,234.5%，百分之五十五点五七九%"
    assert plain.findall(text) == verbose.findall(text) == ["-3.31", "1,234.5", "五十五点五七九"]


DIGIT_NAMES = "零一二三四五六七八九"


def to_chinese(n: int) -> str:
    """Standard reading of 0 <= n < 10^16, the way a release writes it."""
    if n == 0:
        return "零"
    sections = [n // 10**k % 10**4 for k in (12, 8, 4, 0)]
    units = ["万亿", "亿", "万", ""]
    out, need_zero = "", False
    for value, unit in zip(sections, units, strict=True):
        if value == 0:
            need_zero = bool(out)
            continue
        if out and (need_zero or value < 1000):
            out += "零"
        out += _section_to_chinese(value) + unit
        need_zero = False
    return out


def _section_to_chinese(value: int) -> str:
    out, zero = "", False
    for exponent, scale in ((3, "千"), (2, "百"), (1, "十"), (0, "")):
        digit = value // 10**exponent % 10
        if digit == 0:
            zero = bool(out)
            continue
        out += ("零" if zero else "") + DIGIT_NAMES[digit] + scale
        zero = False
    return out


@given(st.integers(min_value=0, max_value=10**16 - 1))
def test_any_standard_chinese_reading_round_trips(n):
    assert parse_number(to_chinese(n)) == n


@given(st.integers(min_value=0, max_value=10**30), st.integers(min_value=0, max_value=10**6))
def test_any_arabic_number_round_trips(whole, fraction):
    assert parse_number(f"{whole:,}.{fraction}") == Decimal(f"{whole}.{fraction}")
    assert parse_number(f"{whole}") == whole


@given(st.integers(min_value=1, max_value=9999), st.integers(min_value=1, max_value=9))
def test_a_lone_digit_after_wan_is_thousands(head, digit):
    assert parse_number(f"{to_chinese(head)}万{DIGIT_NAMES[digit]}") == head * 10**4 + digit * 1000


def test_pathological_inputs_are_fast():
    inputs = [
        "7" * 10_000,
        "万" * 5_000,
        "一" * 5_000,
        "一" * 5_000 + "十",
        "一万" * 2_500,
        "1" + ",000" * 3_000,
        "1万" * 2_500,
        "十几" * 2_500,
        "三点" * 3_000,
        "伍" * 5_000,
    ]
    embedded = re.compile(f"(?:{NUMBER})%")
    start = time.perf_counter()
    for text in inputs:
        list(NUMBER_RE.finditer(text))
        list(APPROX_RE.finditer(text))
        embedded.search(text)
        with contextlib.suppress(ValueError):
            parse_number(text)
    assert time.perf_counter() - start < 2.0
    assert parse_number("7" * 10_000) == Decimal("7" * 10_000)


# parse_number reads plain Arabic numbers (5.9, 1,234, 483.8万) and lone Chinese digits without
# the grammar (parse._parse_number); the result must be the grammar's to the last exponent.
_PLAIN = r"(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?(?:万亿|万|亿)?"


def _outcome(parse, text):
    try:
        value = parse(text)
    except ValueError:
        return "not a number"
    return str(value), value.as_tuple()


@given(st.from_regex(_PLAIN, fullmatch=True))
def test_the_fast_path_reads_plain_numbers_as_the_grammar_does(text):
    from pressmine.grammar import parse

    assert _outcome(parse_number, text) == _outcome(parse._parse_number, text)


@given(st.text(alphabet="0123456789,.万亿千十-负", min_size=1, max_size=12))
def test_near_plain_texts_read_or_fail_as_the_grammar_does(text):
    from pressmine.grammar import parse

    assert _outcome(parse_number, text) == _outcome(parse._parse_number, text)


@pytest.mark.parametrize(
    "text",
    ["0", "0.0", "0.00万", "000", "0,000", "007", "01.10亿", "1,234.50万亿", "9" * 60 + "亿"],
)
def test_the_fast_path_keeps_zeros_and_exponents(text):
    from pressmine.grammar import parse

    assert _outcome(parse_number, text) == _outcome(parse._parse_number, text)


def test_lone_digits_read_as_the_grammar_does():
    from pressmine.grammar import numbers, parse

    for ch in [*numbers.DIGIT_VALUES, *"十百千万亿廿"]:
        assert _outcome(parse_number, ch) == _outcome(parse._parse_number, ch), ch
