"""The README's worked example of a pattern pack, run as written."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

from pressmine import extract, load_packs
from pressmine.examples import run_examples

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def _pack_from_readme() -> str:
    section = README[README.index("### Writing a pack") :]
    return re.search(r"```toml\n(.*?)```", section, re.S).group(1)


def test_the_writing_a_pack_example_works(tmp_path):
    folder = tmp_path / "my-packs"
    folder.mkdir()
    (folder / "shipbuilding.toml").write_text(_pack_from_readme(), encoding="utf-8")
    sentence = "1-10月,全国造船完工量4818万载重吨,同比增长13.8%"
    assert [c.unit for c in extract(sentence)] == ["%"]  # no 载重吨 without the pack

    packs = load_packs([folder])
    results = [r for r in run_examples(packs) if r.rule.pack == "shipbuilding"]
    assert len(results) == 3 and all(r.problem is None for r in results)
    claims = extract(sentence, packs)
    ship = [c for c in claims if c.unit == "载重吨"]
    assert [(c.value, c.subject, c.rule, c.period) for c in ship] == [
        (Decimal(48180000), "造船完工量", "shipbuilding:three-indicators", "1-10月")
    ]
    assert [(c.value, c.change) for c in claims if c.unit == "%"] == [(Decimal("13.8"), "increase")]
    assert extract("交付30万吨级油轮", packs) == []
