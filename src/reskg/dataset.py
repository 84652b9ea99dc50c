"""The stored dataset as a whole: its fixed graphs, and the checks and inferences over it.

Document graphs come from :mod:`reskg.ingest`; this module keeps the others in step:
the authority graph (bodies, conferences, named instruments), the lineage graph
(:mod:`reskg.lineage`), the inferred graph (OWL 2 RL, :mod:`reskg.reason`). It also
validates stored document graphs and builds the default dataset from ``data/sources``.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from rdflib import Graph

from reskg import union
from reskg.graph import authority_graph
from reskg.ingest import BATCH_DOCUMENTS, IngestReport, ingest, progress_printer
from reskg.iri import Minter
from reskg.lineage import refresh_lineage
from reskg.resources import data_dir, ontology_dir
from reskg.store import GraphStore
from reskg.validate import ValidationReport, validate_graph

ONTOLOGY_MODULES = ("reskg.ttl", "reskg-align.ttl", "functions.ttl")


def _ensure(store: GraphStore, name: str, data: Graph, minter: Minter) -> bool:
    existed = store.contains_graph(name)
    if existed and _graph(store, name).isomorphic(data):
        return False
    payload = data.serialize(format="nt", encoding="utf-8")
    union.replace_asserted(store, name, payload, minter=minter, existed=existed)
    return True


def ensure_authority(store: GraphStore, minter: Minter) -> bool:
    """Write the authority graph (bodies, conferences, named instruments) and the ontology
    graph (core, alignment, section functions, so that queries can read labels and
    function names) where missing or different from the files; True if either was written."""
    ontology = Graph()
    for module in ONTOLOGY_MODULES:
        ontology.parse(ontology_dir() / module, format="turtle")
    wrote_ontology = _ensure(store, minter.ontology_graph, ontology, minter)
    wrote_authority = _ensure(store, minter.authority_graph, authority_graph(minter), minter)
    return wrote_ontology or wrote_authority


def build(
    paths: Iterable[str | Path],
    store: GraphStore,
    *,
    workers: int | None = None,
    progress: bool = False,
    minter: Minter | None = None,
    batch: int = BATCH_DOCUMENTS,
    validator: str = "compiled",
) -> IngestReport:
    """Ingest ``paths`` with the authority graph in place (what ``reskg ingest`` runs)."""
    minter = minter or Minter.from_env()
    interrupted = union.begin(store)
    wrote = ensure_authority(store, minter)
    report = ingest(
        paths,
        store,
        minter=minter,
        workers=workers,
        progress=progress_printer() if progress else None,
        batch=batch,
        validator=validator,
    )
    # Each write above kept the default graph (the union of the asserted graphs) up to
    # date. A run cut short before this point left its mark: the union is then rebuilt
    # whole, and the lineage graph, which it may not have reached, is refreshed.
    repair = union.repair_needed(store, interrupted)
    if repair:
        union.rebuild_union(store, minter)
    if repair or wrote or report.added or report.replaced:
        refresh_lineage(store, minter, report.lineage)
    union.finish(store)
    return report


def refresh_union(store: GraphStore, minter: Minter | None = None) -> None:
    """Rebuild the default graph as the union of the asserted graphs, each triple once
    (queries/internal/rebuild-union.ru), in one update: for writes that did not go
    through :func:`reskg.union.replace_asserted`."""
    union.rebuild_union(store, minter or Minter.from_env())


def document_graphs(store: GraphStore, minter: Minter) -> list[str]:
    prefix = minter.document_graph("")
    return [name for name in store.graph_names() if name.startswith(prefix)]


def _graph(store: GraphStore, name: str) -> Graph:
    return Graph().parse(data=store.dump("application/n-triples", name), format="nt")


def validate_store(
    store: GraphStore, *, only: str | None = None, minter: Minter | None = None
) -> dict[str, ValidationReport]:
    """Validate each stored document graph (or only one) with the authority graph as context."""
    minter = minter or Minter.from_env()
    names = [only] if only else document_graphs(store, minter)
    context = (
        [_graph(store, minter.authority_graph)]
        if store.contains_graph(minter.authority_graph)
        else []
    )
    return {name: validate_graph(_graph(store, name), context=context) for name in names}


def reason_store(store: GraphStore, *, minter: Minter | None = None) -> int:
    """Replace the inferred graph with the OWL 2 RL consequences of the asserted graphs.

    Each document graph is closed on its own (with the authority graph as context), and so
    is the lineage graph, whose revision links carry the cross-document chains; the union
    of what they add is the inferred graph. Returns its size.
    """
    from reskg.reason import infer

    minter = minter or Minter.from_env()
    context = (
        [_graph(store, minter.authority_graph)]
        if store.contains_graph(minter.authority_graph)
        else []
    )
    inferred = Graph()
    sources = [*document_graphs(store, minter)]
    if store.contains_graph(minter.lineage_graph):
        sources.append(minter.lineage_graph)
    for name in sources:
        for triple in infer(_graph(store, name), context=context):
            inferred.add(triple)
    store.replace_graph(minter.inferred_graph, inferred.serialize(format="nt", encoding="utf-8"))
    return len(inferred)


def default_sources() -> Path:
    return data_dir() / "sources"


def build_default_if_empty(store: GraphStore, *, progress: bool = True) -> IngestReport | None:
    """Build the dataset of ``data/sources`` when the store holds no document yet."""
    minter = Minter.from_env()
    if document_graphs(store, minter):
        return None
    return build([default_sources()], store, progress=progress, minter=minter)
