"""The grammar a section's meaning is read from (``write.placement``)."""

from __future__ import annotations

from datetime import date

from newsdesk.write.placement import a_voice, own_conduct, tells_what_comes_next


def test_time_is_read_from_the_main_clause_and_the_story_date() -> None:
    day = date(2026, 3, 12)
    assert tells_what_comes_next("She said the council will vote on the route next week.", day)
    assert tells_what_comes_next("Construction is scheduled to begin in June.", day)
    assert tells_what_comes_next("The mayor announced plans to extend the route.", day)
    assert not tells_what_comes_next("The council approved the route on March 2.", day)
    assert not tells_what_comes_next("The board has published its report on the route.", day)
    # a modal perfect weighs what was
    assert not tells_what_comes_next("Scientists concluded the penis may have grown long to be conspicuous.", day)
    # "would not" after a verb of saying is a refusal, told as done
    assert not tells_what_comes_next("Her lawyer said he would not speak about the case.", day)
    # a "will" with an adverb of frequency tells what happens time and again
    assert not tells_what_comes_next("Every so often, a hiker will run across a concrete arrow in the desert.", day)


def test_own_conduct_and_voices_are_read_from_grammar() -> None:
    assert own_conduct('"We continue to invest in safety," the operator said.', "the operator")
    assert not own_conduct('"We condemn this reckless decision," the union said.', "the union")
    assert not own_conduct('"We will fight this illegal decision in court," Smith said.', "John Smith")
    assert not own_conduct('"We lost $80,000 in equipment," Maria Gonzalez said.', "Maria Gonzalez")
    assert not a_voice("Reuters reported earlier this month that the boats were late.", "Reuters", "report")
    assert not a_voice("Intelligence reports seen by the paper suggest the route will close.", "reports", "suggest")
    assert not a_voice("They mapped the brain, Discovery Magazine reported.", "Discovery Magazine", "report")
    assert a_voice("Patel said the council should have waited for a second bid.", "Raj Patel", "say")


def test_a_forbidding_modal_foresees_nothing_and_only_a_calendar_date_is_one_to_watch() -> None:
    """ "shouldn't do that" judges what is allowed, now; a time of day ("all night") or a bare number (an age) puts
    nothing on the calendar (smoke 44 #11)."""
    from newsdesk.write.placement import names_a_day

    day = date(2026, 3, 12)
    assert not tells_what_comes_next("His aunt said: 'No one thinks a grandmother shouldn't dance.'", day)
    assert tells_what_comes_next("His aunt said the club would close next year.", day)
    for written in ("all night", "the early hours", "20", "till 1am"):
        assert not names_a_day(written), written
    for written in ("next week", "April 2", "Tuesday", "2027", "this spring", "in two months"):
        assert names_a_day(written), written
