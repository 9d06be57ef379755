"""The built-in domain packs (patterns/*.toml beside core): their shape, the regional conventions
they carry, and that they only ever add to what core finds on the held-out releases.

Their embedded examples run in tests/test_packs.py (test_pack_example)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from gold_scoring import load_gold, score
from pressmine import extract, load_packs
from pressmine.text.normalize import normalize

ROOT = Path(__file__).resolve().parents[1]
RELEASES = ROOT / "tests" / "releases"
PACKS = load_packs()
DOMAIN = [p for p in PACKS.packs if p.name != "core"]


def read(path: Path) -> str:
    with open(path, encoding="utf-8") as fh:
        return fh.read()


def test_there_are_domain_packs_with_enough_examples():
    assert len(DOMAIN) >= 10
    assert sum(len(r.examples) for r in PACKS.rules) >= 150


@pytest.mark.parametrize("pack", DOMAIN, ids=[p.name for p in DOMAIN])
def test_a_domain_pack_is_described_and_every_rule_has_examples(pack):
    assert pack.description
    assert pack.rules, "a domain pack has rules"
    for rule in pack.rules:
        assert rule.examples, f"{rule.name} has no examples"


def test_examples_come_in_both_scripts():
    texts = [ex.text for p in DOMAIN for r in p.rules for ex in r.examples]
    traditional = [
        t
        for t in texts
        if normalize(t) != t
        and any(a != b and "\u4e00" <= a <= "\u9fff" for a, b in zip(t, normalize(t), strict=True))
    ]
    assert len(traditional) >= len(texts) // 5


def test_no_example_copies_a_held_out_release():
    """The releases measure rules written without them: an example may share their phrasing
    (每10股派发现金红利 is in every dividend notice) but must not quote one of their figures in
    its context. A figure of two digits (7.3%) recurs by chance; one of three or more is
    a quote."""
    docs = [normalize(read(p)) for p in sorted(RELEASES.glob("*.txt"))]
    figure = re.compile(r"\d(?:[.,]?\d){2,}")
    for p in DOMAIN:
        for r in p.rules:
            for ex in r.examples:
                t = normalize(ex.text)
                windows = {t[i : i + 10] for i in range(len(t) - 9)}
                quoted = [w for w in windows if figure.search(w) and any(w in d for d in docs)]
                assert not quoted, (r.name, ex.text, quoted)


# ------------------------------------------------------------------------ regional conventions


def test_a_bare_dollar_is_the_hong_kong_dollar_only_in_hong_kong_texts():
    hk = extract("香港今年首九個月的整體出口貨值為$3,630億元。")
    assert [(c.text, c.unit) for c in hk] == [("$3,630億元", "港元")]
    assert [c.unit for c in extract("The price is $20.")] == ["美元"]


def test_declared_currencies_reach_the_bare_amounts_after_them():
    text = "1-11月进出口总额(以美元计,下同)为5.6万亿,同比增长3.6%;其中出口3.2万亿,增长5.4%。"
    got = [(c.text, c.unit, c.subject) for c in extract(text) if c.unit != "%"]
    # 出口 shares the measure its list named first (CLAIMS.md v2: 出口总额)
    assert got == [("5.6万亿", "美元", "进出口总额"), ("3.2万亿", "美元", "出口总额")]
    table = "进出口主要数据(单位:美元):出口总值2.66万亿,进口总值1.85万亿。"
    assert [c.unit for c in extract(table)] == ["美元", "美元"]


def test_taiwan_trillions_and_hong_kong_cents():
    assert [(c.value, c.unit) for c in extract("今年全台出口總值達4.7兆元。")] == [
        (4700000000000, "元")
    ]
    cents = extract("每股基本盈利為12.1港仙")
    assert [(c.unit, c.normalized.unit, float(c.normalized.value)) for c in cents] == [
        ("港仙", "HKD", 0.121)
    ]


def test_a_change_then_the_level_it_reached_are_two_claims():
    claims = extract("收入同比增长3.08%至14.37亿港元。")
    assert [(c.text, c.unit, c.value_max) for c in claims] == [
        ("3.08%", "%", None),
        ("14.37亿港元", "港元", None),
    ]


# ------------------------------------------------------------------------------ gold figures


def _release_score(packs):
    docs = {p.stem: read(p) for p in sorted(RELEASES.glob("*.txt"))}
    preds = {k: [c.to_dict() for c in extract(t, packs)] for k, t in docs.items()}
    return score(docs, load_gold(RELEASES / "gold"), preds)


def test_domain_packs_only_add_to_core_on_the_held_out_releases():
    core = _release_score(load_packs(only=["core"]))
    full = _release_score(PACKS)
    assert full.f1 >= core.f1
    for field in ("subject", "qualifier", "change", "period"):
        assert full.rate(field) >= core.rate(field), field
    assert full.rate("subject") > core.rate("subject")  # the packs' subjects are better


@pytest.mark.parametrize(
    ("text", "claim_text", "period"),
    [
        ("最新失業率(2024年10月至12月)為3.1%。", "3.1%", "2024年10月至12月"),
        ("第3季商品出口達1,694億美元,年增36.5%。", "36.5%", "第3季"),
        ("今年首季GDP成長13.27%。", "13.27%", "今年首季"),
        ("前3季經濟成長率為4.6%。", "4.6%", "前3季"),
        ("主計總處預測明(2026)年經濟成長3.54%。", "3.54%", "明(2026)年"),
    ],
    ids=["three-months", "quarter", "first-quarter", "three-quarters", "western-year"],
)
def test_regional_periods(text, claim_text, period):
    (claim,) = [c for c in extract(text) if c.text == claim_text]
    assert claim.period == period
