"""Plain text wrapped at a width: the lines of one sentence are one paragraph, never crossheads to drop."""

from __future__ import annotations

from newsdesk.archive import split_passages
from newsdesk.ingest import story_from_text
from newsdesk.ingest.clean import clean_body

WRAPPED = """Harbour bridge approved

The city council on Tuesday approved a new harbour bridge that will
cost 40 million euros and open in 2028, the mayor said after a long
debate in which several members of the opposition argued that the
money should go to schools instead.

Work starts in spring.
"""


def test_a_hard_wrapped_paragraph_is_kept_whole() -> None:
    story = story_from_text(WRAPPED)
    first = story.body.split("\n\n")[0]
    assert first.startswith("The city council on Tuesday approved") and first.endswith("schools instead.")
    assert "cost 40 million euros" in first and "debate in which" in first
    assert any("40 million euros" in p and "2028" in p for p in split_passages(story.body))


def test_a_line_that_starts_in_capitals_still_starts_a_paragraph() -> None:
    body = "Road closures\nThe ring road closes on Monday.\nBuses run as usual.\n\niPhone sales fell by a tenth."
    assert clean_body(body).split("\n\n") == [
        "The ring road closes on Monday.",  # the crosshead is not glued to it, and is dropped as furniture
        "Buses run as usual.",
        "iPhone sales fell by a tenth.",  # a blank line ends a paragraph, whatever starts the next
    ]


def test_a_story_pasted_as_one_paragraph_is_headed_by_its_lead() -> None:
    """A headline is one line of at most one sentence; a file whose only line holds several is a story without
    a headline (a wire story pasted whole), not a headline without a story."""
    lead = "The city council on Tuesday approved a new harbour bridge that will cost 40 million euros."
    story = story_from_text(f"{lead} Work starts in spring, the mayor said. Critics want schools funded first.\n")
    assert story.headline == lead
    assert story.body.startswith(lead) and story.body.endswith("Critics want schools funded first.")


def test_a_published_date_is_read_in_the_forms_news_writes_it() -> None:
    from datetime import date

    from newsdesk.ingest.text import published_date

    today = date(2026, 2, 20)
    for written in ("2026-02-17", "2026-02-17T10:00:00+00:00", "Tue, 17 Feb 2026 10:00:00 GMT", "17 February 2026",
                    "February 17, 2026"):  # fmt: skip
        assert published_date(written, today) == "2026-02-17", written
    for unreadable in ("yesterday", "last Tuesday", "2026-13-45", "0001-01-01", "9999-12-31", "2026-02-22"):
        assert published_date(unreadable, today) is None, unreadable
    assert published_date("2026-02-21", today) == "2026-02-21", "a clock a day ahead is a time zone"


def test_short_lines_are_sentences_where_no_line_has_a_full_stop() -> None:
    """Smoke test 35 #4: a crosshead is a short unpunctuated line among prose that has punctuation; in a story with
    none (one sentence a line), three of four lines were dropped as headings and the article left empty."""
    body = (
        "A strong storm hit the coast on Tuesday cutting power to 20,000 homes the electricity board said\n"
        "Engineers said repairs would take two days\nSchools in Truro were closed as a precaution"
    )
    assert clean_body(body).split("\n\n") == [f"{line}." for line in body.split("\n")], "each line a sentence"
    punctuated = "Engineers at work\nRepairs will take two days, the board said.\nSchools in Truro\nThey closed."
    assert clean_body(punctuated).split("\n\n") == ["Repairs will take two days, the board said.", "They closed."]


def test_a_lone_unpunctuated_line_is_left_as_written() -> None:
    """One sentence a line needs lines: a feed's one-line summary without a full stop stays as written. A full stop
    added to it changed what the encoder read, and the world feeds' threading lost 7 of 40 pairs to it (precision
    0.95 -> 0.81)."""
    summary = "Rescuers search for ten missing skiers after an avalanche in California"
    assert clean_body(summary) == summary
