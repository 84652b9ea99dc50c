"""The store as a server uses it: writes in-process, reads in killable workers.

For an on-disk store, queries go to a :class:`~reskg.store.pool.QueryPool` and writes go
to this process's read-write handle. The workers never open the folder being written:
pyoxigraph calls that undefined behaviour, and here it failed outright (a worker's
read-only open met a table file that compaction had just deleted). Instead each write
ends with a snapshot (RocksDB checkpoint: hard links, milliseconds) under
``<store>/.reskg-snapshots/<n>``; the pool switches to it, workers reopen it before their
next query and so see the new data, and older snapshots are deleted. A readers-writer
lock keeps queries off a snapshot while it is being replaced.

An in-memory store (tests) is queried in the caller's thread: no worker can open it, so
there is no hard deadline there.

A remote store (:mod:`reskg.store.remote`) is queried in the caller's thread too: the work
runs in the remote server, whose own timeout (``oxigraph serve --timeout-s``) stops it
there, and the client gives up at this server's timeout (no worker is needed to bound our
side: the thread waits on a socket with a deadline, and a cancelled or cut answer is an
error). The kill guarantee of the worker pool does not apply to the server's CPU: a
server without its own timeout keeps working after we stop waiting.
"""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from reskg.store.answers import QueryRequest
from reskg.store.embedded import MEMORY, EmbeddedStore
from reskg.store.interface import GraphStore, QueryAnswer
from reskg.store.pool import QueryPool
from reskg.store.remote import RemoteStore

SNAPSHOTS = ".reskg-snapshots"


class ReadWriteLock:
    """Many readers or one writer; a waiting writer holds back new readers."""

    def __init__(self) -> None:
        self._condition = threading.Condition()
        self._readers = 0
        self._writing = False
        self._writers_waiting = 0

    @contextmanager
    def reading(self) -> Iterator[None]:
        with self._condition:
            while self._writing or self._writers_waiting:
                self._condition.wait()
            self._readers += 1
        try:
            yield
        finally:
            with self._condition:
                self._readers -= 1
                self._condition.notify_all()

    @contextmanager
    def writing(self) -> Iterator[None]:
        with self._condition:
            self._writers_waiting += 1
            while self._writing or self._readers:
                self._condition.wait()
            self._writers_waiting -= 1
            self._writing = True
        try:
            yield
        finally:
            with self._condition:
                self._writing = False
                self._condition.notify_all()


class ServedStore:
    """One store, with a worker pool over its snapshots when it lives on disk."""

    def __init__(self, store: GraphStore, *, workers: int, timeout: float) -> None:
        self.store = store
        self.timeout = timeout
        self._lock = ReadWriteLock()
        self._generation = 0
        self.pool: QueryPool | None = None
        self._embedded: EmbeddedStore | None = None
        self._default_filled: bool | None = None  # known after the first ask, until a write
        if isinstance(store, RemoteStore):
            store.query_timeout = timeout
        if isinstance(store, EmbeddedStore) and store.location != MEMORY:
            self._embedded = store
            self._snapshots = Path(store.location) / SNAPSHOTS
            shutil.rmtree(self._snapshots, ignore_errors=True)
            self._snapshots.mkdir()
            self.pool = QueryPool(self._snapshot(), size=workers, timeout=timeout)

    def _snapshot(self) -> str:
        """A fresh snapshot folder of the store; older ones are deleted."""
        assert self._embedded is not None
        self._generation += 1
        target = self._snapshots / str(self._generation)
        self._embedded.snapshot(str(target))
        for old in self._snapshots.iterdir():
            if old != target:
                shutil.rmtree(old, ignore_errors=True)
        return str(target)

    def query(self, request: QueryRequest) -> QueryAnswer:
        """Answer ``request``; with a pool, within the timeout or :class:`QueryTimeout`."""
        with self._lock.reading():
            if self.pool is not None:
                return self.pool.run(request)
            return self.store.query(
                request.sparql,
                default_graph_uris=request.default_graph_uris,
                named_graph_uris=request.named_graph_uris,
                use_default_graph_as_union=request.use_default_graph_as_union,
                media_type=request.media_type,
                limits=request.limits,
                base_iri=request.base_iri,
                bindings=dict(request.bindings),
            )

    @contextmanager
    def reading(self) -> Iterator[GraphStore]:
        """Shared access for an in-process read (a dump) that must not overlap a write."""
        with self._lock.reading():
            yield self.store

    @contextmanager
    def writing(self) -> Iterator[GraphStore]:
        """Exclusive access for a write; afterwards the workers see what was written."""
        with self._lock.writing():
            try:
                yield self.store
            finally:
                self.store.flush()
                self._default_filled = None
                if self.pool is not None:
                    self.pool.switch(self._snapshot())

    def default_filled(self) -> bool:
        """Whether the default graph holds reskg's union of the asserted graphs (asked once,
        then again only after a write)."""
        if self._default_filled is None:
            from reskg.queries import default_filled

            with self.reading() as store:
                self._default_filled = default_filled(store)
        return self._default_filled

    def close(self) -> None:
        if self.pool is not None:
            self.pool.close()
            shutil.rmtree(self._snapshots, ignore_errors=True)
        self.store.close()
