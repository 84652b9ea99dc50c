"""``/queries``: the named queries of ``queries/*.rq``, listed and run with bound values.

``GET /queries/{name}?param=value`` binds each value as its declared kind (IRI, string,
integer, date: :func:`reskg.queries.bind`) and runs the query in a killable worker, like
``/sparql``. The answer shows the SPARQL text next to the rows, so a reader can take it to
``/sparql`` and change it.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request, Response

from api.deps import ServedDep, SettingsDep
from api.models import NamedQueryOut, QueryAnswer
from api.problems import Problem
from reskg.queries import NamedQuery, bind, catalogue, named, solutions
from reskg.store import formats
from reskg.store.answers import QueryRequest
from reskg.store.interface import ResultLimits

router = APIRouter(tags=["named queries"])

_MEDIA = {
    "json": formats.RESULTS_JSON,
    "csv": formats.RESULTS_CSV,
    "tsv": formats.RESULTS_TSV,
}


def _describe(query: NamedQuery) -> dict[str, Any]:
    return {
        "name": query.name,
        "summary": query.summary,
        "parameters": [
            {"name": p.name, "kind": p.kind, "description": p.description} for p in query.parameters
        ],
        "example": query.example,
        "url": f"/queries/{query.name}",
    }


@router.get("/queries", summary="The named queries", response_model=list[NamedQueryOut])
def list_queries() -> list[dict[str, Any]]:
    """Every named query with its summary, parameters and an example."""
    return [_describe(query) for query in catalogue().values()]


def _values(request: Request) -> dict[str, str]:
    """The query string's parameters, ``format`` aside; each given at most once."""
    values: dict[str, str] = {}
    for key in request.query_params:
        if key == "format":
            continue
        given = request.query_params.getlist(key)
        if len(given) != 1:
            raise Problem(
                400, f"give parameter {key} once, not {len(given)} times", rule="query.param"
            )
        values[key] = given[0]
    return values


@router.get(
    "/queries/{name}",
    summary="Run a named query",
    response_model=QueryAnswer,
    responses={
        200: {"content": {"text/csv": {}, "text/tab-separated-values": {}}},
        400: {"description": "Unknown or malformed parameter"},
        404: {"description": "No named query of that name"},
    },
)
def run_query(
    name: str,
    request: Request,
    served: ServedDep,
    settings: SettingsDep,
    format: Annotated[
        Literal["json", "csv", "tsv"], Query(description="json (rows and SPARQL), csv or tsv.")
    ] = "json",
) -> Any:
    """Run ``name`` with the query string's values bound to its parameters (``?work=IRI``).
    A parameter left out stays free (``who-cites`` without ``instrument`` lists every
    citation)."""
    query = named(name)
    values = _values(request)
    bindings = bind(query, values)
    answer = served.query(
        QueryRequest(
            query.text,
            use_default_graph_as_union=not served.default_filled(),
            media_type=_MEDIA[format],
            limits=ResultLimits(settings.max_result_rows, settings.max_result_bytes),
            bindings=tuple(bindings.items()),
        )
    )
    if format != "json":
        return Response(answer.body, media_type=answer.media_type)
    columns, rows = solutions(answer.body)
    return {
        "name": query.name,
        "summary": query.summary,
        "sparql": query.text,
        "parameters": values,
        "columns": columns,
        "rows": rows,
    }
