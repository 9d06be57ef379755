"""Fixtures shared by the test modules: the repository, its two sample releases, a user pack
whose pattern backtracks without end, and how to run a process that file permissions bind.

Also how the suite runs fast (see _test_cache_dir, gc.set_threshold and pytest_collection_finish):
a cache folder of its own for compiled patterns, and a garbage collector that runs less often
and skips what lives all session."""

from __future__ import annotations

import gc
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from processes import permissions_bind

_REPO = Path(__file__).resolve().parent.parent


def _test_cache_dir() -> Path | None:
    """The folder the suite keeps compiled patterns in (regex/cache.py), in this process and
    every one it starts; None when $PRESSMINE_CACHE_DIR already says where (or off).

    Every test that loads a good pack from its own tmp_path leaves a pack set of ~3.6 MB in the
    cache (the pack files' paths are part of its key), ~20 a run: in the user's
    ~/.cache/pressmine they pushed it past its 200 MB limit, often within a run, and the pruning
    (oldest first) took compiled patterns with them, so that later tests and runs compiled them
    again (seconds a pack test, and for the user's next `pressmine extract`). The suite's own
    folder holds the same compiled patterns (their keys are the patterns), and its pack sets
    are dropped at the end of the session (pytest_sessionfinish); its limit is higher, so that
    a session's pack sets on top of the patterns never set off the pruning either. Set here, at
    import: this file is loaded before the doctests of src/ import pressmine (which reads the
    limit once)."""
    if "PRESSMINE_CACHE_DIR" in os.environ:
        return None
    xdg = os.environ.get("XDG_CACHE_HOME")
    folder = (Path(xdg) if xdg else Path.home() / ".cache") / "pressmine-tests"
    os.environ["PRESSMINE_CACHE_DIR"] = str(folder)
    os.environ.setdefault("PRESSMINE_CACHE_LIMIT_MB", "1000")
    return folder


_CACHE = _test_cache_dir()


# The garbage collector, tuned for this process (and the workers it forks), not for what is
# tested: pattern parse trees, pack sets and claims are built by the million and most of them
# die young. At the default threshold (700) a young collection ran every few hundred objects,
# and what survived them set off ~80 full collections a run, ~0.13 s each (a tenth of the
# run). The same objects are freed either way; only when differs.
gc.set_threshold(10_000, 10, 10)


def pytest_collection_finish(session: pytest.Session) -> None:
    """What is alive once the tests are collected (modules, parameters, pack sets and tables
    built at import) lives all session: moved out of the collector's way, the full collections
    that the tests' garbage sets off no longer walk it each time."""
    gc.collect()
    gc.freeze()


def pytest_sessionfinish(session: pytest.Session) -> None:
    """Drop the session's pack sets from the suite's cache folder (see _test_cache_dir): most
    were built from a tmp_path no later run names. The compiled patterns stay."""
    if _CACHE is not None:
        for file in _CACHE.glob("*/packs-*.pickle"):
            file.unlink(missing_ok=True)


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return _REPO


@pytest.fixture(scope="session")
def hans_path() -> Path:
    """The simplified sample (UTF-8)."""
    return _REPO / "samples" / "miit-2025-results-zh-hans.txt"


@pytest.fixture(scope="session")
def hant_path() -> Path:
    """The traditional sample (UTF-8)."""
    return _REPO / "samples" / "miit-2025-results-zh-hant.txt"


@pytest.fixture(scope="session")
def hans_text(hans_path: Path) -> str:
    """The simplified sample's text, read per the offsets convention (universal newlines)."""
    return hans_path.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def hant_text(hant_path: Path) -> str:
    """The traditional sample's text, read per the offsets convention (universal newlines)."""
    return hant_path.read_text(encoding="utf-8")


@pytest.fixture
def runaway_pack(tmp_path: Path) -> Path:
    """A folder with a pack whose pattern backtracks catastrophically on "a" * 40 + "!"."""
    folder = tmp_path / "runaway"
    folder.mkdir()
    (folder / "slow.toml").write_text(
        "[pack]\nname = 'slow'\n\n[[rule]]\nid = 'backtracks'\npattern = '(?P<value>(?:a+)+)$'\n",
        encoding="utf-8",
    )
    return folder


@pytest.fixture
def docs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """docs/ in a temporary folder, made the current one: copies of the samples and the test
    releases, so that a test adds files beside them and names them as a user would."""
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "docs"
    folder.mkdir()
    for source in [*(_REPO / "samples").glob("*.txt"), *(_REPO / "tests/releases").glob("*.txt")]:
        (folder / source.name).write_bytes(source.read_bytes())
    return folder


@pytest.fixture
def bound() -> Callable[[], None] | None:
    """The preexec_fn under which a subprocess cannot read a mode-000 file or folder, root or
    not (tests/processes.py); the test is skipped where root cannot give that right up."""
    try:
        return permissions_bind()
    except OSError as err:
        pytest.skip(str(err))
