"""reskg.conform gives the report pyshacl gives (reskg.validate.validate_graph): on every
example, on real document graphs, on hypothesis-driven mutations of a real graph that hit every
constraint component of shapes.ttl, and on synthetic shapes using the other constructs it
supports; anything else in a shapes graph is refused by name."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pyshacl import validate as shacl_validate
from rdflib import RDF, BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import SH

from reskg.cite import extract
from reskg.conform import UnsupportedShapeError, compile_shapes, conform, default_shapes
from reskg.conform._checks import Shape
from reskg.graph import build_graph
from reskg.iri import Minter
from reskg.parse import parse
from reskg.read import read
from reskg.validate import ValidationReport, _ontology_graph, _results, validate_graph
from tests.conftest import REPO, SHARED, missing
from tests.ontology.conftest import EXAMPLES

RKG = Namespace("https://w3id.org/reskg/ont#")
FN = Namespace("https://w3id.org/reskg/id/function/")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")  # open: pytest's collection probes names
SOURCES = REPO / "data" / "sources"
AKN = SHARED / "datasets" / "unxml-ga"
DOCUMENTS = [
    SOURCES / "itu" / "itu-council-res1334-2023-fr.txt",
    SOURCES / "itu" / "itu-pp18-res140-en.txt",
    SOURCES / "itu" / "itu-pp18-dec5-en.txt",
    SOURCES / "itu" / "itu-pp18-rec7-en.txt",
    SOURCES / "itu" / "itu-pp18-res71-en.txt",
    SOURCES / "unga" / "unga-78-213-en.txt",
    SOURCES / "unga" / "unga-80-173-en.txt",
    SOURCES / "akn" / "A_RES_78_132-2325902F.xml",
    SOURCES / "akn" / "A_RES_79_277-2504977S.xml",
    AKN / "78session" / "English" / "A_RES_78_10-2323443E.xml",
    AKN / "79session" / "English" / "A_RES_79_143-2423831E.xml",
    AKN / "79session" / "French" / "A_RES_79_10-2421660F.xml",
    AKN / "79session" / "Spanish" / "A_RES_79_10-2421660S.xml",
    AKN / "80session" / "Spanish" / "A_RES_80_10-2519432S.xml",
    AKN / "80session" / "French" / "A_RES_80_1-2515106F.xml",
]
Row = tuple[str, str | None, str, str, str | None, str | None, str]


def rows(report: ValidationReport) -> tuple[bool, list[Row]]:
    """Conformance and every result, messages included, as a sorted multiset."""
    found = [
        (v.focus, v.path, v.component, v.severity, v.value, v.shape, v.message)
        for v in report.violations + report.warnings
    ]
    return report.conforms, sorted(found, key=lambda r: tuple(x or "" for x in r))


def outcome(validator: Callable[[Graph], ValidationReport], graph: Graph) -> Any:
    """The report's rows, or the type of failure when the validator raises (pyshacl does
    on a blank node compared by sh:lessThan, say)."""
    try:
        return rows(validator(graph))
    except Exception:  # then both must raise
        return ("raised",)


@cache
def document_graph(path: Path) -> Graph:
    document = parse(read(path))
    return build_graph(
        document, extract(document), minter=Minter(), ingested=datetime(2024, 5, 1, tzinfo=UTC)
    )


# -- (1) the examples ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path", sorted(EXAMPLES.glob("[iv]*/*.ttl")), ids=lambda p: f"{p.parent.name}-{p.stem}"
)
def test_examples_give_the_same_report(path: Path) -> None:
    graph = Graph().parse(path)
    assert rows(conform(graph)) == rows(validate_graph(graph))


# -- (2) real document graphs ----------------------------------------------------------------


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.name)
def test_real_documents_give_the_same_report(path: Path) -> None:
    if not path.is_file():
        missing(f"the input {path}")
    graph = document_graph(path)
    size = len(graph)
    assert rows(conform(graph)) == rows(validate_graph(graph))
    assert conform(list(graph)) == conform(graph)  # triples do as well as a graph
    assert len(graph) == size


# -- (3) mutations of a real graph -----------------------------------------------------------

BASE = SOURCES / "itu" / "itu-council-res1334-2023-fr.txt"  # 846 triples, 25 citations
NAMES = """Session Body Agent Resolution Decision Instrument InstrumentVersion Section AnnexSection
    OperativeSection PreambularSection Clause Citation SourceDocument LanguageVersion"""
CLASSES = [RKG[name] for name in NAMES.split()]
ODD_VALUES: list[Any] = [
    *CLASSES, FN.annex, FN.recalling, URIRef("https://example.org/unknown"), BNode("odd"),
    Literal("x"), Literal("x", lang="fr"), Literal("y", lang="fr"), Literal("x", lang="de"),
    Literal(""), Literal("A/RES/78/1"), Literal("Resolution 5"), Literal("140 (Rev. Dubai)"),
    Literal("de"), Literal("EN", datatype=XSD.language), Literal("fr", datatype=XSD.language),
    Literal("ABCDEF0123"), Literal("Text/Plain"), Literal("a)"), Literal("v1"),
    Literal("abc", datatype=XSD.integer), Literal("2023-02-30", datatype=XSD.date),
    Literal("2023-05-01", datatype=XSD.date), Literal("2024-05-01", datatype=XSD.date),
    Literal("2023-05-01"), Literal(0), Literal(-1), Literal(1), Literal(1864), Literal(1865),
    Literal(2030), Literal(2100), Literal(2101), Literal("7", datatype=XSD.decimal),
    Literal("5", datatype=XSD.nonNegativeInteger), Literal(True),
    Literal("yes", datatype=XSD.boolean),
]  # fmt: skip
DATATYPES = [None, XSD.string, XSD.integer, XSD.date, XSD.decimal, XSD.boolean, XSD.language]
LANGUAGES = ["en", "fr", "de", "EN"]


def shape_predicates() -> list[URIRef]:
    shapes = default_shapes()
    paths = {URIRef(s.path) for s in walk(shapes.top) if s.path}
    return sorted(paths | {RDF.type, RKG.revises, RKG.cites, RKG.recalls, RKG.welcomes})


def walk(shapes: list[Shape]) -> Iterator[Shape]:
    for shape in shapes:
        yield shape
        yield from walk(shape.props)


def reportable_components() -> set[str]:
    """The components whose results a validation of shapes.ttl can report (sh:in, say, sits
    only inside a qualified value shape and reports nothing itself)."""
    return {check.component for s in walk(default_shapes().top) for check in s.checks}


Op = tuple[Any, ...]


def apply(graph: Graph, ops: list[Op]) -> Graph:
    mutated = Graph()
    for triple in graph:
        mutated.add(triple)
    for op in ops:
        if op[0] == "delete":
            mutated.remove(op[1])
        elif op[0] == "add":
            mutated.add(op[1:])
        elif op[0] == "replace":  # every value of (s, p) becomes o
            mutated.remove((op[1], op[2], None))
            mutated.add(op[1:])
        elif op[0] == "swap":  # the values of two predicates of one subject
            s, p1, p2 = op[1:]
            v1, v2 = set(mutated.objects(s, p1)), set(mutated.objects(s, p2))
            mutated.remove((s, p1, None))
            mutated.remove((s, p2, None))
            for p, values in ((p2, v1), (p1, v2)):
                for o in values:
                    mutated.add((s, p, o))
        elif op[0] == "retype":  # a literal with another datatype or language tag
            s, p, o, datatype, lang = op[1:]
            mutated.remove((s, p, o))
            mutated.add((s, p, Literal(str(o), lang=lang, datatype=None if lang else datatype)))
    return mutated


def mutations(graph: Graph) -> st.SearchStrategy[list[Op]]:
    triples = sorted(graph, key=str)
    literals = [t for t in triples if isinstance(t[2], Literal)]
    subjects = sorted({s for s in graph.subjects() if isinstance(s, URIRef)}, key=str)
    predicates = shape_predicates()
    values = sorted({o for o in graph.objects() if not isinstance(o, BNode)}, key=repr)
    pool = st.sampled_from(ODD_VALUES) | st.sampled_from(values)

    @st.composite
    def op(draw: st.DrawFn) -> Op:
        kind = draw(st.sampled_from(["delete", "add", "replace", "swap", "retype"]))
        if kind == "delete":
            return ("delete", draw(st.sampled_from(triples)))
        if kind in ("add", "replace"):
            s, p, _ = draw(st.sampled_from(triples)) if kind == "replace" else (None,) * 3
            s = s or draw(st.sampled_from(subjects))
            return (kind, s, p or draw(st.sampled_from(predicates)), draw(pool))
        s, p, o = draw(st.sampled_from(literals))
        if kind == "swap":
            others = sorted({q for q, v in graph.predicate_objects(s) if q != p}, key=str)
            return (
                ("swap", s, p, draw(st.sampled_from(others))) if others else ("delete", (s, p, o))
            )
        lang = draw(st.sampled_from([None, None, *LANGUAGES]))
        return ("retype", s, p, o, draw(st.sampled_from(DATATYPES)), lang)

    return st.lists(op(), min_size=1, max_size=4)


D = "https://w3id.org/reskg/akn/un/statement/deliberation/"
DOC = "https://w3id.org/reskg/doc/itu-council-res1334-2023-fr.txt/"
V2023, V2015 = URIRef(D + "itu-c/2023/res-1334"), URIRef(D + "itu-c/2015/res-1334")
OTHER_VERSION = URIRef(D + "itu-pp/2022/res-140")
S = URIRef("https://example.org/session")
RECIPES: dict[str, list[Op]] = {  # mutations that random ones are unlikely to compose
    "session-dates-reversed": [
        ("add", S, RDF.type, RKG.Session),
        ("add", S, RKG.startDate, Literal("2024-05-01", datatype=XSD.date)),
        ("add", S, RKG.endDate, Literal("2023-05-01", datatype=XSD.date)),
    ],
    "revises-a-newer-version-of-another-work": [("add", V2015, RKG.revises, OTHER_VERSION)],
    "revises-a-newer-version": [("add", V2015, RKG.revises, V2023)],
    "version-year-out-of-range": [("replace", V2023, RKG.versionYear, Literal(2101))],
    "version-year-too-early": [("replace", V2023, RKG.versionYear, Literal(1864))],
    "annex-without-annex-function": [("add", URIRef(DOC + "sec-1"), RDF.type, RKG.AnnexSection)],
    "two-instrument-types": [("add", URIRef(D + "itu-c/res-1334"), RDF.type, RKG.Decision)],
    "instrument-without-number-or-title": [
        ("delete", (URIRef(D + "itu-c/res-1334"), RKG.number, Literal("1334"))),
    ],
    "number-with-prefix": [("replace", URIRef(D + "itu-c/res-1334"), RKG.number, Literal("Res 1"))],
    "issuer-a-literal": [("replace", URIRef(D + "itu-c/res-1334"), RKG.issuedBy, Literal("ITU"))],
    "two-titles-in-french": [
        ("add", URIRef(D + "itu-c/res-1334"), RKG.title, Literal("a", lang="fr")),
        ("add", URIRef(D + "itu-c/res-1334"), RKG.title, Literal("b", lang="fr")),
    ],
    "empty-place": [("replace", V2023, RKG.versionPlace, Literal(""))],
    "span-reversed": [("swap", URIRef(DOC + "sec-1/cl-1"), RKG.spanStart, RKG.spanEnd)],
    "cites-a-body": [("add", URIRef(DOC + "sec-1/cl-1"), RKG.cites, URIRef(D + "itu-c"))],
    "section-in-two-parts": [("add", URIRef(DOC + "sec-1"), RDF.type, RKG.OperativeSection)],
    "upper-case-hash": [("replace", URIRef(DOC[:-1]), RKG.sha256, Literal("ABCDEF0123"))],
    "two-issuers": [("add", URIRef(D + "itu-c/res-1334"), RKG.issuedBy, URIRef(D + "itu-pp"))],
    "clause-of-a-clause": [
        ("replace", URIRef(DOC + "sec-1/cl-1"), RKG.isClauseOf, URIRef(DOC + "sec-1/cl-2"))
    ],
    "position-as-string": [("replace", URIRef(DOC + "sec-1"), RKG.position, Literal("1"))],
    # SPARQL over values of mixed or ill-typed datatypes: rdflib and oxigraph compare them
    # differently, so conform runs such queries in rdflib, as pyshacl does
    "revised-year-as-string": [
        ("add", V2015, RKG.revises, V2023),
        ("replace", V2023, RKG.versionYear, Literal("2023")),
    ],
    "revised-year-ill-typed": [
        ("add", V2015, RKG.revises, V2023),
        ("replace", V2023, RKG.versionYear, Literal("abc", datatype=XSD.integer)),
    ],
}


def test_recipes_name_nodes_of_the_base_graph() -> None:
    subjects = set(document_graph(BASE).subjects())
    for ops in RECIPES.values():
        assert all(op[1] in subjects or op[1] == S or op[0] == "delete" for op in ops)


def test_mutations_give_the_same_report_and_hit_every_component() -> None:
    base, seen, random_seen = document_graph(BASE), set[str](), set[str]()

    def check(ops: list[Op], into: set[str]) -> None:
        mutated = apply(base, ops)
        expected = outcome(validate_graph, mutated)
        assert outcome(conform, mutated) == expected, ops
        if expected[0] != "raised":
            into.update(row[2] for row in expected[1])

    for ops in RECIPES.values():
        check(ops, seen)

    @settings(
        derandomize=True, max_examples=30, deadline=None, database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )  # fmt: skip
    @given(mutations(base))
    def random_mutations(ops: list[Op]) -> None:
        check(ops, random_seen)

    random_mutations()
    print(f"random mutations hit {sorted(c.rsplit('#')[-1] for c in random_seen)}")
    assert reportable_components() <= seen | random_seen
    assert len(random_seen & reportable_components()) >= 10  # random ones do their share


# -- (4) constructs beyond shapes.ttl, against pyshacl; the unsupported ones ------------------

EXTRA_SHAPES = """
@prefix ex: <http://example.org/> .
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
ex:shapes a owl:Ontology ;
    sh:declare [ sh:prefix "ex" ; sh:namespace "http://example.org/"^^xsd:anyURI ] .
ex:Thing a rdfs:Class, sh:NodeShape ;
    sh:and ( [ sh:nodeKind sh:IRI ] [ sh:class ex:Thing ] ) ;
    sh:property [ sh:path [ sh:inversePath ex:partOf ] ; sh:minCount 1 ; sh:maxCount 2 ;
            sh:node ex:Part ] ,
        [ sh:path ex:name ; sh:minLength 2 ; sh:maxLength 5 ; sh:severity sh:Info ] ,
        [ sh:path ex:score ; sh:minExclusive 0 ; sh:maxExclusive 10 ; sh:deactivated false ;
          sh:sparql [ sh:prefixes ex:shapes ; sh:message "{?value} is three on {$this}" ;
            sh:select "SELECT $this ?value { $this $PATH ?value . FILTER (?value = 3) }" ] ] ,
        [ sh:path ex:kind ; sh:in ( ex:a ex:b "c" ) ] ,
        [ sh:path ex:skipped ; sh:minCount 1 ; sh:deactivated true ] ,
        [ sh:path ex:tag ; sh:hasValue "t" ; sh:severity sh:Warning ] .
ex:Part a sh:NodeShape ; sh:property [ sh:path ex:size ; sh:datatype xsd:integer ; sh:minCount 1 ] .
ex:Targeted a sh:NodeShape ; sh:targetNode ex:n1, "lit" ; sh:nodeKind sh:IRI ;
    sh:message "an IRI"@en .
ex:High a sh:NodeShape ; sh:targetSubjectsOf ex:score ; sh:message "{$this} scores {?value}" ;
    sh:sparql [ sh:prefixes ex:shapes ; sh:select '''SELECT $this ?value WHERE {
        $this ex:score ?value . ?value ^ex:score ?other . FILTER (?value > 5) }''' ] .
"""
EXTRA_DATA = """
@prefix ex: <http://example.org/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
ex:Sub rdfs:subClassOf ex:Thing .
ex:t1 a ex:Thing ; ex:name "a", "abcdefg" ; ex:score 3, 12, -1 ; ex:kind ex:a, ex:z, "c" ;
    ex:tag "t" .
ex:t2 a ex:Sub ; ex:score 6 ; ex:kind "d" .
ex:p1 ex:partOf ex:t1 ; ex:size 4 . ex:p2 ex:partOf ex:t1 ; ex:size "big" . ex:p3 ex:partOf ex:t1 .
ex:p4 ex:partOf ex:t2 ; ex:size 1 .
[] a ex:Thing ; ex:name "blank" ; ex:kind [ ex:size 2 ] .
"""


def pyshacl_rows(data: Graph, shapes: Graph) -> Any:
    """validate_graph's call, with other shapes."""
    merged = Graph()
    for graph in (data, _ontology_graph()):
        for triple in graph:
            merged.add(triple)
    conforms, report, _ = shacl_validate(
        merged, shacl_graph=shapes, inference="none", allow_warnings=True, advanced=False,
        inplace=True,
    )  # fmt: skip
    found = _results(report)
    result = ValidationReport(
        conforms=bool(conforms),
        violations=tuple(v for v in found if v.severity == str(SH.Violation)),
        warnings=tuple(v for v in found if v.severity != str(SH.Violation)),
    )
    return rows(result)


def test_other_supported_constructs_give_the_same_report() -> None:
    shapes = Graph().parse(data=EXTRA_SHAPES, format="turtle")
    data = Graph().parse(data=EXTRA_DATA, format="turtle")
    compiled = compile_shapes(shapes, _ontology_graph())
    expected = pyshacl_rows(data, shapes)
    assert rows(compiled.conform(data)) == expected
    components = {row[2].rsplit("#")[-1] for row in expected[1]}
    assert {
        "AndConstraintComponent",
        "NodeConstraintComponent",
        "InConstraintComponent",
    } <= components
    assert {"MaxExclusiveConstraintComponent", "MaxLengthConstraintComponent"} <= components


@pytest.mark.parametrize(
    ("shape", "named"),
    [
        ("sh:closed true", "sh:closed"),
        ("sh:property [ sh:path ex:p ; sh:equals ex:q ]", "sh:equals"),
        ("sh:property [ sh:path ex:p ; sh:languageIn ( 'en' ) ]", "sh:languageIn"),
        ("sh:property [ sh:path ( ex:p ex:q ) ; sh:minCount 1 ]", "sh:path"),
        ("sh:property [ sh:path [ sh:zeroOrMorePath ex:p ] ]", "sh:zeroOrMorePath"),
        ("sh:class ex:A, ex:B", "more than one sh:class"),
        ("sh:minCount 1", "sh:minCount on node shape"),
        ("sh:target [ a sh:SPARQLTarget ; sh:select 'SELECT ?this {}' ]", "arget"),
        ("sh:node ex:S", "recursive shape"),
        (
            "sh:property [ sh:path ex:p ; sh:qualifiedValueShape [ sh:class ex:A ] ;"
            " sh:qualifiedMaxCount 1 ; sh:qualifiedValueShapesDisjoint true ]",
            "sh:qualifiedValueShapesDisjoint",
        ),
        ("sh:sparql [ sh:select 'SELECT $this { $this ?p ?o MINUS { $this ex:p ?o } }' ]", "MINUS"),
        ("sh:sparql [ sh:select 'SELECT ?value { $this ex:p ?value }' ]", "does not select $this"),
        ("sh:sparql [ sh:ask 'ASK { $this ex:p ?o }' ]", "sh:ask"),
        ("sh:sparql [ sh:select 'SELECT $this WHERE { $this ex:p ?o' ]", "does not parse"),
    ],
)
def test_unsupported_constructs_are_refused_by_name(shape: str, named: str) -> None:
    shapes = Graph().parse(
        data="@prefix ex: <http://example.org/> . @prefix sh: <http://www.w3.org/ns/shacl#> .\n"
        f"ex:S a sh:NodeShape ; sh:targetClass ex:T ; {shape} .",
        format="turtle",
    )
    with pytest.raises(UnsupportedShapeError, match=r"not implemented by reskg\.conform") as info:
        compile_shapes(shapes, Graph())
    assert named in str(info.value)
    assert info.value.rule == "conform.unsupported"


def test_shapes_ttl_compiles_and_its_sparql_reads_only_what_it_needs() -> None:
    shapes = default_shapes()
    assert shapes.bg.loads is not None and str(RKG.text) not in shapes.bg.loads
    assert str(RKG.citationProperty) in shapes.bg.binders  # ?clause ?edge ?cited
