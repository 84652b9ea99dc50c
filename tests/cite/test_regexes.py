"""Each number and symbol fragment of reskg.cite.regexes, with positives and known false
positives (the reason each false positive must not match is in the fragment's comment)."""

from __future__ import annotations

import re

import pytest

from reskg.cite import regexes


def _full(pattern: str, text: str) -> bool:
    return re.fullmatch(pattern, text, re.IGNORECASE) is not None


@pytest.mark.parametrize(
    ("fragment", "text", "matches"),
    [
        pytest.param(regexes.UN_NUMBER, "70/125", True, id="un-plain"),
        pytest.param(regexes.UN_NUMBER, "ES-10/19", True, id="un-emergency"),
        pytest.param(regexes.UN_NUMBER, "S-10/2", True, id="un-special"),
        pytest.param(regexes.UN_NUMBER, "55/180 B", True, id="un-part-letter"),
        pytest.param(regexes.UN_NUMBER, "2023/3", True, id="un-ecosoc"),
        pytest.param(regexes.UN_NUMBER, "70/125 a", False, id="un-not-lowercase-part"),
        pytest.param(regexes.UN_NUMBER, "51/211 A to E", True, id="un-part-range-en"),
        pytest.param(regexes.UN_NUMBER, "51/211\u00a0A à E", True, id="un-part-range-fr"),
        pytest.param(regexes.UN_NUMBER, "51/211 A a E", True, id="un-part-range-es"),
        pytest.param(regexes.UN_NUMBER, "51/211 A and", False, id="un-part-not-and"),
        pytest.param(regexes.SC_NUMBER, "1738 (2006)", True, id="sc-number"),
        pytest.param(regexes.SC_NUMBER, "1738\u00a0(2006)", True, id="sc-number-nbsp"),
        pytest.param(regexes.SC_NUMBER, "71 (Rev. Dubai, 2018)", False, id="sc-not-itu-revision"),
        pytest.param(regexes.SC_NUMBER, "1514 (XV)", False, id="sc-not-roman"),
        pytest.param(regexes.ROMAN_NUMBER, "1514 (XV)", True, id="roman"),
        pytest.param(regexes.ROMAN_NUMBER, "217 A (III)", True, id="roman-part"),
        pytest.param(regexes.ROMAN_NUMBER, "2252 (ES-V)", True, id="roman-emergency"),
        pytest.param(regexes.ROMAN_NUMBER, "9 (2018)", False, id="roman-not-year"),
        pytest.param(regexes.ROMAN_NUMBER, "1874 (S\u2011IV)", True, id="roman-no-break-hyphen"),
        pytest.param(regexes.ROMAN_NUMBER, "9 (I-IV)", False, id="roman-not-a-range"),
        pytest.param(regexes.ITU_NUMBER, "140", True, id="itu-plain"),
        pytest.param(regexes.ITU_NUMBER, "48-2", True, id="itu-r-suffix"),
        pytest.param(regexes.ITU_NUMBER, "D.50", True, id="itu-t-series"),
        pytest.param(regexes.ITU_NUMBER, "1.5", False, id="itu-not-decimal"),
        pytest.param(regexes.REVISION_PAREN, "(Rev. Bucharest, 2022)", True, id="paren-rev"),
        pytest.param(regexes.REVISION_PAREN, "(REV.WRC-23)", True, id="paren-wrc"),
        pytest.param(
            regexes.REVISION_PAREN, "(C-1985, last amended C19)", True, id="paren-council"
        ),
        pytest.param(regexes.REVISION_PAREN, "(see annex)", False, id="paren-not-prose"),
        pytest.param(regexes.REVISION_PAREN, "(UNGA)", False, id="paren-not-acronym"),
    ],
)
def test_fragment(fragment: str, text: str, matches: bool) -> None:
    assert _full(fragment, text) is matches


@pytest.mark.parametrize(
    ("text", "number"),
    [
        pytest.param("see A/RES/70/125.", "70/125", id="ga"),
        pytest.param("S/RES/2417 (2018)", "2417 (2018)", id="sc"),
        pytest.param("E/RES/2023/3", "2023/3", id="ecosoc"),
        pytest.param("report A/70/125", None, id="report-symbol-is-not-a-resolution"),
        pytest.param("XA/RES/70/1", None, id="not-inside-a-word"),
    ],
)
def test_un_symbol(text: str, number: str | None) -> None:
    m = regexes.symbol_pattern().search(text)
    assert (m.group("sym_number") if m else None) == number


@pytest.mark.parametrize(
    ("text", "place", "year"),
    [
        pytest.param("Rev. Bucarest, 2022", "Bucarest", "2022", id="fr"),
        pytest.param("Doha 2006", "Doha", "2006", id="no-comma"),
        pytest.param("REV. DUBAI, 2018", "DUBAI", "2018", id="upper"),
        pytest.param("Buenos Aires, 2017 ", "Buenos Aires", "2017", id="two-words"),
        pytest.param("2016, last amended 2017", None, None, id="no-place"),
    ],
)
def test_place_year(text: str, place: str | None, year: str | None) -> None:
    cleaned = re.sub(r"REV\.|Rev\.", " ", text)
    m = regexes.PAREN_PATTERNS["place_year"].search(cleaned)
    if place is not None:
        assert m is not None and (m.group("place"), m.group("year")) == (place, year)
    else:
        assert m is None


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        pytest.param("2417 (2018)", ("2417", "(2018)"), id="split"),
        pytest.param("2417 (Rev. 2018)", None, id="not-a-revision"),
    ],
)
def test_sc_split(text: str, parts: tuple[str, str] | None) -> None:
    m = regexes.SC_SPLIT.match(text)
    assert (m.groups() if m else None) == parts


@pytest.mark.parametrize(
    ("printed", "number"),
    [
        pytest.param("51/211 A to E", "51/211", id="range"),
        pytest.param("55/180 B", "55/180", id="letter"),
        pytest.param("217 A (III)", "217 (III)", id="roman"),
    ],
)
def test_part_letter_is_dropped(printed: str, number: str) -> None:
    assert regexes.PART_LETTER.sub("", printed) == number


@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_every_language_compiles(language: str) -> None:
    lp = regexes.patterns(language)
    assert lp.citation.search("x") is None


@pytest.mark.parametrize(
    ("text", "start", "matches"),
    [
        pytest.param("2023, the Human", 4, True, id="comma"),
        pytest.param("2023,20 the Human", 4, True, id="comma-footnote"),
        pytest.param("2023,20 the Human", 7, True, id="after-footnote-in-match"),
        pytest.param("2023, the Human", 5, True, id="after-comma-in-match"),
        pytest.param("2023   , le Conseil", 4, True, id="blanked-mark-before-comma"),
        pytest.param("2023 the Human", 4, False, id="no-comma"),
        pytest.param("2023,2024 the Human", 4, False, id="a-year-is-not-a-footnote"),
        pytest.param("2023; the Human", 4, False, id="semicolon"),
    ],
)
def test_subject_gap(text: str, start: int, matches: bool) -> None:
    assert bool(regexes.SUBJECT_GAP.match(text, start)) is matches


@pytest.mark.parametrize(
    ("text", "number"),
    [
        pytest.param(", sect. C, para. 3; 55/222", "55/222", id="en-sect-para"),
        pytest.param(", sect. V, paras. 61–76; 59/126 B", "59/126 B", id="en-paras"),
        pytest.param(", secc. V, párrs. 61 a 76; 59/126 B", "59/126 B", id="es-secc-parrs"),
        pytest.param(" on the disease (COVID\u201119), 74/274", "74/274", id="short-parenthesis"),
        pytest.param(
            " (2024-2033), et 78/321 du 13 août 2024", "78/321", id="fr-parenthesis-first"
        ),
        pytest.param(
            ", prévue à l’alinéa e) de l’Article 73, et 2625 (XXV)", "2625 (XXV)", id="fr-letter"
        ),
        pytest.param(" and 2282 (2016)", "2282 (2016)", id="sc-twin"),
        # Known false positives: a sentence end, a symbol in parentheses, a long parenthesis.
        pytest.param(" of 2015. The report, 70/1", None, id="not-sentence-end"),
        pytest.param(" (see A/70/125), 70/1", None, id="not-symbol-parenthesis"),
        pytest.param(
            " (a parenthesis far longer than a subject acronym), 70/1", None, id="not-long-paren"
        ),
    ],
)
def test_un_continuation(text: str, number: str | None) -> None:
    m = regexes.UN_CONTINUATION.match(text)
    assert (m.group("number") if m else None) == number


@pytest.mark.parametrize(
    ("before", "matches"),
    [
        pytest.param("welcoming Commission on Narcotic Drugs ", True, id="commission"),
        pytest.param("Commission on the Status of Women ", True, id="status-of-women"),
        pytest.param("in the Conference of the Parties ", True, id="conference-of-parties"),
        # Known false positives: an opening phrase, a numbered paragraph's verb, an article.
        pytest.param("Recalling ", False, id="not-opening-phrase"),
        pytest.param("5. Recalls ", False, id="not-numbered-verb"),
        pytest.param("and The ", False, id="not-article"),
        pytest.param("recalling its ", False, id="not-lower-case"),
        pytest.param("Programme of Action,\nRecalling ", False, id="not-next-line"),
    ],
)
def test_unknown_body(before: str, matches: bool) -> None:
    assert bool(regexes.UNKNOWN_BODY.search(before)) is matches
