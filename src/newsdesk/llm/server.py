"""Any OpenAI-compatible server through the official ``openai`` client.

Works with OpenAI, vLLM, Ollama (``http://127.0.0.1:11434/v1``) and llama.cpp's server. The client itself reads
``OPENAI_BASE_URL`` and ``OPENAI_API_KEY``; local servers ignore the key, so a placeholder is sent when none is set.

A server's tokenizer is not ours to run, so prompt sizes are estimated from characters, and the estimate is
corrected by every count the server reports: the prompt tokens of each answer, and the limit and prompt length
that a "context too small" refusal states. Such a refusal is raised as ``ContextTooSmall`` carrying those numbers,
so that the run can shrink its sources and ask again (``llm/session.py``).
"""

from __future__ import annotations

import json
import math
import os
import re
import time
from typing import TYPE_CHECKING, Any, cast

from ..errors import ContextTooSmall, ModelError
from .base import Completion, Model, ProbabilitiesUnavailable
from .ratelimit import SERVER_RATE, max_retries

if TYPE_CHECKING:
    from openai.types.chat import ChatCompletion


class ServerModel(Model):
    backend = "openai"
    supports_probabilities = True

    def __init__(
        self,
        name: str,
        base_url: str | None = None,
        api_key: str | None = None,
        context_length: int | None = None,
        timeout: float = 300.0,
    ):
        try:
            import openai
        except ImportError as error:  # pragma: no cover - a declared dependency
            raise ModelError("the openai package is required for server models") from error
        self._openai = openai
        self.name = name
        self.base_url = base_url or os.environ.get("OPENAI_BASE_URL") or "https://api.openai.com/v1"
        key = api_key or os.environ.get("OPENAI_API_KEY") or "not-needed-for-local-servers"
        self.context_length = context_length or int(os.environ.get("NEWSDESK_CONTEXT_LENGTH", "8192"))
        # Characters per prompt token: four for English text until the server's own counts say otherwise.
        self.chars_per_token = DEFAULT_CHARS_PER_TOKEN
        # The client retries 408/409/429/5xx itself, with exponential backoff and the server's Retry-After.
        self._client = openai.OpenAI(base_url=self.base_url, api_key=key, timeout=timeout, max_retries=max_retries())

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
        choice = response.choices[0]
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
            raise ProbabilitiesUnavailable(f"the server at {self.base_url} returned no token probabilities")
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
            raise ProbabilitiesUnavailable(f"the server at {self.base_url} returned no token probabilities")
        top = {item.token.strip().lower(): item.logprob for item in content[0].top_logprobs}
        raw = {c: math.exp(top.get(c.lower(), -30.0)) for c in choices}
        total = sum(raw.values()) or 1.0
        return {c: v / total for c, v in raw.items()}

    def _call(self, **kwargs: Any) -> ChatCompletion:
        openai = self._openai
        SERVER_RATE.wait()  # one rate for all of this process's concurrent jobs
        try:
            # never streamed, so one ChatCompletion; through **kwargs the client's overloads cannot tell, and give Any
            response = cast("ChatCompletion", self._client.chat.completions.create(model=self.name, **kwargs))
        except openai.APIStatusError as error:
            refusal = context_refusal(error.status_code, f"{error.message} {json.dumps(error.body, default=str)}")
            if refusal is None:
                raise self._failure(error) from error
            self._learn_from_refusal(kwargs["messages"], refusal)
            raise refusal from error
        except openai.APIError as error:
            raise self._failure(error) from error
        usage = getattr(response, "usage", None)
        self.learn_prompt_size(kwargs["messages"], getattr(usage, "prompt_tokens", None))
        return response

    def _learn_from_refusal(self, messages: list[dict[str, str]], refusal: ContextTooSmall) -> None:
        if refusal.limit:
            self.context_length = min(self.context_length, refusal.limit)
        if refusal.prompt_tokens:
            self.learn_prompt_size(messages, refusal.prompt_tokens)
        else:  # too long by an amount it does not state: count every prompt a fifth longer from now on
            self.chars_per_token = max(MIN_CHARS_PER_TOKEN, self.chars_per_token * 0.8)

    def _failure(self, error: Exception) -> ModelError:
        """The one-line error for a failed call."""
        openai = self._openai
        if isinstance(error, openai.APITimeoutError):  # a kind of APIConnectionError: asked first
            return ModelError(f"the model server at {self.base_url} timed out")
        if isinstance(error, openai.APIConnectionError):
            return ModelError(f"cannot reach the model server at {self.base_url}: is it running?")
        if isinstance(error, openai.AuthenticationError):
            return ModelError(f"the model server at {self.base_url} refused the API key (OPENAI_API_KEY)")
        if isinstance(error, openai.NotFoundError):
            return ModelError(f"the server at {self.base_url} has no model named {self.name!r}")
        if isinstance(error, openai.APIStatusError):
            return ModelError(f"the model server answered {error.status_code}: {_short(error.message)}")
        return ModelError(f"the model server at {self.base_url} failed: {_short(str(error))}")


DEFAULT_CHARS_PER_TOKEN = 4.0
MIN_CHARS_PER_TOKEN = 1.0

# How servers say that a prompt is longer than their context, and the numbers they give with it:
#   OpenAI, vLLM, llama-cpp-python: "This model's maximum context length is 2048 tokens. However, you requested
#     2966 tokens (2566 in the messages, 400 in the completion)."
#   llama.cpp's llama-server: "request (4476 tokens) exceeds the available context size (4096 tokens)", with
#     "n_prompt_tokens" and "n_ctx" in the JSON body; older builds "the request exceeds the available context size".
_CONTEXT_REFUSAL = re.compile(
    r"context[ _](?:length|size|window)|exceed_context_size|prompt is too long|"
    r"too many tokens",
    re.IGNORECASE,
)
_LIMIT = (
    re.compile(r"maximum context length is (\d+)", re.IGNORECASE),
    re.compile(r"context (?:size|window|length) \((\d+) tokens\)", re.IGNORECASE),
    re.compile(r"exceed context window of (\d+)", re.IGNORECASE),
    re.compile(r"\"n_ctx\":\s*(\d+)"),
)
_PROMPT = (
    re.compile(r"\((\d+) in the messages", re.IGNORECASE),
    re.compile(r"request \((\d+) tokens\)", re.IGNORECASE),
    re.compile(r"requested tokens \((\d+)\)", re.IGNORECASE),
    re.compile(r"\"n_prompt_tokens\":\s*(\d+)"),
)


def context_refusal(status: int, text: str) -> ContextTooSmall | None:
    """The refusal in a server's error answer when it says the prompt does not fit its context, else None."""
    if status not in (400, 413, 422) or not _CONTEXT_REFUSAL.search(text):
        return None
    limit = next((int(m.group(1)) for pattern in _LIMIT if (m := pattern.search(text))), None)
    prompt = next((int(m.group(1)) for pattern in _PROMPT if (m := pattern.search(text))), None)
    stated = f"{limit:,} tokens" if limit else "a size it does not state"
    return ContextTooSmall(f"the prompt is longer than the model server's context ({stated})", limit, prompt)


def _short(text: str, limit: int = 200) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
