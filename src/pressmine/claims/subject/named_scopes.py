"""Scopes a sentence names before its figures, as a body or a place does (CLAIMS.md v2
§Subject: what tells the figures apart): a scheme a clause launches or runs, named in quotes at
the clause's end (延长『特别爱增值计划』,提高学员津贴额从4000元增至5800元), and a market a
方面 frame opens on (对美国方面,前2月出口370.2亿美元)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from pressmine.claims.subject.parts import Found, Groups, Words, words_in

if TYPE_CHECKING:
    from pressmine.claims.candidates import Candidate

# A quoted name that closes its clause: the verb before it is checked against the packs.
_QUOTED = re.compile(r"[「『“]([^「『“」』”,，。;；]{2,16})[」』”](?=[,，;；])")
MAX_PIECES = 3  # a subject is at most three pieces of the text


# A frame that opens a clause on a market: 对美国方面, 中国大陆与香港方面.
_MARKET = re.compile(r"(对?)([^,，。;；:：]{2,12})方面[,，]")
# What either needs: a closing quote or 方面 (most sentences hold neither).
_HINT = re.compile(r"[」』”]|方面")


def scope_named(
    text: str, claims: Sequence[Candidate], found: list[Found], groups: Groups, words: Words
) -> None:
    """Put the scheme a sentence launches, or the market it opens on, before the subjects of
    its later figures."""
    for (lo, hi), members in groups.by_sentence.items():
        if _HINT.search(text, lo, hi) is None:
            continue
        names = _schemes(text, lo, hi, words) + _markets(text, lo, hi, words)
        if not names:
            continue
        for i in members:
            f = found[i]
            before = [span for span in names if span[1] <= claims[i].start]
            if not before or not f.spans or f.label is not None or len(f.spans) >= MAX_PIECES:
                continue
            name = max(before, key=lambda span: span[1])
            named = text[name[0] : name[1]].lstrip("对")
            if any(named in text[s:e] or text[s:e] in named for s, e in f.spans):
                continue  # the subject names it already (上车易按揭 + 按揭 would say it twice)
            f.spans, f.owner = (name, *f.spans), f.owner or "named"


def _schemes(text: str, lo: int, hi: int, words: Words) -> list[tuple[int, int]]:
    return [m.span(1) for m in _QUOTED.finditer(text, lo, hi) if _launched(text, lo, m, words)]


def _markets(text: str, lo: int, hi: int, words: Words) -> list[tuple[int, int]]:
    """对美国方面, 中国大陆与香港方面: only places (移动网络方面 names a topic the figures
    after it name again, 5G基站; 内需方面 a part of a total)."""
    out = []
    for m in _MARKET.finditer(text, lo, hi):
        if m.start() > lo and text[m.start() - 1] not in ",，":
            continue  # the frame opens a clause
        toks = words_in(text, m.start(2), m.end(2), words)
        separators = words.list_separators
        if toks and all(t[0] in words.regions or t[0] in separators for t in toks):
            out.append((m.start(1) if m.group(1) else m.start(2), m.end(2)))
    return out


def _launched(text: str, lo: int, m: re.Match[str], words: Words) -> bool:
    """The words right before the quote end in a verb that launches a scheme."""
    before = text[max(lo, m.start() - 2) : m.start()]
    return any(before.endswith(v) for v in words.scheme_verbs)
