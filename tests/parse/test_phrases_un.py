"""Opening phrases of UN texts in three languages, and their English functions.

Each row is ``(language, text, part, function)``: the function the phrase has when it opens
a paragraph of a UN General Assembly text (``un=True``). French and Spanish rows follow the
English text of the same resolutions (scripts/function_agreement.py), so "Considérant"
is "recognizing" in UN French, as "Recognizing" is what the English text prints.
"""

from __future__ import annotations

import pytest

from reskg.parse.phrases import phrases

UN_CASES = [
    # English: the gold vocabulary of ../shared/gold/README.md, synonyms merged.
    ("en", "Taking note of the report", "preamble", "noting"),
    ("en", "Takes note of the report", "operative", "notes"),
    ("en", "Stresses the importance", "operative", "emphasizes"),
    ("en", "Underlines the need", "operative", "emphasizes"),
    ("en", "Acknowledges the work", "operative", "recognizes"),
    ("en", "Reiterating its commitment", "preamble", "reaffirming"),
    ("en", "Mindful that", "preamble", "bearing in mind"),
    ("en", "Calls for the immediate", "operative", "calls upon"),
    ("en", "Deeply concerned by reports", "preamble", "deeply concerned"),
    ("en", "Gravely concerned at", "preamble", "deeply concerned"),
    ("en", "Remaining deeply concerned", "preamble", "deeply concerned"),
    ("en", "Concerned that", "preamble", "concerned"),
    ("en", "Expressing deep concern at", "preamble", "deeply concerned"),
    ("en", "Deeply regrets the", "operative", "regrets"),
    ("en", "Unequivocally condemning the use", "preamble", "condemning"),
    ("en", "Reiterates its request to the Secretary-General", "operative", "requests"),
    ("en", "Reiterates its call upon all States", "operative", "calls upon"),
    ("en", "Calls once again upon States", "operative", "calls upon"),
    ("en", "Expresses its gratitude to", "operative", "expresses appreciation"),
    ("en", "We recognize that", "operative", "recognizes"),
    ("en", "We are at a time of", "operative", "other"),
    ("en", "Regretting that", "preamble", "regretting"),
    # French: feminine, plural, reflexive forms; UN renderings.
    ("fr", "Consciente que", "preamble", "recognizing"),
    ("fr", "Conscients de", "preamble", "recognizing"),
    ("fr", "Convaincue que", "preamble", "convinced"),
    ("fr", "Se félicitant de", "preamble", "welcoming"),
    ("fr", "Ayant examiné le rapport", "preamble", "having considered"),
    ("fr", "Réaffirmant également", "preamble", "reaffirming"),
    ("fr", "Profondément préoccupée par", "preamble", "deeply concerned"),
    ("fr", "Se déclarant gravement préoccupée", "preamble", "deeply concerned"),
    ("fr", "S’inquiétant vivement de", "preamble", "deeply concerned"),
    ("fr", "Préoccupée par", "preamble", "concerned"),
    ("fr", "Considérant que", "preamble", "recognizing"),
    ("fr", "Constatant avec préoccupation", "preamble", "concerned"),
    ("fr", "Prend note du rapport", "operative", "notes"),
    ("fr", "Prend acte du rapport", "operative", "notes"),
    ("fr", "Prend également note", "operative", "notes"),
    ("fr", "Prend note avec satisfaction", "operative", "notes with appreciation"),
    ("fr", "Souligne qu’il importe", "operative", "emphasizes"),
    ("fr", "Considère que", "operative", "recognizes"),
    ("fr", "Réitère son appel", "operative", "reaffirms"),
    ("fr", "Prie de nouveau le Secrétaire général", "operative", "requests"),
    ("fr", "Demande aux États", "operative", "calls upon"),
    ("fr", "Rend hommage aux", "operative", "commends"),
    ("fr", "Fait siennes les", "operative", "endorses"),
    ("fr", "Se dit consciente", "operative", "recognizes"),
    ("fr", "Déclarant que", "preamble", "declaring"),
    ("fr", "Nous réaffirmons", "operative", "reaffirms"),
    ("fr", "Nous sommes à un moment", "operative", "other"),
    # Spanish.
    ("es", "Recordando también", "preamble", "recalling"),
    ("es", "Tomando nota con aprecio", "preamble", "noting with appreciation"),
    ("es", "Observando con preocupación", "preamble", "noting with concern"),
    ("es", "Observando con gran preocupación", "preamble", "noting with concern"),
    ("es", "Profundamente preocupada", "preamble", "deeply concerned"),
    ("es", "Sumamente preocupada", "preamble", "deeply concerned"),
    ("es", "Teniendo presente", "preamble", "bearing in mind"),
    ("es", "Exhorta a los Estados", "operative", "calls upon"),
    ("es", "Insta a los Estados", "operative", "urges"),
    ("es", "Destaca la importancia", "operative", "emphasizes"),
    ("es", "Reconoce además", "operative", "recognizes"),
    ("es", "Reitera su solicitud", "operative", "requests"),
    ("es", "Expresa su reconocimiento", "operative", "expresses appreciation"),
    ("es", "Toma conocimiento", "operative", "notes"),
    ("es", "Hace suya la", "operative", "endorses"),
    ("es", "Creyendo que", "preamble", "convinced"),
    ("es", "Reconocemos que", "operative", "recognizes"),
    ("es", "Tomando en consideración", "preamble", "considering"),
]


@pytest.mark.parametrize(
    ("code", "text", "part", "function"),
    [pytest.param(*row, id=f"{row[0]}-{row[1][:28]}") for row in UN_CASES],
)
def test_un_openers(code: str, text: str, part: str, function: str) -> None:
    found = phrases(code).opener_at(text, 0, un=True)
    assert found is not None
    assert found.opener.function(part) == function


@pytest.mark.parametrize(
    ("code", "text", "function"),
    [
        # ITU French keeps its own conventions: the UN table only applies to UN texts.
        pytest.param("fr", "considérant", "considering", id="fr-itu-considering"),
        pytest.param("fr", "notant avec satisfaction", "noting with satisfaction", id="fr-itu-sat"),
        pytest.param("es", "tomando en consideración", "taking into account", id="es-itu"),
    ],
)
def test_un_table_does_not_apply_to_itu(code: str, text: str, function: str) -> None:
    found = phrases(code).opener_at(text, 0)
    assert found is not None and found.opener.function("preamble") == function


@pytest.mark.parametrize(
    ("code", "text"),
    [
        pytest.param("fr", "Nouvelle approche", id="fr-nous-prefix"),
        pytest.param("fr", "Considérations budgétaires", id="fr-longer-word"),
        pytest.param("es", "Reconocimientos", id="es-longer-word"),
        pytest.param("en", "Weapons", id="en-we-prefix"),
        pytest.param("en", "Deeply", id="en-modifier-alone"),
    ],
)
def test_un_opener_false_positives(code: str, text: str) -> None:
    assert phrases(code).opener_at(text, 0, un=True) is None


@pytest.mark.parametrize(
    ("code", "phrase", "function"),
    [
        pytest.param("en", "Honouring", "honouring", id="en-participle"),
        pytest.param("en", "Deeply disappointed", "deeply disappointed", id="en-adverb"),
        pytest.param("en", "Section 2", "other", id="en-heading"),
        pytest.param("en", "II", "other", id="en-numeral"),
        pytest.param("fr", "Déplorant vivement", "other", id="fr-never-leaks"),
        pytest.param("es", "Compartiendo", "other", id="es-never-leaks"),
    ],
)
def test_fallback(code: str, phrase: str, function: str) -> None:
    assert phrases(code).fallback(phrase) == function
