"""Chinese number grammar: find a number in normalised text and turn it into an exact Decimal.

This module knows numerals only (no units, qualifiers or claims). ``NUMBER`` and
``APPROX_NUMBER`` are regex *sources* (non-capturing groups only, no spaces, no inline
flags) so callers can embed them in bigger patterns; ``parse_number`` / ``parse_approx`` /
``parse_fraction`` turn a string one of them matches in full into ``Decimal`` values (exact,
except a fraction or a negative power that has no finite decimal: 1/3, 3^-1).

Decisions a caller must know:

* ``NUMBER`` may start with a sign (``-``, ``−``, ``+``, ``负``, ``正``); whether the sign
  belongs to the number is the caller's call. A sign never follows a digit or a dash, so
  ``2020-2025`` and ``1万-5万`` give no negative number.
* ``NUMBER`` is atomic: it takes the longest number and never gives characters back, so
  ``500千米`` is ``500千`` (500000) + ``米``, ``3万元`` is ``3万`` + ``元``. Same quantity.
* ``兆`` is 10^12 only between two numerals (``五兆六十二亿``): alone it is the prefix of
  兆瓦/兆比特 and of 千兆/万兆.
* ``点`` after an Arabic digit is not a decimal point (``3点5`` is usually a clock time), and
  ``两`` after ``点`` is no decimal digit (one writes 一点二, never 一点两: ``两百点两`` is
  200 then 2). After other Chinese numerals ``点`` is always a decimal point, so callers must
  rule out clock times (``十点三十分``) themselves.
* Arabic numbers may carry an exponent (``2e5``, ``12.32e+14``, ``2^5``) or a metric letter
  (``100k``, ``1.2M``, ``.0012G``; never before another letter: ``5GB`` is 5 + GB); a leading
  dot is a decimal point except after a letter (``.5`` is 0.5, ``No.5`` is 5).
* A lone 伍/陆/肆/参/拾 is a number only with no Chinese character beside it: 队伍, 陆续,
  肆意, 参加, 收拾 are words. A lone 一/两/零 is (一直, 两会, 零售 match): callers check word
  boundaries, see ``is_chinese_numeral``.
* A string of two digits (``九九``, ``一一``) reads digit by digit only standing alone, with a
  leading 零 (``零一``) or before ``点``; inside a word it is a name (阳光九九) or two numbers.
* ``100,200,300`` is one number (thousands groups), even where ，was an enumeration comma.
* A lone digit right after a scale abbreviates the next lower one: 一万二 = 12000,
  三千五 = 3500, 1万2 = 12000, 万九 = 19000; after 零 or with several digits it is literal:
  3万2105.
* Approximations (十几, 数十, 三四十, 一两 ...) belong to ``APPROX_NUMBER``; ``NUMBER``
  matches no part of them. ``多``/``余``/``上`` are qualifiers left to the caller.
* Fractions (``三分之一``, ``三百五又三分之一``, ``3/5``) are not ``NUMBER``: callers find
  them (the packs do) and ``parse_fraction`` reads them.
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
from functools import cache, lru_cache

from pressmine import compiled, prefilter

__all__ = [
    "APPROX_NUMBER",
    "NUMBER",
    "approx_has_floor",
    "is_chinese_numeral",
    "parse_approx",
    "parse_fraction",
    "parse_number",
]

_ORDINARY = "一二两兩俩倆三四五六七八九"
_FINANCIAL_RARE = "壹贰貳叁參柒捌玖"
_FINANCIAL_WORDY = "伍陆陸肆参"  # everyday characters too: 队伍, 陆续, 大陆, 肆意, 参加
_FINANCIAL = _FINANCIAL_RARE + _FINANCIAL_WORDY
_ZEROS = "零〇○"
# Digits read one by one (二〇二五, 壹壹): 两/俩 never appear there, nor the wordy 伍陆肆参.
_POSITIONAL = "零〇○一二三四五六七八九幺" + _FINANCIAL_RARE
_ALL_DIGITS = _POSITIONAL + _ORDINARY + _FINANCIAL
_DECIMAL_DIGITS = _POSITIONAL + _FINANCIAL  # after 点: every digit but 两/俩
_DIGIT_GROUPS = (
    "零〇○ 一壹幺 二两兩俩倆贰貳 三叁參参 四肆 五伍 六陆陸 七柒 八捌 九玖"  # index = value
)
_DIGIT_VALUES = {c: i for i, group in enumerate(_DIGIT_GROUPS.split(" ")) for c in group}
_SCALE_GROUPS = (("十拾", 1), ("百佰", 2), ("千仟", 3), ("万萬", 4), ("亿億", 8), ("兆", 12))
_EXPONENTS = {c: exponent for group, exponent in _SCALE_GROUPS for c in group}
_TENS = {"廿": 2, "卅": 3, "卌": 4}  # one character for 二十, 三十, 四十
_SMALL = "十拾百佰千仟廿卅卌"
_BIG = "万萬亿億"
_NUMERAL_CHARS = _POSITIONAL + _ORDINARY + _FINANCIAL_RARE + _SMALL + _BIG
_SIGNS = "-−+负負正"
_SIGN_CLASS = r"\-−+负負正"  # the same, escaped for a character class
_VAGUE = "几幾数數"
_CJK = "\u3400-\u9fff"  # a Chinese character: what a word is made of

# Thousands separators only in exact groups of three, so 782,死亡 stops at 782.
_ARABIC = r"(?:[0-9]{1,3}(?:,[0-9]{3}(?![0-9]))++|[0-9]++)(?:\.[0-9]++)?"
# An exponent (2e5, 2^-1) or a metric letter (100k, 1.2M) ends an Arabic number; the letter
# never runs into another one (5GB is 5 + GB, 3km is 3 + km).
_EXPONENT = r"(?:[eE][-+]?[0-9]++|\^[-+]*+[0-9]++(?:\.[0-9]++)?)"
_METRIC = "[kKMG](?![A-Za-z])"
_ARABIC_SUFFIXED = f"{_ARABIC}(?:{_EXPONENT}|{_METRIC})(?![0-9{_SMALL}{_BIG}])"
_LEADING_DOT = rf"(?<![0-9A-Za-z.])\.[0-9]++(?:{_EXPONENT}|{_METRIC})?"
# 伍/陆/肆 take only financial or big scales: the 伍十 of 队伍十分 is no number.
_COEF = f"(?:{_ARABIC}|[{_ORDINARY}{_FINANCIAL_RARE}])"
_COEF_FIN = f"(?:{_ARABIC}|[{_ORDINARY}{_FINANCIAL}])"
_THOUSAND = f"(?:{_COEF}千|{_COEF_FIN}仟)"
_HUNDRED = f"(?:{_COEF}百|{_COEF_FIN}佰)"
# After a higher scale or 零 a bare 拾 is ten (壹佰拾, 一千零拾肆); at the start it is a word.
_TEN = f"(?:{_COEF}?十|{_COEF_FIN}?拾|[廿卅卌])"
_TEN_FIRST = f"(?:{_COEF}?十|{_COEF_FIN}拾|[廿卅卌])"
# A bare 百/千/拾 opens a number only before more numeral (百万, 千一), not in 百姓/千米/收拾.
_BARE = f"(?=[{_ALL_DIGITS}0-9{_BIG}])"
_Z = f"[{_ZEROS}]?"
_TAIL = f"(?:{_ARABIC}|[{_ORDINARY}{_FINANCIAL}{_ZEROS}](?<![两兩俩倆]))"  # 十两 is 10 两
_LONE_WORDY = (
    f"(?:[{_FINANCIAL_WORDY}](?=[{_BIG}]|[点點][{_DECIMAL_DIGITS}])"
    f"|(?<![{_CJK}])[{_FINANCIAL_WORDY}](?![{_CJK}])|(?<=分之)[{_FINANCIAL_WORDY}])"
)
# A dot between two Chinese numerals is a decimal point (三.三二, 四十.六万, ○.○四: Taiwan's
# press writes figures so): never after an Arabic digit or a scale, never before more than
# digits (一.概况 is a heading), and 。 is no dot.
_DOT = f"(?<=[{_POSITIONAL}{_ORDINARY}{_FINANCIAL}十拾])\\.(?=[{_DECIMAL_DIGITS}])"
# ○ is a bullet, but a number before a decimal dot (○.○四 = 0.04).
_FIRST_TAIL = f"(?:{_ARABIC}|[{_ORDINARY}{_FINANCIAL_RARE}零〇]|○(?={_DOT})|{_LONE_WORDY})"
# Decimals never run into 十百千: 三点三十分 is a clock time, not 3.3 then 十.
_FRACTION = (
    f"(?:(?<![0-9])[点點](?:[{_DECIMAL_DIGITS}]++|[0-9]++)|{_DOT}[{_DECIMAL_DIGITS}]++)"
    f"(?![{_SMALL}])"
)


def _section(thousand: str, hundred: str, ten: str, tail: str) -> str:
    """One group below 万, scales descending, then 点: 三千零五十, 百二, 二十三点五(万)."""
    rest = f"(?:{_Z}{_TEN})?(?:{_Z}{_TAIL})?"
    alternatives = f"{thousand}(?:{_Z}{_HUNDRED})?{rest}|{hundred}{rest}|{ten}(?:{_Z}{_TAIL})?"
    return f"(?:{alternatives}|{tail})(?:{_FRACTION})?"


_FIRST_SECTION = _section(
    f"(?:{_THOUSAND}|[千仟]{_BARE})",
    # 百分之百, and a 百 standing alone, are one hundred
    f"(?:{_HUNDRED}|[百佰]{_BARE}|(?:(?<=分之)|(?<![{_CJK}]))[百佰](?![{_CJK}]))",
    # 零十 (a leading zero, read as 十) and a 拾 standing alone are numbers too.
    f"(?:{_TEN_FIRST}|拾{_BARE}|[零〇]{_TEN_FIRST}|(?<![{_CJK}])拾(?![{_CJK}]))",
    _FIRST_TAIL,
)
# After 零 a bare 百/千 is one hundred/thousand (一万零百一十一).
_NEXT_SECTION = _section(
    f"(?:{_THOUSAND}|(?<=[{_ZEROS}])[千仟])",
    f"(?:{_HUNDRED}|(?<=[{_ZEROS}])[百佰])",
    _TEN,
    _TAIL,
)
# 万亿 = 10^12, 万万 = 亿; 亿万 is no scale; 兆 only with more numeral after it.
_BIG_RUN = f"(?:[万萬][万萬亿億]?|[亿億]{{1,2}}|兆(?=[0-9{_ALL_DIGITS}{_SMALL}]))"
_SCALED = f"{_FIRST_SECTION}(?:{_BIG_RUN}{_Z}{_NEXT_SECTION})*(?:{_BIG_RUN}(?:{_FRACTION})?)?"
# A bare 万 opens a number before one abbreviated digit: 万九 = 19000 (万一 is a word: packs).
_BARE_WAN = f"[万萬](?=[{_ORDINARY}{_FINANCIAL_RARE}](?![{_ALL_DIGITS}{_SMALL}{_BIG}点點]))"
# Two adjacent digits are a range (三四个, 三五天), not a positional number, unless more follow.
_PAIRS = "(?:一二|一[两兩]|二三|[两兩]三|三[两兩]|三四|四五|五六|六七|七八|八九|三五)"
_DIGIT_RUN = (
    f"(?:[{_POSITIONAL}]{{3,}}+|[{_ZEROS}][{_POSITIONAL}]|[{_POSITIONAL}]{{2}}(?=[点點])"
    f"|(?<![{_CJK}])[{_POSITIONAL}]{{2}}(?![{_CJK}]))"
)
_DIGIT_DECIMALS = f"(?:(?:[点點]|{_DOT})[{_POSITIONAL}]++)?"
# A run of three or more digits may carry a big scale (一一六一.二万 = 11612000, as Taiwan's
# press writes it); a shorter one never (二〇万 is no number).
_DIGIT_STRING = (
    f"(?!{_PAIRS}(?![{_POSITIONAL}点點]))"
    f"(?:[{_POSITIONAL}]{{3,}}+{_DIGIT_DECIMALS}{_BIG_RUN}?|{_DIGIT_RUN}{_DIGIT_DECIMALS})"
    f"(?![{_SMALL}{_BIG}])"
)
# Arabic never starts right after a scale (1万1万 is one run) nor on the 000 of 1,000.
_ARABIC_START = f"(?=[0-9])(?<![{_SMALL}{_BIG}])(?:(?<![0-9],)|(?![0-9]{{3}}(?![0-9])))"
# Chinese never starts inside another number, nor on the 十 of 数十/几十.
_CHINESE_START = f"(?![0-9])(?<![{_NUMERAL_CHARS}])(?:(?<![{_VAGUE}])|(?=[{_ALL_DIGITS}]))"
_SIGN = f"(?:(?<![{_NUMERAL_CHARS}{_SIGN_CLASS}~～—–])[{_SIGN_CLASS}])?"
_NUMBER_BODY = (
    f"{_ARABIC_START}(?:{_ARABIC_SUFFIXED}|{_SCALED})|{_LEADING_DOT}"
    f"|{_CHINESE_START}(?:{_DIGIT_STRING}|{_SCALED}|{_BARE_WAN}{_SCALED})"
)
# Ending before a digit or 几 would cut a range (十二三) or a vague number (二十几). 两 after a
# number is the unit 两 (50 g: 三十两, 3斤5两), except in the ranges 一两 and 三两.
_NOT_LIANG = _ORDINARY.translate(str.maketrans("", "", "两兩俩倆"))
_END = f"(?![{_POSITIONAL}{_NOT_LIANG}{_FINANCIAL_RARE}{_VAGUE}])(?!(?<=[一三两兩])[两兩])"
_NUMBER_START = "(?<![0-9])(?<![0-9]\\.)"
NUMBER = f"{_NUMBER_START}(?>{_SIGN}(?:{_NUMBER_BODY})){_END}"


# The loose number reads at most this many characters after its first (no real number is half
# as long); a text with a longer run of numeral characters is matched without gates.
LOOSE_LIMIT = 64


@cache
def loose_number() -> tuple[str, str] | None:
    """A pattern that matches wherever NUMBER does, and more, in any text where the second
    pattern finds nothing: a run of the characters numbers are written with, starting with
    one a number may start with. The second pattern finds a run too long for the first.

    Pack patterns that must see digits as written inline the 14 kB NUMBER; their loose twins
    find, fast, the few places where they may match (see gated.py). The run is bounded so that
    a text of 10,000 numerals (万万万…, 1,000,1,000,…) cannot make a twin try every length at
    every place. Built when packs are compiled, not at import: parsing NUMBER takes a while."""
    first = prefilter.start_set(NUMBER)
    first_class = prefilter.class_source(first) if first else None
    chars = prefilter.chars_of(NUMBER)
    if first_class is None or chars is None:
        return None
    # Its first character is one a number can start with: never a bare comma or full stop.
    loose = f"(?:{_NUMBER_START}{first_class}{chars}{{0,{LOOSE_LIMIT}}})"
    return loose, f"{chars}{{{LOOSE_LIMIT + 2}}}"


_SCALE_SUFFIX = f"(?:[十拾百佰千仟]{_BIG_RUN}?|{_BIG_RUN})"
_SEVERAL = f"[{_VAGUE}]{_SCALE_SUFFIX}"  # 几十, 数百万
_COEF_CN = f"[{_ORDINARY}{_FINANCIAL}]"
_TEEN_PREFIX = f"(?:{_COEF_CN}[千仟])?(?:{_Z}{_COEF_CN}[百佰])?(?:{_Z}{_COEF_CN})?"
# 十几, 二十几万, 三千四百五十几万; 一百零几万: 几 in the units place after 零.
_HUNDREDS = f"(?:{_COEF_CN}[千仟](?:{_COEF_CN}[百佰])?|{_COEF_CN}[百佰])"
_TEENS = f"(?:{_TEEN_PREFIX}[十拾]|{_HUNDREDS}[{_ZEROS}])[{_VAGUE}]{_BIG_RUN}?"
_PAIR_RANGE = f"{_PAIRS}{_SCALE_SUFFIX}?"  # 三四十, 两三万, 三五百
APPROX_NUMBER = (
    f"(?<![0-9.{_NUMERAL_CHARS}{_VAGUE}])(?>{_SEVERAL}|{_TEENS}|{_PAIR_RANGE})"
    f"(?![{_POSITIONAL}{_ORDINARY}{_VAGUE}点點])"
)

_NUMBER_RE = compiled.compile(NUMBER)

# Numbers found once, then hidden: each number becomes a run of one placeholder character (two
# characters alternate, so that numbers side by side stay apart). Pack patterns say
# {{number}}, which means NUMBER_TOKEN, and run on the masked text; compiling the 14 kB NUMBER
# into every one of them cost ~0.3 s a pattern, and matching it everywhere cost more.
# A sign stays written, and the number after it is hidden with the other two placeholders: the
# token takes the sign (-3.31%) but may leave it to a pattern that reads it as a range's dash
# (1.6m-3.9m, 1万(含)-5万元), as NUMBER itself may start after the sign.
MASKS = ("\ue000", "\ue001", "\ue002", "\ue003")
_RUNS = "|".join(f"(?<!{c}){c}+(?!{c})" for c in MASKS)
NUMBER_TOKEN = f"(?:(?:[{_SIGN_CLASS}](?=[{MASKS[2]}{MASKS[3]}]))?(?:{_RUNS}))"


def texts_for(pattern: str, text: str, masked: str) -> str:
    """The text a compiled pattern runs on: the masked one when it holds the number token.

    >>> texts_for("万", "a", "b"), texts_for(NUMBER_TOKEN + "个", "a", "b")
    ('a', 'b')
    """
    return masked if _holds_token(pattern) else text


@lru_cache(maxsize=1024)
def _holds_token(pattern: str) -> bool:
    # Asked for every pattern of every document; a pattern that inlines NUMBER is 100 kB long.
    return MASKS[0] in pattern


def mask_numbers(text: str) -> str:
    """`text` with every number NUMBER finds replaced by placeholders of the same length; a
    sign that belongs to a number stays, and the rest is hidden with the placeholders of signed
    numbers.

    >>> mask_numbers("增长5.9%和三成") == "增长" + "\ue000" * 3 + "%和" + "\ue001" + "成"
    True
    >>> mask_numbers("1.6m-3.9m") == "\ue000" * 3 + "m-" + "\ue003" * 3 + "m"
    True
    """
    parts: list[str] = []
    last, flip = 0, 0
    for m in _NUMBER_RE.finditer(text):
        if m.end() == m.start():
            continue
        start = m.start() + (text[m.start()] in _SIGNS)
        parts.append(text[last:start])
        parts.append(MASKS[flip + 2 * (start > m.start())] * (m.end() - start))
        last, flip = m.end(), 1 - flip
    parts.append(text[last:])
    return "".join(parts)


_APPROX_RE = compiled.compile(APPROX_NUMBER)
_DIGIT_STRING_RE = compiled.compile(_DIGIT_STRING)
_SUFFIXED_RE = compiled.compile(
    rf"(?P<base>{_ARABIC}|\.[0-9]+)(?:(?P<exp>[eE][-+]?[0-9]+)|\^(?P<power>[-+]*[0-9.]+)"
    r"|(?P<metric>[kKMG]))?"
)
_TEENS_RE = compiled.compile(
    f"(?P<prefix>{_TEEN_PREFIX}[十拾]|{_HUNDREDS})[{_ZEROS}]?[{_VAGUE}](?P<scale>.*)"
)
_TOKEN_RE = compiled.compile(
    f"(?P<digits>{_ARABIC}|[{_ALL_DIGITS}])|[点點.](?P<fraction>[0-9]+|[{_ALL_DIGITS}]+)"
    f"|(?P<tens>[廿卅卌])|(?P<small>[十拾百佰千仟])|(?P<big>{_BIG_RUN})"
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
    return Decimal("".join(str(_DIGIT_VALUES[c]) if c in _DIGIT_VALUES else "." for c in text))


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
        exponent, part = sum(_EXPONENTS[c] for c in run), self.close_section()
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
            reader.small(1, Decimal(_TENS[text]))
        elif kind == "small":
            reader.small(_EXPONENTS[text])
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
    if len(text) == 1 and text in _DIGIT_VALUES:
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
    if _NUMBER_RE.fullmatch(text) is None:
        raise ValueError(f"not a number: {text!r}")
    body = text.lstrip(_SIGNS)
    with localcontext(_EXACT):
        if _DIGIT_STRING_RE.fullmatch(body):
            digits = body.rstrip(_BIG + "兆")  # 一一六一.二万: the digits, then the scale
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
_FRACTION_RE = compiled.compile(
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
    return Decimal(10) ** sum(_EXPONENTS[c] for c in text)


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
    if text[0] in _VAGUE:
        return _scale(text[1:]), 10 * _scale(text[1:])
    teens = _TEENS_RE.fullmatch(text)
    if teens:
        base, scale = parse_number(teens["prefix"]), _scale(teens["scale"])
        return base * scale, (base + 10) * scale  # the units digit is unknown: up to 十 more
    low, high = sorted(Decimal(_DIGIT_VALUES[c]) for c in text[:2])
    return low * _scale(text[2:]), high * _scale(text[2:])


def approx_has_floor(text: str) -> bool:
    """True for a vague numeral whose written digits are its floor (二十几万, 一百零几): such a
    number reads as "more than" its written part; the others (数万, 三四十) are ranges.

    >>> approx_has_floor("二十几万"), approx_has_floor("数万"), approx_has_floor("三四十")
    (True, False, False)
    """
    return _APPROX_RE.fullmatch(text) is not None and _TEENS_RE.fullmatch(text) is not None


def is_chinese_numeral(text: str) -> bool:
    """True when ``text`` has a Chinese numeral character and no Arabic digit (三个, 两千万).

    >>> is_chinese_numeral("两千万"), is_chinese_numeral("3万"), is_chinese_numeral("个")
    (True, False, False)
    """
    has_chinese = any(c in _NUMERAL_CHARS or c in _FINANCIAL for c in text)
    return has_chinese and not any("0" <= c <= "9" for c in text)
