"""Turn a document's bytes into text: UTF-8 (BOM or not), UTF-16 with a BOM, GB18030 or Big5.

`decode(data)` works on bytes in memory; `detect(stream)` makes the same choice reading a file
in pieces, for files too big to hold (the caller then reads it with `open(encoding=…)`).

Offsets convention: the text is exactly what `open(path, encoding=decoded.encoding).read()`
returns, so universal newlines (CRLF and CR become LF) and a UTF-8 BOM stays as one U+FEFF at
offset 0. Claims' `start`/`end` index this text; the scorer reads gold files the same way.

>>> decode("已建成5G基站483.8万座\\r\\n".encode("gb18030"), "x.txt")
Decoded(text='已建成5G基站483.8万座\\n', encoding='gb18030')
>>> decode("營收".encode("big5"), "x.txt").encoding
'big5'
"""

from __future__ import annotations

import codecs
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO

from pressmine.errors import InputError

# Tried in order when the bytes are not UTF-8. cp950 (Windows Big5) and Big5-HKSCS are supersets
# of Big5 for files made in Taiwan and Hong Kong; on plain Big5 they give the same text.
_LEGACY = ("gb18030", "big5", "cp950", "big5hkscs")

_CHUNK = 1 << 20  # bytes read at a time by detect()

_BINARY = "not text: binary data (NUL bytes)"
_UNDECODABLE = "cannot decode as UTF-8, GB18030 or Big5"

_LABELS = {
    "utf-8": "UTF-8",
    "utf-16": "UTF-16",
    "gb18030": "GB18030",
    "big5": "Big5",
    "cp950": "Big5 (cp950)",
    "big5hkscs": "Big5-HKSCS",
}


@dataclass(frozen=True, slots=True)
class Decoded:
    """A document's text and the Python codec name that reproduces it with `open()`."""

    text: str  # universal newlines applied; a UTF-8 BOM is kept as U+FEFF
    encoding: str  # "utf-8", "utf-16", "gb18030", "big5", "cp950" or "big5hkscs"


def encoding_label(encoding: str) -> str:
    """The name people know an encoding by, for messages.

    >>> encoding_label("gb18030")
    'GB18030'
    """
    return _LABELS.get(encoding, encoding)


def decode(data: bytes, path: str) -> Decoded:
    """Decode a document's bytes; raise `InputError(path, …)` when they are not text.

    `path` only names the document in the error.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _decode_utf16(data, path)
    # UTF-8 and the legacy codecs can all carry NUL, but no text file does.
    if b"\x00" in data:
        raise InputError(path, _BINARY)
    try:
        return Decoded(_universal_newlines(data.decode("utf-8")), "utf-8")
    except UnicodeDecodeError:
        return _decode_legacy(data, path)


def detect(stream: IO[bytes], path: str) -> str:
    """The encoding `decode()` picks for the bytes of a seekable binary `stream`, or the
    `InputError` it raises; read from the start in pieces, so memory stays flat.

    >>> import io
    >>> detect(io.BytesIO("營收".encode("big5")), "x.txt")
    'big5'
    """
    stream.seek(0)
    if stream.read(2) in (b"\xff\xfe", b"\xfe\xff"):
        return _detect_utf16(stream, path)
    stream.seek(0)
    utf8 = codecs.getincrementaldecoder("utf-8")()
    try:
        for chunk in _chunks(stream, path):
            utf8.decode(chunk)
        utf8.decode(b"", final=True)
    except UnicodeDecodeError:
        return _detect_legacy(stream, path)
    return "utf-8"


def _chunks(stream: IO[bytes], path: str) -> Iterator[bytes]:
    """The stream's bytes from where it is, a piece at a time; NUL bytes are refused, as in
    decode() (which checks the whole file before decoding)."""
    while chunk := stream.read(_CHUNK):
        if b"\x00" in chunk:
            raise InputError(path, _BINARY)
        yield chunk


def _detect_utf16(stream: IO[bytes], path: str) -> str:
    stream.seek(0)
    decoder = codecs.getincrementaldecoder("utf-16")()
    nul = False
    try:
        while chunk := stream.read(_CHUNK):
            nul = "\x00" in decoder.decode(chunk) or nul
        nul = "\x00" in decoder.decode(b"", final=True) or nul
    except UnicodeDecodeError:
        raise InputError(path, "cannot decode as UTF-16 despite its byte order mark") from None
    if nul:
        raise InputError(path, "not text: binary data (NUL characters)")
    return "utf-16"


def _detect_legacy(stream: IO[bytes], path: str) -> str:
    """`_decode_legacy`'s choice in one pass: every codec decodes each piece as it comes."""
    stream.seek(0)
    live = {enc: (codecs.getincrementaldecoder(enc)(), Counter[str]()) for enc in _LEGACY}
    for chunk in _chunks(stream, path):  # read to the end even when all fail: NULs win
        for enc, (decoder, counts) in list(live.items()):
            try:
                counts.update(decoder.decode(chunk))
            except UnicodeDecodeError:
                del live[enc]
    best: tuple[float, str] | None = None
    for enc, (decoder, counts) in live.items():  # in _LEGACY order: ties go to the earlier
        try:
            counts.update(decoder.decode(b"", final=True))
        except UnicodeDecodeError:
            continue
        score = _share_common(counts)
        if best is None or score > best[0]:
            best = (score, enc)
    if best is None:
        raise InputError(path, _UNDECODABLE)
    return best[1]


def _decode_utf16(data: bytes, path: str) -> Decoded:
    try:
        # The "utf-16" codec reads the BOM, picks the byte order and drops the BOM, as open() does.
        text = data.decode("utf-16")
    except UnicodeDecodeError:
        raise InputError(path, "cannot decode as UTF-16 despite its byte order mark") from None
    # A UTF-32 file starts with the UTF-16 LE BOM; read as UTF-16 it is full of NULs.
    if "\x00" in text:
        raise InputError(path, "not text: binary data (NUL characters)")
    return Decoded(_universal_newlines(text), "utf-16")


def _decode_legacy(data: bytes, path: str) -> Decoded:
    """The most plausible of the legacy decodings that succeed.

    Almost any Big5 file also decodes as GB18030 (both take a lead byte 0x81-0xFE and a trail
    byte 0x40-0xFE), into a jumble of rare characters, kana and Cyrillic. So a clean decode is
    not enough: each candidate gets a plausibility score and the best one wins; ties go to the
    earlier codec. Measured on the samples re-encoded (tests/test_decode.py): the simplified one
    as GB18030 scores 1.00 read as GB18030 and does not decode as Big5; the traditional one as
    Big5 scores 1.00 read as Big5 and 0.35 read as GB18030.
    """
    best: tuple[float, str, str] | None = None
    for encoding in _LEGACY:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        score = _plausibility(text)
        if best is None or score > best[0]:
            best = (score, encoding, text)
    if best is None:
        raise InputError(path, _UNDECODABLE)
    return Decoded(_universal_newlines(best[2]), best[1])


def _plausibility(text: str) -> float:
    """The share of non-ASCII characters that are common in Chinese writing (1.0 if none).

    ASCII reads the same in every candidate, so only the rest tells them apart. "Common" is
    punctuation, full-width forms, or a character in the first level (the most frequent
    characters) of GB2312 (3,755 simplified) or of Big5 (5,401 traditional): the codecs
    themselves hold those tables, so no character list has to be shipped.
    """
    return _share_common(Counter(text))


def _share_common(counts: Counter[str]) -> float:
    """`_plausibility` from a count of every character (Counter(text) counts in C: fast)."""
    chars = {ch: n for ch, n in counts.items() if not ch.isascii() and not ch.isspace()}
    total = sum(chars.values())
    if not total:
        return 1.0
    return sum(n for ch, n in chars.items() if _is_common(ch)) / total


def _is_common(ch: str) -> bool:
    code = ord(ch)
    if 0x2000 <= code <= 0x206F or 0x3000 <= code <= 0x303F or 0xFF00 <= code <= 0xFFEF:
        return True  # general and CJK punctuation, full-width forms
    # GB2312 level 1 is rows 0xB0-0xD7; Big5's frequent characters are rows 0xA4-0xC6.
    return 0xB0 <= _lead_byte(ch, "gb2312") <= 0xD7 or 0xA4 <= _lead_byte(ch, "big5") <= 0xC6


def _lead_byte(ch: str, encoding: str) -> int:
    try:
        return ch.encode(encoding)[0]
    except UnicodeEncodeError:
        return -1


def _universal_newlines(text: str) -> str:
    # What open() does in text mode with newline=None.
    return text.replace("\r\n", "\n").replace("\r", "\n")
