"""A small on-disk store for the page tests and the screenshots, and a server over it.

Five real texts of ``data/sources`` (as ``tests/test_pipeline.py`` uses): the French
Council resolution 1334 (2023), PP-18 Res. 140 and Res. 71 (English), UNGA 78/132 as
English text and French AKN XML. The store is built, reasoned (the named queries that
count instruments read the inferred classes) and closed before a server opens it: only
one process may open a store folder.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

from reskg.dataset import build, reason_store
from reskg.iri import Minter
from reskg.store import open_store

REPO = Path(__file__).resolve().parents[2]
SOURCES = REPO / "data" / "sources"
DOCS = [
    SOURCES / "itu" / "itu-council-res1334-2023-fr.txt",
    SOURCES / "itu" / "itu-pp18-res140-en.txt",
    SOURCES / "itu" / "itu-pp18-res71-en.txt",
    SOURCES / "unga" / "unga-78-132-en.txt",
    SOURCES / "akn" / "A_RES_78_132-2325902F.xml",
]
M = Minter()
D = M.base + "akn/un/statement/deliberation/"
COUNCIL_1334 = D + "itu-c/2023/res-1334"
PP_140 = D + "itu-pp/res-140"


def build_store(folder: Path) -> Path:
    """Build the five documents into ``folder`` (created) and close the store."""
    store = open_store(str(folder))
    try:
        report = build(DOCS, store, workers=1, minter=M)
        if report.failed:
            raise RuntimeError(f"could not build the page store: {report.failed}")
        reason_store(store, minter=M)
    finally:
        store.close()
    return folder


def page(path: str, **params: str) -> str:
    """A page path with its query parameters percent-encoded."""
    if not params:
        return path
    return path + "?" + "&".join(f"{k}={quote(v, safe='')}" for k, v in params.items())


# The pages the screenshots show: (file stem, path, what to do before the shot).
PAGES: list[tuple[str, str, str | None]] = [
    ("home", "/", None),
    ("search", page("/search", q="1334"), None),
    ("instrument", page("/instrument", id=COUNCIL_1334), None),
    ("instrument-clauses", page("/instrument", id=COUNCIL_1334), "#sec-5"),
    ("lineage", page("/lineage/view", id="Res. 140 Rev. Bucharest", depth="2"), None),
    ("lineage-table", page("/lineage/view", id=PP_140, depth="1"), "table"),
    ("sparql", page("/sparql/editor", example="version-chain"), "run"),
]
