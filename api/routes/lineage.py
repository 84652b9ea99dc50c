"""``/lineage``: version chain, what an instrument cites and what cites it, with evidence.

The answer is :func:`reskg.lineage.lineage_report` over the service's in-memory lineage
index (:mod:`api.indexes`), the same JSON as ``reskg lineage --json``. The index is
rebuilt after every write, so no request walks the store.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query

from api.deps import MinterDep, SnapshotDep
from api.models import LineageReport
from api.problems import Problem
from reskg.errors import NotFound
from reskg.lineage import MAX_DEPTH, lineage_report, resolve_target
from reskg.lineage.report import suggestions

router = APIRouter(tags=["lineage"])

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def parse_date(value: str | None, name: str) -> date | None:
    """``YYYY-MM-DD`` as a date; anything else is a 400 naming the parameter."""
    if value is None:
        return None
    try:
        if not _DATE.match(value):
            raise ValueError(value)
        return date.fromisoformat(value)
    except ValueError:
        raise Problem(
            400, f"{name} must be a date as YYYY-MM-DD, not {value!r}", rule="http.param"
        ) from None


@router.get(
    "/lineage",
    summary="Lineage of an instrument: versions, citations up and down, evidence",
    response_model=LineageReport,
    response_model_exclude_unset=True,
    responses={
        400: {"description": "Neither or both of id and cite; depth, direction or as_of invalid"},
        404: {"description": "Unknown instrument; the problem lists `suggestions`"},
    },
)
def lineage(
    snapshot: SnapshotDep,
    minter: MinterDep,
    id: Annotated[
        str | None, Query(description="The instrument's IRI (a work, version or named instrument).")
    ] = None,
    cite: Annotated[
        str | None,
        Query(description="Citation text, e.g. 'Resolution 140 (Rev. Bucharest, 2022)'."),
    ] = None,
    direction: Annotated[
        Literal["up", "down", "both"],
        Query(description="up: what it cites; down: what cites it; both."),
    ] = "both",
    depth: Annotated[int, Query(ge=1, le=MAX_DEPTH, description="Citation steps to follow.")] = 1,
    as_of: Annotated[
        str | None, Query(description="YYYY-MM-DD: also name the version in force that day.")
    ] = None,
) -> dict[str, Any]:
    """The lineage JSON of the instrument named by ``id`` or by ``cite`` (exactly one)."""
    if (id is None) == (cite is None):
        raise Problem(
            400, "give exactly one of id (an IRI) or cite (citation text)", rule="http.param"
        )
    if id is not None and not id.startswith(("http://", "https://")):
        raise Problem(
            400, f"id must be an http(s) IRI, not {id!r}; use cite= for text", rule="http.param"
        )
    when = parse_date(as_of, "as_of")
    text = id if id is not None else str(cite)
    index = snapshot.lineage
    try:
        node = resolve_target(index, text, minter)
    except NotFound as error:
        close = [{"label": label, "id": iri} for label, iri in suggestions(index, text)]
        raise Problem(404, str(error), rule=error.rule, extensions={"suggestions": close}) from None
    return lineage_report(index, node, direction=direction, depth=depth, as_of=when)
