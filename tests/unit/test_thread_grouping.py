"""The fast grouping gives the groups of the plain one: complete linkage over every pair, one pair at a time.

``reference_pair_scores`` and ``reference_group`` are the definitions as first written (every pair of the window
scored on its own, every join checking every pair across the two groups); ``links.pair_scores``,
``cluster.group`` and ``cluster.archive_groups`` must agree with them on seeded random inputs, dense enough that
groups grow, collide and are refused.
"""

from __future__ import annotations

import math
import random
import tracemalloc
from collections import Counter

import numpy as np
import pytest

from newsdesk.llm.embed import DIMENSION
from newsdesk.threads import cluster, links
from newsdesk.threads.features import StoryFeatures


def reference_pair_scores(features: list[StoryFeatures], floor: float = -math.inf) -> list[tuple[int, int, float]]:
    idf = links.name_weights(f.names for f in features)
    profiles = [links._profile(f.names, idf) for f in features]
    pairs = []
    for i, a in enumerate(features):
        for j in range(i):
            b = features[j]
            if min(a.day, b.day) < max(a.day, b.day) - links.WINDOW_DAYS:
                continue
            shared = profiles[i].keys() & profiles[j].keys()
            score = float(a.vector.astype(np.float64) @ b.vector.astype(np.float64)) + links.NAME_WEIGHT * sum(
                profiles[i][n] * profiles[j][n] for n in shared
            )
            if score >= links.LINK_THRESHOLD and (
                not links.shared_statement(a, b) or (bool(profiles[i]) and bool(profiles[j]) and not shared)
            ):
                score = links.LINK_THRESHOLD - 0.0001
            if score >= floor:
                pairs.append((j, i, round(score, 4)))
    return sorted(pairs)


def reference_group(count: int, scores: list[tuple[int, int, float]]) -> list[list[int]]:
    score = {(i, j): s for i, j, s in scores}
    members = {x: [x] for x in range(count)}
    home = list(range(count))
    for (i, j), value in sorted(score.items(), key=lambda kv: (-kv[1], kv[0])):
        if value < links.LINK_THRESHOLD:
            break
        a, b = home[i], home[j]
        if a == b:
            continue
        cross = [
            score[(min(x, y), max(x, y))] for x in members[a] for y in members[b] if (min(x, y), max(x, y)) in score
        ]
        if min(cross) < links.RELATED_THRESHOLD:
            continue
        keep, gone = min(a, b), max(a, b)
        for x in members[gone]:
            home[x] = keep
        members[keep] = sorted(members[keep] + members.pop(gone))
    return sorted(members.values(), key=lambda g: g[0])


def unit_rows(rng: np.random.Generator, rows: np.ndarray) -> np.ndarray:
    return (rows / np.linalg.norm(rows, axis=-1, keepdims=True)).astype(np.float32)


def random_archive(seed: int, count: int) -> list[StoryFeatures]:
    """Stories about a few events: each a noisy copy of its event's vector, names and sentences, on nearby days
    (some on the same day, some a window apart), a few with no names or no stored sentences."""
    rng = np.random.default_rng(seed)
    events = unit_rows(rng, rng.normal(size=(4, DIMENSION)))
    statements = unit_rows(rng, rng.normal(size=(4, 6, DIMENSION)))
    vocabulary = [f"name{k}" for k in range(12)]
    out = []
    for story in range(count):
        event = int(rng.integers(4))
        vector = unit_rows(rng, events[event] + rng.normal(scale=0.03, size=DIMENSION))
        said = statements[event][rng.choice(6, size=int(rng.integers(1, 5)), replace=False)]
        sentences = unit_rows(rng, said + rng.normal(scale=0.05, size=said.shape))
        names = Counter({vocabulary[3 * event + int(k)]: int(rng.integers(1, 3)) for k in rng.integers(0, 3, size=2)})
        if rng.random() < 0.15:
            names = Counter({vocabulary[int(rng.integers(12))]: 1})
        if rng.random() < 0.1:
            names = Counter()
        day = float(20000 + [0, 0, 1.5, 10, 21, 30][int(rng.integers(6))] + rng.random() * 0.1 * (story % 2))
        stored = None if rng.random() < 0.1 else sentences
        out.append(StoryFeatures(story, day, vector, names, stored))
    return out


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_fast_scores_and_groups_of_an_archive_are_the_plain_ones(seed: int) -> None:
    found = random_archive(seed, 70)
    expected = reference_pair_scores(found)
    scores = links.pair_scores(found)
    assert [pair[:2] for pair in scores] == [pair[:2] for pair in expected]
    assert max(abs(a[2] - b[2]) for a, b in zip(scores, expected, strict=True)) < 1e-9
    groups = reference_group(len(found), expected)
    assert any(len(g) > 2 for g in groups), "the input must make groups for the comparison to mean anything"
    assert cluster.archive_groups(found) == groups
    assert cluster.group(len(found), scores) == groups
    related = links.pair_scores(found, links.RELATED_THRESHOLD)
    assert related == [pair for pair in scores if pair[2] >= links.RELATED_THRESHOLD]


@pytest.mark.parametrize("seed", range(8))
def test_the_fast_group_joins_and_refuses_what_the_plain_one_does(seed: int) -> None:
    # scores on a coarse grid, so that many tie and the order among equals (by the pair) decides; some pairs not
    # compared at all (outside the window)
    draw = random.Random(seed)
    count = draw.randint(5, 60)
    scores = [
        (i, j, draw.choice([0.5, 0.69, 0.7, 0.8, 0.85, 0.9, 0.9, 1.0, 1.2]))
        for j in range(count)
        for i in range(j)
        if draw.random() < 0.8
    ]
    draw.shuffle(scores)
    assert cluster.group(count, scores) == reference_group(count, scores)


def test_stories_no_link_touches_are_threads_of_their_own() -> None:
    assert cluster.group(3, []) == [[0], [1], [2]]
    assert cluster.group(0, []) == []
    assert cluster.archive_groups([]) == []


def test_a_component_past_the_cap_is_grouped_in_blocks_of_that_many() -> None:
    """Complete linkage holds a square matrix over a component of linked stories: past ``most`` stories the
    component is grouped ``most`` at a time, in index order, and no thread crosses two blocks."""
    clique = [(i, j, 0.9) for j in range(10) for i in range(j)]
    assert cluster.group(10, clique) == [list(range(10))]
    assert cluster.group(10, clique, most=4) == [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]]


def test_the_archive_grouping_blocks_as_the_plain_one_does() -> None:
    found = random_archive(2, 70)
    assert max(len(g) for g in cluster.archive_groups(found)) > 8, "a component must pass the cap below"
    blocked = cluster.archive_groups(found, most=8)
    assert max(len(g) for g in blocked) <= 8
    assert blocked == cluster.group(len(found), links.pair_scores(found), most=8)


def test_grouping_memory_is_bounded_by_the_cap() -> None:
    """6,000 stories linked in a chain are one component: without blocks its matrix alone was 36 MB."""
    chain = [(i, i + 1, 0.9) for i in range(5999)]
    tracemalloc.start()
    try:
        groups = cluster.group(6000, chain, most=1000)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert groups == [list(range(start, start + 1000)) for start in range(0, 6000, 1000)]
    assert peak < 6_000_000
