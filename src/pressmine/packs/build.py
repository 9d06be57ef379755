"""Merge the tables of every pack into one PackSet: units, qualifier, change, basis, not-claim
and subject words, each checked; then each pack's patterns compiled (compile.py). Later packs
extend earlier ones."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pressmine.errors import PackError
from pressmine.packs import calendar
from pressmine.packs.checks import check_keys, line_of, str_list, to_decimal
from pressmine.packs.compile import (
    FIXED_FRAGMENTS,
    builtin_fragments,
    compile_named,
    compile_pattern,
    compile_rules,
    expand,
    guard_for,
)
from pressmine.packs.model import (
    CHANGE_KINDS,
    QUALIFIER_PLACES,
    QUALIFIERS,
    UNIT_KINDS,
    Declaration,
    NotClaimPattern,
    Pack,
    PackSet,
    PeriodPattern,
    Unit,
)

_UNIT_KEYS = {"name", "names", "surfaces", "normalized", "factor", "kind", "offset", "local"}


# The tables that are word lists by key, and their keys: a later pack adds to each list.
WORD_TABLES: dict[str, tuple[str, ...]] = {
    "subject": (
        "skip_before",
        "strip_prefix",
        "noun_suffixes",
        "adverbials",
        "meta_heads",
        "share_words",
        "frame_starts",
        "frame_ends",
        "glued_links",
        "number_links",
        "measure_heads",
        "regions",
        "name_suffixes",
        "sector_endings",
        "records",
        "formers",
        "latters",
        "rate_names",
        "growth_words",
        "causal_verbs",
        "impact_verbs",
        "name_infixes",
        "determiners",
        "per_prefixes",
        "averages",
        "governments",
        "press_endings",
        "record_leads",
        "light_verbs",
        "reporting_verbs",
        "comparators",
        "base_openers",
        "time_words",
        "inner_prepositions",
        "predicate_endings",
        "beneficiary_prepositions",
        "measure_links",
        "predicate_verbs",
        "base_frame_ends",
        "source_suffixes",
        "duration_links",
        "scheme_verbs",
        "day_parts",
        "cause_openers",
        "generic_heads",
        "scope_frame_ends",
        "subset_words",
        "from_words",
        "time_openers",
        "compound_names",
        "results_reports",
    ),
    "lists": ("marks", "conjunctions", "in_names", "glue", "respectively", "closers"),
    # The words the period finder reads around an expression (claims/period.py).
    "period_words": ("comparison", "frames", "base_nouns", "breakdown", "at", "glosses", "turns"),
    "value_words": ("half", "magnitude"),
    # The words a number is squeezed against when spaces set it apart (claims/spaces.py).
    "spaces": ("time_units",),
}
_NOT_CLAIM_KEYS = {"terms", "article_classifiers", "count_words", "pattern"}


def build(raw: list[tuple[dict[str, Any], str]], regex_timeout: float) -> PackSet:
    """The PackSet of the parsed packs in `raw` (as loader.py reads them), in order; the
    patterns of user packs get `regex_timeout` seconds a text."""
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
    words = {table: {k: set[str]() for k in keys} for table, keys in WORD_TABLES.items()}
    groups: dict[str, str] = {}  # [subject.groups]: unit of a group-defining range -> label
    defines: dict[str, tuple[str, str]] = {}
    for data, path in raw:
        _merge_units(data.get("units", []), path, data["_text"], units)
        _merge_qualifiers(data.get("qualifiers", {}), path, qualifiers)
        _merge_words(data.get("change", {}), CHANGE_KINDS, path, "change", change)
        _merge_basis(data.get("basis", {}), path, basis)
        nc = data.get("not_claims", {})
        check_keys(nc, _NOT_CLAIM_KEYS, path, None, data["_text"], "[not_claims] key")
        terms += str_list(nc.get("terms", []), path, "not_claims.terms")
        articles |= set(str_list(nc.get("article_classifiers", []), path, "article_classifiers"))
        count_words += str_list(nc.get("count_words", []), path, "count_words")
        for table, lists in words.items():
            given = data.get(table, {})
            if table == "subject" and isinstance(given, dict) and "groups" in given:
                given = dict(given)
                _merge_groups(given.pop("groups"), path, groups)
            _merge_word_table(given, table, path, data["_text"], lists)
        for frame in data.get("period_words", {}).get("frames", []):
            a, dots, b = frame.partition("…")
            if not (a and dots and b) or "…" in b:
                raise PackError(
                    path,
                    f"[period_words] frame '{frame}' must be two words around one …",
                    None,
                    line_of(data["_text"], frame),
                )
        for k, v in data.get("define", {}).items():
            if not isinstance(v, str):
                raise PackError(path, f"fragment '{k}' must be a string")
            if k in FIXED_FRAGMENTS and k in defines:
                where = defines[k][1]
                raise PackError(
                    path, f"fragment '{k}' is defined in {where} and cannot be redefined"
                )
            defines[k] = (v, path)

    fragments = builtin_fragments(units, qualifiers)
    for k, (v, path) in defines.items():
        if k in fragments:
            raise PackError(path, f"fragment '{k}' is built in and cannot be redefined")
        fragments[k] = v
    vocabulary = _calendar(raw, fragments)

    packs: list[Pack] = []
    not_claim_patterns: list[NotClaimPattern] = []
    period_patterns: list[PeriodPattern] = []
    declarations: list[Declaration] = []
    for data, path in raw:
        name, text = data["pack"]["name"], data["_text"]
        guard = guard_for(path, data["_builtin"], regex_timeout)
        rules = tuple(compile_rules(data.get("rule", []), name, path, text, fragments, guard))
        when_rx = _pack_pattern(data["pack"], "when", path, text, fragments)
        home_rx = _pack_pattern(data["pack"], "home", path, text, fragments)
        currency = data["pack"].get("local_currency")
        if (home_rx is None) != (currency is None):
            raise PackError(path, "[pack] home and local_currency go together")
        if currency is not None and (not isinstance(currency, str) or not currency.strip()):
            raise PackError(path, f"[pack] local_currency must be a currency code: {currency!r}")
        packs.append(
            Pack(
                name,
                path,
                str(data["pack"].get("description", "")),
                rules,
                guard(when_rx, "when") if when_rx else None,
                guard(home_rx, "home") if home_rx else None,
                currency,
            )
        )
        for entry in data.get("declaration", []):
            rid, rx, src = compile_named(entry, "declaration", path, text, fragments)
            if "unit" not in rx.groupindex:
                raise PackError(path, "a declaration needs a (?P<unit>…) group", rid)
            declarations.append(Declaration(name, rid, guard(rx, rid), src))
        for entry in data.get("not_claims", {}).get("pattern", []):
            rid, rx, src = compile_named(entry, "not_claims.pattern", path, text, fragments)
            not_claim_patterns.append(NotClaimPattern(name, rid, guard(rx, rid), src))
        for entry in data.get("period", []):
            rid, rx, src = compile_named(entry, "period", path, text, fragments)
            calendar.check_groups(rx.groupindex, path, rid, line_of(text, f"'{rid}'"))
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
        subject_words=_frozen(words["subject"]),
        subject_groups=groups,
        list_words=_frozen(words["lists"]),
        period_words=_frozen(words["period_words"]),
        value_words=_frozen(words["value_words"]),
        space_words=_frozen(words["spaces"]),
        period_patterns=tuple(period_patterns),
        declarations=tuple(declarations),
        fragments=fragments,
        calendar=vocabulary,
    )


def _calendar(raw: list[tuple[dict[str, Any], str]], fragments: dict[str, str]) -> Any:
    """The packs' [calendar] words, and the fragments period patterns name them with
    ({{rel_year}}, {{holiday}} …): built from the tables, never defined in [define]."""
    tables = []
    for data, path in raw:
        when = data["pack"].get("when") if "calendar" in data else None
        rx = (
            compile_pattern(expand(when, fragments, path, None), path, None, None, fragments)
            if when
            else None
        )
        tables.append((data.get("calendar", {}), path, data["_text"], rx))
    vocabulary = calendar.build(tables)
    for k, v in vocabulary.fragments().items():
        if k in fragments:
            raise PackError(
                raw[0][1], f"fragment '{k}' is built from [calendar] and cannot be defined"
            )
        fragments[k] = v
    return vocabulary


def _pack_pattern(
    table: dict[str, Any], key: str, path: str, text: str, fragments: dict[str, str]
) -> Any:
    """The compiled [pack] pattern `key` (when, home), or None when the pack has none."""
    source = table.get(key)
    if not source:
        return None
    line = line_of(text, key)
    return compile_pattern(expand(source, fragments, path, None, line), path, None, line, fragments)


def _merge_units(entries: Any, path: str, text: str, units: dict[str, Unit]) -> None:
    if not isinstance(entries, list):
        raise PackError(path, "[[units]] must be an array of tables")
    for entry in entries:
        check_keys(entry, _UNIT_KEYS, path, None, text, "unit key")
        kind = entry.get("kind", "other")
        if kind not in UNIT_KINDS:
            raise PackError(path, f"unit kind '{kind}' is not one of {', '.join(UNIT_KINDS)}")
        if ("name" in entry) == ("names" in entry):
            raise PackError(path, f"a [[units]] entry needs exactly one of name/names: {entry}")
        factor = to_decimal(entry.get("factor", 1), path, "unit factor")
        offset = to_decimal(entry.get("offset", 0), path, "unit offset")
        if "names" in entry:
            if "surfaces" in entry:
                raise PackError(path, "surfaces go with a single `name`, not `names`")
            groups = [(n, [n]) for n in str_list(entry["names"], path, "units.names")]
        else:
            groups = [(entry["name"], str_list(entry.get("surfaces", [entry["name"]]), path, ""))]
        local = entry.get("local", False)
        if not isinstance(local, bool):
            raise PackError(path, f"unit key local must be true or false: {entry}")
        for name, surfaces in groups:
            normalized = entry.get("normalized", name)
            unit = Unit(name, kind, normalized, factor, offset, local)
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
        for w in str_list(words, path, f"{where}.{label}"):
            out[w] = label


def _merge_basis(table: Any, path: str, out: dict[str, str]) -> None:
    for w in str_list(table.get("words", []), path, "basis.words"):
        out[w] = w
    for w, canonical in table.get("aliases", {}).items():
        out[w] = str(canonical)


def _merge_groups(table: Any, path: str, out: dict[str, str]) -> None:
    """[subject.groups]: 岁 = "年龄组" (a range of ages before a measure defines a group)."""
    if not isinstance(table, dict):
        raise PackError(path, 'expected a table for [subject.groups]: unit = "label"')
    for unit, label in table.items():
        if not isinstance(label, str) or not label:
            raise PackError(path, f"[subject.groups] {unit}: the label must be a string")
        out[unit] = label


def _merge_word_table(
    table: Any, name: str, path: str, text: str, out: dict[str, set[str]]
) -> None:
    check_keys(table, set(out), path, None, text, f"[{name}] key")
    for k, v in table.items():
        out[k] |= set(str_list(v, path, f"{name}.{k}"))


def _frozen(lists: dict[str, set[str]]) -> dict[str, frozenset[str]]:
    return {k: frozenset(v) for k, v in lists.items()}
