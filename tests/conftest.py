"""Fixtures shared by the test modules: the repository, its two sample releases, and a user
pack whose pattern backtracks without end."""

from __future__ import annotations

from pathlib import Path

import pytest

_REPO = Path(__file__).resolve().parent.parent


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
