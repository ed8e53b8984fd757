"""Denial: a fact the source calls false, or reports only as denied, written as a plain fact.

A sentence that denies a clause does not assert it; it asserts the denial. "Briggs denied claims that the mayor
took bribes" is no evidence that the mayor took bribes, "It is not true that the buses are free" says that they are
not, and "Rumours that the mayor resigned were false" says that the mayor did not resign. The clause is read from
the parse (``denied_clauses``): the clausal complement of a verb of denial (``language.DENIAL_VERBS``: "deny that
X"), the that-clause of the claim such a verb denies ("dismissed claims that X"), and the that-clause of whatever a
falsity predicate is said of: a predicate of falsity ("X were false", ``FALSITY_ADJECTIVES``) or a negated one of
truth ("It is not true that X", ``TRUTH_ADJECTIVES``); two denials cancel ("not false"), and a denial that is
itself negated ("did not deny that X") denies nothing.

A denial may also point back at a claim: "The Consumers Association said the firm had known about the fault since
March. Brightway denied that claim." A noun of claim made definite ("that claim", "the allegations") or a pronoun
("denied it") with no that-clause of its own is anaphoric: it takes its content from the discourse, and the claim
the sentence before reports (what its verb of saying governs) is the nearest one. So the clauses a source sentence
reports are denied when the next sentence of the same passage denies such an anaphor (``retracted_by_next``).

A written sentence that keeps a denial, a doubt or the claim as a claim ("Briggs denied that ...", "There were
claims that ...", "The mayor allegedly took bribes") reports what the source reports, and this check says nothing
about it. One that states the denied clause flat fails, as **contradicted**, when a denied clause is its best
evidence by the rule the ``condition`` check applies (``best_evidence_unasserted``), except that its words need not
be new to the other sources: words the sources use elsewhere do not undo a denial of the clause that joins them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from ...injection.propositions import that_clause
from ...language import (
    CLAIM_NOUNS,
    CONTESTED_SAYING_VERBS,
    DEFINITE_DETERMINERS,
    DENIAL_FORMS,
    DENIAL_VERBS,
    FALSITY_ADJECTIVES,
    HEDGE_ADVERBS,
    NEGATION_WORDS,
    QUALIFYING_ADJECTIVES,
    SPEECH_VERBS,
    TRUTH_ADJECTIVES,
    forms,
    words_pattern,
)
from ._condition import check_unasserted
from ._parse import Evidence, SourceFacts, parse
from ._result import FactResult

__all__ = ["DENIAL", "check_denial", "denied_clauses", "followed_by", "may_hold_denial"]

DENIAL = "denial"

_DENYING = re.compile(
    words_pattern(DENIAL_VERBS, inflect=True) + "|" + words_pattern(FALSITY_ADJECTIVES | TRUTH_ADJECTIVES), re.I
)
# a written sentence that denies, doubts or reports a claim as a claim keeps what the source keeps
_KEEPS = re.compile(
    words_pattern(DENIAL_VERBS | CONTESTED_SAYING_VERBS | CLAIM_NOUNS | FALSITY_ADJECTIVES, inflect=True)
    + "|"
    # a negation of the clause keeps the denial; "without" negates a phrase, not the clause
    + words_pattern(HEDGE_ADVERBS | QUALIFYING_ADJECTIVES | (NEGATION_WORDS - {"without"}))
    + r"|n['’]t\b",
    re.I,
)


_BE = frozenset("be is are was were been being 's ’s".split())


def _claim_noun(token: Any) -> bool:
    word = token.lower_
    return word in CLAIM_NOUNS or (word.endswith("s") and word[:-1] in CLAIM_NOUNS)


def may_hold_denial(text: str) -> bool:
    """Whether a sentence could deny a clause at all (a verb of denial, a predicate of truth or falsity)."""
    return _DENYING.search(text) is not None


def _negated(token: Any) -> bool:
    return any(c.dep_ == "neg" for c in token.children)


def _clause(token: Any) -> frozenset[int]:
    return frozenset(t.i for t in token.subtree)


def _propositions(noun: Any) -> list[Any]:
    """The that-clauses a noun carries ("claims that X"), however the parser labels them."""
    return [c for c in noun.children if c.dep_ in ("acl", "ccomp", "relcl") and that_clause(c)]


def denied_clauses(doc: Any) -> list[frozenset[int]]:
    """The token indices of each clause the sentence denies (the module docstring), in reading order."""
    found: list[frozenset[int]] = []
    for token in doc:
        if token.pos_ == "VERB" and token.lower_ in DENIAL_FORMS and not _negated(token):
            for child in token.children:
                if child.dep_ == "ccomp" and any(c.dep_ in ("nsubj", "nsubjpass") for c in child.children):
                    found.append(_clause(child))  # "denied that the mayor took bribes"
                elif child.dep_ in ("dobj", "nsubjpass") and _claim_noun(child):
                    found.extend(_clause(c) for c in _propositions(child))  # "dismissed claims that X"
        elif token.pos_ == "ADJ" and token.dep_ in ("acomp", "attr") and token.head.lower_ in _BE:
            word, copula = token.lower_, token.head
            if word not in FALSITY_ADJECTIVES | TRUTH_ADJECTIVES:
                continue
            if (word in FALSITY_ADJECTIVES) == (_negated(copula) or _negated(token)):
                continue  # "true", or "not false": nothing is denied
            subject = next((c for c in copula.children if c.dep_ in ("nsubj", "expl", "csubj")), None)
            if subject is None:
                continue
            if subject.dep_ == "expl" or subject.lower_ == "it":  # "It is not true that X": the extraposed clause
                extraposed = [c for c in (*copula.children, *token.children) if c.dep_ in ("ccomp", "csubj")]
                found.extend(_clause(c) for c in extraposed if that_clause(c))
            elif subject.dep_ == "csubj":
                found.append(_clause(subject))
            else:  # "Rumours that the mayor resigned were false"
                found.extend(_clause(c) for c in _propositions(subject))
    return sorted(found, key=min)


_ANAPHORIC_PRONOUNS = frozenset("it this that these those".split())
_SAYING_FORMS = frozenset(f for verb in SPEECH_VERBS for f in forms(verb))


def denies_an_anaphor(doc: Any) -> bool:
    """The sentence denies a claim it does not state: a verb of denial whose object is a pronoun ("denied it") or
    a definite noun of claim with no that-clause of its own ("denied that claim", "rejected the allegations")."""
    for token in doc:
        if token.pos_ != "VERB" or token.lower_ not in DENIAL_FORMS or _negated(token):
            continue
        for child in token.children:
            if child.dep_ != "dobj":
                continue
            if child.lower_ in _ANAPHORIC_PRONOUNS and not list(child.children):
                return True
            if _claim_noun(child) and not _propositions(child):
                if any(c.dep_ == "det" and c.lower_ in DEFINITE_DETERMINERS for c in child.children):
                    return True
    return False


def reported_clauses(doc: Any) -> list[frozenset[int]]:
    """The clauses a sentence reports as someone's statement: what a verb of saying governs, and the clauses
    joined to it ("said the recall was overdue and that the firm had known ...")."""
    found: list[frozenset[int]] = []
    for token in doc:
        if token.pos_ != "VERB" or token.lower_ not in _SAYING_FORMS:
            continue
        for child in token.children:
            if child.dep_ == "ccomp" and any(c.dep_ in ("nsubj", "nsubjpass") for c in child.subtree):
                found.append(_clause(child))
    return found


def followed_by(candidates: list[Evidence], facts: SourceFacts, reading: Callable[[Evidence], bool]) -> frozenset[str]:
    """The texts of the candidates whose next sentence, in the same passage, ``reading`` holds of: an anaphor
    there takes its content from the sentence before it."""
    out: set[str] = set()
    for evidence in candidates:
        at = evidence.uid + 1
        following = facts.sentences[at] if at < len(facts.sentences) else None
        if following is not None and following.passage == evidence.passage and reading(following):
            out.add(evidence.text)
    return frozenset(out)


def retracted_by_next(candidates: list[Evidence], facts: SourceFacts) -> frozenset[str]:
    """The texts of the candidates whose reported claim the next sentence of their passage denies by an anaphor."""

    def denies(next_one: Evidence) -> bool:
        return may_hold_denial(next_one.text) and denies_an_anaphor(next_one.doc)

    return followed_by(candidates, facts, denies)


def _keeps_denial(sentence: str) -> bool:
    """It keeps the denial, the doubt or the claim as a claim, as the source does."""
    return _KEEPS.search(sentence) is not None or bool(denied_clauses(parse(sentence)))


def check_denial(
    sentence: str, claim_stems: frozenset[str], candidates: list[Evidence], facts: SourceFacts | None = None
) -> FactResult:
    """Fails, as contradicted, a sentence whose best evidence is a clause a source sentence denies, or a claim a
    source sentence reports that the next one denies (``facts``: every source sentence, for their order)."""
    retracted = retracted_by_next(candidates, facts) if facts is not None else frozenset()

    def may_hold(text: str) -> bool:
        return text in retracted or may_hold_denial(text)

    def parts_of(doc: Any) -> list[frozenset[int]]:
        denied = denied_clauses(doc)
        return sorted([*denied, *reported_clauses(doc)], key=min) if doc.text in retracted else denied

    return check_unasserted(
        DENIAL,
        sentence,
        claim_stems,
        candidates,
        may_hold,
        parts_of,
        _keeps_denial,
        'the source says this is false or denied: "{}"',
        verdict="contradicted",
        novel=False,
    )
