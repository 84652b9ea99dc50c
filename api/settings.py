"""Service settings, read once from the command line and the environment.

Every limit has a default and a ceiling: a value from the environment above the ceiling
is lowered to it, and a value that is not a number stops the service at start-up.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from reskg.errors import ReskgError


def _number(name: str, default: float, low: float, high: float) -> float:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = float(raw)
    except ValueError:
        raise ReskgError(f"{name}={raw!r} is not a number", rule="settings") from None
    return min(max(value, low), high)


@dataclass(frozen=True, slots=True)
class Settings:
    """What ``reskg serve`` was started with.

    ``store`` is a folder (embedded pyoxigraph) or an ``http(s)://`` URL (remote SPARQL
    store); ``None`` means the default folder under ``data/``. ``admin_token`` enables
    SPARQL Update and the Graph Store Protocol for requests that bear it.
    """

    store: str | None = None
    admin_token: str | None = None
    query_timeout: float = 10.0  # RESKG_QUERY_TIMEOUT, seconds, at most 60
    query_workers: int = 2  # RESKG_QUERY_WORKERS, 2 to 8
    query_wait: float = 10.0  # RESKG_QUERY_WAIT, seconds a query may wait for a free worker
    max_query_bytes: int = 100_000  # RESKG_MAX_QUERY_BYTES, at most 1 MB
    max_body_bytes: int = 20 * 1024 * 1024  # RESKG_MAX_BODY_BYTES, at most 200 MB
    max_result_rows: int = 100_000  # RESKG_MAX_RESULT_ROWS, at most 1,000,000
    max_result_bytes: int = 50 * 1024 * 1024  # RESKG_MAX_RESULT_BYTES, at most 500 MB
    max_extract_bytes: int = 5 * 1024 * 1024  # RESKG_MAX_EXTRACT_BYTES, at most 50 MB

    @classmethod
    def from_env(cls, *, store: str | None = None) -> Settings:
        return cls(
            store=store or os.environ.get("RESKG_STORE") or None,
            admin_token=os.environ.get("RESKG_ADMIN_TOKEN") or None,
            query_timeout=_number("RESKG_QUERY_TIMEOUT", 10.0, 0.1, 60.0),
            query_workers=int(_number("RESKG_QUERY_WORKERS", 2, 2, 8)),
            query_wait=_number("RESKG_QUERY_WAIT", 10.0, 0.1, 120.0),
            max_query_bytes=int(_number("RESKG_MAX_QUERY_BYTES", 100_000, 1_000, 1_000_000)),
            max_body_bytes=int(
                _number("RESKG_MAX_BODY_BYTES", 20 * 1024 * 1024, 1_000, 200 * 1024 * 1024)
            ),
            max_result_rows=int(_number("RESKG_MAX_RESULT_ROWS", 100_000, 1, 1_000_000)),
            max_result_bytes=int(
                _number("RESKG_MAX_RESULT_BYTES", 50 * 1024 * 1024, 1_000, 500 * 1024 * 1024)
            ),
            max_extract_bytes=int(
                _number("RESKG_MAX_EXTRACT_BYTES", 5 * 1024 * 1024, 1_000, 50 * 1024 * 1024)
            ),
        )
