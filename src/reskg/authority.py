"""Authority data: the bodies, conferences and named instruments citations resolve to.

The facts live in ``data/authority/*.toml`` (provenance in that folder's README), not in
code, so adding a conference or an alias is a data change. They are loaded once per
process (:func:`load_authority` is cached) and exposed as frozen dataclasses.
"""

from __future__ import annotations

import tomllib
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from reskg.errors import InputError
from reskg.resources import data_dir

_LANGUAGES = ("en", "fr", "es")


def place_key(text: str) -> str:
    """Fold a place name for lookup: "Buenos-Aires", "BUENOS AIRES", "Bucarest" -> letters only.

    Accents, case, hyphens and spaces differ between languages and converters, never the
    letters, so the key keeps only the folded letters.
    """
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if c.isalnum()).lower()


# conferences (by identity) -> (those conferences, place key -> the conferences held there)
_PLACES: dict[int, tuple[tuple[Conference, ...], dict[str, tuple[Conference, ...]]]] = {}


def _held_at(conferences: tuple[Conference, ...]) -> dict[str, tuple[Conference, ...]]:
    """Each place key of ``conferences`` (every spelling) -> the conferences held there, in
    their order; built once per authority (the resolver asks for every citation)."""
    known = _PLACES.get(id(conferences))
    if known is not None and known[0] is conferences:
        return known[1]
    index: dict[str, list[Conference]] = {}
    for c in conferences:
        for key in dict.fromkeys(place_key(n) for n in (c.place, *c.spellings)):
            index.setdefault(key, []).append(c)
    built = {key: tuple(found) for key, found in index.items()}
    _PLACES[id(conferences)] = (conferences, built)
    return built


@dataclass(frozen=True, slots=True)
class Body:
    """An issuing body, by its gold issuer code."""

    code: str
    names: tuple[tuple[str, str], ...]  # (language, name) pairs
    parent: str | None = None

    def name(self, language: str = "en") -> str | None:
        return dict(self.names).get(language)


@dataclass(frozen=True, slots=True)
class Conference:
    """One session of an ITU conference or assembly, e.g. PP-22 at Bucharest in 2022."""

    body: str
    short: str
    place: str  # canonical English spelling: the JSON ``version_place``
    year: int
    spellings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class NamedInstrument:
    """An instrument cited by its name ("Tunis Agenda") rather than a number."""

    key: str
    issuer: str
    type: str
    title_en: str
    aliases: tuple[tuple[str, tuple[str, ...]], ...]  # (language, aliases)
    bare: tuple[tuple[str, tuple[str, ...]], ...] = ()  # one-word names valid in ITU texts
    version_year: int | None = None
    adopted_by: str | None = None  # the resolution number that adopted it, e.g. "70/1"


@dataclass(frozen=True, slots=True)
class Authority:
    """All authority data, with the lookups the resolver needs."""

    bodies: tuple[Body, ...]
    conferences: tuple[Conference, ...]
    instruments: tuple[NamedInstrument, ...]

    def conference(self, place: str, year: int | None) -> Conference | None:
        """The conference held at ``place`` (any spelling) in ``year``, or at ``place`` alone
        when only one conference was held there and no year is given."""
        found = _held_at(self.conferences).get(place_key(place), ())
        if year is not None:
            found = tuple(c for c in found if c.year == year)
        return found[0] if len(found) == 1 else None

    def canonical_place(self, place: str) -> str | None:
        """The English spelling of a known conference place ("Bucarest" -> "Bucharest")."""
        found = _held_at(self.conferences).get(place_key(place), ())
        return found[0].place if found else None

    def place_names(self) -> tuple[str, ...]:
        """Every spelling of every conference place, longest first (for patterns)."""
        names = {n for c in self.conferences for n in (c.place, *c.spellings)}
        return tuple(sorted(names, key=lambda n: (-len(n), n)))

    def body(self, code: str) -> Body | None:
        return next((b for b in self.bodies if b.code == code), None)

    def instrument(self, key: str) -> NamedInstrument | None:
        return next((i for i in self.instruments if i.key == key), None)


def _read(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError as exc:
        raise InputError("authority data file is missing", path=str(path)) from exc
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"authority data is not valid TOML: {exc}", path=str(path)) from exc


def _per_language(table: Any, path: Path, what: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    if table is None:
        return ()
    if not isinstance(table, dict) or not set(table) <= set(_LANGUAGES):
        raise InputError(f"{what} must be a table keyed by {_LANGUAGES}", path=str(path))
    return tuple((lang, tuple(str(a) for a in table[lang])) for lang in _LANGUAGES if lang in table)


def _require(row: dict[str, Any], keys: tuple[str, ...], path: Path, what: str) -> None:
    missing = [k for k in keys if k not in row]
    if missing:
        raise InputError(f"{what} {row!r} lacks {', '.join(missing)}", path=str(path))


@cache
def load_authority(directory: Path | None = None) -> Authority:
    """Load ``bodies.toml``, ``conferences.toml`` and ``instruments.toml``.

    Args:
        directory: the folder holding the files; ``data/authority`` of the project when None.

    Raises:
        InputError: a file is missing, is not TOML, or a row lacks a required key.
    """
    folder = directory if directory is not None else data_dir() / "authority"
    bodies_path = folder / "bodies.toml"
    bodies = []
    for row in _read(bodies_path).get("body", []):
        _require(row, ("code", "name"), bodies_path, "body")
        names = tuple(sorted((str(k), str(v)) for k, v in row["name"].items()))
        bodies.append(Body(code=row["code"], names=names, parent=row.get("parent")))

    conferences_path = folder / "conferences.toml"
    conferences = []
    for row in _read(conferences_path).get("conference", []):
        _require(row, ("body", "short", "place", "year"), conferences_path, "conference")
        conferences.append(
            Conference(
                body=row["body"],
                short=row["short"],
                place=row["place"],
                year=int(row["year"]),
                spellings=tuple(row.get("spellings", ())),
            )
        )

    instruments_path = folder / "instruments.toml"
    instruments = []
    for row in _read(instruments_path).get("instrument", []):
        _require(
            row, ("key", "issuer", "type", "title_en", "aliases"), instruments_path, "instrument"
        )
        instruments.append(
            NamedInstrument(
                key=row["key"],
                issuer=row["issuer"],
                type=row["type"],
                title_en=row["title_en"],
                aliases=_per_language(row["aliases"], instruments_path, "aliases"),
                bare=_per_language(row.get("bare"), instruments_path, "bare"),
                version_year=row.get("version_year"),
                adopted_by=row.get("adopted_by"),
            )
        )
    known = {b.code for b in bodies}
    codes = [c.body for c in conferences] + [i.issuer for i in instruments]
    for code in codes:
        if code not in known:
            raise InputError(f"unknown issuer code {code!r}", path=str(folder))
    return Authority(tuple(bodies), tuple(conferences), tuple(instruments))
