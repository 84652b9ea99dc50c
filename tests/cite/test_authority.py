"""The authority data loads, and its lookups answer the cases the resolver relies on."""

from __future__ import annotations

from pathlib import Path

import pytest

from reskg.authority import load_authority, place_key
from reskg.errors import InputError


@pytest.mark.parametrize(
    ("place", "year", "body"),
    [
        pytest.param("Bucarest", 2022, "ITU-PP", id="pp22-fr"),
        pytest.param("Marrakech", 2002, "ITU-PP", id="pp02-fr-spelling"),
        pytest.param("BUENOS-AIRES", 2017, "ITU-WTDC", id="wtdc17-hyphen"),
        pytest.param("Dubai", 2012, "ITU-WTSA", id="dubai-by-year-wtsa"),
        pytest.param("Dubai", 2018, "ITU-PP", id="dubai-by-year-pp"),
        pytest.param("Hammamet", 2016, "ITU-WTSA", id="wtsa16"),
    ],
)
def test_conference(place: str, year: int, body: str) -> None:
    conference = load_authority().conference(place, year)
    assert conference is not None and conference.body == body


def test_pp_facts_of_the_brief() -> None:
    pp = {(c.place, c.year) for c in load_authority().conferences if c.body == "ITU-PP"}
    expected = {
        ("Minneapolis", 1998),
        ("Marrakesh", 2002),
        ("Antalya", 2006),
        ("Guadalajara", 2010),
        ("Busan", 2014),
        ("Dubai", 2018),
        ("Bucharest", 2022),
        ("Doha", 2026),
    }
    assert expected <= pp


def test_place_key_folds_spelling() -> None:
    assert place_key("Buenos-Aires") == place_key("buenos aires")


def test_missing_directory_is_a_typed_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="missing"):
        load_authority(tmp_path)
