"""A claim read for comparison (`Figure`): its value as the interval of values it can stand
for at the precision it was written with, in its canonical unit, and its period.

The precision is that of the last digit written: `483.8万` is 4,837,500 to 4,838,500, `4838000`
is 4,837,999.5 to 4,838,000.5, so the two agree; `1.2万亿` and `12000亿` agree the same way. A
Chinese numeral states its last non-zero digit (`三千五百万`: to the million). A qualifier widens
the interval the way releases use it: `约4.8万` and `近500` are rounded to their last non-zero
digit; a marker inside the number (`300多`, `3.5万余`) adds up to one step of that digit (300 to
400, 35,000 to 36,000); a bound before or after it (`超300`, `95%以上`, `不足500`) goes a step of
that digit or a tenth of the figure beyond it, whichever is more (300 to 400, 95 to 104.5, 400
to 500), so that `超300项` and `300多项` agree, and `95%以上` and `98%`. A range covers its two
ends.

>>> from pressmine import extract
>>> a, b = (read(c) for c in extract("已建成5G基站483.8万座，另一数据为4838000座"))
>>> (a.lo, a.hi), overlaps(a, b)
((Decimal('4837500.0'), Decimal('4838500.0')), True)
"""

from __future__ import annotations

import html
import math
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from pressmine.claim import Claim
from pressmine.text.normalize import normalize

# The last run of Arabic digits in a claim's text is where its precision is written.
_ARABIC = re.compile(r"[0-9][0-9,]*(?:\.[0-9]+)?")
_MARKUP = re.compile(r"<[^>]*>")
_ONE = Decimal(1)
# A period label that names its year: 2025年, 2025年上半年, 112年第2季, 2019/20年度.
_YEAR = re.compile(r"[0-9]年")
# Qualifiers that read as "from the figure up to its next step" and "up to the figure".
_UP = frozenset({"over", "at_least"})
_DOWN = frozenset({"under", "at_most"})


@dataclass(frozen=True, slots=True)
class Period:
    """When a figure holds: its label and, when resolved to the calendar, its days."""

    label: str  # simplified, as the extractor wrote it: 2025年, 2025年1-11月
    start: date | None = None  # inclusive; None: open or not resolved
    end: date | None = None

    @property
    def resolved(self) -> bool:
        return self.start is not None or self.end is not None

    def same(self, other: Period) -> bool:
        """The same time: the same days when both are resolved (a release's 今年 and another's
        2025年), the same label when neither is."""
        if self.resolved != other.resolved:
            return False
        if self.resolved:
            return (self.start, self.end) == (other.start, other.end)
        return self.label == other.label


@dataclass(frozen=True, slots=True)
class Figure:
    """One claim as the comparison reads it (values in the canonical unit of `unit`)."""

    claim: Claim
    doc: str
    unit: str  # canonical (CNY, km, count, %, pp…) when the extractor gave one, else as written
    value: Decimal  # the claim's value in that unit
    lo: Decimal  # the values it can stand for: lo <= x < hi
    hi: Decimal
    magnitude: float  # log10 of |value|: figures more than 10 times apart are never paired
    period: Period | None  # when it holds, if known: resolved, or naming its year
    label: str | None  # the period as written, known or not (上半年), simplified
    doc_date: date | None


def read(claim: Claim, inside: frozenset[str] = frozenset()) -> Figure:
    """The figure a claim states (see the module's docstring); `inside` are the qualifier
    markers written inside a number (the packs' `[qualifiers.inside]`: 多, 余)."""
    factor = _ONE
    unit = claim.unit
    if claim.normalized is not None:
        unit = claim.normalized.unit
        if claim.value:
            factor = claim.normalized.value / claim.value
    value = claim.value * factor
    lo, hi = _interval(claim, _written(claim.text), inside)
    lo, hi = sorted((lo * factor, hi * factor))  # a negative factor would swap them
    magnitude = math.log10(abs(value)) if value else -math.inf
    label = normalize(claim.period) if claim.period else None
    return Figure(
        claim=claim,
        doc=claim.doc or "",
        unit=unit,
        value=value,
        lo=lo,
        hi=hi,
        magnitude=magnitude,
        period=period_of(claim, label),
        label=label,
        doc_date=_date(getattr(claim, "doc_date", None)),
    )


def overlaps(a: Figure, b: Figure) -> bool:
    """Whether two figures can be the same value (their intervals share a value)."""
    return a.lo < b.hi and b.lo < a.hi


def period_of(claim: Claim, label: str | None = None) -> Period | None:
    """The claim's period, if known: its days when the extractor resolved them (CLAIMS.md
    v2), else its label when it names a year. A period neither resolved nor naming a year
    (目前, 今年, 上半年 in a document of unknown date) is of an unknown time: None, as when
    no period is given (another document's 上半年 may be of another year). `label`: the
    period normalised, when the caller has it."""
    if claim.period is None:
        return None
    start = _date(getattr(claim, "period_start", None))
    end = _date(getattr(claim, "period_end", None))
    label = label or normalize(claim.period)
    if start is None and end is None and not _YEAR.search(label):
        return None
    return Period(label, start, end)


def _date(value: object) -> date | None:
    """A date field as the extractor gives it (a date) or as JSON and SQLite keep it (ISO)."""
    if isinstance(value, date):
        return value
    if isinstance(value, str) and value:
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def _interval(claim: Claim, written: str, inside: frozenset[str]) -> tuple[Decimal, Decimal]:
    """[lo, hi) of the values the claim can stand for, in the claim's own unit (`written`:
    its text as read)."""
    value = claim.value
    place = stated_place(claim, written)
    if claim.value_max is not None:
        return value - place / 2, claim.value_max + place / 2
    step = max(last_place(abs(value)), place)
    if claim.qualifier == "approx":
        return value - step / 2, value + step / 2
    if claim.qualifier in _UP or claim.qualifier in _DOWN:
        if not _marked_inside(written, inside):
            step = max(step, abs(value) / 10)  # a bound says less of the figure's last digit
        if claim.qualifier in _UP:
            return value, value + step
        return value - step, value + (place / 2 if claim.qualifier == "at_most" else 0)
    return value - place / 2, value + place / 2


def _marked_inside(written: str, inside: frozenset[str]) -> bool:
    """Whether a marker stands inside the number, after its digits: 300多项, 3.5万余家."""
    runs = list(_ARABIC.finditer(written))
    rest = written[runs[-1].end() :] if runs else written
    return any(marker in rest for marker in inside)


def stated_place(claim: Claim, written: str | None = None) -> Decimal:
    """The place value of the last digit written, in the claim's unit (`written`: the claim's
    text as read, when the caller has it).

    >>> from pressmine import extract
    >>> [str(stated_place(c)) for c in extract("483.8万座、4838000座、1.2万亿元、九成、3萬2,105人")]
    ['1E+3', '1', '1E+11', '1E+1', '1']
    """
    target = abs(claim.value_max if claim.value_max is not None else claim.value)
    runs = _ARABIC.findall(_written(claim.text) if written is None else written)
    if not runs:  # a Chinese numeral states its last non-zero digit
        return last_place(target)
    run = runs[-1].replace(",", "")
    decimals = len(run.partition(".")[2])
    place = _ONE.scaleb(-decimals)
    digits = Decimal(run)
    if digits and target:
        scale = (target / digits).normalize()
        # 483.8万: the scale word after the digits multiplies their precision too. A mixed
        # number (3萬2,105) or a value converted (九成 → 90) keeps the digits' own.
        if scale.as_tuple().digits == (1,) and scale >= 1:
            place *= scale
    return place


def _written(text: str) -> str:
    """A claim's text as a reader sees it: an HTML claim's markup and entities (483.8</b>万座,
    3&#20159;元) read, simplified and half-width (餘 is 余, ４ is 4)."""
    if "<" in text or "&" in text:
        text = html.unescape(_MARKUP.sub("", text))
    return normalize(text)


def last_place(value: Decimal) -> Decimal:
    """The place value of the last non-zero digit: 35000 → 1000, 6.5 → 0.1, 0 → 1.

    >>> [str(last_place(Decimal(x))) for x in ("35000", "6.5", "0")]
    ['1E+3', '0.1', '1']
    """
    if not value:
        return _ONE
    return _ONE.scaleb(value.normalize().as_tuple().exponent)  # type: ignore[arg-type]
