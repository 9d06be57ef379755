"""A bare 元 in a release from Hong Kong, Macau or Taiwan is the local dollar (CLAIMS.md §Unit):
`unit` keeps 元 and `normalized` names the local currency; 人民币 written out stays CNY, and a
release that only names a region is not from it."""

from __future__ import annotations

from pathlib import Path

import pytest

from pressmine import extract, find_quantities
from pressmine.batch import tasks
from pressmine.errors import PackError
from pressmine.packs.home import local_currency
from pressmine.packs.loader import load_packs


def _currencies(text: str) -> dict[str, str | None]:
    return {c.text: c.normalized.unit if c.normalized else None for c in extract(text)}


@pytest.mark.parametrize(
    ("text", "figure", "currency"),
    [
        ("政府統計處今日公布，本港住戶每月平均開支為2.8萬元。", "2.8萬元", "HKD"),
        ("財政司司長表示，政府會向合資格人士發放1萬元。", "1萬元", "HKD"),
        ("主計總處公布，平均每戶可支配所得為111萬元。", "111萬元", "TWD"),
        ("統計暨普查局公布，本澳住戶平均每月開支為3.2萬元。", "3.2萬元", "MOP"),
        ("經濟財政司司長表示，政府將向居民發放1萬元。", "1萬元", "MOP"),
        # Written out, the national currency is what it says, wherever the text is from.
        ("政府統計處公布，內地旅客人均消費人民幣5,000元。", "人民幣5,000元", "CNY"),
        # A mainland release that names Hong Kong as a partner is not from Hong Kong.
        ("海关总署公布，我国对香港出口3000亿元，增长5%。", "3000亿元", "CNY"),
        ("今年全国居民人均可支配收入39218元。", "39218元", "CNY"),
    ],
)
def test_a_bare_yuan_is_the_currency_of_where_the_release_is_from(
    text: str, figure: str, currency: str
) -> None:
    assert _currencies(text)[figure] == currency


def test_the_region_written_most_often_is_the_release_s_home() -> None:
    text = (
        "統計暨普查局公布，本澳居民赴港消費，全澳住戶每月開支為3.2萬元，"
        "本澳旅客人數上升。本港旅客亦增加。"
    )
    assert _currencies(text)["3.2萬元"] == "MOP"


def test_find_quantities_reads_the_local_currency_too() -> None:
    found = find_quantities("政府統計處公布，本港住戶每月平均開支為2.8萬元。")
    assert [q.normalized.unit for q in found if q.normalized] == ["HKD"]


def test_a_block_of_a_long_release_takes_the_currency_of_the_whole(repo_root: Path) -> None:
    # The Hong Kong pack's `home` is in the release's first lines; a block far from them still
    # reads 元 as the Hong Kong dollar.
    text = (repo_root / "tests/releases/hk-retail-2020-02-zh-hant.txt").read_text(encoding="utf-8")
    packs = tasks._document_packs(text + "\n" + "今天天气很好。" * 3000, load_packs())
    assert local_currency(packs, "零售额为227亿元。") == "HKD"
    mainland = tasks._document_packs(
        "我国对香港出口3000亿元。" + "今天天气很好。" * 3000, load_packs()
    )
    assert local_currency(mainland, "本港零售额为227亿元。") is None


def _pack(tmp_path: Path, body: str) -> Path:
    path = tmp_path / f"region{len(list(tmp_path.iterdir()))}.toml"  # one file each
    path.write_text('[pack]\nname = "region"\n' + body, encoding="utf-8")
    return path


def test_a_pack_names_its_home_with_its_local_currency(tmp_path: Path) -> None:
    path = _pack(tmp_path, "home = '本镇'\nlocal_currency = \"XYZ\"\n")
    packs = load_packs([path])
    assert local_currency(packs, "本镇居民开支为300元。") == "XYZ"
    assert _currencies_with(packs, "本镇居民开支为300元。")["300元"] == "XYZ"
    with pytest.raises(PackError, match="home and local_currency go together"):
        load_packs([_pack(tmp_path, "home = '本镇'\n")])
    with pytest.raises(PackError, match="local_currency must be a currency code"):
        load_packs([_pack(tmp_path, "home = '本镇'\nlocal_currency = 3\n")])


def test_a_unit_s_local_flag_is_true_or_false(tmp_path: Path) -> None:
    body = '[[units]]\nkind = "currency"\nname = "文"\nnormalized = "CNY"\nlocal = "yes"\n'
    with pytest.raises(PackError, match="local must be true or false"):
        load_packs([_pack(tmp_path, body)])


def _currencies_with(packs: object, text: str) -> dict[str, str | None]:
    return {
        c.text: c.normalized.unit if c.normalized else None
        for c in extract(text, packs)  # type: ignore[arg-type]
    }
