"""SPARQL text that reskg writes itself around a query: checked IRIs, bound values as a
``VALUES`` block opening the WHERE clause (:func:`with_values`), BASE and PREFIX
declarations (for the remote store, whose protocol has no parameter for bindings or
prefixes; see ``remote.py`` for why this is safe and when it answers as the engine's
substitution does).

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
# The lexical scan of where_group: IRI references by longest match (as the grammar's
# tokenizer does), words (keywords, prefixed names), variables, string quotings.
_IRI_REF = re.compile(r'<[^<>"{}|^`\\\x00-\x20]*>')
_WORD = re.compile(r"[A-Za-z_][\w\-.:]*")
_VARIABLE = re.compile(r"[?$]\w*")
_STRING_OPENERS = ('"""', "'''", '"', "'")
_FORMS = frozenset({"SELECT", "CONSTRUCT", "DESCRIBE", "ASK"})


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


def _skip_string(text: str, index: int) -> int:
    """The index just after the string literal that starts at ``index``."""
    opener = next(o for o in _STRING_OPENERS if text.startswith(o, index))
    cursor = index + len(opener)
    while cursor < len(text):
        if text[cursor] == "\\":
            cursor += 2
        elif text.startswith(opener, cursor):
            return cursor + len(opener)
        else:
            cursor += 1
    return cursor


def where_group(query: str) -> int | None:
    """The offset just after the ``{`` that opens the WHERE clause of ``query`` (a
    SPARQL query, prologue included), or ``None`` when it has none that a ``VALUES`` block
    may open (``DESCRIBE`` without WHERE, the short ``CONSTRUCT WHERE`` form).

    A lexical scan: strings, IRI references and comments are skipped, and only braces
    outside parentheses and other braces count (the CONSTRUCT template is the first such
    group, the WHERE clause the next; ``EXISTS { }`` in a projection sits in parentheses).
    """
    form: str | None = None
    groups = depth = parens = 0
    index = 0
    while index < len(query):
        char = query[index]
        if char == "#":
            newline = query.find("\n", index)
            index = len(query) if newline < 0 else newline
            continue
        if char in "\"'":
            index = _skip_string(query, index)
            continue
        if char == "<" and (iri := _IRI_REF.match(query, index)):
            index = iri.end()
            continue
        if char in "?$":
            variable = _VARIABLE.match(query, index)
            index = variable.end() if variable else index + 1
            continue
        if char.isalpha() or char == "_":
            word = _WORD.match(query, index)
            assert word is not None
            keyword = word.group().upper()
            if depth == 0 and parens == 0:
                if form is None and keyword in _FORMS:
                    form = keyword
                elif form == "CONSTRUCT" and groups == 0 and keyword == "WHERE":
                    return None  # CONSTRUCT WHERE { triples }: no room for VALUES
            index = word.end()
            continue
        if char == "(":
            parens += 1
        elif char == ")":
            parens -= 1
        elif char == "{":
            if depth == 0 and parens == 0 and form is not None:
                groups += 1
                if form != "CONSTRUCT" or groups == 2:
                    return index + 1
            depth += 1
        elif char == "}":
            depth -= 1
        index += 1
    return None


def with_values(query: str, bindings: Mapping[str, str]) -> str:
    """``query`` with ``bindings`` (N-Triples terms by name) as a ``VALUES`` block that
    opens its WHERE clause, so that the clause's filters, ``OPTIONAL`` conditions and
    ``EXISTS`` tests see the values, as the engine's substitution would; a query without
    such a clause gets the block as its trailing ``VALUES`` clause."""
    block = values_clause(bindings)
    if not block:
        return query
    where = where_group(query)
    if where is None:
        return query + block
    return query[:where] + block + query[where:]


def prologue(base_iri: str | None, prefixes: Mapping[str, str] | None) -> str:
    """BASE and PREFIX declarations from checked IRIs and prefix names."""
    lines = [f"BASE {iri_text(base_iri)}"] if base_iri else []
    for name, iri in sorted((prefixes or {}).items()):
        if not _PREFIX_NAME.match(name):
            raise QuerySyntaxError(f"not a prefix name: {name!r}")
        lines.append(f"PREFIX {name}: {iri_text(iri)}")
    return "".join(line + "\n" for line in lines)
