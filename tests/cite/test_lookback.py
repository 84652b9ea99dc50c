"""Whose is "its resolution" in wrapped (PDF) text: the look-back crosses line breaks.

Texts extracted from PDF wrap each paragraph over several lines and separate paragraphs
by blank lines; AKN and ITU texts print one paragraph (clause) a line. The look-back for the
body "its" refers to (:func:`reskg.cite.recognise.paragraph_start`) crosses a line break
that wraps a sentence, and stops at a blank line or at a line closed by a paragraph's mark.
Wrapped rows are excerpts of the PDF text of the UN documents (``datasets/mandate-pipeline``,
``corpus/``), as extracted, trailing spaces included; all but A/RES/78/189 (whose "Council,
in its" the body phrase before the noun already spans) came out wrong before the change.
"""

from __future__ import annotations

import importlib

import pytest

from reskg.cite import extract
from reskg.model import Document, Identity, Source

paragraph_start = importlib.import_module("reskg.cite.recognise").paragraph_start


def _citations(text: str, issuer: str, lang: str = "en") -> list[tuple[str, str | None]]:
    source = Source(path="case", text=text, format="txt", encoding="utf-8", sha256="0")
    identity = Identity(issuer, "resolution", None, None, None, lang, None)
    return [(c.target.issuer, c.target.number) for c in extract(Document(source, identity, ()))]


# (document issuer, text, the citation expected among those found)
WRAPPED = [
    pytest.param(
        "UNGA",
        "Taking note with appreciation of the decision of the Human Rights Council, in \n"
        "its resolution 54/12,21 that the theme of the annual half-day panel discussion on the \n",
        ("HRC", "54/12"),
        id="A/RES/78/189-council-in-its",
    ),
    pytest.param(
        "UNGA",
        "24 December 2017, and recalling the resolutions and decisions of the Human Rights \n"
        "Council, the most recent of which being resolutions 53/26 of 14 July 2023,3 52/3 \n",
        ("HRC", "53/26"),
        id="A/RES/78/219-body-split-over-lines",
    ),
    pytest.param(
        "UNGA",
        "was resolution 77/214 of 15 December 2022, and Human Rights Council decision \n"
        "18/120 of 30 September 20111 and resolutions 24/14 of 27 September 2013,2 \n",
        ("HRC", "24/14"),
        id="A/RES/78/202-resolutions-after-decision",
    ),
    pytest.param(
        "UNGA",
        "the resolutions and decisions of the Human Rights Council, the most recent of which \n"
        "being resolutions 59/2 of 4 July 2025,3 58/20 of 3 ",
        ("HRC", "59/2"),
        id="A/RES/80/221-line-ends-mid-sentence",
    ),
    pytest.param(
        "UNGA",
        "16 April 2004 4  and 2005/5 of 14 April 2005 5  and relevant Human Rights Council \n"
        "resolutions, in particular resolutions 7/34 of 28 March 2008, 6 18/15 of",
        ("HRC", "7/34"),
        id="A/RES/79/160-in-particular",
    ),
    pytest.param(
        "ITU-PP",
        "instructs the ITU Council\n1 to revise its Resolution 1344 to direct the CWG-Internet",
        ("ITU-Council", "1344"),
        id="itu-pp18-res102-heading-line",
    ),
]

# One paragraph a line, or paragraphs split by a blank line: "its" is the Assembly's own.
NOT_CROSSED = [
    pytest.param(
        "UNGA",
        "Recalling the resolutions of the Human Rights Council,\n"
        "Recalling its resolution 70/125 of 16 December 2015,",
        ("UNGA", "70/125"),
        id="akn-line-closed-by-comma",
    ),
    pytest.param(
        "UNGA",
        "Welcoming the work of the Human Rights Council;\n"
        "in its resolution 70/125 of 16 December 2015,",
        ("UNGA", "70/125"),
        id="line-closed-by-semicolon",
    ),
    pytest.param(
        "UNGA",
        "the work of the Human Rights Council  \n \nRecalling its resolution 70/125 of 2015,",
        ("UNGA", "70/125"),
        id="pdf-blank-line",
    ),
]


# Bodies joined by "and" / "et" / "y" are addressed together: "its" may be either's, so the
# look-back takes neither and "its" is the citing body's own, as with no body named.
# The first row came out "HRC" when the look-back took the last body named.
JOINED = [
    pytest.param(
        "UNGA",
        "To request the Special Representative of the Secretary-General on \n"
        "Violence against Children to continue to submit annual reports to the General \n"
        "Assembly and the Human Rights Council on the activities undertaken in fulfilment of \n"
        "her mandate, consistent with paragraphs 58 and 59 of its resolution 62/141 of \n"
        "18 December 2007, including information on her findings",
        ("UNGA", "62/141"),
        id="A/RES/78/187-assembly-and-council",
    ),
    pytest.param(
        "UNGA",
        "Recalling all relevant resolutions of the General Assembly, the Human Rights \n"
        "Council and the Economic and Social Council relating to the rights of Indigenous \n"
        "Peoples, reaffirming its resolutions 65/198 of 21 December 2010, 66/142",
        ("UNGA", "65/198"),
        id="A/RES/78/189-three-bodies",
    ),
    pytest.param(
        "UNGA",
        "Prie la Représentante spéciale de continuer de présenter des rapports annuels à "
        "l’Assemblée générale et au Conseil des droits de l’homme, conformément aux "
        "paragraphes 58 et 59 de sa résolution 62/141 du 18 décembre 2007",
        ("UNGA", "62/141"),
        id="fr-assemblee-et-au-conseil",
    ),
    pytest.param(
        "UNGA",
        "Solicita a la Representante Especial que siga presentando informes anuales a la "
        "Asamblea General y al Consejo de Derechos Humanos, de conformidad con los párrafos "
        "58 y 59 de su resolución 62/141, de 18 de diciembre de 2007",
        ("UNGA", "62/141"),
        id="es-asamblea-y-al-consejo",
    ),
]

# One body, or "and" that joins no two bodies: the look-back still names it.
STILL_RESOLVED = [
    pytest.param(
        "UNGA",
        "humanitarian workers may amount to war crimes, and notes in this regard that the \n"
        "Security Council has reaffirmed that it will take further measures in the event of \n"
        "non-compliance with its resolutions 2139 (2014), 2165 (2014), 2191 (2014)",
        ("UNSC", "2139 (2014)"),
        id="A/RES/78/222-security-council",
    ),
    pytest.param(
        "UNGA",
        "Welcoming the work of the General Assembly, and noting that the Human Rights \n"
        "Council adopted without a vote its resolution 54/12 of 12 October 2023,",
        ("HRC", "54/12"),
        id="and-between-clauses",
    ),
]


@pytest.mark.parametrize(("issuer", "text", "expected"), JOINED + STILL_RESOLVED)
def test_bodies_joined_by_and(issuer: str, text: str, expected: tuple[str, str]) -> None:
    lang = "fr" if "l’Assemblée" in text else "es" if "Asamblea" in text else "en"
    found = _citations(text, issuer, lang)
    assert expected in found
    assert all(number != expected[1] or who == expected[0] for who, number in found)


@pytest.mark.parametrize(("issuer", "text", "expected"), WRAPPED + NOT_CROSSED)
def test_its_resolution(issuer: str, text: str, expected: tuple[str, str]) -> None:
    assert expected in _citations(text, issuer)


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("a)\tla Résolution 1 du Conseil;\nb)\tsa Résolution 2", "b)"),  # ITU clause lines
        ("Framework,19  \n \nTaking note of its resolution", "Taking"),
        ("of the Council,\na) its resolution", "a)"),  # a clause label is no sentence going on
        ("of the Council,\nii) its resolution", "ii)"),
        ("of the Human Rights \nCouncil, in its resolution", "of the"),
        ("of the Council,\nin its resolution", "of the"),
    ],
)
def test_paragraph_start(text: str, start: str) -> None:
    assert paragraph_start(text, text.rfind("resolution")) == text.index(start)
    assert paragraph_start(text, len(text), len(text) - 5) == len(text) - 5  # the floor
