"""A query worker process: ``python -m reskg.store.worker``.

It opens a store snapshot folder read-only and answers :class:`~reskg.store.answers.QueryRequest`
frames from stdin with answer frames on stdout, until stdin closes. The parent
(``pool.py``) kills it when a query runs past its deadline: pyoxigraph cannot be
interrupted from Python, but a process can always be killed.

Each request names the snapshot folder to read; a worker reopens its read-only handle when
that folder changed, which is how it sees writes made by the read-write process.

Frames are an 8-byte big-endian length and a pickle. Pickle is safe here: both ends are
this package, over pipes nobody else holds.
"""

from __future__ import annotations

import os
import pickle
import struct
import sys
from typing import BinaryIO

from pyoxigraph import Store

from reskg.errors import ReskgError, StoreError
from reskg.store.answers import QueryRequest, evaluate

HEADER = struct.Struct(">Q")


def read_frame(stream: BinaryIO) -> bytes | None:
    """One frame from a blocking stream, or ``None`` at end of input."""
    header = stream.read(HEADER.size)
    if len(header) < HEADER.size:
        return None
    (size,) = HEADER.unpack(header)
    payload = stream.read(size)
    return payload if len(payload) == size else None


def frame(payload: bytes) -> bytes:
    return HEADER.pack(len(payload)) + payload


def _answer(store: Store, request: QueryRequest) -> tuple[object, ...]:
    try:
        return ("ok", evaluate(store, request))
    except ReskgError as error:
        return ("error", type(error), str(error), error.rule)


def main() -> None:
    """Serve requests until stdin closes."""
    replies = os.fdopen(os.dup(1), "wb", buffering=0)
    os.dup2(2, 1)  # a stray print must never corrupt the reply stream
    requests = sys.stdin.buffer
    store: Store | None = None
    opened = ""
    while (payload := read_frame(requests)) is not None:
        folder, request = pickle.loads(payload)
        if store is None or folder != opened:
            store = None  # release the old read-only handle before opening a new one
            try:
                store = Store.read_only(folder)
            except OSError as error:
                reply: tuple[object, ...] = ("error", StoreError, f"{folder}: {error}", "store")
                replies.write(frame(pickle.dumps(reply)))
                continue
            opened = folder
        replies.write(frame(pickle.dumps(_answer(store, request))))


if __name__ == "__main__":
    main()
