"""Service settings, read once from the command line and the environment."""

from __future__ import annotations

import os
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Settings:
    """What ``reskg serve`` was started with.

    ``store`` is a folder (embedded pyoxigraph) or an ``http(s)://`` URL (remote SPARQL
    store); ``None`` means the default folder under ``data/``.
    """

    store: str | None = None
    admin_token: str | None = None

    @classmethod
    def from_env(cls, *, store: str | None = None) -> Settings:
        return cls(
            store=store or os.environ.get("RESKG_STORE") or None,
            admin_token=os.environ.get("RESKG_ADMIN_TOKEN") or None,
        )
