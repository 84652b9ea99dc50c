"""What the lineage index knows and answers: instruments, citation edges with their
evidence, versions and what is derived from them (re-exported by :mod:`reskg.lineage`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

Direction = Literal["up", "down", "both"]


@dataclass(frozen=True, slots=True)
class Instrument:
    """A work, a version of one, or a named instrument, as the graph knows it."""

    id: str
    issuer: str | None
    type: str | None
    number: str | None
    version_year: int | None = None
    version_place: str | None = None
    label: str | None = None
    work: str | None = None  # for a version: its work; None for works and named instruments
    date: date | None = None  # adoption date, where known


def display_label(item: Instrument) -> str:
    """How the API names ``item`` (``label`` of ``/lineage``, ``/instruments`` and the
    404 ``suggestions``): "ITU-PP Resolution 140 (Bucharest, 2022)", "ITU-Council
    Resolution 1334 (2023)", "UNGA Resolution 78/132", or a named instrument's title.
    ``cite=`` reads every such label back (:meth:`LineageIndex.find_label`)."""
    kind = (item.type or "instrument").capitalize()
    if item.number is None:
        return item.label or item.id
    when = f" ({', '.join(str(x) for x in (item.version_place, item.version_year) if x)})"
    return f"{item.issuer or ''} {kind} {item.number}{when if item.version_year else ''}".strip()


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a text states a citation: the source document, clause and exact span."""

    source: str
    clause: str | None
    surface: str
    start: int
    end: int
    citation: str | None = None  # the citation record's IRI


@dataclass(frozen=True, slots=True)
class CitationEdge:
    """``citing`` cites ``cited`` with ``relation`` ("recalls", "instructs", ...)."""

    citing: str
    cited: str
    relation: str
    evidence: Evidence
    citing_date: date | None = None  # when the citing text was adopted


@dataclass(frozen=True, slots=True)
class Version:
    id: str
    version_year: int | None
    version_place: str | None
    date: date | None
    revises: str | None
    in_force_from: str | None
    in_force_to: str | None


@dataclass(frozen=True, slots=True)
class Inference:
    """Something derived, with its reason (written to the lineage graph)."""

    kind: Literal["revises", "resolved-version", "stale"]
    subject: str  # a version (revises) or an evidence span's citation (resolved, stale)
    object: str
    reason: str
    evidence: Evidence | None = None
