"""Write claims as JSON (one array) or JSONL (one object a line), streaming.

Each `write()` goes out and is flushed at once, so a batch's output appears document by
document, a failure later on loses nothing already written, and memory stays flat. A JSON
array is closed by `close()` (or leaving the `with` block), even after an error.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from enum import StrEnum
from types import TracebackType
from typing import Any, TextIO

from pressmine.claim import Claim


class Format(StrEnum):
    """Output formats: `json` is one array, `jsonl` is one claim object a line."""

    json = "json"
    jsonl = "jsonl"


class ClaimWriter:
    """Writes claims to a text stream in one `Format`; use it as a context manager.

    >>> import io; out = io.StringIO()
    >>> with ClaimWriter(out, Format.json) as writer:
    ...     writer.write([])
    >>> out.getvalue()
    '[]\\n'
    """

    def __init__(self, stream: TextIO, fmt: Format) -> None:
        self._stream = stream
        self._format = fmt
        self._count = 0
        if fmt is Format.json:
            self._stream.write("[")

    def write(self, claims: Iterable[Claim]) -> None:
        """Write one document's claims (keys in `Claim.to_dict()` order, `doc` first)."""
        for claim in claims:
            self._stream.write(self._item(claim.to_dict()))
            self._count += 1
        self._stream.flush()

    def close(self) -> None:
        """Finish the output: the closing `]` of a JSON array."""
        if self._format is Format.json:
            self._stream.write("\n]\n" if self._count else "]\n")
        self._stream.flush()

    def _item(self, obj: dict[str, Any]) -> str:
        line = json.dumps(obj, ensure_ascii=False)
        if self._format is Format.jsonl:
            return line + "\n"
        # One claim a line inside the array: readable, and still greppable.
        return ("\n  " if self._count == 0 else ",\n  ") + line

    def __enter__(self) -> ClaimWriter:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
