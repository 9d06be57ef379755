"""The command line, through typer's CliRunner, plus real subprocess runs of `python -m pressmine`.

stdout must hold only data (JSON that parses), stderr only `Note:`/`Error:` lines, and the exit
code must be 0 (also for no claims), 1 (an input or pack error) or 2 (usage).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.main import get_command
from typer.testing import CliRunner, Result

import pressmine
from pressmine.cli import app
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
        "no-txt": "no-txt: no .txt files in this folder",
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


def test_pack_error_is_one_line_exit_1_and_output_so_far_kept(
    in_tmp: Path, monkeypatch: pytest.MonkeyPatch, hans_path: Path
) -> None:
    # A pattern pack that fails: the CLI's only other PressmineError. The first document's
    # claims are already out, the JSON array is still closed, and no traceback is shown.
    real_extract = pressmine.extract
    calls: list[str] = []

    def failing_second_time(text: str) -> list[Any]:
        calls.append(text)
        if len(calls) == 2:
            raise PackError("patterns/finance.toml", "pattern does not compile", "revenue", 12)
        return real_extract(text)

    monkeypatch.setattr(pressmine, "extract", failing_second_time)
    result = run("extract", str(hans_path), str(hans_path))
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: patterns/finance.toml:12: rule 'revenue': pattern does not compile\n"
    )
    assert has_claim(claims_of(result), {"doc": str(hans_path), **BASE_STATIONS})


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


def test_help_does_not_import_jieba() -> None:
    # `-X importtime` lists every module imported; --help must stay fast.
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "pressmine", "extract", "--help"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    imported = {line.rsplit("|", 1)[-1].strip() for line in proc.stderr.splitlines()}
    assert "pressmine.cli" in imported
    assert not {name for name in imported if name.split(".")[0] in {"jieba", "rjieba"}}
