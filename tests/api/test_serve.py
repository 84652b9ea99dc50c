"""``reskg serve`` starts a real uvicorn process that answers HTTP."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator

import httpx
import pytest

from reskg import __version__


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture()
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    port = free_port()
    store = tmp_path_factory.mktemp("store")
    proc = subprocess.Popen(
        [sys.executable, "-m", "reskg", "serve", "--port", str(port), "--store", str(store)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                output = proc.stdout.read() if proc.stdout else ""
                pytest.fail(f"reskg serve exited early:\n{output}")
            try:
                httpx.get(f"{base}/health", timeout=1)
                break
            except httpx.TransportError:
                time.sleep(0.2)
        else:
            pytest.fail("reskg serve did not answer within 30 s")
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_health(server: str) -> None:
    response = httpx.get(f"{server}/health", timeout=5)
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "version": __version__, "store": "available"}


def test_openapi_docs(server: str) -> None:
    response = httpx.get(f"{server}/openapi.json", timeout=5)
    assert response.status_code == 200
    assert response.json()["info"]["title"] == "reskg"
