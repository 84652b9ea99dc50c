"""Dereferenceable IRIs: ``/akn/...``, ``/id/...``, ``/doc/...`` under the IRI base.

A request path names the IRI ``{base}{path}`` (``Minter.from_env().base``), so a
deployment whose ``RESKG_BASE`` is its own address serves its IRIs as they are. Following
the W3C note "Cool URIs for the Semantic Web" (303 URIs forwarding to one generic
document):

- without ``format``, the service answers ``303 See Other`` by ``Accept``: HTML goes to the
  instrument's page (``/instrument?id=IRI``, instruments only), RDF to the same path with
  ``?format=ttl|jsonld|rdf|nt``;
- with ``format``, it answers the node's description (``queries/internal/describe-node.rq``)
  in that format.

An IRI the graph says nothing of is a 404 problem.
"""

from __future__ import annotations

from collections.abc import Container
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import RedirectResponse

from api.deps import MinterDep, ServedDep, SettingsDep, SnapshotDep
from api.negotiation import pick
from api.problems import Problem
from api.routes.instruments import page_url
from api.settings import Settings
from reskg.errors import NotFound
from reskg.iri import Minter
from reskg.queries import bind, internal, solutions
from reskg.store import formats
from reskg.store.answers import QueryRequest
from reskg.store.interface import ResultLimits
from reskg.store.service import ServedStore

router = APIRouter(tags=["linked data"])

HTML = "text/html"
# ?format= names, each with its media type, in the server's order of preference.
FORMATS: dict[str, str] = {
    "ttl": formats.TURTLE,
    "jsonld": formats.JSON_LD,
    "rdf": formats.RDF_XML,
    "nt": formats.N_TRIPLES,
}
_ALIASES: dict[str, tuple[str, ...]] = {
    formats.TURTLE: ("application/x-turtle",),
    formats.JSON_LD: (),
    formats.RDF_XML: (),
    formats.N_TRIPLES: (),
}
_NAMES = {media_type: name for name, media_type in FORMATS.items()}


def _iri(request: Request, minter: Minter) -> str:
    """The IRI a request path names: the path as sent (percent-encoding kept) under the base."""
    raw = request.scope.get("raw_path") or request.url.path.encode("utf-8")
    return minter.base + bytes(raw).decode("latin-1").lstrip("/")


def _known(served: ServedStore, iri: str, settings: Settings) -> bool:
    query = internal("node-exists")
    answer = served.query(
        QueryRequest(
            query.text,
            use_default_graph_as_union=not served.default_filled(),
            media_type=formats.RESULTS_JSON,
            limits=ResultLimits(settings.max_result_rows, settings.max_result_bytes),
            bindings=tuple(bind(query, {"node": iri}).items()),
        )
    )
    return bool(solutions(answer.body)[1])


def _describe(served: ServedStore, iri: str, media_type: str, settings: Settings) -> Response:
    query = internal("describe-node")
    answer = served.query(
        QueryRequest(
            query.text,
            use_default_graph_as_union=not served.default_filled(),
            media_type=media_type,
            limits=ResultLimits(settings.max_result_rows, settings.max_result_bytes),
            bindings=tuple(bind(query, {"node": iri}).items()),
        )
    )
    if answer.rows == 0:
        raise NotFound(f"the graph says nothing of <{iri}>", rule="linked-data.unknown")
    return Response(answer.body, media_type=answer.media_type)


def dereference(
    request: Request,
    served: ServedStore,
    instruments: Container[str],
    minter: Minter,
    settings: Settings,
    format: str | None,
) -> Response:
    iri = _iri(request, minter)
    if format is not None:
        wanted = format.strip().lower()
        if wanted == "html":
            if iri not in instruments:
                raise NotFound(
                    f"no HTML page for <{iri}>: it is not an instrument", rule="linked-data.html"
                )
            return RedirectResponse(page_url(iri), status_code=303)
        if wanted not in FORMATS:
            raise Problem(
                400,
                f"format {format!r} is not offered; use one of html, {', '.join(FORMATS)}",
                rule="http.format",
            )
        return _describe(served, iri, FORMATS[wanted], settings)
    is_instrument = iri in instruments
    offers = ({HTML: ("application/xhtml+xml",)} if is_instrument else {}) | _ALIASES
    media_type = pick(offers, request.headers.get("accept"))
    if media_type is None:
        raise Problem(
            406,
            f"none of the accepted media types is available; offered: {', '.join(offers)}",
            rule="http.accept",
        )
    if not is_instrument and not _known(served, iri, settings):
        raise NotFound(f"the graph says nothing of <{iri}>", rule="linked-data.unknown")
    if media_type == HTML:
        target = page_url(iri)
    else:
        target = str(request.url.replace(query=f"format={_NAMES[media_type]}"))
    return RedirectResponse(target, status_code=303, headers={"Vary": "Accept"})


FormatQuery = Annotated[
    str | None,
    Query(
        description="html (303 to the page), ttl, jsonld, rdf or nt; absent: negotiate by Accept."
    ),
]


def _route(area: str) -> None:
    @router.get(
        f"/{area}/{{path:path}}",
        summary=f"Dereference an IRI under {{base}}{area}/",
        name=f"dereference_{area}",
        responses={
            200: {"description": "The node's description in the asked format"},
            303: {"description": "See the representation Accept asks for"},
            404: {"description": "The graph says nothing of this IRI"},
        },
    )
    def handler(
        request: Request,
        path: str,
        served: ServedDep,
        snapshot: SnapshotDep,
        minter: MinterDep,
        settings: SettingsDep,
        format: FormatQuery = None,
    ) -> Response:
        return dereference(request, served, snapshot.lineage.instruments, minter, settings, format)


for _area in ("akn", "id", "doc"):
    _route(_area)
