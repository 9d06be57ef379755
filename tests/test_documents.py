"""iter_documents(): files, folders and stdin in, Documents and yielded InputErrors out."""

from __future__ import annotations

import builtins
import io
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from pressmine.errors import InputError
from pressmine.text.documents import (
    Document,
    count_files,
    is_html,
    iter_documents,
    iter_inputs,
    paths_from,
)


def _write(path: Path, data: bytes | str = "483.8万座") -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode() if isinstance(data, str) else data)


def _paths(items: Iterator[Document | InputError]) -> list[str]:
    return [item.path for item in items]


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """docs/ with nested *.txt files, files of other kinds, and the cwd set to tmp_path."""
    for name in ["b.txt", "a/z.txt", "a/b/c.txt", "c.txt", "notes.md", "a/x.TXT.bak"]:
        _write(tmp_path / "docs" / name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_folder_is_walked_recursively_sorted_and_txt_only(tree: Path) -> None:
    assert _paths(iter_documents(["docs"])) == [
        "docs/a/b/c.txt",
        "docs/a/z.txt",
        "docs/b.txt",
        "docs/c.txt",
    ]


@pytest.mark.parametrize(
    ("given", "first"),
    [
        ("docs/", "docs/a/b/c.txt"),
        ("./docs", "./docs/a/b/c.txt"),
        ("docs/a/../a", "docs/a/../a/b/c.txt"),
    ],
    ids=["trailing-slash", "dot-prefix", "dot-dot"],
)
def test_folder_path_is_kept_as_given(tree: Path, given: str, first: str) -> None:
    assert _paths(iter_documents([given]))[0] == first


def test_absolute_folder_gives_absolute_paths(tree: Path) -> None:
    assert _paths(iter_documents([str(tree / "docs")]))[0] == str(tree / "docs/a/b/c.txt")


def test_file_path_is_kept_as_given_and_any_extension_is_read(tree: Path) -> None:
    # A file named on the command line is read whatever its name; *.txt filters folders only.
    assert _paths(iter_documents(["./docs/b.txt", "docs/notes.md"])) == [
        "./docs/b.txt",
        "docs/notes.md",
    ]


def test_paths_come_in_the_order_given(tree: Path) -> None:
    assert _paths(iter_documents(["docs/c.txt", "docs/a", "docs/b.txt"])) == [
        "docs/c.txt",
        "docs/a/b/c.txt",
        "docs/a/z.txt",
        "docs/b.txt",
    ]


def test_document_holds_text_and_encoding(tmp_path: Path) -> None:
    _write(tmp_path / "gb.txt", "483.8万座\r\n".encode("gb18030"))
    assert list(iter_documents([str(tmp_path / "gb.txt")])) == [
        Document(str(tmp_path / "gb.txt"), "483.8万座\n", "gb18030")
    ]


def test_dash_reads_stdin_bytes() -> None:
    stdin = io.BytesIO("483.8萬座".encode("big5"))
    assert list(iter_documents(["-"], stdin=stdin)) == [Document("-", "483.8萬座", "big5")]


def test_empty_file_is_an_empty_document(tmp_path: Path) -> None:
    _write(tmp_path / "empty.txt", b"")
    assert [d.text for d in iter_documents([str(tmp_path / "empty.txt")])] == [""]


def test_empty_stdin_is_an_empty_document() -> None:
    assert list(iter_documents(["-"], stdin=io.BytesIO(b""))) == [Document("-", "", "utf-8")]


def _only_error(items: list[Document | InputError]) -> InputError:
    assert len(items) == 1
    assert isinstance(items[0], InputError)
    return items[0]


def test_missing_path_is_yielded(tmp_path: Path) -> None:
    err = _only_error(list(iter_documents([str(tmp_path / "nope.txt")])))
    assert (err.path, err.problem) == (str(tmp_path / "nope.txt"), "no such file or directory")


def test_folder_without_txt_files_is_yielded(tree: Path) -> None:
    _write(tree / "md" / "a.md")
    err = _only_error(list(iter_documents(["md"])))
    assert (err.path, err.problem) == ("md", "no files matching *.txt in this folder")


def test_read_error_is_yielded(tree: Path) -> None:
    # A path through a file: a read error any user, root included, gets.
    err = _only_error(list(iter_documents(["docs/b.txt/x.txt"])))
    assert (err.path, err.problem) == ("docs/b.txt/x.txt", "not a directory")


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads mode-000 files")
def test_unreadable_file_is_yielded(tree: Path) -> None:
    (tree / "docs" / "b.txt").chmod(0)
    err = _only_error(list(iter_documents(["docs/b.txt"])))
    assert (err.path, err.problem) == ("docs/b.txt", "permission denied")


def test_permission_error_is_yielded(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The same as the chmod test, for root: open() raises what the OS would.
    real_open = builtins.open

    def refusing_open(file: object, *args: object, **kwargs: object) -> object:
        if file == "docs/b.txt":
            raise PermissionError(13, "Permission denied", file)
        return real_open(file, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(builtins, "open", refusing_open)
    err = _only_error(list(iter_documents(["docs/b.txt"])))
    assert (err.path, err.problem) == ("docs/b.txt", "permission denied")


def test_unreadable_subfolder_is_yielded_in_its_place(
    tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A folder that cannot be listed (simulated, for root) is reported where its files would be.
    real_scandir = os.scandir

    def refusing_scandir(path: str) -> object:
        if path == os.path.join("docs", "a"):
            raise PermissionError(13, "Permission denied", path)
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", refusing_scandir)
    items = list(iter_documents(["docs"]))
    assert [(type(i).__name__, i.path) for i in items] == [
        ("InputError", "docs/a"),
        ("Document", "docs/b.txt"),
        ("Document", "docs/c.txt"),
    ]
    assert items[0].problem == "permission denied"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"\x00\x01\x02", "not text: binary data (NUL bytes)"),
        (b"abc \xff\xff", "cannot decode as UTF-8, GB18030 or Big5"),
    ],
    ids=["binary", "undecodable"],
)
def test_undecodable_file_is_yielded(tree: Path, data: bytes, problem: str) -> None:
    _write(tree / "bad.txt", data)
    err = _only_error(list(iter_documents(["bad.txt"])))
    assert (err.path, err.problem) == ("bad.txt", problem)


def test_errors_do_not_stop_the_batch(tree: Path) -> None:
    _write(tree / "docs" / "a" / "bad.txt", b"\x00")
    items = list(iter_documents(["missing.txt", "docs/a", "docs/c.txt"]))
    assert [(type(i).__name__, i.path) for i in items] == [
        ("InputError", "missing.txt"),
        ("Document", "docs/a/b/c.txt"),
        ("InputError", "docs/a/bad.txt"),
        ("Document", "docs/a/z.txt"),
        ("Document", "docs/c.txt"),
    ]


def test_files_are_read_lazily(tree: Path) -> None:
    # One document at a time: a file removed before its turn is reported, not read early.
    items = iter_documents(["docs"])
    assert next(items).path == "docs/a/b/c.txt"
    (tree / "docs" / "b.txt").unlink()
    rest = list(items)
    assert [(type(i).__name__, i.path) for i in rest] == [
        ("Document", "docs/a/z.txt"),
        ("InputError", "docs/b.txt"),
        ("Document", "docs/c.txt"),
    ]


# --- the walk: lazy, sorted, globs, links -----------------------------------------------------


def test_a_folder_is_walked_lazily(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # One directory is listed at a time, as the walk gets there: a folder of 100,000 files is
    # never held whole, and the first file comes before the last folder is listed.
    listed: list[str] = []
    real_scandir = os.scandir

    def recording_scandir(path: str) -> object:
        listed.append(path)
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", recording_scandir)
    items = iter_inputs(["docs"])
    assert next(items) == "docs/a/b/c.txt"
    assert listed == ["docs", "docs/a", "docs/a/b"]


@pytest.mark.parametrize(
    ("globs", "expected"),
    [
        (["*.md"], ["docs/notes.md"]),
        (
            ["*.txt", "*.md"],
            ["docs/a/b/c.txt", "docs/a/z.txt", "docs/b.txt", "docs/c.txt", "docs/notes.md"],
        ),
        (["a/*.txt"], ["docs/a/z.txt"]),  # with a /: the path inside the folder
        (["*/*.txt"], ["docs/a/z.txt"]),  # * stays within a folder name
        (["**/*.txt"], ["docs/a/b/c.txt", "docs/a/z.txt", "docs/b.txt", "docs/c.txt"]),
        (["a/**/c.txt"], ["docs/a/b/c.txt"]),
        (["[bc].txt"], ["docs/a/b/c.txt", "docs/b.txt", "docs/c.txt"]),
        (["*.TXT"], []),  # case matters, on every system
    ],
    ids=["md", "two", "path", "star", "star-star", "star-star-inside", "brackets", "case"],
)
def test_globs_choose_the_files(tree: Path, globs: list[str], expected: list[str]) -> None:
    found = [i for i in iter_inputs(["docs"], globs) if isinstance(i, str)]
    assert found == expected


def test_count_files_counts_what_the_walk_gives(tree: Path) -> None:
    assert count_files(["docs", "docs/notes.md", "-"]) == 4 + 1 + 1


def test_links_to_folders_are_not_followed_but_broken_links_are_reported(tree: Path) -> None:
    os.symlink(tree / "docs" / "a", tree / "docs" / "loop")
    os.symlink(tree / "nowhere.txt", tree / "docs" / "broken.txt")
    items = list(iter_documents(["docs"]))
    assert [(type(i).__name__, i.path) for i in items] == [
        ("Document", "docs/a/b/c.txt"),
        ("Document", "docs/a/z.txt"),
        ("Document", "docs/b.txt"),
        ("InputError", "docs/broken.txt"),
        ("Document", "docs/c.txt"),
    ]


def test_a_loop_of_links_is_reported_once_and_every_other_file_read(tree: Path) -> None:
    # a -> b -> a beside the files, and a link into the loop: is_dir() follows a link, and
    # on a loop it raised and lost the listing of the whole folder (issue 14).
    os.symlink("b", tree / "docs" / "a0")
    os.symlink("a0", tree / "docs" / "b")
    os.symlink("a0", tree / "docs" / "into-loop.txt")
    os.symlink("self.txt", tree / "docs" / "self.txt")
    items = list(iter_inputs(["docs"]))
    assert [(type(i).__name__, str(i)) for i in items] == [
        ("str", "docs/a/b/c.txt"),
        ("str", "docs/a/z.txt"),
        ("InputError", "docs/a0: symbolic link loop (docs/a0 → docs/b → docs/a0)"),
        ("str", "docs/b.txt"),
        ("str", "docs/c.txt"),
        ("InputError", "docs/self.txt: symbolic link loop (docs/self.txt → docs/self.txt)"),
    ]


def test_a_folder_that_cannot_be_listed_is_one_problem(
    tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Not also "no files matching *.txt": the folder's files were never seen (issue 14).
    real_scandir = os.scandir

    def refusing_scandir(path: str) -> object:
        if path in ("docs", os.path.join("docs", "a")):
            raise PermissionError(13, "Permission denied", path)
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", refusing_scandir)
    assert [str(i) for i in iter_inputs(["docs", "docs/a"])] == [
        "docs: permission denied",
        "docs/a: permission denied",
    ]


@pytest.mark.parametrize(
    ("listing", "paths"),
    [
        (b"a.txt\nb c.txt\n", ["a.txt", "b c.txt"]),
        (b"a.txt\r\n\n\nb.txt", ["a.txt", "b.txt"]),
        (b"a.txt\x00b.txt\x00", ["a.txt", "b.txt"]),
        ("中文.txt\n".encode(), ["中文.txt"]),
        (b"caf\xe9.txt\n", [os.fsdecode(b"caf\xe9.txt")]),  # any name the system holds
        (b"", []),
    ],
    ids=["lines", "crlf-blank", "nul", "utf-8", "undecodable", "empty"],
)
def test_paths_from_a_list(listing: bytes, paths: list[str]) -> None:
    assert list(paths_from(io.BytesIO(listing))) == paths


def test_html_is_known_by_its_name() -> None:
    assert [is_html(p) for p in ["a.html", "B.HTM", "c.txt", "html"]] == [True, True, False, False]
