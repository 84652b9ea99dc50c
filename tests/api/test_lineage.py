"""``GET /lineage`` over a real server and a graph built from data/sources."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from tests.api.conftest import SOURCES, Server

D = "https://w3id.org/reskg/akn/un/statement/deliberation/"
PP140 = D + "itu-pp/res-140"
PP140_2022 = D + "itu-pp/2022/res-140"
COUNCIL_1334_2023 = D + "itu-c/2023/res-1334"
PROBLEM = "application/problem+json"


def lineage(server: Server, **params: str | int) -> httpx.Response:
    return httpx.get(f"{server.base}/lineage", params=params, timeout=30)


def test_lineage_of_pp_140_by_citation_has_its_versions_and_the_council_citing_it(
    graph_server: Server,
) -> None:
    response = lineage(graph_server, cite="Resolution 140 (Rev. Bucharest, 2022)")
    assert response.status_code == 200, response.text
    report = response.json()
    assert report["instrument"]["id"] == PP140_2022
    assert report["work"] == PP140
    versions = report["versions"]
    assert [v["version_year"] for v in versions] == [2014, 2018, 2022]
    assert [v["version_place"] for v in versions] == ["Busan", "Dubai", "Bucharest"]
    assert versions[2]["revises"] == versions[1]["id"] == D + "itu-pp/2018/res-140"
    assert versions[1]["in_force_to"] == versions[2]["in_force_from"]
    edge = next(e for e in report["cited_by"] if e["source"]["id"] == COUNCIL_1334_2023)
    assert edge["relation"] == "recalls"
    assert edge["source"]["issuer"] == "ITU-Council"
    text = (SOURCES / "itu" / "itu-council-res1334-2023-fr.txt").read_text(encoding="utf-8")
    (evidence,) = [e for e in edge["evidence"] if "140" in e["surface"]]
    assert evidence["source"].endswith("/doc/itu-council-res1334-2023-fr.txt")
    assert evidence["clause"].startswith(evidence["source"] + "/sec-")
    assert text[evidence["start"] : evidence["end"]] == evidence["surface"]
    assert evidence["surface"].startswith("Résolution 140 (Rév. Bucarest, 2022)")
    assert "SELECT" in report["sparql"]["version-chain"]["query"]
    assert report["sparql"]["who-cites"]["parameters"] == {"instrument": PP140}
    assert "as_of" not in report


def test_lineage_by_id_and_by_french_citation_agree(graph_server: Server) -> None:
    by_id = lineage(graph_server, id=PP140_2022).json()
    by_french = lineage(graph_server, cite="Résolution 140 (Rév. Bucarest, 2022)").json()
    assert by_id == by_french


def test_lineage_is_what_the_cli_prints(graph_server: Server, graph_store_dir: Path) -> None:
    """The JSON is exactly reskg.lineage.lineage_report, as `reskg lineage --json` prints it
    (the CLI reads the same store: the built folder, or the server's remote store)."""
    served = lineage(graph_server, id=PP140, depth=2, direction="down", as_of="2019-06-01")
    command = [sys.executable, "-m", "reskg", "lineage", PP140, "--depth", "2"]
    command += ["--direction", "down", "--as-of", "2019-06-01", "--json"]
    store = graph_server.store if graph_server.kind == "remote" else graph_store_dir
    command += ["--store", str(store)]
    printed = subprocess.run(command, capture_output=True, text=True, timeout=60, check=True)
    assert served.json() == json.loads(printed.stdout)


def test_as_of_names_the_version_in_force(graph_server: Server) -> None:
    report = lineage(graph_server, id=PP140, as_of="2019-06-01").json()
    assert report["as_of"] == "2019-06-01"
    assert report["in_force"] == D + "itu-pp/2018/res-140"
    assert lineage(graph_server, id=PP140, as_of="2013-01-01").json()["in_force"] is None


def test_direction_up_only_lists_what_it_cites(graph_server: Server) -> None:
    up = lineage(graph_server, id=COUNCIL_1334_2023, direction="up").json()
    down = lineage(graph_server, id=COUNCIL_1334_2023, direction="down").json()
    assert up["cited_by"] == [] and up["cites"]
    assert down["cites"] == []
    targets = {e["target"]["id"] for e in up["cites"]}
    assert PP140_2022 in targets


def test_depth_two_reaches_further_than_depth_one(graph_server: Server) -> None:
    one = lineage(graph_server, id=PP140, direction="down", depth=1).json()
    two = lineage(graph_server, id=PP140, direction="down", depth=2).json()
    assert {e["depth"] for e in one["cited_by"]} == {1}
    assert len(two["cited_by"]) >= len(one["cited_by"])


def test_unknown_citation_is_404_with_suggestions(graph_server: Server) -> None:
    response = lineage(graph_server, cite="Resolution 9999 (Rev. Nowhere, 2031)")
    assert response.status_code == 404
    assert response.headers["content-type"] == PROBLEM
    problem = response.json()
    assert problem["rule"] == "lineage.unknown"
    assert "9999" in problem["detail"]
    assert problem["suggestions"], problem
    assert all(s["id"].startswith("https://") and s["label"] for s in problem["suggestions"])


def _listing(server: Server) -> list[dict[str, str]]:
    """Every instrument of ``/instruments``, page by page."""
    items: list[dict[str, str]] = []
    url: str | None = f"{server.base}/instruments?limit=100"
    while url is not None:
        page = httpx.get(url, timeout=30).json()
        items += page["items"]
        url = page["next"]
    return items


def test_cite_reads_back_every_label_the_api_gives(graph_server: Server) -> None:
    """Each label of the /instruments listing and of the 404 suggestions, given as cite=,
    names its own node ("ITU-Council Resolution 1334 (2023)" once answered 404 and
    suggested itself; "UNGA Resolution 78/132 (2023)" gave the work)."""
    labels = {(item["label"], item["id"]) for item in _listing(graph_server)}
    assert len(labels) > 50 and COUNCIL_1334_2023 in {node for _, node in labels}
    for miss in ("Council Resolution 1334 (2019)", "Resolution 9999", "UNGA 78/13"):
        problem = lineage(graph_server, cite=miss).json()
        labels |= {(s["label"], s["id"]) for s in problem.get("suggestions", [])}
    wrong = {}
    for label, node in sorted(labels):
        response = lineage(graph_server, cite=label, direction="up")
        found = response.json()["instrument"]["id"] if response.status_code == 200 else None
        if found != node:
            wrong[label] = (node, response.status_code, found)
    assert wrong == {}


def test_unknown_iri_is_404(graph_server: Server) -> None:
    response = lineage(graph_server, id=D + "itu-pp/res-9999")
    assert response.status_code == 404
    assert response.headers["content-type"] == PROBLEM


@pytest.mark.parametrize(
    "params",
    [
        pytest.param({"id": PP140, "depth": 0}, id="depth-0"),
        pytest.param({"id": PP140, "depth": 11}, id="depth-11"),
        pytest.param({"id": PP140, "depth": "two"}, id="depth-not-a-number"),
        pytest.param({"id": PP140, "direction": "sideways"}, id="direction"),
        pytest.param({"id": PP140, "as_of": "2020-13-01"}, id="as_of-month-13"),
        pytest.param({"id": PP140, "as_of": "1 May 2020"}, id="as_of-not-iso"),
        pytest.param({"id": PP140, "as_of": "2020-1-1"}, id="as_of-short"),
        pytest.param({}, id="neither-id-nor-cite"),
        pytest.param({"id": PP140, "cite": "Resolution 140"}, id="both-id-and-cite"),
        pytest.param({"id": "Resolution 140"}, id="id-not-an-iri"),
    ],
)
def test_invalid_parameters_are_400(graph_server: Server, params: dict[str, str | int]) -> None:
    response = lineage(graph_server, **params)
    assert response.status_code == 400, response.text
    assert response.headers["content-type"] == PROBLEM
