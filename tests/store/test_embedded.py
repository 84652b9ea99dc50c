"""Every store (in memory, on disk, remote; ``conftest.py``): atomic replacement, counts,
dump round trips, queries and bindings. The same answers are expected of each."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from reskg.errors import QueryError, StoreError, UnsafeInput, UnsupportedFormat
from reskg.store import DEFAULT_GRAPH, open_store
from reskg.store.embedded import EmbeddedStore
from reskg.store.interface import (
    BadData,
    GraphName,
    GraphStore,
    QuerySyntaxError,
    ResultLimits,
    ResultTooLarge,
)
from reskg.store.remote import RemoteStore

G1 = "https://example.org/graph/doc-1"
G2 = "https://example.org/graph/doc-2"
OLD = b"""<https://example.org/a> <https://example.org/p> "old" .
<https://example.org/a> <https://example.org/q> _:b .
_:b <https://example.org/p> "nested"@en .
"""
NEW = b'<https://example.org/a> <https://example.org/p> "new" .\n'
# Valid for two lines, broken on the third: the parse must fail after some triples.
BROKEN = NEW + b'<https://example.org/b> <https://example.org/p> "fine" .\n<oops> "no" .\n'


def test_open_store_kinds(tmp_path: Path) -> None:
    assert isinstance(open_store(":memory:"), EmbeddedStore)
    folder = tmp_path / "new" / "store"
    assert open_store(str(folder)).location == str(folder)
    assert folder.is_dir()
    assert isinstance(open_store("https://sparql.example.org/"), RemoteStore)


def test_one_writer_per_folder(tmp_path: Path) -> None:
    first = open_store(str(tmp_path))
    with pytest.raises(StoreError, match="cannot open"):
        open_store(str(tmp_path))
    first.close()


def test_replace_is_atomic_when_the_new_data_is_malformed(store: GraphStore) -> None:
    store.replace_graph(G1, OLD)
    before = store.dump("application/n-triples", G1)
    with pytest.raises(BadData):
        store.replace_graph(G1, BROKEN)
    assert store.count(G1) == 3
    assert isomorphic(_graph(store.dump("application/n-triples", G1)), _graph(before))
    assert store.graph_names() == [G1]  # no staging graph left behind


def test_replace_swaps_the_whole_graph(store: GraphStore) -> None:
    store.replace_graph(G1, OLD)
    store.replace_graph(G2, OLD)
    store.replace_graph(G1, NEW, "application/n-triples")
    assert store.count(G1) == 1
    assert store.count(G2) == 3
    assert store.count() == 4
    store.replace_graph(G1, b"")
    assert store.contains_graph(G1)
    assert store.count(G1) == 0


def test_replace_default_graph(store: GraphStore) -> None:
    store.replace_graph(DEFAULT_GRAPH, OLD)
    store.replace_graph(DEFAULT_GRAPH, NEW)
    assert store.count(DEFAULT_GRAPH) == 1
    assert store.graph_names() == []


def test_remove_graph(store: GraphStore) -> None:
    store.replace_graph(G1, OLD)
    assert store.remove_graph(G1) is True
    assert store.remove_graph(G1) is False
    assert not store.contains_graph(G1)


@pytest.mark.parametrize(
    ("media_type", "rdflib_format"),
    [
        ("text/turtle", "turtle"),
        ("application/n-triples", "nt"),
        ("application/rdf+xml", "xml"),
        ("application/ld+json", "json-ld"),
    ],
)
def test_graph_dumps_round_trip(store: GraphStore, media_type: str, rdflib_format: str) -> None:
    store.replace_graph(G1, OLD)
    dumped = store.dump(media_type, G1)
    assert isomorphic(Graph().parse(data=dumped, format=rdflib_format), _graph(OLD))
    store.replace_graph(G2, dumped, media_type)
    assert isomorphic(_graph(store.dump("application/n-triples", G2)), _graph(OLD))


@pytest.mark.parametrize(
    ("media_type", "rdflib_format"),
    [("application/n-quads", "nquads"), ("application/trig", "trig")],
)
def test_dataset_dumps_round_trip(store: GraphStore, media_type: str, rdflib_format: str) -> None:
    store.replace_graph(G1, OLD)
    store.replace_graph(G2, NEW)
    dataset = Dataset()
    dataset.parse(data=store.dump(media_type), format=rdflib_format)
    assert isomorphic(dataset.graph(G1), _graph(OLD))
    assert isomorphic(dataset.graph(G2), _graph(NEW))


def test_load_adds_and_refuses_unsafe_rdfxml(store: GraphStore) -> None:
    store.load(OLD, "application/n-triples", G1)
    store.load(NEW, "text/plain", G1)
    assert store.count(G1) == 4
    bomb = b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaa">]><rdf:RDF/>'
    with pytest.raises(UnsafeInput):
        store.load(bomb, "application/rdf+xml", G2)
    with pytest.raises(UnsupportedFormat):
        store.load(OLD, "application/pdf", G2)
    with pytest.raises(UnsupportedFormat):
        store.replace_graph(G2, OLD, "application/n-quads")


def test_query_and_update(store: GraphStore) -> None:
    store.update(
        "INSERT DATA { GRAPH <https://example.org/g> "
        "{ <https://example.org/s> <https://example.org/p> 1, 2, 3 } }"
    )
    answer = store.query("SELECT ?o { ?s ?p ?o }", use_default_graph_as_union=True)
    assert answer.kind == "bindings" and answer.rows == 3
    assert store.query("ASK { ?s ?p 1 }").body == b'{"head":{},"boolean":false}'
    with pytest.raises(ResultTooLarge):
        store.query(
            "SELECT ?o { ?s ?p ?o }",
            use_default_graph_as_union=True,
            limits=ResultLimits(max_rows=2),
        )
    with pytest.raises(QuerySyntaxError):
        store.query("SELECT {")
    with pytest.raises(QuerySyntaxError):
        store.update("CLEAR XYZ")


def _graph(data: bytes) -> Graph:
    return Graph().parse(data=data, format="nt")


def test_bindings_are_substituted_not_spliced(store: GraphStore) -> None:
    store.update('INSERT DATA { <https://example.org/a> <https://example.org/p> "x"@en, 3 }')
    answer = store.query("SELECT ?s ?o { ?s <https://example.org/p> ?o }", bindings={"o": '"x"@en'})
    assert answer.rows == 1
    with pytest.raises(QuerySyntaxError):
        store.query("SELECT ?s { ?s ?p ?o }", bindings={"s": "<a> } UNION { ?x ?y ?z"})


@pytest.mark.parametrize("name", ["../x", "x", "http://a b/"])
def test_a_relative_graph_name_is_the_callers_mistake(store: GraphStore, name: str) -> None:
    """Not an absolute IRI: GraphNameError (an input error, exit 3, HTTP 400), not a store
    fault, from every store and every call that takes a graph name; nothing is written."""
    from reskg.errors import GraphNameError

    calls = [
        lambda: store.contains_graph(name),
        lambda: store.count(name),
        lambda: store.dump("application/n-triples", name),
        lambda: store.replace_graph(name, NEW),
        lambda: store.load(NEW, "application/n-triples", name),
        lambda: store.remove_graph(name),
    ]
    for call in calls:
        with pytest.raises(GraphNameError, match="not an absolute IRI"):
            call()
    assert store.count() == 0


QUADS = b"<https://example.org/s> <https://example.org/p> <https://example.org/o> <%s> .\n" % (
    G2.encode()
)
TRIG = b"<%s> { <https://example.org/s> <https://example.org/p> <https://example.org/o> }\n" % (
    G2.encode()
)


@pytest.mark.parametrize(
    ("data", "media_type"),
    [(QUADS, "application/n-quads"), (TRIG, "application/trig")],
)
def test_a_quad_format_is_refused_for_one_graph(
    store: GraphStore, data: bytes, media_type: str
) -> None:
    """Quads name their own graphs: loading them into graph G1 is refused by every store,
    and nothing is written (the embedded store once wrote them into G2); without a graph
    they go where they say."""
    with pytest.raises(UnsupportedFormat, match="names its own graphs"):
        store.load(data, media_type, G1)
    assert store.count() == 0
    assert store.graph_names() == []
    store.load(data, media_type)
    assert store.graph_names() == [G2]


MISSING = "https://example.org/graph/missing"


@pytest.mark.parametrize(
    ("update", "says"),
    [
        (f"CREATE GRAPH <{G1}>", "already exists"),
        (f"DROP GRAPH <{MISSING}>", "does not exist"),
        (f"CLEAR GRAPH <{MISSING}>", "does not exist"),
        (f"MOVE GRAPH <{MISSING}> TO <{G2}>", "does not exist"),
    ],
)
def test_a_graph_operation_on_the_wrong_graph_is_the_callers_mistake(
    store: GraphStore, update: str, says: str
) -> None:
    """SPARQL 1.1 Update: without SILENT, CREATE of a graph that exists and DROP, CLEAR or
    MOVE of one that does not fail. That is the update's fault (a QueryError, HTTP 400,
    rule update.graph), not the store's (pyoxigraph raises RuntimeError, the Oxigraph
    server answers HTTP 500); with SILENT they do nothing."""
    store.update(f"CREATE GRAPH <{G1}>")
    with pytest.raises(QueryError, match=says) as raised:
        store.update(update)
    assert raised.value.rule == "update.graph"
    store.update(update.replace(" GRAPH ", " SILENT GRAPH ", 1))
    assert store.graph_names() == [G1]


@pytest.mark.parametrize(
    ("name", "where"), [(DEFAULT_GRAPH, "default graph"), (G1, G1)], ids=["default", "named"]
)
def test_a_replace_error_names_the_graph_as_a_reader_would(
    store: GraphStore, name: GraphName, where: str
) -> None:
    with pytest.raises(BadData) as raised:
        store.replace_graph(name, BROKEN)
    assert "DefaultGraph" not in str(raised.value)
    if isinstance(store, EmbeddedStore):
        assert str(raised.value).startswith(f"{where}: application/n-triples data does not")


@pytest.mark.parametrize(
    ("body", "rule"),
    [
        (b"The graph <https://example.org/g> already exists", "update.graph"),
        (b"The graph <https://example.org/g> does not exist\n", "update.graph"),
        (b"The graph <https://example.org/g> already exists in the backup", "store.remote"),
        (b"RocksDB: The graph <https://example.org/g> does not exist", "store.remote"),
        (b"The graph <a> <b> already exists", "store.remote"),
        (b"Internal server error", "store.remote"),
        (b"", "store.remote"),
    ],
)
def test_a_remote_update_refused_with_500_is_the_callers_only_for_graph_state(
    body: bytes, rule: str
) -> None:
    """The Oxigraph server answers HTTP 500 for CREATE of a graph that exists and DROP of
    one that does not; only a body that is exactly that message is the caller's mistake,
    any other 500 stays a store fault."""
    import httpx

    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(500, content=body, headers={"Content-Type": "text/plain"})

    store = RemoteStore("http://store.invalid", transport=httpx.MockTransport(answer))
    with pytest.raises((QueryError, StoreError)) as raised:
        store.update("CREATE GRAPH <https://example.org/g>")
    assert raised.value.rule == rule
    assert isinstance(raised.value, QueryError) == (rule == "update.graph")


def test_dump_to_streams_what_dump_returns(tmp_path: Path) -> None:
    """``reskg export`` streams the dataset to its file (dump_to); the bytes are those of
    dump, for the whole dataset and for one graph, and a triple format needs a graph."""
    store = EmbeddedStore(str(tmp_path / "store"))
    a, b = "http://example.org/a", "http://example.org/b"
    s = "<http://example.org/s>"
    store.replace_graph(a, f'{s} <http://example.org/p> "\\u00e9t\\u00e9"@fr .\n'.encode())
    store.replace_graph(b, f"{s} <http://example.org/q> <http://example.org/o> .\n".encode())
    for media_type, graph in (("application/n-quads", None), ("application/n-triples", a)):
        path = tmp_path / "out"
        with path.open("wb") as target:
            store.dump_to(target, media_type, graph)
        assert path.read_bytes() == store.dump(media_type, graph)
        assert path.read_bytes()
    with pytest.raises(UnsupportedFormat), (tmp_path / "x").open("wb") as target:
        store.dump_to(target, "application/n-triples")
    store.close()
