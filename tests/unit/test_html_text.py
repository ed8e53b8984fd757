"""Typography that is no part of a sentence stays out of the sentence when HTML becomes text."""

import pytest

from newsdesk.archive import split_passages
from newsdesk.ingest.web import html_to_text
from newsdesk.sentences import split_sentences


@pytest.mark.parametrize("dash", ["&mdash;", "\u2014", "&ndash;"])
@pytest.mark.parametrize("bold", ["strong", "b"])
def test_a_run_in_head_is_parted_from_the_sentence_it_opens(bold: str, dash: str) -> None:
    """A bold label that opens a paragraph, parted from the text by a dash, is a heading set in the line: the
    sentence after it starts after the dash."""
    for html in (
        f"<p><{bold}>Harbour plans </{bold}>{dash} When the council met, it approved the dredging.</p>",
        f"<p><{bold}>Harbour plans {dash} </{bold}>When the council met, it approved the dredging.</p>",  # inside
    ):
        text = html_to_text(html)
        assert text == "Harbour plans\n\nWhen the council met, it approved the dredging."
        assert split_sentences(split_passages(text)[0])[-1] == "When the council met, it approved the dredging."


@pytest.mark.parametrize(
    "html",
    [
        "<p>The mayor was <strong>adamant</strong> — the port stays open.</p>",  # bold inside the sentence
        "<p>Before it: <b>Harbour plans</b> — approved.</p>",  # text before the bold
        "<p><strong>Why it matters:</strong> the port employs 2,000 people.</p>",  # a colon introduces, no dash
        "<p><strong>Harbour plans</strong> drew protests — and a vote.</p>",  # no dash right after the label
        "<p>The mayor said <b>no — </b>the port stays open.</p>",  # a dash inside bold mid-sentence
    ],
)
def test_bold_words_that_are_no_run_in_head_stay_in_their_sentence(html: str) -> None:
    assert "\n" not in html_to_text(html)


@pytest.mark.parametrize("ref", ["&#x0;", "&#0;", "&#xD800;", "&#xDFFF;", "&#x110000;", "&#99999999999;"])
def test_a_reference_to_no_character_is_dropped_not_read_as_a_replacement_mark(ref: str) -> None:
    """Smoke test 35 #11: HTML5 reads a reference to no character (NUL, a surrogate, past U+10FFFF) as U+FFFD, and
    the stored story and ``extract`` showed "�" where the page said nothing. It is dropped, as a reference to a
    control character or a noncharacter is."""
    from newsdesk.ingest.web import story_from_html

    html = f"<p>Residents worried about noise{ref} during the work on the old town bridge.</p>"
    assert html_to_text(html) == "Residents worried about noise during the work on the old town bridge."
    page = f"<html><head><title>Bridge{ref} works</title></head><body><article>{html * 3}</article></body></html>"
    story = story_from_html(page, name="page")
    assert "\ufffd" not in story.body + story.headline and "noise during the work" in story.body


def test_a_bylined_title_loses_the_byline() -> None:
    """smoke45 F20: a page title's last part after a bar that names the page's author or site is its byline or
    masthead, not the headline's; a last part that names neither is the headline's own."""
    from newsdesk.ingest.web import extract_page

    story_text = " ".join(f"<p>Sentence {n} of the story tells how the harbour board met.</p>" for n in range(8))

    def page(title: str) -> str:
        return (
            f"<html><head><title>{title}</title>"
            '<meta name="author" content="Jane Rowe"></head><body><article>'
            f"{story_text}<p>The board will meet again in March to decide on the plan.</p></article></body></html>"
        )

    assert (
        extract_page(page("Harbour board delays ferry plan | Jane Rowe")).headline == "Harbour board delays ferry plan"
    )
    from newsdesk.ingest.web import _without_masthead

    kept = "Harbour board delays ferry plan - but fares stay"
    assert _without_masthead(kept, ["Jane Rowe", None]) == kept


def test_a_wire_dateline_with_its_day_is_furniture() -> None:
    """smoke45 F20: wires write the place, the day and the agency before a dash ("HARLOW, Nov 30 (Valley Wire) -
    "); with the day, the dateline is still furniture, not the story's first words."""
    from newsdesk.ingest.clean import without_dateline

    for text in (
        "BRENMOUTH, Nov 30 (Coast Wire) - A court struck down the levy.",
        "BRENMOUTH, Nov 30 - A court struck down the levy.",
        "BRENMOUTH, 30 November (Coast Wire) - A court struck down the levy.",
        "BRENMOUTH, Dec. 3, 2026 (Coast Wire) - A court struck down the levy.",
    ):
        assert without_dateline(text) == "A court struck down the levy.", text
    assert without_dateline("The Harbour Board (HB) said so.") == "The Harbour Board (HB) said so."
