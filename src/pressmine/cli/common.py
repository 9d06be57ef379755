"""What the commands share: their options (`Annotated` aliases, so that each is written once),
loading the packs the options and the environment name, and writing to stdout in UTF-8."""

from __future__ import annotations

import codecs
import io
import os
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Annotated, TextIO

import typer

from pressmine.cli.terminal import report
from pressmine.errors import PressmineError
from pressmine.io.output import Format
from pressmine.packs.model import PackSet
from pressmine.text.docdate import DateTable, parse_date, read_dates

EXIT_CODES = (
    "Exit codes: 0 success (also when no claim is found); "
    "1 an input could not be read or decoded (the other inputs' claims are still written), "
    "a pattern pack is invalid, or the output or database could not be written; "
    "2 usage error; 130 interrupted by Ctrl-C, 143 by SIGTERM (what was finished is written, "
    "but -o FILE is left as it was); 141 the reader of stdout went away."
)

# -o FILE with --format auto: the format its name says, JSON for any other name.
SUFFIX_FORMATS = {
    **{".csv": Format.csv, ".jsonl": Format.jsonl, ".ndjson": Format.jsonl},
    **{".parquet": Format.parquet, ".html": Format.html, ".htm": Format.html},
}


FormatOption = Annotated[
    Format,
    typer.Option(
        "--format",
        "-f",
        help="auto: a table on a terminal, else JSON (with -o, by the file's extension: "
        ".csv, .jsonl, .parquet, .html, else JSON); json: one array; jsonl: one object a line; "
        "csv; table; parquet (pressmine[parquet]); html: a page with the claims in their text.",
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


ExcelOption = Annotated[
    bool, typer.Option("--excel", help="CSV that Excel opens as UTF-8 (a BOM, CRLF).")
]


GlobOption = Annotated[
    list[str] | None,
    typer.Option(
        "--glob",
        "-g",
        help="Which files of a folder to read; repeatable [default: *.txt].",
        metavar="PATTERN",
        show_default=False,
    ),
]


JobsOption = Annotated[
    int | None,
    typer.Option(
        "--jobs",
        "-j",
        help="Worker processes [default: the number of CPUs].",
        min=1,
        show_default=False,
    ),
]


DateOption = Annotated[
    str | None,
    typer.Option(
        "--date",
        help="Every input's date: relative time (今年, 目前, 1-11月 with no year) is counted "
        "from it. Without it, a document's date comes from --dates, else its text (发布时间："
        "…, a date line, a dateline), a page's metadata, or a date in its file name.",
        metavar="YYYY-MM-DD",
        show_default=False,
    ),
]
DatesOption = Annotated[
    str | None,
    typer.Option(
        "--dates",
        help="A CSV or TSV file of a path and a date (YYYY-MM-DD) per row: the date of "
        "each document it lists (matched by the path as given, else by file name or stem).",
        metavar="FILE",
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


def load_packs_named(
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


def packs_or_exit(
    extra: list[Path] | None, only: list[str] | None, exclude: list[str] | None
) -> PackSet:
    """Load the packs the options name; a broken pack is one Error: line and exit 1."""
    try:
        return load_packs_named(extra, only, exclude)
    except PressmineError as err:
        report("Error:", str(err))
        raise typer.Exit(1) from None


def utf8(stream: TextIO) -> TextIO:
    """stdout as UTF-8 whatever the locale: JSON is UTF-8, and claims are Chinese."""
    if isinstance(stream, io.TextIOWrapper) and codecs.lookup(stream.encoding).name != "utf-8":
        stream.reconfigure(encoding="utf-8")
    return stream


def echo() -> Callable[[str], None]:
    """Plain lines on stdout, in UTF-8 whatever the locale."""
    utf8(sys.stdout)
    return typer.echo


def os_problem(err: OSError) -> str:
    """What went wrong, as the rest of an `Error: <path>: …` line: `no such file or directory`."""
    text = err.strerror or str(err)
    return text[:1].lower() + text[1:]


def cpus() -> int:
    """How many worker processes --jobs means by default: the CPUs this process may use."""
    try:
        return len(os.sched_getaffinity(0))  # not os.cpu_count(): containers limit the set
    except AttributeError:
        return os.cpu_count() or 1


def given_dates(day: str | None, dates_file: str | None) -> tuple[date | None, DateTable | None]:
    """--date and --dates, read; a date that is not one (2023-02-30) or a file that cannot be
    read is a usage error: one Error: line, exit 2."""
    try:
        given = parse_date(day) if day is not None else None
    except ValueError as err:
        report("Error:", f"--date: {err}")
        raise typer.Exit(2) from None
    if dates_file is None:
        return given, None
    try:
        with open(dates_file, encoding="utf-8-sig") as f:
            return given, read_dates(f.read(), dates_file)
    except OSError as err:
        report("Error:", f"--dates: {dates_file}: {os_problem(err)}")
    except (ValueError, UnicodeDecodeError) as err:
        report("Error:", f"--dates: {err}")
    raise typer.Exit(2)
