"""Dependencies the routes declare: the settings and the served store of this app."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from api.settings import Settings
from reskg.store.service import ServedStore


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_served(request: Request) -> ServedStore:
    served: ServedStore = request.app.state.served
    return served


SettingsDep = Annotated[Settings, Depends(get_settings)]
ServedDep = Annotated[ServedStore, Depends(get_served)]
