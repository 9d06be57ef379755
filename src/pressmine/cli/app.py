"""The command line: `pressmine extract PATH...` and `pressmine --version`.

Data goes to stdout (or `-o FILE`, or `--db`) only; progress, notes and errors go to stderr.
Library errors (`PressmineError`) are turned into `Error: …` lines and exit codes here and
nowhere else. What is drawn on a terminal (the claims table, the progress bar, the summary and
message lines) is terminal.py's, which rich stays in.

Options that more than one command can use are `Annotated` aliases (`FormatOption`,
`OutputOption`, `QuietOption`); `open_output()` opens what the first two name.
"""

from __future__ import annotations

import codecs
import contextlib
import io
import os
import sys
import time
from collections.abc import Callable, Iterator
from itertools import chain
from pathlib import Path
from typing import Annotated, BinaryIO, TextIO

import typer

from pressmine import __version__
from pressmine.batch import inputs, tasks
from pressmine.batch.runner import STDOUT_CLOSED, Run
from pressmine.cli.terminal import Screen, TableWriter, format_number, is_tty, packs_table, report
from pressmine.errors import PressmineError
from pressmine.io.db import ClaimStore
from pressmine.io.output import AtomicFile, ClaimWriter, Format
from pressmine.packs.model import PackSet
from pressmine.text.documents import DEFAULT_GLOBS, STDIN, iter_inputs, paths_from

EXIT_CODES = (
    "Exit codes: 0 success (also when no claim is found); "
    "1 an input could not be read or decoded, or a pattern pack is invalid "
    "(the other inputs' claims are still written); 2 usage error; "
    "130 interrupted by Ctrl-C (what was finished is written, but -o FILE is left as it was)."
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

# --- options that commands share ------------------------------------------------------------

FormatOption = Annotated[
    Format,
    typer.Option(
        "--format",
        "-f",
        help="auto: a table on a terminal, else JSON (with -o, by the file's extension: "
        ".csv, .jsonl, else JSON); json: one array; jsonl: one object a line; csv; table.",
        case_sensitive=False,
    ),
]
OutputOption = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        help="Write to FILE instead of stdout, atomically: FILE is replaced when the run ends, "
        "never left half-written.",
        metavar="FILE",
        dir_okay=False,
        show_default=False,
    ),
]
QuietOption = Annotated[
    bool,
    typer.Option("--quiet", "-q", help="No progress bar, summary or notes on stderr; errors only."),
]

PacksOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--packs",
        help="A folder (or .toml file) of extra pattern packs; repeatable. $PRESSMINE_PACKS "
        "adds more (folders separated by ':').",
        metavar="DIR",
        show_default=False,
    ),
]
OnlyOption = Annotated[
    list[str] | None,
    typer.Option(
        "--only",
        help="Use only these packs (by name; repeatable). core is always on.",
        metavar="NAME",
        show_default=False,
    ),
]
ExcludeOption = Annotated[
    list[str] | None,
    typer.Option(
        "--exclude",
        help="Leave these packs out (by name; repeatable).",
        metavar="NAME",
        show_default=False,
    ),
]


_SUFFIX_FORMATS = {".csv": Format.csv, ".jsonl": Format.jsonl, ".ndjson": Format.jsonl}


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


# --- extract --------------------------------------------------------------------------------


@app.command(epilog=EXIT_CODES)
def extract(
    ctx: typer.Context,
    paths: Annotated[
        list[str] | None,
        typer.Argument(
            help="Files, folders (the files inside that match --glob, recursively) or - for "
            "stdin. .html/.htm files are read as HTML. Encodings: UTF-8 (with or without BOM), "
            "UTF-16 with BOM, GB18030, Big5.",
            metavar="PATH",
            show_default=False,
        ),
    ] = None,
    fmt: FormatOption = Format.auto,
    output: OutputOption = None,
    excel: Annotated[
        bool, typer.Option("--excel", help="CSV that Excel opens as UTF-8 (a BOM, CRLF).")
    ] = False,
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
    globs: Annotated[
        list[str] | None,
        typer.Option(
            "--glob",
            "-g",
            help="Which files of a folder to read; repeatable [default: *.txt].",
            metavar="PATTERN",
            show_default=False,
        ),
    ] = None,
    files_from: Annotated[
        str | None,
        typer.Option(
            "--files-from",
            help="Also read the paths listed in LIST, one a line (- for stdin).",
            metavar="LIST",
            show_default=False,
        ),
    ] = None,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs",
            "-j",
            help="Worker processes [default: the number of CPUs].",
            min=1,
            show_default=False,
        ),
    ] = None,
    fail_fast: Annotated[
        bool, typer.Option("--fail-fast", help="Stop at the first input that cannot be read.")
    ] = False,
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
    fmt = _resolve_format(fmt, output, excel, db)
    globs = globs or list(DEFAULT_GLOBS)
    with _listed(files_from) as listed:
        try:
            loaded = _load_packs(packs, only, exclude)
            tasks.warm_up(tasks.Context(loaded))  # jieba and OpenCC too, before workers start
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
        options = (jobs or _cpus(), quiet, fail_fast)
        code = _run(items, (fmt, output, excel), db, loaded, options, screen, started)
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
        return _SUFFIX_FORMATS.get(output.suffix.lower(), Format.json)
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
        message = f"{files_from}: {_problem(err)}"
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
) -> int:
    """Open the output and the database, run the batch, close them; return the exit code."""
    fmt, output, excel = out
    jobs, quiet, fail_fast = run_options
    with contextlib.ExitStack() as stack:
        try:
            sink, atomic = open_output(fmt, output, excel, stack, screen)
        except OSError as err:
            report("Error:", f"{output}: {_problem(err)}")
            return 1
        try:
            store = ClaimStore(str(db)) if db is not None else None
        except PressmineError as err:
            report("Error:", str(err))
            return 1
        # JSON and CSV are rendered by the workers, in parallel (the store needs the claims).
        render = None
        if isinstance(sink, ClaimWriter) and store is None:
            render = tasks.Render(sink.format, sink.excel)
        outcome = Run(sink, store, screen, packs, quiet, fail_fast, render).main(items, jobs)
        if outcome.code == STDOUT_CLOSED:
            return _stdout_closed()
        if atomic is not None and not outcome.interrupted:
            atomic.commit()  # else leaving the stack removes the temporary file
    kept = str(output) if output is not None and outcome.interrupted else None
    screen.summary(outcome, time.monotonic() - started, kept)
    return outcome.code


def open_output(
    fmt: Format | None,
    output: Path | None,
    excel: bool,
    stack: contextlib.ExitStack,
    screen: Screen | None = None,
) -> tuple[ClaimWriter | TableWriter | None, AtomicFile | None]:
    """The writer for `fmt` (None: nothing to write), to stdout or to an `AtomicFile` that is
    returned for the caller to commit (leaving `stack` removes it if not committed). A table
    on the terminal is drawn through `screen`, so as not to tear its progress bar."""
    if fmt is None:
        return None, None
    atomic = None
    if output is None:
        stream = _utf8(sys.stdout)
    else:
        atomic = stack.enter_context(AtomicFile(str(output), "" if fmt is Format.csv else None))
        stream = atomic.stream
    if fmt is Format.table:
        return TableWriter(stream, screen), atomic
    return ClaimWriter(stream, fmt, excel), atomic


def _stdout_closed() -> int:
    # `pressmine extract … | head`: the reader is gone. Stop quietly, as cat does, with stdout
    # pointed at /dev/null so that Python's last flush does not complain either.
    with contextlib.suppress(OSError, ValueError, io.UnsupportedOperation):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return STDOUT_CLOSED


def _problem(err: OSError) -> str:
    text = err.strerror or str(err)
    return text[:1].lower() + text[1:]


def _cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))  # the CPUs this process may use (containers)
    except AttributeError:
        return os.cpu_count() or 1


def _utf8(stream: TextIO) -> TextIO:
    """stdout as UTF-8 whatever the locale: JSON is UTF-8, and claims are Chinese."""
    if isinstance(stream, io.TextIOWrapper) and codecs.lookup(stream.encoding).name != "utf-8":
        stream.reconfigure(encoding="utf-8")
    return stream


def _load_packs(
    extra: list[Path] | None, only: list[str] | None, exclude: list[str] | None
) -> PackSet:
    """The packs the options name, after those of $PRESSMINE_PACKS (folders separated by the
    system's path separator, `:`), with $PRESSMINE_REGEX_TIMEOUT's limit for their patterns.
    The command line reads these variables; the library takes arguments only."""
    from pressmine.packs.loader import load_packs
    from pressmine.regex.guard import DEFAULT_SECONDS

    env = [Path(p) for p in os.environ.get("PRESSMINE_PACKS", "").split(os.pathsep) if p]
    timeout = os.environ.get("PRESSMINE_REGEX_TIMEOUT", "").strip()
    try:
        seconds = float(timeout) if timeout else DEFAULT_SECONDS
    except ValueError:
        problem = f"not a number of seconds: {timeout!r}"
        raise PressmineError(f"PRESSMINE_REGEX_TIMEOUT: {problem}") from None
    return load_packs(
        [*env, *(extra or ())], only=only or None, exclude=exclude or (), regex_timeout=seconds
    )


def _packs(extra: list[Path] | None, only: list[str] | None, exclude: list[str] | None) -> PackSet:
    """Load the packs the options name; a broken pack is one Error: line and exit 1."""
    try:
        return _load_packs(extra, only, exclude)
    except PressmineError as err:
        report("Error:", str(err))
        raise typer.Exit(1) from None


packs_app = typer.Typer(
    help="List, check and show the pattern packs (patterns/*.toml and your own).",
    epilog=EXIT_CODES,
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(packs_app, name="packs")


@packs_app.command("list", epilog=EXIT_CODES)
def packs_list(
    packs: PacksOption = None, only: OnlyOption = None, exclude: ExcludeOption = None
) -> None:
    """Every pack: name, rules, embedded examples and the file it comes from."""
    packs_table(_packs(packs, only, exclude))


@packs_app.command("check", epilog=EXIT_CODES)
def packs_check(
    dirs: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Folders or .toml files of packs to check with the built-in ones.",
            show_default=False,
        ),
    ] = None,
    quiet: QuietOption = False,
) -> None:
    """Validate the packs and run every example embedded in their rules; exit 1 on a failure."""
    from pressmine.cli.examples import run_examples

    loaded = _packs(dirs, None, None)
    results = list(run_examples(loaded))
    failed = [r for r in results if r.problem]
    for r in failed:
        typer.echo(f"FAIL {r.id} ({r.rule.path}): {r.example.text}: {r.problem}")
    n_rules = len({r.rule.name for r in results})
    typer.echo(
        f"{len(loaded.packs)} packs, {n_rules} rules with examples, {len(results)} "
        f"examples: {len(results) - len(failed)} passed, {len(failed)} failed"
    )
    if failed:
        raise typer.Exit(1)


@packs_app.command("show", epilog=EXIT_CODES)
def packs_show(
    name: Annotated[str, typer.Argument(help="The pack's name (see `pressmine packs list`).")],
    packs: PacksOption = None,
) -> None:
    """One pack: where it comes from, and each rule with its pattern and examples."""
    loaded = _packs(packs, None, None)
    pack = next((p for p in loaded.packs if p.name == name), None)
    if pack is None:
        have = ", ".join(p.name for p in loaded.packs)
        report("Error:", f"no pack named '{name}' (have: {have})")
        raise typer.Exit(1)
    out = _echo()
    out(f"{pack.name}: {pack.description}")
    out(f"source: {pack.path}")
    if pack.when is not None:
        out(f"applies to texts matching: {pack.when.pattern}")
    for r in pack.rules:
        out(f"\nrule {r.id} (priority {r.priority}{'' if r.claim else ', quantities only'})")
        out(_rule_pattern(r))
        for ex in r.examples:
            want = ", ".join(f"{k}={v}" for k, v in ex.expect.items())
            out(f"  example: {ex.text}  ->  {want}")


def _echo() -> Callable[[str], None]:
    """Plain lines on stdout, in UTF-8 whatever the locale."""
    _utf8(sys.stdout)
    return typer.echo


def _rule_pattern(rule) -> str:
    return "  pattern: " + " ".join(rule.written.split())


@app.command(epilog=EXIT_CODES)
def explain(
    sentence: Annotated[str, typer.Argument(help="A sentence (or - to read stdin).")],
    packs: PacksOption = None,
    only: OnlyOption = None,
    exclude: ExcludeOption = None,
) -> None:
    """Show how a sentence is read: normalised text, words, every number with the rule that
    found it or why it is not a claim, and the claims. The tool for writing packs."""
    from pressmine.cli.explain import explain as explain_text

    loaded = _packs(packs, only, exclude)
    text = sys.stdin.read() if sentence == "-" else sentence
    e = explain_text(text, loaded)
    out = _echo()
    out(f"text:        {e.original}")
    out(f"normalised:  {e.normalized}")
    out(f"words:       {' / '.join(e.words)}")
    out("numbers:")
    if not e.candidates:
        out("  (none)")
    for c in e.candidates:
        value = format_number(c.value) + (
            f"..{format_number(c.value_max)}" if c.value_max is not None else ""
        )
        out(
            f"  [{c.start}:{c.end}] {c.text}  = {value} {c.unit or '(no unit)'} "
            f"{c.qualifier}  {c.rule}  -> {c.verdict}"
        )
    out("claims:")
    if not e.claims:
        out("  (none)")
    for c in e.claims:
        extra = ", ".join(
            f"{k}={v}"
            for k, v in (("change", c.change), ("basis", c.basis), ("period", c.period))
            if v
        )
        out(
            f"  {c.text}: {format_number(c.value)} {c.unit or '(no unit)'} [{c.qualifier}] "
            f"subject={c.subject}" + (f"; {extra}" if extra else "") + f"  ({c.rule})"
        )


def main() -> None:
    """Entry point of the `pressmine` console script and of `python -m pressmine`."""
    app()
