"""The command line, through typer's CliRunner, plus real subprocess runs of `python -m pressmine`.

stdout must hold only data (JSON that parses), stderr only `Note:`/`Error:` lines, and the exit
code must be 0 (also for no claims), 1 (an input or pack error) or 2 (usage).
"""

from __future__ import annotations

import csv
import errno
import io
import itertools
import json
import multiprocessing
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import IO, Any

import pytest
from typer.main import get_command
from typer.testing import CliRunner, Result

import pressmine
from pressmine.batch import runner, tasks
from pressmine.cli import common
from pressmine.cli.app import app
from pressmine.errors import PackError

# A claim the real extractor must find in the simplified sample (tests/gold agrees).
BASE_STATIONS = {"text": "483.8万座", "value": 4838000, "unit": "座"}


def run(*args: str, stdin: bytes | None = None) -> Result:
    # No colour whatever the environment, so stderr can be compared as plain text.
    env = {"NO_COLOR": "1", "FORCE_COLOR": None, "TTY_COMPATIBLE": None}
    return CliRunner().invoke(app, list(args), input=stdin, env=env)


def claims_of(result: Result) -> list[dict[str, Any]]:
    claims = json.loads(result.stdout)
    assert isinstance(claims, list)
    return claims


def has_claim(claims: list[dict[str, Any]], expected: dict[str, Any]) -> bool:
    return any(expected.items() <= claim.items() for claim in claims)


def assert_offsets_hold(claims: list[dict[str, Any]], text: str) -> None:
    for claim in claims:
        assert text[claim["start"] : claim["end"]] == claim["text"], claim


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Work in tmp_path, so that paths are short and relative, as a user types them."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


# --- success ------------------------------------------------------------------------------


def test_file(hans_path: Path, hans_text: str) -> None:
    result = run("extract", str(hans_path))
    assert (result.exit_code, result.stderr) == (0, "")
    claims = claims_of(result)
    assert has_claim(claims, {"doc": str(hans_path), **BASE_STATIONS})
    assert_offsets_hold(claims, hans_text)
    assert [c["start"] for c in claims] == sorted(c["start"] for c in claims)


def test_keys_are_in_to_dict_order_with_doc_first(hans_path: Path) -> None:
    claims = claims_of(run("extract", str(hans_path)))
    assert list(claims[0])[:4] == ["doc", "start", "end", "text"]


def test_traditional_file(hant_path: Path, hant_text: str) -> None:
    result = run("extract", str(hant_path))
    assert (result.exit_code, result.stderr) == (0, "")
    claims = claims_of(result)
    assert claims
    assert {c["doc"] for c in claims} == {str(hant_path)}
    assert_offsets_hold(claims, hant_text)


def test_folder(hans_path: Path, hant_path: Path, hans_text: str, hant_text: str) -> None:
    folder = str(hans_path.parent)
    result = run("extract", folder)
    assert (result.exit_code, result.stderr) == (0, "")
    claims = claims_of(result)
    docs = [c["doc"] for c in claims]
    # Documents in sorted order (hans before hant), each path the folder as given + file name.
    assert docs == sorted(docs)
    assert set(docs) == {os.path.join(folder, hans_path.name), os.path.join(folder, hant_path.name)}
    texts = {str(hans_path): hans_text, str(hant_path): hant_text}
    for doc, text in texts.items():
        assert_offsets_hold([c for c in claims if c["doc"] == doc], text)


def test_stdin(hans_path: Path) -> None:
    result = run("extract", "-", stdin=hans_path.read_bytes())
    assert (result.exit_code, result.stderr) == (0, "")
    assert has_claim(claims_of(result), {"doc": "-", **BASE_STATIONS})


def test_jsonl_has_the_same_claims_one_per_line(hans_path: Path) -> None:
    as_json = claims_of(run("extract", str(hans_path)))
    result = run("extract", str(hans_path), "--format", "jsonl")
    assert (result.exit_code, result.stderr) == (0, "")
    lines = result.stdout.splitlines()
    assert [json.loads(line) for line in lines] == as_json
    assert result.stdout.endswith("}\n")


def test_json_output_is_one_claim_a_line(hans_path: Path) -> None:
    lines = run("extract", str(hans_path)).stdout.splitlines()
    assert lines[0] == "["
    assert lines[-1] == "]"
    assert all(line.startswith('  {"doc": ') for line in lines[1:-1])


def test_gb18030_file_gets_a_note_and_offsets_into_its_text(in_tmp: Path, hans_text: str) -> None:
    (in_tmp / "gb.txt").write_bytes(hans_text.encode("gb18030"))
    result = run("extract", "gb.txt")
    assert (result.exit_code, result.stderr) == (0, "Note: gb.txt: decoded as GB18030\n")
    claims = claims_of(result)
    assert has_claim(claims, {"doc": "gb.txt", **BASE_STATIONS})
    assert_offsets_hold(claims, hans_text)


def test_big5_file_gets_a_note(in_tmp: Path, hant_text: str) -> None:
    (in_tmp / "b5.txt").write_bytes(hant_text.encode("big5", errors="replace"))
    result = run("extract", "b5.txt")
    assert (result.exit_code, result.stderr) == (0, "Note: b5.txt: decoded as Big5\n")
    as_utf8 = claims_of(run("extract", "-", stdin=hant_text.encode()))
    assert claims_of(result) == [dict(claim, doc="b5.txt") for claim in as_utf8]


@pytest.mark.parametrize(
    ("args", "stdin"),
    [(["extract", "empty.txt"], None), (["extract", "-"], b"")],
    ids=["empty-file", "empty-stdin"],
)
def test_empty_input_is_an_empty_array(in_tmp: Path, args: list[str], stdin: bytes | None) -> None:
    (in_tmp / "empty.txt").write_bytes(b"")
    result = run(*args, stdin=stdin)
    assert (result.exit_code, result.stdout, result.stderr) == (0, "[]\n", "")


def test_text_without_claims_exits_0(in_tmp: Path) -> None:
    result = run("extract", "-", "--format", "jsonl", stdin="今天天气很好。".encode())
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")


def test_version() -> None:
    result = run("--version")
    assert (result.exit_code, result.stdout) == (0, f"pressmine {pressmine.__version__}\n")


# --- errors -------------------------------------------------------------------------------


def _bad_inputs(root: Path) -> dict[str, str]:
    """Make one input per error path; return {path as given: the message expected on stderr}."""
    (root / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (root / "latin.txt").write_bytes(b"caf\xe9 \xff\xff")
    (root / "no-txt").mkdir()
    (root / "no-txt" / "notes.md").write_text("483.8万座")
    (root / "plain.txt").write_text("483.8万座")
    return {
        "missing.txt": "missing.txt: no such file or directory",
        "binary.txt": "binary.txt: not text: binary data (NUL bytes)",
        "latin.txt": "latin.txt: cannot decode as UTF-8, GB18030 or Big5",
        "no-txt": "no-txt: no files matching *.txt in this folder",
        "plain.txt/x.txt": "plain.txt/x.txt: not a directory",
    }


@pytest.mark.parametrize(
    "name", ["missing.txt", "binary.txt", "latin.txt", "no-txt", "plain.txt/x.txt"]
)
def test_input_error(in_tmp: Path, name: str) -> None:
    expected = _bad_inputs(in_tmp)[name]
    result = run("extract", name)
    assert (result.exit_code, result.stdout, result.stderr) == (1, "[]\n", f"Error: {expected}\n")


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads mode-000 files")
def test_unreadable_file(in_tmp: Path) -> None:
    (in_tmp / "secret.txt").write_text("483.8万座")
    (in_tmp / "secret.txt").chmod(0)
    result = run("extract", "secret.txt")
    assert (result.exit_code, result.stderr) == (1, "Error: secret.txt: permission denied\n")


def test_batch_with_bad_files_writes_the_good_ones_and_exits_1(
    in_tmp: Path, hans_path: Path
) -> None:
    messages = _bad_inputs(in_tmp)
    result = run("extract", "missing.txt", str(hans_path), "binary.txt", "--format", "jsonl")
    assert result.exit_code == 1
    assert result.stderr == f"Error: {messages['missing.txt']}\nError: {messages['binary.txt']}\n"
    claims = [json.loads(line) for line in result.stdout.splitlines()]
    assert has_claim(claims, {"doc": str(hans_path), **BASE_STATIONS})


def test_a_bad_file_in_a_parallel_run_is_one_line(in_tmp: Path, hans_text: str) -> None:
    # A real process with --jobs 2: the files are read in the workers.
    (in_tmp / "docs").mkdir()
    for name in ["a.txt", "c.txt", "d.txt"]:
        (in_tmp / "docs" / name).write_text(hans_text, encoding="utf-8")
    (in_tmp / "docs" / "b.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    proc = subprocess.run(
        [sys.executable, "-m", "pressmine", "extract", "docs", "-j", "2", "-f", "jsonl"],
        capture_output=True,
        timeout=120,
    )
    assert proc.returncode == 1
    assert proc.stderr == b"Error: docs/b.txt: not text: binary data (NUL bytes)\n"
    docs = [json.loads(line)["doc"] for line in proc.stdout.splitlines()]
    assert list(dict.fromkeys(docs)) == ["docs/a.txt", "docs/c.txt", "docs/d.txt"]


def test_folder_with_a_bad_file_still_writes_the_others(in_tmp: Path, hans_text: str) -> None:
    (in_tmp / "docs").mkdir()
    (in_tmp / "docs" / "a-bad.txt").write_bytes(b"\x00")
    (in_tmp / "docs" / "b-good.txt").write_text(hans_text, encoding="utf-8")
    result = run("extract", "docs")
    assert (result.exit_code, result.stderr) == (
        1,
        "Error: docs/a-bad.txt: not text: binary data (NUL bytes)\n",
    )
    assert has_claim(claims_of(result), {"doc": "docs/b-good.txt", **BASE_STATIONS})


@pytest.mark.parametrize(
    "jobs",
    [
        "1",
        pytest.param(
            "2", marks=pytest.mark.skipif(sys.platform != "linux", reason="fork keeps the patch")
        ),
    ],
)
def test_pack_error_is_one_line_exit_1_and_output_so_far_kept(
    in_tmp: Path, monkeypatch: pytest.MonkeyPatch, hans_path: Path, jobs: str
) -> None:
    # A pattern pack that fails: the CLI's only other PressmineError. The first document's
    # claims are already out, the JSON array is still closed, and no traceback is shown; from
    # a worker process too (the patch reaches the workers because they are forked).
    real_extract = tasks.extract
    (in_tmp / "trigger.txt").write_text("触发", encoding="utf-8")

    def failing_on_trigger(text: str, packs: Any = None) -> list[Any]:
        if "触发" in text:
            raise PackError("patterns/finance.toml", "pattern does not compile", "revenue", 12)
        return real_extract(text, packs)

    monkeypatch.setattr(tasks, "extract", failing_on_trigger)
    result = run("extract", str(hans_path), "trigger.txt", str(hans_path), "--jobs", jobs)
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: patterns/finance.toml:12: rule 'revenue': pattern does not compile\n"
    )
    claims = claims_of(result)
    assert has_claim(claims, {"doc": str(hans_path), **BASE_STATIONS})
    assert len(claims) == len(real_extract(hans_path.read_text(encoding="utf-8")))


@pytest.mark.parametrize(
    "args",
    [["extract"], ["extract", "x.txt", "--format", "xml"], ["nope"], ["extract", "--bogus", "x"]],
    ids=["no-path", "bad-format", "unknown-command", "unknown-option"],
)
def test_usage_error_exits_2(args: list[str]) -> None:
    result = run(*args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "Usage: pressmine" in result.stderr


# --- help ---------------------------------------------------------------------------------


def _commands() -> list[Any]:
    group = get_command(app)
    return [group, *group.commands.values()]  # type: ignore[attr-defined]


@pytest.mark.parametrize("command", _commands(), ids=lambda c: c.name or "pressmine")
def test_every_command_and_option_has_help(command: Any) -> None:
    assert command.help, f"{command.name} has no help"
    assert "Exit codes: 0" in (command.epilog or ""), f"{command.name}: exit codes not in epilog"
    for param in command.params:
        assert param.help, f"{command.name} {param.name} has no help"


def test_help_mentions_exit_codes() -> None:
    result = run("extract", "--help")
    assert result.exit_code == 0
    assert "Exit codes: 0 success" in result.stdout


def test_readme_shows_every_command_and_option(repo_root: Path) -> None:
    readme = (repo_root / "README.md").read_text(encoding="utf-8")
    for command in _commands():
        if command.name != "pressmine":
            assert f"pressmine {command.name}" in readme
        for param in command.params:
            assert all(opt in readme for opt in param.opts if opt.startswith("--")), param.opts


def test_ci_runs_the_readme_test_command(repo_root: Path) -> None:
    readme = (repo_root / "README.md").read_text(encoding="utf-8")
    command = "pip install '.[test]' && python -m pytest"
    assert f"```sh\n{command}\n```" in readme
    assert command in (repo_root / ".ci" / "run").read_text(encoding="utf-8").splitlines()


# --- real processes -----------------------------------------------------------------------


def test_python_m_pressmine_jsonl_on_samples(repo_root: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "pressmine", "extract", "samples/", "--format", "jsonl"],
        cwd=repo_root,
        capture_output=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr.decode()
    assert proc.stderr == b""
    lines = proc.stdout.decode("utf-8").splitlines()
    assert lines
    texts: dict[str, str] = {}
    for line in lines:
        claim = json.loads(line)
        doc = claim["doc"]
        assert doc.startswith("samples/")
        if doc not in texts:  # the offsets convention: how the scorer reads the original
            with open(repo_root / doc, encoding="utf-8") as f:
                texts[doc] = f.read()
        assert texts[doc][claim["start"] : claim["end"]] == claim["text"], claim
    assert len(texts) == 2


@pytest.mark.parametrize(
    ("args", "unwanted"),
    [
        (["extract", "--help"], {"jieba", "rjieba", "rich"}),
        (["--help"], {"jieba", "rjieba", "rich"}),
        (["packs", "list"], {"jieba", "rjieba", "rich.progress"}),
    ],
    ids=["extract-help", "help", "packs-list"],
)
def test_help_and_packs_list_do_not_import_jieba(args: list[str], unwanted: set[str]) -> None:
    # `-X importtime` lists every module imported; these must stay fast.
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "pressmine", *args],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    imported = {line.rsplit("|", 1)[-1].strip() for line in proc.stderr.splitlines()}
    assert "pressmine.cli.app" in imported
    prefixes = {".".join(name.split(".")[: n + 1]) for name in imported for n in range(2)}
    assert not prefixes & unwanted


def test_extract_with_jieba_imports_neither_pkg_resources_nor_html_nor_tomllib() -> None:
    """A cold start pays only for what one release needs: jieba without pkg_resources (0.2 s;
    see segment._import_jieba), no HTML parser for a text file, no TOML parser when the pack
    set comes from the cache."""
    release = str(Path(__file__).parent.parent / "samples" / "miit-2025-results-zh-hans.txt")
    code = (
        "import sys\n"
        "from pressmine.cli.app import main\n"
        f"sys.argv = ['pressmine', 'extract', '-f', 'jsonl', {release!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "mods = ('jieba', 'pkg_resources', 'html.parser', 'tomllib')\n"
        "print('LOADED', *[m for m in mods if sys.modules.get(m) is not None])\n"
    )
    env = dict(os.environ, PRESSMINE_SEGMENTER="jieba")
    runs = [
        subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120
        )
        for _ in range(2)  # the first may fill the pack cache (and so read TOML)
    ]
    lines = runs[1].stdout.splitlines()
    assert len(lines) > 40, runs[1].stderr  # the claims
    assert lines[-1] == "LOADED jieba"


# --- inputs: globs, lists, HTML -------------------------------------------------------------


def _jsonl(result: Result) -> list[dict[str, Any]]:
    return [json.loads(line) for line in result.stdout.splitlines()]


def _docs(result: Result) -> list[str]:
    """The documents in the output, in order (each once per time it was read)."""
    return [doc for doc, _ in itertools.groupby(claim["doc"] for claim in _jsonl(result))]


@pytest.fixture
def mixed(in_tmp: Path) -> Path:
    """docs/ holding .txt and .md releases, and a list of paths."""
    for name in ["docs/a.txt", "docs/b.md", "docs/sub/c.md", "docs/sub/d.txt"]:
        (in_tmp / name).parent.mkdir(parents=True, exist_ok=True)
        (in_tmp / name).write_text("已建成5G基站483.8万座。", encoding="utf-8")
    return in_tmp


def test_glob_chooses_the_files_of_a_folder(mixed: Path) -> None:
    result = run("extract", "docs", "--glob", "*.md", "-f", "jsonl")
    assert (result.exit_code, _docs(result)) == (0, ["docs/b.md", "docs/sub/c.md"])
    result = run("extract", "docs", "-g", "*.md", "-g", "*.txt", "-f", "jsonl")
    assert _docs(result) == ["docs/a.txt", "docs/b.md", "docs/sub/c.md", "docs/sub/d.txt"]
    result = run("extract", "docs", "-g", "sub/*.md", "-f", "jsonl")  # with /: from the folder
    assert _docs(result) == ["docs/sub/c.md"]


@pytest.mark.parametrize(
    ("listing", "expected"),
    [
        (b"docs/b.md\n\ndocs/sub\r\n", ["docs/b.md", "docs/sub/d.txt"]),
        (b"docs/sub/d.txt\x00docs/a.txt\x00", ["docs/sub/d.txt", "docs/a.txt"]),
    ],
    ids=["lines-blank-crlf-folder", "find-print0"],
)
def test_files_from_a_list_or_stdin(mixed: Path, listing: bytes, expected: list[str]) -> None:
    (mixed / "list.txt").write_bytes(listing)
    assert _docs(run("extract", "--files-from", "list.txt", "-f", "jsonl")) == expected
    assert _docs(run("extract", "--files-from", "-", "-f", "jsonl", stdin=listing)) == expected
    # Paths given as arguments come first.
    result = run("extract", "docs/a.txt", "--files-from", "list.txt", "-f", "jsonl")
    assert _docs(result) == ["docs/a.txt", *expected]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--files-from", "nope.txt"], "Invalid value for '--files-from': nope.txt: no such file"),
        (["-", "--files-from", "-"], "stdin cannot be both --files-from - and PATH -."),
        (["x.txt", "--excel", "-f", "json"], "--excel writes CSV"),
        (["x.txt", "--jobs", "0"], "Invalid value for '--jobs'"),
    ],
    ids=["missing-list", "stdin-twice", "excel-json", "jobs-0"],
)
def test_option_misuse_is_a_usage_error(in_tmp: Path, args: list[str], message: str) -> None:
    result = run("extract", *args)
    assert (result.exit_code, result.stdout) == (2, "")
    assert "Usage: pressmine extract" in result.stderr
    assert message in result.stderr


PAGE = (
    "<!DOCTYPE html>\n<html><head><title>通报</title><style>p {}</style>"
    "<script>var n = '99万座';</script></head>\n<body>\n"
    "<p>已建成5G基站<b>483.8</b>万座，\n覆盖超330个城市&#xFF0C;直接经济损失3096.4亿元。</p>\n"
    "</body></html>\n"
)


def test_html_file_offsets_point_into_the_page(in_tmp: Path) -> None:
    (in_tmp / "page.html").write_bytes(PAGE.replace("\n", "\r\n").encode("utf-8"))
    result = run("extract", "page.html", "-f", "jsonl")
    assert (result.exit_code, result.stderr) == (0, "")
    claims = _jsonl(result)
    with open("page.html", encoding="utf-8") as f:  # the README's offsets convention
        original = f.read()
    assert_offsets_hold(claims, original)
    # Markup inside a claim's span stays in its text; script content is not read.
    assert [c["text"] for c in claims] == ["483.8</b>万座", "超330个", "3096.4亿元"]
    assert [c["value"] for c in claims] == [4838000, 330, 309640000000]
    assert claims[2]["subject"] == "直接经济损失"


def test_html_on_stdin_is_recognised_by_its_start() -> None:
    result = run("extract", "-", "-f", "jsonl", stdin=PAGE.encode("utf-8"))
    claims = _jsonl(result)
    assert_offsets_hold(claims, PAGE)
    assert [c["text"] for c in claims][:1] == ["483.8</b>万座"]


# --- formats and -o ---------------------------------------------------------------------------


def test_csv_holds_the_json_claims(hans_path: Path) -> None:
    as_json = claims_of(run("extract", str(hans_path)))
    result = run("extract", str(hans_path), "--format", "csv")
    assert (result.exit_code, result.stderr) == (0, "")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == len(as_json)
    first, claim = rows[0], as_json[0]
    assert (first["doc"], first["text"], first["unit"]) == (
        claim["doc"],
        claim["text"],
        claim["unit"],
    )
    assert float(first["value"]) == claim["value"]
    assert first["normalized_unit"] == claim["normalized"]["unit"]
    assert first["value_max"] == "" and claim["value_max"] is None  # null is an empty cell
    assert "\r" not in result.stdout


def test_csv_for_excel_has_a_bom_and_crlf(hans_path: Path) -> None:
    result = run("extract", str(hans_path), "--excel")  # --excel alone means CSV
    assert result.stdout.startswith("\ufeffdoc,start,end,text,value,")
    data = result.stdout_bytes  # .stdout reads \r\n as \n
    assert data.count(b"\r\n") == data.count(b"\n") > 1


def test_table_is_for_people(hans_path: Path) -> None:
    result = run("extract", str(hans_path), "--format", "table")
    assert (result.exit_code, result.stderr) == (0, "")
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"{hans_path}  ") and lines[0].endswith(" claims")
    row = next(line for line in lines if "483.8万座" in line)
    assert "4,838,000" in row and "5G基站" in row
    assert not any("{" in line for line in lines)


def test_table_of_a_document_without_claims(in_tmp: Path) -> None:
    result = run("extract", "-", "-f", "table", stdin="今天天气很好。".encode())
    assert (result.exit_code, result.stdout) == (0, "(stdin)  0 claims\n")


@pytest.mark.parametrize(
    ("name", "first_line"),
    [("out.json", "["), ("out.jsonl", '{"doc": '), ("OUT.CSV", "doc,start,end,")],
)
def test_output_file_format_follows_its_extension(
    in_tmp: Path, hans_path: Path, name: str, first_line: str
) -> None:
    result = run("extract", str(hans_path), "-o", name)
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    assert (in_tmp / name).read_text(encoding="utf-8").startswith(first_line)
    assert sorted(p.name for p in in_tmp.iterdir()) == [name]  # no temporary file left


def test_output_dash_is_stdout(in_tmp: Path, hans_path: Path) -> None:
    result = run("extract", str(hans_path), "-o", "-", "-f", "jsonl")
    assert has_claim(_jsonl(result), BASE_STATIONS)
    assert not (in_tmp / "-").exists()


def test_output_file_is_replaced_keeping_its_mode(in_tmp: Path, hans_path: Path) -> None:
    (in_tmp / "out.json").write_text("old")
    (in_tmp / "out.json").chmod(0o640)
    assert run("extract", str(hans_path), "-o", "out.json").exit_code == 0
    assert claims_of_file(in_tmp / "out.json")
    assert (in_tmp / "out.json").stat().st_mode & 0o777 == 0o640


def claims_of_file(path: Path) -> list[dict[str, Any]]:
    claims = json.loads(path.read_text(encoding="utf-8"))
    assert isinstance(claims, list)
    return claims


def test_output_file_is_written_when_some_inputs_fail(in_tmp: Path, hans_path: Path) -> None:
    result = run("extract", str(hans_path), "missing.txt", "-o", "out.json")
    assert (result.exit_code, result.stderr) == (
        1,
        "Error: missing.txt: no such file or directory\n",
    )
    assert has_claim(claims_of_file(in_tmp / "out.json"), BASE_STATIONS)


def test_output_into_a_missing_folder_is_an_error(in_tmp: Path, hans_path: Path) -> None:
    result = run("extract", str(hans_path), "-o", "nope/out.json")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == "Error: nope/out.json: no such file or directory\n"


# --- a batch: jobs, order, failures -------------------------------------------------------------


@pytest.fixture
def releases(in_tmp: Path, repo_root: Path) -> Path:
    """rel/ with the test releases and samples, twice over, under numbered names."""
    sources = sorted((repo_root / "tests" / "releases").glob("*.txt"))
    sources += sorted((repo_root / "samples").glob("*.txt"))
    (in_tmp / "rel").mkdir()
    for i, source in enumerate(sources * 2):
        (in_tmp / "rel" / f"{i:03d}-{source.name}").write_bytes(source.read_bytes())
    return in_tmp / "rel"


def test_jobs_do_not_change_the_output_or_its_order(releases: Path) -> None:
    files = len(list(releases.iterdir()))
    one = run("extract", "rel", "-f", "jsonl", "--jobs", "1")
    two = run("extract", "rel", "-f", "jsonl", "--jobs", "2")
    assert (one.exit_code, two.exit_code, one.stderr, two.stderr) == (0, 0, "", "")
    assert one.stdout == two.stdout
    docs = _docs(one)
    assert docs == sorted(docs) and len(docs) == files


def test_fail_fast_stops_at_the_first_bad_file(releases: Path) -> None:
    files = len(list(releases.iterdir()))
    (releases / "010-bad.txt").write_bytes(b"\x00")
    for jobs in ("1", "2"):
        result = run("extract", "rel", "-f", "jsonl", "--jobs", jobs, "--fail-fast")
        assert result.exit_code == 1
        assert result.stderr == "Error: rel/010-bad.txt: not text: binary data (NUL bytes)\n"
        assert _docs(result)[-1] < "rel/010"
    result = run("extract", "rel", "-f", "jsonl", "--jobs", "2")
    assert (result.exit_code, len(_docs(result))) == (1, files)  # without it: every other file


# --- signals and pipes ---------------------------------------------------------------------------


@pytest.fixture
def signal_after_first_document(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Send this process the signal put in the list once the first document is written: it
    arrives while a document is being written out, the moment a careless handler would cut a
    claim in half."""
    signals: list[int] = []
    real_take = runner.Run._take

    def take_then_signal(run: Any, part: tasks.Part) -> bool:
        ok = real_take(run, part)
        if signals and run.files == 1:
            os.kill(os.getpid(), signals.pop())
        return ok

    monkeypatch.setattr(runner.Run, "_take", take_then_signal)
    return signals


@pytest.mark.parametrize("jobs", ["1", "2"])
@pytest.mark.parametrize(("signum", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_a_signal_writes_what_is_finished_and_stops(
    releases: Path, signal_after_first_document: list[int], jobs: str, signum: int, code: int
) -> None:
    signal_after_first_document.append(signum)
    result = run("extract", "rel", "-j", jobs)
    assert (result.exit_code, result.stderr) == (code, "")
    claims = claims_of(result)  # a whole, closed JSON array
    assert claims and claims[0]["doc"] == "rel/" + sorted(p.name for p in releases.iterdir())[0]
    assert len(_docs_of(claims)) < len(list(releases.iterdir()))
    assert not multiprocessing.active_children()  # the workers are stopped, not left behind
    assert signal.getsignal(signum) is signal.default_int_handler or signum != signal.SIGINT


def _docs_of(claims: list[dict[str, Any]]) -> list[str]:
    return [doc for doc, _ in itertools.groupby(c["doc"] for c in claims)]


def test_ctrl_c_leaves_the_output_file_as_it_was(
    releases: Path, signal_after_first_document: list[int]
) -> None:
    (releases.parent / "out.json").write_text("old")
    signal_after_first_document.append(signal.SIGINT)
    result = run("extract", "rel", "-o", "out.json")
    assert (result.exit_code, result.stdout, result.stderr) == (130, "", "")
    assert (releases.parent / "out.json").read_text() == "old"  # never half-written
    assert sorted(p.name for p in releases.parent.iterdir()) == ["out.json", "rel"]


def test_ctrl_c_with_a_database_keeps_the_finished_documents(
    releases: Path, signal_after_first_document: list[int]
) -> None:
    signal_after_first_document.append(signal.SIGINT)
    result = run("extract", "rel", "--db", "c.sqlite", "-j", "1")
    assert result.exit_code == 130
    con = sqlite3.connect("c.sqlite")
    paths = [p for (p,) in con.execute("SELECT path FROM documents")]
    con.close()
    assert paths == ["rel/" + sorted(p.name for p in releases.iterdir())[0]]


def test_a_closed_stdout_stops_the_run_quietly(
    releases: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    class ClosedPipe(io.StringIO):
        def write(self, s: str) -> int:
            raise BrokenPipeError(32, "Broken pipe")

    monkeypatch.setattr(common, "utf8", lambda stream: ClosedPipe())
    result = run("extract", "rel", "-f", "jsonl", "-j", "2")
    assert (result.exit_code, result.stderr) == (141, "")
    assert not multiprocessing.active_children()


# Real processes: Ctrl-C while the run waits for input, and a reader that goes away.


def _start(cwd: Path, *args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "pressmine", "extract", *args],
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def _read_line(proc: subprocess.Popen[bytes], stream: IO[bytes] | None) -> bytes:
    """The process's output up to a line end, read unbuffered so that communicate() goes on
    from there; the process is killed if none comes (a failure, not a hang)."""
    assert stream is not None
    timer = threading.Timer(120, proc.kill)
    timer.start()
    data = b""
    try:
        while not data.endswith(b"\n") and (chunk := os.read(stream.fileno(), 1)):
            data += chunk
    finally:
        timer.cancel()
    return data


def _open_fifo_for(proc: subprocess.Popen[bytes], fifo: Path) -> IO[bytes]:
    """The write end of `fifo`, once `proc` opens it to read: a plain open() would wait for
    ever if the process ended first."""
    deadline = time.monotonic() + 120
    while True:
        try:
            fd = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)  # ENXIO: no reader yet
        except OSError as err:
            if err.errno != errno.ENXIO:
                raise
        else:
            os.set_blocking(fd, True)
            return open(fd, "wb")
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            _, err = proc.communicate()
            pytest.fail(f"the list was never opened (exit code {proc.returncode}): {err!r}")
        time.sleep(0.05)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs a named pipe")
def test_ctrl_c_while_waiting_for_input(in_tmp: Path, hans_text: str) -> None:
    # The list of paths comes through a named pipe, so the run is surely waiting for the next
    # name when Ctrl-C comes; the Note on stderr says the first document is done.
    (in_tmp / "gb.txt").write_bytes(hans_text.encode("gb18030"))
    os.mkfifo(in_tmp / "list")
    proc = _start(in_tmp, "--files-from", "list", "-j", "1")
    with _open_fifo_for(proc, in_tmp / "list") as names:
        names.write(b"gb.txt\n")
        names.flush()
        assert _read_line(proc, proc.stderr) == b"Note: gb.txt: decoded as GB18030\n"
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=60)
    assert (proc.returncode, err) == (130, b"")
    assert has_claim(json.loads(out), {"doc": "gb.txt", **BASE_STATIONS})  # a closed array


def test_a_reader_that_goes_away_ends_the_run_quietly(releases: Path) -> None:
    proc = _start(releases.parent, "rel", "-f", "jsonl")
    assert _read_line(proc, proc.stdout)
    proc.stdout.close()  # type: ignore[union-attr]  # `| head -1`
    _, err = proc.communicate(timeout=60)
    assert (proc.returncode, err) == (141, b"")  # no traceback, no "Exception ignored"
