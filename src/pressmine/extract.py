"""The library's entry points: `extract(text)` -> claims, `find_quantities(text)` -> every
number with its unit. Normalise, find candidates with the packs, then ask the context for
subject, change, basis and period."""

from __future__ import annotations

from dataclasses import replace

from pressmine.claim import Claim, Quantity
from pressmine.claims.candidates import Candidate, Found, find_in_document
from pressmine.claims.change import find_bases, find_changes
from pressmine.claims.period import find_periods
from pressmine.claims.subject import find_subjects
from pressmine.claims.units import normalized
from pressmine.packs.loader import load_packs
from pressmine.packs.model import PackSet
from pressmine.text import segment
from pressmine.text.clauses import Boundaries
from pressmine.text.normalize import normalize


def find_quantities(text: str, packs: PackSet | None = None) -> list[Quantity]:
    """Every number in `text` with its unit and qualifier, claim or not: counts, amounts and
    measures, bare numbers, vague ones (数万), ordinals and calendar numbers (第二, 2025年,
    rule core:ordinal / core:calendar-*). Names and words that hold a numeral (5G, 统一,
    一批) are not numbers. A fraction is reported as the number it is (三分之一 = 0.333…);
    a claim gives it as a share in % (33.33). Offsets are into `text` as given.

    >>> [(q.text, str(q.value), q.unit) for q in find_quantities("两百点五公里,约三成")]
    [('两百点五公里', '200.5', '公里'), ('约三成', '30', '%')]
    """
    packs = packs or load_packs()
    found = _candidates(text, packs)[1]
    return [_quantity(text, c) for c in found.candidates if c.rejected is None]


def extract(text: str, packs: PackSet | None = None, *, headline: str | None = None) -> list[Claim]:
    """The numeric claims in `text`, sorted by position. Offsets are into `text` as given.

    `headline`: when `text` is a later part of a release (a block of a long file), the
    release's headline, which scopes every figure of it (交通银行上半年业绩 -> 交通银行净利润).

    >>> [(c.text, c.unit, c.subject, c.change) for c in extract("规模以上工业增加值同比增长5.9%")]
    [('5.9%', '%', '规模以上工业增加值', 'increase')]
    """
    if headline:
        return _after_headline(text, headline, packs)
    packs = packs or load_packs()
    norm, found = _candidates(text, packs)
    claims = [c for c in found.candidates if c.is_claim]
    if not claims:
        return []
    bounds = found.bounds or Boundaries.of(norm)
    subjects = find_subjects(norm, claims, packs, bounds)
    changes = find_changes(norm, claims, packs, bounds)
    bases = find_bases(norm, claims, changes, packs, bounds)
    periods = find_periods(norm, claims, packs, bounds, found.masked)
    out = []
    for c, subj, change, basis, period in zip(
        claims, subjects, changes, bases, periods, strict=True
    ):
        out.append(
            Claim(
                start=c.start,
                end=c.end,
                text=text[c.start : c.end],
                value=abs(c.value) if change else c.value,
                value_max=c.value_max,
                unit=c.unit,
                subject="".join(norm[s:e] for s, e in subj) if subj else None,
                subject_original="".join(text[s:e] for s, e in subj) if subj else None,
                qualifier=c.qualifier,
                change=change,
                basis=basis,
                period=period,
                rule=c.rule.name,
                normalized=normalized(c),
            )
        )
    return out


def _after_headline(text: str, headline: str, packs: PackSet | None) -> list[Claim]:
    """extract(text) as the rest of a release under `headline`: the headline is read with the
    text and its own figures left out."""
    lead = headline.replace("\n", " ") + "\n\n"
    return [
        replace(c, start=c.start - len(lead), end=c.end - len(lead))
        for c in extract(lead + text, packs)
        if c.start >= len(lead)
    ]


def _candidates(text: str, packs: PackSet) -> tuple[str, Found]:
    """The normalised text, and its candidates with what finding them made (see
    claims/candidates.py, find_in_document)."""
    segment.new_document()
    norm = normalize(text)
    return norm, find_in_document(norm, packs)


def _quantity(text: str, c: Candidate) -> Quantity:
    """A candidate as find_quantities reports it. A fraction is the number it writes
    (三分之一 = 0.333…, unit ""), where a claim gives the share in % (33.33)."""
    value, value_max, unit = c.value, c.value_max, c.unit
    if c.ratio is not None:
        (value, value_max), unit = c.ratio, ""
    return Quantity(
        start=c.start,
        end=c.end,
        text=text[c.start : c.end],
        value=value,
        unit=unit,
        qualifier=c.qualifier,
        value_max=value_max,
        rule=c.rule.name,
        normalized=normalized(c),
    )
