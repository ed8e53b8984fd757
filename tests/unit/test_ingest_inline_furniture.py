"""Furniture that opens or runs into a story's text: an outlet dateline, "Scroll down for video" (Smoke test 40b)."""

from __future__ import annotations

import pytest

from newsdesk.ingest import story_from_text
from newsdesk.ingest.clean import clean_body, without_dateline


@pytest.mark.parametrize(
    ("text", "story"),
    [
        ("(CNN)The last time Frank Jordan spoke with his son, he was at sea.", "The last time"),
        ("(CNN) -- Rescuers found the boat on Thursday.", "Rescuers found"),
        ("LONDON (Reuters) - Britain's economy grew 0.3 percent.", "Britain's economy"),
        ("WASHINGTON (AP) \u2014 The Senate passed the bill.", "The Senate"),
        ("NEW YORK (CNNMoney) -- Stocks fell on Monday.", "Stocks fell"),
        ("Washington, D.C. (CNN) -- A guard was shot.", "A guard"),
        ('(CNN)"A long, long time ago..." Those five words still move people.', '"A long, long'),
        ("(The Hollywood Reporter)Stan Freberg, the comic, has died.", "Stan Freberg"),
        ("CAIRO \u2014 Egypt's president said on Monday he would act.", "Egypt's president"),  # a place alone
    ],
)
def test_a_leading_dateline_leaves_by_its_form(text: str, story: str) -> None:
    assert without_dateline(text).startswith(story)


@pytest.mark.parametrize(
    "text",
    [
        "The Crown Prosecution Service (CPS) will reveal its decision on Monday.",  # a name's initials, then prose
        "The All Progressives Congress (APC) won 19 of the 28 governor posts.",
        "(From l-r) Lily Collins and Elle Fanning wearing Balenciaga.",  # a caption's aside: no capital inside
        "Lewis Hamilton (Britain) 1:39.105 in first practice.",
        "Officials said the (CNN)report was wrong.",  # not at the start
        "(CNN)",  # nothing but a dateline: left for the article check to judge
        "U.S. - China talks resumed on Monday.",  # an initialism and a dash: a name, not where it was filed
        "EU - China summit ends without a deal.",
    ],
)
def test_a_parenthesis_that_is_no_dateline_stays(text: str) -> None:
    assert without_dateline(text) == text


def test_a_story_given_as_one_paragraph_has_no_dateline_in_its_headline_or_body() -> None:
    """The headline of a story pasted as one paragraph is its first sentence: the dateline must leave both."""
    story = story_from_text(
        "(CNN)The last time Frank Jordan spoke with his son, Louis was fishing off the coast. "
        "More than two months passed before they spoke again. The son was found on Thursday."
    )
    assert story.headline.startswith("The last time Frank Jordan")
    assert story.body.startswith("The last time Frank Jordan")
    assert "(CNN)" not in story.body


def test_copy_with_two_datelines_loses_both_so_cleaning_twice_changes_nothing() -> None:
    once = clean_body("(CNN) -- LONDON (Reuters) - Markets were calm. (AP) shares were not traded.")
    assert once == "Markets were calm. (AP) shares were not traded."
    assert clean_body(once) == once


def test_an_instruction_to_scroll_the_page_leaves_wherever_it_stands() -> None:
    """Smoke test 40b #7: "Scroll down for video" ran between a sentence and a caption, and was drafted. It speaks
    of the page, as an imperative opening its own sentence; prose about scrolling stays."""
    body = (
        "Brown warned of a second referendum. Scroll down for video Gordon Brown, pictured, spoke in Glasgow.\n\n"
        "SCROLL DOWN FOR VIDEO FAKERS: only 44 per cent of the followers are real.\n\n"
        "She left. Scroll down to see more pictures of the day. Users can scroll down for hours on the app."
    )
    assert clean_body(body) == (
        "Brown warned of a second referendum. Gordon Brown, pictured, spoke in Glasgow.\n\n"
        "FAKERS: only 44 per cent of the followers are real.\n\n"
        "She left. Users can scroll down for hours on the app."
    )
