"""Media types the store reads and writes, mapped to pyoxigraph's formats in one table.

Aliases (``application/json``, ``application/xml``, ``application/x-turtle``) resolve to
the canonical type, which is what an answer's ``Content-Type`` then says.
"""

from __future__ import annotations

import re

from pyoxigraph import QueryResultsFormat, RdfFormat

from reskg.errors import UnsafeInput, UnsupportedFormat

TURTLE = "text/turtle"
N_TRIPLES = "application/n-triples"
N_QUADS = "application/n-quads"
TRIG = "application/trig"
RDF_XML = "application/rdf+xml"
JSON_LD = "application/ld+json"
N3 = "text/n3"

RESULTS_JSON = "application/sparql-results+json"
RESULTS_XML = "application/sparql-results+xml"
RESULTS_CSV = "text/csv"
RESULTS_TSV = "text/tab-separated-values"

RDF_FORMATS: dict[str, RdfFormat] = {
    TURTLE: RdfFormat.TURTLE,
    N_TRIPLES: RdfFormat.N_TRIPLES,
    N_QUADS: RdfFormat.N_QUADS,
    TRIG: RdfFormat.TRIG,
    RDF_XML: RdfFormat.RDF_XML,
    JSON_LD: RdfFormat.JSON_LD,
    N3: RdfFormat.N3,
}

# Formats that only make sense for a dataset (JSON-LD holds either, so it is not here).
QUAD_ONLY = frozenset({N_QUADS, TRIG})

RESULT_FORMATS: dict[str, QueryResultsFormat] = {
    RESULTS_JSON: QueryResultsFormat.JSON,
    RESULTS_XML: QueryResultsFormat.XML,
    RESULTS_CSV: QueryResultsFormat.CSV,
    RESULTS_TSV: QueryResultsFormat.TSV,
}

ALIASES: dict[str, str] = {
    "application/x-turtle": TURTLE,
    "application/turtle": TURTLE,
    "text/plain": N_TRIPLES,  # N-Triples' registration before RDF 1.1
    "application/json": RESULTS_JSON,
    "application/xml": RESULTS_XML,
    "text/xml": RESULTS_XML,
    "application/x-json+ld": JSON_LD,
}

# XML entity declarations are refused outright: pyoxigraph expands internal entities
# without limit, and a few hundred bytes abort the process (store-perf.md, section 2).
_XML_DECLARATIONS = re.compile(rb"<!\s*(?:DOCTYPE|ENTITY)", re.IGNORECASE)


def canonical(media_type: str) -> str:
    """``media_type`` without parameters, lower-cased, with aliases resolved."""
    bare = media_type.split(";", 1)[0].strip().lower()
    return ALIASES.get(bare, bare)


def rdf_format(media_type: str) -> RdfFormat:
    """The pyoxigraph RDF format of ``media_type``, or :class:`UnsupportedFormat`."""
    found = RDF_FORMATS.get(canonical(media_type))
    if found is None:
        known = ", ".join(sorted(RDF_FORMATS))
        raise UnsupportedFormat(f"unsupported RDF media type {media_type!r}; use one of {known}")
    return found


def result_format(media_type: str) -> QueryResultsFormat:
    """The pyoxigraph results format of ``media_type``, or :class:`UnsupportedFormat`."""
    bare = canonical(media_type)
    found = RESULT_FORMATS.get(bare)
    if found is None:
        known = ", ".join(sorted(RESULT_FORMATS))
        raise UnsupportedFormat(f"unsupported results media type {media_type!r}; use {known}")
    return found


def refuse_unsafe(data: bytes, fmt: RdfFormat) -> None:
    """Raise :class:`UnsafeInput` for RDF/XML that declares a DOCTYPE or entities."""
    if fmt == RdfFormat.RDF_XML and _XML_DECLARATIONS.search(data):
        raise UnsafeInput("RDF/XML with a DOCTYPE or entity declarations is refused")
