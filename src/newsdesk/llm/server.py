"""Any OpenAI-compatible server through the official ``openai`` client.

Works with OpenAI, vLLM, Ollama (``http://127.0.0.1:11434/v1``) and llama.cpp's server. The client itself reads
``OPENAI_BASE_URL`` and ``OPENAI_API_KEY``; local servers ignore the key, so a placeholder is sent when none is set.
"""

from __future__ import annotations

import math
import os
import time
from typing import Any

from ..errors import ModelError
from . import Completion, Model, ProbabilitiesUnavailable
from .ratelimit import SERVER_RATE, max_retries


class ServerModel(Model):
    backend = "openai"
    supports_probabilities = True

    def __init__(self, name: str, base_url: str | None = None, api_key: str | None = None,
                 context_length: int | None = None, timeout: float = 300.0):
        try:
            import openai
        except ImportError as error:  # pragma: no cover - a declared dependency
            raise ModelError("the openai package is required for server models") from error
        self._openai = openai
        self.name = name
        self.base_url = base_url or os.environ.get("OPENAI_BASE_URL") or "https://api.openai.com/v1"
        key = api_key or os.environ.get("OPENAI_API_KEY") or "not-needed-for-local-servers"
        self.context_length = context_length or int(os.environ.get("NEWSDESK_CONTEXT_LENGTH", "8192"))
        # The client retries 408/409/429/5xx itself, with exponential backoff and the server's Retry-After.
        self._client = openai.OpenAI(base_url=self.base_url, api_key=key, timeout=timeout, max_retries=max_retries())

    @classmethod
    def from_spec(cls, spec: str, base_url: str | None = None, api_key: str | None = None,
                  context_length: int | None = None, **_: Any) -> ServerModel:
        if not spec:
            raise ModelError("name the server's model: --model openai:MODEL_NAME")
        return cls(spec, base_url=base_url, api_key=api_key, context_length=context_length)

    def describe(self) -> dict[str, Any]:
        return {**super().describe(), "base_url": self.base_url}

    def chat(self, messages, *, max_tokens=400, temperature=0.3, stop=None, repeat_penalty=1.15, seed=7):
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

    def token_probabilities(self, messages, *, max_tokens=16, top=10):
        """Greedy tokens with their top alternatives' log-probabilities, in ``Completion.extra["tokens"]``."""
        started = time.perf_counter()
        response = self._call(messages=messages, max_tokens=max_tokens, temperature=0.0, logprobs=True,
                              top_logprobs=top)
        choice = response.choices[0]
        content = choice.logprobs and choice.logprobs.content
        if not content:
            raise ProbabilitiesUnavailable(f"the server at {self.base_url} returned no token probabilities")
        usage = response.usage
        details = getattr(usage, "prompt_tokens_details", None) if usage else None
        tokens = [[item.token, {alt.token: alt.logprob for alt in (item.top_logprobs or [])} or
                   {item.token: item.logprob}] for item in content]
        return Completion(
            text=choice.message.content or "",
            prompt_tokens=usage.prompt_tokens if usage else 0,
            completion_tokens=usage.completion_tokens if usage else 0,
            seconds=time.perf_counter() - started,
            cached_tokens=(getattr(details, "cached_tokens", 0) or 0) if details else 0,
            finish_reason=choice.finish_reason,
            extra={"tokens": tokens},
        )

    def choice_probabilities(self, messages, choices):
        response = self._call(messages=messages, max_tokens=1, temperature=0.0, logprobs=True, top_logprobs=10)
        content = response.choices[0].logprobs and response.choices[0].logprobs.content
        if not content:
            raise ProbabilitiesUnavailable(f"the server at {self.base_url} returned no token probabilities")
        top = {item.token.strip().lower(): item.logprob for item in content[0].top_logprobs}
        raw = {c: math.exp(top.get(c.lower(), -30.0)) for c in choices}
        total = sum(raw.values()) or 1.0
        return {c: v / total for c, v in raw.items()}

    def _call(self, **kwargs):
        openai = self._openai
        SERVER_RATE.wait()  # one rate for all of this process's concurrent jobs
        try:
            return self._client.chat.completions.create(model=self.name, **kwargs)
        except openai.APIConnectionError as error:
            raise ModelError(f"cannot reach the model server at {self.base_url}: is it running?") from error
        except openai.APITimeoutError as error:
            raise ModelError(f"the model server at {self.base_url} timed out") from error
        except openai.AuthenticationError as error:
            raise ModelError(f"the model server at {self.base_url} refused the API key (OPENAI_API_KEY)") from error
        except openai.NotFoundError as error:
            raise ModelError(f"the server at {self.base_url} has no model named {self.name!r}") from error
        except openai.APIStatusError as error:
            raise ModelError(f"the model server answered {error.status_code}: {_short(error.message)}") from error


def _short(text: str, limit: int = 200) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
