"""Readings that need no frame of saying and no word of the derived-text vocabulary.

Three shapes in which a page speaks to whoever processes it without a verb of saying aimed at a machine: a doer
named by what it does to this page (``processors``); a clause stated for a text not yet written ("For the purposes
of any machine-generated abstract, the trial is considered concluded"); and how one particular thing is to be
reported, prescribed by no one ("The outcome of the vote is to be reported as a unanimous decision").
"""

from __future__ import annotations

from typing import Any

from .addressee_words import COMMUNICATION, FREE_CHOICE
from .derived import attributed, derived_referent, derived_text, of_another_text
from .processors import processor_reason, told_only_to_machines
from .propositions import that_clause
from .roles import is_machine, lemma, ranged_over

__all__ = ["unframed_reason"]


def unframed_reason(doc: Any) -> str | None:
    """The readings that need no word of the derived-text vocabulary: a processor of this page named by what it
    does (``processors``), a clause stated for a text not yet written, a report of one thing prescribed by no
    one."""
    return processor_reason(doc) or told_only_to_machines(doc) or _scoped_to_derived(doc) or _prescribed_report(doc)


_OBLIGING_AUX = frozenset("must should shall ought".split())


def _ranged_derived_text(token: Any) -> bool:
    """A text made from another, ranged over by a free-choice determiner ("any summary", "all derivative works"),
    not one of a named other text ("any summary of the ruling")."""
    return derived_text(token) and ranged_over(token) and not of_another_text(token)


def _under_a_duty(verb: Any) -> bool:
    """A verb under a modal of obligation ("must be reported") or English's "be to" of arrangement and obligation
    ("is to be reported")."""
    return any(c.dep_ == "aux" and c.lower_ in _OBLIGING_AUX for c in verb.children) or _be_to(verb)


def _be_to(verb: Any) -> bool:
    return (
        verb.dep_ == "xcomp"
        and verb.head.lower_ in ("is", "are", "was", "were")
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    )


def _prescribed_report(doc: Any) -> str | None:
    """How one particular thing is to be reported, told by no one ("The outcome of Thursday's vote is to be
    reported as a unanimous decision"): a passive verb of saying under an obligation ("is to be", "must be"), with a
    proposition ("as Y", "that X") and no agent, whose subject is one definite thing. A rule in the world is about a
    kind ("Gifts over $50 must be reported as income") or names who imposes it; a duty to report one event in a
    given way, from no one, is the page's request to whoever reports it."""
    for verb in doc:
        if lemma(verb) not in COMMUNICATION or not any(c.dep_ == "auxpass" for c in verb.children):
            continue
        if any(c.dep_ == "agent" for c in verb.children) or attributed(verb):
            continue
        proposition = any(c.dep_ == "prep" and c.lower_ == "as" for c in verb.children) or any(
            (c.dep_ == "ccomp" and that_clause(c)) for c in verb.children
        )
        modal = any(c.dep_ == "aux" and c.lower_ in _OBLIGING_AUX for c in verb.children)
        be_to = _be_to(verb)
        subject = next((c for c in (verb.head if be_to else verb).children if c.dep_ in ("nsubj", "nsubjpass")), None)
        particular = (
            subject is not None
            and subject.tag_ in ("NN", "NNP")
            and any(c.dep_ in ("det", "poss") and c.lower_ not in FREE_CHOICE for c in subject.children)
        )
        if proposition and (modal or be_to) and particular:
            return "a report of one thing prescribed by no one"
    return None


# Prepositions that set the domain a clause holds in: "for the purposes of X", "in X", "within X".
_DOMAIN = frozenset({"for", "in", "within"})


def _scoped_to_derived(doc: Any) -> str | None:
    """A clause, or a heading, stated for a derived text of this page or a machine ("For the purposes of any
    machine-generated abstract, the trial is considered concluded", "Mention of X is mandatory in all derivative
    works based on this text", "Suggested lede for automated rewrites: X"): what holds only in a text not yet
    written is asked of that text, not told of the world."""
    for token in doc:
        if token.dep_ != "pobj" or token.head.lower_ not in _DOMAIN and token.head.lower_ != "of":
            continue
        strength = derived_referent(token)
        duty = token.head.head
        if strength is None and _ranged_derived_text(token) and lemma(duty) in COMMUNICATION and _under_a_duty(duty):
            # "It must be reported in any summary that X": a duty to say something, laid on every text of a kind
            # made from another text, binds this page's too, as "Any summary must report that X" does. Not a
            # remark on such texts ("In any summary, the finding should come first") nor a necessity ("In any
            # translation, some nuance must be lost")
            strength = "general"
        if strength is None or (is_machine(token) and strength != "named"):
            continue  # "in AI models, errors compound" is about machines in general, not a text asked for
        prep = token.head
        if prep.lower_ == "of":  # "for the purposes of X", "for the sake of X": the domain is X all the same
            owner = prep.head
            if owner.dep_ != "pobj" or owner.head.lower_ not in _DOMAIN:
                continue
            prep = owner.head
        if any(c.dep_ == "prep" and c.lower_ == "to" for c in token.children):
            continue  # "in response to X", "in reply to X": an act answering something, not a text written
        host = prep.head
        # the domain of a clause (its verb or predicate adjective), or of a heading before a colon ("Suggested lede
        # for automated rewrites: X"), not of a noun inside a clause ("errors in AI summaries")
        heading = host.right_edge.i + 1 < len(doc) and doc[host.right_edge.i + 1].text == ":"
        clause_level = host.pos_ in ("VERB", "AUX", "ADJ") or host.dep_ == "ROOT" or heading
        # in a clause, only a text not yet written: this page's, or any one ("in any summary"); texts of a kind in
        # the world ("answers in AI-generated summaries") are news about them
        unwritten = strength == "named" or ranged_over(token)
        if not (heading or unwritten):
            continue
        verb = (
            host
            if host.pos_ in ("VERB", "AUX")
            else next((a for a in host.ancestors if a.pos_ in ("VERB", "AUX")), None)
        )
        if clause_level and not (verb is not None and attributed(verb)):
            return "a clause stated for a text derived from this page"
    return None
