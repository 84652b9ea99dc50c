"""Screenshots of every page at desktop (1280 px) and phone (390 px) widths:
``make screenshots`` writes them to ``docs/screenshots/``.

Builds the small store of :mod:`tests.web.site` in a temporary folder, serves it with a
real ``reskg serve`` and drives Debian's Chromium (:mod:`tests.web.browser`).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from tests.api.conftest import launch  # noqa: E402
from tests.web.browser import DESKTOP, PHONE, browser, chromium_path  # noqa: E402
from tests.web.site import PAGES, build_store  # noqa: E402


def shoot(base: str, out: Path, executable: str) -> list[Path]:
    written = []
    for width, viewport, mobile in (("1280", DESKTOP, False), ("390", PHONE, True)):
        with browser(executable, viewport, mobile=mobile) as context:
            tab = context.new_page()
            for stem, path, action in PAGES:
                tab.goto(base + path)
                if action == "run":
                    tab.click("#run")
                    tab.wait_for_selector(".results-table tbody tr")
                    tab.evaluate("document.getElementById('results').scrollIntoView()")
                elif action == "table":
                    tab.click("[data-view=table]")
                elif action is not None:
                    tab.locator(action).evaluate("element => element.scrollIntoView()")
                target = out / f"{stem}-{width}.png"
                tab.screenshot(path=str(target))
                written.append(target)
    return written


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    args = parser.parse_args()
    executable = chromium_path()
    if executable is None:
        print("screenshots: chromium is not installed (apt-get install chromium)", file=sys.stderr)
        return 2
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="reskg-shots-") as tmp:
        store = build_store(Path(tmp) / "store")
        with launch(store) as server:
            for path in shoot(server.base, args.out, executable):
                print(path.relative_to(REPO) if path.is_relative_to(REPO) else path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
