"""A remote store that goes down, stalls or starts late: the API answers 503 quickly
(``application/problem+json`` with a rule and ``Retry-After``), ``/health`` keeps
answering 200 and says the store is unavailable, and the API recovers by itself when the
store is back, without a restart (docs/deployment.md, "When the store is down or slow").

The tests share one real ``reskg serve`` (``RESKG_QUERY_TIMEOUT=2``) over one real
``oxigraph serve`` on a copy of the test graph, started in that order (so the API first
runs without its store); they kill the Oxigraph process, put a socket that never answers
on its port, and start it again on the same port and folder. Each leaves both answering.
The last tests check the deadlines of the service's own reads against a fake slow store,
and how store errors become problem responses (without a server).
"""

from __future__ import annotations

import asyncio
import json
import re
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import parse_qs

import httpx
import pytest
from fastapi import FastAPI

from api import problems
from api.catalogue import Catalogue
from api.indexes import PROBE_INTERVAL, Snapshot
from api.pages import catalogue as pages
from reskg.errors import ReskgError, StoreError, StoreUnavailable
from reskg.iri import Minter
from reskg.lineage import LineageIndex
from reskg.store import http
from reskg.store.interface import QueryTimeout
from reskg.store.remote import RemoteStore
from reskg.store.service import ServedStore
from tests.api.conftest import Oxigraph, Server, launch

PP140 = "https://w3id.org/reskg/akn/un/statement/deliberation/itu-pp/res-140"
QUERY_TIMEOUT = 2.0  # RESKG_QUERY_TIMEOUT of the servers here
# Data routes that need the store: the lineage and search indexes, and a query.
ROUTES = {
    "lineage": ("/lineage", {"id": PP140}),
    "instruments": ("/instruments", {"q": "1334"}),
    "sparql": ("/sparql", {"query": "ASK { ?s ?p ?o }"}),
}
# Seconds from the store going down to the first 503, and from it coming back to the
# first 200: a probe interval, a failed connection and a reload of the indexes, with room
# for a loaded two-core machine.
NOTICE = PROBE_INTERVAL + 4.0
RECOVER = PROBE_INTERVAL + 10.0


class Stall:
    """A socket on 127.0.0.1:``port`` that accepts connections and never answers."""

    def __init__(self, port: int) -> None:
        self._socket = socket.socket()
        self._socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._socket.bind(("127.0.0.1", port))
        self._socket.listen(64)
        self._socket.settimeout(0.1)
        self._held: list[socket.socket] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        while not self._stop.is_set():
            with suppress(TimeoutError):
                connection, _ = self._socket.accept()
                self._held.append(connection)  # read nothing, answer nothing

    def close(self) -> None:
        self._stop.set()
        self._thread.join()
        for connection in self._held:
            connection.close()
        self._socket.close()


def get(server: Server, route: str) -> tuple[httpx.Response, float]:
    path, params = ROUTES[route]
    started = time.monotonic()
    response = httpx.get(f"{server.base}{path}", params=params, timeout=60)
    return response, time.monotonic() - started


def wait_for(server: Server, route: str, status: int, within: float, each: float) -> None:
    """Ask ``route`` until it answers ``status``: that must happen within ``within``
    seconds, and every answer on the way must come within ``each`` seconds."""
    started = time.monotonic()
    while True:
        response, took = get(server, route)
        assert took < each, f"{route} took {took:.1f} s ({response.status_code})"
        if response.status_code == status:
            return
        assert response.status_code in (200, 503), (route, response.status_code, response.text)
        assert time.monotonic() - started < within, f"{route}: no {status} within {within} s"
        time.sleep(0.1)


def assert_unavailable(server: Server, route: str, each: float) -> None:
    response, took = get(server, route)
    assert response.status_code == 503, (route, response.text)
    assert took < each, f"{route} took {took:.1f} s"
    assert response.headers["content-type"] == "application/problem+json"
    assert int(response.headers["retry-after"]) >= 1
    problem = response.json()
    assert problem["status"] == 503
    assert problem["rule"] in ("store.unavailable", "query.timeout"), problem
    assert "127.0.0.1" not in problem["detail"]  # the store's address stays private


def health(server: Server) -> str:
    started = time.monotonic()
    response = httpx.get(f"{server.base}/health", timeout=10)
    assert time.monotonic() - started < 1.0, "/health waited on the store"
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    store: str = body["store"]
    return store


def copy(graph_oxigraph_dir: Path, folder: Path) -> Path:
    """A copy of the test graph's Oxigraph folder in ``folder``."""
    target = folder / "oxigraph"
    shutil.copytree(graph_oxigraph_dir, target)
    return target


@dataclass
class Outage:
    """The module's Oxigraph and API, and what went wrong (nothing, when all is well)
    while the API ran before its store had started."""

    oxigraph: Oxigraph
    api: Server
    before_the_store: list[str] = field(default_factory=list)


@pytest.fixture(scope="module")
def running(graph_oxigraph_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Outage]:
    """reskg serve over an Oxigraph server on a copy of the test graph, started in that
    order: the API first (checked then), the store after. Shared by the tests of the
    module: each leaves both running and answering, as it found them."""
    folder = tmp_path_factory.mktemp("outage")
    env = {"RESKG_QUERY_TIMEOUT": str(QUERY_TIMEOUT)}
    oxigraph = Oxigraph(copy(graph_oxigraph_dir, folder))  # not started: nothing listens
    with launch(oxigraph.base, env, log=folder / "api.log") as api:
        outage = Outage(oxigraph, api)
        try:
            assert health(api) == "unavailable"
            for route in ROUTES:
                assert_unavailable(api, route, each=3.0)
        except AssertionError as error:
            outage.before_the_store.append(str(error))
        try:
            yield outage
        finally:
            oxigraph.stop()


@pytest.fixture
def answering(running: Outage) -> Outage:
    """``running``, with both answering (starting Oxigraph if it is not running)."""
    if running.oxigraph.process is None:
        running.oxigraph.start()
    for route in ROUTES:
        wait_for(running.api, route, 200, within=RECOVER, each=QUERY_TIMEOUT + 3)
    assert health(running.api) == "available"
    return running


def test_the_api_starts_before_its_store_and_serves_once_it_answers(
    running: Outage, answering: Outage
) -> None:
    """Before the store started: /health 200 with "store": "unavailable", every data route
    503; once it answers (``answering``), every route answers 200."""
    assert running.before_the_store == []


def test_a_store_that_goes_down_gives_503_and_the_api_recovers_when_it_is_back(
    answering: Outage,
) -> None:
    oxigraph, api = answering.oxigraph, answering.api
    oxigraph.kill()
    for route in ROUTES:
        wait_for(api, route, 503, within=NOTICE, each=3.0)
        assert_unavailable(api, route, each=3.0)
    assert health(api) == "unavailable"

    oxigraph.start()  # the same port and folder
    for route in ROUTES:
        wait_for(api, route, 200, within=RECOVER, each=QUERY_TIMEOUT + 3)
    assert health(api) == "available"
    report = httpx.get(f"{api.base}/lineage", params={"id": PP140}, timeout=30).json()
    assert [v["version_year"] for v in report["versions"]] == [2014, 2018, 2022]


def test_a_stalled_store_gives_503_within_the_query_timeout(answering: Outage) -> None:
    oxigraph, api = answering.oxigraph, answering.api
    oxigraph.kill()
    stall = Stall(oxigraph.port)
    try:
        started = time.monotonic()
        # A query waits out its timeout, then 503; meanwhile the probe notices too.
        assert_unavailable(api, "sparql", each=QUERY_TIMEOUT + 1.5)
        # The index routes follow within a probe (itself bounded by the query timeout).
        for route in ("lineage", "instruments"):
            wait_for(api, route, 503, within=QUERY_TIMEOUT + NOTICE, each=QUERY_TIMEOUT + 1.5)
            assert_unavailable(api, route, each=1.5)
        assert time.monotonic() - started < 2 * QUERY_TIMEOUT + NOTICE
        assert health(api) == "unavailable"
    finally:
        stall.close()
    oxigraph.start()
    for route in ROUTES:
        wait_for(api, route, 200, within=RECOVER, each=QUERY_TIMEOUT + 3)
    assert health(api) == "available"


# -- the deadlines of the service's own reads ---------------------------------------------

ASK_TRUE = b'{"head":{},"boolean":true}'
NO_ROWS = b'{"head":{"vars":[]},"results":{"bindings":[]}}'


@contextmanager
def answering_after(delay: float) -> Iterator[str]:
    """A SPARQL endpoint that answers every ASK ``true`` and every other query with no
    rows, after ``delay`` seconds; its URL."""

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            form = parse_qs(self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode())
            query = form.get("query", [""])[0]
            body = ASK_TRUE if re.search(r"^\s*ASK\b", query, re.MULTILINE) else NO_ROWS
            time.sleep(delay)
            self.send_response(200)
            self.send_header("Content-Type", "application/sparql-results+json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            with suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def slow_store() -> Iterator[str]:
    """A SPARQL endpoint that answers every query after 0.8 s (ASK: ``true``)."""
    with answering_after(0.8) as url:
        yield url


def test_index_loads_are_bounded_by_the_store_timeout_not_the_query_timeout(
    slow_store: str,
) -> None:
    """The API's query timeout bounds what clients ask; the service's own bulk reads (the
    indexes, which take longer on a large store) are bounded by RESKG_STORE_TIMEOUT, as
    the embedded store does not bound them either."""
    served = ServedStore(RemoteStore(slow_store), workers=2, timeout=0.3)
    try:
        with pytest.raises(QueryTimeout), served.reading() as store:
            store.query("ASK {}")
        with served.loading() as store:
            assert json.loads(store.query("ASK {}").body)["boolean"] is True
        assert not served.probe()  # a probe is bounded by the query timeout
        assert not served.available
    finally:
        served.close()


def test_the_pages_catalogue_is_read_as_the_indexes_are() -> None:
    """The pages' names, texts and figures (api/pages/catalogue.py) are the service's own
    bulk read, like the index loads: bounded by RESKG_STORE_TIMEOUT, not by the query
    timeout (they were read under it, and a large store's answers ran out of time)."""
    with answering_after(0.3) as url:
        served = ServedStore(RemoteStore(url), workers=2, timeout=0.1)
        minter = Minter()
        snapshot = Snapshot(LineageIndex(), Catalogue([], minter), generation=7)
        state = SimpleNamespace(
            indexes=SimpleNamespace(current=snapshot), served=served, minter=minter
        )
        request = SimpleNamespace(app=SimpleNamespace(state=state))
        try:
            catalogue = pages.current(request)  # type: ignore[arg-type]
        finally:
            served.close()
    assert catalogue.generation == 7
    assert catalogue.figures.documents == 0
    assert served.available


# -- store errors as problem responses ------------------------------------------------------

STORE_URL = "http://10.1.2.3:7878"


def test_store_unavailable_is_a_store_error_of_its_own() -> None:
    assert issubclass(StoreUnavailable, StoreError)
    assert StoreUnavailable.rule == "store.unavailable"
    assert StoreUnavailable.__doc__
    assert http.StoreUnavailable is StoreUnavailable  # the old import still works


async def _raise(error: ReskgError) -> httpx.Response:
    app = FastAPI()
    problems.install(app)

    @app.get("/fail")
    def fail() -> None:
        raise error

    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://api") as client:
        return await client.get("/fail")


@pytest.mark.parametrize(
    ("error", "status", "rule", "retry_after", "detail"),
    [
        pytest.param(
            StoreUnavailable("cannot reach the store: ConnectError: refused", path=STORE_URL),
            503,
            "store.unavailable",
            "5",
            "the store does not answer; retry later",
            id="unreachable",
        ),
        pytest.param(
            StoreUnavailable(f"ASK {{}} answered HTTP 503: {STORE_URL} is down"),
            503,
            "store.unavailable",
            "5",
            "the store does not answer; retry later",
            id="marked-down",
        ),
        pytest.param(
            QueryTimeout("no answer from the store within 2 s"),
            503,
            "query.timeout",
            "1",
            "no answer from the store within 2 s",
            id="timeout",
        ),
        pytest.param(
            StoreError("update: the store answered HTTP 500: boom", path=STORE_URL),
            500,
            "store",
            None,
            "the store failed; the server log has details",
            id="failed",
        ),
    ],
)
def test_store_errors_as_problems(
    error: ReskgError, status: int, rule: str, retry_after: str | None, detail: str
) -> None:
    """Unavailable is 503 with Retry-After and a generic detail: the store's URL, which the
    message names, stays private (it was 500 without api/app.py's own handler)."""
    response = asyncio.run(_raise(error))
    assert response.status_code == status
    assert response.headers["content-type"] == "application/problem+json"
    assert response.headers.get("retry-after") == retry_after
    problem = response.json()
    assert (problem["status"], problem["rule"], problem["detail"]) == (status, rule, detail)
    assert "10.1.2.3" not in response.text
