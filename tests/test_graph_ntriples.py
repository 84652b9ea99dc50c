"""``reskg.graph.to_ntriples``, the serialiser ingest uses instead of rdflib's: on real
documents it gives the same triples as rdflib's N-Triples writer (both read back by
pyoxigraph), and it escapes what N-Triples requires."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import XSD, Literal, URIRef

from reskg.cite import extract
from reskg.graph import build_graph, build_triples, to_ntriples
from reskg.iri import Minter
from reskg.parse import parse
from reskg.read import read

SOURCES = Path(__file__).resolve().parents[1] / "data" / "sources"
DOCUMENTS = [
    SOURCES / "itu" / "itu-council-res1334-2023-fr.txt",
    SOURCES / "itu" / "itu-pp18-res140-en.txt",
    SOURCES / "unga" / "unga-78-132-en.txt",
    SOURCES / "akn" / "A_RES_78_132-2325902F.xml",
    SOURCES / "akn" / "A_RES_80_173-2520874S.xml",
]
WHEN = datetime(2026, 1, 1, tzinfo=UTC)


def parsed(data: bytes) -> set[ox.Triple]:
    return set(ox.parse(data, format=ox.RdfFormat.N_TRIPLES))


@pytest.mark.parametrize("path", DOCUMENTS, ids=[p.name for p in DOCUMENTS])
def test_same_triples_as_rdflib(path: Path) -> None:
    document = parse(read(path))
    citations = extract(document)
    ours = to_ntriples(build_triples(document, citations, minter=Minter(), ingested=WHEN))
    graph = build_graph(document, citations, minter=Minter(), ingested=WHEN)
    theirs = graph.serialize(format="nt", encoding="utf-8")
    assert len(graph) > 100
    assert parsed(ours) == parsed(theirs)
    assert ours == to_ntriples(graph)  # deterministic: sorted lines


S, P = URIRef("http://example.org/s"), URIRef("http://example.org/p")


@pytest.mark.parametrize(
    ("value", "line"),
    [
        pytest.param(Literal('a "b" \\ c\nd\re'), '"a \\"b\\" \\\\ c\\nd\\re"', id="escapes"),
        pytest.param(Literal("texte", lang="fr"), '"texte"@fr', id="language"),
        pytest.param(Literal(12), '"12"^^<http://www.w3.org/2001/XMLSchema#integer>', id="int"),
        pytest.param(
            Literal(True), '"true"^^<http://www.w3.org/2001/XMLSchema#boolean>', id="bool"
        ),
        pytest.param(Literal("x", datatype=XSD.string), '"x"', id="xsd-string-is-plain"),
        pytest.param(URIRef("http://example.org/a b"), "<http://example.org/a\\u0020b>", id="iri"),
    ],
)
def test_terms(value: URIRef | Literal, line: str) -> None:
    data = to_ntriples([(S, P, value)])
    assert data.decode() == f"<http://example.org/s> <http://example.org/p> {line} .\n"
    if isinstance(value, Literal):
        (triple,) = parsed(data)
        assert isinstance(triple.object, ox.Literal) and triple.object.value == str(value)
