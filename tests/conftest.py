"""Fixtures shared by the whole suite.

Missing outside inputs (``../shared``, a Java runtime, Chromium) skip a test on a
developer's machine but fail it under CI (``CI`` set), so a green CI run never hides a
missing install step.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from reskg.store import GraphStore

REPO = Path(__file__).resolve().parents[1]
SHARED = (REPO / ".." / "shared").resolve()


def missing(what: str) -> None:
    """Skip locally, fail in CI: ``what`` is needed and is not there."""
    if os.environ.get("CI"):
        pytest.fail(f"{what} is required in CI and is missing")
    pytest.skip(f"{what} is missing")


def require_tool(name: str) -> str:
    """The full path of the executable ``name``, or skip/fail as :func:`missing` says."""
    path = shutil.which(name)
    if path is None:
        missing(f"the program {name!r}")
        raise AssertionError("unreachable")  # pytest.skip/fail raise
    return path


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """``../shared`` beside the repository (the corpus, datasets, gold, W3C suites)."""
    if not SHARED.is_dir():
        missing(f"the shared folder {SHARED}")
    return SHARED


# -- a real Oxigraph server for the remote store (issue 9) -----------------------------


def oxigraph_binary() -> str:
    """The ``oxigraph`` program of PyPI's ``oxigraph`` package: beside this Python, else on
    PATH; skip locally, fail in CI when it is missing."""
    import sys

    beside = Path(sys.executable).with_name("oxigraph")
    if beside.is_file():
        return str(beside)
    return require_tool("oxigraph")


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``oxigraph serve`` on 127.0.0.1 over a temporary on-disk store; its base URL.

    Shared by the session: tests that use it start from ``DROP ALL`` (see
    ``tests/store/conftest.py``) rather than a new process each.
    """
    import socket
    import subprocess
    import time

    import httpx

    binary = oxigraph_binary()
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = int(sock.getsockname()[1])
    folder = tmp_path_factory.mktemp("oxigraph")
    log_path = folder / "server.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [binary, "serve", "--location", str(folder / "db"), "--bind", f"127.0.0.1:{port}"],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 20
            while True:
                if process.poll() is not None:
                    pytest.fail(f"oxigraph serve exited:\n{log_path.read_text(errors='replace')}")
                try:
                    httpx.get(f"{base}/query", params={"query": "ASK {}"}, timeout=1)
                    break
                except httpx.TransportError:
                    if time.monotonic() > deadline:
                        pytest.fail("oxigraph serve did not answer within 20 s")
                    time.sleep(0.1)
            yield base
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def built_store(request: pytest.FixtureRequest, kind: str, documents: list[Path]) -> GraphStore:
    """A store of ``kind`` ("remote": the Oxigraph server, emptied first; otherwise in
    memory) with ``documents`` built into it as ``reskg ingest`` builds them."""
    from reskg.dataset import build
    from reskg.iri import Minter
    from reskg.store import open_store

    if kind == "remote":
        store = open_store(request.getfixturevalue("oxigraph_server"))
        store.update("DROP SILENT ALL")
    else:
        store = open_store(":memory:")
    report = build(documents, store, workers=1, minter=Minter())
    assert report.failed == ()
    assert len(report.added) == len(documents)
    return store
