"""Dependencies the routes declare: the settings, the served store and the indexes of this app."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from api.indexes import Indexes, Snapshot
from api.settings import Settings
from reskg.iri import Minter
from reskg.store.service import ServedStore


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_served(request: Request) -> ServedStore:
    served: ServedStore = request.app.state.served
    return served


def get_indexes(request: Request) -> Indexes:
    indexes: Indexes = request.app.state.indexes
    return indexes


def get_snapshot(request: Request) -> Snapshot:
    """The indexes as they are when the request starts (one snapshot per request)."""
    return get_indexes(request).current


def get_minter(request: Request) -> Minter:
    minter: Minter = request.app.state.minter
    return minter


SettingsDep = Annotated[Settings, Depends(get_settings)]
ServedDep = Annotated[ServedStore, Depends(get_served)]
IndexesDep = Annotated[Indexes, Depends(get_indexes)]
SnapshotDep = Annotated[Snapshot, Depends(get_snapshot)]
MinterDep = Annotated[Minter, Depends(get_minter)]
