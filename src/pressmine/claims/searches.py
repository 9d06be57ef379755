"""The pattern lists a text is searched with (the rules, the not-claim patterns), each pattern
with the text it runs on (grammar/masking.texts_for) and what every match of it needs
(regex/required.py, regex/pairs.py), worked out once per pack set.

Asked anew for each of some ninety patterns of every text, the two answers cost more than a
skipped rule saved: a pattern that must see 七成六 as written runs on the text, one that says
{{number}} on the masked text, and neither answer changes from one text to the next.
"""

from __future__ import annotations

import re
import weakref
from typing import NamedTuple

from pressmine.grammar import masking
from pressmine.packs.model import NotClaimPattern, PackSet, Pattern, Rule
from pressmine.regex import required

# What a pattern needs of a text (required.needs, required.pair_finder); None for nothing.
Known = tuple[required.Needs, re.Pattern[str] | None] | None


class Plan(NamedTuple):
    """Each pack's `when` (None: it always applies) and its rules, each as (rule, whether it
    runs on the masked text, what it needs); each not-claim pattern as (pattern, whether it
    runs on the masked text, what it needs, why a span it finds is no claim)."""

    rules: tuple[tuple[Pattern | None, tuple[tuple[Rule, bool, Known], ...]], ...]
    not_claims: tuple[tuple[NotClaimPattern, bool, Known, str], ...]


_PLANS: weakref.WeakKeyDictionary[PackSet, Plan] = weakref.WeakKeyDictionary()


def plan(packs: PackSet) -> Plan:
    """The searches of `packs`, in the order the packs list their patterns."""
    found = _PLANS.get(packs)
    if found is None:
        rules = tuple(
            (p.when, tuple((r, _masked(r.regex), _known(r.regex)) for r in p.rules))
            for p in packs.packs
        )
        not_claims = tuple(
            (p, _masked(p.regex), _known(p.regex), f"not-claim {p.pack}:{p.id}")
            for p in packs.not_claim_patterns
        )
        found = _PLANS[packs] = Plan(rules, not_claims)
    return found


def _masked(regex: Pattern | re.Pattern[str]) -> bool:
    return masking.texts_for(regex.pattern, "", "masked") == "masked"


def _known(regex: Pattern) -> Known:
    needed, pairs = required.needs(regex), required.pair_finder(regex)
    return (needed, pairs) if needed or pairs is not None else None
