"""The default graph is kept equal to the union of the asserted graphs, graph by graph.

Each case writes real document graphs through ``reskg.union.replace_asserted`` (adding,
replacing with other content, replacing with fewer triples, two documents sharing the
description of one cited instrument) and compares the default graph with what the whole
rebuild (``queries/internal/rebuild-union.ru``) makes of the same named graphs. Runs on
every store kind (memory, disk, remote Oxigraph server).
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from rdflib import Graph

from reskg import union
from reskg.cite import extract
from reskg.dataset import build
from reskg.graph import build_graph
from reskg.iri import Minter
from reskg.parse import parse
from reskg.read import read
from reskg.store import DEFAULT_GRAPH, GraphStore
from reskg.store.embedded import EmbeddedStore
from reskg.store.interface import BadData

REPO = Path(__file__).resolve().parents[2]
SOURCES = REPO / "data" / "sources"
FR = SOURCES / "itu" / "itu-council-res1334-2023-fr.txt"
RES71 = SOURCES / "itu" / "itu-pp18-res71-en.txt"
RES140 = SOURCES / "itu" / "itu-pp18-res140-en.txt"
M = Minter()
WHEN = datetime(2026, 1, 1, tzinfo=UTC)


def document(path: Path) -> bytes:
    parsed = parse(read(path))
    return build_graph(parsed, extract(parsed), minter=M, ingested=WHEN).serialize(
        format="nt", encoding="utf-8"
    )


def default_graph(store: GraphStore) -> set[str]:
    return set(store.dump("application/n-triples", DEFAULT_GRAPH).decode().splitlines()) - {""}


def assert_default_is_the_union(store: GraphStore) -> None:
    kept = default_graph(store)
    union.rebuild_union(store, M)
    rebuilt = default_graph(store)
    assert kept == rebuilt, (len(kept - rebuilt), len(rebuilt - kept))


def test_adding_and_replacing_keep_the_union(store: GraphStore) -> None:
    a, b = M.document_graph("a.txt"), M.document_graph("b.txt")
    union.replace_asserted(store, a, document(FR), minter=M)
    union.replace_asserted(store, b, document(RES140), minter=M)
    assert_default_is_the_union(store)
    assert len(default_graph(store)) > 100

    # Replaced by another document: triples only the old one held leave the union;
    # those it shares with b (the description of an instrument both cite) stay.
    union.replace_asserted(store, a, document(RES71), minter=M)
    assert_default_is_the_union(store)

    # Replaced by an empty graph: the union is b's triples alone.
    union.replace_asserted(store, a, b"", minter=M)
    only_b = set(store.dump("application/n-triples", b).decode().splitlines()) - {""}
    assert len(only_b) > 100 and default_graph(store) == only_b
    assert not store.contains_graph(union.OLD)


def test_a_shared_triple_stays_while_another_graph_holds_it(store: GraphStore) -> None:
    shared = b'<http://example.org/i> <http://example.org/label> "shared" .\n'
    own = b'<http://example.org/a> <http://example.org/p> "a only" .\n'
    a, b = "http://example.org/graph/a", "http://example.org/graph/b"
    union.replace_asserted(store, a, shared + own, minter=M)
    union.replace_asserted(store, b, shared, minter=M)
    union.replace_asserted(store, a, b"", minter=M)
    assert default_graph(store) == {shared.decode().strip()}
    union.replace_asserted(store, b, b"", minter=M)
    assert default_graph(store) == set()


def lines(data: bytes) -> set[str]:
    return set(data.decode().splitlines()) - {""}


def test_a_derived_graph_written_by_difference_keeps_the_union(store: GraphStore) -> None:
    """``update_asserted`` (the lineage graph's writer) leaves the same named graph and the
    same default graph as ``replace_asserted``, writing only what changed."""
    a, derived = M.document_graph("a.txt"), M.lineage_graph
    union.replace_asserted(store, a, document(FR), minter=M)
    held_by_a = sorted(lines(store.dump("application/n-triples", a)))[:3]
    scratch = EmbeddedStore(":memory:")  # the data in the store's own spelling of terms
    scratch.replace_graph("http://example.org/g", document(RES140))
    others = sorted(lines(scratch.dump("application/n-triples", "http://example.org/g")))
    first = "\n".join([*held_by_a, *others[:200]]).encode()
    second = "\n".join([held_by_a[0], *others[100:]]).encode()
    for data in (first, second, second, b"", first):
        union.update_asserted(store, derived, data, minter=M)
        assert lines(store.dump("application/n-triples", derived)) == lines(data)
        assert store.contains_graph(derived)
        assert_default_is_the_union(store)
    # Triples a document also holds stay in the union when the derived graph drops them.
    union.update_asserted(store, derived, b"", minter=M)
    assert set(held_by_a) <= default_graph(store)
    assert not lines(store.dump("application/n-triples", derived)) & set(others)


def test_a_derived_graph_is_left_as_it_was_by_data_that_does_not_parse(
    store: GraphStore,
) -> None:
    derived = M.lineage_graph
    union.update_asserted(store, derived, document(RES71), minter=M)
    before = (store.count(), default_graph(store))
    with pytest.raises(BadData):
        union.update_asserted(store, derived, b"<http://example.org/s> <p> .\n", minter=M)
    assert (store.count(), default_graph(store)) == before


def test_the_inferred_graph_stays_out_of_the_union(store: GraphStore) -> None:
    triple = b"<http://example.org/x> <http://example.org/p> <http://example.org/y> .\n"
    store.replace_graph(M.inferred_graph, triple)
    union.replace_asserted(store, "http://example.org/graph/a", triple, minter=M)
    union.replace_asserted(store, "http://example.org/graph/a", b"", minter=M)
    assert default_graph(store) == set()


def test_an_interrupted_run_is_repaired_by_the_next(store: GraphStore, tmp_path: Path) -> None:
    copy = tmp_path / "itu-pp18-res71-en.txt"
    copy.write_bytes(RES71.read_bytes())
    build([copy], store, workers=1, minter=M)
    assert not store.contains_graph(union.PENDING)
    assert_default_is_the_union(store)

    # A run cut short after it marked the store and wrote a graph behind the union's back.
    assert union.begin(store) is False
    store.replace_graph(M.document_graph(copy.name), b"")
    assert store.contains_graph(union.PENDING)

    # The next run finds the mark, rebuilds the union whole and refreshes the lineage graph.
    report = build([copy], store, workers=1, minter=M)
    assert report.replaced == (str(copy),) or report.unchanged == (str(copy),)
    assert not store.contains_graph(union.PENDING)
    assert_default_is_the_union(store)
    names = Graph().parse(data=store.dump("application/n-triples", DEFAULT_GRAPH), format="nt")
    assert len(names) > 100


def test_new_documents_go_in_together_or_not_at_all(store: GraphStore) -> None:
    good = (M.document_graph("a.txt"), document(FR))
    bad = (M.document_graph("b.txt"), b"<http://example.org/s> <http://example.org/p> .\n")
    before = store.count()
    if isinstance(store, EmbeddedStore):
        # One transaction for the batch: the bad payload keeps the good one out too.
        with pytest.raises(BadData):
            union.add_new(store, [good, bad], minter=M)
        assert store.count() == before and not store.contains_graph(good[0])
    union.add_new(store, [good, (M.document_graph("c.txt"), document(RES71))], minter=M)
    assert store.contains_graph(good[0]) and store.contains_graph(M.document_graph("c.txt"))
    assert_default_is_the_union(store)


def test_a_bulk_load_cut_short_is_rolled_back_by_the_next_run(tmp_path: Path) -> None:
    """A kill between a batch's announcement and its end leaves the announcement: the next
    run removes every graph it names (complete or not) and rebuilds the union."""
    from pyoxigraph import NamedNode, RdfFormat

    from reskg.store.embedded import BATCH, BATCH_HOLDS

    store = EmbeddedStore(str(tmp_path / "store"))
    a, b, kept = (M.document_graph(n) for n in ("a.txt", "b.txt", "kept.txt"))
    union.add_new(store, [(kept, document(RES140))], minter=M)
    assert not store.contains_graph(BATCH)  # a finished batch leaves no announcement
    # What a kill leaves: the announcement of a and b, a in full, b not at all.
    union.add_new(store, [(a, document(FR))], minter=M)
    announcement = f"<{BATCH}> <{BATCH_HOLDS}> <{a}> .\n<{BATCH}> <{BATCH_HOLDS}> <{b}> .\n"
    store.engine.load(announcement.encode(), RdfFormat.N_TRIPLES, to_graph=NamedNode(BATCH))

    assert union.begin(store) is True  # the union needs the whole rebuild
    assert not store.contains_graph(a) and not store.contains_graph(b)
    assert not store.contains_graph(BATCH)
    assert store.contains_graph(kept)
    assert union.begin(store) is True  # the mark of the first begin stays until finish
    union.rebuild_union(store, M)
    union.finish(store)
    assert union.begin(store) is False
    assert_default_is_the_union(store)
    store.close()
