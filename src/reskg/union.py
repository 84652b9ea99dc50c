"""The store's default graph: the union of the asserted graphs, each triple once.

Queries without a dataset read the default graph, so reskg keeps there every triple of
the document, authority, ontology and lineage graphs, once (a union-of-graphs default
graph would be a bag: a triple repeated across graphs would count once per graph). The
inferred graph and reskg's own working graphs (``urn:reskg:...``) stay out of it.

Every write of an asserted graph goes through :func:`replace_asserted`, which updates the
default graph by difference: the new triples are added, and the old ones that no other
asserted graph still holds are removed. The cost is the size of the graph written, not
the size of the store, so adding one document to a store of fifty thousand costs what it
costs in an empty one.

A run that is cut short (kill -9, full disk) can leave the default graph behind the named
graphs. :func:`begin` marks the store before the first write and :func:`finish` removes
the mark once everything is consistent again; a run that finds the mark left by an
earlier one repairs the default graph with the whole rebuild
(``queries/internal/rebuild-union.ru``).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from reskg.iri import Minter
from reskg.queries import default_filled
from reskg.resources import queries_dir
from reskg.store import GraphStore
from reskg.store.embedded import EmbeddedStore
from reskg.store.interface import BadData

# reskg's working graphs: left out of the union by every update below.
PENDING = "urn:reskg:union:pending"
OLD = "urn:reskg:union:old"
_MARK = b'<urn:reskg:union:pending> <urn:reskg:union:state> "a write is in progress" .\n'
N_TRIPLES = "application/n-triples"


@cache
def _update(name: str) -> str:
    return (queries_dir() / "internal" / f"{name}.ru").read_text(encoding="utf-8")


def replace_asserted(
    store: GraphStore,
    name: str,
    data: bytes,
    format: str = N_TRIPLES,
    *,
    minter: Minter,
    existed: bool | None = None,
) -> None:
    """Replace the asserted graph ``name`` with ``data`` and bring the default graph up to
    date with the change. ``existed`` spares a lookup when the caller knows whether the
    graph was there before."""
    prefixes = {"target": name, "old": OLD, "inferred": minter.inferred_graph}
    if existed is None:
        existed = store.contains_graph(name)
    if existed:
        store.update(_update("union-save-old"), prefixes=prefixes)
    try:
        store.replace_graph(name, data, format)
    except BadData:
        if existed:  # the graph is as it was: its scratch copy goes
            store.remove_graph(OLD)
        raise
    store.update(_update("union-merge"), prefixes=prefixes)


def update_asserted(store: GraphStore, name: str, data: bytes, *, minter: Minter) -> None:
    """Bring the asserted graph ``name`` to ``data`` (N-Triples) by difference, for a graph
    reskg derives and rewrites whole although little of it changes (the lineage graph).

    In the embedded store only the triples that changed are written, with the default
    graph kept as :func:`replace_asserted` keeps it: at 10,000 documents, rewriting a
    64,000-triple lineage graph that did not change took 17 s through the staging copy and
    the two updates, against about a second to read, compare and write nothing. Readers may
    see the change half made (it is several writes), which suits a derived graph: a run cut
    short leaves the mark of :func:`begin`, and the next one derives the graph again.
    Another store gets :func:`replace_asserted`."""
    if not isinstance(store, EmbeddedStore):
        replace_asserted(store, name, data, minter=minter)
        return
    inferred = minter.inferred_graph
    store.rewrite_graph(
        name, data, union_of=lambda graph: graph != inferred and not graph.startswith("urn:reskg:")
    )


def add_new(store: GraphStore, graphs: Sequence[tuple[str, bytes]], *, minter: Minter) -> None:
    """Add asserted graphs that are not in the store yet (N-Triples), with their triples in
    the default graph. The embedded store writes them all in one bulk load, announced so
    that a cut leaves none of them (``EmbeddedStore.add_graphs``); another store takes them
    one by one through :func:`replace_asserted`."""
    if isinstance(store, EmbeddedStore):
        store.add_graphs(graphs, default_too=True)
        return
    for name, data in graphs:
        replace_asserted(store, name, data, minter=minter, existed=False)


def rebuild_union(store: GraphStore, minter: Minter) -> None:
    """Rebuild the whole default graph from the asserted graphs, in one update."""
    store.update(_update("rebuild-union"), prefixes={"inferred": minter.inferred_graph})


def begin(store: GraphStore) -> bool:
    """Mark the store as being written; True when an earlier run left its mark (it was cut
    short, and the default graph needs the whole rebuild). A bulk-loaded batch of new
    documents that was cut short is removed first
    (:meth:`~reskg.store.embedded.EmbeddedStore.roll_back_batch`): its documents are
    ingested again."""
    rolled_back = isinstance(store, EmbeddedStore) and store.roll_back_batch()
    marked = store.contains_graph(PENDING)
    if not marked:
        store.replace_graph(PENDING, _MARK, N_TRIPLES)
    return marked or rolled_back


def repair_needed(store: GraphStore, interrupted: bool) -> bool:
    """Whether the default graph must be rebuilt whole: after an interrupted run, or in a
    store whose default graph was never filled."""
    return interrupted or not default_filled(store)


def finish(store: GraphStore) -> None:
    """Remove the mark of :func:`begin`: the default graph is consistent again."""
    store.remove_graph(PENDING)
    if store.contains_graph(OLD):  # the scratch copy of a write that was cut short
        store.remove_graph(OLD)
