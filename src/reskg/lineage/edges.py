"""The citation edges of the lineage index, in compact columns.

A networkx ``MultiDiGraph`` with a :class:`~reskg.lineage.index.CitationEdge` and its
:class:`~reskg.lineage.index.Evidence` on every edge costs about 1.2 kB per edge (two
dataclasses, six strings, the graph's nested dicts): over a gigabyte at 50,000 documents.
Here an edge is one position in a set of ``array`` columns (about 60 bytes):

- the two ends are node numbers, numbered in the order of their IRIs, so that sorting
  numbers sorts IRIs (a walk visits its frontier in IRI order);
- the relation, the source document and the surface are numbers into one table of
  distinct strings (a few dozen relations, a source per document, surfaces that texts
  repeat), each string held once;
- the clause and citation IRIs, which extend the source document's IRI
  (``.../doc/X.txt/sec-2/cl-4``), keep only that tail, in the same table; ``_code``
  says how;
- the citing text's date is its proleptic ordinal (0: unknown).

Adjacency is compressed sparse rows: for each node, the positions of its outgoing (and
incoming) edges, grouped by the node at the other end in the order that end was first
linked to it, then in the order the edges came, which is the order in which a networkx
``MultiDiGraph`` lists ``out_edges`` and ``in_edges``. Objects are made only for the edges
an answer returns (:meth:`EdgeTable.edge`).
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import overload

from reskg.lineage.model import CitationEdge, Evidence

NONE = -1  # the code of an absent clause or citation IRI


def _code(value: str | None, source: str, intern: dict[str, int]) -> int:
    """``value`` as a number: NONE; twice the tail's string number when ``value`` extends
    ``source``; twice the whole IRI's string number, plus one, otherwise."""
    if value is None:
        return NONE
    if value.startswith(source):
        return 2 * intern.setdefault(value[len(source) :], len(intern))
    return 2 * intern.setdefault(value, len(intern)) + 1


def _decode(code: int, source: str, strings: Sequence[str]) -> str | None:
    if code == NONE:
        return None
    text = strings[code >> 1]
    return text if code & 1 else source + text


@dataclass(frozen=True, slots=True)
class EdgeTable:
    """Citation edges as columns, with out- and in-adjacency for walks."""

    nodes: tuple[str, ...]  # IRIs, sorted: node number -> IRI
    node_ids: dict[str, int]
    strings: tuple[str, ...]  # relations, sources, surfaces, clause and citation tails
    citing: array[int]
    cited: array[int]
    relation: array[int]
    day: array[int]  # the citing text's date.toordinal(), 0 when unknown
    source: array[int]
    clause: array[int]
    surface: array[int]
    start: array[int]
    end: array[int]
    citation: array[int]
    out_first: array[int]  # node -> first position in out_edges; one more at the end
    out_edges: array[int]
    in_first: array[int]
    in_edges: array[int]

    def __len__(self) -> int:
        return len(self.citing)

    def relation_of(self, edge: int) -> str:
        return self.strings[self.relation[edge]]

    def date_of(self, edge: int) -> date | None:
        day = self.day[edge]
        return date.fromordinal(day) if day else None

    def citation_of(self, edge: int) -> str | None:
        """The IRI of the citation record behind edge number ``edge``."""
        return _decode(self.citation[edge], self.strings[self.source[edge]], self.strings)

    def span_codes(self, edge: int) -> tuple[int, int, int, int, int]:
        """Where edge number ``edge`` is stated, as numbers: equal numbers, equal spans."""
        return (
            self.source[edge],
            self.clause[edge],
            self.surface[edge],
            self.start[edge],
            self.end[edge],
        )

    def span(self, codes: tuple[int, int, int, int, int]) -> tuple[str, str, str, int, int]:
        """:meth:`span_codes` read back: source, clause (``""`` when none), surface, start
        and end, as the lineage report sorts them."""
        source = self.strings[codes[0]]
        clause = _decode(codes[1], source, self.strings) or ""
        return (source, clause, self.strings[codes[2]], codes[3], codes[4])

    def evidence(self, edge: int) -> Evidence:
        source = self.strings[self.source[edge]]
        return Evidence(
            source=source,
            clause=_decode(self.clause[edge], source, self.strings),
            surface=self.strings[self.surface[edge]],
            start=self.start[edge],
            end=self.end[edge],
            citation=_decode(self.citation[edge], source, self.strings),
        )

    def edge(self, edge: int) -> CitationEdge:
        """Edge number ``edge`` as the object the index's callers get."""
        return CitationEdge(
            self.nodes[self.citing[edge]],
            self.nodes[self.cited[edge]],
            self.relation_of(edge),
            self.evidence(edge),
            self.date_of(edge),
        )

    def outgoing(self, node: int) -> array[int]:
        """The edges ``node`` states, in networkx's ``out_edges`` order."""
        return self.out_edges[self.out_first[node] : self.out_first[node + 1]]

    def incoming(self, node: int) -> array[int]:
        """The edges that cite ``node``, in networkx's ``in_edges`` order."""
        return self.in_edges[self.in_first[node] : self.in_first[node + 1]]

    def subset(self, keep: Sequence[int]) -> EdgeTable:
        """The edges numbered ``keep``, in that order (the order a networkx graph of them
        would have been built in), sharing this table's nodes and strings."""
        builder = EdgeBuilder()
        for name in _COLUMNS:
            column: array[int] = getattr(self, name)
            getattr(builder, name).extend(column[i] for i in keep)
        return builder.finish_numbered(self.nodes, self.node_ids, self.strings)


_COLUMNS = (
    "citing",
    "cited",
    "relation",
    "day",
    "source",
    "clause",
    "surface",
    "start",
    "end",
    "citation",
)


class EdgeView(Sequence[CitationEdge]):
    """The edges of a table as :class:`CitationEdge` objects, made as they are read."""

    __slots__ = ("_table",)

    def __init__(self, table: EdgeTable) -> None:
        self._table = table

    def __len__(self) -> int:
        return len(self._table)

    @overload
    def __getitem__(self, index: int) -> CitationEdge: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[CitationEdge]: ...
    def __getitem__(self, index: int | slice) -> CitationEdge | Sequence[CitationEdge]:
        if isinstance(index, slice):
            return [self._table.edge(i) for i in range(len(self._table))[index]]
        if index < 0:
            index += len(self._table)
        if not 0 <= index < len(self._table):
            raise IndexError(index)
        return self._table.edge(index)

    def __iter__(self) -> Iterator[CitationEdge]:
        return map(self._table.edge, range(len(self._table)))


class EdgeBuilder:
    """Collects edges one at a time (as the store's answer streams), then :meth:`finish`."""

    def __init__(self) -> None:
        self._nodes: dict[str, int] = {}  # in order of first sight, renumbered by finish
        self._strings: dict[str, int] = {}
        self.citing = array("i")
        self.cited = array("i")
        self.relation = array("i")
        self.day = array("i")
        self.source = array("i")
        self.clause = array("i")
        self.surface = array("i")
        self.start = array("q")
        self.end = array("q")
        self.citation = array("i")

    def add(
        self,
        citing: str,
        cited: str,
        relation: str,
        evidence: Evidence,
        citing_date: date | None,
    ) -> None:
        e = evidence
        day = citing_date.toordinal() if citing_date is not None else 0
        self.add_row(citing, cited, relation, e.source, e.clause, e.surface, e.start, e.end,
                     e.citation, day)  # fmt: skip

    def add_row(
        self,
        citing: str,
        cited: str,
        relation: str,
        source: str,
        clause: str | None,
        surface: str,
        start: int,
        end: int,
        citation: str | None,
        day: int,
    ) -> None:
        """:meth:`add`, field by field, ``day`` as an ordinal (0: unknown)."""
        nodes, strings = self._nodes, self._strings
        self.citing.append(nodes.setdefault(citing, len(nodes)))
        self.cited.append(nodes.setdefault(cited, len(nodes)))
        self.relation.append(strings.setdefault(relation, len(strings)))
        self.day.append(day)
        self.source.append(strings.setdefault(source, len(strings)))
        self.clause.append(_code(clause, source, strings))
        self.surface.append(strings.setdefault(surface, len(strings)))
        self.start.append(start)
        self.end.append(end)
        self.citation.append(_code(citation, source, strings))

    def finish(self, more_nodes: Iterable[str] = ()) -> EdgeTable:
        """The table, with ``more_nodes`` (instruments without edges) numbered too."""
        seen = self._nodes
        nodes = tuple(sorted({*seen, *more_nodes}))
        node_ids = {iri: i for i, iri in enumerate(nodes)}
        renumber = array("i", bytes(4 * len(seen)))
        for iri, old in seen.items():
            renumber[old] = node_ids[iri]
        self.citing = array("i", (renumber[i] for i in self.citing))
        self.cited = array("i", (renumber[i] for i in self.cited))
        strings = tuple(self._strings)  # dicts keep insertion order: number -> string
        return self.finish_numbered(nodes, node_ids, strings)

    def finish_numbered(
        self, nodes: tuple[str, ...], node_ids: dict[str, int], strings: tuple[str, ...]
    ) -> EdgeTable:
        """The table, when the columns already hold final node and string numbers."""
        # Where each (citing, cited) pair first occurs: networkx groups a node's edges by
        # the other end, in the order the pair was first added.
        first: dict[tuple[int, int], int] = {}
        pair_first = array(
            "i",
            (
                first.setdefault(pair, i)
                for i, pair in enumerate(zip(self.citing, self.cited, strict=True))
            ),
        )
        del first
        out_first, out_edges = _adjacency(self.citing, pair_first, len(nodes))
        in_first, in_edges = _adjacency(self.cited, pair_first, len(nodes))
        return EdgeTable(
            nodes,
            node_ids,
            strings,
            self.citing,
            self.cited,
            self.relation,
            self.day,
            self.source,
            self.clause,
            self.surface,
            self.start,
            self.end,
            self.citation,
            out_first,
            out_edges,
            in_first,
            in_edges,
        )


def _adjacency(
    ends: array[int], pair_first: array[int], count: int
) -> tuple[array[int], array[int]]:
    """Compressed sparse rows of the edges by ``ends``: edges of one node grouped by where
    their pair first occurs, then in order (a stable sort of the edge numbers)."""
    total = len(ends)
    order = array("i", sorted(range(total), key=lambda e: ends[e] * total + pair_first[e]))
    first = array("i", bytes(4 * (count + 1)))
    for node in ends:
        first[node + 1] += 1
    for node in range(count):
        first[node + 1] += first[node]
    return first, order
