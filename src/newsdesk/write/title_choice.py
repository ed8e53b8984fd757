"""Which title the article takes: the model's own where it is a grammatical question about this story's main
actor (``title.acceptable_title``), else the question built from the headline's clause (``title.question_title``).
Both drafting paths, the model's and the sources', choose their title here."""

from __future__ import annotations

import re

from ..storymap import StoryMap
from ..text import STOPWORDS
from .title import acceptable_title, question_title

__all__ = ["choose_title", "fallback_title"]


def choose_title(candidate: str | None, headline: str, body: str, story_map: StoryMap) -> str:
    """The model's title if it is a grammatical question about this story's main actor, else one built from the
    headline's clause (``question_title``)."""
    if candidate:
        candidate = re.sub(r"^\s*(title|question)\s*:\s*", "", candidate.strip(), flags=re.I).strip("\"'“” ")
        candidate = candidate if candidate.endswith("?") else candidate.rstrip(".") + "?"
        key = _key_words(headline)
        shared = len(key & _key_words(candidate)) / (len(key) or 1)
        if 12 <= len(candidate) <= 160 and shared >= 0.4 and acceptable_title(candidate, headline, body, story_map):
            return candidate
    return question_title(headline, body, story_map)


def fallback_title(headline: str, body: str = "", story_map: StoryMap | None = None) -> str:
    """A question title built from the headline alone (a title that failed its check is replaced by this)."""
    return question_title(headline, body, story_map or StoryMap())


def _key_words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]{3,}", text.lower().replace("'s", "")) if w not in STOPWORDS}
