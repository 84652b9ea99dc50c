"""Checks that run before any SPARQL reaches the store.

The engine would call out on its own: pyoxigraph runs ``SERVICE`` and ``LOAD`` over HTTP
with no timeout, and rdflib dereferences ``FROM`` (store-perf.md, section 2). So every
request is parsed first, with rdflib's parser, which only parses here (graph loading is
switched off at import), and refused with :class:`QueryRefused` when it

* uses ``SERVICE`` anywhere, however deeply nested;
* uses ``LOAD`` (updates);
* names, in ``FROM``/``FROM NAMED`` or the protocol's graph parameters, a graph that is
  not in the store (this endpoint never fetches a graph);
* is larger than the configured cap;
* nests parentheses, braces or brackets deeper than :data:`MAX_NESTING` levels (outside
  string literals, IRIs and comments), or deeper than rdflib's recursive parser can go
  (it gives up at about 25 levels of parentheses and 35 of groups, with ``RecursionError``).
  Both are answered 400 ``query.nesting``, never 500.

Graph names in ``FROM``/``FROM NAMED`` and the protocol's graph parameters must be
absolute IRIs: anything else is refused with :class:`~reskg.errors.GraphNameError` (400
``graph.iri``) naming the parameter, before the store is asked about it.

rdflib's parser is not thread-safe (rdflib#1282), hence the lock.

The protocol's ``using-graph-uri``/``using-named-graph-uri`` become ``USING`` clauses of
each ``DELETE``/``INSERT ... WHERE`` operation (pyoxigraph's Python API takes no dataset
for an update). The clauses name the graphs by prefixes bound through pyoxigraph's
``prefixes=`` argument, so no IRI text is spliced into the update.
"""

from __future__ import annotations

import re
import threading
import uuid
from collections import OrderedDict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import rdflib.plugins.sparql
from pyparsing import ParseBaseException
from rdflib.plugins.sparql import parser
from rdflib.plugins.sparql.algebra import translatePrologue
from rdflib.plugins.sparql.parserutils import CompValue

from api.problems import Problem
from api.update_text import operation_segments
from reskg.store.embedded import graph_node
from reskg.store.interface import AnswerKind, QueryRefused, QuerySyntaxError

rdflib.plugins.sparql.SPARQL_LOAD_GRAPHS = False

MAX_NESTING = 200
"""Most levels of ``()``, ``{}`` and ``[]`` a request may nest, checked before parsing."""

# What the nesting check skips (SPARQL 1.1 grammar, section 19.8: the four string forms,
# IRIREF, comments) and what it counts: one pass, left to right, each token linear.
_NESTING_TOKENS = re.compile(
    r"""'''(?:(?:'|'')?(?:[^'\\]|\\.))*'''"""
    r'''|"""(?:(?:"|"")?(?:[^"\\]|\\.))*"""'''
    r"""|'(?:[^'\\\n\r]|\\.)*'"""
    r'''|"(?:[^"\\\n\r]|\\.)*"'''
    r"""|<[^<>"{}|^`\\\x00-\x20]*>"""
    r"""|#[^\n\r]*"""
    r"""|[(){}\[\]]""",
    re.DOTALL,
)
_OPENING = frozenset("({[")
_CLOSING = frozenset(")}]")

_PARSER_LOCK = threading.Lock()

_KINDS: dict[str, AnswerKind] = {
    "SelectQuery": "bindings",
    "AskQuery": "boolean",
    "ConstructQuery": "graph",
    "DescribeQuery": "graph",
}


@dataclass(frozen=True, slots=True)
class CheckedQuery:
    """A query that passed the guard; ``kind`` says which answer formats apply."""

    text: str
    kind: AnswerKind
    has_dataset_clause: bool


@dataclass(frozen=True, slots=True)
class CheckedUpdate:
    """An update that passed the guard, with the prefixes its rewritten text relies on."""

    text: str
    prefixes: dict[str, str] = field(default_factory=dict)


def _walk(node: Any) -> Iterator[CompValue]:
    """Every CompValue in a parse tree, depth first."""
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, CompValue):
            yield item
            stack.extend(item.values())
        elif isinstance(item, list | tuple) or hasattr(item, "asList"):
            stack.extend(item)


def _check_size(text: str, max_bytes: int) -> None:
    size = len(text.encode("utf-8"))
    if size > max_bytes:
        raise Problem(413, f"the request is {size} bytes; the limit is {max_bytes}", rule="size")


def _nesting(text: str) -> int:
    """The deepest nesting of ``()``, ``{}`` and ``[]`` in ``text``, outside string
    literals, IRIs and comments (unbalanced closers are left to the parser)."""
    depth = deepest = 0
    for token in _NESTING_TOKENS.finditer(text):
        char = token.group()
        if char in _OPENING:
            depth += 1
            deepest = max(deepest, depth)
        elif char in _CLOSING and depth:
            depth -= 1
    return deepest


def _check_nesting(text: str) -> None:
    if sum(text.count(c) for c in _OPENING) <= MAX_NESTING:
        return  # cannot nest deeper than it opens: the common case costs three counts
    depth = _nesting(text)
    if depth > MAX_NESTING:
        raise QueryRefused(
            f"the request nests brackets {depth} levels deep; the limit is {MAX_NESTING}",
            rule="query.nesting",
        )


def _too_deep() -> QueryRefused:
    """rdflib's parser is recursive and hit Python's recursion limit."""
    return QueryRefused(
        "the request nests too deeply for the SPARQL parser; flatten its groups and "
        "parenthesised expressions",
        rule="query.nesting",
    )


def _refuse_service(tree: Any) -> None:
    for node in _walk(tree):
        if node.name == "ServiceGraphPattern":
            raise QueryRefused("SERVICE is refused: this endpoint never calls other services")


def _absolute(iris: Sequence[str], where: str) -> None:
    """Refuse a graph name that is not an absolute IRI, naming ``where`` it came from."""
    for iri in iris:
        graph_node(iri, where)


def _require_graphs(iris: Sequence[str], where: str, exists: Callable[[str], bool]) -> None:
    _absolute(iris, where)
    for iri in iris:
        if not exists(iri):
            raise QueryRefused(
                f"{where} names <{iri}>, which is not a graph in this store; "
                "this endpoint never fetches graphs"
            )


_Parsed = tuple[AnswerKind, tuple[str, ...], tuple[str, ...]]
_PARSED: OrderedDict[str, _Parsed] = OrderedDict()  # the last texts parsed, oldest first
_PARSED_MAX = 1024
_PARSED_LOCK = threading.Lock()


def parsed(text: str) -> bool:
    """Whether ``text`` was parsed lately, so that checking it again costs microseconds
    (:mod:`api.sparql_front` then checks it on the event loop)."""
    return text in _PARSED


def _parse_query(text: str) -> _Parsed:
    """The form of a query and its FROM and FROM NAMED graphs, SERVICE refused.

    rdflib's parser takes tens of milliseconds for a long query and runs under one lock,
    so each text is parsed once: the web pages, permalinks and named queries repeat
    theirs. The last 1,024 texts are kept. A text that fails is not remembered (its
    error is raised each time).
    """
    with _PARSED_LOCK:
        known = _PARSED.get(text)
        if known is not None:
            _PARSED.move_to_end(text)
            return known
    result = _parse_uncached(text)
    with _PARSED_LOCK:
        _PARSED[text] = result
        if len(_PARSED) > _PARSED_MAX:
            _PARSED.popitem(last=False)
    return result


def _parse_uncached(text: str) -> _Parsed:
    with _PARSER_LOCK:
        try:
            tree = parser.parseQuery(text)
        except (ParseBaseException, ValueError) as error:
            raise QuerySyntaxError(f"malformed query: {error}") from None
        except RecursionError:
            raise _too_deep() from None
        prologue, body = tree[0], tree[1]
        _refuse_service(body)
        # CompValue.get(key, x) takes no default: its second argument means something else.
        clauses = body["datasetClause"] if "datasetClause" in body else []  # noqa: SIM401
        try:
            resolve = translatePrologue(prologue, None).absolutize
            named = tuple(str(resolve(c["named"])) for c in clauses if "named" in c)
            default = tuple(str(resolve(c["default"])) for c in clauses if "default" in c)
        except Exception as error:  # rdflib raises bare Exception for an unknown prefix
            raise QuerySyntaxError(f"malformed query: {error}") from None
    return _KINDS[body.name], default, named


def check_query(
    text: str,
    *,
    default_graph_uris: Sequence[str],
    named_graph_uris: Sequence[str],
    graph_exists: Callable[[str], bool],
    max_bytes: int,
) -> CheckedQuery:
    """Parse ``text`` and apply the policy; raise before anything is evaluated."""
    _check_size(text, max_bytes)
    _absolute(default_graph_uris, "default-graph-uri")
    _absolute(named_graph_uris, "named-graph-uri")
    _check_nesting(text)
    kind, default, named = _parse_query(text)
    _require_graphs(default + named, "FROM", graph_exists)
    _require_graphs(default_graph_uris, "default-graph-uri", graph_exists)
    _require_graphs(named_graph_uris, "named-graph-uri", graph_exists)
    return CheckedQuery(text, kind, bool(default or named))


def check_update(
    text: str,
    *,
    using_graph_uris: Sequence[str],
    using_named_graph_uris: Sequence[str],
    max_bytes: int,
) -> CheckedUpdate:
    """Parse an update, refuse LOAD and SERVICE, and apply the protocol's USING graphs."""
    _check_size(text, max_bytes)
    _absolute(using_graph_uris, "using-graph-uri")
    _absolute(using_named_graph_uris, "using-named-graph-uri")
    _check_nesting(text)
    with _PARSER_LOCK:
        try:
            tree = parser.parseUpdate(text)
        except (ParseBaseException, ValueError) as error:
            raise QuerySyntaxError(f"malformed update: {error}") from None
        except RecursionError:
            raise _too_deep() from None
    operations = list(tree["request"]) if "request" in tree else []
    for node in _walk(operations):
        if node.name == "Load":
            raise QueryRefused("LOAD is refused: this endpoint never fetches graphs")
    _refuse_service(operations)
    if not (using_graph_uris or using_named_graph_uris):
        return CheckedUpdate(text)
    return _with_using(text, operations, using_graph_uris, using_named_graph_uris)


def _with_using(
    text: str,
    operations: list[CompValue],
    using_graph_uris: Sequence[str],
    using_named_graph_uris: Sequence[str],
) -> CheckedUpdate:
    """Add ``USING`` clauses for the protocol's graphs to every ``Modify`` operation."""
    for operation in operations:
        if operation.name == "Modify" and ("withClause" in operation or "using" in operation):
            raise QueryRefused(
                "using-graph-uri and using-named-graph-uri cannot be combined with an "
                "update that has USING or WITH (SPARQL 1.1 Protocol, section 2.2.3)"
            )
        if operation.name == "DeleteWhere":
            raise QueryRefused(
                "using-graph-uri cannot apply to DELETE WHERE; write DELETE {...} WHERE {...}"
            )
    segments = operation_segments(text)
    if len(segments) != len(operations):
        raise QueryRefused("cannot apply using-graph-uri to this update: operations unclear")
    tag = f"reskg{uuid.uuid4().hex}"
    prefixes: dict[str, str] = {}
    clauses = []
    for index, iri in enumerate(using_graph_uris):
        prefixes[f"{tag}d{index}"] = iri
        clauses.append(f"USING {tag}d{index}:")
    for index, iri in enumerate(using_named_graph_uris):
        prefixes[f"{tag}n{index}"] = iri
        clauses.append(f"USING NAMED {tag}n{index}:")
    insertion = " " + " ".join(clauses) + " "
    pieces, cursor = [], 0
    for operation, segment in zip(operations, segments, strict=True):
        if operation.name == "Modify":
            if segment.where is None:
                raise QueryRefused("cannot apply using-graph-uri: no WHERE found")
            pieces += [text[cursor : segment.where], insertion]
            cursor = segment.where
    pieces.append(text[cursor:])
    return CheckedUpdate("".join(pieces), prefixes)
