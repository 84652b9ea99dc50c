"""Fixtures of the page tests: one real server per module over the small store of
:mod:`tests.web.site`, and headless Chromium pages (Debian's ``chromium``; skipped on a
machine without it, a failure under CI)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Page

from tests.api.conftest import Server, launch
from tests.conftest import require_tool
from tests.web.browser import DESKTOP, PHONE, browser
from tests.web.site import build_store


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    store = build_store(tmp_path_factory.mktemp("pages") / "store")
    with launch(store) as running:
        yield running


@pytest.fixture(scope="module")
def chromium() -> str:
    return require_tool("chromium")


@pytest.fixture
def page(chromium: str) -> Iterator[Page]:
    """A desktop-sized (1280 px) tab."""
    with browser(chromium, DESKTOP) as context:
        tab = context.new_page()
        tab.set_default_timeout(15_000)
        yield tab


@pytest.fixture
def phone(chromium: str) -> Iterator[Page]:
    """A phone-sized (390 px, touch) tab."""
    with browser(chromium, PHONE, mobile=True) as context:
        tab = context.new_page()
        tab.set_default_timeout(15_000)
        yield tab
