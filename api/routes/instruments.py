"""``/instruments``: find instruments by number, symbol, title or citation text.

The search runs over the in-memory catalogue (:mod:`api.catalogue`), rebuilt with the
lineage index after every write; no user text reaches SPARQL.
"""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Query, Request

from api.deps import SnapshotDep
from api.models import InstrumentPage
from api.problems import Problem
from reskg.iri import ACTORS
from reskg.lineage.store import CLASS_TYPES

router = APIRouter(tags=["instruments"])

MAX_LIMIT = 100
PAGE_PATH = "/instrument"  # the HTML page of an instrument (api/routes/pages.py)


def page_url(iri: str) -> str:
    """The agreed URL of an instrument's HTML page."""
    return f"{PAGE_PATH}?id={quote(iri, safe='')}"


def _check(value: str | None, known: list[str], name: str) -> None:
    if value is not None and value not in known:
        raise Problem(
            400, f"unknown {name} {value!r}; use one of {', '.join(known)}", rule="http.param"
        )


@router.get(
    "/instruments",
    summary="Search instruments by number, symbol, title or citation text",
    response_model=InstrumentPage,
    responses={400: {"description": "Unknown issuer or type; limit or offset out of range"}},
)
def instruments(
    request: Request,
    snapshot: SnapshotDep,
    q: Annotated[
        str,
        Query(
            max_length=500,
            description="Words or citation text in English, French or Spanish: '1334', "
            "'A/RES/78/132', 'Res. 140 Rev. Bucharest', 'Agenda de Tunis'. Empty lists all.",
        ),
    ] = "",
    issuer: Annotated[
        str | None, Query(description="Issuer code: ITU-PP, ITU-Council, UNGA, WSIS, ...")
    ] = None,
    type: Annotated[
        str | None, Query(description="resolution, decision, agenda, declaration, ...")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 20,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> dict[str, Any]:
    """One page of matches, best first: exact citations, then names, then cited-as."""
    _check(issuer, list(ACTORS), "issuer")
    _check(type, sorted(set(CLASS_TYPES.values())), "type")
    hits = snapshot.catalogue.search(q, issuer=issuer, type_=type)
    page = hits[offset : offset + limit]
    following = offset + limit
    return {
        "total": len(hits),
        "limit": limit,
        "offset": offset,
        "next": str(request.url.include_query_params(offset=following))
        if following < len(hits)
        else None,
        "items": [
            {**hit.entry.as_json(), "match": hit.tier, "page": page_url(hit.entry.instrument.id)}
            for hit in page
        ],
    }
