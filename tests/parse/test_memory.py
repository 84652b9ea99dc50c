"""The translation memory of UN paragraph openings (``lang/<code>/memory.tsv``).

Rows of :data:`MEMORY_RIGHT` are real paragraphs of session 80 (the shipped memory learns
from sessions 78 to 80; held-out figures come from ``scripts/un_memory.py --folds``): the
phrase tables alone give one English function, the English text of the same resolution
prints another, and the memory gives the English one. Rows of :data:`TABLE_FALLBACK` are
paragraphs the memory does not know, which keep the tables' function.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from reskg.errors import LanguageError
from reskg.model import Part
from reskg.parse import parse
from reskg.parse.memory import EMPTY, key, load_memory, parse_memory, words
from reskg.parse.phrases import phrases
from reskg.parse.unga import opening, table_opening
from reskg.read import read

# (language, part, paragraph as printed, tables' function, English function)
MEMORY_RIGHT = [
    pytest.param(
        "fr",
        "operative",
        "Souligne que, pour mettre en œuvre efficacement le Cadre mondial de la biodiversité "
        "de Kunming-Montréal, il faut mobiliser des ressources",
        "stresses",
        "emphasizes",
        id="fr-souligne-emphasizes",  # A/RES/80/140, para. 10
    ),
    pytest.param(
        "fr",
        "operative",
        "Souligne qu’il importe d’appliquer les principes de transparence, d’irréversibilité "
        "et de vérifiabilité au processus de désarmement nucléaire",
        "stresses",
        "underlines",
        id="fr-souligne-underlines",  # A/RES/80/24, para. 11
    ),
    pytest.param(
        "fr",
        "operative",
        "Prend note de la mise à jour constante des Normes internationales de la lutte "
        "antimines, et encourage le Service de la lutte antimines",
        "takes note",
        "notes",
        id="fr-prend-note-notes",  # A/RES/80/74, para. 8
    ),
    pytest.param(
        "fr",
        "preamble",
        "Notant avec inquiétude que la pollution marine de toutes origines constitue une grave "
        "menace pour la santé et la sécurité des personnes",
        "noting with concern",
        "concerned",
        id="fr-notant-avec-inquietude",  # A/RES/80/109, preamble 61
    ),
    pytest.param(
        "es",
        "preamble",
        "Teniendo presente que el 28 de mayo de 1992 el Secretario General estableció el "
        "Comité Consultivo Permanente de las Naciones Unidas",
        "mindful",
        "bearing in mind",
        id="es-teniendo-presente",  # A/RES/80/63, preamble 3
    ),
    pytest.param(
        "es",
        "preamble",
        "Consciente de que el derecho a la libertad de opinión y de expresión es un derecho "
        "humano garantizado para todas las personas",
        "aware",
        "mindful",
        id="es-consciente-mindful",  # A/RES/80/217, preamble 14
    ),
]

# (language, part, paragraph as printed, function): unknown to the memory, the tables' one.
TABLE_FALLBACK = [
    pytest.param(
        "fr",
        "preamble",
        "Soulignant l’urgence de faire avancer le désarmement nucléaire dans un contexte de "
        "tensions géopolitiques accrues",
        "stressing",
        id="fr-soulignant",  # A/RES/80/47, preamble 10
    ),
    pytest.param(
        "es",
        "preamble",
        "Reafirmando la aplicabilidad del Convenio de Ginebra relativo a la Protección debida "
        "a las Personas Civiles en Tiempo de Guerra",
        "reaffirming",
        id="es-reafirmando",  # A/RES/80/158, preamble 7
    ),
    pytest.param(
        "en",
        "operative",
        "Stresses the importance of the full implementation of the 2030 Agenda",
        "stresses",
        id="en-no-memory",
    ),
]


@pytest.mark.parametrize(("code", "part", "text", "table", "english"), MEMORY_RIGHT)
def test_memory_gives_the_english_function(
    code: str, part: Part, text: str, table: str, english: str
) -> None:
    lang = phrases(code)
    assert table_opening(text, 0, len(text), lang, part)[1] == table
    heading, function, _ = opening(text, 0, len(text), lang, part)
    assert function == english
    assert text.startswith(heading)  # the heading stays the phrase as printed


@pytest.mark.parametrize(("code", "part", "text", "function"), TABLE_FALLBACK)
def test_unknown_paragraph_keeps_the_table_function(
    code: str, part: Part, text: str, function: str
) -> None:
    lang = phrases(code)
    assert lang.memory.recall(text, 0, len(text), part) is None
    assert opening(text, 0, len(text), lang, part)[1] == function


def test_the_memory_is_per_part() -> None:
    text = MEMORY_RIGHT[0].values[2]
    assert isinstance(text, str)
    assert phrases("fr").memory.recall(text, 0, len(text), "preamble") is None


def test_numbers_and_footnote_marks_do_not_count() -> None:
    """The paragraph of next year cites other numbers and dates: the same key."""
    fr = phrases("fr").memory
    a = "Prend note de la mise à jour constante des Normes internationales de la lutte antimines"
    b = "Prend note2 de la mise à jour 2026 constante des Normes internationales de la lutte"
    b += " antimines"
    assert fr.recall(a, 0, len(a), "operative") == fr.recall(b, 0, len(b), "operative") == "notes"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Souligne qu’il importe", ("souligne", "qu", "il", "importe")),
        ("SOULIGNE\u00a0 qu'il\nimporte", ("souligne", "qu", "il", "importe")),
        ("la Conférence8 de 2024, résolution 77/123", ("la", "conférence", "de", "résolution")),
        (unicodedata.normalize("NFD", "Réaffirmant"), ("réaffirmant",)),
        ("Kunming-Montréal", ("kunming", "montréal")),
        ("Straße", ("strasse",)),
    ],
)
def test_words_normalise(text: str, expected: tuple[str, ...]) -> None:
    assert words(text) == expected


def test_words_limit_and_range() -> None:
    text = "1. Décide de demeurer saisi de la question."
    assert words(text, 3, len(text), 2) == ("décide", "de")
    assert words(text, 3, 20) == ("décide", "de", "demeure")


def test_key_marks_a_short_paragraph() -> None:
    tokens = ("décide", "de", "demeurer", "saisi")
    assert key(tokens, 3) == "décide de demeurer"
    assert key(tokens, 4) == "décide de demeurer saisi"
    assert key(tokens, 6) == "décide de demeurer saisi ."


def test_parse_memory() -> None:
    memory = parse_memory(
        "# comment\n# levels: 3 6\n\noperative\tsouligne qu il\temphasizes\n"
        "preamble\tnotant avec inquiétude .\tconcerned\n"
    )
    assert memory.levels == (6, 3)
    text = "2. Souligne qu’il importe"
    assert memory.recall(text, 3, len(text), "operative") == "emphasizes"
    assert memory.recall("Notant avec inquiétude", 0, 22, "preamble") == "concerned"
    assert memory.recall("Notant avec inquiétude que", 0, 26, "preamble") is None


@pytest.mark.parametrize(
    "text",
    ["# levels: 3\noperative\tsouligne\n", "operative\tsouligne qu il\temphasizes\n"],
    ids=["two-cells", "no-levels"],
)
def test_parse_memory_rejects(text: str) -> None:
    with pytest.raises(LanguageError):
        parse_memory(text)


def test_no_file_no_memory(tmp_path: Path) -> None:
    assert load_memory(tmp_path / "memory.tsv") is EMPTY
    assert phrases("en").memory.functions == {}


def test_shipped_memories_learn_from_every_session() -> None:
    for code in ("fr", "es"):
        memory = phrases(code).memory
        assert memory.levels == (24, 12, 6, 3)
        assert len(memory.functions) > 500
        head = Path(__file__).resolve().parents[2] / "src" / "reskg" / "lang" / code
        first = (head / "memory.tsv").read_text(encoding="utf-8").splitlines()[:4]
        assert any(line.startswith("# Sessions: 78,79,80.") for line in first)


def test_akn_paragraph_through_the_pipeline(shared_dir: Path) -> None:
    """A/RES/80/140 in French: "Souligne que, pour mettre en œuvre ..." is "emphasizes",
    as the English text prints, where the table says "stresses"."""
    found = sorted(
        (shared_dir / "datasets" / "unxml-ga" / "80session" / "French").glob("A_RES_80_140-*.xml")
    )
    if not found:
        pytest.skip("A/RES/80/140 (French AKN) is missing")
    doc = parse(read(found[0]), language="fr")
    para = next(s for s in doc.sections if s.part == "operative" and s.clauses[0].label == "10")
    assert para.heading.startswith("Souligne")
    assert para.function == "emphasizes"
