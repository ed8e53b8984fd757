"""The general structural checks (scope, causation, conflation, affiliation, carried attribution): each fails a
sentence that changes what the source says in its own way, and passes a fair rewording of the same source. The
texts are made up for these tests; they run the real spaCy pipeline and the real verifier."""

from __future__ import annotations

import pytest

from newsdesk.verify import Verifier
from newsdesk.verify._checks import FACT_CHECKS as CHECKS
from support.facts import outcome
from support.facts import passages as _passages


@pytest.fixture(scope="module")
def verifier() -> Verifier:
    return Verifier()


def test_the_new_checks_are_registered() -> None:
    assert {"scope", "causation", "conflation", "affiliation"} <= set(CHECKS)


# ---------------------------------------------------------------------------------------------- scope

FERRY = _passages(
    "Harbourside has one of the oldest ferry fleets in the region, the port authority said.",
    "A number of passengers said the crossing was delayed by fog on Tuesday morning.",
    "Every ferry on the northern route was inspected in March.",
)


def test_a_wide_quantifier_where_the_source_is_narrow_fails(verifier: Verifier) -> None:
    assert outcome(verifier, "scope", "Harbourside has the oldest ferry fleet in the region.", FERRY) == "fail"
    assert (
        outcome(verifier, "scope", "Every passenger said the crossing was delayed by fog on Tuesday morning.", FERRY)
        == "fail"
    )


def test_the_same_scope_reworded_passes(verifier: Verifier) -> None:
    assert outcome(verifier, "scope", "Harbourside runs one of the oldest ferry fleets in the region.", FERRY) != "fail"
    assert (
        outcome(verifier, "scope", "Several passengers said fog delayed the crossing on Tuesday morning.", FERRY)
        != "fail"
    )
    # the source says "every" of the ferries itself
    assert outcome(verifier, "scope", "Every ferry on the northern route was inspected in March.", FERRY) != "fail"
    # "all but" is "almost", not a quantifier
    assert (
        outcome(verifier, "scope", "The fog all but stopped the crossing on Tuesday morning, passengers said.", FERRY)
        != "fail"
    )


def test_a_widened_clause_fails_beside_a_fronted_phrase_or_another_conjunct(verifier: Verifier) -> None:
    """The quantifier's clause is compared with the source, not the whole sentence: a fronted phrase ("In their
    view,") or a second clause says nothing of the noun and dilutes the whole sentence's alignment."""
    crews = "and its proud crews train for storms through the long northern winter months"
    for widened in (
        f"Harbourside has the oldest ferry fleet in the region, {crews}.",
        "By the account of its proud crews and long-serving captains, Harbourside has the oldest ferry fleet in "
        "the region.",
    ):
        assert outcome(verifier, "scope", widened, FERRY) == "fail", widened
    for fair in (
        f"Harbourside has one of the oldest ferry fleets in the region, {crews}.",
        f"Harbourside's ferry fleet is among the oldest in the region, {crews}.",
    ):
        assert outcome(verifier, "scope", fair, FERRY) != "fail", fair


# ---------------------------------------------------------------------------------------------- causation

ORCHARD = _passages(
    "The orchard lost half of its apple harvest this year.",
    "A late frost in April damaged the blossom across the valley.",
    "The cooperative raised its prices in June because its transport costs had doubled.",
)


def test_a_cause_the_sources_never_state_fails(verifier: Verifier) -> None:
    assert (
        outcome(
            verifier,
            "causation",
            "The orchard lost half of its apple harvest because the cooperative raised its prices in June.",
            ORCHARD,
        )
        == "fail"
    )


def test_a_cause_the_source_states_passes(verifier: Verifier) -> None:
    assert (
        outcome(
            verifier,
            "causation",
            "Because its transport costs had doubled, the cooperative raised its prices in June.",
            ORCHARD,
        )
        == "ok"
    )
    # a hedged link is the writer's reasoning
    assert (
        outcome(
            verifier,
            "causation",
            "The orchard may have lost half of its harvest because a late frost damaged the blossom.",
            ORCHARD,
        )
        == "n/a"
    )


COLLAPSE = _passages(
    "A footbridge over the Carrow canal collapsed on Friday morning, trapping two cyclists.",
    "The cause of the footbridge collapse is under investigation, the county said.",
    "A fire at the Ellis depot, whose cause is unknown, led to the evacuation of Mill Street.",
    "It is unclear why the ferry to Dunmore was cancelled.",
)


def test_a_cause_for_what_the_source_says_nobody_knows_fails(verifier: Verifier) -> None:
    for sentence in (
        "The footbridge over the Carrow canal collapsed because of poor maintenance.",
        "Corrosion caused the footbridge over the Carrow canal to collapse.",
        "The ferry to Dunmore was cancelled because of a strike.",
    ):
        assert outcome(verifier, "causation", sentence, COLLAPSE) == "fail", sentence


def test_an_event_of_unknown_cause_may_still_be_a_cause(verifier: Verifier) -> None:
    # the fire's cause is unknown; that the fire led to the evacuation the source states
    sentence = "The fire at the Ellis depot led to the evacuation of Mill Street."
    assert outcome(verifier, "causation", sentence, COLLAPSE) != "fail"
    hedged = "The footbridge over the Carrow canal may have collapsed because of poor maintenance."
    assert outcome(verifier, "causation", hedged, COLLAPSE) != "fail"


# ---------------------------------------------------------------------------------------------- conflation

LIBRARY = _passages(
    "Councillor Amara Osei asked librarian Tomas Berg whether the reading room could stay open on Sundays.",
    "Berg said the budget allowed it only in winter.",
)


def test_the_doer_exchanged_among_the_names_fails(verifier: Verifier) -> None:
    assert (
        outcome(
            verifier,
            "conflation",
            "Tomas Berg asked Amara Osei whether the reading room could stay open on Sundays.",
            LIBRARY,
        )
        == "fail"
    )


def test_the_doer_exchanged_in_other_words_fails(verifier: Verifier) -> None:
    # the doer opens the sentence (no word before it), or stands in focus in an it-cleft ("It was X who ...")
    for sentence in (
        "Berg then asked Osei whether the reading room could stay open on Sundays.",
        "It was Tomas Berg who then asked Amara Osei whether the reading room could stay open on Sundays.",
    ):
        assert outcome(verifier, "conflation", sentence, LIBRARY) == "fail", sentence
    fair = "It was Amara Osei who then asked Tomas Berg whether the reading room could stay open on Sundays."
    assert outcome(verifier, "conflation", fair, LIBRARY) == "ok"


def test_the_same_doer_in_other_words_passes(verifier: Verifier) -> None:
    assert (
        outcome(
            verifier, "conflation", "Amara Osei asked Tomas Berg if the reading room might open on Sundays.", LIBRARY
        )
        == "ok"
    )


TRUST = _passages(
    "Prosecutors said Lena Varga had moved the money into a trust registered in her sister's name.",
)


def test_a_thing_the_source_gives_to_a_relative_given_to_the_person_fails(verifier: Verifier) -> None:
    # a kinship term names someone other than its anchor: her sister's name is not Varga's
    assert outcome(verifier, "conflation", "The trust was registered in Varga's name.", TRUST) == "fail"
    assert outcome(verifier, "conflation", "The trust was registered in the name of Varga's sister.", TRUST) != "fail"


# ---------------------------------------------------------------------------------------------- affiliation

RACE = _passages(
    "Northfield coach Dana Reyes said her team had trained on the course for a month.",
    "The Riverside squad arrived on Friday.",
)


def test_a_title_qualified_by_another_name_fails(verifier: Verifier) -> None:
    assert (
        outcome(
            verifier,
            "affiliation",
            "Riverside coach Dana Reyes said her team had trained on the course for a month.",
            RACE,
        )
        == "fail"
    )
    assert (
        outcome(
            verifier,
            "affiliation",
            "Northfield coach Dana Reyes said her team had trained on the course for a month.",
            RACE,
        )
        == "ok"
    )


# ---------------------------------------------------------------------------------------------- attribution

GARDEN = _passages(
    "Neighbours gathered at the community garden on Saturday. Gardener Lena Park said the new beds were built by "
    "volunteers. 'We had no money for contractors.' 'The school lent us its tools for the whole summer.' Council "
    "officer Raj Mehta said the plot would stay open until October."
)


def test_an_unattributed_quotation_keeps_the_speaker_of_its_run(verifier: Verifier) -> None:
    assert (
        outcome(
            verifier,
            "attribution",
            "Raj Mehta said the school lent the gardeners its tools for the whole summer.",
            GARDEN,
        )
        == "fail"
    )
    assert (
        outcome(
            verifier,
            "attribution",
            "Lena Park said the school lent the gardeners its tools for the whole summer.",
            GARDEN,
        )
        != "fail"
    )


def test_a_participle_speaks_for_its_clauses_subject(verifier: Verifier) -> None:
    source = _passages(
        "Mayor Ana Silva praised the volunteers, saying the garden had brought the street together.",
        "Shop owner Joe Brandt said parking was still a problem.",
    )
    assert (
        outcome(verifier, "attribution", "Joe Brandt said the garden had brought the street together.", source)
        == "fail"
    )
    assert (
        outcome(verifier, "attribution", "Ana Silva said the garden had brought the street together.", source) != "fail"
    )


# ---------------------------------------------------------------------------------------------- order

BRIDGE = _passages(
    "The council closed the old bridge to traffic before the engineers published their safety report.",
    "After the report came out, the mayor called an emergency meeting.",
)


def test_two_events_in_the_reverse_order_fail(verifier: Verifier) -> None:
    assert (
        outcome(
            verifier,
            "order",
            "The engineers published their safety report, and only afterwards did the "
            "council close the old bridge to traffic.",
            BRIDGE,
        )
        == "fail"
    )
    assert (
        outcome(verifier, "order", "The mayor called an emergency meeting before the safety report came out.", BRIDGE)
        == "fail"
    )


def test_the_same_order_in_other_words_passes(verifier: Verifier) -> None:
    assert (
        outcome(
            verifier,
            "order",
            "The council closed the old bridge to traffic, and then the engineers published their safety report.",
            BRIDGE,
        )
        == "ok"
    )
    assert (
        outcome(
            verifier,
            "order",
            "The engineers published their safety report after the council closed the old bridge to traffic.",
            BRIDGE,
        )
        == "ok"
    )


# ---------------------------------------------------------------------------------------------- frequency


def test_rarely_against_can_be_fails(verifier: Verifier) -> None:
    source = _passages("Working from home can be isolating for new employees, the survey of office workers found.")
    assert (
        outcome(
            verifier,
            "polarity",
            "The survey found that working from home rarely feels isolating for new employees.",
            source,
        )
        == "fail"
    )
    assert (
        outcome(
            verifier,
            "polarity",
            "The survey found that working from home can feel isolating for new employees.",
            source,
        )
        != "fail"
    )


def test_a_pronoun_speaker_stands_for_the_person_named_before(verifier: Verifier) -> None:
    source = _passages(
        "Coach Mia Laine watched the final from the stands. She said the team had never played "
        "better. Club president Omar Haddad thanked the fans."
    )
    assert outcome(verifier, "attribution", "Omar Haddad said the team had never played better.", source) == "fail"
    assert outcome(verifier, "attribution", "Mia Laine said the team had never played better.", source) != "fail"


def test_a_written_he_said_stands_for_the_person_of_the_sentence_before(verifier: Verifier) -> None:
    source = _passages(
        "Councillor Ana Ruiz said the old bridge was safe for another decade. Engineer Tom Hale warned that the "
        "bridge was too old and should be replaced with a new one."
    )
    view = "She said the bridge is too old and should be replaced with a new one."
    draft = ["Ana Ruiz spoke at the council meeting.", view]
    [_, wrong] = verifier.check_many([(s, "fact") for s in draft], source, ["", draft[0]])
    assert wrong.details["decided_by"] == "attribution" and not wrong.supported
    draft = ["Tom Hale spoke at the council meeting.", view.replace("She", "He")]
    [_, right] = verifier.check_many([(s, "fact") for s in draft], source, ["", draft[0]])
    assert right.details["decided_by"] != "attribution"
    [alone] = verifier.check_many([(view, "fact")], source)  # no sentence before: the pronoun is not judged
    assert alone.details["decided_by"] != "attribution"


def test_a_source_sentence_copied_word_for_word_keeps_the_sources_speakers(verifier: Verifier) -> None:
    """Its "he" is the source's "he", and the view it gives to a named speaker stays that speaker's: read through
    the written sentence before it, the copy was judged given to the person that sentence names."""
    source = _passages(
        "In an interview, Mayor Lena Ortiz said the flooding had been the hardest test of her term. She vowed to "
        "rebuild the harbour wall, but the city's chief engineer Paul Brandt said the mayor did not sound sure."
    )
    copy = (
        "She vowed to rebuild the harbour wall, but the city's chief engineer Paul Brandt said the mayor did not "
        "sound sure."
    )
    [check] = verifier.check_many([(copy, "fact")], source, ["Lena Ortiz said the flooding had tested her term."])
    assert check.supported, check.details.get("decided_by")


# ---------------------------------------------------------------------------------------------- places

MATCHES = _passages(
    "Hartwell beat Ashby 3-0 in Lindford on Saturday in front of a record crowd.",
    "Ashby play their home games at Mere Park, which was rebuilt last year.",
)


def test_an_event_moved_to_another_place_fails(verifier: Verifier) -> None:
    assert (
        outcome(
            verifier, "places", "Hartwell beat Ashby 3-0 at Mere Park on Saturday in front of a record crowd.", MATCHES
        )
        == "fail"
    )
    assert (
        outcome(verifier, "places", "Hartwell beat Ashby 3-0 in Lindford on Saturday before a record crowd.", MATCHES)
        != "fail"
    )


# ---------------------------------------------------------------------------------------------- hedges


def test_a_modal_hedges_its_subject_too(verifier: Verifier) -> None:
    source = _passages(
        "Engineers warned on Monday that the harbour wall might collapse during the winter storms.",
        "The harbour wall was built in 1962 and repaired twice since.",
    )
    assert (
        outcome(verifier, "hedge_made_certain", "The harbour wall will collapse during the winter storms.", source)
        == "fail"
    )
    # the subject alone is not the hedged claim: another predicate of the same wall is not hedged
    assert (
        outcome(
            verifier, "hedge_made_certain", "The harbour wall was built in 1962 and has been repaired twice.", source
        )
        != "fail"
    )


# ---------------------------------------------------------------------------------------------- units and dates

FOOTBRIDGE = _passages(
    "The old footbridge over the Mill River is 120ft long and was opened in May, 1962.",
    "Engineers said a replacement would take 18 months to build and weigh about 40 tonnes.",
    "The council first discussed closing the crossing in March 2019.",
)


def test_a_number_kept_in_another_unit_fails(verifier: Verifier) -> None:
    assert outcome(
        verifier, "figures_and_dates", "The footbridge over the Mill River is 120 metres long.", FOOTBRIDGE
    ) == ("fail")
    assert outcome(verifier, "figures_and_dates", "A replacement would take 18 years to build.", FOOTBRIDGE) == "fail"
    assert outcome(verifier, "figures_and_dates", "The new bridge would weigh about 40 pounds.", FOOTBRIDGE) != "fail"


def test_a_quantity_converted_or_in_its_own_unit_passes(verifier: Verifier) -> None:
    assert outcome(
        verifier, "figures_and_dates", "The footbridge over the Mill River is 37 metres long.", FOOTBRIDGE
    ) == ("ok")
    assert outcome(verifier, "figures_and_dates", "The Mill River footbridge is 120 feet long.", FOOTBRIDGE) == "ok"
    assert outcome(
        verifier, "figures_and_dates", "A replacement would take a year and a half: 18 months.", FOOTBRIDGE
    ) == ("ok")


def test_a_month_given_another_year_fails(verifier: Verifier) -> None:
    assert (
        outcome(verifier, "figures_and_dates", "The Mill River footbridge was opened in May 1965.", FOOTBRIDGE)
        == "fail"
    )
    assert (
        outcome(
            verifier,
            "figures_and_dates",
            "The council first discussed closing the crossing in June 2019.",
            (FOOTBRIDGE),
        )
        == "fail"
    )


def test_a_month_and_year_the_source_gives_passes(verifier: Verifier) -> None:
    assert (
        outcome(verifier, "figures_and_dates", "The Mill River footbridge was opened in May 1962.", FOOTBRIDGE) == "ok"
    )
    # a month and year no source sentence about the same thing dates otherwise: not this check's to fail
    assert outcome(verifier, "figures_and_dates", "Rail services resumed in May 1965.", FOOTBRIDGE) != "fail"


def test_before_swapped_for_after_in_a_near_copy_reverses_the_order(verifier: Verifier) -> None:
    rescue = _passages("The ferry drifted for six hours before the coastguard reached it, the skipper said.")
    reversed_order = "The ferry drifted for six hours after the coastguard reached it, the skipper said."
    assert outcome(verifier, "polarity", reversed_order, rescue) == "fail"
    turned_round = "The coastguard reached the ferry after it had drifted for six hours, the skipper said."
    assert outcome(verifier, "polarity", turned_round, rescue) != "fail"


def test_a_duration_in_words_kept_in_another_unit_fails(verifier: Verifier) -> None:
    trial = _passages("The fraud trial at Mill Street court lasted two weeks and ended with a fine on Friday.")
    assert outcome(verifier, "figures_and_dates", "The fraud trial at Mill Street court lasted two months.", trial) == (
        "fail"
    )
    assert outcome(verifier, "figures_and_dates", "The fraud trial at Mill Street court lasted 14 days.", trial) == (
        "ok"
    )


LEASE = _passages(
    "The county library on Elm Street faces a 12-year lease dispute with its landlord, court papers show.",
    "Its head librarian, Mara Quint, has run the branch for nine years and plans to retire in three months.",
    "Six weeks after the flood, volunteers reopened the reading room. Its repairs took four weeks.",
)


def test_a_span_of_time_retold_as_a_time_ago_fails(verifier: Verifier) -> None:
    """A length that measures how long something lasts is no distance from now: the dispute is no 12 years old."""
    assert outcome(verifier, "figures_and_dates", "The lease dispute began 12 years ago.", LEASE) == "fail"
    assert outcome(verifier, "figures_and_dates", "Mara Quint will retire three months later.", LEASE) != "fail"
    assert outcome(verifier, "figures_and_dates", "The library closed four weeks ago.", LEASE) == "fail"


def test_a_span_up_to_now_or_a_distance_supports_a_time_ago(verifier: Verifier) -> None:
    """A span that runs up to now places its start that far back; a source's own distance is one too."""
    assert outcome(verifier, "figures_and_dates", "Mara Quint took over the branch nine years ago.", LEASE) == "ok"
    assert (
        outcome(verifier, "figures_and_dates", "Volunteers reopened the reading room six weeks later.", LEASE) == "ok"
    )
    assert outcome(verifier, "figures_and_dates", "The library faces a dispute over a 12-year lease.", LEASE) == ("ok")


SQUAD = _passages(
    "Coach Tomas Herrera watched the final from the bench. 'This title belongs to Daniel Brooks, who built this squad "
    "over ten years. He later said the club would celebrate with its fans on Sunday."
)


def test_the_checker_reads_who_said_it_as_the_story_map_does(verifier: Verifier) -> None:
    """The "he" is the coach: the name inside the quotation left open is his words, not a person in view."""
    said = "said the club would celebrate with its fans on Sunday."
    assert outcome(verifier, "attribution", f"Daniel Brooks {said}", SQUAD) == "fail"
    assert outcome(verifier, "attribution", f"Tomas Herrera {said}", SQUAD) != "fail"
