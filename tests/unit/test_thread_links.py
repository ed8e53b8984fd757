"""Threading's link and group rules on vectors made by hand: a shared statement, and groups that do not chain."""

from __future__ import annotations

from collections import Counter

import numpy as np

from newsdesk.llm.chance import expected_best
from newsdesk.llm.embed import DIMENSION
from newsdesk.threads import cluster, links
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
    assert links.shared_statement(told, retold)
    assert not links.shared_statement(told, other_facts)
    scores = {(i, j): s for i, j, s in links.pair_scores([told, retold, other_facts])}
    assert scores[(0, 1)] >= links.LINK_THRESHOLD
    assert links.RELATED_THRESHOLD <= scores[(0, 2)] < links.LINK_THRESHOLD, "related, not one event"


def close_to(axis: int, cosine: float, spare: int) -> np.ndarray:
    """A unit vector at ``cosine`` to ``unit(axis)``, the rest of it along ``unit(spare)``."""
    return (cosine * unit(axis) + np.sqrt(1 - cosine**2) * unit(spare)).astype(np.float32)


def story_with(story_id: int, sentences: int, echoes: dict[int, float], first_axis: int) -> StoryFeatures:
    """A story of ``sentences`` sentences on axes of its own, except sentence k, which restates sentence k of the
    story on axes 0.. at cosine ``echoes[k]``."""
    rows = [close_to(k, echoes[k], first_axis + k) if k in echoes else unit(first_axis + k) for k in range(sentences)]
    return features(story_id, rows)


def test_the_bar_for_a_shared_statement_rises_with_the_number_of_sentence_pairs_compared() -> None:
    # the same three restated sentences, at the same closeness, between two short stories and between two long ones
    echoes = {0: 0.55, 1: 0.55, 2: 0.55}
    short, short_retold = story_with(1, 3, {k: 1.0 for k in range(3)}, 0), story_with(2, 3, echoes, 100)
    long, long_retold = story_with(3, 20, {k: 1.0 for k in range(20)}, 0), story_with(4, 20, echoes, 100)
    assert links.statement_bar(1) == links.STATEMENT_THRESHOLD
    assert links.statement_bar(9) < 0.55 < links.statement_bar(400)
    assert links.shared_statement(short, short_retold), "among 9 pairs, three this close are not chance"
    assert not links.shared_statement(long, long_retold), "among 400 pairs of one subject, they may be"
    closer = story_with(5, 20, {0: 0.7, 1: 0.7, 2: 0.7}, 100)
    assert links.shared_statement(long, closer), "standing far enough above chance, they are one event"


def test_what_chance_gives_is_the_expected_best_of_that_many_normal_draws() -> None:
    three = links.STATEMENT_PAIRS
    assert expected_best(1, three) == expected_best(3, three) == 0.0, "the mean of all of a few draws is 0"
    assert abs(expected_best(400) - 2.968) < 0.05, "the expected maximum of 400 normal draws"
    growing = [expected_best(n, three) for n in (3, 4, 9, 28, 400, 10_000)]
    assert growing == sorted(growing) and growing[-1] < 4


def test_one_stock_phrase_in_common_is_not_a_shared_statement() -> None:
    told = story_with(1, 6, {k: 1.0 for k in range(6)}, 0)
    boilerplate = story_with(2, 6, {0: 0.98}, 100)  # "X did not respond to a request for comment", nothing else
    stock_phrase_and_two_facts = story_with(3, 6, {0: 0.98, 1: 0.8, 2: 0.6}, 100)
    assert not links.shared_statement(told, boilerplate)
    assert links.shared_statement(told, stock_phrase_and_two_facts)


def test_a_story_read_before_sentences_were_stored_links_as_before() -> None:
    old = features(1, None)
    new = features(2, [unit(10)])
    assert links.shared_statement(old, new)
    assert links.pair_scores([old, new])[0][2] >= links.LINK_THRESHOLD


def test_a_round_up_of_two_events_does_not_chain_them_into_one_thread() -> None:
    # 0, 1: two reports of a dam collapse; 2: a round-up of the dam and a stock-exchange halt; 3: the halt
    scores = [(0, 1, 1.2), (0, 2, 0.9), (1, 2, 1.0), (0, 3, 0.2), (1, 3, 0.1), (2, 3, 1.1)]
    assert cluster.group(4, scores) == [[0, 1], [2, 3]]
    # stories of one event are all related to each other, so a weaker link still joins them
    assert cluster.group(3, [(0, 1, 1.2), (0, 2, 0.75), (1, 2, 0.9)]) == [[0, 1, 2]]


def test_templated_reports_that_name_different_places_and_people_are_two_events() -> None:
    from newsdesk.threads.features import compute_features

    def report(town: str, mayor: str, homes: int) -> list[str]:
        return [
            f"The river flooded {town} on Monday, officials said.",
            f"Mayor {mayor} said {homes} homes were damaged and warned that more rain was expected on Tuesday.",
        ]

    items = [
        (1, 100.0, "River flood damages homes", report("Dunmore", "Peter Walsh", 40)),
        (2, 100.0, "River flood damages homes", report("Carrickmore", "Anne Byrne", 15)),
        (3, 100.2, "River flood damages homes", report("Dunmore", "Peter Walsh", 55)),  # the toll rising: one event
    ]
    found = compute_features(items)
    linked = {(i, j) for i, j, _ in links.link_pairs(found)}
    assert (0, 2) in linked and (0, 1) not in linked and (1, 2) not in linked
