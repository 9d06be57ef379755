"""Read the documents a user names: files, folders (every `*.txt` inside, sorted) or `-` (stdin).

Problems are yielded as `InputError` values, not raised, so that one bad file does not stop a
batch; the caller decides what to report. Files are read one at a time, as the caller asks.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import BinaryIO

from pressmine.decode import decode
from pressmine.errors import InputError

STDIN = "-"


@dataclass(frozen=True, slots=True)
class Document:
    """One input text, decoded."""

    path: str  # as the user gave it, or the folder as given joined with the file inside it
    text: str  # offsets convention of pressmine.decode
    encoding: str  # the Python codec that reproduces `text` with open()


def iter_documents(
    paths: Sequence[str], stdin: BinaryIO | None = None
) -> Iterator[Document | InputError]:
    """Each document in `paths`, in order; a folder gives its `*.txt` files, recursively and sorted.

    `-` reads `stdin` (default: the process's standard input) as bytes.
    """
    for path in paths:
        if path == STDIN:
            source = stdin if stdin is not None else sys.stdin.buffer
            yield _decoded(path, source.read())
        elif os.path.isdir(path):
            yield from _folder(path)
        else:
            yield _read(path)


def _folder(folder: str) -> Iterator[Document | InputError]:
    errors: list[OSError] = []
    files = sorted(_txt_files(folder, errors.append))
    if not files and not errors:
        yield InputError(folder, "no .txt files in this folder")
    for parts in files:
        yield _read(os.path.join(folder, *parts))
    for err in errors:
        yield _input_error(err.filename or folder, err)


def _txt_files(folder: str, onerror: Callable[[OSError], None]) -> Iterator[tuple[str, ...]]:
    """The `*.txt` files under `folder`, as tuples of path parts so that they sort folder-wise."""
    # os.walk lists every non-folder in `names`; a broken link named x.txt is kept so that
    # reading it reports the problem instead of skipping it in silence.
    for root, _dirs, names in os.walk(folder, onerror=onerror):
        rel = os.path.relpath(root, folder)
        prefix = () if rel == os.curdir else tuple(rel.split(os.sep))
        yield from ((*prefix, name) for name in names if name.endswith(".txt"))


def _read(path: str) -> Document | InputError:
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError as err:
        return _input_error(path, err)
    return _decoded(path, data)


def _decoded(path: str, data: bytes) -> Document | InputError:
    try:
        decoded = decode(data, path)
    except InputError as err:
        return err
    return Document(path, decoded.text, decoded.encoding)


def _input_error(path: str, err: OSError) -> InputError:
    # "[Errno 2] No such file or directory: 'x'" -> "no such file or directory"; the path is
    # already in the message's prefix.
    problem = err.strerror or str(err)
    return InputError(path, problem[:1].lower() + problem[1:])
