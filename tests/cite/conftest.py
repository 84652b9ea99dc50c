"""Fixtures of the citation tests: the case files beside the shared corpus fixture."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def cite_data() -> Path:
    return REPO / "tests" / "data" / "cite"
