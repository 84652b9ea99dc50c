"""``/ontology``: the reskg ontology as Turtle, RDF/XML or HTML documentation.

``GET /ontology`` negotiates by ``Accept`` or ``?format=ttl|owl|html``; each module is
also served by name (``/ontology/shapes.ttl``, ``/ontology/functions.ttl``,
``/ontology/align.ttl``, ...). Files come from a fixed table, never from a path the
client names. The HTML is what ``make ontology-docs`` writes to ``docs/ontology/``; a
deployment without it answers 404 saying so.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import FileResponse, RedirectResponse, Response

from api.negotiation import pick
from api.problems import Problem
from reskg.errors import NotFound
from reskg.resources import ontology_dir, project_root
from reskg.store import formats

router = APIRouter(tags=["ontology"])

HTML = "text/html"


def _docs_dir() -> Path:
    return project_root() / "docs" / "ontology"


# name -> (folder, file, media type)
FILES: dict[str, tuple[str, str, str]] = {
    "reskg.ttl": ("ontology", "reskg.ttl", formats.TURTLE),
    "reskg.owl": ("ontology", "reskg.owl", formats.RDF_XML),
    "reskg-align.ttl": ("ontology", "reskg-align.ttl", formats.TURTLE),
    "align.ttl": ("ontology", "reskg-align.ttl", formats.TURTLE),
    "reskg-align.owl": ("ontology", "reskg-align.owl", formats.RDF_XML),
    "align.owl": ("ontology", "reskg-align.owl", formats.RDF_XML),
    "functions.ttl": ("ontology", "functions.ttl", formats.TURTLE),
    "shapes.ttl": ("ontology", "shapes.ttl", formats.TURTLE),
    "index.html": ("docs", "index.html", HTML),
    "functions.html": ("docs", "functions.html", HTML),
}
# /ontology itself: format name -> file name, in the server's order of preference.
MAIN: dict[str, str] = {"ttl": "reskg.ttl", "owl": "reskg.owl", "html": "index.html"}
_FORMAT_ALIASES = {"turtle": "ttl", "rdf": "owl", "xml": "owl", "rdfxml": "owl"}
_OFFERS: dict[str, tuple[str, ...]] = {
    formats.TURTLE: ("application/x-turtle",),
    formats.RDF_XML: ("application/owl+xml",),
    HTML: ("application/xhtml+xml",),
}
_BY_MEDIA = {formats.TURTLE: "reskg.ttl", formats.RDF_XML: "reskg.owl", HTML: "index.html"}


def _path(name: str) -> Path:
    folder, file_name, _ = FILES[name]
    path = (ontology_dir() if folder == "ontology" else _docs_dir()) / file_name
    if not path.is_file():
        if folder == "docs":
            raise NotFound(
                f"the HTML documentation of the ontology ({name}) is not built in this "
                "deployment; run `make ontology-docs`, or ask for ?format=ttl",
                rule="ontology.docs",
            )
        raise NotFound(f"the ontology module {name} is missing", rule="ontology.module")
    return path


def _file(name: str) -> Response:
    """The file, or for the HTML documentation a 303 to it under /ontology/ (so that its
    relative links to the other pages resolve)."""
    path = _path(name)
    media_type = FILES[name][2]
    if name == "index.html":
        return RedirectResponse("/ontology/index.html", status_code=303, headers={"Vary": "Accept"})
    charset = "; charset=utf-8" if media_type in (HTML, formats.TURTLE) else ""
    return FileResponse(path, media_type=media_type + charset, headers={"Vary": "Accept"})


@router.get(
    "/ontology",
    summary="The ontology: Turtle, RDF/XML or HTML documentation, by Accept or ?format=",
    responses={
        303: {"description": "HTML: see /ontology/index.html"},
        200: {"content": {formats.TURTLE: {}, formats.RDF_XML: {}, HTML: {}}},
        404: {"description": "HTML asked for and not built (make ontology-docs)"},
        406: {"description": "No acceptable format"},
    },
)
def ontology(
    request: Request,
    format: Annotated[str | None, Query(description="ttl, owl (RDF/XML) or html.")] = None,
) -> Response:
    if format is not None:
        wanted = format.strip().lower()
        wanted = _FORMAT_ALIASES.get(wanted, wanted)
        if wanted not in MAIN:
            raise Problem(
                400, f"format {format!r} is not offered; use ttl, owl or html", rule="http.format"
            )
        return _file(MAIN[wanted])
    media_type = pick(_OFFERS, request.headers.get("accept"))
    if media_type is None:
        raise Problem(406, f"offered: {', '.join(_OFFERS)}", rule="http.accept")
    return _file(_BY_MEDIA[media_type])


@router.get(
    "/ontology/{name}",
    summary="One ontology module or documentation page by file name",
    response_class=FileResponse,
    responses={404: {"description": "No such module"}},
)
def ontology_module(name: str) -> Response:
    """``reskg.ttl``, ``reskg.owl``, ``align.ttl`` (``reskg-align.ttl``), ``align.owl``,
    ``functions.ttl``, ``shapes.ttl``, ``index.html``, ``functions.html``."""
    if name not in FILES:
        raise NotFound(
            f"no ontology file {name!r}; the files are: {', '.join(FILES)}", rule="ontology.module"
        )
    path = _path(name)
    media_type = FILES[name][2]
    charset = "; charset=utf-8" if media_type in (HTML, formats.TURTLE) else ""
    return FileResponse(path, media_type=media_type + charset)
