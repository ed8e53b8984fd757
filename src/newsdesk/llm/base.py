"""What every language-model backend is: ``Model`` and the ``Completion`` it answers with."""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import Any

from ..errors import ModelError

#: The context windows newsdesk accepts, in tokens: in fewer than 512 no prompt of an article fits, and no model's
#: window is a million.
MIN_CONTEXT_LENGTH, MAX_CONTEXT_LENGTH = 512, 1_000_000

__all__ = ["Completion", "Model", "ProbabilitiesUnavailable"]


class ProbabilitiesUnavailable(ModelError):
    """The backend declared token probabilities but returned none (a server that ignores ``logprobs``).

    The call was made and answered: ``prompt_tokens`` and ``completion_tokens`` are what it cost, so the run's
    count of calls and tokens holds it."""

    def __init__(self, message: str, prompt_tokens: int = 0, completion_tokens: int = 0) -> None:
        super().__init__(message)
        self.prompt_tokens = prompt_tokens
        self.completion_tokens = completion_tokens


@dataclass
class Completion:
    text: str
    prompt_tokens: int = 0
    completion_tokens: int = 0
    seconds: float = 0.0
    decode_seconds: float | None = None  # time spent generating tokens, when the backend reports it
    cached_tokens: int = 0  # prompt tokens reused from the previous call (prefix cache)
    finish_reason: str | None = None
    from_cache: bool = False
    extra: dict[str, Any] = field(default_factory=dict)


class Model(ABC):
    """A chat model. Implementations must be safe to call repeatedly from one thread."""

    backend: str = "abstract"
    name: str = ""
    context_length: int = 4096
    #: whether choice_probabilities() reads real token probabilities (enables the LLM judge)
    supports_probabilities: bool = False
    #: whether the model can write analysis that weighs the sources (servers, large models). Where it cannot, the
    #: analysis, outlook and opinion sections are built from the story map and the model is asked for none of them.
    writes_analysis: bool = True

    @abstractmethod
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
        """Answer a list of ``{"role", "content"}`` messages."""

    def count_tokens(self, text: str) -> int:
        """Tokens in ``text``; backends without a tokenizer estimate four characters a token."""
        return max(1, len(text) // 4)

    def choice_probabilities(self, messages: list[dict[str, str]], choices: list[str]) -> dict[str, float]:
        """Probability of each one-token answer in ``choices`` as the next token (for LLM judges)."""
        raise ModelError(f"the {self.backend} backend cannot read token probabilities")

    def token_probabilities(self, messages: list[dict[str, str]], *, max_tokens: int = 16, top: int = 10) -> Completion:
        """Greedy answer whose ``extra["tokens"]`` lists ``[token, {alternative: logprob}]`` per generated token
        (for LLM judges that read several answers from one call)."""
        raise ModelError(f"the {self.backend} backend cannot read token probabilities")

    def describe(self) -> dict[str, Any]:
        return {"backend": self.backend, "name": self.name, "context_length": self.context_length}

    def close(self) -> None:  # noqa: B027 - optional hook
        pass
