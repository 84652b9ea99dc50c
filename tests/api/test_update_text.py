"""The lexical scan that places USING clauses: operations and their top-level WHERE."""

from __future__ import annotations

import pytest

from api.update_text import operation_segments

CASES = [
    pytest.param("CLEAR ALL", [None], id="one-op"),
    pytest.param("CLEAR ALL ;", [None], id="trailing-semicolon"),
    pytest.param(
        "PREFIX ex: <http://e/> INSERT { ?s ex:p 1 ; ex:q 2 } WHERE { ?s ?p ?o }",
        ["WHERE { ?s ?p ?o }"],
        id="semicolon-inside-braces",
    ),
    pytest.param(
        'INSERT DATA { <a> <b> "x ; WHERE" } ; DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }',
        [None, "WHERE { ?s ?p ?o }"],
        id="string-with-keywords",
    ),
    pytest.param(
        "INSERT { ?where <w> ex:where } # WHERE ; in a comment\nWHERE { ?s ?p ?o }",
        ["WHERE { ?s ?p ?o }"],
        id="variables-names-comments",
    ),
    pytest.param(
        "WITH <http://g;WHERE> DELETE { ?s ?p ?o } where { ?s ?p ?o }",
        ["where { ?s ?p ?o }"],
        id="iri-and-lower-case",
    ),
    pytest.param("PREFIX ex: <http://e/>", [], id="prologue-only"),
]


@pytest.mark.parametrize(("text", "wheres"), CASES)
def test_segments(text: str, wheres: list[str | None]) -> None:
    segments = operation_segments(text)
    found = [None if s.where is None else text[s.where : s.end].strip() for s in segments]
    assert found == wheres
