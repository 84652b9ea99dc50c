"""The catalogue's inverted index finds exactly what a walk over every entry finds.

The catalogue is built from real texts (the documents of tests/test_pipeline.py, in three
languages) and each search of a table of queries (numbers, symbols, citations, title words
in English, French and Spanish, prefixes, filters, nothing) is compared, hit for hit and
in order, with the reference: every entry tested in turn, as the search did before it had
an index.
"""

from __future__ import annotations

import pytest

from api.catalogue import Catalogue, Hit, normalise, rank
from reskg.dataset import build
from reskg.iri import Minter
from reskg.lineage import load_index
from reskg.lineage.results import stream
from reskg.queries import internal
from reskg.store import open_store
from tests.test_pipeline import DOCS

M = Minter()


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    store = open_store(":memory:")
    try:
        assert build(DOCS, store, workers=1, minter=M).failed == ()
        index = load_index(store)
        labels = [
            {"node": node, "field": field, "text": text}
            for node, field, text in stream(
                store, internal("instrument-labels"), ("node", "field", "text")
            )
        ]
        return Catalogue.build(index, labels, M)
    finally:
        store.close()


def walk(catalogue: Catalogue, text: str, issuer: str | None, type_: str | None) -> list[Hit]:
    """The reference: test every entry, not only the index's candidates."""
    words = normalise(text)
    exact = catalogue._exact(text) if words else set()
    hits = [
        hit
        for node in catalogue.entries
        if (hit := catalogue.hit(node, words, exact, issuer, type_)) is not None
    ]
    return sorted(hits, key=rank)


QUERIES = [
    ("1334", None, None),
    ("13", None, None),
    ("70/1", None, None),
    ("A/RES/78/132", None, None),
    ("Resolution 140 (Rev. Bucharest, 2022)", None, None),
    ("Résolution 140 (Rév. Bucarest, 2022)", None, None),
    ("Res. 140 Rev. Bucharest", None, None),
    ("Tunis Agenda", None, None),
    ("Agenda de Túnez", None, None),
    ("technologies de l'information", None, None),
    ("tele", None, None),
    ("t", None, None),
    ("r", "ITU-PP", None),
    ("resolution", None, "resolution"),
    ("", "UNGA", None),
    ("", None, None),
    ("nothing-of-the-kind 99999", None, None),
]


@pytest.mark.parametrize(("text", "issuer", "type_"), QUERIES)
def test_the_index_finds_what_a_walk_finds(
    catalogue: Catalogue, text: str, issuer: str | None, type_: str | None
) -> None:
    found = catalogue.search(text, issuer, type_)
    expected = walk(catalogue, text, issuer, type_)
    assert [(h.entry.instrument.id, h.tier) for h in found] == [
        (h.entry.instrument.id, h.tier) for h in expected
    ]


def test_the_table_finds_something(catalogue: Catalogue) -> None:
    """The comparison above means something: most queries find entries."""
    assert sum(1 for text, i, t in QUERIES if catalogue.search(text, i, t)) >= 13
