"""Seed inputs for the fuzz tests: small valid files of every format, and real texts.

The reader is fuzzed on these mutated (bytes flipped, cut, spliced) as well as on
arbitrary bytes: a random byte string almost never gets past a format's magic number, so
the interesting code (ZIP, PDF and XML parsing) is only reached from a valid start.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from tests.data.bad.make import docx_bytes
from tests.read.pdf_writer import pdf_bytes

REPO = Path(__file__).resolve().parents[2]
SOURCES = REPO / "data" / "sources"
# Real texts the parser and the extractor are fuzzed on: ITU French and English, UNGA
# English, and an AKN file (read, then its text noised like the others).
TEXTS = (
    SOURCES / "itu" / "itu-council-res1334-2023-fr.txt",
    SOURCES / "itu" / "itu-pp18-res140-en.txt",
    SOURCES / "unga" / "unga-78-132-en.txt",
)
AKN_FILE = SOURCES / "akn" / "A_RES_78_132-2325902F.xml"

_AKN_SMALL = b"""<?xml version="1.0" encoding="UTF-8"?>
<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">
<statement name="resolution"><meta><identification source="#x">
<FRBRWork><FRBRuri value="/akn/un/statement/deliberation/unga/2023-12-19/78-1/"/>
<FRBRdate date="2023-12-19" name="adoption"/><FRBRauthor href="#ga"/></FRBRWork>
<FRBRExpression><FRBRuri value="/akn/un/x/eng@/"/><FRBRlanguage language="eng"/></FRBRExpression>
</identification></meta>
<preface><p><docNumber>78/1.</docNumber> A title</p></preface>
<preamble><formula name="enactingFormula"><p>The General Assembly,</p></formula>
<container name="pp"><p><span class="italic">Recalling</span> its resolution 70/1 of 25 September
2015,<authorialNote marker="1"><p>See A/70/L.1.</p></authorialNote></p></container></preamble>
<mainBody><paragraph><num>1.</num><content><p><span class="italic">Decides</span> to remain
seized of the matter.</p></content></paragraph></mainBody></statement></akomaNtoso>
"""


@cache
def files() -> dict[str, bytes]:
    """Name -> bytes of one small valid file per format."""
    french = SOURCES / "itu" / "itu-council-res1334-2023-fr.txt"
    lines = [ln for ln in french.read_text(encoding="utf-8").splitlines() if ln.strip()][:25]
    text = "\n".join(lines) + "\n"
    return {
        "seed.txt": text.encode("utf-8"),
        "seed-16.txt": text.encode("utf-16"),
        "seed.html": f"<html><body><p>{'</p><p>'.join(lines)}</p></body></html>".encode(),
        "seed.docx": docx_bytes(lines),
        "seed.pdf": pdf_bytes(lines[:12]),
        "seed.xml": _AKN_SMALL,
    }


@cache
def texts() -> tuple[str, ...]:
    return tuple(path.read_text(encoding="utf-8") for path in TEXTS)
