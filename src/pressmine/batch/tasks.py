"""The units of work of a batch, and how a worker does one: read, decode, find claims, map offsets.

`plan()` (in the main process) turns inputs into tasks, lazily: a file is a `ReadFile` that a
worker reads itself; a big plain-text file, stdin or a pipe is read here and sent as `Block`s of
text cut at paragraph ends, each with its offset in the document, so that any size fits in
memory and the blocks of one big file spread over the workers. `run()` (in a worker) does one
task and returns a `Part`: a document's claims, with offsets into the whole document, or its
problem. Nothing here prints or raises: a problem with a document is a `Part` with a `problem`.
"""

from __future__ import annotations

import hashlib
import io
import os
import stat
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from typing import BinaryIO

from pressmine.batch import blocks
from pressmine.claim import Claim
from pressmine.errors import InputError, PackError
from pressmine.extract import extract
from pressmine.io import output
from pressmine.io.output import Format
from pressmine.packs.loader import load_packs
from pressmine.packs.model import PackSet
from pressmine.text.decode import decode, detect
from pressmine.text.documents import STDIN, input_error, is_html, read_bytes
from pressmine.text.normalize import normalize

# A plain-text file bigger than this is read and cut into blocks by the main process; smaller
# ones are read whole by a worker. Press releases are 2-50 kB.
BIG = 4 << 20


@dataclass(frozen=True, slots=True)
class Part:
    """A finished piece of one document: all of it, or one block of a big one, or its problem."""

    path: str  # as given; "-" for stdin
    claims: tuple[Claim, ...] = ()  # `doc` set; offsets into the whole document
    problem: str | None = None  # why the document could not be read (its last part then)
    encoding: str | None = None  # these three on the first part
    sha256: str | None = None  # of the document's bytes
    size: int | None = None  # in bytes
    first: bool = True  # a document's parts come in order, first to last, none between
    last: bool = True
    fatal: bool = False  # `problem` fails every document (an invalid pattern pack): stop
    # The claims as `output.render()` made them, when the worker was asked to (`claims` is
    # then empty): a string pickles much faster than claims, and the main process, which
    # the workers wait on, only has to write it.
    rendered: tuple[str, ...] | None = None

    # The problem travels as text, not as the exception (which would pickle too): a part
    # stays small and compares equal to another with the same content.
    @classmethod
    def failed(cls, err: InputError, first: bool = True) -> Part:
        """The part that reports `err`."""
        return cls(err.path, problem=err.problem, first=first)

    @property
    def count(self) -> int:
        """How many claims the part holds, rendered or not."""
        return len(self.claims) if self.rendered is None else len(self.rendered)

    @property
    def error(self) -> InputError | None:
        """The problem as the `InputError` it was (None for a fatal one: see `problem`)."""
        if self.problem is None or self.fatal:
            return None
        return InputError(self.path, self.problem)


@dataclass(frozen=True, slots=True)
class ReadFile:
    """A file for a worker to read, decode and search."""

    path: str


@dataclass(frozen=True, slots=True)
class Block:
    """A piece of a document already decoded, for a worker to search."""

    path: str
    text: str
    offset: int  # of text[0] in the document
    html: bool = False
    first: bool = True
    last: bool = True
    encoding: str | None = None
    sha256: str | None = None
    size: int | None = None


Task = ReadFile | Block


def warm_up() -> None:
    """Load the packs, jieba and OpenCC now, once per process, not on its first document.

    Raises `PackError` when a pattern pack is invalid, so the main process can check first.
    """
    load_packs()
    extract("已建成5G基站483.8万座，同比增长5.9%。")


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


@dataclass(frozen=True, slots=True)
class Render:
    """Render the claims in the worker, for a `ClaimWriter` of this format (`output.render`)."""

    format: Format
    excel: bool = False


def run(task: Task | Part, render: Render | None = None) -> Part:
    """Do one task (in a worker); a `Part` from `plan()` is already done. Nothing is raised: a
    document that breaks the extractor is reported, so that one strange file does not end a run
    of thousands, and an invalid pattern pack comes as a `fatal` part. With `render`, the
    part's claims come rendered (see `Part.rendered`)."""
    if isinstance(task, Part):
        return task
    try:
        part = _search_block(task) if isinstance(task, Block) else _search_file(task.path)
        if render is None:
            return part
        items = output.render(part.claims, render.format, render.excel)
        return replace(part, claims=(), rendered=items)
    except InputError as err:
        return Part.failed(err)
    except PackError as err:
        return Part(task.path, problem=str(err), fatal=True)
    except Exception as err:  # a bug: name it, with the document, and go on
        problem = f"pressmine failed on this document ({type(err).__name__}: {err}); please report"
        return Part(task.path, problem=problem)


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
            yield from _blocks(path, spool)  # type: ignore[arg-type]
            return
        spool.seek(0)
        data = spool.read()
    try:
        decoded = decode(data, path)
    except InputError as err:
        yield Part.failed(err)
        return
    html = is_html(path) or _looks_like_html(decoded.text)
    yield Block(path, decoded.text, 0, html, True, True, decoded.encoding, _sha256(data), len(data))


def _copy(source: BinaryIO, target: BinaryIO) -> None:
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


def _blocks(path: str, f: BinaryIO) -> Iterator[Task | Part]:
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
    error: InputError | None = None
    try:
        for offset, text in blocks.read_blocks(reader):
            if pending is not None:
                yield pending
            pending = (
                replace(head, text=text, offset=offset)
                if pending is None
                else Block(path, text, offset, first=False, last=False)
            )
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


def _search_file(path: str) -> Part:
    data = read_bytes(path)
    decoded = decode(data, path)
    return Part(
        path,
        _claims(path, decoded.text, is_html(path)),
        encoding=decoded.encoding,
        sha256=_sha256(data),
        size=len(data),
    )


def _search_block(task: Block) -> Part:
    return Part(
        task.path,
        _claims(task.path, task.text, task.html, task.offset),
        encoding=task.encoding,
        sha256=task.sha256,
        size=task.size,
        first=task.first,
        last=task.last,
    )


def _claims(path: str, text: str, html: bool, offset: int = 0) -> tuple[Claim, ...]:
    """The claims of a document's text (or of a block starting at `offset`), `doc` set."""
    if not html:
        return tuple(replace(c, doc=path) for c in _extract(text, offset))
    from pressmine.text.html import html_text  # html.parser: only a web page pays for its import

    page = html_text(text)
    out = []
    for claim in _extract(page.text, 0):
        start, end = page.source_span(claim.start, claim.end)
        # text stays the source slice, so original[start:end] == text holds for HTML too.
        out.append(replace(claim, doc=path, start=start + offset, end=end + offset,
                           text=text[start:end]))  # fmt: skip
    return tuple(out)


def _extract(text: str, offset: int) -> Iterator[Claim]:
    # extract() takes more than linear time on long texts; block by block it stays linear.
    # A text that is cut gets the packs the whole of it calls for (a block of a Hong Kong
    # release may not say 香港); a big file's blocks come here one at a time, and each
    # decides for itself.
    packs = _document_packs(text) if len(text) > blocks.BLOCK else None
    for start, block in blocks.split(text):
        for claim in extract(block, packs):
            yield replace(claim, start=claim.start + offset + start, end=claim.end + offset + start)


def _document_packs(text: str) -> PackSet:
    """The packs as `extract(text)` would apply them to the whole of `text`: a pack whose
    `when` finds the text applies to every block, one whose `when` does not, to none."""
    packs = load_packs()
    if all(pack.when is None for pack in packs.packs):
        return packs
    normalized = normalize(text)  # `when` is matched on the normalised text, as in extract
    found = frozenset(p.name for p in packs.packs if p.when and p.when.search(normalized))
    return packs.applying(found)


def _looks_like_html(text: str) -> bool:
    """Stdin has no name: it is HTML when it starts like a page (`curl … | pressmine`)."""
    head = text[:1024].lstrip("\ufeff \t\n").lower()
    return head.startswith(("<!doctype html", "<html"))


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
