"""Named schemes: a scheme a clause launches or runs, named in quotes at the clause's end
(延长『特别爱增值计划』,提高学员津贴额从4000元增至5800元), scopes the figures after it in its
sentence, as a body or a place does (CLAIMS.md v2 §Subject: what tells the figures apart)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from pressmine.claims.subject.parts import Found, Groups, Words

if TYPE_CHECKING:
    from pressmine.claims.candidates import Candidate

# A quoted name that closes its clause: the verb before it is checked against the packs.
_QUOTED = re.compile(r"[「『“]([^「『“」』”,，。;；]{2,16})[」』”](?=[,，;；])")
MAX_PIECES = 3  # a subject is at most three pieces of the text


def scope_schemes(
    text: str, claims: Sequence[Candidate], found: list[Found], groups: Groups, words: Words
) -> None:
    """Put the scheme a sentence launches before the subjects of its later figures."""
    for (lo, hi), members in groups.by_sentence.items():
        if "」" not in text[lo:hi] and "』" not in text[lo:hi] and "”" not in text[lo:hi]:
            continue  # most sentences quote nothing
        names = [m for m in _QUOTED.finditer(text, lo, hi) if _launched(text, lo, m, words)]
        if not names:
            continue
        for i in members:
            f = found[i]
            before = [m for m in names if m.end() <= claims[i].start]
            if not before or not f.spans or f.label is not None or len(f.spans) >= MAX_PIECES:
                continue
            name = before[-1].span(1)
            if any(s <= name[0] and name[1] <= e for s, e in f.spans):
                continue  # the subject names it already
            if any(text[s:e] in text[name[0] : name[1]] for s, e in f.spans):
                continue  # 上车易按揭 + 按揭 says the scheme twice
            f.spans = (name, *f.spans)


def _launched(text: str, lo: int, m: re.Match[str], words: Words) -> bool:
    """The words right before the quote end in a verb that launches a scheme."""
    before = text[max(lo, m.start() - 2) : m.start()]
    return any(before.endswith(v) for v in words.scheme_verbs)
