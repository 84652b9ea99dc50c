"""The IRI policy of docs/identifiers.md, pinned case by case."""

from __future__ import annotations

import hashlib
import re
import unicodedata

import pytest

from reskg.iri import Minter, document_slug, slug
from reskg.model import InstrumentRef

M = Minter()
B = "https://w3id.org/reskg/"
D = B + "akn/un/statement/deliberation/"

WORKS = [
    (
        "pp-140",
        InstrumentRef("ITU-PP", "resolution", "140", 2022, "Bucharest"),
        D + "itu-pp/res-140",
    ),
    (
        "council-1334",
        InstrumentRef("ITU-Council", "resolution", "1334", 2023),
        D + "itu-c/res-1334",
    ),
    ("pp-dec-5", InstrumentRef("ITU-PP", "decision", "5"), D + "itu-pp/dec-5"),
    (
        "wtsa-73",
        InstrumentRef("ITU-WTSA", "resolution", "73", 2016, "Hammamet"),
        D + "itu-wtsa/res-73",
    ),
    ("unga-70-125", InstrumentRef("UNGA", "resolution", "70/125"), D + "unga/70-125"),
    ("ecosoc-2023-3", InstrumentRef("ECOSOC", "resolution", "2023/3"), D + "ecosoc/2023-3"),
    ("unsc-2417", InstrumentRef("UNSC", "resolution", "2417", 2018), D + "unsc/2417"),
    ("unga-decision", InstrumentRef("UNGA", "decision", "78/548"), D + "unga/dec-78-548"),
    (
        "tunis-agenda",
        InstrumentRef("WSIS", "agenda", title_en="Tunis Agenda for the Information Society"),
        B + "id/instrument/wsis-tunis-agenda-for-the-information-society",
    ),
    (
        "constitution",
        InstrumentRef("ITU", "constitution", title_en="Constitution of the ITU"),
        B + "id/instrument/itu-constitution-of-the-itu",
    ),
]


@pytest.mark.parametrize(("ref", "iri"), [r[1:] for r in WORKS], ids=[r[0] for r in WORKS])
def test_work(ref: InstrumentRef, iri: str) -> None:
    assert M.work(ref) == iri


VERSIONS = [
    (
        "pp-140-2022",
        InstrumentRef("ITU-PP", "resolution", "140", 2022, "Bucharest"),
        D + "itu-pp/2022/res-140",
    ),
    (
        "pp-140-2018",
        InstrumentRef("ITU-PP", "resolution", "140", 2018, "Dubai"),
        D + "itu-pp/2018/res-140",
    ),
    (
        "council-1332-2019",
        InstrumentRef("ITU-Council", "resolution", "1332", 2019),
        D + "itu-c/2019/res-1332",
    ),
    ("unqualified", InstrumentRef("ITU-Council", "resolution", "1332"), None),
    ("named", InstrumentRef("WSIS", "agenda", title_en="Tunis Agenda"), None),
]


@pytest.mark.parametrize(("ref", "iri"), [r[1:] for r in VERSIONS], ids=[r[0] for r in VERSIONS])
def test_version(ref: InstrumentRef, iri: str | None) -> None:
    assert M.version(ref) == iri


def test_the_place_spelling_does_not_change_the_version() -> None:
    """French "Bucarest" and English "Bucharest" cite one version: the year keys it."""
    fr = InstrumentRef("ITU-PP", "resolution", "140", 2022, "Bucarest")
    en = InstrumentRef("ITU-PP", "resolution", "140", 2022, "Bucharest")
    assert M.version(fr) == M.version(en)


def test_expression_uses_akn_language_codes() -> None:
    work = M.work(InstrumentRef("UNGA", "resolution", "78/132"))
    assert M.expression(work, "fr") == D + "unga/78-132/fra@"
    assert M.expression(work, "es") == D + "unga/78-132/spa@"


def test_document_parts() -> None:
    s = document_slug("A_RES_78_132-2325902F.xml")
    assert s == "a-res-78-132-2325902f.xml"
    assert M.document_graph(s) == B + "graph/doc/a-res-78-132-2325902f.xml"
    assert M.clause(s, 0, 2) == B + "doc/a-res-78-132-2325902f.xml/sec-1/cl-3"
    assert M.citation(s, 9) == B + "doc/a-res-78-132-2325902f.xml/cit-10"


def _tag(name: str) -> str:
    """The first 10 hex digits of the SHA-256 of the NFC name."""
    return hashlib.sha256(unicodedata.normalize("NFC", name).encode("utf-8")).hexdigest()[:10]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        # ASCII and accented Latin: the plain slug, as before (existing IRIs stay).
        ("A_RES_78_132-2325902F.xml", "a-res-78-132-2325902f.xml"),
        ("itu-pp18-res140-en.txt", "itu-pp18-res140-en.txt"),
        ("Résolution.txt", "resolution.txt"),
        ("Déclaration de Genève 2003.PDF", "declaration-de-geneve-2003.pdf"),
        ("R\u00e9solution.txt", "resolution.txt"),  # composed
        ("Re\u0301solution.txt", "resolution.txt"),  # decomposed (macOS)
        ("a+b&c.txt", "a-b-c.txt"),  # ASCII punctuation was always folded to "-"
        ("²³ Nº.txt", "23-no.txt"),  # compatibility forms that fold to ASCII
        ("", "document"),
        # A letter, digit or symbol the slug would drop: a hash of the name before the
        # extension, and no leading "-" when nothing else is left.
        ("名前.txt", f"{_tag('名前.txt')}.txt"),
        ("他.txt", f"{_tag('他.txt')}.txt"),
        ("名前", _tag("名前")),
        ("Résolution 名前.docx", f"resolution-{_tag('Résolution 名前.docx')}.docx"),
        ("Straße 2.txt", f"stra-e-2-{_tag('Straße 2.txt')}.txt"),
        ("a.名前", f"a-{_tag('a.名前')}"),
        ("..名前..txt", f"{_tag('..名前..txt')}.txt"),
        ("😀.txt", f"{_tag('😀.txt')}.txt"),
    ],
)
def test_document_slug(name: str, expected: str) -> None:
    assert document_slug(name) == expected


def test_non_latin_file_names_are_distinct_documents() -> None:
    names = [
        "名前.txt",
        "他.txt",
        "名前.xml",
        "Доклад.txt",
        "Отчёт.txt",
        "تقرير.txt",
        "Ελλάδα.txt",
        "København.txt",
        "Kobenhavn.txt",
        "€.txt",
        "£.txt",
        "😀.txt",
        "🎉.txt",
    ]
    slugs = [document_slug(name) for name in names]
    assert len(set(slugs)) == len(names), slugs
    for value in slugs:
        assert re.fullmatch(r"[a-z0-9][a-z0-9.-]*", value), value
    assert document_slug("Kobenhavn.txt") == "kobenhavn.txt"


def test_the_hash_is_of_the_nfc_name() -> None:
    """A name spelt decomposed (as macOS stores Hangul) is the same document."""
    composed = unicodedata.normalize("NFC", "한국어.txt")
    decomposed = unicodedata.normalize("NFD", composed)
    assert composed != decomposed
    assert document_slug(decomposed) == document_slug(composed) == f"{_tag(composed)}.txt"


def test_base_is_configurable_and_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RESKG_BASE", "http://127.0.0.1:8000/")
    minted = Minter.from_env().work(InstrumentRef("UNGA", "resolution", "70/1"))
    assert minted == "http://127.0.0.1:8000/akn/un/statement/deliberation/unga/70-1"
    with pytest.raises(ValueError, match="ending in '/'"):
        Minter("https://example.org/kg")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Buenos Aires", "buenos-aires"),
        ("Déclaration de Genève", "declaration-de-geneve"),
        ("  --  ", ""),
        ("Rev.WRC-23", "rev.wrc-23"),
    ],
)
def test_slug(text: str, expected: str) -> None:
    assert slug(text) == expected


def test_undocs_link_of_a_symbol_with_a_part_letter_is_a_valid_iri() -> None:
    from reskg.iri import undocs_symbol_iri

    assert undocs_symbol_iri("A/RES/78/183 B") == "https://undocs.org/A/RES/78/183%20B"
    assert undocs_symbol_iri("A/RES/70/125") == "https://undocs.org/A/RES/70/125"
