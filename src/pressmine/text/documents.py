"""Find and read the documents a user names: files, folders (the files inside that match the
globs, `*.txt` by default, recursively and sorted), `-` (stdin), or a list of paths.

Everything is lazy: a folder is walked one directory at a time as the caller asks, so a folder of
100,000 files is never listed whole, and a file is read only when its turn comes. Problems are
yielded as `InputError` values, not raised, so that one bad file does not stop a batch; the
caller decides what to report.
"""

from __future__ import annotations

import errno
import fnmatch
import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import BinaryIO

from pressmine.errors import InputError
from pressmine.text.decode import decode

STDIN = "-"
DEFAULT_GLOBS = ("*.txt",)
HTML_SUFFIXES = (".html", ".htm")


@dataclass(frozen=True, slots=True)
class Document:
    """One input text, decoded."""

    path: str  # as the user gave it, or the folder as given joined with the file inside it
    text: str  # offsets convention of pressmine.text.decode
    encoding: str  # the Python codec that reproduces `text` with open()


def iter_inputs(
    paths: Iterable[str], globs: Sequence[str] = DEFAULT_GLOBS
) -> Iterator[str | InputError]:
    """Each path to read, in order: `-`, a file as given (whatever its name), or the files of a
    folder that match one of `globs`, walked depth first with names sorted (the order of their
    path parts sorted). A folder problem (unreadable, nothing matches) comes in its place.

    A glob without `/` matches a file's name (`*.txt`); one with `/` matches its path inside
    the folder part by part (`2025/*.txt`; `**` is any number of folders: `2025/**/*.txt`).
    Matching is case-sensitive, on every system.
    """
    for path in paths:
        if path != STDIN and os.path.isdir(path):
            yield from _folder(path, tuple(globs))
        else:
            yield path


def paths_from(stream: BinaryIO) -> Iterator[str]:
    """The paths listed in `stream`, one a line (or NUL-separated, as `find -print0` writes).

    Read a line at a time, as bytes decoded the way the system decodes file names, so that any
    name the file system holds comes through. Blank lines are skipped.
    """
    for line in stream:
        for name in line.rstrip(b"\r\n").split(b"\x00"):
            if name:
                yield os.fsdecode(name)


def count_files(paths: Iterable[str], globs: Sequence[str] = DEFAULT_GLOBS) -> int:
    """How many paths `iter_inputs` gives (folder problems not counted): a progress bar's total."""
    return sum(1 for item in iter_inputs(paths, globs) if isinstance(item, str))


def printable(path: str) -> str:
    """A path as text that any output holds (UTF-8 JSON, CSV, SQLite, a message): the bytes of
    a name that are not UTF-8, which Python keeps as lone surrogates, written as `\\xNN`, the
    way Python's repr() writes a byte. The same name always gives the same text.

    >>> printable(os.fsdecode(b"caf\\xe9.txt")), printable("中文.txt")
    ('caf\\\\xe9.txt', '中文.txt')
    """
    try:
        path.encode("utf-8")
        return path
    except UnicodeEncodeError:
        pass
    try:
        raw = path.encode("utf-8", "surrogateescape")  # the name's own bytes
    except UnicodeEncodeError:  # a surrogate that stands for no byte: as Python escapes it
        return path.encode("utf-8", "backslashreplace").decode("utf-8")
    return raw.decode("utf-8", "backslashreplace")


def is_html(path: str) -> bool:
    """Whether a file is read as HTML: by its name, `.html` or `.htm` in any case."""
    return path.lower().endswith(HTML_SUFFIXES)


def read_bytes(path: str) -> bytes:
    """A file's bytes; an `InputError` with a short, lower-case problem when it cannot be read."""
    try:
        with open(path, "rb") as f:
            return f.read()
    except OSError as err:
        raise input_error(path, err) from None


def input_error(path: str, err: OSError) -> InputError:
    """An OSError as a one-line problem: "[Errno 2] No such file or directory: 'x'" becomes
    "no such file or directory" (the path is already in the message's prefix)."""
    return InputError(path, os_problem(err))


def os_problem(err: OSError) -> str:
    """What went wrong, without the path: "no space left on device"."""
    problem = err.strerror or str(err)
    return problem[:1].lower() + problem[1:]


def iter_documents(
    paths: Sequence[str], stdin: BinaryIO | None = None, globs: Sequence[str] = DEFAULT_GLOBS
) -> Iterator[Document | InputError]:
    """Each document in `paths`, read and decoded, in order; see `iter_inputs`.

    `-` reads `stdin` (default: the process's standard input) as bytes. An HTML file's text
    is its source: `pressmine.text.html.html_text` gives the text a reader sees.
    """
    for item in iter_inputs(paths, globs):
        if isinstance(item, InputError):
            yield item
            continue
        try:
            if item == STDIN:
                data = (stdin if stdin is not None else sys.stdin.buffer).read()
            else:
                data = read_bytes(item)
            decoded = decode(data, item)
        except InputError as err:
            yield err
            continue
        yield Document(item, decoded.text, decoded.encoding)


def _folder(folder: str, globs: tuple[str, ...]) -> Iterator[str | InputError]:
    found = False
    for item in _walk(folder, (), globs, set()):
        found = True
        yield item
    if not found:  # a problem found on the way (an unreadable folder) already said why
        yield InputError(folder, f"no files matching {' or '.join(globs)} in this folder")


def _walk(
    root: str, parts: tuple[str, ...], globs: tuple[str, ...], loops: set[tuple[str, ...]]
) -> Iterator[str | InputError]:
    """Depth first, names sorted, files and folders together: the order of sorted path parts.

    Only one directory's names are held per level. A link to a folder is not followed (no
    cycles), as os.walk does; a broken link that matches is kept, so that reading it reports
    the problem instead of skipping it in silence. A loop of links (a -> b -> a) is reported
    once, whatever its names, in place of its first link: it may stand for a file or a folder
    the user meant to read. `loops` holds the loops reported so far.
    """
    here = os.path.join(root, *parts)
    try:
        with os.scandir(here) as it:
            # is_dir(follow_symlinks=False) reads the entry's type without following a link,
            # which raises on a loop (ELOOP) and would lose the whole folder's listing.
            entries = sorted((e.name, e.is_dir(follow_symlinks=False), e.is_symlink()) for e in it)
    except OSError as err:
        yield input_error(err.filename or here, err)
        return
    for name, is_dir, is_link in entries:
        path = os.path.join(here, name)
        if is_dir:
            yield from _walk(root, (*parts, name), globs, loops)
        elif is_link and (loop := _loop_at(path)) is not None:
            if loop not in loops:
                loops.add(loop)
                base = os.path.abspath(here)
                shown = (os.path.join(here, os.path.relpath(link, base)) for link in loop)
                yield InputError(path, f"symbolic link loop ({' → '.join(shown)})")
        elif _matches(parts, name, globs):
            yield path


def _loop_at(path: str) -> tuple[str, ...] | None:
    """The loop of links that the link at `path` runs into, as absolute paths from the least
    back to it (a -> b -> a: the same for a and for b), or None when the link resolves or fails
    in another way (a broken link: reading it tells)."""
    try:
        os.stat(path)
        return None
    except OSError as err:
        if err.errno != errno.ELOOP:
            return None
    seen: list[str] = []
    link = os.path.abspath(path)
    while link not in seen:
        seen.append(link)
        try:
            target = os.readlink(link)
        except OSError:  # the end of a chain too long to follow (ELOOP without a loop)
            return (*seen, seen[0])
        link = os.path.normpath(os.path.join(os.path.dirname(link), target))
    cycle = seen[seen.index(link) :]
    first = cycle.index(min(cycle))
    cycle = cycle[first:] + cycle[:first]
    return (*cycle, cycle[0])


def _matches(parts: tuple[str, ...], name: str, globs: tuple[str, ...]) -> bool:
    # A glob without / matches the name in any folder; with /, the path from the folder given.
    return any(
        _match_path((*parts, name), tuple(glob.split("/")))
        if "/" in glob
        # fnmatchcase: the same on every system (fnmatch folds case on Windows).
        else fnmatch.fnmatchcase(name, glob)
        for glob in globs
    )


def _match_path(path: tuple[str, ...], glob: tuple[str, ...]) -> bool:
    """Part by part, as a shell does: `*` stays within a folder name, `**` is any folders."""
    if not glob:
        return not path
    if glob[0] == "**":
        return any(_match_path(path[i:], glob[1:]) for i in range(len(path) + 1))
    return bool(path) and fnmatch.fnmatchcase(path[0], glob[0]) and _match_path(path[1:], glob[1:])
