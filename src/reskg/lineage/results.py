"""Read a large SELECT answer row by row, as tuples, without a dict per row.

:func:`reskg.queries.rows` reads SPARQL JSON into one dict per row (and one per cell while
parsing): for the lineage edges of 10,000 documents that is over half a gigabyte held at
once. :func:`stream` yields each row as a tuple of Python values, in the order the caller
names the variables, with the values :func:`reskg.queries.rows` gives (IRIs and strings
as ``str``, integers as ``int``, booleans as ``bool``, unbound as ``None``):

- from an embedded store (the process holds the pyoxigraph store: ``reskg ingest``, the
  service's index loads), straight from the engine's solutions as it finds them: no
  answer is serialised and parsed back, which was over half of the load and a copy of the
  whole answer in memory;
- from any other store (a remote one), the answer as TSV (N-Triples terms, half the bytes
  of JSON), parsed lazily by pyoxigraph.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pyoxigraph import Literal, QueryResultsFormat, QuerySolutions, parse_query_results

from reskg.errors import QueryError
from reskg.queries import WHOLE_ANSWERS, NamedQuery, bind, default_dataset
from reskg.store import GraphStore
from reskg.store.embedded import EmbeddedStore
from reskg.store.formats import RESULTS_TSV
from reskg.store.interface import QuerySyntaxError

_XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGERS = frozenset(
    f"{_XSD}{t}"
    for t in ("integer", "int", "long", "nonNegativeInteger", "positiveInteger", "gYear")
)
_BOOLEAN = f"{_XSD}boolean"


def value(term: Any) -> Any:
    """A term of a solution as :func:`reskg.queries.rows` gives it."""
    if term is None:
        return None
    if type(term) is Literal:
        datatype = term.datatype.value
        if datatype in _INTEGERS:
            return int(term.value)
        if datatype == _BOOLEAN:
            return term.value == "true"
    return term.value


def _solutions(
    store: GraphStore, query: NamedQuery, values: dict[str, str] | None
) -> QuerySolutions:
    dataset = default_dataset(store)
    if isinstance(store, EmbeddedStore) and not values:
        try:
            found = store.engine.query(query.text, **dataset)
        except SyntaxError as error:
            raise QuerySyntaxError(f"malformed query: {error}") from None
        if not isinstance(found, QuerySolutions):
            raise QueryError(f"{query.name} is not a SELECT query", rule="query.form")
        return found
    answer = store.query(
        query.text,
        **dataset,
        media_type=RESULTS_TSV,
        limits=WHOLE_ANSWERS,
        bindings=bind(query, values or {}),
    )
    parsed = parse_query_results(answer.body, QueryResultsFormat.TSV)
    assert isinstance(parsed, QuerySolutions)
    return parsed


def stream(
    store: GraphStore,
    query: NamedQuery,
    names: tuple[str, ...],
    values: dict[str, str] | None = None,
) -> Iterator[tuple[Any, ...]]:
    """Run a SELECT over the default dataset (as :func:`reskg.queries.rows` does); yield
    each row as the values of ``names``, in that order (``None`` where unbound or where the
    query has no such variable).

    Raises:
        QueryError: the query does not parse, or its evaluation fails (also mid-stream).
    """
    solutions = _solutions(store, query, values)
    where = {variable.value: i for i, variable in enumerate(solutions.variables)}
    positions = [where.get(name) for name in names]
    try:
        for solution in solutions:
            terms = list(solution)
            yield tuple(None if i is None else value(terms[i]) for i in positions)
    except (OSError, RuntimeError) as error:
        raise QueryError(f"query evaluation failed: {error}") from None
