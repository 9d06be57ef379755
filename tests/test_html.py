"""html_text(): the text a reader sees in a page, and its spans mapped back to the page's source."""

from __future__ import annotations

import html
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pressmine import extract
from pressmine.text.html import html_text

# (id, page, the visible text)
VISIBLE = [
    (
        "tags-dropped",
        "<p>已建成<b>5G</b>基站<a href='x'>483.8</a>万座</p>",
        "已建成5G基站483.8万座\n",
    ),
    (
        "entities",
        "<p>1&nbsp;000&#20159;&#x5143; &amp; &lt;5% &copy 2025</p>",
        "1\xa0000亿元 & <5% © 2025\n",
    ),
    (
        "hidden",
        "<head><title>题</title><style>p{}</style><script>x='9万'</script></head><p>正文",
        "题\n正文",
    ),
    ("template", "<template><p>5万座</p></template>正文", "正文"),
    (
        "blocks",
        "<div>一</div><div>二<br>三<br/>四</div><ul><li>五<li>六</ul>",
        "一\n二\n三\n四\n五\n六\n",
    ),
    (
        "cells",
        "<table><tr><td>营业收入</td><td>1.2亿元</td></tr><tr><th>利润</th></tr></table>",
        "营业收入\t1.2亿元\t\n利润\t\n",
    ),
    ("wrapped-cjk", "<p>直接经济损\n    失3096.4亿元</p>", "直接经济损失3096.4亿元\n"),
    ("wrapped-latin", "<p>GDP\n  grew</p>", "GDP grew\n"),
    ("pre", "<pre>一行  5万座\n二行</pre>", "一行  5万座\n二行\n"),
    ("comment-and-doctype", "<!DOCTYPE html><!-- 5万座 --><p>正文</p>", "正文\n"),
    ("bare-ampersand-and-lt", "<p>A & B < C</p>", "A & B < C\n"),
    ("empty", "", ""),
    ("text-only", "已建成5G基站483.8万座", "已建成5G基站483.8万座"),
]


@pytest.mark.parametrize(("page", "text"), [v[1:] for v in VISIBLE], ids=[v[0] for v in VISIBLE])
def test_visible_text(page: str, text: str) -> None:
    assert html_text(page).text == text


def test_claims_map_back_to_the_source() -> None:
    page = (
        "<html><body>\n<p>已建成5G基站<b>483.8</b>万座，覆盖超330个城市。</p>\n"
        "<p>直接经济损失3096.4亿元&#xFF0C;同比增长<span>5.9</span>%。</p>\n</body></html>"
    )
    view = html_text(page)
    spans = []
    for claim in extract(view.text):
        start, end = view.source_span(claim.start, claim.end)
        spans.append(page[start:end])
        # What a reader sees in the source span is the claim's text.
        assert html.unescape(re.sub(r"<[^>]*>", "", page[start:end])) == claim.text
    assert spans == ["483.8</b>万座", "超330个", "3096.4亿元", "5.9</span>%"]


def test_an_entity_is_its_whole_reference() -> None:
    page = "<p>增长&#53;.9%</p>"  # &#53; is 5
    view = html_text(page)
    assert view.text == "增长5.9%\n"
    assert page[slice(*view.source_span(2, 6))] == "&#53;.9%"
    assert page[slice(*view.source_span(2, 3))] == "&#53;"


# A page made of pieces a release would hold: text, numbers, inline and block tags, entities,
# comments, script, and white space with line breaks.
_PIECES = st.sampled_from(
    [
        "已建成",
        "基站",
        "483.8",
        "万座",
        "，",
        "GDP",
        " ",
        "\n  ",
        "<b>",
        "</b>",
        "<p>",
        "</p>",
        "<br>",
        "<td>",
        "&nbsp;",
        "&amp;",
        "&#20159;",
        "&#x5143;",
        "&bogus;",
        "<!-- x -->",
        "<script>var a = '<p>9</p>';</script>",
        "<pre>a\n b</pre>",
        "&",
        "<",
    ]
)


@given(st.lists(_PIECES, max_size=30).map("".join))
def test_every_visible_character_maps_into_the_source_in_order(page: str) -> None:
    view = html_text(page)
    previous = 0
    for i, char in enumerate(view.text):
        start, end = view.source_span(i, i + 1)
        assert previous <= start < end <= len(page)
        source = page[start:end]
        if len(source) == 1 and not source.isspace():
            assert source == char  # written as it reads
        elif source.startswith("&"):
            assert html.unescape(source) == char  # a character reference
        else:
            assert char.isspace()  # a tag's line break, or white space folded to one space
        previous = start
