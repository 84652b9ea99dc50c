"""Word documents: body paragraphs and table cells, one per line, in document order.

python-docx exposes no footnote part, so DOCX footnotes are not read (``footnote_spans``
stays empty); their marks in the body are plain digits, as in the PDF text.

A DOCX is a ZIP of XML parts, so two checks run before python-docx sees it: the parts
may inflate to at most :data:`MAX_INFLATED` bytes (a ZIP bomb of a few hundred KB would
otherwise become gigabytes in memory), and no part may carry a DTD or an entity
declaration (Word never writes one; they are how XML bombs and external-entity reads work).
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Iterator

import docx
from docx.document import Document as DocxDocument
from docx.exceptions import PythonDocxError
from docx.opc.exceptions import OpcError
from docx.table import Table
from docx.text.paragraph import Paragraph
from lxml.etree import LxmlError  # type: ignore[import-untyped]  # python-docx parses with lxml

from reskg.errors import DecodeError, UnsafeInput
from reskg.model import Source

# The inflated size of all parts together. The largest resolution DOCX seen inflates to
# under 3 MB; Word's own limit for a document is far above any resolution.
MAX_INFLATED = 100 * 1024 * 1024

_DECLARATION = re.compile(rb"<!\s*(?:DOCTYPE|ENTITY)", re.IGNORECASE)


def read_docx(data: bytes, name: str, sha256: str) -> Source:
    """Extract the text of a ``.docx``; a damaged package is a :class:`DecodeError`, a
    ZIP bomb or a part with a DTD an :class:`UnsafeInput`."""
    _check_package(data, name)
    try:
        document = docx.Document(io.BytesIO(data))
        lines = [" ".join(text.split()) for text in _blocks(document)]
    except (zipfile.BadZipFile, zlib.error, KeyError, ValueError, OpcError, PythonDocxError) as exc:
        raise DecodeError(f"not a readable Word document ({exc})", path=name) from exc
    except LxmlError as exc:
        raise DecodeError(f"malformed XML in the Word document ({exc})", path=name) from exc
    text = "\n".join(line for line in lines if line)
    return Source(path=name, text=text, format="docx", encoding=None, sha256=sha256)


def _check_package(data: bytes, name: str) -> None:
    """Refuse a package that inflates past :data:`MAX_INFLATED` or declares a DTD."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
            inflated = sum(part.file_size for part in parts)
            if inflated > MAX_INFLATED:
                raise UnsafeInput(
                    f"the Word document inflates to {inflated} bytes, over the limit of "
                    f"{MAX_INFLATED} (a ZIP bomb?)",
                    path=name,
                )
            for part in parts:
                # zipfile stops at the declared size, so this reads at most MAX_INFLATED.
                if part.filename.endswith((".xml", ".rels")) and _DECLARATION.search(
                    archive.read(part)
                ):
                    raise UnsafeInput(
                        f"the part {part.filename} has a DTD or entity declaration, refused",
                        path=name,
                    )
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError) as exc:
        raise DecodeError(f"a damaged ZIP package ({exc})", path=name) from exc
    except NotImplementedError as exc:  # a compression method zipfile does not know
        raise DecodeError(f"a ZIP package reskg cannot open ({exc})", path=name) from exc


def _blocks(document: DocxDocument) -> Iterator[str]:
    """Paragraph and cell texts in body order (tables are walked row by row)."""
    for item in document.iter_inner_content():
        if isinstance(item, Paragraph):
            yield item.text
        elif isinstance(item, Table):
            for row in item.rows:
                for cell in row.cells:
                    yield cell.text
