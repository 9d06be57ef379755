"""What the subject finder works with: words and their spans, the subject found for a claim,
the claims that share a sentence or a clause, and what a word is (part of a noun phrase or not)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from pressmine.packs.subject_words import SubjectWords
from pressmine.text import segment
from pressmine.text.clauses import Boundaries

if TYPE_CHECKING:
    from pressmine.claims.candidates import Candidate


Spans = tuple[tuple[int, int], ...]
Word = tuple[str, int, int]  # a word and its [start, end) in the text
Words = SubjectWords  # the packs' words for subjects: PackSet.subject_vocabulary
# Word classes that end a noun phrase (see segment.word_class); "a" (adjectives) do not, but a
# phrase of adjectives alone is no noun phrase.
_STOP = frozenset(["v", "d", "p", "c", "u", "r", "m", "q", "t", "f", "y"])
NOUN_CLASSES = frozenset(("n", "vn"))
OPEN, CLOSE = "(（“‘《「『【", ")）”’》」』】"
QUOTES_OPEN, QUOTES_CLOSE = "“‘《「『", "”’》」』"
DIGITS = re.compile(r"^[0-9.,%〇○零]+$")  # 〇 alone is a digit (二〇二四年), no noun


@dataclass(slots=True)
class Groups:
    """Which claims share a sentence or a clause, found once: looking them up claim by claim
    would make a long document with thousands of claims quadratic."""

    sentence: list[tuple[int, int]]  # per claim
    clause: list[tuple[int, int]]
    paragraph: list[tuple[int, int]]
    by_sentence: dict[tuple[int, int], list[int]]
    by_clause: dict[tuple[int, int], list[int]]

    @classmethod
    def of(cls, claims: Sequence[Candidate], bounds: Boundaries) -> Groups:
        sentence = [bounds.sentence(c.start) for c in claims]
        clause = [bounds.clause(c.start) for c in claims]
        paragraph = [bounds.paragraph(c.start) for c in claims]
        by_sentence: dict[tuple[int, int], list[int]] = {}
        by_clause: dict[tuple[int, int], list[int]] = {}
        for i, (s, c) in enumerate(zip(sentence, clause, strict=True)):
            by_sentence.setdefault(s, []).append(i)
            by_clause.setdefault(c, []).append(i)
        return cls(sentence, clause, paragraph, by_sentence, by_clause)


@dataclass(slots=True)
class Found:
    """A claim's subject as it is being found: its pieces, which step found them (`how`, what
    `pressmine explain` shows), and its words."""

    spans: Spans | None
    how: (
        str  # rule / after / before / verb / meta / inherited / respectively / topic / group / none
    )
    words: list[Word]  # the phrase's words (for shared-head repair)
    # said after its owner: 占我国外贸总值 (the base of a share), 增速 (a growth rate's points)
    share: Spans | None = None
    owner: str | None = (
        None  # how it was added: actor / level / frame / paragraph / headline / named
    )
    source: int | None = None  # the claim an inherited subject came from
    label: str | None = None  # a group's label (年龄组), the subject of a group-defining range
    which: Spans | None = None  # the predicate that says which are counted (实现同比增长)


def is_meta(phrase: list[Word], meta: frozenset[str]) -> bool:
    return "".join(w for w, _, _ in phrase) in meta or all(w in meta for w, _, _ in phrase)


def as_spans(toks: list[Word]) -> Spans:
    return ((toks[0][1], toks[-1][2]),)


def spans_of(toks: Sequence[Word]) -> Spans:
    """The words as spans, one per run of adjacent words (an owner and its verb, apart)."""
    out: list[tuple[int, int]] = []
    for _, s, e in toks:
        if out and out[-1][1] == s:
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return tuple(out)


def merge_spans(first: Spans, then: Spans) -> Spans:
    """first + then, without the pieces of `first` that `then` holds already (an owner that
    the measure names itself)."""
    out = [(s, e) for s, e in first if not overlaps((s, e), then)]
    return (*out, *then)


def merge_adjacent(spans: Spans) -> Spans:
    """The pieces, with those that touch joined into one (地区 + 收入 -> 地区收入)."""
    out: list[tuple[int, int]] = []
    for s, e in spans:
        if out and out[-1][1] == s:
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return tuple(out)


def without_repeats(text: str, spans: Spans) -> Spans:
    """The pieces, each without the words it opens on that the piece before it ends on (在41个
    工业大类行业中，38个行业利润总额…: 工业大类行业 + [行业]利润总额)."""
    out = list(spans[:1])
    for s, e in spans[1:]:
        before = text[out[-1][0] : out[-1][1]]
        longest = range(min(len(before), e - s), 1, -1)
        n = next((n for n in longest if before.endswith(text[s : s + n])), 0)
        if s + n < e:  # a piece the one before ends on altogether is left out
            out.append((s + n, e))
    return tuple(out)


def overlaps(span: tuple[int, int], spans: Spans) -> bool:
    return any(span[0] < e and s < span[1] for s, e in spans)


def words_of(text: str, spans: Spans) -> list[Word]:
    """The words of each piece of a subject."""
    return [w for s, e in spans for w in segment.words_between(text, s, e)]


def words_in(text: str, lo: int, hi: int, words: Words, cut: bool = True) -> list[Word]:
    """The words of text[lo:hi] as the subject finder reads them: the segmenter's, with the
    stop words glued to others cut off (`cut`), and compound names joined into one word
    (有色金属冶炼 + 和 + 压延 + 加工业)."""
    toks = segment.words_between(text, lo, hi, words.cut if cut else frozenset())
    holds = _holds if _holds[0] is text and _holds[1] is words else _held(text, words)
    code = _STOCK_CODE.search(text, lo, hi) if holds[2] else None
    if code is not None:
        toks = _without_codes(text, toks, code, hi)
    hint = words.compound_hint
    if hint is None or not holds[3] or hint.search(text, lo, hi) is None:
        return toks  # most texts name no compound: no need to look for one word by word
    return join_names(toks, words)


# Whether the text last asked about holds a stock code, and a compound name, anywhere (most
# texts hold neither): a text that does not holds none in any stretch either (neither pattern
# looks past what it matches), and words_in need not search each stretch it is asked for.
_holds: tuple[str, Words | None, bool, bool] = ("", None, False, False)


def _held(text: str, words: Words) -> tuple[str, Words | None, bool, bool]:
    global _holds
    hint = words.compound_hint
    compound = hint is not None and hint.search(text) is not None
    _holds = (text, words, _STOCK_CODE.search(text) is not None, compound)
    return _holds


# A listed company's stock code in brackets after its name: 招商银行(600036), 腾讯(00700.HK).
_STOCK_CODE = re.compile(r"[(（]\s?\d{4,6}(?:\.[A-Za-z]{2})?\s?[)）]")


def _without_codes(text: str, toks: list[Word], first: re.Match[str], hi: int) -> list[Word]:
    """The words without the stock codes in brackets: the name reads on past them
    (海普瑞(002399)净利润 -> 海普瑞 + 净利润)."""
    spans = [first.span()]
    spans += [m.span() for m in _STOCK_CODE.finditer(text, first.end(), hi)]
    return [t for t in toks if not any(s <= t[1] and t[2] <= e for s, e in spans)]


def join_names(toks: list[Word], words: Words) -> list[Word]:
    """The words with each run that spells a compound name joined into one, longest first."""
    names, prefixes = words.compound_names, words.compound_prefixes
    out: list[Word] = []
    i = 0
    while i < len(toks):
        joined, best = "", None
        for j in range(i, min(len(toks), i + 16)):
            joined += toks[j][0]
            if joined not in prefixes:
                break
            if j > i and joined in names:
                best = j
        if best is None:
            out.append(toks[i])
            i += 1
            continue
        out.append(("".join(t[0] for t in toks[i : best + 1]), toks[i][1], toks[best][2]))
        i = best + 1
    return out


@lru_cache(maxsize=1 << 16)  # a word's answer never changes: found once, not at every ask
def is_nounish(word: str) -> bool:
    """A word that may be part of a noun phrase: not a number, blank, punctuation or a word
    of a class that ends a phrase. Asked several times of every word near every claim."""
    if segment.word_class(word) in _STOP or DIGITS.match(word) or not word.strip():
        return False
    # A letter or a digit is no punctuation: most words start with one, and the per-character
    # category lookup is then not needed.
    return word[0].isalnum() or not all(is_punct(ch) for ch in word)


def is_time_word(w: str, words: Words) -> bool:
    """A word that may be part of a period: a time word, a number, a numeral or particle, or a
    count of a time unit (第三季, 前三季度)."""
    if w in words.time_words or w.isdigit() or segment.word_class(w) in ("t", "m", "p", "u"):
        return True
    counted = w.endswith(words.time_units) or w.endswith("季度")  # 第三季, 前三季度
    return counted and not _NUMERALS.isdisjoint(w)


_NUMERALS = frozenset("0123456789一二三四五六七八九十两首")
_COUNTS = frozenset("一二三四五六七八九十两")


def named_count(w: str | None, left: str | None, right: str, words: Words) -> bool:
    """Whether w is a number inside the name of a group of places (南方 + 五 + 省区)."""
    if w is None or left is None or not (w.isdigit() or _COUNTS.issuperset(w)):
        return False  # most words: no number
    return right.endswith(words.name_endings) and (
        is_nounish(left) or segment.word_class(left) == "f"
    )


def is_punct(ch: str) -> bool:
    return unicodedata.category(ch)[0] in "PSZ"


def has_noun(toks: list[Word], words: Words) -> bool:
    """A noun phrase needs a noun that is not a scope word (全国 alone says nothing), or a
    measure word after a modifier (先进级 in 3.5万余家基础级、8200余家先进级…工厂)."""
    scope = words.strip_prefix
    if len(toks) > 1 and segment.word_class(toks[-1][0]) == "q":
        return True
    if len(toks) > 1 and toks[-1][0] in words.noun_suffixes and all(len(t[0]) == 1 for t in toks):
        return True  # 外|食|费: a word the dictionary lacks, cut into characters, a noun's end
    return any(
        segment.word_class(w) in NOUN_CLASSES and is_nounish(w) and w not in scope
        for w, _, _ in toks
    )


@lru_cache(maxsize=64)
def finder(options: frozenset[str]) -> re.Pattern[str]:
    """What finds any of `options` in a stretch of text: one search in C, where a loop would
    ask of each word whether the stretch holds it (a dozen words, for every claim)."""
    if not options:
        return _NOTHING
    return re.compile("|".join(map(re.escape, sorted(options, key=lambda w: (-len(w), w)))))


_NOTHING = re.compile("(?!)")


def per_unit(word: str, words: Words) -> bool:
    """每月, 每股, 每分钟: what a measure is per, part of its name."""
    return len(word) > 1 and word.startswith(words.per_prefixes) and not DIGITS.match(word[1:])


def compound_part(word: str, left: str | None, right: str | None, words: Words) -> bool:
    """A verb, measure or position word between nouns is part of a compound noun:
    智能+制造+装备, 智能+算+力, 基础+级, 规模+以上+工业; at a phrase's edge it ends it.
    A scope word is no first half of a compound: 全省+发生+事故 is a clause."""
    cls = segment.word_class(word)
    if cls not in ("v", "q", "f") or left is None:
        return False
    if not (
        is_nounish(left)
        or left in QUOTES_CLOSE  # “5G+工业互联网”+在建+项目: a quoted name is a noun
        or per_unit(left, words)  # 每股+购买+代价
    ):
        return False
    if left in words.strip_prefix or word in words.frame_starts:
        return False  # 蛋类[受]供给减少…影响: a frame opens there, no compound goes on
    if cls == "v" and left in words.meta_heads:
        return False  # 主要跌幅[来自]汽车: what names a measure is no first half of a noun
    if cls == "v" and word in words.stop_words:  # 达, 增长: they link a subject to its number
        return False
    if word in words.measure_links:  # 汽车制造业[完成]营业收入: the owner, then its measure
        return False
    if right in words.skip_before:
        return False  # 工业增加值[实现]同比增长: what comes before 同比 is the predicate
    if cls == "v" and word[-1] in words.predicate_endings:
        return False  # 公司[拟向]全体股东: a predicate with its object, no part of a noun
    return cls == "q" or (right is not None and is_nounish(right))


def trim_quotes(toks: list[Word]) -> list[Word]:
    """“一案双罚” -> 一案双罚: quotes around a whole phrase are not part of it."""
    if len(toks) > 1 and toks[0][0] in QUOTES_OPEN and toks[-1][0] in QUOTES_CLOSE:
        inner = toks[1:-1]
        if not any(t[0] in QUOTES_OPEN + QUOTES_CLOSE for t in inner):
            return inner
    return toks
