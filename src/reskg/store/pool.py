"""A pool of killable query worker processes over one on-disk store.

pyoxigraph has no query timeout and cannot be cancelled from Python (oxigraph#1926), so
a hard deadline needs a process boundary: each query runs in a worker (``worker.py``);
when the deadline passes, the worker is killed with SIGKILL and replaced, and the caller
gets :class:`QueryTimeout`, never part of an answer. Waiting for a free worker counts
against the same deadline.
"""

from __future__ import annotations

import asyncio
import os
import pickle
import queue
import select
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import anyio

from reskg.errors import StoreError
from reskg.store.answers import QueryRequest
from reskg.store.interface import QueryAnswer, QueryTimeout
from reskg.store.worker import HEADER, frame

_CHUNK = 1 << 20


class _Frame:
    """One reply frame as its bytes arrive: a length header, then that many bytes."""

    def __init__(self) -> None:
        self._buffer = bytearray()
        self._needed = HEADER.size
        self._header_done = False

    @property
    def wanted(self) -> int:
        """How many bytes to read next (never past the frame's end)."""
        return min(_CHUNK, self._needed - len(self._buffer))

    def feed(self, chunk: bytes) -> bool:
        """Take ``chunk``; whether the frame is complete. An empty chunk is the end of the
        pipe: the worker died."""
        if not chunk:
            raise StoreError("a query worker exited unexpectedly", rule="store.worker")
        self._buffer += chunk
        if not self._header_done and len(self._buffer) >= HEADER.size:
            (self._needed,) = HEADER.unpack(bytes(self._buffer[: HEADER.size]))
            del self._buffer[: HEADER.size]
            self._header_done = True
        return self._header_done and len(self._buffer) >= self._needed

    def payload(self) -> bytes:
        return bytes(self._buffer)


class _Worker:
    """One child process and its two pipes."""

    def __init__(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "reskg.store.worker"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
        )

    def send(self, payload: bytes) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(frame(payload))
        self.process.stdin.flush()

    def receive(self, deadline: float) -> bytes | None:
        """The next reply frame, or ``None`` if ``deadline`` (monotonic) passes first."""
        assert self.process.stdout is not None
        fd = self.process.stdout.fileno()
        frame = _Frame()
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return None
            ready, _, _ = select.select([fd], [], [], remaining)
            if not ready:
                return None
            if frame.feed(os.read(fd, frame.wanted)):
                return frame.payload()

    async def receive_async(self, timeout: float) -> bytes | None:
        """:meth:`receive` for the event loop, which waits on the pipe itself (no thread),
        or ``None`` after ``timeout`` seconds."""
        assert self.process.stdout is not None
        fd = self.process.stdout.fileno()
        loop = asyncio.get_running_loop()
        frame = _Frame()
        reply: asyncio.Future[bytes] = loop.create_future()

        def readable() -> None:
            if reply.done():
                return
            try:
                if frame.feed(os.read(fd, frame.wanted)):
                    reply.set_result(frame.payload())
            except (OSError, StoreError) as error:
                reply.set_exception(error)

        loop.add_reader(fd, readable)
        try:
            return await asyncio.wait_for(reply, timeout)
        except TimeoutError:
            return None
        finally:
            loop.remove_reader(fd)

    def kill(self) -> None:
        self.process.kill()
        self.process.wait()
        for stream in (self.process.stdin, self.process.stdout):
            if stream is not None:
                stream.close()

    def stop(self) -> None:
        """Close stdin so the worker ends its loop; kill it if it does not."""
        if self.process.stdin is not None:
            self.process.stdin.close()
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        if self.process.stdout is not None:
            self.process.stdout.close()


class QueryPool:
    """``size`` workers answering queries on the store ``folder`` (a snapshot: see
    ``service.py``) within ``timeout`` seconds each, after waiting at most ``wait`` seconds
    (default: ``timeout``) for a free worker."""

    def __init__(
        self, folder: str, *, size: int, timeout: float, wait: float | None = None
    ) -> None:
        if size < 1:
            raise ValueError("a query pool needs at least one worker")
        self.folder = folder
        self.size = size
        self.timeout = timeout
        self.wait = timeout if wait is None else wait
        self._closed = False
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: set[_Worker] = set()
        self._guard = threading.Lock()
        for _ in range(size):
            self._idle.put(self._spawn())

    def _spawn(self) -> _Worker:
        worker = _Worker()
        with self._guard:
            self._all.add(worker)
        return worker

    def _retire(self, worker: _Worker) -> None:
        worker.kill()
        with self._guard:
            self._all.discard(worker)

    def switch(self, folder: str) -> None:
        """Read ``folder`` from now on: every worker reopens it before its next query."""
        self.folder = folder

    def run(self, request: QueryRequest) -> QueryAnswer:
        """Answer ``request`` in a worker, or raise :class:`QueryTimeout` at the deadline.

        Waiting for a free worker and running have a bound each (``wait`` and ``timeout``):
        a query that waited behind slow ones still gets its whole time to run, rather than
        being sent with what little is left and killed for it.
        """
        try:
            worker = self._idle.get(timeout=self.wait)
        except queue.Empty:
            raise QueryTimeout(
                f"all {self.size} query workers stayed busy for {self.wait:g} s; retry later",
                rule="query.busy",
            ) from None
        deadline = time.monotonic() + self.timeout
        with self._lent(worker):
            worker.send(pickle.dumps((self.folder, request)))
            reply = self._unpack(worker.receive(deadline))
        return self._answer(reply)

    async def run_async(self, request: QueryRequest) -> QueryAnswer:
        """:meth:`run` for the event loop: the loop itself waits for the worker's reply, so
        a short query costs no hop to a thread and back (about 1 ms a request on two
        cores). Without an idle worker, :meth:`run` waits its turn in one of anyio's
        threads. A cancelled call kills its worker, whose state is then unknown."""
        try:
            worker = self._idle.get_nowait()
        except queue.Empty:
            return await anyio.to_thread.run_sync(self.run, request)
        with self._lent(worker):
            worker.send(pickle.dumps((self.folder, request)))
            reply = self._unpack(await worker.receive_async(self.timeout))
        return self._answer(reply)

    @contextmanager
    def _lent(self, worker: _Worker) -> Iterator[None]:
        """Use ``worker`` for one query: back to the idle ones after a whole reply; killed
        and replaced after anything else (the deadline, a failure, a cancellation), as its
        state is then unknown. A broken pipe is a worker failure."""
        healthy = False
        try:
            yield
            healthy = True
        except (BrokenPipeError, OSError) as error:
            raise StoreError(f"a query worker failed: {error}", rule="store.worker") from None
        finally:
            self._release(worker, healthy)

    def _unpack(self, payload: bytes | None) -> tuple[Any, ...]:
        """A worker's reply: ``("ok", answer)`` or ``("error", type, message, rule)``."""
        if payload is None:
            raise QueryTimeout(f"the query ran longer than {self.timeout:g} s and was stopped")
        reply: tuple[Any, ...] = pickle.loads(payload)
        return reply

    def _release(self, worker: _Worker, healthy: bool) -> None:
        """Put ``worker`` back, or, if it failed or was stopped midway, replace it."""
        if healthy or self._closed:
            self._idle.put(worker)
        else:
            self._retire(worker)
            self._idle.put(self._spawn())

    @staticmethod
    def _answer(reply: tuple[Any, ...]) -> QueryAnswer:
        if reply[0] == "ok":
            answer: QueryAnswer = reply[1]
            return answer
        _, kind, message, rule = reply
        raise kind(message, rule=rule)

    def close(self) -> None:
        """Stop every worker (idle ones end cleanly, busy ones are killed)."""
        self._closed = True
        with self._guard:
            workers = list(self._all)
            self._all.clear()
        for worker in workers:
            if worker.process.poll() is None:
                worker.stop()
