"""A model that is another model, and counts what it is asked.

``CountingModel`` forwards every attribute and method of ``Model`` to the model it wraps, so that whoever holds the
wrapper sees what the model declares (``writes_analysis``, ``supports_probabilities``, its name and context) and
gets its every capability (``token_probabilities`` for the judge). A wrapper that forwarded only ``chat`` made
every job of the web app ask the embedded model for sections it cannot write, and a server judge fail quietly.
What a backend adds beyond ``Model`` (a server's URL) is forwarded too. After each call it reports the calls and
tokens so far (the worker's live count).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from .base import Completion, Model, ProbabilitiesUnavailable

__all__ = ["CountingModel", "Usage"]

Usage = dict[str, int]  # calls, prompt_tokens, completion_tokens, total_tokens


def _declared_attributes() -> tuple[str, ...]:
    """What ``Model`` declares as data (backend, name, context_length, capabilities): every one is forwarded."""
    return tuple(
        name
        for name, value in vars(Model).items()
        if not name.startswith("_") and not callable(value) and not isinstance(value, property)
    )


class _Forwarded:
    """A declared attribute read from, and written to, the wrapped model (a judge that learns the server ignores
    token probabilities turns them off for the model, not for one wrapper)."""

    def __init__(self, name: str):
        self.name = name

    def __get__(self, wrapper: Any, owner: type | None = None) -> Any:
        if wrapper is None:
            return getattr(Model, self.name)
        return getattr(wrapper.inner, self.name)

    def __set__(self, wrapper: Any, value: Any) -> None:
        setattr(wrapper.inner, self.name, value)


class CountingModel(Model):
    """``inner`` in every respect, counting calls and tokens; ``on_usage`` hears the totals after each call."""

    inner: Model  # declared only: it lives in the instance ``__dict__``, set before anything is forwarded

    def __init__(self, inner: Model, on_usage: Callable[[Usage], None] | None = None):
        self.__dict__["inner"] = inner  # before anything is forwarded to it
        self.on_usage = on_usage
        self.usage: Usage = {"calls": 0, "prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0}
        self._lock = threading.Lock()

    def __getattr__(self, name: str) -> Any:
        # only for what neither this class nor Model has: a backend's own attributes and methods
        if name == "inner":
            raise AttributeError(name)
        return getattr(self.inner, name)

    def chat(self, messages: list[dict[str, str]], **options: Any) -> Completion:
        return self._counted(self.inner.chat(messages, **options))

    def token_probabilities(self, messages: list[dict[str, str]], **options: Any) -> Completion:
        try:
            return self._counted(self.inner.token_probabilities(messages, **options))
        except ProbabilitiesUnavailable as error:  # answered without them: a call made all the same
            self._count(error.prompt_tokens, error.completion_tokens)
            raise

    def choice_probabilities(self, messages: list[dict[str, str]], choices: list[str]) -> dict[str, float]:
        try:
            probabilities = self.inner.choice_probabilities(messages, choices)
        except ProbabilitiesUnavailable as error:
            self._count(error.prompt_tokens, error.completion_tokens)
            raise
        self._count(0, 0)
        return probabilities

    def count_tokens(self, text: str) -> int:
        return self.inner.count_tokens(text)

    def describe(self) -> dict[str, Any]:
        return self.inner.describe()  # the same cache keys as the model itself

    def close(self) -> None:
        self.inner.close()

    def _counted(self, completion: Completion) -> Completion:
        self._count(completion.prompt_tokens, completion.completion_tokens)
        return completion

    def _count(self, prompt_tokens: int, completion_tokens: int) -> None:
        with self._lock:
            self.usage["calls"] += 1
            self.usage["prompt_tokens"] += prompt_tokens
            self.usage["completion_tokens"] += completion_tokens
            self.usage["total_tokens"] += prompt_tokens + completion_tokens
            usage = dict(self.usage)
        if self.on_usage is not None:
            self.on_usage(usage)


for _name in _declared_attributes():
    setattr(CountingModel, _name, _Forwarded(_name))
del _name
