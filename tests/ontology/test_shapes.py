"""SHACL: every positive example conforms; every negative example yields exactly the
violations its header announces (focus node, path, constraint component)."""

from __future__ import annotations

import re
from dataclasses import FrozenInstanceError
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef

from reskg.validate import UnreadableGraphError, ValidationReport, validate_graph
from tests.ontology.conftest import EXAMPLES

VALID = sorted((EXAMPLES / "valid").glob("*.ttl"))
INVALID = sorted((EXAMPLES / "invalid").glob("*.ttl"))
EXPECT = re.compile(r"^# expect: focus=<(\S+)> path=(\S+) component=sh:(\S+)$", re.M)
SH = "http://www.w3.org/ns/shacl#"


def expected(path: Path) -> set[tuple[str, str | None, str]]:
    found = {
        (focus, None if p == "-" else p.strip("<>"), SH + comp)
        for focus, p, comp in EXPECT.findall(path.read_text(encoding="utf-8"))
    }
    assert found, f"{path.name} states no expected violation"
    return found


def test_there_are_examples_of_both_kinds() -> None:
    assert len(VALID) >= 3 and len(INVALID) >= 10


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.stem)
def test_valid_example_conforms(path: Path) -> None:
    report = validate_graph(path)
    assert report.conforms, report.messages
    assert report.violations == () and report.warnings == ()


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_invalid_example_fails_with_exactly_the_expected_violations(path: Path) -> None:
    report = validate_graph(path)
    assert not report.conforms
    got = {(v.focus, v.path, v.component) for v in report.violations}
    assert got == expected(path)


def test_a_graph_object_validates_like_its_file_and_is_not_modified() -> None:
    graph = Graph().parse(INVALID[0])
    size = len(graph)
    assert validate_graph(graph) == validate_graph(INVALID[0])
    assert len(graph) == size


def test_missing_function_is_a_warning_not_a_violation() -> None:
    graph = Graph().parse(EXAMPLES / "valid" / "unga-78-213-minimal.ttl")
    has_function = URIRef("https://w3id.org/reskg/ont#hasFunction")
    graph.remove((None, has_function, None))
    report = validate_graph(graph)
    assert report.conforms and report.violations == ()
    assert [(w.path, w.component.rsplit("#")[-1]) for w in report.warnings] == [
        (str(has_function), "MinCountConstraintComponent")
    ]


def test_context_graph_supplies_types_of_linked_nodes() -> None:
    """An addressee typed only in authority data conforms once that data is passed."""
    path = EXAMPLES / "valid" / "itu-council-res1334-2023-fr.ttl"
    graph = Graph().parse(path)
    office = URIRef("https://w3id.org/reskg/id/agent/itu-secretary-general")
    authority = Graph()
    for triple in graph.triples((office, None, None)):
        authority.add(triple)
        graph.remove(triple)
    assert not validate_graph(graph).conforms
    assert validate_graph(graph, context=[authority]).conforms


def test_report_is_frozen() -> None:
    report = validate_graph(VALID[0])
    assert isinstance(report, ValidationReport)
    with pytest.raises(FrozenInstanceError):
        report.conforms = False  # type: ignore[misc]


@pytest.mark.parametrize(
    ("content", "name"),
    [("this is not turtle <<<", "broken.ttl"), ("<a> <b> ", "truncated.nt")],
)
def test_unreadable_input_raises_a_typed_error(tmp_path: Path, content: str, name: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(UnreadableGraphError) as info:
        validate_graph(path)
    assert info.value.rule == "validate.unreadable" and name in str(info.value)


def test_missing_file_raises_a_typed_error(tmp_path: Path) -> None:
    with pytest.raises(UnreadableGraphError):
        validate_graph(tmp_path / "absent.ttl")


@pytest.mark.parametrize(
    ("number", "ok"),
    [
        ("140", True),
        ("70/125", True),
        ("1514 (XV)", True),
        ("217 A (III)", True),
        ("ES-11/5", True),
        ("S-30/1", True),
        ("D.50", True),
        ("X.1255", True),
        ("2202 (2015)", True),
        ("1874 (S-IV)", True),
        ("A/RES/78/213", False),
        ("Resolution 140", False),
        ("res. 140", False),
        ("140 (Rev. Dubai, 2018)", False),
        (" 140", False),
        ("", False),
    ],
)
def test_instrument_numbers_seen_in_the_corpus(number: str, ok: bool) -> None:
    graph = Graph().parse(EXAMPLES / "valid" / "unga-78-213-minimal.ttl")
    prop = URIRef("https://w3id.org/reskg/ont#number")
    work = URIRef("https://w3id.org/reskg/akn/un/statement/deliberation/unga/res-78-213")
    graph.set((work, prop, Literal(number)))
    assert validate_graph(graph).conforms is ok


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.stem)
def test_graph_read_back_from_the_store_still_conforms(path: Path) -> None:
    """pyoxigraph stores xsd:nonNegativeInteger / positiveInteger as xsd:integer."""
    import pyoxigraph

    store = pyoxigraph.Store()
    store.load(
        Graph().parse(path).serialize(format="nt", encoding="utf-8"), pyoxigraph.RdfFormat.N_TRIPLES
    )
    dumped = store.dump(format=pyoxigraph.RdfFormat.N_TRIPLES, from_graph=pyoxigraph.DefaultGraph())
    assert dumped is not None and b"nonNegativeInteger" not in dumped
    assert validate_graph(Graph().parse(data=dumped.decode("utf-8"), format="nt")).conforms


def test_position_zero_is_rejected_whatever_the_integer_type() -> None:
    graph = Graph().parse(EXAMPLES / "valid" / "unga-78-213-minimal.ttl")
    section = URIRef(
        "https://w3id.org/reskg/akn/un/statement/deliberation/unga/res-78-213/2023/sec-1"
    )
    graph.set((section, URIRef("https://w3id.org/reskg/ont#position"), Literal(0)))
    (violation,) = validate_graph(graph).violations
    assert violation.component.endswith("#MinInclusiveConstraintComponent")
