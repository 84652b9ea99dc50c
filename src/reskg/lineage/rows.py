"""Each document's citation edges as rows, and a cache of them beside the store.

The lineage index is built from one row per citation edge a document states (what
``queries/internal/lineage-edges.rq`` selects). Asking the store for all of them reads
every citation of the store: about 50 s at 50,000 documents, after every ingest, however
few documents it changed, and again at each start of the service. Yet a document's rows
depend on its own graph alone, and that graph on the file and the extractor. So:

- ingest derives each new document's rows in its worker, from the triples it has just
  built (:func:`document_rows`, the query's join done over one graph in Python);
- the rows of every stored document are kept in a cache file in the store's folder
  (:class:`RowCache`), each under its document's file hash and extractor version;
- :func:`gather` takes a document's rows from ingest or from the cache when its hash and
  extractor are those the store holds now, and asks the store only for the others (a
  store built before the cache, a remote store, a cache that was lost or is stale).

A cache file that cannot be read is ignored and written again; the cache never decides
what the index holds, the store's list of documents does. Rows are sorted within each
document and documents taken in graph order, so the index is the same whichever way its
rows came.

A row leaves out the citing text's date: the index reads it from the instruments (the
union's ``adoptedOn`` and ``versionYear``, ``lineage-nodes.rq``), as the query did.
"""

from __future__ import annotations

import contextlib
import marshal
import sys
import zlib
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from itertools import product
from pathlib import Path

from rdflib import Literal, URIRef
from rdflib.namespace import RDF

from reskg.vocab import RKG

# citing, cited, relation (local name), source, clause, surface, start, end, citation
EdgeRow = tuple[str, str, str, str, str | None, str, int, int, str | None]

CACHE_NAME = "reskg-lineage-rows"
_FORMAT = 1


@dataclass(frozen=True, slots=True)
class DocumentRows:
    """A stored document's rows, under the file hash and extractor version they came from.

    The rows are held packed (``marshal``, then ``zlib``: a document's IRIs repeat one
    another), about a kilobyte a document: held for every document of an ingest, or read
    from the cache for every stored one, as tuples they would take hundreds of megabytes at
    50,000 documents. :meth:`rows` unpacks them when the index takes them."""

    sha256: str
    extractor: str
    packed: bytes

    @classmethod
    def of(cls, sha256: str, extractor: str, rows: Iterable[EdgeRow]) -> DocumentRows:
        return cls(sha256, extractor, zlib.compress(marshal.dumps(sort_rows(rows)), 1))

    def rows(self) -> tuple[EdgeRow, ...]:
        rows: tuple[EdgeRow, ...] = marshal.loads(zlib.decompress(self.packed))
        return rows


def relation_name(relation: str) -> str:
    return relation.rsplit("#", 1)[-1]


def sort_rows(rows: Iterable[EdgeRow]) -> tuple[EdgeRow, ...]:
    """``rows`` without repeats, in one order (by span, then by what differs)."""
    return tuple(sorted(set(rows), key=lambda row: (row[6], row[7], row[1], row[2], str(row))))


# The properties of a citation a row reads, as the slots of its facts (see document_rows).
_CITATION_SLOTS = {
    RKG.hasCitedEntity: 0,
    RKG.hasCitingClause: 1,
    RKG.inSourceDocument: 2,
    RKG.surface: 3,
    RKG.spanStart: 4,
    RKG.spanEnd: 5,
}
_TYPE, _CITATION, _SELF = RDF.type, RKG.Citation, RKG.isSelfReference
_CLAUSE_OF, _SECTION_OF, _FALSE = RKG.isClauseOf, RKG.isSectionOf, Literal(False)


def document_rows(triples: Iterable[tuple[URIRef, URIRef, URIRef | Literal]]) -> list[EdgeRow]:
    """The rows ``lineage-edges.rq`` selects for one document graph, from its triples: each
    citation (not a self reference) with its cited entity, clause, source, surface and span,
    each relation the clause states to the cited entity, and the version whose section
    holds the clause. (Written for speed: it runs in ingest's workers for every document.)"""
    about: dict[URIRef | Literal, list[tuple[URIRef, URIRef | Literal]]] = defaultdict(list)
    for subject, predicate, value in triples:
        about[subject].append((predicate, value))
    rows: list[EdgeRow] = []
    for citation, pairs in about.items():
        if (_TYPE, _CITATION) not in pairs or (_SELF, _FALSE) not in pairs:
            continue
        facts: list[list[URIRef | Literal]] = [[], [], [], [], [], []]
        for predicate, value in pairs:
            slot = _CITATION_SLOTS.get(predicate)
            if slot is not None:
                facts[slot].append(value)
        cited_all, clauses, sources, surfaces, starts, ends = facts
        for cited, clause in product(cited_all, clauses):
            said = about.get(clause, ())
            relations = [predicate for predicate, value in said if value == cited]
            citing = [
                version
                for predicate, section in said
                if predicate == _CLAUSE_OF
                for step, version in about.get(section, ())
                if step == _SECTION_OF
            ]
            for relation, version, source, surface, start, end in product(
                relations, citing, sources, surfaces, starts, ends
            ):
                rows.append(
                    (
                        str(version),
                        str(cited),
                        relation_name(str(relation)),
                        str(source),
                        str(clause),
                        str(surface),
                        int(str(start)),
                        int(str(end)),
                        str(citation),
                    )
                )
    return rows


class RowCache:
    """The rows of stored documents, in a file of the store's folder (``marshal``: the
    file is reskg's own, read only by the Python that wrote it)."""

    def __init__(self, path: Path | None) -> None:
        self.path = path

    @classmethod
    def beside(cls, location: str | None) -> RowCache:
        """The cache of an on-disk store's folder; none for a store in memory or remote."""
        if location is None or not Path(location).is_dir():
            return cls(None)
        return cls(Path(location) / CACHE_NAME)

    def read(self) -> dict[str, DocumentRows]:
        """What the cache holds; nothing when there is none or it cannot be read."""
        if self.path is None:
            return {}
        try:
            with self.path.open("rb") as file:
                header, documents = marshal.load(file)
            if header != (_FORMAT, sys.version_info[:2]):
                return {}
            return {
                graph: DocumentRows(sha, extractor, packed)
                for graph, (sha, extractor, packed) in documents.items()
            }
        except (OSError, EOFError, ValueError, TypeError):
            return {}

    def discard(self) -> None:
        """Remove the cache; a cache that cannot be removed is a store that cannot be
        written, which the write that follows reports."""
        if self.path is not None:
            with contextlib.suppress(OSError):
                self.path.unlink(missing_ok=True)

    def write(self, documents: Mapping[str, DocumentRows]) -> None:
        """Replace the cache with ``documents`` (written beside, then renamed). A cache that
        cannot be written is left out: the next load asks the store."""
        if self.path is None:
            return
        payload = {
            graph: (item.sha256, item.extractor, item.packed) for graph, item in documents.items()
        }
        partial = self.path.with_name(f".{self.path.name}.partial")
        try:
            with partial.open("wb") as file:
                marshal.dump(((_FORMAT, sys.version_info[:2]), payload), file)
            partial.replace(self.path)
        except OSError:
            partial.unlink(missing_ok=True)
