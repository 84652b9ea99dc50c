"""Where a remote store's bound values go: a ``VALUES`` block that opens the WHERE clause
(``reskg.store.terms.with_values``), found by a lexical scan that strings, IRIs, comments,
CONSTRUCT templates and ``EXISTS`` in a projection do not mislead."""

from __future__ import annotations

import pytest
from pyoxigraph import Store

from reskg.queries import catalogue
from reskg.store.terms import where_group, with_values

DATE = '"2020-01-01"^^<http://www.w3.org/2001/XMLSchema#date>'


@pytest.mark.parametrize(
    ("query", "opens"),
    [
        pytest.param("SELECT * WHERE { ?s ?p ?o }", "{ ?s ?p ?o }", id="select"),
        pytest.param("ask{?s ?p ?o}", "{?s ?p ?o}", id="ask-lower-case"),
        pytest.param("CONSTRUCT { ?s ?p 1 } WHERE { ?s ?p ?o }", "{ ?s ?p ?o }", id="construct"),
        pytest.param(
            "SELECT (EXISTS { ?a ?b ?c } AS ?e) FROM <urn:g> # a { comment\nWHERE { ?s ?p '{' }",
            "{ ?s ?p '{' }",
            id="exists-iri-comment-string",
        ),
        pytest.param(
            "PREFIX ex: <urn:{x}> SELECT ?where { ?where ex:select ?x }",
            "{ ?where ex:select ?x }",
            id="keywords-as-names",
        ),
        pytest.param("DESCRIBE <urn:x> WHERE { ?s ?p ?o }", "{ ?s ?p ?o }", id="describe"),
        pytest.param("DESCRIBE <urn:x>", None, id="describe-without-where"),
        pytest.param("CONSTRUCT WHERE { ?s ?p ?o }", None, id="short-construct"),
    ],
)
def test_the_where_clause_is_found(query: str, opens: str | None) -> None:
    where = where_group(query)
    if opens is None:
        assert where is None
    else:
        assert where is not None and query[where - 1 :] == opens


def test_values_open_the_where_clause_or_trail() -> None:
    bound = with_values("SELECT ?d WHERE { FILTER(?d > 1) }", {"d": '"2"'})
    assert bound == 'SELECT ?d WHERE {\nVALUES (?d) { ("2") }\n FILTER(?d > 1) }'
    trailing = with_values("DESCRIBE ?x", {"x": "<urn:x>"})
    assert trailing == "DESCRIBE ?x\nVALUES (?x) { (<urn:x>) }\n"
    assert with_values("ASK {}", {}) == "ASK {}"


def test_filters_see_the_values_as_with_substitution() -> None:
    store = Store()
    query = "SELECT ?d WHERE { FILTER(YEAR(?d) = 2020) }"
    assert len(list(store.query(with_values(query, {"d": DATE})))) == 1
    trailing = query + "\nVALUES (?d) { (" + DATE + ") }"
    assert len(list(store.query(trailing))) == 0


@pytest.mark.parametrize("name", sorted(catalogue()))
def test_every_named_query_takes_its_values(name: str) -> None:
    query = catalogue()[name]
    values = {p.name: DATE if p.kind == "date" else "<urn:x>" for p in query.parameters}
    bound = with_values(query.text, values)
    if values:
        assert where_group(query.text) is not None
    Store().query(bound)  # parses
