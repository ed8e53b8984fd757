"""Bounded HTTP for the model server: one deadline for a whole exchange, and a cap on the answer's size.

The ``openai`` client's own timeouts bound each read only, so a server that drips its answer a byte at a time would
never time out, and an endless answer would be read into memory until the machine gave out. ``deadline_transport``
builds the transport that the server model (``llm/server.py``) hands the client to bound both.
"""

from __future__ import annotations

import functools
import socket
import sys
import threading
import time
from collections.abc import Iterator
from typing import Any

__all__ = ["MAX_ANSWER_BYTES", "AnswerTooLarge", "deadline_transport"]

# An answer is a few thousand tokens at most, with their probabilities: 8 MB is far past any, and reading a server's
# endless answer into memory would take the machine down first.
MAX_ANSWER_BYTES = 8_000_000


class AnswerTooLarge(Exception):
    """A model server's answer past ``MAX_ANSWER_BYTES``: read no further (raised inside the HTTP client)."""


def deadline_transport(client_class: type, seconds: float) -> Any:
    """A transport for ``client_class`` (the openai client's HTTP client: httpx's, or httpx2's in openai 3) that
    bounds each whole exchange, the status line, the headers and every byte of the answer, by one deadline, and the
    answer's size by ``MAX_ANSWER_BYTES``. The client's own timeouts bound each read only, so a server that sends a
    byte a second never trips them. At the deadline a watchdog shuts the connection's socket, which ends a read
    however it is waiting, and the failure is raised as the client's read timeout. Each exchange has a connection
    of its own (no keep-alive), so that the watchdog knows its socket. Built from the client's own module, since a
    transport and a stream must be that module's classes."""
    http = sys.modules[next(k for k in client_class.__mro__ if k.__name__ == "Client").__module__.partition(".")[0]]
    transport_class, _ = _deadline_classes(http)
    return transport_class(seconds)


class _Watchdog:
    """Shuts the sockets of one exchange at its deadline, unless stopped first."""

    def __init__(self, seconds: float) -> None:
        self.deadline = time.monotonic() + seconds
        self.streams: list[Any] = []
        self._timer = threading.Timer(seconds, self._shut)
        self._timer.daemon = True
        self._timer.start()

    def trace(self, event: str, info: dict[str, Any]) -> None:
        """httpcore's trace hook: keep each network stream the exchange connects."""
        if event.endswith("connect_tcp.complete") and info.get("return_value") is not None:
            self.streams.append(info["return_value"])

    @property
    def expired(self) -> bool:
        return time.monotonic() >= self.deadline

    def stop(self) -> None:
        self._timer.cancel()

    def _shut(self) -> None:
        for stream in self.streams:
            sock = stream.get_extra_info("socket")
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except (AttributeError, OSError):
                pass  # closed already, or no socket to shut


@functools.cache
def _deadline_classes(http: Any) -> tuple[type, type]:
    def timed_out(request: Any) -> Exception:
        error: Exception = http.ReadTimeout("the whole answer took longer than its deadline", request=request)
        return error

    class DeadlineStream(http.SyncByteStream):  # type: ignore[misc]  # a base only known at run time
        def __init__(self, inner: Any, watchdog: _Watchdog, request: Any) -> None:
            self._inner, self._watchdog, self._request = inner, watchdog, request

        def __iter__(self) -> Iterator[bytes]:
            size = 0
            try:
                for chunk in self._inner:
                    size += len(chunk)
                    if self._watchdog.expired:
                        raise timed_out(self._request)
                    if size > MAX_ANSWER_BYTES:
                        raise AnswerTooLarge(f"more than {MAX_ANSWER_BYTES // 1_000_000} MB")
                    yield chunk
            except http.TransportError as error:
                if self._watchdog.expired:
                    raise timed_out(self._request) from error
                raise

        def close(self) -> None:
            self._watchdog.stop()
            self._inner.close()

    class DeadlineTransport(http.BaseTransport):  # type: ignore[misc]
        def __init__(self, seconds: float) -> None:
            self.seconds = seconds
            self._inner = http.HTTPTransport(limits=http.Limits(max_keepalive_connections=0))

        def handle_request(self, request: Any) -> Any:
            watchdog = _Watchdog(self.seconds)
            request.extensions = {**request.extensions, "trace": watchdog.trace}
            try:
                response = self._inner.handle_request(request)
            except http.TransportError as error:
                watchdog.stop()
                if watchdog.expired:
                    raise timed_out(request) from error
                raise
            return http.Response(
                response.status_code,
                headers=response.headers,
                stream=DeadlineStream(response.stream, watchdog, request),
                extensions=response.extensions,
            )

        def close(self) -> None:
            self._inner.close()

    return DeadlineTransport, DeadlineStream
