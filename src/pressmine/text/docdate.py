"""The date a document was published, the day its relative time (今年, 目前, 1-11月) counts from:
from what the user gives (`--date`, a `--dates` file), the text, an HTML page's metadata, or the
file's name, in that order. Each finder returns a `DocDate` that says where it came from, or None;
nothing here reads today's clock.

>>> from_text("发布时间：2023-12-15 10:30 来源：国家统计局").date
datetime.date(2023, 12, 15)
>>> from_filename("archive/20231227-profits.txt")
DocDate(date=datetime.date(2023, 12, 27), source='filename', evidence='20231227')
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import PurePath
from typing import Any

# Where a date came from, in the order they are trusted.
SOURCES = ("option", "dates-file", "text", "html", "filename")


@dataclass(frozen=True, slots=True)
class DocDate:
    date: date
    source: str  # one of SOURCES
    evidence: str  # what it was read from: "发布时间：2023-12-15", "article:published_time", …


def parse_date(value: str) -> date:
    """A YYYY-MM-DD date (also YYYY/MM/DD, YYYY.MM.DD, YYYYMMDD, 2023年12月15日); ValueError
    naming the value otherwise, including days that do not exist (2023-02-30).

    >>> parse_date("2023-12-15"), parse_date("2023年1月5日")
    (datetime.date(2023, 12, 15), datetime.date(2023, 1, 5))
    """
    m = _WHOLE_DATE.fullmatch(value.strip())
    if not m:
        raise ValueError(f"not a date (YYYY-MM-DD): {value!r}")
    try:
        month = m["m"] or m["m_"] or m["m8"]
        return date(int(m["y"]), int(month), int(m["d"] or m["d_"] or m["d8"]))
    except ValueError:
        raise ValueError(f"no such day: {value!r}") from None


def find_doc_date(
    text: str,
    *,
    path: str | None = None,
    html: str | None = None,
    given: date | None = None,
    dates: DateTable | None = None,
) -> DocDate | None:
    """The document's date from the first source that has one: `given` (--date), `dates`
    (--dates, looked up by path, file name or stem), the text, `html` (the page's source, for
    its metadata), the file name of `path`."""
    if given is not None:
        return DocDate(given, "option", given.isoformat())
    if dates is not None and path is not None:
        hit = dates.get(path)
        if hit is not None:
            return DocDate(hit, "dates-file", path)
    found = from_text(text)
    if found is None and html is not None:
        found = from_html(html)
    if found is None and path is not None and path != "-":
        found = from_filename(path)
    return found


# ----------------------------------------------------------------------------- the text

_Y = r"(?P<y>(?:19|20)\d{2})"
_M = r"(?P<m>1[0-2]|0?[1-9])"
_D = r"(?P<d>3[01]|[12]\d|0?[1-9])"
_WHOLE_DATE = re.compile(
    rf"{_Y}(?:[-/.]{_M}[-/.]{_D}|年\s?(?P<m_>1[0-2]|0?[1-9])\s?月\s?(?P<d_>3[01]|[12]\d|0?[1-9])\s?日"
    r"|(?P<m8>1[0-2]|0[1-9])(?P<d8>3[01]|[12]\d|0[1-9]))"
)
# A date in running text: 2023-12-15, 2023/12/15, 2023.12.15, 2023年12月15日 (not inside a
# longer number, and not a range's first half: 2023-12-15至…).
_DATE = re.compile(
    rf"(?<![\d.\-/]){_Y}(?:(?P<sep>[-/.])(?P<m>1[0-2]|0?[1-9])(?P=sep)(?P<d>3[01]|[12]\d|0?[1-9])"
    rf"|\s?年\s?(?P<m_>1[0-2]|0?[1-9])\s?月\s?(?P<d_>3[01]|[12]\d|0?[1-9])\s?[日号])(?![\d])"
)
# A label that says the date on its line is the publication's.
_LABEL_VERBS = (
    *("发布", "發布", "发表", "發表", "发稿", "發稿"),
    *("更新", "刊登", "出版", "公布", "公佈"),
)
_LABEL_WORDS = (
    *(verb + noun for verb in _LABEL_VERBS for noun in ("时间", "時間", "日期")),
    *("时间", "時間", "日期", "来源", "來源", "作者", "记者", "記者"),
    *("编辑", "編輯", "责任编辑", "責任編輯"),
)
# Whole words, longest first: an alternation that opens with a word lets re skip, in C, every
# place no label starts (one that opens with an optional word tries every character).
_LABELLED = re.compile("(?:" + "|".join(sorted(_LABEL_WORDS, key=len, reverse=True)) + r")\s?[:：]")
# A dateline: 新华社北京12月15日电, 中新网12月15日电, 本报讯…12月15日, (记者…)12月15日.
_DATELINE = re.compile(
    r"(?:社|网|網|台|报|報|讯|訊|电|電)[^\n，。,]{0,12}?"
    r"(?P<m>1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])月"
    r"(?P<d>3[01]|[12]\d|0?[1-9]|[二三]?十[一二三四五六七八九]?|[一二三四五六七八九])[日号]"
    r"(?:电|電|讯|訊|消息|报道|報導|报导)"
)
_YEAR_IN_TEXT = re.compile(r"(?<![\d.])((?:19|20)\d{2})\s?年|(?<![\d.])(1[01]\d)年")
_CLAUSE_MARK = re.compile(r"[。！？!?，,；;]")
_EDGE_LINES = 3  # a date line stands among the first or last lines
_HEAD_CHARS = 1_500  # a labelled date (发布时间：…) is looked for in a text's first characters
_TAIL_CHARS = 800  # and its last
_LINE_HEAD = 80  # a date line is no longer


def from_text(text: str) -> DocDate | None:
    """A publication date the text states: a labelled one (发布时间：…) in its first 1,500 or
    last 800 characters, a line among the first or last three that is only a date (maybe
    with a time, a source or an author), or a dateline (新华社北京12月15日电) when the text
    states its year."""
    for part in (text[:_HEAD_CHARS], text[-_TAIL_CHARS:]):
        for label in _LABELLED.finditer(part):
            m = _DATE.search(part, label.end(), label.end() + 40)
            if m and m.start() - label.end() <= 20:
                return _found(m, "text", _line_at(part, label.start()))
    head = [line.strip() for line in text[:_HEAD_CHARS].splitlines() if line.strip()]
    tail = [line.strip() for line in text[-_TAIL_CHARS:].splitlines() if line.strip()]
    for line in head[:_EDGE_LINES] + tail[-_EDGE_LINES:]:
        m = _DATE.search(line) if len(line) <= _LINE_HEAD else None  # a date line is short
        if m and _is_date_line(line, m):
            return _found(m, "text", line)
    return _dateline(text)


def _line_at(text: str, pos: int) -> str:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return text[start : end if end >= 0 else len(text)]


def _is_date_line(line: str, m: re.Match[str]) -> bool:
    """2023-12-15, 2023-12-15 10:20 来源：新华社, 2025/01/23 记者…／台北报导: a line that opens or
    ends with the date and holds little else, not a sentence that mentions one (截至2025年6月15日,
    全省…, 2023年12月15日，国务院…)."""
    before, after = line[: m.start()].strip(), line[m.end() :].strip()
    rest = before + after
    at_edge = not before.strip("【[（(〔") or not after.strip("】]）)〕")
    return at_edge and len(rest) <= 30 and not _CLAUSE_MARK.search(rest)


def _found(m: re.Match[str], source: str, evidence: str) -> DocDate | None:
    try:
        d = date(int(m["y"]), int(m["m"] or m["m_"]), int(m["d"] or m["d_"]))
    except ValueError:
        return None
    return DocDate(d, source, evidence.strip()[:80])


def _dateline(text: str) -> DocDate | None:
    """新华社北京12月15日电: month and day; the year is the latest the text states, or the one
    after it when the text speaks of a month of that year later than the dateline's."""
    m = _DATELINE.search(text[:400])
    if not m:
        return None
    years = [int(a) if a else int(b) + 1911 for a, b in _YEAR_IN_TEXT.findall(text)]
    if not years:
        return None
    month, day = _small(m["m"]), _small(m["d"])
    year = max(years)
    # A January or February dateline over a text about the end of that year: the release
    # reports the year just ended (新华社北京1月12日电 … 2023年12月份).
    stated = [int(x) for x in re.findall(rf"{year}\s?年\s?(1[0-2]|0?[1-9])\s?月", text)]
    if month <= 2 and stated and max(stated) >= 11:
        year += 1
    try:
        return DocDate(date(year, month, day), "text", m.group())
    except ValueError:
        return None


_CN_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")}


def _small(s: str) -> int:
    if s.isdigit():
        return int(s)
    if "十" not in s:
        return _CN_DIGITS[s]
    tens, _, ones = s.partition("十")
    return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[ones] if ones else 0)


# ----------------------------------------------------------------------------- HTML metadata

# Meta names and properties that carry the publication date, most specific first.
_META = (
    "article:published_time",
    "og:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish_date",
    "publication_date",
    "dc.date.issued",
    "dc.date",
    "dcterms.date",
    "date",
    "article:modified_time",
)
_JSON_LD = re.compile(r'"datePublished"\s*:\s*"([^"]+)"')


def from_html(source: str) -> DocDate | None:
    """The publication date in a page's metadata: <meta property="article:published_time">,
    pubdate and date metas, JSON-LD datePublished, <time datetime> (one marked pubdate first).
    The date is read as written, in the page's own time zone."""
    reader = _meta_reader()
    try:
        reader.feed(source)
        reader.close()
    except Exception:  # html.parser gives up on some broken markup: no metadata, then
        return None
    for key in _META:
        if key in reader.meta:
            d = _leading_date(reader.meta[key])
            if d is not None:
                return DocDate(d, "html", key)
    m = _JSON_LD.search(source)
    if m and (d := _leading_date(m.group(1))) is not None:
        return DocDate(d, "html", "datePublished")
    for _, value in sorted(reader.times, key=lambda t: not t[0]):
        d = _leading_date(value)
        if d is not None:
            return DocDate(d, "html", "time datetime")
    return None


def _meta_reader() -> Any:
    """An html.parser reader of <meta> and <time>: imported only when a page is read."""
    from html.parser import HTMLParser

    class MetaReader(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.meta: dict[str, str] = {}
            self.times: list[tuple[bool, str]] = []  # (has pubdate, datetime)

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            a = {k.lower(): v or "" for k, v in attrs}
            if tag == "meta":
                key = (a.get("property") or a.get("name") or a.get("itemprop") or "").lower()
                if key and "content" in a:
                    self.meta.setdefault(key, a["content"])
            elif tag == "time" and a.get("datetime"):
                self.times.append(
                    ("pubdate" in a or a.get("itemprop") == "datePublished", a["datetime"])
                )

    return MetaReader()


def _leading_date(value: str) -> date | None:
    m = _DATE.match(value.strip())
    if not m:
        return None
    found = _found(m, "html", value)
    return found.date if found else None


# ----------------------------------------------------------------------------- file names

_NAME_DATE = re.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d{2})(?P<sep>[-_.]?)(?P<m>1[0-2]|0[1-9])(?P=sep)"
    r"(?P<d>3[01]|[12]\d|0[1-9])(?!\d)"
)


def from_filename(path: str) -> DocDate | None:
    """A date in the file's name: 20250117.md, 2025-01-17-slug.txt, 20231227-profits.txt,
    release_2025_01_17.txt (the folders are not read: their numbers are rarely dates)."""
    name = PurePath(path).name
    for m in _NAME_DATE.finditer(name):
        try:
            return DocDate(date(int(m["y"]), int(m["m"]), int(m["d"])), "filename", m.group())
        except ValueError:
            continue
    return None


# ----------------------------------------------------------------------------- --dates files


@dataclass(frozen=True, slots=True)
class DateTable:
    """The rows of a --dates file, looked up by a document's path: as given, else by file name,
    else by stem (a row `customs_2023` or `x/customs_2023.txt` dates `docs/customs_2023.txt`).
    A name or stem that two rows give different dates to matches neither."""

    exact: Mapping[str, date]
    by_name: Mapping[str, date]
    by_stem: Mapping[str, date]

    def get(self, path: str) -> date | None:
        if path in self.exact:
            return self.exact[path]
        p = PurePath(path)
        return self.by_name.get(p.name) or self.by_stem.get(p.stem)

    def __len__(self) -> int:
        return len(self.exact)


def read_dates(content: str, source: str = "--dates") -> DateTable:
    """The rows of a --dates file: CSV or TSV, a path and a date per row (a header row and
    lines starting with # are skipped). ValueError naming the line of a row that is not a path
    and a valid date.

    >>> read_dates("path,date\\nnews/a.txt,2023-12-15\\n").get("other/a.txt")
    datetime.date(2023, 12, 15)
    """
    lines = content.splitlines()
    dialect = "excel-tab" if lines and "\t" in lines[0] else "excel"
    exact: dict[str, date] = {}
    for n, row in enumerate(csv.reader(io.StringIO(content), dialect=dialect), 1):
        cells = [c.strip() for c in row]
        if not any(cells) or cells[0].startswith("#"):
            continue
        if len(cells) < 2 or not cells[0] or not cells[1]:
            raise ValueError(f"{source}: line {n}: expected a path and a date")
        try:
            exact[cells[0]] = parse_date(cells[1])
        except ValueError as e:
            if n == 1 and not re.search(r"\d", cells[1]):
                continue  # a header row: path,date
            raise ValueError(f"{source}: line {n}: {e}") from None
    return DateTable(exact, _unique(exact, "name"), _unique(exact, "stem"))


def _unique(rows: Mapping[str, date], part: str) -> dict[str, date]:
    seen: dict[str, date | None] = {}
    for key, d in rows.items():
        k = getattr(PurePath(key), part)
        seen[k] = d if seen.get(k, d) == d else None
    return {k: d for k, d in seen.items() if d is not None}
