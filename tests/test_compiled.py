"""The compiled-regex cache (regex/cache.py) and the object store (regex/store.py): same matches
as re.compile, read back instead of recompiled, rebuilt when pressmine's code changes, and never
a reason to fail (off, damaged, unwritable)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pressmine.grammar import numbers
from pressmine.regex import cache as regex_cache
from pressmine.regex import store
from pressmine.regex.guard import GuardedPattern

PATTERNS = [
    (r"(?P<value>[0-9]+(?:\.[0-9]+)?)\s?(?P<unit>万元|亿元|元)", 0),
    (r"(?<![0-9])(?P<y>[0-9]{4})年(?!代)", 0),
    ("  (?P<a>超|约)?  # a comment\n  (?P<value>[一二三]+)  个", re.VERBOSE),
    (r"(?i)kwh|MWh", 0),
    (r"(?:约(?i:k)|Z)[0-9]", 0),
]
TEXTS = ["营收12.5亿元，同比增长3%", "2024年代和2025年", "约三个，超一二个", "5 KWH, 3 mwh 约K5"]


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("PRESSMINE_CACHE_DIR", str(tmp_path))
    return tmp_path


def _all_matches(rx: re.Pattern[str]) -> list[tuple]:
    return [(m.span(), m.groupdict()) for t in TEXTS for m in rx.finditer(t)]


@pytest.mark.parametrize(("pattern", "flags"), PATTERNS)
def test_a_cached_pattern_matches_like_re_compile(cache: Path, pattern: str, flags: int) -> None:
    expected = re.compile(pattern, flags)
    first = regex_cache.compile(pattern, flags)
    second = regex_cache.compile(pattern, flags)  # from the file
    assert _all_matches(first) == _all_matches(second) == _all_matches(expected)
    assert second.groupindex == expected.groupindex and second.groups == expected.groups
    assert second.flags == expected.flags


def test_the_second_compile_reads_the_file(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    regex_cache.compile(numbers.NUMBER)
    assert list(cache.glob("*/*.marshal"))

    def no_compiling(*args: object) -> None:
        raise AssertionError("compiled again")

    monkeypatch.setattr(regex_cache, "_compile_args", no_compiling)
    assert regex_cache.compile(numbers.NUMBER).fullmatch("3.5万")


def test_the_program_skips_where_no_match_can_start(cache: Path) -> None:
    """The first-character table is in the program's header (INFO ... CHARSET), and the
    matches are re's: a pattern opening with an optional group, and one whose start is \\d."""
    from re import _constants as C

    for pattern in (r"(?:超|约)?(?P<value>[0-9]+)个", r"(?<![年])\d{1,2}-\d{1,2}月"):
        code = regex_cache._compile_args(pattern, re.UNICODE)[2]
        assert code[0] == C.INFO and code[2] & C.SRE_INFO_CHARSET
        text = "共超30个城市，1-11月，2025年3-4月，约五个"
        rx, plain = regex_cache.compile(pattern), re.compile(pattern)
        assert [m.span() for m in rx.finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_off_means_plain_re_compile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PRESSMINE_CACHE_DIR", "off")
    assert regex_cache.cache_dir() is None
    assert regex_cache.compile("a+").match("aa")
    assert store.remember("thing", "k", lambda: 42) == 42
    assert not any(tmp_path.iterdir())


def test_the_folder_is_the_users_cache_unless_moved(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without $PRESSMINE_CACHE_DIR (which the suite sets: see conftest.py), the cache is in
    $XDG_CACHE_HOME/pressmine, else ~/.cache/pressmine, a subfolder per interpreter."""
    monkeypatch.delenv("PRESSMINE_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    folder = regex_cache.cache_dir()
    assert folder is not None and folder.parent == tmp_path / "xdg" / "pressmine"
    assert folder.name.startswith(f"regex-{sys.implementation.cache_tag}-")
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert regex_cache.cache_dir() == tmp_path / "home" / ".cache" / "pressmine" / folder.name


def test_damaged_files_are_compiled_again(cache: Path) -> None:
    pattern, flags = PATTERNS[0]
    regex_cache.compile(pattern, flags)
    files = list(cache.glob("*/*.marshal"))
    assert files
    for f in files:
        f.write_bytes(b"\x00garbage" * 3)
    again = regex_cache.compile(pattern, flags)
    assert _all_matches(again) == _all_matches(re.compile(pattern, flags))
    # and the file is good again
    assert all(f.read_bytes() != b"\x00garbage" * 3 for f in files)


def test_a_wrong_program_is_refused_not_run(cache: Path) -> None:
    """A file marshal can read but whose program is wrong: _sre validates it, and we recompile."""
    import marshal

    pattern, flags = PATTERNS[1]
    regex_cache.compile(pattern, flags)
    (file,) = cache.glob("*/*.marshal")
    args = list(marshal.loads(file.read_bytes()))
    args[2] = [999999] * 5  # no such opcode
    file.write_bytes(marshal.dumps(tuple(args)))
    assert regex_cache.compile(pattern, flags).search("2025年").group("y") == "2025"


def test_an_unwritable_cache_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("PRESSMINE_CACHE_DIR", str(blocker))
    assert regex_cache.compile(r"(?P<n>[0-9]+)").match("12").group("n") == "12"
    assert store.remember("thing", "k", lambda: [1, 2]) == [1, 2]


def test_remember_builds_once_and_keeps_patterns_inside(cache: Path) -> None:
    builds: list[int] = []

    def build() -> dict:
        builds.append(1)
        rx = regex_cache.compile(r"(?P<v>[0-9]+)亿元")
        return {"rx": rx, "guarded": GuardedPattern(rx, "pack.toml", "rule")}

    first = store.remember("thing", "key-1", build)
    second = store.remember("thing", "key-1", build)
    assert len(builds) == 1
    assert second is not first  # read back from the file
    assert second["rx"].search("达3亿元").group("v") == "3"
    assert second["guarded"].search("达3亿元").group("v") == "3"
    assert second["guarded"].groupindex == {"v": 1}
    store.remember("thing", "key-2", build)  # another key: built again
    assert len(builds) == 2


def test_an_edited_pack_is_loaded_fresh(cache: Path, tmp_path: Path) -> None:
    """The pack set is cached on the packs' texts: a changed pack file is read again."""
    from pressmine.packs.loader import _load_cached

    pack = tmp_path / "mine.toml"

    def write(unit: str) -> None:
        pack.write_text(
            f'[pack]\nname = "mine"\n[[units]]\nname = "{unit}"\nkind = "classifier"\n',
            encoding="utf-8",
        )

    write("艘")
    assert "艘" in _load_cached((str(pack),), None, (), 5.0).units
    _load_cached.cache_clear()
    write("架")
    units = _load_cached((str(pack),), None, (), 5.0).units
    assert "架" in units and "艘" not in units


def test_the_folder_is_pruned_oldest_first(cache: Path) -> None:
    """Every version and pack edit adds files; past the limit the least recently used go."""
    import os
    import time

    folder = regex_cache.cache_dir()
    folder.mkdir(parents=True)
    now = time.time()
    for i in range(10):
        f = folder / f"old-{i}.marshal"
        f.write_bytes(b"x" * 1000)
        os.utime(f, (now - 10_000 + i, now - 10_000 + i))
    regex_cache._prune(folder, 5000)
    left = sorted(p.name for p in folder.iterdir())
    assert left == [f"old-{i}.marshal" for i in range(8, 10)]  # down to half the limit, newest kept
    regex_cache._prune(folder, 5000)  # under the limit: nothing goes
    assert len(list(folder.iterdir())) == 2


def test_re_is_left_as_it_was(cache: Path) -> None:
    """Class optimisations are remembered only while regex/cache.py compiles; re's own function is
    put back, also when the pattern does not compile."""
    from re import _compiler

    before = _compiler._optimize_charset
    regex_cache.compile(r"[零〇○][一二三]+")
    with pytest.raises(re.error):
        regex_cache.compile(r"[零〇○](")
    assert _compiler._optimize_charset is before


def test_a_change_in_a_subpackage_rebuilds_what_was_kept(tmp_path: Path) -> None:
    """The store's salt hashes every module of the package, subpackages included: in a copy of
    the package, editing claims/subject/__init__.py makes the next run build again."""
    package = tmp_path / "site" / "pressmine"
    shutil.copytree(store.PACKAGE, package, ignore=shutil.ignore_patterns("__pycache__"))
    probe = "from pressmine.regex import store; print(store.remember('probe', 'k', os.getpid))"
    env = dict(os.environ, PYTHONPATH=str(package.parent), PRESSMINE_CACHE_DIR=str(tmp_path))

    def builder() -> str:  # the pid of the process that built what this run got
        run = [sys.executable, "-c", f"import os; {probe}"]
        return subprocess.run(run, env=env, capture_output=True, text=True, check=True).stdout

    first = builder()
    assert builder() == first  # kept
    with open(package / "claims" / "subject" / "__init__.py", "a", encoding="utf-8") as f:
        f.write("# a change\n")
    assert builder() != first  # rebuilt
