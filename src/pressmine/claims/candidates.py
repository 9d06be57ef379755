"""Candidates: every pack rule's matches in a normalised text, overlaps resolved (overlaps.py),
each read into a value (values.py) with its unit (units.py) and qualifier, and marked when it
is no claim (not_claims.py). Spaces inside numbers, and around a number before a time unit,
are squeezed out first (spaces.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import NamedTuple

from pressmine.claims import not_claims, overlaps, searches, spaces, units, values
from pressmine.grammar import masking
from pressmine.packs.model import PackSet, Rule, RuleGroups, Unit
from pressmine.regex import required
from pressmine.text import segment
from pressmine.text.clauses import Boundaries

_ARABIC = re.compile(r"[0-9]")


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

    Rules run on the text with the spaces inside numbers and around times squeezed out;
    offsets come back mapped onto `text`."""
    found = find_squeezed(text, packs)
    if found.where is not None:
        for c in found.candidates:
            map_back(c, found.where)
    return found.candidates


class Found(NamedTuple):
    """A text's candidates, and what finding them made that the context finders need too: the
    text the rules ran on (with the spaces inside numbers and around times squeezed out, see
    spaces.py), its numbers masked (masking.mask_numbers), its sentence and clause bounds, and
    for each of its characters (and its end) the offset in the text given (None when nothing
    was squeezed: then it is that text). The candidates' offsets are into Found.text."""

    candidates: list[Candidate]
    text: str
    masked: str
    bounds: Boundaries
    where: list[int] | None


def find_squeezed(text: str, packs: PackSet) -> Found:
    """The candidates of `text` and what finding them made, all of the squeezed text: the
    context finders read it too, so that spaced writing reads as the unspaced one."""
    squeezed, where = spaces.squeeze(text, packs.space_words["time_units"])
    segment.new_document(squeezed)  # the text every finder cuts windows of from here on
    masked = masking.mask_numbers(squeezed)
    bounds = Boundaries.of(squeezed)
    # the masked text holds the same characters but for placeholders
    present = required.Present(squeezed)
    chosen = overlaps.keep_best(
        _matches(squeezed, masked, packs, present), lambda m: _candidate(m, packs, squeezed)
    )
    not_claims.mark(squeezed, masked, bounds, chosen, packs, present)
    if packs.declarations:
        units.apply_declarations(squeezed, chosen, packs, present)
    return Found(chosen, squeezed, masked, bounds, where)


def _matches(
    text: str, masked: str, packs: PackSet, present: required.Present
) -> list[overlaps.Match]:
    found = []
    for when, rules in searches.plan(packs).rules:  # as packs.rules_for(text) lists them
        if when is not None and not when.search(text):
            continue
        for rule, on_masked, known in rules:
            regex = rule.regex
            searched = masked if on_masked else text
            if known is not None and not required.may_search(regex, searched, present, known):
                continue  # it lacks what every match needs: half the rules, in a release
            context = rule.groups.context
            for m in regex.finditer(searched):
                start, end = _span(m, context) if context else m.span()
                found.append((m, rule, start, end))
    return found


def map_back(c: Candidate, where: list[int]) -> None:
    """Offsets in the squeezed text -> offsets in the text."""
    c.start, c.end = spaces.span_back(where, c.start, c.end)
    c.number_start, c.number_end = spaces.span_back(where, c.number_start, c.number_end)
    if c.subject_span is not None:
        c.subject_span = spaces.span_back(where, *c.subject_span)


def _candidate(m: overlaps.Match, packs: PackSet, text: str) -> Candidate | None:
    match, rule, start, end = m
    info = rule.groups
    # Read the groups from the real text: the match may have run on the masked one.
    regs = match.regs
    groups = {name: text[regs[i][0] : regs[i][1]] for name, i in info.named if regs[i][0] >= 0}
    value_text, unit_surface = units.split_scale(groups, packs)
    rejected = None
    try:
        amount = values.read_amount(groups, value_text, rule, packs)
    except values.TooLong as err:  # a number, but none to report: it keeps its place, so
        amount, rejected = values.Amount(Decimal(0)), str(err)  # no piece of it is read
    except (ValueError, ArithmeticError):
        return None  # the regex found something the number grammar rejects: not a number
    unit, unit_info = units.unit_of(rule, amount.unit or unit_surface, packs)
    vs, ve = match.span("value")
    if amount.value_max is not None and _change_then_level(text, start, ve, match, unit, packs):
        return None  # the amount and the level are read apart, each by its own rule
    # By position, in the order of the fields: called by keyword, the dataclass cost three
    # times as much, once for each match kept.
    return Candidate(
        start,
        end,
        amount.value,
        amount.value_max,
        unit,
        unit_info,
        rule.qualifier or amount.qualifier or _qualifier(groups, info, packs),
        rule,
        vs,  # number_start
        ve,  # number_end
        not _ARABIC.search(text, match.start(), match.end()),  # chinese
        match.span("subject") if "subject" in groups else None,  # subject_span
        rejected,
        None,  # not_claim
        False,  # declared
        amount.ratio,
    )


def _change_then_level(
    text: str, start: int, value_end: int, match: re.Match[str], unit: str, packs: PackSet
) -> bool:
    """失业人数减少2 700人至115 700人: a change verb, an amount with its unit, then 至 and the
    level reached, is no range. A range after a change verb writes a count's unit once
    (增加2000至3000人); a rate's twice is still a range (预计增长50%至80%)."""
    if unit in ("%", "‰") or "value_max" not in match.re.groupindex:
        return False
    before = text[max(0, start - 3) : start].rstrip()
    if not any(before.endswith(w) for w, kind in packs.change.items() if kind != "level"):
        return False
    return bool(unit) and unit in text[value_end : match.start("value_max")]  # 2 700[人]至


def _qualifier(groups: dict[str, str], info: RuleGroups, packs: PackSet) -> str:
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
    spans = [regs[i] for i in context if regs[i][0] >= 0]
    if not spans:
        return regs[0]  # most matches: no context group took part
    spans.sort()
    start, end = regs[0]
    for s, e in spans:
        if s == start:
            start = e
    for s, e in reversed(spans):
        if e == end:
            end = s
    return start, end
