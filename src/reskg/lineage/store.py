"""The lineage index and the store: load it from the document graphs, write back what it
derives (the lineage graph).

The two reads stream (:func:`reskg.lineage.results.stream`): no row of the edges' answer
is ever a dict, and each edge goes straight into the index's columns."""

from __future__ import annotations

import sys
from collections import defaultdict
from collections.abc import Collection, Mapping
from datetime import date

from rdflib import Graph, Literal, URIRef

from reskg import union
from reskg.graph import Triple, to_ntriples
from reskg.iri import ACTORS, Minter
from reskg.lineage.edges import EdgeBuilder
from reskg.lineage.index import Instrument, LineageIndex
from reskg.lineage.results import stream
from reskg.lineage.rows import DocumentRows, EdgeRow, RowCache, relation_name
from reskg.queries import internal, stored_documents
from reskg.store import GraphStore
from reskg.store.embedded import EmbeddedStore
from reskg.vocab import RKG

CLASS_TYPES: dict[str, str] = {
    "Resolution": "resolution",
    "Decision": "decision",
    "Recommendation": "recommendation",
    "Declaration": "declaration",
    "PlanOfAction": "plan-of-action",
    "Agenda": "agenda",
    "Commitment": "commitment",
    "Constitution": "constitution",
    "Convention": "convention",
    "Regulations": "regulations",
    "Charter": "charter",
    "Report": "report",
    "OutcomeDocument": "outcome-document",
}


NODE_COLUMNS = ("node", "work", "class", "body", "number", "year", "place", "date", "title")
EDGE_COLUMNS = (
    "graph",
    "citing",
    "cited",
    "relation",
    "source",
    "clause",
    "surface",
    "start",
    "end",
    "citation",
    "date",
    "year",
)


def load_instruments(store: GraphStore) -> dict[str, Instrument]:
    """Every work, version and named instrument (``queries/internal/lineage-nodes.rq``)."""
    issuers = {actor_name: code for code, actor_name in ACTORS.items()}
    instruments: dict[str, Instrument] = {}
    for node, work, kind, body, number, year, place, on, title in stream(
        store, internal("lineage-nodes"), NODE_COLUMNS
    ):
        kind = str(kind or "").rsplit("#", 1)[-1]
        previous = instruments.get(node)
        instruments[node] = Instrument(
            id=node,
            issuer=issuers.get(body.rsplit("/", 1)[-1]) if body else None,
            type=CLASS_TYPES.get(kind) or (previous.type if previous else None),
            number=number,
            version_year=year,
            version_place=sys.intern(place) if place else place,
            label=title,
            work=None if node == work else work,
            date=date.fromisoformat(on) if on else None,
        )
    return instruments


def query_rows(
    store: GraphStore, graphs: Collection[str] | None = None
) -> dict[str, list[EdgeRow]]:
    """The rows of every citation edge a document graph states (``lineage-edges.rq``), by
    document graph, as the answer streams; only those of ``graphs`` when given."""
    documents = Minter.from_env().document_graph("")
    found: dict[str, list[EdgeRow]] = defaultdict(list)
    relations: dict[str, str] = {}  # relation IRI -> local name
    for (
        graph,
        citing,
        cited,
        relation,
        source,
        clause,
        surface,
        start,
        end,
        citation,
        _on,
        _year,
    ) in stream(store, internal("lineage-edges"), EDGE_COLUMNS):
        if not str(graph).startswith(documents):
            continue  # an inferred restatement of an edge a document states
        if graphs is not None and graph not in graphs:
            continue
        name = relations.get(relation)
        if name is None:
            name = relations[relation] = relation_name(str(relation))
        found[graph].append((citing, cited, name, source, clause, surface, start, end, citation))
    return found


def _cache(store: GraphStore) -> RowCache:
    return RowCache.beside(store.location if isinstance(store, EmbeddedStore) else None)


def forget_rows(store: GraphStore) -> None:
    """Drop the store's cache of lineage rows, before a write that may change a document
    graph behind ingest's back (SPARQL Update, Graph Store Protocol)."""
    _cache(store).discard()


def gather(
    store: GraphStore, fresh: Mapping[str, DocumentRows] | None = None
) -> dict[str, DocumentRows]:
    """The rows of every stored document (:mod:`reskg.lineage.rows`): from ``fresh`` (what
    this ingest derived) or the store's cache when the document's hash and extractor are
    those stored now, from the store for the others; the cache is then brought up to date."""
    cache = _cache(store)
    cached = cache.read()
    fresh = fresh or {}
    listed = stored_documents(store)
    prefix = Minter.from_env().document_graph("")
    found: dict[str, DocumentRows] = {}
    missing: dict[str, tuple[str, str]] = {}
    for graph in store.graph_names():
        if not graph.startswith(prefix):
            continue
        stored = listed.get(graph)
        for candidate in (fresh.get(graph), cached.get(graph)):
            if stored and candidate and (candidate.sha256, candidate.extractor) == stored:
                found[graph] = candidate
                break
        else:
            missing[graph] = stored or ("", "")  # a graph ingest did not write: asked each time
    if missing:
        queried = query_rows(store, missing)
        for graph, (sha256, extractor) in missing.items():
            found[graph] = DocumentRows.of(sha256, extractor, queried.get(graph, ()))
    keep = {graph: item for graph, item in found.items() if item.sha256}
    if keep != cached and not getattr(store, "read_only", False):
        cache.write(keep)
    return found


def load_index(store: GraphStore, fresh: Mapping[str, DocumentRows] | None = None) -> LineageIndex:
    """Build the index from the instruments of the store and the rows of its documents
    (:func:`gather`), document by document in graph order. Each edge's date is its citing
    version's (``adoptedOn``, else 31 December of its ``versionYear``)."""
    instruments = load_instruments(store)
    days: dict[str, int] = {}
    for item in instruments.values():
        if item.date is not None:
            days[item.id] = item.date.toordinal()
        elif item.version_year:
            days[item.id] = date(item.version_year, 12, 31).toordinal()
    edges = EdgeBuilder()
    documents = gather(store, fresh)
    for graph in sorted(documents):
        for row in documents[graph].rows():
            edges.add_row(*row, days.get(row[0], 0))
    return LineageIndex.assemble(instruments.values(), edges)


def lineage_triples(index: LineageIndex) -> set[Triple]:
    """What the index derives, as RDF for the lineage graph: revision links both ways, the
    version an unqualified citation resolves to (with the reason), stale citations."""
    triples: set[Triple] = set()
    add = triples.add
    for item in index.revisions():
        add((URIRef(item.subject), RKG.revises, URIRef(item.object)))
        add((URIRef(item.object), RKG.isRevisedBy, URIRef(item.subject)))
    for item in index.resolutions_and_stale():
        if item.evidence is None or item.evidence.citation is None:
            continue
        record = URIRef(item.evidence.citation)
        if item.kind == "resolved-version":
            add((record, RKG.resolvedVersion, URIRef(item.object)))
            add((record, RKG.resolutionReason, Literal(item.reason, lang="en")))
        else:
            add((record, RKG.isStale, Literal(True)))
            add((record, RKG.staleReason, Literal(item.reason, lang="en")))
    return triples


def lineage_graph(index: LineageIndex) -> Graph:
    """:func:`lineage_triples` as an rdflib Graph."""
    graph = Graph()
    for triple in lineage_triples(index):
        graph.add(triple)
    return graph


def refresh_lineage(
    store: GraphStore, minter: Minter, fresh: Mapping[str, DocumentRows] | None = None
) -> LineageIndex:
    """Rebuild the index from the store (with the rows an ingest just derived, ``fresh``)
    and bring the lineage graph to what it derives."""
    index = load_index(store, fresh)
    data = to_ntriples(lineage_triples(index))
    union.update_asserted(store, minter.lineage_graph, data, minter=minter)
    return index
