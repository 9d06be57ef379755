"""The command line: `pressmine extract PATH...` and `pressmine --version`.

Data goes to stdout (or `-o FILE`, or `--db`) only; progress, notes and errors go to stderr.
Library errors (`PressmineError`) are turned into `Error: …` lines and exit codes here and
nowhere else. This is also the only module that draws on a terminal (rich): the claims table
and the progress bar.

Options that more than one command can use are `Annotated` aliases (`FormatOption`,
`OutputOption`, `QuietOption`); `open_output()` opens what the first two name.
"""

from __future__ import annotations

import codecs
import contextlib
import io
import os
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from itertools import chain
from pathlib import Path
from typing import Annotated, Any, BinaryIO, TextIO

import typer
from rich import box
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    SpinnerColumn,
    Task,
    TextColumn,
    TimeRemainingColumn,
)
from rich.table import Table
from rich.text import Text

from pressmine import __version__, tasks
from pressmine.claim import Claim, json_number
from pressmine.db import ClaimStore
from pressmine.documents import DEFAULT_GLOBS, STDIN, count_files, iter_inputs, paths_from
from pressmine.errors import PressmineError
from pressmine.output import AtomicFile, ClaimWriter, Format
from pressmine.runner import STDOUT_CLOSED, Outcome, Run

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


def _select_packs(
    ctx: typer.Context, extra: list[Path] | None, only: list[str] | None, exclude: list[str] | None
) -> None:
    """Hand --packs/--only/--exclude to the library through its environment, so that worker
    processes, which load the packs themselves, see the same choice. Put back on exit."""
    wanted: dict[str, str] = {}
    if extra:
        old = os.environ.get("PRESSMINE_PACKS")
        wanted["PRESSMINE_PACKS"] = os.pathsep.join([*map(str, extra), *([old] if old else [])])
    if only:
        wanted["PRESSMINE_ONLY"] = ",".join(only)
    if exclude:
        wanted["PRESSMINE_EXCLUDE"] = ",".join(exclude)
    saved = {k: os.environ.get(k) for k in wanted}
    os.environ.update(wanted)

    def restore() -> None:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v

    ctx.call_on_close(restore)


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
    _select_packs(ctx, packs, only, exclude)
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
            tasks.warm_up()  # the packs checked, and loaded once here, before workers start
        except PressmineError as err:
            _report("Error:", str(err))
            raise typer.Exit(1) from None
        except KeyboardInterrupt:  # Ctrl-C before any work: nothing to write
            raise typer.Exit(130) from None
        names = chain(paths or [], paths_from(listed) if listed is not None else [])
        items = tasks.plan(iter_inputs(names, globs), sys.stdin.buffer)
        screen = _Screen(enabled=not quiet and _is_tty(sys.stderr))
        # The total needs a second reading of the list: not for stdin or a pipe.
        if files_from is None or os.path.isfile(files_from):
            screen.count_later(paths or [], files_from, globs)
        options = (jobs or _cpus(), quiet, fail_fast)
        code = _run(items, (fmt, output, excel), db, options, screen, started)
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
    return Format.table if _is_tty(sys.stdout) else Format.json


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
    run_options: tuple[int, bool, bool],
    screen: _Screen,
    started: float,
) -> int:
    """Open the output and the database, run the batch, close them; return the exit code."""
    fmt, output, excel = out
    jobs, quiet, fail_fast = run_options
    with contextlib.ExitStack() as stack:
        try:
            sink, atomic = open_output(fmt, output, excel, stack, screen)
        except OSError as err:
            _report("Error:", f"{output}: {_problem(err)}")
            return 1
        try:
            store = ClaimStore(str(db)) if db is not None else None
        except PressmineError as err:
            _report("Error:", str(err))
            return 1
        outcome = Run(sink, store, screen, quiet, fail_fast).main(items, jobs)
        if outcome.code == STDOUT_CLOSED:
            return _stdout_closed()
        if atomic is not None and not outcome.interrupted:
            atomic.commit()  # else leaving the stack removes the temporary file
    screen.summary(outcome, time.monotonic() - started)
    return outcome.code


def open_output(
    fmt: Format | None,
    output: Path | None,
    excel: bool,
    stack: contextlib.ExitStack,
    screen: _Screen | None = None,
) -> tuple[ClaimWriter | _TableWriter | None, AtomicFile | None]:
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
        return _TableWriter(stream, screen), atomic
    return ClaimWriter(stream, fmt, excel), atomic


def _stdout_closed() -> int:
    # `pressmine extract … | head`: the reader is gone. Stop quietly, as cat does, with stdout
    # pointed at /dev/null so that Python's last flush does not complain either.
    with contextlib.suppress(OSError, ValueError, io.UnsupportedOperation):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return STDOUT_CLOSED


# --- the terminal ---------------------------------------------------------------------------

_QUALIFIER_MARKS = {"over": ">", "approx": "≈", "under": "<", "at_least": "≥", "at_most": "≤"}
_CHANGE_MARKS = {"increase": ("↑", "green"), "decrease": ("↓", "red")}


class _TableWriter:
    """Claims as a table per document, for people: the text, its value, what it measures."""

    def __init__(self, stream: TextIO, screen: _Screen | None = None) -> None:
        self.console = Console(file=stream, highlight=False)
        self.screen = screen

    def write_part(self, part: tasks.Part) -> None:
        if self.screen is None:
            self._draw(part)
        else:
            self.screen.on_stdout(self._draw, part)

    def _draw(self, part: tasks.Part) -> None:
        if part.problem is not None or (not part.claims and not part.first):
            return
        title = Text("(stdin)" if part.path == STDIN else part.path, style="bold")
        if not part.first:
            title.append("  (continued)", style="dim")
        elif part.last:
            title.append(f"  {_count(len(part.claims), 'claim')}", style="dim")
        self.console.print(title)  # not the table's title: rich pads that with spaces
        if not part.claims:
            return
        table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
        # Chinese has no spaces to wrap at: long cells fold onto more lines, never cut short.
        table.add_column("text", overflow="fold", min_width=6)
        table.add_column("value", justify="right", style="bold", no_wrap=True)
        table.add_column("unit", overflow="fold", min_width=4)
        table.add_column("subject", style="cyan", overflow="fold", min_width=8)
        table.add_column("change", no_wrap=True)
        table.add_column("period", overflow="fold", min_width=6)
        for claim in part.claims:
            table.add_row(*_cells(claim))
        self.console.print(table)

    def close(self) -> None:
        self.console.file.flush()


def _cells(claim: Claim) -> tuple[str | Text, ...]:
    value = _number(claim.value)
    if claim.value_max is not None:
        value += f"–{_number(claim.value_max)}"
    mark = _QUALIFIER_MARKS.get(claim.qualifier)
    change = Text()
    if claim.change in _CHANGE_MARKS:
        arrow, colour = _CHANGE_MARKS[claim.change]
        change.append(arrow, style=colour)
        if claim.basis:
            change.append(f" {claim.basis}")
    return (
        claim.text,
        f"{mark} {value}" if mark else value,
        claim.unit,
        claim.subject or "",
        change,
        claim.period or "",
    )


def _number(value: Any) -> str:
    number = json_number(value)
    return f"{number:,}" if isinstance(number, int) else f"{number:,.10g}"


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}" + ("" if n == 1 else "s")


class _Screen:
    """stderr for people: a progress bar (when stderr is a terminal), notes and errors above
    it, and tables on stdout drawn without tearing the bar when both share the terminal."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.console = Console(stderr=True, soft_wrap=True, highlight=False)
        self._progress: Progress | None = None
        self._task: Any = None
        self._count: tuple[list[str], str | None, list[str]] | None = None

    def count_later(self, paths: list[str], listed: str | None, globs: list[str]) -> None:
        """Count the files in a thread once the bar shows, for its total and ETA. Names are
        counted, not held: a second walk costs little next to reading every file."""
        self._count = (paths, listed, globs)

    def start(self) -> None:
        if not self.enabled or self._progress is not None:
            return
        self._progress = Progress(
            SpinnerColumn(),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("files"),
            TextColumn("{task.fields[claims]:,} claims"),
            _Speed(),
            TimeRemainingColumn(),
            console=self.console,
            transient=True,  # the summary line takes its place
        )
        self._task = self._progress.add_task("extract", total=None, claims=0)
        self._progress.start()
        if self._count is not None:
            threading.Thread(target=self._counter, args=self._count, daemon=True).start()
            self._count = None

    def _counter(self, paths: list[str], listed: str | None, globs: list[str]) -> None:
        with contextlib.suppress(OSError), contextlib.ExitStack() as stack:
            names: Iterable[str] = paths
            if listed is not None:
                names = chain(paths, paths_from(stack.enter_context(open(listed, "rb"))))
            total = count_files(names, globs)
            progress = self._progress
            if progress is not None:
                progress.update(self._task, total=total)

    def advance(self, files: int, claims: int) -> None:
        if self._progress is not None:
            self._progress.update(self._task, completed=files, claims=claims)

    def report(self, label: str, message: str) -> None:
        _report(label, message, self.console)

    def on_stdout(self, draw: Callable[[Any], None], arg: Any) -> None:
        """Draw on stdout; when the bar is on the same screen, lift it off first."""
        if self._progress is None or not _is_tty(sys.stdout):
            draw(arg)
            return
        self._progress.stop()  # transient: the bar is erased
        draw(arg)
        self._progress.start()

    def stop(self) -> None:
        if self._progress is not None:
            self._progress.stop()
            self._progress = None

    def summary(self, outcome: Outcome, seconds: float) -> None:
        """The line that ends a run on a terminal: `Done: 12 files, 315 claims, 0 errors, 3.1 s`."""
        if self.enabled:
            counts = [_count(outcome.files, "file"), _count(outcome.claims, "claim")]
            counts.append(_count(outcome.errors, "error"))
            label = "Interrupted:" if outcome.interrupted else "Done:"
            self.report(label, f"{', '.join(counts)}, {seconds:.1f} s")


class _Speed(ProgressColumn):
    """Files a second (over the last 30 s)."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:,.1f} files/s" if speed else "", style="progress.data.speed")


def _report(label: str, message: str, console: Console | None = None) -> None:
    # One line each. Without the screen's console, a Console per message (there are few) sees
    # the stderr and environment of the moment. soft_wrap keeps a long message on one line;
    # rich drops the colour when stderr is not a terminal or NO_COLOR is set. The message is
    # plain Text, so [brackets] in a path are safe. With a progress bar showing, its console
    # prints above the bar.
    console = console or Console(stderr=True, soft_wrap=True, highlight=False)
    style = {"Error:": "bold red", "Note:": "yellow"}.get(label, "bold")
    console.print(Text.assemble((label, style), " ", message))


def _problem(err: OSError) -> str:
    text = err.strerror or str(err)
    return text[:1].lower() + text[1:]


def _is_tty(stream: Any) -> bool:
    # The stream itself, not FORCE_COLOR: forcing colour must not turn JSON into a table.
    try:
        return bool(stream.isatty()) and os.environ.get("TERM") != "dumb"
    except (AttributeError, ValueError):
        return False


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


def _packs(extra: list[Path] | None, only: list[str] | None, exclude: list[str] | None):
    """Load the packs the options name; a broken pack is one Error: line and exit 1."""
    from pressmine.packs import load_packs

    try:
        return load_packs(extra or (), only=only or None, exclude=exclude or ())
    except PressmineError as err:
        _report("Error:", str(err))
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
    loaded = _packs(packs, only, exclude)
    table = Table(box=box.SIMPLE_HEAD)
    for col in ("pack", "rules", "examples", "source"):
        table.add_column(col, justify="right" if col in ("rules", "examples") else "left")
    for p in loaded.packs:
        table.add_row(p.name, str(len(p.rules)), str(sum(len(r.examples) for r in p.rules)), p.path)
    Console(soft_wrap=True).print(table)


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
    from pressmine.examples import run_examples

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
        _report(
            "Error", f"no pack named '{name}' (have: {', '.join(p.name for p in loaded.packs)})"
        )
        raise typer.Exit(1)
    out = Console(soft_wrap=True, highlight=False)
    out.print(f"{pack.name}: {pack.description}", markup=False)
    out.print(f"source: {pack.path}", markup=False)
    if pack.when is not None:
        out.print(f"applies to texts matching: {pack.when.pattern}", markup=False)
    for r in pack.rules:
        out.print(
            f"\nrule {r.id} (priority {r.priority}{'' if r.claim else ', quantities only'})",
            markup=False,
        )
        out.print(_rule_pattern(r), markup=False)
        for ex in r.examples:
            want = ", ".join(f"{k}={v}" for k, v in ex.expect.items())
            out.print(f"  example: {ex.text}  ->  {want}", markup=False)


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
    from pressmine.explain import explain as explain_text

    loaded = _packs(packs, only, exclude)
    text = sys.stdin.read() if sentence == "-" else sentence
    e = explain_text(text, loaded)
    out = Console(soft_wrap=True, highlight=False)
    out.print(f"text:        {e.original}", markup=False)
    out.print(f"normalised:  {e.normalized}", markup=False)
    out.print(f"words:       {' / '.join(e.words)}", markup=False)
    out.print("numbers:", markup=False)
    if not e.candidates:
        out.print("  (none)", markup=False)
    for c in e.candidates:
        value = _number(c.value) + (f"..{_number(c.value_max)}" if c.value_max is not None else "")
        out.print(
            f"  [{c.start}:{c.end}] {c.text}  = {value} {c.unit or '(no unit)'} "
            f"{c.qualifier}  {c.rule}  -> {c.verdict}",
            markup=False,
        )
    out.print("claims:", markup=False)
    if not e.claims:
        out.print("  (none)", markup=False)
    for c in e.claims:
        extra = ", ".join(
            f"{k}={v}"
            for k, v in (("change", c.change), ("basis", c.basis), ("period", c.period))
            if v
        )
        out.print(
            f"  {c.text}: {_number(c.value)} {c.unit or '(no unit)'} [{c.qualifier}] "
            f"subject={c.subject}" + (f"; {extra}" if extra else "") + f"  ({c.rule})",
            markup=False,
        )


def main() -> None:
    """Entry point of the `pressmine` console script and of `python -m pressmine`."""
    app()
