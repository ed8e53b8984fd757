"""Mood read from the parse (``verify/_facts/_mood.py``): a sentence that states as done, in its own words, what
the source has only as a plan, an expectation, an open question or hearsay fails ``stated_as_done``; a plan
reworded as a plan, a done thing reported as done, a polite "would like to" and a past habit do not. The texts are
made up for these tests; they run the real spaCy pipeline and the real verifier (with its encoder)."""

from __future__ import annotations

import pytest

from newsdesk.language import parse
from newsdesk.verify import Verifier
from newsdesk.verify._facts._clause_mood import clauses, irrealis, realis
from support.facts import outcome
from support.facts import passages as _passages

SOURCE = _passages(
    "Having settled the budget, the harbour board will next month turn its attention to the leases of six fishing "
    "firms whose contracts run out in the spring.",
    "Mayor Ellen Hart has not decided yet whether she is standing for a third term, although her allies expect it.",
    "The refit is likely to cost the ferry operator about £40,000, a spokesman said.",
    "Asked about the stadium, the chairman hinted that if the council agreed, he would sell the ground to a developer.",
    "The old lighthouse keeper swam out to the stricken trawler in the storm, legend has it.",
    "The museum plans to reopen its east wing in June after the roof repairs.",
    "The council approved the library budget on Tuesday and will publish the spending plan next week.",
    "'We would like to apologise to every passenger affected by the cancellations,' the airline said.",
    "'On a good night I'd sell forty pies at the market,' the baker said.",
    "The lifeboat crew tried to free the yacht from the rocks before towing it back to the harbour.",
)


@pytest.fixture(scope="module")
def verifier() -> Verifier:
    return Verifier()


@pytest.mark.parametrize(
    "sentence",
    [
        "The harbour board has already reopened talks with the six fishing firms about their leases.",
        "Mayor Ellen Hart has confirmed that she will stand for a third term.",
        "The ferry operator has confirmed that the refit will cost it £40,000.",
        "The chairman has already sold the ground to a developer.",
        "In the storm the old lighthouse keeper swam out to the stricken trawler.",
        "The museum reopened its east wing in June once the roof was repaired.",
        "The council has published the spending plan for the library.",
    ],
)
def test_a_plan_an_expectation_an_open_question_or_hearsay_stated_as_done_fails(
    verifier: Verifier, sentence: str
) -> None:
    assert outcome(verifier, "stated_as_done", sentence, SOURCE, by_meaning=True) == "fail"


@pytest.mark.parametrize(
    "sentence",
    [
        # a plan reworded that stays a plan, an open question that stays open, hearsay kept as hearsay
        "The museum intends to reopen the east wing in June, once the roof has been repaired.",
        "Mayor Ellen Hart is still weighing whether to stand for a third term.",
        "The refit is expected to cost the operator around £40,000.",
        "The chairman said he would sell the ground to a developer if the council agreed.",
        "According to legend, the old lighthouse keeper swam out to the stricken trawler in the storm.",
        # what the source reports as done, in the past tense and other words
        "The library budget was approved by the council on Tuesday.",
        # a polite "would like to" is the apology itself; "I'd sell" is a past habit
        "The airline apologised to the passengers affected by the cancellations.",
        "On a good night the baker sold forty pies at the market.",
        # an adjunct of an attempt is told as done ("tried to free ... before towing"); the same verb and subject
        # with other things is another event ("whether she is standing for a third term")
        "The lifeboat crew towed the yacht back to the harbour.",
        "Mayor Ellen Hart has stood for the council in four elections.",
    ],
)
def test_a_plan_kept_a_plan_and_a_done_thing_reported_done_pass(verifier: Verifier, sentence: str) -> None:
    assert outcome(verifier, "stated_as_done", sentence, SOURCE, by_meaning=True) != "fail"


def _mood(sentence: str, verb: str) -> tuple[str, str]:
    [token] = [t for t in parse(sentence) if t.text == verb]
    return realis(token), irrealis(token)


def test_a_past_a_perfect_already_and_a_settled_future_are_realis() -> None:
    assert _mood("The board met on Monday.", "met")[0] == "met"
    assert _mood("The board has approved the plan.", "approved")[0] == "has approved"
    assert _mood("The board is already in talks and has already voted.", "voted")[0] == "already voted"
    assert _mood("The mayor has confirmed that she will stand.", "stand")[0] == "confirmed stand"
    assert _mood("The mayor has confirmed that she may stand.", "stand")[0] == ""
    assert _mood("The board did not meet on Monday.", "meet")[0] == ""  # a denial is polarity's to judge


def test_a_modal_a_governor_a_condition_and_hearsay_leave_a_clause_open() -> None:
    assert _mood("The board will meet on Monday.", "meet")[1] == "will"
    assert _mood("The board is set to approve the plan.", "approve")[1] == "set to"
    assert _mood("The board is going to approve the plan.", "approve")[1] == "going to"
    assert _mood("The club is considering selling the ground.", "selling")[1] == "considering"
    assert _mood("He has not decided whether he is riding.", "riding")[1] == "whether"
    assert _mood("The keeper swam to the boat, legend has it.", "swam")[1] == "legend has it"
    assert _mood("The keeper reportedly swam to the boat.", "swam")[1] == "reportedly"
    assert _mood("She said that if the council agreed, he would sell the ground.", "sell")[1] == "would"


def test_a_habit_a_polite_would_a_past_ability_and_a_had_are_not_open() -> None:
    assert _mood("'On a good night I'd sell forty pies,' he said.", "sell")[1] == ""
    assert _mood("We would like to apologise to passengers.", "apologise")[1] == ""
    assert _mood("They held him until the police could arrive.", "arrive")[1] == ""
    assert _mood("'I'd just moved to London,' she said.", "moved")[1] == ""
    assert _mood("Smith, who would later become president, was born in Ohio.", "become")[1] == ""


def test_a_pronoun_subject_is_the_subject_above_it() -> None:
    [ask] = [c for c in clauses(parse("Mr Hale said that he would ask the board.")) if c.predicate.verb == "ask"]
    assert ask.irrealis == "would" and ask.subject == frozenset({"hale"})
    [sign] = [c for c in clauses(parse("The club asked the player to sign.")) if c.predicate.verb == "sign"]
    assert sign.subject == frozenset({"player"})  # an infinitive's subject is the object above it


ORCHARD = _passages(
    "Growers fear that the late frost could ruin the cider orchard's apple harvest this year.",
    "There are worries that the county will close the orchard's farm shop.",
    "The cooperative is set to open a second pressing barn in May, and its manager plans to hire ten pickers.",
    "There were concerns that were raised at the meeting, and the cooperative will repair the orchard fences.",
)


@pytest.mark.parametrize(
    "sentence",
    [
        "The late frost will ruin the cider orchard's apple harvest this year.",
        "The county will close the farm shop at the orchard.",
    ],
)
def test_a_possibility_or_a_fear_stated_as_a_certain_future_fails(verifier: Verifier, sentence: str) -> None:
    """What a source gives as feared or possible, a writer's "will" states as certain."""
    assert outcome(verifier, "stated_as_done", sentence, ORCHARD) == "fail"


def test_a_near_copy_that_drops_a_noun_of_attitude_drops_a_hedge(verifier: Verifier) -> None:
    """ "There are worries that | X" governs X as "Growers fear that | X" does; "reports that" reports, it is kept."""
    assert outcome(verifier, "hedge_made_certain", "The county will close the orchard's farm shop.", ORCHARD) == "fail"
    reported = _passages("The county reported that it will close the orchard's farm shop.")
    assert outcome(verifier, "hedge_made_certain", "The county will close the orchard's farm shop.", reported) != (
        "fail"
    )


@pytest.mark.parametrize(
    "sentence",
    [
        "The cooperative will open a second pressing barn in May.",
        "The cooperative will repair the orchard fences.",
        "Growers say the late frost could ruin this year's apple harvest.",
    ],
)
def test_a_forecast_restated_with_will_passes(verifier: Verifier, sentence: str) -> None:
    """A schedule or a plain future may be restated with "will"; a relative clause under "concerns" is no fear."""
    assert outcome(verifier, "stated_as_done", sentence, ORCHARD) != "fail"


def test_a_noun_of_attitude_leaves_its_content_clause_open() -> None:
    (shop,) = [t for t in parse("There are worries that the county will close the farm shop.") if t.lower_ == "close"]
    assert irrealis(shop, own_modal=False) == "worries"
    (raised,) = [t for t in parse("There were concerns that were raised at the meeting.") if t.lower_ == "raised"]
    assert irrealis(raised, own_modal=False) == ""


def test_a_forecast_of_what_the_source_leaves_an_open_question_fails(verifier: Verifier) -> None:
    """ "is set to reopen" forecasts what "has not said whether it will reopen" leaves open, even where the
    sentence's other words align it with other source sentences."""
    source = _passages(
        "The cooperative's cider orchard lost half its trees in the storm, and its farm shop closed in March.",
        "The county has not said whether it will reopen the cider press.",
        "Volunteers planted 200 new apple trees along the orchard's east wall on Saturday.",
    )
    sentence = "The county is set to reopen the cider press next spring, with new apple trees along the east wall."
    assert outcome(verifier, "stated_as_done", sentence, source) == "fail"
    kept = "The county has not yet said whether the cider press will reopen."
    assert outcome(verifier, "stated_as_done", kept, source) != "fail"


def test_a_hope_or_an_attempt_stated_with_will_fails(verifier: Verifier) -> None:
    """A wish or an attempt commits to nothing: "will" restates a plan, not a hope."""
    source = _passages(
        "Growers hope that the cider orchard will reopen its farm shop in May.",
        "The cooperative plans to open a second pressing barn in June.",
    )
    hoped = "In May, the cider orchard will reopen the shop where it sells its farm produce."
    assert outcome(verifier, "stated_as_done", hoped, source) == "fail"
    assert outcome(verifier, "stated_as_done", "The cooperative will open a second pressing barn in June.", source) != (
        "fail"
    )


UNDER_WAY = _passages(
    "The retired ferry captain is selling his collection of ship models at an auction in the town hall.",
    "Volunteers are repainting the lifeboat station, and the harbour trust is slowly restoring its old crane.",
    "The rowing club is selling raffle tickets to pay for a new boat shed.",
    "The harbour trust is urging visitors to keep off the breakwater during the works.",
)


@pytest.mark.parametrize(
    "sentence",
    [
        "The retired ferry captain has sold his collection of ship models at an auction in the town hall.",
        "At the town hall auction, the retired ferry captain sold his collection of ship models.",
        "Volunteers have repainted the lifeboat station.",
    ],
)
def test_an_event_under_way_stated_as_done_fails(verifier: Verifier, sentence: str) -> None:
    """The imperfective paradox: "is selling his collection" does not say it is sold (``_aspect``), in a near copy
    of the source as in other words."""
    assert outcome(verifier, "stated_as_done", sentence, UNDER_WAY, by_meaning=True) == "fail"


@pytest.mark.parametrize(
    "sentence",
    [
        "The retired ferry captain is auctioning his collection of ship models at the town hall.",
        "The rowing club has sold raffle tickets to pay for a new boat shed.",  # an unbounded theme: it has, some
        "The harbour trust has urged visitors to keep off the breakwater during the works.",  # a saying is done
        "The harbour trust has slowly restored parts of its old crane.",  # a gradual change, as far as it has gone
    ],
)
def test_an_event_under_way_told_as_such_or_done_once_begun_passes(verifier: Verifier, sentence: str) -> None:
    assert outcome(verifier, "stated_as_done", sentence, UNDER_WAY, by_meaning=True) != "fail"


def test_a_past_progressive_and_a_source_that_tells_the_end_are_not_read_as_under_way(verifier: Verifier) -> None:
    ended = _passages(
        "The ferry captain is selling his collection of ship models this week.",
        "On Saturday he sold his collection of ship models to a museum in Bristol.",
    )
    sold = "The ferry captain has sold his collection of ship models."
    assert outcome(verifier, "stated_as_done", sold, ended, by_meaning=True) != "fail"
    narrative = _passages("The keeper was holding the boy's hand when the wave struck the pier.")
    held = "The keeper held the boy's hand when the wave struck the pier."
    assert outcome(verifier, "stated_as_done", held, narrative, by_meaning=True) != "fail"
