"""The embedded store: pyoxigraph on disk (a RocksDB folder) or in memory.

One process opens a folder read-write (RocksDB holds a ``LOCK`` file, so a second writer
fails with :class:`StoreError`). Query workers never open that folder: pyoxigraph calls a
read-only open beside a writing process undefined behaviour, and it does fail (a reader
found a table file that compaction had just deleted). They open a snapshot instead
(:meth:`EmbeddedStore.snapshot`, see ``service.py``). A folder on read-only media has no
writer, so commands that only read open it read-only (``open_store(only_reads=True)``).

Atomic replacement: pyoxigraph applies each ``load`` and each ``update`` as one
transaction but has no multi-call transaction in Python. :meth:`EmbeddedStore.replace_graph`
therefore loads the new triples into a fresh staging graph (a failed parse writes
nothing), then runs ``queries/replace-graph.ru``, a single ``MOVE`` update, so readers see
the old graph or the new one and never a mix.
"""

from __future__ import annotations

import contextlib
import os
import re
import uuid
from collections.abc import Callable, Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import BinaryIO

from pyoxigraph import DefaultGraph as OxDefaultGraph
from pyoxigraph import NamedNode, Quad, RdfFormat, Store, parse

from reskg.errors import GraphNameError, QueryError, StoreError, UnsupportedFormat
from reskg.resources import queries_dir
from reskg.store import formats
from reskg.store.answers import QueryRequest, evaluate
from reskg.store.interface import (
    N_TRIPLES,
    BadData,
    DefaultGraph,
    GraphName,
    QueryAnswer,
    QuerySyntaxError,
    ResultLimits,
)

MEMORY = ":memory:"
STAGING_PREFIX = "urn:reskg:staging:"
# The graphs of a bulk load in progress (see EmbeddedStore.add_graphs).
BATCH = "urn:reskg:batch:loading"
BATCH_HOLDS = "urn:reskg:batch:holds"
# How Oxigraph (pyoxigraph, and its server's error body) refuses a graph management
# operation without SILENT: CREATE of a graph that exists; DROP, CLEAR or MOVE of one that
# does not.
_GRAPH_STATE = re.compile(r"The graph (<[^<>\s]*>) (already exists|does not exist)")


@cache
def _update_text(name: str) -> str:
    return (queries_dir() / name).read_text(encoding="utf-8")


def graph_node(name: str, where: str | None = None) -> NamedNode:
    """The graph ``name`` as a pyoxigraph node; a name that is not an absolute IRI is the
    caller's mistake (:class:`GraphNameError`, exit 3, HTTP 400), never a store fault.
    ``where`` names the parameter or option the name came from, for the message."""
    try:
        return NamedNode(name)
    except ValueError as error:
        raise GraphNameError(
            f"the graph name {name!r} is not an absolute IRI: {error}", path=where
        ) from None


def _graph(name: GraphName) -> NamedNode | OxDefaultGraph:
    return OxDefaultGraph() if isinstance(name, DefaultGraph) else graph_node(name)


def _where(name: GraphName) -> str:
    """``name`` as an error message names it (``path=``)."""
    return "default graph" if isinstance(name, DefaultGraph) else name


def graph_state_error(text: str) -> QueryError | None:
    """The caller's error (HTTP 400, rule ``update.graph``) for Oxigraph's refusal of a
    graph operation that SPARQL 1.1 Update says fails without SILENT (``CREATE GRAPH`` of a
    graph that exists; ``DROP``, ``CLEAR`` or ``MOVE`` of one that does not), read from the
    engine's message ``text``; None for any other message."""
    match = _GRAPH_STATE.fullmatch(text.strip())
    if match is None:
        return None
    return QueryError(f"the graph {match[1]} {match[2]} (SILENT skips this)", rule="update.graph")


class EmbeddedStore:
    """A :class:`~reskg.store.interface.GraphStore` over one pyoxigraph ``Store``."""

    def __init__(self, location: str, *, read_only: bool = False) -> None:
        self._location = location
        self.read_only = read_only
        try:
            if location == MEMORY:
                self._store = Store()
            elif read_only:
                self._store = Store.read_only(location)
            else:
                Path(location).mkdir(parents=True, exist_ok=True)
                self._store = Store(location)
        except OSError as error:
            hint = ""
            if not read_only and not os.access(location, os.W_OK):
                hint = " (the folder cannot be written; commands that only read open it read-only)"
            raise StoreError(f"cannot open the store: {error}{hint}", path=location) from None
        if not read_only:
            self._drop_stale_staging()

    @property
    def location(self) -> str:
        return self._location

    @property
    def engine(self) -> Store:
        """The pyoxigraph store itself, for code in this package (workers, tests)."""
        return self._store

    def _drop_stale_staging(self) -> None:
        """Staging graphs left by a process that died mid-replace hold nothing of value."""
        for name in self.graph_names():
            if name.startswith(STAGING_PREFIX):
                self._store.remove_graph(NamedNode(name))

    def _writable(self) -> None:
        if self.read_only:
            raise StoreError("the store is open read-only", path=self._location)

    def replace_graph(self, name: GraphName, data: bytes, format: str = N_TRIPLES) -> None:
        target = _graph(name)
        self._writable()
        fmt = formats.rdf_format(format)
        if formats.canonical(format) in formats.QUAD_ONLY:
            raise UnsupportedFormat(f"replace_graph takes a triple format, not {format}")
        formats.refuse_unsafe(data, fmt)
        staging = NamedNode(f"{STAGING_PREFIX}{uuid.uuid4()}")
        try:
            self._store.add_graph(staging)
            self._store.load(data, fmt, to_graph=staging)
            if isinstance(target, NamedNode):
                self._store.update(
                    _update_text("replace-graph.ru"),
                    prefixes={"staging": staging.value, "target": target.value},
                )
                # MOVE from an empty graph drops the target; an empty document still names one.
                self._store.add_graph(target)
            else:
                self._store.update(
                    _update_text("replace-default-graph.ru"), prefixes={"staging": staging.value}
                )
        except SyntaxError as error:
            self._store.remove_graph(staging)
            raise BadData(f"{format} data does not parse: {error}", path=_where(name)) from None
        except OSError as error:
            raise StoreError(f"cannot write graph: {error}", path=_where(name)) from None

    def rewrite_graph(self, name: str, data: bytes, *, union_of: Callable[[str], bool]) -> None:
        """Bring the named graph ``name`` to ``data`` (N-Triples) by difference, and the
        default graph with it: a triple added goes into the default graph too; a triple
        removed leaves it unless a named graph for which ``union_of`` is true still holds
        it (the union reskg keeps there, :mod:`reskg.union`). Only what changed is written,
        in several writes: readers may see the change half made."""
        self._writable()
        target = graph_node(name)
        try:
            new = {quad.triple for quad in parse(data, RdfFormat.N_TRIPLES)}
        except SyntaxError as error:
            raise BadData(f"N-Triples data does not parse: {error}", path=name) from None
        store, default = self._store, OxDefaultGraph()
        try:
            old = {quad.triple for quad in store.quads_for_pattern(None, None, None, target)}
            added = [t for t in new if t not in old]
            removed = [t for t in old if t not in new]
            store.extend(
                [Quad(t.subject, t.predicate, t.object, target) for t in added]
                + [Quad(t.subject, t.predicate, t.object, default) for t in added]
            )
            store.add_graph(target)  # an empty graph is still named
            for t in removed:
                store.remove(Quad(t.subject, t.predicate, t.object, target))
            for t in removed:
                holders = store.quads_for_pattern(t.subject, t.predicate, t.object, None)
                if not any(
                    isinstance(quad.graph_name, NamedNode) and union_of(quad.graph_name.value)
                    for quad in holders
                ):
                    store.remove(Quad(t.subject, t.predicate, t.object, default))
        except OSError as error:
            raise StoreError(f"cannot write graph: {error}", path=name) from None

    def add_graphs(self, graphs: Sequence[tuple[str, bytes]], *, default_too: bool) -> None:
        """Add new named graphs, all of them in one bulk load; with ``default_too`` their
        triples also go into the default graph (the union reskg keeps there, see
        :mod:`reskg.union`).

        The data is N-Triples as :func:`reskg.graph.to_ntriples` writes it and ingest has
        parsed strictly in its worker: one triple per line, each line ending in `` .``. For
        graphs that are not in the store yet: a graph already there would get the new
        triples added to its old ones.

        RocksDB's bulk loader writes table files and ingests them, about three times the
        speed of a transactional load and a fifth of its memory, but it is not a
        transaction. So the batch is announced first: its graph names go into the graph
        :data:`BATCH` in a transaction of their own, the bulk load follows, and the
        announcement is removed. A batch that fails or is killed in between leaves the
        announcement, and :meth:`roll_back_batch` removes every graph it names; a document
        is then never in the store in part.
        """
        self._writable()
        nodes = [graph_node(name) for name, _ in graphs]
        chunks: list[bytes] = []
        empty: list[NamedNode] = []
        for node, (name, data) in zip(nodes, graphs, strict=True):
            suffix = f" {node} .".encode()
            lines = [line for line in data.split(b"\n") if line.strip()]
            if any(not line.endswith(b" .") for line in lines):
                raise BadData("not one N-Triples statement per line", path=name)
            chunks.extend(line[:-2] + suffix + b"\n" for line in lines)
            if default_too:
                chunks.extend(line + b"\n" for line in lines)
            if not lines:
                empty.append(node)
        announce = "".join(f"<{BATCH}> <{BATCH_HOLDS}> {node} .\n" for node in nodes)
        try:
            self._store.load(announce.encode(), RdfFormat.N_TRIPLES, to_graph=NamedNode(BATCH))
            # lenient: the IRIs were checked by the worker's strict parse (ingest.prepare)
            self._store.bulk_load(b"".join(chunks), RdfFormat.N_QUADS, lenient=True)
            for node in empty:  # a document with no triples still names its graph
                self._store.add_graph(node)
            self._store.remove_graph(NamedNode(BATCH))
        except SyntaxError as error:
            self._settle_failed_batch()
            raise BadData(f"N-Triples data does not parse: {error}") from None
        except OSError as error:
            self._settle_failed_batch()
            raise StoreError(f"cannot write graphs: {error}", path=self._location) from None

    def _settle_failed_batch(self) -> None:
        """After a failed bulk load: remove the batch's graphs now if the disk lets us; the
        announcement stays until they are gone, for :meth:`roll_back_batch` to finish."""
        with contextlib.suppress(OSError):
            self.roll_back_batch()

    def roll_back_batch(self) -> bool:
        """Remove every graph named by a batch announcement that a failed or killed
        :meth:`add_graphs` left, then the announcement; True if there was one. The default
        graph may still hold part of that batch: :func:`reskg.union.begin` calls this and
        then has the union rebuilt."""
        mark = NamedNode(BATCH)
        if self.read_only or not self._store.contains_named_graph(mark):
            return False
        for quad in self._store.quads_for_pattern(None, NamedNode(BATCH_HOLDS), None, mark):
            if isinstance(quad.object, NamedNode):
                self._store.remove_graph(quad.object)
        self._store.remove_graph(mark)
        return True

    def remove_graph(self, name: GraphName) -> bool:
        node = _graph(name)
        self._writable()
        try:
            if isinstance(node, NamedNode) and not self._store.contains_named_graph(node):
                return False
            self._store.remove_graph(node)
        except OSError as error:
            raise StoreError(f"cannot remove graph: {error}", path=_where(name)) from None
        return True

    def graph_names(self) -> list[str]:
        return sorted(
            node.value for node in self._store.named_graphs() if isinstance(node, NamedNode)
        )

    def contains_graph(self, name: str) -> bool:
        return bool(self._store.contains_named_graph(graph_node(name)))

    def count(self, graph: GraphName | None = None) -> int:
        if graph is None:
            return len(self._store)
        return sum(1 for _ in self._store.quads_for_pattern(None, None, None, _graph(graph)))

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
        request = QueryRequest(
            sparql,
            tuple(default_graph_uris),
            tuple(named_graph_uris),
            use_default_graph_as_union,
            media_type,
            limits,
            base_iri,
            tuple(sorted((bindings or {}).items())),
        )
        return evaluate(self._store, request)

    def update(
        self,
        sparql: str,
        *,
        base_iri: str | None = None,
        prefixes: Mapping[str, str] | None = None,
    ) -> None:
        self._writable()
        try:
            self._store.update(sparql, base_iri=base_iri, prefixes=dict(prefixes or {}))
        except SyntaxError as error:
            raise QuerySyntaxError(f"malformed update: {error}") from None
        except RuntimeError as error:
            refused = graph_state_error(str(error))
            if refused is None:
                raise
            raise refused from None
        except OSError as error:
            raise StoreError(f"update failed: {error}", path=self._location) from None

    def dump_to(self, target: BinaryIO, format: str, graph: GraphName | None = None) -> None:
        """:meth:`dump` written to ``target`` as the engine serialises it, never held whole
        in memory (a 50,000-document dataset is about ten gigabytes of N-Quads)."""
        fmt = formats.rdf_format(format)
        if graph is None and not fmt.supports_datasets:
            raise UnsupportedFormat(f"{format} holds one graph: name the graph to dump")
        try:
            if graph is None:
                self._store.dump(target, fmt)
            else:
                self._store.dump(target, fmt, from_graph=_graph(graph))
        except ValueError as error:
            raise StoreError(f"cannot dump: {error}", path=self._location) from None

    def dump(self, format: str, graph: GraphName | None = None) -> bytes:
        fmt = formats.rdf_format(format)
        if graph is None and not fmt.supports_datasets:
            raise UnsupportedFormat(f"{format} holds one graph: name the graph to dump")
        try:
            if graph is None:
                body = self._store.dump(format=fmt)
            else:
                body = self._store.dump(format=fmt, from_graph=_graph(graph))
        except (OSError, ValueError) as error:
            raise StoreError(f"cannot dump: {error}", path=self._location) from None
        assert body is not None
        return body

    def load(self, data: bytes, format: str, graph: GraphName = DefaultGraph.DEFAULT) -> None:
        fmt = formats.rdf_format(format)
        if formats.canonical(format) in formats.QUAD_ONLY and not isinstance(graph, DefaultGraph):
            # pyoxigraph would write the quads into the graphs they name, not into ``graph``
            raise UnsupportedFormat(f"{format} names its own graphs: load it without one")
        formats.refuse_unsafe(data, fmt)
        target = _graph(graph)
        self._writable()
        try:
            self._store.load(data, fmt, to_graph=target)
            if isinstance(target, NamedNode):
                self._store.add_graph(target)  # loading no triples still names the graph
        except SyntaxError as error:
            raise BadData(f"{format} data does not parse: {error}") from None
        except OSError as error:
            raise StoreError(f"cannot load: {error}", path=self._location) from None

    def snapshot(self, target: str) -> None:
        """Write a consistent copy of the store to the new folder ``target``.

        On the same file system RocksDB hard-links the immutable table files, so this is
        cheap; the copy never changes afterwards, which makes it safe to open read-only
        while this process keeps writing the original.
        """
        try:
            self._store.backup(target)
        except OSError as error:
            raise StoreError(f"cannot snapshot the store: {error}", path=target) from None

    def flush(self) -> None:
        if self._location != MEMORY and not self.read_only:
            try:
                self._store.flush()
            except OSError as error:
                raise StoreError(f"cannot flush: {error}", path=self._location) from None

    def close(self) -> None:
        """Flush and let the handle go; RocksDB releases its lock when it is collected."""
        self.flush()
        del self._store
