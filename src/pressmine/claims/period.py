"""The period a figure refers to (2025年, 2025年1-11月, 截至2025年6月15日): the last period
expression of the packs (`[[period]]`) before the number in its sentence, or failing that in
the sentences before it in its paragraph (上半年,…。…。 scopes the paragraph)."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from pressmine.grammar import masking
from pressmine.packs.model import PackSet
from pressmine.text.clauses import Boundaries

if TYPE_CHECKING:
    from pressmine.claims.candidates import Candidate


def find_periods(
    text: str,
    claims: Sequence[Candidate],
    packs: PackSet,
    bounds: Boundaries,
    masked: str | None = None,
) -> list[str | None]:
    """The last period expression before the number in its sentence; failing that, in the
    sentences before it in its paragraph (上半年,…。…。 scopes the paragraph); else None.

    `masked` is masking.mask_numbers(text) when the caller has it already."""
    out: list[str | None] = []
    by_paragraph: dict[tuple[int, int], _Periods] = {}
    if masked is None:
        masked = masking.mask_numbers(text)  # what {{number}} patterns run on
    for c in claims:
        paragraph = bounds.paragraph(c.start)
        if paragraph not in by_paragraph:
            found = _periods_in(text, masked, paragraph, packs)
            by_paragraph[paragraph] = _Periods(found, packs.period_words["as_of"])
        out.append(by_paragraph[paragraph].before(c.start, bounds.sentence(c.start)[0]))
    return out


_NAMES_ITS_YEAR = re.compile(r"\d{4}年|[〇零○]")
_BARE_YEAR = re.compile(r"(?:19|20)\d{2}年")


class _Periods:
    """The periods of a paragraph, looked up for each claim in it by bisection: they come
    sorted and without overlaps (_periods_in), so their starts and their ends both ascend."""

    def __init__(self, found: list[tuple[int, int, str]], as_of: frozenset[str]) -> None:
        self.found = found
        self.as_of = as_of  # a period with one of these words takes no year from before it
        self.starts = [s for s, _, _ in found]
        self.ends = [e for _, e, _ in found]
        self.years = [i for i, (_, _, p) in enumerate(found) if _BARE_YEAR.fullmatch(p)]

    def before(self, pos: int, sentence_lo: int) -> str | None:
        """The last period that ends before `pos`, preferring those in the sentence that
        starts at `sentence_lo`, with a year stated before it when it names none itself."""
        n = bisect.bisect_right(self.ends, pos)  # the periods before the number: [0, n)
        if n == 0:
            return None
        lo = bisect.bisect_left(self.starts, sentence_lo, 0, n)
        if lo == n:
            lo = 0  # none in its sentence: all those before it in the paragraph count
        start, _end, period = self.found[n - 1]
        if not _NAMES_ITS_YEAR.search(period) and not any(w in period for w in self.as_of):
            k = bisect.bisect_left(self.years, n) - 1  # the last bare year of [0, n)
            if k >= 0 and self.years[k] >= lo and self.found[self.years[k]][1] <= start:
                # 2025年…1-11月: the year stated earlier applies
                period = self.found[self.years[k]][2] + period
        return period


def _periods_in(
    text: str, masked: str, span: tuple[int, int], packs: PackSet
) -> list[tuple[int, int, str]]:
    found: list[tuple[int, int, str]] = []
    regex = packs.basis_regex
    bases = [m.span() for m in regex.finditer(text, *span)] if regex else []
    for p in packs.period_patterns:
        for m in p.regex.finditer(masking.texts_for(p.regex.pattern, text, masked), *span):
            inside_basis = any(s < m.end() and m.start() < e for s, e in bases)
            if m.end() > m.start() and not inside_basis:  # 比上年同期 is a basis, not a period
                found.append((m.start(), m.end(), text[m.start() : m.end()]))
    # Where patterns overlap keep the longest (2025年春节以来 over 2025年).
    found.sort(key=lambda x: (x[0], -(x[1] - x[0])))
    kept: list[tuple[int, int, str]] = []
    for f in found:
        if kept and f[0] < kept[-1][1]:
            continue
        kept.append(f)
    return kept
