"""The Jinja environment of the pages: templates in ``api/templates``, autoescaped, with
the filters that turn IRIs into page links."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from reskg import __version__

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"
STATIC = Path(__file__).resolve().parents[1] / "static"

_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")


def instrument_url(iri: str, **extra: str) -> str:
    """The page of an instrument IRI: ``/instrument?id=...``."""
    return "/instrument?" + urlencode({"id": iri, **extra}, quote_via=quote)


def lineage_url(iri: str, direction: str = "both", depth: int = 1) -> str:
    query = {"id": iri, "direction": direction, "depth": str(depth)}
    return "/lineage/view?" + urlencode(query, quote_via=quote)


def relation(name: str) -> str:
    """``notesWithSatisfaction`` -> ``notes with satisfaction``."""
    return _CAMEL.sub(" ", name).lower()


def _environment() -> Jinja2Templates:
    templates = Jinja2Templates(directory=str(TEMPLATES))
    env = templates.env
    env.filters["instrument_url"] = instrument_url
    env.filters["lineage_url"] = lineage_url
    env.filters["relation"] = relation
    env.globals["version"] = __version__
    env.trim_blocks = True
    env.lstrip_blocks = True
    return templates


templates = _environment()


def render(request: Request, name: str, context: dict[str, Any], status: int = 200) -> HTMLResponse:
    """``name`` rendered with ``context``; every page is HTML and not cached by proxies."""
    response = templates.TemplateResponse(request, name, context, status_code=status)
    response.headers["Cache-Control"] = "no-cache"
    return response
