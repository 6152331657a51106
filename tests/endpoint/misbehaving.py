"""Loopback HTTP servers that misbehave on purpose, written on raw sockets so that every byte
(and every pause between bytes) is the test's choice.

Each server listens on a free 127.0.0.1 port, counts the TCP connections it accepts, records
the requests it read (method, target, headers), and stops by itself: its loops are bounded and
end when :meth:`RawHttpServer.close` is called.
"""

from __future__ import annotations

import contextlib
import socket
import ssl
import threading
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class Received:
    method: str
    target: str
    headers: dict[str, str]
    body: bytes = b""


@dataclass
class Exchange:
    """What a handler sees: the request, the connection, and the server's stop signal."""

    request: Received
    connection: socket.socket
    stop: threading.Event
    sent: list[int] = field(default_factory=lambda: [0])

    def send(self, data: bytes) -> bool:
        """Send; False once the client has gone (or the server is stopping)."""
        if self.stop.is_set():
            return False
        try:
            self.connection.sendall(data)
        except OSError:
            return False
        self.sent[0] += len(data)
        return True


# A handler answers one request; it returns True to keep the connection open for the next one.
Handler = Callable[[Exchange], bool]


def _read_request(connection: socket.socket, limit: int = 1 << 20) -> Received | None:
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = connection.recv(65536)
        if not chunk or len(data) > limit:
            return None
        data += chunk
    head, _, rest = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    method, target, _version = lines[0].split(" ", 2)
    headers: dict[str, str] = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    length = int(headers.get("content-length") or 0)
    while len(rest) < min(length, limit):
        chunk = connection.recv(65536)
        if not chunk:
            break
        rest += chunk
    return Received(method, target, headers, rest[:length])


class RawHttpServer:
    def __init__(self, handler: Handler, host: str = "127.0.0.1", *, speak_first: bool = False,
                 tls: ssl.SSLContext | None = None) -> None:
        self.handler = handler
        self.tls = tls  # serve HTTPS with this server-side context
        self.speak_first = speak_first  # answer as soon as a client connects, before reading anything
        self.stop = threading.Event()
        self.accepted = 0
        self.received: list[Received] = []
        self.bytes_sent = [0]
        self._listener = socket.create_server((host, 0))
        self._listener.settimeout(0.1)
        self.port = int(self._listener.getsockname()[1])
        self._threads: list[threading.Thread] = []
        self._connections: list[socket.socket] = []
        self._accepting = threading.Thread(target=self._accept, daemon=True)
        self._accepting.start()

    def url(self, path: str = "/sparql", host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"

    def _accept(self) -> None:
        while not self.stop.is_set():
            try:
                connection, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self.accepted += 1
            self._connections.append(connection)
            worker = threading.Thread(target=self._serve, args=(connection,), daemon=True)
            self._threads.append(worker)
            worker.start()

    def _serve(self, connection: socket.socket) -> None:
        connection.settimeout(5)
        if self.tls is not None:
            try:
                connection = self.tls.wrap_socket(connection, server_side=True)
            except (OSError, ssl.SSLError):
                connection.close()  # the client refused the certificate
                return
        with connection:
            for _ in range(1000):  # requests on one connection: bounded
                if self.stop.is_set():
                    return
                try:
                    request = Received("", "", {}) if self.speak_first else _read_request(connection)
                except OSError:
                    return
                if request is None:
                    return
                self.received.append(request)
                if not self.handler(Exchange(request, connection, self.stop, self.bytes_sent)):
                    return

    def close(self) -> None:
        self.stop.set()
        with contextlib.suppress(OSError):
            self._listener.close()
        self._accepting.join(5)
        for connection in self._connections:  # wakes a worker waiting for the next request
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)
        for worker in self._threads:
            worker.join(5)


def response(status: str, body: bytes, content_type: str = "application/sparql-results+json",
             extra: dict[str, str] | None = None) -> bytes:
    headers = {"Content-Type": content_type, "Content-Length": str(len(body)), **(extra or {})}
    head = f"HTTP/1.1 {status}\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers.items()) + "\r\n"
    return head.encode("latin-1") + body


ASK_TRUE = b'{"head":{},"boolean":true}'


def answer_true(exchange: Exchange) -> bool:
    exchange.send(response("200 OK", ASK_TRUE))
    return True
