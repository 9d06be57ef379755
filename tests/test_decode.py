"""decode(): which encodings are accepted, which are refused, and the offsets convention."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pressmine.errors import InputError
from pressmine.text.decode import Decoded, _plausibility, decode, detect

TEXT = "已建成5G基站483.8万座，\n覆盖95%的行政村。\n"
TEXT_HANT = "已建成5G基站483.8萬座，\n覆蓋95%的行政村。\n"

# (id, bytes, expected text, expected encoding)
ACCEPTED = [
    ("utf-8", TEXT.encode("utf-8"), TEXT, "utf-8"),
    ("utf-8-bom-kept-at-offset-0", b"\xef\xbb\xbf" + TEXT.encode(), "\ufeff" + TEXT, "utf-8"),
    ("crlf-becomes-lf", TEXT.replace("\n", "\r\n").encode(), TEXT, "utf-8"),
    ("lone-cr-becomes-lf", TEXT.replace("\n", "\r").encode(), TEXT, "utf-8"),
    ("gb18030", TEXT.encode("gb18030"), TEXT, "gb18030"),
    ("gb18030-crlf", TEXT.replace("\n", "\r\n").encode("gb18030"), TEXT, "gb18030"),
    ("big5", TEXT_HANT.encode("big5"), TEXT_HANT, "big5"),
    ("utf-16-le-bom", TEXT.encode("utf-16"), TEXT, "utf-16"),  # the codec writes LE + BOM
    ("utf-16-be-bom", b"\xfe\xff" + TEXT.encode("utf-16-be"), TEXT, "utf-16"),
    ("ascii-only", b"GDP 5.9%\n", "GDP 5.9%\n", "utf-8"),
    ("empty", b"", "", "utf-8"),
]

# (id, bytes, the problem reported)
REFUSED = [
    (
        "binary-nul-bytes",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        "not text: binary data (NUL bytes)",
    ),
    ("utf-32-is-binary", "483.8万座".encode("utf-32"), "not text: binary data (NUL characters)"),
    ("undecodable", b"abc \xff\xff def", "cannot decode as UTF-8, GB18030 or Big5"),
    ("odd-length-utf-16", b"\xff\xfeA\x00B", "cannot decode as UTF-16 despite its byte order mark"),
]


@pytest.mark.parametrize(
    ("data", "text", "encoding"), [c[1:] for c in ACCEPTED], ids=[c[0] for c in ACCEPTED]
)
def test_accepted(data: bytes, text: str, encoding: str) -> None:
    assert decode(data, "x.txt") == Decoded(text, encoding)


@pytest.mark.parametrize("data", [c[1] for c in ACCEPTED], ids=[c[0] for c in ACCEPTED])
def test_text_is_what_open_returns_with_the_reported_encoding(tmp_path: Path, data: bytes) -> None:
    # The offsets convention: claims index exactly this text (the scorer reads files this way).
    path = tmp_path / "doc.txt"
    path.write_bytes(data)
    decoded = decode(data, str(path))
    with open(path, encoding=decoded.encoding) as f:
        assert decoded.text == f.read()


@pytest.mark.parametrize(("data", "problem"), [c[1:] for c in REFUSED], ids=[c[0] for c in REFUSED])
def test_refused(data: bytes, problem: str) -> None:
    with pytest.raises(InputError) as caught:
        decode(data, "dir/x.txt")
    assert (caught.value.path, caught.value.problem) == ("dir/x.txt", problem)
    assert str(caught.value) == f"dir/x.txt: {problem}"


def test_simplified_sample_as_gb18030_comes_back_right(hans_text: str) -> None:
    assert decode(hans_text.encode("gb18030"), "x.txt") == Decoded(hans_text, "gb18030")


def test_traditional_sample_as_big5_comes_back_right(hant_text: str) -> None:
    # Big5 bytes also decode cleanly as GB18030, into nonsense: plausibility must pick Big5.
    data = hant_text.encode("big5", errors="replace")
    data.decode("gb18030")  # the trap is real: this does not raise
    assert decode(data, "x.txt") == Decoded(hant_text, "big5")


def test_plausibility_separates_big5_from_its_gb18030_reading(hant_text: str) -> None:
    # The figures quoted in decode._decode_legacy's docstring.
    data = hant_text.encode("big5", errors="replace")
    assert _plausibility(data.decode("big5")) > 0.95
    assert _plausibility(data.decode("gb18030")) < 0.5


@given(st.text(alphabet=st.characters(blacklist_characters="\x00", blacklist_categories=("Cs",))))
def test_any_utf8_text_decodes_as_open_reads_it(text: str) -> None:
    data = text.encode("utf-8")
    as_open_reads_it = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8").read()
    assert decode(data, "x.txt") == Decoded(as_open_reads_it, "utf-8")


# --- detect(): the same choice, read in pieces ---------------------------------------------------


def _choice(data: bytes) -> str:
    """decode()'s choice as detect() reports it: the encoding, or the problem."""
    try:
        return decode(data, "x.txt").encoding
    except InputError as err:
        return err.problem


def _detected(data: bytes) -> str:
    try:
        return detect(io.BytesIO(data), "x.txt")
    except InputError as err:
        return err.problem


@pytest.fixture(params=[1 << 20, 3], ids=["1MiB-pieces", "3-byte-pieces"])
def piece(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> int:
    """Pieces so small that characters, BOMs and CRLFs are cut in two, and the real size."""
    monkeypatch.setattr("pressmine.text.decode._CHUNK", request.param)
    return int(request.param)


@pytest.mark.parametrize(
    "data", [c[1] for c in ACCEPTED + REFUSED], ids=[c[0] for c in ACCEPTED + REFUSED]
)
def test_detect_makes_decodes_choice(data: bytes, piece: int) -> None:
    assert _detected(data) == _choice(data)


def test_detect_on_the_samples_in_legacy_encodings(
    hans_text: str, hant_text: str, piece: int
) -> None:
    for data in (hans_text.encode("gb18030"), hant_text.encode("big5", errors="replace")):
        assert _detected(data) == _choice(data) != "utf-8"


def test_detect_reports_nul_bytes_after_an_invalid_start() -> None:
    # decode() looks for NUL bytes first; detect() must not stop at the first bad UTF-8 byte.
    data = "已建成".encode("gb18030") * 10 + b"\x00"
    assert _detected(data) == _choice(data) == "not text: binary data (NUL bytes)"


@given(
    st.one_of(
        st.binary(max_size=64),
        st.tuples(
            st.text(max_size=30), st.sampled_from(["utf-8", "gb18030", "big5", "utf-16"])
        ).map(lambda t: t[0].encode(t[1], errors="ignore")),
    )
)
def test_detect_agrees_with_decode_on_any_bytes(data: bytes) -> None:
    assert _detected(data) == _choice(data)
