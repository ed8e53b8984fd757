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
from collections.abc import Iterable
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


def pair_scores(features: list[StoryFeatures], floor: float = -math.inf) -> list[tuple[int, int, float]]:
    """``(i, j, score)`` for every pair of ``features`` (indexes, ``i < j``) within the window scoring ``floor`` or
    more; a pair with no shared statement scores under ``LINK_THRESHOLD``."""
    if len(features) < 2:
        return []
    idf = name_weights(f.names for f in features)
    profiles = [_profile(f.names, idf) for f in features]
    vectors = np.stack([f.vector for f in features])
    days = np.array([f.day for f in features])
    order = np.argsort(days, kind="stable")
    pairs: list[tuple[int, int, float]] = []
    start = 0
    for position, i in enumerate(order):  # a sliding window over the stories in date order
        while days[order[start]] < days[i] - WINDOW_DAYS:
            start += 1
        near = order[start:position]
        if not len(near):
            continue
        cosines = vectors[near] @ vectors[i]
        for j, cosine in zip(near, cosines, strict=True):
            if cosine + NAME_WEIGHT < floor:  # even full name overlap could not reach the floor
                continue
            shared = profiles[i].keys() & profiles[j].keys()
            score = float(cosine) + NAME_WEIGHT * sum(profiles[i][n] * profiles[j][n] for n in shared)
            if score >= LINK_THRESHOLD and (
                not shared_statement(features[i], features[j]) or _named_apart(profiles[i], profiles[j], shared)
            ):
                score = LINK_THRESHOLD - 0.0001  # about the same things, but not one event
            if score >= floor:
                pairs.append((int(min(i, j)), int(max(i, j)), round(score, 4)))
    return sorted(pairs)


def _named_apart(a: dict[str, float], b: dict[str, float], shared: set[str]) -> bool:
    """Two reports that both name who and where, and name none of it alike, report two events, however alike
    their wording: one event has its particulars, and a templated report (a flood in each of two towns, each
    company's quarter) changes exactly those."""
    return bool(a) and bool(b) and not shared


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
    """
    score = {(i, j): s for i, j, s in scores}
    members: dict[int, list[int]] = {x: [x] for x in range(count)}
    home = list(range(count))
    for (i, j), value in sorted(score.items(), key=lambda kv: (-kv[1], kv[0])):
        if value < LINK_THRESHOLD:
            break
        a, b = home[i], home[j]
        if a == b:
            continue
        cross = (score.get((min(x, y), max(x, y))) for x in members[a] for y in members[b])
        if min(c for c in cross if c is not None) < RELATED_THRESHOLD:
            continue
        keep, gone = min(a, b), max(a, b)
        for x in members[gone]:
            home[x] = keep
        members[keep] = sorted(members[keep] + members.pop(gone))
    return sorted(members.values(), key=lambda g: g[0])


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
