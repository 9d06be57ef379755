"""Groups as JSON (one array, a group a line), JSONL (a group a line) or CSV (a member a row,
with its group's fields in front), written to a text stream. The table for people is the
command line's (cli/compare_table.py).

>>> import io
>>> from pressmine.compare.model import Group
>>> out = io.StringIO()
>>> write_groups([], out, Format.json)
>>> out.getvalue()
'[]\\n'
"""

from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from typing import Any, TextIO

from pressmine.compare.model import Group
from pressmine.io.output import Format

# A row per member: the group's number and fields, then the member's.
GROUP_COLUMNS = (
    *("group", "status", "group_subject", "group_unit", "change", "basis"),
    *("group_period", "period_start", "period_end", "values", "note"),
)
MEMBER_COLUMNS = (
    *("doc", "start", "end", "text", "value", "value_max", "unit", "subject", "qualifier"),
    *("period", "doc_date"),
)
CSV_COLUMNS = GROUP_COLUMNS + MEMBER_COLUMNS


def write_groups(groups: Sequence[Group], stream: TextIO, fmt: Format, excel: bool = False) -> None:
    """Write `groups` to `stream` as `fmt` (json, jsonl or csv; `excel`: CSV with a byte order
    mark and CRLF line ends)."""
    if fmt is Format.json:
        items = [_json(g) for g in groups]
        stream.write("[\n  " + ",\n  ".join(items) + "\n]\n" if items else "[]\n")
    elif fmt is Format.jsonl:
        stream.writelines(_json(g) + "\n" for g in groups)
    elif fmt is Format.csv:
        if excel:
            stream.write("\ufeff")
        writer = csv.DictWriter(stream, CSV_COLUMNS, lineterminator="\r\n" if excel else "\n")
        writer.writeheader()
        writer.writerows(csv_rows(groups))
    else:
        raise ValueError(f"write_groups() writes json, jsonl or csv, not {fmt}")
    stream.flush()


def csv_rows(groups: Sequence[Group]) -> list[dict[str, Any]]:
    """A row per member of each group: `CSV_COLUMNS`; `values` as numbers joined by `;`."""
    rows = []
    for number, group in enumerate(groups, 1):
        g = group.to_dict()
        head = {
            "group": number,
            "status": g["status"],
            "group_subject": g["subject"],
            "group_unit": g["unit"],
            "change": g["change"],
            "basis": g["basis"],
            "group_period": g["period"],
            "period_start": g["period_start"],
            "period_end": g["period_end"],
            "values": ";".join(str(v) for v in g["values"]),
            "note": g["note"],
        }
        for member in g["members"]:
            rows.append(head | {column: member[column] for column in MEMBER_COLUMNS})
    return rows


def _json(group: Group) -> str:
    return json.dumps(group.to_dict(), ensure_ascii=False)
