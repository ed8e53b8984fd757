"""Negative implicatives and verbs of denial (smoke test 46, F3 and F5): "declined to comment" entails "did not
comment", so a sentence that says the subject would not, did not or refused to comment restates it, and one that says
the subject commented contradicts it; "denied having a role" restates "said he had no role". Made-up texts, the
real spaCy pipeline and the real verifier."""

from __future__ import annotations

import pytest

from newsdesk.verify import Verifier
from newsdesk.verify._index import negation_count
from support.facts import outcome, passages


@pytest.fixture(scope="module")
def verifier() -> Verifier:
    return Verifier()


def test_a_negative_implicative_denies_only_before_its_to() -> None:
    assert negation_count("the spokeswoman declined to comment".split()) == 1
    assert negation_count("the inspector neglected to file the report".split()) == 1
    assert negation_count("exports declined 4 percent".split()) == 0  # a fall, not a denial


@pytest.mark.parametrize(
    ("source", "fair", "flipped"),
    [
        (
            "The harbour master, Elin Sorvik, declined to comment on the dredging contract.",
            ["Elin Sorvik would not comment on the dredging contract.", "Sorvik refused to comment on the contract."],
            "Elin Sorvik commented on the dredging contract.",
        ),
        (
            "The council neglected to publish the audit of the library fund before the vote.",
            ["The council did not publish the audit of the library fund before the vote."],
            "The council published the audit of the library fund before the vote.",
        ),
        (
            "Dr Hal Quint refused to sign the hospital's revised staffing plan.",
            ["Dr Hal Quint declined to sign the hospital's revised staffing plan."],
            "Dr Hal Quint signed the hospital's revised staffing plan.",
        ),
    ],
)
def test_a_negative_implicative_is_restated_by_a_negation_and_contradicted_by_the_bare_verb(
    verifier: Verifier, source: str, fair: list[str], flipped: str
) -> None:
    evidence = passages(source)
    for sentence in fair:
        assert outcome(verifier, "polarity", sentence, evidence) != "fail", sentence
        assert verifier.check(sentence, evidence).verdict != "contradicted", sentence
    assert outcome(verifier, "polarity", flipped, evidence) == "fail"


def test_a_verb_of_denial_carries_its_own_negation(verifier: Verifier) -> None:
    evidence = passages("The mayor's cousin, Ravi Sethi, said through a lawyer that he had no stake in the firm.")
    assert outcome(verifier, "polarity", "Ravi Sethi denied having any stake in the firm.", evidence) != "fail"
    assert outcome(verifier, "polarity", "Ravi Sethi said he had a stake in the firm.", evidence) == "fail"
