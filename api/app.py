"""The FastAPI application factory.

``create_app`` is what ``reskg serve`` hands to uvicorn (``factory=True``), so tests can
build an app with their own :class:`~api.settings.Settings`.
"""

from __future__ import annotations

from fastapi import FastAPI

from api.settings import Settings
from reskg import __version__


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the service for ``settings`` (default: from the environment)."""
    settings = settings or Settings.from_env()
    app = FastAPI(
        title="reskg",
        version=__version__,
        summary="A knowledge graph of UN and ITU resolution references.",
    )
    app.state.settings = settings

    @app.get("/health", tags=["service"])
    def health() -> dict[str, str]:
        """Liveness: answers as soon as the service accepts requests."""
        return {"status": "ok", "version": __version__}

    return app
