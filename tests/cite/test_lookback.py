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
