"""``GET /instruments``: search, filters, paging; and the indexes follow writes."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, quote, urlsplit

import httpx
import pytest

from tests.api.conftest import Server

D = "https://w3id.org/reskg/akn/un/statement/deliberation/"
TUNIS = "https://w3id.org/reskg/id/instrument/wsis-tunis-agenda-for-the-information-society"
PROBLEM = "application/problem+json"


def search(server: Server, **params: str | int) -> dict[str, Any]:
    response = httpx.get(f"{server.base}/instruments", params=params, timeout=30)
    assert response.status_code == 200, response.text
    page: dict[str, Any] = response.json()
    return page


def ids(page: dict[str, Any]) -> list[str]:
    return [item["id"] for item in page["items"]]


@pytest.mark.parametrize(
    ("q", "first"),
    [
        pytest.param("1334", D + "itu-c/res-1334", id="number"),
        pytest.param("A/RES/78/132", D + "unga/78-132", id="symbol"),
        pytest.param("Resolution 140 (Rev. Bucharest, 2022)", D + "itu-pp/res-140", id="citation"),
        pytest.param("Tunis Agenda", TUNIS, id="title-en"),
        pytest.param("Agenda de Tunis", TUNIS, id="title-fr"),
        pytest.param("Agenda de Túnez", TUNIS, id="title-es"),
        pytest.param("technologies de l'information", D + "unga/78-132", id="title-fr-words"),
    ],
)
def test_search_finds_the_instrument_first(graph_server: Server, q: str, first: str) -> None:
    page = search(graph_server, q=q)
    assert ids(page)[0] == first, page


def test_number_search_lists_the_work_then_its_versions(graph_server: Server) -> None:
    page = search(graph_server, q="1334")
    exact = [item["id"] for item in page["items"] if item["match"] == "exact"]
    assert exact == [D + "itu-c/res-1334", D + "itu-c/2015/res-1334", D + "itu-c/2023/res-1334"]
    version = page["items"][2]
    assert (version["kind"], version["work"]) == ("version", D + "itu-c/res-1334")
    assert version["page"] == "/instrument?id=" + quote(version["id"], safe="")


def test_a_digit_word_matches_whole_numbers_only(graph_server: Server) -> None:
    assert search(graph_server, q="13")["total"] == 0


def test_loose_citation_text_finds_the_version_texts_cite(graph_server: Server) -> None:
    page = search(graph_server, q="Res. 140 Rev. Bucharest")
    assert ids(page) == [D + "itu-pp/2022/res-140"]


def test_unknown_text_finds_nothing(graph_server: Server) -> None:
    page = search(graph_server, q="Resolution 9999 (Rev. Nowhere, 2031)")
    assert (page["total"], page["items"], page["next"]) == (0, [], None)


def test_symbol_search_shows_the_symbol(graph_server: Server) -> None:
    item = search(graph_server, q="A/RES/78/132")["items"][0]
    assert item["symbols"] == ["A/RES/78/132"]
    assert item["issuer"] == "UNGA"


def test_filters_by_issuer_and_type(graph_server: Server) -> None:
    page = search(graph_server, issuer="ITU-PP", type="resolution", limit=100)
    assert page["total"] == len(page["items"]) > 5
    assert {(i["issuer"], i["type"]) for i in page["items"]} == {("ITU-PP", "resolution")}
    assert D + "itu-pp/res-140" in ids(page)
    named = search(graph_server, issuer="WSIS", type="agenda")
    assert ids(named) == [TUNIS]
    assert search(graph_server, q="1334", issuer="UNGA")["total"] == 0


def test_paging_walks_every_match_once(graph_server: Server) -> None:
    everything = search(graph_server, limit=100)
    total = everything["total"]
    assert total > 20
    seen: list[str] = []
    url: str | None = f"{graph_server.base}/instruments?limit=7"
    while url is not None:
        page = httpx.get(url, timeout=30).json()
        assert page["limit"] == 7 and page["total"] == total
        assert len(page["items"]) <= 7
        seen += ids(page)
        url = page["next"]
        if url is not None:
            assert parse_qs(urlsplit(url).query)["offset"] == [str(page["offset"] + 7)]
    assert total <= 100  # so that one page held everything
    assert seen == ids(everything)


@pytest.mark.parametrize(
    "params",
    [
        pytest.param({"limit": 0}, id="limit-0"),
        pytest.param({"limit": 101}, id="limit-101"),
        pytest.param({"offset": -1}, id="offset-negative"),
        pytest.param({"issuer": "ITU-Nowhere"}, id="issuer"),
        pytest.param({"type": "poem"}, id="type"),
    ],
)
def test_bad_parameters_are_400(graph_server: Server, params: dict[str, str | int]) -> None:
    response = httpx.get(f"{graph_server.base}/instruments", params=params, timeout=30)
    assert response.status_code == 400
    assert response.headers["content-type"] == PROBLEM


NEW_GRAPH = "https://w3id.org/reskg/graph/doc/api-test"
RKG = "https://w3id.org/reskg/ont#"


def work_triples(number: str) -> str:
    """An ITU-PP resolution numbered ``number``, as Turtle/SPARQL triples."""
    return (
        f'<{D}itu-pp/res-{number}> a <{RKG}Resolution> ; <{RKG}number> "{number}" ; '
        f"<{RKG}issuedBy> <https://w3id.org/reskg/id/body/itu-pp> ."
    )


def test_lineage_and_search_follow_every_kind_of_write(graph_admin_server: Server) -> None:
    server = graph_admin_server
    assert search(server, q="9998")["total"] == 0
    server.update(f"INSERT DATA {{ GRAPH <{NEW_GRAPH}> {{ {work_triples('9998')} }} }}")
    assert ids(search(server, q="9998")) == [D + "itu-pp/res-9998"]
    response = httpx.get(f"{server.base}/lineage", params={"id": D + "itu-pp/res-9998"})
    assert response.status_code == 200
    assert response.json()["instrument"]["label"] == "ITU-PP Resolution 9998"

    server.put_graph(NEW_GRAPH, work_triples("9997").encode(), "text/turtle")
    assert search(server, q="9998")["total"] == 0
    assert ids(search(server, q="9997")) == [D + "itu-pp/res-9997"]

    deleted = httpx.delete(
        f"{server.base}/store", params={"graph": NEW_GRAPH}, headers=server.auth(), timeout=30
    )
    assert deleted.status_code == 204
    assert search(server, q="9997")["total"] == 0
    gone = httpx.get(f"{server.base}/lineage", params={"id": D + "itu-pp/res-9997"})
    assert gone.status_code == 404


def test_lineage_follows_an_update_inside_a_document_graph(graph_admin_server: Server) -> None:
    """An update that removes a citation edge from a document graph leaves the document's
    file hash as it was: the lineage rows cached under that hash must not outlive it."""
    server = graph_admin_server
    pp140 = D + "itu-pp/2022/res-140"

    def citing() -> set[str]:
        response = httpx.get(f"{server.base}/lineage", params={"id": pp140}, timeout=30)
        assert response.status_code == 200, response.text
        return {edge["source"]["id"] for edge in response.json()["cited_by"]}

    council = D + "itu-c/2023/res-1334"
    assert council in citing()
    server.update(
        f"""DELETE {{ GRAPH ?g {{ ?clause ?relation ?cited }} }}
        WHERE {{
          GRAPH ?g {{
            ?citation <{RKG}hasCitedEntity> ?cited ; <{RKG}hasCitingClause> ?clause .
            ?clause ?relation ?cited .
          }}
          FILTER(?cited = <{pp140}>)
        }}"""
    )
    assert council not in citing()
