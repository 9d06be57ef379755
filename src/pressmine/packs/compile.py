"""A pack's patterns compiled: {{fragments}} expanded, the pattern compiled once per machine
(regex/cache.py), gated when it carries the whole number grammar (regex/gated.py), and given a
time limit when it comes from a user's pack (regex/guard.py); its rules and their examples
checked."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

from pressmine.errors import PackError
from pressmine.grammar import masking, numbers
from pressmine.packs.checks import check_keys, line_of, to_decimal
from pressmine.packs.model import QUALIFIERS, Example, Pattern, Rule, RuleGroups, Unit
from pressmine.regex import cache as regex_cache
from pressmine.regex.gated import GatedPattern, lead_of
from pressmine.regex.guard import GuardedPattern
from pressmine.regex.prefilter import needs_digits, widened_safely

_RULE_KEYS = {
    "id",
    "pattern",
    "priority",
    "claim",
    "unit",
    "factor",
    "qualifier",
    "subject",
    "description",
    "examples",
}


_EXAMPLE_KEYS = {"text", "value", "value_max", "unit", "qualifier", "subject", "none"}
_FRAGMENT = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")
# Groups a rule may use. qualifier* groups are markers inside the claim's span (超330个);
# outside_qualifier is a marker kept out of it (最多达20亿元 -> "20亿元", at_most).
_KNOWN_GROUP = re.compile(
    r"value|value_max|denominator|unit|scale|subject|outside_qualifier(?:_after)?|qualifier\w*|x_\w+"
)


def builtin_fragments(
    units: dict[str, Unit], qualifiers: dict[str, dict[str, str]]
) -> dict[str, str]:
    def alternation(words: Iterable[str]) -> str:
        parts = []
        for w in sorted(set(words), key=lambda s: (-len(s), s)):  # longest first: 个百分点 > 个
            esc = re.escape(w)
            # An ASCII unit must not run into more letters: 5G is not 5 + G(iga)-anything.
            parts.append(esc + r"(?![A-Za-z])" if w[-1].isascii() and w[-1].isalpha() else esc)
        return "(?:" + "|".join(parts) + ")" if parts else "(?!)"

    return {
        "number": masking.NUMBER_TOKEN,  # matches the masked text: see masking.mask_numbers
        "approx_number": numbers.APPROX_NUMBER,
        "unit": alternation(units),
        "q_before": alternation(qualifiers["before"]),
        "q_inside": alternation(qualifiers["inside"]),
        "q_after": alternation(qualifiers["after"]),
    }


def expand(
    pattern: str,
    fragments: dict[str, str],
    path: str,
    rule_id: str | None,
    line: int | None = None,
) -> str:
    """Replace {{name}} with its fragment, recursively (fragments may use fragments).

    {{number}} becomes the masked-number token (see masking.mask_numbers), unless the pattern
    also names digits itself (七成六, 2025年): one match then needs the real digits, so the
    full number grammar goes in, as it is written in numbers.NUMBER."""
    text = _expand(pattern, fragments, path, rule_id, line)
    if masking.NUMBER_TOKEN not in text:
        return text
    # The built-in unit, scale and qualifier lists hold numeral characters (千瓦, 万亿), but
    # they match the same on the masked text: only digits an author wrote make a pattern mixed.
    opaque = {k: f"<{k}>" for k in fragments if k in _OPAQUE or k.startswith("scale")}
    authored = _expand(pattern, {**fragments, **opaque}, path, rule_id, line)
    if needs_digits(authored.replace(masking.NUMBER_TOKEN, "<number>"), re.VERBOSE):
        return text.replace(masking.NUMBER_TOKEN, numbers.NUMBER)
    return text


# The fragments that are word lists: built from the packs' tables, or (scale) written in
# core.toml. A pattern's own digits are told from theirs by reading each as one word.
_OPAQUE = ("unit", "scale", "q_before", "q_inside", "q_after")
# Fragments written in a pack that no later pack may redefine: the code reads them as above.
FIXED_FRAGMENTS = ("scale",)


def _expand(
    pattern: str, fragments: dict[str, str], path: str, rule_id: str | None, line: int | None
) -> str:
    for _ in range(20):
        names = _FRAGMENT.findall(pattern)
        if not names:
            return pattern
        missing = [m for m in names if m not in fragments]
        if missing:
            raise PackError(path, f"undefined fragment {{{{{missing[0]}}}}}", rule_id, line)
        pattern = _FRAGMENT.sub(lambda m: fragments[m.group(1)], pattern)
    problem = "fragments nest too deep (a fragment that uses itself?)"
    raise PackError(path, problem, rule_id, line)


Guard = Callable[[re.Pattern[str] | GatedPattern, str | None], Pattern]


def guard_for(path: str, builtin: bool, seconds: float) -> Guard:
    """User packs get a time limit of `seconds` on every pattern (see regex/guard.py); built-in
    ones do not: their patterns are tested."""
    if builtin:
        return lambda regex, rule_id: regex
    return lambda regex, rule_id: GuardedPattern(regex, path, rule_id, seconds)


def compile_pattern(
    pattern: str, path: str, rule_id: str | None, line: int | None, fragments: dict[str, str]
) -> re.Pattern[str] | GatedPattern:
    try:
        # Same matches as re.compile, found faster and loaded from a cache: see regex/cache.py.
        regex = regex_cache.compile(pattern, re.VERBOSE)
        gate = _gate(pattern, fragments)
    # re raises OverflowError for a repetition past 2^32 - 1 (\d{1,4294967295}), and the
    # parser runs out of stack on groups nested some thousand deep.
    except (re.error, OverflowError, RecursionError) as e:
        why = "groups nested too deep" if isinstance(e, RecursionError) else e
        raise PackError(path, f"pattern does not compile: {why}", rule_id, line) from None
    if gate is None:
        return regex
    gate_regex, too_long, lead = gate
    return GatedPattern(regex, gate_regex, too_long, lead=lead)


# Stands for the number grammar while the gate is checked; two characters, so that the parser
# never folds it into a class ((?:X|半) would become [X半]).
_MARKER = "\U0010fffd\U0010fffd"


def _gate(
    pattern: str, fragments: dict[str, str]
) -> tuple[re.Pattern[str], re.Pattern[str], tuple[int, int] | None] | None:
    """For a pattern that inlines the whole number grammar, the same pattern with each number
    loosened, what finds a text where the gate may miss, and the gate's lead (see
    regex/gated.py), when the loosening keeps every match; otherwise None."""
    loose_and_limit = masking.loose_number()
    if numbers.NUMBER not in pattern or loose_and_limit is None or _MARKER in pattern:
        return None
    loose, too_long = loose_and_limit
    marked = pattern.replace(numbers.NUMBER, _MARKER)
    # The word lists (423 units…) hold no number and no group: the check reads them as one
    # word each, which parses ten times faster.
    checked = marked
    for name in _OPAQUE:
        if name in fragments:
            checked = checked.replace(fragments[name], "(?:_)")
    if not widened_safely(checked, _MARKER, re.VERBOSE):
        return None
    source = marked.replace(_MARKER, loose)
    gate = regex_cache.compile(source, re.VERBOSE)
    return gate, regex_cache.compile(too_long), lead_of(source, re.VERBOSE)


def compile_rules(
    entries: Any, pack: str, path: str, text: str, fragments: dict[str, str], guard: Guard
) -> Iterable[Rule]:
    ids: set[str] = set()
    for entry in entries:
        rid = entry.get("id")
        line = line_of(text, f'"{rid}"') or line_of(text, f"'{rid}'")
        if not isinstance(rid, str) or not rid:
            raise PackError(path, "a [[rule]] has no id", None, line)
        check_keys(entry, _RULE_KEYS, path, rid, text, "rule key")
        if rid in ids:
            raise PackError(path, "duplicate rule id", rid, line)
        ids.add(rid)
        if not isinstance(entry.get("pattern"), str):
            raise PackError(path, "a rule needs a pattern (a string)", rid, line)
        expanded = expand(entry["pattern"], fragments, path, rid, line)
        regex = compile_pattern(expanded, path, rid, line, fragments)
        groups = set(regex.groupindex)
        if "value" not in groups:
            raise PackError(path, "the pattern has no (?P<value>…) group", rid, line)
        unknown = sorted(g for g in groups if not _KNOWN_GROUP.fullmatch(g))
        if unknown:
            raise PackError(path, f"unknown group name(s): {', '.join(unknown)}", rid, line)
        qualifier = entry.get("qualifier")
        if qualifier is not None and qualifier not in QUALIFIERS:
            raise PackError(path, f"qualifier '{qualifier}' is not one of {QUALIFIERS}", rid, line)
        examples = tuple(_examples(entry.get("examples", []), path, rid, text))
        yield Rule(
            pack=pack,
            id=rid,
            regex=guard(regex, rid),
            priority=int(entry.get("priority", 0)),
            claim=bool(entry.get("claim", True)),
            unit=entry.get("unit"),
            factor=to_decimal(entry.get("factor", 1), path, "rule factor"),
            qualifier=qualifier,
            subject=entry.get("subject"),
            examples=examples,
            path=path,
            line=line,
            groups=RuleGroups.of(regex.groupindex),
            pattern=expanded,
            written=entry["pattern"],
        )


def _examples(entries: Any, path: str, rid: str, text: str) -> Iterable[Example]:
    for ex in entries:
        if not isinstance(ex, dict) or not isinstance(ex.get("text"), str):
            raise PackError(path, "each example needs a text", rid)
        check_keys(ex, _EXAMPLE_KEYS, path, rid, text, "example key")
        expect = {k: v for k, v in ex.items() if k != "text"}
        yield Example(ex["text"], expect, line_of(text, ex["text"]))


def compile_named(
    entry: Any, where: str, path: str, text: str, fragments: dict[str, str]
) -> tuple[str, re.Pattern[str] | GatedPattern, str]:
    if not isinstance(entry, dict) or set(entry) - {"id", "pattern", "description"}:
        raise PackError(path, f"[[{where}]] entries take id, pattern and description")
    rid, pattern = entry.get("id"), entry.get("pattern")
    if not isinstance(rid, str) or not isinstance(pattern, str):
        raise PackError(path, f"[[{where}]] needs an id and a pattern")
    line = line_of(text, f'"{rid}"') or line_of(text, f"'{rid}'")
    expanded = expand(pattern, fragments, path, rid, line)
    return rid, compile_pattern(expanded, path, rid, line, fragments), expanded
