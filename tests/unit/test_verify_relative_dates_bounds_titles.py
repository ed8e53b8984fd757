"""Figures, dates and titles read as the source tells them (smoke test 45, F6): a date counted from the time of
telling, a figure's comparative bound, a figure the source withdraws, and a title given by apposition. Made-up
sources; each failing sentence beside a fair one of the same source that passes."""

from __future__ import annotations

import pytest

from newsdesk.verify import Verifier
from support.facts import outcome, passages


@pytest.fixture(scope="module")
def verifier() -> Verifier:
    return Verifier()


MILL = passages(
    "The regional court on Tuesday annulled a river toll introduced by Brenford Council last year, finding that "
    "the council had no power to levy it.",
    "The judgment requires the council to repay roughly $9 million taken from some 27,000 boat owners.",
    "Chief executive Nora Vance said the council would study the judgment.",
    '"The toll was a mistake from the start," said Owen Marsh, chairman of the Brenford Boating Club.',
    "Council leader Priya Shah warned that the repayments could delay the new library next month.",
)

STORM = passages(
    "A storm flattened homes along the coast of southern Veldra on Sunday, killing at least 14 people, the fire "
    "service said.",
    "A first statement by the fire service had put the number of dead at 41; the service later corrected that "
    "figure, saying some names had been entered twice.",
)


def test_a_date_counted_from_the_telling_is_another_date(verifier: Verifier) -> None:
    """ "this year" and "last year" are two years, however alike the words."""
    wrong = "The regional court on Tuesday annulled a river toll introduced by Brenford Council this year."
    fair = "The regional court on Tuesday annulled a river toll introduced by Brenford Council last year."
    assert outcome(verifier, "figures_and_dates", wrong, MILL) == "fail"
    assert outcome(verifier, "figures_and_dates", fair, MILL) != "fail"
    assert (
        outcome(
            verifier,
            "figures_and_dates",
            "Council leader Priya Shah warned that the repayments could delay the new library this month.",
            MILL,
        )
        == "fail"
    )
    check = verifier.check(wrong, MILL)
    assert check.verdict == "contradicted" and check.details["decided_by"] == "figures_and_dates"


def test_a_bound_excludes_what_its_round_figure_would_round(verifier: Verifier) -> None:
    """ "more than 30,000" rounds 27,000 as a round figure, but its bound puts the value above 30,000."""
    wrong = "The judgment requires the council to repay roughly $9 million to more than 30,000 boat owners."
    assert outcome(verifier, "figures_and_dates", wrong, MILL) == "fail"
    for fair in (
        "The judgment requires the council to repay roughly $9 million to about 30,000 boat owners.",
        "The judgment requires the council to repay roughly $9 million to fewer than 30,000 boat owners.",
        "The judgment requires the council to repay roughly $9 million to nearly 30,000 boat owners.",
    ):
        assert outcome(verifier, "figures_and_dates", fair, MILL) != "fail", fair
    assert (
        outcome(
            verifier,
            "figures_and_dates",
            "The judgment requires the council to repay roughly $9 million to fewer than 25,000 boat owners.",
            MILL,
        )
        == "fail"
    )


def test_a_figure_the_source_corrected_is_no_evidence(verifier: Verifier) -> None:
    wrong = "A storm killed at least 41 people along the coast of southern Veldra on Sunday."
    fair = "A storm killed at least 14 people along the coast of southern Veldra on Sunday."
    told_as_earlier = "A first statement by the fire service put the number of dead at 41."
    assert outcome(verifier, "figures_and_dates", wrong, STORM) == "fail"
    assert outcome(verifier, "figures_and_dates", fair, STORM) != "fail"
    assert outcome(verifier, "figures_and_dates", told_as_earlier, STORM) != "fail"
    assert verifier.check(wrong, STORM).verdict != "supported"


def test_a_title_by_apposition_must_be_the_persons_own(verifier: Verifier) -> None:
    """An office is shared by whoever holds it: the club's name beside "chairman" in a source sentence about Owen
    Marsh does not make Priya Shah its chairman, and each title a sentence gives a person is a claim of its own."""
    for wrong in (
        "Priya Shah, chairman of the Brenford Boating Club, said the toll was a mistake.",
        "Chief executive Nora Vance, chairman of the Brenford Boating Club, said the toll was a mistake.",
    ):
        assert outcome(verifier, "roles_and_titles", wrong, MILL) == "fail", wrong
    fair = "Owen Marsh, chairman of the Brenford Boating Club, said the toll was a mistake from the start."
    assert outcome(verifier, "roles_and_titles", fair, MILL) != "fail"
    assert (
        outcome(verifier, "roles_and_titles", "Chief executive Nora Vance said the council would study it.", MILL)
        != "fail"
    )


VOTE = passages(
    "Alderman Peter Adeyemi, who proposed the scheme, said it would bring 400 jobs.",
    "His cousin, alderman Grace Adeyemi, voted against it.",
    "Adeyemi said the town could not pay the $60 million the builder asked for.",
)


def test_a_family_name_two_people_bear_is_the_nearest_ones(verifier: Verifier) -> None:
    """A bare family name takes up a person already named; with two of that name, the one named last."""
    wrong = "Peter Adeyemi said the town could not pay the $60 million the builder asked for."
    fair = "Grace Adeyemi said the town could not pay the $60 million the builder asked for."
    assert outcome(verifier, "attribution", wrong, VOTE) == "fail"
    assert outcome(verifier, "attribution", fair, VOTE) != "fail"
    assert outcome(verifier, "attribution", "Adeyemi said the town could not pay the $60 million.", VOTE) != "fail"


def test_an_attribution_reason_names_the_speaker_not_the_clause(verifier: Verifier) -> None:
    check = verifier.check("Grace Adeyemi said the scheme was going to create 400 jobs in the town.", VOTE)
    assert check.verdict == "contradicted" and check.details["decided_by"] == "attribution"
    reason = check.details["reason"]
    assert "Peter Adeyemi" in reason and "who proposed" not in reason and ",," not in reason


MATCH = passages(
    "The Harbour Gulls beat Castleford Rovers 2-1 on Sunday to win the regional shield.",
    "Forward Lena Okoro scored both goals, including a header in stoppage time.",
    "Rovers had gone ahead through a penalty by Sam Rudd.",
)


def test_an_action_given_to_another_person_of_the_story_fails(verifier: Verifier) -> None:
    """Rudd is named in the source, never as the doer of "scored both goals": the action is Okoro's."""
    wrong = "Sam Rudd scored both goals for the Gulls, including a header in stoppage time."
    fair = "Lena Okoro scored both goals for the Gulls, including a header in stoppage time."
    assert outcome(verifier, "conflation", wrong, MATCH) == "fail"
    assert outcome(verifier, "conflation", fair, MATCH) != "fail"


PESTS = passages(
    "Leeds has the most rats of any city in the county, the survey found.",
    "Harrogate has the most wasps, while Ripon reported the fewest call-outs.",
)


def test_a_thing_had_makes_the_predicate_of_a_light_verb(verifier: Verifier) -> None:
    """ "has the most wasps" is said of Harrogate; Leeds has the most rats, never the most wasps."""
    assert (
        outcome(verifier, "conflation", "Leeds had the most wasps, and Ripon reported the fewest call-outs.", PESTS)
        == "fail"
    )
    assert (
        outcome(verifier, "conflation", "Harrogate had the most wasps, and Ripon reported the fewest call-outs.", PESTS)
        != "fail"
    )


TALKS = passages(
    "Negotiator Ida Brun said on Friday that her opposite number, Finance Minister Tomas Keel, had told her the "
    "fisheries deal was finished for good.",
    "Keel denied saying so.",
)


def test_speech_reported_inside_anothers_is_not_first_hand(verifier: Verifier) -> None:
    """The source vouches only that Brun said Keel told her: Keel's words are her report, not his statement."""
    wrong = "Finance Minister Tomas Keel said the fisheries deal was finished for good."
    assert outcome(verifier, "attribution", wrong, TALKS) == "fail"
    for fair in (
        "Ida Brun said Keel had told her the fisheries deal was finished for good.",
        "Negotiator Ida Brun said Finance Minister Tomas Keel had told her the fisheries deal was finished.",
    ):
        assert outcome(verifier, "attribution", fair, TALKS) != "fail", fair
