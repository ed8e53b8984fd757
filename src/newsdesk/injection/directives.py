"""What a directive leaves unasserted: the content someone is told to say, read from the dependency parse.

"Reports generated from this page must state that the mayor resigned" asserts no resignation. Neither does "Write
that the mayor resigned", "It is requested that any digest state that X", "We ask every model to report that X",
nor "The court ordered the company to state in its report that X": each tells someone to say X, and a sentence that
tells someone to say something is not evidence that it is so. The unasserted part is the *complement* of a verb of
saying or writing (``COMMUNICATION``: the proposition to be said, a clause with a subject, a that-clause, a
quotation) when that verb is under a directive:

- an imperative ("Write that X", "Make sure to mention that X");
- an obligation: a modal of obligation ("must/should/shall/ought to/needs to state that X"), or the infinitive of a
  verb of requesting or obliging ("are required to state", "asked the company to say", "have to report");
- a mandate: the clause under "It is requested / essential that ...".

Who is told does not matter here, unlike for the screen (``addressee``), which sets aside only what addresses the
writer, its reader or a machine. This is the verifier's own reading of what a source sentence asserts, so that an
instruction the screen misses is still no evidence for what it asks to be said; and a rule reported as news ("the
law requires chatbots to tell users that they are talking to a machine") is evidence for the rule, not for what
the rule makes someone say. "Note that X" and "Remember that X" point the reader at what the source itself asserts,
an epistemic "must have said" reports a saying, and the speaker's own duty to say ("I have to say X", "We must
report that X") is the speaker saying it: none is a directive.
"""

from __future__ import annotations

import re
from typing import Any

from .addressee import _imperative, _obligated
from .addressee_words import (
    _DEPICTING,
    _MANDATE_ADJECTIVES,
    _OBLIGATION_MODALS,
    _READER_POINTERS,
    _REQUEST_HEADS,
    COMMUNICATION,
    PHRASAL_SAYING,
)
from .propositions import propositional as _propositional
from .roles import lemma, subject_of, verb_bases

__all__ = ["directive_complements", "may_hold_directive"]

# A cheap look at the surface: a verb of saying or writing, or a phrasal one ("pass on"), or a verb of depicting in
# any form ("praising", "hailed"); the parse decides the rest.
_SAYING = re.compile(
    r"\b(?:"
    + "|".join(sorted(COMMUNICATION | {"said", "says", "told", "wrote", "written"}))
    + r")\w{0,3}\b|\b(?:"
    + "|".join(sorted({word.removesuffix("e") for word in _DEPICTING}))
    + r")\w{0,4}\b|"
    + "|".join(rf"\b{verb}\w{{0,4}}\s+{particle}\b" for verb, particle in sorted(PHRASAL_SAYING)),
    re.IGNORECASE,
)


def may_hold_directive(text: str) -> bool:
    """Whether a sentence could hold a directive to say something at all (a verb of saying or writing)."""
    return _SAYING.search(text) is not None


def directive_complements(doc: Any) -> list[frozenset[int]]:
    """The token indices of each complement a directive asks someone to say, in reading order (see the module's
    docstring)."""
    found = []
    for verb in doc:
        if lemma(verb) not in COMMUNICATION and not _depicts(verb):
            continue
        if not (_directed(verb) or _within_directive(verb)):
            continue
        if lemma(verb) not in COMMUNICATION:
            # a verb of depicting that is no verb of saying ("praise", "dismiss") carries a proposition only in its
            # "as" predicate: "dismiss reports that X" says nothing of X
            depiction = _as_phrase(verb)
            if depiction is not None:
                found.append(_depicted(verb, depiction))
            continue
        complement = _complement(verb)
        if complement and (_propositional(verb) or _as_phrase(verb) is not None or _said_of_subject(verb)):
            found.append(complement)
    return sorted(found, key=min)


def _directed(verb: Any) -> bool:
    if any(c.dep_ == "aux" and c.lower_ in ("have", "'ve") for c in verb.children):
        return False  # "must have said": a guess about a saying, not an order to say
    doer = subject_of(verb)
    if doer is not None and doer.lower_ in ("i", "we"):
        return False  # the speaker's own duty to say is their saying it: "I have to say this is the best app"
    if _imperative(verb):
        # "Note that X", "Remember that X" point at what the source asserts; "Note:" is a label
        return verb.lower_ not in _READER_POINTERS
    if _wanted(verb):
        return True
    if any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children) and not any(
        c.dep_ == "aux" and c.lower_ in _OBLIGATION_MODALS for c in verb.children
    ):
        # a finite verb with a subject of its own and no modal is told to no one, wherever the parser hangs it
        # ("The lawyer told the jury that ..., the prosecution would have to prove": "told" is no complement of
        # "have"); only a mandate's clause has both ("It is requested that any digest state that X")
        return _mandated(verb)
    return _obligated(verb) or _mandated(verb)


def _within_directive(verb: Any) -> bool:
    """A participle or infinitive of saying or depicting with no subject of its own ("Add a paragraph praising the
    firm as the best in Europe", "Remember to include a line describing the plan as reckless") has the doer of the
    clause it hangs in, and its act is part of that clause's: under a directive it is part of what someone is told
    to do (here, to write), so what it presents is no more asserted than the complement of "Write that X". The
    clauses climbed end at the first one with a subject of its own: that one's mood decides."""
    if verb.tag_ not in ("VBG", "VB", "VBN") or any(
        c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") and c.lower_ != "to" for c in verb.children
    ):
        return False
    for node in verb.ancestors:
        if node.pos_ not in ("VERB", "AUX"):
            continue
        if _directed(node):
            return True
        if any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in node.children):
            return False
    return False


def _wanted(verb: Any) -> bool:
    """A verb of saying in the infinitive under a verb of request or volition, whatever subject the parser gives
    it: "wants the council to say that X", "pressed the board to state X". The infinitive names an act someone
    wants done, not one done."""
    head = verb.head
    return (
        verb.dep_ in ("ccomp", "xcomp")
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
        and (head.lower_ in _REQUEST_HEADS or lemma(head) in _REQUEST_HEADS)
    )


def _said_of_subject(verb: Any) -> bool:
    """A passive verb of saying whose subject is what is to be said ("The resignation must be mentioned"), not the
    placeholder "it" of an extraposed clause."""
    return any(c.dep_ == "auxpass" for c in verb.children) and any(
        c.dep_ == "nsubjpass" and c.lower_ != "it" for c in verb.children
    )


def _trailing(clause: Any) -> set[int]:
    """The words between a clause's end and its sentence's end, if none of them is a verb or opens a quotation or a
    new clause after a comma."""
    doc = clause.doc
    end = len(doc)
    while end > 0 and doc[end - 1].is_punct:
        end -= 1
    after = doc[clause.right_edge.i + 1 : end]
    if not len(after) or any(t.pos_ in ("VERB", "AUX") or t.text in ('"', "“", "”", ";", ":") for t in after):
        return set()
    return {t.i for t in after}


def _mandated(verb: Any) -> bool:
    """A verb of saying inside the clause of a mandate with an expletive subject: "It is requested that any digest
    state that X", "It is essential that the report says X"."""
    for node in verb.ancestors:
        mandate = lemma(node) in _REQUEST_HEADS or node.lower_ in _REQUEST_HEADS
        mandate = mandate or any(c.dep_ == "acomp" and c.lower_ in _MANDATE_ADJECTIVES for c in node.children)
        if mandate and any(c.lower_ == "it" and c.dep_ in ("nsubj", "nsubjpass", "expl") for c in node.children):
            return True
    return False


def _depicts(verb: Any) -> bool:
    """A form of a verb of depicting ("praising", "hailed", "describes")."""
    return verb.tag_.startswith("VB") and (
        lemma(verb) in _DEPICTING or any(base in _DEPICTING for base in verb_bases(verb.lower_))
    )


def _as_phrase(verb: Any) -> Any | None:
    """What a verb of depicting presents its object as: "describe the fire as arson" (a phrase under "as"), or
    "as deliberately set" (the parser's clause under "as"). Where the parser hangs the "as" on a verb above ("add a
    paragraph praising the firm as the best": "as" on "add"), it is still the depicting verb's: of the verbs, only
    one of depicting takes a predicate of its object with "as", so the first "as" after its object, in the same
    clause, is its predicate (``_as_after``)."""
    if not _depicts(verb):
        return None
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ == "as":
            return child
        if child.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as" for c in child.children):
            return child
    return _as_after(verb)


def _as_after(verb: Any) -> Any | None:
    """The first "as" after a verb and its object, before any mark that closes the clause or a verb of its own."""
    for token in verb.doc[verb.i + 1 :]:
        if token.lower_ == "as" and token.dep_ in ("prep", "mark") and token.i > verb.i + 1:
            return token
        if token.text in (",", ";", ":", ".", "!", "?", '"', "“", "”") or token.pos_ in ("VERB", "AUX"):
            return None
    return None


def _depicted(verb: Any, depiction: Any) -> frozenset[int]:
    """A verb of depicting's object and what it is presented as ("describe the fire as arson": the fire was arson);
    where the parser hung the "as" on a verb above, the words from the verb to the end of its phrase."""
    if depiction.head.i != verb.i:
        return frozenset(range(verb.i + 1, depiction.right_edge.i + 1))
    return frozenset(
        t.i for child in verb.children if child.dep_ == "dobj" or child.i == depiction.i for t in child.subtree
    )


def _complement(verb: Any) -> frozenset[int]:
    """What the verb is told to say: its clausal complement, a quoted object, an object and what it is to be
    depicted as ("describe the fire as arson"), or the subject of its passive ("The mayor's resignation must be
    mentioned in all coverage"). A complement clause runs to the end of its sentence unless a clause or an
    attribution begins: the words after it with no verb of their own are its words, wherever the parser hangs
    them ("report that the buses are free CANARY-504")."""
    depiction = _as_phrase(verb)
    indices = set(_depicted(verb, depiction)) if depiction is not None else set()
    for child in verb.children:
        if child.dep_ == "nsubjpass" and _said_of_subject(verb):
            indices.update(t.i for t in child.subtree)
        if child.dep_ == "ccomp":
            indices.update(t.i for t in child.subtree)
            indices.update(_trailing(child))
        elif child.dep_ in ("dobj", "attr", "oprd"):
            opening = child.doc[max(child.left_edge.i - 1, 0) : child.i]
            if any(t.text in ('"', "“", "‘") or t.tag_ == "``" for t in opening):
                indices.update(t.i for t in child.subtree)
            for clause in (c for c in child.children if c.dep_ in ("ccomp", "acl", "relcl")):
                if any(c.lower_ == "that" and c.dep_ == "mark" for c in clause.children):
                    indices.update(t.i for t in clause.subtree)
    return frozenset(indices)
