"""Reading the value a rule found: a number, a range (3至5万元), a vague numeral (数万), a
fraction (三分之一), one half (半, 一半), or a measure in several units (3斤5两, 一个半小时),
with the scale written after it (1200余万元) and the rule's factor (九成 -> 90)."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from decimal import MAX_EMAX, MAX_PREC, MIN_EMIN, Context, Decimal, Inexact, localcontext
from functools import cache

from pressmine.claims.units import SCALE_SUFFIX
from pressmine.grammar import parse
from pressmine.grammar.numbers import NUMBER_RE
from pressmine.packs.model import PackSet, Rule

_BIG_SCALE = re.compile(r"(万亿|亿|万)$")
_TWO_PLACES = Decimal("0.01")


@dataclass(slots=True)
class Amount:
    """What the value group says: the value, an upper bound, the unit a measure in units
    names (3斤5两 -> 斤), a qualifier the numeral implies (二十几万: over 200000), and a
    fraction's own value."""

    value: Decimal
    value_max: Decimal | None = None
    unit: str | None = None
    qualifier: str | None = None
    ratio: tuple[Decimal, Decimal | None] | None = None


# The most significant digits a value may have; and it lies between 10^-28 and 10^28. A number
# beyond that in a release is an ID, a code or an error, not a figure: it gives no claim (nor a
# ValueError from int() past 4,300 digits, nor a float overflow in SQLite). Inside the range a
# value is exact: 28 digits is the precision of decimal's default context, the one values are
# later converted in (units.normalized), so no value is rounded there either (a fraction such as
# 1/3 is rounded to 28 digits on purpose: parse_fraction).
MAX_DIGITS = 28
# Scales and factors multiply exactly: a value is never rounded on its way (then checked).
_EXACT = Context(prec=MAX_PREC, Emax=MAX_EMAX, Emin=MIN_EMIN)


def read_amount(groups: dict[str, str], value_text: str, rule: Rule, packs: PackSet) -> Amount:
    """What a match's groups say: the value (`value_text`, the value group once units.py has
    taken back a scale character of the unit), `value_max`, `scale`, `denominator`; ValueError
    when they are no number after all; `TooLong` for one longer than `MAX_DIGITS`."""
    amount = _read(value_text, packs)
    max_text = groups.get("value_max")
    if max_text:
        upper = _read(max_text, packs)
        if upper.value_max is not None:
            raise ValueError("a vague upper bound")
        amount.value_max = upper.value
        amount.unit = amount.unit or upper.unit
    if max_text or groups.get("scale") or "denominator" in groups or not _is_one(rule.factor):
        with localcontext(_EXACT):
            _apply_scale_and_factor(amount, groups, value_text, max_text, rule)
    for value in (amount.value, amount.value_max, *(amount.ratio or ())):
        if value is not None and too_long(value):
            raise TooLong(f"a number of more than {MAX_DIGITS} digits is no figure")
    return amount


_ONE = Decimal(1)


def _is_one(factor: Decimal) -> bool:
    """A factor that changes no value: 1, not 1.0 (which adds a decimal place: 5 -> 5.0).
    Most amounts have no scale, bound or fraction either, and then there is nothing to apply:
    entering the exact context cost more than reading the number (5.9%)."""
    return factor == _ONE and factor.same_quantum(_ONE)


class TooLong(ValueError):
    """A number longer than `MAX_DIGITS`: it is there, but it is no figure."""


def too_long(value: Decimal) -> bool:
    """Whether `value` has more than `MAX_DIGITS` significant digits, or lies outside
    10^-MAX_DIGITS ≤ |value| < 10^MAX_DIGITS.

    >>> too_long(Decimal("4838000.0")), too_long(Decimal("9" * 28)), too_long(Decimal("9" * 29))
    (False, False, True)
    >>> too_long(Decimal("1E+28")), too_long(Decimal("1E-28")), too_long(Decimal("1E-29"))
    (True, False, True)
    """
    if not value.is_finite():
        return True
    if not value or not -MAX_DIGITS <= value.adjusted() < MAX_DIGITS:
        return bool(value)
    try:  # rounded to MAX_DIGITS digits, it loses one that is not zero: it has more
        _SIGNIFICANT.plus(value)
    except Inexact:
        return True
    return False


# Rounds to MAX_DIGITS significant digits, and says so when a digit that is not zero is lost
# (trailing zeros are the exponent's: they are no digits of the figure).
_SIGNIFICANT = Context(prec=MAX_DIGITS, traps=[Inexact])


def _apply_scale_and_factor(
    amount: Amount, groups: dict[str, str], value_text: str, max_text: str | None, rule: Rule
) -> None:
    if groups.get("scale"):  # 1200余万元: the scale written after 余 multiplies the number
        amount.value *= scale_of(groups["scale"])
        if amount.value_max is not None:
            amount.value_max *= scale_of(groups["scale"])
    if max_text and amount.value_max is not None:
        amount.value = _shared_scale(value_text, max_text, amount.value, amount.value_max)
        if amount.value > amount.value_max:
            raise ValueError("not a range")  # 约2.5亿年~6500万年: two numbers
    if "denominator" in groups:
        amount.ratio = (amount.value, None)
        amount.value = _share(amount.value * rule.factor)
    else:
        amount.value *= rule.factor
    if amount.value_max is not None:
        amount.value_max *= rule.factor
    if rule.factor < 0 and amount.value_max is not None:  # 零下: bounds swap
        amount.value, amount.value_max = amount.value_max, amount.value


def _read(text: str, packs: PackSet) -> Amount:
    """One written amount: a number, a vague numeral, a fraction, half, or a measure."""
    try:
        return Amount(parse.parse_number(text))
    except ValueError:
        pass
    try:
        low, high = parse.parse_approx(text)  # 数万, 十几: a range by nature ...
    except ValueError:
        pass
    else:
        if parse.approx_has_floor(text):  # ... but 二十几万 is "over 200000"
            return Amount(low, qualifier="over")
        return Amount(low, high)
    try:
        return Amount(parse.parse_fraction(text))  # 三分之一, 3/5; 四分一 where a rule says
    except ValueError:
        pass
    if text in packs.value_words["half"]:  # 半小时, 一半, 打对折
        return Amount(Decimal("0.5"))
    if text in packs.value_words["magnitude"]:  # 超千家, 近万公里: a scale alone
        return Amount(scale_of(text))
    value, unit = _measure(text, packs)
    return Amount(value, unit=unit)


def _shared_scale(low_text: str, high_text: str, low: Decimal, high: Decimal) -> Decimal:
    """3至5万元: the upper bound's scale is the lower's too, as far as the lower leaves it out
    and the range stays a range: 一千到两千万 = 1000万..2000万, 七千到九千亿, 两到三仟 =
    2000..3000; 8500到3万 keeps 8500."""
    high_tail = SCALE_SUFFIX.search(high_text)
    if not high_tail:
        return low
    run = high_tail.group(1)
    low_tail = SCALE_SUFFIX.search(low_text)
    if low_tail:  # 一千 | 两千万: the lower wrote 千 of 千万 and left out 万
        own = low_tail.group(1)
        if not (run.startswith(own) and len(run) > len(own)):
            return low
        words = [run[len(own) :]]
    else:
        words = [run]
        big = _BIG_SCALE.search(run)
        if big and big.group(1) != run:
            words.append(big.group(1))  # 两千万: try 千万, then 万
    for word in words:
        if low * scale_of(word) <= high:
            return low * scale_of(word)
    return low


def _share(value: Decimal) -> Decimal:
    """A fraction as a share: exact when it ends (1/4 = 25), else two places (33.33)."""
    if len(value.as_tuple().digits) >= 20:
        return value.quantize(_TWO_PLACES)
    return value


def _measure(text: str, packs: PackSet) -> tuple[Decimal, str]:
    """Read a measure written in units, largest first: 3斤5两, 两年零三个月, 五块七毛八, 一个半
    小时, 三成半, 半小时, 米九. Returns the value in its first unit, and that unit as written.

    A digit after the last unit counts tenths of it (一块二 = 1.2), after 零 hundredths
    (三块零四 = 3.04); 半 adds one half. A unit the packs do not know (成) may only stand alone.
    """
    parts: list[tuple[Decimal, str]] = []
    tail = Decimal(0)
    pos = 0
    while pos < len(text):
        zero = text.startswith("零", pos)  # 零 joins parts (一小时零十五秒) and marks 三块零四
        pos += text.startswith("又", pos) and bool(parts)  # 两美元又三美分
        number, pos = _measure_number(text, pos)
        unit, pos, half = _measure_unit(text, pos, packs, counted=number is not None)
        if unit is None:  # a number or 半 after the last unit: the tail
            if half == "lead" and number is None:
                tail = Decimal("0.5")
            elif number is not None and not half and pos == len(text) and parts:
                tail = number * (Decimal("0.01") if zero else Decimal("0.1"))
            else:
                raise ValueError(f"not a measure: {text!r}")
            break
        if half == "lead":  # 半小时: half of one
            if number is not None:
                raise ValueError(f"not a measure: {text!r}")
            count = Decimal("0.5")
        else:  # 一个半小时, 个半月: one and a half
            count = (Decimal(1) if number is None else number) + (Decimal("0.5") if half else 0)
        parts.append((count, unit))
    if not parts or pos < len(text):
        raise ValueError(f"not a measure: {text!r}")
    units, factors = _relative_factors([u for _, u in parts], packs)
    value = sum((n * f for (n, _), f in zip(parts, factors, strict=True)), Decimal(0))
    return value + tail * factors[-1], units[0]


def _measure_number(text: str, pos: int) -> tuple[Decimal | None, int]:
    # Matched on the rest alone: the number's look-behinds must not see the part before it.
    m = NUMBER_RE.match(text[pos:])
    if m is None:
        return None, pos
    return parse.parse_number(m.group()), pos + m.end()


def _measure_unit(
    text: str, pos: int, packs: PackSet, counted: bool
) -> tuple[str | None, int, str | None]:
    """The unit at pos, with a 半 before it ("lead": 半小时) or inside it ("inside": 个半月 =
    一个半月, 分半钟); the third item says which, None for no 半."""
    half = "lead" if text.startswith("半", pos) else None
    if half:
        pos += 1
    else:
        for head in ("个", "分"):  # 个半月: the 半 sits inside the unit 个月
            if text.startswith(head + "半", pos):
                rest = _longest_unit(text, pos + 2, packs, head)
                if rest:
                    return rest[0], rest[1], "inside"
    found = _longest_unit(text, pos, packs)
    if found:
        return found[0], found[1], half
    word = re.match(r"[^\d零〇一二两三四五六七八九十百千万亿半点.]+", text[pos:])
    if word and (counted or half):  # 三成半, 半成: a word the packs do not list (成)
        return word.group(), pos + word.end(), half
    return None, pos, half


def _longest_unit(text: str, pos: int, packs: PackSet, head: str = "") -> tuple[str, int] | None:
    """The longest unit surface at pos; with `head`, head + surface first (个 + 月 = 个月)."""
    for size in range(min(8, len(text) - pos), 0, -1):
        word = text[pos : pos + size]
        if (head + word) in packs.units:
            return head + word, pos + size
        if head and word in packs.units:  # 五个半分钟: 个 is no part of 分钟
            return word, pos + size
    return None


def _relative_factors(units: list[str], packs: PackSet) -> tuple[list[str], list[Decimal]]:
    """Each unit's size in the first one (斤, 两 -> 1, 0.1); units must descend and measure
    one thing. A unit that names no one thing (分: cent or minute) takes the reading its
    neighbours share (五分三十秒: minutes; 两角五分: cents)."""
    if len(units) == 1:
        return units, [Decimal(1)]
    infos = [packs.units.get(u) for u in units]
    if any(i is None for i in infos):
        raise ValueError("an unknown unit in a measure")
    known = {i.normalized for i in infos if i and i.normalized}
    if len(known) != 1:
        raise ValueError("a measure mixes quantities")
    canonical = known.pop()
    resolved = [u if packs.units[u].normalized else _reading(u, canonical, packs) for u in units]
    sizes = [packs.units[u].factor for u in resolved]
    if any(b >= a for a, b in itertools.pairwise(sizes)):
        raise ValueError("units of a measure go from the largest down")
    return resolved, [f / sizes[0] for f in sizes]


def _reading(unit: str, canonical: str, packs: PackSet) -> str:
    """The reading of an ambiguous unit that measures `canonical`: 分 -> 分钟 or 分钱."""
    for surface, info in packs.units.items():
        if (
            surface.startswith(unit)
            and len(surface) == len(unit) + 1
            and (info.normalized == canonical)
        ):
            return surface
    raise ValueError(f"{unit} does not measure {canonical}")


@cache
def scale_of(word: str) -> Decimal:
    return parse.parse_number("1" + word)
