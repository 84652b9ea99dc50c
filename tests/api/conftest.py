"""A real ``reskg serve`` process per configuration, on a free port, over an on-disk store
in a temporary folder.

``launch`` starts one and waits for ``/health``; the session fixtures share two servers
(with and without an admin token) because starting one costs about a second.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from reskg.dataset import build
from reskg.iri import Minter
from reskg.store import open_store

ADMIN_TOKEN = "test-admin-token-7f3a"
QUERY_TIMEOUT = 2.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass(frozen=True)
class Server:
    """A running service: its base URL, store folder and admin token (if any)."""

    base: str
    store: Path
    token: str | None
    log: Path

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
def launch(store: Path, env: Mapping[str, str] | None = None) -> Iterator[Server]:
    """Run ``reskg serve`` on ``store`` with ``env`` added to a clean RESKG_* environment."""
    port = free_port()
    environment = {key: value for key, value in os.environ.items() if not key.startswith("RESKG")}
    environment.update(env or {})
    command = [sys.executable, "-m", "reskg", "serve", "--port", str(port), "--store", str(store)]
    log_path = store.with_name(f"{store.name}-server.log")
    log = log_path.open("wb")  # a file, not a pipe: nobody reads a pipe and it would fill
    process = subprocess.Popen(command, env=environment, stdout=log, stderr=subprocess.STDOUT)
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
        log.close()


@pytest.fixture(scope="session")
def admin_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A server with an admin token and a 2 s query timeout."""
    env = {"RESKG_ADMIN_TOKEN": ADMIN_TOKEN, "RESKG_QUERY_TIMEOUT": str(QUERY_TIMEOUT)}
    with launch(tmp_path_factory.mktemp("admin-store"), env) as server:
        yield server


@pytest.fixture(scope="session")
def public_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A server without an admin token: read-only."""
    with launch(tmp_path_factory.mktemp("public-store")) as server:
        yield server


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


def copy_store(source: Path, tmp_path_factory: pytest.TempPathFactory, name: str) -> Path:
    target = tmp_path_factory.mktemp(name) / "store"
    shutil.copytree(source, target)
    return target


@pytest.fixture(scope="session")
def graph_server(
    graph_store_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Server]:
    """A read-only server over a copy of the built graph (tests must not write to it)."""
    with launch(copy_store(graph_store_dir, tmp_path_factory, "graph-public")) as server:
        yield server


@pytest.fixture
def graph_admin_server(
    graph_store_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Server]:
    """A server with an admin token over a fresh copy of the built graph, for writes."""
    store = copy_store(graph_store_dir, tmp_path_factory, "graph-admin")
    with launch(store, {"RESKG_ADMIN_TOKEN": ADMIN_TOKEN}) as server:
        yield server
