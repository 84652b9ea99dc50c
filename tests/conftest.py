"""Fixtures shared by the whole suite.

Missing outside inputs (``../shared``, a Java runtime, Chromium) skip a test on a
developer's machine but fail it under CI (``CI`` set), so a green CI run never hides a
missing install step.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = (REPO / ".." / "shared").resolve()


def missing(what: str) -> None:
    """Skip locally, fail in CI: ``what`` is needed and is not there."""
    if os.environ.get("CI"):
        pytest.fail(f"{what} is required in CI and is missing")
    pytest.skip(f"{what} is missing")


def require_tool(name: str) -> str:
    """The full path of the executable ``name``, or skip/fail as :func:`missing` says."""
    path = shutil.which(name)
    if path is None:
        missing(f"the program {name!r}")
        raise AssertionError("unreachable")  # pytest.skip/fail raise
    return path


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """``../shared`` beside the repository (the corpus, datasets, gold, W3C suites)."""
    if not SHARED.is_dir():
        missing(f"the shared folder {SHARED}")
    return SHARED
