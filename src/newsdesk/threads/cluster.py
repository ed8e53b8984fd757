"""Which stories are one thread, and how a new threading maps onto the stored one.

Two stories are **linked** when they are close in time and say the same thing about the same named things:

    score = cosine(vectors) + NAME_WEIGHT * cosine(name profiles)   >=  LINK_THRESHOLD,  dates <= WINDOW_DAYS apart

A name profile weights each name by ``(1 + log count) * idf``: a name a story repeats is what it is about, and a
name few stories of the archive mention is better evidence of one event than one many mention. A link also needs a
**shared statement** (``shared_statement``): two reports of one event state the same facts, so some sentences of one
nearly restate sentences of the other, while two stories on one subject (two features on a country's economy, two
overviews of a government's foreign policy) are close in topic and names throughout yet state different facts. A
restated sentence is an outlier among the pair's sentence similarities: it stands above what the best of that many
sentence pairs reaches by chance (``statement_bar``). A pair without one scores at most just under
``LINK_THRESHOLD``: related, not one event. A **thread** is a
group of linked stories in which every two stories close in time are at least **related** (a score of
``RELATED_THRESHOLD``: about the same things, short of one event). The window is between linked stories, not from
the thread's first entry, so a developing story runs as long as its entries keep coming: the window follows its
latest entry.

Threads **merge** when a new story links two of them and their stories are related to each other. They **split**
when links break: a name's weight falls as more stories of the archive mention it, so a link that rested on a name
now common (the story that first named a company, then everyone did) can fall below the threshold, and a story can
stop being related to the rest of its thread. The grouping is computed from all stories at
once and does not depend on the order they arrived in; ``reconcile`` keeps thread ids stable across updates.

The thresholds were set on the hand-labelled TIME Tech feed's tune half and the world feeds (``bench/threads.py``,
``bench/data``; the designs tried and their held-out figures are in ``docs/threads.md``).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

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


class _Scorer:
    """The pair scores of ``features``, a story against the stories before it in date order within the window,
    computed a story at a time over all of its window at once (numpy), as ``pair_scores`` defines them."""

    def __init__(self, features: list[StoryFeatures]) -> None:
        idf = name_weights(f.names for f in features)
        days = np.array([f.day for f in features])
        self.order = np.argsort(days, kind="stable")
        ordered = [features[i] for i in self.order]
        self.vectors = np.stack([f.vector for f in ordered])
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
    scorer = _Scorer(features)
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


def group(count: int, scores: Iterable[tuple[int, int, float]]) -> list[list[int]]:
    """Threads of ``range(count)``: linked stories grouped, strongest links first, each group sorted.

    Two groups join through a link only when every story of one is at least related to every story of the other
    that is within the window (a score of ``RELATED_THRESHOLD`` or more: complete linkage over the window). Two
    reports of one event are about the same things, so each is close to all the others, not just to one of them.
    An entry that reports two events (a round-up, a list of the day's key events) links to both, but the stories
    of one event are not related to those of the other, so one strong link cannot chain them into one thread. Pairs
    further apart than the window are not compared: a developing story's first and latest entries may have
    drifted apart, and the window already follows its latest entry.

    ``scores`` holds the compared pairs (``i < j``, as ``pair_scores`` gives them); a pair not in it is not compared.
    ``archive_groups`` is the same grouping of stories' features without listing the pairs that are not related.
    """
    score = {(i, j): s for i, j, s in scores}
    pairs = np.array(list(score), dtype=np.int64).reshape(-1, 2)
    values = np.array(list(score.values()), dtype=np.float64)
    ranked = np.lexsort((pairs[:, 1], pairs[:, 0], -values))  # strongest first, then by the pair
    links = ranked[values[ranked] >= LINK_THRESHOLD]
    apart = values < RELATED_THRESHOLD
    return _complete_linkage(
        count,
        pairs[links, 0],
        pairs[links, 1],
        lambda members: np.zeros((len(members), len(members)), dtype=bool),
        (pairs[apart, 0], pairs[apart, 1]),
        True,
    )


def archive_groups(features: list[StoryFeatures]) -> list[list[int]]:
    """``group(len(features), pair_scores(features))``, the threads of an archive's stories, holding only the pairs
    that are related (a story's window may hold thousands of stories that are not).

    Complete linkage asks whether two groups hold a pair within the window that is not related: the pairs within
    the window follow from the dates, so only the related ones need keeping, as integers of the score's four
    decimals (``pair_scores`` rounds to four). The cost grows with the related pairs, not with all pairs compared.
    """
    count = len(features)
    if count < 2:
        return [[x] for x in range(count)]
    scorer = _Scorer(features)
    others: list[np.ndarray] = []  # per story in date order: the earlier stories related to it, and the scores
    units: list[np.ndarray] = []
    for position in range(count):
        start, scores = scorer.scores(position)
        near = np.flatnonzero(scores >= RELATED_THRESHOLD - 0.0001)
        rounded = _ten_thousandths(scores[near])
        kept = rounded >= _RELATED_UNITS
        others.append(scorer.order[start + near[kept]].astype(np.int32))
        units.append(rounded[kept].astype(np.int16))
    own = np.repeat(scorer.order.astype(np.int32), [len(o) for o in others])
    other = np.concatenate(others)
    del others
    first, second = np.minimum(own, other), np.maximum(own, other)
    del own, other
    unit = np.concatenate(units)
    del units
    links = np.flatnonzero(unit >= _LINK_UNITS)
    links = links[np.lexsort((second[links], first[links], -unit[links].astype(np.int32)))]
    days = np.array([f.day for f in features])
    return _complete_linkage(count, first[links], second[links], lambda m: _compared(days[m]), (first, second), False)


_RELATED_UNITS = round(RELATED_THRESHOLD * 10000)
_LINK_UNITS = round(LINK_THRESHOLD * 10000)


def _ten_thousandths(scores: np.ndarray) -> np.ndarray:
    """``round(score, 4) * 10000`` as integers, exactly as Python's ``round`` rounds (the decimal value of each
    float): numpy's rounding of the scaled value agrees except within a hair of a half, where Python's is used."""
    scaled = scores * 10000.0
    rounded = np.rint(scaled)
    for k in np.flatnonzero(np.abs(scaled - np.floor(scaled) - 0.5) < 1e-6).tolist():
        rounded[k] = round(round(float(scores[k]), 4) * 10000)
    return rounded.astype(np.int64)


def _compared(days: np.ndarray) -> np.ndarray:
    """Which pairs of stories dated ``days`` are compared (within the window), as ``pair_scores`` decides it."""
    compared = np.empty((len(days), len(days)), dtype=bool)
    for top in range(0, len(days), 256):
        rows = days[top : top + 256, None]
        compared[top : top + 256] = np.minimum(rows, days) >= np.maximum(rows, days) - WINDOW_DAYS
    return compared


def _complete_linkage(
    count: int,
    first: np.ndarray,
    second: np.ndarray,
    base: Callable[[np.ndarray], np.ndarray],
    marked: tuple[np.ndarray, np.ndarray],
    mark: bool,
) -> list[list[int]]:
    """The groups of ``group``: the links ``first[k]``-``second[k]`` taken in that order, two groups joined by a
    link unless some pair across them is *apart* (compared and not related).

    Groups only ever join along links, so each connected component of the links is grouped on its own, with a
    matrix of which of its groups are apart: ``base(members)`` (the component's stories, ascending) with the
    ``marked`` pairs set to ``mark``. Joining two groups ORs their rows, so every link costs a lookup and every
    join one row: the time is that of the links plus the square of the component's size, once."""
    label = _components(count, first, second)
    groups: list[list[int]] = []
    seen = np.zeros(count, dtype=bool)
    by_label = np.argsort(label, kind="stable")
    bounds = np.flatnonzero(np.diff(label[by_label])) + 1
    link_order = np.argsort(label[first], kind="stable")  # each component's links, in the order given
    link_labels = label[first][link_order]
    marked_first, marked_second = marked
    inside = label[marked_first] == label[marked_second]
    marked_first, marked_second = marked_first[inside], marked_second[inside]
    marked_order = np.argsort(label[marked_first], kind="stable")
    marked_labels = label[marked_first][marked_order]
    local = np.zeros(count, dtype=np.int64)
    for members in np.split(by_label, bounds):
        if len(members) < 2:
            continue
        root = label[members[0]]
        low, high = np.searchsorted(link_labels, [root, root + 1])
        if low == high:
            continue
        local[members] = np.arange(len(members))
        apart = base(members)
        low_m, high_m = np.searchsorted(marked_labels, [root, root + 1])
        at = marked_order[low_m:high_m]
        apart[local[marked_first[at]], local[marked_second[at]]] = mark
        apart[local[marked_second[at]], local[marked_first[at]]] = mark
        np.fill_diagonal(apart, False)
        taken = link_order[low:high]
        for found in _join(apart, local[first[taken]], local[second[taken]]):
            groups.append(sorted(int(members[x]) for x in found))
            seen[members[found]] = True
    groups.extend([x] for x in np.flatnonzero(~seen).tolist())
    return sorted(groups, key=lambda g: g[0])


def _components(count: int, first: np.ndarray, second: np.ndarray) -> np.ndarray:
    """A label per node, the same for the nodes the edges ``first``-``second`` connect (the least node's index)."""
    label = np.arange(count)
    while True:
        low = np.minimum(label[first], label[second])
        hooked = label.copy()
        np.minimum.at(hooked, first, low)
        np.minimum.at(hooked, second, low)
        while not np.array_equal(jumped := hooked[hooked], hooked):  # each node to its label's label
            hooked = jumped
        if np.array_equal(hooked, label):
            return label
        label = hooked


def _join(apart: np.ndarray, first: np.ndarray, second: np.ndarray) -> list[list[int]]:
    """Complete linkage over one component: ``apart`` (square, symmetric) says which stories are apart; the links
    ``first``-``second`` are taken in order. Returns the groups of more than one story (local indexes)."""
    home = np.arange(len(apart))
    members: list[list[int] | None] = [[x] for x in range(len(apart))]
    position, step = 0, 64
    while position < len(first):
        a, b = first[position : position + step], second[position : position + step]
        for k in np.flatnonzero((home[a] != home[b]) & ~apart[home[a], home[b]]).tolist():  # a cheap first sift
            x, y = int(home[a[k]]), int(home[b[k]])
            if x == y or apart[x, y]:
                continue
            big, small = members[x], members[y]
            assert big is not None and small is not None
            if len(big) < len(small):
                x, y, big, small = y, x, small, big
            apart[x] |= apart[y]
            apart[:, x] = apart[x]
            home[small] = x
            big.extend(small)
            members[y] = None
        position += step
        step = min(2 * step, 1 << 16)
    return [m for m in members if m is not None and len(m) > 1]


@dataclass
class ThreadChange:
    kind: str  # "merged" (other_ids joined thread_id) or "split" (other_ids left thread_id)
    thread_id: int
    other_ids: list[int]


def reconcile(groups: list[list[int]], previous: dict[int, int]) -> list[int | None]:
    """The stored thread id each group (of story ids) keeps, ``None`` where it is a new thread.

    A group keeps the id of the stored thread most of its stories were in (the lower id on a tie); bigger groups
    choose first, so when a thread splits its larger part keeps the id. ``previous`` maps story id to thread id.
    """
    ids: list[int | None] = [None] * len(groups)
    taken: set[int] = set()
    for g in sorted(range(len(groups)), key=lambda g: (-len(groups[g]), groups[g][0])):
        votes = Counter(previous[s] for s in groups[g] if s in previous)
        for thread_id, _ in sorted(votes.items(), key=lambda kv: (-kv[1], kv[0])):
            if thread_id not in taken:
                ids[g] = thread_id
                taken.add(thread_id)
                break
    return ids


def changes(groups: list[list[int]], ids: list[int], previous: dict[int, int]) -> list[ThreadChange]:
    """The merges and splits between ``previous`` (story id -> thread id) and the new ``groups`` with ``ids``."""
    found: list[ThreadChange] = []
    for group, thread_id in zip(groups, ids, strict=True):
        before = {previous[s] for s in group if s in previous}
        if len(before) > 1:  # stories of two stored threads now in one
            found.append(ThreadChange("merged", thread_id, sorted(before - {thread_id})))
    homes: dict[int, set[int]] = {}
    for group, thread_id in zip(groups, ids, strict=True):
        for s in group:
            if s in previous:
                homes.setdefault(previous[s], set()).add(thread_id)
    for thread_id, places in sorted(homes.items()):
        if len(places) > 1:
            found.append(ThreadChange("split", thread_id, sorted(places - {thread_id})))
    return found
