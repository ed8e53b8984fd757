"""A speaker's quotation is never drafted in the article's voice, and a sentence that needs the one before it in
its source never opens the intro or a section (smoke test 42 #1, #3, #7, #9, #15). Made-up stories, the real
spaCy parse and the real story map."""

from __future__ import annotations

from newsdesk.models import Passage, Source
from newsdesk.storymap import build_map
from newsdesk.storymap.quoting import balanced, opens_or_closes
from newsdesk.write.antecedents import depends_on_before, lemmas
from newsdesk.write.grounded import GroundedDrafter

HEADLINE = "Harbour rowing club prepares for the spring regatta"
# One paragraph, pasted whole, cut into passages where sentences end: the coach's quotation runs over both
# passages, each of its paragraphs re-opened with a mark and only the last closed.
QUOTED_STORY = [
    "The Harbour Rowing Club trained on the river on Tuesday ahead of the spring regatta in Kingsport. "
    "Coach Maria Lopez told the Kingsport Echo: 'The crew is in great shape. "
    "The new boat arrived in March and the rowers like it. 'The river is calm at this time of year.",
    "A good start matters more than anything else on this course. "
    "The regatta draws crowds from across the county.' "
    "The club was founded in 1921 and has 140 members.",
]
SPECIALIST_STORY = [
    "Commuters lose six hours a month to delayed trains, according to research "
    "Transport analyst Priya Nair said: 'Delays cost workers money and sleep. "
    "'Rail operators must publish their punctuality figures every week.",
    "Most delays happen on Monday mornings.’ The survey was carried out among 2,000 commuters in March.",
]


def _sources(paragraphs: list[str]) -> list[Source]:
    passages = [Passage(text=t, position=i, source_number=1, id=i + 1) for i, t in enumerate(paragraphs)]
    return [Source(number=1, title=HEADLINE, passages=passages)]


def _drafter(paragraphs: list[str]) -> GroundedDrafter:
    sources = _sources(paragraphs)
    story_map = build_map(sources, HEADLINE)
    return GroundedDrafter(sources, HEADLINE, story_map.unusable, story_map.speaker_only)


def test_every_sentence_of_a_running_quotation_is_its_speakers() -> None:
    story_map = build_map(_sources(QUOTED_STORY), HEADLINE)
    for words in ("The new boat arrived", "A good start matters", "The regatta draws crowds"):
        said = [s for s in story_map.statements if s.sentence.startswith(words)]
        assert said and said[0].speaker == "Maria Lopez", words
        assert said[0].sentence in story_map.speaker_only
    assert not any(s.startswith("The club was founded") for s in story_map.speaker_only)


def test_a_quotation_is_never_drafted_in_the_articles_voice() -> None:
    drafter = _drafter(QUOTED_STORY)
    given = [c.text for c in drafter.take(400)]
    assert "The club was founded in 1921 and has 140 members." in given
    for text in given:
        assert "rowers like it" not in text and "crowds from across" not in text and "calm at this" not in text
    assert not any(opens_or_closes(c.text) for c in drafter.pool)  # no quotation mark left unmatched


def test_the_speaker_is_who_says_the_words_not_the_research_a_fact_is_sourced_to() -> None:
    story_map = build_map(_sources(SPECIALIST_STORY), HEADLINE)
    speakers = {s.speaker for s in story_map.statements}
    assert "research" not in speakers
    drafter = _drafter(SPECIALIST_STORY)
    texts = [c.text for c in drafter.take(400)]
    assert not any("Monday mornings" in t or "punctuality figures" in t for t in texts)


def test_balanced_closes_and_opens_what_a_sentence_leaves_open() -> None:
    assert balanced("'You need a classy horse for the race.") == "'You need a classy horse for the race.'"
    assert balanced("He likes the track.'") == "'He likes the track.'"
    assert balanced("’ The findings were based on a survey.") == "The findings were based on a survey."
    assert balanced("The jockeys' championship is near.") == "The jockeys' championship is near."
    curly = "‘I don’t foresee any problems,’ the chairman said."
    assert balanced(curly) == curly  # a curly apostrophe inside a word closes nothing


def test_a_sentence_that_needs_the_one_before_it() -> None:
    before = "Prime Minister Ana Ruiz proposed a ban on social media for children under 16 on Monday."
    assert depends_on_before("The proposed ban, which still needs approval, follows a similar law in Norway.", before)
    assert depends_on_before("By comparison, only 13 per cent of renters own a car.", "Most owners drive daily.")
    assert depends_on_before("Ruiz criticised tech firms at the time for failing to act.", "She spoke in Oslo.")
    assert not depends_on_before("The ban on phones in schools starts in May.", before)
    assert not depends_on_before("Ruiz said at the time of the vote that she was pleased.", before)
    assert not depends_on_before("The proposed ban follows a similar law in Norway.", "It rained in Oslo on Monday.")


def test_a_general_noun_takes_up_what_the_sentence_before_named_in_other_words() -> None:
    """Smoke test 44 #7: "the country", "the issue", "that figure" with no word of their own saying which take up
    the one thing of their kind the sentence before named ("Lisbon", "the ferry fares"), in any place in the
    clause; given elsewhere they point at another country or issue. A general noun its own words define, one the
    sentence names earlier itself, or one the article has given (the headline's) points at nothing before; nor
    does a noun of a role that is one in any story ("the mayor")."""
    before = "Her mother was Portuguese and the family will visit cousins in Lisbon next week."
    assert depends_on_before("Ms Varga has been criticised in the country since the ferry fares rose.", before)
    assert depends_on_before("In her speech, the mayor said she would keep talking about the issue.", before)
    assert depends_on_before("The harbour office did not confirm that figure.", "A rival paper put the toll at 21.")
    assert not depends_on_before("The country of her birth has welcomed her warmly.", before)
    assert not depends_on_before("She has been criticised in the host country.", before)
    assert not depends_on_before("The issue of ferry fares was raised in the debate.", before)
    assert not depends_on_before("A new issue arose, and the issue divided the council.", before)
    assert not depends_on_before("The mayor said the council would vote in May.", before)
    assert not depends_on_before("Ms Varga has been criticised in the country.", before, {"country"})
    assert not depends_on_before("Ms Varga has been criticised in the country.", None)
    # a narrower noun repeating its antecedent's word names the one thing of its kind: it needs the sentence
    # before only to open a section, not where it is placed after another
    criticised, said = "Councillor Tam Brenn criticised the response.", "Ms Varga said the response was fast."
    assert depends_on_before(criticised, said) and not depends_on_before(criticised, said, general_only=True)
    assert depends_on_before("Ms Varga has been criticised in the country.", before, general_only=True)
    # the place the sentence before names is the one the dek gave: "the country" is that one wherever it stands
    dek = "Fishing quotas set in Lisbon anger Portuguese crews."
    assert not depends_on_before("Ms Varga has been criticised in the country.", "She lives in Lisbon.", lemmas(dek))


def test_a_sentence_that_takes_up_its_neighbour_is_given_only_after_it() -> None:
    """A sentence whose general noun takes up the one before is drafted only right after it: neither opens a
    section nor follows another sentence, nor stands alone as a takeaway."""
    story = [
        "The Lakeside council approved a new ferry timetable for the islands on Tuesday.",
        "The mayor's mother was Portuguese and she will visit cousins in Lisbon next week.",
        "Ms Varga has faced criticism in the country over her stance on fishing quotas.",
        "Crossings to the islands will run every twenty minutes from June under the new timetable.",
        "Islanders said the timetable would help shops and schools on the islands.",
    ]
    lisbon, country = story[1], story[2]
    drafter = _drafter(story)
    drafter.take(1, lead=True)  # the dek
    assert country in [c.original for c in drafter.take(400)]  # after its antecedent, in story order
    for give in ("section", "takeaways"):
        drafter = _drafter(story)
        drafter.take(1, lead=True)
        drafter.used.add(next(i for i, c in enumerate(drafter.pool) if c.original == lisbon))  # said elsewhere
        if give == "section":
            given = [c.original for c in drafter.take(400)]
        else:
            given = [s.citations[0].quote for b in drafter.takeaways(4, intro_to_come=False) for s in b.sentences]
        assert given and country not in given, (give, given)


def test_an_antecedent_less_sentence_never_opens_the_intro() -> None:
    story = [
        "Lawmakers in Verania voted on Monday to raise the minimum wage to 15 euros an hour from January. "
        "Prime Minister Ana Ruiz also proposed a ban on energy drinks for children under 16 on Monday.",
        "The proposed ban, which still needs parliamentary approval, follows a similar law in Norway. "
        "Shops that break the rules would be fined up to 5,000 euros.",
    ]
    drafter = _drafter(story)
    drafter.take(1, lead=True)  # the dek: the story's first sentence
    drafter.used.add(next(i for i, c in enumerate(drafter.pool) if c.original.startswith("Prime Minister")))
    intro = drafter.take(60, lead=True)
    assert intro and not intro[0].text.startswith("The proposed ban")


def test_a_quotation_moved_from_its_speakers_introduction_names_the_speaker_in_full() -> None:
    story = [
        "The Lakeside school board voted 5-2 on Thursday to close the Elm Street primary school in July.",
        'Board member Tessa Varga welcomed the decision. "The building costs us more to heat than to teach in," '
        "she said.",
        'Parent Omar Haddad, whose two children study there, opposed it. "Nobody asked the families what they '
        'want," Haddad said.',
    ]
    sources = _sources(story)
    story_map = build_map(sources, HEADLINE)
    drafter = GroundedDrafter.reading(sources, HEADLINE, story_map)
    texts = {c.original: c.text for c in drafter.pool}
    bullets = [b.sentences[0].text for b in drafter.takeaways(4)]
    for said in (t for t in [*texts.values(), *bullets] if t.startswith('"')):
        assert said.endswith(("Tessa Varga said.", "Omar Haddad said.")), said
    assert any(t.endswith("Omar Haddad said.") for t in texts.values())


def test_a_section_never_opens_on_a_pronoun_subject_its_source_neighbour_resolves() -> None:
    story = [
        "Winger Luca Ferri signed a two-year contract with Porto Azul on Friday after trials in Lisbon.",
        "The club had tracked him since the youth championships in Madrid.",
        "Ferri grew up in Naples and joined Napoli's academy at the age of ten.",
        "In 2019, he moved to Sporting and spent two seasons in the Portuguese capital.",
    ]
    drafter = _drafter(story)
    drafter.take(1, lead=True)  # the dek
    # the sentences between are said elsewhere (the takeaways): nothing in the section says who "he" is
    drafter.used.update(i for i, c in enumerate(drafter.pool) if c.original.startswith(("The club", "Ferri grew")))
    opening = drafter.take(200)
    assert not (opening and opening[0].text.startswith("In 2019, he"))


def test_a_quotation_inside_a_quotation_leaves_no_stray_mark() -> None:
    """Quotations nest, the inner one in the other kind of mark: its close leaves the outer one open, so a whole
    sentence gets no extra mark at its start (smoke 44 #11)."""
    nested = "Her cousin said: 'It is fine, I never think \"a grandmother shouldn't dance\", it's fun.'"
    assert balanced(nested) == nested
    phrase = "'I know the motto \"act your age\" but I don't follow it.'"
    assert balanced(phrase) == phrase
    assert not opens_or_closes(nested)
    assert balanced('He said: "We will win.') == 'He said: "We will win."'
