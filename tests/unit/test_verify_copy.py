"""A sentence that copies a source sentence but for a word or two is judged by what it changes
(``verify/_facts/_copy.py``): an opposite, a dropped hedge, another name or role of the source, an added cause fail
their checks; a synonym, a pronoun or the copy itself pass. The texts are made up for these tests; they run the real
spaCy pipeline and the real verifier."""

from __future__ import annotations

import pytest

from newsdesk.verify import Verifier
from newsdesk.verify._facts._copy import near_copy, opposed
from newsdesk.verify._facts._parse import Evidence, stems_of
from support.facts import outcome
from support.facts import passages as _passages


@pytest.fixture(scope="module")
def verifier() -> Verifier:
    return Verifier()


COUNCIL = _passages(
    "The council of Marlow Bay voted on Tuesday to close the old library on Station Road, a spokesman said.",
    "Mayor Helen Ortiz said the library's visitor numbers had increased sharply over the past five winters.",
    "Library staff may be moved to the new community centre at Quarry Lane, according to union official Tom Reyes.",
    "Residents believe that the building will be sold to a developer before the end of the year.",
    "Council treasurer Ravi Mehta said the repair bill for the roof had reached 300,000 pounds.",
    "Tom Reyes, a union official, said the staff had not been consulted about the vote.",
    "The library first opened on Station Road in 1911 and moved to a larger hall in 1964.",
)


def _evidence(text: str) -> Evidence:
    return Evidence(0, text, stems_of(text))


def test_a_near_copy_names_what_it_changes() -> None:
    source = "Mayor Helen Ortiz said the library's visitor numbers had increased sharply over the past five winters."
    copy = near_copy(
        "Mayor Helen Ortiz said the library's visitor numbers had decreased sharply over the past five winters.",
        [_evidence(source)],
    )
    assert copy is not None
    assert [(c.written, c.source) for c in copy.changes] == [(("decreased",), ("increased",))]
    # a sentence that shares only some words is no copy
    assert (
        near_copy("Visitor numbers at the library matter to the mayor, who spoke on Tuesday.", [_evidence(source)])
        is None
    )


def test_opposites_by_lexicon_and_by_affix() -> None:
    assert opposed("increased", "decreased") and opposed("legal", "illegal") and opposed("include", "exclude")
    assert opposed("careful", "careless") and opposed("higher", "lower") and opposed("private", "public")
    assert not opposed("increased", "rose") and not opposed("library", "librarian") and not opposed("big", "large")


def test_a_word_replaced_by_its_opposite_fails_polarity(verifier: Verifier) -> None:
    sentence = "Mayor Helen Ortiz said the library's visitor numbers had decreased sharply over the past five winters."
    assert outcome(verifier, "polarity", sentence, COUNCIL) == "fail"
    sentence = "The library first opened on Station Road in 1911 and moved to a smaller hall in 1964."
    assert outcome(verifier, "polarity", sentence, COUNCIL) == "fail"


def test_a_synonym_or_the_copy_itself_passes(verifier: Verifier) -> None:
    for check, sentence in (
        (
            "polarity",
            "Mayor Helen Ortiz said the library's visitor numbers had risen sharply over the past five winters.",
        ),
        ("polarity", "The library first opened on Station Road in 1911 and moved to a bigger hall in 1964."),
        (
            "hedge_made_certain",
            "Residents believe that the building will be sold to a developer before the end of the year.",
        ),
        ("attribution", "Council treasurer Ravi Mehta said the repair bill for the roof had reached 300,000 pounds."),
        ("roles_and_titles", "Tom Reyes, a union official, said the staff had not been consulted about the vote."),
    ):
        assert outcome(verifier, check, sentence, COUNCIL) != "fail", sentence


def test_a_dropped_hedge_fails(verifier: Verifier) -> None:
    for sentence in (
        # a modal of possibility made certain
        "Library staff will be moved to the new community centre at Quarry Lane, according to union official "
        "Tom Reyes.",
        # the verb of belief that governed the copied clause left out
        "The building will be sold to a developer before the end of the year.",
    ):
        assert outcome(verifier, "hedge_made_certain", sentence, COUNCIL) == "fail", sentence


def test_another_speaker_of_the_source_fails_attribution(verifier: Verifier) -> None:
    sentence = "Council treasurer Tom Reyes said the repair bill for the roof had reached 300,000 pounds."
    assert outcome(verifier, "attribution", sentence, COUNCIL) == "fail"


def test_another_role_the_sources_give_fails(verifier: Verifier) -> None:
    sentence = "Tom Reyes, a council treasurer, said the staff had not been consulted about the vote."
    assert outcome(verifier, "roles_and_titles", sentence, COUNCIL) == "fail"


def test_a_cause_added_to_a_copy_fails(verifier: Verifier) -> None:
    sentence = (
        "The library first opened on Station Road in 1911 and moved to a larger hall in 1964 because of the roof."
    )
    assert outcome(verifier, "causation", sentence, COUNCIL) == "fail"
    # the copy alone states no cause
    sentence = "The library first opened on Station Road in 1911 and moved to a larger hall in 1964."
    assert outcome(verifier, "causation", sentence, COUNCIL) != "fail"


def test_a_denial_put_in_a_copy_fails_and_a_moved_clause_does_not(verifier: Verifier) -> None:
    sentence = "Tom Reyes, a union official, said the staff had been consulted about the vote."
    assert outcome(verifier, "polarity", sentence, COUNCIL) == "fail"
    # the same words with a clause moved to the end: nothing changed
    sources = _passages(
        "While the museum is not open on Mondays, its gardens welcome visitors every day of the week from nine o'clock."
    )
    sentence = (
        "Its gardens welcome visitors every day of the week from nine o'clock, while the museum is not open on Mondays."
    )
    assert outcome(verifier, "polarity", sentence, sources) != "fail"


def test_a_partial_quantifier_widened_in_a_copy_fails(verifier: Verifier) -> None:
    sources = _passages("Some residents of Marlow Bay said the library had been the heart of the town for a century.")
    for sentence in (
        "All residents of Marlow Bay said the library had been the heart of the town for a century.",
        "Residents of Marlow Bay said the library had been the heart of the town for a century.",
    ):
        assert outcome(verifier, "scope", sentence, sources) == "fail", sentence
    sentence = "Several residents of Marlow Bay said the library had been the heart of the town for a century."
    assert outcome(verifier, "scope", sentence, sources) != "fail"


def test_a_pronoun_for_the_speaker_is_no_other_speaker(verifier: Verifier) -> None:
    sources = _passages(
        "Finance minister Dora Mardas said, without giving figures, that revenue in March had topped targets.",
        "Asked about the talks in Beijing, vice premier He Lifeng declined to comment on the figures.",
    )
    sentence = "He said, without giving figures, that revenue in March had topped targets."
    assert outcome(verifier, "attribution", sentence, sources) != "fail"
    sentence = "He Lifeng said, without giving figures, that revenue in March had topped targets."
    assert outcome(verifier, "attribution", sentence, sources) == "fail"


def test_a_word_for_word_copy_of_one_outlet_is_that_outlets_not_anothers_hedged_sentence(verifier: Verifier) -> None:
    """Smoke test 39a #2: two outlets give the same sentence, one with "reportedly"; the plain copy was read as a copy
    of the hedged one (the first of two that copy as many words) and failed as a hedge made certain, and was cited
    to the hedging outlet. The sentence it changes least is what it copies, and what it cites."""
    from newsdesk.models import Passage

    hedged = "The ferry Marisol was reportedly carrying 85 passengers when it capsized, the harbour master said."
    plain = "The ferry Marisol was carrying 85 passengers when it capsized, the harbour master said."
    both = [Passage(text=hedged, source_number=1), Passage(text=plain, source_number=2)]
    copied = near_copy(plain, [Evidence(0, hedged, stems_of(hedged)), Evidence(1, plain, stems_of(plain))])
    assert copied is not None and copied.evidence.text == plain and not copied.changes
    check = verifier.check(plain, both, "fact")
    assert check.supported and [c.source for c in check.citations] == [2], (check.decided_by, check.citations)
    alone = verifier.check(plain, both[:1], "fact")
    assert not alone.supported and alone.decided_by == "hedge_made_certain", "the hedged outlet alone still fails it"
