"""A necessity laid on whoever writes next: "When writing about this election, it is important to describe X as Y".

An evaluation of necessity ("it is important / essential / necessary to ...", "be sure to ...", "X should be
described as Y") over a verb of saying or describing has an understood subject, the one who is to say it. When
the verb has no subject of its own (a bare infinitive after "it is important", the imperative "be sure to", a
passive with no agent) and no one in the story says the sentence, that understood subject is whoever reads it:
the sentence tells its reader what to say, and asserts nothing about the world. What it asks to be said is
neither drafted nor evidence. Two things make the reader's saying the one meant rather than the page's own:

- a frame that names the reader's writing: a leading clause of writing, reporting or summarising with no subject
  of its own ("When writing about this election, ...", "In reporting on the vote, ..."): the one who writes is
  the understood subject of both clauses;
- an ascription, not a that-clause: "describe X as Y", "call X Y", "refer to X as Y" prescribe the words by which
  something is to be named, a matter for whoever names it next. A that-clause under a verb of pointing out is
  different: "It is important to note that the figures are provisional" is the page stating the figures are
  provisional (a factive verb presupposes its complement), and with a plain "say that" in the page's own voice
  ("It is important to say that no one was hurt") the page says it in saying so.

What stays news: advice or a rule the story attributes to someone ("It is important to describe symptoms to your
doctor, the agency said", "Under the code, the drinks must be labelled as sugary"), an infinitive with a subject
of its own ("It is important for doctors to describe ..."), a duty towards people ("It is important to tell
children that they are loved"), and advice whose verb is no verb of saying ("It is important to drink water").
"""

from __future__ import annotations

from typing import Any

from ..language import DEFINITE_DETERMINERS
from .addressee_words import (
    _DEPICTING,
    _MANDATE_ADJECTIVES,
    _OBLIGATION_MODALS,
    _READER_POINTERS,
    _WRITING_VERBS,
    COMMUNICATION,
    PROCESSING_VERBS,
    SECOND_PERSON,
)
from .derived import attributed
from .propositions import propositional
from .roles import duty_to_people, lemma, reported, verb_bases

__all__ = ["necessity_on_the_reader"]

# Verbs of saying whose complement the sayer presents as true (factive or assertive): "note that X", "point out
# (lemma: mention) that X", "stress that X". In the page's own voice, a necessity to note X is the page noting X.
_POINTING_OUT = _READER_POINTERS | frozenset(
    "mention stress emphasise emphasize highlight underline underscore acknowledge recognise recognize recall "
    "reiterate repeat restate".split()
)
# Adjectives of necessity whose "to" infinitive, with no subject of its own, is done by the one addressed: the
# adjectives of a mandate, and "sure"/"certain" in "be sure to".
_NECESSITY = _MANDATE_ADJECTIVES | frozenset({"sure", "certain"})


def necessity_on_the_reader(doc: Any) -> bool:
    """Whether a verb of saying or describing that carries a proposition sits under a necessity whose understood
    subject is the reader (see the module's docstring)."""
    framed = _writing_frame(doc)
    for verb in doc:
        if lemma(verb) not in COMMUNICATION or not (propositional(verb) or small_clause(verb)):
            continue
        if not (_subjectless_necessity(verb) or _agentless_obligation(verb)):
            continue
        if reported(verb) or attributed(verb) or duty_to_people(verb):
            continue
        if framed or (_ascription(verb) and lemma(verb) not in _POINTING_OUT):
            return True
    return False


def small_clause(verb: Any) -> bool:
    """A verb of saying with an object and an object complement ("call him a liar", "label the plant unsafe"): the
    complement is predicated of the object, a proposition in a clause with no verb (a small clause)."""
    return any(c.dep_ == "oprd" for c in verb.children) and (
        any(c.dep_ in ("dobj", "nsubjpass") for c in verb.children)
    )


def _ascription(verb: Any) -> bool:
    """ "describe X as Y", "call X Y": the proposition is a property given to something by the saying itself."""
    if small_clause(verb):
        return True
    if lemma(verb) not in _DEPICTING:
        return False
    # the "as" of the predicate hangs on the verb or its object ("describe the plant as unsafe"); one on an adverb
    # is the second "as" of a comparison ("describe your symptoms as precisely as possible"), which ascribes nothing
    described = [verb, *(c for c in verb.children if c.dep_ in ("dobj", "nsubjpass"))]
    return any(c.lower_ == "as" and c.dep_ in ("prep", "mark") for node in described for c in node.children)


def _subjectless_necessity(verb: Any) -> bool:
    """A "to" infinitive with no subject of its own under an adjective of necessity: "it is important to say",
    "be sure to call"; the adjective may be the copula's complement or the infinitive's governor."""
    if verb.dep_ != "xcomp" or not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return False
    if any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return False  # "It is important for doctors to describe ...": the infinitive's own subject
    head = verb.head
    adjectives = [head] if head.lower_ in _NECESSITY else []
    adjectives += [c for c in head.children if c.dep_ == "acomp" and c.lower_ in _NECESSITY]
    if not adjectives:
        return False
    return not any(
        p.dep_ == "prep" and p.lower_ == "for" for node in (head, *adjectives) for p in node.children
    )  # "It is vital for the court to state ...": a "for" phrase names who is to say it


def _agentless_obligation(verb: Any) -> bool:
    """A passive under a modal of obligation with no agent, said of a particular thing: "X should be described as
    Y" leaves open who describes, and in the page's own voice that is whoever describes X next, its reader. Said of
    a kind ("Gifts over $50 must be reported as income"), the obligation is a rule that binds every case of the
    kind, a regulation the page reports, not a prescription of how one thing is to be named."""
    subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    return (
        any(c.dep_ == "auxpass" for c in verb.children)
        and any(c.dep_ == "aux" and c.lower_ in _OBLIGATION_MODALS for c in verb.children)
        and not any(c.dep_ == "agent" for c in verb.children)
        and subject is not None
        and _particular(subject)
    )


def _particular(noun: Any) -> bool:
    """A noun phrase that names one thing: a name, a pronoun, or a noun made definite by a determiner or a
    possessor ("the plant", "his record"); a bare noun or an indefinite one ("gifts", "a donation") names a kind."""
    if noun.pos_ in ("PROPN", "PRON"):
        return True
    return any(
        (c.dep_ == "det" and c.lower_ in DEFINITE_DETERMINERS) or c.dep_ == "poss" for c in noun.children
    ) or any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in noun.children)


def _writing_frame(doc: Any) -> bool:
    """A leading adverbial clause of writing, reporting or summarising whose doer is the one addressed: no subject
    of its own ("When writing about this election, ...") or the second person ("When you report on this, ...")."""
    for clause in doc:
        if clause.dep_ != "advcl" or clause.i > clause.head.i:
            continue
        bases = verb_bases(clause.lower_)
        if not (
            lemma(clause) in COMMUNICATION
            or any(b in _WRITING_VERBS or b in PROCESSING_VERBS for b in (clause.lower_, *bases))
        ):
            continue
        subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is None and clause.tag_ in ("VBG", "VB") or subject is not None and subject.lower_ in SECOND_PERSON:
            return True
    return False
