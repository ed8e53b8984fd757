"""Incompatible nouns (``language.incompatible``, data ``newsdesk/data/noun_kinds.tsv``; the ``incompatible`` check):
two nouns that are kinds of one thing name things that exclude each other, and a sentence that puts one where its
source has the other says something else. The texts are made up for these tests and run by the real spaCy pipeline
and verifier."""

from __future__ import annotations

import hashlib
import re
from importlib import resources

import pytest

from newsdesk.language import incompatible
from newsdesk.verify import Verifier
from support.facts import outcome, passages


@pytest.mark.parametrize(
    ("a", "b"), [("army", "navy"), ("husband", "wife"), ("Monday", "Tuesday"), ("mother", "father")]
)
def test_co_hyponyms_are_incompatible(a: str, b: str) -> None:
    assert incompatible(a, b) and incompatible(b, a)


def test_synonyms_kinds_and_unrelated_words_are_not() -> None:
    for a, b in (
        ("car", "automobile"),  # one synset
        ("doctor", "physician"),
        ("car", "vehicle"),  # a kind of the other
        ("bridge", "library"),  # unrelated
        ("army", "army"),
        ("army", "armies"),  # the same word inflected
        ("army", "qwertyuiop"),  # a word WordNet does not list
    ):
        assert not incompatible(a, b), (a, b)


def test_the_kinds_data_is_the_file_the_data_readme_names() -> None:
    data = resources.files("newsdesk") / "data"
    readme = (data / "README.md").read_text("utf-8")
    named = re.search(r"`noun_kinds\.tsv`.*?sha256 `([0-9a-f]{64})`", readme, re.DOTALL)
    assert named is not None
    assert hashlib.sha256((data / "noun_kinds.tsv").read_bytes()).hexdigest() == named.group(1)


@pytest.fixture(scope="module")
def verifier() -> Verifier:
    return Verifier()


SOURCES = passages(
    "After the war the postal service began to use surplus planes for mail delivery, and many were flown by former"
    " army pilots.",
    "The mayor's husband, Tom Reed, opened the new library in Carrow on Monday morning.",
    "A storm brought down power lines across the valley, the utility said.",
)


def test_a_near_copy_naming_another_of_the_kind_fails(verifier: Verifier) -> None:
    for sentence in (
        "After the war the postal service began to use surplus planes for mail delivery, and many were flown by"
        " former navy pilots.",
        "The mayor's wife, Tom Reed, opened the new library in Carrow on Monday morning.",
    ):
        assert outcome(verifier, "incompatible", sentence, SOURCES) == "fail", sentence


def test_the_same_kind_in_other_words_is_not_read(verifier: Verifier) -> None:
    # in other words nothing shows that the two nouns fill one slot; a paraphrase reading cost a fair sentence
    sentence = "Many of the mail planes were flown by former navy pilots after the war."
    assert outcome(verifier, "incompatible", sentence, SOURCES) == "n/a"


def test_a_near_synonym_of_the_kind_in_other_words_passes(verifier: Verifier) -> None:
    sources = passages(
        "Crews from the city worked through the night to restore water to the old quarter, officials said."
    )
    sentence = "Officials said town crews worked overnight to bring water back to the old quarter."
    assert outcome(verifier, "incompatible", sentence, sources) != "fail"


def test_the_source_words_and_fair_paraphrases_pass(verifier: Verifier) -> None:
    for sentence in (
        SOURCES[0].text,
        "Many of the mail planes were flown by former army pilots after the war.",
        "Tom Reed, the mayor's husband, opened the library in Carrow on Monday.",
        "The utility said a storm had brought down power lines across the valley.",
    ):
        assert outcome(verifier, "incompatible", sentence, SOURCES) != "fail", sentence


def test_a_word_the_sources_use_elsewhere_is_theirs(verifier: Verifier) -> None:
    # the sources speak of the navy too: the sentence may be about it
    both = [*SOURCES, *passages("The navy had refused to lend its own pilots to the service.")]
    sentence = "Many of the mail planes were flown by former navy pilots after the war."
    assert outcome(verifier, "incompatible", sentence, both) != "fail"
