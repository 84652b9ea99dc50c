"""The HTTP side of a remote store: one client with timeouts and credentials, complete
bodies read within a deadline and a size cap, retries for idempotent reads only, and HTTP
errors turned into typed errors with the server's message (never our headers).

A store that cannot be reached (connection refused or reset, no connection within the
connect timeout) or that says it is unavailable (HTTP 502 or 503, after the retries of a
read) raises :class:`~reskg.errors.StoreUnavailable` (also importable from here); a
request that gets no complete answer within its deadline raises
:class:`~reskg.store.interface.QueryTimeout`. The API answers both with
503 and ``Retry-After`` (docs/deployment.md, "When the store is down or slow").
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from urllib.parse import urlencode

import httpx

from reskg import __version__
from reskg.errors import ReskgError, StoreError, StoreUnavailable
from reskg.store import formats
from reskg.store.endpoints import Endpoints
from reskg.store.interface import QueryTimeout, ResultTooLarge

CANCELLED = b"The SPARQL operation has been cancelled"
_RETRIES = 2  # idempotent reads only, after a connection failure or a 502/503/504

__all__ = ["CANCELLED", "Http", "StoreUnavailable", "message"]


def message(body: bytes) -> str:
    """The server's error text, on one line and short (it goes into our messages)."""
    text = " ".join(body.decode("utf-8", "replace").split())
    return text[:300] + ("…" if len(text) > 300 else "") or "no message"


class Http:
    """One keep-alive client for one remote store."""

    def __init__(self, endpoints: Endpoints, transport: httpx.BaseTransport | None) -> None:
        self.endpoints = ep = endpoints
        self.location = endpoints.location
        headers = {"User-Agent": f"reskg/{__version__}"}
        if ep.token:
            headers["Authorization"] = f"Bearer {ep.token}"
        self._client = httpx.Client(
            headers=headers,
            auth=httpx.BasicAuth(*ep.basic) if ep.basic else None,
            timeout=httpx.Timeout(ep.timeout, connect=ep.connect_timeout),
            follow_redirects=False,
            trust_env=False,  # no proxy or netrc picked up from the environment
            transport=transport,
        )

    def send(
        self,
        method: str,
        url: str,
        *,
        params: Mapping[str, str] | None = None,
        data: Sequence[tuple[str, str]] | None = None,
        content: bytes | None = None,
        headers: Mapping[str, str] | None = None,
        idempotent: bool = False,
        timeout: float | None = None,
        max_bytes: int | None = None,
    ) -> tuple[int, str, bytes]:
        """Status, media type and the whole body, read within ``timeout`` seconds."""
        budget = timeout or self.endpoints.timeout
        deadline = time.monotonic() + budget
        body_bytes = content
        if data is not None:
            body_bytes = urlencode(list(data)).encode("ascii")
        attempts = 1 + (_RETRIES if idempotent else 0)
        for attempt in range(attempts):
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise QueryTimeout(f"no answer from the store within {budget:g} s")
            try:
                with self._client.stream(
                    method,
                    url,
                    params=params,
                    content=body_bytes,
                    headers=headers,
                    timeout=httpx.Timeout(
                        remaining, connect=min(remaining, self.endpoints.connect_timeout)
                    ),
                ) as response:
                    if response.status_code in (502, 503, 504) and attempt + 1 < attempts:
                        time.sleep(0.1 * 2**attempt)
                        continue
                    body = self._read(response, deadline, budget, max_bytes)
                    kind = formats.canonical(response.headers.get("content-type", ""))
                    return response.status_code, kind, body
            except httpx.ConnectTimeout as error:
                # No connection at all: the store is unreachable, not slow to answer.
                if attempt + 1 < attempts and deadline - time.monotonic() > 0:
                    continue
                raise self._unreachable(error) from None
            except httpx.TimeoutException:
                raise QueryTimeout(
                    f"no complete answer from the store within {budget:g} s"
                ) from None
            except httpx.TransportError as error:
                if attempt + 1 < attempts:
                    time.sleep(0.1 * 2**attempt)
                    continue
                raise self._unreachable(error) from None
        raise AssertionError("unreachable")

    def _unreachable(self, error: Exception) -> StoreUnavailable:
        return StoreUnavailable(
            f"cannot reach the store: {type(error).__name__}: {error}", path=self.location
        )

    @staticmethod
    def _read(
        response: httpx.Response, deadline: float, budget: float, max_bytes: int | None
    ) -> bytes:
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if max_bytes is not None and size > max_bytes:
                raise ResultTooLarge(f"the answer exceeds {max_bytes} bytes; add a LIMIT")
            if time.monotonic() > deadline:
                raise QueryTimeout(f"no complete answer from the store within {budget:g} s")
            chunks.append(chunk)
        return b"".join(chunks)

    def fail(self, status: int, body: bytes, what: str) -> ReskgError:
        text = f"{what}: the store answered HTTP {status}: {message(body)}"
        if status in (401, 403):
            return StoreError(text, path=self.location, rule="store.auth")
        if status in (408, 504):
            return QueryTimeout(text)
        if status in (502, 503):
            return StoreUnavailable(text, path=self.location)
        return StoreError(text, path=self.location, rule="store.remote")

    def close(self) -> None:
        self._client.close()
