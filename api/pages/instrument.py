"""The instrument page: identity, versions (and the one in force), clauses by section with
each citation highlighted and linked, what it cites and what cites it, the texts held.

Clause texts and citation spans both count characters of the same source text, so a
citation's place in its clause is its span minus the clause's own ``spanStart``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from api.pages.catalogue import Catalogue, Text
from reskg.errors import NotFound
from reskg.lineage import lineage_report
from reskg.queries import internal, rows
from reskg.store import GraphStore

PARTS = {
    "PreambularSection": "preamble",
    "OperativeSection": "operative part",
    "AnnexSection": "annex",
}


@dataclass(frozen=True, slots=True)
class Mark:
    """A citation highlighted in a clause: its text and every node it names."""

    surface: str
    targets: tuple[tuple[str, str], ...]  # (IRI, label)
    resolved: tuple[tuple[str, str], ...] = ()  # the version an unqualified citation means


@dataclass(slots=True)
class Clause:
    id: str
    label: str | None
    pieces: list[str | Mark] = field(default_factory=list)


@dataclass(slots=True)
class Section:
    id: str
    position: int
    heading: str
    function: str | None
    part: str
    addressee: str | None
    clauses: list[Clause] = field(default_factory=list)

    @property
    def citations(self) -> int:
        return sum(1 for c in self.clauses for p in c.pieces if isinstance(p, Mark))


@dataclass(frozen=True, slots=True)
class Related:
    id: str
    label: str
    depth: int
    evidence: list[dict[str, Any]]


@dataclass(slots=True)
class Page:
    id: str
    label: str
    title: str | None
    kind: str
    issuer: str | None
    work: str
    versions: list[dict[str, Any]]
    in_force: str | None
    shown: str | None  # the version whose text is shown
    text: Text | None
    texts: list[Text]
    sections: list[Section]
    cites: dict[str, list[Related]]
    cited_by: dict[str, list[Related]]


def pieces(text: str, offset: int, marks: list[tuple[int, int, Mark]]) -> list[str | Mark]:
    """Split a clause ``text`` (starting at ``offset`` in its source) around ``marks``
    (spans in the source); a mark overlapping an earlier one is not highlighted again."""
    out: list[str | Mark] = []
    cursor = 0
    for start, end, mark in sorted(marks, key=lambda m: (m[0], -m[1])):
        a, b = start - offset, end - offset
        if a < cursor or b > len(text) or a >= b:
            continue
        if a > cursor:
            out.append(text[cursor:a])
        out.append(mark)
        cursor = b
    if cursor < len(text):
        out.append(text[cursor:])
    return out


def _marks(catalogue: Catalogue, store: GraphStore, document: str) -> dict[str, list[Any]]:
    """Citation marks per clause IRI: citations with the same span become one mark."""
    spans: dict[tuple[str, int, int], list[dict[str, Any]]] = defaultdict(list)
    for row in rows(store, internal("pages-citations"), {"document": document}):
        if row.get("self"):
            continue
        spans[(row["clause"], row["start"], row["end"])].append(row)
    by_clause: dict[str, list[Any]] = defaultdict(list)
    for (clause, start, end), found in spans.items():
        targets = tuple(dict.fromkeys((r["cited"], catalogue.label(r["cited"])) for r in found))
        resolved = tuple(
            dict.fromkeys(
                (r["resolved"], catalogue.label(r["resolved"])) for r in found if r.get("resolved")
            )
        )
        by_clause[clause].append((start, end, Mark(found[0]["surface"], targets, resolved)))
    return by_clause


def sections(catalogue: Catalogue, store: GraphStore, document: str) -> list[Section]:
    """The sections of one source document, each clause cut into text and citation marks."""
    marks = _marks(catalogue, store, document)
    found: dict[str, Section] = {}
    for row in rows(store, internal("pages-clauses"), {"document": document}):
        section = found.get(row["section"])
        if section is None:
            section = found[row["section"]] = Section(
                id=row["section"],
                position=row["position"],
                heading=row["heading"],
                function=row.get("function"),
                part=PARTS.get(row["part"].rsplit("#", 1)[-1], "section"),
                addressee=row.get("addressee"),
            )
        if "clause" in row:
            clause = Clause(row["clause"], row.get("label"))
            clause.pieces = pieces(row["text"], row["start"], marks.get(row["clause"], []))
            section.clauses.append(clause)
    return sorted(found.values(), key=lambda s: s.position)


def _grouped(
    catalogue: Catalogue, edges: list[dict[str, Any]], end: str
) -> dict[str, list[Related]]:
    groups: dict[str, list[Related]] = defaultdict(list)
    for edge in edges:
        other = edge[end]["id"]
        groups[edge["relation"]].append(
            Related(other, catalogue.label(other), edge["depth"], edge["evidence"])
        )
    return {relation: groups[relation] for relation in sorted(groups)}


def _shown(catalogue: Catalogue, node: str, in_force: str | None) -> str | None:
    """The version whose text the page shows: the node itself, else the version in force,
    else the latest version held."""
    if catalogue.texts.get(node):
        return node
    work = catalogue.index.work_of(node)
    if in_force is not None and catalogue.texts.get(in_force):
        return in_force
    held = [v.id for v in catalogue.index.versions(work) if catalogue.texts.get(v.id)]
    return held[-1] if held else None


def page(
    catalogue: Catalogue,
    store: GraphStore,
    node: str,
    *,
    document: str | None = None,
    today: date | None = None,
) -> Page:
    """The page of ``node`` (a work, a version or a named instrument); ``document`` picks
    which held text to show when there are several (languages, formats)."""
    index = catalogue.index
    if node not in index.instruments:
        raise NotFound(f"no instrument {node}", rule="pages.instrument")
    work = index.work_of(node)
    current = catalogue.in_force(work, today)
    in_force = current.id if current is not None else None
    report = lineage_report(index, node, direction="both", depth=1)
    shown = _shown(catalogue, node, in_force)
    texts = catalogue.texts.get(shown, []) if shown else []
    text = next((t for t in texts if t.document == document), texts[0] if texts else None)
    item = index.instruments[node]
    return Page(
        id=node,
        label=catalogue.label(node),
        title=catalogue.title(node, text.language if text else None),
        kind="version" if item.work else ("work" if item.number else "named instrument"),
        issuer=catalogue.issuer_name(node),
        work=work,
        versions=report["versions"],
        in_force=in_force,
        shown=shown,
        text=text,
        texts=catalogue.held(work) if work in index.versions_of else texts,
        sections=sections(catalogue, store, text.document) if text else [],
        cites=_grouped(catalogue, report["cites"], "target"),
        cited_by=_grouped(catalogue, report["cited_by"], "source"),
    )
