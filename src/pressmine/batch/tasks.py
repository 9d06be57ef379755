"""The units of work of a batch, and how a worker does one: read, decode, find claims, map offsets.

inputs.py (in the main process) turns inputs into tasks: `ReadFile`s, and `Block`s of big or
streamed documents. `run()` (in a worker) does one task with the run's `Context` and returns a
`Part`: a document's claims, with offsets into the whole document, or its problem. Nothing here
prints or raises: a problem with a document is a `Part` with a `problem`.
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Iterator
from dataclasses import dataclass, replace

from pressmine.batch import blocks
from pressmine.claim import Claim
from pressmine.claims.subject import owners
from pressmine.errors import InputError, PackError
from pressmine.extract import extract
from pressmine.io import output
from pressmine.io.output import Format
from pressmine.packs.model import PackSet
from pressmine.regex import store
from pressmine.text.decode import decode
from pressmine.text.documents import is_html, read_bytes
from pressmine.text.normalize import normalize


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
    # The text searched (the document, or the block), when the run's render is the HTML view,
    # which shows it: only then does it travel back.
    text: str | None = None

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

    path: str  # as given: what its claims and its problem name
    # Where to open it when that is not `path`: the absolute path, for a worker whose folder is
    # not the caller's (on a Dask cluster).
    file: str | None = None


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
    headline: str | None = None  # the document's, for a block after the first


Task = ReadFile | Block


@dataclass(frozen=True, slots=True)
class Render:
    """Render the claims in the worker, for a `ClaimWriter` of this format (`output.render`).
    For the HTML view (`Format.html`), hand them back as claims with the text they were found
    in: the main process numbers the page's documents, so it writes their HTML itself."""

    format: Format
    excel: bool = False


@dataclass(frozen=True)
class Context:
    """What every task of a run is done with: the pattern packs, and the format the worker
    renders claims in (None: it hands them back as claims). A batch hands it to each worker
    once, when the worker starts (batch/pool.py)."""

    packs: PackSet
    render: Render | None = None

    def __reduce__(self) -> tuple[object, ...]:
        # For a worker that is spawned rather than forked: the packs' patterns pickled as
        # references to their compiled programs, read back from the cache (regex/store.py),
        # not compiled again in every worker.
        return _context, (store.dumps(self.packs), self.render)


def _context(packs: bytes, render: Render | None) -> Context:
    return Context(pickle.loads(packs), render)


def warm_up(context: Context) -> None:
    """Load jieba and OpenCC now, once per process, not on its first document."""
    extract("已建成5G基站483.8万座，同比增长5.9%。", context.packs)


def run(task: Task | Part, context: Context) -> Part:
    """Do one task (in a worker); a `Part` from `inputs.plan()` is already done. Nothing is
    raised: a document that breaks the extractor is reported, so that one strange file does not
    end a run of thousands, and an invalid pattern pack comes as a `fatal` part. With the
    context's `render`, the part's claims come rendered (see `Part.rendered`)."""
    if isinstance(task, Part):
        return task
    packs, render = context.packs, context.render
    try:
        if isinstance(task, Block):
            part = _search_block(task, packs)
        else:
            part = _search_file(task.path, packs, task.file)
        if render is None:
            return replace(part, text=None)
        if render.format is Format.html:
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


def _search_file(path: str, packs: PackSet, file: str | None = None) -> Part:
    try:
        data = read_bytes(file or path)
    except InputError as err:
        raise InputError(path, err.problem) from None
    decoded = decode(data, path)
    return Part(
        path,
        _claims(path, decoded.text, is_html(path), packs),
        encoding=decoded.encoding,
        sha256=sha256_hex(data),
        size=len(data),
        text=decoded.text,
    )


def _search_block(task: Block, packs: PackSet) -> Part:
    return Part(
        task.path,
        _claims(task.path, task.text, task.html, packs, task.offset, task.headline),
        encoding=task.encoding,
        sha256=task.sha256,
        size=task.size,
        first=task.first,
        last=task.last,
        text=task.text,
    )


def _claims(
    path: str,
    text: str,
    html: bool,
    packs: PackSet,
    offset: int = 0,
    headline: str | None = None,
) -> tuple[Claim, ...]:
    """The claims of a document's text (or of a block starting at `offset`, under the
    document's `headline`), `doc` set."""
    if not html:
        return tuple(replace(c, doc=path) for c in _extract(text, offset, packs, headline))
    from pressmine.text.html import html_text  # html.parser: only a web page pays for its import

    page = html_text(text)
    out = []
    for claim in _extract(page.text, 0, packs):
        start, end = page.source_span(claim.start, claim.end)
        # text stays the source slice, so original[start:end] == text holds for HTML too.
        out.append(replace(claim, doc=path, start=start + offset, end=end + offset,
                           text=text[start:end]))  # fmt: skip
    return tuple(out)


def _extract(
    text: str, offset: int, packs: PackSet, headline: str | None = None
) -> Iterator[Claim]:
    # extract() takes more than linear time on long texts; block by block it stays linear.
    # A text that is cut gets the packs the whole of it calls for (a block of a Hong Kong
    # release may not say 香港), and each block after the first the release's headline; a
    # big file's blocks come here one at a time, and each decides for itself.
    if len(text) > blocks.BLOCK:
        packs = _document_packs(text, packs)
    if offset == 0:
        headline = headline_of(text)
    for start, block in blocks.split(text):
        lead = headline if offset + start > 0 else None
        for claim in extract(block, packs, headline=lead) if lead else extract(block, packs):
            yield replace(claim, start=claim.start + offset + start, end=claim.end + offset + start)


def _document_packs(text: str, packs: PackSet) -> PackSet:
    """The packs as `extract(text, packs)` would apply them to the whole of `text`: a pack whose
    `when` finds the text applies to every block, one whose `when` does not, to none."""
    if all(pack.when is None for pack in packs.packs):
        return packs
    normalized = normalize(text)  # `when` is matched on the normalised text, as in extract
    found = frozenset(p.name for p in packs.packs if p.when and p.when.search(normalized))
    return packs.applying(found)


def headline_of(text: str) -> str | None:
    """The headline of a release that `text` begins (see claims/subject/owners.headline)."""
    span = owners.headline(text)
    return text[span[0] : span[1]] if span is not None else None


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
