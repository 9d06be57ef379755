"""The command line: `pressmine extract PATH... [--format json|jsonl]` and `pressmine --version`.

Data goes to stdout only; notes and errors go to stderr, one plain line each. Library errors
(`PressmineError`) are turned into `Error: …` lines and exit codes here and nowhere else.
"""

from __future__ import annotations

import codecs
import io
import sys
from dataclasses import replace
from typing import Annotated, TextIO

import typer
from rich.console import Console
from rich.text import Text

from pressmine import __version__
from pressmine.decode import encoding_label
from pressmine.documents import Document, iter_documents
from pressmine.errors import PressmineError
from pressmine.output import ClaimWriter, Format

EXIT_CODES = (
    "Exit codes: 0 success (also when no claim is found); "
    "1 an input could not be read or decoded, or a pattern pack is invalid "
    "(the other inputs' claims are still written); 2 usage error."
)

app = typer.Typer(
    name="pressmine",
    help="Extract numeric claims (number, unit, subject) from Chinese press releases.",
    epilog=EXIT_CODES,
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,  # plain help and usage errors, like the rest of stderr
    pretty_exceptions_enable=False,  # a bug shows Python's plain traceback, fit for a bug report
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"pressmine {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """Holds the --version option; the group's help text is the Typer's."""


@app.command(epilog=EXIT_CODES)
def extract(
    paths: Annotated[
        list[str],
        typer.Argument(
            help="Text files, folders (every *.txt inside, recursively) or - for stdin. "
            "Encodings: UTF-8 (with or without BOM), UTF-16 with BOM, GB18030, Big5.",
            metavar="PATH",
            show_default=False,
        ),
    ],
    fmt: Annotated[
        Format,
        typer.Option(
            "--format",
            "-f",
            help="json: one JSON array; jsonl: one claim object a line.",
            case_sensitive=False,
        ),
    ] = Format.json,
) -> None:
    """Write the claims found in each document to stdout (JSON or JSONL)."""
    # Imported here so that `--help` and `--version` need not load the extractor and jieba.
    from pressmine import extract as extract_claims

    failed = False
    try:
        with ClaimWriter(_utf8(sys.stdout), fmt) as writer:
            for item in iter_documents(paths):
                if isinstance(item, PressmineError):
                    _report("Error:", str(item))
                    failed = True
                    continue
                _note_encoding(item)
                writer.write(replace(claim, doc=item.path) for claim in extract_claims(item.text))
    except PressmineError as err:  # from extract: a bad pattern pack fails every document
        _report("Error:", str(err))
        raise typer.Exit(1) from None
    if failed:
        raise typer.Exit(1)


def _note_encoding(document: Document) -> None:
    if document.encoding != "utf-8":
        _report("Note:", f"{document.path}: decoded as {encoding_label(document.encoding)}")


def _report(label: str, message: str) -> None:
    # A Console per message (there are few) sees the stderr and environment of the moment.
    # soft_wrap keeps a long message on one line; rich drops the colour when stderr is not a
    # terminal or NO_COLOR is set. The message is plain Text, so [brackets] in a path are safe.
    console = Console(stderr=True, soft_wrap=True, highlight=False)
    style = "bold red" if label == "Error:" else "yellow"
    console.print(Text.assemble((label, style), " ", message))


def _utf8(stream: TextIO) -> TextIO:
    """stdout as UTF-8 whatever the locale: JSON is UTF-8, and claims are Chinese."""
    if isinstance(stream, io.TextIOWrapper) and codecs.lookup(stream.encoding).name != "utf-8":
        stream.reconfigure(encoding="utf-8")
    return stream


def main() -> None:
    """Entry point of the `pressmine` console script and of `python -m pressmine`."""
    app()
