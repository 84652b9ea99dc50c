#!/usr/bin/env python3
"""Development gold from UN General Assembly AKN files: the UN's own links as answers.

In the AKN4UN files of ``../shared/datasets/unxml-ga/`` every cited document is marked up
as ``<a href="https://undocs.org/en/A/RES/70/125">70/125</a>``. Links to ``A/RES/...``
(General Assembly) and ``S/RES/...`` (Security Council) resolutions are citations of
resolutions; every other link (reports ``A/70/125``, HRC, ECOSOC, UNEP) is not counted.

For each file this builds two things from the same XML:

- the gold object of ``../shared/gold/README.md``: one citation per resolution link, in the
  section (preambular or operative paragraph) whose text or footnote holds it;
- a :class:`reskg.model.Document` of the same text with the links stripped, one section per
  paragraph and footnotes attributed to their paragraph, so extraction can be scored apart
  from structure parsing (``score_dev.py --oracle``).

Usage: ``akn_gold.py FILE.xml... --out DIR`` writes ``DIR/<stem>.gold.json``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element

from defusedxml import ElementTree

from reskg.model import Clause, Document, Footnote, Identity, Section, Source, Span

AKN = "{http://docs.oasis-open.org/legaldocml/ns/akn/3.0}"
RESOLUTION_LINK = re.compile(r"/(?P<body>A|S)/RES/(?P<number>[^/?#]+(?:/[^/?#]+)?)$", re.I)
LANGUAGE_OF_FOLDER = {"English": "en", "French": "fr", "Spanish": "es"}


@dataclass(frozen=True)
class Paragraph:
    part: str  # "preamble" or "operative"
    function: str
    label: str
    element: Element


def gold_number(body: str, raw: str) -> str:
    """The resolution number of a link target: "70/125", "1514 (XV)", "2417 (2018)".

    A part letter ("55/180B", "33/12a-b") is dropped: the work is the resolution.
    """
    number = re.sub(r"(?<=\d)(?:[A-Ha-h](?:-[A-Ha-h])?)$", "", raw)
    number = re.sub(r"(?<=\d)(?:[A-H])(?=\()", "", number)
    return re.sub(r"\s*\(", " (", number)


def _text(elem: Element, skip_notes: bool) -> str:
    parts: list[str] = [elem.text or ""]
    for child in elem:
        if not (skip_notes and child.tag == AKN + "authorialNote"):
            parts.append(_text(child, skip_notes))
        parts.append(child.tail or "")
    return "".join(parts)


def _opening(elem: Element) -> str:
    for span in elem.iter(AKN + "span"):
        if span.get("class") == "italic" and (span.text or "").strip():
            return re.sub(r"\s+", " ", span.text or "").strip()
    return ""


def function_of(opening: str) -> str:
    """A stable normalised phrase, the same for gold and the oracle document."""
    words = re.sub(r"[^\w\s-]", "", opening.lower()).split()
    drop = {
        "also",
        "further",
        "furthermore",
        "again",
        "aussi",
        "également",
        "en",
        "outre",
        "además",
        "asimismo",
        "también",
        "igualmente",
        "its",
        "sa",
        "su",
    }
    return " ".join(w for w in words if w not in drop) or "paragraph"


def paragraphs(root: Element) -> list[Paragraph]:
    out = []
    preamble = root.find(f".//{AKN}preamble")
    if preamble is not None:
        for n, container in enumerate(preamble.iter(AKN + "container"), start=1):
            out.append(Paragraph("preamble", function_of(_opening(container)), str(n), container))
    body = root.find(f".//{AKN}mainBody")
    if body is not None:
        for para in body.iter(AKN + "paragraph"):
            num = para.find(AKN + "num")
            label = (num.text or "").strip().rstrip(".") if num is not None else ""
            out.append(Paragraph("operative", function_of(_opening(para)), label, para))
    return out


def build(path: Path) -> tuple[Document, dict[str, Any]]:
    """The oracle document and the gold object of one AKN file."""
    language = LANGUAGE_OF_FOLDER.get(path.parent.name, "en")
    root = ElementTree.parse(path).getroot()
    chunks: list[str] = []
    sections: list[Section] = []
    notes: list[Footnote] = []
    gold: list[dict[str, Any]] = []
    offset = 0
    for index, para in enumerate(paragraphs(root)):
        body = re.sub(r"[ \t]+", " ", _text(para.element, skip_notes=True)).strip()
        start = offset
        chunks.append(body + "\n")
        offset += len(body) + 1
        clause = Clause(label=para.label, span=Span(start, start + len(body)))
        sections.append(
            Section(
                heading=para.function,
                function=para.function,
                part="preamble" if para.part == "preamble" else "operative",
                addressee=None,
                span=clause.span,
                clauses=(clause,),
            )
        )
        for note in para.element.iter(AKN + "authorialNote"):
            text = re.sub(r"\s+", " ", _text(note, skip_notes=False)).strip()
            label = note.get("marker") or "*"
            chunks.append(f"{label} {text}\n")
            notes.append(
                Footnote(label, Span(offset, offset + len(label) + 1 + len(text)), index, 0)
            )
            offset += len(label) + 1 + len(text) + 1
        for link in para.element.iter(AKN + "a"):
            m = RESOLUTION_LINK.search(link.get("href") or "")
            if not m:
                continue
            issuer = "UNGA" if m.group("body").upper() == "A" else "UNSC"
            gold.append(
                {
                    "section_function": para.function,
                    "clause": para.label,
                    "surface": (link.text or "").strip(),
                    "target": {
                        "issuer": issuer,
                        "type": "resolution",
                        "number": gold_number(issuer, m.group("number")),
                        "version_year": None,
                    },
                }
            )
    text = "".join(chunks)
    source = Source(
        path=str(path),
        text=text,
        format="akn",
        encoding="utf-8",
        sha256=hashlib.sha256(path.read_bytes()).hexdigest(),
    )
    identity = Identity(
        issuer="UNGA",
        type="resolution",
        number=None,
        version_year=None,
        version_place=None,
        language=language,
        title=None,
    )
    document = Document(source, identity, tuple(sections), tuple(notes))
    gold_object = {
        "source": path.name,
        "language": language,
        "document": {"issuer": "UNGA", "type": "resolution"},
        "sections": [
            {
                "heading": s.heading,
                "function": s.function,
                "part": s.part,
                "addressee": None,
                "clauses": [s.clauses[0].label],
            }
            for s in sections
        ],
        "citations": gold,
    }
    return document, gold_object


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for path in args.files:
        _, gold = build(path)
        target = args.out / f"{path.stem}.gold.json"
        target.write_text(json.dumps(gold, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
