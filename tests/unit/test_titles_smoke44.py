"""Titles that state the news (smoke44 #6, #10): a label before a colon is no title, a headline's part after a
spaced dash or its second sentence is part of what it says, and a question is no safe title where it asks "why"
of what its subject is, speaks in the reporter's first person, or keeps a present under "did". Every headline and
story here is made up for the test."""

from __future__ import annotations

from newsdesk.write import fallback_title
from newsdesk.write.headline import sentence_case, with_articles
from newsdesk.write.title import question_from_headline
from newsdesk.write.title_safety import safe_question


def test_a_label_before_a_colon_is_never_the_whole_title() -> None:
    """'Storm Vella' names the topic; the clause after the colon states the news (smoke44 #6)."""
    body = (
        "At least nine people died in Storm Vella on Sunday, officials said. Many people are still missing as "
        "rivers rise across the valley."
    )
    headline = "Storm Vella: 9 dead and many missing as rivers rise"
    assert fallback_title(headline, body) == headline


def test_a_source_after_a_dash_stays_in_the_title() -> None:
    """'- lawyers' is the claim's source, not a site's name: a question without it states the claim as fact."""
    body = (
        "Lawyers for the family of the former mayor said on Monday that the family denied a fraud claim because "
        "the accounts were audited."
    )
    headline = "Mayor's family deny fraud claim - lawyers"
    assert fallback_title(headline, body) == headline


def test_a_but_clause_after_a_dash_stays_in_the_title() -> None:
    body = (
        "New port deals lifted exports from Tarnova because shipping costs fell. Economists say doubts remain "
        "about the long term."
    )
    headline = "New port deals lift Tarnova's exports - but doubts remain"
    assert fallback_title(headline, body) == headline


def test_a_site_name_after_a_dash_is_still_left_out() -> None:
    body = "The council closed the Elm Road library on Monday because its roof was unsafe."
    assert fallback_title("The Council Closes the Elm Road Library - The Daily Post", body) == (
        "Why did the council close the Elm Road library?"
    )


def test_a_headline_of_two_statements_is_asked_no_question_of_either() -> None:
    """The second sentence is the news about the first; a question of one drops the other."""
    body = (
        "Riverton promised cleaner buses last year because of pressure from parents. Riders say nothing has "
        "changed on the routes."
    )
    assert question_from_headline("Riverton Promised Cleaner Buses. Riders Say Nothing Has Changed.", body) is None


def test_why_is_not_asked_of_what_the_subject_is() -> None:
    """A predicate nominal classifies its subject; a predicate adjective or a progressive is a state or an event."""
    body = "Pondly is a messaging app for farmers, built because farmers lacked a shared channel."
    assert not safe_question("Why is Pondly a messaging app for farmers?", body)
    assert safe_question("Why is the lawyer suing three companies?", "The lawyer is suing them because they lied.")
    slow = "The region's best runners are still slow at altitude because the air is thin."
    assert safe_question("Why are the region's best runners still so slow at altitude?", slow)


def test_the_reporters_first_person_is_no_question_title() -> None:
    body = (
        "I spent a week riding a self-driving tractor because the maker invited reporters. The tractor learned "
        "the field quickly."
    )
    headline = "What I Learned Riding a Self-Driving Tractor"
    assert fallback_title(headline, body) == headline
    assert safe_question("Why did the US close the border?", "The US closed the border because of the storm.")


def test_did_leaves_no_present_inside_its_clause() -> None:
    """'Why did Mara Quill get what she wants?': "did" puts the event in the past, the clause under it is too."""
    body = "Mara Quill got what she wanted on Tuesday because the board backed her plan. Quill had asked for it."
    assert fallback_title("Mara Quill Gets What She Wants", body) == "Mara Quill Gets What She Wants"


def test_a_modified_name_the_story_gives_the_takes_the() -> None:
    body = (
        "The regulator said it would not back the third Coastal Safety Review. Authors of the Coastal Safety "
        "Review said the regulator gave no reason."
    )
    assert with_articles("Why did the regulator withhold backing from major Coastal Safety Review?", body) == (
        "Why did the regulator withhold backing from the major Coastal Safety Review?"
    )


def test_a_common_word_capitalised_only_inside_a_name_is_lowered_alone() -> None:
    """'Party' is capitalised in 'Liberal Party'; 'his own party' is the common noun."""
    body = (
        "The mayor's plan has split the Liberal Party over housing. Members of the Liberal Party disagree "
        "because the plan raises taxes."
    )
    assert fallback_title("How the Mayor's Plan Splits His Own Party", body) == (
        "How does the mayor's plan split his own party?"
    )


def test_a_word_english_lacks_keeps_its_capital_where_the_story_never_writes_it() -> None:
    """A summary that names no one gives no evidence of case; lowering 'Farouque' makes a word nobody has."""
    body = "The opposition party said that it would boycott the cabinet's oath ceremony."
    cased = sentence_case("Why Unions, NCP Boycotted Farouque Delmani's Swearing-In As Premier", body)
    assert "Farouque Delmani's" in cased
    assert "swearing-in" in cased
