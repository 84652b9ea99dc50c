"""The SKOS scheme of section functions: it covers the gold vocabulary, maps real opening
phrases of UN and ITU texts (English, French, Spanish) to the function the gold answers give,
and never lists one phrase under two functions."""

from __future__ import annotations

import json
import re
from functools import cache

import pytest
from rdflib import OWL, RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import SKOS

from tests.conftest import SHARED
from tests.ontology.conftest import ONTOLOGY

RKG = "https://w3id.org/reskg/ont#"
SCHEME = URIRef("https://w3id.org/reskg/ont/functions")
# The function names the gold README lists (shared/gold/README.md).
GOLD_FUNCTIONS = (
    "recalling", "considering", "noting", "noting with satisfaction", "noting with appreciation",
    "noting with concern", "welcoming", "recognizing", "bearing in mind", "taking into account",
    "reaffirming", "aware", "convinced", "emphasizing", "resolves", "decides", "instructs",
    "requests", "invites", "encourages", "urges", "calls upon", "annex",
)  # fmt: skip


@cache
def scheme() -> Graph:
    return Graph().parse(ONTOLOGY / "functions.ttl", format="turtle")


@cache
def core() -> Graph:
    return Graph().parse(ONTOLOGY / "reskg.ttl", format="turtle")


def notations() -> dict[str, URIRef]:
    out = {}
    for concept, notation in scheme().subject_objects(SKOS.notation):
        assert isinstance(concept, URIRef)
        out[str(notation)] = concept
    return out


@cache
def phrase_table() -> dict[tuple[str, str], str]:
    """(language, lower-case phrase) -> function notation, over pref/alt/hidden labels."""
    table: dict[tuple[str, str], str] = {}
    for notation, concept in notations().items():
        for prop in (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel):
            for label in scheme().objects(concept, prop):
                assert isinstance(label, Literal) and label.language
                table[(label.language, str(label).lower())] = notation
    return table


def function_of(heading: str, language: str) -> str | None:
    """The function of the longest phrase that opens ``heading`` (as a parser would)."""
    text = re.sub(r"\s+", " ", heading.replace("\u00a0", " ")).strip().lower()
    best = None
    for (lang, phrase), notation in phrase_table().items():
        opens = text == phrase or text.startswith(phrase + " ")
        if lang == language and opens and (best is None or len(phrase) > len(best[0])):
            best = (phrase, notation)
    return best[1] if best else None


def test_gold_functions_are_all_concepts_of_the_scheme() -> None:
    assert set(GOLD_FUNCTIONS) <= set(notations())


def test_every_concept_is_complete() -> None:
    graph = scheme()
    for notation, concept in notations().items():
        assert (concept, RDF.type, URIRef(RKG + "SectionFunction")) in graph
        assert (concept, SKOS.inScheme, SCHEME) in graph
        assert (SCHEME, SKOS.hasTopConcept, concept) in graph
        assert str(concept) == "https://w3id.org/reskg/id/function/" + notation.replace(" ", "-")
        prefs = {lab.language: str(lab) for lab in graph.objects(concept, SKOS.prefLabel)}
        assert set(prefs) == {"en", "fr", "es"} and prefs["en"] == notation
        edge = graph.value(concept, URIRef(RKG + "citationProperty"))
        assert edge == URIRef(RKG + "cites") or (edge, RDFS.subPropertyOf, None) in core(), edge
        assert (edge, RDF.type, OWL.ObjectProperty) in core()


def test_no_phrase_is_listed_under_two_functions() -> None:
    seen: dict[tuple[str, str], URIRef] = {}
    for concept in notations().values():
        for prop in (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel):
            for label in scheme().objects(concept, prop):
                key = (str(label.language), str(label).lower())
                assert seen.setdefault(key, concept) == concept, (
                    f"{key} under {concept} and {seen[key]}"
                )


GOLD_FILE = SHARED / "gold" / "council-res1334-2023-fr.gold.json"


def gold_sections() -> list[tuple[str, str]]:
    if not GOLD_FILE.is_file():
        return []
    data = json.loads(GOLD_FILE.read_text(encoding="utf-8"))
    return [(s["heading"], s["function"]) for s in data["sections"]]


@pytest.mark.parametrize(("heading", "function"), gold_sections())
def test_gold_headings_map_to_their_gold_function(heading: str, function: str) -> None:
    assert function_of(heading, "fr") == function


@pytest.mark.parametrize(
    ("language", "heading", "function"),
    [
        # openings as printed in UN General Assembly resolutions (shared/datasets/unxml-ga)
        ("en", "Recalling also", "recalling"),
        ("en", "Notes with appreciation", "noting with appreciation"),
        ("en", "Calls upon Member States", "calls upon"),
        ("en", "Expressing deep concern", "deeply concerned"),
        ("en", "Guided by the purposes and principles of the Charter", "guided by"),
        ("fr", "Consciente", "aware"),
        ("fr", "Convaincue", "convinced"),
        ("fr", "Se félicitant", "welcoming"),
        ("fr", "Prie le Secrétaire général", "requests"),
        ("fr", "Prie instamment les États", "urges"),
        ("fr", "Demande instamment", "urges"),
        ("fr", "Engage les États Membres", "calls upon"),
        ("fr", "Notant avec une vive préoccupation", "noting with concern"),
        ("fr", "Ayant à l’esprit", "bearing in mind"),
        ("fr", "Se déclarant profondément préoccupée", "deeply concerned"),
        ("fr", "Charge le Directeur du Bureau", "instructs"),
        ("fr", "Réaffirmant également", "reaffirming"),
        ("es", "Acogiendo con beneplácito", "welcoming"),
        ("es", "Toma nota con aprecio", "noting with appreciation"),
        ("es", "Observando con preocupación", "noting with concern"),
        ("es", "Reconociendo también", "recognizing"),
        ("es", "Exhorta a los Estados Miembros", "calls upon"),
        ("es", "Insta", "urges"),
        ("es", "Hace suyo", "endorses"),
        ("es", "Resuelve encargar al Secretario General", "instructs"),
        ("es", "Convencida", "convinced"),
    ],
)
def test_real_openings_map_to_their_function(language: str, heading: str, function: str) -> None:
    assert function_of(heading, language) == function


def test_an_unknown_opening_maps_to_nothing() -> None:
    assert function_of("Rappelons", "fr") is None
    assert function_of("recalling", "fr") is None  # an English phrase is not French
