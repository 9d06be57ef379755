"""`pressmine extract PATH...`: find the claims in each document and write them (a table, JSON,
JSONL, CSV, Parquet, an HTML view or SQLite), in worker processes or on a Dask cluster, in the
order of the inputs.

Data goes to stdout (or `-o FILE`, or `--db`) only; progress, notes and errors go to stderr.
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
import time
from collections.abc import Iterator
from datetime import date
from itertools import chain
from pathlib import Path
from typing import Annotated, BinaryIO

import typer

from pressmine.batch import inputs, tasks
from pressmine.batch.runner import STDOUT_CLOSED, Run, Sink
from pressmine.cli import common, extras
from pressmine.cli.common import (
    SUFFIX_FORMATS,
    DateOption,
    DatesOption,
    ExcelOption,
    ExcludeOption,
    FormatOption,
    GlobOption,
    JobsOption,
    OnlyOption,
    OutputOption,
    PacksOption,
    QuietOption,
    cpus,
    given_dates,
    load_packs_named,
    os_problem,
)
from pressmine.cli.table import TableWriter
from pressmine.cli.terminal import Screen, is_tty, report
from pressmine.errors import PressmineError
from pressmine.io.db import ClaimStore
from pressmine.io.output import AtomicFile, ClaimWriter, Format
from pressmine.io.view import ViewWriter
from pressmine.packs.model import PackSet
from pressmine.text.docdate import DateTable
from pressmine.text.documents import (
    DEFAULT_GLOBS,
    STDIN,
    iter_inputs,
    paths_from,
    printable,
)


def command(
    ctx: typer.Context,
    paths: Annotated[
        list[str] | None,
        typer.Argument(
            help="Files, folders (the files inside that match --glob, recursively) or - for "
            "stdin. .html/.htm files are read as HTML. Encodings: UTF-8 (with or without BOM), "
            "UTF-16 with BOM, GB18030, Big5.",
            metavar="PATH...",  # any number: as the README and the usage error say
            show_default=False,
        ),
    ] = None,
    fmt: FormatOption = Format.auto,
    output: OutputOption = None,
    excel: ExcelOption = False,
    db: Annotated[
        Path | None,
        typer.Option(
            "--db",
            help="Store documents and claims in this SQLite file (created if new); a rerun "
            "replaces a document's claims. Alone, it writes nothing to stdout.",
            metavar="FILE",
            dir_okay=False,
            show_default=False,
        ),
    ] = None,
    globs: GlobOption = None,
    files_from: Annotated[
        str | None,
        typer.Option(
            "--files-from",
            help="Also read the paths listed in LIST, one a line (- for stdin).",
            metavar="LIST",
            show_default=False,
        ),
    ] = None,
    jobs: JobsOption = None,
    dask: Annotated[
        str | None,
        typer.Option(
            "--dask",
            help="Run on a Dask cluster: local (a new one of --jobs processes) or a scheduler's "
            "address (tcp://host:8786). Needs pip install 'pressmine[dask]'.",
            metavar="SCHEDULER",
            show_default=False,
        ),
    ] = None,
    fail_fast: Annotated[
        bool, typer.Option("--fail-fast", help="Stop at the first input that cannot be read.")
    ] = False,
    day: DateOption = None,
    dates_file: DatesOption = None,
    quiet: QuietOption = False,
    packs: PacksOption = None,
    only: OnlyOption = None,
    exclude: ExcludeOption = None,
) -> None:
    """Find the claims in each document and write them (table, JSON, JSONL, CSV or SQLite)."""
    started = time.monotonic()
    if not paths and files_from is None:
        ctx.fail("Missing argument 'PATH...' (or --files-from LIST).")
    if files_from == STDIN and STDIN in (paths or []):
        ctx.fail("stdin cannot be both --files-from - and PATH -.")
    if excel and fmt not in (Format.auto, Format.csv):
        ctx.fail(f"--excel writes CSV; it does not go with --format {fmt}.")
    if output == Path(STDIN):
        output = None  # -o - is stdout, as everywhere else
    if output is not None and db is not None and _same_file(output, db):
        # Checked before anything is written: the output, renamed over it, would destroy it.
        ctx.fail(f"--db and --output name the same file: {printable(str(db))}")
    if dask not in (None, "local") and jobs is not None:
        ctx.fail("--jobs is the number of workers of --dask local; a running cluster has its own.")
    writes = _resolve_format(fmt, output, excel, db)
    if writes is Format.parquet and output is None and is_tty(sys.stdout):
        ctx.fail("Parquet is binary: write it to a file with -o FILE (or redirect stdout).")
    given = given_dates(day, dates_file)
    globs = globs or list(DEFAULT_GLOBS)
    with _listed(files_from) as listed:
        try:
            extras.require(writes, dask)
            loaded = load_packs_named(packs, only, exclude)
            if dask is None:  # jieba and OpenCC too, before workers start (Dask's load their own)
                tasks.warm_up(tasks.Context(loaded))
        except PressmineError as err:
            report("Error:", str(err))
            raise typer.Exit(1) from None
        except KeyboardInterrupt:  # Ctrl-C before any work: nothing to write
            raise typer.Exit(130) from None
        if not quiet and STDIN in (*(paths or []), files_from) and is_tty(sys.stdin):
            report("Note:", "reading stdin from the terminal: type or paste, then press Ctrl-D")
        names = chain(paths or [], paths_from(listed) if listed is not None else [])
        items = inputs.plan(iter_inputs(names, globs), sys.stdin.buffer)
        screen = Screen(enabled=not quiet and is_tty(sys.stderr))
        # The total needs a second reading of the list: not for stdin or a pipe.
        if files_from is None or os.path.isfile(files_from):
            screen.count_later(paths or [], files_from, globs)
        options = (jobs or cpus(), quiet, fail_fast)
        code = _run(
            items, (writes, output, excel), db, loaded, options, screen, started, dask, given
        )
    raise typer.Exit(code)


def _resolve_format(
    fmt: Format, output: Path | None, excel: bool, db: Path | None
) -> Format | None:
    """What to write, or None for nothing (`--db` alone)."""
    if fmt is not Format.auto:
        return fmt
    if excel:
        return Format.csv
    if output is not None:
        return SUFFIX_FORMATS.get(output.suffix.lower(), Format.json)
    if db is not None:
        return None
    return Format.table if is_tty(sys.stdout) else Format.json


@contextlib.contextmanager
def _listed(files_from: str | None) -> Iterator[BinaryIO | None]:
    """The --files-from list, open (stdin for -); a list that cannot be opened is a usage error."""
    if files_from is None:
        yield None
        return
    if files_from == STDIN:
        yield sys.stdin.buffer
        return
    try:
        f = open(files_from, "rb")  # noqa: SIM115 (the with below closes it)
    except OSError as err:
        message = f"{files_from}: {os_problem(err)}"
        raise typer.BadParameter(message, param_hint="'--files-from'") from None
    with f:
        yield f


def _run(
    items: Iterator[tasks.Task | tasks.Part],
    out: tuple[Format | None, Path | None, bool],
    db: Path | None,
    packs: PackSet,
    run_options: tuple[int, bool, bool],
    screen: Screen,
    started: float,
    dask: str | None = None,
    given: tuple[date | None, DateTable | None] = (None, None),
) -> int:
    """Open the output and the database, run the batch (on the Dask cluster `dask` names, if
    any), close them; return the exit code."""
    fmt, output, excel = out
    jobs, quiet, fail_fast = run_options
    with contextlib.ExitStack() as stack:
        try:
            sink, atomic = open_output(fmt, output, excel, stack, screen)
        except OSError as err:
            where = output or "stdout"  # JSON's "[" is written as stdout is opened
            report("Error:", f"{where}: {os_problem(err)}")  # printable: report() sees to it
            return 1
        try:
            store = ClaimStore(str(db)) if db is not None else None
        except PressmineError as err:
            report("Error:", str(err))
            return 1
        # JSON and CSV are rendered by the workers, in parallel (the store needs the claims);
        # for the HTML view they hand back the text too.
        render = None
        if isinstance(sink, ClaimWriter) and store is None:
            render = tasks.Render(sink.format, sink.excel)
        elif isinstance(sink, ViewWriter):
            render = tasks.Render(Format.html)
        try:
            engine = stack.enter_context(extras.dask_engine(dask, jobs)) if dask else None
        except PressmineError as err:
            report("Error:", str(err))
            return 1
        day, dates = given
        name = "stdout" if output is None else printable(str(output))
        run = Run(sink, store, screen, packs, quiet, fail_fast, render, name, date=day, dates=dates)
        outcome = run.main(items, jobs, engine)
        if outcome.code == STDOUT_CLOSED or (outcome.output_failed and output is None):
            silence_stdout()
            if outcome.code == STDOUT_CLOSED:
                return STDOUT_CLOSED
        if atomic is not None and not outcome.interrupted and not outcome.output_failed:
            try:
                atomic.commit()  # else leaving the stack removes the temporary file
            except OSError as err:  # a full disk may show only now, as the file is synced
                report("Error:", f"{name}: {os_problem(err)}")
                return 1
    kept = str(output) if output is not None and outcome.interrupted else None
    screen.summary(outcome, time.monotonic() - started, kept)
    return outcome.code


def open_output(
    fmt: Format | None,
    output: Path | None,
    excel: bool,
    stack: contextlib.ExitStack,
    screen: Screen | None = None,
) -> tuple[Sink | None, AtomicFile | None]:
    """The writer for `fmt` (None: nothing to write), to stdout or to an `AtomicFile` that is
    returned for the caller to commit (leaving `stack` removes it if not committed). A table
    on the terminal is drawn through `screen`, so as not to tear its progress bar."""
    if fmt is None:
        return None, None
    atomic = None
    if output is None:
        stream = common.utf8(sys.stdout)  # looked up when called: tests replace it
    else:
        atomic = stack.enter_context(AtomicFile(str(output), "" if fmt is Format.csv else None))
        stream = atomic.stream
    if fmt is Format.table:
        return TableWriter(stream, screen), atomic
    if fmt is Format.html:
        return ViewWriter(stream), atomic
    if fmt is Format.parquet:
        from pressmine.io.parquet import ParquetWriter  # pyarrow: only when asked for

        return ParquetWriter(stream.buffer), atomic
    return ClaimWriter(stream, fmt, excel), atomic


def silence_stdout() -> None:
    # `pressmine extract … | head`: the reader is gone, or the disk is full. Stop quietly (as
    # cat does; a full disk has had its one Error: line), with stdout pointed at /dev/null so
    # that Python's last flush of what is left in its buffer does not complain either.
    with contextlib.suppress(OSError, ValueError, io.UnsupportedOperation):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)  # hard links too
    except OSError:  # one of them does not exist (yet): where they would be
        return os.path.realpath(a) == os.path.realpath(b)
