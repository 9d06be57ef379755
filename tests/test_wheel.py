"""The built wheel works on its own: installed non-editable, run from another folder.

This is what catches a pattern pack or data file left out of the wheel, which an editable
install (reading the source tree) would hide.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(os.name != "posix", reason="the venv layout here is POSIX (bin/)")


def _run(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(
        [str(a) for a in args], cwd=cwd, capture_output=True, text=True, timeout=300
    )
    assert proc.returncode == 0, f"{args}\n{proc.stdout}\n{proc.stderr}"
    return proc


@pytest.fixture(scope="module")
def wheel(repo_root: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project's wheel, built without network (hatchling from this environment)."""
    out = tmp_path_factory.mktemp("dist")
    _run(sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", out, repo_root)
    (built,) = out.glob("pressmine-*.whl")
    return built


@pytest.fixture(scope="module")
def venv(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv with the wheel installed, non-editable.

    To spare downloading the dependencies, a .pth file then makes this environment's
    site-packages visible to it, after its own: its own `pressmine` is the one imported. (The
    .pth comes after the install, or pip would find this environment's pressmine and skip.)
    """
    root = tmp_path_factory.mktemp("venv")
    _run(sys.executable, "-m", "venv", "--without-pip", root)
    python = root / "bin" / "python"
    _run(
        sys.executable, "-m", "pip", "--python", python, "install",
        "--no-deps", "--no-index", "--quiet", wheel,
    )  # fmt: skip
    site = _run(python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))")
    (Path(site.stdout.strip()) / "outer-env.pth").write_text(sysconfig.get_path("purelib") + "\n")
    return root


def _names(wheel: Path) -> set[str]:
    with zipfile.ZipFile(wheel) as archive:
        return set(archive.namelist())


def test_wheel_ships_the_pattern_packs(repo_root: Path, wheel: Path) -> None:
    shipped = _names(wheel)
    packs = {f"pressmine/patterns/{p.name}" for p in (repo_root / "patterns").glob("*.toml")}
    assert packs, "no pattern pack in patterns/"
    assert packs <= shipped


def test_wheel_ships_every_file_of_the_package(repo_root: Path, wheel: Path) -> None:
    src = repo_root / "src"
    files = {
        p.relative_to(src).as_posix()
        for p in (src / "pressmine").rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }
    assert files <= _names(wheel)


def test_installed_wheel_is_the_pressmine_imported(venv: Path, tmp_path: Path) -> None:
    python = venv / "bin" / "python"
    where = _run(python, "-c", "import pressmine; print(pressmine.__file__)", cwd=tmp_path)
    assert Path(where.stdout.strip()).is_relative_to(venv)


def test_installed_console_script_extracts_claims(
    venv: Path, hans_path: Path, tmp_path: Path
) -> None:
    proc = _run(venv / "bin" / "pressmine", "extract", hans_path, "--format", "jsonl", cwd=tmp_path)
    claims = [json.loads(line) for line in proc.stdout.splitlines()]
    assert any((c["text"], c["value"], c["unit"]) == ("483.8万座", 4838000, "座") for c in claims)
    assert {c["doc"] for c in claims} == {str(hans_path)}


def test_installed_python_m_pressmine_runs(venv: Path, tmp_path: Path) -> None:
    proc = _run(venv / "bin" / "python", "-m", "pressmine", "--version", cwd=tmp_path)
    assert proc.stdout.startswith("pressmine ")
