"""Fuzzing through the command line (issue 14): folders of random files, random bytes or random
mixtures of the number grammar's pieces with units, qualifiers, punctuation and markup, in
random encodings, run with --jobs 2. Never a traceback nor a "pressmine failed" line; every
problem is an `Error:` line of its document, the exit code says whether there was one; every
offset is valid: `original[start:end] == text`.

The suite runs `EXAMPLES` examples (25: a few seconds); `PRESSMINE_FUZZ_EXAMPLES=2000 pytest
tests/test_fuzz.py` runs a longer search.
"""

from __future__ import annotations

import itertools
import json
import os
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from pressmine.cli.app import app
from pressmine.grammar.numbers import DIGIT_VALUES, EXPONENTS, SIGNS, TENS, VAGUE
from pressmine.text.decode import decode
from pressmine.text.documents import printable

EXAMPLES = int(os.environ.get("PRESSMINE_FUZZ_EXAMPLES", "25"))

# The grammar's own characters, then what stands around numbers in a release.
PIECES = sorted(
    {*DIGIT_VALUES, *EXPONENTS, *TENS, *SIGNS, *VAGUE}
    | set("0123456789.,eE^kKMG%‰/~-")
    | {"分之", "点", "又", "至", "到", "多", "余", "万亿", "亿元", "元", "个", "座", "人次"}
    | {"公里", "吨", "超", "约", "以上", "近", "增长", "下降", "同比", "个百分点", "年", "月"}
    | {"截至", "2025年1-11月", "第", "5G", "，", "。", "、", "；", "（美元，下同）", "：", "为"}
    | {" ", "\u3000", "\t", "\n", "\r\n", "\r", "<p>", "</b>", "&#20159;", "&amp;", "\ufeff"}
    | {"５", "萬", "億", "兩", "點", "增長", "１２３", "9" * 30, "1e999999999", "2^99999"}
)
ENCODINGS = ("utf-8", "utf-8-sig", "gb18030", "big5", "utf-16")
NAMES = ("a.txt", "b.txt", "c.html", "d.TXT", os.fsdecode(b"\xe9t\xe9.txt"))

texts = st.lists(st.sampled_from(PIECES), max_size=80).map("".join)
encoded = st.tuples(texts, st.sampled_from(ENCODINGS)).map(
    lambda pair: pair[0].encode(pair[1], errors="replace")
)
contents = st.one_of(st.binary(max_size=400), encoded, encoded)
folders = st.dictionaries(st.sampled_from(NAMES), contents, min_size=2, max_size=len(NAMES))


@settings(
    max_examples=EXAMPLES,
    deadline=None,  # a run forks workers: its time says nothing
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(files=folders)
def test_random_files_never_break_a_run(tmp_path: Path, files: dict[str, bytes]) -> None:
    folder = tmp_path / "fuzz"
    folder.mkdir(exist_ok=True)
    for old in folder.iterdir():  # the same folder for every example of the test
        old.unlink()
    for name, data in files.items():
        (folder / name).write_bytes(data)
    result = CliRunner().invoke(
        app, ["extract", str(folder), "-g", "*", "-f", "jsonl", "-j", "2"], catch_exceptions=True
    )
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    lines = result.stderr.splitlines()
    assert all(line.startswith(("Error: ", "Note: ")) for line in lines), lines
    assert not any("pressmine failed" in line for line in lines), lines
    failed = [line for line in lines if line.startswith("Error: ")]
    assert result.exit_code == (1 if failed else 0), (result.exit_code, lines)

    by_doc = {printable(str(folder / name)): folder / name for name in files}
    claims = [json.loads(line) for line in result.stdout.splitlines()]
    for doc, group in itertools.groupby(claims, key=lambda c: c["doc"]):
        path = by_doc[doc]
        assert not any(line.startswith(f"Error: {doc}: ") for line in failed)
        original = decode(path.read_bytes(), str(path)).text  # as pressmine read it
        for claim in group:
            assert original[claim["start"] : claim["end"]] == claim["text"], claim
    assert len(failed) + len({c["doc"] for c in claims}) <= len(files)
