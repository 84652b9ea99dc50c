"""``/ontology`` by Accept and format, CORS on GET, OpenAPI docs, and errors as problems."""

from __future__ import annotations

import httpx
import pytest
from rdflib import OWL, RDF, Graph, URIRef

from tests.api.conftest import REPO, Server

ONTOLOGY = URIRef("https://w3id.org/reskg/ont")
RKG = "https://w3id.org/reskg/ont#"
PROBLEM = "application/problem+json"
# Store-free: what these check never reads the store, so they run on the embedded kind
# only (tests/api/conftest.py runs the rest on both kinds).
STORE_FREE = pytest.mark.store_kinds("embedded")


def get(server: Server, path: str, accept: str | None = None, **params: str) -> httpx.Response:
    headers = {"Accept": accept} if accept else {}
    return httpx.get(f"{server.base}{path}", headers=headers, params=params, timeout=30)


def ontology_graph(text: str, rdflib_format: str) -> Graph:
    graph = Graph().parse(data=text, format=rdflib_format)
    assert (None, RDF.type, OWL.Ontology) in graph
    assert (URIRef(RKG + "Resolution"), RDF.type, OWL.Class) in graph
    return graph


@STORE_FREE
@pytest.mark.parametrize(
    ("accept", "params", "media_type", "rdflib_format"),
    [
        pytest.param("text/turtle", {}, "text/turtle", "turtle", id="accept-turtle"),
        pytest.param("application/rdf+xml", {}, "application/rdf+xml", "xml", id="accept-rdfxml"),
        pytest.param(None, {}, "text/turtle", "turtle", id="no-accept"),
        pytest.param("text/html", {"format": "ttl"}, "text/turtle", "turtle", id="format-wins"),
        pytest.param(None, {"format": "owl"}, "application/rdf+xml", "xml", id="format-owl"),
    ],
)
def test_ontology_in_rdf(
    public_server: Server,
    accept: str | None,
    params: dict[str, str],
    media_type: str,
    rdflib_format: str,
) -> None:
    response = get(public_server, "/ontology", accept, **params)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(media_type)
    ontology_graph(response.text, rdflib_format)


@STORE_FREE
def test_ontology_html_documentation(public_server: Server) -> None:
    for response in (
        get(public_server, "/ontology", "text/html,application/xhtml+xml,*/*;q=0.8"),
        get(public_server, "/ontology", format="html"),
    ):
        assert response.status_code == 303
        assert response.headers["location"].endswith("/ontology/index.html")
    page = get(public_server, "/ontology/index.html")
    if not (REPO / "docs" / "ontology" / "index.html").is_file():
        assert page.status_code == 404 and "make ontology-docs" in page.json()["detail"]
        return
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert "Resolution" in page.text


@STORE_FREE
@pytest.mark.parametrize(
    ("name", "term"),
    [
        ("shapes.ttl", "http://www.w3.org/ns/shacl#NodeShape"),
        ("functions.ttl", "http://www.w3.org/2004/02/skos/core#ConceptScheme"),
        ("align.ttl", "http://www.w3.org/2002/07/owl#Ontology"),
        ("reskg.ttl", "http://www.w3.org/2002/07/owl#Ontology"),
    ],
)
def test_ontology_modules_by_name(public_server: Server, name: str, term: str) -> None:
    response = get(public_server, f"/ontology/{name}")
    assert response.status_code == 200
    graph = Graph().parse(data=response.text, format="turtle")
    assert (None, RDF.type, URIRef(term)) in graph


def test_cors_allows_get_from_any_origin_without_credentials(graph_server: Server) -> None:
    origin = {"Origin": "https://example.org"}
    for path in ("/instruments?q=1334", "/sparql?query=ASK%7B%7D", "/ontology", "/queries"):
        response = httpx.get(f"{graph_server.base}{path}", headers=origin)
        assert response.status_code == 200
        assert response.headers["access-control-allow-origin"] == "*"
        assert "access-control-allow-credentials" not in response.headers
    preflight = httpx.options(
        f"{graph_server.base}/sparql",
        headers={**origin, "Access-Control-Request-Method": "POST"},
    )
    assert "POST" not in preflight.headers.get("access-control-allow-methods", "")


def _cors(response: httpx.Response) -> dict[str, str]:
    return {k: v for k, v in response.headers.items() if k.startswith("access-control-")}


@pytest.mark.parametrize("origin", [None, "https://example.org"], ids=["no-origin", "origin"])
def test_query_answers_from_the_front_carry_the_apps_cors_headers(
    graph_server: Server, origin: str | None
) -> None:
    """Queries are answered by api.sparql_front, outside the app's CORS middleware; the
    service description (GET /sparql without a query) by the app's route. Both carry the
    same CORS headers, and both vary by Origin, on success and on error."""
    headers = {"Origin": origin} if origin else {}
    base = f"{graph_server.base}/sparql"
    route = httpx.get(base, headers=headers)
    answers = [
        httpx.get(base, params={"query": "ASK {}"}, headers=headers),
        httpx.post(base, data={"query": "ASK {}"}, headers=headers),
        httpx.get(base, params={"query": "ASK {"}, headers=headers),  # a 400 problem
    ]
    assert route.status_code == 200
    assert [answer.status_code for answer in answers] == [200, 200, 400]
    for answer in [route, *answers]:
        assert _cors(answer) == _cors(route)
        assert "Origin" in [part.strip() for part in answer.headers["vary"].split(",")]
    assert ("access-control-allow-origin" in _cors(route)) == (origin is not None)
    assert "Accept" in answers[0].headers["vary"]


@STORE_FREE
def test_openapi_documents_every_route(public_server: Server) -> None:
    assert get(public_server, "/docs").status_code == 200
    spec = get(public_server, "/openapi.json").json()
    for path in (
        "/lineage",
        "/instruments",
        "/queries",
        "/queries/{name}",
        "/extract",
        "/ontology",
    ):
        assert path in spec["paths"], path
    lineage = spec["paths"]["/lineage"]["get"]["responses"]["200"]["content"]
    assert lineage["application/json"]["schema"]["$ref"].endswith("/LineageReport")
    assert "multipart/form-data" in spec["paths"]["/extract"]["post"]["requestBody"]["content"]


BAD_REQUESTS = [
    ("GET", "/lineage?cite=Resolution%209999%20(Rev.%20Nowhere,%202031)"),
    ("GET", "/lineage?id=https://w3id.org/reskg/x&depth=99"),
    ("GET", "/lineage?id=https://w3id.org/reskg/x&as_of=yesterday"),
    ("GET", "/instruments?limit=1000"),
    ("GET", "/instruments?type=poem"),
    ("GET", "/queries/nope"),
    ("GET", "/queries/who-cites?instrument=%3Cbad%3E"),
    ("GET", "/akn/no/such/node?format=ttl"),
    ("GET", "/ontology/../../pyproject.toml"),
    ("GET", "/ontology/secrets.txt"),
    ("GET", "/ontology?format=pdf"),
    ("POST", "/extract"),
    ("GET", "/no/such/route"),
]


@pytest.mark.parametrize(("method", "path"), BAD_REQUESTS, ids=[p for _, p in BAD_REQUESTS])
def test_every_error_is_a_problem_without_paths_or_traces(
    graph_server: Server, method: str, path: str
) -> None:
    response = httpx.request(method, f"{graph_server.base}{path}", timeout=30)
    assert 400 <= response.status_code < 500, response.text
    assert response.headers["content-type"] == PROBLEM
    problem = response.json()
    assert problem["status"] == response.status_code
    assert problem["title"] and problem["detail"] and problem["rule"]
    for leak in (str(REPO), "/tmp", "Traceback", 'File "', ".py"):
        assert leak not in response.text, leak
