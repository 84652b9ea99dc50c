"""The lineage index read from a store, streaming, gives what the row-by-row read gave.

:func:`reskg.lineage.load_index` reads the answers of ``lineage-nodes`` and
``lineage-edges`` as TSV, parsed as they stream, into compact columns; here the same
answers are read the way the index used to read them (:func:`reskg.queries.rows`, SPARQL
JSON, a dict per row) and every instrument and edge must be equal, in the same order, in
an in-memory store and in an Oxigraph server.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from reskg.errors import QueryError
from reskg.ingest import Prepared, prepare
from reskg.iri import Minter
from reskg.lineage import CitationEdge, Evidence, load_index
from reskg.lineage.results import stream
from reskg.lineage.rows import sort_rows
from reskg.lineage.store import query_rows
from reskg.queries import NamedQuery, internal, rows
from reskg.store import GraphStore
from tests.conftest import built_store

REPO = Path(__file__).resolve().parents[1]
SOURCES = REPO / "data" / "sources"
DOCS = [
    SOURCES / "itu" / "itu-council-res1334-2023-fr.txt",
    SOURCES / "itu" / "itu-pp18-res140-en.txt",
    SOURCES / "unga" / "unga-78-132-en.txt",
]
M = Minter()


class Wrapped:
    """An embedded store seen only through the GraphStore methods: the answer comes as
    TSV (the path a remote store takes), not from the engine's solutions."""

    def __init__(self, inner: GraphStore) -> None:
        self._inner = inner

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)


@pytest.fixture(scope="module", params=["embedded", "embedded-as-tsv", "remote"])
def store(request: pytest.FixtureRequest) -> Iterator[GraphStore]:
    graph_store = built_store(request, request.param, DOCS)
    if request.param == "embedded-as-tsv":
        yield Wrapped(graph_store)  # type: ignore[misc]
    else:
        yield graph_store
    graph_store.close()


def edges_by_rows(store: GraphStore) -> list[CitationEdge]:
    """The edges as the index read them before it streamed (reskg.queries.rows)."""
    documents = Minter.from_env().document_graph("")
    found = []
    for row in rows(store, internal("lineage-edges")):
        if not str(row["graph"]).startswith(documents):
            continue
        on, year = row.get("date"), row.get("year")
        citing_date = date.fromisoformat(on) if on else (date(year, 12, 31) if year else None)
        evidence = Evidence(
            row["source"], row["clause"], row["surface"], row["start"], row["end"], row["citation"]
        )
        relation = str(row["relation"]).rsplit("#", 1)[-1]
        found.append(CitationEdge(row["citing"], row["cited"], relation, evidence, citing_date))
    return found


def test_index_has_every_edge_the_query_finds(store: GraphStore) -> None:
    index = load_index(store)
    expected = edges_by_rows(store)
    assert len(expected) > 50
    assert Counter(index.edges) == Counter(expected)


def test_a_worker_derives_the_rows_the_store_finds(store: GraphStore) -> None:
    queried = query_rows(store)
    for path in DOCS:
        item = prepare(str(path), M.base)
        assert isinstance(item, Prepared), item
        derived = item.lineage.rows()
        assert len(derived) > 5, path
        assert derived == sort_rows(queried[item.graph]), path


def test_streamed_index_has_every_instrument(store: GraphStore) -> None:
    index = load_index(store)
    nodes = {row["node"] for row in rows(store, internal("lineage-nodes"))}
    assert set(index.instruments) == nodes
    version = index.instruments[M.base + "akn/un/statement/deliberation/itu-pp/2018/res-140"]
    assert (version.issuer, version.type, version.number) == ("ITU-PP", "resolution", "140")
    assert (version.version_year, version.version_place) == (2018, "Dubai")


# Every kind of term a row holds, as rows() gives it: IRIs and strings as str (a language
# tag dropped), integer types as int, booleans as bool, other literals as their lexical form.
VALUES = NamedQuery(
    name="values",
    path=Path("values.rq"),
    text="""PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
SELECT ?iri ?int ?long ?year ?yes ?no ?lang ?plain ?day ?decimal ?tab ?free WHERE {
  VALUES (?iri ?int ?long ?year ?yes ?no ?lang ?plain ?day ?decimal ?tab ?free) {
    (<https://w3id.org/reskg/x> 12 "9000000000"^^xsd:long "2019"^^xsd:gYear true false
     "Résolution"@fr "a \\"quoted\\" word" "2023-07-20"^^xsd:date 1.5 "a\\tb\\nc" UNDEF)
  }
}""",
    summary="",
    parameters=(),
    example=None,
)
EXPECTED: dict[str, Any] = {
    "iri": "https://w3id.org/reskg/x",
    "int": 12,
    "long": 9000000000,
    "year": 2019,
    "yes": True,
    "no": False,
    "lang": "Résolution",
    "plain": 'a "quoted" word',
    "day": "2023-07-20",
    "decimal": "1.5",
    "tab": "a\tb\nc",
}


def test_stream_gives_the_values_rows_gives(store: GraphStore) -> None:
    names = (*EXPECTED, "free", "absent")
    (row,) = rows(store, VALUES)
    assert row == EXPECTED
    (streamed,) = list(stream(store, VALUES, names))
    assert streamed == (*EXPECTED.values(), None, None)
    # the columns come in the order asked for, whatever the query's order
    (backwards,) = list(stream(store, VALUES, tuple(reversed(names))))
    assert backwards == tuple(reversed(streamed))


def test_a_failing_query_is_a_query_error(store: GraphStore) -> None:
    broken = NamedQuery("broken", Path("broken.rq"), "SELECT ?x WHERE { ?x", "", (), None)
    with pytest.raises(QueryError):
        list(stream(store, broken, ("x",)))
