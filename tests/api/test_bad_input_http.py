"""Bad input over HTTP, on the routes that exist now (``/sparql``, ``/store``).

Each case must get a 4xx problem (``application/problem+json`` with a ``rule``), never a
5xx, within a time bound; the server must stay up and the store unchanged; files naming a
remote resource point at a listener on 127.0.0.1 that nobody may reach. SERVICE, LOAD,
FROM, tokens and the query deadline are in ``test_sparql_safety.py``; this file adds the
shapes of input there: oversized, deeply nested, badly encoded, absurd numbers, graph
names that are paths, XML bombs and remote JSON-LD contexts.

Known failures are listed in ``KNOWN`` with their reason (strict: a fix makes them fail
until the entry is removed).
"""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator

import httpx
import pytest

from tests.api.conftest import ADMIN_TOKEN, Server, launch
from tests.api.test_sparql_safety import Listener
from tests.data.bad.make import _LAUGHS, _RDF_BOMB

GRAPH = "http://example.org/bad-input/kept"
KEPT = b'<http://example.org/s> <http://example.org/p> "kept" .\n'
TIME_BOUND = 20.0

# id -> reason; each id is a case below that fails today and must be fixed elsewhere.
KNOWN: dict[str, str] = {}


def case(id: str, *values: object) -> object:
    marks = [pytest.mark.xfail(reason=KNOWN[id], strict=True)] if id in KNOWN else []
    return pytest.param(*values, id=id, marks=marks)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A server with an admin token over its own store, holding one small graph."""
    store = tmp_path_factory.mktemp("bad-input-http") / "store"
    with launch(store, {"RESKG_ADMIN_TOKEN": ADMIN_TOKEN}) as running:
        running.put_graph(GRAPH, KEPT, "application/n-triples")
        yield running
        # After every case: the server answers and the graph is as it was put.
        assert httpx.get(f"{running.base}/health", timeout=10).status_code == 200
        kept = httpx.get(
            f"{running.base}/store",
            params={"graph": GRAPH},
            headers={"Accept": "application/n-triples", **running.auth()},
            timeout=10,
        )
        assert kept.status_code == 200 and kept.content.strip() == KEPT.strip()


@pytest.fixture()
def listener() -> Iterator[Listener]:
    recorder = Listener()
    yield recorder
    recorder.close()
    assert recorder.connections == 0, "a bad input made the server connect out"


def assert_problem(response: httpx.Response, elapsed: float, *statuses: int) -> None:
    assert response.status_code in statuses, (response.status_code, response.text[:500])
    assert response.headers["content-type"].startswith("application/problem+json")
    problem = response.json()
    assert problem["status"] == response.status_code and problem.get("rule"), problem
    assert "Traceback" not in response.text
    assert elapsed < TIME_BOUND


def nest(depth: int, open_: str, close: str, inner: str = "") -> str:
    return open_ * depth + inner + close * depth


@pytest.mark.parametrize(
    ("query", "params", "statuses"),
    [
        case("ten-megabytes", "ASK {} #" + "x" * 10 * 1024 * 1024, {}, (413,)),
        case("nested-groups-100k", "SELECT * " + nest(60_000, "{", "}"), {}, (413,)),
        case("nested-groups-1000", "SELECT * " + nest(1000, "{", "}"), {}, (400,)),
        case("nested-parens-1000", "ASK { FILTER(" + nest(1000, "(", ")", "1") + ") }", {}, (400,)),
        # Under MAX_NESTING, but past what rdflib's recursive parser can take.
        case("nested-parens-60", "ASK { FILTER(" + nest(60, "(", ")", "1") + ") }", {}, (400,)),
        case("nested-groups-60", "SELECT * " + nest(60, "{", "}"), {}, (400,)),
        case(
            "nested-blank-nodes-1000",
            "SELECT * { ?s ?p " + nest(1000, "[ <urn:p> ", " ]", "1") + " }",
            {},
            (400,),
        ),
        case("negative-limit", "SELECT * { ?s ?p ?o } LIMIT -1", {}, (400,)),
        case("limit-10e25", "SELECT * { ?s ?p ?o } LIMIT 10000000000000000000000000", {}, (400,)),
        case("offset-10e25", "SELECT * { ?s ?p ?o } OFFSET 10000000000000000000000000", {}, (400,)),
        case("default-graph-file", "ASK {}", {"default-graph-uri": "file:///etc/passwd"}, (400,)),
        case("default-graph-relative", "ASK {}", {"default-graph-uri": "../../etc/passwd"}, (400,)),
        case("named-graph-relative", "ASK {}", {"named-graph-uri": "../x"}, (400,)),
        case("default-graph-space", "ASK {}", {"default-graph-uri": "http://a b/"}, (400,)),
        case("from-relative", "SELECT * FROM <x> { ?s ?p ?o }", {}, (400,)),
        case("from-named-relative", "SELECT * FROM NAMED <../x> { ?s ?p ?o }", {}, (400,)),
        case("from-file", "SELECT * FROM <file:///etc/passwd> { ?s ?p ?o }", {}, (400,)),
    ],
)
def test_bad_queries(
    server: Server, listener: Listener, query: str, params: dict[str, str], statuses: tuple[int]
) -> None:
    started = time.monotonic()
    response = httpx.post(
        server.sparql,
        params=params,
        content=query.encode(),
        headers={"Content-Type": "application/sparql-query"},
        timeout=60,
    )
    assert_problem(response, time.monotonic() - started, *statuses)


_UPDATE = "INSERT { <urn:reskg:s> <urn:reskg:p> 1 } WHERE {}"


@pytest.mark.parametrize(
    ("method", "path", "params", "body", "rule", "detail"),
    [
        pytest.param(
            "POST",
            "/sparql",
            {},
            "ASK { FILTER(" + nest(1000, "(", ")", "1") + ") }",
            "query.nesting",
            "nests brackets 1002 levels deep; the limit is 200",
            id="parens-over-the-limit",
        ),
        pytest.param(
            "POST",
            "/sparql",
            {},
            "ASK { FILTER(" + nest(60, "(", ")", "1") + ") }",
            "query.nesting",
            "nests too deeply for the SPARQL parser",
            id="parens-past-the-parser",
        ),
        pytest.param(
            "POST",
            "/sparql",
            {"default-graph-uri": "../x"},
            "ASK {}",
            "graph.iri",
            "default-graph-uri: the graph name '../x' is not an absolute IRI",
            id="default-graph-uri",
        ),
        pytest.param(
            "POST",
            "/sparql",
            {"named-graph-uri": "x"},
            "ASK {}",
            "graph.iri",
            "named-graph-uri: the graph name 'x' is not an absolute IRI",
            id="named-graph-uri",
        ),
        pytest.param(
            "POST",
            "/sparql",
            {},
            "SELECT * FROM <x> {}",
            "graph.iri",
            "FROM: the graph name 'x' is not an absolute IRI",
            id="from",
        ),
        pytest.param(
            "POST",
            "/sparql",
            {"using-graph-uri": "../x"},
            _UPDATE,
            "graph.iri",
            "using-graph-uri: the graph name '../x' is not an absolute IRI",
            id="using-graph-uri",
        ),
        pytest.param(
            "POST",
            "/sparql",
            {},
            "INSERT DATA { <urn:a> <urn:b> " + nest(300, "(", ")") + " }",
            "query.nesting",
            "the limit is 200",
            id="update-nesting",
        ),
        pytest.param(
            "PUT",
            "/store",
            {"graph": "../x"},
            KEPT.decode(),
            "graph.iri",
            "graph: the graph name '../x' is not an absolute IRI",
            id="put-graph",
        ),
        pytest.param(
            "GET",
            "/store",
            {"graph": "../x"},
            "",
            "graph.iri",
            "graph: the graph name '../x' is not an absolute IRI",
            id="get-graph",
        ),
        pytest.param(
            "DELETE",
            "/store",
            {"graph": "x"},
            "",
            "graph.iri",
            "graph: the graph name 'x' is not an absolute IRI",
            id="delete-graph",
        ),
    ],
)
def test_deep_nesting_and_relative_graphs_are_the_callers_mistake(
    server: Server,
    method: str,
    path: str,
    params: dict[str, str],
    body: str,
    rule: str,
    detail: str,
) -> None:
    """400 with the rule, and a detail that names the parameter (or the limit)."""
    if path == "/store":
        content_type = "application/n-triples"
    elif body.startswith("INSERT"):
        content_type = "application/sparql-update"
    else:
        content_type = "application/sparql-query"
    started = time.monotonic()
    response = httpx.request(
        method,
        f"{server.base}{path}",
        params=params,
        content=body.encode(),
        headers={"Content-Type": content_type, **server.auth()},
        timeout=60,
    )
    assert_problem(response, time.monotonic() - started, 400)
    problem = response.json()
    assert problem["rule"] == rule, problem
    assert detail in problem["detail"], problem


def test_nesting_is_counted_outside_strings_iris_and_comments() -> None:
    """Brackets in string literals, IRIs and comments do not count toward MAX_NESTING."""
    from api.sparql_guard import MAX_NESTING, _nesting, check_query
    from reskg.store.interface import QueryRefused

    deep = "(" * (MAX_NESTING + 50)
    quiet = (
        f"ASK {{ FILTER(\"{deep}\" != '{deep}' && \"\"\"{deep}\n\"\"\" != '''{deep}''') "
        f"FILTER(<urn:x:{deep}> != <urn:y>) }} # {deep}\n"
    )
    assert _nesting(quiet) == 2
    checked = check_query(
        quiet,
        default_graph_uris=[],
        named_graph_uris=[],
        graph_exists=lambda _: True,
        max_bytes=100_000,
    )
    assert checked.kind == "boolean"
    # The same brackets outside a literal are refused before the parser sees them.
    assert _nesting("ASK { FILTER(" + nest(MAX_NESTING, "(", ")", "1") + ") }") == MAX_NESTING + 2
    with pytest.raises(QueryRefused, match="the limit is 200") as refused:
        check_query(
            "ASK {" + nest(MAX_NESTING + 1, "{", "}") + "}",
            default_graph_uris=[],
            named_graph_uris=[],
            graph_exists=lambda _: True,
            max_bytes=100_000,
        )
    assert refused.value.rule == "query.nesting"
    # Comparisons are not IRIs: "<" and ">" around spaces leave the brackets counted.
    assert _nesting("ASK { FILTER(?a < (((1))) && ?b > 2) }") == 5


@pytest.mark.parametrize(
    "body",
    [
        pytest.param("ASK {}".encode("utf-16"), id="utf-16"),
        pytest.param(b'ASK { FILTER("\xff\xfe") }', id="invalid-utf-8"),
        pytest.param(b"ASK {\x00}", id="nul"),
    ],
)
def test_badly_encoded_queries(server: Server, body: bytes) -> None:
    started = time.monotonic()
    response = httpx.post(
        server.sparql, content=body, headers={"Content-Type": "application/sparql-query"}
    )
    assert_problem(response, time.monotonic() - started, 400)


def raw_get(server: Server, target: bytes) -> bytes:
    """Send a GET with ``target`` as is (httpx refuses very long URLs) and read the answer;
    an empty answer means the server closed the connection."""
    host, port = server.base.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=30) as connection:
        try:
            connection.sendall(
                b"GET " + target + b" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
            )
        except ConnectionResetError:
            return b""
        answer = b""
        try:
            while chunk := connection.recv(65536):
                answer += chunk
        except ConnectionResetError:
            pass
    return answer


@pytest.mark.parametrize("size", [200_000, 10 * 1024 * 1024], ids=["200kb", "10mb"])
def test_very_long_query_strings_are_refused(server: Server, size: int) -> None:
    """The HTTP layer (h11) refuses a request line this long before the app sees it: a
    plain 400, or the connection closed. Either way, no 2xx and no 5xx."""
    answer = raw_get(server, b"/sparql?query=ASK%20%7B%7D" + b"%20" * (size // 3))
    assert answer == b"" or answer.startswith(b"HTTP/1.1 4"), answer[:200]


@pytest.mark.parametrize(
    ("graph", "data", "media_type", "statuses"),
    [
        case("put-relative-graph", "../../etc/passwd", KEPT, "application/n-triples", (400,)),
        case("rdf-xml-billion-laughs", GRAPH, _RDF_BOMB.encode(), "application/rdf+xml", (400,)),
        case("rdf-xml-akn-laughs", GRAPH, _LAUGHS.encode(), "application/rdf+xml", (400,)),
        case(
            "rdf-xml-external-entity",
            GRAPH,
            b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
            b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/>',
            "application/rdf+xml",
            (400,),
        ),
        case("turtle-garbage", GRAPH, b"@prefix : <x> . :a :b", "text/turtle", (400,)),
    ],
)
def test_bad_graph_store_writes(
    server: Server,
    listener: Listener,
    graph: str,
    data: bytes,
    media_type: str,
    statuses: tuple[int],
) -> None:
    started = time.monotonic()
    response = httpx.put(
        f"{server.base}/store",
        params={"graph": graph},
        content=data,
        headers={"Content-Type": media_type, **server.auth()},
        timeout=60,
    )
    assert_problem(response, time.monotonic() - started, *statuses)


@pytest.mark.parametrize(
    ("template", "media_type"),
    [
        pytest.param(
            '{{"@context": "http://127.0.0.1:{port}/context.jsonld", "@id": "http://e.org/x"}}',
            "application/ld+json",
            id="json-ld-remote-context",
        ),
        pytest.param(
            '[{{"@context": ["http://127.0.0.1:{port}/a", {{"x": "http://e.org/x"}}], "x": 1}}]',
            "application/ld+json",
            id="json-ld-remote-context-in-list",
        ),
        pytest.param(
            '<?xml version="1.0"?><!DOCTYPE r SYSTEM "http://127.0.0.1:{port}/r.dtd">'
            '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/>',
            "application/rdf+xml",
            id="rdf-xml-remote-dtd",
        ),
    ],
)
def test_remote_references_in_data_are_not_fetched(
    server: Server, listener: Listener, template: str, media_type: str
) -> None:
    body = template.format(port=listener.port).encode()
    started = time.monotonic()
    response = httpx.put(
        f"{server.base}/store",
        params={"graph": GRAPH},
        content=body,
        headers={"Content-Type": media_type, **server.auth()},
        timeout=60,
    )
    assert_problem(response, time.monotonic() - started, 400)


def test_each_query_text_is_parsed_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """rdflib's parser is slow and runs under one lock: the guard parses a text once; a
    text that fails fails every time."""
    from api import sparql_guard

    calls: list[str] = []
    parse = sparql_guard.parser.parseQuery

    def counting(text: str) -> object:
        calls.append(text)
        return parse(text)

    monkeypatch.setattr(sparql_guard.parser, "parseQuery", counting)
    text = "SELECT ?s WHERE { ?s ?p ?o } LIMIT 7 # parsed once"
    options = {
        "default_graph_uris": [],
        "named_graph_uris": [],
        "graph_exists": lambda _: True,
        "max_bytes": 10_000,
    }
    assert not sparql_guard.parsed(text)
    first = sparql_guard.check_query(text, **options)
    assert sparql_guard.parsed(text)  # the front checks it on the event loop from now on
    second = sparql_guard.check_query(text, **options)
    assert first == second and first.kind == second.kind
    assert calls == [text]
    broken = "SELECT ?s WHERE { # never closed"
    for _ in range(2):
        with pytest.raises(sparql_guard.QuerySyntaxError):
            sparql_guard.check_query(broken, **options)
    assert len(calls) == 3
    assert not sparql_guard.parsed(broken)
    # The memory is bounded: the least recently used text goes first.
    for n in range(sparql_guard._PARSED_MAX):
        sparql_guard.check_query(f"ASK {{ ?s ?p {n} }}", **options)
    assert not sparql_guard.parsed(text)
    assert len(sparql_guard._PARSED) == sparql_guard._PARSED_MAX
