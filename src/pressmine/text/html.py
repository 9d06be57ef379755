"""The text a reader sees in an HTML page, with a map from that text back to the page's source.

Claims are found in the visible text (tags dropped, entities decoded, script and style left
out, a line break for each block such as <p>, <br>, <li>, <tr>), and their offsets are mapped
back to the source, so that a claim can be highlighted in the page. A span that crosses markup
maps to the source from its first character to its last, markup included: in
`<b>483.8</b>万座` the claim's source text is `483.8</b>万座`. An entity is one character of
visible text and its whole `&…;` in the source.

>>> page = html_text("<p>已建成5G基站<b>483.8</b>万座&nbsp;</p>")
>>> page.text
'已建成5G基站483.8万座\\xa0\\n'
>>> page.source_span(7, 14)  # 483.8万座
(13, 24)
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from html import unescape
from html.parser import HTMLParser

# Elements whose content a reader never sees.
_HIDDEN = frozenset({"script", "style", "template"})
# Elements that start a new line in a browser; between cells of a row, a tab.
_BLOCKS = frozenset(
    {
        *("address", "article", "aside", "blockquote", "br", "caption", "dd", "div", "dl"),
        *("dt", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6"),
        *("header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table", "tbody"),
        *("thead", "tfoot", "title", "tr", "ul"),
    }
)
_CELLS = frozenset({"td", "th"})
# A line break in the source between two CJK characters is not a space to a reader (the
# source was hard-wrapped); elsewhere any run of white space holding one reads as a space.
_WRAP = re.compile(r"[ \t\f]*\n\s*")
_CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]")


@dataclass(frozen=True, slots=True)
class _Run:
    """Visible text from `start` on comes from source[src_start:src_end]: character for
    character when `exact`, else all of it from the whole source span (an entity, a tag)."""

    start: int
    src_start: int
    src_end: int
    exact: bool


@dataclass(frozen=True, slots=True)
class HtmlText:
    """A page's visible `text`, and `source_span()` to map a span of it back to the source."""

    text: str
    runs: tuple[_Run, ...]  # sorted by start; every visible character is in one
    starts: tuple[int, ...]  # each run's start, for bisect

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """The source span of visible text[start:end] (end > start): from where its first
        character comes from to where its last one ends."""
        first = self.runs[bisect.bisect_right(self.starts, start) - 1]
        last = self.runs[bisect.bisect_right(self.starts, end - 1) - 1]
        src_start = first.src_start + (start - first.start if first.exact else 0)
        src_end = last.src_start + (end - last.start) if last.exact else last.src_end
        return src_start, src_end


def html_text(source: str) -> HtmlText:
    """The visible text of an HTML page given as text (decoded, universal newlines)."""
    parser = _Parser(source)
    parser.feed(source)
    parser.close()
    runs = tuple(parser.runs)
    return HtmlText("".join(parser.pieces), runs, tuple(run.start for run in runs))


class _Parser(HTMLParser):
    def __init__(self, source: str) -> None:
        # Character references come as events of their own, so each has a place in the source.
        super().__init__(convert_charrefs=False)
        self.source = source
        self.pieces: list[str] = []
        self.runs: list[_Run] = []
        self._length = 0  # of the visible text so far
        self._lines = [0, *(m.end() for m in re.finditer("\n", source))]
        self._hidden = 0  # depth inside script/style/template
        self._pre = 0  # depth inside <pre>, where white space is kept as it is

    def _pos(self) -> int:
        line, column = self.getpos()
        return self._lines[line - 1] + column

    def _emit(self, text: str, src_start: int, src_end: int, exact: bool) -> None:
        if text and not self._hidden:
            self.runs.append(_Run(self._length, src_start, src_end, exact))
            self.pieces.append(text)
            self._length += len(text)

    def _break(self, char: str, src_start: int, src_end: int) -> None:
        last = self.pieces[-1][-1:] if self.pieces else "\n"
        if last != "\n" and (char == "\n" or last != "\t"):
            self._emit(char, src_start, src_end, exact=False)

    def _tag(self, tag: str, src_start: int, src_end: int) -> None:
        if tag in _BLOCKS:
            self._break("\n", src_start, src_end)
        elif tag in _CELLS:
            self._break("\t", src_start, src_end)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        start = self._pos()
        self._tag(tag, start, start + len(self.get_starttag_text() or ""))
        if tag in _HIDDEN:
            self._hidden += 1
        elif tag == "pre":
            self._pre += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        start = self._pos()  # <br/>: a tag with no content and no end tag
        self._tag(tag, start, start + len(self.get_starttag_text() or ""))

    def handle_endtag(self, tag: str) -> None:
        start = self._pos()
        end = self.source.find(">", start) + 1 or len(self.source)
        if tag in _HIDDEN:
            self._hidden = max(0, self._hidden - 1)
        elif tag == "pre":
            self._pre = max(0, self._pre - 1)
        self._tag(tag, start, end)

    def handle_data(self, data: str) -> None:
        start = self._pos()
        if self._pre:
            self._emit(data, start, start + len(data), exact=True)
            return
        done = 0
        for m in _WRAP.finditer(data):
            self._emit(data[done : m.start()], start + done, start + m.start(), exact=True)
            if not self._joins(data[m.end() : m.end() + 1]):
                self._emit(" ", start + m.start(), start + m.end(), exact=False)
            done = m.end()
        self._emit(data[done:], start + done, start + len(data), exact=True)

    def _joins(self, after: str) -> bool:
        """Whether a wrapped line's break disappears: after a line start or between CJK."""
        before = self.pieces[-1][-1:] if self.pieces else "\n"
        return before in "\n\t" or bool(_CJK.match(before) and _CJK.match(after))

    def handle_entityref(self, name: str) -> None:
        self._reference("&" + name)

    def handle_charref(self, name: str) -> None:
        self._reference("&#" + name)

    def _reference(self, written: str) -> None:
        start = self._pos()
        end = start + len(written)
        if self.source.startswith(";", end):
            end += 1
        written = self.source[start:end]
        text = unescape(written)  # an unknown name (&bogus;) stays as it is written
        self._emit(text, start, end, exact=text == written)
