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

A remote store can also be down. :meth:`ServedStore.probe` asks it ``ASK {}`` within the
timeout (the API does so every second, :mod:`api.indexes`), and any read or write that
finds it unreachable marks it unavailable at once; :attr:`ServedStore.available` is what
was last found, and :meth:`ServedStore.require_available` raises
:class:`~reskg.store.http.StoreUnavailable` while it is down. ``outages`` counts the times
it went down, so that the service can reload what it keeps in memory once it is back (it
may come back with other data). An in-process store is always available.
"""

from __future__ import annotations

import logging
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import anyio

from reskg.errors import ReskgError, StoreUnavailable
from reskg.store.answers import QueryRequest
from reskg.store.embedded import MEMORY, EmbeddedStore
from reskg.store.interface import GraphStore, QueryAnswer
from reskg.store.pool import QueryPool
from reskg.store.remote import RemoteStore

log = logging.getLogger("reskg.store")

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
            self.stop_reading()

    def try_reading(self) -> bool:
        """Start reading if no writer holds or awaits the lock; never waits. A ``True``
        must be followed by :meth:`stop_reading`."""
        with self._condition:
            if self._writing or self._writers_waiting:
                return False
            self._readers += 1
            return True

    def stop_reading(self) -> None:
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

    def __init__(
        self, store: GraphStore, *, workers: int, timeout: float, wait: float | None = None
    ) -> None:
        self.store = store
        self.timeout = timeout
        self._lock = ReadWriteLock()
        self._generation = 0
        self.pool: QueryPool | None = None
        self._embedded: EmbeddedStore | None = None
        self._default_filled: bool | None = None  # known after the first ask, until a write
        self.remote: RemoteStore | None = None
        self._health = threading.Lock()
        self._down: str | None = None  # why the store is unavailable, while it is
        self.outages = 0  # how many times a remote store was found unavailable
        if isinstance(store, RemoteStore):
            self.remote = store
            store.query_timeout = timeout
        if isinstance(store, EmbeddedStore) and store.location != MEMORY:
            self._embedded = store
            self._snapshots = Path(store.location) / SNAPSHOTS
            shutil.rmtree(self._snapshots, ignore_errors=True)
            self._snapshots.mkdir()
            self.pool = QueryPool(self._snapshot(), size=workers, timeout=timeout, wait=wait)

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

    # -- availability (a remote store) ----------------------------------------------------

    @property
    def available(self) -> bool:
        """Whether the store answered the last probe or request (always, in process)."""
        return self._down is None

    def require_available(self) -> None:
        """Raise :class:`StoreUnavailable` while the store is known to be down."""
        down = self._down
        if down is not None:
            raise StoreUnavailable(down)

    def mark_unavailable(self, error: ReskgError) -> None:
        """Record that the store failed to answer (``error`` says how)."""
        with self._health:
            if self._down is None:
                self.outages += 1
                log.warning("the store is unavailable: %s", error)
            self._down = str(error)

    def probe(self) -> bool:
        """Ask a remote store ``ASK {}`` within the timeout, record the outcome, return
        whether it answered. An error other than unavailability (refused credentials)
        propagates."""
        if self.remote is None:
            return True
        try:
            self.remote.ping(self.timeout)
        except StoreUnavailable as error:
            self.mark_unavailable(error)
            return False
        with self._health:
            if self._down is not None:
                log.warning("the store answers again")
                self._down = None
                self._default_filled = None  # it may have come back with other data
        return True

    @contextmanager
    def _watching(self) -> Iterator[None]:
        try:
            yield
        except StoreUnavailable as error:
            self.mark_unavailable(error)
            raise

    # -- access ------------------------------------------------------------------------

    def query(self, request: QueryRequest) -> QueryAnswer:
        """Answer ``request``; with a pool, within the timeout or :class:`QueryTimeout`."""
        with self._lock.reading(), self._watching():
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

    async def query_async(self, request: QueryRequest) -> QueryAnswer:
        """:meth:`query` for the event loop. With a pool and no write under way, the loop
        waits for the worker's reply itself (:meth:`QueryPool.run_async`); otherwise (an
        in-memory or remote store, a write holding the lock) :meth:`query` runs in a
        thread, so the loop never blocks on the lock or on a socket. The thread is anyio's,
        as for the app's routes (40 by default), not asyncio's default executor (six on two
        cores), which would queue the seventh remote query behind the first six."""
        if self.pool is None or not self._lock.try_reading():
            return await anyio.to_thread.run_sync(self.query, request)
        try:
            with self._watching():
                return await self.pool.run_async(request)
        finally:
            self._lock.stop_reading()

    @property
    def inline_ready(self) -> bool:
        """Whether a query's preparation may run on the event loop: a pool over an on-disk
        store (graph checks are local lookups) whose default graph is already known."""
        return self.pool is not None and self._default_filled is not None

    @contextmanager
    def reading(self) -> Iterator[GraphStore]:
        """Shared access for an in-process read (a dump) that must not overlap a write."""
        with self._lock.reading(), self._watching():
            yield self.store

    @contextmanager
    def loading(self) -> Iterator[GraphStore]:
        """:meth:`reading` for the service's own bulk reads (its indexes): there a remote
        store's reads are bounded by ``RESKG_STORE_TIMEOUT``, not by the query timeout,
        as in-process reads are not bounded by it either."""
        with self.reading() as store:
            if self.remote is None:
                yield store
            else:
                with self.remote.reads_within(None):
                    yield store

    @contextmanager
    def writing(self) -> Iterator[GraphStore]:
        """Exclusive access for a write; afterwards the workers see what was written."""
        with self._lock.writing(), self._watching():
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
