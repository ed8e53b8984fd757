"""Unverified made verified: what a source says nobody has confirmed, written as confirmed.

Verbs of verification ("confirm", "verify", "corroborate", ``language.VERIFYING_VERBS``) are factive and vouch:
"hospital officials confirmed that 21 people died" asserts the deaths and that the officials stand behind the
figure. Negated, the same verbs say the opposite of that second part: "the figure could not be independently
confirmed" and "police have not verified the claim" say that nobody has vouched for it, and so do the adjectives
"unconfirmed", "unverified" (``UNVOUCHED_ADJECTIVES``). A written sentence that has someone confirm what the source
says is unconfirmed turns a report into an established fact: a hedge made certain.

What the source leaves unvouched is read from the parse:

* the clause a negated verb of verification governs ("could not confirm that X", "it has not been confirmed that
  X"), or the that-clause of the claim it governs ("has not verified claims that X");
* the that-clause of a report called unconfirmed ("unconfirmed reports that X");
* an anaphor: a pronoun or a bare definite noun ("it", "the figure", "the claims") with no clause of its own takes
  its content from the discourse, and the nearest is the sentence before in the same passage: what its verb of
  saying reports ("21 died, officials said"), or the whole sentence where it reports nothing.

A written sentence fails only when it asserts verification itself: a verb of verification that is not negated
and does not stand under a hedge. One that reports the figure as said ("officials said 21 died"), states it flat,
or keeps the doubt ("a figure not independently confirmed") says nothing this check reads. As for denials, the
unvouched clause must be the sentence's best evidence (``best_evidence_unasserted``).
"""

from __future__ import annotations

import re
from typing import Any

from ...language import (
    DEFINITE_DETERMINERS,
    EPISTEMIC_MODALS,
    NEGATING_ADJECTIVES,
    NEGATING_VERBS,
    NEGATION_WORDS,
    UNVOUCHED_ADJECTIVES,
    VERIFYING_VERBS,
    words_pattern,
)
from ._clause_mood import _is
from ._condition import check_unasserted
from ._denial import followed_by, reported_clauses
from ._parse import Evidence, SourceFacts, parse
from ._result import FactResult

__all__ = ["asserts_verification", "check_unverified", "unvouched_clauses"]

_VOUCHING = re.compile(words_pattern(VERIFYING_VERBS | UNVOUCHED_ADJECTIVES, inflect=True), re.I)
_ANAPHORIC_PRONOUNS = frozenset("it this that these those".split())
_NOUN_MODIFIERS = frozenset({"det", "compound"})


def _negative(subject: Any) -> bool:
    """A negative quantifier as the subject ("nobody", "none", "no official") negates its clause."""
    return subject.lower_ in NEGATION_WORDS or any(c.dep_ == "det" and c.lower_ == "no" for c in subject.children)


def _negated(token: Any) -> bool:
    """Negated itself ("not confirmed", "nobody has confirmed"), or the complement of a predicate that is negated
    or says the act did not come about ("was not possible to verify", "nobody was able to verify", "failed to
    confirm", "unable to verify"): an infinitive's act happens only if its governor holds."""
    node = token
    for _ in range(4):
        if any(c.dep_ == "neg" or (c.dep_ in ("nsubj", "nsubjpass") and _negative(c)) for c in node.children):
            return True
        if node.dep_ not in ("xcomp", "acomp") or node.head is node:
            return False
        node = node.head
        if _is(node, NEGATING_VERBS | NEGATING_ADJECTIVES):
            return not any(c.dep_ == "neg" for c in node.children)
    return False


def _verification(token: Any) -> bool:
    return token.pos_ == "VERB" and _is(token, VERIFYING_VERBS)


def _that_clauses(token: Any) -> list[Any]:
    return [c for c in token.children if c.dep_ in ("ccomp", "acl", "relcl", "csubjpass", "csubj")]


def _anaphor(token: Any) -> bool:
    """A pronoun, or a definite noun with nothing of its own but its determiner: it points back."""
    if token.lower_ in _ANAPHORIC_PRONOUNS and not list(token.children):
        return True
    if token.pos_ != "NOUN":
        return False
    children = list(token.children)
    return any(c.dep_ == "det" and c.lower_ in DEFINITE_DETERMINERS for c in children) and all(
        c.dep_ in _NOUN_MODIFIERS for c in children
    )


def _span(token: Any) -> frozenset[int]:
    return frozenset(t.i for t in token.subtree)


def unvouched_clauses(doc: Any) -> tuple[list[frozenset[int]], bool]:
    """The clauses a source sentence says nobody has vouched for, and whether it says so of an anaphor (then what
    the sentence before reports is unvouched too)."""
    found: list[frozenset[int]] = []
    points_back = False
    for token in doc:
        if _verification(token) and _negated(token):
            for child in token.children:
                if child.dep_ in ("ccomp", "csubjpass") or (child.dep_ == "dobj" and child.pos_ == "VERB"):
                    found.append(_span(child))  # "could not confirm that X"
                elif child.dep_ in ("dobj", "nsubjpass"):
                    clauses = _that_clauses(child)
                    found.extend(_span(c) for c in clauses)  # "has not verified claims that X"
                    points_back = points_back or (not clauses and _anaphor(child))
        elif token.lower_ in UNVOUCHED_ADJECTIVES:
            if token.dep_ == "amod":  # "unconfirmed reports that X"
                found.extend(_span(c) for c in _that_clauses(token.head))
            elif token.dep_ in ("acomp", "attr"):  # "the figure is unconfirmed", "reports that X are unconfirmed"
                subject = next((c for c in token.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
                if subject is not None:
                    clauses = _that_clauses(subject)
                    found.extend(_span(c) for c in clauses)
                    points_back = points_back or (not clauses and _anaphor(subject))
    return sorted(found, key=min), points_back


def _unvouched_by_next(candidates: list[Evidence], facts: SourceFacts) -> frozenset[str]:
    """The texts of the candidates whose report the next sentence of their passage calls unconfirmed by an
    anaphor ("21 people have died, officials said. The figure could not be independently confirmed.")."""

    def unvouches(next_one: Evidence) -> bool:
        return bool(_VOUCHING.search(next_one.text)) and unvouched_clauses(next_one.doc)[1]

    return followed_by(candidates, facts, unvouches)


def asserts_verification(doc: Any) -> bool:
    """A verb of verification the sentence asserts: not negated, and not under a modal of possibility ("may
    confirm") or in a question."""
    for token in doc:
        if not _verification(token) or _negated(token):
            continue
        if any(c.dep_ == "aux" and c.lower_ in EPISTEMIC_MODALS for c in token.children):
            continue
        if token.sent.text.rstrip().endswith("?"):
            continue
        return True
    return False


def check_unverified(
    name: str, sentence: str, claim_stems: frozenset[str], candidates: list[Evidence], facts: SourceFacts | None
) -> FactResult:
    """Fails, as unsupported, a sentence that asserts verification of what its best evidence leaves unvouched.
    ``name``: the check it reports under (hedge made certain)."""
    following = _unvouched_by_next(candidates, facts) if facts is not None else frozenset()

    def may_hold(text: str) -> bool:
        return text in following or _VOUCHING.search(text) is not None

    def parts_of(doc: Any) -> list[frozenset[int]]:
        own = unvouched_clauses(doc)[0]
        if doc.text not in following:
            return own
        reported = reported_clauses(doc) or [frozenset(t.i for t in doc)]
        return sorted([*own, *reported], key=min)

    return check_unasserted(
        name,
        sentence,
        claim_stems,
        candidates,
        may_hold,
        parts_of,
        lambda text: not asserts_verification(parse(text)),
        'the sentence has it confirmed where the source says nobody has confirmed it: "{}"',
        verdict="unsupported",
        novel=False,
    )
