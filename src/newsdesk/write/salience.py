"""Salience: which of the story's sentences say what matters, and a choice of them that says it once.

An editor picks the points of a story by four signs, and so does ``salience``:

- **centrality**: a sentence close in meaning to the story as a whole (cosine of its sentence embedding to the
  mean of the story's, with the encoder newsdesk ships, ``embed.py``) states its subject; an aside or an anecdote
  sits far from it;
- **position**: news is written top-down (the inverted pyramid), so the first sentences carry the event and the
  later ones detail, reaction and background; it is the leading sign, and the others order sentences of about
  the same place (a summary is led by the story's most central *early* facts);
- **specifics**: named actors, figures and dates are what a reader takes away; a sentence that names none is
  commentary or colour;
- **the headline**: the editor's own statement of the point; sharing its words is a sign too.

``select`` then picks by maximal marginal relevance (Carbonell and Goldstein, 1998): each next sentence is the one
whose salience, less its similarity to the sentences already chosen, is highest, so no two picks say the same thing.

Weights were set on the first half of the 75 CNN/DailyMail dev stories and checked on the second half
(``bench/articles.py --takeaways``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Protocol

import numpy as np

from ..language import parse
from ..llm.chance import chance_closest
from ..llm.embed import encoder
from ..text import YEAR

__all__ = ["Scored", "about_the_story", "salience", "says_what_the_story_says", "select", "tells_the_past"]

# Position leads: the other signs order sentences of about the same place in the story. With centrality leading
# (0.35/0.4/0.1/0.15, half at the fifth sentence) the takeaways scored ROUGE-1/2 40.0/17.6 on the 38 tune stories
# (lead-3 39.4/16.6) but 40.3/18.3 on the 37 held-out ones (lead-3 42.3/19.7): a central later sentence is
# often a reaction or background, which the highlights leave out. Led by position they score 40.3/16.8 and
# 41.9/19.6 (``bench/articles.py --dev-stories 38``, and ``--dev-stories 37 --skip 38`` for the held-out ones).
CENTRALITY_WEIGHT = 0.15
POSITION_WEIGHT = 0.7
SPECIFICS_WEIGHT = 0.05
HEADLINE_WEIGHT = 0.1
POSITION_HALF = 2.0  # the sentence index at which the position sign has fallen to a half (the third sentence)
MMR_LAMBDA = 0.7  # salience against novelty when choosing the next sentence
SAME_POINT = 0.8  # cosine above which two sentences make the same point, whatever their salience

# A capitalised word after the first word of a sentence is a name in English (a person, place, organisation,
# day or month); a digit is a figure or a date.
_NAME = re.compile(r"(?<=[\w,;] )[A-Z][\w’'-]+")
_FIGURE = re.compile(r"\d")


class Scored:
    """Salience scores of a list of sentences, with their embeddings for ``select``."""

    def __init__(self, scores: np.ndarray, vectors: np.ndarray):
        self.scores = scores
        self.vectors = vectors


def _specifics(sentence: str) -> float:
    names = len(set(_NAME.findall(sentence)))
    figures = len(_FIGURE.findall(sentence)) > 0
    return min(1.0, (names + 2 * figures) / 4)


def salience(sentences: Sequence[str], positions: Sequence[int], headline_overlap: Sequence[float]) -> Scored:
    """Each sentence's salience in [0, 1]: ``positions`` are indexes in the story (0: its first sentence),
    ``headline_overlap`` the share of the headline's content words each holds."""
    if not sentences:
        return Scored(np.zeros(0), np.zeros((0, 1)))
    vectors = encoder().encode(list(sentences))
    centroid = vectors.mean(axis=0)
    norm = float(np.linalg.norm(centroid)) or 1.0
    centrality = vectors @ (centroid / norm)
    low, high = float(centrality.min()), float(centrality.max())
    centrality = (centrality - low) / (high - low) if high > low else np.ones(len(sentences))
    position = np.array([POSITION_HALF / (POSITION_HALF + p) for p in positions])
    specifics = np.array([_specifics(s) for s in sentences])
    overlap = np.array(headline_overlap, dtype=float)
    scores = (
        CENTRALITY_WEIGHT * centrality
        + POSITION_WEIGHT * position
        + SPECIFICS_WEIGHT * specifics
        + HEADLINE_WEIGHT * overlap
    )
    return Scored(scores, vectors)


def about_the_story(story: Sequence[str], others: Sequence[str]) -> list[bool]:
    """Whether each of ``others`` (a related story's sentences) is about the story whose sentences are ``story``:
    its closest story sentence is closer in meaning than the closest of that many unrelated sentences is expected
    to be (``chance_closest``).

    Background earns its place by its subject. A related story can be about the event in part only: a newsletter
    or round-up bundles several items, a feature moves on to other people; its sentences on the other items share
    a word or a country with the story at most, and read no closer to any of its sentences than chance."""
    bar = chance_closest(len(story))
    return [bool(value >= bar) for value in _closest(story, others)]


def says_what_the_story_says(story: Sequence[str], others: Sequence[str]) -> list[bool]:
    """Whether each of ``others`` (a related story's sentences) makes a point that one of ``story``'s sentences
    makes: closer in meaning than ``SAME_POINT``, the bar at which two sentences say the same thing.

    Background is what the story does not tell: what came before, who the people are. Where an earlier report
    and the story tell the same thing, the story's telling is the present one, and the earlier one only makes
    its point a second time, in the tense of a day that has passed."""
    return [bool(value >= SAME_POINT) for value in _closest(story, others)]


def _closest(story: Sequence[str], others: Sequence[str]) -> np.ndarray:
    """For each of ``others``, the cosine of its closest sentence of ``story`` (1 for all where either is empty)."""
    if not story or not others:
        return np.ones(len(others))
    closest = (encoder().encode(list(others)) @ encoder().encode(list(story)).T).max(axis=1)
    return np.asarray(closest, dtype=float)


# Words that place what a sentence tells before the time of its telling.
_EARLIER = re.compile(
    r"\b(?:ago|previously|formerly|in the past|last (?:year|decade|century)|since (?:1[89]|20)\d\d|"
    r"for (?:years|decades))\b",
    re.I,
)


class Lazy:
    """A ``Mask`` that asks ``test`` of an index the first time it is read, and remembers the answer."""

    def __init__(self, test: Callable[[int], bool]):
        self._test = test
        self._known: dict[int, bool] = {}

    def __getitem__(self, index: int, /) -> bool:
        if index not in self._known:
            self._known[index] = self._test(index)
        return self._known[index]


def tells_the_past(sentence: str, year: int | None) -> bool:
    """Whether a story's sentence tells what came before its news, the background a story carries within it: a
    past perfect ("the council had approved the plan in 2023"), a time before the telling ("two years ago", "last
    year", "since 2019"), or years that are all before the story's own ``year``. News is told in the simple past
    and present; what led up to it, in these."""
    if _EARLIER.search(sentence):
        return True
    years = [int(y) for y in YEAR.findall(sentence)]
    if year is not None and years and max(years) < year:
        return True
    return any(t.lower_ == "had" and t.dep_ == "aux" and t.head.tag_ == "VBN" for t in parse(sentence))


class Mask(Protocol):
    """Which sentences may be chosen, by index: a list of booleans, or one that tells each when asked."""

    def __getitem__(self, index: int, /) -> bool: ...


def select(scored: Scored, count: int, allowed: Mask | None = None, taken: Sequence[int] = ()) -> list[int]:
    """Indexes of up to ``count`` sentences by maximal marginal relevance, best first; ``allowed`` masks
    sentences out, ``taken`` are sentences already said elsewhere that the choice should not repeat.

    ``allowed`` is asked only of a sentence that would be the best so far: the same choice as asking it of every
    sentence first, and a mask that parses a sentence to answer (the takeaways') is asked a few dozen times, not
    once per sentence of a story of thousands (minutes of silence on a 640 KB story, smoke test 44 #8)."""
    n = len(scored.scores)
    chosen: list[int] = []
    said = list(taken)
    while len(chosen) < count:
        best, best_value = -1, -np.inf
        for i in range(n):
            if i in chosen:
                continue
            similarity = max((float(scored.vectors[i] @ scored.vectors[j]) for j in said), default=0.0)
            if similarity >= SAME_POINT:
                continue
            value = MMR_LAMBDA * scored.scores[i] - (1 - MMR_LAMBDA) * similarity
            if value > best_value and (allowed is None or allowed[i]):
                best, best_value = i, value
        if best < 0:
            break
        chosen.append(best)
        said.append(best)
    return chosen
