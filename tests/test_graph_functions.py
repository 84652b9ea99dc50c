"""Section functions to the scheme's concepts and citation edges (``reskg.graph``).

A UN italic opening phrase is the function with its object ("Recalls its request" ->
``recalls request``); the concept and the edge are those of its longest leading words
that ``ontology/functions.ttl`` knows, and a function it does not know at all gets none
(the generic ``rkg:cites``)."""

from __future__ import annotations

import pytest

from reskg.graph import function_term

ONT = "https://w3id.org/reskg/ont#"

CASES = [
    # (function, the edge's local name, or None when the scheme knows none of its words)
    ("recalls", "recalls"),
    ("recalls request", "recalls"),
    ("recalling further", "recalls"),
    ("noting", "notes"),
    ("noting with concern", "notesWithConcern"),
    ("takes note with appreciation", "notesWithAppreciation"),
    ("reiterates strong condemnation", "reaffirms"),
    ("welcomes and encourages", "welcomes"),
    ("strongly condemns", None),
    ("annexe", None),
]


@pytest.mark.parametrize(("function", "edge"), CASES)
def test_a_function_takes_the_edge_of_its_longest_known_words(
    function: str, edge: str | None
) -> None:
    term = function_term(function)
    if edge is None:
        assert term is None
    else:
        assert term is not None
        assert str(term.edge) == ONT + edge
