"""The remote store's own failure behaviour, against tiny fake servers on 127.0.0.1: a cut,
cancelled or malformed answer is an error and never part of an answer; a server that is
down or stalls fails within bounded time; credentials never appear in messages."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import suppress
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from reskg.errors import StoreError
from reskg.store.http import CANCELLED
from reskg.store.interface import QuerySyntaxError, QueryTimeout
from reskg.store.remote import RemoteStore
from reskg.store.terms import values_clause

JSON = "application/sparql-results+json"
COMPLETE = (
    b'{"head":{"vars":["s"]},"results":{"bindings":['
    b'{"s":{"type":"uri","value":"https://example.org/1"}},'
    b'{"s":{"type":"uri","value":"https://example.org/2"}}]}}'
)
Reply = tuple[int, str, bytes, float]  # status, media type, body, delay before answering


@pytest.fixture
def fake() -> Iterator[Callable[[Reply], str]]:
    """Start a server answering every request with one canned reply; returns its URL."""
    servers: list[ThreadingHTTPServer] = []

    def start(reply: Reply) -> str:
        status, media_type, body, delay = reply

        class Handler(BaseHTTPRequestHandler):
            def _answer(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                self.rfile.read(length)
                time.sleep(delay)
                self.send_response(status)
                self.send_header("Content-Type", media_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                with suppress(BrokenPipeError, ConnectionResetError):  # the client gave up
                    self.wfile.write(body)

            do_GET = do_POST = do_PUT = do_DELETE = _answer

            def log_message(self, format: str, *args: object) -> None:
                pass

        server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        servers.append(server)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        return f"http://127.0.0.1:{server.server_address[1]}"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def test_a_complete_answer_is_read(fake: Callable[[Reply], str]) -> None:
    store = RemoteStore(fake((200, JSON, COMPLETE, 0)))
    assert store.query("SELECT ?s {}").rows == 2  # the fake itself is sound


@pytest.mark.parametrize("cut", [len(COMPLETE) - 2, 90, 47], ids=["end", "mid-row", "head"])
def test_a_truncated_answer_is_an_error(fake: Callable[[Reply], str], cut: int) -> None:
    store = RemoteStore(fake((200, JSON, COMPLETE[:cut], 0)))
    with pytest.raises(StoreError, match="truncated or malformed"):
        store.query("SELECT ?s {}")


def test_oxigraphs_cancelled_answer_is_a_timeout(fake: Callable[[Reply], str]) -> None:
    store = RemoteStore(fake((200, JSON, COMPLETE[:90] + CANCELLED, 0)))
    with pytest.raises(QueryTimeout, match="cancelled"):
        store.query("SELECT ?s {}")


def test_a_malformed_rdf_dump_is_an_error(fake: Callable[[Reply], str]) -> None:
    body = b"<https://example.org/a> <https://example.org/p> <https://example.org/b> .\n<oops"
    store = RemoteStore(fake((200, "application/n-triples", body, 0)))
    with pytest.raises(StoreError, match="truncated or malformed"):
        store.dump("application/n-triples", "https://example.org/g")


def test_a_malformed_construct_answer_is_an_error(fake: Callable[[Reply], str]) -> None:
    body = b'<https://example.org/a> <https://example.org/p> "cut'
    store = RemoteStore(fake((200, "application/n-triples", body, 0)))
    with pytest.raises(StoreError, match="truncated or malformed"):
        store.query("CONSTRUCT WHERE { ?s ?p ?o }")


def test_a_server_that_is_down_fails_quickly(fake: Callable[[Reply], str]) -> None:
    import socket

    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    store = RemoteStore(f"http://127.0.0.1:{port}")
    started = time.monotonic()
    with pytest.raises(StoreError, match="cannot reach the store"):
        store.graph_names()
    assert time.monotonic() - started < 2


def test_a_stalled_server_times_out(fake: Callable[[Reply], str]) -> None:
    store = RemoteStore(fake((200, JSON, COMPLETE, 3)))
    store.query_timeout = 0.5
    started = time.monotonic()
    with pytest.raises(QueryTimeout):
        store.query("SELECT ?s {}")
    assert time.monotonic() - started < 1.5


def test_http_errors_carry_the_servers_message_not_our_credentials(
    fake: Callable[[Reply], str],
) -> None:
    url = fake((500, "text/plain", b"disk full", 0))
    store = RemoteStore(url, environ={"RESKG_STORE_TOKEN": "s3cret-token"})
    with pytest.raises(StoreError, match="HTTP 500: disk full") as error:
        store.update("CLEAR ALL")
    assert "s3cret" not in str(error.value)
    with pytest.raises(StoreError, match="credentials"):
        RemoteStore("http://user:pw@127.0.0.1:1/")


def test_a_refused_query_is_a_syntax_error(fake: Callable[[Reply], str]) -> None:
    store = RemoteStore(fake((400, "text/plain", b"error at 1:9", 0)))
    with pytest.raises(QuerySyntaxError, match="error at 1:9"):
        store.query("SELECT {")


def test_endpoints_follow_the_server_kind() -> None:
    ox = RemoteStore("http://127.0.0.1:7878").endpoints
    assert (ox.query, ox.update, ox.store) == (
        "http://127.0.0.1:7878/query",
        "http://127.0.0.1:7878/update",
        "http://127.0.0.1:7878/store",
    )
    fu = RemoteStore("http://h:3030/ds?kind=fuseki&query=sparql").endpoints
    assert (fu.query, fu.store, fu.union) == (
        "http://h:3030/ds/sparql",
        "http://h:3030/ds/data",
        "none",
    )
    env = {"RESKG_STORE_GSP_URL": "http://h:3030/gsp"}
    assert (
        RemoteStore("http://h:3030/ds?kind=fuseki", environ=env).endpoints.store
        == env["RESKG_STORE_GSP_URL"]
    )
    with pytest.raises(StoreError, match="unknown store URL parameter"):
        RemoteStore("http://h/?timeout=3")


@pytest.mark.parametrize(
    ("bindings", "expected"),
    [
        ({"o": '"x"@en'}, '\nVALUES (?o) { ("x"@en) }\n'),
        (
            {"o": '"a\\"} UNION {\\n"', "s": "<https://e.org/s>"},
            '\nVALUES (?o ?s) { ("a\\"} UNION {\\n" <https://e.org/s>) }\n',
        ),
        (
            {"n": '"3"^^<http://www.w3.org/2001/XMLSchema#integer>'},
            '\nVALUES (?n) { ("3"^^<http://www.w3.org/2001/XMLSchema#integer>) }\n',
        ),
    ],
)
def test_bound_values_stay_inside_their_term(bindings: dict[str, str], expected: str) -> None:
    assert values_clause(bindings) == expected


@pytest.mark.parametrize(
    "bindings",
    [
        {"o": "<a> } UNION { ?x ?y ?z"},
        {"o": "_:b"},
        {"o} {": "<https://e.org/s>"},
        {"o": "<https://e.org/a b>"},
    ],
)
def test_unsafe_bindings_are_refused(bindings: dict[str, str]) -> None:
    with pytest.raises(QuerySyntaxError):
        values_clause(bindings)
