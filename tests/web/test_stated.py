"""The pages show one relation per citation: the one its section states.

Over a reasoned store each citation's edge also comes as what OWL 2 RL infers from the
stated relation (``cites``, ``cito:cites`` ...). :func:`api.pages.catalogue.stated` keeps
the stated one, else plain ``cites``, else the first; it reads the index's columns and
must keep what it kept when it went over edge objects, in the same order.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

import pytest

from api.pages.catalogue import stated
from reskg.lineage import CitationEdge, Evidence, Instrument, LineageIndex

D = "https://w3id.org/reskg/akn/un/statement/deliberation/"
DOC = "https://w3id.org/reskg/doc/itu-council-res1334-2023-fr.txt"
CITING = D + "itu-c/2023/res-1334"
PP140 = D + "itu-pp/res-140"
C1332 = D + "itu-c/res-1332"
CITO = "http://purl.org/spar/cito/cites"
ON = date(2023, 7, 20)
INSTRUMENTS = [
    Instrument(PP140, "ITU-PP", "resolution", "140"),
    Instrument(C1332, "ITU-Council", "resolution", "1332"),
    Instrument(CITING, "ITU-Council", "resolution", "1334", 2023, work=D + "itu-c/res-1334"),
]


def edge(cited: str, relation: str, n: int, citation: bool = True) -> CitationEdge:
    evidence = Evidence(
        DOC,
        f"{DOC}/sec-1/cl-{n}",
        "Résolution",
        10 * n,
        10 * n + 5,
        f"{DOC}/cit-{n}" if citation else None,
    )
    return CitationEdge(CITING, cited, relation, evidence, ON)


CASES = {
    # the stated relation and what is inferred from it: the stated one
    "stated": [edge(PP140, "cites", 1), edge(PP140, "recalls", 1), edge(PP140, CITO, 1)],
    # only inferred relations: plain cites
    "inferred": [edge(PP140, CITO, 2), edge(PP140, "cites", 2), edge(PP140, "cites", 2)],
    # nothing but an IRI: the first
    "iri only": [edge(PP140, CITO, 3), edge(PP140, "http://example.org/refers", 3)],
    # two citations of one instrument in one text: both, each with its relation
    "two citations": [edge(C1332, "welcomes", 4), edge(C1332, "cites", 4), edge(C1332, "notes", 5)],
    # no citation record: grouped by source and start
    "no record": [edge(C1332, "cites", 6, False), edge(C1332, "urges", 6, False)],
}
EVERYTHING = [e for group in CASES.values() for e in group]


def stated_over_objects(edges: list[CitationEdge]) -> list[CitationEdge]:
    """What ``stated`` kept when the index held an object per edge."""
    groups: dict[tuple[str, str, str], list[CitationEdge]] = defaultdict(list)
    for e in edges:
        where = e.evidence.citation or f"{e.evidence.source}#{e.evidence.start}"
        groups[(e.citing, e.cited, where)].append(e)
    kept: list[CitationEdge] = []
    for group in groups.values():
        specific = [e for e in group if "://" not in e.relation and e.relation != "cites"]
        generic = [e for e in group if e.relation == "cites"]
        kept += specific or generic[:1] or group[:1]
    return kept


@pytest.mark.parametrize("edges", [*CASES.values(), EVERYTHING], ids=[*CASES, "everything"])
def test_stated_keeps_one_relation_per_citation(edges: list[CitationEdge]) -> None:
    index = LineageIndex.build(INSTRUMENTS, edges)
    assert list(stated(index).edges) == stated_over_objects(edges)


def test_stated_relations_by_case() -> None:
    kept = {
        name: [e.relation for e in stated(LineageIndex.build(INSTRUMENTS, edges)).edges]
        for name, edges in CASES.items()
    }
    assert kept == {
        "stated": ["recalls"],
        "inferred": ["cites"],
        "iri only": [CITO],
        "two citations": ["welcomes", "notes"],
        "no record": ["urges"],
    }


def test_stated_walks_and_counts_only_what_it_keeps() -> None:
    index = stated(LineageIndex.build(INSTRUMENTS, EVERYTHING))
    assert index.cited_works == {PP140: 3, C1332: 3}
    assert [e.relation for _, e in index.walk(C1332, "down", 1)] == ["welcomes", "notes", "urges"]


def test_an_index_with_nothing_to_drop_is_the_same_index() -> None:
    index = LineageIndex.build(INSTRUMENTS, CASES["two citations"][::2])
    assert stated(index) is index
