"""The in-memory indexes the service answers ``/lineage`` and ``/instruments`` from.

Loaded in the lifespan and rebuilt after every write the service makes (SPARQL Update,
Graph Store PUT/POST/DELETE): :meth:`Indexes.refresh` reads the store under the served
store's read lock, builds new indexes, and swaps one reference, so a request sees either
the old pair or the new pair, never a mix. Refreshes are serialised, so the last one to
finish is the one that read the newest data. Cost: two queries and a networkx build, about
0.3 s for the test store (benchmark if changing).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from api.catalogue import Catalogue
from reskg.dataset import refresh_union
from reskg.iri import Minter
from reskg.lineage import LineageIndex, load_index
from reskg.queries import internal, rows
from reskg.store.service import ServedStore


@dataclass(frozen=True, slots=True)
class Snapshot:
    """The lineage index and the instrument catalogue, built from one read of the store."""

    lineage: LineageIndex
    catalogue: Catalogue
    generation: int


class Indexes:
    """The current :class:`Snapshot`, and how to rebuild it."""

    def __init__(self, served: ServedStore, minter: Minter) -> None:
        self._served = served
        self._minter = minter
        self._lock = threading.Lock()
        self._generation = 0
        self._current = self._load()

    @property
    def current(self) -> Snapshot:
        return self._current

    def _load(self) -> Snapshot:
        with self._served.reading() as store:
            lineage = load_index(store)
            labels = rows(store, internal("instrument-labels"))
        self._generation += 1
        return Snapshot(lineage, Catalogue.build(lineage, labels, self._minter), self._generation)

    def refresh(self) -> Snapshot:
        """Rebuild from the store (after a write) and make the new snapshot current."""
        with self._lock:
            with self._served.writing() as store:
                refresh_union(store, self._minter)
            self._current = self._load()
            return self._current
