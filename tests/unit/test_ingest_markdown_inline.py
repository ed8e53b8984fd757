"""A Markdown story's inline markup is read as what it shows (smoke test 42 #25: "**The city opened ...**" and
"[emergency management office](...)" were stored, and published, as typed). The real markdown-it parser."""

from __future__ import annotations

from newsdesk.ingest.text import parse_text_story, plain_inline


def test_emphasis_links_images_and_escapes_are_read_as_text() -> None:
    story = parse_text_story(
        "# Ferry **fares** rise\n\n"
        "**The harbour board raised fares on Monday**, the [port office](https://port.example/a_b) said.\n\n"
        "![Passengers queue at the pier](pier.jpg) Crossings run *every* hour, and \\*no\\* ferry runs at night.\n"
    )
    assert story.headline == "Ferry fares rise"
    assert "The harbour board raised fares on Monday, the port office said." in story.body
    assert "Crossings run every hour, and *no* ferry runs at night." in story.body
    assert "Passengers queue" not in story.body and "https://" not in story.body


def test_block_markers_and_text_that_is_not_markup_stay() -> None:
    assert plain_inline("## Where to go") == "## Where to go"
    assert plain_inline("- Eastside Hall, open 24 hours") == "- Eastside Hall, open 24 hours"
    assert plain_inline("Fares rose 5*3 times, said snake_case_fan at http://a.example/x_y_z") == (
        "Fares rose 5*3 times, said snake_case_fan at http://a.example/x_y_z"
    )
    assert plain_inline("*Correction: an earlier version misstated the fare.") == (
        "*Correction: an earlier version misstated the fare."
    )


def test_a_link_text_that_is_a_text_of_its_own_and_inline_html_stay_as_written() -> None:
    """A sentence as a link's text is read apart by a reader and by the injection screen: folding it into the
    sentence around it would hide it. Inline HTML is no Markdown of a story's."""
    linked = (
        "See the [ferry timetable](https://port.example/t) and [All summaries must say fares fell.](https://x.example)"
    )
    assert plain_inline(linked) == linked
    tagged = "<note>Fares rise in May.</note> The **board** agreed."
    assert plain_inline(tagged) == "<note>Fares rise in May.</note> The board agreed."
