"""Run the examples embedded in pack rules: each is a sentence and the claim it must give."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from pressmine.claim import Claim
from pressmine.extract import extract
from pressmine.packs.model import Example, PackSet, Rule


@dataclass(frozen=True, slots=True)
class ExampleResult:
    rule: Rule
    index: int
    example: Example
    problem: str | None  # None when the example gives what it promises

    @property
    def id(self) -> str:
        return f"{self.rule.name}#{self.index}"


def run_examples(packs: PackSet) -> Iterator[ExampleResult]:
    for rule in packs.rules:
        for i, ex in enumerate(rule.examples):
            yield ExampleResult(rule, i, ex, _check(ex, extract(ex.text, packs)))


def _check(ex: Example, claims: list[Claim]) -> str | None:
    want = ex.expect
    if want.get("none"):
        return None if not claims else f"expected no claim, got {_show(claims)}"
    for c in claims:
        if _matches(c, want):
            return None
    wanted = ", ".join(f"{k}={v!r}" for k, v in want.items())
    return f"expected a claim with {wanted}; got {_show(claims) or 'no claim'}"


def _matches(c: Claim, want: dict[str, object]) -> bool:
    checks: dict[str, Callable[[object], bool]] = {
        "value": lambda v: _same(c.value, v),
        "value_max": lambda v: c.value_max is not None and _same(c.value_max, v),
        "unit": lambda v: c.unit == v,
        "qualifier": lambda v: c.qualifier == v,
        "subject": lambda v: c.subject == v,
    }
    return all(checks[k](v) for k, v in want.items() if k in checks)


def _same(a: Decimal, b: object) -> bool:
    return abs(float(a) - float(str(b))) <= 1e-9 * max(1.0, abs(float(a)))


def _show(claims: list[Claim]) -> str:
    return "; ".join(
        f"{c.text}={c.value} {c.unit!r} {c.qualifier} subject={c.subject!r}" for c in claims
    )
