"""The command line: `pressmine extract`, `explain`, `compare`, `packs list|check|show` and
`--version`.

Data goes to stdout (or `-o FILE`, or `--db`) only; progress, notes and errors go to stderr.
Library errors (`PressmineError`) are turned into `Error: …` lines and exit codes in cli/ and
nowhere else. Each command lives in a module of its own (extract.py, explain.py, packs.py,
compare.py); what they share is common.py's; what is drawn on a terminal is terminal.py's,
table.py's and compare_table.py's, which rich stays in. Only cli/ reads the environment
variables meant for the command line ($PRESSMINE_PACKS, $PRESSMINE_REGEX_TIMEOUT) and hands
what they say to the library.
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from pressmine import __version__
from pressmine.batch.runner import STDOUT_CLOSED
from pressmine.cli import compare, explain, extract
from pressmine.cli.common import EXIT_CODES
from pressmine.cli.extract import silence_stdout
from pressmine.cli.packs import packs_app
from pressmine.cli.terminal import report
from pressmine.text.documents import os_problem

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


app.command("extract", epilog=EXIT_CODES)(extract.command)
app.add_typer(packs_app, name="packs")
app.command("explain", epilog=EXIT_CODES)(explain.command)
app.command("compare", epilog=compare.EXIT_CODES)(compare.command)


def main() -> None:
    """Entry point of the `pressmine` console script and of `python -m pressmine`. No
    traceback reaches a user: what no command caught is one `Error:` line and exit code 1."""
    try:
        try:
            app()
        finally:
            # Flushed here, not as Python exits: a failure then (a full disk) would print
            # "Exception ignored…" and exit 120.
            sys.stdout.flush()
    except BrokenPipeError:  # `| head`: the reader is gone; quiet, as cat is
        silence_stdout()
        raise SystemExit(STDOUT_CLOSED) from None
    except OSError as err:  # writing stdout (the files pressmine opens name themselves)
        silence_stdout()
        report("Error:", f"{err.filename or 'stdout'}: {os_problem(err)}")
        raise SystemExit(1) from None
    except Exception as err:  # a bug
        problem = f"{type(err).__name__}: {err}"
        report("Error:", f"pressmine failed ({problem}); please report it, with the command run")
        raise SystemExit(1) from None
