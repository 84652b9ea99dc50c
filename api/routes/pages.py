"""The web pages (issue 8): home and search, instrument pages, the lineage view, the
SPARQL editor. Server-rendered HTML; the data comes from the library (the lineage index
and the queries of ``queries/``), shaped by ``api/pages``. ``docs/web.md`` describes them.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, Response
from fastapi.responses import HTMLResponse

from api.deps import ServedDep
from api.pages import catalogue as catalogues
from api.pages import instrument, lineage, search
from api.pages.catalogue import Catalogue
from api.pages.layout import layout
from api.pages.render import instrument_url, lineage_url, render
from reskg.errors import NotFound
from reskg.lineage import MAX_DEPTH, Direction
from reskg.queries import catalogue as named_queries

router = APIRouter(tags=["pages"], include_in_schema=False)

DOWNLOADS = {"turtle": ("text/turtle", "ttl"), "jsonld": ("application/ld+json", "jsonld")}
HOME_QUERIES = ("most-cited", "cited-by-itu-and-unga", "mandates-secretary-general")
DEFAULT_EXAMPLE = "most-cited"


def _problem(request: Request, status: int, message: str) -> HTMLResponse:
    return render(request, "error.html", {"status": status, "message": message}, status)


def _examples(catalogue: Catalogue) -> list[dict[str, str]]:
    """Example questions the dataset can answer, picked from what it holds."""
    index = catalogue.index
    cited: dict[str, int] = {}
    citing: dict[str, int] = {}
    for edge in index.edges:
        work = index.work_of(edge.cited)
        cited[work] = cited.get(work, 0) + 1
        citing[edge.citing] = citing.get(edge.citing, 0) + 1
    out = []
    if cited:
        top = max(sorted(cited), key=lambda w: cited[w])
        question = f"Which texts cite {catalogue.label(top)}?"
        out.append({"question": question, "url": lineage_url(top, "down", 1)})
    held = [v for v in citing if catalogue.texts.get(v)]
    if held:
        text = max(sorted(held), key=lambda v: citing[v])
        question = f"What does {catalogue.label(text)} cite, clause by clause?"
        out.append({"question": question, "url": instrument_url(text)})
    chains = [w for w, versions in index.versions_of.items() if len(versions) > 1]
    if chains:
        work = max(sorted(chains), key=lambda w: (len(index.versions_of[w]), cited.get(w, 0)))
        question = f"How has {catalogue.label(work)} been revised, and what does it cite?"
        out.append({"question": question, "url": lineage_url(work, "up", 1)})
    queries = named_queries()
    for name in HOME_QUERIES:
        if name in queries:
            summary = queries[name].summary.rstrip(".")
            url = f"/sparql/editor?example={name}"
            out.append({"question": summary[:1].upper() + summary[1:], "url": url})
    return out


@router.get("/", response_class=HTMLResponse)
def home(request: Request) -> HTMLResponse:
    catalogue = catalogues.current(request)
    context = {"figures": catalogue.figures, "examples": _examples(catalogue), "q": ""}
    return render(request, "home.html", context)


@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request, q: str = "") -> HTMLResponse:
    catalogue = catalogues.current(request)
    hits, total = search.search(catalogue, q[:500])
    return render(request, "search.html", {"q": q, "hits": hits, "total": total})


@router.get("/instrument", response_class=HTMLResponse)
def instrument_page(
    request: Request, served: ServedDep, id: str = "", text: str | None = None
) -> HTMLResponse:
    catalogue = catalogues.current(request)
    if not id.strip():
        return _problem(request, 400, "Say which instrument: /instrument?id=<IRI>.")
    try:
        node = search.find(catalogue, id[:500])
        with served.reading() as store:
            page = instrument.page(catalogue, store, node, document=text)
    except NotFound as error:
        return _problem(request, 404, str(error))
    return render(request, "instrument.html", {"page": page})


@router.get("/instrument/download")
def download(
    request: Request, served: ServedDep, document: str = "", format: str = "turtle"
) -> Response:
    """The named graph of one source document, as Turtle or JSON-LD."""
    catalogue = catalogues.current(request)
    held = {t.document: t for texts in catalogue.texts.values() for t in texts}
    if format not in DOWNLOADS:
        return _problem(request, 400, f"format must be one of: {', '.join(DOWNLOADS)}")
    if document not in held:
        return _problem(request, 404, f"no source document {document}")
    media_type, extension = DOWNLOADS[format]
    graph = catalogue.minter.document_graph(held[document].file)
    with served.reading() as store:
        if not store.contains_graph(graph):
            return _problem(request, 404, f"no graph for {document}")
        body = store.dump(media_type, graph)
    name = held[document].file.rsplit(".", 1)[0]
    disposition = f'attachment; filename="{name}.{extension}"'
    return Response(body, media_type=media_type, headers={"Content-Disposition": disposition})


def _depth(raw: str) -> int:
    try:
        return max(1, min(int(raw), MAX_DEPTH))
    except ValueError:
        return 1


@router.get("/lineage/view", response_class=HTMLResponse)
def lineage_view(
    request: Request, id: str = "", depth: str = "1", direction: str = "both"
) -> HTMLResponse:
    catalogue = catalogues.current(request)
    way: Direction = direction if direction in ("up", "down") else "both"  # type: ignore[assignment]
    context: dict[str, Any] = {
        "q": id,
        "depth": _depth(depth),
        "direction": way,
        "max_depth": MAX_DEPTH,
    }
    if not id.strip():
        return render(request, "lineage.html", context)
    try:
        node = search.find(catalogue, id[:500])
    except NotFound as error:
        context["error"] = str(error)
        return render(request, "lineage.html", context, 404)
    data = lineage.diagram(catalogue, node, way, context["depth"])
    context.update(
        diagram=data,
        layout=layout(data),
        label=catalogue.label(node),
        versions=catalogue.index.versions(data.work),
        work_label=catalogue.label(data.work),
    )
    return render(request, "lineage.html", context)


@router.get("/sparql/editor", response_class=HTMLResponse)
def sparql_editor(
    request: Request, query: str | None = None, example: str | None = None
) -> HTMLResponse:
    queries = named_queries()
    chosen = example if example in queries else None
    if query is None:
        query = queries[chosen or DEFAULT_EXAMPLE].text if queries else ""
    examples = [
        {
            "name": q.name,
            "summary": q.summary,
            "text": q.text,
            "parameters": [p.name for p in q.parameters],
        }
        for q in queries.values()
    ]
    context = {
        "query": query,
        "examples": examples,
        "chosen": chosen,
        "autorun": "query" in request.query_params,
        "base": request.app.state.minter.base,
    }
    return render(request, "sparql.html", context)
