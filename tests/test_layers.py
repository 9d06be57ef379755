"""The one-way flow of imports between pressmine's modules, and a silent library.

Read from each module's source with `ast`, so nothing is imported or run. Modules that do not
exist yet are skipped; a module that exists but is missing from LAYERS fails, so that a new
module gets a place in the table.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src" / "pressmine"

# Lowest first. A module may import the modules of the layers below its own, and the ones
# listed for it in SIDEWAYS; nothing may import upwards.
LAYERS: list[set[str]] = [
    {"errors", "claim", "prefilter"},  # prefilter: what a pattern's matches start with
    {"compiled"},  # regexes compiled once per machine, cached, with a first-character table
    {"numbers", "normalize", "segment", "clauses", "guard", "gated"},
    {"packs"},
    {"quantities"},
    {"subject", "context"},  # subject; change, basis and period
    {"extract"},
    {"examples", "explain", "decode", "documents", "output", "html", "blocks", "batch"},
    {"tasks", "db"},  # a batch's units of work (read, cut, search); the SQLite store
    {"runner"},  # a batch run to its end: parts to output, store and screen; signals
    {"terminal"},  # rich: tables and the progress bar, for the CLI only
    {"__init__", "cli"},  # the package facade re-exports the library; cli reads its version
    {"__main__"},
]
SIDEWAYS: dict[str, set[str]] = {
    "documents": {"decode"},
    # The calendar's vocabulary (claims/calendar_data.py imports errors only), until the layout
    # (issue 11) reads the layering from the folders.
    "packs": {"claims"},
    "cli": {"__init__"},
}

# Third-party packages that only one module may import.
OWNER_OF: dict[str, str] = {
    "typer": "cli",
    "rich": "terminal",
    "click": "cli",
    "opencc": "normalize",
    "jieba": "segment",
    "rjieba": "segment",
}

# The modules where the program meets the user; the rest is library and stays silent.
FRONT = {"cli", "__main__"}


def _layer(name: str) -> int:
    for index, layer in enumerate(LAYERS):
        if name in layer:
            return index
    raise AssertionError(f"pressmine/{name}.py is not in LAYERS of tests/test_layers.py: add it")


def _allowed(name: str) -> set[str]:
    below = set().union(*LAYERS[: _layer(name)])
    return below | SIDEWAYS.get(name, set())


def _modules() -> list[str]:
    return sorted(path.stem for path in SRC.glob("*.py"))


def _tree(name: str) -> ast.Module:
    return ast.parse((SRC / f"{name}.py").read_text(encoding="utf-8"), f"{name}.py")


def _imports(tree: ast.Module) -> tuple[set[str], set[str]]:
    """(pressmine modules, top-level third-party names) imported anywhere, functions included.

    `from pressmine import x` is module x when pressmine/x.py exists, else the package facade.
    """
    own: set[str] = set()
    other: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                parts = alias.name.split(".")
                if parts[0] == "pressmine":
                    own.add(parts[1] if len(parts) > 1 else "__init__")
                else:
                    other.add(parts[0])
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: from . import x, from .x import y
                module = (node.module or "").split(".")[0]
                names = [module] if module else [a.name for a in node.names]
                own.update(n if (SRC / f"{n}.py").exists() else "__init__" for n in names)
                continue
            parts = (node.module or "").split(".")
            if parts[0] != "pressmine":
                other.add(parts[0])
            elif len(parts) > 1:
                own.add(parts[1])
            else:
                own.update(
                    a.name if (SRC / f"{a.name}.py").exists() else "__init__" for a in node.names
                )
    return own, other


def _calls(tree: ast.Module) -> list[str]:
    """print(), exit(), quit(), sys.exit(), os._exit() calls, as written."""
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Name) and func.id in {"print", "exit", "quit"}:
            found.append(f"{func.id}() on line {node.lineno}")
        elif (
            isinstance(func, ast.Attribute)
            and isinstance(func.value, ast.Name)
            and (func.value.id, func.attr) in {("sys", "exit"), ("os", "_exit")}
        ):
            found.append(f"{func.value.id}.{func.attr}() on line {node.lineno}")
    return found


@pytest.mark.parametrize("name", _modules())
def test_imports_flow_one_way(name: str) -> None:
    own, _ = _imports(_tree(name))
    own.discard(name)
    wrong = own - _allowed(name)
    assert not wrong, f"{name}.py imports {sorted(wrong)}, which sit at or above it in LAYERS"


@pytest.mark.parametrize("name", _modules())
def test_third_party_packages_stay_with_their_owner(name: str) -> None:
    _, other = _imports(_tree(name))
    wrong = {pkg for pkg in other if OWNER_OF.get(pkg, name) != name}
    assert not wrong, f"{name}.py imports {sorted(wrong)}; only {[OWNER_OF[p] for p in wrong]} may"


@pytest.mark.parametrize("name", _modules())
def test_nothing_imports_cli(name: str) -> None:
    own, _ = _imports(_tree(name))
    assert name in {"cli", "__main__"} or "cli" not in own


@pytest.mark.parametrize("name", [m for m in _modules() if m not in FRONT])
def test_library_never_prints_or_exits(name: str) -> None:
    assert not _calls(_tree(name)), f"{name}.py: {_calls(_tree(name))}"


# The checks check something: each catches the mistake it is there for.
BAD = {
    "upward": ("claim", "from pressmine.extract import extract\n"),
    "upward-via-package": ("numbers", "from pressmine import packs\n"),
    "package-facade": ("documents", "from pressmine import __version__\n"),
    "relative-upward": ("errors", "from . import cli\n"),
}


@pytest.mark.parametrize(("module", "source"), BAD.values(), ids=BAD.keys())
def test_an_upward_import_is_caught(module: str, source: str) -> None:
    own, _ = _imports(ast.parse(source))
    assert own - _allowed(module)


def test_a_print_and_an_exit_are_caught() -> None:
    tree = ast.parse("import sys\ndef f():\n    print('x')\n    sys.exit(1)\n")
    assert _calls(tree) == ["print() on line 3", "sys.exit() on line 4"]


def test_a_third_party_import_in_a_function_is_caught() -> None:
    _, other = _imports(
        ast.parse("def f():\n    import jieba.posseg\n    from rich import print\n")
    )
    assert other == {"jieba", "rich"}
