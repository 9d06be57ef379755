"""Claims as Parquet (`pip install 'pressmine[parquet]'`, pyarrow): one explicit Arrow schema,
row groups written as documents finish.

The columns are the CSV columns, with two more: `value_exact` and `value_max_exact`, the exact
decimal as a string. `value` and `value_max` are float64 (what JSON and CSV give, and what
arithmetic wants); a Parquet decimal column has one scale for every row, so a value with more
decimal places than that scale would be rounded and one with more than 38 digits would not fit,
and a release may write either. The string is exact for every value: `Decimal(value_exact)` in
Python, `CAST(value_exact AS DECIMAL(38, 10))` in DuckDB when the values fit. `normalized` is
spread over three columns, as in CSV. Offsets are int64; `period_start`, `period_end` and
`doc_date` are dates (null where a claim has none, or where this version of pressmine does not
give them).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal
from typing import Any, BinaryIO, Protocol

import pyarrow as pa
import pyarrow.parquet as pq

from pressmine.claim import Claim
from pressmine.io.output import Closes

SCHEMA = pa.schema(
    [
        pa.field("doc", pa.string()),  # null for claims of a text without a path
        pa.field("start", pa.int64(), nullable=False),
        pa.field("end", pa.int64(), nullable=False),
        pa.field("text", pa.string(), nullable=False),
        pa.field("value", pa.float64(), nullable=False),
        pa.field("value_exact", pa.string(), nullable=False),
        pa.field("value_max", pa.float64()),
        pa.field("value_max_exact", pa.string()),
        pa.field("unit", pa.string(), nullable=False),
        pa.field("normalized_value", pa.float64()),
        pa.field("normalized_unit", pa.string()),
        pa.field("normalized_value_max", pa.float64()),
        pa.field("subject", pa.string()),
        pa.field("subject_original", pa.string()),
        pa.field("qualifier", pa.string(), nullable=False),
        pa.field("change", pa.string()),
        pa.field("basis", pa.string()),
        pa.field("period", pa.string()),
        pa.field("period_start", pa.date32()),
        pa.field("period_end", pa.date32()),
        pa.field("doc_date", pa.date32()),
        pa.field("rule", pa.string(), nullable=False),
    ]
)

# Claims waiting for their row group. Groups end at the end of a document (or of a big file's
# block), so a document's claims share a group; a group per document would make thousands of
# tiny groups, which readers are slow on. ~10 MB of claims in memory at most.
ROW_GROUP = 16_384


def exact(value: Decimal | None) -> str | None:
    """A Decimal as plain digits, never in exponent form or rounded.

    >>> exact(Decimal("4.838E+6")), exact(Decimal("5.90")), exact(Decimal("0.0001")), exact(None)
    ('4838000', '5.9', '0.0001', None)
    """
    if value is None:
        return None
    return format(value.normalize(), "f")


def _float(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def _date(claim: Claim, name: str) -> date | None:
    # Claims have dates once the calendar work lands; until then these columns are null.
    found = getattr(claim, name, None)
    return found if isinstance(found, date) else None


def row(claim: Claim) -> tuple[Any, ...]:
    """A claim as a tuple of `SCHEMA`'s columns, in order."""
    n = claim.normalized
    return (
        claim.doc,
        claim.start,
        claim.end,
        claim.text,
        float(claim.value),
        exact(claim.value),
        _float(claim.value_max),
        exact(claim.value_max),
        claim.unit,
        _float(n.value) if n else None,
        n.unit if n else None,
        _float(n.value_max) if n else None,
        claim.subject,
        claim.subject_original,
        claim.qualifier,
        claim.change,
        claim.basis,
        claim.period,
        _date(claim, "period_start"),
        _date(claim, "period_end"),
        _date(claim, "doc_date"),
        claim.rule,
    )


def columns(claims: Iterable[Claim]) -> dict[str, list[Any]]:
    """Claims as lists by column name, `SCHEMA`'s names in order."""
    rows = [row(claim) for claim in claims]
    return {name: [r[i] for r in rows] for i, name in enumerate(SCHEMA.names)}


def table(claims: Iterable[Claim]) -> pa.Table:
    """Claims as an Arrow table of `SCHEMA`.

    >>> from pressmine import extract
    >>> t = table(extract("已建成5G基站483.8万座，增长5.9%"))
    >>> t.column("value_exact").to_pylist(), t.column("value").to_pylist()
    (['4838000', '5.9'], [4838000.0, 5.9])
    """
    return pa.Table.from_pydict(columns(claims), schema=SCHEMA)


class _Part(Protocol):
    @property
    def claims(self) -> Iterable[Claim]: ...


class ParquetWriter(Closes):
    """Writes claims to a Parquet file of `SCHEMA` (zstd), a row group whenever `row_group`
    claims are waiting at the end of a `write()`, and the rest on `close()`. Use it as a
    context manager; `sink` is a path or a binary file, which is left open.

    >>> import io; out = io.BytesIO()
    >>> with ParquetWriter(out) as writer:
    ...     writer.write([])
    >>> pq.read_table(out).num_rows
    0
    """

    def __init__(self, sink: str | BinaryIO, row_group: int | None = None) -> None:
        self._sink = sink
        self._row_group = row_group or ROW_GROUP
        self._waiting: list[Claim] = []
        # Opened on the first row group or on close(): a writer made for a run that never
        # starts (the cluster cannot be reached) then leaves nothing behind, where pyarrow's
        # would write its footer into a file already closed when it is collected.
        self._writer: pq.ParquetWriter | None = None

    def write(self, claims: Sequence[Claim] | Iterable[Claim]) -> None:
        """Add one document's claims (or a block's), and write a row group if enough wait."""
        self._waiting.extend(claims)
        if len(self._waiting) >= self._row_group:
            self._flush()

    def write_part(self, part: _Part) -> None:
        """Write a part of a batch (`pressmine.batch.runner.Sink`)."""
        self.write(part.claims)

    def close(self) -> None:
        """Write what waits and the file's footer (also after an interruption: the caller
        decides whether the file is kept)."""
        self._flush()
        self._open().close()

    def _open(self) -> pq.ParquetWriter:
        if self._writer is None:
            self._writer = pq.ParquetWriter(self._sink, SCHEMA, compression="zstd")
        return self._writer

    def _flush(self) -> None:
        if self._waiting:
            rows = table(self._waiting)
            self._open().write_table(rows, row_group_size=len(self._waiting))
            self._waiting = []
