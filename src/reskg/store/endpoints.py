"""Where a remote store's endpoints are, and how to talk to them: one base URL plus
conventions per server kind, each part overridable (docs/deployment.md).

The URL names the kind and any override in its query string, and the environment can
override the same settings (the environment wins)::

    http://127.0.0.1:7878                         Oxigraph server: /query, /update, /store
    http://host:3030/ds?kind=fuseki               Fuseki: /ds/query, /ds/update, /ds/data
    http://host/x?query=/sparql&update=/sparql&store=/rdf-graph-store&union=server

| URL parameter | environment | meaning |
|---|---|---|
| ``kind`` | ``RESKG_STORE_KIND`` | ``oxigraph`` (default), ``fuseki`` or ``generic`` |
| ``query`` | ``RESKG_STORE_QUERY_URL`` | SPARQL Query endpoint (path or absolute URL) |
| ``update`` | ``RESKG_STORE_UPDATE_URL`` | SPARQL Update endpoint |
| ``store`` | ``RESKG_STORE_GSP_URL`` | Graph Store Protocol endpoint |
| ``union`` | ``RESKG_STORE_UNION`` | how to query the union of the graphs (below) |

``union``: ``param`` sends Oxigraph's ``union-default-graph`` parameter; ``server`` says
the server's default graph already is the union (Fuseki's ``unionDefaultGraph``); ``none``
makes such queries fail rather than answer from the default graph alone.

Credentials never go in the URL (it is shown in messages): ``RESKG_STORE_TOKEN`` sends a
bearer token, ``RESKG_STORE_USER`` with ``RESKG_STORE_PASSWORD`` basic auth.
``RESKG_STORE_CONNECT_TIMEOUT`` (default 5 s) and ``RESKG_STORE_TIMEOUT`` (default 60 s,
the whole of one request) bound every request.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal
from urllib.parse import parse_qsl, urljoin, urlsplit, urlunsplit

from reskg.errors import StoreError

Union = Literal["param", "server", "none"]

# kind -> (query, update, store) paths under the base URL, and the union default graph.
KINDS: dict[str, tuple[str, str, str, Union]] = {
    "oxigraph": ("query", "update", "store", "param"),
    "fuseki": ("query", "update", "data", "none"),
    "generic": ("", "", "", "none"),
}
_SETTINGS = {
    "kind": "RESKG_STORE_KIND",
    "query": "RESKG_STORE_QUERY_URL",
    "update": "RESKG_STORE_UPDATE_URL",
    "store": "RESKG_STORE_GSP_URL",
    "union": "RESKG_STORE_UNION",
}


@dataclass(frozen=True, slots=True)
class Endpoints:
    """The resolved endpoints of one remote store and how to reach them."""

    location: str
    kind: str
    query: str
    update: str
    store: str
    union: Union
    connect_timeout: float = 5.0
    timeout: float = 60.0
    token: str | None = None
    basic: tuple[str, str] | None = None

    @classmethod
    def from_url(cls, url: str, environ: Mapping[str, str] | None = None) -> Endpoints:
        """Endpoints of ``url`` with ``environ`` (default ``os.environ``) overrides."""
        env = os.environ if environ is None else environ
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise StoreError("not an http(s) URL with a host", path=url, rule="store.remote")
        if parts.username or parts.password:
            raise StoreError(
                "credentials do not go in the store URL; set RESKG_STORE_TOKEN or "
                "RESKG_STORE_USER and RESKG_STORE_PASSWORD",
                rule="store.remote",
            )
        location = urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))
        given = dict(parse_qsl(parts.query, keep_blank_values=True))
        unknown = sorted(set(given) - set(_SETTINGS))
        if unknown:
            raise StoreError(
                f"unknown store URL parameter(s) {', '.join(unknown)}; "
                f"known: {', '.join(_SETTINGS)}",
                path=location,
                rule="store.remote",
            )
        settings = {key: env.get(var) or given.get(key) for key, var in _SETTINGS.items()}
        kind = settings["kind"] or "oxigraph"
        if kind not in KINDS:
            raise StoreError(
                f"unknown store kind {kind!r}; known: {', '.join(KINDS)}",
                path=location,
                rule="store.remote",
            )
        query, update, store, union = KINDS[kind]
        base = location if location.endswith("/") else location + "/"
        union_setting = settings["union"] or union
        if union_setting not in ("param", "server", "none"):
            raise StoreError(
                f"union must be param, server or none, not {union_setting!r}",
                path=location,
                rule="store.remote",
            )
        user, password = env.get("RESKG_STORE_USER"), env.get("RESKG_STORE_PASSWORD")
        return cls(
            location=location,
            kind=kind,
            query=urljoin(base, settings["query"] or query),
            update=urljoin(base, settings["update"] or update),
            store=urljoin(base, settings["store"] or store),
            union=union_setting,  # type: ignore[arg-type]
            connect_timeout=_seconds(env, "RESKG_STORE_CONNECT_TIMEOUT", 5.0),
            timeout=_seconds(env, "RESKG_STORE_TIMEOUT", 60.0),
            token=env.get("RESKG_STORE_TOKEN") or None,
            basic=(user, password or "") if user else None,
        )


def _seconds(env: Mapping[str, str], name: str, default: float) -> float:
    raw = env.get(name)
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        raise StoreError(f"{name} must be a number of seconds, not {raw!r}") from None
    if not 0 < value <= 3600:
        raise StoreError(f"{name} must be between 0 and 3600 seconds, not {raw!r}")
    return value
