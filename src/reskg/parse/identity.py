"""Who adopted a document and what it is, from its own header lines or AKN metadata.

ITU texts open with a header ("RÉSOLUTION 1334 (MODIFIÉE EN 2023)", "RESOLUTION 140
(REV. DUBAI, 2018)", "DECISION 5"), a title, and an enacting formula naming the body ("Le
Conseil de l'UIT,"). UN General Assembly texts carry the symbol, the session, the adoption
date and a "78/132. Title" line. The words are data (``identity.toml``); the shapes are here.
"""

from __future__ import annotations

import re
from datetime import date

from reskg.model import AknMeta, Identity, Span
from reskg.parse.lines import Line, normalise
from reskg.parse.phrases import Phrases, fold

# "RÉSOLUTION 1334 (MODIFIÉe EN 2023)": a type word, a number, an optional parenthesis.
HEADER = re.compile(
    r"^(?P<type>[^\W\d_]+)[\s\u00a0]+(?P<number>\d+(?:[/.-]\d+)?[A-Z]?)"
    r"(?:[\s\u00a0]*\((?P<paren>[^)]*)\))?[\s\u00a0]*$"
)
# A UNGA resolution's own number line: "78/132. Information and communications ...".
UNGA_NUMBER = re.compile(
    r"^(?P<number>\d{1,3}/\d{1,4}(?:\s?[A-Z](?:-[A-Z])?)?)\.\s+(?P<title>\S.*)$"
)
SYMBOL = re.compile(r"^A/RES/(?P<number>\d{1,3}/\d{1,4}[A-Z]*)\b")
YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
# "(adoptée à la sixième séance plénière)" under an ITU header.
SESSION_NOTE = re.compile(
    r"^\((?:adopt\w+|approved|aprobad\w+)\s+(?:à|at|en)\s+(?:la\s+|the\s+)?(?P<session>[^)]+)\)$",
    re.IGNORECASE,
)
_LANG3 = {"eng": "en", "fra": "fr", "fre": "fr", "spa": "es"}


def itu_identity(text: str, lines: list[Line], lang: Phrases, body_start: int) -> Identity:
    """Identity from the lines before the first section (``body_start`` is a line index)."""
    head = [ln for ln in lines[:body_start] if not ln.empty]
    doc_type, number, year, place, header, session = "resolution", None, None, None, None, None
    title_lines: list[str] = []
    issuer = None
    for ln in head:
        raw = ln.text(text)
        m = HEADER.match(raw)
        if header is None and m and fold(m.group("type")) in lang.types:
            doc_type = lang.types[fold(m.group("type"))]
            number = m.group("number")
            header = Span(ln.start, ln.end)
            year, place = revision(m.group("paren") or "", lang)
            continue
        note = SESSION_NOTE.match(raw)
        if note:
            session = normalise(note.group("session"))
            continue
        enact = lang.enacting_re.match(raw)
        if enact and raw.rstrip().endswith(","):
            issuer = lang.enacting[fold(enact.group("who"))]
            continue
        if header is not None and issuer is None:
            title_lines.append(raw)
    return Identity(
        issuer=issuer,
        type=doc_type,
        number=number,
        version_year=year,
        version_place=place,
        language=lang.code,
        title=normalise(" ".join(title_lines)) or None,
        session=session,
        header=header,
    )


def revision(paren: str, lang: Phrases) -> tuple[int | None, str | None]:
    """Year and place of "(REV. DUBAI, 2018)", "(MODIFIÉE EN 2023)", "(Dubai, 2018)"."""
    years = YEAR.findall(paren)
    year = int(years[-1]) if years else None
    rest = fold(paren)
    for marker in sorted(lang.revision_markers, key=len, reverse=True):
        if rest.startswith(marker):
            rest = rest[len(marker) :]
            break
    rest = YEAR.sub("", rest).strip(" ,.;")
    place = lang.places.get(rest) if rest else None
    if place is None and rest and not any(c.isdigit() for c in rest):
        place = rest.title()
    return year, place


def unga_identity(text: str, lines: list[Line], lang: Phrases, body_start: int) -> Identity:
    """Identity of a UNGA resolution from its cover lines (symbol, session, date, title)."""
    number = symbol = session = None
    adopted: date | None = None
    title: list[str] = []
    in_title = False
    for ln in lines[:body_start]:
        raw = ln.text(text)
        if in_title:
            if ln.empty:
                in_title = False
            else:
                title.append(raw)
            continue
        if ln.empty:
            continue
        if symbol is None and (m := SYMBOL.match(raw)):
            symbol = raw.split()[0]
        elif session is None and (m := lang.unga_session.match(raw)):
            session = normalise(m.group("session"))
        elif adopted is None and (
            m := lang.unga_adopted.match(normalise(raw + " " + _next(text, lines, ln)))
        ):
            adopted = parse_date(m.group("date"), lang)
        elif number is None and (m := UNGA_NUMBER.match(raw)):
            number = m.group("number")
            title = [m.group("title")]
            in_title = True
    if number is None and symbol:
        number = symbol.removeprefix("A/RES/")
    return Identity(
        issuer="UNGA",
        type="resolution",
        number=number,
        version_year=adopted.year if adopted else None,
        version_place=None,
        language=lang.code,
        title=normalise(" ".join(title)) or None,
        session=session,
        date=adopted,
        symbol=symbol or (f"A/RES/{number}" if number else None),
    )


def akn_identity(meta: AknMeta, title: str | None, fallback_lang: str) -> Identity:
    """Identity from AKN FRBR metadata; ``title`` is the preface line's text."""
    number = meta.number
    if title and (m := UNGA_NUMBER.match(title)):
        number = number or m.group("number")
        title = m.group("title")
    issuer = {"ga": "UNGA", "sc": "UNSC", "ecosoc": "ECOSOC", "hrc": "HRC"}.get(meta.author or "")
    return Identity(
        issuer=issuer or (meta.author.upper() if meta.author else None),
        type="resolution",
        number=number,
        version_year=meta.date.year if meta.date else None,
        version_place=None,
        language=_LANG3.get(meta.language or "", fallback_lang),
        title=normalise(title) if title else None,
        date=meta.date,
        symbol=meta.symbol,
    )


def parse_date(value: str, lang: Phrases) -> date | None:
    """ "19 December 2023", "1er janvier 2024", "19 de diciembre de 2023" -> a date."""
    m = re.match(r"(\d{1,2})(?:er)?\s+(?:de\s+)?([^\W\d_]+)\s+(?:de\s+)?(\d{4})", value)
    if not m or fold(m.group(2)) not in lang.months:
        return None
    try:
        return date(int(m.group(3)), lang.months.index(fold(m.group(2))) + 1, int(m.group(1)))
    except ValueError:
        return None


def _next(text: str, lines: list[Line], line: Line) -> str:
    """The next non-empty line's text (the adoption date is often wrapped)."""
    idx = lines.index(line)
    for ln in lines[idx + 1 : idx + 3]:
        if not ln.empty:
            return ln.text(text)
    return ""
