"""Chinese number grammar: the patterns that find a number in normalised text.

This module knows numerals only (no units, qualifiers or claims). ``NUMBER`` and
``APPROX_NUMBER`` are regex *sources* (non-capturing groups only, no spaces, no inline
flags) so callers can embed them in bigger patterns; parse.py's ``parse_number`` /
``parse_approx`` / ``parse_fraction`` turn a string one of them matches in full into
``Decimal`` values (exact, except a fraction or a negative power that has no finite decimal:
1/3, 3^-1), and masking.py hides the numbers of a text for the pack patterns.

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

from pressmine.regex import cache as regex_cache

__all__ = [
    "APPROX_NUMBER",
    "NUMBER",
    "NUMBER_RE",
    "is_chinese_numeral",
]

# The characters numbers are written with, and the pieces of the grammar that parse.py and
# masking.py read as well, are public (no underscore): DIGIT_VALUES, SIGNS, ARABIC, BIG_RUN…
_ORDINARY = "一二两兩俩倆三四五六七八九"
_FINANCIAL_RARE = "壹贰貳叁參柒捌玖"
_FINANCIAL_WORDY = "伍陆陸肆参"  # everyday characters too: 队伍, 陆续, 大陆, 肆意, 参加
FINANCIAL = _FINANCIAL_RARE + _FINANCIAL_WORDY
ZEROS = "零〇○"
# Digits read one by one (二〇二五, 壹壹): 两/俩 never appear there, nor the wordy 伍陆肆参.
_POSITIONAL = "零〇○一二三四五六七八九幺" + _FINANCIAL_RARE
ALL_DIGITS = _POSITIONAL + _ORDINARY + FINANCIAL
_DECIMAL_DIGITS = _POSITIONAL + FINANCIAL  # after 点: every digit but 两/俩
_DIGIT_GROUPS = (
    "零〇○ 一壹幺 二两兩俩倆贰貳 三叁參参 四肆 五伍 六陆陸 七柒 八捌 九玖"  # index = value
)
DIGIT_VALUES = {c: i for i, group in enumerate(_DIGIT_GROUPS.split(" ")) for c in group}
_SCALE_GROUPS = (("十拾", 1), ("百佰", 2), ("千仟", 3), ("万萬", 4), ("亿億", 8), ("兆", 12))
EXPONENTS = {c: exponent for group, exponent in _SCALE_GROUPS for c in group}
TENS = {"廿": 2, "卅": 3, "卌": 4}  # one character for 二十, 三十, 四十
_SMALL = "十拾百佰千仟廿卅卌"
_BIG = "万萬亿億"
NUMERAL_CHARS = _POSITIONAL + _ORDINARY + _FINANCIAL_RARE + _SMALL + _BIG
SIGNS = "-−+负負正"
SIGN_CLASS = r"\-−+负負正"  # the same, escaped for a character class
VAGUE = "几幾数數"
_CJK = "\u3400-\u9fff"  # a Chinese character: what a word is made of

# Thousands separators only in exact groups of three, so 782,死亡 stops at 782.
ARABIC = r"(?:[0-9]{1,3}(?:,[0-9]{3}(?![0-9]))++|[0-9]++)(?:\.[0-9]++)?"
# An exponent (2e5, 2^-1) or a metric letter (100k, 1.2M) ends an Arabic number; the letter
# never runs into another one (5GB is 5 + GB, 3km is 3 + km).
_EXPONENT = r"(?:[eE][-+]?[0-9]++|\^[-+]*+[0-9]++(?:\.[0-9]++)?)"
_METRIC = "[kKMG](?![A-Za-z])"
_ARABIC_SUFFIXED = f"{ARABIC}(?:{_EXPONENT}|{_METRIC})(?![0-9{_SMALL}{_BIG}])"
_LEADING_DOT = rf"(?<![0-9A-Za-z.])\.[0-9]++(?:{_EXPONENT}|{_METRIC})?"
# 伍/陆/肆 take only financial or big scales: the 伍十 of 队伍十分 is no number.
_COEF = f"(?:{ARABIC}|[{_ORDINARY}{_FINANCIAL_RARE}])"
_COEF_FIN = f"(?:{ARABIC}|[{_ORDINARY}{FINANCIAL}])"
_THOUSAND = f"(?:{_COEF}千|{_COEF_FIN}仟)"
_HUNDRED = f"(?:{_COEF}百|{_COEF_FIN}佰)"
# After a higher scale or 零 a bare 拾 is ten (壹佰拾, 一千零拾肆); at the start it is a word.
_TEN = f"(?:{_COEF}?十|{_COEF_FIN}?拾|[廿卅卌])"
_TEN_FIRST = f"(?:{_COEF}?十|{_COEF_FIN}拾|[廿卅卌])"
# A bare 百/千/拾 opens a number only before more numeral (百万, 千一), not in 百姓/千米/收拾.
_BARE = f"(?=[{ALL_DIGITS}0-9{_BIG}])"
_Z = f"[{ZEROS}]?"
_TAIL = f"(?:{ARABIC}|[{_ORDINARY}{FINANCIAL}{ZEROS}](?<![两兩俩倆]))"  # 十两 is 10 两
_LONE_WORDY = (
    f"(?:[{_FINANCIAL_WORDY}](?=[{_BIG}]|[点點][{_DECIMAL_DIGITS}])"
    f"|(?<![{_CJK}])[{_FINANCIAL_WORDY}](?![{_CJK}])|(?<=分之)[{_FINANCIAL_WORDY}])"
)
# A dot between two Chinese numerals is a decimal point (三.三二, 四十.六万, ○.○四: Taiwan's
# press writes figures so): never after an Arabic digit or a scale, never before more than
# digits (一.概况 is a heading), and 。 is no dot.
_DOT = f"(?<=[{_POSITIONAL}{_ORDINARY}{FINANCIAL}十拾])\\.(?=[{_DECIMAL_DIGITS}])"
# ○ is a bullet, but a number before a decimal dot (○.○四 = 0.04).
_FIRST_TAIL = f"(?:{ARABIC}|[{_ORDINARY}{_FINANCIAL_RARE}零〇]|○(?={_DOT})|{_LONE_WORDY})"
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
    f"(?:{_THOUSAND}|(?<=[{ZEROS}])[千仟])",
    f"(?:{_HUNDRED}|(?<=[{ZEROS}])[百佰])",
    _TEN,
    _TAIL,
)
# 万亿 = 10^12, 万万 = 亿; 亿万 is no scale; 兆 only with more numeral after it.
BIG_RUN = f"(?:[万萬][万萬亿億]?|[亿億]{{1,2}}|兆(?=[0-9{ALL_DIGITS}{_SMALL}]))"
_SCALED = f"{_FIRST_SECTION}(?:{BIG_RUN}{_Z}{_NEXT_SECTION})*(?:{BIG_RUN}(?:{_FRACTION})?)?"
# A bare 万 opens a number before one abbreviated digit: 万九 = 19000 (万一 is a word: packs).
_BARE_WAN = f"[万萬](?=[{_ORDINARY}{_FINANCIAL_RARE}](?![{ALL_DIGITS}{_SMALL}{_BIG}点點]))"
# Two adjacent digits are a range (三四个, 三五天), not a positional number, unless more follow.
_PAIRS = "(?:一二|一[两兩]|二三|[两兩]三|三[两兩]|三四|四五|五六|六七|七八|八九|三五)"
_DIGIT_RUN = (
    f"(?:[{_POSITIONAL}]{{3,}}+|[{ZEROS}][{_POSITIONAL}]|[{_POSITIONAL}]{{2}}(?=[点點])"
    f"|(?<![{_CJK}])[{_POSITIONAL}]{{2}}(?![{_CJK}]))"
)
_DIGIT_DECIMALS = f"(?:(?:[点點]|{_DOT})[{_POSITIONAL}]++)?"
# A run of three or more digits may carry a big scale (一一六一.二万 = 11612000, as Taiwan's
# press writes it); a shorter one never (二〇万 is no number).
DIGIT_STRING = (
    f"(?!{_PAIRS}(?![{_POSITIONAL}点點]))"
    f"(?:[{_POSITIONAL}]{{3,}}+{_DIGIT_DECIMALS}{BIG_RUN}?|{_DIGIT_RUN}{_DIGIT_DECIMALS})"
    f"(?![{_SMALL}{_BIG}])"
)
# Arabic never starts right after a scale (1万1万 is one run) nor on the 000 of 1,000.
_ARABIC_START = f"(?=[0-9])(?<![{_SMALL}{_BIG}])(?:(?<![0-9],)|(?![0-9]{{3}}(?![0-9])))"
# Chinese never starts inside another number, nor on the 十 of 数十/几十.
_CHINESE_START = f"(?![0-9])(?<![{NUMERAL_CHARS}])(?:(?<![{VAGUE}])|(?=[{ALL_DIGITS}]))"
_SIGN = f"(?:(?<![{NUMERAL_CHARS}{SIGN_CLASS}~～—–])[{SIGN_CLASS}])?"
_NUMBER_BODY = (
    f"{_ARABIC_START}(?:{_ARABIC_SUFFIXED}|{_SCALED})|{_LEADING_DOT}"
    f"|{_CHINESE_START}(?:{DIGIT_STRING}|{_SCALED}|{_BARE_WAN}{_SCALED})"
)
# Ending before a digit or 几 would cut a range (十二三) or a vague number (二十几). 两 after a
# number is the unit 两 (50 g: 三十两, 3斤5两), except in the ranges 一两 and 三两.
_NOT_LIANG = _ORDINARY.translate(str.maketrans("", "", "两兩俩倆"))
_END = f"(?![{_POSITIONAL}{_NOT_LIANG}{_FINANCIAL_RARE}{VAGUE}])(?!(?<=[一三两兩])[两兩])"
NUMBER_START = "(?<![0-9])(?<![0-9]\\.)"
NUMBER = f"{NUMBER_START}(?>{_SIGN}(?:{_NUMBER_BODY})){_END}"

_SCALE_SUFFIX = f"(?:[十拾百佰千仟]{BIG_RUN}?|{BIG_RUN})"
_SEVERAL = f"[{VAGUE}]{_SCALE_SUFFIX}"  # 几十, 数百万
_COEF_CN = f"[{_ORDINARY}{FINANCIAL}]"
TEEN_PREFIX = f"(?:{_COEF_CN}[千仟])?(?:{_Z}{_COEF_CN}[百佰])?(?:{_Z}{_COEF_CN})?"
# 十几, 二十几万, 三千四百五十几万; 一百零几万: 几 in the units place after 零.
HUNDREDS = f"(?:{_COEF_CN}[千仟](?:{_COEF_CN}[百佰])?|{_COEF_CN}[百佰])"
_TEENS = f"(?:{TEEN_PREFIX}[十拾]|{HUNDREDS}[{ZEROS}])[{VAGUE}]{BIG_RUN}?"
_PAIR_RANGE = f"{_PAIRS}{_SCALE_SUFFIX}?"  # 三四十, 两三万, 三五百
APPROX_NUMBER = (
    f"(?<![0-9.{NUMERAL_CHARS}{VAGUE}])(?>{_SEVERAL}|{_TEENS}|{_PAIR_RANGE})"
    f"(?![{_POSITIONAL}{_ORDINARY}{VAGUE}点點])"
)

NUMBER_RE = regex_cache.compile(NUMBER)


def is_chinese_numeral(text: str) -> bool:
    """True when ``text`` has a Chinese numeral character and no Arabic digit (三个, 两千万).

    >>> is_chinese_numeral("两千万"), is_chinese_numeral("3万"), is_chinese_numeral("个")
    (True, False, False)
    """
    has_chinese = any(c in NUMERAL_CHARS or c in FINANCIAL for c in text)
    return has_chinese and not any("0" <= c <= "9" for c in text)
