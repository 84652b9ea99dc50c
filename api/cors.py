"""The service's CORS policy, in one place: any origin may ``GET``, without credentials;
browsers are not let preflight anything else.

``api.app`` gives it to Starlette's ``CORSMiddleware``; :mod:`api.sparql_front`, which
answers queries outside that middleware, adds the same headers with :func:`add_headers`.
"""

from __future__ import annotations

from starlette.datastructures import MutableHeaders

ALLOW_ORIGINS = ["*"]
ALLOW_METHODS = ["GET"]
EXPOSE_HEADERS = ["Location", "Vary"]


def add_headers(headers: MutableHeaders, origin: str | None) -> None:
    """The headers ``CORSMiddleware`` adds to a simple (non-preflight) response under this
    policy: with an ``Origin``, any origin is allowed and ``Location`` and ``Vary`` are
    exposed; with or without one, the answer varies by ``Origin``."""
    if origin is not None:
        headers["Access-Control-Allow-Origin"] = "*"
        headers["Access-Control-Expose-Headers"] = ", ".join(EXPOSE_HEADERS)
    headers["Vary"] = ", ".join([*headers.getlist("Vary"), "Origin"])
