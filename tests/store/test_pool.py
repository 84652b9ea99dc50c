"""The query workers' pool: its event-loop path (``run_async``) against its thread path
(``run``), deadlines, cancellation, a dying worker, and the reply frames' reader.

The pool runs real worker processes over a real on-disk store."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from reskg.errors import StoreError
from reskg.store import open_store
from reskg.store.answers import QueryRequest
from reskg.store.interface import QuerySyntaxError, QueryTimeout
from reskg.store.pool import QueryPool, _Frame
from reskg.store.service import ReadWriteLock, ServedStore
from reskg.store.worker import frame

JSON = "application/sparql-results+json"
TIMEOUT = 1.5
# Ten billion combinations: far past any deadline here.
SLOW = (
    "SELECT (COUNT(*) AS ?n) {"
    + " ".join(f"VALUES ?{name} {{1 2 3 4 5 6 7 8 9 10}}" for name in "abcdefghij")
    + "}"
)
NAMES = "SELECT ?name WHERE { ?s <http://xmlns.com/foaf/0.1/name> ?name } ORDER BY ?name"


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> str:
    location = str(tmp_path_factory.mktemp("pool") / "store")
    store = open_store(location)
    store.update(
        'INSERT DATA { <http://example.org/a> <http://xmlns.com/foaf/0.1/name> "Ada" . '
        '<http://example.org/b> <http://xmlns.com/foaf/0.1/name> "Bea" }'
    )
    store.close()
    return location


@pytest.fixture()
def pool(folder: str) -> Iterator[QueryPool]:
    workers = QueryPool(folder, size=2, timeout=TIMEOUT)
    yield workers
    workers.close()


def _names(body: bytes) -> list[str]:
    return [row["name"]["value"] for row in json.loads(body)["results"]["bindings"]]


def _live(pool: QueryPool) -> int:
    return sum(worker.process.poll() is None for worker in pool._all)


def test_the_event_loop_path_answers_what_the_thread_path_answers(pool: QueryPool) -> None:
    request = QueryRequest(NAMES, media_type=JSON)
    threaded = pool.run(request)
    looped = asyncio.run(pool.run_async(request))
    assert looped == threaded
    assert _names(looped.body) == ["Ada", "Bea"]


def test_a_worker_error_is_raised_with_its_type_and_rule(pool: QueryPool) -> None:
    with pytest.raises(QuerySyntaxError) as caught:
        asyncio.run(pool.run_async(QueryRequest("SELECT WHERE {", media_type=JSON)))
    assert caught.value.rule == QuerySyntaxError("x").rule
    assert _names(asyncio.run(pool.run_async(QueryRequest(NAMES, media_type=JSON))).body)


def test_the_deadline_kills_the_worker_and_a_new_one_answers(pool: QueryPool) -> None:
    before = set(pool._all)
    started = time.monotonic()
    with pytest.raises(QueryTimeout):
        asyncio.run(pool.run_async(QueryRequest(SLOW, media_type=JSON)))
    took = time.monotonic() - started
    assert TIMEOUT <= took < TIMEOUT + 1.5
    assert len(before - pool._all) == 1  # one worker was retired...
    assert _live(pool) == 2  # ...and replaced
    assert _names(asyncio.run(pool.run_async(QueryRequest(NAMES, media_type=JSON))).body)


def test_a_cancelled_query_kills_its_worker(pool: QueryPool) -> None:
    async def cancel_midway() -> None:
        task = asyncio.create_task(pool.run_async(QueryRequest(SLOW, media_type=JSON)))
        await asyncio.sleep(0.3)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task

    before = set(pool._all)
    asyncio.run(cancel_midway())
    retired = before - pool._all
    assert len(retired) == 1
    assert all(worker.process.poll() is not None for worker in retired)
    assert _live(pool) == 2
    assert _names(pool.run(QueryRequest(NAMES, media_type=JSON)).body) == ["Ada", "Bea"]


def test_a_worker_that_dies_midway_is_an_error_and_is_replaced(pool: QueryPool) -> None:
    async def die_midway() -> None:
        task = asyncio.create_task(pool.run_async(QueryRequest(SLOW, media_type=JSON)))
        await asyncio.sleep(0.3)
        (busy,) = set(pool._all) - set(pool._idle.queue)
        os.kill(busy.process.pid, signal.SIGKILL)
        await task

    with pytest.raises(StoreError) as caught:
        asyncio.run(die_midway())
    assert caught.value.rule == "store.worker"
    assert _live(pool) == 2


def test_without_an_idle_worker_a_query_waits_in_a_thread_and_the_loop_runs_on(
    folder: str,
) -> None:
    pool = QueryPool(folder, size=1, timeout=TIMEOUT, wait=3 * TIMEOUT)
    ticks = 0

    async def ticking() -> None:
        nonlocal ticks
        while True:
            ticks += 1
            await asyncio.sleep(0.01)

    async def two_at_once() -> list[object]:
        ticker = asyncio.create_task(ticking())
        try:
            return await asyncio.gather(
                pool.run_async(QueryRequest(SLOW, media_type=JSON)),
                pool.run_async(QueryRequest(NAMES, media_type=JSON)),
                return_exceptions=True,
            )
        finally:
            ticker.cancel()

    try:
        slow, names = asyncio.run(two_at_once())
    finally:
        pool.close()
    assert isinstance(slow, QueryTimeout)
    assert not isinstance(names, BaseException)
    assert _names(names.body) == ["Ada", "Bea"]  # type: ignore[attr-defined]
    assert ticks > TIMEOUT / 0.01 / 2  # the loop was never blocked while both waited


def test_a_query_during_a_write_waits_for_it_without_blocking_the_loop(tmp_path: Path) -> None:
    served = ServedStore(open_store(str(tmp_path / "store")), workers=2, timeout=TIMEOUT)
    request = QueryRequest("ASK { ?s ?p ?o }", media_type=JSON)
    order: list[str] = []

    async def scenario() -> bool:
        async def write() -> None:
            def slow_write() -> None:
                with served.writing() as store:
                    order.append("write starts")
                    time.sleep(0.5)
                    store.update("INSERT DATA { <http://example.org/x> a <http://example.org/Y> }")
                    order.append("write ends")

            await asyncio.to_thread(slow_write)

        writer = asyncio.create_task(write())
        await asyncio.sleep(0.1)
        started = time.monotonic()
        query = asyncio.create_task(served.query_async(request))
        await asyncio.sleep(0.05)
        assert time.monotonic() - started < 0.3  # the loop was not held by the lock
        order.append("loop free")
        answer = await query
        order.append("query answered")
        await writer
        return bool(json.loads(answer.body)["boolean"])

    try:
        assert asyncio.run(scenario()) is True  # it saw the write
    finally:
        served.close()
    assert order == ["write starts", "loop free", "write ends", "query answered"]


@pytest.mark.parametrize("chunk", [1, 3, 8, 9, 1 << 20], ids=lambda size: f"chunks-of-{size}")
@pytest.mark.parametrize("payload", [b"", b"x", b"abc" * 1000], ids=["empty", "one", "3000"])
def test_a_frame_is_read_whole_from_any_chunking(payload: bytes, chunk: int) -> None:
    stream = frame(payload)
    reader = _Frame()
    done, read = False, 0
    while not done:
        size = min(chunk, reader.wanted)
        assert size > 0 or not payload
        piece = stream[read : read + size]
        read += len(piece)
        done = reader.feed(piece) if piece else True
    assert reader.payload() == payload
    assert read == len(stream)  # never a byte past the frame


def test_a_closed_pipe_midway_is_a_worker_error() -> None:
    reader = _Frame()
    reader.feed(frame(b"abcdef")[:10])
    with pytest.raises(StoreError, match="exited unexpectedly"):
        reader.feed(b"")


def test_try_reading_never_waits_for_a_writer() -> None:
    lock = ReadWriteLock()
    assert lock.try_reading()
    lock.stop_reading()
    with lock.writing():
        assert not lock.try_reading()
    assert lock.try_reading()
    lock.stop_reading()


def test_queries_that_wait_in_threads_are_not_capped_at_the_default_executor() -> None:
    """A store without a pool (remote, in memory) is queried from a thread while the loop
    goes on. Twelve slow answers at once must overlap: asyncio's default executor (six
    threads on two cores) would take them six at a time."""
    served = ServedStore(open_store(":memory:"), workers=2, timeout=TIMEOUT)
    inner = served.store.query

    def slow_query(*args: object, **kwargs: object) -> object:
        time.sleep(0.4)
        return inner(*args, **kwargs)  # type: ignore[arg-type]

    served.store.query = slow_query  # type: ignore[method-assign]
    request = QueryRequest("ASK {}", media_type=JSON)

    async def twelve() -> list[object]:
        return list(await asyncio.gather(*(served.query_async(request) for _ in range(12))))

    try:
        started = time.monotonic()
        answers = asyncio.run(twelve())
        took = time.monotonic() - started
    finally:
        served.close()
    assert len(answers) == 12
    assert took < 0.75, f"{took:.2f} s: the waits did not overlap"
