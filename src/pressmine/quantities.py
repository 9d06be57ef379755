"""Find quantities in normalised text: run every pack rule, keep the best of overlapping
matches, compute value, unit and qualifier, and say why a candidate is not a claim.

This is where a number's unit is decided: `_unit()` looks the written unit up in the packs'
unit table (`[[units]]` in patterns/*.toml).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from pressmine import numbers, segment
from pressmine.packs import PackSet, Rule, Unit

_ARABIC = re.compile(r"[0-9]")
# A scale word ending a number: 5万 (in 3至5万元), 3千 (in 3千瓦).
_SCALE_SUFFIX = re.compile(
    r"(?<=[0-9一二两三四五六七八九十零〇])(万亿|千亿|百亿|亿|千万|百万|万|千|百)$"
)
_CLAUSE_END = re.compile(r"[,;:!?。，；：！？\n]")
_TWO_PLACES = Decimal("0.01")


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
    rejected: str | None = None  # why this is not a quantity/claim, or None
    declared: bool = False  # its unit came from a declaration such as （美元,下同）

    @property
    def is_claim(self) -> bool:
        return self.rejected is None and (self.rule.claim or self.declared)


def find_candidates(text: str, packs: PackSet) -> list[Candidate]:
    """Every rule's matches, overlaps resolved, not-claims marked (`rejected`)."""
    found = []
    for rule in packs.rules_for(text):
        for m in rule.regex.finditer(text):
            cand = _candidate(m, rule, packs)
            if cand is not None:
                found.append(cand)
    chosen = _resolve_overlaps(found)
    _mark_not_claims(text, chosen, packs)
    if packs.declarations:
        _apply_declarations(text, chosen, packs)
    return chosen


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


def _candidate(m: re.Match[str], rule: Rule, packs: PackSet) -> Candidate | None:
    groups = {k: v for k, v in m.groupdict().items() if v is not None}
    value_text = groups["value"]
    unit_surface = groups.get("unit")
    # 3千瓦 is 3 kilowatts, not 3000 watts: hand a scale character back to the unit when
    # together they form a unit the packs know.
    if unit_surface and not groups.get("scale"):
        tail = _SCALE_SUFFIX.search(value_text)
        if tail and tail.group(1)[-1] + unit_surface in packs.units and len(value_text) > 1:
            value_text, unit_surface = value_text[:-1], value_text[-1] + unit_surface
    try:
        value, value_max = _values(groups, value_text, rule)
    except (ValueError, ArithmeticError):
        return None  # the regex found something the number grammar rejects: not a number
    unit_info = packs.units.get(unit_surface) if unit_surface else None
    start, end = _span(m)
    vs, ve = m.span("value")
    return Candidate(
        start=start,
        end=end,
        value=value,
        value_max=value_max,
        unit=_unit(rule, unit_surface, unit_info),
        unit_info=unit_info,
        qualifier=rule.qualifier or _qualifier(groups, packs),
        rule=rule,
        number_start=vs,
        number_end=ve,
        chinese=not _ARABIC.search(m.group(0)),
        subject_span=m.span("subject") if "subject" in groups else None,
    )


def _unit(rule: Rule, surface: str | None, info: Unit | None) -> str:
    """The output unit: the rule's fixed unit, else the unit table's name for what is written."""
    if rule.unit is not None:
        return rule.unit
    if info is not None:
        return info.name
    return surface or ""


def _values(groups: dict[str, str], value_text: str, rule: Rule) -> tuple[Decimal, Decimal | None]:
    try:
        value = numbers.parse_number(value_text)
    except ValueError:
        low, high = numbers.parse_approx(value_text)  # 数万, 十几: a range by nature
        return low * rule.factor, high * rule.factor
    max_text = groups.get("value_max")
    value_max = numbers.parse_number(max_text) if max_text else None
    scale = _scale(groups["scale"]) if "scale" in groups else Decimal(1)  # 1200余万元
    value *= scale
    if value_max is not None and max_text:
        value_max *= scale
        tail = _SCALE_SUFFIX.search(max_text)
        if tail and not _SCALE_SUFFIX.search(value_text):
            value *= _scale(tail.group(1))  # 3至5万元: the upper bound's 万 is the lower's too
    if "denominator" in groups:
        value /= numbers.parse_number(groups["denominator"])
    value *= rule.factor
    if value_max is not None:
        value_max *= rule.factor
    if "denominator" in groups:
        value = value.quantize(_TWO_PLACES)  # 三分之一 -> 33.33, as CLAIMS.md writes it
    return value, value_max


@cache
def _scale(word: str) -> Decimal:
    return numbers.parse_number("1" + word)


def _qualifier(groups: dict[str, str], packs: PackSet) -> str:
    for name in ("outside_qualifier", "qualifier", "qualifier_inside", "qualifier_after"):
        word = groups.get(name)
        if word:
            place = (
                "inside"
                if name == "qualifier_inside"
                else ("after" if name == "qualifier_after" else "before")
            )
            label = packs.qualifiers[place].get(word)
            if label:
                return label
    for name, word in groups.items():  # qualifier groups a user pack named its own way
        if name.startswith("qualifier"):
            for place in ("before", "inside", "after"):
                if word in packs.qualifiers[place]:
                    return packs.qualifiers[place][word]
    return "exact"


def _span(m: re.Match[str]) -> tuple[int, int]:
    """The match without the context groups (outside_qualifier, subject, x_*) at its ends."""
    start, end = m.span()
    context = sorted(
        m.span(name)
        for name, v in m.groupdict().items()
        if v is not None and (name in ("outside_qualifier", "subject") or name.startswith("x_"))
    )
    for s, e in context:
        if s == start:
            start = e
    for s, e in reversed(context):
        if e == end:
            end = s
    return start, end


def _resolve_overlaps(found: list[Candidate]) -> list[Candidate]:
    """Keep the best of overlapping candidates: higher rule priority, then the longer span."""
    found.sort(key=lambda c: (-c.rule.priority, -(c.end - c.start), c.start))
    starts: list[int] = []
    ends: list[int] = []
    kept: list[Candidate] = []
    for c in found:
        i = bisect.bisect_left(starts, c.start)
        if i > 0 and ends[i - 1] > c.start:
            continue
        if i < len(starts) and starts[i] < c.end:
            continue
        starts.insert(i, c.start)
        ends.insert(i, c.end)
        kept.insert(i, c)
    return kept


# ------------------------------------------------------------------------------ not claims


def _mark_not_claims(text: str, cands: list[Candidate], packs: PackSet) -> None:
    blocked = _blocked_spans(text, packs)
    for c in cands:
        for s, e, why in blocked:
            if s < c.end and c.start < e:
                c.rejected = why
                break
    chinese = [c for c in cands if c.chinese and c.rejected is None]
    for c in chinese:
        if (
            c.value == 1
            and text[c.number_start : c.number_end] == "一"
            and (c.unit in packs.article_classifiers)
        ):
            c.rejected = "article: 一 + classifier (打造一个…) is not a count"
    _mark_inside_words(text, [c for c in chinese if c.rejected is None])


def _blocked_spans(text: str, packs: PackSet) -> list[tuple[int, int, str]]:
    out = []
    terms = _terms_regex(packs.not_claim_terms)
    if terms is not None:
        out += [(m.start(), m.end(), f"not-claim term {m.group()}") for m in terms.finditer(text)]
    for p in packs.not_claim_patterns:
        out += [
            (m.start(), m.end(), f"not-claim {p.pack}:{p.id}")
            for m in p.regex.finditer(text)
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
    return re.compile("|".join(parts))


def _mark_inside_words(text: str, cands: list[Candidate]) -> None:
    """A Chinese numeral that the segmenter keeps inside a longer word is part of that word:
    统一, 一次能源, 千家万户, 一成不变. Only the clause around each candidate is segmented."""
    for c in cands:
        lo = _clause_start(text, c.start)
        hi = _clause_end(text, c.end)
        for _word, s, e in segment.spans(text[lo:hi], lo):
            if (s < c.start < e) or (s < c.end < e):
                c.rejected = f"inside the word {text[s:e]}"
                break


def _clause_start(text: str, pos: int) -> int:
    lo = max(0, pos - 40)
    found = [m.end() for m in _CLAUSE_END.finditer(text, lo, pos)]
    return found[-1] if found else lo


def _clause_end(text: str, pos: int) -> int:
    m = _CLAUSE_END.search(text, pos, min(len(text), pos + 40))
    return m.start() if m else min(len(text), pos + 40)
