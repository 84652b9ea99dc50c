"""The instrument catalogue behind ``GET /instruments``: search by number, symbol, title or
citation text, in English, French or Spanish.

Built in memory next to the lineage index (same refresh, see :mod:`api.indexes`) from the
index's instruments and one internal query for their texts
(``queries/internal/instrument-labels.rq``: titles, alternative labels in three
languages, UN symbols, and the surface of every citation of them). A search never builds
SPARQL: the user's text is matched here, in three tiers:

1. ``exact``: the text, read as a citation by :func:`reskg.cite.parse_citation` ("A/RES/78/132",
   "Résolution 140 (Rév. Bucarest, 2022)", "Agenda de Tunis"), names this node; or it
   equals the node's number.
2. ``name``: every word of the text starts a word of the node's label, number, titles,
   alternative labels or symbol ("Res. 140 Rev. Bucharest", "Tunis Agenda"); a word made
   of digits must match a whole word, so "13" does not find 1334.
3. ``cited-as``: the same test over those words and how texts cite the node, so
   "Res. 140 Rev. Bucharest" finds the 2022 version that a text cites as "Résolution 140
   (Rév. Bucarest, 2022)", and "1334" finds 1332 cited as "Résolutions 1332 et 1334".

A search does not walk the entries: an inverted index maps each word to the entries that
hold it (a query word of letters takes every word it starts, found by bisection in the
sorted vocabulary), so only the entries that hold every query word are tested; numbers are
looked up in a table of their own. At 50,000 synthetic documents (about 45,000 entries) the
walk took 58.6 ms a search over HTTP (p50).
"""

from __future__ import annotations

import re
import sys
import unicodedata
from array import array
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from itertools import islice
from typing import Any, Literal

from reskg.errors import ReskgError
from reskg.iri import Minter, undocs_symbol_iri
from reskg.lineage import Instrument, LineageIndex
from reskg.lineage.report import instrument_json

Tier = Literal["exact", "name", "cited-as"]
Kind = Literal["work", "version", "named"]
_TIER_ORDER: dict[Tier, int] = {"exact": 0, "name": 1, "cited-as": 2}
_KIND_ORDER: dict[Kind, int] = {"work": 0, "named": 1, "version": 2}
_WORD = re.compile(r"\w+")


def normalise(text: str) -> list[str]:
    """The words of ``text``, case-folded and without accents ("Rév." -> "rev")."""
    plain = text.casefold()
    if not plain.isascii():  # ASCII has nothing to decompose (most of the texts)
        decomposed = unicodedata.normalize("NFKD", plain)
        plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _WORD.findall(plain)


def _vocabulary(text: str) -> frozenset[str]:
    """The words of ``text`` as a set, each word one shared string across all entries."""
    return frozenset(map(sys.intern, normalise(text)))


@dataclass(frozen=True, slots=True)
class Entry:
    """One searchable node: an instrument as the lineage index knows it, with its texts."""

    instrument: Instrument
    kind: Kind
    label: str
    titles: tuple[str, ...]
    symbols: tuple[str, ...]
    name_words: frozenset[str]
    all_words: frozenset[str]  # name words and the words of every citation of it

    def as_json(self) -> dict[str, Any]:
        return {
            **instrument_json(self.instrument),
            "kind": self.kind,
            "work": self.instrument.work,
            "titles": list(self.titles),
            "symbols": list(self.symbols),
        }


@dataclass(frozen=True, slots=True)
class Hit:
    entry: Entry
    tier: Tier


def _matches(words: list[str], vocabulary: frozenset[str]) -> bool:
    """Every query word is a word of ``vocabulary`` (digits) or starts one (letters)."""
    for word in words:
        if word.isdigit():
            if word not in vocabulary:
                return False
        elif not any(known.startswith(word) for known in vocabulary):
            return False
    return True


def rank(hit: Hit) -> tuple[int, int, str, str]:
    """The order of search results: tier, then works before versions, then label."""
    return (
        _TIER_ORDER[hit.tier],
        _KIND_ORDER[hit.entry.kind],
        hit.entry.label.casefold(),
        hit.entry.instrument.id,
    )


class Catalogue:
    """Instruments searchable by text, filtered by issuer and type."""

    def __init__(self, entries: Iterable[Entry], minter: Minter) -> None:
        self.entries = {entry.instrument.id: entry for entry in entries}
        self.minter = minter
        self._nodes = list(self.entries)
        postings: dict[str, array[int]] = {}
        numbers: dict[str, list[str]] = defaultdict(list)
        for position, (node, entry) in enumerate(self.entries.items()):
            for word in entry.all_words:
                found = postings.get(word)
                if found is None:
                    found = postings[word] = array("I")
                found.append(position)
            if entry.instrument.number is not None:
                numbers[entry.instrument.number.casefold()].append(node)
        self._postings = postings
        self._vocabulary = sorted(postings)
        self._numbers = dict(numbers)

    def _holding(self, word: str) -> set[int]:
        """The positions of the entries with ``word`` among all their words: the word itself
        for digits, every word it starts for letters (as :func:`_matches` tests)."""
        if word.isdigit():
            return set(self._postings.get(word, ()))
        found: set[int] = set()
        start = bisect_left(self._vocabulary, word)
        for known in islice(self._vocabulary, start, None):
            if not known.startswith(word):
                break
            found.update(self._postings[known])
        return found

    def _candidates(self, words: list[str]) -> list[str]:
        """The nodes whose words hold every query word (all other entries fail both the
        ``name`` and the ``cited-as`` test), rarest word first."""
        held: set[int] | None = None
        for word in sorted(set(words), key=lambda w: (not w.isdigit(), -len(w))):
            found = self._holding(word)
            held = found if held is None else held & found
            if not held:
                return []
        return [self._nodes[position] for position in sorted(held or ())]

    @classmethod
    def build(
        cls, index: LineageIndex, labels: Iterable[Mapping[str, Any]], minter: Minter
    ) -> Catalogue:
        """From the lineage index and the rows of ``instrument-labels`` (node, field, text)."""
        texts: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        resolver = undocs_symbol_iri("")
        for row in labels:
            text = str(row["text"])
            if row["field"] == "match":
                if not text.startswith(resolver):
                    continue
                text = text[len(resolver) :]
                texts[row["node"]]["symbol"].add(text)
            else:
                texts[row["node"]][str(row["field"])].add(text)
        entries = []
        for item in index.instruments.values():
            own = texts.get(item.id, {})
            # A version is also found by its work's titles and symbols, and a work by its
            # versions' titles (the graph states titles on the version a text embodies).
            related = (
                [item.work] if item.work else [v.id for v in index.versions_of.get(item.id, [])]
            )
            titles = set(own.get("title", ()))
            symbols = set(own.get("symbol", ()))
            labels_ = set(own.get("label", ()))
            for other in related:
                titles |= texts.get(other, {}).get("title", set())
                symbols |= texts.get(other, {}).get("symbol", set())
            card = instrument_json(item)
            name_text = " ".join(
                [
                    card["label"],
                    item.number or "",
                    item.version_place or "",
                    *titles,
                    *labels_,
                    *symbols,
                ]
            )
            kind: Kind = "version" if item.work else ("work" if item.number else "named")
            entries.append(
                Entry(
                    instrument=item,
                    kind=kind,
                    label=card["label"],
                    titles=tuple(sorted(titles)),
                    symbols=tuple(sorted(symbols)),
                    name_words=_vocabulary(name_text),
                    all_words=_vocabulary(" ".join([name_text, *own.get("surface", ())])),
                )
            )
        return cls(entries, minter)

    def _exact(self, text: str) -> set[str]:
        from reskg.cite import parse_citation  # the extractor; loaded on first search

        found = set()
        try:
            ref = parse_citation(text)
        except ReskgError:
            ref = None
        if ref is not None:
            for candidate in (self.minter.version(ref), self.minter.work(ref)):
                if candidate is not None and candidate in self.entries:
                    found.add(candidate)
        found.update(self._numbers.get(text.strip().casefold(), ()))
        return found

    def hit(
        self,
        node: str,
        words: list[str],
        exact: set[str],
        issuer: str | None = None,
        type_: str | None = None,
    ) -> Hit | None:
        """``node`` as a hit for the query ``words`` (``exact``: the nodes the text names),
        with its tier; None when the filters or the words leave it out."""
        entry = self.entries[node]
        item = entry.instrument
        if (issuer is not None and item.issuer != issuer) or (
            type_ is not None and item.type != type_
        ):
            return None
        tier: Tier | None
        if not words:
            tier = "name"
        elif node in exact:
            tier = "exact"
        elif _matches(words, entry.name_words):
            tier = "name"
        elif _matches(words, entry.all_words):
            tier = "cited-as"
        else:
            tier = None
        return Hit(entry, tier) if tier is not None else None

    def search(
        self, text: str = "", issuer: str | None = None, type_: str | None = None
    ) -> list[Hit]:
        """Every entry that matches, best first (tier, then works before versions, then label)."""
        words = normalise(text)
        exact = self._exact(text) if words else set()
        if words:
            nodes = [*exact, *(n for n in self._candidates(words) if n not in exact)]
        else:
            nodes = list(self.entries)
        hits = [hit for node in nodes if (hit := self.hit(node, words, exact, issuer, type_))]
        hits.sort(key=rank)
        return hits
