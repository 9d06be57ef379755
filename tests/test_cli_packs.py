"""`pressmine packs list|check|show`, `pressmine explain`, and extract with --packs/--only."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pressmine.cli.app import app

runner = CliRunner()

GOOD = """
[pack]
name = "ships"
description = "ship tonnage"

[[units]]
kind = "measure"
name = "载重吨"
normalized = "DWT"

[[rule]]
id = "tonnage"
pattern = '(?P<subject>造船完工量)(?P<value>{{number}})(?P<unit>{{unit}})'
priority = 20
examples = [{ text = "造船完工量4818万载重吨", value = 48180000, unit = "载重吨" }]
"""


def pack_dir(tmp_path: Path, body: str) -> Path:
    folder = tmp_path / "packs"
    folder.mkdir()
    (folder / "ships.toml").write_text(body, encoding="utf-8")
    return folder


def test_packs_list_names_every_builtin_pack():
    result = runner.invoke(app, ["packs", "list"])
    assert result.exit_code == 0
    for name in ("core", "macro", "trade", "hongkong"):
        assert name in result.stdout


def test_packs_check_runs_every_example(tmp_path):
    result = runner.invoke(app, ["packs", "check", str(pack_dir(tmp_path, GOOD))])
    assert result.exit_code == 0, result.output
    assert "0 failed" in result.stdout


def test_packs_check_fails_on_a_wrong_example(tmp_path):
    bad = GOOD.replace("value = 48180000", "value = 1")
    result = runner.invoke(app, ["packs", "check", str(pack_dir(tmp_path, bad))])
    assert result.exit_code == 1
    assert "FAIL ships:tonnage#0" in result.stdout


def test_a_broken_pack_is_one_error_line(tmp_path):
    folder = pack_dir(tmp_path, GOOD.replace("{{number}})", "{{number}}"))
    for args in (["packs", "check", str(folder)], ["extract", "-", "--packs", str(folder)]):
        result = runner.invoke(app, args, input="增长5%")
        assert result.exit_code == 1, args
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("Error: ") and "ships.toml" in lines[0]
        assert "rule 'tonnage'" in lines[0]


def test_packs_show_prints_rules_as_written():
    result = runner.invoke(app, ["packs", "show", "core"])
    assert result.exit_code == 0
    assert "rule quantity" in result.stdout and "{{number}}" in result.stdout
    assert runner.invoke(app, ["packs", "show", "nope"]).exit_code == 1


def test_explain_shows_candidates_verdicts_and_claims(tmp_path):
    result = runner.invoke(app, ["explain", "2025年,全省发生事故782起,落实24小时值守"])
    assert result.exit_code == 0
    out = result.stdout
    assert "normalised:" in out and "words:" in out
    assert "782起" in out and "-> claim" in out
    assert "not a claim" in out  # 2025年 and 24小时
    assert "subject=事故" in out


def test_extract_uses_extra_packs_and_only(tmp_path):
    folder = pack_dir(tmp_path, GOOD)
    text = "造船完工量4818万载重吨"
    args = ["extract", "-", "--format", "jsonl", "--jobs", "1", "--packs", str(folder)]
    result = runner.invoke(app, args, input=text)
    assert result.exit_code == 0, result.output
    claims = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(c["unit"], c["rule"]) for c in claims] == [("载重吨", "ships:tonnage")]
    without = runner.invoke(app, ["extract", "-", "--format", "jsonl", "--jobs", "1"], input=text)
    assert "载重吨" not in without.stdout


def test_packs_and_their_choice_reach_the_workers_as_arguments(tmp_path, monkeypatch):
    """--packs, --only and $PRESSMINE_PACKS are read by the command line and handed to the
    library and to the worker processes; nothing is left in the environment."""
    folder = pack_dir(tmp_path, GOOD)
    docs = [tmp_path / f"{name}.txt" for name in "ab"]
    for doc in docs:
        doc.write_text("造船完工量4818万载重吨,同比增长13.8%", encoding="utf-8")
    monkeypatch.setenv("PRESSMINE_PACKS", str(folder))
    args = ["extract", *map(str, docs), "--format", "jsonl", "--jobs", "2", "--only", "ships"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    rules = [json.loads(line)["rule"] for line in result.stdout.splitlines()]
    assert rules == ["ships:tonnage", "core:quantity"] * 2
    assert not {"PRESSMINE_ONLY", "PRESSMINE_EXCLUDE"} & set(__import__("os").environ)


def test_the_time_limit_of_user_patterns_comes_from_the_environment(runaway_pack):
    args = ["extract", "-", "--format", "jsonl", "--jobs", "1", "--packs", str(runaway_pack)]
    env = {"PRESSMINE_REGEX_TIMEOUT": "0.3"}
    result = runner.invoke(app, args, input="a" * 40 + "!", env=env)
    assert result.exit_code == 1
    assert "rule 'backtracks': pattern ran longer than 0.3 s" in result.stderr
    env = {"PRESSMINE_REGEX_TIMEOUT": "soon"}
    result = runner.invoke(app, args, input="增长5%", env=env)
    assert result.exit_code == 1
    assert "PRESSMINE_REGEX_TIMEOUT: not a number of seconds: 'soon'" in result.stderr


def test_explain_says_which_step_gave_each_subject():
    result = runner.invoke(app, ["explain", "国有控股企业实现利润总额8200亿元，同比增长5%。"])
    assert result.exit_code == 0, result.output
    steps = [line.strip() for line in result.output.splitlines() if "subject by" in line]
    assert steps == [
        "subject by rule + owner from the clause's actor: 国有控股企业 | 利润总额",
        "subject by inherited + owner from the level it changes: 国有控股企业 | 利润总额",
    ]


def test_explain_reads_stdin_in_the_encodings_extract_reads():
    result = runner.invoke(app, ["explain", "-"], input="出口增長5%".encode("big5"))
    assert result.exit_code == 0, result.output
    assert "5%: 5 %" in result.output


def test_explain_says_when_stdin_is_not_text():
    result = runner.invoke(app, ["explain", "-"], input="出口增长5%".encode() + b"\x00")
    assert result.exit_code == 1
    expected = "Error: <stdin>: not text: binary data (NUL bytes)"
    assert result.output.strip().splitlines() == [expected]
    assert "Traceback" not in result.output


BROKEN = (
    "[pack]\nname = 'p'\n{when}\n[define]\nloop = '{{{{loop}}}}'\n\n"
    "[[rule]]\nid = 'r'\npattern = '''{pattern}'''\n"  # the rule's id on line 8
)


@pytest.mark.parametrize(
    ("pattern", "when", "message"),
    [
        (
            r"(?P<value>\d{1,4294967295})",
            "",
            "8: rule 'r': pattern does not compile: the repetition number is too large",
        ),
        (
            "(?:" * 2000 + "(?P<value>x)" + ")" * 2000,
            "",
            "8: rule 'r': pattern does not compile: groups nested too deep",
        ),
        ("(?P<value>{{nope}})", "", "8: rule 'r': undefined fragment {{nope}}"),
        (
            "(?P<value>{{loop}})",
            "",
            "8: rule 'r': fragments nest too deep (a fragment that uses itself?)",
        ),
        (
            "(?P<value>x)",
            r"when = '\d{1,4294967295}'",
            "3: pattern does not compile: the repetition number is too large",
        ),
    ],
    ids=["repetition", "nesting", "undefined", "looping", "when"],
)
def test_a_pattern_that_cannot_be_compiled_is_one_error_naming_file_rule_and_line(
    tmp_path: Path, pattern: str, when: str, message: str
) -> None:
    # Before: an OverflowError (or RecursionError) traceback; fragments named no line.
    folder = tmp_path / "packs"
    folder.mkdir()
    (folder / "p.toml").write_text(BROKEN.format(when=when, pattern=pattern), encoding="utf-8")
    for args in (["packs", "check", str(folder)], ["extract", "-", "--packs", str(folder)]):
        result = runner.invoke(app, args, input="增长5%")
        assert (result.exit_code, result.stderr) == (1, f"Error: {folder}/p.toml:{message}\n")
