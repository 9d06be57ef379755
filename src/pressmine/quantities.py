"""Find quantities in normalised text: run every pack rule, keep the best of overlapping
matches, compute value, unit and qualifier, and say why a candidate is not a claim.

This is where a number's unit is decided: `_unit()` looks the written unit up in the packs'
unit table (`[[units]]` in patterns/*.toml).
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from pressmine import compiled, numbers, segment
from pressmine.packs import PackSet, Rule, Unit

_ARABIC = re.compile(r"[0-9]")
# A scale word ending a number: 5万 (in 3至5万元), 3千 (in 3千瓦), 15k (in 10~15k元).
_SCALE_SUFFIX = re.compile(
    r"(?<=[0-9一二两三四五六七八九十零〇壹贰叁肆伍陆柒捌玖拾佰仟])"
    r"(万亿|千亿|百亿|亿|千万|百万|万|千|百|仟|佰|[kKMG])$"
)
_BIG_SCALE = re.compile(r"(万亿|亿|万)$")
_CLAUSE_END = re.compile(r"[,;:!?。，；：！？\n]")
_TWO_PLACES = Decimal("0.01")
# Spaces between the parts of one number are layout (一百 五 十 二, 7 万5 千, 四点 五个百分点,
# 三 分之 一): they are squeezed out before matching. Two Arabic numbers stay apart (832.72 726.94
# are two columns of a table), and so does anything around a letter or a line break.
_JOINS = set(
    "零〇○一二两兩俩三四五六七八九十百千万亿兆拾佰仟萬億壹贰貳叁參参肆伍陆陸柒捌玖廿卅卌幺"
    "点點又分之余餘多几幾数數负負个個成折"
)
_CN_DIGITS = set("零〇○一二两兩三四五六七八九壹贰貳叁參肆伍陆陸柒捌玖")
_SPACES = re.compile(r"[ \t]+")
# A space between groups of exactly three digits is a thousands separator (3 000万元, 12 345 678):
# the first group has one to three digits and starts no other run of digits, and no group of
# another size follows (832.72 726.94, 2019 2020, 12 345 6789 stay apart).
_SPACED_THOUSANDS = re.compile(
    r"(?<![0-9A-Za-z.,])(?<![0-9.,] )[1-9][0-9]{0,2}(?: [0-9]{3})+(?![0-9])(?! [0-9])"
)
_HALF_WORDS = ("半", "一半", "对")  # 半小时, 一半, 打对折: one half
_MAGNITUDES = ("千", "万", "亿", "万亿")


@dataclass(slots=True)
class Candidate:
    """A quantity found by a rule, before and after the not-claim checks."""

    start: int  # span in the text (normalised and original share offsets)
    end: int
    value: Decimal
    value_max: Decimal | None
    unit: str
    unit_info: Unit | None
    qualifier: str
    rule: Rule
    number_start: int  # where the number itself is, for the word-boundary check
    number_end: int
    chinese: bool  # written without Arabic digits (三个, 两千万)
    subject_span: tuple[int, int] | None = None  # from the rule's (?P<subject>…) group
    rejected: str | None = None  # why this is no quantity at all (a name, a word), or None
    not_claim: str | None = None  # why this quantity is no claim (一个 is an article), or None
    declared: bool = False  # its unit came from a declaration such as （美元,下同）
    # A fraction's own value (三分之一 = 1/3), which find_quantities reports; as a claim the
    # same fraction is a share in % (33.33), as CLAIMS.md writes it.
    ratio: tuple[Decimal, Decimal | None] | None = None

    @property
    def is_claim(self) -> bool:
        return (
            self.rejected is None and self.not_claim is None and (self.rule.claim or self.declared)
        )


def find_candidates(text: str, packs: PackSet) -> list[Candidate]:
    """Every rule's matches, overlaps resolved, not-claims marked (`rejected`, `not_claim`).

    Rules run on the text with the spaces inside numbers squeezed out; offsets come back
    mapped onto `text`."""
    return find_in_document(text, packs)[0]


def find_in_document(text: str, packs: PackSet) -> tuple[list[Candidate], str | None]:
    """find_candidates(text, packs), and `text` with its numbers masked
    (numbers.mask_numbers) when nothing was squeezed, else None: the context finders run
    {{number}} patterns on the same masked text, and masking a long text costs."""
    squeezed, where = _squeeze(text)
    masked = numbers.mask_numbers(squeezed)
    chosen = _resolve_overlaps(_matches(squeezed, masked, packs), packs, squeezed)
    _mark_not_claims(squeezed, masked, chosen, packs)
    if packs.declarations:
        _apply_declarations(squeezed, chosen, packs)
    if where is not None:
        for c in chosen:
            _map_back(c, where)
    return chosen, (masked if where is None else None)


# The qualifier groups rules name, and which of packs.qualifiers' word lists each one reads.
_QUALIFIER_PLACES = (
    ("outside_qualifier", "before"),
    ("qualifier", "before"),
    ("qualifier_inside", "inside"),
    ("qualifier_after", "after"),
    ("outside_qualifier_after", "after"),  # 50万个口罩或以上: after the noun, out of the text
)


@dataclass(frozen=True, slots=True)
class _GroupInfo:
    """What a rule's pattern names, found once per pattern rather than once per match."""

    named: tuple[tuple[str, int], ...]  # the groups _candidate reads (all but x_*), in order
    context: tuple[int, ...]  # the groups _span trims off the match's ends
    # The qualifier groups in the order _qualifier tries them: the known ones with the place
    # whose word list reads them, then every qualifier* group (a user pack may name its own).
    known_qualifiers: tuple[tuple[str, str], ...]
    any_qualifiers: tuple[str, ...]


@cache
def _group_infos(packs: PackSet) -> dict[int, _GroupInfo]:
    """Each rule's _GroupInfo, by the rule's identity (a Rule is not hashable)."""
    return {id(rule): _group_info(rule.regex.groupindex) for rule in packs.rules}


def _group_info(groupindex: Mapping[str, int]) -> _GroupInfo:
    context = tuple(
        i
        for name, i in groupindex.items()
        if name in ("outside_qualifier", "outside_qualifier_after", "subject")
        or name.startswith("x_")
    )
    return _GroupInfo(
        named=tuple((name, i) for name, i in groupindex.items() if not name.startswith("x_")),
        context=context,
        known_qualifiers=tuple((n, place) for n, place in _QUALIFIER_PLACES if n in groupindex),
        any_qualifiers=tuple(name for name in groupindex if name.startswith("qualifier")),
    )


# A rule's match with its rule, its span (the match without its context groups) and what its
# pattern's groups are.
_Match = tuple[re.Match[str], Rule, int, int, _GroupInfo]


def _matches(text: str, masked: str, packs: PackSet) -> list[_Match]:
    found = []
    infos = _group_infos(packs)
    for rule in packs.rules_for(text):
        info = infos[id(rule)]
        for m in rule.regex.finditer(numbers.texts_for(rule.regex.pattern, text, masked)):
            start, end = _span(m, info.context) if info.context else m.span()
            found.append((m, rule, start, end, info))
    return found


def _squeeze(text: str) -> tuple[str, list[int] | None]:
    """The text without the spaces between two parts of a number, and for each of its
    characters (and its end) the offset in `text`; None when nothing was squeezed."""
    if " " not in text and "\t" not in text:
        return text, None
    parts: list[str] = []
    where: list[int] = []
    last = 0
    thousands = {
        m.start() + i
        for m in _SPACED_THOUSANDS.finditer(text)
        for i, ch in enumerate(m.group())
        if ch == " "
    }
    for m in _SPACES.finditer(text):
        before, after = text[m.start() - 1 : m.start()], text[m.end() : m.end() + 1]
        if (
            not _joins(before, after, text[m.end() + 1 : m.end() + 2])
            and not _sign_apart(text, m.start(), after)
            and not (m.end() - m.start() == 1 and m.start() in thousands)
        ):
            continue
        parts.append(text[last : m.start()])
        where.extend(range(last, m.start()))
        last = m.end()
    if not parts:
        return text, None
    parts.append(text[last:])
    where.extend(range(last, len(text) + 1))
    return "".join(parts), where


def _joins(before: str, after: str, next_char: str) -> bool:
    """Whether a space between these two characters sits inside one number."""
    if not before or not after:
        return False
    digit_before = before.isascii() and before.isdigit()
    digit_after = after.isascii() and after.isdigit()
    if digit_before and after in "kKMG" and not (next_char.isascii() and next_char.isalpha()):
        return True  # 52.5 k
    if digit_before and digit_after:
        return False  # 832.72 726.94: two numbers
    if (digit_before and after in _CN_DIGITS) or (digit_after and before in _CN_DIGITS):
        return False  # 667.123 五点八: two numbers in two scripts
    return (before in _JOINS or digit_before) and (after in _JOINS or digit_after)


def _sign_apart(text: str, space: int, after: str) -> bool:
    """- 1,200,000 at the start of a text or phrase: a minus sign set apart from its number
    (a dash between two numbers, 2020 - 2025, has a number before it)."""
    if space < 1 or text[space - 1] not in "-负負" or not (after.isascii() and after.isdigit()):
        return False
    head = text[: space - 1].rstrip(" \t")
    return not head or not (head[-1].isalnum() or head[-1] in _JOINS)


def _map_back(c: Candidate, where: list[int]) -> None:
    """Offsets in the squeezed text -> offsets in the text (an end maps from its last char)."""

    def span(s: int, e: int) -> tuple[int, int]:
        return where[s], (where[e - 1] + 1 if e > s else where[s])

    c.start, c.end = span(c.start, c.end)
    c.number_start, c.number_end = span(c.number_start, c.number_end)
    if c.subject_span is not None:
        c.subject_span = span(*c.subject_span)


def _apply_declarations(text: str, cands: list[Candidate], packs: PackSet) -> None:
    """（美元,下同）: an amount written with a scale but no unit (1,234亿) takes the declared
    unit, from the amount right before the declaration to the end of the text."""
    declared = sorted(
        (m.start(), m.group("unit")) for d in packs.declarations for m in d.regex.finditer(text)
    )
    if not declared:
        return
    starts = [s for s, _ in declared]
    for c in cands:
        if c.unit or c.rejected or not _SCALE_SUFFIX.search(text[c.number_start : c.number_end]):
            continue
        # the declaration that follows the amount right away, or else the last one before it
        i = bisect.bisect_right(starts, c.end + 1) - 1
        if i < 0:
            continue
        surface = declared[i][1]
        info = packs.units.get(surface)
        c.unit, c.unit_info, c.declared = (info.name if info else surface), info, True


def _candidate(m: _Match, packs: PackSet, text: str) -> Candidate | None:
    match, rule, start, end, info = m
    # Read the groups from the real text: the match may have run on the masked one.
    regs = match.regs
    groups = {name: text[regs[i][0] : regs[i][1]] for name, i in info.named if regs[i][0] >= 0}
    value_text = groups["value"]
    unit_surface = groups.get("unit")
    if unit_surface and groups.get("scale"):
        groups["scale"], unit_surface = _scale_of_unit(groups["scale"], unit_surface, packs)
    if unit_surface and not groups.get("scale"):
        value_text, unit_surface = _give_back_scale(value_text, unit_surface, packs)
    try:
        amount = _values(groups, value_text, rule, packs)
    except (ValueError, ArithmeticError):
        return None  # the regex found something the number grammar rejects: not a number
    unit_surface = amount.unit or unit_surface  # a measure in units names its own: 3斤5两
    unit_info = packs.units.get(unit_surface) if unit_surface else None
    vs, ve = match.span("value")
    return Candidate(
        start=start,
        end=end,
        value=amount.value,
        value_max=amount.value_max,
        unit=_unit(rule, unit_surface, unit_info),
        unit_info=unit_info,
        qualifier=rule.qualifier or amount.qualifier or _qualifier(groups, info, packs),
        rule=rule,
        number_start=vs,
        number_end=ve,
        chinese=not _ARABIC.search(text, match.start(), match.end()),
        subject_span=match.span("subject") if "subject" in groups else None,
        ratio=amount.ratio,
    )


def _scale_of_unit(scale: str, unit: str, packs: PackSet) -> tuple[str, str]:
    """亿千瓦时: a pattern's scale group took the 千 of 千瓦时; hand it back to the unit."""
    if scale[-1] + unit in packs.units:
        return scale[:-1], scale[-1] + unit
    return scale, unit


def _give_back_scale(value_text: str, unit_surface: str, packs: PackSet) -> tuple[str, str]:
    """3千瓦 is 3 kilowatts, not 3000 watts: hand a scale character back to the unit when
    together they form a unit the packs know, and the number cannot end in that scale as a
    whole number: it is Arabic (3千瓦) or has a larger scale (3.2万千瓦). 两千米 stays 2000 米."""
    tail = _SCALE_SUFFIX.search(value_text)
    if not tail or len(value_text) < 2 or tail.group(1)[-1] + unit_surface not in packs.units:
        return value_text, unit_surface
    head = value_text[:-1]
    if _ARABIC.search(head) or any(c in "万萬亿億" for c in head):
        return head, value_text[-1] + unit_surface
    return value_text, unit_surface


def _unit(rule: Rule, surface: str | None, info: Unit | None) -> str:
    """The output unit: the rule's fixed unit, else the unit table's name for what is written."""
    if rule.unit is not None:
        return rule.unit
    if info is not None:
        return info.name
    return surface or ""


@dataclass(slots=True)
class _Amount:
    """What the value group says: the value, an upper bound, the unit a measure in units
    names (3斤5两 -> 斤), a qualifier the numeral implies (二十几万: over 200000), and a
    fraction's own value."""

    value: Decimal
    value_max: Decimal | None = None
    unit: str | None = None
    qualifier: str | None = None
    ratio: tuple[Decimal, Decimal | None] | None = None


def _values(groups: dict[str, str], value_text: str, rule: Rule, packs: PackSet) -> _Amount:
    amount = _read(value_text, packs)
    max_text = groups.get("value_max")
    if max_text:
        upper = _read(max_text, packs)
        if upper.value_max is not None:
            raise ValueError("a vague upper bound")
        amount.value_max = upper.value
        amount.unit = amount.unit or upper.unit
    if groups.get("scale"):  # 1200余万元: the scale written after 余 multiplies the number
        amount.value *= _scale(groups["scale"])
        if amount.value_max is not None:
            amount.value_max *= _scale(groups["scale"])
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
    return amount


def _read(text: str, packs: PackSet) -> _Amount:
    """One written amount: a number, a vague numeral, a fraction, half, or a measure."""
    try:
        return _Amount(numbers.parse_number(text))
    except ValueError:
        pass
    try:
        low, high = numbers.parse_approx(text)  # 数万, 十几: a range by nature ...
    except ValueError:
        pass
    else:
        if numbers.approx_has_floor(text):  # ... but 二十几万 is "over 200000"
            return _Amount(low, qualifier="over")
        return _Amount(low, high)
    try:
        return _Amount(numbers.parse_fraction(text))  # 三分之一, 3/5; 四分一 where a rule says
    except ValueError:
        pass
    if text in _HALF_WORDS:
        return _Amount(Decimal("0.5"))
    if text in _MAGNITUDES:  # 超千家, 近万公里: a scale alone is its own magnitude
        return _Amount(_scale(text))
    value, unit = _measure(text, packs)
    return _Amount(value, unit=unit)


def _shared_scale(low_text: str, high_text: str, low: Decimal, high: Decimal) -> Decimal:
    """3至5万元: the upper bound's scale is the lower's too, as far as the lower leaves it out
    and the range stays a range: 一千到两千万 = 1000万..2000万, 七千到九千亿, 两到三仟 =
    2000..3000; 8500到3万 keeps 8500."""
    high_tail = _SCALE_SUFFIX.search(high_text)
    if not high_tail:
        return low
    run = high_tail.group(1)
    low_tail = _SCALE_SUFFIX.search(low_text)
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
        if low * _scale(word) <= high:
            return low * _scale(word)
    return low


def _share(value: Decimal) -> Decimal:
    """A fraction as a share: exact when it ends (1/4 = 25), else two places (33.33)."""
    if len(value.as_tuple().digits) >= 20:
        return value.quantize(_TWO_PLACES)
    return value


# ------------------------------------------------------------------------------ measures

_MEASURE_NUMBER = compiled.compile(numbers.NUMBER)


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
    m = _MEASURE_NUMBER.match(text[pos:])
    if m is None:
        return None, pos
    return numbers.parse_number(m.group()), pos + m.end()


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
def _scale(word: str) -> Decimal:
    return numbers.parse_number("1" + word)


def _qualifier(groups: dict[str, str], info: _GroupInfo, packs: PackSet) -> str:
    for name, place in info.known_qualifiers:
        word = groups.get(name)
        if word:
            label = packs.qualifiers[place].get(word)
            if label:
                return label
    for name in info.any_qualifiers:  # qualifier groups a user pack named its own way
        if name in groups:
            word = groups[name]
            for place in ("before", "inside", "after"):
                if word in packs.qualifiers[place]:
                    return packs.qualifiers[place][word]
    return "exact"


def _span(m: re.Match[str], context: tuple[int, ...]) -> tuple[int, int]:
    """The match without the context groups (outside_qualifier, subject, x_*) at its ends."""
    regs = m.regs
    spans = sorted([regs[i] for i in context if regs[i][0] >= 0])
    start, end = regs[0]
    for s, e in spans:
        if s == start:
            start = e
    for s, e in reversed(spans):
        if e == end:
            end = s
    return start, end


def _resolve_overlaps(found: list[_Match], packs: PackSet, text: str) -> list[Candidate]:
    """Keep the best of overlapping candidates: higher rule priority, then the longer span.

    A match is read (value, unit…) only when it would be kept: about half of all matches
    lose to a better one, and reading is most of what a match costs. A match that does not
    read as a number is no candidate, so the next best one in its place gets its chance."""
    found.sort(key=lambda m: (-m[1].priority, -(m[3] - m[2]), m[2]))
    starts: list[int] = []
    ends: list[int] = []
    kept: list[Candidate] = []
    for m in found:
        start, end = m[2], m[3]
        i = bisect.bisect_left(starts, start)
        if i > 0 and ends[i - 1] > start:
            continue
        if i < len(starts) and starts[i] < end:
            continue
        c = _candidate(m, packs, text)
        if c is None:
            continue
        starts.insert(i, start)
        ends.insert(i, end)
        kept.insert(i, c)
    return kept


# ------------------------------------------------------------------------------ not claims


def _mark_not_claims(text: str, masked: str, cands: list[Candidate], packs: PackSet) -> None:
    blocked = _Blocked(_blocked_spans(text, masked, packs))
    for c in cands:
        why = blocked.rejection(c)
        if why is not None:
            c.rejected = why
    chinese = [c for c in cands if c.chinese and c.rejected is None]
    for c in chinese:
        if c.value == 1 and text[c.number_start : c.number_end] == "一":
            if c.unit in packs.article_classifiers and not _counted(text, c, packs):
                c.not_claim = "article: 一 + classifier (打造一个…) is not a count"
            elif c.unit == "" and c.end == c.number_end and _verb_follows(text, c.end):
                # 一看就懂, not 一点二 (点 is the decimal point there)
                c.rejected = "adverb: 一 before a verb (一看就懂) is no number"
    # A rule that fixes the unit and finds no claims (第N, 2025年, 3月) delimits its number by
    # its own pattern: the segmenter has no say (第二阶段 is one word, 第二 an ordinal in it).
    words_checked = [
        c for c in chinese if c.rejected is None and (c.rule.claim or c.rule.unit is None)
    ]
    _mark_inside_words(text, words_checked, cands)


def _counted(text: str, c: Candidate, packs: PackSet) -> bool:
    """只有一个, 至少一个: a qualifier or a count word before 一 makes it a count."""
    return c.qualifier != "exact" or text.endswith(packs.count_words, 0, c.number_start)


def _holds(c: Candidate, s: int, e: int, why: str) -> bool:
    """A longer quantity may hold a term: 一万一千 holds 万一, 十分钟 holds 十分. One that is
    the term (一批) or whose number is (6G方: 6G is a name) does not."""
    if not why.startswith("not-claim term") or not (c.start <= s and e <= c.end):
        return False
    return e - s < c.end - c.start and (s, e) != (c.number_start, c.number_end)


class _Blocked:
    """The not-claim spans of a text, sorted, so that each candidate looks only at the spans
    near it: a long text holds thousands of both."""

    def __init__(self, spans: list[tuple[int, int, str]]) -> None:
        # (start, order found, end, why): the first span found wins, as if scanned in order
        self.spans = sorted((s, k, e, why) for k, (s, e, why) in enumerate(spans))
        self.starts = [s for s, _, _, _ in self.spans]
        self.longest = max((e - s for s, _, e, _ in self.spans), default=0)

    def rejection(self, c: Candidate) -> str | None:
        """Why the first span found that overlaps `c` and that `c` does not hold rejects it."""
        # A span overlaps c when it starts before c.end and ends after c.start, so it starts
        # after c.start - longest.
        lo = bisect.bisect_left(self.starts, c.start - self.longest + 1)
        hi = bisect.bisect_left(self.starts, c.end)
        if lo == hi:
            return None  # most candidates: no span starts near them
        near = sorted((k, s, e, why) for s, k, e, why in self.spans[lo:hi] if c.start < e)
        for _, s, e, why in near:
            if not _holds(c, s, e, why):
                return why
        return None


def _verb_follows(text: str, pos: int) -> bool:
    if text.startswith(("点", "點"), pos):
        return False
    words = segment.spans(text[pos : _clause_end(text, pos)], pos)
    return bool(words) and segment.word_class(words[0][0]) == "v"


def _blocked_spans(text: str, masked: str, packs: PackSet) -> list[tuple[int, int, str]]:
    out = []
    terms = _terms_regex(packs.not_claim_terms)
    if terms is not None:
        out += [(m.start(), m.end(), f"not-claim term {m.group()}") for m in terms.finditer(text)]
    for p in packs.not_claim_patterns:
        out += [
            (m.start(), m.end(), f"not-claim {p.pack}:{p.id}")
            for m in p.regex.finditer(numbers.texts_for(p.regex.pattern, text, masked))
            if m.end() > m.start()
        ]
    return out


@cache
def _terms_regex(terms: tuple[str, ...]) -> re.Pattern[str] | None:
    if not terms:
        return None
    alts = sorted(terms, key=lambda t: (-len(t), t))
    # A term written in ASCII must stand alone: 5G is a name, 15GB is not 5G.
    parts = [
        (r"(?<![0-9A-Za-z.])" + re.escape(t) + r"(?![0-9A-Za-z])")
        if t[0].isascii()
        else re.escape(t)
        for t in alts
    ]
    return compiled.compile("|".join(parts))  # with a first-character table: see compiled.py


def _mark_inside_words(text: str, cands: list[Candidate], everyone: list[Candidate]) -> None:
    """A Chinese numeral that the segmenter keeps inside a longer word is part of that word:
    统一, 一次能源, 千家万户, 一成不变. A word the found quantities cover whole (九月九日: 九月
    + 九日) is no such word. Only the clause around each candidate is segmented."""
    # `everyone` comes sorted and without overlaps (_resolve_overlaps): its starts and its
    # ends both ascend, so the quantities under a word are one slice, found by bisection.
    starts = [c.start for c in everyone]
    ends = [c.end for c in everyone]
    for c in cands:
        lo = _clause_start(text, c.start)
        hi = _clause_end(text, c.end)
        for _word, s, e in segment.spans(text[lo:hi], lo):
            if ((s < c.start < e) or (s < c.end < e)) and not _covered(s, e, starts, ends):
                c.rejected = f"inside the word {text[s:e]}"
                break


def _covered(s: int, e: int, starts: list[int], ends: list[int]) -> bool:
    """Whether the quantities (sorted `starts` and `ends`) cover [s, e) without a gap."""
    pos = s
    for i in range(bisect.bisect_right(ends, s), bisect.bisect_left(starts, e)):
        if starts[i] > pos:
            return False
        pos = max(pos, ends[i])
    return pos >= e


def _clause_start(text: str, pos: int) -> int:
    lo = max(0, pos - 40)
    found = [m.end() for m in _CLAUSE_END.finditer(text, lo, pos)]
    return found[-1] if found else lo


def _clause_end(text: str, pos: int) -> int:
    m = _CLAUSE_END.search(text, pos, min(len(text), pos + 40))
    return m.start() if m else min(len(text), pos + 40)
