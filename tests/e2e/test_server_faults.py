"""A model server that misbehaves: a 200 that is no chat completion, a URL that is no http(s) URL, a stall, a
retry. Each is one clear ModelError or InputError (one line and exit 2 on the command line), and a wait is bounded
and said aloud. Real servers on 127.0.0.1."""

from __future__ import annotations

import logging
import time
from http.server import BaseHTTPRequestHandler, SimpleHTTPRequestHandler
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import SHORT_BRIEF
from newsdesk.cli import cli
from newsdesk.errors import ModelError
from newsdesk.llm import server as server_module
from newsdesk.llm.server import ServerModel
from support.chatserver import ScriptedChatServer
from support.servers import ThreadedServer, send_json

HELLO = [{"role": "user", "content": "Say hello."}]

# What came back with a 200, by the path its server is asked at: (content type, body).
NOT_COMPLETIONS = {
    "/html/v1": ("text/html", b"<!doctype html><html><body>Welcome to nginx!</body></html>"),
    "/no-choices/v1": ("application/json", b'{"choices": []}'),
    "/empty/v1": ("application/json", b"{}"),
    "/broken/v1": ("application/json", b'{"choices": [{"message": '),
    "/list/v1": ("application/json", b"[1, 2, 3]"),
    "/no-message/v1": ("application/json", b'{"choices": [{"index": 0, "finish_reason": "stop"}]}'),
    "/huge-usage/v1": (
        "application/json",
        b'{"id": "x", "object": "chat.completion", "created": 1, "model": "m", "choices": [{"index": 0, '
        b'"finish_reason": "stop", "message": {"role": "assistant", "content": "Hello."}}], '
        b'"usage": {"prompt_tokens": 1000000000000000000000000000000, "completion_tokens": -5, "total_tokens": 1}}',
    ),
}


class NotACompletion(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self) -> None:  # http.server's naming
        self.rfile.read(int(self.headers.get("Content-Length", "0")))
        content_type, body = NOT_COMPLETIONS[self.path.removesuffix("/chat/completions")]
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def odd_server():
    with ThreadedServer(NotACompletion) as server:
        yield server


@pytest.mark.parametrize("path", list(NOT_COMPLETIONS))
@pytest.mark.parametrize("call", ["chat", "token_probabilities", "choice_probabilities"])
def test_a_200_that_is_no_chat_completion_is_a_model_error(server_model, odd_server, path: str, call: str) -> None:
    model = server_model("openai:any", odd_server.url(path))
    asks = {
        "chat": lambda: model.chat(HELLO),
        "token_probabilities": lambda: model.token_probabilities(HELLO),
        "choice_probabilities": lambda: model.choice_probabilities(HELLO, ["Yes", "No"]),
    }
    with pytest.raises(ModelError, match=f"at {odd_server.url(path)} did not answer like an OpenAI-compatible API"):
        asks[call]()


def test_a_web_page_for_an_api_is_one_line_on_the_command_line(odd_server, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli,
        ["write", str(SHORT_BRIEF), "--model", "openai:any", "--base-url", odd_server.url("/html/v1")]
        + ["--db", str(tmp_path / "x.db")],
    )
    assert result.exit_code == 2, result.output
    last = result.output.strip().splitlines()[-1]
    assert last.startswith("Error: the model server at") and "(an HTML page; an API's URL often ends in /v1)" in last


@pytest.mark.parametrize("url", ["notaurl", "ftp://example.org/v1", "http://", "localhost:8080/v1", "http://[::1/v1"])
def test_a_base_url_that_is_no_http_url_is_refused(tmp_path: Path, url: str) -> None:
    result = CliRunner().invoke(
        cli, ["write", str(SHORT_BRIEF), "--model", "openai:any", "--base-url", url, "--db", str(tmp_path / "x.db")]
    )
    assert result.exit_code == 2, result.output
    assert f"Error: the model server URL {url!r} is not an http(s) URL" in result.output


def test_a_stalled_server_is_asked_once_and_the_error_says_how_long(server_model) -> None:
    stalled = ScriptedChatServer(delay=5)
    try:
        model = ServerModel("any", base_url=stalled.base_url, timeout=0.5)
        try:
            with pytest.raises(ModelError, match=r"timed out: no answer in 0\.5 s \(NEWSDESK_SERVER_TIMEOUT"):
                model.chat(HELLO)
        finally:
            model.close()
        assert len(stalled.arrivals) == 1, "a stall is not multiplied by retries"
    finally:
        stalled.close()


def test_the_wait_comes_from_newsdesk_server_timeout(monkeypatch: pytest.MonkeyPatch, server_model) -> None:
    monkeypatch.setenv("NEWSDESK_SERVER_TIMEOUT", "42")
    assert server_model("openai:any", "http://127.0.0.1:9/v1").timeout == 42
    monkeypatch.setenv("NEWSDESK_SERVER_TIMEOUT", "soon")
    with pytest.raises(Exception, match="NEWSDESK_SERVER_TIMEOUT must be a number of seconds above 0"):
        server_model("openai:any", "http://127.0.0.1:9/v1")


@pytest.mark.parametrize("value", ["abc", "100", "2048.5", "²", "9" * 30])
def test_a_context_length_from_the_environment_is_held_to_the_options_range(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, value: str
) -> None:
    monkeypatch.setenv("NEWSDESK_CONTEXT_LENGTH", "4096")
    assert ServerModel("any", base_url="http://127.0.0.1:9/v1").context_length == 4096
    monkeypatch.setenv("NEWSDESK_CONTEXT_LENGTH", value)  # a traceback for "abc"; 100 was taken as it came
    args = ["write", str(SHORT_BRIEF), "--model", "openai:any", "--base-url", "http://127.0.0.1:9/v1"]
    result = CliRunner().invoke(cli, [*args, "--db", str(tmp_path / "x.db")])
    assert result.exit_code == 2, result.output
    assert "NEWSDESK_CONTEXT_LENGTH must be a whole number of tokens from 512 to 1,000,000" in result.output


def test_each_retry_is_a_warning(server_model, caplog: pytest.LogCaptureFixture) -> None:
    chat = ScriptedChatServer(delay=0.0)
    chat.failures = [503, 429]
    try:
        with caplog.at_level(logging.WARNING, logger="newsdesk.llm"):
            completion = server_model("openai:any", chat.base_url).chat(HELLO, max_tokens=8)
    finally:
        chat.close()
    assert completion.text and len(chat.arrivals) == 3
    warnings = [record.getMessage() for record in caplog.records if record.name == "newsdesk.llm"]
    assert len(warnings) == 2, warnings
    assert "answered 503; asking again in 0.0 s (retry 1 of 4)" in warnings[0]  # the server's retry-after-ms: 20
    assert "answered 429; asking again" in warnings[1] and "(retry 2 of 4)" in warnings[1]


def test_a_slow_answer_is_said_aloud_while_it_is_awaited(
    monkeypatch: pytest.MonkeyPatch, server_model, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(server_module, "WAIT_NOTICE_SECONDS", 0.2)  # a minute, in a test's time
    chat = ScriptedChatServer(delay=1.0)
    try:
        with caplog.at_level(logging.WARNING, logger="newsdesk.llm"):
            assert server_model("openai:any", chat.base_url).chat(HELLO, max_tokens=8).text
    finally:
        chat.close()
    notices = [record.getMessage() for record in caplog.records if record.name == "newsdesk.llm"]
    assert len(notices) == 1 and "has not answered for 0.2 s; waiting up to 300 s" in notices[0], notices


class DripFed(BaseHTTPRequestHandler):
    """A 200 whose body comes a byte every tenth of a second: each read is quick, the whole answer never ends in
    time (the answer is long enough to take minutes)."""

    protocol_version = "HTTP/1.1"

    def do_POST(self) -> None:  # http.server's naming
        self.rfile.read(int(self.headers.get("Content-Length", "0")))
        body = b'{"choices": [{"index": 0, "message": {"role": "assistant", "content": "' + b"a" * 3000 + b'"}}]}'
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        for byte in body:
            self.wfile.write(bytes([byte]))
            self.wfile.flush()
            time.sleep(0.1)

    def log_message(self, *args: object) -> None:
        pass


class SlowHeaders(BaseHTTPRequestHandler):
    """A status line, then one header line every tenth of a second, for minutes: the answer never begins."""

    protocol_version = "HTTP/1.1"

    def do_POST(self) -> None:  # http.server's naming
        self.rfile.read(int(self.headers.get("Content-Length", "0")))
        self.wfile.write(b"HTTP/1.1 200 OK\r\n")
        for n in range(3000):
            self.wfile.write(b"X-Pad-%d: y\r\n" % n)
            self.wfile.flush()
            time.sleep(0.1)

    def log_message(self, *args: object) -> None:
        pass


class Endless(BaseHTTPRequestHandler):
    """A 200 whose message text never ends, sent as fast as it is read."""

    protocol_version = "HTTP/1.0"

    def do_POST(self) -> None:  # http.server's naming
        self.rfile.read(int(self.headers.get("Content-Length", "0")))
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(b'{"choices": [{"index": 0, "message": {"role": "assistant", "content": "')
        chunk = b"A" * 1_000_000
        for _ in range(200):  # 200 MB, unless the reader stops first
            self.wfile.write(chunk)

    def log_message(self, *args: object) -> None:
        pass


@pytest.mark.parametrize("handler", [DripFed, SlowHeaders], ids=["body a byte at a time", "a header line at a time"])
def test_an_answer_trickled_in_is_bounded_by_the_whole_wait(server_model, handler) -> None:
    with ThreadedServer(handler) as slow:
        model = ServerModel("any", base_url=slow.url("/v1"), timeout=1.0)
        started = time.monotonic()
        try:
            with pytest.raises(ModelError, match=r"timed out: no answer in 1 s \(NEWSDESK_SERVER_TIMEOUT"):
                model.chat(HELLO)
        finally:
            model.close()
        # every read arrives within the 1 s read timeout; only the whole answer's deadline can end the call
        assert time.monotonic() - started < 5


def test_an_endless_answer_is_read_no_further_than_its_cap(server_model) -> None:
    with ThreadedServer(Endless) as endless:
        model = ServerModel("any", base_url=endless.url("/v1"), timeout=60)
        try:
            with pytest.raises(ModelError, match=r"sent an answer of more than 8 MB: not read further"):
                model.chat(HELLO)
        finally:
            model.close()


@pytest.mark.parametrize("value", ["abc", "-1", "2.5", "²"])
def test_a_retry_count_from_the_environment_that_is_no_whole_number_is_refused(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, value: str
) -> None:
    """Smoke test 35 #14: NEWSDESK_MAX_RETRIES=abc was read silently as the default, where the other server
    settings are refused in one line."""
    monkeypatch.setenv("NEWSDESK_MAX_RETRIES", "2")
    assert ServerModel("any", base_url="http://127.0.0.1:9/v1").max_retries == 2
    monkeypatch.setenv("NEWSDESK_MAX_RETRIES", value)
    args = ["write", str(SHORT_BRIEF), "--model", "openai:any", "--base-url", "http://127.0.0.1:9/v1"]
    result = CliRunner().invoke(cli, [*args, "--db", str(tmp_path / "x.db")])
    assert result.exit_code == 2, result.output
    assert result.output.strip().splitlines()[-1] == (
        f"Error: NEWSDESK_MAX_RETRIES must be a whole number of retries, 0 or more, not {value!r}"
    )


@pytest.mark.parametrize("spec", ["openai:", "openai: "])
def test_a_server_model_with_no_name_is_refused(tmp_path: Path, spec: str) -> None:
    """Smoke test 35 #14: ``--model openai:`` was taken, and the server asked for the model ""."""
    chat = ScriptedChatServer(delay=0.0)
    try:
        args = ["write", str(SHORT_BRIEF), "--model", spec, "--base-url", chat.base_url, "--db", str(tmp_path / "x.db")]
        result = CliRunner().invoke(cli, args)
    finally:
        chat.close()
    assert result.exit_code == 2, result.output
    assert result.output.strip().splitlines()[-1] == "Error: name the model after 'openai:': --model openai:MODEL_NAME"
    assert not chat.arrivals, "no request was sent"


class OneModelServer(BaseHTTPRequestHandler):
    """An API at /v1 that serves one model, "smollm2", and answers 404 for any other, as Ollama and vLLM do."""

    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:  # http.server's naming
        if self.path == "/v1/models":
            self._send(200, {"object": "list", "data": [{"id": "smollm2", "object": "model", "owned_by": "me"}]})
        else:
            self._send(404, {"error": {"message": "not found"}})

    def do_POST(self) -> None:  # http.server's naming
        self.rfile.read(int(self.headers.get("Content-Length", "0")))
        self._send(404, {"error": {"message": "model 'smolm2' not found", "type": "not_found_error"}})

    def _send(self, status: int, payload: dict) -> None:
        send_json(self, status, payload)

    def log_message(self, *args: object) -> None:
        pass


def test_a_model_the_api_does_not_serve_is_named_with_those_it_does(server_model) -> None:
    """A 404 from a server whose /models answers is a missing model, and the error lists what it serves."""
    with ThreadedServer(OneModelServer) as served:
        model = server_model("openai:smolm2", served.url("/v1"))
        with pytest.raises(ModelError) as raised:
            model.chat(HELLO)
    assert str(raised.value) == f"the server at {served.url('/v1')} has no model named 'smolm2' (it serves 'smollm2')"


class StaticFiles(SimpleHTTPRequestHandler):
    """``python -m http.server``: a web server, no API; it answers a POST with 501 Not Implemented."""

    requests: list[str] = []

    def log_request(self, *args: object) -> None:  # called once for each answer
        StaticFiles.requests.append(self.requestline)

    def log_message(self, *args: object) -> None:
        pass


def test_a_web_server_that_answers_501_is_asked_once_and_said_in_one_line(tmp_path: Path) -> None:
    """Smoke test 40 #16: a 501 was retried four times (15 s of backoff), then said as "answered 501: Error code:
    501". A 501 says the URL takes no such request, whenever it is asked."""
    StaticFiles.requests = []
    with ThreadedServer(StaticFiles) as served:
        url = served.url()
        args = ["write", str(SHORT_BRIEF), "--model", "openai:any", "--base-url", url, "--db", str(tmp_path / "x.db")]
        result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2, result.output
    assert result.output.strip().splitlines()[-1] == (
        f"Error: the model server at {url} did not answer like an OpenAI-compatible API (it answered 501 Not "
        f"Implemented to a chat completion request; did you mean {url}/v1?)"
    )
    assert [r for r in StaticFiles.requests if r.startswith("POST")] == ["POST /chat/completions HTTP/1.1"]


def test_a_server_model_with_neither_a_url_nor_a_key_is_refused_at_once(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Smoke test 40 #16: with no --base-url, OPENAI_BASE_URL or OPENAI_API_KEY, OpenAI's own API was asked five
    times (offline: "cannot reach ... api.openai.com: is it running?"), where the cause is a missing setting."""
    monkeypatch.delenv("OPENAI_BASE_URL", raising=False)
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    started = time.monotonic()
    result = CliRunner().invoke(
        cli, ["write", str(SHORT_BRIEF), "--model", "openai:smollm2", "--db", str(tmp_path / "x.db")]
    )
    assert result.exit_code == 2, result.output
    assert result.output.strip().splitlines()[-1] == (
        "Error: --model openai:smollm2 names a model server, but no server was given: pass --base-url (or set "
        "OPENAI_BASE_URL), for example http://127.0.0.1:8080/v1, or set OPENAI_API_KEY for OpenAI's own API"
    )
    assert time.monotonic() - started < 5, "no retries"
