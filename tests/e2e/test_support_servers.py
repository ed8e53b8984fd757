"""The tests' own HTTP servers stay silent when a client hangs up: their handler threads can outlive a test, and a
traceback they print lands in whatever output the next test captures."""

from __future__ import annotations

import io
import socket
import struct
import sys
import time
from http.server import BaseHTTPRequestHandler

import pytest

from support.servers import ThreadedServer


class _Streaming(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        time.sleep(0.2)  # the client is gone by the time the answer is written
        self.send_response(200)
        self.end_headers()
        for _ in range(64):
            self.wfile.write(b"x" * 65536)

    def log_message(self, format: str, *args: object) -> None:
        pass


def test_a_client_reset_prints_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    captured = io.StringIO()
    monkeypatch.setattr(sys, "stderr", captured)
    with ThreadedServer(_Streaming) as server:
        client = socket.create_connection(("127.0.0.1", server.port))
        client.sendall(b"GET / HTTP/1.0\r\n\r\n")
        client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))  # close with a reset
        client.close()
        time.sleep(0.6)
    assert captured.getvalue() == ""
