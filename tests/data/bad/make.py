"""Make the bad-input files of ``tests/data/bad/``: ``python -m tests.data.bad.make``.

Small files are written beside this script and committed with it; running it again
rewrites them byte for byte (ZIP entries carry a fixed date). Large or slow-to-store cases
(a 200 MB text, one endless line, a ZIP bomb, deep nesting) are made by :func:`make_large`
at test time into a temporary folder and never committed.

Every file here is refused by reskg with a typed error, except the few ``ok-*`` ones that
check that an unusual but legitimate input (a cp1252 or BOM-less UTF-16 text) still reads.
The table of what each file must give is in ``tests/test_bad_input.py``.
"""

from __future__ import annotations

import io
import sys
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[2]
SOURCES = REPO / "data" / "sources"
FRENCH = SOURCES / "itu" / "itu-council-res1334-2023-fr.txt"
AKN = SOURCES / "akn" / "A_RES_78_132-2325902F.xml"

# A port on 127.0.0.1 that the outbound tests listen on; files that name a remote resource
# point here, so that a reader which fetched it would be seen doing so.
LISTENER_PORT = 47_913
REMOTE = f"http://127.0.0.1:{LISTENER_PORT}"

_EPOCH = (2026, 1, 1, 0, 0, 0)

_CONTENT_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    b'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    b'<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    b'officedocument.wordprocessingml.document.main+xml"/></Types>'
)
_RELS = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    b'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def zip_bytes(entries: dict[str, bytes]) -> bytes:
    """A deflated ZIP of ``entries`` with a fixed date, so the bytes are reproducible."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(zipfile.ZipInfo(name, _EPOCH), data, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def document_xml(lines: list[str], *, prolog: str = "") -> bytes:
    """The ``word/document.xml`` of a DOCX with one paragraph per line."""
    body = "".join(f"<w:p><w:r><w:t>{_escape(line)}</w:t></w:r></w:p>" for line in lines)
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'{prolog}<w:document xmlns:w="{_W}"><w:body>{body}</w:body></w:document>'
    ).encode()


def docx_bytes(lines: list[str], *, prolog: str = "", document: bytes | None = None) -> bytes:
    """A minimal, valid Word document (python-docx opens it) showing ``lines``."""
    return zip_bytes(
        {
            "[Content_Types].xml": _CONTENT_TYPES,
            "_rels/.rels": _RELS,
            "word/document.xml": document or document_xml(lines, prolog=prolog),
        }
    )


def _french_lines() -> list[str]:
    return [ln for ln in FRENCH.read_text(encoding="utf-8").splitlines() if ln.strip()]


def _pdf_writer() -> ModuleType:
    """tests/read/pdf_writer.py, which writes these PDFs too (this file also runs as a
    script, outside the tests package)."""
    sys.path.insert(0, str(REPO))
    try:
        from tests.read import pdf_writer
    finally:
        sys.path.remove(str(REPO))
    return pdf_writer


def _pdf(lines: list[str]) -> bytes:
    return _pdf_writer().pdf_bytes(lines)


def _pdf_objects(objects: list[bytes], root: int = 1) -> bytes:
    return _pdf_writer().pdf_objects(objects, root)


_LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE akomaNtoso [\n <!ENTITY lol "lol">\n'
    + "".join(
        f' <!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">\n'
        for i in range(1, 10)
    )
    + ']>\n<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">'
    "<doc><mainBody><p>&lol9;</p></mainBody></doc></akomaNtoso>\n"
)

_RDF_BOMB = (
    '<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [\n <!ENTITY a "aaaaaaaaaa">\n'
    + "".join(f' <!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">\n' for i in range(8))
    + ']>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
    'xmlns:ex="http://example.org/"><rdf:Description rdf:about="http://example.org/x">'
    "<ex:p>&i;</ex:p></rdf:Description></rdf:RDF>\n"
)


def _laughs_document() -> bytes:
    """A well-formed ``word/document.xml`` whose one run is the billion laughs."""
    entities = _LAUGHS[_LAUGHS.index("<!ENTITY") : _LAUGHS.index("]>")]
    return (
        f'<?xml version="1.0"?>\n<!DOCTYPE w:document [\n {entities}]>\n'
        f'<w:document xmlns:w="{_W}"><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p>'
        "</w:body></w:document>\n"
    ).encode()


GERMAN = """Resolution 12/34. Zusammenarbeit bei der Digitalisierung

Die Generalversammlung,

unter Hinweis auf ihre früheren Entschließungen über die Zusammenarbeit der Staaten,

in der Erwägung, dass die Mitgliedstaaten ihre Anstrengungen verstärken müssen,

1. beschließt, die Frage auf der Tagesordnung ihrer nächsten Tagung zu behalten;

2. ersucht den Generalsekretär, ihr einen Bericht über die Durchführung vorzulegen.
"""

RECIPE = """Lentil soup for six

Rinse two cups of lentils. Chop an onion, two carrots and a stalk of celery, and soften
them in olive oil with a pinch of salt. Add the lentils and a litre and a half of water,
bring to the boil and let it simmer for forty minutes. Season with cumin and lemon juice
before serving, and keep what is left in the fridge for up to three days.
"""


def small_files() -> dict[str, bytes]:
    """Name -> bytes of every committed case."""
    french = _french_lines()
    french_text = "\n".join(french) + "\n"
    good_docx = docx_bytes(french[:40])
    good_pdf = _pdf(french[:30])
    akn = AKN.read_bytes()
    # Mixed encodings: a UTF-8 file into which a cp1252 passage was pasted.
    mixed = (
        "\n".join(french[:12]).encode("utf-8")
        + "\n".join(french[12:24]).encode("cp1252", errors="replace")
        + "\n".join(french[24:]).encode("utf-8")
    )
    files: dict[str, bytes] = {
        # -- empty, binary, not a document ---------------------------------------------
        "empty.txt": b"",
        "blank.txt": b"  \n\t\n   \r\n",
        "nul-bytes.txt": bytes(range(256)) * 8,
        "control-chars.txt": b"R\x01e\x02s\x03o\x04l\x05u\x06t\x07i\x08o\x0en\x0f " * 200,
        "image.png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64),
        "empty.docx": b"",
        "empty.pdf": b"",
        # -- damaged or mislabelled DOCX and PDF -----------------------------------------
        "truncated.docx": good_docx[: len(good_docx) * 2 // 3],
        "zip-not-word.docx": zip_bytes({"hello.txt": b"not a Word document"}),
        "text-named.docx": french_text.encode("utf-8"),
        "no-text.docx": docx_bytes([]),
        "entity.docx": docx_bytes([], document=_laughs_document()),
        "broken-xml.docx": docx_bytes([], document=b"<w:document><w:body><w:p>"),
        "truncated.pdf": good_pdf[: len(good_pdf) // 2],
        "header-only.pdf": b"%PDF-1.7\n",
        "text-named.pdf": french_text.encode("utf-8"),
        "no-text.pdf": _pdf_objects(
            [
                b"<< /Type /Catalog /Pages 2 0 R >>",
                b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
            ]
        ),
        "page-cycle.pdf": _pdf_objects(
            [
                b"<< /Type /Catalog /Pages 2 0 R >>",
                b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
                b"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R] /Count 1 >>",
            ]
        ),
        # -- encodings -------------------------------------------------------------------
        "ok-cp1252.txt": french_text.encode("cp1252", errors="replace"),
        "ok-utf16-no-bom.txt": french_text.encode("utf-16-le"),
        "mixed-encodings.txt": mixed,
        "bad-utf8-after-bom.txt": b"\xef\xbb\xbf"
        + french_text.encode("utf-8")[:500]
        + b"\xff\xfe\xfa",
        "odd-utf16.txt": b"\xff\xfe" + french_text.encode("utf-16-le")[:501],
        # -- no structure, unknown language ----------------------------------------------
        "german.txt": GERMAN.encode("utf-8"),
        "recipe.txt": RECIPE.encode("utf-8"),
        # -- XML: DTDs, entities, not Akoma Ntoso, malformed -------------------------------
        "billion-laughs.xml": _LAUGHS.encode(),
        "external-entity.xml": (
            b'<?xml version="1.0"?>\n<!DOCTYPE akomaNtoso [<!ENTITY secret SYSTEM '
            b'"file:///etc/passwd">]>\n<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml'
            b'/ns/akn/3.0"><doc><mainBody><p>&secret;</p></mainBody></doc></akomaNtoso>\n'
        ),
        "remote-dtd.xml": (
            '<?xml version="1.0"?>\n'
            f'<!DOCTYPE akomaNtoso SYSTEM "{REMOTE}/akn.dtd">\n'
            '<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">'
            "<doc><mainBody><p>text</p></mainBody></doc></akomaNtoso>\n"
        ).encode(),
        "parameter-entity.xml": (
            '<?xml version="1.0"?>\n'
            f'<!DOCTYPE akomaNtoso [<!ENTITY % remote SYSTEM "{REMOTE}/evil.dtd"> %remote;]>\n'
            '<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">'
            "<doc/></akomaNtoso>\n"
        ).encode(),
        "rdf-bomb.xml": _RDF_BOMB.encode(),
        "rdf-bomb.rdf": _RDF_BOMB.encode(),
        "remote-context.jsonld": (
            '{"@context": "' + REMOTE + '/context.jsonld", "@id": "http://example.org/x", '
            '"title": "x"}\n'
        ).encode(),
        "not-akn.xml": b'<?xml version="1.0"?>\n<root><p>Resolution 1</p></root>\n',
        "truncated-akn.xml": akn[: len(akn) // 2],
        # -- HTML: declarations are never expanded -----------------------------------------
        "entity.html": (
            '<!DOCTYPE html [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
            "<html><body><p>&x;</p>" + RECIPE + "</body></html>\n"
        ).encode(),
    }
    return files


def _lines_of(size: int, line: bytes) -> Callable[[Path], None]:
    def write(path: Path) -> None:
        with path.open("wb") as out:
            chunk = line * (1_048_576 // len(line) + 1)
            written = 0
            while written < size:
                out.write(chunk)
                written += len(chunk)

    return write


def _zip_bomb(path: Path) -> None:
    head, tail = document_xml(["x"]).split(b"x</w:t>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo("[Content_Types].xml", _EPOCH), _CONTENT_TYPES)
        archive.writestr(zipfile.ZipInfo("_rels/.rels", _EPOCH), _RELS)
        info = zipfile.ZipInfo("word/document.xml", _EPOCH)
        info.compress_type = zipfile.ZIP_DEFLATED
        with archive.open(info, "w", force_zip64=True) as part:
            part.write(head)
            spaces = b" " * 1_048_576
            for _ in range(400):
                part.write(spaces)
            part.write(b"x</w:t>" + tail)


def _flate_bomb(path: Path) -> None:
    """A one-page PDF whose content stream inflates to 300 MB (3 MB on disk at most)."""
    squeeze = zlib.compressobj(9)
    chunks = [squeeze.compress(b"BT /F1 9 Tf 40 800 Td (x) Tj ET\n")]
    block = b" " * 1_048_576
    chunks += [squeeze.compress(block) for _ in range(300)]
    chunks.append(squeeze.flush())
    stream = b"".join(chunks)
    path.write_bytes(
        _pdf_objects(
            [
                b"<< /Type /Catalog /Pages 2 0 R >>",
                b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
                b"/Resources << /Font << /F1 5 0 R >> >> >>",
                b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream)
                + stream
                + b"\nendstream",
                b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            ]
        )
    )


def make_large(folder: Path) -> dict[str, Path]:
    """Write the large cases into ``folder`` (a test's tmp_path); name -> path."""
    french = FRENCH.read_bytes()
    paragraph = b"rappelant la Resolution 140 (Rev. Bucarest, 2022) de la Conference, "
    nested = 60_000
    cases: dict[str, Callable[[Path], None]] = {
        # 200 MB of real text lines: over the 50 MB limit, refused before it is read.
        "huge-200mb.txt": _lines_of(200 * 1_048_576, french.splitlines(keepends=True)[8]),
        # 8 MB on one line, no newline anywhere: under the limits, so it is parsed.
        "endless-line.txt": lambda p: p.write_bytes(
            french.replace(b"\n", b" ").replace(b"\r", b" ")
            + paragraph * (8 * 1_048_576 // len(paragraph))
        ),
        # 12 MB of a real resolution, repeated, in cp1252: under the byte limit, over the
        # limit on characters of text (reading it is fine; citing it would take minutes).
        "long-text.txt": lambda p: p.write_bytes(
            french.decode("utf-8").encode("cp1252", errors="replace")
            * (12 * 1_048_576 // len(french))
        ),
        # A DOCX of about 400 KB whose document.xml inflates to 400 MB.
        "zip-bomb.docx": _zip_bomb,
        "flate-bomb.pdf": _flate_bomb,
        # Akoma Ntoso nested 60 000 levels deep: well-formed, but deeper than any stack.
        "deep-akn.xml": lambda p: p.write_bytes(
            b'<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><doc>'
            b"<mainBody><p>"
            + b"<span>" * nested
            + b"x"
            + b"</span>" * nested
            + b"</p></mainBody></doc></akomaNtoso>"
        ),
        "deep.html": lambda p: p.write_bytes(b"<html><body>" + b"<div>" * nested + RECIPE.encode()),
    }
    paths = {}
    for name, write in cases.items():
        path = folder / name
        write(path)
        paths[name] = path
    return paths


def main() -> None:
    for name, data in small_files().items():
        (HERE / name).write_bytes(data)
    print(f"wrote {len(small_files())} files to {HERE}")


if __name__ == "__main__":
    main()
