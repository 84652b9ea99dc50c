"""The documentation builder runs offline and its pages list every class, every property
and every section function of the ontology."""

from __future__ import annotations

import html
from pathlib import Path

import pytest
from rdflib import OWL, RDF, RDFS, Graph, URIRef
from rdflib.namespace import SKOS

from tests.ontology.conftest import ONTOLOGY, load_tool

NS = "https://w3id.org/reskg/ont#"


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    out = tmp_path_factory.mktemp("docs")
    written = load_tool("build_docs").build(out)
    assert [p.name for p in written] == ["index.html", "functions.html"]
    return {p.name: html.unescape(p.read_text(encoding="utf-8")) for p in written}


def own(kind: URIRef) -> list[URIRef]:
    graph = Graph().parse(ONTOLOGY / "reskg.ttl", format="turtle")
    return sorted(
        s for s in graph.subjects(RDF.type, kind) if isinstance(s, URIRef) and str(s).startswith(NS)
    )


def label(term: URIRef, lang: str) -> str:
    graph = Graph().parse(ONTOLOGY / "reskg.ttl", format="turtle")
    return next(str(x) for x in graph.objects(term, RDFS.label) if x.language == lang)


def test_index_lists_every_class_with_its_labels(pages: dict[str, str]) -> None:
    page = pages["index.html"]
    classes = own(OWL.Class)
    assert len(classes) >= 25
    for cls in classes:
        assert str(cls) in page, cls
        for lang in ("en", "fr", "es"):
            assert label(cls, lang) in page, (cls, lang)


def test_index_lists_every_property(pages: dict[str, str]) -> None:
    page = pages["index.html"]
    for kind in (OWL.ObjectProperty, OWL.DatatypeProperty):
        for prop in own(kind):
            assert str(prop) in page, prop


def test_index_shows_the_alignments(pages: dict[str, str]) -> None:
    for external in ("http://purl.org/spar/cito/cites", "http://data.europa.eu/eli/ontology#cites"):
        assert external in pages["index.html"]


def test_functions_page_lists_every_concept_with_its_phrases(pages: dict[str, str]) -> None:
    graph = Graph().parse(ONTOLOGY / "functions.ttl", format="turtle")
    page = pages["functions.html"]
    notations = list(graph.objects(None, SKOS.notation))
    assert len(notations) >= 30
    for concept, notation in graph.subject_objects(SKOS.notation):
        assert str(concept) in page and str(notation) in page
    assert "prenant note avec satisfaction" in page and "acogiendo con beneplácito" in page


def test_docs_target_writes_into_docs_ontology() -> None:
    makefile = (Path(ONTOLOGY).parent / "Makefile").read_text(encoding="utf-8")
    assert "ontology-docs:" in makefile and "docs/ontology" in makefile
