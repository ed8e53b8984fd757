"""Whom a "he" or "she" speaker stands for in the story map, and what the checker makes of a name written in its
place (smoke test 44 #1, #11). A personal pronoun agrees in gender with its antecedent; an antecedent is a person a
name puts in view, not a name used as a modifier ("Snow White dresses") or a paper ("the Gazette's report"); the
sentence right before a pronoun is the last one of a run whose stops were lost; "Greta" after "Greta Holm" is one
speaker. The texts are made up for these tests; they run the real spaCy pipeline and the real verifier."""

from __future__ import annotations

import pytest

from newsdesk.storymap import build_map
from newsdesk.verify import Verifier
from support.facts import outcome, passages
from support.stories import one_source

HEADLINE = "Tenants complain about the heating"


def _said(text: str) -> tuple[dict[str, str], dict[str, str]]:
    """The map's speaker of each statement, and the pronoun of each sentence whose speaker it could not name."""
    story_map = build_map(one_source([text], HEADLINE), HEADLINE)
    return {s.sentence: s.speaker for s in story_map.statements}, story_map.unnamed


LETTER = (
    "Tomas Berg posted a letter he had received from a tenant in which she complained about the heating. "
    "She then wrote: 'Nobody has fixed the boiler since March.'"
)
LETTER_QUOTE = "She then wrote: 'Nobody has fixed the boiler since March.'"


def test_she_never_stands_for_a_man_the_story_calls_he() -> None:
    """Berg is "he" in his own sentence, so the tenant's "she" cannot take him up; the tagger does not see the
    tenant as a name, so the words stay hers, unnamed, and are never given to Berg."""
    said, unnamed = _said(LETTER)
    assert said.get(LETTER_QUOTE) != "Tomas Berg", said
    assert unnamed.get(LETTER_QUOTE) == "she"


def test_a_title_says_a_persons_gender() -> None:
    text = (
        "Mr Tomas Berg runs the building on Quay Street. Yesterday Tomas Berg published a letter from a tenant. "
        "She wrote: 'Nobody has fixed the boiler since March.'"
    )
    said, _ = _said(text)
    assert said.get("She wrote: 'Nobody has fixed the boiler since March.'") != "Tomas Berg", said


def test_she_said_after_a_mans_quotation_is_not_him_going_on() -> None:
    text = "'The bridge will reopen in May,' Mr Karl Brandt said. 'It is safe,' she said."
    said, unnamed = _said(text)
    assert said.get("'It is safe,' she said.") != "Karl Brandt", said
    assert unnamed.get("'It is safe,' she said.") == "she"


def test_a_name_that_modifies_a_noun_is_no_antecedent() -> None:
    """ "Snow White dresses" names dresses: the "She" after it is still the woman the story is about."""
    text = (
        "Mara Quinn, 71, loves fancy dress. Her collection includes pirate hats and Snow White dresses. "
        "She said: 'I dress up every weekend.'"
    )
    said, _ = _said(text)
    assert said["She said: 'I dress up every weekend.'"] == "Mara Quinn"


def test_a_name_after_the_is_no_person() -> None:
    """English gives a person's name no article: "the Gazette's report" names a paper, which no "she" takes up."""
    text = (
        "Helen Ward runs the cafe on Quay Street. She read the Gazette's report on Monday. "
        "She said: 'Nothing in it is true.'"
    )
    said, _ = _said(text)
    assert said.get("She said: 'Nothing in it is true.'") != "Gazette", said


CUP = (
    "Coach Ivan Doyle will hand the cup to Rory Flint at the stadium on Friday. Doyle played for the club for ten "
    "years Travel plans will keep Flint away from the final on Sunday. He told reporters: 'I have promised to "
    "watch the next home game.'"
)
CUP_QUOTE = "He told reporters: 'I have promised to watch the next home game.'"


def test_the_sentence_before_a_pronoun_is_the_last_of_a_run_on() -> None:
    """A caption run into the story leaves "Doyle played ... Travel plans will keep Flint away ..." as one
    sentence; the "He" right after it takes up Flint, of the sentence that lost its stop, not Doyle."""
    said, _ = _said(CUP)
    assert said[CUP_QUOTE] == "Rory Flint"


def test_a_given_name_is_the_full_name_it_is_part_of() -> None:
    said, _ = _said("Greta Holm, 70, runs a dance class in Leith. Greta said: 'I will never stop dancing.'")
    assert said["Greta said: 'I will never stop dancing.'"] == "Greta Holm"


def test_a_given_name_two_people_share_stays_as_written() -> None:
    said, _ = _said(
        "Greta Holm, 70, runs a dance class in Leith with Greta Lund. Greta said: 'I will never stop dancing.'"
    )
    assert said["Greta said: 'I will never stop dancing.'"] == "Greta"


def test_the_preferred_antecedent_is_kept_where_gender_allows_it() -> None:
    said, _ = _said("Anna Kowal met Peter Lind at the harbour on Friday. She said: 'We agreed on the price.'")
    assert said["She said: 'We agreed on the price.'"] == "Anna Kowal"
    said, _ = _said("Peter Lind said the ferry would run again in May. He added: 'The repairs are nearly done.'")
    assert said["He added: 'The repairs are nearly done.'"] == "Peter Lind"


def test_a_subject_named_earlier_in_the_pronouns_own_sentence_is_nearer_than_the_sentence_before() -> None:
    text = (
        "Jim Mann runs the club. It was expected that Tom Locke would have been appointed permanently before now, "
        "but he dismissed reports that talks had stalled."
    )
    said, _ = _said(text)
    assert said[text.split(". ", 1)[1]] == "Tom Locke"
    surname = "It was expected that Locke would have been appointed by now, but he dismissed reports of a delay."
    said, _ = _said("Tom Locke took charge in May. Jim Mann runs the club. " + surname)
    assert said[surname] == "Tom Locke"  # a bare surname of a person named in full before
    asked = "Asked about Tom Locke, he said talks had stalled."
    said, _ = _said("Jim Mann runs the club. " + asked)
    assert said[asked] == "Jim Mann"  # a name that is no clause's subject does not compete


@pytest.fixture(scope="module")
def verifier() -> Verifier:
    return Verifier()


def test_a_mans_name_written_for_her_she_fails(verifier: Verifier) -> None:
    """The sources call Berg "he": a "she" of theirs is never him, so his name in its place fails."""
    sentence = "Tomas Berg then wrote: 'Nobody has fixed the boiler since March.'"
    assert outcome(verifier, "attribution", sentence, passages(LETTER)) == "fail"


def test_a_name_written_for_a_pronoun_is_checked_against_its_resolution(verifier: Verifier) -> None:
    wrong = "Ivan Doyle told reporters: 'I have promised to watch the next home game.'"
    right = "Rory Flint told reporters: 'I have promised to watch the next home game.'"
    assert outcome(verifier, "attribution", wrong, passages(CUP)) == "fail"
    assert outcome(verifier, "attribution", right, passages(CUP)) == "ok"
