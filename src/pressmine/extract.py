"""The library's entry points: `extract(text)` -> claims, `find_quantities(text)` -> every
number with its unit. Normalise, find candidates with the packs, then ask the context for
subject, change, basis and period."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from pressmine.claim import Claim, Quantity
from pressmine.claims import spaces
from pressmine.claims.candidates import Candidate, find_candidates, find_squeezed, map_back
from pressmine.claims.change import find_bases, find_changes
from pressmine.claims.period import DocumentTime, find_periods
from pressmine.claims.subject import find_subjects
from pressmine.claims.units import normalized
from pressmine.packs.home import local_currency
from pressmine.packs.loader import load_packs
from pressmine.packs.model import PackSet
from pressmine.text import docdate
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
    norm = normalize(text)
    found = [c for c in find_candidates(norm, packs) if c.rejected is None]
    local = (
        local_currency(packs, norm)
        if any(c.unit_info and c.unit_info.local for c in found)
        else None
    )
    return [_quantity(text, c, local) for c in found]


def extract(
    text: str,
    packs: PackSet | None = None,
    *,
    doc_date: date | str | None = None,
    headline: str | None = None,
    document: DocumentTime | None = None,
) -> list[Claim]:
    """The numeric claims in `text`, sorted by position. Offsets are into `text` as given.

    `doc_date` (a date or "YYYY-MM-DD") is the document's date, which relative time (今年,
    目前, 1-11月 with no year) is counted from; when None, a date the text states (发布时间：…,
    a date line, a dateline) is used, and with none, relative periods get no interval.
    When `text` is a later part of a release (a block of a long file): `headline` is the
    release's headline, which scopes every figure of it (交通银行上半年业绩 -> 交通银行净利润),
    and `document` the release's date and the period its headline or lead states
    (claims.period.document_time).

    >>> [(c.text, c.unit, c.subject, c.change) for c in extract("规模以上工业增加值同比增长5.9%")]
    [('5.9%', '%', '规模以上工业增加值', 'increase')]
    >>> c = extract("1—11月份，利润6.9万亿元", doc_date="2023-12-27")[0]
    >>> c.period, str(c.period_start), str(c.period_end)
    ('2023年1-11月', '2023-01-01', '2023-11-30')
    """
    if headline:
        return _after_headline(text, headline, packs, doc_date, document)
    packs = packs or load_packs()
    if isinstance(doc_date, str):
        doc_date = docdate.parse_date(doc_date)
    elif document is not None:
        doc_date = document.doc_date
    elif doc_date is None:
        found_date = docdate.from_text(text)
        doc_date = found_date.date if found_date else None
    found = find_squeezed(normalize(text), packs)
    claims = [c for c in found.candidates if c.is_claim]
    if not claims:
        return []
    # Every finder reads the squeezed text (114年12月出口 for 114 年 12 月出口) and the original
    # squeezed alike; the claims' offsets go back to `text` at the end.
    norm, bounds, where = found.text, found.bounds, found.where
    original = text if where is None else spaces.squeezed_as(text, where)
    subjects = find_subjects(norm, original, claims, packs, bounds)
    changes = find_changes(norm, claims, packs, bounds)
    bases = find_bases(norm, claims, changes, packs, bounds)
    periods = find_periods(
        norm, claims, packs, bounds, found.masked, doc_date=doc_date, document=document
    )
    local = None
    if any(c.unit_info is not None and c.unit_info.local for c in claims):
        local = local_currency(packs, norm)  # 元 in a Hong Kong release: HKD
    if where is not None:
        for c in claims:
            map_back(c, where)
    out = []
    for c, subj, change, basis, period in zip(
        claims, subjects, changes, bases, periods, strict=True
    ):
        # By position, in the order of the fields: by keyword, each claim cost a third more.
        out.append(
            Claim(
                c.start,
                c.end,
                text[c.start : c.end],
                abs(c.value) if change else c.value,
                c.unit,
                subj[0] if subj else None,  # subject
                subj[1] if subj else None,  # subject_original
                c.qualifier,
                c.value_max,
                change,
                basis,
                period.label if period else None,  # period
                c.rule.name,  # rule
                normalized(c, local),
                None,  # doc
                period.start if period else None,  # period_start
                period.end if period else None,  # period_end
                doc_date,
            )
        )
    return out


def _after_headline(
    text: str,
    headline: str,
    packs: PackSet | None,
    doc_date: date | str | None,
    document: DocumentTime | None,
) -> list[Claim]:
    """extract(text) as the rest of a release under `headline`: the headline is read with the
    text and its own figures left out."""
    lead = headline.replace("\n", " ") + "\n\n"
    claims = extract(lead + text, packs, doc_date=doc_date, document=document)
    return [
        replace(c, start=c.start - len(lead), end=c.end - len(lead))
        for c in claims
        if c.start >= len(lead)
    ]


def _quantity(text: str, c: Candidate, local: str | None = None) -> Quantity:
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
        normalized=normalized(c, local),
    )
