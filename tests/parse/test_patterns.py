"""Each pattern of the parser, with real positives and the known false positives."""

from __future__ import annotations

import re

import pytest

from reskg.parse.identity import HEADER, SESSION_NOTE, UNGA_NUMBER
from reskg.parse.phrases import phrases
from reskg.parse.structure import (
    ANNEX,
    GLUED_ANNEX,
    GLUED_CLAUSE,
    INLINE_NOTE,
    LABEL,
    NEXT_DOCUMENT,
)
from reskg.parse.unga import MEETING, OPERATIVE, PARA_END

CASES = [
    # (pattern, text, should match at 0 / be found)
    (LABEL, "a)\tla Résolution 73", True),
    (LABEL, "12\tde soumettre", True),
    (LABEL, "(b) the role", True),
    (LABEL, "4.1 salary scales", True),
    (LABEL, "a new approach", False),  # letters need their parenthesis
    (LABEL, "that WSIS acknowledged", False),
    (HEADER, "RÉSOLUTION 1334 (MODIFIÉe EN 2023)", True),
    (HEADER, "RESOLUTION 140 (REV. DUBAI, 2018)", True),
    (HEADER, "DECISION 5", True),
    (HEADER, "Resolution 73 of the Conference, on the role", False),
    (UNGA_NUMBER, "78/132. Information and communications technologies for", True),
    (UNGA_NUMBER, "A/RES/78/132", False),
    (SESSION_NOTE, "(adoptée à la sixième séance plénière)", True),
    (SESSION_NOTE, "(Dubai, 2018)", False),
    (OPERATIVE, "57. Requests the Secretary-General", True),
    (OPERATIVE, "1.", True),
    (OPERATIVE, "2030 Agenda for Sustainable Development", False),
    (MEETING, "49th plenary meeting", True),
    (MEETING, "49e séance plénière", True),
    (MEETING, "at its 49th meeting, the Council", False),
    (ANNEX, "ANNEX 1 TO DECISION 5 (REV. DUBAI, 2018)", True),
    (ANNEX, "Annex", True),
    (ANNEX, "Annex B (https://www.itu.int/md/S14-PP-C-0174/en)", False),
    (NEXT_DOCUMENT, "18 PART II - DECISION ABROGATED BY THE PLENIPOTENTIARY CONFERENCE", True),
    (NEXT_DOCUMENT, "DECISION 13 (BUSAN, 2014) Monitoring mechanism", True),
    (NEXT_DOCUMENT, "RESOLUTION 12 (REV. DUBAI, 2018)", True),
    (NEXT_DOCUMENT, "Resolution 73 (Minneapolis, 1998) of the Conference", False),  # a citation
    (NEXT_DOCUMENT, "13 that the Council, at its ordinary session", False),
    (NEXT_DOCUMENT, "PARTICIPATION of Sector Members", False),
]
SEARCHES = [
    (GLUED_CLAUSE, "the SDGs; 10 to maintain the special trust fund", True),
    (GLUED_CLAUSE, "the 2030 Agenda; 2030 targets", False),
    (INLINE_NOTE, "of WSIS; ____________________ 3 See requests the ITU Council", True),
    (INLINE_NOTE, "a rule ___ in text", False),
    (GLUED_ANNEX, "year 2021. ANNEX 1 TO DECISION 5 (REV. DUBAI, 2018)", True),
    (GLUED_ANNEX, "Estimates 2022-2023 ANNEX 2 TO DECISION 5", True),
    (GLUED_ANNEX, "contained in Annex 2 to this decision", False),
    (PARA_END, "as well as previous resolutions on the issue,1", True),
    (PARA_END, "in which it took stock of the progress made in the implementation of the", False),
]


@pytest.mark.parametrize(
    ("pattern", "text", "expected"),
    [pytest.param(p, t, e, id=f"{'+' if e else '-'}{t[:30]}") for p, t, e in CASES],
)
def test_pattern_matches_at_start(pattern: re.Pattern[str], text: str, expected: bool) -> None:
    assert (pattern.match(text) is not None) is expected


@pytest.mark.parametrize(
    ("pattern", "text", "expected"),
    [pytest.param(p, t, e, id=f"{'+' if e else '-'}{t[:30]}") for p, t, e in SEARCHES],
)
def test_pattern_found_inside(pattern: re.Pattern[str], text: str, expected: bool) -> None:
    assert (pattern.search(text) is not None) is expected


@pytest.mark.parametrize(
    ("code", "line", "expected"),
    [
        pytest.param("en", "A/RES/78/132", True, id="symbol"),
        pytest.param("en", "23-25902 (E)    291223", True, id="job-number"),
        pytest.param("en", "*2325902*", True, id="barcode"),
        pytest.param("en", "2/15", True, id="page"),
        pytest.param("en", "resolution 70/125", False, id="-resolution"),
        pytest.param(
            "en", "A/RES/70/125 of 16 December 2015 on the outcome", False, id="-citation"
        ),
        pytest.param("fr", "23-25902 (F)", True, id="fr-job"),
        pytest.param("es", "3/15", True, id="es-page"),
    ],
)
def test_page_furniture_lines(code: str, line: str, expected: bool) -> None:
    assert any(p.search(line) for p in phrases(code).page_lines) is expected


@pytest.mark.parametrize(
    ("code", "text", "function", "heading_end"),
    [
        pytest.param("fr", "rappelant en outre", "recalling", 18, id="fr-modifier"),
        pytest.param(
            "fr", "décide de charger le Secrétaire général", "instructs", 17, id="fr-instructs"
        ),
        pytest.param("fr", "Consciente de", "aware", 10, id="fr-feminine"),
        pytest.param("fr", "Se félicitant de", "welcoming", 13, id="fr-reflexive"),
        pytest.param("fr", "Prie instamment", "urges", 15, id="fr-longest-wins"),
        pytest.param("en", "Recalling also its", "recalling", 14, id="en-also"),
        pytest.param("en", "Also requests the", "requests", 13, id="en-also-before"),
        pytest.param("en", "Noting with concern that", "noting with concern", 19, id="en-long"),
        pytest.param("es", "Recordando también", "recalling", 18, id="es-modifier"),
        pytest.param("es", "Acoge con beneplácito", "welcomes", 21, id="es-welcomes"),
    ],
)
def test_openers(code: str, text: str, function: str, heading_end: int) -> None:
    found = phrases(code).opener_at(text, 0)
    assert found is not None
    part = "operative" if found.opener.preamble is None else "preamble"
    assert (found.opener.function(part), found.end) == (function, heading_end)


@pytest.mark.parametrize(
    ("code", "text"),
    [
        pytest.param("en", "Recallings", id="en-longer-word"),
        pytest.param("en", "the Secretary-General", id="en-addressee-only"),
        pytest.param("fr", "chargement", id="fr-prefix-of-word"),
    ],
)
def test_opener_false_positives(code: str, text: str) -> None:
    assert phrases(code).opener_at(text, 0) is None


@pytest.mark.parametrize(
    ("language", "line", "session"),
    [
        ("fr", "Soixante-dix-huitième session", "Soixante-dix-huitième session"),
        ("fr", "Soixante et unième session", "Soixante et unième session"),
        ("fr", "Quatre-vingtième session", "Quatre-vingtième session"),
        ("en", "Seventy-eighth session", "Seventy-eighth session"),
        ("es", "Sexagésimo primer período de sesiones", "Sexagésimo primer período de sesiones"),
        ("fr", "La session extraordinaire d'urgence reprise", None),
    ],
)
def test_unga_session_line(language: str, line: str, session: str | None) -> None:
    from reskg.parse.phrases import phrases

    found = phrases(language).unga_session.match(line)
    assert (found.group("session") if found else None) == session
