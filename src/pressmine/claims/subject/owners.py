"""Who or what a figure belongs to: the owner a subject needs to tell figures apart.

`国有控股企业实现利润总额2.36万亿元` is the profit of 国有控股企业, `甘肃共派出19支医疗救助队伍`
counts what 甘肃 sent. The owner is the noun phrase in subject position of the claim's clause
(before its verb); a clause without one takes the name that scopes its sentence, its paragraph
or the whole release (the headline's), when the measure names no owner of its own.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from pressmine.claims.subject.parts import Word, Words
from pressmine.text import segment

# Classes that may open a clause before its owner and say nothing about it: time, numbers,
# position words (前四个月), measure words, conjunctions, adverbs, pronouns (其中), particles,
# and the preposition of a frame (在…中).
_LEAD_CLASSES = frozenset(("t", "m", "f", "q", "c", "d", "r", "p", "u", "y"))
_NOUNISH = frozenset(("n", "vn", "a", "q", "f"))


@dataclass(frozen=True, slots=True)
class Actor:
    """The clause's owner and the content verb that links it to the figure."""

    owner: list[Word]
    verb: list[Word]  # a content verb kept in a count's subject (派出, 安置); [] for 实现
    rest: list[Word]  # modifiers between the verb and the figure (受灾群众 in 安置受灾群众N人)
    acts: bool = False  # the owner does something (实现, 派出), rather than change (增长)
    causes: bool = False  # the verb is causal (自然灾害造成…受灾): any owner owns the figure
    links_to: int | None = None  # where the measure a link verb names starts (实现|净利润)


def name_spans(toks: Sequence[Word], words: Words, sectors: bool = True) -> list[tuple[int, int]]:
    """The names of places and bodies among the words: a listed region (广东, 全港), an
    organisation the dictionary knows (交通银行), a word of three or more characters ending in
    a place or body suffix (临夏州, 民和县, 联勤保障中心), or a word followed by a suffix word
    (积石山 + 县). Two-character words that end so are words, not names (城市, 上市, 全部).
    With `sectors`, a sector's name too (采矿业): it owns its own clause's figures."""
    return list(_names(toks, words, sectors))


def has_name(toks: Sequence[Word], words: Words, sectors: bool = True) -> bool:
    return next(_names(toks, words, sectors), None) is not None  # the first name is enough


def _names(toks: Sequence[Word], words: Words, sectors: bool) -> Iterator[tuple[int, int]]:
    regions, suffixes, endings = words.regions, words.name_suffixes, words.name_endings
    sector_endings = words.sector_endings if sectors else ()
    for k, (w, s, e) in enumerate(toks):
        if (
            w in regions
            or segment.is_organisation(w)
            or (
                len(w) >= 3
                and (
                    w.endswith(endings)
                    or w.endswith(sector_endings)
                    or _starts_with_region(w, regions)
                )
            )
        ):
            yield s, e
        elif (
            k + 1 < len(toks)
            and (toks[k + 1][0] in suffixes or toks[k + 1][0] in sector_endings)
            and w not in words.stop_words
            and _named_before(toks, k) >= 2
        ):
            yield s, toks[k + 1][2]  # 积石山 + 县, 武警某 + 部


def _named_before(toks: Sequence[Word], k: int) -> int:
    """How many characters of words without a gap end at word k (what a suffix names)."""
    n = len(toks[k][0])
    while k > 0 and toks[k - 1][2] == toks[k][1] and toks[k - 1][0][:1].isalpha():
        k -= 1
        n += len(toks[k][0])
    return n


def _starts_with_region(word: str, regions: frozenset[str]) -> bool:
    """中国台湾, 广东省: a word that opens with a listed region of two or more characters."""
    return any(word[:n] in regions for n in range(2, min(5, len(word))))


def may_name(text: str, words: Words, lo: int = 0, hi: int | None = None) -> bool:
    """Whether text[lo:hi] may hold a name at all (a region, or a name's ending), found without
    cutting it into words: most clauses hold none."""
    return words.name_hint.search(text, lo, len(text) if hi is None else hi) is not None


def may_act(text: str, words: Words, lo: int, hi: int) -> bool:
    """Whether text[lo:hi] may hold a clause's owner: a name, a sector's or a causal verb."""
    return words.actor_hint.search(text, lo, hi) is not None


def headline(text: str) -> tuple[int, int] | None:
    """The release's headline: its first non-blank line when a blank line follows it and it
    reads as a title (short, no sentence end)."""
    lines = text.split("\n")
    pos = 0
    for k, line in enumerate(lines):
        if line.strip():
            nxt = lines[k + 1] if k + 1 < len(lines) else ""
            title = len(line.strip()) <= 60 and not line.rstrip().endswith(("。", "!", "！"))
            if title and not nxt.strip():
                return pos, pos + len(line)
            return None
        pos += len(line) + 1
    return None


# Words that make the nouns before them a span of time: 入汛以来, 春节期间, 疫情之后.
_SPAN_ENDS = frozenset(("以来", "期间", "以后", "之后", "以前", "之前"))


def _time_span_end(toks: list[Word], i: int, words: Words) -> int | None:
    """Where a span of time that opens at word i ends (主+汛期+以来 -> after 以来), if one does:
    at most three nouns, then a word that makes them a span."""
    for j in range(i, min(i + 4, len(toks))):
        if toks[j][0] in _SPAN_ENDS:
            return j + 1 if j > i else None
        w = toks[j][0]
        if w in words.regions or not (_ownerish(w, words) or segment.word_class(w) == "t"):
            return None
    return None


def past_source(text: str, hl: tuple[int, int], words: Words) -> tuple[int, int]:
    """The headline past an agency that speaks for figures not its own (应急管理部:洪涝灾害
    已致…, 国家统计局：…): a source, not the release's scope. A company that speaks of
    itself (比亚迪：上半年净利润…) stays."""
    colon = max(
        text.rfind(":", hl[0], hl[0] + _SOURCE_REACH),
        text.rfind("：", hl[0], hl[0] + _SOURCE_REACH),
    )
    if colon > hl[0] and text[hl[0] : colon].strip().endswith(tuple(words.source_suffixes)):
        return colon + 1, hl[1]
    return hl


# How far into a headline the colon after its source may be.
_SOURCE_REACH = 16


def clause_actor(toks: list[Word], words: Words) -> Actor | None:
    """The owner in subject position of a clause: the noun phrase that opens it (past time
    words and frames) and is followed by a verb. None when the clause has no such phrase, or
    when its verb reports (陈茂波表示, 数据显示): a reporter owns no figure.

    A verb between two nouns may belong to the owner (国有+控股+企业实现利润总额) when another
    verb follows it; otherwise it is the clause's verb (甘肃+派出+医疗救助队伍)."""
    start = _skip_lead(toks, words)
    owner = _owner_from(toks, start, words, compounds=True)
    actor = _actor_with(toks, owner, start + len(owner), words, compounds=True)
    if actor is None and any(segment.word_class(w) == "v" for w, _, _ in owner):
        # Without a verb inside the owner the plain reading reads the same words the same
        # way, to the same None: it is worth reading again only when the owner took one.
        owner = _owner_from(toks, start, words, compounds=False)
        actor = _actor_with(toks, owner, start + len(owner), words, compounds=False)
    return actor


def _owner_from(toks: list[Word], i: int, words: Words, compounds: bool) -> list[Word]:
    """The words of the owner from word i on: nouns, and with `compounds` a verb between them
    (国有+控股+企业)."""
    owner: list[Word] = []
    main = _last_verb(toks, i) if compounds else len(toks)  # the owner ends before it
    quoted = False  # 贵州水城“7·23”特大山体滑坡灾害: a quoted name, digits and all
    while i < len(toks):
        w = toks[i][0]
        if w in "“「『" or (quoted and w in "”」』"):
            quoted = w in "“「『"
        elif not quoted and not _ownerish(w, words):
            inner = (  # 国有+控股+企业: a verb between nouns, before the clause's last verb
                compounds
                and owner
                and i < main
                and segment.word_class(w) == "v"
                and w not in words.stop_words
                and w not in words.light_verbs  # 实现 links, even before 营业+收入
                and i + 1 < len(toks)
                and _ownerish(toks[i + 1][0], words)
            )
            numbered = (  # 陆军[第][76]集团军[某]旅: a number inside a body's name
                owner
                and i + 1 < len(toks)
                and (
                    (w in words.name_infixes and toks[i + 1][0][:1].isalnum())
                    or (w.isdigit() and owner[-1][0] in words.name_infixes)
                )
            )
            if not inner and not numbered:
                break
        owner.append(toks[i])
        i += 1
    return owner


def _actor_with(
    toks: list[Word], owner: list[Word], i: int, words: Words, compounds: bool
) -> Actor | None:
    """The actor whose owner is `owner`, its words up to word i: the verb after it."""
    if not owner or not _has_noun(owner):
        return None
    while i < len(toks) and (
        segment.word_class(toks[i][0]) in ("d", "t")
        or toks[i][0] in words.skip_before
        or (toks[i][0] in words.stop_words and segment.word_class(toks[i][0]) != "v")
        or toks[i][0].isdigit()  # 农业银行[2017|年]实现: a year
        or (toks[i][0] == "年" and toks[i - 1][0].isdigit())
    ):
        if toks[i][0] in words.reporting_verbs:
            return None  # 经济部原[预估]…: one that predicts reports, and owns no figure
        i += 1  # 交通银行[上半年]实现, 外贸进出口[同比]增长
    i = _past_beneficiary(toks, i, words)  # 码头[为租户]提供: whom for, not what is done
    verb: list[Word] = []
    while i < len(toks) and segment.word_class(toks[i][0]) == "v":
        verb.append(toks[i])
        i += 1
    if verb and any(w in words.reporting_verbs for w, _, _ in verb):
        return None
    swallowed = compounds and any(segment.word_class(w) == "v" for w, _, _ in owner)
    if not verb and (i < len(toks) or swallowed):
        return None  # 全国所有乡镇以及95%的行政村: a coordination, not an actor
    rest = [t for t in toks[i:] if _ownerish(t[0], words)]
    stops = words.stop_words
    content = [t for t in verb if t[0] not in words.light_verbs and t[0] not in stops]
    acts = bool(verb) and not any(w in stops and w not in words.light_verbs for w, _, _ in verb)
    causes = any(w in words.causal_verbs for w, _, _ in verb)
    links = verb[-1][2] if verb and verb[-1][0] in words.measure_links else None
    return Actor(owner, content, rest, acts, causes, links)


def _past_beneficiary(toks: list[Word], i: int, words: Words) -> int:
    """Where the verb is after a frame that says whom the actor acts for or on (为/向/给 +
    a noun phrase, right before the verb): 港府[向国泰]提供, 码头[为停泊船只及租户]提供."""
    prep = toks[i - 1][0] if 0 < i <= len(toks) else ""
    if prep not in words.beneficiary_prepositions:
        if i >= len(toks) or toks[i][0] not in words.beneficiary_prepositions:
            return i
        i += 1
    j = i
    while j < len(toks) and (_ownerish(toks[j][0], words) or toks[j][0] in words.list_separators):
        j += 1
    verb = toks[j][0] if j < len(toks) else ""
    if j > i and segment.word_class(verb) == "v" and verb not in words.stop_words:
        return j
    return i


def _last_verb(toks: list[Word], start: int) -> int:
    """Where the last verb at or after `start` is, else len(toks)."""
    classes = segment.word_classes()
    for k in range(len(toks) - 1, start - 1, -1):
        if classes.get(toks[k][0], segment.NOUN) == "v":
            return k
    return len(toks)


def first_owner_word(toks: list[Word], words: Words) -> int | None:
    """Where the words that open a clause stop being time, conjunctions and markers."""
    k = _skip_lead(toks, words)
    return k if k < len(toks) else None


def _skip_lead(toks: list[Word], words: Words) -> int:
    """Past what opens a clause before its owner: time (前四个月, 1-2月, 一季度), conjunctions,
    adverbs, list markers and punctuation."""
    i = 0
    spans = not _SPAN_ENDS.isdisjoint([t[0] for t in toks[:8]])  # most name none: no look
    while i < len(toks):
        w = toks[i][0]
        cls = segment.word_class(w)
        if w in words.regions:
            break
        span = _time_span_end(toks, i, words) if spans else None
        if span is not None:
            i = span  # [主汛期以来]洪涝灾害已致…: a span of time named by what happened
            continue
        if (
            cls in _LEAD_CLASSES
            or w in words.strip_prefix
            or w in words.time_words
            or not _has_letter(w)
        ):
            i += 1
            continue
        break
    return i


def _ownerish(word: str, words: Words) -> bool:
    if word in words.regions:
        return True  # 我国 is a pronoun to the dictionary
    if word in words.stop_words or word in words.time_words:
        return False
    return _ownerish_word(word)


@lru_cache(maxsize=1 << 16)  # what the word alone says never changes: found once per word
def _ownerish_word(word: str) -> bool:
    if not word.strip():
        return False
    if word in "“”‘’《》「」『』()（）":
        return True
    if not _has_letter(word):
        return False  # punctuation, and the digits of another figure
    return segment.word_class(word) in _NOUNISH


def _is_time(word: str, words: Words) -> bool:
    """今年, 8 + 月: a time word, a number, or the unit after it."""
    cls = segment.word_class(word)
    return word in words.time_words or cls in ("t", "m") or word[:1].isdigit()


def _has_letter(word: str) -> bool:
    """A Chinese character or a letter: most words open with one (CJK ideographs are letters
    to str.isalpha, but for the few of the block that Unicode has not assigned yet)."""
    return word[:1].isalpha() or any("\u4e00" <= ch <= "\u9fff" or ch.isalpha() for ch in word)


# A year written out: 2024年, 二零二五年.
_YEAR = re.compile("(?:[0-9]{4}|[〇零一二三四五六七八九]{4})年")


def _has_noun(toks: list[Word]) -> bool:
    return any(segment.word_class(w) in ("n", "vn") and len(w) > 1 for w, _, _ in toks)


def scope_name(toks: list[Word], words: Words, headline: bool = False) -> tuple[int, int] | None:
    """The name that opens a clause in subject position (广东完成…, 交通银行上半年实现…), for
    the clauses, sentences and paragraphs after it that name no owner."""
    if not headline and not has_name(toks, words, sectors=False):
        return None  # what it answers is a name among these words: most clauses hold none
    if any(segment.word_class(w) == "p" for w, _, _ in toks[: _skip_lead(toks, words)]):
        return None  # 按中国银行业监管口径计算, 又为X提供: a frame or an object, not an owner
    actor = clause_actor(toks, words)
    if actor is None and headline and not any(w in words.reporting_verbs for w, _, _ in toks):
        # 招商银行上半年业绩, …有限公司2011年年度报告摘要: a title may have no verb (or no
        # actor before it); a name opening it scopes the release, unless it only reports
        i = _skip_lead(toks, words)
        lead = []
        while i < len(toks) and _ownerish(toks[i][0], words):
            lead.append(toks[i])
            i += 1
        names = name_spans(lead, words, sectors=False)
        if names:
            return lead[0][1], names[-1][1]
        # 海天味业2024年营收…, 恒基地产二零二五年中期业绩: a name the lexicon lacks, right before
        # the period the title reports, is whose figures the release gives
        dated = i < len(toks) and (
            segment.word_class(toks[i][0]) == "t"
            or _YEAR.match("".join(w for w, _, _ in toks[i : i + 5])) is not None
        )
        return (lead[0][1], lead[-1][2]) if lead and dated and _has_noun(lead) else None
    if actor is None:
        return None
    if not actor.acts and not headline:
        return None  # 股份制企业增长6.9%: a measured subject, no owner of what follows
    names = name_spans(actor.owner, words, sectors=False)  # sectors stand side by side
    if not names:
        return None
    return actor.owner[0][1], names[-1][1]  # 国有控股企业, 我国[外贸进出口]: up to the name


def scope_frame(toks: list[Word], words: Words) -> tuple[int, int] | None:
    """规模以上工业企业中, 在全市39个工业行业中, 酒类产品中: a clause that is only a noun phrase
    and 中 (or 当中, 里) sets the scope of the figures after it in its sentence."""
    toks = [t for t in toks if t[0].strip()]
    if len(toks) < 2 or toks[-1][0] not in words.scope_frame_ends:
        return None
    body = toks[:-1]
    if body and segment.word_class(body[0][0]) == "p":
        body = body[1:]  # 在…中
    while body and (
        _is_time(body[0][0], words) or body[0][0] == "的" or segment.word_class(body[0][0]) == "q"
    ):
        body = body[1:]  # 在[今年8月的]零售业总销货价值中, 在[41个]工业大类行业中: when, how many
    if not body or not all(_ownerish(w, words) or segment.word_class(w) == "f" for w, _, _ in body):
        return None  # 规模[以上]工业企业中
    if not _has_noun(body) or body[-1][0].endswith("者"):
        return None  # 在七大类中变动影响较大者中: a selection (those that…), not a population
    return body[0][1], body[-1][2]
