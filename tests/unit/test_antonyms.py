"""WordNet's antonyms (``language.antonyms`` / ``language.opposite``, data ``newsdesk/data/antonyms.tsv``): pairs the
hand-written list does not hold are found, other words are not, and the polarity check fails a near copy that puts
an antonym in a word's place unless a negation puts it back. The pairs were picked by reading WordNet 3.0's
``data.verb`` and ``data.adj``; the texts are made up for these tests, run by the real spaCy pipeline and verifier."""

from __future__ import annotations

import hashlib
import re
from importlib import resources

import pytest

from newsdesk.language import antonyms, listed_opposites, opposite, stem
from newsdesk.verify import Verifier
from support.facts import outcome, passages

# WordNet antonyms (direct: "!" pointers; "huge" through its head "large") none of the hand-written OPPOSITES holds
WORDNET_PAIRS = [
    ("borrow", "lend"),
    ("acquitted", "convicted"),
    ("alive", "dead"),
    ("deep", "shallow"),
    ("heavy", "light"),
    ("huge", "small"),
]


@pytest.mark.parametrize(("a", "b"), WORDNET_PAIRS)
def test_wordnet_pairs_outside_the_hand_list_are_opposites(a: str, b: str) -> None:
    assert not listed_opposites(a, b)
    assert opposite(a, b) and opposite(b, a)
    assert stem(b) in antonyms(a)


def test_other_words_are_not_opposites() -> None:
    for a, b in (("big", "large"), ("dead", "deceased"), ("library", "bridge"), ("lend", "lend"), ("rose", "rise")):
        assert not opposite(a, b), (a, b)
    assert antonyms("bridge") == frozenset()


def test_a_pair_counts_only_in_its_part_of_speech() -> None:
    # "heavy" / "light" are adjectives in WordNet; the verb "light" (a fire) has no antonym "heavy"
    assert opposite("heavy", "light", "ADJ")
    assert not opposite("heavy", "light", "VERB")
    # "borrow" / "lend" are verbs
    assert not opposite("borrow", "lend", "NOUN") and opposite("borrow", "lend", "VERB")


@pytest.fixture(scope="module")
def verifier() -> Verifier:
    return Verifier()


COURT = passages(
    "The regional court acquitted the former harbour master of fraud on Friday, his lawyer said.",
    "Both climbers were alive when the rescue team reached the ridge above Carrow Pass, police said.",
    "The river near the old mill is shallow in August, according to the water board.",
)


def test_a_near_copy_with_a_wordnet_antonym_fails_polarity(verifier: Verifier) -> None:
    for sentence in (
        "The regional court convicted the former harbour master of fraud on Friday, his lawyer said.",
        "Both climbers were dead when the rescue team reached the ridge above Carrow Pass, police said.",
        "The river near the old mill is deep in August, according to the water board.",
    ):
        assert outcome(verifier, "polarity", sentence, COURT) == "fail", sentence


def test_a_double_negation_keeps_the_meaning(verifier: Verifier) -> None:
    for sentence in (
        "The regional court did not convict the former harbour master of fraud on Friday, his lawyer said.",
        "Both climbers were not dead when the rescue team reached the ridge above Carrow Pass, police said.",
    ):
        assert outcome(verifier, "polarity", sentence, COURT) != "fail", sentence
    # the copy itself passes too
    assert outcome(verifier, "polarity", COURT[0].text, COURT) != "fail"


def test_the_antonym_data_is_the_file_the_data_readme_names() -> None:
    data = resources.files("newsdesk") / "data"
    readme = (data / "README.md").read_text("utf-8")
    named = re.search(r"`antonyms\.tsv`.*?sha256 `([0-9a-f]{64})`", readme, re.DOTALL)
    assert named is not None
    assert hashlib.sha256((data / "antonyms.tsv").read_bytes()).hexdigest() == named.group(1)
    # the WordNet licence asks for its notice on all copies
    assert "WordNet 3.0 Copyright 2006 by Princeton University" in (data / "WORDNET_LICENSE.txt").read_text("utf-8")


IN_OTHER_WORDS = passages(
    "Both climbers were alive when the rescue team reached the ridge above Carrow Pass, police said.",
    "The river near the old mill is shallow in August, according to the water board.",
    "Regular ferry service began in 1921, with the first boat departing Dunmore at dawn and arriving in Port Ellis"
    " by noon.",
)


def test_an_adjective_antonym_in_other_words_fails_polarity(verifier: Verifier) -> None:
    for sentence in (
        "Police said the two climbers were dead by the time rescuers got to the ridge.",
        "According to the water board, in August the old mill river runs deep.",
    ):
        assert outcome(verifier, "polarity", sentence, IN_OTHER_WORDS) == "fail", sentence
    fair = "Police said the two climbers were alive by the time rescuers got to the ridge."
    assert outcome(verifier, "polarity", fair, IN_OTHER_WORDS) != "fail"


def test_a_verb_pair_in_other_words_is_not_an_opposite(verifier: Verifier) -> None:
    # "leave" / "arrive" are WordNet antonyms, but the two ends of one trip: a paraphrase may name either
    sentence = "Regular ferry service began in 1921, when the first boat left Dunmore at dawn for Port Ellis."
    assert outcome(verifier, "polarity", sentence, IN_OTHER_WORDS) != "fail"
