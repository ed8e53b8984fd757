"""Which two stories are linked (one event) or related (about the same things): the pair scores threads are
grouped by (``cluster.py``).

Two stories are **linked** when they are close in time and say the same thing about the same named things:

    score = cosine(vectors) + NAME_WEIGHT * cosine(name profiles)   >=  LINK_THRESHOLD,  dates <= WINDOW_DAYS apart

A name profile weights each name by ``(1 + log count) * idf``: a name a story repeats is what it is about, and a
name few stories of the archive mention is better evidence of one event than one many mention. A link also needs a
**shared statement** (``shared_statement``): two reports of one event state the same facts, so some sentences of one
nearly restate sentences of the other, while two stories on one subject (two features on a country's economy, two
overviews of a government's foreign policy) are close in topic and names throughout yet state different facts. A
restated sentence is an outlier among the pair's sentence similarities: it stands above what the best of that many
sentence pairs reaches by chance (``statement_bar``). A pair without one scores at most just under
``LINK_THRESHOLD``: related, not one event. Two stories are **related** at a score of ``RELATED_THRESHOLD``: about
the same things, short of one event.

The thresholds were set on the hand-labelled TIME Tech feed's tune half and the world feeds (``bench/threads.py``,
``bench/data``; the designs tried and their held-out figures are in ``docs/threads.md``).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable

import numpy as np

from ..llm.chance import expected_best
from .features import StoryFeatures

WINDOW_DAYS = 21.0
LINK_THRESHOLD = 0.85
NAME_WEIGHT = 1.5
# A small archive cannot tell a common name from a rare one: a name in 3 of 3 stories may just be this event's.
# Weights are computed as if the archive held at least this many stories, none of the others naming it.
MIN_ARCHIVE = 50
RELATED_THRESHOLD = 0.7  # a pair score that says "about the same things", short of one event
# A shared statement: the mean cosine of the STATEMENT_PAIRS closest sentence pairs of two stories (several, so that
# one stock phrase is not enough) reaches STATEMENT_THRESHOLD + STATEMENT_GROWTH * (what the best of n reach by chance)
STATEMENT_PAIRS = 3
STATEMENT_THRESHOLD = 0.44
STATEMENT_GROWTH = 0.05


def name_weights(profiles: Iterable[Counter[str]]) -> dict[str, float]:
    """Inverse document frequency of each name over ``profiles`` (smoothed, always positive)."""
    counts: Counter[str] = Counter()
    total = 0
    for names in profiles:
        counts.update(names.keys())
        total += 1
    total = max(total, MIN_ARCHIVE)
    return {name: math.log((total + 1) / (count + 0.5)) for name, count in counts.items()}


def _profile(names: Counter[str], idf: dict[str, float]) -> dict[str, float]:
    weights = {name: (1 + math.log(count)) * idf.get(name, 0.0) for name, count in names.items()}
    norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
    return {name: w / norm for name, w in weights.items()}


def statement_bar(pairs: int) -> float:
    """The mean cosine the ``STATEMENT_PAIRS`` closest of ``pairs`` sentence pairs must reach to be a shared statement.

    The best of n cosines drawn by chance rise with n (``expected_best``: the expected top order statistics of n
    draws), so the more sentence pairs two stories offer, the closer their best pairs come by chance alone: two
    full-text features on one subject (20 sentences each, 400 pairs) always hold a few pairs that read alike, two
    one-sentence summaries (one pair) only when they say the same thing. The bar is ``STATEMENT_THRESHOLD`` plus
    ``STATEMENT_GROWTH`` times that expectation: 0.44 for up to three pairs, 0.49 for nine (two three-sentence
    reports), 0.57 for 400. The growth is smaller than the spread of sentence cosines between stories (about 0.1):
    the pairs of two stories are not independent draws, each sentence enters as many pairs as the other story has
    sentences. Both numbers were set on the tuning sets, keeping short same-event reports linked
    (``docs/threads.md``).
    """
    return STATEMENT_THRESHOLD + STATEMENT_GROWTH * expected_best(pairs, STATEMENT_PAIRS)


def shared_statement(a: StoryFeatures, b: StoryFeatures) -> bool:
    """Whether some sentences of ``a`` and ``b`` say nearly the same thing: the mean cosine of their
    ``STATEMENT_PAIRS`` closest sentence pairs (all of them, when there are fewer) stands above what that many pairs
    reach by chance (``statement_bar``). True when either story's sentence vectors were not stored."""
    if a.sentences is None or b.sentences is None or not len(a.sentences) or not len(b.sentences):
        return True
    similarities = (a.sentences @ b.sentences.T).ravel()
    closest = np.sort(similarities)[::-1][:STATEMENT_PAIRS]
    return float(closest.mean()) >= statement_bar(similarities.size)


def _window_starts(days: np.ndarray) -> np.ndarray:
    """For ``days`` sorted, the first position each story is compared with: the earliest within ``WINDOW_DAYS``
    (the pair of positions ``s <= p`` is compared when ``days[s] >= days[p] - WINDOW_DAYS``)."""
    return np.searchsorted(days, days - WINDOW_DAYS, side="left")


class Scorer:
    """The pair scores of ``features``, a story against the stories before it in date order within the window,
    computed a story at a time over all of its window at once (numpy), as ``pair_scores`` defines them."""

    def __init__(self, features: list[StoryFeatures]) -> None:
        idf = name_weights(f.names for f in features)
        days = np.array([f.day for f in features])
        self.order = np.argsort(days, kind="stable")
        ordered = [features[i] for i in self.order]
        # in double precision: a score is rounded to four places and compared with the thresholds, and float32
        # products summed in another order (BLAS kernels differ by library version) could round the other way
        self.vectors = np.stack([f.vector for f in ordered]).astype(np.float64)
        self.starts = _window_starts(days[self.order])
        self.profiles = [_profile(f.names, idf) for f in ordered]
        self.named = np.array([bool(p) for p in self.profiles])
        postings: dict[str, tuple[list[int], list[float]]] = {}
        for position, profile in enumerate(self.profiles):
            for name, weight in profile.items():
                found = postings.setdefault(name, ([], []))
                found[0].append(position)
                found[1].append(weight)
        self.postings = {
            name: (np.array(at), np.array(weights)) for name, (at, weights) in postings.items() if len(at) > 1
        }
        counts = [0 if f.sentences is None else len(f.sentences) for f in ordered]
        self.sentence_count = np.array(counts)
        self.sentence_start = np.concatenate([[0], np.cumsum(self.sentence_count)[:-1]]).astype(np.int64)
        stored = [f.sentences for f in ordered if f.sentences is not None and len(f.sentences)]
        self.sentences = np.concatenate(stored).astype(np.float32) if stored else np.zeros((0, 1), np.float32)
        self.bars: dict[int, float] = {}

    def scores(self, position: int) -> tuple[int, np.ndarray]:
        """``(start, scores)``: the scores of the story at ``position`` (date order) with those at
        ``start .. position - 1``."""
        start = int(self.starts[position])
        cosines = self.vectors[start:position] @ self.vectors[position]
        names = np.zeros(position - start)
        shared = np.zeros(position - start, dtype=np.int64)
        for name, weight in self.profiles[position].items():
            if (found := self.postings.get(name)) is None:
                continue
            at, weights = found
            low, high = np.searchsorted(at, [start, position], side="left")
            if low < high:
                near = at[low:high] - start
                names[near] += weight * weights[low:high]
                shared[near] += 1
        score = cosines.astype(np.float64) + NAME_WEIGHT * names
        linked = np.flatnonzero(score >= LINK_THRESHOLD)
        if linked.size:
            # two reports that both name who and where, and name none of it alike, report two events, however
            # alike their wording: one event has its particulars, and a templated report (a flood in each of two
            # towns, each company's quarter) changes exactly those; nor is a pair with no shared statement one event
            apart = self.named[position] & self.named[start + linked] & (shared[linked] == 0)
            check = linked[~apart]
            down = np.concatenate([linked[apart], check[~self._statements(position, start + check)]])
            score[down] = LINK_THRESHOLD - 0.0001  # about the same things, but not one event
        return start, score

    def _statements(self, position: int, others: np.ndarray) -> np.ndarray:
        """``shared_statement`` of the story at ``position`` with each of ``others``, all at once."""
        result = np.ones(len(others), dtype=bool)
        mine = self.sentence_count[position]
        counts = self.sentence_count[others]
        asked = np.flatnonzero(counts > 0) if mine else np.zeros(0, dtype=np.int64)
        if not asked.size:
            return result
        counts = counts[asked]
        first = self.sentence_start[others[asked]]
        rows = np.repeat(first - np.cumsum(counts) + counts, counts) + np.arange(counts.sum())
        own = self.sentences[self.sentence_start[position] : self.sentence_start[position] + mine]
        similarities = (self.sentences[rows] @ own.T).ravel()  # each story's pairs together, in a run of its own
        sizes = counts * mine
        width = int(sizes.max())
        table = np.full((len(asked), width), -np.inf, dtype=np.float32)
        table[
            np.repeat(np.arange(len(asked)), sizes), np.arange(sizes.sum()) - np.repeat(np.cumsum(sizes) - sizes, sizes)
        ] = similarities
        if width > STATEMENT_PAIRS:
            table = np.partition(table, width - STATEMENT_PAIRS, axis=1)[:, width - STATEMENT_PAIRS :]
        table = -np.sort(-table, axis=1)  # the closest first, summed in that order as np.mean sums them
        table[np.isinf(table)] = 0.0
        total = table[:, 0]
        for column in range(1, table.shape[1]):
            total = total + table[:, column]
        means = total / np.minimum(sizes, STATEMENT_PAIRS).astype(np.float32)
        distinct, which = np.unique(sizes, return_inverse=True)
        bars = np.array([self._bar(int(size)) for size in distinct])[which]
        result[asked] = means.astype(np.float64) >= bars
        return result

    def _bar(self, size: int) -> float:
        if size not in self.bars:
            self.bars[size] = statement_bar(size)
        return self.bars[size]


def pair_scores(features: list[StoryFeatures], floor: float = -math.inf) -> list[tuple[int, int, float]]:
    """``(i, j, score)`` for every pair of ``features`` (indexes, ``i < j``) within the window scoring ``floor`` or
    more; a pair with no shared statement scores under ``LINK_THRESHOLD``."""
    if len(features) < 2:
        return []
    scorer = Scorer(features)
    pairs: list[tuple[int, int, float]] = []
    for position in range(len(features)):  # a sliding window over the stories in date order
        start, scores = scorer.scores(position)
        i = int(scorer.order[position])
        for offset in np.flatnonzero(scores >= floor).tolist():
            j = int(scorer.order[start + offset])
            pairs.append((min(i, j), max(i, j), round(float(scores[offset]), 4)))
    return sorted(pairs)


def link_pairs(features: list[StoryFeatures]) -> list[tuple[int, int, float]]:
    """The linked pairs: ``pair_scores`` at ``LINK_THRESHOLD``."""
    return pair_scores(features, LINK_THRESHOLD)
