"""Whose results a release reports: the body that publishes a results report (小米集团发布2025
年第三季度财报, 宁德时代披露2024年年报) or whose report is quoted (据贵州茅台年报显示). The
report words are the packs' [subject] results_reports. The publisher's name scopes the later
figures that name no owner (CLAIMS.md v2 §Subject 2: a company named in the first paragraph
scopes the amounts of the later ones): 总收入 -> 小米集团总收入."""

from __future__ import annotations

from pressmine.claims.subject import owners
from pressmine.claims.subject.parts import Word, Words, words_in
from pressmine.text import segment
from pressmine.text.clauses import Boundaries

# Words between a publisher's verb and the report that only say which report: 2025 + 年 +
# 第三季度 + 的 + 财报; 最新 财报.
_REPORT_CLASSES = frozenset(("t", "m", "q", "f"))


def publisher(toks: list[Word], words: Words) -> tuple[int, int] | None:
    """The span of the name that opens the clause `toks` when the clause announces or quotes
    that body's results report: [time or 据] NAME [reporting verb] [which report] REPORT
    [reporting verb]. Not a body named only by its kind (公司发布年报: the one named before)."""
    end = len(toks)
    while end and not any(ch.isalnum() for ch in toks[end - 1][0]):
        end -= 1  # closing punctuation
    if end and toks[end - 1][0] in words.reporting_verbs:
        end -= 1  # 年报显示
    said = "".join(w for w, _, _ in toks[:end])
    report = next((r for r in words.report_endings if said.endswith(r)), None)
    if report is None:
        return None
    start = owners.first_owner_word(toks, words)
    if start is None:
        return None
    k = start
    while k < end and toks[k][0] not in words.reporting_verbs and _names_part(toks[k][0], words):
        k += 1
    owner = toks[start:k]
    if not owner or owner[-1][2] > toks[end - 1][2] - len(report):
        return None  # the report's own words are no name: 年报显示
    k = _past_when_and_where(toks, k, end, words)
    if k < end and toks[k][0] in words.reporting_verbs:
        k += 1
    report_start = toks[end - 1][2] - len(report)
    if not all(_says_which(w, words) for w, s, _ in toks[k:end] if s < report_start):
        return None  # 小米集团发布新品并公布财报: more than which report
    name = "".join(w for w, _, _ in owner).lstrip("该本其这此")
    if name in words.name_suffixes or len(name) < 2:
        return None  # 公司, 本集团: the body named before
    return owner[0][1], owner[-1][2]


def _past_when_and_where(toks: list[Word], k: int, end: int, words: Words) -> int:
    """Past the time and the place between a publisher and its verb: 工商银行[晚间][在港交所]
    披露…业绩公告."""
    while k < end and toks[k][0] not in words.reporting_verbs:
        w = toks[k][0]
        if _is_when(w, words):
            k += 1
        elif w in words.time_openers and k + 1 < end and _names_part(toks[k + 1][0], words):
            k += 2  # 在 + 港交所
            while k < end and _names_part(toks[k][0], words):
                k += 1
        else:
            break
    return k


def _is_when(word: str, words: Words) -> bool:
    return (
        word[:1].isdigit()
        or word in words.time_words
        or segment.word_class(word) in ("t", "m", "d")
    )


def _names_part(word: str, words: Words) -> bool:
    if word[:1].isdigit() or word in words.time_words:
        return False  # 贵州茅台[2024]年年度报告: the report's year, no part of the name
    return segment.word_class(word) in ("n", "vn")


def _says_which(word: str, words: Words) -> bool:
    """2025, 年, 第三季度, 的, 最新: words that say which report, not what else is done."""
    return (
        word == "的"
        or word[:1].isdigit()
        or word in words.time_words
        or segment.word_class(word) in _REPORT_CLASSES
        or word in words.results_reports
    )


def lead_publisher(text: str, bounds: Boundaries, words: Words) -> tuple[int, int] | None:
    """The publisher named in the release's lead (its first paragraph after a headline line):
    the body whose results the whole release reports."""
    hint = words.results_hint
    if hint is None:
        return None
    pos = 0
    for _ in range(2):  # the headline's paragraph, then the lead's
        lo, hi = bounds.paragraph(pos)
        for found in hint.finditer(text, lo, hi):
            c_lo, c_hi = bounds.clause(found.start())
            name = publisher(words_in(text, c_lo, c_hi, words), words)
            if name is not None:
                return name
        pos = hi + 1
        while pos < len(text) and text[pos].isspace():
            pos += 1
        if pos >= len(text):
            break
    return None
