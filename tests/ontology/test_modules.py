"""The ontology modules as RDF: they parse, carry their headers, labels and definitions,
keep the RDF/XML copies identical, stay out of the pitfalls that break OWL 2 DL or HermiT,
and are all reachable offline through the catalog."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from functools import cache

import pytest
from rdflib import OWL, RDF, RDFS, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, SKOS, XSD

from tests.ontology.conftest import ONTOLOGY

NS = "https://w3id.org/reskg/ont#"
MODULES = {  # file -> (ontology IRI, version IRI)
    "reskg.ttl": ("https://w3id.org/reskg/ont", "https://w3id.org/reskg/ont/0.1.0"),
    "reskg-align.ttl": (
        "https://w3id.org/reskg/ont/align",
        "https://w3id.org/reskg/ont/align/0.1.0",
    ),
    "functions.ttl": (
        "https://w3id.org/reskg/ont/functions",
        "https://w3id.org/reskg/ont/functions/0.1.0",
    ),
}
ENTITY_TYPES = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
# External namespaces the modules may declare terms in (OOPS! P40: no namespace hijacking).
ALLOWED_EXTERNAL = (
    "http://data.europa.eu/eli/ontology#",
    "http://purl.org/vocab/frbr/core#",
    "http://purl.org/spar/fabio/",
    "http://purl.org/spar/cito/",
    "https://w3id.org/akn/ontology/allot/",
    "http://purl.org/dc/terms/",
    "http://purl.org/vocab/vann/",
    "http://www.w3.org/ns/prov#",
    "http://www.w3.org/2004/02/skos/core#",
    "http://www.w3.org/ns/org#",
)
# Entity type each external term has in its own source (checked against the source files:
# ELI 1.5 eli.rdf, ALLOT allot.ttl; SPAR, W3C and SKOS terms per their published OWL).
SOURCE_TYPES = {
    "http://data.europa.eu/eli/ontology#cites": OWL.ObjectProperty,
    "http://data.europa.eu/eli/ontology#number": OWL.DatatypeProperty,
    "http://purl.org/spar/cito/cites": OWL.ObjectProperty,
    "http://www.w3.org/2004/02/skos/core#notation": OWL.DatatypeProperty,
    "http://www.w3.org/2004/02/skos/core#prefLabel": OWL.AnnotationProperty,
    "http://www.w3.org/2004/02/skos/core#definition": OWL.AnnotationProperty,
    "http://www.w3.org/2004/02/skos/core#inScheme": OWL.ObjectProperty,
    "http://www.w3.org/ns/prov#wasRevisionOf": OWL.ObjectProperty,
    "https://w3id.org/akn/ontology/allot/hasRealization": OWL.ObjectProperty,
    "http://purl.org/dc/terms/title": OWL.AnnotationProperty,
    "http://purl.org/dc/terms/license": OWL.AnnotationProperty,
}


@cache
def parsed(name: str) -> Graph:
    return Graph().parse(ONTOLOGY / name, format="turtle")


@cache
def union() -> Graph:
    graph = Graph()
    for name in MODULES:
        graph += parsed(name)
    return graph


def own_terms(graph: Graph) -> set[URIRef]:
    return {
        s
        for t in ENTITY_TYPES
        for s in graph.subjects(RDF.type, t)
        if isinstance(s, URIRef) and str(s).startswith(NS)
    }


@pytest.mark.parametrize("name", [*MODULES, "shapes.ttl"])
def test_module_parses_with_rdflib(name: str) -> None:
    assert len(parsed(name)) > 50


@pytest.mark.parametrize(("name", "iris"), MODULES.items())
def test_module_header(name: str, iris: tuple[str, str]) -> None:
    graph = parsed(name)
    ontologies = set(graph.subjects(RDF.type, OWL.Ontology))
    assert ontologies == {URIRef(iris[0])}, "one owl:Ontology per file, with the fixed IRI"
    node = URIRef(iris[0])
    assert graph.value(node, OWL.versionIRI) == URIRef(iris[1])
    assert graph.value(node, OWL.versionInfo) == Literal("0.1.0")
    assert graph.value(node, DCTERMS.license) == URIRef(
        "https://creativecommons.org/licenses/by/4.0/"
    )
    assert graph.value(node, DCTERMS.creator) is not None
    assert {t.language for t in graph.objects(node, DCTERMS.title)} == {"en", "fr", "es"}


@pytest.mark.parametrize("name", ["reskg", "reskg-align"])
def test_rdfxml_copy_is_identical(name: str) -> None:
    owl = Graph().parse(ONTOLOGY / f"{name}.owl", format="xml")
    assert isomorphic(owl, parsed(f"{name}.ttl")), (
        f"run ontology/tools/gen_owl.py ({name}.owl is stale)"
    )


def test_catalog_maps_every_module_iri_and_version_iri_to_a_file() -> None:
    root = ET.parse(ONTOLOGY / "catalog-v001.xml").getroot()
    mapped = {el.get("name"): el.get("uri") for el in root.iter() if el.tag.endswith("}uri")}
    for name, (iri, version) in MODULES.items():
        assert mapped[iri] == name
        assert mapped[version] == name
    imported = {str(o) for name in MODULES for o in parsed(name).objects(None, OWL.imports)}
    assert imported == {"https://w3id.org/reskg/ont"}, "only our own core is imported"
    assert all((ONTOLOGY / f).is_file() for f in mapped.values())


@pytest.mark.parametrize("term", sorted(own_terms(union())), ids=lambda t: str(t)[len(NS) :])
def test_every_own_term_has_one_label_per_language_and_a_definition(term: URIRef) -> None:
    graph = parsed("reskg.ttl")
    languages = sorted(str(lab.language) for lab in graph.objects(term, RDFS.label))
    assert languages == ["en", "es", "fr"]
    definitions = [d for d in graph.objects(term, SKOS.definition) if d.language == "en"]
    assert len(definitions) == 1 and len(definitions[0]) > 20
    assert graph.value(term, RDFS.isDefinedBy) == URIRef("https://w3id.org/reskg/ont")


def test_own_terms_are_declared_in_the_core_only_and_named_by_convention() -> None:
    core = own_terms(parsed("reskg.ttl"))
    assert own_terms(union()) == core
    for term in core:
        local = str(term)[len(NS) :]
        if (term, RDF.type, OWL.Class) in union():
            assert re.fullmatch(r"[A-Z][A-Za-z]+", local), local
        else:
            assert re.fullmatch(r"[a-z][A-Za-z0-9]+", local), local


def test_labels_are_unique_per_language() -> None:
    graph = parsed("reskg.ttl")
    seen: dict[tuple[str, str | None], URIRef] = {}
    for term in own_terms(graph):
        for label in graph.objects(term, RDFS.label):
            key = (str(label).lower(), label.language)
            if key in seen:
                pytest.fail(f"{term} and {seen[key]} share the label {key}")
            seen[key] = term


def test_no_iri_has_two_entity_types_across_modules() -> None:
    graph = union()
    for t in ENTITY_TYPES:
        for s in graph.subjects(RDF.type, t):
            kinds = {k for k in ENTITY_TYPES if (s, RDF.type, k) in graph}
            assert len(kinds) == 1, f"{s} is punned as {kinds}"


def test_external_terms_stay_in_the_allow_list_and_keep_their_source_types() -> None:
    graph = union()
    for t in ENTITY_TYPES:
        for s in graph.subjects(RDF.type, t):
            if isinstance(s, URIRef) and not str(s).startswith(NS):
                assert str(s).startswith(ALLOWED_EXTERNAL), s
    for iri, kind in SOURCE_TYPES.items():
        assert (URIRef(iri), RDF.type, kind) in graph, iri


@pytest.mark.parametrize("name", MODULES)
def test_no_datatype_outside_the_owl2_map(name: str) -> None:
    """xsd:date and xsd:gYear make HermiT refuse the ontology; they belong in SHACL."""
    graph = parsed(name)
    for bad in (XSD.date, XSD.gYear, XSD.gYearMonth, XSD.duration):
        assert (None, None, bad) not in graph
        assert not any(isinstance(o, Literal) and o.datatype == bad for o in graph.objects())


def test_every_own_property_has_a_domain_and_object_properties_a_range() -> None:
    """OOPS! P11/P19: one domain (and one range for object properties), or inherited from
    exactly one rkg: super-property (the typed citation edges inherit rkg:cites')."""
    graph = parsed("reskg.ttl")
    for term in own_terms(graph):
        supers = [p for p in graph.objects(term, RDFS.subPropertyOf) if str(p).startswith(NS)]
        if (term, RDF.type, OWL.AnnotationProperty) in graph or (
            term,
            RDF.type,
            OWL.Class,
        ) in graph:
            continue
        if supers and not list(graph.objects(term, RDFS.domain)):
            assert len(supers) == 1, term
            continue
        assert len(list(graph.objects(term, RDFS.domain))) == 1, term
        if (term, RDF.type, OWL.ObjectProperty) in graph:
            assert len(list(graph.objects(term, RDFS.range))) == 1, term
