"""Plain text: the file decoded, exactly; spans index this string."""

from __future__ import annotations

from reskg.model import Source
from reskg.read.detect import decode_text


def read_text(data: bytes, name: str, sha256: str) -> Source:
    """Decode ``data`` (see :func:`~reskg.read.detect.decode_text`) without normalising it."""
    text, encoding = decode_text(data, name)
    return Source(path=name, text=text, format="txt", encoding=encoding, sha256=sha256)
