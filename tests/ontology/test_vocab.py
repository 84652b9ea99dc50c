"""src/reskg/vocab.py is exactly what gen_vocab.py makes of reskg.ttl, and every ``RKG.x``
the code base names exists in the ontology."""

from __future__ import annotations

import re

from rdflib import OWL, RDF, Graph, URIRef

from reskg import vocab
from reskg.vocab import RKG
from tests.conftest import REPO
from tests.ontology.conftest import ONTOLOGY, load_tool

NS = "https://w3id.org/reskg/ont#"


def declared() -> set[str]:
    graph = Graph().parse(ONTOLOGY / "reskg.ttl", format="turtle")
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
    return {
        str(s)[len(NS) :]
        for k in kinds
        for s in graph.subjects(RDF.type, k)
        if isinstance(s, URIRef) and str(s).startswith(NS)
    }


def test_vocab_module_is_up_to_date() -> None:
    tool = load_tool("gen_vocab")
    expected = tool.render(Graph().parse(ONTOLOGY / "reskg.ttl", format="turtle"))
    actual = (REPO / "src" / "reskg" / "vocab.py").read_text(encoding="utf-8")
    assert actual == expected, "run python ontology/tools/gen_vocab.py"


def test_class_and_turtle_declare_the_same_terms() -> None:
    in_class = set(RKG.__annotations__)
    assert in_class == declared()
    assert RKG.recalls == URIRef(NS + "recalls")


def test_the_namespace_is_closed() -> None:
    try:
        _ = RKG.recall  # a typo must not mint an IRI
    except AttributeError:
        return
    raise AssertionError("RKG.recall did not raise")


def test_version_iri_matches_the_ontology() -> None:
    graph = Graph().parse(ONTOLOGY / "reskg.ttl", format="turtle")
    assert graph.value(vocab.ONTOLOGY_IRI, OWL.versionIRI) == vocab.VERSION_IRI


def test_every_rkg_term_named_in_the_code_base_is_declared() -> None:
    """``RKG.x`` in Python and ``rkg:x`` in SPARQL queries must name declared terms."""
    names = set()
    for folder, suffix, pattern in (
        ("src", "*.py", r"\bRKG\.([A-Za-z][A-Za-z0-9_]*)"),
        ("api", "*.py", r"\bRKG\.([A-Za-z][A-Za-z0-9_]*)"),
        ("queries", "*.rq", r"\brkg:([A-Za-z][A-Za-z0-9_]*)"),
    ):
        for path in (REPO / folder).rglob(suffix):
            names |= set(re.findall(pattern, path.read_text(encoding="utf-8")))
    assert len(names) > 20
    assert names - declared() == set()
