"""The same graph served from the embedded store and from an Oxigraph server gives the
same answers, route by route: the whole instrument listing, the lineage and description of a
sample of instruments, searches, every named query with its parameters, the pages.

The other API tests run once per store kind with the same assertions; this one puts the
two answers side by side, so a difference no assertion names still shows. Rows of named
queries are compared as sorted lists: their ORDER BY may leave ties, whose order is the
engine's; blank node labels differ between stores and are not compared.
"""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from reskg.queries import catalogue
from tests.api.conftest import Server

D = "https://w3id.org/reskg/akn/un/statement/deliberation/"
BASE = "https://w3id.org/reskg/"
EXAMPLES: dict[str, list[dict[str, str]]] = {
    "document-citations": [{"document": BASE + "doc/itu-council-res1334-2023-fr.txt"}],
    "language-versions": [{"instrument": D + "unga/78-132"}],
    "version-chain": [{"work": D + "itu-pp/res-140"}, {"work": D + "itu-c/res-1334"}],
    "version-in-force": [
        {"work": D + "itu-pp/res-140", "date": "2019-06-01"},
        {"date": "2016-01-01"},
    ],
    "who-cites": [{"instrument": D + "itu-pp/res-140"}, {"instrument": D + "unga/70-125"}],
}


@pytest.fixture(scope="module")
def servers(graph_server_embedded: Server, graph_server_remote: Server) -> tuple[Server, Server]:
    """The session's two read-only servers over the test graph."""
    return graph_server_embedded, graph_server_remote


def both(servers: tuple[Server, Server], path: str, **params: str | int) -> list[httpx.Response]:
    return [httpx.get(f"{s.base}{path}", params=params, timeout=60) for s in servers]


def same(servers: tuple[Server, Server], path: str, **params: str | int) -> Any:
    """The two answers, equal but for the servers' own address in a redirect."""
    embedded, remote = both(servers, path, **params)
    assert embedded.status_code == remote.status_code, (path, params, remote.text[:300])
    for header in ("content-type", "vary"):
        assert embedded.headers.get(header) == remote.headers.get(header), (path, header)
    locations = [
        r.headers.get("location", "").replace(s.base, "")
        for r, s in zip((embedded, remote), servers, strict=True)
    ]
    assert locations[0] == locations[1], (path, params)
    assert embedded.content == remote.content, (path, params)
    return embedded


KEY = [D + "itu-pp/res-140", D + "itu-pp/2022/res-140", D + "unga/78-132", D + "itu-c/res-1334"]


def instruments(servers: tuple[Server, Server], every: int) -> list[str]:
    """Every ``every``-th instrument of the (equal) listings, and the key ones."""
    page = same(servers, "/instruments", limit=100).json()
    assert page["total"] == len(page["items"]) > 20
    listed = [item["id"] for item in page["items"]]
    return sorted(set(listed[::every]) | set(KEY))


def test_lineage(servers: tuple[Server, Server]) -> None:
    for iri in instruments(servers, every=6):
        same(servers, "/lineage", id=iri)
    same(servers, "/lineage", id=D + "itu-pp/res-140", depth=3, as_of="2019-06-01")


@pytest.mark.parametrize("q", ["1334", "A/RES/78/132", "Agenda de Tunis", "Res. 140", "nothing"])
def test_searches(servers: tuple[Server, Server], q: str) -> None:
    same(servers, "/instruments", q=q, limit=100)


def test_every_named_query(servers: tuple[Server, Server]) -> None:
    empty = set()
    for name, query in catalogue().items():
        for values in EXAMPLES.get(name, [{}]):
            assert set(values) <= {p.name for p in query.parameters}, name
            embedded, remote = both(servers, f"/queries/{name}", **values)
            assert embedded.status_code == remote.status_code == 200, (name, remote.text)
            one, other = embedded.json(), remote.json()
            assert one["columns"] == other["columns"], name
            key = [sorted(map(str, row.items())) for row in one["rows"]]
            assert sorted(key) == sorted(sorted(map(str, r.items())) for r in other["rows"])
            if not one["rows"]:
                empty.add(name)
    assert empty <= {"stale-citations"}  # the others must prove something


def test_descriptions(servers: tuple[Server, Server]) -> None:
    for iri in instruments(servers, every=12):
        path = "/" + iri.removeprefix(BASE)
        embedded, remote = both(servers, path, format="nt")
        assert embedded.status_code == remote.status_code == 200, (iri, remote.text[:300])
        lines = [set(r.text.splitlines()) for r in (embedded, remote)]
        assert lines[0] == lines[1], iri
        same(servers, path)  # the 303 by Accept


@pytest.mark.parametrize(
    "path",
    [
        "/",
        f"/instrument?id={D}itu-pp/res-140",
        f"/instrument?id={D}itu-c/2023/res-1334",
        f"/lineage/view?id={D}itu-pp/res-140&depth=2",
    ],
)
def test_pages(servers: tuple[Server, Server], path: str) -> None:
    same(servers, path)
