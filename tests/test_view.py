"""The HTML view (`-o view.html`): read back with html.parser, every claim is one highlight in
place (data-start/data-end, its exact text), the text is the document's, rows and highlights
link to each other, and nothing a document holds becomes markup; then a real browser (headless
Chromium, where installed) draws the page and runs none of a release's scripts."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import tempfile
from collections import defaultdict
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from pressmine import extract
from pressmine.batch import blocks, inputs
from pressmine.cli.app import app
from pressmine.io.view import Document, ViewWriter, kind

EVIL = (
    "标题<script>alert(1)</script>\n"
    "已建成5G基站483.8万座，同比增长5.9%。<img src=x onerror=alert(2)>\n"
)


def run(*args: str) -> Result:
    env = {"NO_COLOR": "1", "FORCE_COLOR": None, "TTY_COMPATIBLE": None}
    return CliRunner().invoke(app, list(args), env=env)


class Page(HTMLParser):
    """What a browser would build, as far as these tests look: each document's text (its
    `div.text`, markup taken away), its highlights, its table rows, every id and link."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self.texts: dict[str, str] = defaultdict(str)  # section id -> text
        self.highlights: dict[str, list[dict[str, Any]]] = defaultdict(list)
        self.rows: dict[str, list[str]] = defaultdict(list)  # section id -> row ids
        self.ids: list[str] = []
        self.links: list[str] = []
        self.tags: set[str] = set()
        self.attributes: list[tuple[str, str | None]] = []
        self.meta: list[dict[str, str | None]] = []
        self._section = ""
        self._in_text = 0  # depth inside div.text
        self._highlight: dict[str, Any] | None = None
        self.feed(source)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.tags.add(tag)
        self.attributes.extend(attrs)
        if tag == "meta":
            self.meta.append(a)
        if a.get("id"):
            self.ids.append(a["id"] or "")
        if a.get("href"):
            self.links.append(a["href"] or "")
        if tag == "section":
            self._section = a["id"] or ""
        if self._in_text:
            self._in_text += 1
        elif tag == "div" and a.get("class") == "text":
            self._in_text = 1
        if "data-start" in a:
            self._highlight = {**a, "text": "", "at": len(self.texts[self._section])}
            self.highlights[self._section].append(self._highlight)
        if tag == "tr" and a.get("id"):
            self.rows[self._section].append(a["id"] or "")

    def handle_endtag(self, tag: str) -> None:
        if self._in_text:
            self._in_text -= 1
        if tag == "a":
            self._highlight = None

    def handle_data(self, data: str) -> None:
        if self._in_text:
            self.texts[self._section] += data
        if self._highlight is not None:
            self._highlight["text"] += data


@pytest.fixture
def corpus(docs: Path) -> Path:
    """docs/ (the samples and the test releases) and a release with markup in it."""
    (docs / "zz-evil.txt").write_text(EVIL, encoding="utf-8")
    return docs


def _by_doc(result: Result) -> dict[str, list[dict[str, Any]]]:
    claims: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for line in result.stdout.splitlines():
        claim = json.loads(line)
        claims[claim["doc"]].append(claim)
    return claims


def _check(page: Page, claims: dict[str, list[dict[str, Any]]], docs: list[Path]) -> None:
    """Each document's section holds its text, one highlight per claim in place, a row each."""
    assert len(page.texts) == len(docs)
    for number, path in enumerate(docs, 1):
        section = f"d{number}"
        original = path.read_text(encoding="utf-8")  # the offsets convention
        assert page.texts[section] == original
        expected = claims.get(f"docs/{path.name}", [])
        marks = page.highlights[section]
        assert [(int(m["data-start"]), int(m["data-end"])) for m in marks] == [
            (c["start"], c["end"]) for c in expected
        ]
        for mark, claim in zip(marks, expected, strict=True):
            assert mark["text"] == claim["text"] == original[claim["start"] : claim["end"]]
            assert mark["at"] == claim["start"]  # in place: as much text before it
            assert f"unit: {claim['unit'] or '–'}" in mark["data-tip"]
            assert mark["class"].startswith("claim k-")
        assert len(page.rows[section]) == len(expected)


def test_every_claim_is_highlighted_in_place(corpus: Path) -> None:
    view = run("extract", "docs", "-o", "view.html", "-j", "2")
    plain = run("extract", "docs", "-f", "jsonl", "-j", "2")
    assert (view.exit_code, view.stderr, plain.exit_code) == (0, "", 0)
    page = Page(Path("view.html").read_text(encoding="utf-8"))
    claims = _by_doc(plain)
    assert sum(len(v) for v in page.highlights.values()) == sum(map(len, claims.values())) > 250
    _check(page, claims, sorted(corpus.iterdir()))
    # Every id once; every link inside the page, to an id that is there.
    assert len(page.ids) == len(set(page.ids))
    assert all(link.startswith("#") and link[1:] in page.ids for link in page.links)
    # A highlight leads to its row, and the row's first cell back.
    for section, marks in page.highlights.items():
        assert [m["href"] for m in marks] == [f"#{r}" for r in page.rows[section]]


def test_a_release_with_markup_shows_it_as_text(corpus: Path) -> None:
    assert run("extract", "docs/zz-evil.txt", "-o", "view.html").exit_code == 0
    source = Path("view.html").read_text(encoding="utf-8")
    page = Page(source)
    assert page.texts["d1"] == EVIL  # shown as written
    assert "script" not in page.tags and "img" not in page.tags
    assert not any(name.startswith("on") for name, _ in page.attributes)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in source
    csp = [m["content"] for m in page.meta if m.get("http-equiv") == "Content-Security-Policy"]
    assert csp and "default-src 'none'" in (csp[0] or "") and "script-src" not in (csp[0] or "")


def test_the_page_needs_nothing_from_outside(corpus: Path) -> None:
    assert run("extract", "docs", "-o", "view.html").exit_code == 0
    page = Page(Path("view.html").read_text(encoding="utf-8"))
    assert not {"script", "link", "img", "iframe", "object"} & page.tags
    assert not any(name in ("src", "srcset") for name, _ in page.attributes)
    assert "<style>" in Path("view.html").read_text(encoding="utf-8")  # inlined


def test_a_big_file_in_blocks_is_one_document(
    corpus: Path, monkeypatch: pytest.MonkeyPatch, hans_text: str
) -> None:
    monkeypatch.setattr(inputs, "BIG", 2000)
    monkeypatch.setattr(blocks, "BLOCK", 1000)
    big = corpus / "big.txt"
    big.write_text(hans_text * 3, encoding="utf-8")
    assert len(list(inputs.plan([str(big)], io.BytesIO()))) > 5  # many blocks
    for path in corpus.iterdir():
        if path != big:
            path.unlink()
    view = run("extract", "docs", "-o", "view.html", "-j", "2")
    plain = run("extract", "docs", "-f", "jsonl", "-j", "2")
    assert (view.exit_code, plain.exit_code) == (0, 0)
    page = Page(Path("view.html").read_text(encoding="utf-8"))
    _check(page, _by_doc(plain), [big])


def test_a_document_that_cannot_be_read_is_in_the_page(corpus: Path) -> None:
    (corpus / "bad.txt").write_bytes(b"\x00binary")
    result = run("extract", "docs/bad.txt", "docs/zz-evil.txt", "-o", "view.html")
    assert result.exit_code == 1
    assert result.stderr == "Error: docs/bad.txt: not text: binary data (NUL bytes)\n"
    source = Path("view.html").read_text(encoding="utf-8")
    assert "Error: not text: binary data (NUL bytes)" in source
    assert '<li class="failed"><a href="#d1">docs/bad.txt</a>' in source
    assert "2 documents, 2 claims, 1 errors" in source


def test_a_database_and_a_view_at_once(corpus: Path) -> None:
    result = run("extract", "docs/zz-evil.txt", "-o", "view.html", "--db", "c.sqlite")
    assert result.exit_code == 0
    assert len(Page(Path("view.html").read_text(encoding="utf-8")).highlights["d1"]) == 2


def test_the_library_writes_a_view() -> None:
    out = io.StringIO()
    claims = extract(EVIL)
    with ViewWriter(out, title="<b>mine</b>") as view:
        view.write_part(Document("evil", EVIL, claims))
    page = Page(out.getvalue())
    assert page.texts["d1"] == EVIL and len(page.highlights["d1"]) == len(claims) == 2
    assert "b" not in page.tags
    assert [kind(c) for c in claims] == ["count", "change"]


# --- a real browser -------------------------------------------------------------------------------

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed")


def _chromium(*args: str) -> subprocess.CompletedProcess[str]:
    """Headless Chromium as the machine notes start it: no sandbox (root), no GPU, no network
    of its own, a profile of its own."""
    assert CHROMIUM is not None
    with tempfile.TemporaryDirectory() as profile:
        return subprocess.run(
            [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
             "--no-first-run", "--disable-background-networking", "--disable-component-update",
             "--disable-sync", f"--user-data-dir={profile}", *args],
            capture_output=True, text=True, timeout=120, check=False,
        )  # fmt: skip


@needs_chromium
def test_chromium_draws_the_page(corpus: Path) -> None:
    assert (
        run(
            "extract", "docs/zz-evil.txt", "docs/miit-2025-results-zh-hans.txt", "-o", "v.html"
        ).exit_code
        == 0
    )
    shot = corpus.parent / "shot.png"
    _chromium(
        "--hide-scrollbars",
        "--window-size=1200,900",
        f"--screenshot={shot}",
        Path("v.html").resolve().as_uri(),
    )
    png = shot.read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    assert (width, height) == (1200, 900)
    assert len(png) > 20_000  # a drawn page, not a blank one (a white 1200x900 PNG is ~5 kB)
    if os.environ.get("PRESSMINE_KEEP_SCREENSHOT"):  # to look at it: where the test left it
        shutil.copy(shot, os.environ["PRESSMINE_KEEP_SCREENSHOT"])


# The script a release holds sets the page's title; the page's own title says "pressmine".
PWN = "已建成5G基站483.8万座。<script>document.title = 'PWNED'</script>\n"


@needs_chromium
def test_chromium_runs_no_script_of_a_release(corpus: Path) -> None:
    (corpus / "pwn.txt").write_text(PWN, encoding="utf-8")
    assert run("extract", "docs/pwn.txt", "-o", "v.html").exit_code == 0
    # The check can fail: the same text put in a page as it is runs (the control).
    Path("raw.html").write_text(f"<html><head><title>x</title></head><body>{PWN}</body></html>")
    dom = _chromium("--dump-dom", Path("v.html").resolve().as_uri()).stdout
    raw = _chromium("--dump-dom", Path("raw.html").resolve().as_uri()).stdout
    assert "<title>PWNED</title>" in raw
    assert "<title>pressmine: claims</title>" in dom and "PWNED</title>" not in dom
    assert "&lt;script&gt;document.title = 'PWNED'&lt;/script&gt;" in dom
