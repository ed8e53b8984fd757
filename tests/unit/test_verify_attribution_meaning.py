"""Attribution of a view worded in the writer's own words (``verify/_facts/_speech.py``): the view is found in the
source sentence closest in meaning, and the source's speaker there must be the sentence's. A part of a group
("some complained") is not one body ("the council"); a "she says" is a person, not an institution by name. The
texts are made up for these tests; they run the real spaCy pipeline, the shipped encoder and the real verifier."""

from __future__ import annotations

import pytest

from newsdesk.language import parse
from newsdesk.models import Passage
from newsdesk.verify import Verifier
from newsdesk.verify._facts._parse import SourceFacts
from newsdesk.verify._facts._speech import Clause, same_speaker, speech_clauses
from support.facts import outcome
from support.facts import passages as _passages

FESTIVAL = _passages(
    "The council wrote to every household in Millbrook after the summer festival on Friday.",
    "Some complained that the fireworks had gone on far too late and kept their children awake.",
    "The council has since apologised for the noise and promised an earlier finish next year.",
)

WARDS = _passages(
    "A nurse at the county hospital, who asked not to be named, spoke through the Royal College of Nursing. "
    "She says the staffing gaps have widened since the spring: 'Another colleague left last week. "
    "'Agency staff are far more common on the wards than patients realise, and it will only get worse while pay "
    "stays this low.'",
    "The hospital trust said it was recruiting forty new nurses this year.",
)


@pytest.fixture(scope="module")
def verifier() -> Verifier:
    return Verifier()


def test_a_groups_complaint_given_to_one_body_fails(verifier: Verifier) -> None:
    sentence = "In its letter, the council blamed the late fireworks for keeping children awake."
    assert outcome(verifier, "attribution", sentence, FESTIVAL) == "fail"


def test_a_quotation_of_she_given_to_an_institution_fails(verifier: Verifier) -> None:
    sentence = "The Royal College of Nursing says agency staff are much more common on wards than patients think."
    assert outcome(verifier, "attribution", sentence, WARDS) == "fail"


@pytest.mark.parametrize(
    ("sentence", "sources"),
    [
        ("Some residents complained that the fireworks went on too late and kept children awake.", FESTIVAL),
        ("The council apologised for the noise of the festival.", FESTIVAL),
        ("The nurse says agency staff are much more common on wards than patients think.", WARDS),
    ],
)
def test_the_same_speaker_in_other_words_passes(verifier: Verifier, sentence: str, sources: list[Passage]) -> None:
    assert outcome(verifier, "attribution", sentence, sources) != "fail"


def _speaker(sentence: str) -> Clause:
    [clause] = [c for c in speech_clauses(parse(sentence)) if c.said]
    return clause


def test_a_part_of_a_group_is_not_one_body_but_may_be_the_group() -> None:
    some = _speaker("Some complained that the fireworks went on too late.")
    assert some.part and not some.pronoun
    facts = SourceFacts()
    assert not same_speaker(_speaker("The council said that the fireworks went on too late."), some, facts)
    assert same_speaker(_speaker("Some residents said that the fireworks went on too late."), some, facts)


def test_a_name_with_the_article_is_an_institution() -> None:
    assert _speaker("The Royal College of Nursing says that pay is too low.").organisation
    assert not _speaker("Jane Hollis says that pay is too low.").organisation
    assert not _speaker("The President says that pay is too low.").organisation


QUAY = _passages(
    "The governor is likely to work with the Republicans in the state senate to try to scuttle the port plan.",
    "“The Republicans have said they will do what they can to block a deal, and the prime minister has already "
    "made clear that he will work with the Republicans against the president,” Okonkwo said. “That is where a "
    "clash could come, and it is coming very quickly.”",
)


def test_a_verb_of_saying_inside_a_quotation_is_the_quoted_speakers_words(verifier: Verifier) -> None:
    """ "The Republicans have said ..." inside Okonkwo's quotation is hers to say: the quotation is her words, so a
    copy of the sentence passes, and the same words given to someone else still fail."""
    copied = (
        "“The Republicans have said they will do what they can to block a deal, and the prime minister has already "
        "made clear that he will work with the Republicans against the president,” Okonkwo said."
    )
    assert outcome(verifier, "attribution", copied, QUAY) != "fail"
    moved = copied.replace("Okonkwo said", "Tom Reyes said")
    assert outcome(verifier, "attribution", moved, QUAY) == "fail"
