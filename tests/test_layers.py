"""The one-way flow of imports between pressmine's stages, and a silent library.

The folders of src/pressmine are the stages of the pipeline; a module at the top of the package
is a stage of its own. A module may import modules of its own stage and of the stages before
it, never of a later one. Read from each module's source with `ast`, so nothing is imported or
run. A new folder or top-level module fails until it has a place in STAGES.
"""

from __future__ import annotations

import ast
import functools
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src" / "pressmine"

# Lowest first: the folders (and top-level modules) in the order the pipeline runs.
STAGES: list[set[str]] = [
    {"errors", "claim"},  # the exceptions and the result types
    {"regex"},  # compiled once per machine, gated, guarded; knows nothing of numbers
    {"grammar"},  # how a number is written and what it is worth
    {"text"},  # bytes to normalised text, words, sentences
    {"packs"},  # the pattern packs, loaded into one PackSet
    {"claims"},  # candidates, values, units, not-claims, subject, change, period
    {"extract"},  # the library's entry points
    {"io"},  # JSON, JSONL, CSV, Parquet, the HTML view, SQLite
    {"batch"},  # worker processes, blocks of big files, runs
    {"dask"},  # a batch on a Dask cluster; claims as Dask and pandas data frames
    {"compare"},  # which figures documents share, which conflict
    {"__init__"},  # the package facade; cli reads __version__ from it
    {"cli"},  # the command line: typer, rich, the only place that prints
    {"__main__"},
]

# Third-party packages that only some modules may import: a module, or every module of a folder.
OWNER_OF: dict[str, tuple[str, ...]] = {
    "typer": ("cli",),
    "click": ("cli",),
    "rich": ("cli/terminal", "cli/table", "cli/compare_table"),  # drawn on a terminal
    "opencc": ("text/normalize",),
    "jieba": ("text/segment",),
    "rjieba": ("text/segment",),
    "pyarrow": ("io/parquet", "dask/frames", "dask/__init__"),  # pressmine[parquet]
    "dask": ("dask",),  # pressmine[dask]
    "distributed": ("dask/engine",),
    "pandas": ("dask/frames", "dask/__init__"),
}

# Where the program meets the user; the rest is library and stays silent.
FRONT = ("cli/app", "__main__")


def _stage(module: str) -> int:
    """The stage of a module named by its path in the package ("claims/subject/phrases")."""
    top = module.split("/")[0]
    for index, stage in enumerate(STAGES):
        if top in stage:
            return index
    raise AssertionError(f"pressmine/{top} is not in STAGES of tests/test_layers.py: add it")


def _modules() -> list[str]:
    """Every module, as its path inside the package without .py; a package is its __init__."""
    return sorted(
        str(path.relative_to(SRC).with_suffix("")).replace("\\", "/") for path in SRC.rglob("*.py")
    )


def _tree(module: str) -> ast.Module:
    path = SRC / f"{module}.py"
    return _parse(path.read_text(encoding="utf-8"), str(path))


@functools.cache
def _parse(source: str, filename: str) -> ast.Module:
    """A module's tree, parsed once for the five checks that read it (keyed on its text, so an
    edited module is parsed again). The checks only read it."""
    return ast.parse(source, filename)


def _package_of(module: str) -> list[str]:
    """The package a module sits in, as parts: [] for the top, ["claims"] for claims/units."""
    return module.split("/")[:-1]


def _imports(tree: ast.Module, module: str = "x") -> tuple[set[str], set[str]]:
    """(stage names of pressmine modules, top-level third-party names) imported anywhere,
    functions included. `from pressmine import x` is stage x when x is a folder or a module
    of the package, else the package facade (__init__)."""
    own: set[str] = set()
    other: set[str] = set()

    def add(parts: list[str]) -> None:
        # parts after "pressmine": ["claims", "units"], ["extract"], [] (the facade)
        own.add(parts[0] if parts and _exists(parts[0]) else "__init__")

    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                parts = alias.name.split(".")
                if parts[0] == "pressmine":
                    add(parts[1:])
                else:
                    other.add(parts[0])
        elif isinstance(node, ast.ImportFrom):
            parts = (node.module or "").split(".") if node.module else []
            if node.level:  # relative: resolve against the module's own package
                package = _package_of(module)
                full = package[: len(package) - (node.level - 1)] + parts
                if full:
                    add(full)
                else:  # from . import x, at the top of the package
                    for alias in node.names:
                        add([alias.name])
                continue
            if parts[0] != "pressmine":
                other.add(parts[0])
            elif len(parts) > 1:
                add(parts[1:])
            else:
                for alias in node.names:
                    add([alias.name])
    return own, other


def _exists(name: str) -> bool:
    return (SRC / name).is_dir() or (SRC / f"{name}.py").exists()


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


def _later(module: str, own: set[str]) -> set[str]:
    """The stages in `own` that come after the stage of `module`."""
    return {name for name in own if _stage(name) > _stage(module)}


@pytest.mark.parametrize("module", _modules())
def test_imports_flow_one_way(module: str) -> None:
    own, _ = _imports(_tree(module), module)
    wrong = _later(module, own)
    assert not wrong, f"{module}.py imports {sorted(wrong)}, later stages than its own"


def _within(module: str, places: tuple[str, ...]) -> bool:
    """Whether `module` is one of `places`, or inside a folder of them."""
    return any(module == place or module.startswith(place + "/") for place in places)


@pytest.mark.parametrize("module", _modules())
def test_third_party_packages_stay_with_their_owner(module: str) -> None:
    _, other = _imports(_tree(module), module)
    wrong = {pkg for pkg in other if pkg in OWNER_OF and not _within(module, OWNER_OF[pkg])}
    assert not wrong, f"{module}.py imports {sorted(wrong)}; only {[OWNER_OF[p] for p in wrong]}"


@pytest.mark.parametrize("module", _modules())
def test_nothing_imports_cli(module: str) -> None:
    own, _ = _imports(_tree(module), module)
    assert module.startswith("cli/") or module == "__main__" or "cli" not in own


@pytest.mark.parametrize("module", [m for m in _modules() if not _within(m, FRONT)])
def test_library_never_prints_or_exits(module: str) -> None:
    assert not _calls(_tree(module)), f"{module}.py: {_calls(_tree(module))}"


# The checks check something: each catches the mistake it is there for.
BAD = {
    "upward": ("claim", "from pressmine.extract import extract\n"),
    "upward-via-package": ("grammar/numbers", "from pressmine import packs\n"),
    "upward-module-of-a-stage": ("text/segment", "from pressmine.claims.units import unit_of\n"),
    "package-facade": ("text/documents", "from pressmine import __version__\n"),
    "relative-upward": ("errors", "from . import cli\n"),
    "relative-sibling-stage": ("regex/cache", "from ..grammar import numbers\n"),
    "cli-from-batch": ("batch/tasks", "import pressmine.cli.app\n"),
}


@pytest.mark.parametrize(("module", "source"), BAD.values(), ids=BAD.keys())
def test_an_upward_import_is_caught(module: str, source: str) -> None:
    own, _ = _imports(ast.parse(source), module)
    assert _later(module, own)


def test_imports_within_a_stage_and_from_earlier_ones_pass() -> None:
    source = (
        "from pressmine.claims.values import read\nfrom . import units\n"
        "from pressmine.packs.model import PackSet\nfrom pressmine import errors\n"
    )
    own, _ = _imports(ast.parse(source), "claims/candidates")
    assert own == {"claims", "packs", "errors"} and not _later("claims/candidates", own)


def test_a_print_and_an_exit_are_caught() -> None:
    tree = ast.parse("import sys\ndef f():\n    print('x')\n    sys.exit(1)\n")
    assert _calls(tree) == ["print() on line 3", "sys.exit() on line 4"]


def test_a_third_party_import_in_a_function_is_caught() -> None:
    _, other = _imports(
        ast.parse("def f():\n    import jieba.posseg\n    from rich import print\n")
    )
    assert other == {"jieba", "rich"}


def test_an_owner_is_a_module_or_a_folder() -> None:
    assert _within("cli/extract", OWNER_OF["typer"]) and _within("cli/table", OWNER_OF["rich"])
    assert not _within("cli/explain", OWNER_OF["rich"])
    assert not _within("text/segmenter", OWNER_OF["jieba"])


def test_every_stage_exists() -> None:
    missing = [name for stage in STAGES for name in stage if not _exists(name)]
    assert not missing, f"STAGES names what is not in src/pressmine: {missing}"


# --- the layout: folders for stages, small modules, options as arguments ------------------------

MAX_LINES = 400
CLI_ONLY = ("PRESSMINE_ONLY", "PRESSMINE_EXCLUDE", "PRESSMINE_PACKS")


def _subpackages() -> list[str]:
    return sorted(p.name for p in SRC.iterdir() if (p / "__init__.py").is_file())


def test_the_package_is_folders_of_stages() -> None:
    top = [m for m in _modules() if "/" not in m]
    assert len(_subpackages()) >= 4, _subpackages()
    assert len(top) <= 8, f"{len(top)} modules at the top of the package: {top}"


@pytest.mark.parametrize("module", _modules())
def test_no_module_is_over_400_lines(module: str) -> None:
    lines = (SRC / f"{module}.py").read_text(encoding="utf-8").count("\n")
    assert lines <= MAX_LINES, f"{module}.py has {lines} lines: split it by concern"


def _reads(tree: ast.Module, names: tuple[str, ...]) -> list[str]:
    """The names among `names` that a module's code spells out (os.environ["X"], getenv("X"),
    a constant "X" anywhere but a docstring), with their line."""
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
    }
    return [
        f"{node.value} on line {node.lineno}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and node.value in names and id(node) not in docstrings
    ]


@pytest.mark.parametrize("module", [m for m in _modules() if not _within(m, ("cli",))])
def test_only_the_command_line_reads_its_environment_variables(module: str) -> None:
    """--packs/--only/--exclude and $PRESSMINE_PACKS reach the library as arguments."""
    found = _reads(_tree(module), CLI_ONLY)
    assert not found, f"{module}.py reads {found}: take an argument, let cli/ read it"


def test_an_environment_read_is_caught_and_a_docstring_is_not() -> None:
    source = (
        '"""Reads PRESSMINE_PACKS? No: the CLI does."""\nimport os\n'
        'def f():\n    """PRESSMINE_ONLY"""\n    return os.environ.get("PRESSMINE_ONLY")\n'
    )
    assert _reads(ast.parse(source), CLI_ONLY) == ["PRESSMINE_ONLY on line 5"]
    assert _reads(ast.parse('"""PRESSMINE_PACKS"""\n'), CLI_ONLY) == []


def test_the_public_api_is_importable() -> None:
    import pressmine
    from pressmine import (
        Claim,
        Group,
        InputError,
        Normalized,
        PackError,
        PackSet,
        PressmineError,
        Quantity,
        __version__,
        compare,
        extract,
        find_quantities,
        load_packs,
    )

    assert set(pressmine.__all__) == {
        "Claim",
        "Group",
        "InputError",
        "Normalized",
        "PackError",
        "PackSet",
        "PressmineError",
        "Quantity",
        "__version__",
        "compare",
        "extract",
        "find_quantities",
        "load_packs",
    }
    assert issubclass(InputError, PressmineError) and issubclass(PackError, PressmineError)
    assert isinstance(load_packs(), PackSet) and isinstance(__version__, str)
    assert [type(c) for c in extract("增长5.9%")] == [Claim]
    assert [type(q) for q in find_quantities("5.9%")] == [Quantity]
    assert isinstance(extract("增长5.9%")[0].normalized, Normalized)
    assert [type(g) for g in compare(extract("增长5.9%"))] == [Group]
