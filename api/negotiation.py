"""Pick the answer's media type from ``Accept`` (with q-values) or a ``format`` parameter.

The choice depends on the query form, known before evaluation, so an unacceptable request
gets 406 without running anything. ``format`` (what SPARQLWrapper and browsers send)
wins over ``Accept``; its short names mean different things per form (``xml`` is SPARQL
XML for SELECT, RDF/XML for CONSTRUCT), which is why each form has its own table.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from api.problems import Problem
from reskg.store import formats
from reskg.store.interface import AnswerKind

# Offered media types, in the server's order of preference, each with the aliases a
# client may ask for it by.
OFFERS: dict[AnswerKind, dict[str, tuple[str, ...]]] = {
    "bindings": {
        formats.RESULTS_JSON: ("application/json",),
        formats.RESULTS_XML: ("application/xml", "text/xml"),
        formats.RESULTS_CSV: (),
        formats.RESULTS_TSV: (),
    },
    "boolean": {
        formats.RESULTS_JSON: ("application/json",),
        formats.RESULTS_XML: ("application/xml", "text/xml"),
    },
    "graph": {
        formats.TURTLE: ("application/x-turtle", "application/turtle", "text/n3"),
        formats.N_TRIPLES: ("text/plain",),
        formats.JSON_LD: ("application/x-json+ld", "application/json"),
        formats.RDF_XML: ("application/xml", "text/xml"),
    },
}

_RESULT_NAMES = {
    "json": formats.RESULTS_JSON,
    "srj": formats.RESULTS_JSON,
    "xml": formats.RESULTS_XML,
    "srx": formats.RESULTS_XML,
    "csv": formats.RESULTS_CSV,
    "tsv": formats.RESULTS_TSV,
}
FORMAT_NAMES: dict[AnswerKind, dict[str, str]] = {
    "bindings": _RESULT_NAMES,
    "boolean": {name: type_ for name, type_ in _RESULT_NAMES.items() if name not in ("csv", "tsv")},
    "graph": {
        "turtle": formats.TURTLE,
        "ttl": formats.TURTLE,
        "n3": formats.TURTLE,  # Turtle is N3 without its extensions
        "nt": formats.N_TRIPLES,
        "ntriples": formats.N_TRIPLES,
        "n-triples": formats.N_TRIPLES,
        "jsonld": formats.JSON_LD,
        "json-ld": formats.JSON_LD,
        "json": formats.JSON_LD,
        "xml": formats.RDF_XML,
        "rdf": formats.RDF_XML,
        "rdfxml": formats.RDF_XML,
        "rdf+xml": formats.RDF_XML,
    },
}


@dataclass(frozen=True, slots=True)
class MediaRange:
    type: str
    subtype: str
    quality: float

    def specificity(self, media_type: str) -> int:
        """How precisely this range matches ``media_type``: 3, 2, 1, or 0 for no match."""
        main, _, sub = media_type.partition("/")
        if self.type == "*":
            return 1
        if self.type != main:
            return 0
        if self.subtype == "*":
            return 2
        return 3 if self.subtype == sub else 0


def parse_accept(header: str) -> list[MediaRange]:
    """The media ranges of an ``Accept`` header; malformed entries are skipped."""
    ranges = []
    for item in header.split(","):
        parts = [part.strip() for part in item.split(";")]
        main, slash, sub = parts[0].lower().partition("/")
        if not slash or not main or not sub:
            continue
        quality = 1.0
        for parameter in parts[1:]:
            key, _, value = parameter.partition("=")
            if key.strip().lower() == "q":
                try:
                    quality = min(max(float(value), 0.0), 1.0)
                except ValueError:
                    quality = 0.0
        ranges.append(MediaRange(main, sub, quality))
    return ranges


def _quality(names: Sequence[str], ranges: Sequence[MediaRange]) -> float:
    best_specificity, best_quality = 0, 0.0
    for name in names:
        for media_range in ranges:
            specificity = media_range.specificity(name)
            if specificity > best_specificity or (
                specificity == best_specificity
                and specificity
                and media_range.quality > best_quality
            ):
                best_specificity, best_quality = specificity, media_range.quality
    return best_quality if best_specificity else 0.0


def pick(offers: Mapping[str, Sequence[str]], accept: str | None) -> str | None:
    """The offered media type ``accept`` prefers (first offered wins ties), or None.

    ``offers`` maps each media type, in the server's order of preference, to its aliases.
    """
    ranges = parse_accept(accept or "*/*") or parse_accept("*/*")
    best, best_quality = None, 0.0
    for offered, aliases in offers.items():
        quality = _quality((offered, *aliases), ranges)
        if quality > best_quality:
            best, best_quality = offered, quality
    return best


@lru_cache(maxsize=256)
def _preferred(kind: AnswerKind, accept: str | None) -> str | None:
    """:func:`pick` for a query form, remembered: clients repeat their ``Accept``."""
    return pick(OFFERS[kind], accept)


def choose(kind: AnswerKind, accept: str | None, format_values: Sequence[str] = ()) -> str:
    """The media type to answer with, or a 406 :class:`Problem`."""
    offers = OFFERS[kind]
    if format_values:
        names = FORMAT_NAMES[kind]
        for value in format_values:
            wanted = value.strip().lower()
            if wanted in names:
                return names[wanted]
            for offered, aliases in offers.items():
                if formats.canonical(wanted) == offered or wanted in aliases:
                    return offered
        raise Problem(
            406,
            f"format {format_values[0]!r} is not available for this query form; "
            f"use one of {', '.join(sorted(names))}",
            rule="http.format",
        )
    best = _preferred(kind, accept)
    if best is None:
        raise Problem(
            406,
            f"none of the accepted media types is available; offered: {', '.join(offers)}",
            rule="http.accept",
        )
    return best
