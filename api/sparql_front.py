"""The short way to a SPARQL query: ``/sparql`` answered before FastAPI's routing.

A query that takes the store a fraction of a millisecond spent most of its time around
it: FastAPI's route matching, dependency solving and wrappers, and two hops between the
event loop and a threadpool thread (each a wake-up of another thread; on two cores the
hops alone cost about 1 ms). :class:`SparqlFront` sits in front of the app's router and
answers the one operation that is hot, a query (``GET ?query=``, or ``POST`` as a form or
an ``application/sparql-query`` body), with the route's own steps
(:func:`api.routes.sparql.prepare_query`, :func:`api.routes.sparql.answer_response`):

- a text the guard parsed lately is checked on the event loop (microseconds); a new
  text is parsed in a thread, as rdflib's parser may take tens of milliseconds;
- the query runs in a worker process as before, and the event loop waits on the worker's
  pipe itself (:meth:`reskg.store.service.ServedStore.query_async`), within the same
  deadline.

Everything else on ``/sparql`` (the service description, updates, other methods) and
every other path goes on to the app unchanged, a consumed body replayed. Errors answer
the problem documents of the app's handlers (:func:`api.problems.response_for`); CORS is
the app's outer middleware, so the headers a browser sees do not change.
"""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api import problems, protocol, sparql_guard
from api.routes.sparql import answer_response, prepare_query

PATH = "/sparql"
_METHODS = frozenset({"GET", "POST"})


class SparqlFront:
    """ASGI middleware answering SPARQL queries on ``/sparql``; the rest goes to ``app``."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] != PATH or scope["method"] not in _METHODS:
            await self.app(scope, receive, send)
            return
        request = Request(scope, receive)
        state = scope["app"].state
        settings, served = state.settings, state.served
        body = b""
        try:
            if scope["method"] == "GET":
                sparql = protocol.from_get(request)
            else:
                body = await protocol.read_body(request, settings.max_body_bytes)
                sparql = protocol.from_post(request, body)
            if sparql.operation != "query":
                await self.app(scope, _replay(body, receive), send)
                return
            if served.inline_ready and sparql_guard.parsed(sparql.text):
                query = prepare_query(sparql, request, settings, served)
            else:
                query = await run_in_threadpool(prepare_query, sparql, request, settings, served)
            response = answer_response(await served.query_async(query))
        except Exception as error:  # every error answers a problem document
            response = problems.response_for(request, error)
        await response(scope, receive, send)


def _replay(body: bytes, receive: Receive) -> Receive:
    """``receive`` for the app after the front read the body: the body once, then on."""
    pending: list[Message] = [{"type": "http.request", "body": body, "more_body": False}]

    async def replay() -> Message:
        if pending:
            return pending.pop()
        return await receive()

    return replay
