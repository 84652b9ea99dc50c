"""Schemathesis against the OpenAPI schema of a running ``reskg serve``: no operation
answers 5xx, whatever it is sent.

Two real servers, each over its own copy of the small test graph (``graph_store_dir``),
their schemas loaded from their own ``/openapi.json``:

* a public one (no admin token, 2 s query timeout): every operation gets schemathesis'
  three phases (the schema's examples, its coverage cases, positive and negative
  fuzzing), then cases aimed at what the schema cannot describe (SPARQL texts,
  named-query parameters, citations, IRIs of the graph); the admin operations must
  refuse with 403;
* an admin one (``RESKG_ADMIN_TOKEN``, 2 s query timeout) over a throwaway copy: the
  admin operations refuse without the token (401) and, with it, answer no 5xx to graph
  names, bodies and media types drawn from a table (the Graph Store Protocol declares none
  of its parameters in the schema), nor to SPARQL updates.

Each operation is one test, so a finding that cannot be fixed here is marked
``xfail(strict=True)`` alone (``KNOWN``). Examples are bounded and derandomized (no
hypothesis database): about a minute on two cores. ``RESKG_SCHEMATHESIS_EXAMPLES`` raises
the bound for a deeper hunt.

The schema cannot say that ``/akn/{path}`` (and ``/id``, ``/doc``) takes a path of several
segments: schemathesis percent-encodes the ``/`` of a generated path, as OpenAPI says it
must. The IRIs of the graph are therefore also dereferenced as they are, with httpx.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import APIOperation, BaseSchema, Case, GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.generation.feedback import FeedbackSources
from schemathesis.pytest._test_builder import build_operation_test  # private: hence the pin
from schemathesis.specs.openapi.checks import content_type_conformance, status_code_conformance

from tests.api.conftest import ADMIN_TOKEN, Server, copy_store, launch

pytestmark = pytest.mark.slow

EXAMPLES = int(os.environ.get("RESKG_SCHEMATHESIS_EXAMPLES", "25"))
TIMEOUT = 30  # seconds per request: far above the 2 s query timeout

SETTINGS = settings(
    max_examples=EXAMPLES,
    derandomize=True,
    database=None,
    deadline=None,
    print_blob=False,
    suppress_health_check=list(HealthCheck),
)

# Bodies in these media types are sent as they are (bytes or text).
schemathesis.serializer.alias(
    [
        "application/sparql-query",
        "application/sparql-update",
        "text/turtle",
        "application/n-triples",
        "application/n-quads",
        "application/trig",
        "application/ld+json",
        "application/rdf+xml",
        "text/x-unknown",
    ],
    "text/plain",
)

# Every operation of the schema, as (method, path). A new route fails
# test_every_operation_is_listed until it is added here.
ADMIN = [
    ("GET", "/store"),
    ("HEAD", "/store"),
    ("PUT", "/store"),
    ("POST", "/store"),
    ("DELETE", "/store"),
]
PUBLIC = [
    ("GET", "/health"),
    ("GET", "/sparql"),
    ("POST", "/sparql"),
    ("GET", "/lineage"),
    ("GET", "/instruments"),
    ("GET", "/queries"),
    ("GET", "/queries/{name}"),
    ("POST", "/extract"),
    ("GET", "/ontology"),
    ("GET", "/ontology/{name}"),
    ("GET", "/akn/{path}"),
    ("GET", "/id/{path}"),
    ("GET", "/doc/{path}"),
]
# Findings that could not be fixed here: (method, path) -> reason.
KNOWN: dict[tuple[str, str], str] = {}


def _marked(operations: list[tuple[str, str]]) -> list[Any]:
    params = []
    for method, path in operations:
        marks = []
        if (method, path) in KNOWN:
            marks.append(pytest.mark.xfail(strict=True, reason=KNOWN[(method, path)]))
        params.append(pytest.param(method, path, marks=marks, id=f"{method} {path}"))
    return params


# Where the schema does not describe what an operation answers, only the 5xx check runs;
# the others also get schemathesis' status-code and content-type conformance checks.
# Closing a gap means declaring the statuses and media types in the route (api/routes/).
STATUS_GAPS: dict[tuple[str, str], str] = {
    ("GET", "/sparql"): "declares 200 only; answers 400, 406 and 503 too",
    ("POST", "/sparql"): "declares 200 only; answers 204, 400, 401, 403, 406, 413, 415, 503 too",
    **dict.fromkeys(ADMIN, "declares 200 only; answers 201, 204, 400, 401, 403, 404, 406, 415 too"),
    ("GET", "/ontology"): "a bad format answers 400, undeclared (422 is declared)",
    **{
        ("GET", f"/{area}/{{path}}"): "a bad format answers 400 and a bad Accept 406, undeclared"
        for area in ("akn", "id", "doc")
    },
}
CONTENT_TYPE_GAPS: dict[tuple[str, str], str] = {
    ("GET", "/sparql"): "declares application/json; answers SPARQL results and RDF by Accept",
    ("POST", "/sparql"): "declares application/json; answers SPARQL results and RDF by Accept",
    ("GET", "/store"): "declares application/json; answers RDF by Accept",
    ("HEAD", "/store"): "declares application/json; answers RDF by Accept",
    **{
        ("GET", f"/{area}/{{path}}"): "declares application/json; answers RDF by format"
        for area in ("akn", "id", "doc")
    },
}


def _checks(operation: APIOperation) -> list[Any]:
    key = (operation.method.upper(), operation.path)
    checks: list[Any] = [not_a_server_error]
    if key not in STATUS_GAPS:
        checks.append(status_code_conformance)
    if key not in CONTENT_TYPE_GAPS:
        checks.append(content_type_conformance)
    return checks


# -- servers and what their graph holds -----------------------------------------------------


@dataclass(frozen=True)
class Target:
    server: Server
    schema: BaseSchema
    graphs: list[str]  # named graphs of the store
    nodes: list[str]  # IRIs the graph describes


def _select(server: Server, query: str) -> list[str]:
    response = httpx.get(
        server.sparql,
        params={"query": query},
        headers={"Accept": "application/sparql-results+json"},
        timeout=TIMEOUT,
    )
    response.raise_for_status()
    return sorted(row["x"]["value"] for row in response.json()["results"]["bindings"] if "x" in row)


def _target(server: Server) -> Target:
    return Target(
        server,
        schemathesis.openapi.from_url(f"{server.base}/openapi.json"),
        _select(server, "SELECT DISTINCT ?x WHERE { GRAPH ?x {} }"),
        _select(server, "SELECT DISTINCT ?x WHERE { ?x a ?c FILTER(isIRI(?x)) }"),
    )


@pytest.fixture(scope="module")
def public(graph_store_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Target]:
    store = copy_store(graph_store_dir, tmp_path_factory, "schemathesis-public")
    with launch(store, {"RESKG_QUERY_TIMEOUT": "2"}) as server:
        yield _target(server)


@pytest.fixture(scope="module")
def admin(graph_store_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Target]:
    store = copy_store(graph_store_dir, tmp_path_factory, "schemathesis-admin")
    env = {"RESKG_ADMIN_TOKEN": ADMIN_TOKEN, "RESKG_QUERY_TIMEOUT": "2"}
    with launch(store, env) as server:
        yield _target(server)


# -- running cases --------------------------------------------------------------------------

Expect = Callable[[int], bool]
Raw = tuple[str, dict[str, str]]  # a path with its query string, and headers


def _send(
    target: Target, case: Case, headers: dict[str, str] | None, expect: Expect | None
) -> None:
    response = case.call(base_url=target.server.base, headers=headers, timeout=TIMEOUT)
    case.validate_response(response, checks=_checks(case.operation), headers=headers)
    if expect is not None:
        assert expect(response.status_code), (
            f"{case.method} {case.formatted_path} {case.query}: {response.status_code}"
        )


def _schema_phases(
    target: Target,
    method: str,
    path: str,
    headers: dict[str, str] | None = None,
    expect: Expect | None = None,
) -> None:
    """Schemathesis' examples, coverage and fuzzing phases for one operation, built as its
    own pytest plugin builds them (a private function: schemathesis is pinned exactly)."""

    def test(case: Case) -> None:
        _send(target, case, headers, expect)

    operation = target.schema[path][method]
    build_operation_test(
        config=target.schema.config,
        operation=operation,
        test_func=test,
        given_kwargs={},
        feedback=FeedbackSources(),
        explicit_settings=SETTINGS,
    )()


def _aimed(
    target: Target,
    strategy: st.SearchStrategy[Case],
    headers: dict[str, str] | None = None,
    expect: Expect | None = None,
) -> None:
    @SETTINGS
    @given(case=strategy)
    def test(case: Case) -> None:
        _send(target, case, headers, expect)

    test()


def _raw(target: Target, strategy: st.SearchStrategy[Raw]) -> None:
    """Send each (path, headers) as it is: no 5xx."""
    with httpx.Client(base_url=target.server.base, timeout=TIMEOUT) as client:

        @SETTINGS
        @given(request=strategy)
        def test(request: Raw) -> None:
            path, headers = request
            response = client.get(path, headers=headers)
            assert response.status_code < 500, f"GET {path} {headers}: {response.status_code}"

        test()


def _alive(target: Target) -> None:
    assert httpx.get(f"{target.server.base}/health", timeout=10).status_code == 200


# -- inputs the schema does not describe ----------------------------------------------------

SELECTS = [
    "SELECT * WHERE { ?s ?p ?o } LIMIT 5",
    "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }",
    "SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p ORDER BY DESC(?n) LIMIT 10",
    "SELECT ?s WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?l "
    'FILTER(REGEX(?l, "res", "i")) } LIMIT 10',
    'SELECT ?x WHERE { BIND(REGEX("a", "(") AS ?x) }',
    'SELECT ?x WHERE { BIND(REPLACE("abc", "", "x") AS ?x) }',
    'SELECT (1/0 AS ?x) (STRDT("x", <http://www.w3.org/2001/XMLSchema#integer>) AS ?y) {}',
    'SELECT (xsd:dateTime("2020-02-30T00:00:00Z") AS ?d) WHERE {} # no prefix: a parse error',
    "SELECT ?s ?o WHERE { ?s <https://w3id.org/reskg/ont#cites>+ ?o } LIMIT 20",
    "SELECT * WHERE { VALUES ?x { 1 2 3 } } OFFSET 2 LIMIT 1",
    "SELECT * WHERE { ?s ?p ?o } LIMIT 0",
    "SELECT * FROM <https://w3id.org/reskg/graph/lineage> WHERE { ?s ?p ?o } LIMIT 3",
    "SELECT * FROM NAMED <https://w3id.org/reskg/graph/lineage> "
    "WHERE { GRAPH ?g { ?s ?p ?o } } LIMIT 3",
    "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    "ASK { ?s ?p ?o }",
    "ASK {}",
    "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 10",
    "CONSTRUCT WHERE { ?s a ?c } LIMIT 5",
    "DESCRIBE <https://w3id.org/reskg/akn/un/statement/deliberation/itu-pp/res-140>",
    "DESCRIBE ?s WHERE { ?s ?p ?o } LIMIT 2",
    "SELECT * WHERE { ?s ?p ?o",
    "SELECT * WHERE " + "{" * 40 + "}" * 40,
    "SELECT * WHERE " + "{" * 1000 + "}" * 1000,
    "ASK { FILTER(" + "(" * 1000 + "1" + ")" * 1000 + ") }",
    "",
    "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
    "LOAD <http://127.0.0.1:9/x>",
]
ACCEPTS = [
    None,
    "*/*",
    "application/sparql-results+json",
    "application/sparql-results+xml",
    "text/csv",
    "text/tab-separated-values",
    "text/turtle",
    "application/n-triples",
    "application/ld+json",
    "application/rdf+xml",
    "text/html",
    "application/json;q=0.5, text/csv;q=0.9",
    "image/png",
    "text/*;q=0",
    ";;;,q=x",
]
ODD_GRAPHS = ["urn:x:none", "file:///etc/passwd", "../x", "x", "", "http://a b/", "_:b0"]
FORMATS = [None, "json", "xml", "csv", "tsv", "ttl", "turtle", "nt", "jsonld", "rdf", "html", "x"]


def _texts(choices: list[str]) -> st.SearchStrategy[str]:
    """A text of the table, as it is or with a few characters of noise added."""
    noise = st.text(min_size=1, max_size=8)
    return st.one_of(
        st.sampled_from(choices),
        st.tuples(st.sampled_from(choices), noise, st.integers(0, 200)).map(
            lambda t: t[0][: t[2]] + t[1] + t[0][t[2] :]
        ),
    )


def _accept(accept: str | None) -> dict[str, str]:
    return {} if accept is None else {"Accept": accept}


def sparql_get(target: Target) -> st.SearchStrategy[Case]:
    operation = target.schema["/sparql"]["GET"]
    graphs = st.lists(st.sampled_from([*target.graphs, *ODD_GRAPHS]))

    @st.composite
    def cases(draw: st.DrawFn) -> Case:
        query: dict[str, Any] = {"query": draw(_texts(SELECTS))}
        fmt = draw(st.sampled_from(FORMATS))
        if fmt is not None:
            query["format"] = fmt
        if draw(st.booleans()):
            query["default-graph-uri"] = draw(graphs)
            query["named-graph-uri"] = draw(graphs)
        headers = _accept(draw(st.sampled_from(ACCEPTS)))
        return draw(operation.as_strategy(query=query, headers=headers))

    return cases()


def sparql_post(target: Target) -> st.SearchStrategy[Case]:
    operation = target.schema["/sparql"]["POST"]

    @st.composite
    def cases(draw: st.DrawFn) -> Case:
        text = draw(_texts(SELECTS))
        headers = _accept(draw(st.sampled_from(ACCEPTS)))
        how = draw(st.sampled_from(["direct", "form", "update", "charset"]))
        if how == "form":
            body: Any = {"query": text}
            media_type = "application/x-www-form-urlencoded"
        elif how == "update":
            body, media_type = text, "application/sparql-update"
        elif how == "charset":
            body, media_type = text.encode("utf-16"), "application/sparql-query"
        else:
            body, media_type = text, "application/sparql-query"
        return draw(operation.as_strategy(body=body, media_type=media_type, headers=headers))

    return cases()


def named_query(target: Target) -> st.SearchStrategy[Case]:
    operation = target.schema["/queries/{name}"]["GET"]
    listed = httpx.get(f"{target.server.base}/queries", timeout=TIMEOUT).json()
    values = st.one_of(
        st.sampled_from(target.nodes or ["urn:x"]),
        st.sampled_from(["2020-01-01", "2020-02-30", "0001-01-01", "99999-01-01", "12", "-1"]),
        st.sampled_from(["", " ", "urn:x", "not an iri", "http://a b/", "<x>", '"x"@en']),
        st.text(max_size=20),
    )

    @st.composite
    def cases(draw: st.DrawFn) -> Case:
        described = draw(st.sampled_from(listed))
        query: dict[str, Any] = {}
        for parameter in described["parameters"]:
            if draw(st.integers(0, 3)):
                query[parameter["name"]] = draw(values)
        if draw(st.booleans()):
            query["format"] = draw(st.sampled_from(["json", "csv", "tsv"]))
        return draw(operation.as_strategy(path_parameters={"name": described["name"]}, query=query))

    return cases()


CITATIONS = [
    "Resolution 140 (Rev. Bucharest, 2022)",
    "Resolution 140 (Rev. Dubai, 2018)",
    "Res. 71",
    "A/RES/78/132",
    "résolution 1334 (2023)",
    "Resolution 140",
    "Agenda de Tunis",
    "WSIS",
]


def lineage(target: Target) -> st.SearchStrategy[Case]:
    operation = target.schema["/lineage"]["GET"]

    @st.composite
    def cases(draw: st.DrawFn) -> Case:
        query: dict[str, Any] = {}
        if draw(st.booleans()):
            query["cite"] = draw(_texts(CITATIONS))
        else:
            query["id"] = draw(st.sampled_from(target.nodes or ["urn:x"]))
        query["direction"] = draw(st.sampled_from(["up", "down", "both"]))
        query["depth"] = draw(st.integers(1, 5))
        if draw(st.booleans()):
            query["as_of"] = draw(st.sampled_from(["2000-01-01", "2019-06-30", "9999-12-31"]))
        return draw(operation.as_strategy(query=query))

    return cases()


def instruments(target: Target) -> st.SearchStrategy[Case]:
    operation = target.schema["/instruments"]["GET"]
    words = st.one_of(_texts(CITATIONS), st.text(max_size=30))
    return st.tuples(words, st.integers(1, 100), st.integers(0, 50)).flatmap(
        lambda t: operation.as_strategy(query={"q": t[0], "limit": t[1], "offset": t[2]})
    )


def dereference(target: Target, area: str) -> st.SearchStrategy[Raw]:
    """The graph's IRIs under ``area`` as paths of this server (the IRI base is the
    default one), with noise, a ``format`` and an ``Accept``."""
    prefix = f"https://w3id.org/reskg/{area}/"
    paths = [
        node[len(prefix) - len(area) - 2 :] for node in target.nodes if node.startswith(prefix)
    ]

    @st.composite
    def requests(draw: st.DrawFn) -> Raw:
        path = quote(draw(_texts(paths or [f"/{area}/x"])), safe="/%@:")
        fmt = draw(st.sampled_from(FORMATS))
        query = "" if fmt is None else f"?format={quote(fmt)}"
        return path + query, _accept(draw(st.sampled_from(ACCEPTS)))

    return requests()


AIMED: dict[tuple[str, str], Callable[[Target], st.SearchStrategy[Case]]] = {
    ("GET", "/sparql"): sparql_get,
    ("POST", "/sparql"): sparql_post,
    ("GET", "/queries/{name}"): named_query,
    ("GET", "/lineage"): lineage,
    ("GET", "/instruments"): instruments,
}

# Graph Store Protocol requests: a graph, a body and its media type.
RDF_BODIES: list[tuple[bytes, str]] = [
    (b"<urn:a> <urn:b> <urn:c> .\n", "application/n-triples"),
    (b'@prefix ex: <urn:ex:> . ex:a ex:b "c"@en .\n', "text/turtle"),
    (b'{"@id": "urn:a", "urn:b": "c"}', "application/ld+json"),
    (
        b'<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"'
        b' xmlns:ex="urn:ex:"><rdf:Description rdf:about="urn:a"><ex:b>c</ex:b>'
        b"</rdf:Description></rdf:RDF>",
        "application/rdf+xml",
    ),
    (b"<urn:a> <urn:b> <urn:c> <urn:g> .\n", "application/n-quads"),
    (b"<urn:g> { <urn:a> <urn:b> <urn:c> . }\n", "application/trig"),
    (b"<urn:a> <urn:b> .", "text/turtle"),
    (b"", "text/turtle"),
    (b"\x00\xff\xfe binary", "application/n-triples"),
    (b"<urn:a> <urn:b> <urn:c> .", "text/x-unknown"),
]


def graph_store(method: str) -> Callable[[Target], st.SearchStrategy[Case]]:
    def strategy(target: Target) -> st.SearchStrategy[Case]:
        operation = target.schema["/store"][method]
        names = [*target.graphs, "urn:x:new", "http://example.org/g", *ODD_GRAPHS]

        @st.composite
        def cases(draw: st.DrawFn) -> Case:
            which = draw(st.sampled_from(["graph", "default", "both", "two"]))
            query: dict[str, Any] = {
                "graph": {"graph": draw(st.sampled_from(names))},
                "default": {"default": ""},
                "both": {"graph": "urn:x:new", "default": ""},
                "two": {"graph": ["urn:x:a", "urn:x:b"]},
            }[which]
            headers = _accept(draw(st.sampled_from(ACCEPTS)))
            if method in ("PUT", "POST"):
                body, media_type = draw(st.sampled_from(RDF_BODIES))
                return draw(
                    operation.as_strategy(
                        query=query, headers=headers, body=body, media_type=media_type
                    )
                )
            return draw(operation.as_strategy(query=query, headers=headers))

        return cases()

    return strategy


ADMIN_AIMED = {(method, path): graph_store(method) for method, path in ADMIN}


def _every_case(target: Target, method: str, path: str) -> st.SearchStrategy[Case]:
    operation = target.schema[path][method]
    aimed = ADMIN_AIMED.get((method, path)) or AIMED.get((method, path))
    return aimed(target) if aimed else _both(operation)


def _both(operation: APIOperation) -> st.SearchStrategy[Case]:
    return st.one_of(
        operation.as_strategy(GenerationMode.POSITIVE),
        operation.as_strategy(GenerationMode.NEGATIVE),
    )


# -- the tests ------------------------------------------------------------------------------


def test_every_operation_is_listed(public: Target) -> None:
    served = {
        (method.upper(), path)
        for path, item in public.schema.raw_schema["paths"].items()
        for method in item
        if method in {"get", "put", "post", "delete", "head", "patch", "options"}
    }
    assert served == set(ADMIN) | set(PUBLIC)


@pytest.mark.parametrize(("method", "path"), _marked(PUBLIC))
def test_public_operation_never_answers_5xx(public: Target, method: str, path: str) -> None:
    _schema_phases(public, method, path)
    if (method, path) in AIMED:
        _aimed(public, AIMED[(method, path)](public))
    if path.endswith("/{path}"):
        _raw(public, dereference(public, path.split("/")[1]))
    _alive(public)


@pytest.mark.parametrize(("method", "path"), _marked(ADMIN))
def test_admin_operation_refused_when_the_server_has_no_token(
    public: Target, method: str, path: str
) -> None:
    """Without RESKG_ADMIN_TOKEN every Graph Store request is refused: 403."""

    def refused(status: int) -> bool:
        return status in (403, 405)  # 405: the coverage phase's undeclared methods

    _schema_phases(public, method, path, expect=refused)
    _aimed(public, ADMIN_AIMED[(method, path)](public), expect=lambda status: status == 403)
    _alive(public)


@pytest.mark.parametrize(("method", "path"), _marked(ADMIN))
def test_admin_operation_refused_without_the_token(admin: Target, method: str, path: str) -> None:
    """With RESKG_ADMIN_TOKEN, a request without it (or with another) is refused: 401."""

    def refused(status: int) -> bool:
        return status in (401, 405)

    _schema_phases(admin, method, path, expect=refused)
    strategy = ADMIN_AIMED[(method, path)](admin)
    _aimed(admin, strategy, expect=lambda status: status == 401)
    wrong = {"Authorization": "Bearer not-the-token"}
    _aimed(admin, strategy, headers=wrong, expect=lambda status: status == 401)
    _alive(admin)


@pytest.mark.parametrize(("method", "path"), _marked([*ADMIN, ("POST", "/sparql")]))
def test_admin_operation_with_the_token_never_answers_5xx(
    admin: Target, method: str, path: str
) -> None:
    """With the token, on a throwaway store: writes, dumps and updates, no 5xx."""
    token = {"Authorization": f"Bearer {ADMIN_TOKEN}"}
    _schema_phases(admin, method, path, headers=token)
    _aimed(admin, _every_case(admin, method, path), headers=token)
    _alive(admin)
