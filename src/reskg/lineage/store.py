"""The lineage index and the store: load it from the document graphs, write back what it
derives (the lineage graph).

The two reads stream (:func:`reskg.lineage.results.stream`): no row of the edges' answer
is ever a dict, and each edge goes straight into the index's columns."""

from __future__ import annotations

import sys
from datetime import date

from rdflib import Graph, Literal, URIRef

from reskg import union
from reskg.graph import Triple, to_ntriples
from reskg.iri import ACTORS, Minter
from reskg.lineage.edges import EdgeBuilder
from reskg.lineage.index import Instrument, LineageIndex
from reskg.lineage.results import stream
from reskg.queries import internal
from reskg.store import GraphStore
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


def load_edges(store: GraphStore, into: EdgeBuilder) -> None:
    """Add every citation edge a document graph states (``lineage-edges.rq``) to ``into``,
    as the answer streams."""
    documents = Minter.from_env().document_graph("")
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
        on,
        year,
    ) in stream(store, internal("lineage-edges"), EDGE_COLUMNS):
        if not str(graph).startswith(documents):
            continue  # an inferred restatement of an edge a document states
        if on:
            day = date.fromisoformat(on).toordinal()
        else:
            day = date(year, 12, 31).toordinal() if year else 0
        name = relations.get(relation)
        if name is None:
            name = relations[relation] = str(relation).rsplit("#", 1)[-1]
        into.add_row(citing, cited, name, source, clause, surface, start, end, citation, day)


def load_index(store: GraphStore) -> LineageIndex:
    """Build the index from the store's document graphs (queries/internal/lineage-*.rq),
    reading each answer as it streams into compact columns (:mod:`reskg.lineage.edges`)."""
    instruments = load_instruments(store)
    edges = EdgeBuilder()
    load_edges(store, edges)
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


def refresh_lineage(store: GraphStore, minter: Minter) -> LineageIndex:
    """Rebuild the index from the store and replace the lineage graph with what it derives."""
    index = load_index(store)
    data = to_ntriples(lineage_triples(index))
    union.replace_asserted(store, minter.lineage_graph, data, minter=minter)
    return index
