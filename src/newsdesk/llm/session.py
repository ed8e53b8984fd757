"""One article's conversation with a model: caches identical calls, records every call, counts tokens, keeps the
run's call budget (in all and per purpose) and fits every prompt to the model's context.

The store is anything with ``cache_get``, ``cache_put`` and ``record_call`` (the archive); the session never
imports it, so backends stay free of storage concerns.

A prompt may be given as a function that builds the messages. Then a prompt that does not fit the model's context
(by the session's own estimate, or by the server's refusal, which also corrects the estimate) is not the end of
the run: the session asks ``refit`` to shrink the sources the prompts share, builds the prompt again and sends it.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from collections.abc import Callable
from typing import Any, Protocol

from ..errors import ContextTooSmall
from ..models import Stats
from .base import Completion, Model, ProbabilitiesUnavailable

Messages = list[dict[str, str]]
#: The messages, or a function that builds them from the sources as they are now (so they can be rebuilt smaller).
Prompt = Messages | Callable[[], Messages]

MAX_REFITS = 2  # shrink-and-ask-again rounds for one call
TOKENS_PER_MESSAGE = 8  # the chat template's markers around each message, roughly

_THINK = re.compile(r"<(think|thinking|reasoning)>.*?(</\1>|$)", re.DOTALL | re.IGNORECASE)


class CallStore(Protocol):
    def cache_get(self, key: str) -> dict[str, Any] | None: ...
    def cache_put(self, key: str, model: str, completion: dict[str, Any]) -> None: ...
    def record_call(
        self,
        run_id: int | None,
        purpose: str,
        model: str,
        prompt_tokens: int,
        completion_tokens: int,
        cached_tokens: int,
        seconds: float,
        from_cache: bool,
        cache_key: str | None,
    ) -> None: ...


class BudgetExceeded(Exception):
    """Raised when a run would exceed its LLM call budget; the caller decides what to do without the call."""


class Session:
    """``max_calls``: the run's budget of calls in all; ``limit(purpose, n)`` adds one for a kind of call.
    ``refit``: shrinks the sources the prompts are built from, True when it cut something. ``emit``: a progress
    hook, told ``("call", "start"|"done", purpose=..., number=..., budget=...)`` around every call."""

    def __init__(
        self,
        model: Model,
        store: CallStore | None = None,
        run_id: int | None = None,
        use_cache: bool = True,
        max_calls: int | None = None,
        *,
        refit: Callable[[], bool] | None = None,
        emit: Callable[..., None] | None = None,
        cache_scope: str = "",
    ):
        self.model = model
        self.store = store
        self.run_id = run_id
        self.use_cache = use_cache
        self.max_calls = max_calls
        self.refit = refit
        self.emit = emit or (lambda *args, **data: None)
        self.cache_scope = cache_scope  # answers cached under another scope are not this session's (RunPlan)
        self.limits: dict[str, int] = {}
        self.by_purpose: Counter[str] = Counter()
        self.stats = Stats()
        self.refusals: list[ContextTooSmall] = []  # calls given up because the prompt cannot fit the context
        self.retried: list[ContextTooSmall] = []  # refusals answered by sending the call again, shorter

    @property
    def calls_made(self) -> int:
        return self.stats.llm_calls + self.stats.cached_calls

    def calls_left(self) -> int | None:
        return None if self.max_calls is None else max(0, self.max_calls - self.calls_made)

    def limit(self, purpose: str, calls: int) -> None:
        """At most ``calls`` calls for ``purpose`` (the judge, revisions), within the budget in all."""
        self.limits[purpose] = calls

    def calls_left_for(self, purpose: str) -> int | None:
        left = [self.calls_left()]
        if purpose in self.limits:
            left.append(max(0, self.limits[purpose] - self.by_purpose[purpose]))
        known = [n for n in left if n is not None]
        return min(known) if known else None

    def chat(self, messages: Prompt, *, purpose: str, **options: Any) -> Completion:
        completion = self._complete(self.model.chat, messages, purpose, options)
        completion.text = strip_reasoning(completion.text)
        return completion

    def token_probabilities(self, messages: Prompt, *, purpose: str, **options: Any) -> Completion:
        """``Model.token_probabilities`` through the same budget, cache and call record as ``chat``."""
        return self._complete(self.model.token_probabilities, messages, purpose, {**options, "probabilities": True})

    def room(self, messages: Messages) -> int:
        """Tokens left for the answer after ``messages`` in the model's context, by the model's own count."""
        used = sum(self.model.count_tokens(m.get("content", "")) + TOKENS_PER_MESSAGE for m in messages)
        return self.model.context_length - used

    def _complete(
        self, call: Callable[..., Completion], prompt: Prompt, purpose: str, options: dict[str, Any]
    ) -> Completion:
        if self.calls_left_for(purpose) == 0:
            spent = (
                f"the run's budget of {self.limits[purpose]} {purpose} calls is spent"
                if self.limits.get(purpose) is not None and self.by_purpose[purpose] >= self.limits[purpose]
                else f"the run's budget of {self.max_calls} LLM calls is spent"
            )
            raise BudgetExceeded(spent)
        self.emit("call", "start", purpose=purpose, number=self.calls_made + 1, budget=self.max_calls)
        for attempt in range(MAX_REFITS + 1):
            messages = prompt() if callable(prompt) else prompt
            try:
                completion = self._send(call, messages, purpose, self._fitted(messages, options))
                break
            except ContextTooSmall as refusal:
                if refusal.limit and refusal.limit < self.model.context_length:
                    self.model.context_length = refusal.limit  # the server said so: every later prompt fits it
                if attempt == MAX_REFITS or not callable(prompt):
                    self.refusals.append(refusal)
                    raise
                cut = self.refit() if self.refit is not None else False
                if not cut and prompt() == messages:
                    self.refusals.append(refusal)
                    raise  # nothing would be different: the caller decides what to do without the call
                self.retried.append(refusal)
                self.emit(
                    "warning",
                    "info",
                    message=f"{refusal}: the {purpose} call is sent again, "
                    f"{'with shorter sources' if cut else 'shorter'}",
                )
        self.emit(
            "call", "done", purpose=purpose, number=self.calls_made, budget=self.max_calls, cached=completion.from_cache
        )
        return completion

    def _spent(self, purpose: str, prompt_tokens: int, completion_tokens: int) -> None:
        """One call sent and answered, counted against the run's budget and in its totals."""
        self.stats.llm_calls += 1
        self.by_purpose[purpose] += 1
        self.stats.prompt_tokens += prompt_tokens
        self.stats.completion_tokens += completion_tokens

    def _fitted(self, messages: Messages, options: dict[str, Any]) -> dict[str, Any]:
        """``options`` with the answer's ``max_tokens`` cut to the room the context leaves; a prompt that leaves
        less than half the answer it asks for is refused here, before it costs a request."""
        wanted = options.get("max_tokens")
        if wanted is None:
            return options
        room = self.room(messages)
        if room >= wanted:
            return options
        if room >= max(16, wanted // 2):
            return {**options, "max_tokens": room}
        raise ContextTooSmall(
            f"the prompt leaves {max(0, room)} of the model's {self.model.context_length:,} "
            f"tokens for an answer of {wanted}",
            self.model.context_length,
        )

    def _send(
        self, call: Callable[..., Completion], messages: Messages, purpose: str, options: dict[str, Any]
    ) -> Completion:
        key = self._key(messages, options)  # the "probabilities" marker keeps the two kinds of call apart
        options = {k: v for k, v in options.items() if k != "probabilities"}
        if self.use_cache and self.store is not None:
            hit = self.store.cache_get(key)
            if hit is not None:
                completion = Completion(**{**hit, "from_cache": True, "seconds": 0.0, "cached_tokens": 0})
                self.stats.cached_calls += 1
                self.by_purpose[purpose] += 1
                self._record(purpose, completion, key)
                return completion
        try:
            completion = call(messages, **options)
        except ProbabilitiesUnavailable as error:  # answered without them: a call made, and spent, all the same
            self._spent(purpose, error.prompt_tokens, error.completion_tokens)
            raise
        self._spent(purpose, completion.prompt_tokens, completion.completion_tokens)
        self.stats.prefix_cached_tokens += completion.cached_tokens
        self.stats.llm_seconds += completion.seconds
        self.stats.decode_seconds += completion.decode_seconds or 0.0
        if self.store is not None:
            cached = {
                "text": strip_reasoning(completion.text),
                "prompt_tokens": completion.prompt_tokens,
                "completion_tokens": completion.completion_tokens,
                "finish_reason": completion.finish_reason,
            }
            if completion.extra.get("tokens"):
                cached["extra"] = {"tokens": completion.extra["tokens"]}
            self.store.cache_put(key, self.model.name, cached)
        self._record(purpose, completion, key)
        return completion

    def _record(self, purpose: str, completion: Completion, key: str) -> None:
        if self.store is not None:
            self.store.record_call(
                self.run_id,
                purpose,
                self.model.name,
                completion.prompt_tokens,
                completion.completion_tokens,
                completion.cached_tokens,
                completion.seconds,
                completion.from_cache,
                key,
            )

    def _key(self, messages: list[dict[str, str]], options: dict[str, Any]) -> str:
        scope = {"scope": self.cache_scope} if self.cache_scope else {}  # a plain run's keys are as they were
        payload = json.dumps(
            {"model": self.model.describe(), "messages": messages, "options": options, **scope},
            sort_keys=True,
            ensure_ascii=False,
        )
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def strip_reasoning(text: str) -> str:
    """Remove <think>…</think> blocks (and an unclosed one) that reasoning models emit before the answer."""
    text = _THINK.sub("", text)
    if "</think>" in text:  # a model that starts mid-thought: keep what follows the close tag
        text = text.split("</think>")[-1]
    return text.strip()
