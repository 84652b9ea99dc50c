"""SPARQL text that reskg writes itself around a query: checked IRIs, bound values as a
trailing ``VALUES`` clause, BASE and PREFIX declarations (for the remote store, whose
protocol has no parameter for bindings or prefixes; see ``remote.py`` for why this is safe
and when it answers as the engine's substitution does).

Every piece is written from a term pyoxigraph has parsed and checked, never copied from
the caller's text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from pyoxigraph import Literal, NamedNode, Variable

from reskg.errors import ReskgError
from reskg.store.answers import _substitutions
from reskg.store.interface import QuerySyntaxError

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_VARNAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_PREFIX_NAME = re.compile(r"^(?:[A-Za-z][A-Za-z0-9_-]*)?$")
_LANGUAGE = re.compile(r"^[A-Za-z]+(?:-[A-Za-z0-9]+)*$")


def iri_text(value: str, error: type[ReskgError] = QuerySyntaxError) -> str:
    """``<value>`` for an absolute IRI that pyoxigraph accepts and that holds no character
    able to end an IRI reference, else ``error``."""
    try:
        NamedNode(value)
    except ValueError as problem:
        raise error(f"not an absolute IRI {value!r}: {problem}") from None
    if _IRI_FORBIDDEN.search(value):
        raise error(f"not an IRI reference {value!r}")
    return f"<{value}>"


def term_text(name: str, term: object) -> str:
    """A parsed IRI or literal written as a SPARQL term, from its parts."""
    if isinstance(term, NamedNode):
        return iri_text(term.value)
    if isinstance(term, Literal) and not term.direction:
        escaped = (
            term.value.replace("\\", "\\\\")
            .replace('"', '\\"')
            .replace("\n", "\\n")
            .replace("\r", "\\r")
            .replace("\t", "\\t")
        )
        if term.language:
            if not _LANGUAGE.match(term.language):
                raise QuerySyntaxError(f"?{name}: bad language tag {term.language!r}")
            return f'"{escaped}"@{term.language}'
        if term.datatype.value == _XSD_STRING:
            return f'"{escaped}"'
        return f'"{escaped}"^^{iri_text(term.datatype.value)}'
    raise QuerySyntaxError(f"?{name}: a remote store binds IRIs and literals only")


def values_clause(bindings: Mapping[str, str]) -> str:
    """The trailing ``VALUES`` clause that binds ``bindings`` (N-Triples terms by name)."""
    if not bindings:
        return ""
    names = sorted(bindings)
    for name in names:
        if not _VARNAME.match(name):
            raise QuerySyntaxError(f"not a variable name: {name!r}")
    terms = _substitutions(tuple((name, bindings[name]) for name in names))
    row = " ".join(term_text(name, terms[Variable(name)]) for name in names)
    return f"\nVALUES ({' '.join('?' + name for name in names)}) {{ ({row}) }}\n"


def prologue(base_iri: str | None, prefixes: Mapping[str, str] | None) -> str:
    """BASE and PREFIX declarations from checked IRIs and prefix names."""
    lines = [f"BASE {iri_text(base_iri)}"] if base_iri else []
    for name, iri in sorted((prefixes or {}).items()):
        if not _PREFIX_NAME.match(name):
            raise QuerySyntaxError(f"not a prefix name: {name!r}")
        lines.append(f"PREFIX {name}: {iri_text(iri)}")
    return "".join(line + "\n" for line in lines)
