"""Reasoning may go beyond its sources' words, never beyond their subject (``_score.off_topic``): an inference about
another story is unsupported however hedged, and inferences about this one keep their low bar. The source is a
long story, as an article's is: against its many sentences, reasoning about another story used to pass."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsdesk.cli.verify_cmd import story_passages
from newsdesk.models import Passage
from newsdesk.verify import Verifier

HARBOUR_STORY = Path(__file__).parent.parent / "data" / "harbour-story.txt"

ABOUT_THE_BRIDGE = [
    ("analysis", "The narrow vote suggests the bridge will stay a divisive issue in the town."),
    ("outlook", "A delay to the marine licence could push the start of construction back."),
    ("opinion", "Traders may want to press the council hard on working hours near the fish market."),
]
ABOUT_SOMETHING_ELSE = [
    ("analysis", "Making the caretaker permanent suggests the club's owners trust his coaching."),
    ("outlook", "Lower mortgage rates could tempt more first-time buyers into the housing market."),
    ("analysis", "The choice of a young striker suggests the manager is planning for the long term."),
    ("outlook", "Heavy rain before the race could blunt the favourite's chances on soft ground."),
    ("opinion", "Readers may want to treat early accounts of the shooting with caution."),
]


@pytest.fixture(scope="module")
def verifier() -> Verifier:
    return Verifier()


@pytest.fixture(scope="module")
def passages() -> list[Passage]:
    return story_passages((str(HARBOUR_STORY),))[1]


@pytest.mark.parametrize(("kind", "sentence"), ABOUT_THE_BRIDGE)
def test_reasoning_about_the_story_keeps_its_low_bar(
    verifier: Verifier, passages: list[Passage], kind: str, sentence: str
) -> None:
    result = verifier.check(sentence, passages, kind)
    assert result.decided_by != "off_topic" and result.supported, result.details


@pytest.mark.parametrize(("kind", "sentence"), ABOUT_SOMETHING_ELSE)
def test_reasoning_about_another_story_is_unsupported(
    verifier: Verifier, passages: list[Passage], kind: str, sentence: str
) -> None:
    result = verifier.check(sentence, passages, kind)
    assert result.verdict == "unsupported" and result.decided_by == "off_topic", result.details


def test_a_fact_is_left_to_the_checks_of_facts(verifier: Verifier, passages: list[Passage]) -> None:
    result = verifier.check(ABOUT_SOMETHING_ELSE[0][1], passages, "fact")
    assert result.decided_by != "off_topic" and not result.supported
