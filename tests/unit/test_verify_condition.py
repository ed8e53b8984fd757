"""A clause inside a condition is not asserted: a conditional source sentence is no evidence for either of its
clauses stated flat, but it supports a sentence that keeps the condition. Made-up texts, the real spaCy pipeline
and the real verifier."""

from __future__ import annotations

import pytest

from newsdesk.verify import Verifier
from newsdesk.verify._checks import FACT_CHECKS
from support.facts import outcome, passages

BRIDGE = passages(
    "The council will vote on the bridge plan on Tuesday, the mayor's office said.",
    "If the council approves the plan, the bridge will open in 2028.",
    "The old ferry service carried 2,000 passengers a day last year.",
)


@pytest.fixture(scope="module")
def verifier() -> Verifier:
    return Verifier()


def test_the_check_is_registered() -> None:
    assert "condition" in FACT_CHECKS


@pytest.mark.parametrize(
    "sentence",
    [
        "The council approved the plan.",
        "The bridge will open in 2028.",
        "Officials said the bridge will open in 2028.",
    ],
)
def test_a_clause_of_a_condition_stated_flat_fails(verifier: Verifier, sentence: str) -> None:
    assert outcome(verifier, "condition", sentence, BRIDGE) == "fail"
    verdict = verifier.check(sentence, BRIDGE)
    assert not verdict.supported and verdict.decided_by == "condition"


@pytest.mark.parametrize(
    "sentence",
    [
        "The bridge will open in 2028 if the council approves the plan.",
        "Should the council approve the plan, the bridge will open in 2028.",
        "The bridge could open in 2028.",
        "The opening of the bridge in 2028 depends on the council approving the plan.",
    ],
)
def test_a_sentence_that_keeps_the_condition_is_not_failed(verifier: Verifier, sentence: str) -> None:
    assert outcome(verifier, "condition", sentence, BRIDGE) != "fail"


def test_what_the_source_asserts_beside_a_condition_is_still_evidence(verifier: Verifier) -> None:
    assert outcome(verifier, "condition", "The council will vote on the bridge plan on Tuesday.", BRIDGE) != "fail"
    assert verifier.check("The old ferry service carried 2,000 passengers a day last year.", BRIDGE).supported
    # the same fact asserted elsewhere in the sources: the condition takes nothing away
    sources = [*BRIDGE, *passages("The council approved the plan on Tuesday evening.")]
    assert outcome(verifier, "condition", "The council approved the plan.", sources) != "fail"


def test_an_embedded_question_is_not_an_answer(verifier: Verifier) -> None:
    race = passages(
        "McCoy has not decided yet whether he is riding Shutthefrontdoor in the Grand National.",
        "The trainer said the horse was in great form.",
    )
    assert outcome(verifier, "condition", "McCoy is riding Shutthefrontdoor in the Grand National.", race) == "fail"
    assert outcome(verifier, "condition", "McCoy has not decided whether he will ride.", race) != "fail"


def test_a_relevance_conditional_asserts_its_main_clause(verifier: Verifier) -> None:
    speech = passages(
        '"If you look at the number of Americans killed since 9/11 by terrorism, it\'s less than 100," Obama said.'
    )
    sentence = "Obama said fewer than 100 Americans had been killed by terrorism since 9/11."
    assert outcome(verifier, "condition", sentence, speech) != "fail"
