"""Every decision about a number's unit, in one place.

In the order they are taken for each candidate (candidates.py):
1. `split_scale`: a scale character that belongs to the unit goes back to it: 3千瓦 is 3 千瓦,
   not 3000 瓦; 亿千瓦时 is 亿 + 千瓦时.
2. A measure written in several units names its own (3斤5两 -> 斤: values.py reads it).
3. `unit_of`: the rule's fixed unit (`unit = "%"` in its pack), else the name the unit table
   (`[[units]]` in patterns/*.toml) gives what is written (亿元 -> 元, 萬人 -> 人), else what
   is written.
4. `apply_declarations`: an amount with a scale and no unit (1,234亿) takes the unit a
   declaration such as （美元,下同） sets.
5. `normalized`: the value in the unit's canonical unit (亿元 and 万元 in CNY), for the output.
"""

from __future__ import annotations

import bisect
import re
from decimal import Decimal
from typing import TYPE_CHECKING

from pressmine.claim import Normalized
from pressmine.packs.model import PackSet, Rule, Unit
from pressmine.regex import required

if TYPE_CHECKING:
    from pressmine.claims.candidates import Candidate

_ARABIC = re.compile(r"[0-9]")

# A scale word ending a number: 5万 (in 3至5万元), 3千 (in 3千瓦), 15k (in 10~15k元).
SCALE_SUFFIX = re.compile(
    r"(?<=[0-9一二两三四五六七八九十零〇壹贰叁肆伍陆柒捌玖拾佰仟])"
    r"(万亿|千亿|百亿|亿|千万|百万|万|千|百|仟|佰|[kKMG])$"
)


def split_scale(groups: dict[str, str], packs: PackSet) -> tuple[str, str | None]:
    """The value's text and the unit as written, once a scale character that belongs to the
    unit is handed back to it. A rule's `scale` group is updated in `groups`."""
    value_text = groups["value"]
    unit_surface = groups.get("unit")
    if unit_surface and groups.get("scale"):
        groups["scale"], unit_surface = _scale_of_unit(groups["scale"], unit_surface, packs)
    if unit_surface and not groups.get("scale"):
        value_text, unit_surface = _give_back_scale(value_text, unit_surface, packs)
    return value_text, unit_surface


def _scale_of_unit(scale: str, unit: str, packs: PackSet) -> tuple[str, str]:
    """亿千瓦时: a pattern's scale group took the 千 of 千瓦时; hand it back to the unit."""
    if scale[-1] + unit in packs.units:
        return scale[:-1], scale[-1] + unit
    return scale, unit


def _give_back_scale(value_text: str, unit_surface: str, packs: PackSet) -> tuple[str, str]:
    """3千瓦 is 3 kilowatts, not 3000 watts: hand a scale character back to the unit when
    together they form a unit the packs know, and the number cannot end in that scale as a
    whole number: it is Arabic (3千瓦) or has a larger scale (3.2万千瓦). 两千米 stays 2000 米."""
    tail = SCALE_SUFFIX.search(value_text)
    if not tail or len(value_text) < 2 or tail.group(1)[-1] + unit_surface not in packs.units:
        return value_text, unit_surface
    head = value_text[:-1]
    if _ARABIC.search(head) or any(c in "万萬亿億" for c in head):
        return head, value_text[-1] + unit_surface
    return value_text, unit_surface


def unit_of(rule: Rule, surface: str | None, packs: PackSet) -> tuple[str, Unit | None]:
    """The output unit and its entry in the unit table: the rule's fixed unit, else the unit
    table's name for what is written (亿元 -> 元), else what is written ("" for none)."""
    info = packs.units.get(surface) if surface else None
    if rule.unit is not None:
        return rule.unit, info
    if info is not None:
        return info.name, info
    return surface or "", info


def apply_declarations(
    text: str, cands: list[Candidate], packs: PackSet, present: required.Present
) -> None:
    """（美元,下同）: an amount written with a scale but no unit (1,234亿) takes the declared
    unit, from the amount right before the declaration to the end of the text (`present`: the
    characters it holds)."""
    declared = sorted(
        (m.start(), m.group("unit"))
        for d in packs.declarations
        if required.may_search(d.regex, text, present)  # most texts declare no unit: no 单位
        for m in d.regex.finditer(text)
    )
    if not declared:
        return
    starts = [s for s, _ in declared]
    for c in cands:
        if c.unit or c.rejected or not SCALE_SUFFIX.search(text[c.number_start : c.number_end]):
            continue
        # the declaration that follows the amount right away, or else the last one before it
        i = bisect.bisect_right(starts, c.end + 1) - 1
        if i < 0:
            continue
        surface = declared[i][1]
        info = packs.units.get(surface)
        c.unit, c.unit_info, c.declared = (info.name if info else surface), info, True


def normalized(c: Candidate, local: str | None = None) -> Normalized | None:
    """The value in the unit's canonical unit (亿元 and 万元 both in CNY, 公里 and 米 in km,
    斤 and 吨 in kg, ℉ in °C), when it has one. None for a unit that names no one quantity
    (度, 分) and for the numbers a rule labels without a unit to convert (2025年, 第二).
    `local` is the text's local currency (PackSet.local_currency): a bare 元 in a Hong Kong
    release is HKD; 人民币 written out stays CNY."""
    u = c.unit_info
    if c.ratio is not None and c.unit == "%":  # 三分之一: the share unrounded, 33.333…
        return Normalized(c.ratio[0] * 100, "%")
    if u is None:
        if c.unit in ("%", "‰", "pp"):  # a rule's fixed unit, outside the unit table
            return Normalized(c.value, c.unit, c.value_max)
        if c.unit == "" and c.rule.unit is None:
            return Normalized(c.value, "count", c.value_max)
        return None
    if not u.normalized:
        return None

    def conv(v: Decimal) -> Decimal:
        return v * u.factor + u.offset

    unit = local if local and u.local else u.normalized
    return Normalized(conv(c.value), unit, conv(c.value_max) if c.value_max is not None else None)
