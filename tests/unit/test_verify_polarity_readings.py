"""Polarity and modal force read as grammar (smoke test 45, F6 and F7): a negation moved onto the object, an
antonym said of another thing, a figure's own clause, comparatives of opposite direction, verbs of opposite
stance, a particle verb as one word, a statement the source says was not made, a hedge inside reported words,
and "would" against a modal of possibility. Made-up texts, the real spaCy pipeline and the real verifier."""

from __future__ import annotations

import pytest

from newsdesk.language import opposed_stances, phrasal
from newsdesk.verify import Verifier
from support.facts import outcome, passages


@pytest.fixture(scope="module")
def verifier() -> Verifier:
    return Verifier()


def test_a_negation_on_the_verb_or_on_its_object_says_the_same(verifier: Verifier) -> None:
    source = passages("Coach Ines Marlow said she was not making changes to the squad for the derby.")
    fair = "Coach Ines Marlow said she was making no changes to the squad for the derby."
    flipped = "Coach Ines Marlow said she was making changes to the squad for the derby."
    assert outcome(verifier, "polarity", fair, source) == "ok"
    assert outcome(verifier, "polarity", flipped, source) == "fail"


def test_an_antonym_said_of_another_thing_is_no_contradiction(verifier: Verifier) -> None:
    source = passages(
        "Kelbrook Mining said on Monday it would close two pits after first-half revenue fell 12 percent to "
        "$80 million.",
        "Kelbrook shares rose 4 percent in early trading.",
    )
    assert outcome(
        verifier, "polarity", "Kelbrook's first-half revenue dropped 12 percent, to $80 million.", source
    ) != ("fail")
    assert outcome(verifier, "polarity", "Kelbrook shares dropped 4 percent in early trading.", source) == "fail"


def test_a_figure_is_bound_to_its_own_clause(verifier: Verifier) -> None:
    source = passages(
        "A landslide buried two hamlets near Ostra on Sunday, killing at least 14 people, the county said.",
        "Rescuers said 30 people were still missing and the death toll was expected to rise.",
    )
    fair = "At least 14 people died and 30 were missing after the landslide."
    assert outcome(verifier, "figures_and_dates", fair, source) == "ok"


def test_a_comparative_of_the_other_direction_contradicts(verifier: Verifier) -> None:
    source = passages(
        "A survey of 8,000 drivers found that those who used a phone at the wheel were about 40 percent more "
        "likely to crash than those who did so rarely."
    )
    written = "Drivers who used a phone at the wheel were about {} likely to crash."
    assert outcome(verifier, "polarity", written.format("40 percent less"), source) == "fail"
    assert outcome(verifier, "polarity", written.format("40 percent more"), source) == "ok"


def test_fewer_for_more_contradicts_but_a_comparison_from_its_other_end_does_not(verifier: Verifier) -> None:
    depot = passages("The operator said its new depot in Harwick would need more drivers than the old one.")
    written = "Harwick's new depot will have fewer drivers than the old one, according to the operator."
    assert outcome(verifier, "polarity", written, depot) == "fail"
    survey = passages("Women in the Brenford survey were more likely than men to report back pain.")
    converse = "In the Brenford survey, men proved less likely than women to report back pain."
    reversed_ = "In the Brenford survey, women proved less likely than men to report back pain."
    assert outcome(verifier, "polarity", converse, survey) != "fail"
    assert outcome(verifier, "polarity", reversed_, survey) == "fail"


def test_verbs_of_opposite_stance_contradict_in_a_copy(verifier: Verifier) -> None:
    assert opposed_stances("welcomed", "condemned") and not opposed_stances("welcomed", "praised")
    assert not opposed_stances("denied", "criticised")  # a denial is the accused side's case, not approval
    source = passages("Teachers' unions in Varlow welcomed the reform.")
    assert outcome(verifier, "polarity", "Teachers' unions in Varlow condemned the reform.", source) == "fail"
    assert outcome(verifier, "polarity", "Teachers' unions in Varlow praised the reform.", source) == "ok"


def test_a_particle_verb_is_one_word(verifier: Verifier) -> None:
    assert phrasal("strike", "down") == "strike_down" and phrasal("strike", "out") == "strike"
    source = passages("A federal judge in Corran on Friday struck down the city's curfew for teenagers.")
    assert outcome(verifier, "polarity", "A federal judge upheld the city's curfew for teenagers.", source) == "fail"
    assert outcome(verifier, "polarity", "A federal judge overturned the city's curfew for teenagers.", source) != (
        "fail"
    )


def test_a_statement_the_source_says_was_not_made(verifier: Verifier) -> None:
    source = passages(
        "Mayor Dana Ruiz said the Tessel bridge would reopen in June.",
        "She declined to say whether tolls would be raised.",
    )
    assert outcome(verifier, "polarity", "Mayor Dana Ruiz promised that tolls would be raised.", source) == "fail"
    assert outcome(verifier, "polarity", "Mayor Dana Ruiz said the Tessel bridge would reopen in June.", source) != (
        "fail"
    )


def test_a_hedge_in_reported_words_copied_up_to_a_clause(verifier: Verifier) -> None:
    source = passages(
        "Forecasters said the storm may have been the strongest to hit the Pellan coast since 1952, though they "
        "stressed that the readings were early."
    )
    certain = "Forecasters said the storm was the strongest to hit the Pellan coast since 1952."
    kept = "Forecasters said the storm may have been the strongest to hit the Pellan coast since 1952."
    assert outcome(verifier, "hedge_made_certain", certain, source) == "fail"
    assert outcome(verifier, "hedge_made_certain", kept, source) == "ok"


def test_would_states_a_prediction_that_a_possibility_does_not(verifier: Verifier) -> None:
    possible = passages("Economists warned that a dock strike could cost the port of Salwick up to $30 million a week.")
    predicted = passages("A dock strike will cost the port of Salwick $30 million a week, the port authority said.")
    written = "The port of Salwick would lose $30 million a week in a dock strike."
    assert outcome(verifier, "hedge_made_certain", written, possible) == "fail"
    assert outcome(verifier, "hedge_made_certain", written, predicted) != "fail"
