"""Chinese number grammar: find a number in normalised text and turn it into an exact Decimal.

This module knows numerals only (no units, qualifiers or claims). ``NUMBER`` and
``APPROX_NUMBER`` are regex *sources* (non-capturing groups only, no spaces, no inline
flags) so callers can embed them in bigger patterns; ``parse_number`` / ``parse_approx``
turn a string one of them matches in full into exact ``Decimal`` values (never a float).

Decisions a caller must know:

* ``NUMBER`` may start with a sign (``-``, ``−``, ``+``, ``负``, ``正``); whether the sign
  belongs to the number is the caller's call. A sign never follows a digit or a dash, so
  ``2020-2025`` and ``1万-5万`` give no negative number.
* ``NUMBER`` is atomic: it takes the longest number and never gives characters back, so
  ``500千米`` is ``500千`` (500000) + ``米``, ``3万元`` is ``3万`` + ``元``. Same quantity.
* ``兆`` is not a scale: in mainland releases it is the prefix of 兆瓦/兆比特/千兆.
* ``点`` after an Arabic digit is not a decimal point (``3点5`` is usually a clock time), and
  ``.5`` is not a number (``No.5``). After Chinese numerals ``点`` is always a decimal point,
  so callers must rule out clock times (``十点三十分``) themselves.
* A lone 伍/陆/肆/拾 is not a number: 队伍, 陆续, 肆意, 收拾 are words. A lone 一/两/零 is
  (一直, 两会, 零售 match): callers check word boundaries, see ``is_chinese_numeral``.
* ``100,200,300`` is one number (thousands groups), even where ，was an enumeration comma.
* A lone digit right after a scale abbreviates the next lower one: 一万二 = 12000,
  三千五 = 3500, 1万2 = 12000; after 零 or with several digits it is literal: 3万2105.
* Approximations (十几, 数十, 三四十, 一两 ...) belong to ``APPROX_NUMBER``; ``NUMBER``
  matches no part of them. ``多``/``余``/``上`` are qualifiers left to the caller.
"""

import re
from decimal import MAX_EMAX, MAX_PREC, MIN_EMIN, Context, Decimal, Inexact, localcontext

__all__ = ["APPROX_NUMBER", "NUMBER", "is_chinese_numeral", "parse_approx", "parse_number"]

_ORDINARY = "一二两兩三四五六七八九"
_FINANCIAL_RARE = "壹贰貳叁參柒捌玖"
_FINANCIAL_WORDY = "伍陆陸肆"  # everyday characters too: 队伍, 陆续, 大陆, 肆意
_FINANCIAL = _FINANCIAL_RARE + _FINANCIAL_WORDY
_ZEROS = "零〇○"
_POSITIONAL = "零〇○一二三四五六七八九幺"  # 两 never appears in digit-by-digit strings
_ALL_DIGITS = _POSITIONAL + _ORDINARY + _FINANCIAL
_DIGIT_GROUPS = "零〇○ 一壹幺 二两兩贰貳 三叁參 四肆 五伍 六陆陸 七柒 八捌 九玖"  # index = value
_DIGIT_VALUES = {c: i for i, group in enumerate(_DIGIT_GROUPS.split(" ")) for c in group}
_SCALE_GROUPS = (("十拾", 1), ("百佰", 2), ("千仟", 3), ("万萬", 4), ("亿億", 8))
_EXPONENTS = {c: exponent for group, exponent in _SCALE_GROUPS for c in group}
_TENS = {"廿": 2, "卅": 3, "卌": 4}  # one character for 二十, 三十, 四十
_SMALL = "十拾百佰千仟廿卅卌"
_BIG = "万萬亿億"
_NUMERAL_CHARS = _POSITIONAL + _ORDINARY + _FINANCIAL_RARE + _SMALL + _BIG
_SIGNS = "-−+负負正"
_SIGN_CLASS = r"\-−+负負正"  # the same, escaped for a character class
_VAGUE = "几幾数數"

# Thousands separators only in exact groups of three, so 782,死亡 stops at 782.
_ARABIC = r"(?:[0-9]{1,3}(?:,[0-9]{3}(?![0-9]))++|[0-9]++)(?:\.[0-9]++)?"
# 伍/陆/肆 take only financial or big scales: the 伍十 of 队伍十分 is no number.
_COEF = f"(?:{_ARABIC}|[{_ORDINARY}{_FINANCIAL_RARE}])"
_COEF_FIN = f"(?:{_ARABIC}|[{_ORDINARY}{_FINANCIAL}])"
_THOUSAND = f"(?:{_COEF}千|{_COEF_FIN}仟)"
_HUNDRED = f"(?:{_COEF}百|{_COEF_FIN}佰)"
_TEN = f"(?:{_COEF}?十|{_COEF_FIN}拾|[廿卅卌])"
# A bare 百/千/拾 opens a number only before more numeral (百万, 千一), not in 百姓/千米/收拾.
_BARE = f"(?=[{_ALL_DIGITS}0-9{_BIG}])"
_Z = f"[{_ZEROS}]?"
_TAIL = f"(?:{_ARABIC}|[{_ORDINARY}{_FINANCIAL}{_ZEROS}])"
_LONE_WORDY = f"[{_FINANCIAL_WORDY}](?=[{_BIG}]|[点點][{_ALL_DIGITS}])"
_FIRST_TAIL = f"(?:{_ARABIC}|[{_ORDINARY}{_FINANCIAL_RARE}零〇]|{_LONE_WORDY})"  # ○ is a bullet
# Decimals never run into 十百千: 三点三十分 is a clock time, not 3.3 then 十.
_FRACTION = f"(?<![0-9])[点點](?:[{_ALL_DIGITS}]++|[0-9]++)(?![{_SMALL}])"


def _section(thousand: str, hundred: str, ten: str, tail: str) -> str:
    """One group below 万, scales descending, then 点: 三千零五十, 百二, 二十三点五(万)."""
    rest = f"(?:{_Z}{_TEN})?(?:{_Z}{_TAIL})?"
    alternatives = f"{thousand}(?:{_Z}{_HUNDRED})?{rest}|{hundred}{rest}|{ten}(?:{_Z}{_TAIL})?"
    return f"(?:{alternatives}|{tail})(?:{_FRACTION})?"


_FIRST_SECTION = _section(
    f"(?:{_THOUSAND}|[千仟]{_BARE})",
    f"(?:{_HUNDRED}|[百佰]{_BARE})",
    f"(?:{_TEN}|拾{_BARE})",
    _FIRST_TAIL,
)
_NEXT_SECTION = _section(_THOUSAND, _HUNDRED, _TEN, _TAIL)
_BIG_RUN = "(?:[万萬][万萬亿億]?|[亿億]{1,2})"  # 万亿 = 10^12, 万万 = 亿; 亿万 is no scale
_SCALED = f"{_FIRST_SECTION}(?:{_BIG_RUN}{_Z}{_NEXT_SECTION})*(?:{_BIG_RUN}(?:{_FRACTION})?)?"
# Two adjacent digits are a range (三四个, 三五天), not a positional number, unless more follow.
_PAIRS = "(?:一二|一[两兩]|二三|[两兩]三|三[两兩]|三四|四五|五六|六七|七八|八九|三五)"
_DIGIT_STRING = (
    f"(?!{_PAIRS}(?![{_POSITIONAL}点點]))[{_POSITIONAL}]{{2,}}+"
    f"(?:[点點][{_POSITIONAL}]++)?(?![{_SMALL}{_BIG}])"
)
# Arabic never starts right after a scale (1万1万 is one run) nor on the 000 of 1,000.
_ARABIC_START = f"(?=[0-9])(?<![{_SMALL}{_BIG}])(?:(?<![0-9],)|(?![0-9]{{3}}(?![0-9])))"
# Chinese never starts inside another number, nor on the 十 of 数十/几十.
_CHINESE_START = f"(?![0-9])(?<![{_NUMERAL_CHARS}])(?:(?<![{_VAGUE}])|(?=[{_ALL_DIGITS}]))"
_SIGN = f"(?:(?<![{_NUMERAL_CHARS}{_SIGN_CLASS}~～—–])[{_SIGN_CLASS}])?"
_NUMBER_BODY = f"{_ARABIC_START}{_SCALED}|{_CHINESE_START}(?:{_DIGIT_STRING}|{_SCALED})"
# Ending before a digit or 几 would cut a range (十二三) or a vague number (二十几).
_END = f"(?![{_POSITIONAL}{_ORDINARY}{_FINANCIAL_RARE}{_VAGUE}])"
NUMBER = f"(?<![0-9.])(?>{_SIGN}(?:{_NUMBER_BODY})){_END}"

_SCALE_SUFFIX = f"(?:[十拾百佰千仟]{_BIG_RUN}?|{_BIG_RUN})"
_SEVERAL = f"[{_VAGUE}]{_SCALE_SUFFIX}"  # 几十, 数百万
_TEEN_PREFIX = f"(?:[{_ORDINARY}][千仟])?(?:{_Z}[{_ORDINARY}][百佰])?(?:{_Z}[{_ORDINARY}])?"
_TEENS = f"{_TEEN_PREFIX}[十拾][{_VAGUE}]{_BIG_RUN}?"  # 十几, 二十几万, 三千四百五十几万
_PAIR_RANGE = f"{_PAIRS}{_SCALE_SUFFIX}?"  # 三四十, 两三万, 三五百
APPROX_NUMBER = (
    f"(?<![0-9.{_NUMERAL_CHARS}{_VAGUE}])(?>{_SEVERAL}|{_TEENS}|{_PAIR_RANGE})"
    f"(?![{_POSITIONAL}{_ORDINARY}{_VAGUE}点點])"
)

_NUMBER_RE = re.compile(NUMBER)
_APPROX_RE = re.compile(APPROX_NUMBER)
_DIGIT_STRING_RE = re.compile(_DIGIT_STRING)
_TEENS_RE = re.compile(f"(?P<prefix>{_TEEN_PREFIX})[十拾][{_VAGUE}](?P<scale>.*)")
_TOKEN_RE = re.compile(
    f"(?P<digits>{_ARABIC}|[{_ALL_DIGITS}])|[点點](?P<fraction>[0-9]+|[{_ALL_DIGITS}]+)"
    f"|(?P<tens>[廿卅卌])|(?P<small>[十拾百佰千仟])|(?P<big>{_BIG_RUN})"
)
# Scales multiply exactly: give decimal all the room it wants and trap any rounding.
_EXACT = Context(prec=MAX_PREC, Emax=MAX_EMAX, Emin=MIN_EMIN, traps=[Inexact])


def _positional(text: str) -> Decimal:
    """Read Arabic text, or Chinese digits one by one: '1,234.5', '二〇二五', '三点一四'."""
    if text.isascii():
        return Decimal(text.replace(",", ""))
    return Decimal("".join(str(_DIGIT_VALUES[c]) if c in _DIGIT_VALUES else "." for c in text))


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

    def digits(self, text: str) -> None:
        if self.pending is not None:
            raise ValueError("two numbers without a scale between them")
        value = _positional(text)
        if value == 0 and not text.isascii():  # 零 only marks a gap (一百零五)
            self.last_scale = None
            return
        self.pending, self.abbreviated = value, len(text) == 1 and bool(self.last_scale)

    def small(self, exponent: int, coefficient: Decimal | None = None) -> None:
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
    """Exact value of a string that ``NUMBER`` matches in full; ValueError otherwise.

    >>> parse_number("483.8万"), parse_number("负三"), parse_number("一万二")
    (Decimal('4838000.0'), Decimal('-3'), Decimal('12000'))
    >>> parse_number("二〇二五"), parse_number("5亿1万4千6百"), parse_number("两百点两")
    (Decimal('2025'), Decimal('500014600'), Decimal('200.2'))
    >>> parse_number("1,234,567.89"), parse_number("壹佰贰拾叁"), parse_number("二十万亿")
    (Decimal('1234567.89'), Decimal('123'), Decimal('20000000000000'))
    >>> parse_number("十十")
    Traceback (most recent call last):
    ValueError: not a number: '十十'
    """
    if not isinstance(text, str) or _NUMBER_RE.fullmatch(text) is None:
        raise ValueError(f"not a number: {text!r}")
    body = text.lstrip(_SIGNS)
    with localcontext(_EXACT):
        value = _positional(body) if _DIGIT_STRING_RE.fullmatch(body) else _parse_scaled(body)
        return -value if text[0] in "-−负負" else value


def _scale(text: str) -> Decimal:
    return Decimal(10) ** sum(_EXPONENTS[c] for c in text)


def parse_approx(text: str) -> tuple[Decimal, Decimal]:
    """Inclusive (low, high) of a vague numeral that ``APPROX_NUMBER`` matches in full.

    几/数 stand for 2..9, except right after 十 where they are 1..9 (十几 = 11..19);
    two adjacent digits are the two ends (三四十 = 30..40, 三五百 = 300..500).

    >>> parse_approx("十几万"), parse_approx("数十亿")
    ((Decimal('110000'), Decimal('190000')), (Decimal('2000000000'), Decimal('9000000000')))
    >>> parse_approx("三四十"), parse_approx("二十几")
    ((Decimal('30'), Decimal('40')), (Decimal('21'), Decimal('29')))
    """
    if not isinstance(text, str) or _APPROX_RE.fullmatch(text) is None:
        raise ValueError(f"not an approximate number: {text!r}")
    if text[0] in _VAGUE:
        return 2 * _scale(text[1:]), 9 * _scale(text[1:])
    teens = _TEENS_RE.fullmatch(text)
    if teens:
        base, scale = parse_number(teens["prefix"] + "十"), _scale(teens["scale"])
        return (base + 1) * scale, (base + 9) * scale
    low, high = sorted(Decimal(_DIGIT_VALUES[c]) for c in text[:2])
    return low * _scale(text[2:]), high * _scale(text[2:])


def is_chinese_numeral(text: str) -> bool:
    """True when ``text`` has a Chinese numeral character and no Arabic digit (三个, 两千万).

    >>> is_chinese_numeral("两千万"), is_chinese_numeral("3万"), is_chinese_numeral("个")
    (True, False, False)
    """
    has_chinese = any(c in _NUMERAL_CHARS or c in _FINANCIAL for c in text)
    return has_chinese and not any("0" <= c <= "9" for c in text)
