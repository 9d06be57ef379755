"""Pattern packs: every example embedded in a built-in rule, and the loader's validation."""

from __future__ import annotations

from pathlib import Path

import pytest

from pressmine import PackError, extract, load_packs
from pressmine.cli.examples import run_examples
from pressmine.regex.gated import GatedPattern
from pressmine.regex.guard import GuardedPattern

RESULTS = list(run_examples(load_packs()))


@pytest.mark.parametrize("result", RESULTS, ids=[r.id for r in RESULTS])
def test_pack_example(result):
    assert result.problem is None, f"{result.example.text}: {result.problem}"


def test_builtin_packs_have_examples():
    assert len(RESULTS) >= 25


def write_pack(folder: Path, body: str, name: str = "extra.toml") -> Path:
    path = folder / name
    path.write_text(body, encoding="utf-8")
    return path


GOOD_RULE = """
[pack]
name = "harbour"

[[units]]
kind = "classifier"
normalized = "count"
names = ["潜次"]

[[rule]]
id = "berths"
priority = 30
pattern = '(?P<subject>泊位)(?P<x_verb>达)(?P<value>{{number}})个'
unit = "个"
examples = [{ text = "全港泊位达120个", value = 120, unit = "个", subject = "全港泊位" }]
"""


def test_a_user_pack_adds_units_and_rules(tmp_path):
    write_pack(tmp_path, GOOD_RULE)
    packs = load_packs([tmp_path])
    claims = extract("深海下潜3.2万潜次", packs)
    assert [(c.text, c.unit) for c in claims] == [("3.2万潜次", "潜次")]
    berth = extract("全港泊位达120个", packs)
    assert [(c.rule, c.subject) for c in berth] == [("harbour:berths", "全港泊位")]
    assert all(r.problem is None for r in run_examples(packs) if r.rule.pack == "harbour")
    assert extract("深海下潜3.2万潜次") != claims  # the default packs know no 艘次


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            "[pack]\nname = 'x'\n[[rule]]\nid = 'a'\npattern = '(?P<value>\\d+'\n",
            "rule 'a': pattern does not compile",
        ),
        (
            "[pack]\nname = 'x'\n[[rule]]\nid = 'a'\npattern = '\\d+'\n",
            "rule 'a': the pattern has no (?P<value>…) group",
        ),
        (
            "[pack]\nname = 'x'\n[[rule]]\nid = 'a'\npattern = '(?P<value>{{nope}})'\n",
            "undefined fragment {{nope}}",
        ),
        (
            "[pack]\nname = 'x'\n[[rule]]\nid = 'a'\npattern = '(?P<value>1)'\n"
            "[[rule]]\nid = 'a'\npattern = '(?P<value>2)'\n",
            "rule 'a': duplicate rule id",
        ),
        (
            "[pack]\nname = 'x'\n[[rule]]\nid = 'a'\npatern = '(?P<value>1)'\n",
            "unknown rule key 'patern'",
        ),
        ("[pack]\nname = 'x'\ncolour = 1\n", "unknown [pack] key 'colour'"),
        ("[pack]\nname = 'x'\n[colour]\nred = 1\n", "unknown top-level key 'colour'"),
        ("[pack]\nname = 'x'\n[qualifiers.before]\nmaybe = ['约']\n", "label 'maybe'"),
        ("[pack]\nname = 'x'\n[lists]\ncommas = ['、']\n", "unknown [lists] key 'commas'"),
        ("[pack]\nname = 'x'\n[value_words]\nhalf = '半'\n", "value_words.half must be a list"),
        ("[pack]\nname = 'x'\n[define]\nscale = '万'\n", "fragment 'scale' is defined in"),
        ("[pack]\nname = 'x'\n[subject.groups]\n'岁' = 3\n", "the label must be a string"),
        ("name = 'x'\n", "missing [pack] table"),
        ("[pack\nname = 'x'\n", "not valid TOML"),
    ],
    ids=[
        "regex",
        "no-value",
        "fragment",
        "duplicate",
        "unknown-rule-key",
        "unknown-pack-key",
        "unknown-key",
        "bad-label",
        "unknown-list-key",
        "word-list-not-a-list",
        "scale-redefined",
        "group-label",
        "no-pack",
        "toml",
    ],
)
def test_a_broken_pack_names_the_file_and_the_problem(tmp_path, body, message):
    path = write_pack(tmp_path, body, "broken.toml")
    with pytest.raises(PackError) as err:
        load_packs([tmp_path])
    assert str(path) in str(err.value)
    assert message in str(err.value)
    assert "\n" not in str(err.value)


def test_rule_errors_carry_a_line_number(tmp_path):
    body = "[pack]\nname = 'x'\n\n[[rule]]\nid = 'late'\npattern = '(?P<value>\\d+'\n"
    write_pack(tmp_path, body, "lines.toml")
    with pytest.raises(PackError, match=r"lines\.toml:5: rule 'late'"):
        load_packs([tmp_path])


def test_a_user_pack_adds_a_group_unit(tmp_path):
    body = "[pack]\nname = 'heights'\n\n[subject.groups]\n'厘米' = \"身高组\"\n"
    write_pack(tmp_path, body)
    claims = extract("身高150至160厘米儿童占20%。", packs=load_packs([tmp_path]))
    assert [c.subject for c in claims if c.unit == "厘米"] == ["身高组"]


def test_only_and_exclude_select_packs_by_name(tmp_path):
    write_pack(tmp_path, GOOD_RULE)
    builtin = {p.name for p in load_packs().packs}
    assert {p.name for p in load_packs([tmp_path], exclude=["harbour"]).packs} == builtin
    assert {p.name for p in load_packs([tmp_path], only=["harbour"]).packs} == {"core", "harbour"}
    with pytest.raises(PackError, match="no pack named 'nope'"):
        load_packs([tmp_path], only=["nope"])


def test_a_declaration_sets_the_unit_of_bare_amounts():
    claims = extract("出口总值3,245.5亿(美元,下同),增长3.1%。其中对美国出口1,023亿。")
    assert [(c.text, c.unit) for c in claims] == [
        ("3,245.5亿", "美元"),
        ("3.1%", "%"),
        ("1,023亿", "美元"),
    ]
    # nothing declared: the amount stays bare (CLAIMS.md §Unit)
    assert [(c.text, c.unit) for c in extract("其中对美国出口1,023亿。")] == [("1,023亿", "")]


def test_a_pack_with_when_applies_only_where_it_matches(tmp_path):
    write_pack(
        tmp_path,
        """
[pack]
name = "hk-dollar"
when = '港元|香港'

[[rule]]
id = "dollar-sign"
priority = 30
unit = "港元"
pattern = '\\$(?P<value>{{number}})(?P<scale>{{scale}})?'
""",
    )
    packs = load_packs([tmp_path])
    assert [(c.text, c.unit) for c in extract("香港零售总额为$227亿", packs)] == [
        ("$227亿", "港元")
    ]
    assert [c.rule for c in extract("The price is $227亿", packs)] != ["hk-dollar:dollar-sign"]


def test_a_runaway_user_regex_is_stopped_and_named(runaway_pack):
    packs = load_packs([runaway_pack], regex_timeout=0.3)
    with pytest.raises(PackError, match=r"slow\.toml: rule 'backtracks': pattern ran longer than"):
        extract("a" * 40 + "!", packs)


def test_a_user_rule_that_names_digits_is_gated_and_guarded_and_finds_the_same(tmp_path):
    """{{number}} beside a digit an author wrote (5G) inlines the number grammar; such a rule
    runs behind a gate (regex/gated.py) inside its time limit (regex/guard.py), and finds what
    it says. With the number in an atomic group it is not gated (a gate could lose matches)."""
    write_pack(
        tmp_path,
        """
[pack]
name = "towers"

[[rule]]
id = "g5-sites"
priority = 30
pattern = '5G基站(?P<value>{{number}})(?P<unit>座)'

[[rule]]
id = "atomic"
pattern = '(?>(?P<value>{{number}}))(?P<unit>座)5'
""",
    )
    packs = load_packs([tmp_path])
    rules = {r.id: r.regex for r in packs.rules if r.pack == "towers"}
    assert isinstance(rules["g5-sites"], GuardedPattern)
    assert isinstance(rules["g5-sites"]._regex, GatedPattern)
    assert not isinstance(rules["atomic"]._regex, GatedPattern)
    claims = extract("已建成5G基站四百八十三万座,另有5G基站12座。", packs)
    assert [(c.value, c.rule) for c in claims] == [
        (4830000, "towers:g5-sites"),
        (12, "towers:g5-sites"),
    ]


def test_word_lists_of_a_user_pack_extend_the_core_ones(tmp_path):
    """The word lists of core.toml that the finders read ([lists], [value_words],
    [period_words], [subject] glued_links and number_links) are data a pack extends."""
    text = "高技术产业和装备制造业增加值各自增长10.2%和8.1%"
    assert [c.subject for c in extract(text)] == [None, None]
    write_pack(
        tmp_path,
        "[pack]\nname = 'each'\n[lists]\nrespectively = ['各自']\n"
        "[value_words]\nhalf = ['一半儿']\n",
    )
    packs = load_packs([tmp_path])
    assert {"分别", "各自"} <= packs.list_words["respectively"]
    assert packs.value_words["half"] == {"半", "一半", "对", "一半儿"}
    assert "基数" in packs.period_words["base_nouns"]
    assert [c.subject for c in extract(text, packs)] == ["高技术产业增加值", "装备制造业增加值"]
