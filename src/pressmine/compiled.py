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
(`_sre.compile` checks it), so a damaged file cannot crash the interpreter.

The one private API used is `_sre.compile(pattern, flags, code, groups, groupindex,
indexgroup)`, called exactly as `re._compiler.compile` calls it (the same in 3.11 to 3.13).
"""

from __future__ import annotations

import hashlib
import io
import marshal
import os
import pickle
import re
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

try:  # CPython's engine and its compiler; elsewhere the cache is simply off
    import _sre
    from re import _compiler, _parser
except ImportError:  # pragma: no cover - not CPython
    _sre = None

OFF = ("off", "0", "no", "false", "")
T = TypeVar("T")


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
    pattern: str, flags: int = 0, rewrite: Callable[[str, int], str] | None = None
) -> re.Pattern[str]:
    """`re.compile(rewrite(pattern, flags) if rewrite else pattern, flags)`, from the cache.

    `rewrite` is a pure function of the pattern and flags (the first-character lookahead of
    prefilter.py); its result is cached too, under a key that includes the source of the
    module that defines it, so editing that module cannot serve stale results.

    >>> compile(r"(?P<n>[0-9]+)个").match("12个").group("n")
    '12'
    """
    flags = int(flags | re.UNICODE)  # what re adds for str patterns: one key for both spellings
    folder = cache_dir()
    if folder is None:
        return re.compile(rewrite(pattern, flags) if rewrite else pattern, flags)
    if rewrite is not None:
        salt = _salt(rewrite.__module__) + f"{rewrite.__module__}.{rewrite.__qualname__}"
        file = folder / f"{_key('rewrite', flags, pattern, salt)}.marshal"
        final = _load(file, str)
        if final is None:
            final = rewrite(pattern, flags)
            _store(file, marshal.dumps(final))
        pattern = final
    file = folder / f"{_key('program', flags, pattern)}.marshal"
    args = _load(file, tuple)
    if args is not None:
        try:
            return _sre.compile(*args)
        except Exception:  # damaged, though marshal could read it: compile and store again
            pass
    args = _compile_args(pattern, flags)
    compiled = _sre.compile(*args)
    _store(file, marshal.dumps(args))
    return compiled


def remember(name: str, key: str, build: Callable[[], T]) -> T:
    """`build()`, or what an earlier `build()` under the same name and key returned.

    For objects that take long to build from files (the pack set: TOML, fragments, checks).
    `key` must say everything the result depends on besides pressmine's own code (the source
    of the package is part of the key). Patterns inside the object are kept as references to
    their compiled programs. An object that cannot be pickled is simply not kept.
    """
    folder = cache_dir()
    if folder is None:
        return build()
    file = folder / f"{name}-{_key(name, 0, key, _package_salt())}.pickle"
    try:
        return pickle.loads(file.read_bytes())
    except Exception:  # missing, damaged, or from classes that have changed since
        pass
    value = build()
    buffer = io.BytesIO()
    try:
        _PatternPickler(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump(value)
    except Exception:
        return value
    _store(file, buffer.getvalue())
    return value


class _PatternPickler(pickle.Pickler):
    """Pickles a compiled pattern as a call to `compile`, which finds its program in the cache
    (plain pickle would store the pattern's text and recompile it on loading)."""

    def reducer_override(self, obj: object) -> object:
        if isinstance(obj, re.Pattern) and isinstance(obj.pattern, str):
            return compile, (obj.pattern, obj.flags)
        return NotImplemented


def _load(file: Path, kind: type) -> Any:
    try:
        value = marshal.loads(file.read_bytes())
    except Exception:
        return None
    return value if isinstance(value, kind) else None


def _compile_args(pattern: str, flags: int) -> tuple:
    """The arguments re._compiler.compile passes to _sre.compile, in a form marshal can keep."""
    tree = _parser.parse(pattern, flags)
    code = [int(op) for op in _compiler._code(tree, flags)]  # named opcode constants → ints
    groupindex = dict(tree.state.groupdict)
    indexgroup: list[str | None] = [None] * tree.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return (
        pattern,
        int(flags | tree.state.flags),
        code,
        tree.state.groups - 1,
        groupindex,
        tuple(indexgroup),
    )


def _key(kind: str, flags: int, text: str, salt: str = "") -> str:
    data = f"{kind}\0{flags}\0{salt}\0{text}".encode("utf-8", "surrogatepass")
    return hashlib.sha256(data).hexdigest()[:40]


_SALTS: dict[str, str] = {}


def _salt(module: str) -> str:
    """A hash of the source of `module`, read once per process."""
    if module not in _SALTS:
        try:
            source = Path(sys.modules[module].__file__ or "").read_bytes()
        except (KeyError, OSError):
            source = b""
        _SALTS[module] = hashlib.sha256(source).hexdigest()
    return _SALTS[module]


def _package_salt() -> str:
    """A hash of every module of pressmine: a cached object is rebuilt when any code changes."""
    if "" not in _SALTS:
        h = hashlib.sha256()
        for file in sorted(Path(__file__).parent.glob("*.py")):
            h.update(file.name.encode())
            h.update(file.read_bytes())
        _SALTS[""] = h.hexdigest()
    return _SALTS[""]


def _store(file: Path, data: bytes) -> None:
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
