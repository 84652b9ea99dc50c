"""Headless Chromium for the page tests and the screenshots: Debian's ``chromium`` driven
by the ``playwright`` package from PyPI.

Playwright's own browser download does not work on this machine (no network for it), but
its Python driver runs offline and drives a system Chromium given ``executable_path``; so
the tests need only ``apt-get install chromium`` (``.ci/apt-packages.txt``) and the
``playwright`` wheel. Each launch gets a fresh, empty user-data folder, and the flags keep
Chromium from reaching out to the network (refused here, and slow to fail).
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager

from playwright.sync_api import BrowserContext, ViewportSize, sync_playwright

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DESKTOP: ViewportSize = {"width": 1280, "height": 900}
PHONE: ViewportSize = {"width": 390, "height": 844}


def chromium_path() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


@contextmanager
def browser(
    executable: str, viewport: ViewportSize | None = None, *, mobile: bool = False
) -> Iterator[BrowserContext]:
    """A browser context of a fresh Chromium with ``viewport`` (CSS pixels)."""
    with tempfile.TemporaryDirectory(prefix="reskg-chromium-") as profile, sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            profile,
            executable_path=executable,
            args=FLAGS,
            headless=True,
            viewport=viewport or DESKTOP,
            device_scale_factor=2 if mobile else 1,
            is_mobile=mobile,
            has_touch=mobile,
        )
        try:
            yield context
        finally:
            context.close()
