"""The document's date (text/docdate.py): from the text, an HTML page's metadata, a file's name
and a --dates file, in the order issue 13 gives: --date > --dates > text > HTML > file name."""

from __future__ import annotations

from datetime import date

import pytest

from pressmine.text.docdate import (
    DocDate,
    find_doc_date,
    from_filename,
    from_html,
    from_text,
    parse_date,
    read_dates,
)

D = date.fromisoformat

# (text, date or None). Lines are joined with \n; the body lines stand for a release's text.
BODY = "国家统计局今天发布数据显示，1—11月份，全国规模以上工业企业实现利润总额6.9万亿元。"
TEXTS = [
    ("label-first-line", "发布时间：2023-12-15\n\n" + BODY, "2023-12-15"),
    ("label-with-time", "发布时间：2023-12-15 09:30:00  来源：国家统计局\n" + BODY, "2023-12-15"),
    ("label-traditional", "發布時間：2023/12/15\n" + BODY, "2023-12-15"),
    ("label-date-word", "日期：2023年12月15日\n" + BODY, "2023-12-15"),
    ("label-spaced-date", "發布日期：2023 年 12 月 15 日\n" + BODY, "2023-12-15"),
    ("label-source-line", "来源：新华社 2023.12.15\n" + BODY, "2023-12-15"),
    ("date-alone-last-line", BODY + "\n\n2023年12月15日", "2023-12-15"),
    ("date-and-author-first", "2025/01/23 05:30 記者鄭琪芳／台北報導\n" + BODY, "2025-01-23"),
    (
        "dateline",
        "新华社北京12月15日电 2023年1—11月份，全国规模以上工业企业利润下降。",
        "2023-12-15",
    ),
    (
        "dateline-january-after-december",
        "新华社北京1月12日电 国家统计局公布，2023年12月份CPI同比下降0.3%。",
        "2024-01-12",
    ),
    ("dateline-chinese-numerals", "中新网十二月十五日电 2023年前11个月，全国利润…", "2023-12-15"),
    (
        "dateline-without-year",
        "新华社北京12月15日电 1—11月份，全国规模以上工业企业利润下降。",
        None,
    ),
    (
        "a-sentence-is-not-a-date-line",
        "2023年12月15日，国务院召开常务会议，部署经济工作。\n" + BODY,
        None,
    ),
    (
        "a-date-in-the-middle",
        "\n\n".join(["标题", "一。", "二。", "2023年12月15日", *"三四五六七"]),
        None,
    ),
    ("no-such-day", "发布时间：2023-02-30\n" + BODY, None),
    ("no-date", BODY, None),
]


@pytest.mark.parametrize(("text", "want"), [t[1:] for t in TEXTS], ids=[t[0] for t in TEXTS])
def test_from_text(text, want):
    found = from_text(text)
    assert (found.date if found else None) == (D(want) if want else None), found
    if found:
        assert found.source == "text" and found.evidence


HTML = [
    (
        "article-published-time",
        '<html><head><meta property="article:published_time" content="2023-12-15T08:00:00+08:00">'
        '<meta property="article:modified_time" content="2023-12-16T10:00:00+08:00"></head></html>',
        "2023-12-15",
        "article:published_time",
    ),
    ("pubdate", '<meta name="pubdate" content="2023-12-15 08:00">', "2023-12-15", "pubdate"),
    ("publishdate", '<META NAME="PublishDate" CONTENT="2023/12/15">', "2023-12-15", "publishdate"),
    ("date-meta", '<meta name="date" content="2023-12-15">', "2023-12-15", "date"),
    (
        "json-ld",
        '<script type="application/ld+json">{"datePublished": "2023-12-15T08:00:00Z"}</script>',
        "2023-12-15",
        "datePublished",
    ),
    (
        "time-pubdate-first",
        '<time datetime="2023-12-01">1日</time>'
        '<time pubdate datetime="2023-12-15T08:00">15日</time>',
        "2023-12-15",
        "time datetime",
    ),
    ("time", '<p><time datetime="2023-12-15">12月15日</time></p>', "2023-12-15", "time datetime"),
    ("none", "<html><body><p>2023年</p></body></html>", None, None),
    ("garbage-content", '<meta name="pubdate" content="yesterday">', None, None),
]


@pytest.mark.parametrize(
    ("source", "want", "evidence"), [h[1:] for h in HTML], ids=[h[0] for h in HTML]
)
def test_from_html(source, want, evidence):
    found = from_html(source)
    if want is None:
        assert found is None
    else:
        assert found == DocDate(D(want), "html", evidence)


NAMES = [
    ("20250117.md", "2025-01-17"),
    ("2025-01-17-slug.txt", "2025-01-17"),
    ("20231227-profits.txt", "2023-12-27"),
    ("archive/release_2025_01_17.txt", "2025-01-17"),
    ("news.2024.02.29.html", "2024-02-29"),
    ("2023-02-30-slug.txt", None),  # no such day
    ("20231332.txt", None),
    ("2025/01/17/release.txt", None),  # folders are not read
    ("article_25290.md", None),
    ("123420250117999.txt", None),  # inside a longer number
    ("-", None),
]


@pytest.mark.parametrize(("path", "want"), NAMES, ids=[n[0] for n in NAMES])
def test_from_filename(path, want):
    found = from_filename(path)
    assert (found.date if found else None) == (D(want) if want else None)
    if found:
        assert found.source == "filename"


# ----------------------------------------------------------------------------- the order


def test_the_option_comes_first():
    found = find_doc_date("发布时间：2023-12-15", path="20231227-x.txt", given=D("2020-01-01"))
    assert found == DocDate(D("2020-01-01"), "option", "2020-01-01")


def test_a_dates_file_comes_before_the_text():
    dates = read_dates("docs/a.txt,2022-02-02\n")
    found = find_doc_date("发布时间：2023-12-15", path="docs/a.txt", dates=dates)
    assert (found.date, found.source) == (D("2022-02-02"), "dates-file")


def test_the_text_comes_before_the_page_and_the_name():
    found = find_doc_date(
        "发布时间：2023-12-15",
        path="20231227-x.html",
        html='<meta name="pubdate" content="2023-12-01">',
    )
    assert (found.date, found.source) == (D("2023-12-15"), "text")


def test_the_page_comes_before_the_name():
    found = find_doc_date(
        BODY, path="20231227-x.html", html='<meta name="pubdate" content="2023-12-01">'
    )
    assert (found.date, found.source) == (D("2023-12-01"), "html")


def test_the_name_comes_last():
    found = find_doc_date(BODY, path="data/20231227-profits.txt")
    assert (found.date, found.source) == (D("2023-12-27"), "filename")


def test_a_dates_file_that_does_not_list_the_file_falls_through():
    found = find_doc_date(BODY, path="20231227-x.txt", dates=read_dates("other.txt,2022-02-02\n"))
    assert found.source == "filename"


def test_nothing_gives_none():
    assert find_doc_date(BODY, path="-") is None
    assert find_doc_date(BODY) is None


# ----------------------------------------------------------------------------- --dates files


def test_read_dates_csv_with_header_and_tsv():
    csv = read_dates("path,date\ndocs/a.txt,2023-12-15\n# a comment\n\ndocs/b.txt,2024-01-02\n")
    assert csv.get("docs/a.txt") == D("2023-12-15") and len(csv) == 2
    tsv = read_dates("nbs_q1_economy_2025\t2025-04-16\ncustoms\t2023-05-09\n")
    assert tsv.get("../shared/dev/docs/nbs_q1_economy_2025.txt") == D("2025-04-16")


def test_dates_match_by_path_then_name_then_stem():
    table = read_dates("a/x.txt,2023-01-01\nb/x.txt,2023-02-02\ny,2023-03-03\nz.md,2023-04-04\n")
    assert table.get("b/x.txt") == D("2023-02-02")  # as given
    assert table.get("c/x.txt") is None  # two rows disagree on the name: neither
    assert table.get("docs/y.txt") == D("2023-03-03")  # by stem
    assert table.get("docs/z.md") == D("2023-04-04")  # by name
    assert table.get("docs/z.txt") == D("2023-04-04")  # by stem


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("a.txt,2023-02-30\n", "--dates: line 1: no such day: '2023-02-30'"),
        ("path,date\na.txt,2023-12-15\nb.txt,15/12/2023\n", "line 3: not a date"),
        ("a.txt\n", "line 1: expected a path and a date"),
        ("a.txt,\n", "line 1: expected a path and a date"),
    ],
)
def test_a_bad_row_names_its_line(content, message):
    with pytest.raises(ValueError) as e:
        read_dates(content)
    assert message in str(e.value)


@pytest.mark.parametrize("value", ["2023-02-30", "2023-13-01", "15/12/2023", "", "2023-12"])
def test_parse_date_rejects(value):
    with pytest.raises(ValueError):
        parse_date(value)


@pytest.mark.parametrize(
    ("value", "want"),
    [
        ("2023-12-15", "2023-12-15"),
        ("2023/1/5", "2023-01-05"),
        ("20231215", "2023-12-15"),
        ("2024-02-29", "2024-02-29"),
    ],
)
def test_parse_date_accepts(value, want):
    assert parse_date(value) == D(want)
