"""What a comparison gives: `Group`s of `Member`s, and their JSON objects (`to_dict()`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from pressmine.claim import Claim, json_number

# The statuses in the order groups are listed.
STATUSES = ("agree", "conflict", "revised", "single")


@dataclass(frozen=True, slots=True)
class Member:
    """One claim of a group, with the document it is in."""

    claim: Claim
    doc_date: date | None = None  # the document's date, when known

    def to_dict(self) -> dict[str, Any]:
        c = self.claim
        return {
            "doc": c.doc,
            "start": c.start,
            "end": c.end,
            "text": c.text,
            "value": json_number(c.value),
            "value_max": json_number(c.value_max),
            "unit": c.unit,
            "subject": c.subject,
            "qualifier": c.qualifier,
            "change": c.change,
            "period": c.period,
            "doc_date": _iso(self.doc_date),
        }


@dataclass(frozen=True, slots=True)
class Group:
    """One figure and what the documents say of it.

    `status`: `agree` (two documents or more, values that agree at their stated precision),
    `conflict` (the same subject, unit and period, values that disagree, or opposite changes),
    `revised` (a conflict between documents whose dates say which came later: `values` then
    run from the earliest document's to the latest's), `single` (one document only).
    """

    status: str
    subject: str  # the subject most members give (the longest of those given most)
    unit: str  # the members' unit when they share it, else the canonical unit (CNY, km…)
    change: str | None  # increase / decrease / None, as the members say (conflict: the first's)
    basis: str | None
    period: str | None
    period_start: date | None
    period_end: date | None
    values: tuple[Decimal, ...]  # the values seen, in `unit`: ascending, or by date if revised
    members: tuple[Member, ...]  # in the order of the documents, then of the text
    note: str | None = None  # why it agrees though values differ, or what conflicts

    @property
    def docs(self) -> tuple[str, ...]:
        """The documents the group's claims are in, in order, each once."""
        return tuple(dict.fromkeys(m.claim.doc or "" for m in self.members))

    def to_dict(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "subject": self.subject,
            "unit": self.unit,
            "change": self.change,
            "basis": self.basis,
            "period": self.period,
            "period_start": _iso(self.period_start),
            "period_end": _iso(self.period_end),
            "values": [json_number(v) for v in self.values],
            "note": self.note,
            "members": [m.to_dict() for m in self.members],
        }


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d is not None else None
