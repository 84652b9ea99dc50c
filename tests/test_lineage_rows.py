"""Each document's citation edges as rows (:mod:`reskg.lineage.rows`), and their cache.

Ingest derives a document's rows in its worker, from its own triples; the index of an
on-disk store keeps them in a cache file under the document's hash. Here, on real
documents (that a worker derives the rows ``lineage-edges.rq`` finds is tested in
``test_lineage_store.py``, on each kind of store): an ingest builds the index without
asking the store for them; a later load reads the cache; a damaged, missing or stale cache
gives the same index as the store's answer.
"""

from __future__ import annotations

import shutil
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from reskg.dataset import build
from reskg.iri import Minter
from reskg.lineage import load_index
from reskg.lineage import store as lineage_store
from reskg.lineage.rows import CACHE_NAME, RowCache
from reskg.store import GraphStore, open_store
from tests.test_lineage_store import DOCS, edges_by_rows

M = Minter()


def no_query(*_: object, **__: object) -> dict[str, list[object]]:
    raise AssertionError("the rows were asked of the store")


@pytest.fixture
def corpus(tmp_path: Path) -> list[Path]:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for path in DOCS:
        shutil.copy(path, folder / path.name)
    return sorted(folder.iterdir())


@pytest.fixture
def disk(tmp_path: Path) -> Iterator[GraphStore]:
    opened = open_store(str(tmp_path / "store"))
    yield opened
    opened.close()


def test_an_ingest_builds_the_index_from_its_own_rows(
    disk: GraphStore, corpus: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    with monkeypatch.context() as patch:
        patch.setattr(lineage_store, "query_rows", no_query)
        report = build(corpus, disk, workers=1, minter=M)
        assert report.ok and len(report.lineage) == len(corpus)
        index = load_index(disk)  # from the cache the ingest wrote
    assert Counter(index.edges) == Counter(edges_by_rows(disk))


@pytest.mark.parametrize("damage", ["garbage", "missing", "empty"])
def test_a_damaged_or_missing_cache_is_built_again_from_the_store(
    disk: GraphStore, corpus: list[Path], damage: str
) -> None:
    build(corpus, disk, workers=1, minter=M)
    cache = Path(disk.location) / CACHE_NAME
    expected = Counter(load_index(disk).edges)
    if damage == "garbage":
        cache.write_bytes(b"\x00not a cache\xff" * 40)
    elif damage == "missing":
        cache.unlink()
    else:
        cache.write_bytes(b"")
    assert Counter(load_index(disk).edges) == expected == Counter(edges_by_rows(disk))
    assert set(RowCache(cache).read()) == {M.document_graph(path.name) for path in corpus}


def test_a_changed_document_gets_its_new_rows(
    disk: GraphStore, corpus: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    build(corpus, disk, workers=1, minter=M)
    changed = corpus[-1]
    graph = M.document_graph(changed.name)
    before = RowCache(Path(disk.location) / CACHE_NAME).read()[graph]
    text = changed.read_text(encoding="utf-8")
    cut = text.index("resolution", len(text) // 2)  # a later citation goes
    changed.write_text(text[:cut], encoding="utf-8")
    with monkeypatch.context() as patch:
        patch.setattr(lineage_store, "query_rows", no_query)
        report = build(corpus, disk, workers=1, minter=M)
    assert report.replaced == (str(changed),)
    after = RowCache(Path(disk.location) / CACHE_NAME).read()[graph]
    assert after.sha256 != before.sha256
    assert 0 < len(after.rows()) < len(before.rows())
    assert Counter(load_index(disk).edges) == Counter(edges_by_rows(disk))


def test_a_stale_cache_entry_is_not_used(disk: GraphStore, corpus: list[Path]) -> None:
    """A cache entry under another hash than the stored document's (a cache copied from
    another store, or written before a run that was cut short) is asked of the store."""
    build(corpus, disk, workers=1, minter=M)
    cache = RowCache(Path(disk.location) / CACHE_NAME)
    entries = cache.read()
    graph = M.document_graph(corpus[0].name)
    entries[graph] = type(entries[graph]).of("0" * 64, entries[graph].extractor, [])
    cache.write(entries)
    assert Counter(load_index(disk).edges) == Counter(edges_by_rows(disk))
    assert cache.read()[graph].rows()
