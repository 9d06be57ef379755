"""From the inputs a user names to the tasks of a batch, in the main process, lazily: a file is a
`ReadFile` that a worker reads itself; a big plain-text file, stdin or a pipe is read here and
sent as `Block`s of text cut at paragraph ends, each with its offset in the document, so that
any size fits in memory and the blocks of one big file spread over the workers. A problem found
here is a `Part` with its `problem`, in its place; nothing is raised.
"""

from __future__ import annotations

import hashlib
import io
import os
import stat
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import IO, BinaryIO

from pressmine.batch import blocks
from pressmine.batch.tasks import Block, Part, ReadFile, Task, headline_of, sha256_hex
from pressmine.errors import InputError
from pressmine.text.decode import decode, detect
from pressmine.text.documents import STDIN, input_error, is_html

# A plain-text file bigger than this is read and cut into blocks by the main process; smaller
# ones are read whole by a worker. Press releases are 2-50 kB.
BIG = 4 << 20


def plan(inputs: Iterable[str | InputError], stdin: BinaryIO) -> Iterator[Task | Part]:
    """The tasks for `inputs` (from `documents.iter_inputs`), in order; a problem found here
    (a folder that cannot be read) is a `Part` already."""
    for item in inputs:
        if isinstance(item, InputError):
            yield Part.failed(item)
        elif item == STDIN:
            yield from _stream(STDIN, stdin)
        else:
            yield from _file(item)


def _file(path: str) -> Iterator[Task | Part]:
    try:
        info = os.stat(path)
    except OSError:
        yield ReadFile(path)  # the worker reports it, as for any file that cannot be read
        return
    if not stat.S_ISREG(info.st_mode) and not stat.S_ISDIR(info.st_mode):
        # A pipe or device (`<(command)`, /dev/stdin) can be read once, and only from here.
        try:
            with open(path, "rb") as f:
                yield from _stream(path, f)
        except OSError as err:
            yield Part.failed(input_error(path, err))
    elif info.st_size > BIG and not is_html(path):
        yield from _big_file(path)
    else:
        yield ReadFile(path)


def _stream(path: str, source: BinaryIO) -> Iterator[Task | Part]:
    """A stream read once: kept in memory when small, else spooled to a temporary file."""
    with tempfile.SpooledTemporaryFile(max_size=BIG) as spool:
        try:
            _copy(source, spool)
        except OSError as err:
            yield Part.failed(input_error(path, err))
            return
        if spool.tell() > BIG:
            yield from _blocks(path, spool)
            return
        spool.seek(0)
        data = spool.read()
    try:
        decoded = decode(data, path)
    except InputError as err:
        yield Part.failed(err)
        return
    html = is_html(path) or _looks_like_html(decoded.text)
    yield Block(
        path, decoded.text, 0, html, True, True, decoded.encoding, sha256_hex(data), len(data)
    )


def _copy(source: BinaryIO, target: IO[bytes]) -> None:
    # read1, not read (shutil.copyfileobj): on a terminal, read(n) goes on after a Ctrl-D
    # until it has n bytes, so a second Ctrl-D would be needed; read1 returns at the first.
    read = getattr(source, "read1", source.read)
    while chunk := read(1 << 16):
        target.write(chunk)


def _big_file(path: str) -> Iterator[Task | Part]:
    try:
        with open(path, "rb") as f:
            yield from _blocks(path, f)
    except OSError as err:
        yield Part.failed(input_error(path, err))


def _blocks(
    path: str, f: io.BufferedReader | tempfile.SpooledTemporaryFile[bytes]
) -> Iterator[Task | Part]:
    """A big plain-text document as blocks: one pass to hash it, one to pick its encoding
    (`decode.detect`, the choice `decode` makes), one to read it in blocks, as open() does."""
    f.seek(0)
    sha256 = hashlib.file_digest(f, "sha256").hexdigest()
    size = f.tell()
    try:
        encoding = detect(f, path)
    except InputError as err:
        yield Part.failed(err)
        return
    f.seek(0)
    reader = io.TextIOWrapper(f, encoding=encoding, newline=None)  # the offsets convention
    head = Block(path, "", 0, False, True, False, encoding, sha256, size)
    pending: Block | None = None
    headline: str | None = None
    error: InputError | None = None
    try:
        for offset, text in blocks.read_blocks(reader):
            if pending is not None:
                yield pending
            if pending is None:
                pending = replace(head, text=text, offset=offset)
                headline = headline_of(text)
            else:
                pending = Block(path, text, offset, first=False, last=False, headline=headline)
    except UnicodeDecodeError:  # it decoded in full a moment ago
        error = InputError(path, "changed while being read")
    except OSError as err:
        error = input_error(path, err)
    finally:
        reader.detach()  # leave f to its owner
    if error is not None:
        if pending is not None:
            yield pending
        yield Part.failed(error, first=pending is None)
    else:
        yield replace(pending or head, last=True)


def _looks_like_html(text: str) -> bool:
    """Stdin has no name: it is HTML when it starts like a page (`curl … | pressmine`)."""
    head = text[:1024].lstrip("\ufeff \t\n").lower()
    return head.startswith(("<!doctype html", "<html"))
