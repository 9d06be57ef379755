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
from datetime import date

from pressmine.batch import blocks
from pressmine.claim import Claim
from pressmine.claims.period import DocumentTime, document_head, document_time
from pressmine.claims.subject import owners
from pressmine.claims.subject.scope import lead_place
from pressmine.errors import InputError, PackError
from pressmine.extract import extract
from pressmine.io import output
from pressmine.io.output import Format
from pressmine.packs.home import local_currency
from pressmine.packs.loader import load_packs
from pressmine.packs.model import PackSet
from pressmine.regex import store
from pressmine.text.clauses import Boundaries
from pressmine.text.decode import decode
from pressmine.text.docdate import DateTable, DocDate, find_doc_date
from pressmine.text.documents import is_html, printable, read_bytes
from pressmine.text.normalize import normalize


@dataclass(frozen=True, slots=True)
class Part:
    """A finished piece of one document: all of it, or one block of a big one, or its problem."""

    path: str  # as given, printable (a name that is not UTF-8 as documents.printable writes it)
    claims: tuple[Claim, ...] = ()  # `doc` set (the same path); offsets into the whole document
    problem: str | None = None  # why the document could not be read (its last part then)
    encoding: str | None = None  # these three on the first part
    sha256: str | None = None  # of the document's bytes
    size: int | None = None  # in bytes
    doc_date: date | None = None  # the date its relative time was counted from, if any
    doc_date_source: str | None = None  # where that date came from (text/docdate.SOURCES)
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

    def __post_init__(self) -> None:
        # One place for every way a part is made: the name goes out as JSON, CSV, SQLite
        # and messages, which need text that UTF-8 can hold.
        object.__setattr__(self, "path", printable(self.path))

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
    # The document's beginning (claims.period.document_head), on the blocks after the first:
    # every block reads the document's date and time (its headline's and lead's period) there.
    head: str = ""


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
    """What every task of a run is done with: the pattern packs, the format the worker renders
    claims in (None: it hands them back as claims), and the documents' dates the user gave
    (--date for all, --dates per file). A batch hands it to each worker once, when the worker
    starts (batch/pool.py)."""

    packs: PackSet
    render: Render | None = None
    date: date | None = None  # --date: every document's
    dates: DateTable | None = None  # --dates: by path, file name or stem

    def __reduce__(self) -> tuple[object, ...]:
        # For a worker that is spawned rather than forked: the packs' patterns pickled as
        # references to their compiled programs, read back from the cache (regex/store.py),
        # not compiled again in every worker.
        return _context, (store.dumps(self.packs), self.render, self.date, self.dates)


def _context(
    packs: bytes, render: Render | None, day: date | None, dates: DateTable | None
) -> Context:
    return Context(pickle.loads(packs), render, day, dates)


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
    render = context.render
    try:
        if isinstance(task, Block):
            part = _search_block(task, context)
        else:
            part = _search_file(task.path, context, task.file)
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
        return _failed(task, bug(err))


def bug(err: Exception) -> str:
    """The problem reported for an exception pressmine did not expect on a document."""
    return f"pressmine failed on this document ({type(err).__name__}: {err}); please report"


def lost(task: Task | Part) -> Part:
    """The part for a task whose worker process died on it twice (out of memory, killed):
    batch/pool.py tries such a task again once, alone, in a fresh worker."""
    if isinstance(task, Part):
        return task
    return _failed(task, "a worker process died on it twice (out of memory, or killed)")


def _failed(task: Task, problem: str) -> Part:
    """`problem` in the place of the task's part: a block keeps its place in its document."""
    if isinstance(task, Block):
        return Part(task.path, problem=problem, first=task.first, last=task.last)
    return Part(task.path, problem=problem)


def _search_file(path: str, context: Context, file: str | None = None) -> Part:
    try:
        data = read_bytes(file or path)
    except InputError as err:
        raise InputError(path, err.problem) from None
    decoded = decode(data, path)
    claims, found = _claims(path, decoded.text, is_html(path), context)
    return Part(
        path,
        claims,
        encoding=decoded.encoding,
        sha256=sha256_hex(data),
        size=len(data),
        doc_date=found.date if found else None,
        doc_date_source=found.source if found else None,
        text=decoded.text,
    )


def _search_block(task: Block, context: Context) -> Part:
    head = task.head or document_head(task.text)
    claims, found = _claims(
        task.path, task.text, task.html, context, task.offset, head, task.headline
    )
    return Part(
        task.path,
        claims,
        encoding=task.encoding,
        sha256=task.sha256,
        size=task.size,
        doc_date=found.date if found else None,
        doc_date_source=found.source if found else None,
        first=task.first,
        last=task.last,
        text=task.text,
    )


def _claims(
    path: str,
    text: str,
    html: bool,
    context: Context,
    offset: int = 0,
    head: str | None = None,
    headline: str | None = None,
) -> tuple[tuple[Claim, ...], DocDate | None]:
    """The claims of a document's text (or of a block starting at `offset`, with the
    document's beginning in `head` and its `headline`), `doc` set, and the document's date
    they were read with (text/docdate.py: --date, --dates, the text, the page's metadata, the
    file's name). A text read in blocks finds its date, headline and lead in its beginning."""
    if not html:
        return _dated_claims(path, text, None, context, offset, head, headline)
    from pressmine.text.html import html_text  # html.parser: only a web page pays for its import

    doc = printable(path)
    page = html_text(text)
    claims, found = _dated_claims(path, page.text, text, context, 0, None, None)
    out = []
    for claim in claims:
        start, end = page.source_span(claim.start, claim.end)
        # text stays the source slice, so original[start:end] == text holds for HTML too.
        out.append(replace(claim, doc=doc, start=start + offset, end=end + offset,
                           text=text[start:end]))  # fmt: skip
    return tuple(out), found


def _dated_claims(
    path: str,
    text: str,
    page: str | None,
    context: Context,
    offset: int,
    head: str | None,
    headline: str | None,
) -> tuple[tuple[Claim, ...], DocDate | None]:
    """The claims of `text`, read with the document's date and time; `page` is the HTML
    source `text` was shown from, `head` the beginning of the document `text` is a block of."""
    if head is None and len(text) > blocks.BLOCK:
        head = document_head(text)  # cut into blocks below: each reads its time from here
    found = find_doc_date(
        text if head is None else head,
        path=path,
        html=page,
        given=context.date,
        dates=context.dates,
    )
    day = found.date if found else None
    document = None
    if head is not None:
        # The document's headline and lead give the period of every block's paragraphs that
        # state none, as they would in extract(text) of the whole.
        normalized = normalize(head)
        packs = context.packs
        document = document_time(normalized, packs, Boundaries.of(normalized), doc_date=day)
    claims = _extract(text, offset, context.packs, day, document, headline)
    doc = printable(path)
    return tuple(replace(c, doc=doc) for c in claims), found


def _extract(
    text: str,
    offset: int,
    packs: PackSet,
    day: date | None,
    document: DocumentTime | None,
    headline: str | None = None,
) -> Iterator[Claim]:
    # extract() takes more than linear time on long texts; block by block it stays linear.
    # A text that is cut gets the packs the whole of it calls for (a block of a Hong Kong
    # release may not say 香港), and each block after the first the release's headline; a
    # big file's blocks come here one at a time, and each decides for itself.
    if len(text) > blocks.BLOCK:
        packs = _document_packs(text, packs)
    if offset == 0:
        headline = headline_of(text, packs)
    for start, block in blocks.split(text):
        lead = headline if offset + start > 0 else None
        for claim in extract(block, packs, doc_date=day, headline=lead, document=document):
            yield replace(claim, start=claim.start + offset + start, end=claim.end + offset + start)


def _document_packs(text: str, packs: PackSet) -> PackSet:
    """The packs as `extract(text, packs)` would apply them to the whole of `text`: a pack whose
    `when` finds the text applies to every block, one whose `when` does not, to none; and the
    local currency read from all of it is every block's (a bare 元 is one dollar throughout)."""
    if all(pack.when is None and pack.home is None for pack in packs.packs):
        return packs
    normalized = normalize(text)  # `when` is matched on the normalised text, as in extract
    found = frozenset(p.name for p in packs.packs if p.when and p.when.search(normalized))
    return packs.applying(found, local_currency(packs, normalized) or "")


def headline_of(text: str, packs: PackSet | None = None) -> str | None:
    """The headline of a release that `text` begins (see claims/subject/owners.headline); for
    a release without one, the place that opens it and scopes it (香港 in 香港财政司司长…,
    claims/subject/scope.lead_place), which the blocks after the first read as their headline.
    The place is one of `packs`' regions (the built-in packs' when not given)."""
    span = owners.headline(text)
    if span is not None:
        return text[span[0] : span[1]]
    opening = normalize(text[:_LEAD_CHARS])
    words = (packs or load_packs()).subject_vocabulary
    place = lead_place(opening, Boundaries.of(opening), words)
    return text[place[0] : place[1]] if place is not None else None


_LEAD_CHARS = 200  # enough for a release's first clause


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
