"""The graph built from real texts of data/sources: ingest, lineage, validation, export.

One store is built once for the module, in memory and in an Oxigraph server (issue 9),
from five documents: the French Council resolution 1334 (2023), PP-18 Res. 140 and Res. 71
(English), UNGA 78/132 as English PDF text and as French AKN XML.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, URIRef

from reskg.dataset import build, reason_store, validate_store
from reskg.iri import Minter
from reskg.lineage import lineage_report, load_index, resolve_target
from reskg.queries import internal, named, rows
from reskg.store import GraphStore, open_store
from reskg.vocab import RKG
from tests.conftest import built_store

REPO = Path(__file__).resolve().parents[1]
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
FR = M.document("itu-council-res1334-2023-fr.txt")


@pytest.fixture(scope="module", params=["embedded", "remote"])
def store(request: pytest.FixtureRequest) -> Iterator[GraphStore]:
    """The same graph in an in-memory store and in an Oxigraph server (issue 9): every test
    below runs on both and must give the same answers."""
    graph_store = built_store(request, request.param, DOCS)
    yield graph_store
    graph_store.close()


def cited_by_french(store: GraphStore) -> set[tuple[str, str, str]]:
    found = rows(store, named("document-citations"), {"document": FR})
    return {(r.get("function", ""), r.get("label", ""), r["cited"]) for r in found}


GOLD_TARGETS = [
    ("recalling", "a", D + "itu-pp/1998/res-73"),
    ("recalling", "b", D + "itu-pp/2022/res-140"),
    ("recalling", "c", D + "unga/70-125"),
    ("recalling", "d", D + "unga/70-1"),
    ("recalling", "e", D + "unga/76-307"),
    ("recalling", "f", D + "itu-pp/2022/res-200"),
    ("recalling", "g", D + "itu-c/2019/res-1332"),
    ("recalling", "h", D + "itu-c/2015/res-1334"),
    ("recalling", "a", M.base + "id/instrument/wsis-geneva-declaration-of-principles"),
    ("recalling", "a", M.base + "id/instrument/wsis-geneva-plan-of-action"),
    ("recalling", "a", M.base + "id/instrument/wsis-tunis-commitment"),
    ("recalling", "a", M.base + "id/instrument/wsis-tunis-agenda-for-the-information-society"),
    ("recalling", "b", D + "unga/70-125"),
    (
        "considering",
        "a",
        M.base + "id/instrument/itu-constitution-of-the-international-telecommunication-union",
    ),
    (
        "considering",
        "a",
        M.base + "id/instrument/itu-convention-of-the-international-telecommunication-union",
    ),
    ("welcoming", "b", D + "itu-c/res-1332"),
    ("welcoming", "b", D + "itu-c/res-1334"),
    ("instructs", "1", M.base + "id/instrument/wsis-tunis-agenda-for-the-information-society"),
]


@pytest.mark.parametrize(
    "expected", GOLD_TARGETS, ids=[f"{f}-{c}-{t.rsplit('/', 1)[-1]}" for f, c, t in GOLD_TARGETS]
)
def test_french_resolution_cites_the_gold_instruments(
    store: GraphStore, expected: tuple[str, str, str]
) -> None:
    assert expected in cited_by_french(store)


def test_french_citations_carry_their_section_relation(store: GraphStore) -> None:
    found = rows(store, named("document-citations"), {"document": FR})
    relations = {(r["cited"], r["relation"].rsplit("#", 1)[-1]) for r in found if "relation" in r}
    assert (D + "itu-pp/1998/res-73", "recalls") in relations
    assert (D + "itu-c/res-1332", "welcomes") in relations
    assert (
        M.base + "id/instrument/itu-constitution-of-the-international-telecommunication-union",
        "considers",
    ) in relations


def test_pp_res_140_version_chain(store: GraphStore) -> None:
    chain = rows(store, named("version-chain"), {"work": D + "itu-pp/res-140"})
    assert [(r["year"], r.get("revises")) for r in chain] == [
        (2014, None),
        (2018, D + "itu-pp/2014/res-140"),
        (2022, D + "itu-pp/2018/res-140"),
    ]


def test_council_1334_2023_revises_its_2015_version(store: GraphStore) -> None:
    chain = rows(store, named("version-chain"), {"work": D + "itu-c/res-1334"})
    assert {(r["year"], r.get("revises")) for r in chain} >= {(2023, D + "itu-c/2015/res-1334")}


def test_unqualified_citation_resolves_to_the_version_in_force(store: GraphStore) -> None:
    resolved = {(r["surface"], r["version"]) for r in rows(store, named("resolved-citations"))}
    # "Résolutions 1332 et 1334 du Conseil" in the 2023 text: 1334 means its 2015 version.
    assert ("Résolutions 1332 et\xa01334 du Conseil", D + "itu-c/2015/res-1334") in resolved


def test_french_and_english_texts_share_one_work(store: GraphStore) -> None:
    texts = rows(store, named("language-versions"), {"instrument": D + "unga/78-132"})
    assert {(r["version"], r["language"]) for r in texts} == {
        (D + "unga/2023/78-132", "en"),
        (D + "unga/2023/78-132", "fr"),
    }
    assert {r["file"].rsplit("/", 1)[-1] for r in texts} == {
        "unga-78-132-en.txt",
        "a-res-78-132-2325902f.xml",
    }


def test_lineage_report_of_pp_140(store: GraphStore) -> None:
    index = load_index(store)
    node = resolve_target(index, "Resolution 140 (Rev. Bucharest, 2022)", M)
    report = lineage_report(index, node, depth=1)
    assert [v["version_year"] for v in report["versions"]] == [2014, 2018, 2022]
    citers = {e["source"]["id"] for e in report["cited_by"]}
    assert D + "itu-c/2023/res-1334" in citers
    edge = next(e for e in report["cited_by"] if e["source"]["id"] == D + "itu-c/2023/res-1334")
    evidence = edge["evidence"][0]
    text = (SOURCES / "itu" / "itu-council-res1334-2023-fr.txt").read_text(encoding="utf-8")
    assert text[evidence["start"] : evidence["end"]] == evidence["surface"]


def test_store_conforms_to_the_shapes(store: GraphStore) -> None:
    reports = validate_store(store, minter=M)
    assert len(reports) == len(DOCS)
    assert all(r.conforms for r in reports.values()), {
        g: r.messages[:3] for g, r in reports.items()
    }


def test_reingesting_unchanged_documents_changes_nothing(store: GraphStore) -> None:
    before = store.count()
    report = build(DOCS, store, workers=1, minter=M)
    assert report.unchanged == tuple(str(p) for p in DOCS)
    assert (report.added, report.replaced) == ((), ())
    assert store.count() == before


def test_a_bad_document_fails_alone_and_leaves_the_store_as_it_was(
    store: GraphStore, tmp_path: Path
) -> None:
    before = store.count()
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    report = build([empty, DOCS[0]], store, workers=1, minter=M)
    assert [(f.path, f.rule) for f in report.failed] == [(str(empty), "read.empty")]
    assert report.unchanged == (str(DOCS[0]),)
    assert store.count() == before


def test_a_changed_document_replaces_its_graph(tmp_path: Path) -> None:
    graph_store = open_store(":memory:")
    copy = tmp_path / "itu-pp18-res71-en.txt"
    copy.write_bytes(DOCS[2].read_bytes())
    assert build([copy], graph_store, workers=1, minter=M).added == (str(copy),)
    name = M.document_graph("itu-pp18-res71-en.txt")
    first = graph_store.count(name)
    text = DOCS[2].read_text(encoding="utf-8")
    old, new = "Resolution 72 (Rev. Busan, 2014)", "Resolution 74 (Rev. Busan, 2014)"
    copy.write_text(text.replace(old, new), encoding="utf-8")
    assert build([copy], graph_store, workers=1, minter=M).replaced == (str(copy),)
    assert graph_store.count(name) == first  # same shape, one target changed
    dump = Graph().parse(data=graph_store.dump("application/n-triples", name), format="nt")
    assert any(str(o).endswith("/2014/res-74") for o in dump.objects())
    assert not any(str(o).endswith("/2014/res-72") for o in dump.objects())


@pytest.mark.parametrize(
    ("fmt", "rdflib_format"), [("application/n-quads", "nquads"), ("application/trig", "trig")]
)
def test_dataset_export_round_trips(store: GraphStore, fmt: str, rdflib_format: str) -> None:
    data = store.dump(fmt)
    parsed = Dataset()
    parsed.parse(data=data, format=rdflib_format)
    assert sum(1 for _ in parsed.quads()) == store.count()


@pytest.mark.parametrize(
    ("fmt", "rdflib_format"),
    [
        ("text/turtle", "turtle"),
        ("application/n-triples", "nt"),
        ("application/rdf+xml", "xml"),
        ("application/ld+json", "json-ld"),
    ],
)
def test_graph_export_round_trips_isomorphically(
    store: GraphStore, fmt: str, rdflib_format: str
) -> None:
    name = M.document_graph("itu-council-res1334-2023-fr.txt")
    reference = Graph().parse(data=store.dump("application/n-triples", name), format="nt")
    exported = Graph().parse(data=store.dump(fmt, name), format=rdflib_format)
    assert exported.isomorphic(reference)


def test_reasoning_derives_generic_citation_edges(store: GraphStore) -> None:
    added = reason_store(store, minter=M)
    inferred = Graph().parse(
        data=store.dump("application/n-triples", M.inferred_graph), format="nt"
    )
    assert added == len(inferred) > 0
    res73 = URIRef(D + "itu-pp/1998/res-73")
    # A clause "recalls" it: OWL 2 RL makes that a plain rkg:cites, from the clause and
    # (through the property chain) from the version that contains the clause.
    citing = set(inferred.subjects(RKG.cites, res73))
    assert URIRef(D + "itu-c/2023/res-1334") in citing
    assert any("/sec-1/cl-1" in str(node) for node in citing)


def test_internal_queries_load() -> None:
    assert "SELECT" in internal("lineage-edges").text


def test_both_validators_build_the_same_store() -> None:
    """Ingest validates with the compiled shapes by default; pyshacl, the reference, gives
    the same store (ingestion times aside)."""

    def dataset(validator: str) -> set[str]:
        graph_store = open_store(":memory:")
        report = build(DOCS[:2], graph_store, workers=1, minter=M, validator=validator)
        assert report.failed == () and len(report.added) == 2
        lines = [
            line
            for name in graph_store.graph_names()
            if name.startswith(M.document_graph(""))
            for line in graph_store.dump("application/n-triples", name).decode().splitlines()
        ]
        return {line for line in lines if "generatedAtTime" not in line}

    compiled = dataset("compiled")
    assert len(compiled) > 1000 and compiled == dataset("pyshacl")
