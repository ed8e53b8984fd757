"""Retrieve: related background for a story from the archive's other stories.

``search`` finds and filters candidate passages (BM25, relatedness, recency); ``rerank`` blends in sentence
similarity with the shipped encoder. ``build_sources`` numbers the story and its background as the sources an
article cites, and ``evidence_of`` lists their passages for the checker.
"""

from __future__ import annotations

from .search import (
    DEFAULT_BACKGROUND_PASSAGES,
    MAX_PASSAGES_PER_STORY,
    Background,
    Reranker,
    background,
    build_sources,
    evidence_of,
    names,
    query_terms,
    recency_factor,
    related,
)

__all__ = [
    "DEFAULT_BACKGROUND_PASSAGES",
    "MAX_PASSAGES_PER_STORY",
    "Background",
    "Reranker",
    "background",
    "build_sources",
    "evidence_of",
    "names",
    "query_terms",
    "recency_factor",
    "related",
]
