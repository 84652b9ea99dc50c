"""Lineage: version chains of numbered acts, citation ancestry and descendants, in force.

The store holds facts; this module holds a graph index over them (networkx) for walks
that SPARQL does slowly or awkwardly: version order within a work, the version in force on
a date, citations up or down to a depth. :class:`LineageIndex` is built from plain rows
(so it is tested without a store) and rebuilt from the store after every ingest
(:func:`load_index`); :func:`refresh_lineage` writes what it derives (revision links,
versions inferred for unqualified citations, stale-citation flags) into the lineage graph,
each with its reason, never touching what a text states.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from itertools import pairwise
from typing import Literal

import networkx as nx

Direction = Literal["up", "down", "both"]


@dataclass(frozen=True, slots=True)
class Instrument:
    """A work, a version of one, or a named instrument, as the graph knows it."""

    id: str
    issuer: str | None
    type: str | None
    number: str | None
    version_year: int | None = None
    version_place: str | None = None
    label: str | None = None
    work: str | None = None  # for a version: its work; None for works and named instruments
    date: date | None = None  # adoption date, where known


def display_label(item: Instrument) -> str:
    """How the API names ``item`` (``label`` of ``/lineage``, ``/instruments`` and the
    404 ``suggestions``): "ITU-PP Resolution 140 (Bucharest, 2022)", "ITU-Council
    Resolution 1334 (2023)", "UNGA Resolution 78/132", or a named instrument's title.
    ``cite=`` reads every such label back (:meth:`LineageIndex.find_label`)."""
    kind = (item.type or "instrument").capitalize()
    if item.number is None:
        return item.label or item.id
    when = f" ({', '.join(str(x) for x in (item.version_place, item.version_year) if x)})"
    return f"{item.issuer or ''} {kind} {item.number}{when if item.version_year else ''}".strip()


def _label_key(text: str) -> str:
    return " ".join(text.split()).casefold()


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a text states a citation: the source document, clause and exact span."""

    source: str
    clause: str | None
    surface: str
    start: int
    end: int
    citation: str | None = None  # the citation record's IRI


@dataclass(frozen=True, slots=True)
class CitationEdge:
    """``citing`` cites ``cited`` with ``relation`` ("recalls", "instructs", ...)."""

    citing: str
    cited: str
    relation: str
    evidence: Evidence
    citing_date: date | None = None  # when the citing text was adopted


@dataclass(frozen=True, slots=True)
class Version:
    id: str
    version_year: int | None
    version_place: str | None
    date: date | None
    revises: str | None
    in_force_from: str | None
    in_force_to: str | None


@dataclass(frozen=True, slots=True)
class Inference:
    """Something derived, with its reason (written to the lineage graph)."""

    kind: Literal["revises", "resolved-version", "stale"]
    subject: str  # a version (revises) or an evidence span's citation (resolved, stale)
    object: str
    reason: str
    evidence: Evidence | None = None


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
