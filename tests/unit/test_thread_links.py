"""Threading's link and group rules on vectors made by hand: a shared statement, and groups that do not chain."""

from __future__ import annotations

from collections import Counter

import numpy as np

from newsdesk.llm.embed import DIMENSION
from newsdesk.threads import cluster
from newsdesk.threads.features import StoryFeatures


def unit(*axes: int) -> np.ndarray:
    """A unit vector spread evenly over the given axes."""
    vector = np.zeros(DIMENSION, dtype=np.float32)
    vector[list(axes)] = 1.0
    return vector / np.linalg.norm(vector)


def features(story_id: int, sentences: list[np.ndarray] | None) -> StoryFeatures:
    mean = unit(0, 1, 2, 3)  # the same topic vector and names for every story: only the sentences differ
    rows = None if sentences is None else np.stack(sentences)
    return StoryFeatures(story_id, 20000.0, mean, Counter({"vale": 2, "brumadinho": 1}), rows)


def test_a_link_needs_two_sentences_that_nearly_restate_each_other() -> None:
    told = features(1, [unit(0), unit(1), unit(2)])
    retold = features(2, [unit(0), unit(1, 5), unit(9)])  # two sentences restated, closely enough
    other_facts = features(3, [unit(10), unit(11), unit(12, 0)])  # one topic, one loose echo, different facts
    assert cluster.shared_statement(told, retold)
    assert not cluster.shared_statement(told, other_facts)
    scores = {(i, j): s for i, j, s in cluster.pair_scores([told, retold, other_facts])}
    assert scores[(0, 1)] >= cluster.LINK_THRESHOLD
    assert cluster.RELATED_THRESHOLD <= scores[(0, 2)] < cluster.LINK_THRESHOLD, "related, not one event"


def test_a_story_read_before_sentences_were_stored_links_as_before() -> None:
    old = features(1, None)
    new = features(2, [unit(10)])
    assert cluster.shared_statement(old, new)
    assert cluster.pair_scores([old, new])[0][2] >= cluster.LINK_THRESHOLD


def test_a_round_up_of_two_events_does_not_chain_them_into_one_thread() -> None:
    # 0, 1: two reports of a dam collapse; 2: a round-up of the dam and a stock-exchange halt; 3: the halt
    scores = [(0, 1, 1.2), (0, 2, 0.9), (1, 2, 1.0), (0, 3, 0.2), (1, 3, 0.1), (2, 3, 1.1)]
    assert cluster.group(4, scores) == [[0, 1], [2, 3]]
    # stories of one event are all related to each other, so a weaker link still joins them
    assert cluster.group(3, [(0, 1, 1.2), (0, 2, 0.75), (1, 2, 0.9)]) == [[0, 1, 2]]
