"""The store: where document graphs live and how they are queried.

``open_store`` is the one way in; everything else talks to the
:class:`~reskg.store.interface.GraphStore` it returns.
"""

from __future__ import annotations

from reskg.resources import data_dir
from reskg.store.embedded import MEMORY, EmbeddedStore
from reskg.store.interface import (
    DEFAULT_GRAPH,
    GraphStore,
    QueryAnswer,
    ResultLimits,
)

__all__ = ["DEFAULT_GRAPH", "MEMORY", "GraphStore", "QueryAnswer", "ResultLimits", "open_store"]


def default_location() -> str:
    """``data/store`` of the project: where ``reskg ingest`` builds and ``serve`` reads."""
    return str(data_dir() / "store")


def open_store(location: str | None) -> GraphStore:
    """Open the store at ``location``: ``None`` (the default folder), ``":memory:"``, a
    folder (created if missing) or an ``http(s)://`` URL.

    A URL opens a :class:`~reskg.store.remote.RemoteStore` (docs/deployment.md); no
    request is made until the store is used.

    Raises:
        StoreError: the folder cannot be opened (locked by another writer, not a store), or
            the URL or its settings are not usable.
    """
    if location is None:
        location = default_location()
    if location.startswith(("http://", "https://")):
        from reskg.store.remote import RemoteStore

        return RemoteStore(location)
    return EmbeddedStore(location)
