"""The FastAPI application factory.

``create_service`` is what ``reskg serve`` hands to uvicorn: ``create_app``'s FastAPI app
behind :class:`~api.sparql_front.SparqlFront`, which answers SPARQL queries itself and
passes every other request on. The lifespan opens the store once per process
(and, for an on-disk store, its query worker pool), loads the lineage index and the
instrument catalogue from it (:mod:`api.indexes`), and closes the store at shutdown.

CORS (:mod:`api.cors`): any origin may ``GET`` (no credentials); browsers are not let
preflight anything else.

Over a remote store, a thread of the lifespan probes the store every second
(:meth:`api.indexes.Indexes.watch`); while the store does not answer, every route that
needs it answers 503 (``store.unavailable`` or ``query.timeout``) and ``/health`` still
answers 200, saying ``"store": "unavailable"`` (docs/deployment.md).
"""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.staticfiles import StaticFiles

from api import cors, problems
from api.indexes import Indexes
from api.pages.render import STATIC
from api.routes import (
    extract,
    graph_store,
    instruments,
    lineage,
    linked_data,
    ontology,
    pages,
    queries,
    sparql,
)
from api.settings import Settings
from api.sparql_front import SparqlFront
from reskg import __version__
from reskg.iri import Minter
from reskg.store import open_store
from reskg.store.service import ServedStore


def create_service(settings: Settings | None = None) -> SparqlFront:
    """What ``reskg serve`` runs: the app behind the short way for SPARQL queries
    (:mod:`api.sparql_front`), which hands it every other request."""
    return SparqlFront(create_app(settings))


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the service for ``settings`` (default: from the environment)."""
    settings = settings or Settings.from_env()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        served = ServedStore(
            open_store(settings.store),
            workers=settings.query_workers,
            timeout=settings.query_timeout,
            wait=settings.query_wait,
        )
        app.state.served = served
        try:
            app.state.indexes = indexes = Indexes(served, app.state.minter)
        except BaseException:
            served.close()
            raise
        stop = threading.Event()
        watcher = None
        if served.remote is not None:
            watcher = threading.Thread(
                target=indexes.watch, args=(stop,), name="reskg-store-probe", daemon=True
            )
            watcher.start()
        try:
            yield
        finally:
            stop.set()
            if watcher is not None:
                watcher.join(timeout=2)  # a probe of a stalled store is not waited out
            served.close()

    app = FastAPI(
        title="reskg",
        version=__version__,
        summary="A knowledge graph of UN and ITU resolution references.",
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.minter = Minter.from_env()
    problems.install(app)  # every error, StoreUnavailable (503) included
    app.add_middleware(
        CORSMiddleware,
        allow_origins=cors.ALLOW_ORIGINS,
        allow_methods=cors.ALLOW_METHODS,
        allow_credentials=False,
        expose_headers=cors.EXPOSE_HEADERS,
    )
    for module in (sparql, graph_store, lineage, instruments, queries, extract, ontology):
        app.include_router(module.router)
    app.include_router(pages.router)  # web pages (issue 8)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.include_router(linked_data.router)  # last: its /akn, /id, /doc paths are catch-alls

    @app.get("/health", tags=["service"])
    def health() -> dict[str, str]:
        """Liveness: answers as soon as the service accepts requests, without asking the
        store. ``store`` is ``available`` when the store answered the service's last probe
        or request and the indexes are loaded, else ``unavailable`` (data routes then
        answer 503): a readiness check reads it."""
        ready = app.state.served.available and app.state.indexes.loaded
        store = "available" if ready else "unavailable"
        return {"status": "ok", "version": __version__, "store": store}

    return app
