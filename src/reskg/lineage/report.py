"""The lineage answer: what ``reskg lineage --json`` prints and ``GET /lineage`` returns.

``resolve_target`` turns what a user typed (an IRI, a label the API gives such as
"ITU-Council Resolution 1334 (2023)", or citation text such as "Resolution 140 (Rev.
Bucharest, 2022)", read by the citation extractor) into a node of the index;
``lineage_report`` walks the index and shapes the JSON.
"""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from datetime import date
from typing import Any

from reskg.errors import NotFound
from reskg.iri import Minter
from reskg.lineage.index import (
    Direction,
    Instrument,
    LineageIndex,
    display_label,
)
from reskg.queries import named

MAX_DEPTH = 10

# A label as the API or the pages write one: issuer code, kind, number, then the version
# ("(Bucharest, 2022)", "(2023)") if any: "ITU-Council Resolution 1334 (2023)", "UNGA
# resolution 70/125", "PP Res. 140 (Bucharest, 2022)".
_LABEL = re.compile(r"(?P<issuer>[^\W\d_][\w-]*) (?P<kind>[^\W\d_][\w-]*)\.? (?P<rest>\S.*)")
_VERSION = re.compile(r"(?P<number>\S.*?) ?\((?:(?P<place>[^(),]+), ?)?(?P<year>\d{4})\)")
_KIND_ABBREVIATIONS = {"res": "resolution", "dec": "decision", "rec": "recommendation"}

# (issuer, kind, number, place, year) as a label states them, case-folded
_Parts = tuple[str, str, str, str | None, int | None]


def resolve_target(index: LineageIndex, text: str, minter: Minter) -> str:
    """The index node ``text`` names: an IRI as given; the node a label names (every label
    the API gives, :func:`~reskg.lineage.index.display_label`, and the same parts written
    as the pages write them); or the version (else the work) a citation text states.
    Unknown: :class:`NotFound` with the closest known labels."""
    text = text.strip()
    if text.startswith(("http://", "https://")):
        if text in index.instruments:
            return text
        raise NotFound(f"no instrument {text}{_suggest(index, text)}", rule="lineage.unknown")
    labelled = index.find_label(text) or _by_label_parts(index, text)
    if labelled is not None:
        return labelled
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


def _label_parts(text: str) -> list[_Parts]:
    """The readings of ``text`` as a label: the last parenthesis is a version, or part of
    the number ("UNSC resolution 2417 (2018)", "UNGA resolution 217 (III)")."""
    match = _LABEL.fullmatch(" ".join(text.split()).casefold())
    if match is None:
        return []
    issuer, rest = match["issuer"], match["rest"]
    kind = _KIND_ABBREVIATIONS.get(match["kind"], match["kind"])
    readings: list[_Parts] = [(issuer, kind, rest, None, None)]
    version = _VERSION.fullmatch(rest)
    if version is not None:
        place = version["place"].strip() if version["place"] else None
        readings.append((issuer, kind, version["number"], place, int(version["year"])))
    return readings


def _names(item: Instrument, parts: _Parts) -> bool:
    """Whether ``item`` is what ``parts`` describe; an ITU issuer may be written without
    "ITU-" ("PP", "Council"), and a label without a place names the version of that year."""
    issuer, kind, number, place, year = parts
    if item.issuer is None or item.number is None:
        return False
    code = item.issuer.casefold()
    return (
        issuer in (code, code.removeprefix("itu-"))
        and kind == (item.type or "instrument")
        and number == " ".join(item.number.split()).casefold()
        and year == item.version_year
        and (place is None or place == (item.version_place or "").casefold())
    )


def _by_label_parts(index: LineageIndex, text: str) -> str | None:
    """The one node that ``text``, read as a label, names; None when none or several do."""
    readings = _label_parts(text)
    if not readings:
        return None
    found = {
        item.id
        for item in index.instruments.values()
        if any(_names(item, parts) for parts in readings)
    }
    return found.pop() if len(found) == 1 else None


def suggestions(index: LineageIndex, text: str, limit: int = 5) -> list[tuple[str, str]]:
    """The known instruments whose labels are closest to ``text``: (label, IRI), best first."""
    labels = {display_label(item): item.id for item in index.instruments.values()}
    close = difflib.get_close_matches(text, list(labels), n=limit, cutoff=0.4)
    return [(label, labels[label]) for label in close]


def _suggest(index: LineageIndex, text: str) -> str:
    close = [label for label, _ in suggestions(index, text)]
    return f"; did you mean: {'; '.join(close)}" if close else ""


def instrument_json(item: Instrument) -> dict[str, Any]:
    return {
        "id": item.id,
        "issuer": item.issuer,
        "type": item.type,
        "number": item.number,
        "version_year": item.version_year,
        "version_place": item.version_place,
        "label": display_label(item),
    }


def _edges_json(
    index: LineageIndex, found: list[tuple[int, int]], direction: str
) -> list[dict[str, Any]]:
    """Group edges (depth, edge number) by (relation, depth, other end); each group lists
    its evidence. Read from the index's columns: no edge object is made."""
    table = index.table
    ends = table.cited if direction == "up" else table.citing
    groups: dict[tuple[str, int, str], set[tuple[int, int, int, int, int]]] = defaultdict(set)
    for depth, number in found:
        key = (table.relation_of(number), depth, table.nodes[ends[number]])
        groups[key].add(table.span_codes(number))
    out = []
    for (relation, depth, other), spans in sorted(
        groups.items(), key=lambda g: (g[0][1], g[0][2], g[0][0])
    ):
        item = index.instruments.get(other) or Instrument(other, None, None, None)
        evidence = sorted({table.span(codes) for codes in spans})
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
        "cites": _edges_json(index, index.walk_numbers(node, "up", depth), "up")
        if direction in ("up", "both")
        else [],
        "cited_by": _edges_json(index, index.walk_numbers(node, "down", depth), "down")
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
