"""Word documents: body paragraphs and table cells, one per line, in document order.

python-docx exposes no footnote part, so DOCX footnotes are not read (``footnote_spans``
stays empty); their marks in the body are plain digits, as in the PDF text.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator

import docx
from docx.document import Document as DocxDocument
from docx.table import Table
from docx.text.paragraph import Paragraph

from reskg.errors import DecodeError
from reskg.model import Source


def read_docx(data: bytes, name: str, sha256: str) -> Source:
    """Extract the text of a ``.docx``; a damaged package is a :class:`DecodeError`."""
    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise DecodeError(f"not a readable Word document ({exc})", path=name) from exc
    lines = [" ".join(text.split()) for text in _blocks(document)]
    text = "\n".join(line for line in lines if line)
    return Source(path=name, text=text, format="docx", encoding=None, sha256=sha256)


def _blocks(document: DocxDocument) -> Iterator[str]:
    """Paragraph and cell texts in body order (tables are walked row by row)."""
    for item in document.iter_inner_content():
        if isinstance(item, Paragraph):
            yield item.text
        elif isinstance(item, Table):
            for row in item.rows:
                for cell in row.cells:
                    yield cell.text
