"""The in-memory indexes the service answers ``/lineage`` and ``/instruments`` from.

Loaded in the lifespan and rebuilt after every write the service makes (SPARQL Update,
Graph Store PUT/POST/DELETE, all through :meth:`Indexes.writing`). Such a write can change
a document graph without its file hash, so the lineage rows' cache
(:mod:`reskg.lineage.rows`) is dropped before it. :meth:`Indexes.refresh` reads the store
under the served store's read lock, builds new indexes, and swaps one reference, so a
request sees either the old pair or the new pair, never a mix. Refreshes are serialised,
so the last one to finish is the one that read the newest data. Cost: the instruments, and
each document's citation edges from the rows' cache, or, for the documents it does not
hold, from the store (``bench/bench_lineage.py``; benchmark if changing).

Over a remote store (docs/deployment.md, "When the store is down or slow"), the indexes
answer only while the store does: :attr:`Indexes.current` raises
:class:`~reskg.errors.StoreUnavailable` (503) while the store is marked unavailable,
so every data route fails and recovers together. :meth:`Indexes.watch` (a thread of the
lifespan) probes the store every :data:`PROBE_INTERVAL` seconds; when it answers again
after an outage, or for the first time when the service started while it was down, the
indexes are read again, since the store may have come back with other data.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from api.catalogue import Catalogue
from reskg.dataset import refresh_union
from reskg.errors import ReskgError, StoreUnavailable
from reskg.iri import Minter
from reskg.lineage import LineageIndex, load_index
from reskg.lineage.results import stream
from reskg.lineage.store import forget_rows
from reskg.queries import internal
from reskg.store import GraphStore
from reskg.store.interface import QueryTimeout
from reskg.store.service import ServedStore

log = logging.getLogger("reskg.api")

PROBE_INTERVAL = 1.0  # seconds between two probes of a remote store


@dataclass(frozen=True, slots=True)
class Snapshot:
    """The lineage index and the instrument catalogue, built from one read of the store."""

    lineage: LineageIndex
    catalogue: Catalogue
    generation: int


class Indexes:
    """The current :class:`Snapshot`, and how to rebuild it.

    Over a remote store that does not answer at start-up, the service starts without a
    snapshot (data routes answer 503) and :meth:`watch` loads it once the store answers.
    """

    def __init__(self, served: ServedStore, minter: Minter) -> None:
        self._served = served
        self._minter = minter
        self._lock = threading.Lock()
        self._generation = 0
        self._current: Snapshot | None = None
        self._outages_seen = 0  # served.outages when the current snapshot was read
        if served.remote is None:
            self.reload()
            return
        try:
            if served.probe():
                self.reload()
        except (StoreUnavailable, QueryTimeout) as error:
            served.mark_unavailable(error)
        if self._current is None:
            log.warning("starting without indexes: the store does not answer; retrying")

    @property
    def loaded(self) -> bool:
        return self._current is not None

    @property
    def current(self) -> Snapshot:
        """The snapshot to answer from.

        Raises:
            StoreUnavailable: the store is marked unavailable, or the indexes were never
                read (a remote store that has not answered since the start).
        """
        self._served.require_available()
        snapshot = self._current
        if snapshot is None:
            raise StoreUnavailable("the indexes are not loaded yet: the store has not answered")
        return snapshot

    def _load(self) -> Snapshot:
        with self._served.loading() as store:
            lineage = load_index(store)
            # streamed: one row at a time, never the whole answer as dicts
            labels = (
                {"node": node, "field": field, "text": text}
                for node, field, text in stream(
                    store, internal("instrument-labels"), ("node", "field", "text")
                )
            )
            catalogue = Catalogue.build(lineage, labels, self._minter)
        self._generation += 1
        return Snapshot(lineage, catalogue, self._generation)

    def reload(self) -> Snapshot:
        """Read the indexes from the store again and make them current."""
        with self._lock:
            outages = self._served.outages
            self._current = snapshot = self._load()
            self._outages_seen = outages
            return snapshot

    @contextmanager
    def writing(self) -> Iterator[GraphStore]:
        """Exclusive access for a write over HTTP: the lineage rows' cache is dropped
        before the write (the next load asks the store and writes it again), and the
        indexes are rebuilt after it. A write that raises rebuilds nothing."""
        with self._served.writing() as store:
            forget_rows(store)
            yield store
        self.refresh()

    def refresh(self) -> Snapshot:
        """Rebuild from the store (after a write) and make the new snapshot current."""
        with self._lock:
            with self._served.writing() as store:
                refresh_union(store, self._minter)
            outages = self._served.outages
            self._current = snapshot = self._load()
            self._outages_seen = outages
            return snapshot

    def watch(self, stop: threading.Event, interval: float = PROBE_INTERVAL) -> None:
        """Until ``stop`` is set: probe a remote store every ``interval`` seconds, and
        read the indexes again when it answers after an outage (or for the first time)."""
        while not stop.wait(interval):
            try:
                answered = self._served.probe()
                if answered and (
                    self._current is None or self._outages_seen != self._served.outages
                ):
                    self.reload()
                    log.warning("the indexes were read again after the store came back")
            except (StoreUnavailable, QueryTimeout) as error:
                self._served.mark_unavailable(error)
            except ReskgError as error:  # refused credentials, a malformed answer
                if not stop.is_set():
                    log.error("probing the store failed: %s [%s]", error, error.rule)
            except Exception:  # the watcher must outlive any one failure
                if not stop.is_set():
                    log.exception("probing the store failed")
