"""The modules load in the OWL API (the library Protégé is built on) through the catalog,
are in the OWL 2 DL profile, and HermiT finds them consistent with no unsatisfiable class;
the OWL fixtures prove that each of these checks can fail."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.ontology.conftest import EXAMPLES, ONTOLOGY

Check = Callable[..., tuple[int, str, list]]
MODULES = ["reskg.ttl", "reskg-align.ttl", "functions.ttl", "reskg.owl", "reskg-align.owl"]
EXPECT_OWL = re.compile(r"^# expect-owl: (.*)$", re.M)


def by_unit(results: list) -> dict[str, dict[str, str]]:
    return {Path(r["unit"]).name: r.fields for r in results}


def test_every_module_is_owl2_dl_and_consistent(owlcheck: Check) -> None:
    code, out, results = owlcheck("--hermit", *(str(ONTOLOGY / m) for m in MODULES))
    units = by_unit(results)
    assert set(units) == set(MODULES), out
    for name, fields in units.items():
        assert fields["loaded"] == "true", (name, out)
        assert fields["dl"] == "IN" and fields["violations"] == "-", (name, out)
        assert fields["missing"] == "-", (name, out)
        assert fields["consistent"] == "true" and fields["unsat"] == "0", (name, out)
        assert int(fields["axioms"]) > 800
    assert units["reskg-align.ttl"]["closure"] == "2"  # core came in through the catalog
    assert code == 0


def test_core_alignment_and_functions_together(owlcheck: Check) -> None:
    files = [str(ONTOLOGY / m) for m in ("reskg.ttl", "reskg-align.ttl", "functions.ttl")]
    code, out, results = owlcheck("--hermit", "--merge", *files)
    (merged,) = results
    assert merged["dl"] == "IN" and merged["consistent"] == "true" and merged["unsat"] == "0", out
    assert code == 0


def test_fixtures_fail_the_way_they_announce(owlcheck: Check) -> None:
    fixtures = sorted((EXAMPLES / "owl").glob("*.ttl"))
    assert len(fixtures) >= 3
    code, out, results = owlcheck("--hermit", *map(str, fixtures))
    units = by_unit(results)
    for path in fixtures:
        (line,) = EXPECT_OWL.findall(path.read_text(encoding="utf-8"))
        expected = dict(item.split("=", 1) for item in line.split())
        got = units[path.name]
        assert got["loaded"] == "true", out
        assert got["dl"] == expected["dl"], (path.name, out)
        if "violations" in expected:
            kinds = {v.split(":")[0] for v in got["violations"].split(",")}
            assert set(expected["violations"].split(",")) <= kinds, (path.name, out)
        if "consistent" in expected:
            assert got["consistent"] == expected["consistent"], (path.name, out)
        if "unsat" in expected:
            assert got["unsat"] == expected["unsat"], (path.name, out)
    assert code == 1  # the checker's exit status reports the failures too


def with_import(example: Path, tmp: Path) -> Path:
    """The example as an ontology importing the core, so the OWL API types its properties."""
    head = (
        "@prefix owl: <http://www.w3.org/2002/07/owl#> .\n"
        f"<urn:reskg:test:{example.stem}> a owl:Ontology ; "
        "owl:imports <https://w3id.org/reskg/ont> , <https://w3id.org/reskg/ont/functions> .\n"
    )
    target = tmp / example.name
    target.write_text(head + example.read_text(encoding="utf-8"), encoding="utf-8")
    return target


def test_valid_examples_are_consistent_with_the_ontology(owlcheck: Check, tmp_path: Path) -> None:
    """xsd:date literals are outside OWL 2, so HermiT is told to ignore their datatype; the
    profile check then reports exactly that and nothing else."""
    files = [with_import(p, tmp_path) for p in sorted((EXAMPLES / "valid").glob("*.ttl"))]
    _, out, results = owlcheck("--hermit", "--ignore-unsupported-datatypes", *map(str, files))
    for fields in by_unit(results).values():
        assert fields["consistent"] == "true" and fields["unsat"] == "0", out
        kinds = (
            set()
            if fields["violations"] == "-"
            else {v.split(":")[0] for v in fields["violations"].split(",")}
        )
        assert kinds <= {"UseOfUndeclaredDatatype", "UseOfDefinedDatatypeInLiteral"}, out


@pytest.mark.parametrize("name", ["section-in-two-parts", "two-instrument-types"])
def test_shacl_negatives_that_break_disjointness_are_inconsistent(
    owlcheck: Check, tmp_path: Path, name: str
) -> None:
    example = with_import(EXAMPLES / "invalid" / f"{name}.ttl", tmp_path)
    _, out, results = owlcheck("--hermit", "--ignore-unsupported-datatypes", str(example))
    assert results[0]["consistent"] == "false", out
