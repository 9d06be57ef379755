"""The value of a number the grammar (numbers.py) finds: an exact ``Decimal``.

``parse_number`` reads what ``NUMBER`` matches in full, ``parse_approx`` the bounds of what
``APPROX_NUMBER`` matches, ``parse_fraction`` a fraction (三分之一, 3/5). Exact, except a
fraction or a negative power that has no finite decimal (1/3, 3^-1): 28 significant digits.
"""

import re
from decimal import (
    MAX_EMAX,
    MAX_PREC,
    MIN_EMIN,
    Context,
    Decimal,
    Inexact,
    localcontext,
)
from functools import cache

from pressmine.grammar.numbers import (
    ALL_DIGITS,
    APPROX_NUMBER,
    ARABIC,
    BIG_RUN,
    DIGIT_STRING,
    DIGIT_VALUES,
    EXPONENTS,
    HUNDREDS,
    NUMBER,
    NUMBER_RE,
    SIGNS,
    TEEN_PREFIX,
    TENS,
    VAGUE,
    ZEROS,
)
from pressmine.regex import cache as regex_cache

__all__ = ["approx_has_floor", "parse_approx", "parse_fraction", "parse_number"]

_APPROX_RE = regex_cache.compile(APPROX_NUMBER)
_DIGIT_STRING_RE = regex_cache.compile(DIGIT_STRING)
_SUFFIXED_RE = regex_cache.compile(
    rf"(?P<base>{ARABIC}|\.[0-9]+)(?:(?P<exp>[eE][-+]?[0-9]+)|\^(?P<power>[-+]*[0-9.]+)"
    r"|(?P<metric>[kKMG]))?"
)
_TEENS_RE = regex_cache.compile(
    f"(?P<prefix>{TEEN_PREFIX}[十拾]|{HUNDREDS})[{ZEROS}]?[{VAGUE}](?P<scale>.*)"
)
_TOKEN_RE = regex_cache.compile(
    f"(?P<digits>{ARABIC}|[{ALL_DIGITS}])|[点點.](?P<fraction>[0-9]+|[{ALL_DIGITS}]+)"
    f"|(?P<tens>[廿卅卌])|(?P<small>[十拾百佰千仟])|(?P<big>{BIG_RUN})"
)
_METRIC_FACTORS = {"k": 3, "K": 3, "M": 6, "G": 9}
# Scales multiply exactly: give decimal all the room it wants and trap any rounding.
_EXACT = Context(prec=MAX_PREC, Emax=MAX_EMAX, Emin=MIN_EMIN, traps=[Inexact])
# Where exactness is impossible (1/3, 3^-1): 28 significant digits, ample for any comparison.
_ROUNDED = Context(prec=28, Emax=MAX_EMAX, Emin=MIN_EMIN)


def _positional(text: str) -> Decimal:
    """Read Arabic text, or Chinese digits one by one: '1,234.5', '二〇二五', '三点一四'."""
    if text.isascii():
        return Decimal(text.replace(",", ""))
    return Decimal("".join(str(DIGIT_VALUES[c]) if c in DIGIT_VALUES else "." for c in text))


def _suffixed(text: str) -> Decimal:
    """An Arabic number with an exponent or a metric letter: 2e5, 2^-1, 1.2M, .77."""
    m = _SUFFIXED_RE.fullmatch(text)
    if m is None:
        raise ValueError(f"not a number: {text!r}")
    base = _positional(m["base"])
    if m["exp"] or m["metric"]:
        shift = int(m["exp"][1:]) if m["exp"] else _METRIC_FACTORS[m["metric"]]
        return base * 10**shift if shift >= 0 else base.scaleb(shift)
    if m["power"]:
        digits = m["power"].lstrip("+-")
        exponent = Decimal(digits) * (-1 if m["power"][: -len(digits)].count("-") % 2 else 1)
        with localcontext(_ROUNDED):
            return base**exponent  # 28 significant digits: 2^-1 = 0.5, 3^-1 rounds
    return base


def _is_suffixed(text: str) -> bool:
    m = _SUFFIXED_RE.fullmatch(text)
    return m is not None and (text[0] == "." or bool(m["exp"] or m["power"] or m["metric"]))


class _Reader:
    """Sum a scaled number token by token: sections of 十百千, joined by 万/亿."""

    def __init__(self) -> None:
        self.total = Decimal(0)  # everything up to the last 万/亿
        self.section = Decimal(0)  # the group below 万 being read
        self.pending: Decimal | None = None  # a coefficient waiting for its scale
        self.abbreviated = False  # pending is a lone digit right after a scale (一万二)
        self.last_scale: int | None = None  # exponent of the previous token, if a scale
        self.last_small: int | None = None  # 十百千 must descend within a section
        self.last_big: int | None = None  # 万/亿 order across sections
        self.started = False  # any token read yet (a bare 万 at the start is 一万)

    def digits(self, text: str) -> None:
        self.started = True
        if self.pending is not None:
            raise ValueError("two numbers without a scale between them")
        value = _positional(text)
        if value == 0 and not text.isascii():  # 零 only marks a gap (一百零五)
            self.last_scale = None
            return
        self.pending, self.abbreviated = value, len(text) == 1 and bool(self.last_scale)

    def small(self, exponent: int, coefficient: Decimal | None = None) -> None:
        self.started = True
        if self.last_small is not None and exponent >= self.last_small:
            raise ValueError("十百千 out of order")
        if coefficient is None:
            coefficient = Decimal(1) if self.pending is None else self.pending  # 十 is 一十
        self.section += coefficient * 10**exponent
        self.pending, self.abbreviated = None, False
        self.last_scale = self.last_small = exponent

    def close_section(self) -> Decimal:
        """The section with its pending digit, abbreviated if so (两千三: 三 is 三百)."""
        tail = self.pending or Decimal(0)
        if self.abbreviated and self.last_scale:
            tail *= 10 ** (self.last_scale - 1)
        self.pending, self.abbreviated = None, False
        return self.section + tail

    def fraction(self, text: str) -> None:
        self.section = self.close_section() + _positional("." + text)
        self.last_scale = None

    def big(self, run: str) -> None:
        if self.last_small is None:  # in 一亿一万 the second 一 is a whole section
            self.abbreviated = False
        exponent, part = sum(EXPONENTS[c] for c in run), self.close_section()
        if not self.started:  # 万九: a bare 万 is 一万
            part, self.started = Decimal(1), True
        if self.last_big is None or exponent < self.last_big:  # 一亿|三千万: adds on
            self.total += part * 10**exponent
        elif exponent > self.last_big:  # 一千万|亿: everything so far counts in 亿
            self.total = (self.total + part) * 10**exponent
        else:
            raise ValueError("the same big scale twice")
        self.section, self.last_small = Decimal(0), None
        self.last_big = self.last_scale = exponent


def _parse_scaled(body: str) -> Decimal:
    reader = _Reader()
    for token in _TOKEN_RE.finditer(body):
        kind, text = token.lastgroup, token.group(token.lastgroup or 0)
        if kind == "digits":
            reader.digits(text)
        elif kind == "tens":
            reader.small(1, Decimal(TENS[text]))
        elif kind == "small":
            reader.small(EXPONENTS[text])
        elif kind == "fraction":
            reader.fraction(text)
        else:
            reader.big(text)
    return reader.total + reader.close_section()


def parse_number(text: str) -> Decimal:
    """Value of a string that ``NUMBER`` matches in full (exact but for 3^-1); ValueError else.

    >>> parse_number("483.8万"), parse_number("负三"), parse_number("一万二")
    (Decimal('4838000.0'), Decimal('-3'), Decimal('12000'))
    >>> parse_number("二〇二五"), parse_number("5亿1万4千6百"), parse_number("两百")
    (Decimal('2025'), Decimal('500014600'), Decimal('200'))
    >>> parse_number("1,234,567.89"), parse_number("壹佰贰拾叁"), parse_number("二十万亿")
    (Decimal('1234567.89'), Decimal('123'), Decimal('20000000000000'))
    >>> parse_number("2e5"), parse_number("1.2M"), parse_number("2^-1")
    (Decimal('200000'), Decimal('1200000.0'), Decimal('0.5'))
    >>> parse_number("十十")
    Traceback (most recent call last):
    ValueError: not a number: '十十'
    """
    if not isinstance(text, str):
        raise ValueError(f"not a number: {text!r}")
    plain = _PLAIN_RE.fullmatch(text)
    if plain is not None:
        return _plain(plain)
    if len(text) == 1 and text in DIGIT_VALUES:
        return _single(text)
    return _parse_number(text)


# Most numbers in a release are plain Arabic, with a big scale at most: 5.9, 1,234, 483.8万,
# 1.2万亿. NUMBER matches each of them in full, and the token reader's sum comes down to one
# exact product (0 + 483.8 × 10^4 + 0 keeps the exponent of 483.8): read them straight away,
# without the 14 kB grammar. tests/test_numbers.py checks that this gives the same Decimals.
_PLAIN_RE = re.compile(r"((?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?)(万亿|万|亿)?")
_PLAIN_SCALES = {"万": 10**4, "亿": 10**8, "万亿": 10**12}


def _plain(m: re.Match[str]) -> Decimal:
    value = Decimal(m[1].replace(",", ""))
    if not value:
        return Decimal(0)  # the reader takes a zero digit for no digit: 0.0 reads as 0
    return _EXACT.multiply(value, _PLAIN_SCALES[m[2]]) if m[2] else value


@cache
def _single(digit: str) -> Decimal:
    """A lone Chinese digit (一, 两, 零): one of a few dozen values, read once."""
    return _parse_number(digit)


def _parse_number(text: str) -> Decimal:
    """parse_number by the grammar, for any number."""
    if NUMBER_RE.fullmatch(text) is None:
        raise ValueError(f"not a number: {text!r}")
    body = text.lstrip(SIGNS)
    with localcontext(_EXACT):
        if _DIGIT_STRING_RE.fullmatch(body):
            digits = body.rstrip("万萬亿億兆")  # 一一六一.二万: the digits, then the scale
            value = _positional(digits)
            if len(digits) < len(body):
                value *= _scale(body[len(digits) :])
        elif body.isascii() and _is_suffixed(body):
            value = _suffixed(body)
        else:
            value = _parse_scaled(body)
        return -value if text[0] in "-−负負" else value


# A fraction as the packs find it: [A又]N分之M (the denominator first; Cantonese N分M, N份M),
# or a/b, or "a b/c".
_FRACTION_RE = regex_cache.compile(
    f"(?:(?P<whole>{NUMBER})又)?(?P<den>{NUMBER})(?:分之|分|份)(?P<num>{NUMBER})"
    r"|(?:(?P<awhole>-?[0-9]+) )?(?P<anum>-?[0-9]+)/(?P<aden>[0-9]+)"
)


def parse_fraction(text: str) -> Decimal:
    """Value of a fraction: 三分之一, 三百五又三分之一, 负一又二分之一, 3/5, 1 3/5; also the
    Cantonese 四分一 and 十份十一 (N分M = M/N).

    Exact where the decimal ends (二分之一 = 0.5), else 28 significant digits.

    >>> parse_fraction("二分之一"), parse_fraction("负一又二分之一"), parse_fraction("1 3/5")
    (Decimal('0.5'), Decimal('-1.5'), Decimal('1.6'))
    >>> parse_fraction("三分之一")
    Decimal('0.3333333333333333333333333333')
    """
    m = _FRACTION_RE.fullmatch(text) if isinstance(text, str) else None
    if m is None:
        raise ValueError(f"not a fraction: {text!r}")
    if m["den"] is not None:
        whole, num, den = m["whole"], parse_number(m["num"]), parse_number(m["den"])
        whole_value = parse_number(whole) if whole else None
    else:
        num, den = Decimal(m["anum"]), Decimal(m["aden"])
        whole_value = Decimal(m["awhole"]) if m["awhole"] else None
    if den == 0:
        raise ValueError(f"a fraction over zero: {text!r}")
    with localcontext(_ROUNDED):
        part = num / den  # 28 significant digits: exact for 二分之一, close enough for 1/3
    if whole_value is None:
        return part
    with localcontext(_ROUNDED):  # 负一又二分之一: the sign of the whole covers the part
        return whole_value - part if whole_value < 0 else whole_value + part


def _scale(text: str) -> Decimal:
    return Decimal(10) ** sum(EXPONENTS[c] for c in text)


def parse_approx(text: str) -> tuple[Decimal, Decimal]:
    """(low, high) bounds of a vague numeral that ``APPROX_NUMBER`` matches in full.

    几/数 + scale spans one order of magnitude (数十亿 = 10亿..100亿); 十几 runs from the
    written part to the next step (二十几万 = 20万..30万, 一百零几 = 100..110); two adjacent
    digits are the two ends (三四十 = 30..40, 三五百 = 300..500).

    >>> parse_approx("十几万"), parse_approx("数十亿")
    ((Decimal('100000'), Decimal('200000')), (Decimal('1000000000'), Decimal('10000000000')))
    >>> parse_approx("三四十"), parse_approx("二十几")
    ((Decimal('30'), Decimal('40')), (Decimal('20'), Decimal('30')))
    """
    if not isinstance(text, str) or _APPROX_RE.fullmatch(text) is None:
        raise ValueError(f"not an approximate number: {text!r}")
    if text[0] in VAGUE:
        return _scale(text[1:]), 10 * _scale(text[1:])
    teens = _TEENS_RE.fullmatch(text)
    if teens:
        base, scale = parse_number(teens["prefix"]), _scale(teens["scale"])
        return base * scale, (base + 10) * scale  # the units digit is unknown: up to 十 more
    low, high = sorted(Decimal(DIGIT_VALUES[c]) for c in text[:2])
    return low * _scale(text[2:]), high * _scale(text[2:])


def approx_has_floor(text: str) -> bool:
    """True for a vague numeral whose written digits are its floor (二十几万, 一百零几): such a
    number reads as "more than" its written part; the others (数万, 三四十) are ranges.

    >>> approx_has_floor("二十几万"), approx_has_floor("数万"), approx_has_floor("三四十")
    (True, False, False)
    """
    return _APPROX_RE.fullmatch(text) is not None and _TEENS_RE.fullmatch(text) is not None
