"""The short way to a SPARQL query: ``/sparql`` answered in front of the FastAPI app.

A query that takes the store a fraction of a millisecond spent most of its time around
it: FastAPI's middleware, route matching and dependency solving, and two hops between the
event loop and a threadpool thread (each a wake-up of another thread; on two cores the
hops alone cost about 1 ms). :class:`SparqlFront` is the ASGI app ``reskg serve`` runs
(:func:`api.app.create_service`); it answers the one operation that is hot, a query
(``GET ?query=``, or ``POST`` as a form or an ``application/sparql-query`` body), with
the route's own steps (:func:`api.routes.sparql.prepare_query`,
:func:`api.routes.sparql.answer_response`):

- a text the guard parsed lately is checked on the event loop (microseconds); a new
  text is parsed in a thread, as rdflib's parser may take tens of milliseconds;
- the query runs in a worker process as before, and the event loop waits on the worker's
  pipe itself (:meth:`reskg.store.service.ServedStore.query_async`), within the same
  deadline.

Everything else on ``/sparql`` (the service description, updates, other methods), every
other path and the lifespan go on to the app unchanged, a consumed body replayed. The
front's answers carry what the app's would: errors as the problem documents of the app's
handlers (:func:`api.problems.response_for`), and the app's CORS headers
(:func:`api.cors.add_headers`).
"""

from __future__ import annotations

from fastapi import FastAPI
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Message, Receive, Scope, Send

from api import cors, problems, protocol, sparql_guard
from api.routes.sparql import answer_response, prepare_query

PATH = "/sparql"
_METHODS = frozenset({"GET", "POST"})


class SparqlFront:
    """The ASGI app answering SPARQL queries on ``/sparql``; the rest goes to ``app``."""

    def __init__(self, app: FastAPI) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] != PATH or scope["method"] not in _METHODS:
            await self.app(scope, receive, send)
            return
        request = Request(scope, receive)
        state = self.app.state
        settings, served = state.settings, state.served
        body = b""
        response: Response | None = None
        try:
            if scope["method"] == "GET":
                sparql = protocol.from_get(request)
            else:
                body = await protocol.read_body(request, settings.max_body_bytes)
                sparql = protocol.from_post(request, body)
            if sparql.operation == "query":
                if served.inline_ready and sparql_guard.parsed(sparql.text):
                    query = prepare_query(sparql, request, settings, served)
                else:
                    query = await run_in_threadpool(
                        prepare_query, sparql, request, settings, served
                    )
                response = answer_response(await served.query_async(query))
        except Exception as error:  # every error answers a problem document
            response = problems.response_for(request, error)
        if response is None:  # not a query: the app's route answers (outside the try: an
            # error there is the app's to answer, and it may have started its response)
            await self.app(scope, _replay(body, receive), send)
            return
        cors.add_headers(response.headers, request.headers.get("origin"))
        await response(scope, receive, send)


def _replay(body: bytes, receive: Receive) -> Receive:
    """``receive`` for the app after the front read the body: the body once, then on."""
    pending: list[Message] = [{"type": "http.request", "body": body, "more_body": False}]

    async def replay() -> Message:
        if pending:
            return pending.pop()
        return await receive()

    return replay
