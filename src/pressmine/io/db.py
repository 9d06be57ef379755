"""Store claims in SQLite (the standard library's sqlite3): a `documents` and a `claims` table.

A document is its path and the SHA-256 of its bytes. Storing a document removes what an earlier
run stored for the same path (the same file, or an older version of it), so a rerun updates
instead of duplicating; stdin (path `-`) has no name to go by, so there only the same content
is replaced. Claims have the columns of the CSV output, indexed on subject and on unit:

>>> store = ClaimStore(":memory:")
>>> from pressmine import extract
>>> doc = store.begin_document("a.txt", sha256="00", encoding="utf-8", size=27)
>>> store.add_claims(doc, extract("已建成5G基站483.8万座"))
>>> store.end_document()
>>> store.commit()
>>> store.connection.execute("SELECT subject, value, unit FROM claims").fetchall()
[('5G基站', 4838000, '座')]
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from datetime import UTC, datetime

from pressmine.claim import Claim
from pressmine.errors import PressmineError
from pressmine.io.output import CSV_COLUMNS, csv_row

SCHEMA_VERSION = 1  # PRAGMA user_version of a pressmine database

_VALUES = ("value", "value_max", "normalized_value", "normalized_value_max")
_TYPES = {"start": "INTEGER NOT NULL", "end": "INTEGER NOT NULL", "text": "TEXT NOT NULL"}
_COLUMNS = ", ".join(f'"{c}"' for c in CSV_COLUMNS)  # quoted: "end" is an SQL keyword
_COLUMN_TYPES = ", ".join(
    f'"{c}" {_TYPES.get(c, "NUMERIC" if c in _VALUES else "TEXT")}' for c in CSV_COLUMNS
)

_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS documents (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL,               -- as given on the command line; - for stdin
    sha256 TEXT NOT NULL,             -- of the file's bytes
    encoding TEXT NOT NULL,           -- Python codec that reads it as pressmine did
    size INTEGER NOT NULL,            -- bytes
    claims INTEGER NOT NULL DEFAULT 0,
    extracted_at TEXT NOT NULL,       -- UTC, ISO 8601
    UNIQUE (path, sha256)
);
CREATE TABLE IF NOT EXISTS claims (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    {_COLUMN_TYPES}
);
CREATE INDEX IF NOT EXISTS claims_subject ON claims (subject);
CREATE INDEX IF NOT EXISTS claims_unit ON claims (unit);
CREATE INDEX IF NOT EXISTS claims_document ON claims (document_id);
CREATE INDEX IF NOT EXISTS documents_sha256 ON documents (sha256);
"""

_INSERT = f"INSERT INTO claims (document_id, {_COLUMNS}) VALUES (?{', ?' * len(CSV_COLUMNS)})"


class ClaimStore:
    """A pressmine database, opened (and created when new). Writes go into one transaction
    until `commit()`; each document sits in a savepoint until `end_document()`, so that
    `abort_document()` (Ctrl-C halfway through a big file) drops it and nothing else.

    Raises `PressmineError` when the file is not a SQLite database or not pressmine's.
    """

    def __init__(self, path: str) -> None:
        self.path = path
        try:
            # Autocommit mode: transactions are begun and ended here, explicitly.
            self.connection = sqlite3.connect(path, isolation_level=None)
            self.connection.execute("PRAGMA foreign_keys = ON")
            version = self.connection.execute("PRAGMA user_version").fetchone()[0]
            if version not in (0, SCHEMA_VERSION):
                raise PressmineError(f"{path}: database schema {version} is not pressmine's")
            if version == 0 and self._has_tables():
                raise PressmineError(f"{path}: not a pressmine database")
            self.connection.executescript(_SCHEMA + f"PRAGMA user_version = {SCHEMA_VERSION};")
        except sqlite3.Error as err:
            raise PressmineError(f"{path}: {err}") from None
        self._in_transaction = False
        self._document: int | None = None

    def begin_document(self, path: str, sha256: str, encoding: str, size: int) -> int:
        """Replace what is stored for `path` (any version; for `-`, this content) with a new,
        empty document; return its id."""
        self._begin()
        self.connection.execute("SAVEPOINT document")
        if path == "-":
            old = "SELECT id FROM documents WHERE path = ? AND sha256 = ?"
            ids = self.connection.execute(old, (path, sha256)).fetchall()
        else:
            old = "SELECT id FROM documents WHERE path = ?"
            ids = self.connection.execute(old, (path,)).fetchall()
        for (old_id,) in ids:
            self.connection.execute("DELETE FROM claims WHERE document_id = ?", (old_id,))
            self.connection.execute("DELETE FROM documents WHERE id = ?", (old_id,))
        now = datetime.now(UTC).isoformat(timespec="seconds")
        cursor = self.connection.execute(
            "INSERT INTO documents (path, sha256, encoding, size, extracted_at) "
            "VALUES (?, ?, ?, ?, ?)",
            (path, sha256, encoding, size, now),
        )
        document = cursor.lastrowid
        if document is None:  # pragma: no cover - an INSERT always sets it
            raise PressmineError(f"{self.path}: the document could not be stored")
        self._document = document
        return document

    def add_claims(self, document: int, claims: Iterable[Claim]) -> None:
        """Add claims to a document begun with `begin_document`."""
        rows = [(document, *_sql_values(csv_row(claim))) for claim in claims]
        self.connection.executemany(_INSERT, rows)
        self.connection.execute(
            "UPDATE documents SET claims = claims + ? WHERE id = ?", (len(rows), document)
        )

    def end_document(self) -> None:
        """The document is complete: keep it (at the next `commit()`)."""
        if self._document is not None:
            self.connection.execute("RELEASE document")
            self._document = None

    def abort_document(self) -> None:
        """Drop the document begun and not ended, as if it had not been begun."""
        if self._document is not None:
            self.connection.execute("ROLLBACK TO document")
            self.connection.execute("RELEASE document")
            self._document = None

    def commit(self) -> None:
        """Make what was stored since the last commit permanent (a document in progress too)."""
        if self._in_transaction:
            self.connection.execute("COMMIT")
            self._in_transaction = False

    def close(self) -> None:
        """Drop an unfinished document, commit the rest, close the database."""
        self.abort_document()
        self.commit()
        self.connection.close()

    def _begin(self) -> None:
        if not self._in_transaction:
            self.connection.execute("BEGIN")
            self._in_transaction = True

    def _has_tables(self) -> bool:
        query = "SELECT count(*) FROM sqlite_master WHERE type = 'table'"
        return bool(self.connection.execute(query).fetchone()[0])


def _sql_values(row: dict[str, object]) -> list[object]:
    # SQLite integers are 64-bit; a bigger value (a 30-digit number) is kept as a float.
    return [
        float(v) if isinstance(v, int) and not -(2**63) <= v < 2**63 else v for v in row.values()
    ]
