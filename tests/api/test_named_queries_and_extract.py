"""``/queries`` (list and run the named queries) and ``POST /extract`` (nothing stored)."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.api.conftest import SOURCES, Server

D = "https://w3id.org/reskg/akn/un/statement/deliberation/"
PROBLEM = "application/problem+json"
FRENCH = SOURCES / "itu" / "itu-council-res1334-2023-fr.txt"
# Store-free: what these check never reads the store, so they run on the embedded kind
# only (tests/api/conftest.py runs the rest on both kinds).
STORE_FREE = pytest.mark.store_kinds("embedded")


@STORE_FREE
def test_queries_lists_every_named_query_with_its_parameters(graph_server: Server) -> None:
    listed = httpx.get(f"{graph_server.base}/queries").json()
    by_name = {q["name"]: q for q in listed}
    assert {"who-cites", "version-chain", "document-citations"} <= set(by_name)
    (parameter,) = by_name["version-chain"]["parameters"]
    assert (parameter["name"], parameter["kind"]) == ("work", "IRI")
    assert "numbered act" in parameter["description"]
    assert by_name["who-cites"]["summary"] and by_name["who-cites"]["example"]
    assert all(q["url"] == f"/queries/{q['name']}" for q in listed)


def test_version_chain_runs_with_its_sparql(graph_server: Server) -> None:
    response = httpx.get(
        f"{graph_server.base}/queries/version-chain", params={"work": D + "itu-pp/res-140"}
    )
    assert response.status_code == 200, response.text
    answer = response.json()
    assert answer["sparql"].startswith("# Summary:") and "rkg:hasVersion" in answer["sparql"]
    assert answer["parameters"] == {"work": D + "itu-pp/res-140"}
    assert [(r["year"], r.get("revises")) for r in answer["rows"]] == [
        (2014, None),
        (2018, D + "itu-pp/2014/res-140"),
        (2022, D + "itu-pp/2018/res-140"),
    ]
    assert answer["columns"][:3] == ["work", "version", "year"]


@pytest.mark.parametrize(
    ("day", "in_force"), [("2015-06-01", "2014"), ("2020-01-01", "2018"), ("2023-01-01", "2022")]
)
def test_version_in_force_binds_the_date_its_filters_read(
    graph_server: Server, day: str, in_force: str
) -> None:
    """``?date`` is read only by FILTERs: a remote store must bind it where they see it."""
    response = httpx.get(
        f"{graph_server.base}/queries/version-in-force",
        params={"work": D + "itu-pp/res-140", "date": day},
    )
    assert response.status_code == 200, response.text
    rows = response.json()["rows"]
    assert [(r["version"], r["date"]) for r in rows] == [(D + f"itu-pp/{in_force}/res-140", day)]


def test_who_cites_finds_the_council_resolution(graph_server: Server) -> None:
    answer = httpx.get(
        f"{graph_server.base}/queries/who-cites", params={"instrument": D + "itu-pp/res-140"}
    ).json()
    citing = {row["citing"] for row in answer["rows"]}
    assert D + "itu-c/2023/res-1334" in citing


def test_a_named_query_answers_csv(graph_server: Server) -> None:
    response = httpx.get(
        f"{graph_server.base}/queries/version-chain",
        params={"work": D + "itu-pp/res-140", "format": "csv"},
    )
    assert response.headers["content-type"].startswith("text/csv")
    table = list(csv.DictReader(io.StringIO(response.text)))
    assert [row["year"] for row in table] == ["2014", "2018", "2022"]


@pytest.mark.parametrize(
    ("path", "params", "status"),
    [
        pytest.param("version-chain", {"wrk": D + "itu-pp/res-140"}, 400, id="unknown-param"),
        pytest.param("version-chain", {"work": "not an IRI"}, 400, id="malformed-iri"),
        pytest.param("version-chain", {"format": "xlsx"}, 400, id="bad-format"),
        pytest.param("no-such-query", {}, 404, id="unknown-query"),
    ],
)
def test_named_query_refusals(
    graph_server: Server, path: str, params: dict[str, str], status: int
) -> None:
    response = httpx.get(f"{graph_server.base}/queries/{path}", params=params)
    assert response.status_code == status
    assert response.headers["content-type"] == PROBLEM


def test_repeated_parameter_is_400(graph_server: Server) -> None:
    url = f"{graph_server.base}/queries/version-chain?work={D}a&work={D}b"
    assert httpx.get(url).status_code == 400


# -- POST /extract ------------------------------------------------------------------------


def score(shared_dir: Path, predicted: dict[str, Any], tmp_path: Path) -> dict[str, Any]:
    file = tmp_path / "predicted.json"
    file.write_text(json.dumps(predicted, ensure_ascii=False), encoding="utf-8")
    gold = shared_dir / "gold" / "council-res1334-2023-fr.gold.json"
    scorer = shared_dir / "gold" / "score.py"
    result = subprocess.run(
        [sys.executable, str(scorer), str(gold), str(file), "--json"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    figures: dict[str, Any] = json.loads(result.stdout)
    return figures


def extract(server: Server, **kwargs: Any) -> httpx.Response:
    return httpx.post(f"{server.base}/extract", timeout=60, **kwargs)


@STORE_FREE
def test_extract_french_text_matches_the_gold(
    graph_server: Server, shared_dir: Path, tmp_path: Path
) -> None:
    data = (shared_dir / "corpus" / "itu-council-res1334-2023-fr.txt").read_bytes()
    before = httpx.get(f"{graph_server.base}/instruments").json()["total"]
    response = extract(graph_server, content=data, headers={"Content-Type": "text/plain"})
    assert response.status_code == 200, response.text
    result = response.json()
    assert result["document"]["number"] == "1334" and result["document"]["language"] == "fr"
    gold = json.loads(
        (shared_dir / "gold" / "council-res1334-2023-fr.gold.json").read_text(encoding="utf-8")
    )
    assert len(result["sections"]) == len(gold["sections"]) == 10
    figures = score(shared_dir, result, tmp_path)
    assert (figures["precision"], figures["recall"], figures["section_accuracy"]) == (1.0, 1.0, 1.0)
    assert httpx.get(f"{graph_server.base}/instruments").json()["total"] == before  # stored nothing


@STORE_FREE
def test_extract_takes_an_upload_and_json_alike(graph_server: Server) -> None:
    data = FRENCH.read_bytes()
    plain = extract(graph_server, content=data, headers={"Content-Type": "text/plain"}).json()
    upload = extract(graph_server, files={"file": (FRENCH.name, data, "text/plain")}).json()
    as_json = extract(graph_server, json={"text": data.decode("utf-8"), "name": FRENCH.name}).json()
    assert plain == upload == as_json
    forced = extract(graph_server, content=data, params={"lang": "fr"}).json()
    assert forced == plain


@STORE_FREE
@pytest.mark.parametrize(
    ("kwargs", "status", "rule"),
    [
        pytest.param(
            {"content": b"", "headers": {"Content-Type": "text/plain"}},
            400,
            "read.empty",
            id="empty",
        ),
        pytest.param(
            {
                "files": {
                    "file": ("/etc/passwd", b"\x00\x01\x02binary\x00", "application/octet-stream")
                }
            },
            400,
            "read.binary",
            id="binary",
        ),
        pytest.param(
            {"files": {"file": ("photo.png", b"\x89PNG\r\n\x1a\n" + b"0" * 64, "image/png")}},
            415,
            "read.format",
            id="unsupported-file",
        ),
        pytest.param(
            {"content": b"<x/>", "headers": {"Content-Type": "image/svg+xml"}},
            415,
            "http.media",
            id="unsupported-body",
        ),
        pytest.param(
            {
                "content": b"Lunch is at noon. Bring bread.",
                "headers": {"Content-Type": "text/plain"},
            },
            422,
            None,
            id="not-a-resolution",
        ),
        pytest.param(
            {"content": b"{", "headers": {"Content-Type": "application/json"}},
            400,
            "extract.input",
            id="bad-json",
        ),
        pytest.param({"json": {"name": "x.txt"}}, 400, "extract.input", id="json-without-text"),
        pytest.param(
            {"files": {"other": ("x.txt", b"text", "text/plain")}},
            400,
            "extract.input",
            id="upload-without-file-field",
        ),
        pytest.param(
            {"content": b"x", "params": {"lang": "de"}}, 400, "http.validation", id="bad-lang"
        ),
    ],
)
def test_extract_refusals_name_the_problem(
    graph_server: Server, kwargs: dict[str, Any], status: int, rule: str | None
) -> None:
    response = extract(graph_server, **kwargs)
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == PROBLEM
    problem = response.json()
    if rule is not None:
        assert problem["rule"] == rule
    assert "/etc/" not in problem["detail"] and "Traceback" not in problem["detail"]


def test_extract_refuses_a_body_over_the_limit(tmp_path: Path) -> None:
    from tests.api.conftest import launch

    with launch(tmp_path / "store", {"RESKG_MAX_EXTRACT_BYTES": "2000"}) as server:
        response = extract(
            server, content=FRENCH.read_bytes(), headers={"Content-Type": "text/plain"}
        )
        assert response.status_code == 413
        assert response.headers["content-type"] == PROBLEM
