"""The lineage index and the store: load it from the document graphs, write back what it
derives (the lineage graph)."""

from __future__ import annotations

from datetime import date

from rdflib import Graph, Literal, URIRef

from reskg import union
from reskg.iri import ACTORS, Minter
from reskg.lineage.index import CitationEdge, Evidence, Instrument, LineageIndex
from reskg.queries import internal, rows
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


def load_index(store: GraphStore) -> LineageIndex:
    """Build the index from the store's document graphs (queries/internal/lineage-*.rq)."""
    issuers = {actor_name: code for code, actor_name in ACTORS.items()}
    instruments: dict[str, Instrument] = {}
    for row in rows(store, internal("lineage-nodes")):
        node, work = row["node"], row["work"]
        body = row.get("body")
        kind = str(row.get("class", "")).rsplit("#", 1)[-1]
        previous = instruments.get(node)
        instruments[node] = Instrument(
            id=node,
            issuer=issuers.get(body.rsplit("/", 1)[-1]) if body else None,
            type=CLASS_TYPES.get(kind) or (previous.type if previous else None),
            number=row.get("number"),
            version_year=row.get("year"),
            version_place=row.get("place"),
            label=row.get("title"),
            work=None if node == work else work,
            date=date.fromisoformat(row["date"]) if row.get("date") else None,
        )
    edges = []
    documents = Minter.from_env().document_graph("")
    for row in rows(store, internal("lineage-edges")):
        if not str(row["graph"]).startswith(documents):
            continue  # an inferred restatement of an edge a document states
        on = row.get("date")
        year = row.get("year")
        citing_date = date.fromisoformat(on) if on else (date(year, 12, 31) if year else None)
        evidence = Evidence(
            source=row["source"],
            clause=row["clause"],
            surface=row["surface"],
            start=row["start"],
            end=row["end"],
            citation=row["citation"],
        )
        relation = str(row["relation"]).rsplit("#", 1)[-1]
        edges.append(CitationEdge(row["citing"], row["cited"], relation, evidence, citing_date))
    return LineageIndex.build(instruments.values(), edges)


def lineage_graph(index: LineageIndex) -> Graph:
    """What the index derives, as RDF for the lineage graph: revision links both ways, the
    version an unqualified citation resolves to (with the reason), stale citations."""
    graph = Graph()
    for item in index.revisions():
        graph.add((URIRef(item.subject), RKG.revises, URIRef(item.object)))
        graph.add((URIRef(item.object), RKG.isRevisedBy, URIRef(item.subject)))
    for item in index.resolutions_and_stale():
        if item.evidence is None or item.evidence.citation is None:
            continue
        record = URIRef(item.evidence.citation)
        if item.kind == "resolved-version":
            graph.add((record, RKG.resolvedVersion, URIRef(item.object)))
            graph.add((record, RKG.resolutionReason, Literal(item.reason, lang="en")))
        else:
            graph.add((record, RKG.isStale, Literal(True)))
            graph.add((record, RKG.staleReason, Literal(item.reason, lang="en")))
    return graph


def refresh_lineage(store: GraphStore, minter: Minter) -> LineageIndex:
    """Rebuild the index from the store and replace the lineage graph with what it derives."""
    index = load_index(store)
    data = lineage_graph(index).serialize(format="nt", encoding="utf-8")
    union.replace_asserted(store, minter.lineage_graph, data, minter=minter)
    return index
