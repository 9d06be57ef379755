"""Find, read and choose pattern packs (`patterns/*.toml` and the user's), and load them into
one PackSet, built once per machine (regex/store.py) for these files and this choice.

A pack is data: regex fragments, rules with named groups, a unit table, and the vocabularies
(qualifier, change, basis, not-claim, subject and period words) the extractor reads. Later
packs extend earlier ones. Every problem is a `PackError` naming the file, the rule and, where
it can be known, the line. The format is documented in README.md, "Writing a pack".
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import cache
from pathlib import Path
from typing import Any

from pressmine.errors import PackError
from pressmine.packs.build import WORD_TABLES, build
from pressmine.packs.checks import check_keys
from pressmine.packs.model import PackSet
from pressmine.regex import store
from pressmine.regex.guard import DEFAULT_SECONDS

PACK_KEYS = {
    "pack",
    "define",
    "units",
    "qualifiers",
    "change",
    "basis",
    "not_claims",
    "period",
    "rule",
    "declaration",
    "calendar",
    *WORD_TABLES,
}


@cache  # asked on every extract(), and the answer never changes
def builtin_pack_dir() -> Path:
    """The packs shipped with pressmine: inside the wheel, or the repo's patterns/ in a checkout."""
    package = Path(__file__).parents[1]  # src/pressmine, or pressmine in site-packages
    shipped = package / "patterns"
    if shipped.is_dir():
        return shipped
    return package.resolve().parents[1] / "patterns"


def pack_files(dirs: Sequence[str | Path]) -> list[Path]:
    files: list[Path] = []
    for d in dirs:
        p = Path(d)
        if p == builtin_pack_dir():
            files.extend(_builtin_files())
        elif p.is_file() and p.suffix == ".toml":
            files.append(p)
        elif p.is_dir():
            files.extend(sorted(p.glob("*.toml")))
        else:
            raise PackError(str(p), "no such pack file or directory")
    return files


@cache
def _builtin_files() -> tuple[Path, ...]:
    return tuple(sorted(builtin_pack_dir().glob("*.toml")))


def load_packs(
    extra: Sequence[str | Path] = (),
    *,
    only: Iterable[str] | None = None,
    exclude: Iterable[str] = (),
    builtin: bool = True,
    regex_timeout: float = DEFAULT_SECONDS,
) -> PackSet:
    """The built-in packs, then the packs in `extra` (folders or .toml files), in that order:
    a later pack extends the units and word lists of earlier ones. `only` keeps the packs it
    names (and core), `exclude` leaves out those it names. Each pattern of a pack from `extra`
    may run `regex_timeout` seconds on a text (0: no limit). Depends on its arguments alone
    (and the files): the command line reads $PRESSMINE_PACKS and passes it in `extra`.

    >>> packs = load_packs()
    >>> packs.units["亿元"].name if "亿元" in packs.units else packs.units["元"].name
    '元'
    """
    if builtin and not extra and not only and not exclude and regex_timeout == DEFAULT_SECONDS:
        return _builtin_packs()  # extract(text) asks for these at every call
    dirs = ([builtin_pack_dir()] if builtin else []) + [Path(p) for p in extra]
    files = tuple(str(p) for p in pack_files(dirs))
    return _load_cached(files, tuple(only or ()) or None, tuple(exclude), regex_timeout)


@cache
def _builtin_packs() -> PackSet:
    """load_packs() of the built-in packs alone, found without building paths again."""
    files = tuple(str(p) for p in _builtin_files())
    return _load_cached(files, None, (), DEFAULT_SECONDS)


@cache
def _load_cached(
    files: tuple[str, ...],
    only: tuple[str, ...] | None,
    exclude: tuple[str, ...],
    regex_timeout: float,
) -> PackSet:
    # Built once per machine for these files and this selection (regex/store.py): the packs'
    # texts are the key, so an edited pack is rebuilt, and checked, at once.
    texts = tuple(_read_text(Path(f)) for f in files)

    def build_them() -> PackSet:
        raw = [_parse(Path(f), text) for f, text in zip(files, texts, strict=True)]
        return build(_choose(raw, only, exclude), regex_timeout)

    key = repr((files, texts, only, exclude, regex_timeout))
    return store.remember("packs", key, build_them)


def _choose(
    raw: list[tuple[dict[str, Any], str]], only: tuple[str, ...] | None, exclude: tuple[str, ...]
) -> list[tuple[dict[str, Any], str]]:
    """The packs `only` and `exclude` leave (core is always kept by `only`)."""
    names = [r["pack"]["name"] for r, _ in raw]
    for wanted in (*(only or ()), *exclude):
        if wanted not in names:
            raise PackError(wanted, f"no pack named '{wanted}' (have: {', '.join(names)})")
    return [
        (r, p)
        for (r, p), n in zip(raw, names, strict=True)
        if (only is None or n in only or n == "core") and n not in exclude
    ]


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise PackError(str(path), f"cannot read: {e}") from None


def _parse(path: Path, text: str) -> tuple[dict[str, Any], str]:
    import tomllib  # only on a cache miss: the built pack set is usually read back (regex/store.py)

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise PackError(str(path), f"not valid TOML: {e}") from None
    pack = data.get("pack")
    if not isinstance(pack, dict) or not isinstance(pack.get("name"), str) or not pack["name"]:
        raise PackError(str(path), "missing [pack] table with a name")
    check_keys(data, PACK_KEYS, str(path), None, text, "top-level key")
    check_keys(
        pack,
        {"name", "description", "version", "when", "home", "local_currency"},
        str(path),
        None,
        text,
        "[pack] key",
    )
    data["_text"] = text
    data["_builtin"] = path.resolve().is_relative_to(builtin_pack_dir().resolve())
    return data, str(path)
