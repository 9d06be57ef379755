"""Claims stored by `pressmine extract --db`, read back for a comparison.

The database is opened read-only (it is never created or upgraded here). Columns a newer
schema adds (periods' days, documents' dates) are read when they are there and the `Claim`
has a field for them.

>>> import sqlite3, tempfile, os
>>> from pressmine import extract
>>> from pressmine.io.db import ClaimStore
>>> path = os.path.join(tempfile.mkdtemp(), "claims.sqlite")
>>> store = ClaimStore(path)
>>> store.begin_document("2025-01/a.txt", sha256="00", encoding="utf-8", size=27)
>>> store.add_claims(extract("已建成5G基站483.8万座"))
>>> document = store.end_document(); store.close()
>>> [(c.doc, c.text, c.value, c.normalized.unit) for c in stored_claims(path, "%2025-01%")]
[('2025-01/a.txt', '483.8万座', Decimal('4838000'), 'count')]
"""

from __future__ import annotations

import sqlite3
from dataclasses import fields
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from pressmine.claim import Claim, Normalized
from pressmine.errors import PressmineError

_CLAIM_FIELDS = frozenset(f.name for f in fields(Claim))
_NUMBERS = ("value", "value_max")
_TEXTS = ("text", "unit", "subject", "subject_original", "qualifier", "change", "basis")
_OPTIONAL = ("period", "rule", "period_start", "period_end", "doc_date")
# The columns every pressmine database has, whatever its schema version.
_REQUIRED = frozenset(("document_id", "start", "end", *_NUMBERS, *_TEXTS)) | {
    *("normalized_value", "normalized_unit", "normalized_value_max")
}


def stored_claims(path: str, doc_like: str | None = None) -> list[Claim]:
    """The claims of the documents in the database at `path` whose path matches the SQL LIKE
    pattern `doc_like` (all, when None), document by document in the order they were stored.

    Raises `PressmineError` when the file is missing or is not a pressmine database.
    """
    if not Path(path).is_file():
        raise PressmineError(f"{path}: no such database")
    try:
        uri = Path(path).resolve().as_uri() + "?mode=ro"
        with sqlite3.connect(uri, uri=True) as connection:
            connection.row_factory = sqlite3.Row
            rows = _rows(connection, path, doc_like)
    except sqlite3.Error as err:
        raise PressmineError(f"{path}: {err}") from None
    claims = []
    for row in rows:
        try:
            claims.append(_claim(row))
        except (ValueError, TypeError) as err:
            problem = f"claim {row['id']} of {row['document_path']}: {err}"
            raise PressmineError(f"{path}: {problem}") from None
    return claims


def _rows(connection: sqlite3.Connection, path: str, doc_like: str | None) -> list[sqlite3.Row]:
    # A table that is not there has no columns.
    documents = {r[1] for r in connection.execute("PRAGMA table_info(documents)")}
    claims = {r[1] for r in connection.execute("PRAGMA table_info(claims)")}
    if "path" not in documents or not claims >= _REQUIRED:
        raise PressmineError(f"{path}: not a pressmine database")
    # A document's date, when the schema keeps it, for claims that do not carry their own.
    extra = ", d.doc_date AS document_date" if "doc_date" in documents else ""
    query = f"SELECT c.*, d.path AS document_path{extra} FROM claims c "
    query += "JOIN documents d ON d.id = c.document_id WHERE c.value IS NOT NULL"
    parameters: tuple[str, ...] = ()
    if doc_like is not None:
        query += " AND d.path LIKE ?"
        parameters = (doc_like,)
    query += " ORDER BY d.id, c.start, c.id"
    return connection.execute(query, parameters).fetchall()


def _claim(row: sqlite3.Row) -> Claim:
    columns = set(row.keys())
    values: dict[str, Any] = {name: row[name] for name in _TEXTS}
    values.update({name: _decimal(row[name]) for name in _NUMBERS})
    values.update(
        {name: row[name] for name in _OPTIONAL if name in columns and name in _CLAIM_FIELDS}
    )
    if "doc_date" in _CLAIM_FIELDS and not values.get("doc_date") and "document_date" in columns:
        values["doc_date"] = row["document_date"]
    for name in ("period_start", "period_end", "doc_date"):
        if name in values:
            values[name] = _date(values[name])
    normalized = None
    if row["normalized_unit"] is not None and row["normalized_value"] is not None:
        normalized = Normalized(
            _decimal(row["normalized_value"]) or Decimal(0),
            row["normalized_unit"],
            _decimal(row["normalized_value_max"]),
        )
    return Claim(
        start=row["start"],
        end=row["end"],
        normalized=normalized,
        doc=row["document_path"],
        **values,
    )


def _decimal(value: object) -> Decimal | None:
    """A number as SQLite gives it back (int, float, or text for a huge one) as a Decimal; a
    float through its shortest repr, so that 6.7 stays 6.7. Raises ValueError for what is not
    a finite number."""
    if value is None or value == "":
        return None
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        number = Decimal("NaN")
    if not number.is_finite():
        raise ValueError(f"not a number: {value!r}")
    return number


def _date(value: object) -> date | None:
    """An ISO date as stored; a date that does not read is an unknown one."""
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None
