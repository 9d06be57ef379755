"""Words for the subject finder: jieba (or rjieba, when installed) loaded on first use, and
each word's class (verb, adverb, preposition …) from a lexicon derived from jieba's dictionary.

Both backends run with the HMM off: with it off they cut identically (with it on they differ on
a few boundaries such as 5G-A), so claims do not depend on which one is installed. The HMM
matters only for numbers (it keeps 483.8 whole), and numbers are found by the packs' regexes,
never from tokens.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable
from functools import cache, lru_cache
from pathlib import Path
from types import ModuleType
from typing import NamedTuple

from pressmine.regex import store
from pressmine.text import jieba_route
from pressmine.text.lattice import DocumentWords, Word

NOUN = "n"  # the class of every word the lexicon does not list: nouns, names, terms


@cache
def _backend() -> tuple[str, Callable[[str], list[str]]]:
    choice = os.environ.get("PRESSMINE_SEGMENTER", "auto")
    if choice in ("auto", "rjieba"):
        try:
            import rjieba
        except ImportError:
            if choice == "rjieba":
                raise
        else:
            return "rjieba", lambda text: rjieba.cut(text, False)
    jieba = _import_jieba()
    jieba.setLogLevel(logging.WARNING)  # its "Building prefix dict" lines would pollute stderr
    jieba.initialize()
    return "jieba", jieba_route.cutter(jieba)  # jieba.lcut(text, HMM=False), faster


def _import_jieba() -> ModuleType:
    """jieba 0.42.1 imports pkg_resources only to open its own dictionary files: 0.2 s of a
    cold start, a deprecation warning with recent setuptools, and an error under -W error.
    When pkg_resources cannot be imported, jieba opens the same files by path (its own
    fallback, taken anyway where setuptools no longer ships pkg_resources); so it is hidden
    while jieba is imported, unless something has imported it already."""
    if "jieba" in sys.modules or "pkg_resources" in sys.modules:
        import jieba

        return sys.modules["jieba"]
    sys.modules["pkg_resources"] = None  # type: ignore[assignment]  # import -> ImportError
    try:
        import jieba  # noqa: F401
    finally:
        del sys.modules["pkg_resources"]
    return sys.modules["jieba"]


def backend_name() -> str:
    """Which segmenter is in use: "rjieba" or "jieba"."""
    return _backend()[0]


def cut(text: str) -> list[str]:
    """Split text into words (their lengths add up to len(text)).

    >>> cut("直接经济损失171.49亿元")[:2]
    ['直接', '经济损失']
    """
    return list(_cut_cached(text))


_SPANS_KEPT = 8192  # a bound on the memory below, for one long document


@lru_cache(maxsize=4096)
def _cut_cached(text: str) -> tuple[str, ...]:
    # The words between two numbers are cut for the subject of the one before, the subject of
    # the one after and the change of the one after: remember them rather than cut them thrice.
    return tuple(_backend()[1](text))


def new_document(text: str | None = None) -> None:
    """Forget the words of the previous document, and read `text` (when given) as the one whose
    windows spans() is asked for next: each clause of it is then cut once (lattice.py). The
    memories here are meant for the repeats within one document; kept across documents they
    would make a benchmark that repeats its texts look faster than real folders are."""
    global _document
    _cut_cached.cache_clear()
    _spans_memo.clear()
    _document = DocumentWords(text, _cut_once, _split_words, _whole_document()) if text else None


@cache
def _whole_document() -> Callable[[str], list[Word]] | None:
    """How rjieba cuts a whole document in one call, each word with its offsets: its cost is
    mostly per call, and a release's sentences one by one cost it twice what the release at
    once does (the words are the same: every sentence end is a separator to it). jieba's cost
    is per character: it cuts only the clauses a window is asked of (None)."""
    if _backend()[0] != "rjieba":
        return None
    import rjieba

    return lambda text: rjieba.tokenize(text, "default", False)


def _cut_once(text: str) -> list[str]:
    # Each clause of a document is cut once: no memory of it to keep (_cut_cached would
    # hash and hold it).
    return _backend()[1](text)


_document: DocumentWords | None = None


# (text, offset, split) -> its spans: the subject finder reads the same words several times
# (a clause for its claim's phrase, then for the actor; a subject's pieces again for owners).
_spans_memo: dict[tuple[str, int, frozenset[str]], tuple[tuple[str, int, int], ...]] = {}


def spans(
    text: str, offset: int = 0, split: frozenset[str] = frozenset()
) -> list[tuple[str, int, int]]:
    """Words with their [start, end) offsets, shifted by `offset`.

    A word that ends in a two-or-more-character word of `split` is cut in two: the
    dictionary glues 同比增加 into one word, but 增加 is what says the number is a change.
    So is a word that opens with a one-character word of `split` before a verb: the
    dictionary has 共出动, the subject finder needs 共 + 出动.

    >>> [w for w, _, _ in spans("同比增加160", split=frozenset({"增加"}))]
    ['同比', '增加', '160']
    >>> [w for w, _, _ in spans("共出动", split=frozenset({"共"}))]
    ['共', '出动']
    >>> spans("直接经济损失", 10)
    [('直接', 10, 12), ('经济损失', 12, 16)]
    """
    doc = _document
    if doc is not None and doc.text.startswith(text, offset):
        found = doc.window(offset, offset + len(text), split)
        if found is not None:
            return found
    return _cut_alone(text, offset, split)


def _cut_alone(text: str, offset: int, split: frozenset[str]) -> list[tuple[str, int, int]]:
    """spans() of a text cut on its own, not read from the document's stretches."""
    key = (text, offset, split)
    known = _spans_memo.get(key)
    if known is not None:
        return list(known)  # a copy: callers may keep or change theirs
    out = []
    pos = offset
    for word in _cut_cached(text):  # not cut(): its copy of the words is for callers to keep
        end = pos + len(word)
        out.append((word, pos, end))
        pos = end
    if split:
        out = _split_words(out, split)
    if len(_spans_memo) < _SPANS_KEPT:
        _spans_memo[key] = tuple(out)
    return out


def words_between(
    text: str, lo: int, hi: int, split: frozenset[str] = frozenset()
) -> list[tuple[str, int, int]]:
    """spans(text[lo:hi], lo, split), read straight from the document being read when `text`
    is that document (no copy of the window to make and compare)."""
    doc = _document
    if doc is None or doc.text is not text:
        return spans(text[lo:hi], lo, split)
    found = doc.window(lo, hi, split)
    # A window that cuts a word of its stretch is cut alone; spans() would ask the same again.
    return found if found is not None else _cut_alone(text[lo:hi], lo, split)


def _split_words(words: list[Word], split: frozenset[str]) -> list[Word]:
    """The words, each that ends in (or opens with) a word of `split` cut in two (spans())."""
    out = []
    for word in words:
        if len(word[0]) < 3:  # most words: too short to hold two
            out.append(word)
            continue
        parts = _split_suffix(word[0], split)
        if len(parts) == 1:
            out.append(word)
            continue
        pos = word[1]
        for part in parts:
            out.append((part, pos, pos + len(part)))
            pos += len(part)
    return out


@lru_cache(maxsize=1 << 14)
def _split_suffix(word: str, split: frozenset[str]) -> tuple[str, ...]:
    if word[0] in split and word_class(word[1:]) == "v":
        return word[0], word[1:]
    for k in range(len(word) - 1, 1, -1):  # the longest known ending first
        if word[-k:] in split:
            return word[:-k], word[-k:]
    return (word,)


class Lexicon(NamedTuple):
    """The word classes of the lexicon, split for the lookups the subject finder makes."""

    classes: dict[str, str]  # word -> class, for every word the lexicon lists but "nt"
    organisations: frozenset[str]  # the words of class "nt" (国家统计局): nouns, and owners


@cache
def _lexicon() -> Lexicon:
    # Beside this module, as importlib.resources would find it (pip always unpacks wheels);
    # importing importlib.resources costs more than the whole lookup.
    path = Path(__file__).parent / "data" / "word_classes.tsv"
    text = path.read_text(encoding="utf-8")
    # Read once per machine (regex/store.py keeps the table): a start-up cost otherwise.
    return store.remember("word-classes", text, lambda: _split_lexicon(_parse_word_classes(text)))


def _parse_word_classes(text: str) -> dict[str, str]:
    r"""Lines of word, tab, class; no word has a space (jieba's dictionary is space-separated).

    >>> _parse_word_classes("# a comment\n建成\tv\n已\td\n")
    {'建成': 'v', '已': 'd'}
    """
    body = "\n".join(line for line in text.splitlines() if not line.startswith("#"))
    fields = body.split()
    return dict(zip(fields[::2], fields[1::2], strict=True))


def _split_lexicon(table: dict[str, str]) -> Lexicon:
    """Organisations are nouns to word_class: they go to a set of their own.

    >>> _split_lexicon({"建成": "v", "国家统计局": "nt"})
    Lexicon(classes={'建成': 'v'}, organisations=frozenset({'国家统计局'}))
    """
    classes = {w: cls for w, cls in table.items() if cls != "nt"}
    return Lexicon(classes, frozenset(w for w, cls in table.items() if cls == "nt"))


# word_classes(), once read: word_class is asked of every word near every number, and a
# module variable is the cheapest way there.
_classes: dict[str, str] | None = None


def word_classes() -> dict[str, str]:
    """Every word the lexicon gives a class other than noun, with its class: for a loop that
    asks the class of many words, `classes.get(word, NOUN)` is word_class(word)."""
    global _classes
    if _classes is None:
        _classes = _lexicon().classes
    return _classes


# Asked of every word near every number, some sixty thousand times a megabyte: a cached answer
# is found in C, where the call itself cost more than the lookup.
@lru_cache(maxsize=1 << 16)
def word_class(word: str) -> str:
    """The word's class: v vn a d p c u r m q t f y, or "n" for anything else.

    >>> word_class("建成"), word_class("已"), word_class("基站"), word_class("5G")
    ('v', 'd', 'n', 'n')
    >>> word_class("国家统计局")
    'n'
    """
    return (_classes or word_classes()).get(word, NOUN)


def is_organisation(word: str) -> bool:
    """Whether the dictionary knows the word as the name of an organisation (交通银行): a
    noun, which the subject finder also takes for an owner.

    >>> is_organisation("国家统计局"), is_organisation("基站")
    (True, False)
    """
    return len(word) > 1 and word in _lexicon().organisations
