"""What a model server's error answers mean, said in one line the user can act on.

A wrong URL is the commonest mistake with a server, and the client's own words for it mislead: llama.cpp's server
at ``http://HOST:PORT`` (no ``/v1``) answers a chat completion with 404, which the client calls a missing model,
and a web server that is no API answers 405 or 501, which reads as a server fault. So a 404 is told apart by
asking the server for its models (``GET /models``, which every OpenAI-compatible API serves): an API that answers
lacks the model, a URL that does not has no API. A prompt longer than the server's context is read into
``ContextTooSmall`` with the numbers the server states (``context_refusal``), so that the run can shrink its sources
and ask again.
"""

from __future__ import annotations

import re
from http import HTTPStatus
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from ..errors import ContextTooSmall, ModelError

if TYPE_CHECKING:
    from .server import ServerModel

__all__ = ["NOT_AN_API_STATUSES", "context_refusal", "failure", "not_the_api"]

#: Answers to a chat completion request that say the URL takes no such request (a static web server, a path
#: without the API under it), not that the server is busy or broken: no retry will change them.
NOT_AN_API_STATUSES = frozenset({404, 405, 501})
MODELS_NAMED = 5  # model names an error lists, of a server that serves many


def failure(model: ServerModel, error: Exception) -> ModelError:
    """The one-line error for a call to ``model``'s server that failed with ``error`` (an ``openai`` error other
    than a timeout, which the server model words itself)."""
    openai = model._openai
    url = model.base_url
    if isinstance(error, openai.APIConnectionError):
        return ModelError(f"cannot reach the model server at {url}: is it running?")
    if isinstance(error, openai.AuthenticationError):
        return ModelError(f"the model server at {url} refused the API key (OPENAI_API_KEY)")
    if isinstance(error, openai.APIStatusError):
        status = error.status_code
        if status == 404 and (names := served_models(model)) is not None:
            return ModelError(f"the server at {url} has no model named {model.name!r}{_serves(names)}")
        if status in NOT_AN_API_STATUSES:
            return not_the_api(url, f"it answered {_status(status)} to a chat completion request", url_hint(url))
        return ModelError(f"the model server at {url} answered {_status(status)}{_said(error.message, status)}")
    return ModelError(f"the model server at {url} failed: {_short(str(error))}")


def served_models(model: ServerModel) -> list[str] | None:
    """The model names the server lists at ``GET /models``; None when that is no model list (no API there)."""
    try:
        page = model._client.models.list()
        names = [str(item.id) for item in page.data]
    except Exception:  # any failure of the probe means the same: no API answers there
        return None
    return names


def not_the_api(url: str, shape: str, hint: str = "") -> ModelError:
    """The error for a URL that answered, but not as an OpenAI-compatible API does."""
    return ModelError(f"the model server at {url} did not answer like an OpenAI-compatible API ({shape}{_hint(hint)})")


def url_hint(url: str) -> str:
    """What to try instead of ``url``: its ``/v1`` form, where it lacks one (the path every such server uses)."""
    path = urlsplit(url).path.rstrip("/")
    if path.endswith("/v1"):
        return "is this the API's URL?"
    return f"did you mean {url.rstrip('/')}/v1?"


def _hint(hint: str) -> str:
    return f"; {hint}" if hint else ""


def _serves(names: list[str]) -> str:
    if not names:
        return ""
    shown = ", ".join(repr(name) for name in names[:MODELS_NAMED])
    more = f" and {len(names) - MODELS_NAMED} more" if len(names) > MODELS_NAMED else ""
    return f" (it serves {shown}{more})"


def _status(status: int) -> str:
    try:
        return f"{status} {HTTPStatus(status).phrase}"
    except ValueError:
        return str(status)


def _said(message: Any, status: int) -> str:
    """The server's own words, unless they are only the client's "Error code: 501" again."""
    text = _short(str(message or ""))
    return "" if not text or text == f"Error code: {status}" else f": {text}"


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
