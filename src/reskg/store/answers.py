"""Evaluate one query on a pyoxigraph store into a complete, capped, serialised answer.

Runs in the process that owns the store handle: in a query worker (``worker.py``) for an
on-disk store, in the caller's thread for an in-memory one. Solutions are counted while
they stream, and the answer fails with :class:`ResultTooLarge` as soon as a cap is passed,
so no client ever gets a silently truncated result.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pyoxigraph import (
    NamedNode,
    QueryBoolean,
    QueryResultsFormat,
    QuerySolutions,
    QueryTriples,
    RdfFormat,
    Store,
    Triple,
    Variable,
    parse,
    parse_query_results,
    serialize,
)

from reskg.errors import QueryError, StoreError, UnsupportedFormat
from reskg.store import formats
from reskg.store.interface import (
    QueryAnswer,
    QuerySyntaxError,
    ResultLimits,
    ResultTooLarge,
)


@dataclass(frozen=True, slots=True)
class QueryRequest:
    """Everything a worker needs to answer one query; picklable on purpose."""

    sparql: str
    default_graph_uris: tuple[str, ...] = ()
    named_graph_uris: tuple[str, ...] = ()
    use_default_graph_as_union: bool = False
    media_type: str | None = None
    limits: ResultLimits = field(default_factory=ResultLimits)
    base_iri: str | None = None
    bindings: tuple[tuple[str, str], ...] = ()


def evaluate(store: Store, request: QueryRequest) -> QueryAnswer:
    """Run ``request`` on ``store`` and serialise the whole answer within its limits."""
    options = _dataset_options(request)
    if request.bindings:
        options["substitutions"] = _substitutions(request.bindings)
    try:
        result = store.query(request.sparql, base_iri=request.base_iri, **options)
        if isinstance(result, QueryBoolean):
            return _boolean(bool(result), request)
        if isinstance(result, QuerySolutions):
            return _bindings(result, request)
        if isinstance(result, QueryTriples):
            return _graph(result, request)
    except SyntaxError as error:
        raise QuerySyntaxError(f"malformed query: {error}") from None
    except (OSError, RuntimeError) as error:
        raise QueryError(f"query evaluation failed: {error}") from None
    raise StoreError(f"unexpected query result {type(result).__name__}")


def _dataset_options(request: QueryRequest) -> dict[str, Any]:
    """pyoxigraph keyword arguments for the query's dataset.

    A protocol dataset replaces the query's FROM clauses entirely: an empty list of default
    graphs means an empty default graph, which pyoxigraph gets as ``default_graph=[]``.
    """
    if request.default_graph_uris or request.named_graph_uris:
        try:
            return {
                "default_graph": [NamedNode(iri) for iri in request.default_graph_uris],
                "named_graphs": [NamedNode(iri) for iri in request.named_graph_uris],
            }
        except ValueError as error:
            raise QuerySyntaxError(f"invalid graph IRI: {error}") from None
    return {"use_default_graph_as_union": request.use_default_graph_as_union}


def _substitutions(bindings: tuple[tuple[str, str], ...]) -> dict[Variable, Any]:
    """Variable values given as N-Triples terms, parsed by pyoxigraph (never spliced into
    the query text: pyoxigraph substitutes them into the parsed query)."""
    values: dict[Variable, Any] = {}
    for name, term in bindings:
        line = f"<urn:reskg:s> <urn:reskg:p> {term} .\n"
        try:
            (triple,) = list(parse(line.encode("utf-8"), RdfFormat.N_TRIPLES))
        except (SyntaxError, ValueError):
            raise QuerySyntaxError(f"?{name}: not one N-Triples term: {term!r}") from None
        values[Variable(name)] = triple.object
    return values


def _boolean(value: bool, request: QueryRequest) -> QueryAnswer:
    media_type = formats.canonical(request.media_type or formats.RESULTS_JSON)
    if media_type not in (formats.RESULTS_JSON, formats.RESULTS_XML):
        raise UnsupportedFormat(f"an ASK answer is SPARQL JSON or XML, not {media_type}")
    text = "true" if value else "false"
    parsed = parse_query_results(f'{{"head":{{}},"boolean":{text}}}', QueryResultsFormat.JSON)
    assert isinstance(parsed, QueryBoolean)
    body = parsed.serialize(format=formats.result_format(media_type))
    assert body is not None
    return QueryAnswer("boolean", media_type, body, 1)


def _bindings(solutions: QuerySolutions, request: QueryRequest) -> QueryAnswer:
    """Collect the solutions as TSV (lossless N-Triples terms) under the caps, then let
    pyoxigraph write the requested format from that, so every format shares one cap."""
    media_type = formats.canonical(request.media_type or formats.RESULTS_JSON)
    target = formats.result_format(media_type)
    limits = request.limits
    lines = ["\t".join(str(variable) for variable in solutions.variables)]
    size = len(lines[0])
    for solution in solutions:
        if len(lines) > limits.max_rows:
            raise ResultTooLarge(f"more than {limits.max_rows} solutions; add a LIMIT")
        line = "\t".join("" if term is None else str(term) for term in solution)
        size += len(line) + 1
        if size > limits.max_bytes:
            raise ResultTooLarge(f"the answer exceeds {limits.max_bytes} bytes; add a LIMIT")
        lines.append(line)
    table = parse_query_results("\n".join(lines) + "\n", QueryResultsFormat.TSV)
    assert isinstance(table, QuerySolutions)
    body = table.serialize(format=target)
    assert body is not None
    _check_size(body, limits)
    return QueryAnswer("bindings", media_type, body, len(lines) - 1)


def _graph(triples: QueryTriples, request: QueryRequest) -> QueryAnswer:
    media_type = formats.canonical(request.media_type or formats.TURTLE)
    target = formats.rdf_format(media_type)
    if media_type in formats.QUAD_ONLY:
        raise UnsupportedFormat(f"a CONSTRUCT or DESCRIBE answer is a graph, not {media_type}")
    limits = request.limits
    collected: list[Triple] = []
    for triple in triples:
        if len(collected) >= limits.max_rows:
            raise ResultTooLarge(f"more than {limits.max_rows} triples; add a LIMIT")
        collected.append(triple)
    body = serialize(collected, format=target)
    assert body is not None
    _check_size(body, limits)
    return QueryAnswer("graph", media_type, body, len(collected))


def _check_size(body: bytes, limits: ResultLimits) -> None:
    if len(body) > limits.max_bytes:
        raise ResultTooLarge(f"the answer exceeds {limits.max_bytes} bytes; add a LIMIT")
