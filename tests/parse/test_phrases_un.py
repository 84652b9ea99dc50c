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
    # English: the phrase as printed, lower case, repeats ("also", "further") dropped.
    ("en", "Taking note of the report", "preamble", "taking note"),
    ("en", "Takes note of the report", "operative", "takes note"),
    ("en", "Also takes note of", "operative", "takes note"),
    ("en", "Noting with grave concern", "preamble", "noting with grave concern"),
    ("en", "Further decides", "operative", "decides"),
    ("en", "Decides further", "operative", "decides"),
    ("en", "Recalling also", "preamble", "recalling"),
    ("en", "Recognising", "preamble", "recognizing"),
    ("en", "Stressing the need", "preamble", "stressing"),
    ("en", "Conscious of", "preamble", "conscious"),
    ("en", "Reiterates that", "operative", "reiterates"),
    ("en", "Expressing its appreciation to", "preamble", "expressing appreciation"),
    ("en", "Recalling with appreciation", "preamble", "recalling with appreciation"),
    ("en", "Strongly condemns the", "operative", "strongly condemns"),
    ("en", "Resolves to instruct the Directors", "operative", "instructs"),
    ("en", "Stresses the importance", "operative", "stresses"),
    ("en", "Underlines the need", "operative", "underlines"),
    ("en", "Acknowledges the work", "operative", "acknowledges"),
    ("en", "Acknowledging the work", "preamble", "acknowledging"),
    ("en", "Reiterating its commitment", "preamble", "reiterating"),
    ("en", "Mindful that", "preamble", "mindful"),
    ("en", "Calls for the immediate", "operative", "calls for"),
    ("en", "Deeply concerned by reports", "preamble", "deeply concerned"),
    ("en", "Gravely concerned at", "preamble", "gravely concerned"),
    ("en", "Remaining deeply concerned", "preamble", "remaining deeply concerned"),
    ("en", "Concerned that", "preamble", "concerned"),
    ("en", "Expressing deep concern at", "preamble", "expressing deep concern"),
    ("en", "Deeply regrets the", "operative", "deeply regrets"),
    ("en", "Unequivocally condemning the use", "preamble", "unequivocally condemning"),
    ("en", "Reiterates its request to the Secretary-General", "operative", "reiterates request"),
    ("en", "Reiterates its call upon all States", "operative", "reiterates call upon"),
    ("en", "Calls once again upon States", "operative", "calls upon"),
    ("en", "Expresses its gratitude to", "operative", "expresses gratitude"),
    ("en", "We recognize that", "operative", "recognizes"),
    ("en", "We are at a time of", "operative", "other"),
    ("en", "Regretting that", "preamble", "regretting"),
    # French: feminine, plural, reflexive forms; UN renderings.
    ("fr", "Consciente que", "preamble", "recognizing"),
    ("fr", "Conscients de", "preamble", "aware"),  # seen too rarely: ITU meaning
    ("fr", "Convaincue que", "preamble", "convinced"),
    ("fr", "Se félicitant de", "preamble", "welcoming"),
    ("fr", "Ayant examiné le rapport", "preamble", "having considered"),
    ("fr", "Réaffirmant également", "preamble", "reaffirming"),
    ("fr", "Profondément préoccupée par", "preamble", "deeply concerned"),
    ("fr", "Se déclarant gravement préoccupée", "preamble", "expressing grave concern"),
    ("fr", "S’inquiétant vivement de", "preamble", "deeply concerned"),  # ITU meaning
    ("fr", "Préoccupée par", "preamble", "concerned"),
    ("fr", "Considérant que", "preamble", "recognizing"),
    ("fr", "Constatant avec préoccupation", "preamble", "expressing concern"),
    ("fr", "Prend note du rapport", "operative", "takes note"),
    ("fr", "Prend acte du rapport", "operative", "takes note"),
    ("fr", "Prend également note", "operative", "takes note"),
    ("fr", "Prend note avec satisfaction", "operative", "takes note with appreciation"),
    ("fr", "Souligne qu’il importe", "operative", "stresses"),
    ("fr", "Déclarant que", "preamble", "declaring"),  # rejected on review: ITU meaning
    ("fr", "Considère que", "operative", "recognizes"),
    ("fr", "Réitère son appel", "operative", "reiterates"),
    # A phrase and a repeat that UN English renders with a phrase of its own (48 of 60
    # "Prie de nouveau" print "Reiterates its request"): counted and kept as one phrase.
    ("fr", "Prie de nouveau le Secrétaire général", "operative", "reiterates request"),
    ("fr", "Prie de nouveau la Puissance", "operative", "reiterates request"),  # 79/104
    ("fr", "Prie le Secrétaire général", "operative", "requests"),
    ("fr", "Souligne de nouveau qu’elle-même", "operative", "re-emphasizes"),  # 79/247
    ("fr", "Se déclare de nouveau profondément préoccupée", "operative", "reiterates"),  # 79/182
    ("fr", "S’engage de nouveau fermement", "operative", "recommits"),  # 78/134
    ("fr", "S’engage à appuyer sans réserve", "operative", "commits"),  # 79/216
    ("fr", "Demande aux États", "operative", "calls upon"),
    ("fr", "Rend hommage aux", "operative", "commends"),
    ("fr", "Fait siennes les", "operative", "endorses"),
    ("fr", "Se dit consciente", "operative", "recognizes"),
    ("fr", "Déclarant que", "preamble", "declaring"),
    ("fr", "Nous réaffirmons", "operative", "reaffirms"),
    ("fr", "Nous sommes à un moment", "operative", "other"),
    # Spanish.
    ("es", "Recordando también", "preamble", "recalling"),
    ("es", "Tomando nota con aprecio", "preamble", "taking note with appreciation"),
    ("es", "Observando con preocupación", "preamble", "noting with concern"),
    ("es", "Observando con gran preocupación", "preamble", "noting with great concern"),
    ("es", "Profundamente preocupada", "preamble", "deeply concerned"),
    ("es", "Sumamente preocupada", "preamble", "seriously concerned"),
    ("es", "Teniendo presente", "preamble", "mindful"),
    ("es", "Exhorta a los Estados", "operative", "calls upon"),
    ("es", "Renueva su llamamiento", "operative", "renews"),  # rejected on review
    ("es", "Insta a los Estados", "operative", "urges"),
    ("es", "Destaca la importancia", "operative", "stresses"),
    ("es", "Reconoce además", "operative", "recognizes"),
    ("es", "Reitera su solicitud", "operative", "reiterates request"),
    ("es", "Expresa su reconocimiento", "operative", "expresses appreciation"),
    ("es", "Toma conocimiento", "operative", "takes note"),
    ("es", "Hace suya la", "operative", "endorses"),
    ("es", "Creyendo que", "preamble", "believing"),
    ("es", "Reconocemos que", "operative", "recognizes"),
    ("es", "Tomando en consideración", "preamble", "considering"),
    ("es", "Insta encarecidamente a los Estados", "operative", "strongly urges"),  # 79/116
    ("es", "Alienta encarecidamente a que se preste", "operative", "strongly encourages"),  # 79/139
    ("es", "Alienta a los Estados", "operative", "encourages"),
    ("es", "Pone de relieve nuevamente la función", "operative", "re-emphasizes"),  # 79/247
]


@pytest.mark.parametrize(
    ("code", "text", "part", "function"),
    [pytest.param(*row, id=f"{row[0]}-{row[1][:28]}") for row in UN_CASES],
)
def test_un_openers(code: str, text: str, part: str, function: str) -> None:
    found = phrases(code).opener_at(text, 0, un=True)
    assert found is not None
    assert found.function(part) == function


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
        pytest.param("en", "Organising", "organizing", id="en-ise-folded"),
        pytest.param("en", "Arising", "arising", id="en-ise-no-suffix"),
        pytest.param("en", "Revised", "revised", id="en-ised-no-suffix"),
        pytest.param("en", "Deeply disappointed", "deeply disappointed", id="en-adverb"),
        pytest.param("en", "Section 2", "other", id="en-heading"),
        pytest.param("en", "II", "other", id="en-numeral"),
        pytest.param("fr", "Déplorant vivement", "other", id="fr-never-leaks"),
        pytest.param("es", "Compartiendo", "other", id="es-never-leaks"),
    ],
)
def test_fallback(code: str, phrase: str, function: str) -> None:
    assert phrases(code).fallback(phrase) == function
