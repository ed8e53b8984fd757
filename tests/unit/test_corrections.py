"""A publisher's correction notice (``verify/_facts/_corrections``): the page says an earlier version of its story
gave a wrong figure and gives the right one. All text made up."""

from __future__ import annotations

from newsdesk.models import Passage
from newsdesk.verify import Verifier
from newsdesk.verify._facts._corrections import corrected, corrections
from newsdesk.verify._facts._superseded import superseding

NOTICE = [
    "Correction: A previous version of this article said the renovation of the library was expected to cost "
    "$4.2 million.",
    "It was expected to cost $2.4 million.",
    "The library will reopen in May, the council said.",
]
EARLIER = "The renovation of the library was expected to begin in January and cost $4.2 million."


def test_a_correction_notice_gives_what_the_story_should_have_said() -> None:
    """The clause the page said wrongly, with the right value the next sentence gives in place of the wrong one."""
    (notice,) = corrections(NOTICE)
    assert "$4.2 million" in notice.withdrawn
    assert notice.right == "the renovation of the library was expected to cost $2.4 million"
    assert notice.correcting == "It was expected to cost $2.4 million."


def test_an_earlier_sentence_that_gives_the_withdrawn_figure_is_corrected_and_others_are_not() -> None:
    notices = corrections(NOTICE)
    found = corrected(EARLIER, notices)
    assert found is not None and found.correcting == "It was expected to cost $2.4 million."
    assert corrected("The library holds 80,000 books, the librarian said.", notices) is None, "another quantity"
    assert corrected("A new sports hall was expected to cost $4.2 million.", notices) is None, "another thing's price"
    assert corrected(EARLIER, corrections(NOTICE[1:])) is None, "no notice: a sentence alone corrects nothing"


def test_a_notice_that_names_what_it_misstated_takes_it_up_in_the_correcting_sentences_pronoun() -> None:
    (notice,) = corrections(["An earlier version of this story misstated the number of seats.", "It is 240."])
    assert notice.right == "the number of seats is 240."


def test_a_notice_with_no_right_value_still_withdraws_the_wrong_one_and_leaves_the_right_one() -> None:
    """ "An earlier version ... incorrectly said the pool would reopen in May" withdraws May for the reopening,
    though no sentence after it gives the right month; a sentence that gives another month is not what it withdrew."""
    notices = corrections(["An earlier version of this story incorrectly said the pool would reopen in May."])
    assert corrected("The pool would reopen in May, the parks department said.", notices) is not None
    assert corrected("The pool would reopen in June, the parks department said.", notices) is None
    assert corrected("The pool first opened in May 1975.", notices) is None, "another event's month"


def test_news_after_a_notice_about_something_else_corrects_nothing() -> None:
    """The sentence after a notice gives its right value only where it takes up what the notice names (by a
    pronoun, or naming it again): a name misstated, then the council's vote date, is no corrected date."""
    notices = corrections(
        [
            "Correction: An earlier version of this story misstated the name of the council spokesman.",
            "The council will vote on March 3.",
        ]
    )
    assert corrected("The council will vote on March 1.", notices) is None


def test_the_right_value_stated_earlier_is_not_corrected() -> None:
    assert corrected("The renovation of the library was expected to cost $2.4 million.", corrections(NOTICE)) is None


def test_the_infinitive_after_due_has_the_copulas_subject() -> None:
    """ "The resurfacing was due to cost ..." measures the resurfacing's cost, as "the resurfacing will cost" does:
    the infinitive completes a word predicated of the copula's subject."""
    earlier = "The resurfacing was due to start in June and cost $3.1 million."
    assert superseding(earlier, ["The resurfacing was due to cost $1.3 million."])
    assert superseding(earlier, ["The resurfacing was due to start in June and cost $3.1 million."]) is None


def test_what_a_notice_says_was_wrong_is_no_evidence_for_it() -> None:
    """What the page says an earlier version said is not what the source asserts."""
    passages = [Passage(text=" ".join(NOTICE), story_id=1, position=0, source_number=1)]
    verifier = Verifier()
    checked = verifier.check("The renovation of the library was expected to cost $4.2 million.", passages)
    assert checked.verdict != "supported"
    assert verifier.corrected(EARLIER, passages) is not None
