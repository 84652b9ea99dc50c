"""Reading every format and encoding of real texts, and refusing bad input by type."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from reskg.errors import (
    BinaryInput,
    DecodeError,
    EmptyInput,
    InputError,
    UnsafeInput,
    UnsupportedFormat,
)
from reskg.read import read, read_bytes
from tests.read.pdf_writer import pdf_bytes

RES1334 = "corpus/itu-council-res1334-2023-fr.txt"
RES140 = "corpus/itu-pp18-res140-en.txt"
AKN_132 = "datasets/unxml-ga/78session/English/A_RES_78_132-2325902E.xml"


@pytest.fixture(scope="module")
def res1334(shared_dir: Path) -> str:
    return (shared_dir / RES1334).read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("encoding", "prefix", "expected"),
    [
        pytest.param("utf-8", b"", "utf-8", id="utf-8"),
        pytest.param("utf-8", b"\xef\xbb\xbf", "utf-8-sig", id="utf-8-bom"),
        pytest.param("utf-16", b"", "utf-16", id="utf-16-bom"),
        pytest.param("utf-16-le", b"", "utf-16-le", id="utf-16-le-no-bom"),
        pytest.param("utf-16-be", b"", "utf-16-be", id="utf-16-be-no-bom"),
        pytest.param("cp1252", b"", "cp1252", id="cp1252"),
    ],
)
def test_text_encodings_give_the_same_text(
    res1334: str, encoding: str, prefix: bytes, expected: str
) -> None:
    # cp1252 has no no-break hyphen (U+2011); everything else of the file it can encode.
    text = res1334.replace("\u2011", "-") if encoding == "cp1252" else res1334
    source = read_bytes(prefix + text.encode(encoding), "res1334.txt")
    assert source.text == text
    assert source.format == "txt"
    assert source.encoding is not None and source.encoding.replace("_", "-").startswith(
        expected[:5]
    )


def test_bom_is_dropped_and_offsets_are_of_the_decoded_text(res1334: str) -> None:
    source = read_bytes(b"\xef\xbb\xbf" + res1334.encode(), "x.txt")
    assert not source.text.startswith("\ufeff")
    assert source.text.index("rappelant") == res1334.index("rappelant")


def test_read_file_hash_is_stable(shared_dir: Path) -> None:
    first, second = read(shared_dir / RES140), read(shared_dir / RES140)
    assert first.sha256 == second.sha256 and len(first.sha256) == 64


@pytest.mark.parametrize(
    ("data", "name", "error"),
    [
        pytest.param(b"", "a.txt", EmptyInput, id="empty"),
        pytest.param(b"  \n\t\n", "a.txt", EmptyInput, id="blank"),
        pytest.param(
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "a.txt", BinaryInput, id="png-bytes"
        ),
        pytest.param(b"MZ\x90\x00\x03\x00\x00\x00", "a.exe", UnsupportedFormat, id="exe-suffix"),
        pytest.param(b"plain words", "a.odt", UnsupportedFormat, id="odt-suffix"),
        pytest.param(b"not a pdf at all", "a.pdf", UnsupportedFormat, id="fake-pdf"),
        pytest.param(b"PK\x03\x04junk", "a.docx", DecodeError, id="damaged-zip"),
        pytest.param(b"%PDF-1.4\n garbage", "a.pdf", DecodeError, id="broken-pdf"),
        pytest.param(b"<root/>", "a.xml", UnsupportedFormat, id="xml-not-akn"),
        pytest.param(
            b'<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x "y">]><akomaNtoso>&x;</akomaNtoso>',
            "bomb.xml",
            UnsafeInput,
            id="xml-entity",
        ),
        pytest.param(b"<akomaNtoso><statement>", "cut.xml", DecodeError, id="xml-malformed"),
        pytest.param(bytes(range(128, 256)) * 40, "a.txt", DecodeError, id="undecodable"),
    ],
)
def test_bad_input_is_refused_by_type(data: bytes, name: str, error: type[InputError]) -> None:
    with pytest.raises(error) as caught:
        read_bytes(data, name)
    assert name in str(caught.value)


def test_size_limit_and_missing_files(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text("Recalling " * 100)
    with pytest.raises(UnsafeInput, match="over the limit"):
        read(big, max_bytes=100)
    with pytest.raises(InputError, match="no such file"):
        read(tmp_path / "missing.txt")
    with pytest.raises(InputError, match="directory"):
        read(tmp_path)


def test_docx_paragraphs_become_lines(tmp_path: Path, res1334: str) -> None:
    document = docx.Document()
    lines = [ln for ln in res1334.splitlines() if ln.strip()]
    for line in lines:
        document.add_paragraph(line)
    path = tmp_path / "res1334.docx"
    document.save(str(path))
    source = read(path)
    assert source.format == "docx"
    assert source.text.splitlines()[6] == " ".join(lines[6].split())
    assert "décide de charger le Secrétaire général" in source.text


def test_pdf_text_layer(tmp_path: Path, res1334: str) -> None:
    lines = [ln[:90] for ln in res1334.splitlines()[:12] if ln.strip()]
    path = tmp_path / "res1334.pdf"
    path.write_bytes(pdf_bytes(lines))
    source = read(path)
    assert source.format == "pdf"
    assert "Le Conseil de l'UIT," in source.text
    assert "rappelant" in source.text


def test_html_visible_text(res1334: str) -> None:
    body = "".join(f"<p>{ln}</p>" for ln in res1334.splitlines() if ln.strip())
    head = "<head><style>p{}</style><script>var x=1</script></head>"
    page = f"<!DOCTYPE html><html>{head}<body>{body}</body></html>"
    source = read_bytes(page.encode(), "res1334.html")
    assert source.format == "html"
    assert "var x" not in source.text
    assert source.text.splitlines()[5] == "rappelant"


def test_akn_metadata_text_and_blocks(shared_dir: Path) -> None:
    source = read(shared_dir / AKN_132)
    assert source.format == "akn" and source.akn is not None
    assert (source.akn.symbol, source.akn.number, source.akn.language) == (
        "A/RES/78/132",
        "78/132",
        "eng",
    )
    assert source.akn.date is not None and source.akn.date.isoformat() == "2023-12-19"
    roles = [b.role for b in source.blocks]
    assert roles.count("preamble") == 56 and roles.count("operative") == 59
    assert roles.count("footnote") == 19 == len(source.footnote_spans)
    first = next(b for b in source.blocks if b.role == "preamble")
    assert first.heading is not None and first.heading.of(source.text) == "Recalling"
    for block in source.blocks:
        assert 0 <= block.span.start <= block.span.end <= len(source.text)
    mark = next(b for b in source.blocks if b.role == "mark")
    assert mark.span.of(source.text) == mark.label == "1"
