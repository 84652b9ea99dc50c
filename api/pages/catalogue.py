"""What every page needs, loaded from the store once and reused until the store changes.

The lineage index and the instrument search come from the service's index snapshot
(:mod:`api.indexes`, rebuilt after every write); this adds what only the pages need, every
name an instrument is known by (with its language), the texts held and the dataset's
figures, read with three queries when the snapshot changes and kept on the app. Those
reads are the service's own, as the index loads are (``ServedStore.loading``).
"""

from __future__ import annotations

import threading
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from fastapi import Request

from api.catalogue import Catalogue as SearchCatalogue
from api.indexes import Snapshot
from reskg.iri import Minter
from reskg.lineage import Instrument, LineageIndex
from reskg.queries import internal, rows
from reskg.store import GraphStore
from reskg.store.service import ServedStore

# Issuer codes as a reader knows them, short (diagram nodes) and long (page titles).
ISSUERS: dict[str, tuple[str, str]] = {
    "ITU-PP": ("PP", "ITU Plenipotentiary Conference"),
    "ITU-Council": ("Council", "ITU Council"),
    "ITU-WTSA": ("WTSA", "ITU World Telecommunication Standardization Assembly"),
    "ITU-WTDC": ("WTDC", "ITU World Telecommunication Development Conference"),
    "ITU-WRC": ("WRC", "ITU World Radiocommunication Conference"),
    "ITU-RA": ("RA", "ITU Radiocommunication Assembly"),
    "ITU-T": ("ITU-T", "ITU Telecommunication Standardization Sector"),
    "ITU-WTPF": ("WTPF", "ITU World Telecommunication Policy Forum"),
    "ITU": ("ITU", "International Telecommunication Union"),
    "UNGA": ("UNGA", "United Nations General Assembly"),
    "UNSC": ("UNSC", "United Nations Security Council"),
    "ECOSOC": ("ECOSOC", "United Nations Economic and Social Council"),
    "HRC": ("HRC", "Human Rights Council"),
    "WSIS": ("WSIS", "World Summit on the Information Society"),
    "UN": ("UN", "United Nations"),
}
KIND_SHORT = {"resolution": "Res.", "decision": "Dec.", "recommendation": "Rec."}


@dataclass(frozen=True, slots=True)
class Name:
    text: str
    language: str  # "" for symbols
    kind: str  # "title", "alias" or "symbol"


@dataclass(frozen=True, slots=True)
class Text:
    """A text held: the source document that carries ``version`` in ``language``."""

    version: str
    language: str
    document: str
    file: str
    media_type: str


@dataclass(frozen=True, slots=True)
class Figures:
    documents: int
    instruments: int
    citations: int
    languages: int


@dataclass(slots=True)
class Catalogue:
    index: LineageIndex
    names: dict[str, list[Name]]
    texts: dict[str, list[Text]]
    figures: Figures
    minter: Minter
    generation: int = 0
    search: SearchCatalogue | None = None  # the service's instrument search (api.catalogue)

    # -- names -------------------------------------------------------------------------

    def title(self, node: str, language: str | None = None) -> str | None:
        """A title of ``node`` (in ``language`` if it has one), falling back to its work's."""
        for candidate in (node, self.index.work_of(node)):
            titles = [n for n in self.names.get(candidate, []) if n.kind == "title"]
            if titles:
                preferred = [n for n in titles if n.language == language] or titles
                return preferred[0].text
        item = self.index.instruments.get(node)
        return item.label if item is not None else None

    def label(self, node: str, *, short: bool = False) -> str:
        """How a reader names ``node``: "PP Res. 140 (Bucharest, 2022)", "UNGA 78/132",
        or a named instrument's title."""
        item = self.index.instruments.get(node)
        if item is None:
            return node.rsplit("/", 1)[-1]
        if item.number is None:
            return item.label or self.title(node) or node.rsplit("/", 1)[-1]
        issuer = ISSUERS.get(item.issuer or "", (item.issuer or "", ""))[0]
        kind = item.type or "instrument"
        if item.issuer in ("UNGA", "UNSC", "ECOSOC", "HRC"):
            head = f"{issuer} {item.number}" if short else f"{issuer} resolution {item.number}"
        else:
            word = KIND_SHORT.get(kind, kind.capitalize()) if short else kind.capitalize()
            head = f"{issuer} {word} {item.number}".strip()
        if item.version_year is None:
            return head
        if short or not item.version_place:
            return f"{head} ({item.version_year})"
        return f"{head} ({item.version_place}, {item.version_year})"

    def issuer_name(self, node: str) -> str | None:
        item = self.index.instruments.get(self.index.work_of(node))
        if item is None or item.issuer is None:
            return None
        return ISSUERS.get(item.issuer, ("", item.issuer))[1]

    def held(self, node: str) -> list[Text]:
        """The texts held of ``node``: of the version, or of every version of a work."""
        if node in self.texts:
            return self.texts[node]
        return [t for v in self.index.versions(node) for t in self.texts.get(v.id, [])]

    def in_force(self, work: str, on: date | None = None) -> Instrument | None:
        return self.index.in_force(work, on or date.today())


def stated(index: LineageIndex) -> LineageIndex:
    """``index`` with one relation per citation: the one its section states.

    Over a reasoned store the lineage edges also carry what OWL 2 RL infers from the stated
    relation (``rkg:cites``, ``cito:cites``, ``dcterms:references`` ...): the pages show the
    stated one, else plain ``cites``. Reads the index's columns (no edge objects); the
    result shares the index's instruments and strings.
    """
    table = index.table
    groups: dict[tuple[int, int, str], list[int]] = defaultdict(list)
    for number in range(len(table)):
        where = table.citation_of(number) or (
            f"{table.strings[table.source[number]]}#{table.start[number]}"
        )
        groups[(table.citing[number], table.cited[number], where)].append(number)
    kept: list[int] = []
    for group in groups.values():
        relations = [(number, table.relation_of(number)) for number in group]
        specific = [n for n, relation in relations if "://" not in relation and relation != "cites"]
        generic = [n for n, relation in relations if relation == "cites"]
        kept += specific or generic[:1] or group[:1]
    if len(kept) == len(table):
        return index
    return index.subset(kept)


def load(store: GraphStore, index: LineageIndex, minter: Minter) -> Catalogue:
    """Read the names, texts and figures from ``store`` (the caller holds a read lock)."""
    names: dict[str, list[Name]] = defaultdict(list)
    for row in rows(store, internal("pages-names")):
        names[row["node"]].append(Name(row["name"], row.get("lang", ""), row["kind"]))
    texts: dict[str, list[Text]] = defaultdict(list)
    for row in rows(store, internal("pages-texts")):
        document = row["document"]
        texts[row["version"]].append(
            Text(
                version=row["version"],
                language=row["language"],
                document=document,
                file=row.get("file") or document.rsplit("/", 1)[-1],
                media_type=row.get("mediaType", ""),
            )
        )
    figures = rows(store, internal("pages-figures"))
    first = figures[0] if figures else {}
    return Catalogue(
        index=stated(index),
        names=dict(names),
        texts=dict(texts),
        figures=Figures(
            documents=int(first.get("documents", 0)),
            instruments=int(first.get("instruments", 0)),
            citations=int(first.get("citations", 0)),
            languages=int(first.get("languages", 0)),
        ),
        minter=minter,
    )


_BUILDING = threading.Lock()  # one load at a time


def current(request: Request) -> Catalogue:
    """The pages' catalogue for the app's current index snapshot (:mod:`api.indexes`,
    rebuilt after every write), read again when the snapshot changes."""
    snapshot: Snapshot = request.app.state.indexes.current
    with _BUILDING:
        cached: Catalogue | None = getattr(request.app.state, "pages_catalogue", None)
        if cached is not None and cached.generation == snapshot.generation:
            return cached
        served: ServedStore = request.app.state.served
        # The service's own bulk read, as the index loads (api/indexes.py): bounded by
        # RESKG_STORE_TIMEOUT over a remote store, not by the public query timeout.
        with served.loading() as store:
            catalogue = load(store, snapshot.lineage, request.app.state.minter)
        catalogue.generation = snapshot.generation
        catalogue.search = snapshot.catalogue
        request.app.state.pages_catalogue = catalogue
        return catalogue
