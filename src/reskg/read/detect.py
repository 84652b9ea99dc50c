"""Sniff a file's format from its bytes, and a plain text's encoding.

The name's suffix is only a hint: a PDF renamed ``.txt`` is still a PDF. Encodings are
detected in a fixed order (byte order mark, strict UTF-8, BOM-less UTF-16, then
charset-normalizer) and a guess that leaves mojibake-like noise is refused rather than
returned, because a silently wrong decoding corrupts every span downstream.
"""

from __future__ import annotations

import io
import zipfile

from charset_normalizer import from_bytes

from reskg.errors import BinaryInput, DecodeError, UnsupportedFormat
from reskg.model import Format

# Suffixes each reader accepts; anything else is refused unless the bytes say what it is.
SUFFIXES: dict[str, Format] = {
    ".txt": "txt",
    ".text": "txt",
    ".docx": "docx",
    ".pdf": "pdf",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".xml": "akn",
    ".akn": "akn",
}

_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)

# Control characters that never occur in text documents (tab, LF, CR, FF are fine).
_CONTROL = frozenset(range(0, 32)) - {9, 10, 12, 13}

# charset-normalizer's "chaos" ratio above which a guess is treated as wrong.
MAX_CHAOS = 0.2


def sniff_format(data: bytes, name: str) -> Format:
    """The format of ``data``: magic bytes first, then the suffix of ``name``."""
    head = data[:1024].lstrip()
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        if _is_docx(data, name):
            return "docx"
        raise UnsupportedFormat("a ZIP archive that is not a Word document", path=name)
    lowered = head[:512].lower()
    if b"<akomantoso" in data[:4096].lower():
        return "akn"
    if lowered.startswith((b"<!doctype html", b"<html")) or b"<html" in lowered:
        return "html"
    suffix = _suffix(name)
    if suffix in SUFFIXES:
        fmt = SUFFIXES[suffix]
        if fmt in ("pdf", "docx"):
            raise UnsupportedFormat(f"named {suffix} but its bytes are not a {fmt} file", path=name)
        if fmt == "akn" and lowered.startswith(b"<"):
            raise UnsupportedFormat("XML that is not Akoma Ntoso (no <akomaNtoso> root)", path=name)
        return fmt
    if suffix == "" or suffix in (".md",):
        return "txt"
    raise UnsupportedFormat(
        f"unsupported format {suffix!r}; expected one of {', '.join(sorted(SUFFIXES))}",
        path=name,
    )


def decode_text(data: bytes, name: str) -> tuple[str, str]:
    """Decode plain text; return ``(text, encoding)``. A BOM is dropped, never kept."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _strict(data, encoding, name), encoding
    utf16 = _bomless_utf16(data)
    if utf16 is not None:
        return _strict(data, utf16, name), utf16
    if b"\x00" in data:
        raise BinaryInput("contains NUL bytes: a binary file, not text", path=name)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        _refuse_control(text, name)
        return text, "utf-8"
    best = from_bytes(data).best()
    if best is None or best.chaos > MAX_CHAOS:
        raise DecodeError(
            "no encoding decodes it cleanly (tried UTF-8, UTF-16, cp1252...)", path=name
        )
    text = str(best)
    _refuse_control(text, name)
    return text, best.encoding


def _strict(data: bytes, encoding: str, name: str) -> str:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise DecodeError(f"invalid {encoding} at byte {exc.start}", path=name) from exc
    return text.removeprefix("\ufeff")


def _bomless_utf16(data: bytes) -> str | None:
    """``utf-16-le``/``-be`` when every other byte is NUL, as in ASCII-heavy UTF-16."""
    sample = data[:4096]
    if len(sample) < 4 or len(sample) % 2:
        return None
    evens, odds = sample[0::2], sample[1::2]
    if odds.count(0) > 0.9 * len(odds) and evens.count(0) < 0.1 * len(evens):
        return "utf-16-le"
    if evens.count(0) > 0.9 * len(evens) and odds.count(0) < 0.1 * len(odds):
        return "utf-16-be"
    return None


def _refuse_control(text: str, name: str) -> None:
    sample = text[:65536]
    bad = sum(1 for ch in sample if ord(ch) in _CONTROL)
    if bad > max(2, len(sample) // 100):
        raise BinaryInput(f"{bad} control characters in the first {len(sample)}: binary", path=name)


def _is_docx(data: bytes, name: str) -> bool:
    """Whether the ZIP ``data`` holds a Word body; a ZIP that cannot be opened at all (a
    truncated download, a damaged copy) is a :class:`DecodeError`, not another format."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist()
    except (zipfile.BadZipFile, EOFError, OSError, ValueError) as exc:
        raise DecodeError(f"a damaged or truncated ZIP archive ({exc})", path=name) from exc


def _suffix(name: str) -> str:
    dot = name.rfind(".")
    slash = max(name.rfind("/"), name.rfind("\\"))
    return name[dot:].lower() if dot > slash + 1 else ""
