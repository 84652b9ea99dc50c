"""The store: where document graphs live and how they are queried.

``open_store`` is the one way in; everything else talks to the
:class:`~reskg.store.interface.GraphStore` it returns.
"""

from __future__ import annotations

import os
from pathlib import Path

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


def open_store(location: str | None, *, only_reads: bool = False) -> GraphStore:
    """Open the store at ``location``: ``None`` (the default folder), ``":memory:"``, a
    folder (created if missing) or an ``http(s)://`` URL.

    A URL opens a :class:`~reskg.store.remote.RemoteStore` (docs/deployment.md); no
    request is made until the store is used.

    ``only_reads`` says the caller will not write (export, query, lineage, validate). A
    folder that exists but cannot be written (read-only media, a read-only mount, no write
    permission) is then opened read-only instead of failing. Only then: pyoxigraph calls a
    read-only open beside a writing process undefined behaviour, and a folder nobody can
    write has no writer. A writable folder is opened read-write as always, so a second
    writer still fails on RocksDB's lock.

    Raises:
        StoreError: the folder cannot be opened (locked by another writer, not a store,
            read-only when the caller writes), or the URL or its settings are not usable.
    """
    if location is None:
        location = default_location()
    if location.startswith(("http://", "https://")):
        from reskg.store.remote import RemoteStore

        return RemoteStore(location)
    if only_reads and location != MEMORY and _unwritable_folder(location):
        return EmbeddedStore(location, read_only=True)
    return EmbeddedStore(location)


def _unwritable_folder(location: str) -> bool:
    """An existing folder this process cannot write: ``access(2)`` answers ``EROFS`` on a
    read-only file system even to root, and honours permissions otherwise."""
    return Path(location).is_dir() and not os.access(location, os.W_OK)
