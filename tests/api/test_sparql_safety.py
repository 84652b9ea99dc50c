"""What the endpoint refuses and how it stops: SERVICE, FROM, LOAD, tokens, the deadline."""

from __future__ import annotations

import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from tests.api.conftest import QUERY_TIMEOUT, Server
from tests.loopback import Listener


@pytest.fixture()
def listener() -> Iterator[Listener]:
    recorder = Listener()
    yield recorder
    recorder.close()


def _query(server: Server, text: str, **params: str) -> httpx.Response:
    return httpx.post(
        server.sparql,
        params=params,
        content=text.encode(),
        headers={"Content-Type": "application/sparql-query"},
        timeout=30,
    )


@pytest.mark.parametrize(
    "template",
    [
        pytest.param("SELECT * {{ SERVICE <http://127.0.0.1:{port}/> {{ ?s ?p ?o }} }}", id="top"),
        pytest.param(
            "ASK {{ FILTER EXISTS {{ {{ SELECT * {{ OPTIONAL {{ SERVICE SILENT "
            "<http://127.0.0.1:{port}/> {{ ?s ?p ?o }} }} }} }} }} }}",
            id="nested",
        ),
        pytest.param("SELECT * FROM <http://127.0.0.1:{port}/x> {{ ?s ?p ?o }}", id="from"),
        pytest.param("SELECT * FROM NAMED <http://127.0.0.1:{port}/x> {{ ?s ?p ?o }}", id="named"),
    ],
)
def test_outbound_queries_are_refused(
    public_server: Server, listener: Listener, template: str
) -> None:
    response = _query(public_server, template.format(port=listener.port))
    assert response.status_code == 400
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["rule"] == "query.refused"
    time.sleep(0.5)
    assert listener.connections == 0


def test_protocol_graphs_outside_the_store_are_refused(
    public_server: Server, listener: Listener
) -> None:
    url = f"http://127.0.0.1:{listener.port}/x"
    for name in ("default-graph-uri", "named-graph-uri"):
        response = _query(public_server, "ASK {}", **{name: url})
        assert response.status_code == 400, response.text
        assert name in response.json()["detail"]
    assert listener.connections == 0


def test_load_is_refused_even_with_the_token(admin_server: Server, listener: Listener) -> None:
    response = httpx.post(
        admin_server.sparql,
        content=f"LOAD <http://127.0.0.1:{listener.port}/data.ttl>".encode(),
        headers={"Content-Type": "application/sparql-update", **admin_server.auth()},
    )
    assert response.status_code == 400
    assert "LOAD" in response.json()["detail"]
    time.sleep(0.5)
    assert listener.connections == 0


UPDATE = (
    "INSERT DATA { GRAPH <https://example.org/auth> "
    '{ <https://example.org/s> <https://example.org/p> "v" } }'
)


def _update(server: Server, headers: dict[str, str]) -> httpx.Response:
    return httpx.post(
        server.sparql,
        content=UPDATE.encode(),
        headers={"Content-Type": "application/sparql-update", **headers},
    )


def test_updates_are_off_without_a_server_token(public_server: Server) -> None:
    assert _update(public_server, {}).status_code == 403
    assert _update(public_server, {"Authorization": "Bearer anything"}).status_code == 403
    form = httpx.post(public_server.sparql, data={"update": UPDATE})
    assert form.status_code == 403
    assert httpx.put(f"{public_server.base}/store?default", content=b"").status_code == 403


@pytest.mark.parametrize(
    "headers",
    [
        pytest.param({}, id="missing"),
        pytest.param({"Authorization": "Bearer wrong"}, id="wrong"),
        pytest.param({"Authorization": "Basic dGVzdDp0ZXN0"}, id="basic"),
    ],
)
def test_updates_need_the_right_bearer(admin_server: Server, headers: dict[str, str]) -> None:
    response = _update(admin_server, headers)
    assert response.status_code == 401
    assert response.headers["www-authenticate"].startswith("Bearer")
    assert admin_server.token is not None
    assert admin_server.token not in response.text


def test_an_authorised_update_is_visible_to_the_next_query(admin_server: Server) -> None:
    admin_server.update("DROP SILENT GRAPH <https://example.org/auth>")
    before = _query(admin_server, "ASK { GRAPH <https://example.org/auth> { ?s ?p ?o } }")
    assert before.json()["boolean"] is False
    assert _update(admin_server, admin_server.auth()).status_code == 204
    after = _query(admin_server, "ASK { GRAPH <https://example.org/auth> { ?s ?p ?o } }")
    assert after.json()["boolean"] is True
    log = admin_server.log.read_text(errors="replace")
    assert admin_server.token is not None
    assert admin_server.token not in log


# Ten VALUES blocks of ten: 10^10 combinations to count, minutes of work for the engine.
SLOW = (
    "SELECT (COUNT(*) AS ?n) {"
    + " ".join(f"VALUES ?{name} {{1 2 3 4 5 6 7 8 9 10}}" for name in "abcdefghij")
    + "}"
)


def test_a_long_query_gets_503_at_the_deadline_while_others_answer(admin_server: Server) -> None:
    with ThreadPoolExecutor(max_workers=1) as executor:
        started = time.monotonic()
        slow = executor.submit(_query, admin_server, SLOW)
        time.sleep(0.3)
        quick_started = time.monotonic()
        quick = _query(admin_server, "ASK {}")
        quick_took = time.monotonic() - quick_started
        response = slow.result()
        took = time.monotonic() - started
    assert quick.status_code == 200
    assert quick_took < QUERY_TIMEOUT
    assert response.status_code == 503
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["rule"] == "query.timeout"
    assert took < QUERY_TIMEOUT + 2
    # The killed worker was replaced: the pool still answers.
    assert _query(admin_server, "ASK {}").status_code == 200


# Three million combinations: about half a second of work, more than what a query that
# waited for a worker had left of its time before it got its own.
MODERATE = (
    "SELECT (COUNT(*) AS ?n) {"
    + " ".join(f"VALUES ?{name} {{1 2 3 4 5 6 7 8 9 10}}" for name in "abcdef")
    + " VALUES ?g {1 2 3} }"
)


# The pool of query workers is the embedded store's: a remote store bounds each query by
# its HTTP timeout and keeps no workers.
@pytest.mark.store_kinds("embedded")
def test_a_query_that_waited_for_a_worker_still_gets_its_whole_time(
    admin_server: Server,
) -> None:
    """Both workers (RESKG_QUERY_WORKERS defaults to 2) are held by slow queries until the
    deadline; a quick query sent meanwhile waits for one of them to be replaced, then runs
    with its own full time (the new worker's start included) instead of what was left."""
    with ThreadPoolExecutor(max_workers=2) as executor:
        slow = [executor.submit(_query, admin_server, SLOW) for _ in range(2)]
        time.sleep(0.3)
        started = time.monotonic()
        quick = _query(admin_server, MODERATE)
        waited = time.monotonic() - started
        statuses = [future.result().status_code for future in slow]
    assert statuses == [503, 503]
    assert quick.status_code == 200, quick.text
    assert QUERY_TIMEOUT - 1.0 < waited < 2 * QUERY_TIMEOUT + 2  # it did wait for a worker
