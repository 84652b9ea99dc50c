"""PDF: the text layer, page by page, as pypdf lays it out.

Page headers, footers and footnotes stay in the text (the parser knows their patterns);
pages are joined by a newline. A PDF without a text layer (a scan) is refused: reskg does
not do OCR.

pypdf bounds what it inflates (75 MB per stream, :class:`~pypdf.errors.LimitReachedError`),
so a compression bomb is refused like any broken file. pypdf's warnings about files it
repairs ("EOF marker not found") are not errors of the document and stay off stderr.
"""

from __future__ import annotations

import io
import logging

from pypdf import PdfReader
from pypdf.errors import LimitReachedError, PyPdfError

from reskg.errors import DecodeError, EmptyInput, UnsafeInput
from reskg.model import Source

logging.getLogger("pypdf").addHandler(logging.NullHandler())


def read_pdf(data: bytes, name: str, sha256: str) -> Source:
    """Extract the text layer of every page; encrypted or broken files are refused."""
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise DecodeError("the PDF is encrypted", path=name)
        pages = [page.extract_text() or "" for page in reader.pages]
    except LimitReachedError as exc:
        raise UnsafeInput(f"the PDF inflates past pypdf's limits ({exc})", path=name) from exc
    except (PyPdfError, ValueError, KeyError, TypeError) as exc:
        raise DecodeError(f"not a readable PDF ({exc})", path=name) from exc
    text = "\n".join(page.rstrip("\n") for page in pages)
    if not text.strip():
        raise EmptyInput("the PDF has no text layer (scanned image?); OCR is not done", path=name)
    return Source(path=name, text=text, format="pdf", encoding=None, sha256=sha256)
