"""A sentence lifted out of its story keeps what it means: a surname two people share is never given one full name,
a name is never doubled, a quotation's marks and a name's capitals stay as written, and a sentence whose pronoun,
definite description or connective needs the sentence before it is not drafted away from it (smoke test 45, F2,
F10, F15). Every story here is made up."""

from __future__ import annotations

from newsdesk.models import Passage, Source
from newsdesk.storymap import build_map
from newsdesk.storymap.quoting import balanced, opens_or_closes
from newsdesk.storymap.types import Statement
from newsdesk.write.antecedents import adds_to_before, depends_on_before, introduced
from newsdesk.write.core import compress
from newsdesk.write.grounded import GroundedDrafter


def _sources(paragraphs: list[str], headline: str) -> list[Source]:
    passages = [Passage(text=t, position=i, source_number=1, id=i + 1) for i, t in enumerate(paragraphs)]
    return [Source(number=1, title=headline, passages=passages)]


def _drafter(paragraphs: list[str], headline: str) -> GroundedDrafter:
    sources = _sources(paragraphs, headline)
    return GroundedDrafter.reading(sources, headline, build_map(sources, headline))


SHARED = [
    "Lowmoor town council voted 7-4 on Tuesday to reject a plan for a new ferry terminal.",
    (
        "Councillor Tom Abara, who backed the plan, said it would have brought 300 jobs. His cousin, councillor "
        "Ruth Abara, voted against it. Abara said the town could not afford the $40 million the operator wanted."
    ),
]


def test_a_surname_two_people_of_the_story_share_is_not_given_one_full_name() -> None:
    """Tom Abara and Ruth Abara: "Abara said ..." is either, so it is not published as Tom Abara's words."""
    drafter = _drafter(SHARED, "Council rejects ferry terminal")
    texts = [c.text for c in drafter.pool] + [c.as_given for c in drafter.pool]
    assert not any("could not afford" in t for t in texts), texts


def test_a_surname_one_person_of_the_story_has_is_still_given_in_full() -> None:
    """Where one person has the surname, the bare surname is that person, wherever the sentence stands."""
    one = [SHARED[0], SHARED[1].replace("His cousin, councillor Ruth Abara, voted against it. ", "")]
    drafter = _drafter(one, "Council rejects ferry terminal")
    assert any(c.text.startswith("Tom Abara said the town could not afford") for c in drafter.pool)


def test_a_surname_after_its_given_name_is_not_expanded_again() -> None:
    """A sentence that already names its speaker in full needs no expansion of its later bare surname."""
    sentence = "Lena Marsh made her first start for the club on Saturday, and ‘I was nervous all week,’ said Marsh."
    passage = Passage(text=sentence, position=0, source_number=1, id=1)
    statement = Statement(sentence=sentence, passage=passage, order=1, speaker="Lena Marsh", speaker_text="Marsh")
    assert statement.attributed == sentence


def test_a_quotation_that_opens_on_an_editors_brackets_is_whole() -> None:
    """An opening mark before bracketed words that stand in for the speaker's own is an opening mark."""
    sentence = (
        "A spokesperson for the ferry line said in a statement: “[Passenger safety] is our first concern. "
        "We will review every crossing.”"
    )
    assert balanced(sentence) == sentence
    assert not opens_or_closes(sentence)


def test_a_name_written_with_a_capital_inside_keeps_its_form_at_a_sentence_start() -> None:
    assert compress("iHarbour repeatedly declined to comment on the fares.") == (
        "iHarbour repeatedly declined to comment on the fares."
    )
    assert compress("But iHarbour repeatedly declined to comment.") == "iHarbour repeatedly declined to comment."
    assert compress("But the harbour declined to comment.") == "The harbour declined to comment."


def test_an_example_needs_the_statement_it_exemplifies() -> None:
    assert depends_on_before("For example, gulls nest on the old pier every spring.", None)
    assert depends_on_before("For instance, the night ferry runs empty in winter.", None)
    assert not depends_on_before("Gulls nest on the old pier every spring.", None)


def test_an_addition_cannot_open_but_an_embedded_also_can() -> None:
    assert adds_to_before("Mara also wasn't shy about defending the ferry plan.")
    assert adds_to_before("The harbour master too said the plan was sound.")
    assert adds_to_before("The operator even tried to blame the weather.")
    assert not adds_to_before("The council said it would also review the fares.")
    assert not adds_to_before("The ferry will run on Sundays too.")


def test_a_definite_description_of_a_thing_the_story_told_before_needs_it() -> None:
    """'the raid' takes up a raid the story told two sentences before; alone, or after another sentence, it names a
    raid the reader never met. Once the article has told of it (``known``), it stands; a noun its own words
    define stands too."""
    told = introduced("On Monday, customs officers raided the offices of the ferry operator.")
    lifted = "The operator condemned the raid in a statement."
    assert depends_on_before(lifted, "The operator's chief was questioned.", general_only=True, told=told)
    assert not depends_on_before(lifted, "The chief was questioned.", {"raid"}, general_only=True, told=told)
    assert not depends_on_before(
        "The operator condemned the raid on its offices.", "The chief was questioned.", general_only=True, told=told
    )
    assert not depends_on_before("The police said nothing.", "The chief was questioned.", general_only=True, told=told)


def test_the_location_takes_up_the_place_named_before() -> None:
    assert depends_on_before(
        "The location was deliberate: here the first ferry sailed in 1880.",
        "Delegates travelled to the old customs house near Leeds for the summit.",
        general_only=True,
    )


STORY = [
    "Harbour director Ada Quist resigned on Friday after an audit of the ferry accounts.",
    "Quist had run the harbour for a decade and oversaw the new terminal.",
    "On Monday, customs officers raided the offices of the ferry operator, Brenline.",
    "The operator's chief executive, Olav Brenn, was questioned for six hours.",
    "Brenline condemned the raid in a statement and denied any wrongdoing.",
    "Brenn hired the economist Ivo Sand to review the fares last year.",
    "According to his adviser, he appeared to be unsure how the fares were set.",
    "The harbour board will meet on Tuesday to name an interim director.",
]


def test_a_pronoun_subject_or_a_definite_description_is_given_only_after_its_antecedent() -> None:
    """In a takeaway, or after another sentence of a section, "he" would take up whoever that sentence names, and
    "the raid" names a raid no sentence told: each leans on the story's sentence before it, so it is given only
    right after that sentence (``leans_back``), never alone in a bullet. A sentence with its subject named leans on
    nothing."""
    drafter = _drafter(STORY, "Harbour director resigns after audit")
    drafter.take(1, lead=True)  # the dek
    by_text = {c.original: c for c in drafter.pool}
    assert drafter.leans_back(by_text[STORY[6]])
    assert drafter.leans_back(by_text[STORY[4]])
    assert not drafter.leans_back(by_text[STORY[5]])
    assert not drafter.leans_back(by_text[STORY[3]])
    bullets = [s.text for b in drafter.takeaways(7) for s in b.sentences]
    assert not any("he appeared" in b or "the raid" in b for b in bullets), bullets
