"""Read a SPARQL 1.1 Protocol request off HTTP: which operation, its text, its graphs.

https://www.w3.org/TR/sparql11-protocol/ sections 2.1 and 2.2. A query comes as a URL
parameter (GET), a urlencoded form (POST) or an ``application/sparql-query`` body; an
update as a form or an ``application/sparql-update`` body. Bodies must be UTF-8 (the
protocol says so, and the W3C test ``bad_query_non_utf8`` expects a UTF-16 body to be
refused): a ``charset`` other than UTF-8 answers 415, bytes that are not UTF-8 answer 400.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal
from urllib.parse import parse_qsl

from fastapi import Request

from api.problems import Problem

FORM = "application/x-www-form-urlencoded"
SPARQL_QUERY = "application/sparql-query"
SPARQL_UPDATE = "application/sparql-update"
_UTF8 = ("utf-8", "utf8")

Operation = Literal["query", "update", "none"]


@dataclass(frozen=True, slots=True)
class SparqlRequest:
    """One protocol operation; ``text`` is empty when ``operation`` is ``"none"``."""

    operation: Operation
    text: str
    default_graph_uris: tuple[str, ...]
    named_graph_uris: tuple[str, ...]
    using_graph_uris: tuple[str, ...]
    using_named_graph_uris: tuple[str, ...]
    format_values: tuple[str, ...]


def content_type(header: str | None) -> tuple[str, str | None]:
    """The bare media type (lower case) and the ``charset`` parameter, if any."""
    if not header:
        return "", None
    media, *parameters = (part.strip() for part in header.split(";"))
    charset = None
    for parameter in parameters:
        key, _, value = parameter.partition("=")
        if key.strip().lower() == "charset":
            charset = value.strip().strip('"').lower()
    return media.lower(), charset


def decode(body: bytes, charset: str | None) -> str:
    if charset is not None and charset not in _UTF8:
        raise Problem(
            415,
            f"charset={charset} is refused: SPARQL requests are UTF-8 (SPARQL 1.1 Protocol)",
            rule="http.charset",
        )
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as error:
        raise Problem(400, f"the body is not UTF-8: {error.reason}", rule="http.charset") from None


async def read_body(request: Request, max_bytes: int) -> bytes:
    """The request body, refused with 413 as soon as it passes ``max_bytes``."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise Problem(413, f"the body is {declared} bytes; the limit is {max_bytes}", rule="size")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > max_bytes:
            raise Problem(413, f"the body exceeds {max_bytes} bytes", rule="size")
        chunks.append(chunk)
    return b"".join(chunks)


def _one(values: Sequence[str], name: str) -> str | None:
    if len(values) > 1:
        raise Problem(400, f"{len(values)} {name} parameters; send exactly one", rule="protocol")
    return values[0] if values else None


def _build(
    pairs: Sequence[tuple[str, str]], body_operation: Operation, body_text: str
) -> SparqlRequest:
    def values(name: str) -> list[str]:
        return [value for key, value in pairs if key == name]

    queries, updates = values("query"), values("update")
    if body_operation == "query":
        queries.append(body_text)
    elif body_operation == "update":
        updates.append(body_text)
    query, update = _one(queries, "query"), _one(updates, "update")
    if query is not None and update is not None:
        raise Problem(400, "a request carries a query or an update, not both", rule="protocol")
    operation: Operation = "none"
    if query is not None:
        operation = "query"
    elif update is not None:
        operation = "update"
    return SparqlRequest(
        operation,
        query if query is not None else update or "",
        tuple(values("default-graph-uri")),
        tuple(values("named-graph-uri")),
        tuple(values("using-graph-uri")),
        tuple(values("using-named-graph-uri")),
        tuple(values("format")),
    )


def from_get(request: Request) -> SparqlRequest:
    """A GET request: only queries; an update over GET is refused with 400."""
    pairs = request.query_params.multi_items()
    if any(key == "update" for key, _ in pairs):
        raise Problem(400, "an update must be sent with POST, never GET", rule="protocol")
    return _build(pairs, "none", "")


def from_post(request: Request, body: bytes) -> SparqlRequest:
    """A POST request, by its ``Content-Type``; other media types answer 415."""
    media, charset = content_type(request.headers.get("content-type"))
    url_pairs = request.query_params.multi_items()
    if media == FORM:
        text = decode(body, charset)
        try:
            form = parse_qsl(text, keep_blank_values=True, strict_parsing=False, errors="strict")
        except UnicodeDecodeError:
            raise Problem(400, "the form is not UTF-8 once decoded", rule="http.charset") from None
        return _build([*url_pairs, *form], "none", "")
    if media == SPARQL_QUERY:
        return _build(url_pairs, "query", decode(body, charset))
    if media == SPARQL_UPDATE:
        return _build(url_pairs, "update", decode(body, charset))
    shown = media or "no Content-Type"
    raise Problem(
        415,
        f"{shown} is not a SPARQL request; use {FORM}, {SPARQL_QUERY} or {SPARQL_UPDATE}",
        rule="http.media-type",
    )
