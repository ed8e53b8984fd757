"""What a source says nobody has confirmed, written as confirmed (``_facts._unverified``, reported under
``hedge_made_certain``), and the mood readings beside it: a negated verb of verification leaves its clause open, a
report called unconfirmed is hearsay, a future a verb of settling governs is settled in the source as in the
sentence. Made-up texts, the real spaCy pipeline and the real verifier."""

from __future__ import annotations

import pytest

from newsdesk.language import parse
from newsdesk.verify import Verifier
from newsdesk.verify._facts._unverified import asserts_verification, unvouched_clauses
from support.facts import outcome, passages

# one passage: the second sentence points back at the first
TOLL = passages(
    "At least 17 climbers have died on the northern route this season, a rescue coordinator said on Tuesday. "
    "The figure could not be independently verified. Guides expect the route to reopen in March."
)
OWN_CLAUSES = passages(
    "There were unverified reports that the ferry had struck a sandbank near Oldhaven.",
    "Inspectors could not confirm that the hull had been repaired before the voyage.",
    "The operator said ticket sales rose by a fifth in the summer.",
    "The coastguard confirmed that the ferry would be towed to Marsk on Friday.",
)


@pytest.fixture(scope="module")
def verifier() -> Verifier:
    return Verifier()


def _clauses(sentence: str) -> tuple[list[str], bool]:
    doc = parse(sentence)
    found, points_back = unvouched_clauses(doc)
    return [" ".join(doc[i].text for i in sorted(part)) for part in found], points_back


def test_what_a_source_leaves_unvouched_is_read_from_the_parse() -> None:
    clauses, back = _clauses("Inspectors could not confirm that the hull had been repaired before the voyage.")
    assert clauses and "repaired" in clauses[0] and not back
    clauses, back = _clauses("There were unverified reports that the ferry had struck a sandbank.")
    assert clauses and "struck" in clauses[0] and not back
    assert _clauses("The figure could not be independently verified.") == ([], True)
    assert _clauses("Nobody has confirmed it yet, and police did not verify this.")[1]
    # a verification that stands, and one whose object is a thing of its own, point nowhere
    assert _clauses("The coastguard confirmed the figure on Friday.") == ([], False)
    assert _clauses("Police have not verified the driver's licence.") == ([], False)


def test_a_verification_the_sentence_asserts() -> None:
    assert asserts_verification(parse("Rescuers confirmed that 17 climbers died."))
    assert asserts_verification(parse("The toll has been verified by the ministry."))
    for sentence in (
        "The toll has not been verified.",
        "Rescuers failed to confirm the toll.",
        "The ministry may confirm the toll on Friday.",
        "Has the ministry confirmed the toll?",
        "A rescue coordinator said 17 climbers died.",
    ):
        assert not asserts_verification(parse(sentence)), sentence


def test_confirmed_where_the_next_sentence_says_nobody_verified_it_fails(verifier: Verifier) -> None:
    for sentence in (
        "A rescue coordinator confirmed that at least 17 climbers have died on the northern route this season.",
        "Officials verified that 17 climbers died on the northern route this season.",
    ):
        assert outcome(verifier, "hedge_made_certain", sentence, TOLL) == "fail", sentence


def test_the_report_as_said_or_as_unverified_passes(verifier: Verifier) -> None:
    for sentence in (
        "At least 17 climbers have died on the northern route this season, a rescue coordinator said.",
        "A rescue coordinator said 17 climbers had died this season, a figure nobody has independently verified.",
        "Guides expect the northern route to reopen in March.",
    ):
        assert outcome(verifier, "hedge_made_certain", sentence, TOLL) != "fail", sentence


def test_confirmed_where_the_source_reports_it_unconfirmed_fails(verifier: Verifier) -> None:
    for sentence in (
        "Harbour officials confirmed that the ferry had struck a sandbank near Oldhaven.",
        "Inspectors verified that the hull had been repaired before the voyage.",
    ):
        assert outcome(verifier, "hedge_made_certain", sentence, OWN_CLAUSES) == "fail", sentence


def test_a_verification_the_source_makes_passes(verifier: Verifier) -> None:
    sentence = "The coastguard confirmed that the ferry would be towed to Marsk on Friday."
    assert outcome(verifier, "hedge_made_certain", sentence, OWN_CLAUSES) != "fail"


@pytest.mark.parametrize(
    "sentence",
    [
        # the report is kept as unvouched: hearsay as the sentence's own source
        "The ferry had struck a sandbank near Oldhaven, according to unverified reports.",
        # a negated verb of verification leaves its clause open, as the source's does
        "Inspectors could not verify that the hull had been repaired before the voyage.",
        # a future settled by the source's own verb of settling, told by another name for the speaker
        "Officials confirmed that the ferry would be towed to Marsk on Friday.",
    ],
)
def test_fair_sentences_are_not_read_as_stated_done(verifier: Verifier, sentence: str) -> None:
    assert outcome(verifier, "stated_as_done", sentence, OWN_CLAUSES) != "fail"
