"""What threading reads of a story: a date, a meaning vector and the named things it mentions.

* **Date**: the story's published date, else the day it was stored. News about one event is reported close in
  time, so two entries can only be linked when their dates are close (``links.WINDOW_DAYS``).
* **Vector**: the mean of the sentence vectors (``embed.py``, the shipped encoder) of the story's first
  ``MAX_SENTENCES`` sentences, with the headline given ``HEADLINE_WEIGHT``. A whole story says what it is about
  better than its headline: two reports of one event share their substance, not their headline's wording.
* **Sentences**: the vectors of those sentences one by one, kept for the link (``links.shared_statement``).
* **Names**: the people, organisations, places, products, laws and events spaCy's small English pipeline finds
  in the same sentences, with counts. A shared *rare* name is strong evidence of one event; a shared common one
  ("AI", "U.S.") is weak, so names are weighted by how few stories of the archive mention them (``links.py``).

Sentences a publisher repeats across its stories (a newsletter's welcome, a podcast box, a sign-up line) are
furniture, not content: they would make every issue of a newsletter look like one story. A sentence found word
for word in another story of the same source is left out before anything is read (``sentence_key`` is what is
compared, and kept per story).
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field

import numpy as np

from ..llm.embed import DIMENSION, VectorStore, encoder
from ..sentences import split_sentences
from ..text import published_moment

MAX_SENTENCES = 20  # enough to say what a story is about; a long feature must not cost seconds
HEADLINE_WEIGHT = 0.2
# spaCy entity labels that name a particular thing; dates, figures and ordinals do not say which event
NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"})
# WordPress shortcodes ("[time-brightcove not-tgx=...]") that some feeds leave in their text: markup, not words
SHORTCODE = re.compile(r"\[[a-z][\w-]*(?:\s[^\]]{0,200})?\]")
_POSSESSIVE = re.compile(r"[’']s$")


@dataclass
class StoryFeatures:
    story_id: int
    day: float  # days since the epoch (UTC), for the window
    vector: np.ndarray
    names: Counter[str] = field(default_factory=Counter)
    sentences: np.ndarray | None = None  # one unit vector a row, the content sentences'; None when not stored


def story_day(published: str | None, created: str | None) -> float:
    """The story's date in days since the epoch: published when it parses, else when it was stored, else 0."""
    for value in (published, created):
        moment = published_moment(value)
        if moment is not None:
            return moment.timestamp() / 86400
    return 0.0


def normalise_name(text: str) -> str:
    """One key for the ways a name is written: case, a leading "the", a possessive "'s" and spacing."""
    name = " ".join(text.split()).lower()
    name = _POSSESSIVE.sub("", name.removeprefix("the "))
    return name.strip(" .,;:\"“”‘’'")


def sentence_key(sentence: str) -> str:
    """What two copies of one sentence share: its words, lowercased, hashed short."""
    return hashlib.blake2b(" ".join(sentence.lower().split()).encode(), digest_size=8).hexdigest()


def first_sentences(passages: list[str], limit: int = 2 * MAX_SENTENCES) -> list[str]:
    """A story's first sentences, shortcodes removed (twice what is read: furniture is taken out of them)."""
    sentences: list[str] = []
    for passage in passages:
        sentences.extend(split_sentences(SHORTCODE.sub(" ", passage)))
        if len(sentences) >= limit:
            break
    return sentences[:limit]


def content_sentences(headline: str, sentences: list[str], furniture: set[str]) -> list[str]:
    """The first ``MAX_SENTENCES`` of ``sentences`` that are not the publisher's furniture (keys in ``furniture``)."""
    kept = [s for s in sentences if sentence_key(s) not in furniture]
    return kept[:MAX_SENTENCES] or [headline]


def compute_features(
    items: list[tuple[int, float, str, list[str]]], store: VectorStore | None = None
) -> list[StoryFeatures]:
    """Features of ``(story_id, day, headline, content sentences)`` items, in one encoder call and one spaCy pass."""
    if not items:
        return []
    from ..language import nlp

    texts = [headline for _, _, headline, _ in items] + [s for *_, sentences in items for s in sentences]
    vectors = encoder().encode(texts, store=store)
    out: list[StoryFeatures] = []
    offset = len(items)
    pipeline = nlp()
    docs = pipeline.pipe(
        (f"{headline}.\n" + " ".join(sentences) for _, _, headline, sentences in items),
        disable=[name for name in ("parser", "lemmatizer", "attribute_ruler", "tagger") if name in pipeline.pipe_names],
    )
    for number, ((story_id, day, _, sentences), doc) in enumerate(zip(items, docs, strict=True)):
        rows = vectors[offset : offset + len(sentences)]
        body = rows.mean(axis=0) if sentences else np.zeros(DIMENSION)
        offset += len(sentences)
        vector = HEADLINE_WEIGHT * vectors[number] + (1 - HEADLINE_WEIGHT) * body
        vector = (vector / max(float(np.linalg.norm(vector)), 1e-12)).astype(np.float32)
        names = Counter(key for ent in doc.ents if ent.label_ in NAME_LABELS and (key := normalise_name(ent.text)))
        out.append(StoryFeatures(story_id, day, vector, names, np.asarray(rows, dtype=np.float32)))
    return out
