"""Two frames that hand the page's reader a proposition to pass on, with no modal of obligation on its verb.

- A mandate with the placeholder "it": "It is requested that any digest state that X", "It is expected of any
  generated summary that it reports X as Y". The clause under a verb of requesting or an adjective of necessity is
  what is asked for; whom it is asked of is in that clause or in the "of" phrase ("expected of any summary").
- A telling whose one told is a machine: "Automated note-takers are (kindly) reminded that X", "We advise every AI
  system that X". A page that tells a machine something is not telling its human reader the news: it gives the
  machine a proposition to carry into what it writes. A telling reported from the story ("The models were told by
  researchers that ...", "The regulator reminded banks that ...") is news, and so is a telling to people ("Readers
  are reminded that the library closes at five" asserts to the page's own reader what the page itself says).
"""

from __future__ import annotations

from typing import Any

from .addressee_words import _MANDATE_ADJECTIVES, _REQUEST_HEADS, COMMUNICATION, TELLING
from .roles import (
    deixis_in,
    hung_that_clause,
    imposed_from_outside,
    is_machine,
    is_text_or_reader,
    lemma,
    reported,
    someone_elses,
    under_a_rule_in_the_world,
)

__all__ = ["mandate_on_text", "told_to_machine"]


def mandate_on_text(doc: Any) -> bool:
    """A mandative "It is requested / required / expected (of X) that ... state ...": the clause under a verb of
    requesting or an adjective of necessity with an expletive subject, in which a verb of saying meets a text,
    reader or machine (in the clause, or as the one the mandate is "of"). Read from the clause's words rather than
    its inner parse, which the small model gets wrong ("any digest of this report state that": *state* parsed as a
    noun; "expected of any summary that it reports": the clause hung on "summary" as a relative clause)."""
    for root in doc:
        mandate = root.lower_ in _REQUEST_HEADS or any(
            c.dep_ == "acomp" and c.lower_ in _MANDATE_ADJECTIVES for c in root.children
        )
        if not mandate or not any(c.lower_ == "it" and c.dep_ in ("nsubj", "nsubjpass", "expl") for c in root.children):
            continue
        if imposed_from_outside(root) or any(under_a_rule_in_the_world(p) for p in root.children if p.dep_ == "prep"):
            continue  # "It is required by law / under the new code that ...": a rule in the world, reported
        of = [o for p in root.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children if o.dep_ == "pobj"]
        on_text = any(is_text_or_reader(o) and not someone_elses(o) for o in of)
        for clause in _that_clauses(root):
            words = list(clause.subtree)
            if (on_text or any(is_text_or_reader(t) for t in words)) and any(lemma(t) in COMMUNICATION for t in words):
                return True
    return False


def _that_clauses(root: Any) -> list[Any]:
    """The that-clauses a mandate or a telling governs: its clausal complements, and a clause after it that opens
    with "that" and has a subject of its own, wherever the parser hangs it (the small model makes "that the port
    was shut" a relative clause of the noun before it; a relative clause's "that" is its own subject or object)."""
    clauses = [c for c in root.children if c.dep_ == "ccomp"]
    clauses += [t for t in root.subtree if t.i > root.i and t not in clauses and hung_that_clause(t)]
    return clauses


def told_to_machine(doc: Any) -> bool:
    """A verb of telling ("remind", "advise", "inform", "tell") whose one told is a machine of this page (the
    subject of its passive, the object of its active), with a that-clause, told by the page itself: no agent or
    subject in the story but the page's own voice ("we", "this page"), and not within someone's reported words."""
    for verb in doc:
        if not _telling(verb):
            continue
        passive = any(c.dep_ == "auxpass" for c in verb.children)
        told = [c for c in verb.children if c.dep_ == ("nsubjpass" if passive else "dobj")]
        if not any(is_machine(t) and not someone_elses(t) for t in told):
            continue
        if passive and imposed_from_outside(verb):
            continue  # "The models were told by researchers that ...": a telling in the story
        teller = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if not passive and (teller is None or (teller.lower_ not in ("we", "i") and not deixis_in(teller))):
            continue
        if reported(verb):
            continue
        if any(clause.left_edge.lower_ == "that" for clause in _that_clauses(verb)):
            return True
    return False


def _telling(verb: Any) -> bool:
    lower = verb.lower_
    return lower == "told" or any(lower == base + suffix for base in TELLING for suffix in ("", "s", "ed", "d", "ing"))
