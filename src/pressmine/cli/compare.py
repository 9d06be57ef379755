"""`pressmine compare PATH...` and `pressmine compare --db FILE`: which figures the documents
share, which conflict, which only one reports (a table, JSON, JSONL or CSV).

The documents are read and their claims found as `extract` does (worker processes, the same
`Error:` lines for a document that cannot be read, whose claims are then left out of the
comparison), or read from a database `extract --db` wrote. The comparison needs every
document, so nothing is written until all are in: Ctrl-C writes nothing.
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated, TextIO

import typer

from pressmine.batch import inputs, tasks
from pressmine.batch.runner import Run
from pressmine.claim import Claim
from pressmine.cli import common
from pressmine.cli.common import (
    SUFFIX_FORMATS,
    DateOption,
    DatesOption,
    ExcelOption,
    ExcludeOption,
    GlobOption,
    JobsOption,
    OnlyOption,
    OutputOption,
    PacksOption,
    QuietOption,
    cpus,
    given_dates,
    os_problem,
    packs_or_exit,
)
from pressmine.cli.terminal import Screen, is_tty, report
from pressmine.compare import Group, compare
from pressmine.compare.render import write_groups
from pressmine.compare.stored import stored_claims
from pressmine.errors import PressmineError
from pressmine.io.output import AtomicFile, Format
from pressmine.packs.model import PackSet
from pressmine.text.docdate import DateTable
from pressmine.text.documents import DEFAULT_GLOBS, iter_inputs

EXIT_CODES = (
    "Exit codes: 0 success (also when nothing is shared); 1 a document could not be read "
    "(the others are compared), the database cannot be read or holds no matching document, "
    "or a pattern pack is invalid; 2 usage error; 130 interrupted by Ctrl-C (nothing written)."
)


class GroupFormat(StrEnum):
    """What compare writes: the formats of `Format` that hold groups."""

    auto = "auto"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    table = "table"


def command(
    ctx: typer.Context,
    paths: Annotated[
        list[str] | None,
        typer.Argument(
            help="Documents to compare: files, folders (the files inside that match --glob, "
            "recursively) or - for stdin, read as `pressmine extract` reads them.",
            metavar="PATH",
            show_default=False,
        ),
    ] = None,
    chosen: Annotated[
        GroupFormat,
        typer.Option(
            "--format",
            "-f",
            help="auto: a table on a terminal, else JSON (with -o, by the file's extension: "
            ".csv, .jsonl, else JSON); json: one array, a group a line; jsonl: one group a "
            "line; csv: one row per claim; table.",
            case_sensitive=False,
        ),
    ] = GroupFormat.auto,
    output: OutputOption = None,
    excel: ExcelOption = False,
    db: Annotated[
        Path | None,
        typer.Option(
            "--db",
            help="Compare the documents stored in this SQLite file by `pressmine extract --db` "
            "instead of reading PATHs.",
            metavar="FILE",
            dir_okay=False,
            show_default=False,
        ),
    ] = None,
    doc_like: Annotated[
        str | None,
        typer.Option(
            "--doc-like",
            help="With --db: only the documents whose path matches this SQL LIKE pattern "
            "(% any text, _ one character), e.g. '%2025-01%'.",
            metavar="PATTERN",
            show_default=False,
        ),
    ] = None,
    globs: GlobOption = None,
    jobs: JobsOption = None,
    day: DateOption = None,
    dates_file: DatesOption = None,
    quiet: QuietOption = False,
    packs: PacksOption = None,
    only: OnlyOption = None,
    exclude: ExcludeOption = None,
) -> None:
    """Group the documents' figures: those they agree on, those in conflict, those only one
    reports (table, JSON, JSONL or CSV)."""
    started = time.monotonic()
    if db is None and not paths:
        ctx.fail("Missing argument 'PATH...' (or --db FILE).")
    if db is not None and paths:
        ctx.fail("Give PATHs or --db FILE, not both.")
    if doc_like is not None and db is None:
        ctx.fail("--doc-like picks documents of --db FILE.")
    if db is not None and (day is not None or dates_file is not None):
        ctx.fail("--date and --dates date the PATHs read; --db FILE holds its documents' dates.")
    if output == Path("-"):
        output = None  # -o - is stdout, as everywhere else
    fmt = _format(ctx, chosen, excel, output)
    given = given_dates(day, dates_file)
    loaded = packs_or_exit(packs, only, exclude)
    screen = Screen(enabled=not quiet and is_tty(sys.stderr))
    with contextlib.ExitStack() as stack:
        # Opened first, so that an output that cannot be written fails before the work; left
        # as it was (the temporary file removed) when the run ends early.
        try:
            stream, atomic = _open(output, fmt, stack)
        except OSError as err:
            report("Error:", f"{output or 'stdout'}: {os_problem(err)}")
            raise typer.Exit(1) from None
        if db is not None:
            claims, code = _stored(db, doc_like), 0
        else:
            claims, code = _extracted(
                paths or [], globs, loaded, jobs, quiet, screen, started, given
            )
        _write(compare(claims, loaded), fmt, stream, excel)
        if atomic is not None:
            atomic.commit()
    raise typer.Exit(code)


def _format(ctx: typer.Context, chosen: GroupFormat, excel: bool, output: Path | None) -> Format:
    """What to write: the format chosen, or else CSV for --excel, the format -o's name says,
    a table at a terminal, JSON; a usage error when that is no format of groups."""
    fmt = Format(chosen.value)
    if excel and fmt not in (Format.auto, Format.csv):
        ctx.fail(f"--excel writes CSV; it does not go with --format {fmt}.")
    if fmt is Format.auto and excel:
        fmt = Format.csv
    elif fmt is Format.auto and output is not None:
        fmt = SUFFIX_FORMATS.get(output.suffix.lower(), Format.json)
    elif fmt is Format.auto:
        fmt = Format.table if is_tty(sys.stdout) else Format.json
    if fmt.value not in GroupFormat.__members__:
        ctx.fail(f"compare writes json, jsonl, csv or a table, not {fmt} (-o {output}).")
    return fmt


def _stored(db: Path, doc_like: str | None) -> list[Claim]:
    try:
        claims = stored_claims(str(db), doc_like)
    except PressmineError as err:
        report("Error:", str(err))
        raise typer.Exit(1) from None
    if not claims:
        which = "no document" if doc_like is None else f"no document matching {doc_like!r}"
        report("Error:", f"{db}: {which} with claims")
        raise typer.Exit(1)
    return claims


class _Claims:
    """A `runner.Sink` that keeps the claims of every document, for the comparison."""

    def __init__(self) -> None:
        self.claims: list[Claim] = []

    def write_part(self, part: tasks.Part) -> None:
        self.claims.extend(part.claims)

    def close(self) -> None:
        pass


def _extracted(
    paths: list[str],
    globs: list[str] | None,
    packs: PackSet,
    jobs: int | None,
    quiet: bool,
    screen: Screen,
    started: float,
    given: tuple[date | None, DateTable | None],
) -> tuple[list[Claim], int]:
    """The claims of the documents, found as `extract` finds them; and the exit code so far."""
    globs = globs or list(DEFAULT_GLOBS)
    try:
        tasks.warm_up(tasks.Context(packs))  # jieba and OpenCC too, before workers start
    except KeyboardInterrupt:
        raise typer.Exit(130) from None
    items = inputs.plan(iter_inputs(paths, globs), sys.stdin.buffer)
    screen.count_later(paths, None, globs)
    sink = _Claims()
    day, dates = given
    run = Run(sink, None, screen, packs, quiet, date=day, dates=dates)
    outcome = run.main(items, jobs or cpus())
    screen.summary(outcome, time.monotonic() - started)
    if outcome.interrupted:
        raise typer.Exit(outcome.code)
    return sink.claims, outcome.code


def _open(
    output: Path | None, fmt: Format, stack: contextlib.ExitStack
) -> tuple[TextIO, AtomicFile | None]:
    """stdout, or an `AtomicFile` for `output` that leaving `stack` removes unless committed."""
    if output is None:
        return common.utf8(sys.stdout), None
    atomic = stack.enter_context(AtomicFile(str(output), "" if fmt is Format.csv else None))
    return atomic.stream, atomic


def _write(groups: list[Group], fmt: Format, stream: TextIO, excel: bool) -> None:
    try:
        if fmt is Format.table:
            from pressmine.cli.compare_table import draw_groups

            draw_groups(groups, stream)
        else:
            write_groups(groups, stream, fmt, excel)
    except BrokenPipeError:  # `| head`: the reader is gone; stop quietly, as cat does
        with contextlib.suppress(OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise typer.Exit(141) from None
