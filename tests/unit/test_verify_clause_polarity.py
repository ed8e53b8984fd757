"""Clause polarity read from the parse (``verify/_facts/_predicate.py``): a sentence that denies, in its own words,
what the source asserts (or the reverse) fails ``polarity``; the same polarity reworded, a condition, a raised
negation and a negated comparative do not. The texts are made up for these tests; they run the real spaCy
pipeline and the real verifier."""

from __future__ import annotations

import pytest

from newsdesk.language import parse
from newsdesk.verify import Verifier
from newsdesk.verify._facts._predicate import predicates, same_predicate
from support.facts import outcome
from support.facts import passages as _passages

SOURCE = _passages(
    "Work on the harbour tunnel resumed in March after a winter pause.",
    "'There hasn't really been a shortage of volunteers this year,' the organiser told the committee, adding that "
    "the budget was under pressure and the hall was booked.",
    "Residents were told that the bank holiday, which was built in to the works schedule, had caused no extra "
    "closures, the notice says.",
    "'We haven't approved many applications that don't meet the standard, but you never know until the inspectors "
    "visit,' the director said.",
    "The coach said he could not be happier with the squad.",
    "The ferry will not sail if the wind rises above force eight.",
)


@pytest.fixture(scope="module")
def verifier() -> Verifier:
    return Verifier()


@pytest.mark.parametrize(
    "sentence",
    [
        # the lexical reading misses these two: the source clause sits in a longer sentence, in other words
        "The council admitted that the bank holiday had not been built into its works schedule.",
        "He also said the agency has approved several applications that fall short of the standard, although he "
        "added that you never know until the inspectors visit.",
        "The organiser did concede there had been something of a shortage of volunteers, but said the hall was booked.",
    ],
)
def test_a_denial_in_other_words_fails(verifier: Verifier, sentence: str) -> None:
    assert outcome(verifier, "polarity", sentence, SOURCE) == "fail"


@pytest.mark.parametrize(
    "sentence",
    [
        "The bank holiday was part of the works schedule, residents were told.",
        "The director said they had not approved many substandard applications.",
        "The coach is delighted with his squad.",
        "The ferry is due to sail on Monday.",
        "Volunteers were plentiful this year, the organiser said.",
    ],
)
def test_the_same_polarity_reworded_passes(verifier: Verifier, sentence: str) -> None:
    assert outcome(verifier, "polarity", sentence, SOURCE) != "fail"


def _only(sentence: str, verb: str) -> list[bool]:
    return [p.negated for p in predicates(parse(sentence)) if p.verb == verb]


def test_a_predicate_is_denied_by_its_negation_a_negative_argument_or_a_denying_head() -> None:
    assert _only("The club has not signed the striker.", "sign") == [True]
    assert _only("Nobody signed the striker.", "sign") == [True]
    assert _only("The club failed to sign the striker.", "sign") == [True]
    assert _only("His failure to sign the striker cost him.", "sign") == [True]
    assert _only("The club signed the striker.", "sign") == [False]
    assert _only("The club has signed few strikers.", "sign") == [True]  # "few" all but denies; "a few" does not
    assert _only("The club has signed a few strikers.", "sign") == [False]


def test_a_limit_a_comparison_a_condition_and_a_raised_negation_are_no_denial() -> None:
    assert True not in _only("The club not only signed the striker but also his brother.", "sign")
    assert _only("He could not be happier with the squad.", "be happy") == [False]
    assert _only("The ferry will not sail if the wind rises.", "sail") == []  # conditional: nobody asserts it
    assert _only("I don't think the club will sign the striker.", "sign") == []  # denial raised to "think"


def test_the_same_predicate_needs_the_same_verb_and_a_thing_in_common() -> None:
    [claim] = [p for p in predicates(parse("He has signed a contract with the club.")) if p.verb == "sign"]
    [same] = [p for p in predicates(parse("'I have not signed a new contract,' he said.")) if p.verb == "sign"]
    [other] = [p for p in predicates(parse("The mayor signed the budget.")) if p.verb == "sign"]
    assert same_predicate(claim, same)
    assert not same_predicate(claim, other)
    price = [p for p in predicates(parse("The price was quite economical.")) if p.verb.startswith("be")]
    dear = [p for p in predicates(parse("The price is not very expensive.")) if p.verb.startswith("be")]
    assert not same_predicate(price[0], dear[0])  # a copula's predicate is its complement


# Converse verbs: one event told from either end is fair, the opposite verb of the same subject is not.
SALE = _passages(
    "Margaret Hale sold the bakery to a family from Leeds in May after running it for thirty years.",
    "In the cup, Northfield Rovers lost the final to Ashby Town on penalties.",
)


@pytest.mark.parametrize(
    "sentence",
    [
        "Margaret Hale bought the bakery in May after running it for thirty years.",
        "Northfield Rovers won the final against Ashby Town on penalties.",
        "Northfield Rovers beat Ashby Town in the final on penalties.",  # "beat" is winning over its object
    ],
)
def test_the_opposite_verb_of_the_same_subject_fails(verifier: Verifier, sentence: str) -> None:
    assert outcome(verifier, "polarity", sentence, SALE) == "fail"


@pytest.mark.parametrize(
    "sentence",
    [
        "A family from Leeds bought the bakery from Margaret Hale in May.",  # the same sale from its other end
        "Northfield Rovers did not win the final, which went to penalties.",  # a denied opposite says the same
        "Ashby Town won the final against Northfield Rovers on penalties.",  # the winner as subject: the other end
        "Ashby Town beat Northfield Rovers in the final on penalties.",
    ],
)
def test_a_converse_told_from_the_other_end_passes(verifier: Verifier, sentence: str) -> None:
    assert outcome(verifier, "polarity", sentence, SALE) != "fail"


def test_saying_one_thing_is_not_denied_by_not_saying_another(verifier: Verifier) -> None:
    # a verb of saying is said of the clause it governs: "officials said the flood killed 9" and "officials have not
    # said how many homes were lost" are two predicates, and the second does not deny the first
    sources = _passages(
        "The Carrow Gazette, citing hospital officials, put the flood's toll at nine.",
        "Officials have not said how many homes were lost.",
    )
    fair = "The Carrow flood killed nine people, hospital officials said."
    assert outcome(verifier, "polarity", fair, sources) != "fail"
    denied = "Officials said how many homes were lost."
    assert outcome(verifier, "polarity", denied, sources) == "fail"
