"""Claims for people to look at: one self-contained HTML page with each document's text, every
claim highlighted in place, and a table of the document's claims beside it.

A highlight is a link, `<a class="claim" data-start data-end>`, holding exactly the claim's
text (`original[start:end]`): Tab walks the claims in reading order, hovering or focusing one
shows its value, unit, subject, qualifier, change, period and rule (from its `data-tip`, so the
text stays the text), and following it goes to its row of the table, whose first cell links
back. The colour says the kind: an amount, a count, a rate or share, a change.

One page for a whole batch, written as documents finish, like every other output (flat memory,
an atomic `-o` file, one file to open or send); the index of documents comes last, since it is
known only then, and CSS shows it as a sidebar, with a link to it at the top. A document's table
comes below its text. A page of thousands of releases is tens of megabytes: for a look, name
the documents to look at.

Everything from a document is escaped, and the page's Content-Security-Policy allows no script
and no network at all, so a release holding `<script>` shows it as text and nothing can run or
load even if escaping failed. The style sheet is `view.css` beside this module, inlined.
"""

from __future__ import annotations

import html
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from importlib import resources
from typing import Protocol, TextIO

from pressmine.claim import Claim
from pressmine.io.output import Closes

# Normalized units that make a claim a rate or share, or a count; every other unit (money,
# measures, time, a bare level) is an amount. A change is a change whatever its unit.
_RATE_UNITS = frozenset({"%", "pp", "‰", "times"})
KINDS = {
    "amount": "amount",
    "count": "count",
    "rate": "rate or share",
    "change": "change",
}

_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"


def kind(claim: Claim) -> str:
    """A key of `KINDS`: what colour a claim gets.

    >>> from pressmine import extract
    >>> [kind(c) for c in extract("建成5G基站483.8万座，投资1.2万亿元，占比30%，同比增长5.9%")]
    ['count', 'amount', 'rate', 'change']
    """
    if claim.change is not None:
        return "change"
    unit = claim.normalized.unit if claim.normalized else claim.unit
    if unit in _RATE_UNITS:
        return "rate"
    return "count" if unit == "count" else "amount"


def plain(value: Decimal | None) -> str:
    """A value for people: thousands separated, no exponent, no trailing zeros.

    >>> plain(Decimal("4.838E+6")), plain(Decimal("5.90")), plain(None)
    ('4,838,000', '5.9', '')
    """
    if value is None:
        return ""
    return format(value.normalize(), ",f")


class _Part(Protocol):
    """What the view needs of a part of a batch (`pressmine.batch.tasks.Part`)."""

    @property
    def path(self) -> str: ...
    @property
    def claims(self) -> Sequence[Claim]: ...
    @property
    def text(self) -> str | None: ...
    @property
    def problem(self) -> str | None: ...
    @property
    def first(self) -> bool: ...
    @property
    def last(self) -> bool: ...


@dataclass(frozen=True, slots=True)
class Document:
    """A whole document for `ViewWriter.write_part`, from library code."""

    path: str
    text: str | None
    claims: Sequence[Claim]
    problem: str | None = None
    first: bool = True
    last: bool = True


class ViewWriter(Closes):
    """Writes the page to a text stream: `write_part()` for each part of each document, in
    order (its `text` is the document's text from where the previous part ended), then
    `close()` for the index and the end of the page. Use it as a context manager.

    >>> import io; out = io.StringIO()
    >>> from pressmine import extract
    >>> text = "<b>增长5.9%</b>"
    >>> with ViewWriter(out) as view:
    ...     view.write_part(Document("a.txt", text, extract(text)))
    >>> page = out.getvalue()
    >>> 'data-start="5" data-end="9"' in page, "&lt;b&gt;增长" in page, "<b>" in page
    (True, True, False)
    """

    def __init__(self, stream: TextIO, title: str = "pressmine: claims") -> None:
        self._stream = stream
        self._index: list[tuple[int, str, int, str | None]] = []  # number, path, claims, problem
        self._number = 0  # of the document being written
        self._claims = 0  # of this document so far
        self._offset = 0  # where the current part's text starts in its document
        self._rows: tempfile.SpooledTemporaryFile[str] | None = None
        legend = " ".join(f'<span class="claim k-{k}">{label}</span>' for k, label in KINDS.items())
        stream.write(
            "<!DOCTYPE html>\n"
            '<html lang="zh">\n<head>\n<meta charset="utf-8">\n'
            f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{_esc(title)}</title>\n<style>\n{_STYLE}</style>\n</head>\n<body>\n"
            f'<header>\n<h1>{_esc(title)}</h1>\n<p><a href="#index">Documents</a> · '
            f"Tab goes from claim to claim; Enter goes to its row. {legend}</p>\n</header>\n"
            "<main>\n"
        )

    def write_part(self, part: _Part) -> None:
        """Write a part of a document (`pressmine.batch.runner.Sink`)."""
        out: list[str] = []
        if part.first:
            self._open(part, out)
        rows: list[str] = []
        if part.text is not None:
            out.append(self._marked(part.text, part.claims, rows))
            self._offset += len(part.text)
        else:
            rows.extend(self._row(claim, None) for claim in part.claims)
        assert self._rows is not None
        self._rows.write("".join(rows))
        if part.last:
            self._close_document(part, out)
        self._stream.write("".join(out))
        self._stream.flush()

    def close(self) -> None:
        """The index of documents, and the end of the page."""
        claims = sum(count for _, _, count, _ in self._index)
        failed = sum(1 for *_, problem in self._index if problem is not None)
        items = []
        for number, path, count, problem in self._index:
            note = f"error: {problem}" if problem is not None else f"{count} claims"
            css = ' class="failed"' if problem is not None else ""
            items.append(
                f'<li{css}><a href="#d{number}">{_esc(path)}</a> <small>{_esc(note)}</small></li>'
            )
        summary = f"{len(self._index)} documents, {claims} claims, {failed} errors"
        self._stream.write(
            f'</main>\n<nav id="index" aria-label="Documents">\n<h2>Documents</h2>\n'
            f"<p>{summary}</p>\n<ol>\n" + "\n".join(items) + "\n</ol>\n</nav>\n</body>\n</html>\n"
        )
        self._stream.flush()
        if self._rows is not None:
            self._rows.close()

    def _open(self, part: _Part, out: list[str]) -> None:
        self._number += 1
        self._claims = 0
        self._offset = 0
        # A document's table comes after its text, which may come in blocks: its rows wait
        # here, in memory up to 1 MB (closed by _close_document or close()).
        self._rows = tempfile.SpooledTemporaryFile(1 << 20, "w+", encoding="utf-8")  # noqa: SIM115
        n = self._number
        out.append(
            f'<section class="doc" id="d{n}" aria-labelledby="d{n}-h">\n'
            f'<h2 id="d{n}-h">{_esc(part.path)}</h2>\n'
        )
        day = getattr(part, "doc_date", None)  # on parts once the calendar work lands
        if isinstance(day, date):
            out.append(f'<p class="meta">document date: {day.isoformat()}</p>\n')
        out.append('<div class="text" lang="zh">')

    def _close_document(self, part: _Part, out: list[str]) -> None:
        n = self._number
        assert self._rows is not None
        self._rows.seek(0)
        rows = self._rows.read()
        self._rows.close()
        self._rows = None
        header = "".join(f"<th>{name}</th>" for name in _COLUMNS)
        out.append("</div>\n")
        if part.problem is not None:  # a document's problem comes with its last part
            out.append(f'<p class="problem" role="alert">Error: {_esc(part.problem)}</p>\n')
        out.append(
            f'<table class="claims" aria-label="Claims of {_esc(part.path)}">\n'
            f"<caption>{self._claims} claims</caption>\n<thead><tr>{header}</tr></thead>\n"
            f"<tbody>\n{rows}</tbody>\n</table>\n</section>\n"
        )
        self._index.append((n, part.path, self._claims, part.problem))

    def _marked(self, text: str, claims: Iterable[Claim], rows: list[str]) -> str:
        """The part's text, escaped, with each claim in its highlight."""
        out = []
        at = 0
        for claim in claims:
            start, end = claim.start - self._offset, claim.end - self._offset
            if start < at or end > len(text):  # overlapping or outside: a row, no highlight
                rows.append(self._row(claim, None))
                continue
            out.append(_esc(text[at:start]))
            out.append(self._highlight(claim, text[start:end], rows))
            at = end
        out.append(_esc(text[at:]))
        return "".join(out)

    def _highlight(self, claim: Claim, span: str, rows: list[str]) -> str:
        self._claims += 1
        ids = f"d{self._number}-c{self._claims}"
        rows.append(self._row(claim, ids))
        tip = "\n".join(f"{name}: {value or '–'}" for name, value in _details(claim))
        return (
            f'<a class="claim k-{kind(claim)}" id="{ids}" href="#{ids}-row" '
            f'data-start="{claim.start}" data-end="{claim.end}" data-tip="{_esc(tip)}" '
            f'aria-describedby="{ids}-row">{_esc(span)}</a>'
        )

    def _row(self, claim: Claim, ids: str | None) -> str:
        if ids is None:  # not highlighted: numbered apart, so that highlights and rows agree
            self._claims += 1
            first = "–"
            row_id = ""
        else:
            first = f'<a href="#{ids}">{self._claims}</a>'
            row_id = f' id="{ids}-row"'
        cells = "".join(f"<td>{_esc(value)}</td>" for _, value in _details(claim))
        return (
            f'<tr{row_id}><td>{first}</td><td class="k-{kind(claim)}">{_esc(claim.text)}</td>'
            f"{cells}</tr>\n"
        )


_COLUMNS = (
    *("#", "text", "value", "unit", "subject", "qualifier", "change"),
    *("period", "rule"),
)


def _details(claim: Claim) -> list[tuple[str, str]]:
    """What the tip and the table show of a claim, after its text: (name, value) pairs."""
    value = plain(claim.value)
    if claim.value_max is not None:
        value += f"–{plain(claim.value_max)}"
    n = claim.normalized
    if n is not None and n.unit and n.value != claim.value:  # 3万千瓦 = 30,000,000 W
        value += f" (= {plain(n.value)} {n.unit})"
    change = {"increase": "↑ increase", "decrease": "↓ decrease"}.get(claim.change or "", "")
    if claim.basis:
        change = f"{change} {claim.basis}".strip()
    period = claim.period or ""
    bounds = [getattr(claim, name, None) for name in ("period_start", "period_end")]
    if any(isinstance(day, date) for day in bounds):  # once claims have them
        period += " (" + " – ".join(str(day or "…") for day in bounds) + ")"
    return [
        ("value", value),
        ("unit", claim.unit),
        ("subject", claim.subject or ""),
        ("qualifier", "" if claim.qualifier == "exact" else claim.qualifier),
        ("change", change),
        ("period", period.strip()),
        ("rule", claim.rule),
    ]


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


_STYLE = resources.files(__package__).joinpath("view.css").read_text(encoding="utf-8")
