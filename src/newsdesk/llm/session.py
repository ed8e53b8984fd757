"""One article's conversation with a model: caches identical calls, records every call, counts tokens.

The store is anything with ``cache_get``, ``cache_put`` and ``record_call`` (the archive); the session never
imports it, so backends stay free of storage concerns.
"""

from __future__ import annotations

import hashlib
import json
import re
from typing import Any, Protocol

from ..models import Stats
from . import Completion, Model

_THINK = re.compile(r"<(think|thinking|reasoning)>.*?(</\1>|$)", re.DOTALL | re.IGNORECASE)


class CallStore(Protocol):
    def cache_get(self, key: str) -> dict[str, Any] | None: ...
    def cache_put(self, key: str, model: str, completion: dict[str, Any]) -> None: ...
    def record_call(self, run_id: int | None, purpose: str, model: str, prompt_tokens: int, completion_tokens: int,
                    cached_tokens: int, seconds: float, from_cache: bool, cache_key: str | None) -> None: ...


class BudgetExceeded(Exception):
    """Raised when a run would exceed its LLM call budget; the caller decides what to do without the call."""


class Session:
    def __init__(self, model: Model, store: CallStore | None = None, run_id: int | None = None,
                 use_cache: bool = True, max_calls: int | None = None):
        self.model = model
        self.store = store
        self.run_id = run_id
        self.use_cache = use_cache
        self.max_calls = max_calls
        self.stats = Stats()

    @property
    def calls_made(self) -> int:
        return self.stats.llm_calls + self.stats.cached_calls

    def calls_left(self) -> int | None:
        return None if self.max_calls is None else max(0, self.max_calls - self.calls_made)

    def chat(self, messages: list[dict[str, str]], *, purpose: str, **options: Any) -> Completion:
        completion = self._complete(self.model.chat, messages, purpose, options)
        completion.text = strip_reasoning(completion.text)
        return completion

    def token_probabilities(self, messages: list[dict[str, str]], *, purpose: str, **options: Any) -> Completion:
        """``Model.token_probabilities`` through the same budget, cache and call record as ``chat``."""
        return self._complete(self.model.token_probabilities, messages, purpose,
                              {**options, "probabilities": True})

    def _complete(self, call, messages: list[dict[str, str]], purpose: str, options: dict[str, Any]) -> Completion:
        if self.max_calls is not None and self.calls_made >= self.max_calls:
            raise BudgetExceeded(f"the run's budget of {self.max_calls} LLM calls is spent")
        key = self._key(messages, options)  # the "probabilities" marker keeps the two kinds of call apart
        options = {k: v for k, v in options.items() if k != "probabilities"}
        if self.use_cache and self.store is not None:
            hit = self.store.cache_get(key)
            if hit is not None:
                completion = Completion(**{**hit, "from_cache": True, "seconds": 0.0, "cached_tokens": 0})
                self.stats.cached_calls += 1
                self._record(purpose, completion, key)
                return completion
        completion = call(messages, **options)
        self.stats.llm_calls += 1
        self.stats.prompt_tokens += completion.prompt_tokens
        self.stats.completion_tokens += completion.completion_tokens
        self.stats.prefix_cached_tokens += completion.cached_tokens
        self.stats.llm_seconds += completion.seconds
        self.stats.decode_seconds += completion.decode_seconds or 0.0
        if self.store is not None:
            cached = {"text": strip_reasoning(completion.text), "prompt_tokens": completion.prompt_tokens,
                      "completion_tokens": completion.completion_tokens, "finish_reason": completion.finish_reason}
            if completion.extra.get("tokens"):
                cached["extra"] = {"tokens": completion.extra["tokens"]}
            self.store.cache_put(key, self.model.name, cached)
        self._record(purpose, completion, key)
        return completion

    def _record(self, purpose: str, completion: Completion, key: str) -> None:
        if self.store is not None:
            self.store.record_call(self.run_id, purpose, self.model.name, completion.prompt_tokens,
                                   completion.completion_tokens, completion.cached_tokens, completion.seconds,
                                   completion.from_cache, key)

    def _key(self, messages: list[dict[str, str]], options: dict[str, Any]) -> str:
        payload = json.dumps({"model": self.model.describe(), "messages": messages, "options": options},
                             sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def strip_reasoning(text: str) -> str:
    """Remove <think>…</think> blocks (and an unclosed one) that reasoning models emit before the answer."""
    text = _THINK.sub("", text)
    if "</think>" in text:  # a model that starts mid-thought: keep what follows the close tag
        text = text.split("</think>")[-1]
    return text.strip()
