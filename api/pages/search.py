"""The search page's results: the service's instrument search (:mod:`api.catalogue`, the
same matches as ``GET /instruments``), with what a reader needs to choose among them: the
texts held (languages) and how often the graph cites each instrument."""

from __future__ import annotations

from dataclasses import dataclass

from api.pages.catalogue import Catalogue, Text
from reskg.errors import NotFound
from reskg.lineage import resolve_target

MAX_RESULTS = 50
WHY = {
    "exact": "the citation or number names it",
    "name": "its name, number or title",
    "cited-as": "how texts cite it",
}


@dataclass(frozen=True, slots=True)
class Hit:
    id: str
    label: str
    title: str | None
    kind: str  # "work", "version" or "named instrument"
    texts: list[Text]
    citations: int  # citation edges to it (any version)
    why: str


def search(catalogue: Catalogue, query: str) -> tuple[list[Hit], int]:
    """The first ``MAX_RESULTS`` hits for ``query``, best first, and how many there are."""
    if not query.strip() or catalogue.search is None:
        return [], 0
    found = catalogue.search.search(query)
    cited = catalogue.index.cited_works  # citation edges to each work (any version)
    hits = []
    for hit in found[:MAX_RESULTS]:
        node = hit.entry.instrument.id
        hits.append(
            Hit(
                id=node,
                label=catalogue.label(node),
                title=catalogue.title(node),
                kind={"named": "named instrument"}.get(hit.entry.kind, hit.entry.kind),
                texts=catalogue.held(node),
                citations=cited.get(catalogue.index.work_of(node), 0),
                why=WHY.get(hit.tier, hit.tier),
            )
        )
    return hits, len(found)


def find(catalogue: Catalogue, text: str) -> str:
    """The node ``text`` names: an IRI or a citation (:func:`reskg.lineage.resolve_target`),
    else the best search hit ("Res. 140 Rev. Bucharest"). :class:`NotFound` if neither."""
    try:
        return resolve_target(catalogue.index, text, catalogue.minter)
    except NotFound as error:
        found = catalogue.search.search(text) if catalogue.search is not None else []
        if not found or text.strip().startswith(("http://", "https://")):
            raise error from None
        return found[0].entry.instrument.id
