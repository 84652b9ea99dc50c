"""The /sparql endpoint as clients see it: formats, negotiation, errors, real clients."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator, Mapping
from contextlib import AbstractContextManager

import httpx
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import JSON, TURTLE, XML, SPARQLWrapper

from tests.api.conftest import Server

GRAPH = "https://example.org/graph/endpoint"
DATA = b"""<https://example.org/r/1> <https://example.org/cites> <https://example.org/r/2> .
<https://example.org/r/1> <http://purl.org/dc/terms/title> "Resolution 1"@en .
<https://example.org/r/2> <http://purl.org/dc/terms/title> "R\xc3\xa9solution 2"@fr .
"""
SELECT = "SELECT ?s ?t WHERE { ?s <http://purl.org/dc/terms/title> ?t } ORDER BY ?s"
CONSTRUCT = (
    "CONSTRUCT { ?s <https://example.org/cites> ?o } WHERE { ?s <https://example.org/cites> ?o }"
)


@pytest.fixture(scope="module")
def server(admin_server: Server) -> Server:
    admin_server.put_graph(GRAPH, DATA, "application/n-triples")
    return admin_server


def _get(server: Server, query: str, **kwargs: object) -> httpx.Response:
    params = {"query": query, **kwargs.pop("params", {})}  # type: ignore[dict-item]
    return httpx.get(server.sparql, params=params, timeout=30, **kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("accept", "media_type"),
    [
        ("application/sparql-results+json", "application/sparql-results+json"),
        ("application/sparql-results+xml", "application/sparql-results+xml"),
        ("text/csv", "text/csv"),
        ("text/tab-separated-values", "text/tab-separated-values"),
        ("application/json", "application/sparql-results+json"),
        ("text/csv;q=0.5, application/sparql-results+xml;q=0.9", "application/sparql-results+xml"),
        ("*/*", "application/sparql-results+json"),
    ],
)
def test_select_formats_by_accept(server: Server, accept: str, media_type: str) -> None:
    response = _get(server, SELECT, headers={"Accept": accept})
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == media_type


def test_select_answers_agree_across_formats(server: Server) -> None:
    as_json = _get(server, SELECT, params={"format": "json"}).json()
    titles = [row["t"]["value"] for row in as_json["results"]["bindings"]]
    assert titles == ["Resolution 1", "Résolution 2"]
    rows = list(csv.DictReader(io.StringIO(_get(server, SELECT, params={"format": "csv"}).text)))
    assert [row["t"] for row in rows] == titles


@pytest.mark.parametrize(
    ("accept", "rdflib_format"),
    [
        ("text/turtle", "turtle"),
        ("application/n-triples", "nt"),
        ("application/ld+json", "json-ld"),
        ("application/rdf+xml", "xml"),
    ],
)
def test_construct_formats(server: Server, accept: str, rdflib_format: str) -> None:
    response = _get(server, CONSTRUCT, headers={"Accept": accept})
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == accept
    graph = Graph().parse(data=response.content, format=rdflib_format)
    assert (
        URIRef("https://example.org/r/1"),
        URIRef("https://example.org/cites"),
        URIRef("https://example.org/r/2"),
    ) in graph


def test_describe_answers_rdf(server: Server) -> None:
    response = _get(server, "DESCRIBE <https://example.org/r/1>")
    assert response.headers["content-type"].startswith("text/turtle")
    assert len(Graph().parse(data=response.text, format="turtle")) == 2


def test_format_parameter_wins_over_accept(server: Server) -> None:
    response = _get(server, SELECT, params={"format": "xml"}, headers={"Accept": "text/csv"})
    assert response.headers["content-type"].startswith("application/sparql-results+xml")
    graph = _get(server, CONSTRUCT, params={"format": "xml"})
    assert graph.headers["content-type"].startswith("application/rdf+xml")


@pytest.mark.parametrize(
    ("query", "headers", "params"),
    [
        (SELECT, {"Accept": "image/png"}, {}),
        ("ASK {}", {"Accept": "text/csv"}, {}),
        (CONSTRUCT, {"Accept": "application/sparql-results+json"}, {}),
        (SELECT, {}, {"format": "pdf"}),
    ],
)
def test_nothing_acceptable_is_406(
    server: Server, query: str, headers: dict[str, str], params: dict[str, str]
) -> None:
    response = _get(server, query, headers=headers, params=params)
    assert response.status_code == 406
    assert response.headers["content-type"] == "application/problem+json"


def test_service_description(server: Server) -> None:
    response = httpx.get(server.sparql, headers={"Accept": "text/turtle"})
    graph = Graph().parse(data=response.text, format="turtle")
    sd = "http://www.w3.org/ns/sparql-service-description#"
    assert (None, URIRef(sd + "endpoint"), URIRef(server.sparql)) in graph
    assert (None, URIRef(sd + "supportedLanguage"), URIRef(sd + "SPARQL11Update")) in graph


def test_malformed_query_says_where(server: Server) -> None:
    response = _get(server, "SELECT * WHERE { ?s ?p }")
    assert response.status_code == 400
    assert response.json()["rule"] == "query.syntax"
    assert "col" in response.json()["detail"]


def test_query_size_cap(server: Server) -> None:
    big = "ASK {} #" + "x" * 200_000
    response = httpx.post(
        server.sparql, content=big, headers={"Content-Type": "application/sparql-query"}
    )
    assert response.status_code == 413


def test_utf16_body_is_refused_and_latin1_bytes_are_400(server: Server) -> None:
    utf16 = httpx.post(
        server.sparql,
        content="ASK {}".encode("utf-16"),
        headers={"Content-Type": "application/sparql-query; charset=UTF-16"},
    )
    assert utf16.status_code == 415
    assert "UTF-8" in utf16.json()["detail"]
    latin1 = httpx.post(
        server.sparql,
        content='ASK { FILTER("é" = "é") }'.encode("latin-1"),
        headers={"Content-Type": "application/sparql-query"},
    )
    assert latin1.status_code == 400


def test_utf8_with_charset_parameter_is_fine(server: Server) -> None:
    response = httpx.post(
        server.sparql,
        content='ASK { ?s ?p "Résolution 2"@fr }'.encode(),
        headers={"Content-Type": "application/sparql-query; charset=utf-8"},
    )
    assert response.json()["boolean"] is True


def test_sparqlwrapper_select_ask_construct(server: Server) -> None:
    client = SPARQLWrapper(server.sparql)
    client.setQuery(SELECT)
    client.setReturnFormat(JSON)
    rows = client.query().convert()["results"]["bindings"]  # type: ignore[index,call-overload]
    assert [row["s"]["value"] for row in rows] == [
        "https://example.org/r/1",
        "https://example.org/r/2",
    ]
    client.setQuery("ASK { ?s <https://example.org/cites> ?o }")
    client.setReturnFormat(XML)
    assert client.query().convert().getElementsByTagName("boolean")[0].firstChild.data == "true"  # type: ignore[union-attr]
    for return_format in (TURTLE, XML):
        client.setQuery(CONSTRUCT)
        client.setReturnFormat(return_format)
        graph = client.query().convert()
        if isinstance(graph, bytes):
            graph = Graph().parse(data=graph, format="turtle")
        assert isinstance(graph, Graph)
        assert len(graph) == 1


@pytest.mark.parametrize("method", ["GET", "POST", "POST_FORM"])
def test_rdflib_sparqlstore(server: Server, method: str) -> None:
    store = SPARQLStore(server.sparql, method=method)
    graph = Graph(store=store)
    titles = sorted(str(row[1]) for row in graph.query(SELECT))  # type: ignore[index]
    assert titles == ["Resolution 1", "Résolution 2"]
    assert graph.query("ASK { ?s <https://example.org/cites> ?o }").askAnswer is True
    constructed = graph.query(CONSTRUCT).graph
    assert constructed is not None and len(constructed) == 1
    assert (
        URIRef("https://example.org/r/2"),
        URIRef("http://purl.org/dc/terms/title"),
        Literal("Résolution 2", lang="fr"),
    ) in graph
    store.close()


def test_result_row_cap_refuses_rather_than_truncates(
    launcher: Callable[[Mapping[str, str]], AbstractContextManager[Server]],
) -> None:
    with launcher({"RESKG_MAX_RESULT_ROWS": "2"}) as capped:
        ok = _get(capped, "SELECT ?x { VALUES ?x { 1 2 } }")
        assert ok.status_code == 200
        assert len(json.loads(ok.content)["results"]["bindings"]) == 2
        over = _get(capped, "SELECT ?x { VALUES ?x { 1 2 3 } }")
        assert over.status_code == 400
        assert over.json()["rule"] == "query.result-size"


@pytest.mark.parametrize("how", ["form", "body", "chunked body"])
def test_a_large_update_passes_the_query_front_whole(server: Server, how: str) -> None:
    """The front (api.sparql_front) reads a POST body to see whether it is a query; an
    update goes on to the route with that body replayed. A body of about 95 kB arrives in
    several pieces and must reach the route whole."""
    graph = f"https://example.org/graph/large-{how.replace(' ', '-')}"
    triples = " ".join(
        f'<https://example.org/large/{n}> <https://example.org/n> "{n:06d}" .' for n in range(1400)
    )
    text = f"INSERT DATA {{ GRAPH <{graph}> {{ {triples} }} }}"
    assert 90_000 < len(text) < 100_000  # under the update size limit, over one read
    headers = server.auth()
    if how == "form":
        response = httpx.post(server.sparql, data={"update": text}, headers=headers, timeout=30)
    else:
        body = text.encode()
        content: bytes | Iterator[bytes] = (
            body if how == "body" else iter([body[i : i + 7000] for i in range(0, len(body), 7000)])
        )
        headers = {**headers, "Content-Type": "application/sparql-update"}
        response = httpx.post(server.sparql, content=content, headers=headers, timeout=30)
    assert response.status_code == 204, response.text
    count = _get(
        server,
        f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}",
        headers={"Accept": "application/sparql-results+json"},
    )
    assert count.json()["results"]["bindings"][0]["n"]["value"] == "1400"


@pytest.mark.parametrize(
    "scope",
    [
        {
            "scheme": "http",
            "server": ("127.0.0.1", 8000),
            "root_path": "",
            "path": "/sparql",
            "query_string": b"query=ASK",
            "headers": [(b"host", b"example.org:8000")],
        },
        {
            "scheme": "https",
            "server": ("127.0.0.1", 443),
            "root_path": "/api",
            "path": "/api/sparql",
            "query_string": b"",
            "headers": [],
        },
        {
            "scheme": "http",
            "server": ("10.0.0.1", 8080),
            "root_path": "",
            "path": "/sparql",
            "query_string": b"a=b",
            "headers": [],
        },
        {
            "scheme": "http",
            "server": None,
            "root_path": "",
            "path": "/sparql",
            "query_string": b"",
            "headers": [(b"host", b"reskg.example")],
        },
    ],
    ids=["host-header", "root-path-default-port", "no-host-header", "no-server"],
)
def test_the_endpoint_iri_is_the_request_url_without_its_query(scope: dict[str, object]) -> None:
    """The base IRI of relative IRIs, remembered per server (api.routes.sparql)."""
    from starlette.requests import Request

    from api.routes.sparql import _endpoint

    request = Request({"type": "http", **scope})
    assert _endpoint(request) == str(request.url.replace(query="", fragment=""))
    assert "?" not in _endpoint(request)


def test_an_error_in_the_route_behind_the_front_is_answered_once() -> None:
    """An update goes on to the app; if the app fails there after sending its 500 (as
    Starlette's error middleware does, re-raising), the front must not answer again."""
    import asyncio
    from types import SimpleNamespace

    from api.settings import Settings
    from api.sparql_front import SparqlFront

    class Failing:
        state = SimpleNamespace(settings=Settings(), served=None)

        async def __call__(self, scope: object, receive: Callable, send: Callable) -> None:
            message = await receive()
            assert message["body"] == b"INSERT DATA { <a:b> <a:c> <a:d> }"  # replayed whole
            await send({"type": "http.response.start", "status": 500, "headers": []})
            await send({"type": "http.response.body", "body": b"{}"})
            raise RuntimeError("the route failed")

    body = b"INSERT DATA { <a:b> <a:c> <a:d> }"
    scope = {
        "type": "http",
        "method": "POST",
        "path": "/sparql",
        "query_string": b"",
        "headers": [(b"content-type", b"application/sparql-update")],
    }
    sent: list[dict[str, object]] = []

    async def receive() -> dict[str, object]:
        return {"type": "http.request", "body": body, "more_body": False}

    async def send(message: dict[str, object]) -> None:
        sent.append(message)

    front = SparqlFront(Failing())  # type: ignore[arg-type]
    with pytest.raises(RuntimeError, match="the route failed"):
        asyncio.run(front(scope, receive, send))
    assert [m["type"] for m in sent] == ["http.response.start", "http.response.body"]
