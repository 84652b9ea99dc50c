"""The W3C SPARQL 1.1 Protocol tests (w3c/rdf-tests, ``sparql/sparql11/protocol``),
run against a real server.

The manifest describes each test as HTTP requests in the W3C HTTP vocabulary (ht:) with
expected status classes, formats and booleans (store-perf.md, section 3). Before each
test the runner empties the store and loads the test's ``ut:graphData`` through the
Graph Store Protocol with the admin token. Every request also bears the token, so the
update tests can write.

Fixture note: several query tests name ``http://kasei.us/2009/09/sparql/data/data0.rdf``
as a default graph without any ``ut:graphData`` for it. reskg refuses graphs that are not
in the store (it never fetches them), so the runner creates that graph, empty, as part of
the preload; those tests only ``ASK {}`` against it.

Known failures live in ``XFAILS`` with their reason; the marks are strict, so a test that
starts passing fails the run until it is taken off the list.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from rdflib import RDF, Graph, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.term import Node

from tests.api.conftest import Server
from tests.conftest import SHARED

SUITE = SHARED / "w3c" / "sparql" / "sparql11" / "protocol"
MANIFEST = SUITE / "manifest.ttl"

MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
HT = Namespace("http://www.w3.org/2011/http#")
HTS = Namespace("http://www.w3.org/2011/http-statusCodes#")
CNT = Namespace("http://www.w3.org/2011/content#")
UT = Namespace("http://www.w3.org/2009/sparql/tests/test-update#")
RDFS_LABEL = URIRef("http://www.w3.org/2000/01/rdf-schema#label")

UNDECLARED_DEFAULT_GRAPH = "http://kasei.us/2009/09/sparql/data/data0.rdf"
BOOLEAN_TYPES = ("application/sparql-results+json", "application/sparql-results+xml")
TABULAR_TYPES = (*BOOLEAN_TYPES, "text/csv", "text/tab-separated-values")
RDF_TYPES = {
    "text/turtle": "turtle",
    "application/n-triples": "nt",
    "application/rdf+xml": "xml",
    "application/ld+json": "json-ld",
}

# name -> why it fails. Empty: every test passes (see docs/sparql.md).
XFAILS: dict[str, str] = {}


@dataclass(frozen=True)
class Step:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes | None
    statuses: frozenset[str]
    expected_format: str | None
    expected_boolean: bool | None


@dataclass(frozen=True)
class ProtocolTest:
    name: str
    graphs: tuple[tuple[str, Path], ...]
    steps: tuple[Step, ...]


def _items(graph: Graph, head: Node | None) -> list[Node]:
    return list(Collection(graph, head)) if head is not None else []


def _step(graph: Graph, request: Node) -> Step:
    headers = {
        str(graph.value(header, HT.fieldName)): str(graph.value(header, HT.fieldValue))
        for header in _items(graph, graph.value(request, HT.headers))
    }
    body_node = graph.value(request, HT.body)
    body = None
    if body_node is not None:
        encoding = str(graph.value(body_node, CNT.characterEncoding) or "UTF-8")
        body = str(graph.value(body_node, CNT.chars)).encode(encoding)
    response = graph.value(request, HT.resp)
    statuses = frozenset(
        str(status).rsplit("#", 1)[1] for status in graph.objects(response, MF.expectedStatus)
    )
    expected_format = graph.value(response, MF.expectedFormat)
    expected_boolean = graph.value(response, MF.expectedBoolean)
    return Step(
        method=str(graph.value(request, HT.methodName)),
        path=str(graph.value(request, HT.absolutePath)),
        headers=headers,
        body=body,
        statuses=statuses,
        expected_format=None if expected_format is None else str(expected_format),
        expected_boolean=None if expected_boolean is None else bool(expected_boolean.toPython()),
    )


def load_tests() -> list[ProtocolTest]:
    if not MANIFEST.is_file():
        return []
    graph = Graph().parse(MANIFEST, format="turtle")
    manifest = next(graph.subjects(RDF.type, MF.Manifest))
    tests = []
    for entry in _items(graph, graph.value(manifest, MF.entries)):
        action = graph.value(entry, MF.action)
        graphs = tuple(
            (str(graph.value(data, RDFS_LABEL)), Path(str(graph.value(data, UT.graph))[7:]))
            for data in graph.objects(entry, UT.graphData)
        )
        steps = tuple(_step(graph, r) for r in _items(graph, graph.value(action, HT.requests)))
        tests.append(ProtocolTest(str(entry).rsplit("#", 1)[1], graphs, steps))
    return tests


TESTS = load_tests()


def _params() -> list[object]:
    return [
        pytest.param(
            test,
            id=test.name,
            marks=[pytest.mark.xfail(strict=True, reason=XFAILS[test.name])]
            if test.name in XFAILS
            else [],
        )
        for test in TESTS
    ]


def test_the_suite_is_there() -> None:
    """34 tests with 39 requests, as store-perf.md counted; at most one may be excused."""
    if not TESTS:
        from tests.conftest import missing

        missing(f"the W3C protocol manifest {MANIFEST}")
    assert len(TESTS) == 34
    assert sum(len(test.steps) for test in TESTS) == 39
    assert len(XFAILS) <= 1
    assert set(XFAILS) <= {test.name for test in TESTS}


def _preload(server: Server, test: ProtocolTest) -> None:
    server.update("DROP ALL")
    server.put_graph(UNDECLARED_DEFAULT_GRAPH, b"", "application/n-triples")
    for label, path in test.graphs:
        server.put_graph(label, path.read_bytes(), "application/n-triples")


def _status_class(status: int) -> str:
    return f"StatusCode{status // 100}xx"


def _check(step: Step, response: httpx.Response) -> None:
    where = f"{step.method} {step.path}"
    assert _status_class(response.status_code) in step.statuses, (
        f"{where}: {response.status_code} {response.text[:300]}"
    )
    media_type = response.headers.get("content-type", "").split(";")[0].strip()
    if step.expected_format == "boolean":
        assert media_type in BOOLEAN_TYPES, where
        if media_type.endswith("json"):
            value = json.loads(response.content)["boolean"]
        else:
            value = "<boolean>true</boolean>" in response.text
        if step.expected_boolean is not None:
            assert value is step.expected_boolean, where
    elif step.expected_format == "tabular":
        assert media_type in TABULAR_TYPES, where
    elif step.expected_format == "RDF":
        assert media_type in RDF_TYPES, where
        Graph().parse(data=response.content, format=RDF_TYPES[media_type])


@pytest.mark.parametrize("test", _params())
def test_protocol(admin_server: Server, test: ProtocolTest) -> None:
    _preload(admin_server, test)
    for step in test.steps:
        assert step.path.startswith("/sparql/")
        url = admin_server.sparql + step.path[len("/sparql/") :]
        response = httpx.request(
            step.method,
            url,
            content=step.body,
            headers={**step.headers, **admin_server.auth()},
            timeout=30,
        )
        _check(step, response)
