"""`pressmine packs list|check|show`: the pattern packs, for the people who write them."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from pressmine.cli.common import (
    EXIT_CODES,
    ExcludeOption,
    OnlyOption,
    PacksOption,
    QuietOption,
    echo,
    packs_or_exit,
)
from pressmine.cli.table import packs_table
from pressmine.cli.terminal import report
from pressmine.packs.model import Rule

packs_app = typer.Typer(
    help="List, check and show the pattern packs (patterns/*.toml and your own).",
    epilog=EXIT_CODES,
    no_args_is_help=True,
    rich_markup_mode=None,
)


@packs_app.command("list", epilog=EXIT_CODES)
def packs_list(
    packs: PacksOption = None, only: OnlyOption = None, exclude: ExcludeOption = None
) -> None:
    """Every pack: name, rules, embedded examples and the file it comes from."""
    packs_table(packs_or_exit(packs, only, exclude))


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

    loaded = packs_or_exit(dirs, None, None)
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
    loaded = packs_or_exit(packs, None, None)
    pack = next((p for p in loaded.packs if p.name == name), None)
    if pack is None:
        have = ", ".join(p.name for p in loaded.packs)
        report("Error:", f"no pack named '{name}' (have: {have})")
        raise typer.Exit(1)
    out = echo()
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


def _rule_pattern(rule: Rule) -> str:
    return "  pattern: " + " ".join(rule.written.split())
