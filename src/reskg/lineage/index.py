"""Lineage: version chains of numbered acts, citation ancestry and descendants, in force.

The store holds facts; this module holds an index over them for walks that SPARQL does
slowly or awkwardly: version order within a work, the version in force on a date,
citations up or down to a depth. :class:`LineageIndex` is built from plain rows (so it is
tested without a store) and rebuilt from the store after every ingest
(:func:`~reskg.lineage.store.load_index`); :func:`~reskg.lineage.store.refresh_lineage`
writes what it derives (revision links, versions inferred for unqualified citations,
stale-citation flags) into the lineage graph, each with its reason, never touching what a
text states.

The citation edges, the bulk of it, live in compact columns (:mod:`reskg.lineage.edges`:
about 60 bytes an edge, against 1.2 kB as networkx edges carrying objects); the version
chains, a few thousand links, are a networkx ``DiGraph`` (newer version -> the one it
revises).
"""

from __future__ import annotations

from array import array
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import pairwise
from typing import Literal

import networkx as nx

from reskg.lineage.edges import EdgeBuilder, EdgeTable, EdgeView
from reskg.lineage.model import (
    CitationEdge,
    Direction,
    Evidence,
    Inference,
    Instrument,
    Version,
    display_label,
)

__all__ = [
    "CitationEdge",
    "Direction",
    "Evidence",
    "Inference",
    "Instrument",
    "LineageIndex",
    "Version",
    "display_label",
]


def _label_key(text: str) -> str:
    return " ".join(text.split()).casefold()


def _empty_table() -> EdgeTable:
    return EdgeBuilder().finish()


@dataclass(frozen=True, slots=True)
class LineageIndex:
    """The instruments and their citation and version edges, indexed for walks."""

    instruments: dict[str, Instrument] = field(default_factory=dict)
    versions_of: dict[str, list[Instrument]] = field(default_factory=dict)
    # display_label, case-folded, with single spaces -> the nodes it names
    by_label: dict[str, list[str]] = field(default_factory=dict)
    table: EdgeTable = field(default_factory=_empty_table)
    # the revision links: newer version -> the version it revises (attribute "work")
    graph: nx.DiGraph = field(default_factory=nx.DiGraph)
    # by node number of the table: the number of its work (itself for works)
    work_ids: array[int] = field(default_factory=lambda: array("i"))
    version_ids: dict[int, tuple[int, ...]] = field(default_factory=dict)  # work -> versions
    cited_works: dict[str, int] = field(default_factory=dict)  # work -> edges citing it

    @classmethod
    def build(
        cls, instruments: Iterable[Instrument], edges: Iterable[CitationEdge]
    ) -> LineageIndex:
        builder = EdgeBuilder()
        for edge in edges:
            builder.add(edge.citing, edge.cited, edge.relation, edge.evidence, edge.citing_date)
        return cls.assemble(instruments, builder)

    @classmethod
    def assemble(cls, instruments: Iterable[Instrument], edges: EdgeBuilder) -> LineageIndex:
        """The index of ``instruments`` and the edges collected in ``edges``."""
        known: dict[str, Instrument] = {}
        for item in instruments:
            known[item.id] = item
        by_work: dict[str, list[Instrument]] = defaultdict(list)
        by_label: dict[str, list[str]] = {}
        for item in known.values():
            if item.work is not None:
                by_work[item.work].append(item)
            by_label.setdefault(_label_key(display_label(item)), []).append(item.id)
        versions_of = {work: sorted(items, key=_version_key) for work, items in by_work.items()}
        table = edges.finish([*known, *versions_of])
        return cls._with_table(known, versions_of, by_label, table)

    @classmethod
    def _with_table(
        cls,
        instruments: dict[str, Instrument],
        versions_of: dict[str, list[Instrument]],
        by_label: dict[str, list[str]],
        table: EdgeTable,
    ) -> LineageIndex:
        ids = table.node_ids
        work_ids = array("i", range(len(table.nodes)))
        version_ids: dict[int, tuple[int, ...]] = {}
        graph = nx.DiGraph()
        for work, ordered in versions_of.items():
            version_ids[ids[work]] = numbers = tuple(ids[item.id] for item in ordered)
            for number in numbers:
                work_ids[number] = ids[work]
            for older, newer in pairwise(ordered):
                graph.add_edge(newer.id, older.id, work=work)
        counts = Counter(work_ids[cited] for cited in table.cited)
        cited_works = {table.nodes[work]: n for work, n in counts.items()}
        return cls(
            instruments, versions_of, by_label, table, graph, work_ids, version_ids, cited_works
        )

    @property
    def edges(self) -> Sequence[CitationEdge]:
        """Every citation edge, in the order it was added (objects made as they are read)."""
        return EdgeView(self.table)

    def subset(self, keep: Sequence[int]) -> LineageIndex:
        """The same instruments with only the edges numbered ``keep``, in that order."""
        return self._with_table(
            self.instruments, self.versions_of, self.by_label, self.table.subset(keep)
        )

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
        for newer, older, work in self.graph.edges(data="work"):
            reason = (
                f"{self.instruments[newer].version_year} and "
                f"{self.instruments[older].version_year} are consecutive known "
                f"versions of {work}"
            )
            yield Inference("revises", newer, older, reason)

    def resolutions_and_stale(self) -> Iterator[Inference]:
        """For each citation with a known citing date: the version in force then, where the
        text cites the work unqualified; a flag where it cites a version already superseded."""
        table = self.table
        for number in range(len(table)):
            if not table.day[number]:
                continue
            cited = self.instruments.get(table.nodes[table.cited[number]])
            if cited is None:
                continue
            citing = table.nodes[table.citing[number]]
            on = date.fromordinal(table.day[number])
            if cited.id in self.versions_of:  # an unqualified citation of a work
                now = self._in_force_for(citing, on, cited.id)
                if now is not None:
                    reason = (
                        f"cited without a version by a text of {on.isoformat()}; "
                        f"{now.version_year} was the latest version adopted by then"
                    )
                    evidence = table.evidence(number)
                    yield Inference("resolved-version", citing, now.id, reason, evidence)
            elif cited.work is not None:
                now = self._in_force_for(citing, on, cited.work)
                if (
                    now is not None
                    and now.id != cited.id
                    and _version_key(now) > _version_key(cited)
                ):
                    reason = (
                        f"cites the {cited.version_year} version, superseded by the "
                        f"{now.version_year} version before the citing text "
                        f"({on.isoformat()})"
                    )
                    yield Inference("stale", citing, cited.id, reason, table.evidence(number))

    def _in_force_for(self, citing_node: str, on: date, work: str) -> Instrument | None:
        """The version of ``work`` in force when the text ``citing_node`` was adopted
        (``on``).

        A text citing its own act (Res. 1334 (2023) recalling Res. 1334 (2015)) means an
        earlier version, never itself: only versions older than the citing one count.
        """
        citing = self.instruments.get(citing_node)
        if citing is not None and citing.work == work:
            older = [
                v for v in self.versions_of.get(work, []) if _version_key(v) < _version_key(citing)
            ]
            return older[-1] if older else None
        return self.in_force(work, on)

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
        edge = self.table.edge
        return [
            (level, edge(number)) for level, number in self.walk_numbers(node, direction, depth)
        ]

    def walk_numbers(
        self, node: str, direction: Literal["up", "down"], depth: int
    ) -> list[tuple[int, int]]:
        """:meth:`walk` as (depth, edge number in :attr:`table`)."""
        table = self.table
        start = table.node_ids.get(node)
        if start is None:
            return []  # no edge touches it, nor its work, nor a version of its work
        up = direction == "up"
        adjacent = table.outgoing if up else table.incoming
        ends = table.cited if up else table.citing
        seen = set(self._members(self.work_ids[start]))
        frontier = set(seen)
        found: list[tuple[int, int]] = []
        for level in range(1, depth + 1):
            following: set[int] = set()
            for current in sorted(frontier):  # node numbers sort as their IRIs
                for number in adjacent(current):
                    found.append((level, number))
                    for member in self._members(self.work_ids[ends[number]]):
                        if member not in seen:
                            seen.add(member)
                            following.add(member)
            if not following:
                break
            frontier = following
        return found

    def _members(self, work: int) -> tuple[int, ...]:
        return (work, *self.version_ids.get(work, ()))


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
