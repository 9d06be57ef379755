"""Write claims as JSON (one array), JSONL (one object a line) or CSV, streaming; and write a file
atomically.

Each `write()` goes out and is flushed at once, so a batch's output appears document by
document, a failure later on loses nothing already written, and memory stays flat. A JSON
array is closed by `close()` (or leaving the `with` block), even after an error. A table for
people is cli/table.py's: only the command line draws on screens.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import stat
import tempfile
from collections.abc import Iterable
from enum import StrEnum
from types import TracebackType
from typing import Any, Protocol, Self, TextIO

from pressmine.claim import Claim


class Format(StrEnum):
    """Output formats. `auto` is the command line's choice: a table on a terminal, else JSON."""

    auto = "auto"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    table = "table"
    parquet = "parquet"  # io/parquet.py (pyarrow)
    html = "html"  # io/view.py: the claims highlighted in their documents' text


# One column per field of Claim.to_dict(), `normalized` spread over three.
CSV_COLUMNS = (
    *("doc", "start", "end", "text", "value", "value_max", "unit"),
    *("normalized_value", "normalized_unit", "normalized_value_max"),
    *("subject", "subject_original", "qualifier", "change", "basis", "period", "rule"),
)


def csv_row(claim: Claim) -> dict[str, Any]:
    """A claim as one flat row, keys `CSV_COLUMNS` (also the columns of the SQLite claims table).

    >>> from pressmine import extract
    >>> row = csv_row(extract("已建成5G基站483.8万座")[0])
    >>> row["value"], row["unit"], row["normalized_value"], row["normalized_unit"]
    (4838000, '座', 4838000, 'count')
    """
    obj = claim.to_dict()
    normalized = obj.pop("normalized") or {}
    obj["normalized_value"] = normalized.get("value")
    obj["normalized_unit"] = normalized.get("unit")
    obj["normalized_value_max"] = normalized.get("value_max")
    return {column: obj[column] for column in CSV_COLUMNS}


def render(claims: Iterable[Claim], fmt: Format, excel: bool = False) -> tuple[str, ...]:
    """Claims as the items a `ClaimWriter` for `fmt` writes, one string each: a JSON object
    (json, jsonl) or a CSV line. A batch's workers render, so that the main process only writes.

    >>> from pressmine import extract
    >>> claims = extract("已建成5G基站483.8万座，覆盖超330个城市")
    >>> [item[:24] for item in render(claims, Format.csv)]
    [',7,14,483.8万座,4838000,,座', ',17,22,超330个,330,,个,330,']
    >>> render(claims, Format.jsonl)[1][:35]
    '{"doc": null, "start": 17, "end": 2'
    """
    claims = list(claims)
    if fmt is Format.csv:
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, CSV_COLUMNS, lineterminator="\r\n" if excel else "\n")
        items = []
        for claim in claims:
            writer.writerow(csv_row(claim))
            items.append(buffer.getvalue())
            buffer.seek(0)
            buffer.truncate()
        return tuple(items)
    if fmt in (Format.json, Format.jsonl):
        return tuple(json.dumps(claim.to_dict(), ensure_ascii=False) for claim in claims)
    raise ValueError(f"render() writes json, jsonl or csv, not {fmt}")


class _Part(Protocol):
    @property
    def claims(self) -> Iterable[Claim]: ...

    @property
    def rendered(self) -> tuple[str, ...] | None: ...


class Closes:
    """A writer's `with` block: it is closed on leaving, also on an error (see `close()`)."""

    def close(self) -> None:
        raise NotImplementedError

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


class ClaimWriter(Closes):
    """Writes claims to a text stream as JSON, JSONL or CSV; use it as a context manager.

    CSV has a header row, empty cells for nulls, and `\\n` line ends; `excel=True` starts it
    with a byte order mark and ends lines with `\\r\\n`, which is what Excel needs to read UTF-8.
    Open a file for CSV with `newline=""`, as the csv module asks.

    >>> import io; out = io.StringIO()
    >>> with ClaimWriter(out, Format.json) as writer:
    ...     writer.write([])
    >>> out.getvalue()
    '[]\\n'
    """

    def __init__(self, stream: TextIO, fmt: Format, excel: bool = False) -> None:
        if fmt not in (Format.json, Format.jsonl, Format.csv):
            raise ValueError(f"ClaimWriter writes json, jsonl or csv, not {fmt}")
        self._stream = stream
        self._format = fmt
        self.excel = excel
        self._count = 0
        if fmt is Format.json:
            self._stream.write("[")
        elif fmt is Format.csv:
            if excel:
                self._stream.write("\ufeff")
            end = "\r\n" if excel else "\n"
            csv.writer(self._stream, lineterminator=end).writerow(CSV_COLUMNS)

    @property
    def format(self) -> Format:
        return self._format

    def write(self, claims: Iterable[Claim]) -> None:
        """Write one document's claims (keys in `Claim.to_dict()` order, `doc` first)."""
        self.write_rendered(render(claims, self._format, self.excel))

    def write_rendered(self, items: tuple[str, ...]) -> None:
        """Write claims that `render()` made for this writer's format (and `excel`)."""
        if not items:
            self._stream.flush()
            return
        if self._format is Format.jsonl:
            text = "\n".join(items) + "\n"
        elif self._format is Format.json:
            # One claim a line inside the array: readable, and still greppable.
            text = ("\n  " if self._count == 0 else ",\n  ") + ",\n  ".join(items)
        else:
            text = "".join(items)
        self._stream.write(text)
        self._count += len(items)
        self._stream.flush()

    def write_part(self, part: _Part) -> None:
        """Write a part of a batch (`pressmine.batch.runner.Sink`): its claims, as rendered by the
        worker when it did."""
        if part.rendered is not None:
            self.write_rendered(part.rendered)
        else:
            self.write(part.claims)

    def close(self) -> None:
        """Finish the output: the closing `]` of a JSON array."""
        if self._format is Format.json:
            self._stream.write("\n]\n" if self._count else "]\n")
        self._stream.flush()


class AtomicFile:
    """A text file written under a temporary name in its folder and renamed over `path` by
    `commit()`: a reader (or a rerun) sees the old file or the whole new one, never half of it.
    Without a commit (an error, Ctrl-C) the temporary file is removed and `path` is untouched.

    A path that exists and is not a regular file (/dev/null, a pipe) is written in place.
    Raises `OSError` when the folder cannot be written.
    """

    def __init__(self, path: str, newline: str | None = None) -> None:
        self.path = path
        target = os.path.realpath(path)  # replace what a link points at, not the link
        try:
            info: os.stat_result | None = os.stat(target)
        except FileNotFoundError:
            info = None
        if info is not None and not stat.S_ISREG(info.st_mode):
            self._tmp = None
            # Closed by commit() or discard(), not by a with block: it lives across calls.
            self.stream: TextIO = open(target, "w", encoding="utf-8", newline=newline)  # noqa: SIM115
            return
        # The file gets the mode a plain open() would give it, or keeps the one it had
        # (mkstemp makes it 0600).
        self._mode = stat.S_IMODE(info.st_mode) if info else 0o666 & ~_umask()
        self._target = target
        folder, name = os.path.split(target)
        fd, self._tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)
        self.stream = open(fd, "w", encoding="utf-8", newline=newline)  # noqa: SIM115

    def commit(self) -> None:
        """Flush to disk and put the file in place."""
        self.stream.flush()
        if self._tmp is None:
            self.stream.close()
            return
        os.fsync(self.stream.fileno())
        self.stream.close()
        os.chmod(self._tmp, self._mode)
        os.replace(self._tmp, self._target)
        self._tmp = None

    def discard(self) -> None:
        """Remove the temporary file, if it is still there; `path` stays as it was."""
        self.stream.close()
        if self._tmp is not None:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(self._tmp)
            self._tmp = None

    def __enter__(self) -> AtomicFile:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.discard()  # after commit(), nothing is left to remove


def _umask() -> int:
    mask = os.umask(0o022)  # the only way to read it is to set it
    os.umask(mask)
    return mask
