"""Dereferenceable IRIs: 303 by Accept, then the description parsed back with rdflib."""

from __future__ import annotations

from urllib.parse import parse_qs, quote, urlsplit

import httpx
import pytest
from rdflib import Graph, Literal, URIRef

from tests.api.conftest import Server

BASE = "https://w3id.org/reskg/"
RKG = "https://w3id.org/reskg/ont#"
PATH = "akn/un/statement/deliberation/itu-pp/res-140"
PP140 = URIRef(BASE + PATH)
PP140_2022 = URIRef(BASE + "akn/un/statement/deliberation/itu-pp/2022/res-140")
PROBLEM = "application/problem+json"

RDF_FORMATS = [
    pytest.param("text/turtle", "ttl", "turtle", id="turtle"),
    pytest.param("application/ld+json", "jsonld", "json-ld", id="json-ld"),
    pytest.param("application/rdf+xml", "rdf", "xml", id="rdf-xml"),
    pytest.param("application/n-triples", "nt", "nt", id="n-triples"),
]


def get(server: Server, path: str, accept: str | None = None, **params: str) -> httpx.Response:
    headers = {"Accept": accept} if accept else {}
    return httpx.get(f"{server.base}/{path}", headers=headers, params=params, timeout=30)


@pytest.mark.parametrize(("accept", "name", "rdflib_format"), RDF_FORMATS)
def test_rdf_accept_redirects_to_the_description_in_that_format(
    graph_server: Server, accept: str, name: str, rdflib_format: str
) -> None:
    response = get(graph_server, PATH, accept)
    assert response.status_code == 303
    location = urlsplit(response.headers["location"])
    assert location.path == "/" + PATH
    assert parse_qs(location.query) == {"format": [name]}
    described = httpx.get(response.headers["location"], timeout=30)
    assert described.status_code == 200
    assert described.headers["content-type"].startswith(accept)
    graph = Graph().parse(data=described.text, format=rdflib_format)
    assert (PP140, URIRef(RKG + "number"), Literal("140")) in graph
    assert (PP140, URIRef(RKG + "hasVersion"), PP140_2022) in graph
    # a work's description carries its versions and the evidence of citations of them
    assert (PP140_2022, URIRef(RKG + "versionPlace"), Literal("Bucharest")) in graph
    assert any(graph.subjects(URIRef(RKG + "hasCitedEntity"), PP140_2022))
    surfaces = {str(s) for s in graph.objects(None, URIRef(RKG + "surface"))}
    assert any(s.startswith("Résolution 140 (Rév. Bucarest, 2022)") for s in surfaces)


def test_html_accept_redirects_to_the_instrument_page(graph_server: Server) -> None:
    for accept in ("text/html", "text/html,application/xhtml+xml,*/*;q=0.8"):
        response = get(graph_server, PATH, accept)
        assert response.status_code == 303
        assert response.headers["location"].endswith("/instrument?id=" + quote(PP140, safe=""))
        assert "Accept" in response.headers["vary"]


def test_a_version_names_the_clause_that_cites_it(graph_server: Server) -> None:
    path = PP140_2022.removeprefix(BASE)
    graph = Graph().parse(data=get(graph_server, path, format="nt").text, format="nt")
    council_text = BASE + "doc/itu-council-res1334-2023-fr.txt"
    clauses = {str(s) for s in graph.subjects(URIRef(RKG + "recalls"), PP140_2022)}
    assert any(c.startswith(council_text + "/sec-") and "/cl-" in c for c in clauses), clauses
    assert (PP140_2022, URIRef(RKG + "isVersionOf"), PP140) in graph
    sources = set(graph.objects(None, URIRef(RKG + "inSourceDocument")))
    assert URIRef(council_text) in sources


def test_documents_and_named_instruments_dereference(graph_server: Server) -> None:
    document = "doc/itu-council-res1334-2023-fr.txt"
    response = get(graph_server, document, "text/turtle")
    assert response.status_code == 303
    graph = Graph().parse(data=httpx.get(response.headers["location"]).text, format="turtle")
    assert (URIRef(BASE + document), URIRef(RKG + "sha256"), None) in graph
    # a source document has no HTML page: HTML alone is not acceptable, RDF is the default
    assert get(graph_server, document, "text/html").status_code == 406
    assert "format=ttl" in get(graph_server, document, "*/*").headers["location"]
    tunis = "id/instrument/wsis-tunis-agenda-for-the-information-society"
    graph = Graph().parse(data=get(graph_server, tunis, format="ttl").text, format="turtle")
    labels = {str(o) for o in graph.objects(URIRef(BASE + tunis), None)}
    assert "Agenda de Tunis" in labels


def test_language_versions_keep_their_at_sign(graph_server: Server) -> None:
    path = "akn/un/statement/deliberation/unga/2023/78-132/fra@"
    response = get(graph_server, path, format="ttl")
    assert response.status_code == 200
    graph = Graph().parse(data=response.text, format="turtle")
    assert (URIRef(BASE + path), URIRef(RKG + "language"), None) in graph


@pytest.mark.parametrize(
    ("path", "params", "accept", "status"),
    [
        pytest.param(
            "akn/un/statement/deliberation/itu-pp/res-9999",
            {},
            "text/turtle",
            404,
            id="unknown-303",
        ),
        pytest.param("akn/nothing", {"format": "ttl"}, None, 404, id="unknown-described"),
        pytest.param("id/body/nobody", {}, "text/html", 406, id="unknown-html"),
        pytest.param(PATH, {"format": "pdf"}, None, 400, id="bad-format"),
        pytest.param(PATH, {}, "image/png", 406, id="bad-accept"),
    ],
)
def test_refusals_are_problems(
    graph_server: Server, path: str, params: dict[str, str], accept: str | None, status: int
) -> None:
    response = get(graph_server, path, accept, **params)
    assert response.status_code == status
    assert response.headers["content-type"] == PROBLEM
