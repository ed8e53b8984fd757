"""Semantic rerank of background passages with sentence embeddings (``llm/embed.py``), on by default.

``retrieve.background`` calls the reranker with the lexical candidates; it blends each passage's lexical score
with its cosine similarity to the story's headline and lead, and drops passages that are about something else
(BM25 matches words, not meaning: "Apple" the company and the fruit). The model (all-MiniLM-L6-v2, int8 ONNX) is a
regular dependency and never downloaded; passage vectors are kept in the archive when one is given.
"""

from __future__ import annotations

from ..llm.embed import VectorStore, encoder
from ..models import Passage, Story
from .search import Reranker

__all__ = ["MIN_SIMILARITY", "SEMANTIC_WEIGHT", "semantic_reranker"]

SEMANTIC_WEIGHT = 0.5  # share of the cosine similarity in a passage's new score
MIN_SIMILARITY = 0.25  # below this a passage shares words with the story but not its subject
LEAD_WORDS = 80  # the story is represented by its headline and the opening of its body


def semantic_reranker(store: VectorStore | None = None) -> Reranker:
    """The reranker; the model loads on its first use, once per process."""
    model = encoder()

    def rerank(story: Story, passages: list[Passage]) -> list[Passage]:
        if not passages:
            return passages
        query = f"{story.headline}\n{' '.join(story.body.split()[:LEAD_WORDS])}"
        vectors = model.encode([p.text for p in passages], store)
        similarities = vectors @ model.encode([query])[0]
        kept = []
        for passage, similarity in zip(passages, similarities.tolist(), strict=True):
            if similarity < MIN_SIMILARITY:
                continue
            passage.score = round((1 - SEMANTIC_WEIGHT) * passage.score + SEMANTIC_WEIGHT * similarity, 4)
            kept.append(passage)
        return sorted(kept, key=lambda p: p.score, reverse=True)

    return rerank
