"""The README's section on comparing releases, run as written: the jq example and its output,
the conflicts of an edited copy as the table shows them, and the Python example."""

from __future__ import annotations

import contextlib
import io
import json
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from pressmine.cli.app import app

REPO = Path(__file__).resolve().parents[1]
README = (REPO / "README.md").read_text(encoding="utf-8")
SECTION = README.split("## Comparing releases\n", 1)[1].split("\n## ", 1)[0]


def run(*args: str) -> Result:
    env = {"NO_COLOR": "1", "FORCE_COLOR": None, "TTY_COMPATIBLE": None}
    return CliRunner().invoke(app, list(args), env=env)


def blocks(kind: str) -> list[str]:
    return [part.split("```", 1)[0] for part in SECTION.split(f"```{kind}\n")[1:]]


def test_the_jq_example_gives_the_output_shown(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    command = next(b for b in blocks("sh") if "jq -c" in b).strip()
    shown = next(b for b in blocks("text") if b.startswith('["agree"'))
    left, right = command.split(" | ", 1)
    result = run(*shlex.split(left)[1:])
    assert result.exit_code == 0
    if shutil.which("jq"):
        out = subprocess.run(
            shlex.split(right), input=result.stdout_bytes, capture_output=True, check=True
        ).stdout.decode()
    else:  # the same filter, for a machine without jq
        groups = [json.loads(line) for line in result.stdout.splitlines()]
        rows = [
            [g["status"], g["subject"], g["values"], [m["text"] for m in g["members"]]]
            for g in groups
            if g["status"] != "single"
        ]
        out = "".join(json.dumps(r, ensure_ascii=False, separators=(",", ":")) + "\n" for r in rows)
    assert out == shown


def test_the_conflicts_are_what_the_table_shows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    console = next(b for b in blocks("console") if "edited.txt" in b)
    lines = console.splitlines()
    sed, command = lines[0], lines[1]
    assert sed.startswith("$ sed 's/483.8万座/493.8万座/; s/1590EFLOPS/1950EFLOPS/' ")
    monkeypatch.chdir(tmp_path)
    shutil.copytree(REPO / "samples", "samples")
    sample = Path("samples/miit-2025-results-zh-hans.txt").read_text(encoding="utf-8")
    edited = sample.replace("483.8万座", "493.8万座").replace("1590EFLOPS", "1950EFLOPS")
    Path("edited.txt").write_text(edited, encoding="utf-8")
    result = run(*shlex.split(command)[2:], "--format", "table")  # at a terminal: a table
    assert result.exit_code == 0
    conflicts = result.stdout.split("\nConflict:", 1)[1].split("\n\n", 1)[0]
    assert ["Conflict:" + conflicts.splitlines()[0], *conflicts.splitlines()[1:]] == lines[2:]


def test_the_python_example_prints_what_its_comment_says() -> None:
    code = next(b for b in blocks("python") if "compare(a + b)" in b)
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(compile(code, "README.md", "exec"), {})
    assert printed.getvalue().strip() == code.rsplit("# ", 1)[1].strip()
