#!/usr/bin/env python3
"""Development gold from UN General Assembly AKN files: the UN's own links as answers.

In the AKN4UN files of ``../shared/datasets/unxml-ga/`` every cited document is marked up
as ``<a href="https://undocs.org/en/A/RES/70/125">70/125</a>``. Links to ``A/RES/...``
(General Assembly) and ``S/RES/...`` (Security Council) resolutions are citations of
resolutions; every other link (reports ``A/70/125``, HRC, ECOSOC, UNEP) is not counted.

For each file this builds two things from the same XML:

- the gold object of ``../shared/gold/README.md``: one citation per resolution link, in the
  section (preambular or operative paragraph) whose text or footnote holds it; a link in an
  annex (an AKN ``attachment``) sits in a section of function ``annex`` with no clause label;
- a :class:`reskg.model.Document` of the same text with the links stripped, one section per
  paragraph and footnotes attributed to their paragraph, so extraction can be scored apart
  from structure parsing (``score_dev.py``, "XML structure").

Gold semantics (``../shared/gold/README.md``): the clause label is the preambular
paragraph's ordinal (1, 2, ... over the preamble's containers, the enacting formula not
counted) or the operative paragraph's printed number; the section function is the English
name of the paragraph's opening phrase, lower case, with the words that only repeat a
section ("also", "further", "again", ...) dropped. For a French or Spanish file the phrase
is taken from the English version of the same resolution (same symbol, same session), whose
paragraphs the markup aligns one to one; without an English version, or when its paragraph
count differs, the file's own phrase is kept and ``function_source`` says ``"own"``, which
the end-to-end check skips (a French phrase can never equal an English function). It also
skips files whose gold is not ``complete`` (resolutions in several parts, see
:func:`complete`).

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
    part: str  # "preamble", "operative" or "annex" (one per attachment, all of its text)
    function: str
    label: str
    element: Element


def gold_number(body: str, raw: str) -> str:
    """The resolution number of a link target: "70/125", "1514 (XV)", "2417 (2018)".

    A part letter ("55/180B", "33/12a-b", "46/36L", "53/77X": disarmament resolutions run
    to many parts) is dropped: the work is the resolution.
    """
    number = re.sub(r"(?<=\d)(?:[A-Za-z](?:-[A-Za-z])?)$", "", raw)
    number = re.sub(r"(?<=\d)(?:[A-Z])(?=\()", "", number)
    return re.sub(r"\s*\(", " (", number)


def _text(elem: Element, skip_notes: bool) -> str:
    parts: list[str] = [elem.text or ""]
    for child in elem:
        if not (skip_notes and child.tag == AKN + "authorialNote"):
            parts.append(_text(child, skip_notes))
        parts.append(child.tail or "")
    return "".join(parts)


def links(elem: Element) -> list[tuple[str, str]]:
    """(href, text) of every link under ``elem``, in document order.

    The markup sometimes splits one printed number into several links to the same target
    ("<a>ES</a><a>-10/15</a>", "<a>1514</a> <a>(XV)</a>", "<a>78</a><a>/</a><a>97</a>"):
    links to the same target separated by nothing but whitespace are one citation.
    """
    out: list[tuple[str, str]] = []
    previous: Element | None = None
    for parent in elem.iter():
        for child in parent:
            if child.tag != AKN + "a":
                previous = None
                continue
            href, text = child.get("href") or "", _text(child, skip_notes=True)
            glued = previous is not None and not (previous.tail or "").strip()
            if glued and out and out[-1][0] == href:
                out[-1] = (href, out[-1][1] + (previous.tail or "") + text)
            else:
                out.append((href, text.strip()))
            previous = child
    return out


def _opening(elem: Element) -> str:
    """The italic phrase that opens the paragraph's first line, or "" when none opens it
    (an italic title later in the line, "Official Records of ...", is not an opening)."""
    first = next((p for p in elem.iter(AKN + "p")), None)
    if first is None or (first.text or "").strip() or not len(first):
        return ""
    span = first[0]
    if span.tag != AKN + "span" or span.get("class") != "italic":
        return ""
    return re.sub(r"\s+", " ", span.text or "").strip()


def function_of(opening: str) -> str:
    """The opening phrase lower case, without the words that only repeat a section."""
    text = re.sub(
        r"\b(?:once again|once more|in addition|in particular|in this regard|in this context)\b",
        " ",
        opening.lower(),
    )
    words = re.sub(r"[^\w\s-]", "", text).split()
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
    return " ".join(w for w in words if w not in drop) or "other"


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
    for attachment in root.iter(AKN + "attachment"):
        out.append(Paragraph("annex", "annex", "", attachment))
    return out


def complete(root: Element, paras: list[Paragraph]) -> bool:
    """Does the gold cover every paragraph of the XML? Resolutions in several parts (78/80
    A and B) carry further preambles and bodies that :func:`paragraphs` does not walk (only
    the first preamble and main body), so their gold misses links the pipeline finds. So do
    budget resolutions whose sections carry their own preambular paragraphs in the main body
    (``crossHeading refersTo="#preamble"``, 79/258: the pipeline reads them as preambular
    paragraphs, the gold walks none of them)."""
    inside = {id(e) for a in root.iter(AKN + "attachment") for e in a.iter()}
    found = sum(
        1
        for e in root.iter()
        if id(e) not in inside
        and (
            e.tag in (AKN + "container", AKN + "paragraph")
            or (e.tag == AKN + "crossHeading" and e.get("refersTo") == "#preamble")
        )
    )
    return found == sum(1 for p in paras if p.part != "annex")


def english_twin(path: Path) -> Path | None:
    """The English AKN file of the same resolution: ``A_RES_78_101-2324977F.xml`` ->
    ``../English/A_RES_78_101-*.xml``."""
    symbol = path.name.split("-")[0]
    found = sorted((path.parent.parent / "English").glob(f"{symbol}-*.xml"))
    return found[0] if found else None


def english_functions(path: Path, paras: list[Paragraph]) -> list[str] | None:
    """The English functions of ``paras`` (of ``path``), position by position."""
    if path.parent.name == "English":
        return [p.function for p in paras]
    twin = english_twin(path)
    if twin is None:
        return None
    functions = [p.function for p in paragraphs(ElementTree.parse(twin).getroot())]
    return functions if len(functions) == len(paras) else None


def build(path: Path) -> tuple[Document, dict[str, Any]]:
    """The oracle document and the gold object of one AKN file."""
    language = LANGUAGE_OF_FOLDER.get(path.parent.name, "en")
    root = ElementTree.parse(path).getroot()
    chunks: list[str] = []
    sections: list[Section] = []
    notes: list[Footnote] = []
    gold: list[dict[str, Any]] = []
    offset = 0
    paras = paragraphs(root)
    english = english_functions(path, paras)
    if english is not None:
        paras = [
            Paragraph(p.part, f, p.label, p.element) for p, f in zip(paras, english, strict=True)
        ]
    for index, para in enumerate(paras):
        annex = para.part == "annex"
        body = re.sub(r"[ \t]+", " ", _text(para.element, skip_notes=not annex)).strip()
        start = offset
        chunks.append(body + "\n")
        offset += len(body) + 1
        clause = Clause(label=para.label or None, span=Span(start, start + len(body)))
        sections.append(
            Section(
                heading=para.function,
                function=para.function,
                part="annex" if annex else "preamble" if para.part == "preamble" else "operative",
                addressee=None,
                span=clause.span,
                clauses=(clause,),
            )
        )
        for note in () if annex else para.element.iter(AKN + "authorialNote"):
            text = re.sub(r"\s+", " ", _text(note, skip_notes=False)).strip()
            label = note.get("marker") or "*"
            chunks.append(f"{label} {text}\n")
            notes.append(
                Footnote(label, Span(offset, offset + len(label) + 1 + len(text)), index, 0)
            )
            offset += len(label) + 1 + len(text) + 1
        for href, surface in links(para.element):
            m = RESOLUTION_LINK.search(href)
            if not m:
                continue
            issuer = "UNGA" if m.group("body").upper() == "A" else "UNSC"
            gold.append(
                {
                    "section_function": para.function,
                    "clause": para.label or None,
                    "surface": surface,
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
        "function_source": "english" if english is not None else "own",
        "complete": complete(root, paras),
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
