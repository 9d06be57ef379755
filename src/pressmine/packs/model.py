"""What a pack set is once loaded: units, rules, named patterns and word lists, merged from
every pack and compiled (loader.py finds and reads the packs; build.py and compile.py make this),
and the vocabulary the extractor derives from them, derived once per PackSet.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import cached_property
from typing import Any, TypeAlias

from pressmine.packs.alternation import alternation
from pressmine.packs.calendar import Vocabulary
from pressmine.packs.period_words import PeriodWords, period_words_of
from pressmine.packs.subject_words import SubjectWords
from pressmine.regex import cache as regex_cache
from pressmine.regex.gated import GatedPattern
from pressmine.regex.guard import GuardedPattern

# A compiled pattern; user packs' patterns carry a time limit (regex/guard.py).
Pattern = re.Pattern[str] | GatedPattern | GuardedPattern

QUALIFIERS = ("exact", "over", "approx", "under", "at_least", "at_most")
QUALIFIER_PLACES = ("before", "inside", "after")
CHANGE_KINDS = ("increase", "decrease", "level", "streak", "above", "below")
UNIT_KINDS = ("classifier", "currency", "measure", "percent", "time", "other")
# The qualifier groups a rule may name, and the place whose word list reads each, in the order
# they are asked: a marker written next to the number before one apart from it (大概有五百多个:
# 多 says over, CLAIMS.md §Span).
QUALIFIER_GROUPS = (
    ("qualifier", "before"),
    ("qualifier_inside", "inside"),
    ("qualifier_after", "after"),
    ("outside_qualifier", "before"),
    ("outside_qualifier_after", "after"),  # 50万个口罩或以上: after the noun, out of the text
)


@dataclass(frozen=True, slots=True)
class Unit:
    """One unit: what is written, what is output, and how to compare it across units."""

    name: str  # output unit, simplified, multiplier folded: 元 座 公里 % pp
    kind: str  # classifier currency measure percent time other
    normalized: str  # canonical unit for comparisons: CNY count km % …
    factor: Decimal  # value in `name` × factor = value in `normalized`
    offset: Decimal = Decimal(0)  # added after factor (temperatures)
    local: bool = False  # the local currency in a text from a pack's home (a bare 元)


@dataclass(frozen=True, slots=True)
class Example:
    text: str
    expect: dict[str, Any]  # value, value_max, unit, qualifier, subject; {"none": true} = no claim
    line: int | None


@dataclass(frozen=True, slots=True)
class RuleGroups:
    """What a rule's pattern names, found once when it is compiled rather than once per match."""

    named: tuple[tuple[str, int], ...]  # the groups a match is read from (all but x_*), in order
    context: tuple[int, ...]  # the groups trimmed off a match's ends (they are not the claim)
    # The qualifier groups in the order they are tried: the known ones with the place whose
    # word list reads them, then every qualifier* group (a user pack may name its own).
    known_qualifiers: tuple[tuple[str, str], ...]
    any_qualifiers: tuple[str, ...]

    @classmethod
    def of(cls, groupindex: Mapping[str, int]) -> RuleGroups:
        context = tuple(
            i
            for name, i in groupindex.items()
            if name in ("outside_qualifier", "outside_qualifier_after", "subject")
            or name.startswith("x_")
        )
        return cls(
            named=tuple((name, i) for name, i in groupindex.items() if not name.startswith("x_")),
            context=context,
            known_qualifiers=tuple((n, p) for n, p in QUALIFIER_GROUPS if n in groupindex),
            any_qualifiers=tuple(name for name in groupindex if name.startswith("qualifier")),
        )


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
    groups: RuleGroups
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
NotClaimPattern: TypeAlias = NamedPattern
PeriodPattern: TypeAlias = NamedPattern
Declaration: TypeAlias = NamedPattern


@dataclass(frozen=True, slots=True)
class Pack:
    name: str
    path: str
    description: str
    rules: tuple[Rule, ...]
    when: Pattern | None = None  # the rules apply only to texts this regex finds
    home: Pattern | None = None  # finds what only a text from the pack's region writes
    local_currency: str | None = None  # what a `local` unit (元) is in such a text: HKD


def _any_of(words: frozenset[str]) -> re.Pattern[str]:
    """Any of the words, longest first, with a table of first characters (regex/cache.py): an
    alternation of hundreds of words is otherwise tried at every character of the text."""
    return regex_cache.compile(alternation(words))  # see alternation.py: 3x faster


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: cached per load
class PackSet:
    """Everything the extractor reads from the loaded packs, merged and compiled once.

    The vocabulary derived from the packs' tables (below the fields) is derived on first use
    and kept on the PackSet (a cached_property keeps it in the instance's __dict__, which a
    frozen dataclass without slots has), so each PackSet derives it once.
    """

    packs: tuple[Pack, ...]
    units: dict[str, Unit]  # written surface (simplified) -> unit
    qualifiers: dict[str, dict[str, str]]  # place -> written word -> label
    change: dict[str, str]  # change or level verb -> increase/decrease/level
    basis: dict[str, str]  # written basis phrase -> output basis
    not_claim_terms: tuple[str, ...]
    article_classifiers: frozenset[str]
    count_words: tuple[str, ...]  # 只有一个: before 一 + classifier, a count, not an article
    not_claim_patterns: tuple[NotClaimPattern, ...]
    subject_words: dict[str, frozenset[str]]  # [subject]: key -> words
    subject_groups: dict[str, str]  # [subject.groups]: unit of a group-defining range -> label
    list_words: dict[str, frozenset[str]]  # [lists]
    period_words: dict[str, frozenset[str]]  # [period_words]
    value_words: dict[str, frozenset[str]]  # [value_words]
    space_words: dict[str, frozenset[str]]  # [spaces]
    period_patterns: tuple[PeriodPattern, ...]
    declarations: tuple[Declaration, ...]
    fragments: dict[str, str] = field(repr=False)
    calendar: Vocabulary = field(default_factory=Vocabulary)  # [calendar] (packs/calendar.py)
    # The local currency of every text read with these packs, when a whole document's was read
    # for its blocks (applying); "" for none; None: each text's own (local_currency).
    home: str | None = None

    @property
    def rules(self) -> list[Rule]:
        return [r for p in self.packs for r in p.rules]

    def rules_for(self, text: str) -> list[Rule]:
        """The rules that apply to `text`: a pack with `when` applies only where it matches."""
        return [r for p in self.packs if p.when is None or p.when.search(text) for r in p.rules]

    def applying(self, names: frozenset[str], home: str | None = None) -> PackSet:
        """These packs as they apply to every part of a text whose `when` patterns find the
        packs named `names`: those without their `when`, the other `when` packs left out; and
        whose local currency is `home` ("" for none; see local_currency). The same PackSet
        for the same names and home, so that its vocabulary is derived once."""
        variants = self._variants
        key = (names, home)
        if key not in variants:
            chosen = (
                replace(pack, when=None) if pack.name in names else pack
                for pack in self.packs
                if pack.when is None or pack.name in names
            )
            variants[key] = replace(self, packs=tuple(chosen), home=home)
        return variants[key]

    @cached_property
    def _variants(self) -> dict[tuple[frozenset[str], str | None], PackSet]:
        return {}

    # --- the vocabulary derived from the tables ----------------------------------------------

    @cached_property
    def qualifier_words(self) -> frozenset[str]:
        """Every qualifier word, whatever its place: 超, 约, 余, 以上."""
        return frozenset(w for place in self.qualifiers.values() for w in place)

    @cached_property
    def linking_words(self) -> frozenset[str]:
        """What may stand between a subject or a change verb and its number: the subject
        table's skip_before, basis and qualifier words (预计, 同比, 约)."""
        return self.subject_words["skip_before"] | frozenset(self.basis) | self.qualifier_words

    @cached_property
    def stop_words(self) -> frozenset[str]:
        """The linking words and the change words (达, 同比, 增长, 降至): a subject stops
        before one, and none is part of a noun phrase."""
        return self.linking_words | frozenset(self.change)

    @cached_property
    def glued_words(self) -> frozenset[str]:
        """The stop words of two or more characters, which the segmenter may glue to the word
        before them (同比增加 -> 同比 + 增加): segment.spans cuts them off."""
        return frozenset(w for w in self.stop_words if len(w) > 1)

    @cached_property
    def glued_suffix(self) -> re.Pattern[str]:
        """A glued word at the end of a text, longest first: 比去年同期增长 is several words to
        the segmenter but one phrase to the packs."""
        return regex_cache.compile(rf"(?:{alternation(self.glued_words)})\s*$")  # see _any_of

    @cached_property
    def list_separators(self) -> frozenset[str]:
        """What joins the items of a list: [lists] marks and conjunctions (、, 和, 及)."""
        return self.list_words["marks"] | self.list_words["conjunctions"]

    @cached_property
    def list_glue(self) -> frozenset[str]:
        """What may stand between two numbers that one change verb governs: the list
        separators and [lists] glue (同比减少96起、64人)."""
        return self.list_separators | self.list_words["glue"]

    @cached_property
    def subject_vocabulary(self) -> SubjectWords:
        """What the subject finder reads: the subject table with the words derived above."""
        table = dict(self.subject_words)
        glued_links = tuple(sorted(table.pop("glued_links")))  # for str.endswith
        sector_endings = tuple(sorted(table.pop("sector_endings")))
        per_prefixes = tuple(sorted(table.pop("per_prefixes")))  # for str.startswith
        governments = tuple(sorted(table.pop("governments")))  # for str.endswith
        press_endings = tuple(sorted(table.pop("press_endings")))
        return SubjectWords(
            **table,
            glued_links=glued_links,
            sector_endings=sector_endings,
            per_prefixes=per_prefixes,
            governments=governments,
            press_endings=press_endings,
            time_units=tuple(sorted(self.space_words["time_units"])),
            groups=self.subject_groups,
            streaks=tuple(sorted(w for w, kind in self.change.items() if kind == "streak")),
            list_separators=self.list_separators,
            list_marks=self.list_words["marks"],
            list_closers=self.list_words["closers"],
            name_conjunctions=self.list_words["in_names"],
            conjunctions=self.list_words["conjunctions"],
            respectively=tuple(sorted(self.list_words["respectively"])),
            stop_words=self.stop_words,
            glued=self.glued_words,
            glued_suffix=self.glued_suffix,
            cut=self.glued_words | {w for w in table["skip_before"] if len(w) == 1},
            currencies=frozenset(u for u, info in self.units.items() if info.kind == "currency"),
            name_endings=tuple(sorted(table["name_suffixes"])),
            measure_endings=tuple(sorted(table["measure_heads"])),
            name_hint=_any_of(table["regions"] | table["name_suffixes"]),
            actor_hint=_any_of(
                table["regions"]
                | table["name_suffixes"]
                | table["causal_verbs"]
                | table["measure_links"]  # 锦航科技实现净利润: any actor of 实现 owns its measure
                | frozenset(sector_endings)
            ),
            compound_hint=_any_of(table["compound_names"]) if table["compound_names"] else None,
            report_endings=tuple(sorted(table["results_reports"], key=lambda w: (-len(w), w))),
            results_hint=(_any_of(table["results_reports"]) if table["results_reports"] else None),
            compound_prefixes=frozenset(
                n[:k] for n in table["compound_names"] for k in range(1, len(n) + 1)
            ),
        )

    @cached_property
    def period_vocabulary(self) -> PeriodWords:
        """What the period finder reads around an expression: [period_words], and the basis
        words that compare year on year (同比, 按年), which make 截至10月 a running total."""
        return period_words_of(self.period_words, self.basis)

    @cached_property
    def basis_regex(self) -> re.Pattern[str] | None:
        """Any basis phrase (同比, 比上年同期), longest first; None when the packs have none."""
        if not self.basis:
            return None
        words = sorted(self.basis, key=lambda w: (-len(w), w))
        return re.compile("|".join(re.escape(w) for w in words))

    @cached_property
    def terms_regex(self) -> re.Pattern[str] | None:
        """Any not-claim term (5G, 十四五, 一批), longest first; None when there are none.
        A term written in ASCII must stand alone: 5G is a name, 15GB is not 5G."""
        if not self.not_claim_terms:
            return None
        alts = sorted(self.not_claim_terms, key=lambda t: (-len(t), t))
        parts = [
            (r"(?<![0-9A-Za-z.])" + re.escape(t) + r"(?![0-9A-Za-z])")
            if t[0].isascii()
            else re.escape(t)
            for t in alts
        ]
        return regex_cache.compile("|".join(parts))  # a first-character table: see regex/cache.py
