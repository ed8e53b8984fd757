"""Reception (``verify/_facts/_reception.py``): a sentence that says something was praised, criticised or met with
mixed reactions, naming no one, states that people reacted; the sources must report a reaction of that stance by
someone. The texts are made up for these tests; they run the real spaCy pipeline and the real verifier."""

from __future__ import annotations

import pytest

from newsdesk.language import parse
from newsdesk.verify import Verifier
from newsdesk.verify._facts._reception import receptions
from support.facts import outcome
from support.facts import passages as _passages

QUIET = _passages(
    "The retired ferry captain is selling his collection of ship models at an auction in the town hall.",
    "The auction house expects the 120 lots to fetch about £30,000 on Saturday.",
)
ARGUED = _passages(
    "The harbour board voted to close the old fish market in May.",
    "Traders condemned the decision, while the tourist office welcomed it.",
)


@pytest.fixture(scope="module")
def verifier() -> Verifier:
    return Verifier()


@pytest.mark.parametrize(
    "sentence",
    [
        "The captain's sale of his ship models has been hailed as a success.",
        "The auction of the ship models was met with criticism.",
        "The captain's decision to sell his ship models has drawn mixed reactions.",
        "The sale of the 120 lots was praised by some.",
    ],
)
def test_a_reaction_no_source_reports_fails(verifier: Verifier, sentence: str) -> None:
    assert outcome(verifier, "reception", sentence, QUIET) == "fail"


@pytest.mark.parametrize(
    "sentence",
    [
        "The board's decision to close the fish market was met with criticism.",
        "The closure of the old fish market drew mixed reactions.",
        "The closure of the fish market was welcomed by some.",
    ],
)
def test_a_reaction_the_sources_report_by_anyone_passes(verifier: Verifier, sentence: str) -> None:
    assert outcome(verifier, "reception", sentence, ARGUED) != "fail"


def test_a_reception_in_the_writers_reasoning_or_with_a_named_agent_is_not_read() -> None:
    assert receptions(parse("The sale could be criticised by collectors.")) == []
    assert receptions(parse("The sale was praised by Mayor Ellen Hart.")) == []
    assert receptions(parse("The sale was backed by the harbour board and its members.")) == []
    assert receptions(parse("The sale was praised by critics.")) != [], "a bare plural names no one"
    assert receptions(parse("The sale was not met with criticism.")) == []
    assert receptions(parse("The harbour has long been celebrated as the prettiest on the coast.")) == []
    assert [words for words, _ in receptions(parse("The sale has been met with mixed reactions."))] == [
        "met with mixed reactions"
    ]
