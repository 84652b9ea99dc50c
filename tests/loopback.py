"""A TCP listener on 127.0.0.1 that counts the connections it accepts.

Tests that must show reskg makes no outbound connection (SERVICE, FROM, LOAD, remote
contexts in bad input) point at it and assert that the count stays at zero.
"""

from __future__ import annotations

import socket
import threading


class Listener:
    """Accepts and counts connections on 127.0.0.1; ``port`` 0 picks a free port."""

    def __init__(self, port: int = 0) -> None:
        self.connections = 0
        self._socket = socket.socket()
        self._socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._socket.bind(("127.0.0.1", port))
        self._socket.listen()
        self._socket.settimeout(0.2)
        self.port = int(self._socket.getsockname()[1])
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                connection, _ = self._socket.accept()
            except TimeoutError:
                continue
            self.connections += 1
            connection.close()

    def close(self) -> None:
        self._stop.set()
        self._thread.join()
        self._socket.close()
