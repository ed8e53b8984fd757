"""What the shipped sentence encoder's cosines reach by chance, so that "close" is said against chance.

The best of n similarities rises with n even when nothing is related: among many sentence pairs a few read alike.
``expected_best`` is that rise for normal draws; ``chance_closest`` puts it on the encoder's own scale for the
closest of n sentences that have nothing to do with a given one.
"""

from __future__ import annotations

import functools
from statistics import NormalDist

__all__ = ["UNRELATED_MEAN", "UNRELATED_SPREAD", "chance_closest", "expected_best"]

# The cosine of two sentences from different news stories, with all-MiniLM-L6-v2 (llm/embed.py): mean and
# standard deviation over the sentence pairs of different stories in the six world feeds (BBC, NPR, Al Jazeera,
# NDTV, EL PAIS, Rest of World; 76 sentences). Stories on one subject (the TIME Tech feed, all on AI) sit higher,
# 0.13 / 0.11: the mean, not the spread, moves with how alike an archive's subjects are.
UNRELATED_MEAN = 0.08
UNRELATED_SPREAD = 0.11
_NORMAL = NormalDist()


@functools.cache
def expected_best(draws: int, best: int = 1) -> float:
    """The expected mean of the ``best`` largest of ``draws`` draws from a standard normal distribution (of all of
    them, when there are fewer): the maximum of 1 draw is 0, of 2 is 0.56, of 30 is 2.0; the best three of 9 average
    1.0, of 400 2.7. Each order statistic is Blom's approximation, ``inverse normal CDF of (rank - 0.375) /
    (draws + 0.25)``."""
    taken = min(best, draws)
    if taken < 1:
        return 0.0
    ranks = range(draws, draws - taken, -1)
    return sum(_NORMAL.inv_cdf((rank - 0.375) / (draws + 0.25)) for rank in ranks) / taken


def chance_closest(sentences: int) -> float:
    """The cosine that the closest of ``sentences`` sentences unrelated to a given one is expected to reach: 0.08
    for one, 0.14 for two, 0.30 for thirty. A sentence whose closest match among a story's sentences reaches no
    more is about something else."""
    return UNRELATED_MEAN + UNRELATED_SPREAD * expected_best(sentences)
