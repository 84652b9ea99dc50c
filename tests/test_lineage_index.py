"""The lineage index on the facts of the real corpus, without a store.

PP Res. 140 exists in the corpus as the Dubai 2018 text, which cites its Busan 2014
version; the French Council Res. 1334 (2023) cites the Bucharest 2022 version, its own
2015 version, and Res. 1332 both with (2019) and without a version.
"""

from __future__ import annotations

from datetime import date

import pytest

from reskg.errors import NotFound
from reskg.iri import Minter
from reskg.lineage import (
    CitationEdge,
    Evidence,
    Instrument,
    LineageIndex,
    display_label,
    resolve_target,
)

D = "https://w3id.org/reskg/akn/un/statement/deliberation/"
PP140 = D + "itu-pp/res-140"
C1334 = D + "itu-c/res-1334"
C1332 = D + "itu-c/res-1332"
FR = "https://w3id.org/reskg/doc/itu-council-res1334-2023-fr.txt"
EN = "https://w3id.org/reskg/doc/itu-pp18-res140-en.txt"


def version(work: str, year: int, place: str | None = None, on: date | None = None) -> Instrument:
    head, _, name = work.rpartition("/")
    return Instrument(
        f"{head}/{year}/{name}", "ITU", "resolution", name, year, place, work=work, date=on
    )


def work(iri: str) -> Instrument:
    return Instrument(iri, "ITU", "resolution", iri.rsplit("-", 1)[1])


def cite(citing: str, cited: str, relation: str, on: date, source: str, start: int) -> CitationEdge:
    return CitationEdge(
        citing, cited, relation, Evidence(source, None, "Resolution", start, start + 10), on
    )


V = {
    "140/2014": version(PP140, 2014, "Busan"),
    "140/2018": version(PP140, 2018, "Dubai", date(2018, 11, 16)),
    "140/2022": version(PP140, 2022, "Bucharest"),
    "1334/2015": version(C1334, 2015),
    "1334/2023": version(C1334, 2023, on=date(2023, 7, 20)),
    "1332/2019": version(C1332, 2019),
}
INSTRUMENTS = [work(PP140), work(C1334), work(C1332), *V.values()]
EDGES = [
    cite(V["140/2018"].id, V["140/2014"].id, "recalls", date(2018, 11, 16), EN, 100),
    cite(V["1334/2023"].id, V["140/2022"].id, "recalls", date(2023, 7, 20), FR, 511),
    cite(V["1334/2023"].id, V["1334/2015"].id, "recalls", date(2023, 7, 20), FR, 900),
    cite(V["1334/2023"].id, V["1332/2019"].id, "recalls", date(2023, 7, 20), FR, 800),
    cite(V["1334/2023"].id, C1332, "welcomes", date(2023, 7, 20), FR, 3000),
    cite(V["1334/2023"].id, C1334, "welcomes", date(2023, 7, 20), FR, 3010),
]


@pytest.fixture()
def index() -> LineageIndex:
    return LineageIndex.build(INSTRUMENTS, EDGES)


def test_version_chain_oldest_first(index: LineageIndex) -> None:
    chain = index.versions(PP140)
    assert [v.version_year for v in chain] == [2014, 2018, 2022]
    assert [v.revises for v in chain] == [None, V["140/2014"].id, V["140/2018"].id]
    assert chain[1].in_force_from == "2018-11-16"
    assert chain[1].in_force_to == "2022"
    assert chain[2].in_force_to is None


@pytest.mark.parametrize(
    ("on", "year"),
    [
        (date(2015, 1, 1), 2014),
        (date(2018, 11, 15), 2014),
        (date(2018, 11, 16), 2018),
        (date(2021, 6, 1), 2018),
        (date(2023, 1, 1), 2022),
        (date(2013, 1, 1), None),
    ],
)
def test_in_force(index: LineageIndex, on: date, year: int | None) -> None:
    found = index.in_force(PP140, on)
    assert (found.version_year if found else None) == year


def test_revisions_link_consecutive_versions(index: LineageIndex) -> None:
    links = {(i.subject, i.object) for i in index.revisions()}
    assert (V["140/2022"].id, V["140/2018"].id) in links
    assert (V["140/2018"].id, V["140/2014"].id) in links
    assert (V["1334/2023"].id, V["1334/2015"].id) in links
    assert (V["140/2022"].id, V["140/2014"].id) not in links


def test_unqualified_citation_resolves_to_version_in_force(index: LineageIndex) -> None:
    resolved = {
        (i.subject, i.object) for i in index.resolutions_and_stale() if i.kind == "resolved-version"
    }
    # "Résolutions 1332 et 1334 du Conseil" in the 2023 text: 1332 in its 2019 version, and
    # 1334 in the version before the citing one, never the citing text itself.
    assert resolved == {
        (V["1334/2023"].id, V["1332/2019"].id),
        (V["1334/2023"].id, V["1334/2015"].id),
    }


def test_superseded_version_is_flagged_stale() -> None:
    late = cite(D + "unga/80-1", V["140/2014"].id, "recalls", date(2023, 1, 1), FR, 5)
    index = LineageIndex.build(INSTRUMENTS, [*EDGES, late])
    stale = [i for i in index.resolutions_and_stale() if i.kind == "stale"]
    assert [(i.subject, i.object) for i in stale] == [(D + "unga/80-1", V["140/2014"].id)]
    assert "superseded by the 2022 version" in stale[0].reason


def test_citing_an_own_earlier_version_is_not_stale(index: LineageIndex) -> None:
    assert not [i for i in index.resolutions_and_stale() if i.kind == "stale"]


def test_walk_down_from_a_version_reaches_citers_of_the_work(index: LineageIndex) -> None:
    found = index.walk(V["140/2022"].id, "down", depth=1)
    assert {(d, e.citing) for d, e in found} == {(1, V["1334/2023"].id), (1, V["140/2018"].id)}


def test_walk_up_respects_depth(index: LineageIndex) -> None:
    one = index.walk(V["1334/2023"].id, "up", depth=1)
    two = index.walk(V["1334/2023"].id, "up", depth=2)
    assert {e.cited for _, e in one} >= {V["140/2022"].id, C1332}
    assert len(two) > len(one)
    assert {d for d, _ in two} == {1, 2}


# -- cite=: every label the API gives names its node again -------------------------------

ID = "https://w3id.org/reskg/id/instrument/"
TUNIS = ID + "wsis-tunis-agenda-for-the-information-society"


LABELLED = [
    Instrument(D + "itu-c/res-1334", "ITU-Council", "resolution", "1334"),
    Instrument(D + "itu-c/2023/res-1334", "ITU-Council", "resolution", "1334", 2023, work=C1334),
    Instrument(PP140, "ITU-PP", "resolution", "140"),
    Instrument(
        D + "itu-pp/2022/res-140", "ITU-PP", "resolution", "140", 2022, "Bucharest", work=PP140
    ),
    Instrument(D + "itu-pp/2018/dec-5", "ITU-PP", "decision", "5", 2018, "Dubai"),
    Instrument(D + "itu-ra/2019/res-1", "ITU-RA", "resolution", "1", 2019),
    Instrument(D + "unga/70-125", "UNGA", "resolution", "70/125"),
    Instrument(D + "unga/78-132", "UNGA", "resolution", "78/132"),
    Instrument(
        D + "unga/2023/78-132", "UNGA", "resolution", "78/132", 2023, work=D + "unga/78-132"
    ),
    Instrument(D + "unga/217-iii", "UNGA", "resolution", "217 (III)"),
    Instrument(D + "unsc/2417-2018", "UNSC", "resolution", "2417 (2018)"),
    Instrument(D + "hrc/47-16", "HRC", "resolution", "47/16"),
    Instrument(TUNIS, "WSIS", "agenda", None, label="Tunis Agenda for the Information Society"),
]


@pytest.fixture()
def labelled() -> LineageIndex:
    return LineageIndex.build(LABELLED, [])


@pytest.mark.parametrize(
    ("text", "node"),
    [
        # the API's own labels (display_label), which cite= once read as UNSC 1334 (2023)
        ("ITU-Council Resolution 1334 (2023)", D + "itu-c/2023/res-1334"),
        ("ITU-Council Resolution 1334", C1334),
        ("ITU-PP Resolution 140 (Bucharest, 2022)", D + "itu-pp/2022/res-140"),
        ("ITU-PP Decision 5 (Dubai, 2018)", D + "itu-pp/2018/dec-5"),
        ("ITU-RA Resolution 1 (2019)", D + "itu-ra/2019/res-1"),
        ("UNGA Resolution 78/132 (2023)", D + "unga/2023/78-132"),
        ("UNGA Resolution 78/132", D + "unga/78-132"),
        ("HRC Resolution 47/16", D + "hrc/47-16"),
        ("Tunis Agenda for the Information Society", TUNIS),
        # the same parts written otherwise: case, spacing, no place, the pages' forms
        ("itu-council  resolution 1334 (2023)", D + "itu-c/2023/res-1334"),
        ("Council Res. 1334 (2023)", D + "itu-c/2023/res-1334"),
        ("ITU-PP Resolution 140 (2022)", D + "itu-pp/2022/res-140"),
        ("PP Res. 140 (Bucharest, 2022)", D + "itu-pp/2022/res-140"),
        ("UNGA resolution 70/125", D + "unga/70-125"),
        ("UNGA resolution 217 (III)", D + "unga/217-iii"),
        ("UNSC resolution 2417 (2018)", D + "unsc/2417-2018"),
        # citation text still goes to the citation extractor
        ("Resolution 140 (Rev. Bucharest, 2022)", D + "itu-pp/2022/res-140"),
        ("Résolution 140 (Rév. Bucarest, 2022)", D + "itu-pp/2022/res-140"),
        ("A/RES/70/125", D + "unga/70-125"),
    ],
)
def test_cite_reads_labels_back(labelled: LineageIndex, text: str, node: str) -> None:
    assert resolve_target(labelled, text, Minter()) == node


@pytest.mark.parametrize(
    "text",
    [
        "ITU-Council Resolution 1334 (2019)",  # no such version
        "ITU-Council Resolution 1332",  # no such work
        "ITU-WTSA Resolution 1 (2022)",  # no such work
        "UNGA Decision 70/125",  # a resolution
    ],
)
def test_cite_of_a_label_of_nothing_known_is_not_found(labelled: LineageIndex, text: str) -> None:
    with pytest.raises(NotFound):
        resolve_target(labelled, text, Minter())


def test_every_display_label_names_its_node(labelled: LineageIndex) -> None:
    for item in LABELLED:
        assert resolve_target(labelled, display_label(item), Minter()) == item.id


# -- the compact edge columns give back what was put in, and walk as networkx did -------

S = "https://w3id.org/reskg/doc/x.txt"
ODD = [
    # the clause and the citation extend the source's IRI (stored as tails)
    CitationEdge(C1332, C1334, "recalls", Evidence(S, S + "/sec-1/cl-2", "a", 1, 2, S + "/cit-1")),
    # neither does, one is absent; no citing date
    CitationEdge(C1332, PP140, "notes", Evidence(S, "urn:x:clause", "b", 3, 9, None)),
    # a clause equal to its source, an empty surface, a span past 2**31
    CitationEdge(PP140, C1332, "cites", Evidence(S, S, "", 0, 2**40, "urn:c"), date(1, 1, 1)),
    # an edge repeated exactly, and a relation that is a full IRI (a reasoned store)
    CitationEdge(PP140, C1332, "cites", Evidence(S, S, "", 0, 2**40, "urn:c"), date(1, 1, 1)),
    CitationEdge(PP140, C1332, "http://purl.org/spar/cito/cites", Evidence(EN, None, "c", 5, 6)),
]


@pytest.mark.parametrize(
    "edges", [EDGES, ODD, EDGES + ODD, []], ids=["corpus", "odd", "both", "none"]
)
def test_edges_come_back_as_given(edges: list[CitationEdge]) -> None:
    index = LineageIndex.build(INSTRUMENTS, edges)
    assert list(index.edges) == edges
    assert len(index.edges) == len(edges)
    assert [index.edges[i] for i in range(-len(edges), len(edges))] == edges + edges
    assert list(index.edges[1:3]) == edges[1:3]


def reference_walk(
    edges: list[CitationEdge], index: LineageIndex, node: str, direction: str, depth: int
) -> list[tuple[int, CitationEdge]]:
    """The walk as the index did it over a networkx MultiDiGraph with an object per edge."""
    import networkx as nx

    graph = nx.MultiDiGraph()
    for edge in edges:
        graph.add_edge(edge.citing, edge.cited, edge=edge)
    seen = set(index.members(node))
    frontier = set(seen)
    found = []
    for level in range(1, depth + 1):
        following: set[str] = set()
        for current in sorted(frontier):
            if current not in graph:
                continue
            pairs = (
                graph.out_edges(current, data="edge")
                if direction == "up"
                else graph.in_edges(current, data="edge")
            )
            for _, _, edge in pairs:
                found.append((level, edge))
                for member in index.members(edge.cited if direction == "up" else edge.citing):
                    if member not in seen:
                        seen.add(member)
                        following.add(member)
        if not following:
            break
        frontier = following
    return found


# Edges of one node to several others, interleaved: networkx lists a node's edges grouped
# by the other end (in the order each was first linked), not in the order they came.
INTERLEAVED = [
    *EDGES,
    cite(V["140/2018"].id, C1332, "notes", date(2018, 11, 16), EN, 300),
    cite(V["140/2018"].id, V["140/2014"].id, "notes", date(2018, 11, 16), EN, 400),
    cite(V["140/2018"].id, C1334, "notes", date(2018, 11, 16), EN, 500),
    cite(V["140/2018"].id, C1332, "recalls", date(2018, 11, 16), EN, 600),
    cite(V["1334/2023"].id, C1332, "notes", date(2023, 7, 20), FR, 4000),
    cite(V["1332/2019"].id, V["140/2018"].id, "recalls", date(2019, 1, 1), FR, 7),
    cite(V["1332/2019"].id, V["140/2014"].id, "recalls", date(2019, 1, 1), FR, 8),
    *ODD,
]


@pytest.mark.parametrize("depth", [1, 2, 3, 10])
@pytest.mark.parametrize("direction", ["up", "down"])
def test_walks_match_the_networkx_walk_in_order(direction: str, depth: int) -> None:
    index = LineageIndex.build(INSTRUMENTS, INTERLEAVED)
    nodes = sorted({*index.instruments, *(e.citing for e in INTERLEAVED), D + "unknown"})
    for node in nodes:
        expected = reference_walk(INTERLEAVED, index, node, direction, depth)
        assert index.walk(node, direction, depth) == expected, node  # type: ignore[arg-type]


def test_subset_keeps_the_order_given() -> None:
    index = LineageIndex.build(INSTRUMENTS, INTERLEAVED)
    keep = [8, 2, 7, 0, 10]
    part = index.subset(keep)
    assert list(part.edges) == [INTERLEAVED[i] for i in keep]
    assert part.instruments is index.instruments
    rebuilt = LineageIndex.build(INSTRUMENTS, [INTERLEAVED[i] for i in keep])
    for node in sorted(index.instruments):
        assert part.walk(node, "down", 3) == rebuilt.walk(node, "down", 3)


def test_cited_works_count_every_version() -> None:
    index = LineageIndex.build(INSTRUMENTS, EDGES)
    # 140: Busan cited by Dubai, Bucharest by the Council; 1332 once with a version, once
    # without; 1334: its 2015 version and the work
    assert index.cited_works == {PP140: 2, C1332: 2, C1334: 2}
    assert LineageIndex().cited_works == {}
    assert LineageIndex().walk(PP140, "up", 3) == []


def test_revision_links_are_a_networkx_chain(index: LineageIndex) -> None:
    assert list(index.graph.successors(V["140/2022"].id)) == [V["140/2018"].id]
    assert [i.object for i in index.revisions() if i.subject == V["140/2018"].id] == [
        V["140/2014"].id
    ]
    assert "2018 and 2014 are consecutive known versions" in next(
        i.reason for i in index.revisions() if i.subject == V["140/2018"].id
    )


def reference_edges_json(
    index: LineageIndex, found: list[tuple[int, CitationEdge]], direction: str
) -> list[dict[str, object]]:
    """The report's grouping as it was over edge objects (before the columns)."""
    from collections import defaultdict

    from reskg.lineage.report import instrument_json

    groups: dict[tuple[str, int, str], list[CitationEdge]] = defaultdict(list)
    for depth, edge in found:
        groups[(edge.relation, depth, edge.cited if direction == "up" else edge.citing)].append(
            edge
        )
    out: list[dict[str, object]] = []
    for (relation, depth, other), edges in sorted(
        groups.items(), key=lambda g: (g[0][1], g[0][2], g[0][0])
    ):
        item = index.instruments.get(other) or Instrument(other, None, None, None)
        spans = sorted(
            {
                (e.evidence.source, e.evidence.clause or "", e.evidence.surface,
                 e.evidence.start, e.evidence.end)
                for e in edges
            }
        )  # fmt: skip
        out.append(
            {
                "relation": relation,
                "depth": depth,
                ("target" if direction == "up" else "source"): instrument_json(item),
                "evidence": [
                    {"source": s, "clause": c or None, "surface": t, "start": a, "end": b}
                    for s, c, t, a, b in spans
                ],
            }
        )
    return out


@pytest.mark.parametrize("depth", [1, 3])
def test_report_groups_evidence_as_over_edge_objects(depth: int) -> None:
    from reskg.lineage import lineage_report

    index = LineageIndex.build(INSTRUMENTS, INTERLEAVED)
    for node in sorted(index.instruments):
        report = lineage_report(index, node, depth=depth)
        assert report["cites"] == reference_edges_json(index, index.walk(node, "up", depth), "up")
        assert report["cited_by"] == reference_edges_json(
            index, index.walk(node, "down", depth), "down"
        )
