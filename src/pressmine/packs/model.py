"""What a pack set is once loaded: units, rules, named patterns and word lists, merged from
every pack and compiled (loader.py finds and reads the packs; build.py and compile.py make this).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from pressmine.regex.gated import GatedPattern
from pressmine.regex.guard import GuardedPattern

# A compiled pattern; user packs' patterns carry a time limit (guard.py).
Pattern = re.Pattern[str] | GatedPattern | GuardedPattern


QUALIFIERS = ("exact", "over", "approx", "under", "at_least", "at_most")


QUALIFIER_PLACES = ("before", "inside", "after")


CHANGE_KINDS = ("increase", "decrease", "level", "streak")


UNIT_KINDS = ("classifier", "currency", "measure", "percent", "time", "other")


@dataclass(frozen=True, slots=True)
class Unit:
    """One unit: what is written, what is output, and how to compare it across units."""

    name: str  # output unit, simplified, multiplier folded: 元 座 公里 % pp
    kind: str  # classifier currency measure percent time other
    normalized: str  # canonical unit for comparisons: CNY count km % …
    factor: Decimal  # value in `name` × factor = value in `normalized`
    offset: Decimal = Decimal(0)  # added after factor (temperatures)


@dataclass(frozen=True, slots=True)
class Example:
    text: str
    expect: dict[str, Any]  # value, value_max, unit, qualifier, subject; {"none": true} = no claim
    line: int | None


@dataclass(frozen=True, slots=True)
class Rule:
    """A compiled pattern that finds quantities (and sometimes their subject)."""

    pack: str
    id: str
    regex: Pattern
    priority: int  # higher wins when two rules find overlapping spans
    claim: bool  # False: a quantity find_quantities reports but extract never keeps
    unit: str | None  # fixed unit when the pattern has no unit group (百分之… -> %)
    factor: Decimal  # value multiplier (九成 -> ×10)
    qualifier: str | None  # fixed qualifier
    subject: str | None  # fixed subject when the pattern has no subject group
    examples: tuple[Example, ...]
    path: str
    line: int | None
    pattern: str = ""  # the pattern with its fragments expanded, as compiled
    written: str = ""  # the pattern as the pack writes it, {{fragments}} and all

    @property
    def name(self) -> str:
        return f"{self.pack}:{self.id}"


@dataclass(frozen=True, slots=True)
class NamedPattern:
    """A pattern of a pack that is not a rule: a not-claim, a period, or a declaration
    (（美元,下同）: its (?P<unit>…) group sets the unit of the bare amounts around it)."""

    pack: str
    id: str
    regex: Pattern
    source: str  # the pattern with its fragments expanded


# The three kinds share a shape; the names say which list a pattern belongs to.
NotClaimPattern = PeriodPattern = Declaration = NamedPattern


@dataclass(frozen=True, slots=True)
class Pack:
    name: str
    path: str
    description: str
    rules: tuple[Rule, ...]
    when: Pattern | None = None  # the rules apply only to texts this regex finds


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: cached per load
class PackSet:
    """Everything the extractor reads from the loaded packs, merged and compiled once."""

    packs: tuple[Pack, ...]
    units: dict[str, Unit]  # written surface (simplified) -> unit
    qualifiers: dict[str, dict[str, str]]  # place -> written word -> label
    change: dict[str, str]  # change or level verb -> increase/decrease/level
    basis: dict[str, str]  # written basis phrase -> output basis
    not_claim_terms: tuple[str, ...]
    article_classifiers: frozenset[str]
    not_claim_patterns: tuple[NotClaimPattern, ...]
    subject_words: dict[str, frozenset[str]]
    period_patterns: tuple[PeriodPattern, ...]
    declarations: tuple[Declaration, ...]
    fragments: dict[str, str] = field(repr=False)

    @property
    def rules(self) -> list[Rule]:
        return [r for p in self.packs for r in p.rules]

    def rules_for(self, text: str) -> list[Rule]:
        """The rules that apply to `text`: a pack with `when` applies only where it matches."""
        return [r for p in self.packs if p.when is None or p.when.search(text) for r in p.rules]
