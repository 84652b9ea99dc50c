"""Parsing real documents: the gold file, the corpus, AKN files in three languages."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from defusedxml.ElementTree import parse as parse_xml
from hypothesis import given, settings
from hypothesis import strategies as st

from reskg.errors import LanguageError, ReskgError, StructureError
from reskg.model import Document
from reskg.parse import detect_language, parse
from reskg.read import read, read_bytes

AKN = "{http://docs.oasis-open.org/legaldocml/ns/akn/3.0}"
# Texts that have no preamble at all (the XML of the same resolution agrees).
NO_PREAMBLE = {
    "unga-78-1-en.txt": "one paragraph endorsing an annexed declaration (XML: 0 containers)",
    "unga-79-1-en.txt": "the Pact for the Future, adopted without a preamble (XML: 0 containers)",
}


def load(shared: Path, name: str) -> Document:
    return parse(read(shared / name))


def test_gold_sections_of_res1334(shared_dir: Path) -> None:
    gold = json.loads(
        (shared_dir / "gold/council-res1334-2023-fr.gold.json").read_text(encoding="utf-8")
    )
    doc = load(shared_dir, "corpus/itu-council-res1334-2023-fr.txt")
    got = [
        {
            "heading": s.heading,
            "function": s.function,
            "part": s.part,
            "addressee": s.addressee,
            "clauses": [c.label for c in s.clauses],
        }
        for s in doc.sections
    ]
    assert got == gold["sections"]
    ident = doc.identity
    assert (ident.issuer, ident.type, ident.number, ident.version_year) == (
        "ITU-Council",
        "resolution",
        "1334",
        2023,
    )
    assert ident.title == gold["document"]["title"]
    assert ident.session == "sixième séance plénière"


def test_clause_spans_start_at_their_label(shared_dir: Path) -> None:
    doc = load(shared_dir, "corpus/itu-council-res1334-2023-fr.txt")
    for section in doc.sections:
        for clause in section.clauses:
            assert clause.label is not None
            assert clause.span.of(doc.text).startswith(clause.label)
            assert section.span.start <= clause.span.start <= clause.span.end <= section.span.end


@pytest.mark.parametrize(
    ("name", "heading", "function", "part", "addressee", "labels"),
    [
        pytest.param(
            "itu-pp18-res140-en.txt",
            "considering further",
            "considering",
            "preamble",
            None,
            list("abcdefghijkl"),
            id="res140-letters-past-h",
        ),
        pytest.param(
            "itu-pp18-res140-en.txt",
            "taking into account",
            "taking into account",
            "preamble",
            None,
            [None],
            id="res140-unlabelled",
        ),
        pytest.param(
            "itu-pp18-res140-en.txt",
            "instructs the Directors of the Bureaux",
            "instructs",
            "operative",
            "Directors of the three Bureaux",
            ["1", "2"],
            id="res140-glued-heading",
        ),
        pytest.param(
            "itu-pp18-res140-en.txt",
            "requests the ITU Council",
            "requests",
            "operative",
            "ITU Council",
            [str(i) for i in range(1, 10)],
            id="res140-glued-after-clause",
        ),
        pytest.param(
            "itu-pp18-res140-en.txt",
            "instructs the Secretary-General",
            "instructs",
            "operative",
            "ITU Secretary-General",
            [str(i) for i in range(1, 11)],
            id="res140-glued-clause-10",
        ),
        pytest.param(
            "itu-pp18-dec5-en.txt",
            "decides",
            "decides",
            "operative",
            None,
            [str(i) for i in range(1, 8)],
            id="dec5-subitems-stay-inside",
        ),
        pytest.param(
            "itu-pp18-dec5-en.txt",
            "invites Member States",
            "invites",
            "operative",
            "Member States",
            [None],
            id="dec5-annex-glued",
        ),
    ],
)
def test_itu_sections(
    shared_dir: Path,
    name: str,
    heading: str,
    function: str,
    part: str,
    addressee: str | None,
    labels: list[str | None],
) -> None:
    doc = load(shared_dir, f"corpus/{name}")
    found = [s for s in doc.sections if s.heading == heading]
    assert found, [s.heading for s in doc.sections]
    section = found[0]
    assert (section.function, section.part, section.addressee) == (function, part, addressee)
    assert [c.label for c in section.clauses] == labels


def test_dec5_annex_is_its_own_section(shared_dir: Path) -> None:
    doc = load(shared_dir, "corpus/itu-pp18-dec5-en.txt")
    annexes = [s for s in doc.sections if s.part == "annex"]
    assert [s.heading for s in annexes] == ["ANNEX 1", "ANNEX 2"]
    assert doc.sections[-3].heading == "invites Member States"


def test_unga_text_paragraphs_and_furniture(shared_dir: Path) -> None:
    doc = load(shared_dir, "corpus/unga-78-132-en.txt")
    ident = doc.identity
    assert (ident.issuer, ident.number, ident.symbol, ident.version_year) == (
        "UNGA",
        "78/132",
        "A/RES/78/132",
        2023,
    )
    assert ident.title == "Information and communications technologies for sustainable development"
    assert ident.date is not None and ident.date.isoformat() == "2023-12-19"
    assert ident.session == "Seventy-eighth session"
    pre = [s for s in doc.sections if s.part == "preamble"]
    ops = [s for s in doc.sections if s.part == "operative"]
    assert (len(pre), len(ops)) == (56, 59)
    assert [(s.heading, s.function, s.clauses[0].label) for s in pre[:3]] == [
        ("Recalling", "recalling", "1"),
        ("Recalling also", "recalling", "2"),
        ("Reaffirming", "reaffirming", "3"),
    ]
    last = ops[-3]
    assert (last.heading, last.function, last.addressee, last.clauses[0].label) == (
        "Requests the Secretary-General",
        "requests",
        "Secretary-General",
        "57",
    )
    # A paragraph across a page break keeps one span; the page furniture is no section.
    assert not any(s.heading.startswith(("A/RES", "23-25902")) for s in doc.sections)
    note8 = next(f for f in doc.footnotes if f.label == "8")
    assert note8.span.of(doc.text).startswith("8  Resolution 70/125")
    assert (
        note8.section_index is not None
        and doc.sections[note8.section_index].heading == "Recalling further"
    )


def corpus_files() -> list[str]:
    names = sorted(
        p.name
        for p in (Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus").glob("*.txt")
    )
    rng = random.Random(3)
    return names[:1] + rng.sample(names[1:], min(12, len(names) - 1)) if names else []


@pytest.mark.parametrize("name", corpus_files() or ["itu-council-res1334-2023-fr.txt"])
def test_corpus_sample_has_preamble_and_operative(shared_dir: Path, name: str) -> None:
    doc = load(shared_dir, f"corpus/{name}")
    parts = {s.part for s in doc.sections}
    assert "operative" in parts
    assert "preamble" in parts or name in NO_PREAMBLE
    for s in doc.sections:
        assert s.clauses and all(
            0 <= c.span.start <= c.span.end <= len(doc.text) for c in s.clauses
        )


def xml_counts(path: Path) -> tuple[int, int]:
    root = parse_xml(str(path), forbid_dtd=True).getroot()
    attached = {id(e) for a in root.iter(AKN + "attachments") for e in a.iter()}
    pre = sum(
        1
        for p in root.iter(AKN + "preamble")
        if id(p) not in attached
        for c in p
        if c.tag == AKN + "container"
    ) + sum(  # budget resolutions: a preamble per section, as crossHeadings of the body
        1
        for b in root.iter(AKN + "mainBody")
        if id(b) not in attached
        for c in b.iter(AKN + "crossHeading")
        if c.get("refersTo") == "#preamble"
    )
    body = sum(
        1
        for b in root.iter(AKN + "mainBody")
        if id(b) not in attached
        for _ in b.iter(AKN + "paragraph")
    )
    return pre, body


def akn_sample() -> list[str]:
    root = Path(__file__).resolve().parents[2] / ".." / "shared" / "datasets" / "unxml-ga"
    out: list[str] = []
    for language in ("English", "French", "Spanish"):
        files = sorted(str(p.relative_to(root)) for p in root.glob(f"*session/{language}/*.xml"))
        out += random.Random(language).sample(files, min(15, len(files)))
    return out


@pytest.mark.parametrize("name", akn_sample() or ["78session/English/A_RES_78_132-2325902E.xml"])
def test_akn_counts_equal_the_xml(shared_dir: Path, name: str) -> None:
    path = shared_dir / "datasets/unxml-ga" / name
    doc = parse(read(path))
    parts = [s.part for s in doc.sections]
    assert (parts.count("preamble"), parts.count("operative")) == xml_counts(path)
    assert parts.count("operative") >= 1
    assert doc.identity.issuer == "UNGA" and doc.identity.number


@pytest.mark.parametrize(
    ("name", "first", "op"),
    [
        pytest.param(
            "French/A_RES_78_132-2325902F.xml",
            ("Rappelant", "recalling"),
            ("Prie", "requests"),
            id="fr",
        ),
        pytest.param(
            "Spanish/A_RES_78_132-2325902S.xml",
            ("Recordando", "recalling"),
            ("Solicita", "requests"),
            id="es",
        ),
    ],
)
def test_akn_functions_are_english(
    shared_dir: Path, name: str, first: tuple[str, str], op: tuple[str, str]
) -> None:
    doc = parse(read(shared_dir / "datasets/unxml-ga/78session" / name))
    assert (doc.sections[0].heading, doc.sections[0].function) == first
    requests = [s for s in doc.sections if s.function == op[1]]
    assert requests and requests[0].heading.startswith(op[0])
    assert requests[-1].addressee == "Secretary-General"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        pytest.param(
            "Le Conseil de l'UIT, rappelant la Résolution 73 de la Conférence et les décisions",
            "fr",
            id="fr",
        ),
        pytest.param(
            "The Council, recalling that the Resolution of the Conference is in force and",
            "en",
            id="en",
        ),
        pytest.param(
            "El Consejo, recordando que la Resolución de la Conferencia y los acuerdos en",
            "es",
            id="es",
        ),
    ],
)
def test_detect_language(text: str, code: str) -> None:
    assert detect_language(text) == code


def test_language_errors() -> None:
    with pytest.raises(LanguageError):
        detect_language("12345 67890 ---")
    with pytest.raises(LanguageError, match="unsupported language"):
        parse(read_bytes(b"rappelant\na) la chose;", "x.txt"), language="xx")


def test_no_structure_is_a_typed_error() -> None:
    with pytest.raises(StructureError, match=r"x\.txt"):
        parse(
            read_bytes(b"The cat sat on the mat and the dog was in the garden with them.", "x.txt")
        )


@settings(max_examples=150, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from("abc xyz\n\t1.)_-/,;Recalling rappelant considering 12 décide"),
        max_size=400,
    )
)
def test_parser_never_crashes_and_spans_stay_inside(text: str) -> None:
    try:
        doc = parse(
            read_bytes(("The General Assembly, and the of to in " + text).encode(), "h.txt"),
            language="en",
        )
    except ReskgError:
        return
    for s in doc.sections:
        assert 0 <= s.span.start <= s.span.end <= len(doc.text)
        for c in s.clauses:
            assert 0 <= c.span.start <= c.span.end <= len(doc.text)
    for f in doc.footnotes:
        assert 0 <= f.span.start <= f.span.end <= len(doc.text)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300))
def test_any_text_parses_or_raises_typed(text: str) -> None:
    try:
        doc = parse(read_bytes(text.encode(), "h.txt"))
    except ReskgError:
        return
    assert all(0 <= s.span.start <= s.span.end <= len(doc.text) for s in doc.sections)


# Spanish texts that were read as French while the two stop-word lists shared "la", "en",
# "que", "se" and "entre" (the language is judged on the text alone, as for a .txt file).
MISREAD_SPANISH = [
    "78session/Spanish/A_RES_78_117-2324913S.xml",
    "78session/Spanish/A_RES_78_124-2325865S.xml",
    "79session/Spanish/A_RES_79_132-2423098S.xml",
    "80session/Spanish/A_RES_80_114-2520552S.xml",
]


@pytest.mark.parametrize("name", MISREAD_SPANISH)
def test_spanish_is_not_read_as_french(shared_dir: Path, name: str) -> None:
    path = shared_dir / "datasets" / "unxml-ga" / name
    assert detect_language(read(path).text) == "es"


def test_stop_words_belong_to_one_language() -> None:
    from reskg.parse.phrases import languages, phrases

    seen: dict[str, str] = {}
    for code in languages():
        for word in phrases(code).stopwords:
            assert seen.setdefault(word, code) == code, (word, seen[word], code)
