"""A scripted OpenAI-compatible server on 127.0.0.1: the stand-in for a remote model server where a test needs
what a small local model cannot show (a fixed delay, 429 and 5xx answers, many workers at once).

It answers /v1/chat/completions with short grounded text after ``delay`` seconds, first answering with the status
codes queued in ``failures``; it records when each request came and how many were in flight at most.

``script(request) -> text`` writes the answers instead, where a test needs the shapes a real model writes.
``context`` gives the server a context window, counted at ``chars_per_token`` (denser than newsdesk's own first
estimate, as real tokenizers often are): a request whose prompt and answer do not fit it is refused with 400 and
the words OpenAI, vLLM and llama-cpp-python use, and recorded in ``refused``. A request for ``logprobs`` (the
judge) is answered "No" for every numbered statement, with Yes as the runner-up (``logprobs=False``: answered
without them, as by a server that ignores the request).
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler

from support.servers import ThreadedServer, send_json


class ScriptedChatServer:
    def __init__(
        self,
        delay: float = 0.1,
        script: Callable[[dict], str] | None = None,
        context: int | None = None,
        chars_per_token: float = 3.0,
        logprobs: bool = True,
    ) -> None:
        self.delay = delay
        self.logprobs = logprobs  # False: a server that ignores a request for them, as some do
        self.script = script
        self.context = context
        self.chars_per_token = chars_per_token
        self.failures: list[int] = []
        self.arrivals: list[float] = []
        self.requests: list[dict] = []  # every request answered, in order
        self.refused: list[int] = []  # the prompt tokens of each request refused for the context
        self.answered = 0
        self.in_flight = 0
        self.most_in_flight = 0
        lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self) -> None:  # http.server's naming
                request = json.loads(self.rfile.read(int(self.headers.get("Content-Length", "0"))) or b"{}")
                with lock:
                    server.arrivals.append(time.monotonic())
                    failure = server.failures.pop(0) if server.failures else None
                    server.in_flight += 1
                    server.most_in_flight = max(server.most_in_flight, server.in_flight)
                try:
                    if failure is not None:
                        self._send(
                            failure,
                            {"error": {"message": "busy, try again", "type": "server_error"}},
                            {"retry-after-ms": "20"},
                        )
                        return
                    prompt = server.prompt_tokens(request)
                    wanted = int(request.get("max_tokens") or 0)
                    if server.context is not None and prompt + wanted > server.context:
                        with lock:
                            server.refused.append(prompt)
                        self._send(
                            400,
                            {
                                "error": {
                                    "message": f"This model's maximum context length is {server.context} "
                                    "tokens. However, "
                                    f"you requested {prompt + wanted} tokens ({prompt} in the messages, {wanted} "
                                    "in the completion). Please reduce the length of the messages or completion.",
                                    "type": "invalid_request_error",
                                    "param": "messages",
                                    "code": "context_length_exceeded",
                                }
                            },
                        )
                        return
                    time.sleep(server.delay)
                    text = server.script(request) if server.script else None
                    asked = request if server.logprobs else {k: v for k, v in request.items() if k != "logprobs"}
                    self._send(200, _completion(asked, text, prompt))
                    with lock:
                        server.answered += 1
                        server.requests.append(request)
                finally:
                    with lock:
                        server.in_flight -= 1

            def _send(self, status: int, payload: dict, headers: dict[str, str] | None = None) -> None:
                send_json(self, status, payload, headers)

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadedServer(Handler)
        self.base_url = self.server.url("/v1")

    def prompt_tokens(self, request: dict) -> int:
        return int(sum(len(str(m.get("content", ""))) for m in request.get("messages", [])) / self.chars_per_token)

    def close(self) -> None:
        self.server.close()


def _completion(request: dict, text: str | None = None, prompt_tokens: int = 10) -> dict:
    prompt = " ".join(str(m.get("content", "")) for m in request.get("messages", []))
    choice: dict = {"index": 0, "finish_reason": "stop"}
    if request.get("logprobs"):
        statements = len(re.findall(r"^\d+\. ", prompt.split("Statements:")[-1], re.MULTILINE)) or 1
        tokens = [piece for n in range(1, statements + 1) for piece in (f"{n}", ":", " No", "\n")]
        text = "".join(tokens)
        choice["logprobs"] = {
            "content": [
                {
                    "token": t,
                    "logprob": -0.1,
                    "top_logprobs": [{"token": t, "logprob": -0.1}]
                    + ([{"token": " Yes", "logprob": -2.5}] if t == " No" else []),
                }
                for t in tokens
            ]
        }
    elif text is None and "TITLE:" in prompt:
        text = "TITLE: What did the council decide?\nDEK: The council decided.\nINTRO: It decided."
    elif text is None:
        text = "The council approved the harbour bridge on Tuesday [1]."
    choice["message"] = {"role": "assistant", "content": text}
    return {
        "id": "chatcmpl-test",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": request.get("model", "scripted"),
        "choices": [choice],
        "usage": {"prompt_tokens": prompt_tokens, "completion_tokens": 10, "total_tokens": prompt_tokens + 10},
    }


def scripted_article(script: Callable[[dict], str], story: str, db: object) -> dict:
    """The article ``newsdesk write STORY --format json`` makes with a scripted server writing every section (no
    rerank, no judge), read from its JSON; the server is closed after the run."""
    from conftest import run_newsdesk  # the tests' one way of running the command line

    server = ScriptedChatServer(delay=0.0, script=script)
    try:
        result = run_newsdesk(
            "write",
            story,
            "--model",
            "openai:scripted",
            "--base-url",
            server.base_url,
            "--no-rerank",
            "--no-judge",
            "--format",
            "json",
            db=db,
        )
    finally:
        server.close()
    assert result.returncode == 0, result.stderr.decode()
    article: dict = json.loads(result.stdout)
    return article
