"""The extraction JSON of ``../shared/gold/README.md``: what ``reskg extract`` prints.

One object per document: its identity, its sections with clause spans, and its citations
with the section function and clause label they sit in. The CLI only calls
:func:`extract_path` and prints or writes the result, so the contract lives here.
IRIs follow ``docs/identifiers.md`` under the base of ``RESKG_BASE``: ``document.id`` is
the version of the act the document is (its work's ``!main`` version when it names no
year), ``target.id`` the version the citation names, else the work, and for a self
reference the citing document's own version: the same nodes ``reskg ingest`` writes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reskg.cite import extract
from reskg.iri import Minter
from reskg.model import Citation, Document, InstrumentRef


def _own_version(document: Document, minter: Minter) -> str:
    """The IRI of the version the document itself is (as :mod:`reskg.graph` mints it)."""
    identity = document.identity
    ref = InstrumentRef(
        issuer=identity.issuer,
        type=identity.type,
        number=identity.number,
        version_year=identity.version_year,
        version_place=identity.version_place,
    )
    return minter.version(ref) or f"{minter.work(ref)}/!main"


def _target(ref: InstrumentRef, minter: Minter, own: str) -> dict[str, Any]:
    node = own if ref.self_ref else (minter.version(ref) or minter.work(ref))
    return {
        "id": node,
        "issuer": ref.issuer,
        "type": ref.type,
        "number": ref.number,
        "version_year": ref.version_year,
        "version_place": ref.version_place,
        "title_en": ref.title_en,
        "self": ref.self_ref,
    }


def _citation(document: Document, citation: Citation, minter: Minter, own: str) -> dict[str, Any]:
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
        "target": _target(citation.target, minter, own),
    }


def to_json(
    document: Document, citations: tuple[Citation, ...], minter: Minter | None = None
) -> dict[str, Any]:
    """The gold-contract object for one document and its citations (JSON-serialisable)."""
    minter = minter or Minter.from_env()
    own = _own_version(document, minter)
    identity = document.identity
    return {
        "document": {
            "issuer": identity.issuer,
            "type": identity.type,
            "number": identity.number,
            "version_year": identity.version_year,
            "language": identity.language,
            "title": identity.title,
            "id": own,
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
        "citations": [_citation(document, c, minter, own) for c in citations],
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
