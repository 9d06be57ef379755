"""The result types: `Quantity` (any number with its unit) and `Claim` (a quantity that
measures something, with subject, change and period). `to_dict()` is the only way to JSON."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any


def json_number(value: Decimal | None) -> int | float | None:
    """A Decimal as JSON wants it: an int when integral, else a float.

    >>> json_number(Decimal("4838000.0")), json_number(Decimal("5.9")), json_number(None)
    (4838000, 5.9, None)
    """
    if value is None:
        return None
    if value == value.to_integral_value():
        return int(value)
    return float(value)


@dataclass(frozen=True, slots=True)
class Normalized:
    """A value in a canonical unit, so that 亿元 and 万元, 公里 and 千米 compare directly."""

    value: Decimal  # the value (value_max too, for ranges) converted to `unit`
    unit: str  # canonical unit: CNY USD km kg m2 L kWh % pp count …
    value_max: Decimal | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"value": json_number(self.value), "unit": self.unit}
        if self.value_max is not None:
            out["value_max"] = json_number(self.value_max)
        return out


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number with its unit and qualifier, found in a text (claim or not)."""

    start: int  # half-open span into the original text
    end: int
    text: str  # original[start:end]
    value: Decimal  # multipliers applied: 483.8万 -> 4838000
    unit: str  # simplified, multiplier folded (亿元 -> 元); "" for a bare number
    qualifier: str = "exact"  # exact over approx under at_least at_most
    value_max: Decimal | None = None  # upper bound of a range, else None
    rule: str = ""  # "pack:rule-id" that found it
    normalized: Normalized | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "value": json_number(self.value),
            "value_max": json_number(self.value_max),
            "unit": self.unit,
            "qualifier": self.qualifier,
            "normalized": self.normalized.to_dict() if self.normalized else None,
            "rule": self.rule,
        }


@dataclass(frozen=True, slots=True)
class Claim:
    """A numeric claim: a quantity plus what it measures. Fields follow design/CLAIMS.md."""

    start: int  # half-open span into the original text; text == original[start:end]
    end: int
    text: str
    value: Decimal  # for a change, the size of the change (always positive)
    unit: str
    subject: str | None  # simplified
    subject_original: str | None  # as written in the input's script
    qualifier: str = "exact"
    value_max: Decimal | None = None
    change: str | None = None  # increase / decrease / None
    basis: str | None = None  # 同比 环比 比上年 … / None
    period: str | None = None  # 2025年1-11月, 2023年11月末, 2019/20年度 … / None
    rule: str = ""
    normalized: Normalized | None = None
    doc: str | None = field(default=None, compare=False)  # input path as given; "-" for stdin
    period_start: date | None = None  # the first day the figure covers (inclusive)
    period_end: date | None = None  # its last day (inclusive); either may be None
    doc_date: date | None = None  # the document's date relative time was counted from

    def to_dict(self) -> dict[str, Any]:
        return {
            "doc": self.doc,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "value": json_number(self.value),
            "value_max": json_number(self.value_max),
            "unit": self.unit,
            "normalized": self.normalized.to_dict() if self.normalized else None,
            "subject": self.subject,
            "subject_original": self.subject_original,
            "qualifier": self.qualifier,
            "change": self.change,
            "basis": self.basis,
            "period": self.period,
            "period_start": _iso(self.period_start),
            "period_end": _iso(self.period_end),
            "doc_date": _iso(self.doc_date),
            "rule": self.rule,
        }


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d is not None else None
