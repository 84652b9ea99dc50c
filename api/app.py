"""The FastAPI application factory.

``create_app`` is what ``reskg serve`` hands to uvicorn, so tests can build an app with
their own :class:`~api.settings.Settings`. The lifespan opens the store once per process
(and, for an on-disk store, its query worker pool) and closes it at shutdown.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from api import problems
from api.routes import graph_store, sparql
from api.settings import Settings
from reskg import __version__
from reskg.store import open_store
from reskg.store.service import ServedStore


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the service for ``settings`` (default: from the environment)."""
    settings = settings or Settings.from_env()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        served = ServedStore(
            open_store(settings.store),
            workers=settings.query_workers,
            timeout=settings.query_timeout,
        )
        app.state.served = served
        try:
            yield
        finally:
            served.close()

    app = FastAPI(
        title="reskg",
        version=__version__,
        summary="A knowledge graph of UN and ITU resolution references.",
        lifespan=lifespan,
    )
    app.state.settings = settings
    problems.install(app)
    app.include_router(sparql.router)
    app.include_router(graph_store.router)

    @app.get("/health", tags=["service"])
    def health() -> dict[str, str]:
        """Liveness: answers as soon as the service accepts requests."""
        return {"status": "ok", "version": __version__}

    return app
