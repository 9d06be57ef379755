"""Store claims in SQLite (the standard library's sqlite3): a `documents` and a `claims` table.

A document is its path and the SHA-256 of its bytes. Storing a document removes what an earlier
run stored for the same path (the same file, or an older version of it), so a rerun updates
instead of duplicating; stdin (path `-`) has no name to go by, so there only the same content
is replaced. A document keeps the date its relative time was counted from and where that came
from (--date, --dates, its text, its page's metadata, its file name). Claims have the columns
of the CSV output, indexed on subject and on unit:

>>> store = ClaimStore(":memory:")
>>> from pressmine import extract
>>> store.begin_document("a.txt", sha256="00", encoding="utf-8", size=27)
>>> store.add_claims(extract("已建成5G基站483.8万座"))
>>> store.end_document()
1
>>> store.connection.execute("SELECT subject, value, unit FROM claims").fetchall()
[('5G基站', 4838000, '座')]

Several runs may write one database at once. Each document is stored in a transaction of its
own, a few milliseconds long whatever its size: its claims wait in a temporary table (which
locks nothing) as they come, and go over in one statement when the document is complete. A
run that finds the database busy waits its turn (`timeout`), and tries again. The database is
in WAL mode where the file system allows it, so that readers and a writer do not wait on
each other.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, date, datetime
from typing import TypeVar

from pressmine.claim import Claim
from pressmine.errors import PressmineError
from pressmine.io.output import CSV_COLUMNS, csv_row

T = TypeVar("T")

SCHEMA_VERSION = 2  # PRAGMA user_version of a pressmine database
# What each older schema lacks, added in place when such a database is opened: a database of
# version 1 (before documents' dates and periods' days) gains these columns, empty.
_UPGRADES = {
    1: (
        ("documents", "doc_date", "TEXT"),
        ("documents", "doc_date_source", "TEXT"),
        ("claims", "period_start", "TEXT"),
        ("claims", "period_end", "TEXT"),
        ("claims", "doc_date", "TEXT"),
    ),
}

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
    doc_date TEXT,                    -- ISO; the date relative time was counted from
    doc_date_source TEXT,             -- option, dates-file, text, html or filename
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

_STAGE = f"CREATE TEMP TABLE staged ({_COLUMN_TYPES})"
_STAGE_ONE = f"INSERT INTO temp.staged VALUES (?{', ?' * (len(CSV_COLUMNS) - 1)})"
_MOVE = (
    f"INSERT INTO claims (document_id, {_COLUMNS}) "
    f"SELECT ?, {_COLUMNS} FROM temp.staged ORDER BY rowid"
)

# How long a run waits for another to finish its transaction: another run's is milliseconds
# long (a document); a person's open transaction in the sqlite3 shell may be longer.
BUSY_SECONDS = 60.0
# Busy errors that come without waiting (a database being switched to WAL or recovered by
# another connection) are tried again this often, a moment apart.
_TRIES = 5


class ClaimStore:
    """A pressmine database, opened (and created when new). A document is stored between
    `begin_document()` and `end_document()`, which commits it; `abort_document()` (a big file
    that failed halfway, Ctrl-C) drops it, leaving what was stored before.

    Raises `PressmineError` ("<path>: <problem>") when the file is not a SQLite database or
    not pressmine's, or cannot be written (locked for longer than `timeout` seconds, disk
    full): whatever was committed stays.
    """

    def __init__(self, path: str, timeout: float = BUSY_SECONDS) -> None:
        self.path = path
        self._pending: tuple[str, str, str, int, str | None, str | None] | None = (
            None  # the document being staged
        )
        with self._errors():
            # Autocommit mode: transactions are begun and ended here, explicitly. A name that
            # is not UTF-8 is opened as the bytes it stands for (sqlite3 would refuse it).
            name = path if path == ":memory:" else os.fsencode(path)
            self.connection = sqlite3.connect(name, isolation_level=None, timeout=timeout)
            self._retrying(self._set_up)

    def _set_up(self) -> None:
        con = self.connection
        # WAL: readers do not block the writer nor it them, and a commit is an append. The
        # mode stays with the file; where it cannot be had (in memory, some network file
        # systems), SQLite keeps its rollback journal, which works too.
        if con.execute("PRAGMA journal_mode = WAL").fetchone()[0] == "wal":
            # Durable when a process is killed; a power cut may lose the last documents,
            # never the database's consistency. A commit per document stays cheap.
            con.execute("PRAGMA synchronous = NORMAL")
        con.execute("PRAGMA foreign_keys = ON")
        if self._version() != SCHEMA_VERSION:
            # Checked and created in one transaction: two runs creating a database at once
            # must not see each other's half-made schema ("not a pressmine database").
            with self._transaction():
                version = self._version()
                if version not in (0, *_UPGRADES, SCHEMA_VERSION):
                    problem = f"database schema {version} is not pressmine's"
                    raise PressmineError(f"{self.path}: {problem}")
                if version == 0:
                    if self._has_tables():
                        raise PressmineError(f"{self.path}: not a pressmine database")
                    for statement in _statements(_SCHEMA):  # executescript() would commit
                        con.execute(statement)
                elif version in _UPGRADES:
                    self._upgrade(version)
                con.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        con.execute(_STAGE)

    def begin_document(
        self,
        path: str,
        sha256: str,
        encoding: str,
        size: int,
        *,
        doc_date: date | None = None,
        doc_date_source: str | None = None,
    ) -> None:
        """Start a document: its claims are kept aside until `end_document()`."""
        self.abort_document()
        iso = doc_date.isoformat() if doc_date is not None else None
        self._pending = (path, sha256, encoding, size, iso, doc_date_source)

    def add_claims(self, claims: Iterable[Claim]) -> None:
        """Add claims to the document begun with `begin_document()`."""
        if self._pending is None:
            raise ValueError("add_claims() without begin_document()")
        rows = [_sql_values(csv_row(claim)) for claim in claims]
        with self._errors():
            self.connection.executemany(_STAGE_ONE, rows)

    def end_document(self) -> int | None:
        """Store the document begun (and commit it), replacing what is stored for its path
        (any version; for `-`, this content); return its id (None if none was begun)."""
        if self._pending is None:
            return None
        with self._errors():
            document = self._retrying(self._store)
            self.connection.execute("DELETE FROM temp.staged")
        self._pending = None
        return document

    def abort_document(self) -> None:
        """Drop the document begun and not ended, as if it had not been begun."""
        if self._pending is not None:
            with self._errors():
                self.connection.execute("DELETE FROM temp.staged")
            self._pending = None

    def close(self) -> None:
        """Drop an unfinished document and close the database (every document ended is
        committed already)."""
        with contextlib.suppress(sqlite3.Error):
            self.abort_document()
        with self._errors():
            self.connection.close()

    def _store(self) -> int:
        assert self._pending is not None
        path, sha256, encoding, size, doc_date, doc_date_source = self._pending
        con = self.connection
        with self._transaction():
            if path == "-":
                old = "SELECT id FROM documents WHERE path = ? AND sha256 = ?"
                ids = con.execute(old, (path, sha256)).fetchall()
            else:
                old = "SELECT id FROM documents WHERE path = ?"
                ids = con.execute(old, (path,)).fetchall()
            for (old_id,) in ids:
                con.execute("DELETE FROM claims WHERE document_id = ?", (old_id,))
                con.execute("DELETE FROM documents WHERE id = ?", (old_id,))
            now = datetime.now(UTC).isoformat(timespec="seconds")
            count = con.execute("SELECT count(*) FROM temp.staged").fetchone()[0]
            cursor = con.execute(
                "INSERT INTO documents (path, sha256, encoding, size, claims, extracted_at, "
                "doc_date, doc_date_source) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (path, sha256, encoding, size, count, now, doc_date, doc_date_source),
            )
            document = cursor.lastrowid
            assert document is not None  # an INSERT always sets it
            con.execute(_MOVE, (document,))
        return document

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[None]:
        # IMMEDIATE: the write lock is taken (or waited for) at the start. A transaction
        # that reads first and writes later cannot wait for it: SQLite would answer "database
        # is locked" at once, to the run that loses the race.
        self.connection.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            with contextlib.suppress(sqlite3.Error):
                self.connection.execute("ROLLBACK")
            raise
        self.connection.execute("COMMIT")

    def _retrying(self, step: Callable[[], T]) -> T:
        for attempt in range(_TRIES):
            try:
                return step()
            except sqlite3.OperationalError as err:
                if attempt == _TRIES - 1 or not _busy(err):
                    raise
                time.sleep(0.05 * 2**attempt)
        raise AssertionError("unreachable")

    @contextlib.contextmanager
    def _errors(self) -> Iterator[None]:
        """sqlite3's errors as PressmineError, naming the database."""
        try:
            yield
        except sqlite3.Error as err:
            raise PressmineError(f"{self.path}: {err}") from None

    def _version(self) -> int:
        return int(self.connection.execute("PRAGMA user_version").fetchone()[0])

    def _upgrade(self, version: int) -> None:
        """Bring a database of an older schema up to this one (inside the caller's transaction)."""
        for v in range(version, SCHEMA_VERSION):
            for table, column, kind in _UPGRADES[v]:
                columns = {r[1] for r in self.connection.execute(f"PRAGMA table_info({table})")}
                if column not in columns:
                    self.connection.execute(f'ALTER TABLE {table} ADD COLUMN "{column}" {kind}')

    def _has_tables(self) -> bool:
        query = "SELECT count(*) FROM sqlite_master WHERE type = 'table'"
        return bool(self.connection.execute(query).fetchone()[0])


def _statements(script: str) -> Iterator[str]:
    """The statements of an SQL script, whole (a `;` in a comment does not end one)."""
    statement = ""
    for line in script.splitlines(keepends=True):
        statement += line
        if sqlite3.complete_statement(statement):
            yield statement
            statement = ""


def _busy(err: sqlite3.OperationalError) -> bool:
    code = getattr(err, "sqlite_errorcode", None)
    return code is not None and code & 0xFF in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)


def _sql_values(row: dict[str, object]) -> list[object]:
    # SQLite integers are 64-bit; a bigger value (a 25-digit number) is kept as a float.
    return [
        float(v) if isinstance(v, int) and not -(2**63) <= v < 2**63 else v for v in row.values()
    ]
