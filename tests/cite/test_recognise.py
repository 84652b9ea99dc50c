"""Table-driven recognition and resolution cases (tests/data/cite/cases.toml)."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from reskg.cite import extract, parse_citation
from reskg.model import Citation, Document, Identity, Source

CASES = tomllib.loads(
    (Path(__file__).resolve().parents[1] / "data" / "cite" / "cases.toml").read_text("utf-8")
)["case"]


def _document(text: str, lang: str, issuer: str) -> Document:
    source = Source(path="case", text=text, format="txt", encoding="utf-8", sha256="0")
    identity = Identity(
        issuer=issuer,
        type="resolution",
        number=None,
        version_year=None,
        version_place=None,
        language=lang,
        title=None,
    )
    return Document(source, identity, ())


def _key(c: Citation) -> str:
    t = c.target
    if t.self_ref:
        return "self"
    if t.title_en:
        return f"named:{t.issuer}:{t.type}"
    parts = [t.issuer, t.type, t.number, t.version_year, t.version_place]
    return " ".join("-" if p is None else str(p) for p in parts)


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_case(case: dict[str, object]) -> None:
    text = str(case["text"])
    doc = _document(text, str(case["lang"]), str(case.get("document", "ITU-PP")))
    citations = extract(doc)
    assert [_key(c) for c in citations] == case["expect"]
    for c in citations:
        assert text[c.span.start : c.span.end] == c.surface


@pytest.mark.parametrize(
    ("typed", "issuer", "number", "year", "place"),
    [
        pytest.param(
            "Resolution 140 (Rev. Bucharest, 2022)", "ITU-PP", "140", 2022, "Bucharest", id="en-pp"
        ),
        pytest.param(
            "Résolution 140 (Rév. Bucarest, 2022)", "ITU-PP", "140", 2022, "Bucharest", id="fr-pp"
        ),
        pytest.param(
            "Resolución 140 (Rev. Bucarest, 2022)", "ITU-PP", "140", 2022, "Bucharest", id="es-pp"
        ),
        pytest.param("A/RES/70/125", "UNGA", "70/125", None, None, id="un-symbol"),
        pytest.param(
            "Resolution 1332 (Modified 2019)", "ITU-Council", "1332", 2019, None, id="council"
        ),
    ],
)
def test_parse_citation_same_identity_in_every_language(
    typed: str, issuer: str, number: str, year: int | None, place: str | None
) -> None:
    ref = parse_citation(typed)
    assert ref is not None
    assert (ref.issuer, ref.number, ref.version_year, ref.version_place) == (
        issuer,
        number,
        year,
        place,
    )


def test_parse_citation_nothing() -> None:
    assert parse_citation("the weather in Geneva") is None


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        pytest.param(
            "Recalling its resolution 63/81,\n\n1. Recognizes the need",
            "its resolution 63/81",
            id="list-cut-before-a-paragraph",
        ),
        pytest.param(
            "Recalling its resolutions 63/81 and 64/12;\n2. Decides",
            "its resolutions 63/81 and 64/12",
            id="list-end",
        ),
    ],
)
def test_a_span_ends_with_its_last_number(text: str, surface: str) -> None:
    citations = extract(_document(text, "en", "UNGA"))
    assert citations and citations[0].surface == surface


@pytest.mark.parametrize(
    ("text", "lang", "numbers"),
    [
        pytest.param(
            "Rappelant également ses résolutions 2142 (XXI) du 26\u00a0octobre 1966, dans laquelle "
            "elle a proclamé le 21\u00a0mars Journée internationale pour l’élimination de la "
            "discrimination raciale\u00a0; 61/19 du 28\u00a0novembre 2006, dans laquelle elle a "
            "proclamé le 25\u00a0mars 2007 Journée internationale\u00a0; et 62/122 du "
            "17\u00a0décembre 2007,",
            "fr",
            ["2142 (XXI)", "61/19", "62/122"],
            id="A/RES/80/250-fr-semicolons",  # preamble 8: the English prints commas
        ),
        pytest.param(
            "Rappelle sa résolution 70/1\u00a0;\n12/3 du Conseil des droits de l’homme",
            "fr",
            ["70/1"],
            id="semicolon-ends-the-line",
        ),
    ],
)
def test_a_un_list_goes_on_after_a_semicolon(text: str, lang: str, numbers: list[str]) -> None:
    """Items that carry a clause of their own are separated by ";" in French and Spanish."""
    found = [c.target.number for c in extract(_document(text, lang, "UNGA"))]
    assert found == numbers
