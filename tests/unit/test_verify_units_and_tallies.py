"""A figure's unit and a tally's order are part of the fact (smoke test 43 #4): "$9 a month" where the source binds
$6 to the same words, "40 percent" of what the source counts as "40 kilometres", and "voted 1-4" for "voted 4-1"
fail ``figures_and_dates``; the same figures as the source gives them, and a figure the source binds to other
words, pass. The texts are made up for these tests; they run the real verifier."""

from __future__ import annotations

import pytest

from newsdesk.verify import Verifier
from support.facts import outcome
from support.facts import passages as _passages

SOURCE = _passages(
    "The Harbour Gas board voted 5-2 on Tuesday to raise heating prices by 7 percent from March 1.",
    "The chief engineer said the money would pay for relaying 30 kilometres of old iron mains.",
    "The typical household bill will rise by about $4 a month, the board's treasurer said.",
    "The company paid $30 million for the pumping station in 2019.",
)


@pytest.fixture(scope="module")
def verifier() -> Verifier:
    return Verifier()


@pytest.mark.parametrize(
    "sentence",
    [
        "The typical household bill will rise by about $7 a month.",  # 7 is the percent, not the dollars
        "About 30 percent of the old iron mains will be relaid.",  # 30 is kilometres
        "The board voted 2-5 to raise heating prices.",  # the other side won
    ],
)
def test_another_unit_or_the_tally_reversed_fails(verifier: Verifier, sentence: str) -> None:
    assert outcome(verifier, "figures_and_dates", sentence, SOURCE) == "fail"


@pytest.mark.parametrize(
    "sentence",
    [
        "The typical household bill will rise by about $4 a month.",
        "The board voted 5-2 to raise heating prices by 7 percent.",
        "Engineers will relay 30 kilometres of iron mains.",
        "The pumping station cost the company $30 million in 2019.",
    ],
)
def test_the_figures_as_the_source_gives_them_pass(verifier: Verifier, sentence: str) -> None:
    assert outcome(verifier, "figures_and_dates", sentence, SOURCE) != "fail"
