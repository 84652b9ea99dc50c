"""``/sparql``: the SPARQL 1.1 Protocol endpoint (query; update with the admin token).

Handlers are ``async`` only to read the body under its cap; the work (parsing, policy,
evaluation) runs in the threadpool, so a slow query never blocks the event loop, and on
an on-disk store it runs in a worker process that is killed at the deadline.

Queries rarely get here: :mod:`api.sparql_front` answers them before the router, with
:func:`prepare_query` and :func:`answer_response`. These routes answer the rest (the
service description, updates) and document the endpoint in the OpenAPI schema.
"""

from __future__ import annotations

from functools import lru_cache

from fastapi import APIRouter, Request, Response
from fastapi.concurrency import run_in_threadpool
from starlette.datastructures import URL

from api import protocol
from api.auth import require_admin
from api.deps import ServedDep, SettingsDep
from api.negotiation import choose
from api.problems import Problem
from api.service_description import describe
from api.settings import Settings
from api.sparql_guard import check_query, check_update
from reskg.store.answers import QueryRequest
from reskg.store.interface import QueryAnswer, ResultLimits
from reskg.store.service import ServedStore

router = APIRouter(tags=["sparql"])


def _endpoint(request: Request) -> str:
    """The endpoint's own IRI: the base of relative IRIs in updates and queries."""
    scope = request.scope
    return _endpoint_iri(
        scope.get("scheme", "http"),
        request.headers.get("host"),
        scope.get("server"),
        scope.get("root_path", ""),
        scope["path"],
    )


@lru_cache(maxsize=64)
def _endpoint_iri(
    scheme: str, host: str | None, server: tuple[str, int] | None, root_path: str, path: str
) -> str:
    """The request URL without query, as Starlette builds it, remembered: every request
    to one server names the same endpoint."""
    headers = [] if host is None else [(b"host", host.encode("latin-1"))]
    scope = {"type": "http", "scheme": scheme, "server": server, "root_path": root_path}
    return str(URL(scope=scope | {"path": path, "query_string": b"", "headers": headers}))


def _answer(
    sparql: protocol.SparqlRequest,
    request: Request,
    settings: Settings,
    served: ServedStore,
) -> Response:
    """Dispatch one protocol operation (runs in the threadpool)."""
    if sparql.operation == "query":
        return _query(sparql, request, settings, served)
    if sparql.operation == "update":
        return _update(sparql, request, settings, served)
    if request.method == "POST":
        raise Problem(400, "the request has neither a query nor an update", rule="protocol")
    media_type = choose("graph", request.headers.get("accept"), sparql.format_values)
    body = describe(
        _endpoint(request), updates=settings.admin_token is not None, media_type=media_type
    )
    return Response(body, media_type=media_type)


def prepare_query(
    sparql: protocol.SparqlRequest,
    request: Request,
    settings: Settings,
    served: ServedStore,
) -> QueryRequest:
    """Check a query operation and say how to evaluate it (raises before evaluation)."""
    checked = check_query(
        sparql.text,
        default_graph_uris=sparql.default_graph_uris,
        named_graph_uris=sparql.named_graph_uris,
        graph_exists=served.store.contains_graph,
        max_bytes=settings.max_query_bytes,
    )
    media_type = choose(checked.kind, request.headers.get("accept"), sparql.format_values)
    protocol_dataset = bool(sparql.default_graph_uris or sparql.named_graph_uris)
    return QueryRequest(
        checked.text,
        sparql.default_graph_uris,
        sparql.named_graph_uris,
        # Without a dataset the default graph is reskg's union of the asserted graphs
        # (each triple once), or, in a store reskg did not build, the union of all graphs.
        use_default_graph_as_union=not (protocol_dataset or checked.has_dataset_clause)
        and not served.default_filled(),
        media_type=media_type,
        limits=ResultLimits(settings.max_result_rows, settings.max_result_bytes),
        base_iri=_endpoint(request),
    )


def answer_response(answer: QueryAnswer) -> Response:
    return Response(answer.body, media_type=answer.media_type, headers={"Vary": "Accept"})


def _query(
    sparql: protocol.SparqlRequest,
    request: Request,
    settings: Settings,
    served: ServedStore,
) -> Response:
    """Answer a query operation (in the threadpool)."""
    return answer_response(served.query(prepare_query(sparql, request, settings, served)))


def _update(
    sparql: protocol.SparqlRequest,
    request: Request,
    settings: Settings,
    served: ServedStore,
) -> Response:
    require_admin(settings, request.headers.get("authorization"))
    checked = check_update(
        sparql.text,
        using_graph_uris=sparql.using_graph_uris,
        using_named_graph_uris=sparql.using_named_graph_uris,
        max_bytes=settings.max_query_bytes,
    )
    # lineage and catalogue see the update
    with request.app.state.indexes.writing() as store:
        store.update(checked.text, base_iri=_endpoint(request), prefixes=checked.prefixes)
    return Response(status_code=204)


@router.get("/sparql", summary="SPARQL query by URL, or the service description")
async def sparql_get(request: Request, settings: SettingsDep, served: ServedDep) -> Response:
    """``?query=`` runs a query; no query answers the service description (RDF)."""
    sparql = protocol.from_get(request)
    return await run_in_threadpool(_answer, sparql, request, settings, served)


@router.post("/sparql", summary="SPARQL query or update (form or direct body)")
async def sparql_post(request: Request, settings: SettingsDep, served: ServedDep) -> Response:
    """A query or, with the admin token, an update, per the SPARQL 1.1 Protocol."""
    body = await protocol.read_body(request, settings.max_body_bytes)
    sparql = protocol.from_post(request, body)
    return await run_in_threadpool(_answer, sparql, request, settings, served)
