"""/store: the Graph Store Protocol behind the admin token."""

from __future__ import annotations

import httpx
import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from tests.api.conftest import Server

GRAPH = "https://example.org/graph/gsp"
TURTLE = b'@prefix ex: <https://example.org/> .\nex:a ex:p "one", "two" .\n'


def _store(
    server: Server, method: str, body: bytes | None = None, **headers: str
) -> httpx.Response:
    return httpx.request(
        method,
        f"{server.base}/store",
        params={"graph": GRAPH},
        content=body,
        headers={**server.auth(), **headers},
    )


def test_put_get_post_delete(admin_server: Server) -> None:
    _store(admin_server, "DELETE")
    created = _store(admin_server, "PUT", TURTLE, **{"Content-Type": "text/turtle"})
    assert created.status_code == 201
    fetched = _store(admin_server, "GET", Accept="application/n-triples")
    assert isomorphic(Graph().parse(data=fetched.text, format="nt"), Graph().parse(data=TURTLE))
    extra = b'<https://example.org/a> <https://example.org/p> "three" .\n'
    assert (
        _store(admin_server, "POST", extra, **{"Content-Type": "application/n-triples"}).status_code
        == 204
    )
    count = httpx.get(
        admin_server.sparql,
        params={"query": f"SELECT (COUNT(*) AS ?n) {{ GRAPH <{GRAPH}> {{ ?s ?p ?o }} }}"},
    ).json()["results"]["bindings"][0]["n"]["value"]
    assert count == "3"
    assert _store(admin_server, "DELETE").status_code == 204
    assert _store(admin_server, "GET").status_code == 404
    assert _store(admin_server, "DELETE").status_code == 404


def test_bad_bodies_leave_the_graph_alone(admin_server: Server) -> None:
    assert _store(admin_server, "PUT", TURTLE, **{"Content-Type": "text/turtle"}).status_code in (
        201,
        204,
    )
    broken = _store(admin_server, "PUT", b"<a> <b> .", **{"Content-Type": "text/turtle"})
    assert broken.status_code == 400
    bomb = b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "a">]><r/>'
    assert (
        _store(admin_server, "PUT", bomb, **{"Content-Type": "application/rdf+xml"}).status_code
        == 400
    )
    assert (
        _store(admin_server, "PUT", TURTLE, **{"Content-Type": "application/pdf"}).status_code
        == 415
    )
    fetched = _store(admin_server, "GET", Accept="text/turtle")
    assert len(Graph().parse(data=fetched.text, format="turtle")) == 2


def test_graph_store_needs_the_token(admin_server: Server, public_server: Server) -> None:
    url = f"{admin_server.base}/store"
    assert httpx.get(url, params={"graph": GRAPH}).status_code == 401
    assert httpx.get(f"{public_server.base}/store", params={"graph": GRAPH}).status_code == 403


ELSEWHERE = "https://example.org/graph/elsewhere"


@pytest.mark.parametrize(
    ("media_type", "template"),
    [
        ("application/n-quads", "<{s}> <{p}> <{o}> <{g}> .\n"),
        ("application/trig", "<{g}> {{ <{s}> <{p}> <{o}> }}\n"),
    ],
    ids=["n-quads", "trig"],
)
def test_a_dataset_body_is_refused_for_one_graph(
    admin_server: Server, media_type: str, template: str
) -> None:
    """A Graph Store request addresses one graph: quads naming other graphs must not write
    to them. Every store refuses (415); the embedded store once loaded the quads into the
    graphs they name."""
    ex = "https://example.org/"
    quad = template.format(s=ex + "s", p=ex + "p", o=ex + "o", g=ELSEWHERE)
    try:
        response = _store(admin_server, "POST", quad.encode(), **{"Content-Type": media_type})
        assert response.status_code == 415, response.text
        assert response.json()["rule"] == "read.format"
        ask = httpx.get(
            admin_server.sparql, params={"query": f"ASK {{ GRAPH <{ELSEWHERE}> {{}} }}"}
        )
        assert ask.json()["boolean"] is False
    finally:
        admin_server.update(f"DROP SILENT GRAPH <{ELSEWHERE}>")


@pytest.mark.parametrize(
    ("update", "says"),
    [
        (f"CREATE GRAPH <{GRAPH}>", "already exists"),
        (f"DROP GRAPH <{ELSEWHERE}>", "does not exist"),
        (f"CLEAR GRAPH <{ELSEWHERE}>", "does not exist"),
        (f"MOVE GRAPH <{ELSEWHERE}> TO <{GRAPH}>", "does not exist"),
    ],
    ids=["create-existing", "drop-missing", "clear-missing", "move-missing"],
)
def test_a_graph_update_on_the_wrong_graph_is_400(
    admin_server: Server, update: str, says: str
) -> None:
    """SPARQL 1.1 Update graph management without SILENT on a graph that is there
    (CREATE) or is not (DROP, CLEAR, MOVE) is the update's mistake: 400 with rule
    update.graph on every store (it was 500: pyoxigraph raises RuntimeError, the Oxigraph
    server answers 500), and nothing changes."""
    admin_server.update(f"DROP SILENT GRAPH <{ELSEWHERE}> ; CREATE SILENT GRAPH <{GRAPH}>")
    headers = {"Content-Type": "application/sparql-update", **admin_server.auth()}
    try:
        response = httpx.post(admin_server.sparql, content=update.encode(), headers=headers)
        assert response.status_code == 400, response.text
        assert response.headers["content-type"] == "application/problem+json"
        problem = response.json()
        assert problem["rule"] == "update.graph"
        assert says in problem["detail"]
        ask = f"ASK {{ GRAPH <{GRAPH}> {{}} FILTER NOT EXISTS {{ GRAPH <{ELSEWHERE}> {{}} }} }}"
        assert httpx.get(admin_server.sparql, params={"query": ask}).json()["boolean"] is True
        admin_server.update(update.replace(" GRAPH ", " SILENT GRAPH ", 1))  # 204
    finally:
        admin_server.update(f"DROP SILENT GRAPH <{GRAPH}> ; DROP SILENT GRAPH <{ELSEWHERE}>")
