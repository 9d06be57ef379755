"""The committed word-class table is what scripts/build_word_classes.py makes from jieba's
dictionary, corrections included (a hand edit of the table would be lost on the next build)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_the_table_is_what_the_script_builds() -> None:
    spec = importlib.util.spec_from_file_location("build", ROOT / "scripts/build_word_classes.py")
    assert spec is not None and spec.loader is not None
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    assert build.OUT.read_text(encoding="utf-8") == build.build()
    assert "零部件\tm" not in build.build()  # a correction: a noun, not a numeral
