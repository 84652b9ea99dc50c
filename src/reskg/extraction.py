"""The extraction JSON of ``../shared/gold/README.md``: what ``reskg extract`` prints.

One object per document: its identity, its sections with clause spans, and its citations
with the section function and clause label they sit in. The CLI only calls
:func:`extract_path` and prints or writes the result, so the contract lives here.
IRIs (``document.id``, ``target.id``) are ``null`` until the IRI policy is wired in.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reskg.cite import extract
from reskg.model import Citation, Document, InstrumentRef


def _target(ref: InstrumentRef) -> dict[str, Any]:
    return {
        "id": None,
        "issuer": ref.issuer,
        "type": ref.type,
        "number": ref.number,
        "version_year": ref.version_year,
        "version_place": ref.version_place,
        "title_en": ref.title_en,
        "self": ref.self_ref,
    }


def _citation(document: Document, citation: Citation) -> dict[str, Any]:
    function = heading = label = None
    if citation.section_index is not None:
        section = document.sections[citation.section_index]
        function, heading = section.function, section.heading
        if citation.clause_index is not None:
            label = section.clauses[citation.clause_index].label
    return {
        "section_function": function,
        "section_heading": heading,
        "clause": label,
        "surface": citation.surface,
        "start": citation.span.start,
        "end": citation.span.end,
        "target": _target(citation.target),
    }


def to_json(document: Document, citations: tuple[Citation, ...]) -> dict[str, Any]:
    """The gold-contract object for one document and its citations (JSON-serialisable)."""
    identity = document.identity
    return {
        "document": {
            "issuer": identity.issuer,
            "type": identity.type,
            "number": identity.number,
            "version_year": identity.version_year,
            "language": identity.language,
            "title": identity.title,
            "id": None,
        },
        "sections": [
            {
                "heading": s.heading,
                "function": s.function,
                "part": s.part,
                "addressee": s.addressee,
                "clauses": [
                    {"label": c.label, "start": c.span.start, "end": c.span.end} for c in s.clauses
                ],
            }
            for s in document.sections
        ],
        "citations": [_citation(document, c) for c in citations],
    }


def extract_document(document: Document) -> dict[str, Any]:
    """Cite ``document`` and return its gold-contract object."""
    return to_json(document, extract(document))


def extract_path(path: str | Path, language: str | None = None) -> dict[str, Any]:
    """Read, parse and cite one file; the object ``reskg extract FILE --json`` prints.

    Args:
        path: a .txt, .docx, .pdf, .html or AKN .xml file.
        language: "en", "fr" or "es" to override the detected language.

    Raises:
        InputError: the file cannot be read; StructureError: no resolution structure.
    """
    from reskg.parse import parse  # the parse stage; imported here to keep import order acyclic
    from reskg.read import read

    source = read(path)
    document = parse(source, language=language) if language else parse(source)
    return extract_document(document)
