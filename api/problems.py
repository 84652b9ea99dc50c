"""Errors as RFC 9457 problem details (``application/problem+json``), in one place.

Every error a route raises ends here: a :class:`Problem` (an HTTP-level refusal such as
406 or 415), a reskg error (mapped by family to a status), or an unexpected exception
(500). Server-side failures answer with a generic detail and are logged; client errors
say what to change. Nothing here echoes request headers.

503 means "retry later", with ``Retry-After``: a query that ran out of time
(``query.timeout``, whose detail says so), or a store that does not answer
(``store.unavailable``, whose detail stays generic: the store's address, which the
error's message names, is not the client's business; the service logs the cause once
per outage, :mod:`reskg.store.service`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from http import HTTPStatus
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from reskg.errors import (
    InputError,
    NotFound,
    QueryError,
    ReskgError,
    StoreUnavailable,
    StructureError,
    UnsupportedFormat,
)
from reskg.store.interface import BadData, QueryTimeout

log = logging.getLogger("reskg.api")

MEDIA_TYPE = "application/problem+json"
RETRY_AFTER_TIMEOUT = "1"  # seconds; the next query may well be answered in time
RETRY_AFTER_UNAVAILABLE = "5"  # seconds; a remote store is probed every second
UNAVAILABLE_DETAIL = "the store does not answer; retry later"


class Problem(Exception):
    """A refusal with an HTTP status, raised by routes for protocol-level errors."""

    def __init__(
        self,
        status: int,
        detail: str,
        *,
        rule: str = "http",
        headers: dict[str, str] | None = None,
        extensions: Mapping[str, object] | None = None,
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.rule = rule
        self.headers = headers or {}
        self.extensions = dict(extensions or {})


def problem_response(
    status: int,
    detail: str,
    rule: str,
    headers: Mapping[str, str] | None = None,
    extensions: Mapping[str, object] | None = None,
) -> JSONResponse:
    """The problem document; ``extensions`` add members (RFC 9457 section 3.2)."""
    body: dict[str, object] = {
        **(extensions or {}),
        "type": "about:blank",
        "title": HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
        "rule": rule,
    }
    return JSONResponse(body, status_code=status, media_type=MEDIA_TYPE, headers=headers)


def public_message(error: ReskgError) -> str:
    """The error's message without a server-side path (a name the client sent stays)."""
    message = str(error)
    if error.path and Path(error.path).is_absolute() and message.startswith(f"{error.path}: "):
        return message[len(error.path) + 2 :]
    return message


def status_of(error: ReskgError) -> int:
    """The HTTP status of a reskg error family."""
    if isinstance(error, QueryTimeout | StoreUnavailable):
        return 503
    if isinstance(error, UnsupportedFormat):
        return 415
    if isinstance(error, QueryError | InputError | BadData):
        return 400
    if isinstance(error, NotFound):
        return 404
    if isinstance(error, StructureError):
        return 422
    return 500


def _on_problem(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, Problem)
    return problem_response(error.status, error.detail, error.rule, error.headers, error.extensions)


def _on_reskg(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, ReskgError)
    status = status_of(error)
    if isinstance(error, StoreUnavailable):
        log.debug("%s %s: %s", request.method, request.url.path, error)
        headers = {"Retry-After": RETRY_AFTER_UNAVAILABLE}
        return problem_response(status, UNAVAILABLE_DETAIL, error.rule, headers)
    if status >= 500 and status != 503:
        log.error("%s %s failed: %s [%s]", request.method, request.url.path, error, error.rule)
        return problem_response(status, "the store failed; the server log has details", "store")
    headers = {"Retry-After": RETRY_AFTER_TIMEOUT} if status == 503 else None
    return problem_response(status, public_message(error), error.rule, headers)


def _on_http(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, HTTPException)
    return problem_response(error.status_code, str(error.detail), "http", error.headers)


def _on_validation(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, RequestValidationError)
    fields = "; ".join(
        f"{'.'.join(str(part) for part in item['loc'])}: {item['msg']}" for item in error.errors()
    )
    return problem_response(400, fields or "invalid request", "http.validation")


def _on_unexpected(request: Request, error: Exception) -> JSONResponse:
    log.exception("%s %s failed", request.method, request.url.path)
    return problem_response(500, "internal error; the server log has details", "internal")


_Handler = Callable[[Request, Exception], JSONResponse]

# Each error family and its handler; ``Exception`` last, the catch-all. The app registers
# them all (Starlette picks the most specific class), and :func:`response_for` walks them
# in order: the classes before ``Exception`` are disjoint, so both pick the same handler.
HANDLERS: tuple[tuple[type[Exception], _Handler], ...] = (
    (Problem, _on_problem),
    (ReskgError, _on_reskg),
    (HTTPException, _on_http),
    (RequestValidationError, _on_validation),
    (Exception, _on_unexpected),
)


def response_for(request: Request, error: Exception) -> JSONResponse:
    """The problem document the app's handlers give ``error`` (for code outside routes)."""
    handler = next(handler for kind, handler in HANDLERS if isinstance(error, kind))
    return handler(request, error)


def install(app: FastAPI) -> None:
    """Register the handlers on ``app``."""
    for kind, handler in HANDLERS:
        app.add_exception_handler(kind, handler)
