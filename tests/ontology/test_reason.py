"""OWL 2 RL (owlrl) derives what the ontology promises, and reason.infer returns only new
triples about the data, ready for a separate named graph."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, URIRef

from reskg.reason import infer, materialise
from reskg.validate import validate_graph
from tests.ontology.conftest import DATA, EXAMPLES

CASES = sorted(p for p in (DATA / "expected").glob("*.ttl") if not p.name.endswith(".absent.ttl"))


@cache
def closure(name: str) -> tuple[Graph, Graph]:
    data = Graph().parse(EXAMPLES / "valid" / name)
    return data, infer(data)


@pytest.mark.parametrize("expected", CASES, ids=lambda p: p.stem)
def test_expected_triples_are_derived(expected: Path) -> None:
    _, news = closure(expected.name)
    missing = [t for t in Graph().parse(expected) if t not in news]
    assert missing == []


@pytest.mark.parametrize("expected", CASES, ids=lambda p: p.stem)
def test_unwarranted_triples_are_not_derived(expected: Path) -> None:
    absent = expected.with_name(expected.stem + ".absent.ttl")
    _, news = closure(expected.name)
    wrong = [t for t in Graph().parse(absent) if t in news]
    assert wrong == []


@pytest.mark.parametrize("name", [p.name for p in sorted((EXAMPLES / "valid").glob("*.ttl"))])
def test_inferred_graph_holds_only_new_triples_about_the_data(name: str) -> None:
    data, news = closure(name)
    assert len(news) > 0
    assert not any(t in data for t in news)
    nodes = set(data.subjects()) | {o for o in data.objects() if isinstance(o, URIRef)}
    assert set(news.subjects()) <= nodes
    assert not any(str(s).startswith("https://w3id.org/reskg/ont#") for s in news.subjects())


def test_data_is_not_modified_and_shacl_still_runs_on_the_asserted_graph() -> None:
    data = Graph().parse(EXAMPLES / "valid" / "unga-78-213-minimal.ttl")
    size = len(data)
    infer(data)
    assert len(data) == size
    assert validate_graph(data).conforms


def test_materialise_writes_a_separate_named_graph_and_replaces_it() -> None:
    asserted = URIRef("https://w3id.org/reskg/graph/doc/unga-78-213-en")
    inferred = URIRef("https://w3id.org/reskg/graph/inferred/unga-78-213-en")
    dataset = Dataset()
    dataset.graph(asserted).parse(EXAMPLES / "valid" / "unga-78-213-minimal.ttl")
    before = len(dataset.graph(asserted))
    dataset.graph(inferred).add((asserted, asserted, asserted))  # stale content to replace
    count = materialise(dataset, asserted, inferred)
    assert count == len(dataset.graph(inferred)) > 0
    assert (asserted, asserted, asserted) not in dataset.graph(inferred)
    assert len(dataset.graph(asserted)) == before
    assert materialise(dataset, asserted, inferred) == count  # idempotent
