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
