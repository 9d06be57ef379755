"""`pressmine explain`: why a text gives the claims it gives: the normalised text, its words, every
number found with the rule that found it or the reason it is not a claim, and the claims. The
tool a pack author checks a pattern with."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from decimal import Decimal
from typing import Annotated

import typer

from pressmine.claim import Claim
from pressmine.claims import spaces
from pressmine.claims.candidates import find_candidates, find_squeezed
from pressmine.claims.subject import trace_subjects
from pressmine.cli.common import ExcludeOption, OnlyOption, PacksOption, echo, packs_or_exit
from pressmine.cli.terminal import format_number, report
from pressmine.errors import InputError
from pressmine.extract import extract
from pressmine.packs.loader import load_packs
from pressmine.packs.model import PackSet
from pressmine.text import segment
from pressmine.text.decode import decode
from pressmine.text.normalize import normalize


@dataclass(frozen=True, slots=True)
class Candidate:
    """One number the rules found, and what became of it."""

    start: int
    end: int
    text: str  # as written in the original
    value: Decimal
    value_max: Decimal | None
    unit: str
    qualifier: str
    rule: str  # pack:rule-id
    verdict: str  # "claim", or why not: "not a claim: …"


@dataclass(frozen=True, slots=True)
class Explanation:
    original: str
    normalized: str
    words: list[str]
    candidates: list[Candidate]
    claims: list[Claim]
    # how each claim's subject was found, by the claim's start: the step and its pieces
    subjects: dict[int, str]


def explain(text: str, packs: PackSet | None = None) -> Explanation:
    """Everything the extractor decided about `text`.

    >>> e = explain("2025年,全省发生事故782起")
    >>> [(c.text, c.verdict.startswith("not a claim")) for c in e.candidates]
    [('2025年', True), ('782起', False)]
    >>> [(c.text, c.subject) for c in e.claims]
    [('782起', '事故')]
    """
    packs = packs or load_packs()
    norm = normalize(text)
    candidates = []
    for c in find_candidates(norm, packs):
        if c.is_claim:
            verdict = "claim"
        elif c.rejected:
            verdict = f"not a claim: {c.rejected}"
        elif c.not_claim:
            verdict = f"not a claim: {c.not_claim}"
        else:
            verdict = (
                f"not a claim: rule {c.rule.name} finds quantities, not claims (claim = false)"
            )
        candidates.append(
            Candidate(
                c.start,
                c.end,
                text[c.start : c.end],
                c.value,
                c.value_max,
                c.unit,
                c.qualifier,
                c.rule.name,
                verdict,
            )
        )
    words = segment.cut(norm) if norm.strip() else []
    return Explanation(text, norm, words, candidates, extract(text, packs), _subjects(text, packs))


def _subjects(text: str, packs: PackSet) -> dict[int, str]:
    """Which step of claims/subject found each claim's subject, and from which pieces:
    "before + owner from the clause's actor: 国有控股企业 | 利润总额"."""
    found = find_squeezed(normalize(text), packs)
    claims = [c for c in found.candidates if c.is_claim]
    where = found.where  # the subjects are found in the squeezed text, as extract() does
    original = text if where is None else spaces.squeezed_as(text, where)
    out = {}
    for c, f in zip(claims, trace_subjects(found.text, claims, packs, found.bounds), strict=True):
        pieces = " | ".join(original[s:e] for s, e in f.spans) if f.spans else f.label or "(none)"
        owner = f" + owner from {_OWNERS[f.owner]}" if f.owner else ""
        out[c.start if where is None else where[c.start]] = f"{f.how}{owner}: {pieces}"
    return out


_OWNERS = {
    "actor": "the clause's actor",
    "level": "the level it changes",
    "frame": "the sentence's scope frame",
    "paragraph": "a name in the paragraph",
    "headline": "the headline",
    "named": "a scheme or market the sentence names",
}


def command(
    sentence: Annotated[str, typer.Argument(help="A sentence (or - to read stdin).")],
    packs: PacksOption = None,
    only: OnlyOption = None,
    exclude: ExcludeOption = None,
) -> None:
    """Show how a sentence is read: normalised text, words, every number with the rule that
    found it or why it is not a claim, and the claims. The tool for writing packs."""
    loaded = packs_or_exit(packs, only, exclude)
    text = sentence
    if sentence == "-":
        try:  # stdin is bytes in any encoding extract reads (GB18030, Big5…), as a file is
            text = decode(sys.stdin.buffer.read(), "<stdin>").text
        except InputError as err:
            report("Error:", str(err))
            raise typer.Exit(1) from None
    e = explain(text, loaded)
    out = echo()
    out(f"text:        {e.original}")
    out(f"normalised:  {e.normalized}")
    out(f"words:       {' / '.join(e.words)}")
    out("numbers:")
    if not e.candidates:
        out("  (none)")
    for c in e.candidates:
        value = format_number(c.value) + (
            f"..{format_number(c.value_max)}" if c.value_max is not None else ""
        )
        out(
            f"  [{c.start}:{c.end}] {c.text}  = {value} {c.unit or '(no unit)'} "
            f"{c.qualifier}  {c.rule}  -> {c.verdict}"
        )
    out("claims:")
    if not e.claims:
        out("  (none)")
    for claim in e.claims:
        context = (("change", claim.change), ("basis", claim.basis), ("period", claim.period))
        extra = ", ".join(f"{k}={v}" for k, v in context if v)
        out(
            f"  {claim.text}: {format_number(claim.value)} {claim.unit or '(no unit)'} "
            f"[{claim.qualifier}] subject={claim.subject}"
            + (f"; {extra}" if extra else "")
            + f"  ({claim.rule})"
        )
        if claim.start in e.subjects:
            out(f"      subject by {e.subjects[claim.start]}")
