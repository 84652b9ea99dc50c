"""What every store offers, whatever is behind it (pyoxigraph on disk or in memory, later
a remote SPARQL 1.1 + Graph Store Protocol service).

Answers cross process boundaries (query workers, remote services), so a query answer is
already serialised: :class:`QueryAnswer` carries bytes in the requested media type, never
live engine objects.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal, Protocol, runtime_checkable

from reskg.errors import QueryError, StoreError

AnswerKind = Literal["bindings", "boolean", "graph"]

N_TRIPLES = "application/n-triples"


class DefaultGraph(enum.Enum):
    """The unnamed default graph, where an API takes a graph name or this marker."""

    DEFAULT = "default"


DEFAULT_GRAPH = DefaultGraph.DEFAULT

GraphName = str | DefaultGraph


@dataclass(frozen=True, slots=True)
class ResultLimits:
    """Caps on one answer: beyond them the query fails instead of answering in part."""

    max_rows: int = 100_000
    max_bytes: int = 50 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class QueryAnswer:
    """A complete, serialised answer.

    ``rows`` counts solutions (``bindings``), triples (``graph``) or is 1 (``boolean``).
    """

    kind: AnswerKind
    media_type: str
    body: bytes
    rows: int


class QueryRefused(QueryError):
    """The query is well formed but breaks a policy (SERVICE, LOAD, unknown FROM graph)."""

    rule = "query.refused"


class QuerySyntaxError(QueryError):
    """The query or update does not parse; the message is the parser's."""

    rule = "query.syntax"


class QueryTimeout(QueryError):
    """The query ran past its deadline (or waited past it for a free worker) and was stopped."""

    rule = "query.timeout"


class ResultTooLarge(QueryError):
    """The answer would exceed :class:`ResultLimits`; it is refused rather than truncated."""

    rule = "query.result-size"


class BadData(StoreError):
    """RDF handed to the store does not parse in the format it claims to be."""

    rule = "store.data"


@runtime_checkable
class GraphStore(Protocol):
    """A dataset of named graphs, one per source document.

    Graph names are absolute IRIs. ``format`` and ``media_type`` arguments are media
    types (``text/turtle``, ``application/n-triples``, ...).
    """

    @property
    def location(self) -> str:
        """``:memory:``, a folder path, or a URL."""
        ...

    def replace_graph(self, name: GraphName, data: bytes, format: str = N_TRIPLES) -> None:
        """Make graph ``name`` hold exactly ``data``: readers see the old or the new graph."""
        ...

    def remove_graph(self, name: GraphName) -> bool:
        """Remove graph ``name`` (empty the default graph); ``False`` if it was not there."""
        ...

    def graph_names(self) -> list[str]:
        """The named graphs, sorted."""
        ...

    def contains_graph(self, name: str) -> bool: ...

    def count(self, graph: GraphName | None = None) -> int:
        """Triples in ``graph``, or quads in the whole dataset when ``graph`` is ``None``."""
        ...

    def query(
        self,
        sparql: str,
        *,
        default_graph_uris: Sequence[str] = (),
        named_graph_uris: Sequence[str] = (),
        use_default_graph_as_union: bool = False,
        media_type: str | None = None,
        limits: ResultLimits = ResultLimits(),
        base_iri: str | None = None,
        bindings: Mapping[str, str] | None = None,
    ) -> QueryAnswer:
        """Evaluate a SPARQL 1.1 query.

        Non-empty ``default_graph_uris`` or ``named_graph_uris`` replace the query's own
        dataset (SPARQL 1.1 Protocol, section 2.1.4). ``media_type`` ``None`` picks SPARQL
        JSON for solutions and booleans, Turtle for graphs. ``bindings`` gives variables
        values, as N-Triples terms by variable name (substituted by the engine, never
        spliced into the text); as in pyoxigraph (SEP-0007), a bound variable must be
        in the SELECT projection.
        """
        ...

    def update(
        self,
        sparql: str,
        *,
        base_iri: str | None = None,
        prefixes: Mapping[str, str] | None = None,
    ) -> None:
        """Apply a SPARQL 1.1 update, all of it or none of it.

        ``prefixes`` are declared before the update's own (``prefix:`` with an empty local
        part is the prefix IRI itself, which is how callers bind IRIs without splicing).
        """
        ...

    def dump(self, format: str, graph: GraphName | None = None) -> bytes:
        """Serialise one graph, or the whole dataset (a quad format) when ``graph`` is None."""
        ...

    def load(self, data: bytes, format: str, graph: GraphName = DEFAULT_GRAPH) -> None:
        """Add ``data`` to ``graph`` (triple formats) or to the graphs it names (quad formats)."""
        ...

    def flush(self) -> None: ...

    def close(self) -> None: ...
