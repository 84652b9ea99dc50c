"""A store behind any SPARQL 1.1 Query/Update + Graph Store Protocol server (issue 9).

Endpoints and credentials: :mod:`reskg.store.endpoints`. Deployment: docs/deployment.md.

Answers are checked, never trusted. Oxigraph's server answers a query it cancels at its
``--timeout-s`` with HTTP 200 and a body cut mid-stream that ends in "The SPARQL operation
has been cancelled" (store-perf.md, section 2). So every body is read to its end within a
deadline and size cap, parsed completely with pyoxigraph (SPARQL JSON/XML results, RDF),
and only then re-serialised into the answer; a cut, malformed or cancelled body raises
:class:`StoreError` or :class:`QueryTimeout`, never part of an answer.

Atomic replacement: the new triples are parsed here (a malformed document never reaches
the server), posted into a fresh staging graph, then moved over the target by one SPARQL
Update request (drop target, move staging, create target). A SPARQL Update request is one
transaction on Oxigraph (``Store::update``), Fuseki/TDB2 and GraphDB, so readers see the
old graph or the new one. (A GSP PUT is one request too, but whether the server clears
and loads in one transaction is not promised by the protocol.)

Bindings: the protocol has no parameter for them, and the engine's SEP-0007 substitution
is not reachable over HTTP. The values are parsed as N-Triples terms by pyoxigraph, written
back out by this module from the parsed term (IRIs checked for every character that could
end one, literals escaped, blank nodes refused) and written as a ``VALUES`` block on lines
of its own as the first element of the query's WHERE clause (:func:`~reskg.store.terms.
with_values`; a lexical scan finds the clause's brace). No character of a value can leave
its term. The block is joined with the rest of the clause before the clause's filters run,
so the values reach the clause's FILTERs (``version-in-force`` binds ``?date`` that only a
FILTER reads), OPTIONAL conditions and EXISTS tests, as the substitution's do. It differs
from the substitution where a nested group, UNION branch or subquery reads the variable
without the WHERE clause binding it (those are evaluated on their own first), and when a
grouping query projects a bound variable that is not a GROUP BY key: no query in
``queries/`` does either, and the shared test suites check them on both stores. A query
without a WHERE clause that can hold it (DESCRIBE without WHERE, ``CONSTRUCT WHERE``) gets
the block as a trailing ``VALUES`` clause.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress

import httpx
from pyoxigraph import (
    Literal,
    NamedNode,
    QueryBoolean,
    QuerySolutions,
    RdfFormat,
    Triple,
    parse,
    parse_query_results,
    serialize,
)

from reskg.errors import (
    GraphNameError,
    ReskgError,
    StoreError,
    StoreUnavailable,
    UnsupportedFormat,
)
from reskg.store import formats
from reskg.store.answers import (
    QueryRequest,
    _bindings,
    _boolean,
    _check_size,
)
from reskg.store.embedded import STAGING_PREFIX, graph_state_error
from reskg.store.endpoints import Endpoints
from reskg.store.http import CANCELLED, Http, message
from reskg.store.interface import (
    N_TRIPLES,
    BadData,
    DefaultGraph,
    GraphName,
    QueryAnswer,
    QuerySyntaxError,
    QueryTimeout,
    ResultLimits,
    ResultTooLarge,
)
from reskg.store.terms import iri_text, prologue, with_values

_ACCEPT = (
    "application/sparql-results+json, application/sparql-results+xml;q=0.9, "
    "application/n-triples;q=0.8"
)
_REPLACE_NAMED = (
    "DROP SILENT GRAPH target: ;\nMOVE SILENT GRAPH staging: TO GRAPH target: ;\n"
    "CREATE SILENT GRAPH target: ;\nDROP SILENT GRAPH staging:"
)
_REPLACE_DEFAULT = (
    "CLEAR SILENT DEFAULT ;\nMOVE SILENT GRAPH staging: TO DEFAULT ;\nDROP SILENT GRAPH staging:"
)
_CREATE = "CREATE SILENT GRAPH target:"
_GRAPHS = "SELECT DISTINCT ?g WHERE { GRAPH ?g { } }"
_COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
_COUNT_ALL = "SELECT (COUNT(*) AS ?n) WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }"
_FORM = "application/x-www-form-urlencoded"


class RemoteStore:
    """A :class:`~reskg.store.interface.GraphStore` over HTTP (SPARQL 1.1 Protocol + GSP).

    ``query_timeout`` bounds each read (query, graph lookup, dump) from first byte sent to
    last byte read; the API sets it to its own timeout, and :meth:`reads_within` changes it
    for the reads of one thread (the API's index loads). Writes, and reads when
    ``query_timeout`` is ``None``, are bounded by ``RESKG_STORE_TIMEOUT``.
    """

    def __init__(
        self,
        url: str,
        *,
        environ: Mapping[str, str] | None = None,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.endpoints = Endpoints.from_url(url, environ)
        self.query_timeout: float | None = None
        self._http = Http(self.endpoints, transport)
        self._local = threading.local()

    @property
    def location(self) -> str:
        return self.endpoints.location

    @contextmanager
    def reads_within(self, seconds: float | None) -> Iterator[None]:
        """Bound each read this thread makes inside the block by ``seconds`` instead of
        ``query_timeout`` (``None``: by ``RESKG_STORE_TIMEOUT``)."""
        previous = getattr(self._local, "override", None)
        self._local.override = (seconds,)
        try:
            yield
        finally:
            self._local.override = previous

    def _read_timeout(self) -> float | None:
        override: tuple[float | None] | None = getattr(self._local, "override", None)
        return self.query_timeout if override is None else override[0]

    def ping(self, timeout: float) -> None:
        """Ask the query endpoint ``ASK {}`` once (no retry), within ``timeout`` seconds.

        Raises:
            StoreUnavailable: no connection, no complete answer in time, or no SPARQL
                boolean with HTTP 200.
            StoreError: the store refused our credentials (misconfigured, not down).
        """
        try:
            status, kind, body = self._http.send(
                "POST",
                self.endpoints.query,
                data=[("query", "ASK {}")],
                headers={"Accept": formats.RESULTS_JSON, "Content-Type": _FORM},
                timeout=timeout,
                max_bytes=1 << 16,
            )
        except (QueryTimeout, ResultTooLarge):
            raise StoreUnavailable(
                f"no answer to ASK {{}} within {timeout:g} s", path=self.location
            ) from None
        if status in (401, 403):
            raise self._http.fail(status, body, "ASK {}")
        try:
            answer = parse_query_results(body, formats.result_format(kind))
        except (ReskgError, SyntaxError):
            answer = None
        if status != 200 or not isinstance(answer, QueryBoolean):
            raise StoreUnavailable(
                f"ASK {{}} answered HTTP {status} ({kind or 'no media type'}): {message(body)}",
                path=self.location,
            )

    def _gsp(self, method: str, graph: GraphName | None, **kwargs: object) -> tuple[int, bytes]:
        if graph is None:
            params: dict[str, str] = {}
        elif isinstance(graph, DefaultGraph):
            params = {"default": ""}
        else:
            iri_text(graph, GraphNameError)  # the caller's mistake, as in the embedded store
            params = {"graph": graph}
        status, _, body = self._http.send(method, self.endpoints.store, params=params, **kwargs)  # type: ignore[arg-type]
        return status, body

    # -- reads -------------------------------------------------------------------------

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
        request = QueryRequest(sparql, media_type=media_type, limits=limits)
        text = prologue(base_iri, None) + with_values(sparql, bindings or {})
        form = [("query", text)]
        for key, graphs in (
            ("default-graph-uri", default_graph_uris),
            ("named-graph-uri", named_graph_uris),
        ):
            form += [(key, iri_text(graph)[1:-1]) for graph in graphs]
        if use_default_graph_as_union and not (default_graph_uris or named_graph_uris):
            if self.endpoints.union == "param":
                form.append(("union-default-graph", ""))
            elif self.endpoints.union == "none":
                raise StoreError(
                    "this store cannot query the union of its graphs: start it with a union "
                    "default graph and set union=server (docs/deployment.md)",
                    path=self.location,
                    rule="store.remote",
                )
        status, kind, body = self._http.send(
            "POST",
            self.endpoints.query,
            data=form,
            headers={"Accept": _ACCEPT, "Content-Type": _FORM},
            idempotent=True,
            timeout=self._read_timeout(),
            max_bytes=4 * limits.max_bytes + (1 << 20),
        )
        if CANCELLED in body[-len(CANCELLED) - 16 :]:
            raise QueryTimeout("the store cancelled the query at its own timeout")
        if status == 400:
            raise QuerySyntaxError(f"the store refused the query: {message(body)}")
        if status != 200:
            raise self._http.fail(status, body, "query")
        try:
            if kind in (formats.RESULTS_JSON, formats.RESULTS_XML):
                parsed = parse_query_results(body, formats.result_format(kind))
                if isinstance(parsed, QueryBoolean):
                    return _boolean(bool(parsed), request)
                assert isinstance(parsed, QuerySolutions)
                return _bindings(parsed, request)
            if kind in formats.RDF_FORMATS and kind not in formats.QUAD_ONLY:
                return self._graph(body, formats.rdf_format(kind), request)
        except SyntaxError as error:
            raise StoreError(
                f"the store's answer is truncated or malformed ({kind}): {error}",
                path=self.location,
                rule="store.answer",
            ) from None
        raise StoreError(
            f"the store answered the query as {kind or 'no media type'}",
            path=self.location,
            rule="store.answer",
        )

    @staticmethod
    def _graph(body: bytes, fmt: RdfFormat, request: QueryRequest) -> QueryAnswer:
        media_type = formats.canonical(request.media_type or formats.TURTLE)
        target = formats.rdf_format(media_type)
        if media_type in formats.QUAD_ONLY:
            raise UnsupportedFormat(f"a CONSTRUCT or DESCRIBE answer is a graph, not {media_type}")
        limits = request.limits
        triples: list[Triple] = []
        for quad in parse(body, fmt):
            if len(triples) >= limits.max_rows:
                raise ResultTooLarge(f"more than {limits.max_rows} triples; add a LIMIT")
            triples.append(quad.triple)
        out = serialize(triples, format=target) or b""
        _check_size(out, limits)
        return QueryAnswer("graph", media_type, out, len(triples))

    def _column(self, sparql: str, **dataset: Sequence[str]) -> list[object]:
        answer = self.query(sparql, media_type=formats.RESULTS_JSON, **dataset)  # type: ignore[arg-type]
        solutions = parse_query_results(answer.body, formats.result_format(formats.RESULTS_JSON))
        assert isinstance(solutions, QuerySolutions)
        return [solution[0] for solution in solutions]

    def graph_names(self) -> list[str]:
        return sorted(g.value for g in self._column(_GRAPHS) if isinstance(g, NamedNode))

    def contains_graph(self, name: str) -> bool:
        # Oxigraph 0.5.13 writes a body after its 404 to HEAD, which would poison a kept-alive
        # connection (the next answer's status line is read from that body): close it.
        status, body = self._gsp(
            "HEAD",
            name,
            headers={"Connection": "close"},
            idempotent=True,
            timeout=self._read_timeout(),
        )
        if status in (200, 204):
            return True
        if status == 404:
            return False
        raise self._http.fail(status, body, "graph lookup")

    def count(self, graph: GraphName | None = None) -> int:
        if graph is None:
            (value,) = self._column(_COUNT_ALL)
        elif isinstance(graph, DefaultGraph):
            (value,) = self._column(_COUNT)
        else:
            iri_text(graph, GraphNameError)
            (value,) = self._column(_COUNT, default_graph_uris=[graph])
        assert isinstance(value, Literal)
        return int(value.value)

    def dump(self, format: str, graph: GraphName | None = None) -> bytes:
        fmt = formats.rdf_format(format)
        media_type = formats.canonical(format)
        if graph is None and not fmt.supports_datasets:
            raise UnsupportedFormat(f"{format} holds one graph: name the graph to dump")
        status, body = self._gsp(
            "GET",
            graph,
            headers={"Accept": media_type},
            idempotent=True,
            timeout=self._read_timeout(),
        )
        if status == 404 and graph is not None:
            return serialize([], format=fmt) or b""  # as the embedded store dumps no graph
        if status != 200:
            raise self._http.fail(status, body, "dump")
        try:
            for _ in parse(body, fmt):
                pass
        except SyntaxError as error:
            raise StoreError(
                f"the store's {media_type} dump is truncated or malformed: {error}",
                path=self.location,
                rule="store.answer",
            ) from None
        return body

    # -- writes ------------------------------------------------------------------------

    def update(
        self,
        sparql: str,
        *,
        base_iri: str | None = None,
        prefixes: Mapping[str, str] | None = None,
    ) -> None:
        text = prologue(base_iri, prefixes) + sparql
        status, _, body = self._http.send(
            "POST",
            self.endpoints.update,
            content=text.encode("utf-8"),
            headers={"Content-Type": "application/sparql-update; charset=utf-8"},
        )
        if status == 400:
            raise QuerySyntaxError(f"the store refused the update: {message(body)}")
        if status == 500:
            # Oxigraph answers 500 for CREATE of a graph that exists, DROP of one that does
            # not (without SILENT): the body is then exactly its message, as pyoxigraph's.
            refused = graph_state_error(body.decode("utf-8", "replace"))
            if refused is not None:
                raise refused
        if status not in (200, 204):
            raise self._http.fail(status, body, "update")

    @staticmethod
    def _normalise(data: bytes, fmt: RdfFormat, media_type: str, *, quads: bool) -> bytes:
        """``data`` parsed here and written as N-Triples (N-Quads): the server then parses
        only what reskg wrote, and a malformed document is refused before any request."""
        formats.refuse_unsafe(data, fmt)
        try:
            parsed = list(parse(data, fmt))
        except (SyntaxError, ValueError) as error:
            raise BadData(f"{media_type} data does not parse: {error}") from None
        if quads:
            return serialize(parsed, format=RdfFormat.N_QUADS) or b""
        return serialize([q.triple for q in parsed], format=RdfFormat.N_TRIPLES) or b""

    def _post(self, graph: GraphName | None, body: bytes, media_type: str) -> None:
        status, answer = self._gsp(
            "POST", graph, content=body, headers={"Content-Type": media_type}
        )
        if status == 400:
            raise BadData(f"the store refused the data: {message(answer)}")
        if status not in (200, 201, 204):
            raise self._http.fail(status, answer, "load")

    def replace_graph(self, name: GraphName, data: bytes, format: str = N_TRIPLES) -> None:
        fmt = formats.rdf_format(format)
        if formats.canonical(format) in formats.QUAD_ONLY:
            raise UnsupportedFormat(f"replace_graph takes a triple format, not {format}")
        if not isinstance(name, DefaultGraph):
            iri_text(name, GraphNameError)  # before anything is sent
        body = self._normalise(data, fmt, format, quads=False)
        staging = f"{STAGING_PREFIX}{uuid.uuid4()}"
        with self._dropping_on_failure(staging):
            self._post(staging, body, N_TRIPLES)
            if isinstance(name, DefaultGraph):
                self.update(_REPLACE_DEFAULT, prefixes={"staging": staging})
            else:
                self.update(_REPLACE_NAMED, prefixes={"staging": staging, "target": name})

    @contextmanager
    def _dropping_on_failure(self, staging: str) -> Iterator[None]:
        try:
            yield
        except ReskgError:
            # The first error is the one to report; a stale staging graph is inert.
            with suppress(ReskgError):
                self._gsp("DELETE", staging)
            raise

    def remove_graph(self, name: GraphName) -> bool:
        status, body = self._gsp("DELETE", name)
        if status in (200, 204):
            return True
        if status == 404 and not isinstance(name, DefaultGraph):
            return False
        raise self._http.fail(status, body, "remove graph")

    def load(self, data: bytes, format: str, graph: GraphName = DefaultGraph.DEFAULT) -> None:
        fmt = formats.rdf_format(format)
        if formats.canonical(format) in formats.QUAD_ONLY:
            if not isinstance(graph, DefaultGraph):
                raise UnsupportedFormat(f"{format} names its own graphs: load it without one")
            self._post(None, self._normalise(data, fmt, format, quads=True), formats.N_QUADS)
            return
        body = self._normalise(data, fmt, format, quads=False)
        self._post(graph, body, N_TRIPLES)
        if not body and not isinstance(graph, DefaultGraph):
            self.update(_CREATE, prefixes={"target": graph})  # no triples still name it

    def flush(self) -> None:
        """Nothing to do: the server commits each request before it answers."""

    def close(self) -> None:
        self._http.close()
