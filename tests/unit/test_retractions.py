"""What a source withdraws is not news, and what it puts right is: a report the next sentence calls false is never
given alone, and a correction whose pronoun takes up what a publisher's notice says a story got wrong is given with
that matter in the pronoun's place, its contrast kept."""

from __future__ import annotations

from newsdesk.language import nlp
from newsdesk.storymap import build_map
from newsdesk.storymap.retractions import corrected_by_notice, retracts_what_went_before
from newsdesk.write.grounded import GroundedDrafter
from support.stories import one_source

HEADLINE = "Correction: ferry fares report"
NOTICE = [
    (
        "A report published on Monday about the island ferry said single fares would double to 12 pounds in May. "
        "That was wrong. Single fares will stay at 6 pounds until at least October, the ferry company said."
    ),
    "The report also misspelled the name of the company's harbour master. He is Tomas Varga, not Tomas Vargas.",
    "We apologise for the mistakes.",
]


def test_a_report_the_next_sentence_calls_false_is_retracted() -> None:
    """A subject that points back and a predicate that judges it false (or denies it true) retracts; a predicate
    that judges it otherwise, or a subject that names something else, does not."""
    for text in ("That was wrong.", "This figure is incorrect.", "That was not true.", "It was an error."):
        assert retracts_what_went_before(nlp()(text)), text
    for text in ("That was a good decision.", "The fare was wrong for families.", "That is true."):
        assert not retracts_what_went_before(nlp()(text)), text


def test_a_correction_takes_up_what_the_notice_says_the_story_got_wrong() -> None:
    notice = nlp()("The report also misspelled the name of the company's harbour master.")
    assert (
        corrected_by_notice(notice, nlp()("He is Tomas Varga, not Tomas Vargas."))
        == "The name of the company's harbour master is Tomas Varga, not Tomas Vargas."
    )
    # no notice of a story's error before it: the pronoun is left to the sentence before
    plain = nlp()("The company hired a new harbour master.")
    assert corrected_by_notice(plain, nlp()("He is Tomas Varga, not Tomas Vargas.")) == ""


def test_the_dek_and_takeaways_give_the_correction_and_never_the_withdrawn_claim_alone() -> None:
    """The dek is the first whole sentence of the story's opening (``take(1, lead=True)``): the withdrawn claim
    ("fares would double to 12 pounds") must not be it, nor a takeaway; the right value is the news, and the
    corrected name stands with its contrast."""
    sources = one_source(NOTICE, HEADLINE, "2026-12-06")
    story_map = build_map(sources, HEADLINE)
    assert any("would double" in s for s in story_map.unusable)
    drafter = GroundedDrafter.reading(sources, HEADLINE, story_map)
    dek = drafter.take(1, lead=True)
    assert [c.text for c in dek] == [
        "Single fares will stay at 6 pounds until at least October, the ferry company said."
    ]
    told = [c.text for c in drafter.pool]
    assert not any("12 pounds" in t for t in told)
    assert "The name of the company's harbour master is Tomas Varga, not Tomas Vargas." in told
    bullets = [s.text for block in drafter.takeaways(3) for s in block.sentences]
    bullets += [c.text for c in drafter.take(60, lead=True)]
    assert not any("12 pounds" in t for t in bullets)
    assert any("Tomas Varga, not Tomas Vargas" in t for t in bullets)


def test_a_report_that_is_not_called_false_is_still_drafted() -> None:
    texts = [
        "A report published on Monday said single fares would double to 12 pounds in May. That was the third rise "
        "this year."
    ]
    story_map = build_map(one_source(texts, HEADLINE), HEADLINE)
    assert not any("would double" in s for s in story_map.unusable)
