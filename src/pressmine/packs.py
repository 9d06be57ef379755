"""Find, load, validate and compile pattern packs (`patterns/*.toml`) into one `PackSet`.

A pack is data: regex fragments, rules with named groups, a unit table, and the vocabularies
(qualifier, change, basis, not-claim, subject and period words) the extractor reads. Later
packs extend earlier ones. Every problem is a `PackError` naming the file, the rule and, where
it can be known, the line. The format is documented in README.md, "Writing a pack".
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path
from typing import Any

from pressmine import compiled, numbers
from pressmine.errors import PackError
from pressmine.gated import GatedPattern
from pressmine.guard import GuardedPattern
from pressmine.prefilter import needs_digits, widened_safely

# A compiled pattern; user packs' patterns carry a time limit (guard.py).
Pattern = re.Pattern[str] | GatedPattern | GuardedPattern

QUALIFIERS = ("exact", "over", "approx", "under", "at_least", "at_most")
QUALIFIER_PLACES = ("before", "inside", "after")
CHANGE_KINDS = ("increase", "decrease", "level", "streak")
UNIT_KINDS = ("classifier", "currency", "measure", "percent", "time", "other")

_PACK_KEYS = {
    "pack",
    "define",
    "units",
    "qualifiers",
    "change",
    "basis",
    "not_claims",
    "subject",
    "period",
    "rule",
    "declaration",
}
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
_UNIT_KEYS = {"name", "names", "surfaces", "normalized", "factor", "kind", "offset"}
_SUBJECT_KEYS = {
    "skip_before",
    "strip_prefix",
    "noun_suffixes",
    "adverbials",
    "meta_heads",
    "share_words",
    "frame_starts",
    "frame_ends",
}
_NOT_CLAIM_KEYS = {"terms", "article_classifiers", "count_words", "pattern"}
_FRAGMENT = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")
# Groups a rule may use. qualifier* groups are markers inside the claim's span (超330个);
# outside_qualifier is a marker kept out of it (最多达20亿元 -> "20亿元", at_most).
_KNOWN_GROUP = re.compile(
    r"value|value_max|denominator|unit|scale|subject|outside_qualifier(?:_after)?|qualifier\w*|x_\w+"
)


@dataclass(frozen=True, slots=True)
class Unit:
    """One unit: what is written, what is output, and how to compare it across units."""

    name: str  # output unit, simplified, multiplier folded: 元 座 公里 % pp
    kind: str  # classifier currency measure percent time other
    normalized: str  # canonical unit for comparisons: CNY count km % …
    factor: Decimal  # value in `name` × factor = value in `normalized`
    offset: Decimal = Decimal(0)  # added after factor (temperatures)


@dataclass(frozen=True, slots=True)
class Example:
    text: str
    expect: dict[str, Any]  # value, value_max, unit, qualifier, subject; {"none": true} = no claim
    line: int | None


@dataclass(frozen=True, slots=True)
class Rule:
    """A compiled pattern that finds quantities (and sometimes their subject)."""

    pack: str
    id: str
    regex: Pattern
    priority: int  # higher wins when two rules find overlapping spans
    claim: bool  # False: a quantity find_quantities reports but extract never keeps
    unit: str | None  # fixed unit when the pattern has no unit group (百分之… -> %)
    factor: Decimal  # value multiplier (九成 -> ×10)
    qualifier: str | None  # fixed qualifier
    subject: str | None  # fixed subject when the pattern has no subject group
    examples: tuple[Example, ...]
    path: str
    line: int | None
    pattern: str = ""  # the pattern with its fragments expanded, as compiled
    written: str = ""  # the pattern as the pack writes it, {{fragments}} and all

    @property
    def name(self) -> str:
        return f"{self.pack}:{self.id}"


@dataclass(frozen=True, slots=True)
class NamedPattern:
    """A pattern of a pack that is not a rule: a not-claim, a period, or a declaration
    (（美元,下同）: its (?P<unit>…) group sets the unit of the bare amounts around it)."""

    pack: str
    id: str
    regex: Pattern
    source: str  # the pattern with its fragments expanded


# The three kinds share a shape; the names say which list a pattern belongs to.
NotClaimPattern = PeriodPattern = Declaration = NamedPattern


@dataclass(frozen=True, slots=True)
class Pack:
    name: str
    path: str
    description: str
    rules: tuple[Rule, ...]
    when: Pattern | None = None  # the rules apply only to texts this regex finds


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: cached per load
class PackSet:
    """Everything the extractor reads from the loaded packs, merged and compiled once."""

    packs: tuple[Pack, ...]
    units: dict[str, Unit]  # written surface (simplified) -> unit
    qualifiers: dict[str, dict[str, str]]  # place -> written word -> label
    change: dict[str, str]  # change or level verb -> increase/decrease/level
    basis: dict[str, str]  # written basis phrase -> output basis
    not_claim_terms: tuple[str, ...]
    article_classifiers: frozenset[str]
    count_words: tuple[str, ...]  # 只有一个: before 一 + classifier, a count, not an article
    not_claim_patterns: tuple[NotClaimPattern, ...]
    subject_words: dict[str, frozenset[str]]
    period_patterns: tuple[PeriodPattern, ...]
    declarations: tuple[Declaration, ...]
    fragments: dict[str, str] = field(repr=False)

    @property
    def rules(self) -> list[Rule]:
        return [r for p in self.packs for r in p.rules]

    def rules_for(self, text: str) -> list[Rule]:
        """The rules that apply to `text`: a pack with `when` applies only where it matches."""
        return [r for p in self.packs if p.when is None or p.when.search(text) for r in p.rules]


# ----------------------------------------------------------------------------- finding packs


@cache  # asked on every extract(), and the answer never changes
def builtin_pack_dir() -> Path:
    """The packs shipped with pressmine: inside the wheel, or the repo's patterns/ in a checkout."""
    shipped = Path(__file__).parent / "patterns"
    if shipped.is_dir():
        return shipped
    return Path(__file__).resolve().parents[2] / "patterns"


def pack_files(dirs: Sequence[str | Path]) -> list[Path]:
    files: list[Path] = []
    for d in dirs:
        p = Path(d)
        if p == builtin_pack_dir():
            files.extend(_builtin_files())
        elif p.is_file() and p.suffix == ".toml":
            files.append(p)
        elif p.is_dir():
            files.extend(sorted(p.glob("*.toml")))
        else:
            raise PackError(str(p), "no such pack file or directory")
    return files


@cache
def _builtin_files() -> tuple[Path, ...]:
    return tuple(sorted(builtin_pack_dir().glob("*.toml")))


def load_packs(
    extra: Sequence[str | Path] = (),
    *,
    only: Iterable[str] | None = None,
    exclude: Iterable[str] = (),
    builtin: bool = True,
) -> PackSet:
    """Load the built-in packs, then packs from `extra` dirs/files and $PRESSMINE_PACKS.

    >>> packs = load_packs()
    >>> packs.units["亿元"].name if "亿元" in packs.units else packs.units["元"].name
    '元'
    """
    env = [p for p in os.environ.get("PRESSMINE_PACKS", "").split(os.pathsep) if p]
    # The command line's --only/--exclude reach worker processes this way.
    only = only or [n for n in os.environ.get("PRESSMINE_ONLY", "").split(",") if n] or None
    exclude = [*exclude, *(n for n in os.environ.get("PRESSMINE_EXCLUDE", "").split(",") if n)]
    dirs = ([builtin_pack_dir()] if builtin else []) + [Path(p) for p in (*env, *extra)]
    key = (tuple(str(p) for p in pack_files(dirs)), tuple(only or ()), tuple(exclude))
    return _load_cached(key[0], key[1] or None, key[2])


@cache
def _load_cached(
    files: tuple[str, ...], only: tuple[str, ...] | None, exclude: tuple[str, ...]
) -> PackSet:
    # Built once per machine for these files and this selection (compiled.py): the packs'
    # texts are the key, so an edited pack is rebuilt, and checked, at once.
    texts = tuple(_read_text(Path(f)) for f in files)
    key = repr((files, texts, only, exclude))
    return compiled.remember("packs", key, lambda: _select_and_build(files, texts, only, exclude))


def _select_and_build(
    files: tuple[str, ...],
    texts: tuple[str, ...],
    only: tuple[str, ...] | None,
    exclude: tuple[str, ...],
) -> PackSet:
    raw = [_parse(Path(f), text) for f, text in zip(files, texts, strict=True)]
    names = [r["pack"]["name"] for r, _ in raw]
    for wanted in (*(only or ()), *exclude):
        if wanted not in names:
            raise PackError(wanted, f"no pack named '{wanted}' (have: {', '.join(names)})")
    chosen = [
        (r, p)
        for (r, p), n in zip(raw, names, strict=True)
        if (only is None or n in only or n == "core") and n not in exclude
    ]
    return _build(chosen)


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise PackError(str(path), f"cannot read: {e}") from None


def _parse(path: Path, text: str) -> tuple[dict[str, Any], str]:
    import tomllib  # only on a cache miss: the built pack set is usually read back (compiled.py)

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise PackError(str(path), f"not valid TOML: {e}") from None
    pack = data.get("pack")
    if not isinstance(pack, dict) or not isinstance(pack.get("name"), str) or not pack["name"]:
        raise PackError(str(path), "missing [pack] table with a name")
    _check_keys(data, _PACK_KEYS, str(path), None, text, "top-level key")
    _check_keys(
        pack, {"name", "description", "version", "when"}, str(path), None, text, "[pack] key"
    )
    data["_text"] = text
    return data, str(path)


# ----------------------------------------------------------------------------- building


def _build(raw: list[tuple[dict[str, Any], str]]) -> PackSet:
    seen: dict[str, str] = {}
    for data, path in raw:
        name = data["pack"]["name"]
        if name in seen:
            raise PackError(path, f"pack name '{name}' is already used by {seen[name]}")
        seen[name] = path

    units: dict[str, Unit] = {}
    qualifiers: dict[str, dict[str, str]] = {p: {} for p in QUALIFIER_PLACES}
    change: dict[str, str] = {}
    basis: dict[str, str] = {}
    terms: list[str] = []
    articles: set[str] = set()
    count_words: list[str] = []
    subject_words: dict[str, set[str]] = {k: set() for k in _SUBJECT_KEYS}
    defines: dict[str, tuple[str, str]] = {}
    for data, path in raw:
        _merge_units(data.get("units", []), path, data["_text"], units)
        _merge_qualifiers(data.get("qualifiers", {}), path, qualifiers)
        _merge_words(data.get("change", {}), CHANGE_KINDS, path, "change", change)
        _merge_basis(data.get("basis", {}), path, basis)
        nc = data.get("not_claims", {})
        _check_keys(nc, _NOT_CLAIM_KEYS, path, None, data["_text"], "[not_claims] key")
        terms += _str_list(nc.get("terms", []), path, "not_claims.terms")
        articles |= set(_str_list(nc.get("article_classifiers", []), path, "article_classifiers"))
        count_words += _str_list(nc.get("count_words", []), path, "count_words")
        subj = data.get("subject", {})
        _check_keys(subj, _SUBJECT_KEYS, path, None, data["_text"], "[subject] key")
        for k, v in subj.items():
            subject_words[k] |= set(_str_list(v, path, f"subject.{k}"))
        for k, v in data.get("define", {}).items():
            if not isinstance(v, str):
                raise PackError(path, f"fragment '{k}' must be a string")
            defines[k] = (v, path)

    fragments = _builtin_fragments(units, qualifiers)
    for k, (v, path) in defines.items():
        if k in fragments:
            raise PackError(path, f"fragment '{k}' is built in and cannot be redefined")
        fragments[k] = v

    packs: list[Pack] = []
    not_claim_patterns: list[NotClaimPattern] = []
    period_patterns: list[PeriodPattern] = []
    declarations: list[Declaration] = []
    for data, path in raw:
        name, text = data["pack"]["name"], data["_text"]
        guard = _guard_for(path)
        rules = tuple(
            replace(r, regex=guard(r.regex, r.id))
            for r in _compile_rules(data.get("rule", []), name, path, text, fragments)
        )
        when = data["pack"].get("when")
        when_rx = (
            _compile(expand(when, fragments, path, None), path, None, None, fragments)
            if when
            else None
        )
        packs.append(
            Pack(
                name,
                path,
                str(data["pack"].get("description", "")),
                rules,
                guard(when_rx, "when") if when_rx else None,
            )
        )
        for entry in data.get("declaration", []):
            rid, rx, src = _compile_simple(entry, "declaration", path, text, fragments)
            if "unit" not in rx.groupindex:
                raise PackError(path, "a declaration needs a (?P<unit>…) group", rid)
            declarations.append(Declaration(name, rid, guard(rx, rid), src))
        for entry in data.get("not_claims", {}).get("pattern", []):
            rid, rx, src = _compile_simple(entry, "not_claims.pattern", path, text, fragments)
            not_claim_patterns.append(NotClaimPattern(name, rid, guard(rx, rid), src))
        for entry in data.get("period", []):
            rid, rx, src = _compile_simple(entry, "period", path, text, fragments)
            period_patterns.append(PeriodPattern(name, rid, guard(rx, rid), src))

    return PackSet(
        packs=tuple(packs),
        units=units,
        qualifiers=qualifiers,
        change=change,
        basis=basis,
        not_claim_terms=tuple(dict.fromkeys(terms)),
        article_classifiers=frozenset(articles),
        count_words=tuple(dict.fromkeys(count_words)),
        not_claim_patterns=tuple(not_claim_patterns),
        subject_words={k: frozenset(v) for k, v in subject_words.items()},
        period_patterns=tuple(period_patterns),
        declarations=tuple(declarations),
        fragments=fragments,
    )


def _merge_units(entries: Any, path: str, text: str, units: dict[str, Unit]) -> None:
    if not isinstance(entries, list):
        raise PackError(path, "[[units]] must be an array of tables")
    for entry in entries:
        _check_keys(entry, _UNIT_KEYS, path, None, text, "unit key")
        kind = entry.get("kind", "other")
        if kind not in UNIT_KINDS:
            raise PackError(path, f"unit kind '{kind}' is not one of {', '.join(UNIT_KINDS)}")
        if ("name" in entry) == ("names" in entry):
            raise PackError(path, f"a [[units]] entry needs exactly one of name/names: {entry}")
        factor = _decimal(entry.get("factor", 1), path, "unit factor")
        offset = _decimal(entry.get("offset", 0), path, "unit offset")
        if "names" in entry:
            if "surfaces" in entry:
                raise PackError(path, "surfaces go with a single `name`, not `names`")
            groups = [(n, [n]) for n in _str_list(entry["names"], path, "units.names")]
        else:
            groups = [(entry["name"], _str_list(entry.get("surfaces", [entry["name"]]), path, ""))]
        for name, surfaces in groups:
            normalized = entry.get("normalized", name)
            unit = Unit(name, kind, normalized, factor, offset)
            for s in surfaces:
                units[s] = unit  # a later pack may redefine a surface: extension, by design


def _merge_qualifiers(table: Any, path: str, out: dict[str, dict[str, str]]) -> None:
    for place, labels in table.items():
        if place not in QUALIFIER_PLACES:
            raise PackError(path, f"qualifier place '{place}' is not one of {QUALIFIER_PLACES}")
        _merge_words(labels, QUALIFIERS, path, f"qualifiers.{place}", out[place])


def _merge_words(
    table: Any, allowed: Sequence[str], path: str, where: str, out: dict[str, str]
) -> None:
    for label, words in table.items():
        if label not in allowed:
            raise PackError(path, f"[{where}] label '{label}' is not one of {', '.join(allowed)}")
        for w in _str_list(words, path, f"{where}.{label}"):
            out[w] = label


def _merge_basis(table: Any, path: str, out: dict[str, str]) -> None:
    for w in _str_list(table.get("words", []), path, "basis.words"):
        out[w] = w
    for w, canonical in table.get("aliases", {}).items():
        out[w] = str(canonical)


def _builtin_fragments(units: dict[str, Unit], qualifiers: dict[str, dict[str, str]]) -> dict:
    def alternation(words: Iterable[str]) -> str:
        parts = []
        for w in sorted(set(words), key=lambda s: (-len(s), s)):  # longest first: 个百分点 > 个
            esc = re.escape(w)
            # An ASCII unit must not run into more letters: 5G is not 5 + G(iga)-anything.
            parts.append(esc + r"(?![A-Za-z])" if w[-1].isascii() and w[-1].isalpha() else esc)
        return "(?:" + "|".join(parts) + ")" if parts else "(?!)"

    return {
        "number": numbers.NUMBER_TOKEN,  # matches the masked text: see numbers.mask_numbers
        "approx_number": numbers.APPROX_NUMBER,
        "unit": alternation(units),
        "q_before": alternation(qualifiers["before"]),
        "q_inside": alternation(qualifiers["inside"]),
        "q_after": alternation(qualifiers["after"]),
        "scale": "(?:万亿|千亿|百亿|十亿|亿|千万|百万|十万|万|千|百)",
    }


def expand(pattern: str, fragments: dict[str, str], path: str, rule_id: str | None) -> str:
    """Replace {{name}} with its fragment, recursively (fragments may use fragments).

    {{number}} becomes the masked-number token (see numbers.mask_numbers), unless the pattern
    also names digits itself (七成六, 2025年): one match then needs the real digits, so the
    full number grammar goes in, as it is written in numbers.NUMBER."""
    text = _expand(pattern, fragments, path, rule_id)
    if numbers.NUMBER_TOKEN not in text:
        return text
    # The built-in unit, scale and qualifier lists hold numeral characters (千瓦, 万亿), but
    # they match the same on the masked text: only digits an author wrote make a pattern mixed.
    opaque = {k: f"<{k}>" for k in fragments if k in _OPAQUE or k.startswith("scale")}
    authored = _expand(pattern, {**fragments, **opaque}, path, rule_id)
    if needs_digits(authored.replace(numbers.NUMBER_TOKEN, "<number>"), re.VERBOSE):
        return text.replace(numbers.NUMBER_TOKEN, numbers.NUMBER)
    return text


_OPAQUE = ("unit", "scale", "q_before", "q_inside", "q_after")


def _expand(pattern: str, fragments: dict[str, str], path: str, rule_id: str | None) -> str:
    for _ in range(20):
        missing = [m for m in _FRAGMENT.findall(pattern) if m not in fragments]
        if missing:
            raise PackError(path, f"undefined fragment {{{{{missing[0]}}}}}", rule_id)
        new = _FRAGMENT.sub(lambda m: fragments[m.group(1)], pattern)
        if new == pattern:
            return new
        pattern = new
    raise PackError(path, "fragments nest too deep (a fragment that uses itself?)", rule_id)


def _guard_for(path: str) -> Callable[[Any, str | None], Any]:
    """User packs get a time limit on every pattern (see guard.py); built-in ones do not."""
    builtin = builtin_pack_dir().resolve()
    if Path(path).resolve().is_relative_to(builtin):
        return lambda regex, rule_id: regex
    return lambda regex, rule_id: GuardedPattern(regex, path, rule_id)


def _compile(
    pattern: str, path: str, rule_id: str | None, line: int | None, fragments: dict[str, str]
) -> re.Pattern[str] | GatedPattern:
    try:
        # Same matches as re.compile, found faster and loaded from a cache: see compiled.py.
        regex = compiled.compile(pattern, re.VERBOSE)
    except re.error as e:
        raise PackError(path, f"pattern does not compile: {e}", rule_id, line) from None
    gate = _gate(pattern, fragments)
    return GatedPattern(regex, *gate) if gate is not None else regex


# Stands for the number grammar while the gate is checked; two characters, so that the parser
# never folds it into a class ((?:X|半) would become [X半]).
_MARKER = "\U0010fffd\U0010fffd"


def _gate(
    pattern: str, fragments: dict[str, str]
) -> tuple[re.Pattern[str], re.Pattern[str]] | None:
    """For a pattern that inlines the whole number grammar, the same pattern with each number
    loosened, and what finds a text where the gate may miss (see gated.py), when the loosening
    keeps every match; otherwise None."""
    loose_and_limit = numbers.loose_number()
    if numbers.NUMBER not in pattern or loose_and_limit is None or _MARKER in pattern:
        return None
    loose, too_long = loose_and_limit
    marked = pattern.replace(numbers.NUMBER, _MARKER)
    # The word lists (423 units…) hold no number and no group: the check reads them as one
    # word each, which parses ten times faster.
    checked = marked
    for name in _OPAQUE:
        checked = checked.replace(fragments[name], "(?:_)")
    if not widened_safely(checked, _MARKER, re.VERBOSE):
        return None
    gate = compiled.compile(marked.replace(_MARKER, loose), re.VERBOSE)
    return gate, compiled.compile(too_long)


def _compile_rules(
    entries: Any, pack: str, path: str, text: str, fragments: dict[str, str]
) -> Iterable[Rule]:
    ids: set[str] = set()
    for entry in entries:
        rid = entry.get("id")
        line = _line_of(text, f'"{rid}"') or _line_of(text, f"'{rid}'")
        if not isinstance(rid, str) or not rid:
            raise PackError(path, "a [[rule]] has no id", None, line)
        _check_keys(entry, _RULE_KEYS, path, rid, text, "rule key")
        if rid in ids:
            raise PackError(path, "duplicate rule id", rid, line)
        ids.add(rid)
        if not isinstance(entry.get("pattern"), str):
            raise PackError(path, "a rule needs a pattern (a string)", rid, line)
        expanded = expand(entry["pattern"], fragments, path, rid)
        regex = _compile(expanded, path, rid, line, fragments)
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
            regex=regex,
            priority=int(entry.get("priority", 0)),
            claim=bool(entry.get("claim", True)),
            unit=entry.get("unit"),
            factor=_decimal(entry.get("factor", 1), path, "rule factor"),
            qualifier=qualifier,
            subject=entry.get("subject"),
            examples=examples,
            path=path,
            line=line,
            pattern=expanded,
            written=entry["pattern"],
        )


def _examples(entries: Any, path: str, rid: str, text: str) -> Iterable[Example]:
    for ex in entries:
        if not isinstance(ex, dict) or not isinstance(ex.get("text"), str):
            raise PackError(path, "each example needs a text", rid)
        _check_keys(ex, _EXAMPLE_KEYS, path, rid, text, "example key")
        expect = {k: v for k, v in ex.items() if k != "text"}
        yield Example(ex["text"], expect, _line_of(text, ex["text"]))


def _compile_simple(
    entry: Any, where: str, path: str, text: str, fragments: dict[str, str]
) -> tuple[str, re.Pattern[str], str]:
    if not isinstance(entry, dict) or set(entry) - {"id", "pattern", "description"}:
        raise PackError(path, f"[[{where}]] entries take id, pattern and description")
    rid, pattern = entry.get("id"), entry.get("pattern")
    if not isinstance(rid, str) or not isinstance(pattern, str):
        raise PackError(path, f"[[{where}]] needs an id and a pattern")
    line = _line_of(text, f'"{rid}"') or _line_of(text, f"'{rid}'")
    expanded = expand(pattern, fragments, path, rid)
    return rid, _compile(expanded, path, rid, line, fragments), expanded


# ----------------------------------------------------------------------------- small helpers


def _check_keys(
    table: Any, allowed: set[str], path: str, rid: str | None, text: str, what: str
) -> None:
    if not isinstance(table, dict):
        raise PackError(path, f"expected a table for {what}", rid)
    for k in table:
        if k not in allowed and not k.startswith("_"):
            raise PackError(
                path,
                f"unknown {what} '{k}' (allowed: {', '.join(sorted(allowed))})",
                rid,
                _line_of(text, k),
            )


def _str_list(value: Any, path: str, where: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise PackError(path, f"{where} must be a list of non-empty strings")
    return value


def _decimal(value: Any, path: str, what: str) -> Decimal:
    try:
        return Decimal(str(value))
    except InvalidOperation:
        raise PackError(path, f"{what} '{value}' is not a number") from None


def _line_of(text: str, needle: str) -> int | None:
    i = text.find(needle)
    return text.count("\n", 0, i) + 1 if i >= 0 else None
