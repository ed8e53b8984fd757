"""A scripted OpenAI-compatible server on 127.0.0.1: the stand-in for a remote model server where a test needs
what a small local model cannot show (a fixed delay, 429 and 5xx answers, many workers at once).

It answers /v1/chat/completions with short grounded text after ``delay`` seconds, first answering with the status
codes queued in ``failures``; it records when each request came and how many were in flight at most.
"""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class ScriptedChatServer:
    def __init__(self, delay: float = 0.1) -> None:
        self.delay = delay
        self.failures: list[int] = []
        self.arrivals: list[float] = []
        self.answered = 0
        self.in_flight = 0
        self.most_in_flight = 0
        lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self) -> None:  # noqa: N802 - http.server's naming
                request = json.loads(self.rfile.read(int(self.headers.get("Content-Length", "0"))) or b"{}")
                with lock:
                    server.arrivals.append(time.monotonic())
                    failure = server.failures.pop(0) if server.failures else None
                    server.in_flight += 1
                    server.most_in_flight = max(server.most_in_flight, server.in_flight)
                try:
                    if failure is not None:
                        self._send(failure, {"error": {"message": "busy, try again", "type": "server_error"}},
                                   {"retry-after-ms": "20"})
                        return
                    time.sleep(server.delay)
                    self._send(200, _completion(request))
                    with lock:
                        server.answered += 1
                finally:
                    with lock:
                        server.in_flight -= 1

            def _send(self, status: int, payload: dict, headers: dict[str, str] | None = None) -> None:
                body = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        self.base_url = f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def _completion(request: dict) -> dict:
    prompt = " ".join(str(m.get("content", "")) for m in request.get("messages", []))
    if "TITLE:" in prompt:
        text = "TITLE: What did the council decide?\nDEK: The council decided.\nINTRO: It decided."
    else:
        text = "The council approved the harbour bridge on Tuesday [1]."
    return {
        "id": "chatcmpl-test", "object": "chat.completion", "created": int(time.time()),
        "model": request.get("model", "scripted"),
        "choices": [{"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}],
        "usage": {"prompt_tokens": 10, "completion_tokens": 10, "total_tokens": 20},
    }
