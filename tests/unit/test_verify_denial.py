"""What a source calls false or reports only as denied is not asserted: the verifier's ``denial`` check, and the
directive reading of an act someone wants done ("wants the council to say that X"). Made-up texts, the real spaCy
pipeline and the real verifier."""

from __future__ import annotations

import pytest

from newsdesk.language import parse
from newsdesk.verify import Verifier
from newsdesk.verify._checks import FACT_CHECKS
from newsdesk.verify._facts._denial import denied_clauses
from support.facts import outcome, passages

DENYING = passages(
    "The harbour board met on Monday to approve the new ferry timetable.",
    "Captain Ines Halvorsen denied that the ferry had sailed without lifejackets.",
    "Reports that the terminal would close in June were untrue, the board said.",
    "It is not true that fares will double next spring.",
    "The board dismissed claims that the pier was sinking.",
)


@pytest.fixture(scope="module")
def verifier() -> Verifier:
    return Verifier()


def _clauses(sentence: str) -> list[str]:
    doc = parse(sentence)
    return [" ".join(doc[i].text for i in sorted(part)) for part in denied_clauses(doc)]


def test_the_check_is_registered() -> None:
    assert "denial" in FACT_CHECKS


@pytest.mark.parametrize(
    ("sentence", "clause"),
    [
        ("The minister denied that she had resigned.", "that she had resigned"),
        ("Officials dismissed reports that the bridge was unsafe.", "that the bridge was unsafe"),
        ("It is false that the river flooded.", "that the river flooded"),
        ("It isn't true that the school closed.", "that the school closed"),
        ("Claims that the mine was sold are baseless.", "that the mine was sold"),
    ],
)
def test_a_denied_clause_is_read_from_the_parse(sentence: str, clause: str) -> None:
    assert _clauses(sentence) == [clause]


@pytest.mark.parametrize(
    "sentence",
    [
        "He did not deny that he was there.",  # a negated denial denies nothing
        "It is true that the buses are free.",
        "Reports that the plant was closing were not false.",  # two denials cancel
        "The company rejected the offer.",  # no clause to deny
        "The mayor said that the buses are free.",
    ],
)
def test_nothing_is_denied_where_no_denial_governs_a_clause(sentence: str) -> None:
    assert _clauses(sentence) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "The ferry had sailed without lifejackets.",
        "The terminal would close in June.",
        "Fares will double next spring.",
        "The pier was sinking.",
    ],
)
def test_a_denied_clause_stated_flat_is_contradicted(verifier: Verifier, sentence: str) -> None:
    assert outcome(verifier, "denial", sentence, DENYING) == "fail"
    check = verifier.check(sentence, DENYING)
    assert check.verdict == "contradicted"
    assert check.decided_by == "denial"


@pytest.mark.parametrize(
    "sentence",
    [
        "Captain Ines Halvorsen denied that the ferry had sailed without lifejackets.",
        "There were claims that the pier was sinking, which the board dismissed.",
        "The harbour board approved the new ferry timetable on Monday.",
    ],
)
def test_a_sentence_that_keeps_the_denial_or_states_what_is_asserted_passes(verifier: Verifier, sentence: str) -> None:
    assert outcome(verifier, "denial", sentence, DENYING) in ("ok", "n/a")


def test_a_saying_someone_wants_done_is_no_evidence_for_what_is_to_be_said(verifier: Verifier) -> None:
    """ "The opposition wants the council to say that the plan is illegal": the infinitive names an act wanted, not
    done; the plan's illegality is asserted by no one."""
    sources = passages(
        "The council voted on Tuesday to approve the new market hall.",
        "The opposition wants the council to say that the plan is illegal.",
    )
    check = verifier.check("The plan is illegal.", sources)
    assert check.verdict != "supported"
    assert check.decided_by == "directive"


# A denial that points back ("denied that claim", "rejected the allegations", "denied it") denies the claim the
# sentence before reports; the two sentences stand in one paragraph.
POINTING_BACK = passages(
    "The tenants' union said the landlord had known about the damp since March. Harcourt Homes denied that claim.",
    "A neighbour said the lift had been broken for a month. The council rejected the allegations on Monday.",
    "The caretaker said the boiler was replaced in May. The firm confirmed the date.",
)


def test_a_claim_the_next_sentence_denies_stated_flat_is_contradicted(verifier: Verifier) -> None:
    for sentence in (
        "Harcourt Homes knew about the damp since March.",
        "The lift had been broken for a month.",
    ):
        assert outcome(verifier, "denial", sentence, POINTING_BACK) == "fail", sentence


def test_a_claim_kept_as_a_claim_or_confirmed_next_passes(verifier: Verifier) -> None:
    for sentence in (
        "The tenants' union claimed the landlord had known about the damp since March.",
        "The boiler was replaced in May.",  # the next sentence confirms it: no denial
    ):
        assert outcome(verifier, "denial", sentence, POINTING_BACK) != "fail", sentence
