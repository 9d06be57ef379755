"""Regular expressions compiled once per machine, not once per process.

The number grammar is a 14 kB pattern and the packs hold about eighty more, some of which
carry the grammar inside them; Python's `re` parses and compiles all of that in pure Python,
which took seconds at every start of `pressmine extract`. What `re` produces is a list of
integers (the program its C matcher runs) that depends only on the pattern, its flags and the
interpreter, so this module keeps those lists in a cache folder and hands them straight to the
matcher the next time: milliseconds instead of seconds.

Where: `$PRESSMINE_CACHE_DIR`, else `$XDG_CACHE_HOME/pressmine`, else `~/.cache/pressmine`, in
a subfolder named after the interpreter and its regex engine (`_sre.MAGIC`), so a Python upgrade
starts afresh. `PRESSMINE_CACHE_DIR=off` turns it off. The cache is only ever an accelerator:
a folder that cannot be written, a file that is missing, truncated or from another version, and
any interpreter without CPython's `_sre` all fall back to `re.compile`, silently (the library
never prints). Files are written to a temporary name and renamed, so parallel workers that
compile the same pattern never see half a file. The matcher validates the program it is given
(`_sre.compile` checks it), so a damaged file cannot crash the interpreter. The same folder
holds the objects store.py keeps (the pack set), under the same size limit.

The program is re's own (re._compiler), with one addition: the characters a match can start
with (prefilter.start_set) go into its header, as re puts them there by itself only for a
pattern that opens with a literal or a class. The engine then skips, in C, every position where
no match can start; pack patterns open with optional qualifier groups, and without the table
the engine tried all of them at every character of the text (4 to 14x slower per pattern).
Likewise each long alternation gets a lookahead on the characters its alternatives start with
(prefilter.guard_branches): the units after a number are tried only where one of them starts,
and the alternatives that share a first character are tried as one (branches.py).

The private APIs used: `_sre.compile(pattern, flags, code, groups, groupindex, indexgroup)`,
called exactly as `re._compiler.compile` calls it, and `_compiler._code`, `_optimize_charset`
and `_compile_charset`, as `_compile_info` uses them (all the same in 3.11 to 3.13). If the
engine refuses the program, the pattern is compiled by `re.compile` instead.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import re
import sys
import tempfile
import time
from array import array
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

from pressmine.regex import branches, prefilter
from pressmine.regex.prefilter import Item, start_set

# CPython's engine and its compiler, which have no type stubs; elsewhere the cache is off.
try:
    import _sre  # type: ignore[import-not-found]
    from re import _compiler, _parser  # type: ignore[attr-defined]
    from re import _constants as C  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - not CPython
    _sre = None

# What _sre.compile takes: pattern, flags, code, groups, groupindex, indexgroup.
Program = tuple[str, int, list[int], int, dict[str, int], tuple[str | None, ...]]

OFF = ("off", "0", "no", "false", "")


def cache_dir() -> Path | None:
    """The folder compiled patterns are kept in, or None when caching is off."""
    if _sre is None:
        return None
    env = os.environ.get("PRESSMINE_CACHE_DIR")
    if env is not None:
        if env.strip().lower() in OFF:
            return None
        base = Path(env)
    else:
        xdg = os.environ.get("XDG_CACHE_HOME")
        base = (Path(xdg) if xdg else Path.home() / ".cache") / "pressmine"
    engine = f"{sys.implementation.cache_tag}-sre{_sre.MAGIC}-{_sre.CODESIZE}"
    return base / f"regex-{engine}"


def compile(
    pattern: str, flags: int = 0, program: str | None = None, skip: int = 0
) -> re.Pattern[str]:
    """`re.compile(pattern, flags)`, from the cache, with a table of first characters.

    The program gets the characters a match can start with (prefilter.start_set) in its
    header, as re does by itself only for a pattern that opens with a literal or a class: the
    engine then skips the positions where no match can start in C. `program` is
    program_key(pattern, flags), for a caller that kept it. With `skip`, the program is of the
    pattern without its first `skip` items (a gate without its lead, regex/gated.py), whose
    groups keep their numbers; CPython's engine only.

    >>> compile(r"(?:约|超)?(?P<n>[0-9]+)个").search("共超12个").group("n")
    '12'
    >>> compile(r"(?:约|超)?(?P<n>[0-9]+)个", skip=1).search("共超12个").span()
    (2, 5)
    """
    flags = int(flags | re.UNICODE)  # what re adds for str patterns: one key for both spellings
    if _sre is None:
        if skip:
            raise ValueError("a pattern without its first items needs CPython's engine")
        return re.compile(pattern, flags)
    name = program or program_key(pattern, flags)
    if skip:
        name = key("program", flags, name, f"without the first {skip} items")
    folder = cache_dir()
    file = folder / f"{name}.marshal" if folder else None
    args = _load(file) if file else None
    if args is not None:
        try:
            loaded: re.Pattern[str] = _sre.compile(*args)
            return loaded
        except Exception:  # damaged, though marshal could read it: compile and store again
            pass
    args = _compile_args(pattern, flags, skip)
    try:
        compiled: re.Pattern[str] = _sre.compile(*args)
    except Exception:  # an engine that takes the program differently: no table, no cache
        if skip:
            raise
        return re.compile(pattern, flags)
    if file:
        keep(file, _dumps(args))
    return compiled


# A program is 0.1-0.2 MB of integers for a pattern that inlines the number grammar: kept as
# the bytes of an array, which marshal reads in one copy where a list of ints costs a Python
# object read per element (most of the time it took to load a program).
_CODE_TYPE = next((t for t in "IL" if array(t).itemsize == getattr(_sre, "CODESIZE", 4)), "I")


def _dumps(args: Program) -> bytes:
    pattern, flags, code, groups, groupindex, indexgroup = args
    packed = array(_CODE_TYPE, code).tobytes()
    return marshal.dumps((pattern, flags, packed, groups, groupindex, indexgroup))


def program_key(pattern: str, flags: int = 0) -> str:
    """The name the program of `pattern` is kept under. A pattern that inlines the number
    grammar is 0.1 MB: hashing it costs about a quarter of loading its program, so a pattern
    compiled on first use keeps its key from when its pack was built (regex/gated.py)."""
    return key("program", int(flags | re.UNICODE), pattern, _source_salt())


def _load(file: Path) -> Program | None:
    try:
        pattern, flags, packed, groups, groupindex, indexgroup = marshal.loads(file.read_bytes())
        code = array(_CODE_TYPE, packed).tolist()
    except Exception:
        return None
    touch(file)
    return pattern, flags, code, groups, groupindex, indexgroup  # _sre.compile checks the rest


def _compile_args(pattern: str, flags: int, skip: int = 0) -> Program:
    """The arguments re._compiler.compile passes to _sre.compile, in a form marshal can keep,
    with the first-character table added; of the pattern without its first `skip` items."""
    tree = _parser.parse(pattern, flags)
    if skip:
        del tree.data[:skip]
        tree.width = None  # measured again, without them
    items = start_set(pattern, flags, tree)
    prefilter.guard_branches(tree)
    prefilter.optional_as_branch(tree)
    branches.factor(tree)
    with _charsets_remembered():
        code = _with_start_table(_compiler._code(tree, flags), items, flags)
    groupindex = dict(tree.state.groupdict)
    indexgroup: list[str | None] = [None] * tree.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return (
        pattern,
        int(flags | tree.state.flags),
        [int(op) for op in code],  # named opcode constants -> ints
        tree.state.groups - 1,
        groupindex,
        tuple(indexgroup),
    )


@contextmanager
def _charsets_remembered() -> Iterator[None]:
    """re optimises every character class anew; the number grammar holds 889 classes, 39 of them
    distinct, and is inlined in ~50 places: remembering the answers makes a first run (an empty
    cache) ~3x faster. The function is pure, so another thread that calls it meanwhile gets the
    same answers."""
    original = getattr(_compiler, "_optimize_charset", None)
    if original is None:  # pragma: no cover - another re; compile as it does
        yield
        return

    def remembered(
        charset: list[Item], iscased: Any = None, fixup: Any = None, fixes: Any = None
    ) -> tuple[list[Item], bool]:
        key = (tuple(charset), iscased, fixup, id(fixes))
        if key not in _CHARSETS:
            _CHARSETS[key] = (fixes, original(charset, iscased, fixup, fixes))
        out, hascased = _CHARSETS[key][1]
        return list(out), hascased  # a copy: the caller owns its list

    _compiler._optimize_charset = remembered
    try:
        yield
    finally:
        _compiler._optimize_charset = original


# (fixes, result): the fixes table is kept alive with its entry, so its id cannot be reused.
_CHARSETS: dict[tuple[Any, ...], tuple[Any, tuple[list[Item], bool]]] = {}


def _with_start_table(code: list[int], items: list[Item] | None, flags: int) -> list[int]:
    """`code` with a first-character set in its INFO header, built as re._compiler's
    _compile_info builds one: [INFO, skip, mask | CHARSET, min, max, charset…], then the rest."""
    info, mask, low = code[0], code[2], code[3]
    if info != C.INFO or mask & (C.SRE_INFO_PREFIX | C.SRE_INFO_CHARSET) or low == 0:
        return code  # re found a prefix itself, or the pattern can match the empty string
    if not items:
        return code
    charset, hascased = _compiler._optimize_charset(items)
    if hascased:
        return code
    head: list[int] = [C.INFO, 0, mask | C.SRE_INFO_CHARSET, low, code[4]]
    _compiler._compile_charset(charset, flags, head)
    head[1] = len(head) - 1
    return head + code[1 + code[1] :]


def key(kind: str, flags: int, text: str, salt: str = "") -> str:
    data = f"{kind}\0{flags}\0{salt}\0{text}".encode("utf-8", "surrogatepass")
    return hashlib.sha256(data).hexdigest()[:40]


@cache
def _source_salt() -> str:
    """A hash of this module, prefilter.py and branches.py: what a cached program depends on
    besides the pattern, the flags and the interpreter."""
    here = Path(__file__).parent
    return hash_files([Path(__file__), Path(prefilter.__file__), Path(branches.__file__)], here)


def hash_files(files: list[Path], root: Path) -> str:
    """A hash of the files' paths (relative to `root`) and contents."""
    h = hashlib.sha256()
    for file in files:
        h.update(file.relative_to(root).as_posix().encode())
        h.update(file.read_bytes())
    return h.hexdigest()


# The folder keeps what every pressmine version and pack edit compiled (~20 MB each): when a
# new file takes it over the limit, the files used longest ago go first (a file is touched
# when read, see touch), down to half the limit.
LIMIT_BYTES = int(os.environ.get("PRESSMINE_CACHE_LIMIT_MB", "200")) * 1_000_000


def keep(file: Path, data: bytes) -> None:
    """Write `data` to `file` in the cache folder, and make room when the folder is full."""
    _write(file, data)
    _prune(file.parent, LIMIT_BYTES)


def _prune(folder: Path, limit: int) -> None:
    try:
        with os.scandir(folder) as found:  # closed even when a stat() below fails
            entries = [(e.stat().st_mtime, e.stat().st_size, e.path) for e in found]
    except OSError:  # a file another process removed meanwhile: prune another time
        return
    total = sum(size for _, size, _ in entries)
    if total <= limit:
        return
    for _, size, path in sorted(entries):  # oldest first
        if total <= limit // 2:
            break
        try:
            os.unlink(path)
            total -= size
        except OSError:
            pass  # another process removed it first


def touch(file: Path) -> None:
    """Mark a file as used, at most once a day (a write for every read would cost more)."""
    try:
        if file.stat().st_mtime < time.time() - 86400:
            os.utime(file)
    except OSError:
        pass


def _write(file: Path, data: bytes) -> None:
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=file.parent, prefix=".tmp-", suffix=".marshal")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(data)
            os.replace(tmp, file)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError:
        pass  # read-only home, full disk: the next run compiles again, nothing else changes
