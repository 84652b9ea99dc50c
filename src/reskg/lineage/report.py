"""The lineage answer: what ``reskg lineage --json`` prints and ``GET /lineage`` returns.

``resolve_target`` turns what a user typed (an IRI, or citation text such as "Resolution
140 (Rev. Bucharest, 2022)", read by the citation extractor) into a node of the index;
``lineage_report`` walks the index and shapes the JSON.
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from datetime import date
from typing import Any

from reskg.errors import NotFound
from reskg.iri import Minter
from reskg.lineage.index import CitationEdge, Direction, Instrument, LineageIndex
from reskg.queries import named

MAX_DEPTH = 10


def resolve_target(index: LineageIndex, text: str, minter: Minter) -> str:
    """The index node ``text`` names: an IRI as given, or the version (else the work) a
    citation text states. Unknown: :class:`NotFound` with the closest known labels."""
    text = text.strip()
    if text.startswith(("http://", "https://")):
        if text in index.instruments:
            return text
        raise NotFound(f"no instrument {text}{_suggest(index, text)}", rule="lineage.unknown")
    from reskg.cite import parse_citation

    ref = parse_citation(text)
    if ref is None:
        raise NotFound(
            f"cannot read {text!r} as a citation{_suggest(index, text)}", rule="lineage.citation"
        )
    for candidate in (minter.version(ref), minter.work(ref)):
        if candidate is not None and candidate in index.instruments:
            return candidate
    raise NotFound(f"{text!r} is not in the graph{_suggest(index, text)}", rule="lineage.unknown")


def suggestions(index: LineageIndex, text: str, limit: int = 5) -> list[tuple[str, str]]:
    """The known instruments whose labels are closest to ``text``: (label, IRI), best first."""
    labels = {_display(item): item.id for item in index.instruments.values()}
    close = difflib.get_close_matches(text, list(labels), n=limit, cutoff=0.4)
    return [(label, labels[label]) for label in close]


def _suggest(index: LineageIndex, text: str) -> str:
    close = [label for label, _ in suggestions(index, text)]
    return f"; did you mean: {'; '.join(close)}" if close else ""


def _display(item: Instrument) -> str:
    kind = (item.type or "instrument").capitalize()
    if item.number is None:
        return item.label or item.id
    when = f" ({', '.join(str(x) for x in (item.version_place, item.version_year) if x)})"
    return f"{item.issuer or ''} {kind} {item.number}{when if item.version_year else ''}".strip()


def instrument_json(item: Instrument) -> dict[str, Any]:
    return {
        "id": item.id,
        "issuer": item.issuer,
        "type": item.type,
        "number": item.number,
        "version_year": item.version_year,
        "version_place": item.version_place,
        "label": _display(item),
    }


def _edges_json(
    index: LineageIndex, found: list[tuple[int, CitationEdge]], direction: str
) -> list[dict[str, Any]]:
    """Group edges by (relation, depth, other end); each group lists its evidence."""
    groups: dict[tuple[str, int, str], list[CitationEdge]] = defaultdict(list)
    for depth, edge in found:
        other = edge.cited if direction == "up" else edge.citing
        groups[(edge.relation, depth, other)].append(edge)
    out = []
    for (relation, depth, other), edges in sorted(
        groups.items(), key=lambda g: (g[0][1], g[0][2], g[0][0])
    ):
        item = index.instruments.get(other) or Instrument(other, None, None, None)
        evidence = sorted(
            {
                (
                    e.evidence.source,
                    e.evidence.clause or "",
                    e.evidence.surface,
                    e.evidence.start,
                    e.evidence.end,
                )
                for e in edges
            }
        )
        out.append(
            {
                "relation": relation,
                "depth": depth,
                ("target" if direction == "up" else "source"): instrument_json(item),
                "evidence": [
                    {"source": s, "clause": c or None, "surface": t, "start": a, "end": b}
                    for s, c, t, a, b in evidence
                ],
            }
        )
    return out


def lineage_report(
    index: LineageIndex,
    node: str,
    *,
    direction: Direction = "both",
    depth: int = 1,
    as_of: date | None = None,
) -> dict[str, Any]:
    """The lineage JSON of ``node`` (a work, a version or a named instrument)."""
    depth = max(1, min(depth, MAX_DEPTH))
    item = index.instruments[node]
    work = index.work_of(node)
    report: dict[str, Any] = {
        "instrument": instrument_json(item),
        "work": work,
        "versions": [
            {
                "id": v.id,
                "version_year": v.version_year,
                "version_place": v.version_place,
                "date": v.date.isoformat() if v.date else None,
                "revises": v.revises,
                "in_force_from": v.in_force_from,
                "in_force_to": v.in_force_to,
            }
            for v in index.versions(work)
        ],
        "cites": _edges_json(index, index.walk(node, "up", depth), "up")
        if direction in ("up", "both")
        else [],
        "cited_by": _edges_json(index, index.walk(node, "down", depth), "down")
        if direction in ("down", "both")
        else [],
    }
    if as_of is not None:
        current = index.in_force(work, as_of)
        report["as_of"] = as_of.isoformat()
        report["in_force"] = current.id if current is not None else None
    report["sparql"] = {
        name: {"query": named(name).text, "parameters": {param: work}}
        for name, param in (("version-chain", "work"), ("who-cites", "instrument"))
    }
    return report
