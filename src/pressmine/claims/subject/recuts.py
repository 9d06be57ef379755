"""Words the segmenter cut wrong, read back as the subject finder needs them: a word its
dictionary lacks, cut into single characters (外|食|费, 海|普|瑞), and a unit of time glued
to the noun after its count (三个|月销量)."""

from __future__ import annotations

from pressmine.claims.subject.parts import Word, Words, is_punct
from pressmine.text import segment

# Units of time the segmenter may glue to the noun after their count (三个|月销量).
TIME_UNITS = frozenset("年月日天周季")


def unit_cut_off(toks: list[Word], first: Word) -> Word:
    """The phrase's first word without the unit of time it opens with when the word before
    it is a count (过去三个|[月]销量): that unit ends the time window, not the noun."""
    k = next((k for k in range(len(toks) - 1, -1, -1) if toks[k][1] == first[1]), 0)
    before = toks[k - 1][0] if k > 0 else ""
    if before and (before[-1] in "个0123456789" or segment.word_class(before) == "m"):
        w, s, e = first
        return w[1:], s + 1, e
    return first


# Classes a character cut out of an unknown word may get (外 f, 得 u, 海|普 d|瑞), when not a
# word alone.
IN_RUN = frozenset(("f", "u", "d"))
FUNCTION_CHARS = frozenset("的地了着过和与及或在是为")


def char_run(out: list[Word], tok: Word, left: Word | None) -> bool:
    """Whether tok is one of at least three single characters in a row that end on the
    phrase so far: what the segmenter makes of a word its dictionary lacks."""
    if len(tok[0]) != 1 or tok[0] in FUNCTION_CHARS or not out or len(out[0][0]) != 1:
        return False
    if out[0][1] != tok[2]:
        return False
    if len(out) > 1 and len(out[1][0]) == 1:
        return True  # [外]|食|费
    return left is not None and len(left[0]) == 1 and left[2] == tok[1] and left[0].isalpha()


def single_characters_joined(toks: list[Word], words: Words) -> list[Word]:
    """北|交|所, 营|收: a name the dictionary lacks, cut into single characters, is one word
    (but 较, 和 and the other words that link or compare stay apart)."""
    apart = words.stop_words | words.comparators | words.list_separators | words.skip_before
    out: list[Word] = []
    run = False  # whether the last word is a run of single characters
    for tok in toks:
        single = len(tok[0]) == 1 and tok[0] not in apart and not is_punct(tok[0])
        if single and run and out[-1][2] == tok[1]:
            out[-1] = (out[-1][0] + tok[0], out[-1][1], tok[2])
            continue
        out.append(tok)
        run = single
    return out
