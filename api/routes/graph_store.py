"""``/store``: the SPARQL 1.1 Graph Store HTTP Protocol, for the admin token only.

https://www.w3.org/TR/sparql11-http-rdf-update/ with indirect graph identification:
``?graph=IRI`` or ``?default``. GET dumps, PUT replaces (atomically, see
``EmbeddedStore.replace_graph``), POST adds, DELETE removes. Every method needs the admin
token: the graph store is how a deployment is fed, not a public read path (``/sparql``
is that). ``?graph=`` must be an absolute IRI (400 ``graph.iri`` otherwise).
"""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from fastapi.concurrency import run_in_threadpool

from api import protocol
from api.auth import require_admin
from api.deps import IndexesDep, ServedDep, SettingsDep
from api.indexes import Indexes
from api.negotiation import choose
from api.problems import Problem
from reskg.errors import NotFound
from reskg.store.embedded import graph_node
from reskg.store.interface import DEFAULT_GRAPH, GraphName
from reskg.store.service import ServedStore

router = APIRouter(tags=["graph store"])


def _target(request: Request) -> GraphName:
    params = request.query_params
    graphs = params.getlist("graph")
    if "default" in params and not graphs:
        return DEFAULT_GRAPH
    if len(graphs) == 1 and "default" not in params:
        graph_node(graphs[0], "graph")  # a relative name is the caller's mistake: 400
        return graphs[0]
    raise Problem(400, "name exactly one graph: ?graph=IRI or ?default", rule="protocol")


def _exists(served: ServedStore, graph: GraphName) -> bool:
    return graph is DEFAULT_GRAPH or served.store.contains_graph(str(graph))


def _get(request: Request, served: ServedStore, graph: GraphName) -> Response:
    media_type = choose("graph", request.headers.get("accept"))
    with served.reading():
        if not _exists(served, graph):
            raise NotFound(f"no graph <{graph}> in this store", rule="store.graph")
        body = served.store.dump(media_type, graph)
    return Response(body, media_type=media_type)


def _write(
    method: str,
    served: ServedStore,
    indexes: Indexes,
    graph: GraphName,
    body: bytes,
    media_type: str,
) -> Response:
    with indexes.writing() as store:
        existed = _exists(served, graph)
        if method == "PUT":
            store.replace_graph(graph, body, media_type)
        else:
            store.load(body, media_type, graph)
    return Response(status_code=204 if existed else 201)


def _delete(served: ServedStore, indexes: Indexes, graph: GraphName) -> Response:
    with indexes.writing() as store:
        if not store.remove_graph(graph) and graph is not DEFAULT_GRAPH:
            raise NotFound(f"no graph <{graph}> in this store", rule="store.graph")
    return Response(status_code=204)


@router.api_route("/store", methods=["GET", "HEAD"], summary="Dump one graph")
async def store_get(request: Request, settings: SettingsDep, served: ServedDep) -> Response:
    require_admin(settings, request.headers.get("authorization"))
    return await run_in_threadpool(_get, request, served, _target(request))


@router.api_route("/store", methods=["PUT", "POST"], summary="Replace or add to one graph")
async def store_write(
    request: Request, settings: SettingsDep, served: ServedDep, indexes: IndexesDep
) -> Response:
    require_admin(settings, request.headers.get("authorization"))
    graph = _target(request)
    media_type, _ = protocol.content_type(request.headers.get("content-type"))
    if not media_type:
        raise Problem(415, "name the RDF format of the body in Content-Type", rule="http.media")
    body = await protocol.read_body(request, settings.max_body_bytes)
    return await run_in_threadpool(_write, request.method, served, indexes, graph, body, media_type)


@router.delete("/store", summary="Remove one graph")
async def store_delete(
    request: Request, settings: SettingsDep, served: ServedDep, indexes: IndexesDep
) -> Response:
    require_admin(settings, request.headers.get("authorization"))
    return await run_in_threadpool(_delete, served, indexes, _target(request))
