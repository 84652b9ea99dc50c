"""Stores for the store tests: every kind, emptied, so one suite checks them all."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from reskg.store import GraphStore, open_store

KINDS = ["memory", "disk", "remote"]


def fresh_remote(base: str) -> GraphStore:
    """A remote store over the session's Oxigraph server, with every graph dropped."""
    store = open_store(base)
    store.update("DROP SILENT ALL")
    return store


@pytest.fixture(params=KINDS)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[GraphStore]:
    if request.param == "remote":
        graph_store = fresh_remote(request.getfixturevalue("oxigraph_server"))
    elif request.param == "memory":
        graph_store = open_store(":memory:")
    else:
        graph_store = open_store(str(tmp_path / "store"))
    yield graph_store
    graph_store.close()
