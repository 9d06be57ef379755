"""The measure a phrase ends in (增加值, 利润总额, 销售价格), and what an item of a list takes
of the figures around it: their measure (制造业 + 增加值), for a place what the figure before
measured without its own place (北京 + 新建商品住宅销售价格), the last item's head noun when
it is shared (钢材、水泥[产量]), and for points of a growth rate, that rate (+ 增速)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from pressmine.claims.subject.parts import Found, Groups, Spans, Word, Words, words_in
from pressmine.text import segment

if TYPE_CHECKING:
    from pressmine.claims.candidates import Candidate


def measure_of_place(before: list[Word], words: Words) -> list[Word] | None:
    """What a place is measured by: what the figure before it measures (`before`), without the
    place that figure is of (一线城市, 全省, 江苏), so that 北京 takes 新建商品住宅销售价格, not
    销售价格 alone."""
    k = 0
    while k < len(before) - 1 and (
        before[k][0] in words.regions
        or before[k][0] in words.strip_prefix
        or before[k][0].endswith(words.name_endings)
    ):
        k += 1
    return before[k:] or None


def pieces_from(spans: Spans, at: int) -> Spans:
    """The pieces of a subject from the one that holds `at` on, that one cut to start there."""
    k = next(k for k, (s, e) in enumerate(spans) if s <= at < e)
    return ((at, spans[k][1]), *spans[k + 1 :])


def part_of(item: str, head: str) -> bool:
    """Whether the item's characters are the head's, in order, but not its start (出口 and 进口
    of 进出口; not 失业 of 失业人数, which names the head)."""
    if len(item) < 2 or len(item) >= len(head) or head.startswith(item):
        return False
    rest = iter(head)
    return all(ch in rest for ch in item)


def sentence_head(text: str, lo: int, hi: int, words: Words) -> list[Word] | None:
    """The first measure the sentence names before its list of bracketed figures, if any."""
    toks = words_in(text, lo, hi, words)
    for k, (w, _, _) in enumerate(toks):
        if len(w) > 1 and (w in words.measure_heads or w.endswith(words.measure_endings)):
            return measure_head(toks[: k + 1], words)
    return None


def head_before_colon(text: str, lo: int, hi: int, words: Words) -> list[Word] | None:
    """The measure the sentence names before a colon that opens the list a figure is in."""
    colon = max(text.rfind(":", lo, hi), text.rfind("：", lo, hi))
    return sentence_head(text, lo, colon, words) if colon > lo else None


def without_growth(phrase: list[Word], words: Words) -> list[Word]:
    """The phrase without a growth word at its end, nor the adverbs before it (电力累计增速 ->
    电力): what grew is named before them. The phrase itself when it names nothing else."""
    k = len(phrase)
    if not k or phrase[-1][0] not in words.growth_words:
        return phrase
    k -= 1
    while k > 0 and (phrase[k - 1][0] in words.adverbials or phrase[k - 1][0] in words.skip_before):
        k -= 1
    return phrase[:k] if k else phrase


def measure_head(phrase: list[Word], words: Words) -> list[Word] | None:
    """The words that end a phrase and name a measure: 增加值, 利润总额, 进出口总值."""
    heads = words.measure_heads
    shares = [k for k, t in enumerate(phrase[:-1]) if t[0] in words.share_words]
    if shares and phrase[-1][0] in words.meta_heads:
        return phrase[shares[-1] :]  # 美国[占台湾总出口比重]: a share of a base is a measure
    for k in range(len(phrase) - 1, -1, -1):
        w = phrase[k][0]
        if w in heads or w.endswith(words.measure_endings):
            if k != len(phrase) - 1:
                return None
            start = k - 1 if len(w) == 1 and k > 0 else k  # 增加+值, but 利润 alone
            return phrase[start:]
    return None


def growths_named(
    text: str, claims: Sequence[Candidate], found: list[Found], groups: Groups, words: Words
) -> dict[int, tuple[int, int]]:
    """The growth word that opens the clause of each figure of points with no subject of its
    own (增速比上月加快0.2个百分点): points of a growth rate, whose subject names what grew and
    the rate (X + 增速, as the gold's X增长率)."""
    out = {}
    for i, (c, f) in enumerate(zip(claims, found, strict=True)):
        if c.unit != "pp" or f.how not in ("none", "meta"):
            continue
        lo = groups.clause[i][0]
        while lo < c.start and text[lo] in " ,;:，；：\n":
            lo += 1
        named = next((g for g in words.growth_words if text.startswith(g, lo, c.start)), None)
        if named:
            out[i] = (lo, lo + len(named))
    return out


def name_growths(found: list[Found], growths: dict[int, tuple[int, int]]) -> None:
    """Each figure of points growths_named found, once it has inherited what grew: + 增速."""
    for i, named in growths.items():
        f = found[i]
        if f.how == "inherited" and f.spans and named not in f.spans and f.share is None:
            f.spans, f.share = (*f.spans, named), (named,)  # kept when an owner is added


def shares_head(parts: list[list[Word]], words: Words) -> bool:
    """Whether the last item's head noun is the others' too: a measure (钢材、水泥[产量]), an
    activity (饮料类、…[零售]), or a noun after places (香港及中国台湾[旅客]); not 集成电路、
    …、太阳能[电池], whole things."""
    head = parts[-1][-1][0]
    if head in words.measure_heads or head.endswith(words.measure_endings):
        return True
    if segment.word_class(head) in ("v", "vn"):
        return True
    return all(
        p[-1][0] in words.regions or p[-1][0].endswith(words.name_endings) for p in parts[:-1]
    )


def shared_ending(parts: list[list[Word]], words: Words) -> tuple[int, int] | None:
    """The name ending the last item spells out for all (东部、中部、西部、东北地区收入: the
    regions are all 地区), when no other item has it."""
    first = parts[-1][0]
    if len(parts[-1]) < 2:
        return None
    for ending in words.name_endings:
        if len(ending) > 1 and first[0].endswith(ending) and len(first[0]) > len(ending):
            if any(p[-1][0].endswith(ending) for p in parts[:-1]):
                return None
            return first[2] - len(ending), first[2]
    return None
