"""Read a document into a :class:`~reskg.model.Source`: its decoded text and provenance.

One module per format; :mod:`reskg.read.detect` decides which one applies from the bytes
(the name's suffix is only a hint). Every refusal is a typed
:class:`~reskg.errors.InputError` naming the file.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

from reskg.errors import EmptyInput, InputError, UnsafeInput
from reskg.model import Format, Source
from reskg.read.akn import read_akn
from reskg.read.detect import sniff_format
from reskg.read.docx import read_docx
from reskg.read.html import read_html
from reskg.read.pdf import read_pdf
from reskg.read.text import read_text

__all__ = ["DEFAULT_MAX_BYTES", "MAX_TEXT_CHARS", "READERS", "read", "read_bytes"]

# Resolutions are at most a few MB (the largest PDF in the corpus is under 1 MB);
# anything much larger is a mistake or an attack.
DEFAULT_MAX_BYTES = 50 * 1024 * 1024
# The text read out of a file, in characters: 50 times the longest text in the corpus
# (200 000). Parsing and citation extraction are linear, at about 1 s per million
# characters; this keeps a document under a few seconds however it was packed.
MAX_TEXT_CHARS = 10_000_000

Reader = Callable[[bytes, str, str], Source]

READERS: dict[Format, Reader] = {
    "txt": read_text,
    "docx": read_docx,
    "pdf": read_pdf,
    "html": read_html,
    "akn": read_akn,
}


def read(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Source:
    """Read the file at ``path``; refuse it if larger than ``max_bytes``."""
    name = str(path)
    file = Path(path)
    try:
        size = file.stat().st_size
        if size > max_bytes:
            raise UnsafeInput(f"{size} bytes is over the limit of {max_bytes}", path=name)
        data = file.read_bytes()
    except IsADirectoryError as exc:
        raise InputError("is a directory, not a file", path=name, rule="read.missing") from exc
    except FileNotFoundError as exc:
        raise InputError("no such file", path=name, rule="read.missing") from exc
    except PermissionError as exc:
        raise InputError("permission denied", path=name, rule="read.missing") from exc
    return read_bytes(data, name)


def read_bytes(data: bytes, name: str) -> Source:
    """Read ``data`` as the file ``name`` (the name is used for messages and as a hint)."""
    if not data.strip():
        raise EmptyInput("the file is empty", path=name)
    fmt = sniff_format(data, name)
    source = READERS[fmt](data, name, hashlib.sha256(data).hexdigest())
    if not source.text.strip():
        raise EmptyInput(f"no text in this {fmt} file", path=name)
    if len(source.text) > MAX_TEXT_CHARS:
        raise UnsafeInput(
            f"{len(source.text)} characters of text, over the limit of {MAX_TEXT_CHARS}",
            path=name,
        )
    return source
