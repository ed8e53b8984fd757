"""Real HTTP servers on 127.0.0.1 for tests: one in a thread of this process, or one in a child process.

Both are closed when their block ends (the listening socket, the serving thread, the child and its pipes), so no
test leaves a socket or a process for the garbage collector to find later.
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx

__all__ = ["ThreadedServer", "free_port", "hanging_server", "serving_process"]


class _QuietServer(ThreadingHTTPServer):
    """A server whose handler threads say nothing when the client hangs up first.

    Tests of timeouts and size limits make newsdesk drop connections mid-answer; the handler thread of such a
    request may outlive its test, and socketserver would print the reset's traceback to whatever ``sys.stderr``
    is then, which can be another test's captured CLI output.
    """

    def handle_error(self, request: socket.socket | tuple[bytes, socket.socket], client_address: Any) -> None:
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)


class ThreadedServer:
    """``handler`` served on a free port of 127.0.0.1 from a daemon thread, until ``close`` (or the ``with``
    block's end)."""

    def __init__(self, handler: type[BaseHTTPRequestHandler]) -> None:
        self.httpd = _QuietServer(("127.0.0.1", 0), handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.base = f"http://127.0.0.1:{self.port}"
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self._thread.start()

    def url(self, path: str = "", host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self._thread.join()

    def __enter__(self) -> ThreadedServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


@contextmanager
def hanging_server() -> Iterator[tuple[ThreadedServer, threading.Event]]:
    """A server on 127.0.0.1 that takes a GET request and sends nothing for two minutes, and an event set when a
    request has come; whatever waits on it is let go when the block ends."""
    requested, release = threading.Event(), threading.Event()

    class Hang(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # http.server's naming
            requested.set()
            release.wait(120)

        def log_message(self, *args: object) -> None:
            pass

    with ThreadedServer(Hang) as server:
        try:
            yield server, requested
        finally:
            release.set()


def send_json(
    handler: BaseHTTPRequestHandler, status: int, payload: Any, headers: dict[str, str] | None = None
) -> None:
    """Answer a request with ``payload`` as JSON, its length given (the scripted API servers' one way to reply)."""
    body = json.dumps(payload).encode()
    handler.send_response(status)
    handler.send_header("Content-Type", "application/json")
    handler.send_header("Content-Length", str(len(body)))
    for name, value in (headers or {}).items():
        handler.send_header(name, value)
    handler.end_headers()
    handler.wfile.write(body)


def free_port() -> int:
    """A port of 127.0.0.1 that nothing listens on now (a child server binds it next)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def serving_process(command: Sequence[str], ready_url: str, timeout: float) -> Iterator[subprocess.Popen[bytes]]:
    """``command`` run as a child process until the block ends, once ``ready_url`` answers 200 (else
    RuntimeError after ``timeout`` seconds); then terminated and waited for."""
    process = subprocess.Popen(list(command), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                if httpx.get(ready_url, timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if process.poll() is not None:
                raise RuntimeError(f"{command[1:3]} exited with {process.returncode} before it served")
            if time.monotonic() > deadline:
                raise RuntimeError(f"{command[1:3]} did not serve {ready_url} within {timeout:.0f} s")
            time.sleep(0.2)
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
