"""Any OpenAI-compatible server through the official ``openai`` client.

Works with OpenAI, vLLM, Ollama (``http://127.0.0.1:11434/v1``) and llama.cpp's server. The client itself reads
``OPENAI_BASE_URL`` and ``OPENAI_API_KEY``; local servers ignore the key, so a placeholder is sent when none is set.

A server's tokenizer is not ours to run, so prompt sizes are estimated from characters, and the estimate is
corrected by every count the server reports: the prompt tokens of each answer, and the limit and prompt length
that a "context too small" refusal states. Such a refusal is raised as ``ContextTooSmall`` carrying those numbers,
so that the run can shrink its sources and ask again (``llm/session.py``).

Waiting is bounded and said aloud. A call waits at most ``NEWSDESK_SERVER_TIMEOUT`` seconds (300: a slow CPU
server writing a long section) for the whole answer, and one that stalls that long fails at once: asking a stalled
server again would only multiply the silence. The HTTP client times each read, not the whole answer, so a server
that drips its answer a byte at a time would never time out; ``deadline_transport`` (``llm/deadline.py``) bounds the
whole exchange.
A 429 or 5xx answer, or a refused connection, is asked again (up to ``NEWSDESK_MAX_RETRIES`` times, with backoff
and the server's Retry-After), and each retry, like a call that has waited a minute, is a warning on the
``newsdesk.llm`` log (the terminal shows it; a worker's log records it).
"""

from __future__ import annotations

import json
import logging
import math
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from ..errors import ContextTooSmall, InputError, ModelError
from ..text import ascii_number
from .base import MAX_CONTEXT_LENGTH, MIN_CONTEXT_LENGTH, Completion, Model, ProbabilitiesUnavailable
from .deadline import AnswerTooLarge, deadline_transport
from .ratelimit import SERVER_RATE, max_retries, retry_delay, should_retry
from .server_errors import context_refusal, failure, not_the_api

if TYPE_CHECKING:
    from openai.types.chat import ChatCompletion

log = logging.getLogger("newsdesk.llm")

TIMEOUT_ENV = "NEWSDESK_SERVER_TIMEOUT"
CONTEXT_ENV = "NEWSDESK_CONTEXT_LENGTH"
DEFAULT_CONTEXT_LENGTH = 8192  # tokens, where neither the user nor the server has said
DEFAULT_TIMEOUT = 300.0  # seconds for one answer: a long section from a slow CPU server
CONNECT_TIMEOUT = 10.0  # a server that is up accepts a connection at once; one that is not should fail soon
WAIT_NOTICE_SECONDS = 60.0  # a call still unanswered after this long is said aloud
# far beyond any context window (10 million tokens), and within what the archive stores: a larger count is no count
MAX_TOKEN_COUNT = 10_000_000


class ServerModel(Model):
    backend = "openai"
    supports_probabilities = True

    def __init__(
        self,
        name: str,
        base_url: str | None = None,
        api_key: str | None = None,
        context_length: int | None = None,
        timeout: float | None = None,
    ):
        try:
            import openai
        except ImportError as error:  # pragma: no cover - a declared dependency
            raise ModelError("the openai package is required for server models") from error
        self._openai = openai
        self.name = name
        given_url = base_url or os.environ.get("OPENAI_BASE_URL")
        given_key = api_key or os.environ.get("OPENAI_API_KEY")
        if not given_url and not given_key:
            # OpenAI's own API is the client's default, and it takes no call without a key: asking it would only
            # be refused (or retried as unreachable offline), far from the cause, which is a missing setting
            raise InputError(
                f"--model openai:{name} names a model server, but no server was given: pass --base-url (or set "
                "OPENAI_BASE_URL), for example http://127.0.0.1:8080/v1, or set OPENAI_API_KEY for OpenAI's own API"
            )
        self.base_url = checked_base_url(given_url or "https://api.openai.com/v1")
        key = given_key or "not-needed-for-local-servers"
        self.context_length = context_length or context_length_setting()
        # Characters per prompt token: four for English text until the server's own counts say otherwise.
        self.chars_per_token = DEFAULT_CHARS_PER_TOKEN
        self.timeout = timeout or server_timeout()
        self.max_retries = max_retries()
        # Retries are ours (``_call``), not the client's: the client would ask a stalled server again, silently.
        self._client = openai.OpenAI(
            base_url=self.base_url,
            api_key=key,
            timeout=openai.Timeout(self.timeout, connect=min(CONNECT_TIMEOUT, self.timeout)),
            max_retries=0,
            http_client=openai.DefaultHttpxClient(
                transport=deadline_transport(openai.DefaultHttpxClient, self.timeout)
            ),
        )

    @classmethod
    def from_spec(
        cls,
        spec: str,
        base_url: str | None = None,
        api_key: str | None = None,
        context_length: int | None = None,
        **_: Any,
    ) -> ServerModel:
        if not spec:
            raise ModelError("name the server's model: --model openai:MODEL_NAME")
        return cls(spec, base_url=base_url, api_key=api_key, context_length=context_length)

    def describe(self) -> dict[str, Any]:
        return {**super().describe(), "base_url": self.base_url}

    def close(self) -> None:
        """Close the client's connection pool (left to the garbage collector, its sockets warn as unclosed)."""
        self._client.close()

    def count_tokens(self, text: str) -> int:
        """Tokens in ``text`` as estimated from its length, at the densest rate this server has reported."""
        return math.ceil(len(text) / self.chars_per_token)

    def learn_prompt_size(self, messages: list[dict[str, str]], prompt_tokens: int | None) -> None:
        """Correct the estimate with a prompt length the server counted. The densest rate seen is kept: an estimate
        that erred on one prompt will err again, and an overcount costs only a little source text."""
        if not prompt_tokens or prompt_tokens <= 0:
            return
        chars = sum(len(str(m.get("content", ""))) for m in messages)
        if chars:
            self.chars_per_token = max(MIN_CHARS_PER_TOKEN, min(self.chars_per_token, chars / prompt_tokens))

    def chat(
        self,
        messages: list[dict[str, str]],
        *,
        max_tokens: int = 400,
        temperature: float = 0.3,
        stop: list[str] | None = None,
        repeat_penalty: float = 1.15,
        seed: int = 7,
    ) -> Completion:
        started = time.perf_counter()
        response = self._call(
            messages=messages,
            max_tokens=max_tokens,
            temperature=temperature,
            # The portable cousin of llama.cpp's repeat penalty; every OpenAI-compatible server accepts it.
            frequency_penalty=min(2.0, max(0.0, (repeat_penalty - 1.0) * 2)),
            stop=stop or None,
            seed=seed,
        )
        seconds = time.perf_counter() - started
        choice = response.choices[0]  # _call has checked there is one, with a message
        usage = response.usage
        details = getattr(usage, "prompt_tokens_details", None) if usage else None
        return Completion(
            text=choice.message.content or "",
            prompt_tokens=usage.prompt_tokens if usage else 0,
            completion_tokens=usage.completion_tokens if usage else 0,
            seconds=seconds,
            cached_tokens=(getattr(details, "cached_tokens", 0) or 0) if details else 0,
            finish_reason=choice.finish_reason,
        )

    def token_probabilities(self, messages: list[dict[str, str]], *, max_tokens: int = 16, top: int = 10) -> Completion:
        """Greedy tokens with their top alternatives' log-probabilities, in ``Completion.extra["tokens"]``."""
        started = time.perf_counter()
        response = self._call(
            messages=messages, max_tokens=max_tokens, temperature=0.0, logprobs=True, top_logprobs=top
        )
        choice = response.choices[0]
        content = choice.logprobs and choice.logprobs.content
        if not content:
            raise self._without_probabilities(response)
        usage = response.usage
        details = getattr(usage, "prompt_tokens_details", None) if usage else None
        tokens = [
            [item.token, {alt.token: alt.logprob for alt in (item.top_logprobs or [])} or {item.token: item.logprob}]
            for item in content
        ]
        return Completion(
            text=choice.message.content or "",
            prompt_tokens=usage.prompt_tokens if usage else 0,
            completion_tokens=usage.completion_tokens if usage else 0,
            seconds=time.perf_counter() - started,
            cached_tokens=(getattr(details, "cached_tokens", 0) or 0) if details else 0,
            finish_reason=choice.finish_reason,
            extra={"tokens": tokens},
        )

    def choice_probabilities(self, messages: list[dict[str, str]], choices: list[str]) -> dict[str, float]:
        response = self._call(messages=messages, max_tokens=1, temperature=0.0, logprobs=True, top_logprobs=10)
        content = response.choices[0].logprobs and response.choices[0].logprobs.content
        if not content:
            raise self._without_probabilities(response)
        top = {item.token.strip().lower(): item.logprob for item in content[0].top_logprobs}
        raw = {c: math.exp(top.get(c.lower(), -30.0)) for c in choices}
        total = sum(raw.values()) or 1.0
        return {c: v / total for c, v in raw.items()}

    def _without_probabilities(self, response: ChatCompletion) -> ProbabilitiesUnavailable:
        """The error for an answer without the token probabilities asked for, carrying what the call cost."""
        usage = response.usage
        return ProbabilitiesUnavailable(
            f"the server at {self.base_url} returned no token probabilities",
            usage.prompt_tokens if usage else 0,
            usage.completion_tokens if usage else 0,
        )

    def _call(self, **kwargs: Any) -> ChatCompletion:
        """One chat completion, asked again after a 429/5xx answer or a refused connection, never after a stall."""
        openai = self._openai
        for attempt in range(self.max_retries + 1):
            SERVER_RATE.wait()  # one rate for all of this process's concurrent jobs
            try:
                with self._noticed_when_slow():
                    # never streamed, so one ChatCompletion; through **kwargs the client's overloads cannot tell
                    response = self._client.chat.completions.create(model=self.name, **kwargs)
            except openai.APIStatusError as error:
                refusal = context_refusal(error.status_code, f"{error.message} {json.dumps(error.body, default=str)}")
                if refusal is not None:
                    self._learn_from_refusal(kwargs["messages"], refusal)
                    raise refusal from error
                if attempt < self.max_retries and should_retry(error.status_code, error.response.headers):
                    self._wait_to_retry(attempt, f"answered {error.status_code}", error.response.headers)
                    continue
                raise self._failure(error) from error
            except openai.APITimeoutError as error:  # a kind of APIConnectionError: asked first
                raise self._failure(error) from error
            except AnswerTooLarge as error:  # raised inside the HTTP client; openai 1.x wraps it, as below
                raise self._too_large(error) from None
            except openai.APIConnectionError as error:
                if isinstance(error.__cause__, AnswerTooLarge):
                    raise self._too_large(error.__cause__) from None
                if attempt < self.max_retries:
                    self._wait_to_retry(attempt, "could not be reached", None)
                    continue
                raise self._failure(error) from error
            except openai.APIError as error:
                raise self._failure(error) from error
            except json.JSONDecodeError:  # said to be JSON, and was not
                raise self._not_the_api("JSON that does not parse") from None
            checked = self._checked(response)
            usage = getattr(checked, "usage", None)
            self.learn_prompt_size(kwargs["messages"], getattr(usage, "prompt_tokens", None))
            return checked
        raise AssertionError("unreachable: the last attempt returns or raises")

    def _checked(self, response: object) -> ChatCompletion:
        """``response`` if it reads as a chat completion: a first choice with a message of text (or none), and
        token counts that are numbers. The client hands back whatever a 200 carried (a web page as a string,
        ``{"choices": []}`` half-built), and reading it as an answer would fail far from the cause."""
        from openai.types.chat import ChatCompletion, ChatCompletionMessage

        if isinstance(response, str):
            shape = "an HTML page" if response.lstrip()[:1] == "<" else "text, not JSON"
            raise self._not_the_api(shape)
        if not isinstance(response, ChatCompletion):
            raise self._not_the_api("JSON that is not a chat completion")
        choices = getattr(response, "choices", None)
        if not isinstance(choices, list) or not choices:
            raise self._not_the_api("an answer with no choices")
        message = getattr(choices[0], "message", None)
        content = getattr(message, "content", None)
        if not isinstance(message, ChatCompletionMessage) or not isinstance(content, str | None):
            raise self._not_the_api("a choice with no message text")
        usage = getattr(response, "usage", None)
        counts = (getattr(usage, "prompt_tokens", None), getattr(usage, "completion_tokens", None))
        if usage is not None and not all(isinstance(count, int) for count in counts):
            raise self._not_the_api("token counts that are not numbers")
        if usage is not None and not all(0 <= count <= MAX_TOKEN_COUNT for count in counts):  # type: ignore[operator]
            raise self._not_the_api(f"token counts out of range: {counts[0]} and {counts[1]}")
        return response

    def _too_large(self, error: AnswerTooLarge) -> ModelError:
        return ModelError(f"the model server at {self.base_url} sent an answer of {error}: not read further")

    def _not_the_api(self, shape: str) -> ModelError:
        return not_the_api(self.base_url, shape, "an API's URL often ends in /v1" if shape == "an HTML page" else "")

    def _wait_to_retry(self, attempt: int, what: str, headers: Any) -> None:
        delay = retry_delay(attempt, headers)
        log.warning(
            "the model server at %s %s; asking again in %.1f s (retry %d of %d)",
            self.base_url,
            what,
            delay,
            attempt + 1,
            self.max_retries,
        )
        time.sleep(delay)

    @contextmanager
    def _noticed_when_slow(self) -> Iterator[None]:
        """A warning when a call has waited ``WAIT_NOTICE_SECONDS``, so a slow or stalled server is not silence."""
        if self.timeout <= WAIT_NOTICE_SECONDS:
            yield
            return
        notice = threading.Timer(
            WAIT_NOTICE_SECONDS,
            log.warning,
            (
                "the model server at %s has not answered for %g s; waiting up to %g s (%s)",
                self.base_url,
                WAIT_NOTICE_SECONDS,
                self.timeout,
                TIMEOUT_ENV,
            ),
        )
        notice.daemon = True
        notice.start()
        try:
            yield
        finally:
            notice.cancel()

    def _learn_from_refusal(self, messages: list[dict[str, str]], refusal: ContextTooSmall) -> None:
        if refusal.limit:
            self.context_length = min(self.context_length, refusal.limit)
        if refusal.prompt_tokens:
            self.learn_prompt_size(messages, refusal.prompt_tokens)
        else:  # too long by an amount it does not state: count every prompt a fifth longer from now on
            self.chars_per_token = max(MIN_CHARS_PER_TOKEN, self.chars_per_token * 0.8)

    def _failure(self, error: Exception) -> ModelError:
        """The one-line error for a failed call (``llm/server_errors.py`` words all but a timeout)."""
        if isinstance(error, self._openai.APITimeoutError):
            return ModelError(
                f"the model server at {self.base_url} timed out: no answer in {self.timeout:g} s "
                f"({TIMEOUT_ENV} sets the wait)"
            )
        return failure(self, error)


def checked_base_url(url: str) -> str:
    """``url`` when it is an http(s) URL with a host; an InputError naming it when it is not."""
    try:
        parts = urlsplit(url)
        valid = parts.scheme in ("http", "https") and bool(parts.hostname)
    except ValueError:  # "http://[::1" and other unparseable hosts
        valid = False
    if not valid:
        raise InputError(
            f"the model server URL {url[:80]!r} is not an http(s) URL (--base-url or OPENAI_BASE_URL, for example "
            "http://127.0.0.1:8080/v1)"
        )
    return url


def context_length_setting() -> int:
    """The server's context window as ``NEWSDESK_CONTEXT_LENGTH`` gives it (the range ``--context-length`` takes),
    else 8,192."""
    value = os.environ.get(CONTEXT_ENV, "").strip()
    if not value:
        return DEFAULT_CONTEXT_LENGTH
    tokens = ascii_number(value)
    if tokens is None or not MIN_CONTEXT_LENGTH <= tokens <= MAX_CONTEXT_LENGTH:
        raise InputError(
            f"{CONTEXT_ENV} must be a whole number of tokens from {MIN_CONTEXT_LENGTH} to {MAX_CONTEXT_LENGTH:,}, "
            f"not {value[:40]!r}"
        )
    return tokens


def server_timeout() -> float:
    """Seconds one call waits for its answer: ``NEWSDESK_SERVER_TIMEOUT``, else 300."""
    value = os.environ.get(TIMEOUT_ENV)
    if not value:
        return DEFAULT_TIMEOUT
    try:
        seconds = float(value)
    except ValueError:
        seconds = 0.0
    if not 0 < seconds < math.inf:
        raise InputError(f"{TIMEOUT_ENV} must be a number of seconds above 0, not {value[:40]!r}")
    return seconds


DEFAULT_CHARS_PER_TOKEN = 4.0
MIN_CHARS_PER_TOKEN = 1.0
