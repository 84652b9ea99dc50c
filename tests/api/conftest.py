"""A real ``reskg serve`` process per configuration, on a free port, over an on-disk store
in a temporary folder or over a real ``oxigraph serve`` (the remote store).

``launch`` starts one and waits for ``/health``; the session fixtures share two servers
(with and without an admin token) because starting one costs about a second.

Store kinds: the server fixtures (``admin_server``, ``public_server``, ``graph_server``,
``graph_admin_server``, ``launcher``) take the store kind from ``store_kind``, and every
test that uses one runs once per kind: ``embedded`` (a store folder) and ``remote``
(``reskg serve --store http://127.0.0.1:PORT`` over ``oxigraph serve`` on a copy of the
same data), with the same assertions. A test that is about one kind only says so with
``@pytest.mark.store_kinds("embedded")`` and a reason next to it. Tests that call
``launch`` with a folder run on the embedded store only.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from reskg.dataset import build
from reskg.iri import Minter
from reskg.store import open_store
from reskg.store.embedded import EmbeddedStore
from tests.conftest import oxigraph_binary

ADMIN_TOKEN = "test-admin-token-7f3a"
QUERY_TIMEOUT = 2.0
STORE_KINDS = ("embedded", "remote")
# The test Oxigraph servers stop a query's work at this many seconds (a query reskg gave
# up on at QUERY_TIMEOUT must not keep a core busy; docs/deployment.md says the same).
OXIGRAPH_TIMEOUT_S = 5


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "store_kinds(*kinds): run a test that uses a server fixture of tests/api/conftest.py "
        "on these store kinds only (default: embedded and remote)",
    )


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Every test that (directly or through a fixture) uses ``store_kind`` runs once per
    store kind, grouped by kind so that the session servers start once each."""
    if "store_kind" not in metafunc.fixturenames:
        return
    marker = metafunc.definition.get_closest_marker("store_kinds")
    kinds = marker.args if marker is not None else STORE_KINDS
    unknown = set(kinds) - set(STORE_KINDS)
    if unknown:
        raise pytest.UsageError(f"unknown store kind(s) {sorted(unknown)}; use {STORE_KINDS}")
    metafunc.parametrize("store_kind", kinds, indirect=True, scope="session")


@pytest.fixture(scope="session")
def store_kind(request: pytest.FixtureRequest) -> str:
    """``embedded`` or ``remote``: what the server fixtures serve from."""
    kind: str = getattr(request, "param", "embedded")
    return kind


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass(frozen=True)
class Server:
    """A running service: its base URL, store (a folder, or the URL of the remote store),
    admin token (if any) and log file."""

    base: str
    store: Path | str
    token: str | None
    log: Path

    @property
    def kind(self) -> str:
        return "remote" if isinstance(self.store, str) else "embedded"

    @property
    def sparql(self) -> str:
        return f"{self.base}/sparql"

    def auth(self) -> dict[str, str]:
        assert self.token is not None
        return {"Authorization": f"Bearer {self.token}"}

    def update(self, text: str) -> httpx.Response:
        """Apply an update with the admin token; fail the test if it is refused."""
        headers = {"Content-Type": "application/sparql-update", **self.auth()}
        response = httpx.post(self.sparql, content=text.encode(), headers=headers, timeout=30)
        assert response.status_code == 204, response.text
        return response

    def put_graph(self, graph: str, data: bytes, media_type: str) -> httpx.Response:
        headers = {"Content-Type": media_type, **self.auth()}
        response = httpx.put(
            f"{self.base}/store", params={"graph": graph}, content=data, headers=headers
        )
        assert response.status_code in (201, 204), response.text
        return response


@contextmanager
def launch(
    store: Path | str, env: Mapping[str, str] | None = None, *, log: Path | None = None
) -> Iterator[Server]:
    """Run ``reskg serve`` on ``store`` (a folder, or a remote store's URL) with ``env``
    added to a clean RESKG_* environment. The log goes to ``log``, by default beside the
    store folder (for a URL, into a new temporary folder)."""
    port = free_port()
    environment = {key: value for key, value in os.environ.items() if not key.startswith("RESKG")}
    environment.update(env or {})
    command = [sys.executable, "-m", "reskg", "serve", "--port", str(port), "--store", str(store)]
    if log is not None:
        log_path = log
    elif isinstance(store, Path):
        log_path = store.with_name(f"{store.name}-server.log")
    else:
        log_path = Path(tempfile.mkdtemp(prefix="reskg-serve-")) / "server.log"
    log_file = log_path.open("wb")  # a file, not a pipe: nobody reads a pipe and it would fill
    process = subprocess.Popen(command, env=environment, stdout=log_file, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if process.poll() is not None:
                output = log_path.read_text(errors="replace")
                pytest.fail(f"reskg serve exited early:\n{output}")
            try:
                httpx.get(f"{base}/health", timeout=1)
                break
            except httpx.TransportError:
                time.sleep(0.2)
        else:
            pytest.fail("reskg serve did not answer within 30 s")
        yield Server(base, store, environment.get("RESKG_ADMIN_TOKEN"), log_path)
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log_file.close()


# -- a real Oxigraph server for the remote kind ----------------------------------------


class Oxigraph:
    """``oxigraph serve`` over the folder ``location`` on 127.0.0.1:``port`` (a free port
    by default). It can be killed and started again on the same port and folder, as the
    outage tests do; :meth:`stop` (or leaving the ``with`` block) ends it."""

    def __init__(self, location: Path, *, port: int | None = None) -> None:
        self.location = location
        self.port = port or free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = location.with_name(f"{location.name}-oxigraph.log")
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> Oxigraph:
        assert self.process is None, "already running"
        command = [oxigraph_binary(), "serve", "--location", str(self.location)]
        command += ["--bind", f"127.0.0.1:{self.port}", "--timeout-s", str(OXIGRAPH_TIMEOUT_S)]
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 20
        while True:
            if self.process.poll() is not None:
                self.process = None
                pytest.fail(f"oxigraph serve exited:\n{self.log.read_text(errors='replace')}")
            try:
                httpx.get(f"{self.base}/query", params={"query": "ASK {}"}, timeout=1)
                return self
            except httpx.TransportError:
                if time.monotonic() > deadline:
                    self.stop()
                    pytest.fail("oxigraph serve did not answer within 20 s")
                time.sleep(0.1)

    def kill(self) -> None:
        """End the server at once (SIGKILL), as a crash would."""
        if self.process is not None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait()
            self.process = None

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
            self.process = None

    def __enter__(self) -> Oxigraph:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


@contextmanager
def serve(
    kind: str,
    tmp_path_factory: pytest.TempPathFactory,
    name: str,
    env: Mapping[str, str] | None = None,
    *,
    embedded: Path | None = None,
    remote: Path | None = None,
) -> Iterator[Server]:
    """``reskg serve`` over a store of ``kind``: an empty one, or a copy of ``embedded`` (a
    closed store folder) or ``remote`` (a closed Oxigraph folder) holding the same data."""
    folder = tmp_path_factory.mktemp(name)
    if kind == "embedded":
        store = folder / "store"
        if embedded is not None:
            shutil.copytree(embedded, store)
        with launch(store, env) as server:
            yield server
        return
    location = folder / "oxigraph"
    if remote is not None:
        shutil.copytree(remote, location)
    with Oxigraph(location) as oxigraph, launch(oxigraph.base, env, log=folder / "server.log") as s:
        yield s


@pytest.fixture(scope="session")
def admin_server(store_kind: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A server with an admin token and a 2 s query timeout."""
    env = {"RESKG_ADMIN_TOKEN": ADMIN_TOKEN, "RESKG_QUERY_TIMEOUT": str(QUERY_TIMEOUT)}
    with serve(store_kind, tmp_path_factory, "admin-store", env) as server:
        yield server


@pytest.fixture(scope="session")
def public_server(store_kind: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A server without an admin token: read-only."""
    with serve(store_kind, tmp_path_factory, "public-store") as server:
        yield server


@pytest.fixture
def launcher(
    store_kind: str, tmp_path_factory: pytest.TempPathFactory
) -> Callable[[Mapping[str, str]], AbstractContextManager[Server]]:
    """``launcher(env)``: a server of this test's store kind over an empty store, with
    ``env`` (for tests that need settings of their own)."""

    def start(env: Mapping[str, str]) -> AbstractContextManager[Server]:
        return serve(store_kind, tmp_path_factory, "launched", env)

    return start


# -- a server over a real graph --------------------------------------------------------

REPO = Path(__file__).resolve().parents[2]
SOURCES = REPO / "data" / "sources"
# The French Council resolution 1334 (2023) cites PP Res. 140 (Rev. Bucharest, 2022); the
# PP-18 texts give Res. 140's 2014 and 2018 versions; UNGA 78/132 comes in English and in
# French (AKN), so one work has texts in two languages.
GRAPH_DOCUMENTS = [
    SOURCES / "itu" / "itu-council-res1334-2023-fr.txt",
    SOURCES / "itu" / "itu-pp18-res140-en.txt",
    SOURCES / "itu" / "itu-pp18-res71-en.txt",
    SOURCES / "unga" / "unga-78-132-en.txt",
    SOURCES / "akn" / "A_RES_78_132-2325902F.xml",
]


@pytest.fixture(scope="session")
def graph_store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store folder built once from ``GRAPH_DOCUMENTS`` and closed (one process may open
    a store folder at a time; each server gets its own copy)."""
    folder = tmp_path_factory.mktemp("graph") / "store"
    store = open_store(str(folder))
    try:
        report = build(GRAPH_DOCUMENTS, store, workers=1, minter=Minter())
    finally:
        store.close()
    assert report.failed == ()
    return folder


@pytest.fixture(scope="session")
def graph_oxigraph_dir(graph_store_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An Oxigraph folder holding exactly what ``graph_store_dir`` holds (every graph and
    the default graph, exported as N-Quads and bulk-loaded with ``oxigraph load``); closed,
    each remote server gets its own copy."""
    folder = tmp_path_factory.mktemp("graph-oxigraph")
    source = EmbeddedStore(str(graph_store_dir), read_only=True)
    dump = folder / "graph.nq"
    dump.write_bytes(source.dump("application/n-quads"))
    del source
    location = folder / "oxigraph"
    subprocess.run(
        [oxigraph_binary(), "load", "--location", str(location), "--file", str(dump)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return location


def copy_store(source: Path, tmp_path_factory: pytest.TempPathFactory, name: str) -> Path:
    target = tmp_path_factory.mktemp(name) / "store"
    shutil.copytree(source, target)
    return target


@pytest.fixture(scope="session")
def graph_data(store_kind: str, request: pytest.FixtureRequest) -> dict[str, Path]:
    """The built graph as the closed folder a server of this kind copies (the keyword of
    :func:`serve`)."""
    if store_kind == "embedded":
        return {"embedded": request.getfixturevalue("graph_store_dir")}
    return {"remote": request.getfixturevalue("graph_oxigraph_dir")}


@pytest.fixture(scope="session")
def graph_server_embedded(
    graph_store_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Server]:
    with serve("embedded", tmp_path_factory, "graph-public", embedded=graph_store_dir) as server:
        yield server


@pytest.fixture(scope="session")
def graph_server_remote(
    graph_oxigraph_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Server]:
    with serve("remote", tmp_path_factory, "graph-public", remote=graph_oxigraph_dir) as server:
        yield server


@pytest.fixture(scope="session")
def graph_server(store_kind: str, request: pytest.FixtureRequest) -> Server:
    """A read-only server over a copy of the built graph (tests must not write to it):
    ``graph_server_embedded`` or ``graph_server_remote``, which a test may also ask for
    by name (both at once: ``test_same_answers.py``)."""
    server: Server = request.getfixturevalue(f"graph_server_{store_kind}")
    return server


@pytest.fixture
def graph_admin_server(
    store_kind: str, graph_data: dict[str, Path], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Server]:
    """A server with an admin token over a fresh copy of the built graph, for writes."""
    env = {"RESKG_ADMIN_TOKEN": ADMIN_TOKEN}
    with serve(store_kind, tmp_path_factory, "graph-admin", env, **graph_data) as server:
        yield server
