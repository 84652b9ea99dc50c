"""Typed errors. Each names the file (or input) and the rule it enforces.

The CLI maps each family to one exit code (see README "Exit codes") in ``cli.py``; the
HTTP API maps them to problem responses in ``api/problems.py``. Nowhere else turns an error
into an exit code or a status.
"""

from __future__ import annotations


class ReskgError(Exception):
    """Base of every error reskg raises on purpose.

    ``rule`` is a short stable identifier of the rule that was broken (for example
    ``"read.empty"``); ``exit_code`` is the CLI exit code of the family.
    """

    exit_code = 1
    rule = "reskg"

    def __init__(self, message: str, *, path: str | None = None, rule: str | None = None) -> None:
        self.path = path
        if rule is not None:
            self.rule = rule
        super().__init__(f"{path}: {message}" if path else message)


class InputError(ReskgError):
    """The input cannot be used: unsupported format, empty, binary, undecodable, unsafe."""

    exit_code = 3
    rule = "input"


class UnsupportedFormat(InputError):
    rule = "read.format"


class EmptyInput(InputError):
    rule = "read.empty"


class BinaryInput(InputError):
    rule = "read.binary"


class DecodeError(InputError):
    rule = "read.decode"


class UnsafeInput(InputError):
    """XML with a DOCTYPE or entity declarations, path traversal, oversized input."""

    rule = "read.unsafe"


class GraphNameError(InputError):
    """A graph name that is not an absolute IRI (``../x``, ``x``, ``http://a b``).

    The caller's mistake, not a store fault: exit 3 and HTTP 400. ``path`` names where the
    name came from (``--graph``, ``default-graph-uri``, ``graph``) when that is known.
    """

    rule = "graph.iri"


class StructureError(ReskgError):
    """The text was read but no resolution structure could be recognised in it."""

    exit_code = 4
    rule = "parse.structure"


class LanguageError(StructureError):
    rule = "parse.language"


class ValidationFailed(ReskgError):
    """A graph does not conform to the SHACL shapes."""

    exit_code = 5
    rule = "validate.shacl"


class StoreError(ReskgError):
    """The store could not be opened, read or written."""

    exit_code = 6
    rule = "store"


class StoreUnavailable(StoreError):
    """The store cannot be reached, or answered that it is unavailable (HTTP 502 or 503).

    Raised for a remote store (:mod:`reskg.store.http`) and while the service knows it is
    down (:mod:`reskg.store.service`). Not a fault of the store's data or of the request:
    the API answers 503 with ``Retry-After`` and a detail without the store's address
    (docs/deployment.md, "When the store is down or slow").
    """

    rule = "store.unavailable"


class QueryError(ReskgError):
    """A SPARQL query is malformed, refused by policy, or timed out."""

    exit_code = 7
    rule = "query"


class NotFound(ReskgError):
    """An instrument, query name or graph that does not exist."""

    exit_code = 8
    rule = "not-found"
