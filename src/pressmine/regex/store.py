"""Objects that take long to build from files (the pack set: TOML, fragments, checks; the word
classes), built once per machine and read back with pickle, in the folder of cache.py.

A kept object is rebuilt when what it was built from changes: the caller's key says everything
it depends on outside pressmine's code, and a hash of every module of the package (all
subpackages included) is part of the file's name, so that a change to the code that builds or
reads the object is never answered with an object built by older code. Compiled patterns inside
an object are pickled as references to their programs in the cache (see `dumps`).
"""

from __future__ import annotations

import copyreg
import io
import pickle
import re
from collections.abc import Callable
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Any, TypeVar

from pressmine.regex import cache as programs

T = TypeVar("T")

PACKAGE = Path(__file__).resolve().parents[1]  # src/pressmine, or pressmine in site-packages


def remember(name: str, key: str, build: Callable[[], T]) -> T:
    """`build()`, or what an earlier `build()` under the same name and key returned.

    `key` must say everything the result depends on besides pressmine's own code (the source
    of the package is part of the key). An object that cannot be pickled is simply not kept.
    """
    folder = programs.cache_dir()
    if folder is None:
        return build()
    file = folder / f"{name}-{programs.key(name, 0, key, package_salt())}.pickle"
    try:
        value: T = pickle.loads(file.read_bytes())
    except Exception:  # missing, damaged, or from classes that have changed since
        pass
    else:
        programs.touch(file)
        return value
    value = build()
    try:
        data = dumps(value)
    except Exception:
        return value
    programs.keep(file, data)
    return value


def dumps(value: object) -> bytes:
    """`pickle.dumps(value)`, with each compiled pattern inside as a call to `cache.compile`,
    which finds its program in the cache: plain pickle would store the pattern's text, and
    loading would compile it again, in pure Python (seconds for the pack set)."""
    buffer = io.BytesIO()
    _PatternPickler(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump(value)
    return buffer.getvalue()


def _reduce_pattern(
    pattern: re.Pattern[Any],
) -> tuple[Callable[[Any, int], re.Pattern[Any]], tuple[Any, int]]:
    if isinstance(pattern.pattern, str):
        return programs.compile, (pattern.pattern, pattern.flags)
    return re.compile, (pattern.pattern, pattern.flags)  # bytes: as pickle does


class _PatternPickler(pickle.Pickler):
    # Every type as pickle pickles it (copyreg), but patterns.
    dispatch_table = MappingProxyType({**copyreg.dispatch_table, re.Pattern: _reduce_pattern})


@cache
def package_salt(root: Path = PACKAGE) -> str:
    """A hash of every module of the package under `root`, subpackages included: a kept
    object is rebuilt when any of pressmine's code changes."""
    return programs.hash_files(sorted(root.rglob("*.py")), root)
