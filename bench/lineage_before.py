"""The lineage index as it was before the compact columns, kept for ``bench_lineage.py``.

A networkx ``MultiDiGraph`` with one :class:`CitationEdge` object (and its
:class:`Evidence`) per edge, loaded from :func:`reskg.queries.rows` (SPARQL JSON, a dict
per row). A verbatim copy of ``src/reskg/lineage/index.py``, ``load_index`` of
``src/reskg/lineage/store.py`` and ``lineage_report`` of ``src/reskg/lineage/report.py``
before the change; only the imports differ. Not used by
the project.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from itertools import pairwise
from typing import Any, Literal

import networkx as nx

from reskg.iri import ACTORS, Minter
from reskg.lineage.model import (
    CitationEdge,
    Direction,
    Evidence,
    Inference,
    Instrument,
    Version,
    display_label,
)
from reskg.lineage.report import MAX_DEPTH, instrument_json
from reskg.lineage.store import CLASS_TYPES
from reskg.queries import internal, named, rows
from reskg.store import GraphStore


def _label_key(text: str) -> str:
    return " ".join(text.split()).casefold()


@dataclass(slots=True)
class LineageIndex:
    """The instruments and their citation and version edges, indexed for walks."""

    instruments: dict[str, Instrument] = field(default_factory=dict)
    edges: list[CitationEdge] = field(default_factory=list)
    graph: nx.MultiDiGraph = field(default_factory=nx.MultiDiGraph)
    versions_of: dict[str, list[Instrument]] = field(default_factory=dict)
    # display_label, case-folded, with single spaces -> the nodes it names
    by_label: dict[str, list[str]] = field(default_factory=dict)

    @classmethod
    def build(
        cls, instruments: Iterable[Instrument], edges: Iterable[CitationEdge]
    ) -> LineageIndex:
        index = cls()
        for item in instruments:
            index.instruments[item.id] = item
        by_work: dict[str, list[Instrument]] = defaultdict(list)
        for item in index.instruments.values():
            if item.work is not None:
                by_work[item.work].append(item)
            index.by_label.setdefault(_label_key(display_label(item)), []).append(item.id)
        for work, versions in by_work.items():
            index.versions_of[work] = sorted(versions, key=_version_key)
        for edge in edges:
            index.edges.append(edge)
            index.graph.add_edge(edge.citing, edge.cited, relation=edge.relation, edge=edge)
        return index

    def find_label(self, text: str) -> str | None:
        """The node whose :func:`display_label` is ``text`` (case and spacing aside); None
        when no node, or more than one, has that label."""
        found = self.by_label.get(_label_key(text), [])
        return found[0] if len(found) == 1 else None

    # -- versions ----------------------------------------------------------------------

    def work_of(self, node: str) -> str:
        """The work a node belongs to (itself for works and named instruments)."""
        item = self.instruments.get(node)
        return item.work if item is not None and item.work is not None else node

    def versions(self, work: str) -> list[Version]:
        """The versions of ``work``, oldest first, each revising the one before it."""
        ordered = self.versions_of.get(work, [])
        out: list[Version] = []
        for i, item in enumerate(ordered):
            following = ordered[i + 1] if i + 1 < len(ordered) else None
            out.append(
                Version(
                    id=item.id,
                    version_year=item.version_year,
                    version_place=item.version_place,
                    date=item.date,
                    revises=ordered[i - 1].id if i > 0 else None,
                    in_force_from=_when(item),
                    in_force_to=_when(following) if following is not None else None,
                )
            )
        return out

    def in_force(self, work: str, on: date) -> Instrument | None:
        """The latest version of ``work`` adopted on or before ``on`` (by date when known,
        by year otherwise)."""
        current = None
        for item in self.versions_of.get(work, []):
            if _adopted_by(item, on):
                current = item
        return current

    def revisions(self) -> Iterator[Inference]:
        """A ``revises`` link between consecutive known versions of each work."""
        for work, ordered in self.versions_of.items():
            for older, newer in pairwise(ordered):
                reason = (
                    f"{newer.version_year} and {older.version_year} are consecutive known "
                    f"versions of {work}"
                )
                yield Inference("revises", newer.id, older.id, reason)

    def resolutions_and_stale(self) -> Iterator[Inference]:
        """For each citation with a known citing date: the version in force then, where the
        text cites the work unqualified; a flag where it cites a version already superseded."""
        for edge in self.edges:
            if edge.citing_date is None:
                continue
            cited = self.instruments.get(edge.cited)
            if cited is None:
                continue
            if cited.id in self.versions_of:  # an unqualified citation of a work
                now = self._in_force_for(edge, cited.id)
                if now is not None:
                    reason = (
                        f"cited without a version by a text of {edge.citing_date.isoformat()}; "
                        f"{now.version_year} was the latest version adopted by then"
                    )
                    yield Inference("resolved-version", edge.citing, now.id, reason, edge.evidence)
            elif cited.work is not None:
                now = self._in_force_for(edge, cited.work)
                if (
                    now is not None
                    and now.id != cited.id
                    and _version_key(now) > _version_key(cited)
                ):
                    reason = (
                        f"cites the {cited.version_year} version, superseded by the "
                        f"{now.version_year} version before the citing text "
                        f"({edge.citing_date.isoformat()})"
                    )
                    yield Inference("stale", edge.citing, cited.id, reason, edge.evidence)

    def _in_force_for(self, edge: CitationEdge, work: str) -> Instrument | None:
        """The version of ``work`` in force when ``edge``'s citing text was adopted.

        A text citing its own act (Res. 1334 (2023) recalling Res. 1334 (2015)) means an
        earlier version, never itself: only versions older than the citing one count.
        """
        assert edge.citing_date is not None
        citing = self.instruments.get(edge.citing)
        if citing is not None and citing.work == work:
            older = [
                v for v in self.versions_of.get(work, []) if _version_key(v) < _version_key(citing)
            ]
            return older[-1] if older else None
        return self.in_force(work, edge.citing_date)

    # -- citation walks ------------------------------------------------------------------

    def members(self, node: str) -> set[str]:
        """A work and all its versions: a walk from a work covers what any version says."""
        work = self.work_of(node)
        return {work, *(v.id for v in self.versions_of.get(work, []))}

    def walk(
        self, node: str, direction: Literal["up", "down"], depth: int
    ) -> list[tuple[int, CitationEdge]]:
        """Citation edges reached from ``node`` within ``depth`` steps, breadth first.

        ``up`` follows what the node cites, ``down`` what cites it. Each step moves from a
        node to the work of the node at the other end, so one hop reaches every version.
        """
        seen = set(self.members(node))
        frontier = set(seen)
        found: list[tuple[int, CitationEdge]] = []
        for level in range(1, depth + 1):
            following: set[str] = set()
            for current in sorted(frontier):
                if current not in self.graph:
                    continue
                pairs = (
                    self.graph.out_edges(current, data="edge")
                    if direction == "up"
                    else self.graph.in_edges(current, data="edge")
                )
                for _, _, edge in pairs:
                    found.append((level, edge))
                    other = edge.cited if direction == "up" else edge.citing
                    for member in self.members(other):
                        if member not in seen:
                            seen.add(member)
                            following.add(member)
            if not following:
                break
            frontier = following
        return found


def _version_key(item: Instrument) -> tuple[int, str]:
    return (item.version_year or 0, item.date.isoformat() if item.date else "")


def _when(item: Instrument) -> str | None:
    if item.date is not None:
        return item.date.isoformat()
    return str(item.version_year) if item.version_year is not None else None


def _adopted_by(item: Instrument, on: date) -> bool:
    if item.date is not None:
        return item.date <= on
    return item.version_year is not None and item.version_year <= on.year


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


def _edges_json(
    index: LineageIndex, found: list[tuple[int, CitationEdge]], direction: str
) -> list[dict[str, Any]]:
    """Group edges by (relation, depth, other end); each group lists its evidence."""
    groups: dict[tuple[str, int, str], list[CitationEdge]] = defaultdict(list)
    for depth, edge in found:
        other = edge.cited if direction == "up" else edge.citing
        groups[(edge.relation, depth, other)].append(edge)
    out = []
    for (relation, depth, other), edges in sorted(
        groups.items(), key=lambda g: (g[0][1], g[0][2], g[0][0])
    ):
        item = index.instruments.get(other) or Instrument(other, None, None, None)
        evidence = sorted(
            {
                (
                    e.evidence.source,
                    e.evidence.clause or "",
                    e.evidence.surface,
                    e.evidence.start,
                    e.evidence.end,
                )
                for e in edges
            }
        )
        out.append(
            {
                "relation": relation,
                "depth": depth,
                ("target" if direction == "up" else "source"): instrument_json(item),
                "evidence": [
                    {"source": s, "clause": c or None, "surface": t, "start": a, "end": b}
                    for s, c, t, a, b in evidence
                ],
            }
        )
    return out


def lineage_report(
    index: LineageIndex,
    node: str,
    *,
    direction: Direction = "both",
    depth: int = 1,
    as_of: date | None = None,
) -> dict[str, Any]:
    """The lineage JSON of ``node`` (a work, a version or a named instrument)."""
    depth = max(1, min(depth, MAX_DEPTH))
    item = index.instruments[node]
    work = index.work_of(node)
    report: dict[str, Any] = {
        "instrument": instrument_json(item),
        "work": work,
        "versions": [
            {
                "id": v.id,
                "version_year": v.version_year,
                "version_place": v.version_place,
                "date": v.date.isoformat() if v.date else None,
                "revises": v.revises,
                "in_force_from": v.in_force_from,
                "in_force_to": v.in_force_to,
            }
            for v in index.versions(work)
        ],
        "cites": _edges_json(index, index.walk(node, "up", depth), "up")
        if direction in ("up", "both")
        else [],
        "cited_by": _edges_json(index, index.walk(node, "down", depth), "down")
        if direction in ("down", "both")
        else [],
    }
    if as_of is not None:
        current = index.in_force(work, as_of)
        report["as_of"] = as_of.isoformat()
        report["in_force"] = current.id if current is not None else None
    report["sparql"] = {
        name: {"query": named(name).text, "parameters": {param: work}}
        for name, param in (("version-chain", "work"), ("who-cites", "instrument"))
    }
    return report
