"""What a number measures: the noun phrase a claim is about, as spans of the text.

The grammar, in the order it is tried for each claim:
1. a rule's own (?P<subject>…) group;
2. the noun phrase right after the unit: 形成了超300项[关键技术储备], 95%的[行政村];
3. the noun phrase right before the number, past linking words and adverbial frames:
   [直接经济损失]171.49亿元, [核心产业规模]预计突破1.2万亿元,
   [工业增加值]按可比价格计算同比增长6.0%, [香港旅客占]28.0%;
4. a verb phrase that is itself the measure: 641.53万人次不同程度[受灾], [死亡]855人;
5. else inherited within the sentence, by unit and then by position in a coordinated list:
   事故782起,死亡855人,同比减少96起、64人 -> 96起 is the accidents, 64人 the deaths;
6. else the topic of the clause before: 中国大陆旅客上升显著,增幅达48.3%.
A phrase that only names the measure (增幅, 临时估计) is no subject: 5 and 6 replace it.
Coordinated lists share a head: 3.5万余家基础级、…、500余家卓越级智能工厂.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from pressmine.claims.candidates import Candidate
from pressmine.packs.model import PackSet
from pressmine.text import segment
from pressmine.text.clauses import Boundaries

Spans = tuple[tuple[int, int], ...]
Word = tuple[str, int, int]  # a word and its [start, end) in the text
Words = dict[str, frozenset[str]]

# Word classes that end a noun phrase (see segment.word_class); "a" (adjectives) do not, but a
# phrase of adjectives alone is no noun phrase.
_STOP = frozenset(["v", "d", "p", "c", "u", "r", "m", "q", "t", "f", "y"])
_NOUN_CLASSES = frozenset(("n", "vn"))
_OPEN, _CLOSE = "(（“‘《「『【", ")）”’》」』】"
_QUOTES_OPEN, _QUOTES_CLOSE = "“‘《「『", "”’》」』"
_LIST_SEPARATORS = ("、", "和", "及", "与", "以及", "或")
_DIGITS = re.compile(r"^[0-9.,%]+$")
# Linking words jieba sometimes glues to the noun before them: 占比达 -> 占/比达.
_GLUED_LINKS = ("达", "为", "超", "约", "近", "逾")


@dataclass(slots=True)
class _Groups:
    """Which claims share a sentence or a clause, found once: looking them up claim by claim
    would make a long document with thousands of claims quadratic."""

    sentence: list[tuple[int, int]]  # per claim
    clause: list[tuple[int, int]]
    by_sentence: dict[tuple[int, int], list[int]]
    by_clause: dict[tuple[int, int], list[int]]

    @classmethod
    def of(cls, claims: Sequence[Candidate], bounds: Boundaries) -> _Groups:
        sentence = [bounds.sentence(c.start) for c in claims]
        clause = [bounds.clause(c.start) for c in claims]
        by_sentence: dict[tuple[int, int], list[int]] = {}
        by_clause: dict[tuple[int, int], list[int]] = {}
        for i, (s, c) in enumerate(zip(sentence, clause, strict=True)):
            by_sentence.setdefault(s, []).append(i)
            by_clause.setdefault(c, []).append(i)
        return cls(sentence, clause, by_sentence, by_clause)


@dataclass(slots=True)
class _Found:
    spans: Spans | None
    how: str  # rule / after / before / verb / meta / inherited / topic / none
    words: list[Word]  # the phrase's words (for shared-head repair)


def find_subjects(
    text: str, claims: Sequence[Candidate], packs: PackSet, bounds: Boundaries
) -> list[Spans | None]:
    """Subject spans for each claim (sorted by start), or None when none can be found."""
    words = subject_words(packs)
    groups = _Groups.of(claims, bounds)
    found: list[_Found] = []
    for i, c in enumerate(claims):
        if c.subject_span is not None:
            found.append(_Found((c.subject_span,), "rule", []))
            continue
        lo, hi = groups.clause[i]
        prev = claims[i - 1] if i > 0 and claims[i - 1].end > lo else None
        nxt = claims[i + 1] if i + 1 < len(claims) and claims[i + 1].start < hi else None
        left_lo = prev.end if prev is not None else lo
        if prev is not None and found[-1].how == "after" and found[-1].spans:
            left_lo = max(left_lo, found[-1].spans[-1][1])  # that phrase was the previous claim's
        right_hi = nxt.start if nxt is not None else hi
        found.append(_subject_of(text, c, left_lo, right_hi, words))
    _share_heads(text, claims, found, groups)
    _inherit(claims, found, groups)
    _distribute_respectively(text, claims, found, groups, words)
    for i, f in enumerate(found):
        if f.how in ("meta", "none"):
            topic = _previous_clause_topic(text, claims[i].start, bounds, words)
            if topic:
                f.spans, f.how = _as_spans(topic), "topic"
    return [f.spans for f in found]


@cache
def subject_words(packs: PackSet) -> Words:
    """The packs' subject word lists, plus stop_verbs: every word that links a subject to
    its number (达, 预计, 同比) or makes the number a change (增长, 降至)."""
    words = dict(packs.subject_words)
    words["stop_verbs"] = (
        words["skip_before"]
        | set(packs.change)
        | set(packs.basis)
        | {w for place in packs.qualifiers.values() for w in place}
    )
    # Multi-character stop words the segmenter may glue to a word before them (同比增加).
    words["split"] = frozenset(w for w in words["stop_verbs"] if len(w) > 1)
    return words


def _subject_of(text: str, c: Candidate, left_lo: int, right_hi: int, words: Words) -> _Found:
    right = _right_words(text, c.end, right_hi, words)
    phrase = _noun_phrase_forward(right, words)
    if phrase:
        return _found(phrase, "after", words)
    left_hi = _strip_suffix_words(text, left_lo, c.start, words)
    left = _strip_linking(segment.spans(text[left_lo:left_hi], left_lo, words["split"]), words)
    phrase = _noun_phrase_backward(left, words)
    if phrase:
        found = _found(phrase, "before", words)
        before = [t[0] for t in left if t[2] <= phrase[0][1]][-2:]
        if any(w in words["share_words"] for w in before):
            found.how = "meta"  # 占我国外贸总值的14.9%: the share is of the sentence's topic
        return found
    phrase = _verb_phrase_forward(right, words)
    if phrase:
        return _Found(_as_spans(phrase), "verb", phrase)  # 641.53万人次紧急转移安置
    phrase = _verb_phrase_backward(left, words)
    if phrase:
        return _Found(_as_spans(phrase), "verb", phrase)  # 死亡855人, 水库除险加固540库次
    return _Found(None, "none", [])


def _is_meta(phrase: list[Word], meta: frozenset[str]) -> bool:
    return "".join(w for w, _, _ in phrase) in meta or all(w in meta for w, _, _ in phrase)


def _found(phrase: list[Word], how: str, words: Words) -> _Found:
    if _is_meta(phrase, words["meta_heads"]):
        how = "meta"  # 增幅达48.3%: the phrase names the measure, not what was measured
    return _Found(_as_spans(phrase), how, phrase)


def _right_words(text: str, start: int, end: int, words: Words) -> list[Word]:
    toks = segment.spans(text[start:end], start)
    adverbials = words["adverbials"]
    # 95%的行政村: 的 right after the number only links it to the noun.
    while toks and (toks[0][0] in adverbials or toks[0][0] in ("的", "之", "不同", "程度")):
        toks = toks[1:]
    return toks


def _strip_suffix_words(text: str, lo: int, hi: int, words: Words) -> int:
    """Where the words before a number end once linking phrases are cut off the end:
    比去年同期增长 is several words to the segmenter but one phrase to the packs."""
    regex = _suffix_regex(words["split"])
    while hi > lo:
        m = regex.search(text, lo, hi)
        if m is None:
            break
        hi = m.start()
    return hi


@cache
def _suffix_regex(phrases: frozenset[str]) -> re.Pattern[str]:
    alts = "|".join(re.escape(p) for p in sorted(phrases, key=lambda p: (-len(p), p)))
    return re.compile(rf"(?:{alts})\s*$")


def _strip_linking(toks: list[Word], words: Words) -> list[Word]:
    """Drop what stands between a subject and its number: 预计突破, 同比增长, 按…计算, 、."""
    skip, frame_starts, frame_ends = words["stop_verbs"], words["frame_starts"], words["frame_ends"]
    while toks:
        w, s, e = toks[-1]
        if w in skip or w in _LIST_SEPARATORS or w == "的" or not w.strip():
            toks = toks[:-1]
        elif segment.word_class(w) == "d" and len(toks) > 1:
            toks = toks[:-1]  # 香港旅客[则]分别占28.0%: an adverb between subject and verb
        elif w in frame_ends and any(t[0] in frame_starts for t in toks[-6:-1]):
            # 按可比价格计算, 与上年相比: an adverbial frame before the verb, not the subject
            cut = max(
                i
                for i in range(len(toks) - 6, len(toks) - 1)
                if i >= 0 and toks[i][0] in frame_starts
            )
            toks = toks[:cut]
        elif len(w) > 1 and w.endswith(_GLUED_LINKS) and segment.word_class(w) == "n":
            toks = [*toks[:-1], (w[:-1], s, e - 1)]
        else:
            break
    return toks


def _is_nounish(word: str) -> bool:
    """A word that may be part of a noun phrase: not a number, blank, punctuation or a word
    of a class that ends a phrase. Asked several times of every word near every claim."""
    if segment.word_class(word) in _STOP or _DIGITS.match(word) or not word.strip():
        return False
    # A letter or a digit is no punctuation: most words start with one, and the per-character
    # category lookup is then not needed.
    return word[0].isalnum() or not all(_is_punct(ch) for ch in word)


def _is_punct(ch: str) -> bool:
    return unicodedata.category(ch)[0] in "PSZ"


def _has_noun(toks: list[Word], words: Words) -> bool:
    """A noun phrase needs a noun that is not a scope word (全国 alone says nothing), or a
    measure word after a modifier (先进级 in 3.5万余家基础级、8200余家先进级…工厂)."""
    scope = words["strip_prefix"]
    if len(toks) > 1 and segment.word_class(toks[-1][0]) == "q":
        return True
    return any(
        segment.word_class(w) in _NOUN_CLASSES and _is_nounish(w) and w not in scope
        for w, _, _ in toks
    )


def _compound_part(word: str, left: str | None, right: str | None, words: Words) -> bool:
    """A verb, measure or position word between nouns is part of a compound noun:
    智能+制造+装备, 智能+算+力, 基础+级, 规模+以上+工业; at a phrase's edge it ends it.
    A scope word is no first half of a compound: 全省+发生+事故 is a clause."""
    cls = segment.word_class(word)
    if cls not in ("v", "q", "f") or left is None or not _is_nounish(left):
        return False
    if left in words["strip_prefix"]:
        return False
    if cls == "v" and word in words["stop_verbs"]:  # 达, 增长: they link a subject to its number
        return False
    return cls == "q" or (right is not None and _is_nounish(right))


def _noun_phrase_forward(toks: list[Word], words: Words) -> list[Word]:
    suffixes, stop_verbs = words["noun_suffixes"], words["stop_verbs"]
    out: list[Word] = []
    depth = 0
    for j, tok in enumerate(toks):
        w = tok[0]
        nxt = toks[j + 1][0] if j + 1 < len(toks) else None
        if depth or w in _OPEN:  # a bracketed part belongs to the noun: 州(市), 县(市、区)
            if not out and w in _OPEN and w not in _QUOTES_OPEN:
                break
            depth += (w in _OPEN) - (w in _CLOSE)
            out.append(tok)
            continue
        if w in _CLOSE:
            out.append(tok)
            continue
        if w == "的" and out:
            out = []  # 高水平的5G工厂: the head is after 的
            continue
        if w in _LIST_SEPARATORS[1:] and out and nxt is not None and _is_nounish(nxt):
            out.append(tok)  # 装备与工业软件: a conjunction between nouns stays inside
            continue
        left = out[-1][0] if out else None
        if _is_nounish(w) or w in suffixes or _compound_part(w, left, nxt, words):
            out.append(tok)
        elif (
            j == 0
            and segment.word_class(w) == "v"
            and w not in stop_verbs
            and nxt
            and (_is_nounish(nxt))
        ):
            out.append(tok)  # 超6000个[垂直领域模型]: a verb can modify the counted noun
        else:
            break
    while out and (out[-1][0] in _LIST_SEPARATORS or out[-1][0] in _OPEN):
        out.pop()
    return _trim_quotes(out) if _has_noun(out, words) else []


def _noun_phrase_backward(toks: list[Word], words: Words) -> list[Word]:
    suffixes = words["noun_suffixes"]
    meta, share = words["meta_heads"], words["share_words"]
    toks = _drop_meta_tail(toks, meta)
    out: list[Word] = []
    depth = 0
    for j in range(len(toks) - 1, -1, -1):
        tok = toks[j]
        w = tok[0]
        left = toks[j - 1][0] if j > 0 else None
        if depth or w in _CLOSE:
            depth += (w in _CLOSE) - (w in _OPEN)
            out.insert(0, tok)
            continue
        if w in _OPEN:
            if not out:
                continue  # 服装(下跌49.9%): the bracket only wraps the figure
            out.insert(0, tok)
            continue
        if w == "的" and out and _is_meta(out, meta):
            out = []  # 总销货价值的临时估计为227亿元: the measured thing is before 的
            continue
        if w == "的" and out and left is not None and _is_nounish(left):
            out.insert(0, tok)  # 归属于上市公司股东的净利润: a noun modifier stays
            continue
        cls = segment.word_class(w)
        right = out[0][0] if out else None
        if w in _LIST_SEPARATORS and out and left is not None and _is_nounish(left):
            out.insert(0, tok)  # 电力、热力、燃气及水生产和供应业: one coordinated subject
            continue
        # 整改+率, 声明+量: a verb before a measuring suffix is part of the noun;
        # 香港旅客+占 28.0%: a share verb right before the number stays with its noun.
        part = (right in suffixes and cls in ("v", "vn")) or (not out and w in share)
        # 直接+经济损失: a two-character adverb right before a noun modifies it.
        part = part or (cls == "d" and len(w) == 2 and right is not None and _is_nounish(right))
        if not (_is_nounish(w) or w in suffixes or part or _compound_part(w, left, right, words)):
            break
        out.insert(0, tok)
    out = _trim_quotes(out)
    while out and (
        out[0][0] in _OPEN + _CLOSE
        or out[0][0] in _LIST_SEPARATORS
        or out[0][0] == "的"
        or _is_punct(out[0][0][0])
    ):
        out.pop(0)
    strip = words["strip_prefix"]
    while len(out) > 1 and out[0][0] in strip:
        out.pop(0)
    return out if _has_noun(out, words) else []


def _drop_meta_tail(toks: list[Word], meta: frozenset[str]) -> list[Word]:
    """零售业总销货价值的[临时估计]为227亿元: the estimate is of what stands before 的."""
    for k in (3, 2, 1):
        if len(toks) > k and toks[-k - 1][0] == "的" and "".join(t[0] for t in toks[-k:]) in meta:
            return toks[: -k - 1]
    return toks


def _verb_phrase_forward(toks: list[Word], words: Words) -> list[Word]:
    """641.53万人次受灾, 912.7万人次紧急转移安置: the people counted are those the verb says."""
    out: list[Word] = []
    for w, s, e in toks:
        if w in words["stop_verbs"] or segment.word_class(w) not in ("a", "v", "vn"):
            break
        out.append((w, s, e))
    return out if any(segment.word_class(t[0]) in ("v", "vn") for t in out) else []


def _verb_phrase_backward(toks: list[Word], words: Words) -> list[Word]:
    """死亡855人, 水库除险加固540库次: when a verb ends the words before the number, the
    subject is that verb with the nouns and verbs it governs."""
    if not toks or segment.word_class(toks[-1][0]) not in ("v", "vn"):
        return []
    out: list[Word] = []
    for tok in reversed(toks):
        w = tok[0]
        if w in words["stop_verbs"] or segment.word_class(w) not in ("n", "v", "vn", "q", "a"):
            break
        if _DIGITS.match(w) or w in _OPEN + _CLOSE or _is_punct(w[0]):
            break
        out.insert(0, tok)
    return out


def _trim_quotes(toks: list[Word]) -> list[Word]:
    """“一案双罚” -> 一案双罚: quotes around a whole phrase are not part of it."""
    if len(toks) > 1 and toks[0][0] in _QUOTES_OPEN and toks[-1][0] in _QUOTES_CLOSE:
        inner = toks[1:-1]
        if not any(t[0] in _QUOTES_OPEN + _QUOTES_CLOSE for t in inner):
            return inner
    return toks


def _as_spans(toks: list[Word]) -> Spans:
    return ((toks[0][1], toks[-1][2]),)


def _previous_clause_topic(
    text: str, pos: int, bounds: Boundaries, words: Words
) -> list[Word] | None:
    """The noun phrase that opens the previous clause of the sentence: the topic a clause
    like 增幅达48.3% goes on talking about."""
    sentence_lo, _ = bounds.sentence(pos)
    lo, _ = bounds.clause(pos)
    if lo - 1 <= sentence_lo:
        return None
    prev_lo, prev_hi = bounds.clause(lo - 2 if lo >= 2 else 0)
    toks = segment.spans(text[prev_lo:prev_hi], prev_lo)
    while toks and (
        segment.word_class(toks[0][0]) in ("p", "d", "t", "r", "c")
        or toks[0][0] in words["strip_prefix"]
    ):
        toks = toks[1:]
    phrase = _noun_phrase_forward(toks, words)
    return phrase or None


# ------------------------------------------------------------------------- coordinated lists


def _share_heads(
    text: str, claims: Sequence[Candidate], found: list[_Found], groups: _Groups
) -> None:
    """Repair the subjects of a list whose items took the phrase after them:
    37座非煤矿山、18座排土场和346座尾矿库监测预警系统建设 -> the last is 尾矿库;
    3.5万余家基础级、8200余家先进级、500余家卓越级智能工厂 -> the first is 基础级智能工厂."""
    for group in _lists(text, claims, found, groups):
        items = [found[i] for i in group]
        last = items[-1].words
        head_at = _shared_head_index(items)
        if head_at is not None:
            head = last[head_at + 1 :]
            for f in items[:-1]:
                f.spans = (*_as_spans(f.words), (head[0][1], head[-1][2]))
            continue
        longest = max(len("".join(w for w, _, _ in f.words)) for f in items[:-1])
        cut: list[Word] = []
        for tok in last:
            if cut and len("".join(w for w, _, _ in cut)) + len(tok[0]) > longest:
                break
            cut.append(tok)
        items[-1].spans = _as_spans(cut)
        items[-1].words = cut


def _lists(
    text: str, claims: Sequence[Candidate], found: list[_Found], groups: _Groups
) -> list[list[int]]:
    lists: list[list[int]] = []
    current: list[int] = []
    for i, f in enumerate(found):
        joined = (
            current
            and f.how == "after"
            and groups.clause[i] == groups.clause[current[-1]]
            and found[current[-1]].words
            and text[found[current[-1]].words[-1][2] : claims[i].start].strip() in _LIST_SEPARATORS
        )
        if joined:
            current.append(i)
            continue
        if len(current) > 1:
            lists.append(current)
        current = [i] if f.how == "after" and f.words else []
    if len(current) > 1:
        lists.append(current)
    return lists


def _shared_head_index(items: list[_Found]) -> int | None:
    last = [w for w, _, _ in items[-1].words]
    first_end = items[0].words[-1][0]
    if len(items[0].words) < len(last) and first_end in last[:-1]:
        return last.index(first_end)
    return None


# ---------------------------------------------------------------------------- 分别 (respectively)

_RESPECTIVELY = "分别"


def _distribute_respectively(
    text: str,
    claims: Sequence[Candidate],
    found: list[_Found],
    groups: _Groups,
    words: Words,
) -> None:
    """高技术产业和装备制造业增加值分别增长10.2%和8.1%: the k subjects coordinated before
    分别 go, in order, to the k numbers after it (增加值 being their shared head)."""
    done: set[tuple[int, int]] = set()
    for i, c in enumerate(claims):
        lo, hi = groups.clause[i]
        if (lo, hi) in done:
            continue
        at = text.rfind(_RESPECTIVELY, lo, c.start)
        if at < 0:
            continue
        done.add((lo, hi))
        run = [j for j in groups.by_clause[(lo, hi)] if j >= i]
        end = _strip_suffix_words(text, lo, at, words)
        toks = _strip_linking(segment.spans(text[lo:end], lo, words["split"]), words)
        phrase = _noun_phrase_backward(toks, words)
        parts = _conjuncts(phrase)
        if len(run) < 2 or len(parts) != len(run):
            continue
        head = parts[-1][-1]
        for j, part in zip(run, parts, strict=True):
            spans = _as_spans(part)
            if part is not parts[-1] and len(part) < len(parts[-1]) and part[-1][0] != head[0]:
                spans = (*spans, (head[1], head[2]))  # 香港 + 旅客, 高技术产业 + 增加值
            found[j].spans, found[j].how = spans, "respectively"


def _conjuncts(phrase: list[Word]) -> list[list[Word]]:
    parts: list[list[Word]] = [[]]
    depth = 0
    for tok in phrase:
        depth += (tok[0] in _OPEN) - (tok[0] in _CLOSE)
        if depth == 0 and tok[0] in _LIST_SEPARATORS:
            parts.append([])
        else:
            parts[-1].append(tok)
    return [p for p in parts if p]


# ------------------------------------------------------------------------------ inheritance


def _inherit(claims: Sequence[Candidate], found: list[_Found], groups: _Groups) -> None:
    """Claims with no subject of their own take one from earlier claims in the sentence."""
    own = ("rule", "after", "before", "verb")
    for i, f in enumerate(found):
        if f.how not in ("none", "meta"):
            continue
        earlier = [
            j for j in groups.by_sentence[groups.sentence[i]] if j < i and found[j].how in own
        ]
        if not earlier:
            continue
        same_unit = [j for j in earlier if claims[j].unit == claims[i].unit]
        if same_unit:
            f.spans, f.how = found[same_unit[-1]].spans, "inherited"
            continue
        # Position in a list of subjectless numbers (下降10.9%、7.0%) picks among the
        # sentence's subjects in order.
        run = _subjectless_run(i, found, groups)
        subjects: list[Spans] = []
        for j in earlier:
            spans = found[j].spans
            if spans is not None and spans not in subjects:
                subjects.append(spans)
        k, pos = len(run), run.index(i)
        pick = subjects[len(subjects) - k + pos] if len(subjects) >= k else subjects[-1]
        f.spans, f.how = pick, "inherited"


def _subjectless_run(i: int, found: list[_Found], groups: _Groups) -> list[int]:
    run = [
        j
        for j in groups.by_clause[groups.clause[i]]
        if found[j].how in ("none", "meta", "inherited")
    ]
    return run if i in run else [i]
