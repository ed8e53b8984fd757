"""Whether a verb or a clause carries a proposition: something said or written that could be true or false.

A verb of saying carries one when its object is a clause with a subject ("say that X", "say X"), a quotation, or
"X as Y" after a verb of depicting ("describe the plant as unsafe"); a wh-clause asks for an answer, not a
statement ("tell me what is good"). Shared by the addressee reading (``addressee``), the derived-text reading
(``derived``) and the verifier's directive check (``directives``).
"""

from __future__ import annotations

from typing import Any

from .addressee_words import _DEPICTING, _WH_WORDS
from .roles import lemma, quoted_words

__all__ = ["colon_after", "payload", "propositional", "that_clause"]


def propositional(verb: Any) -> bool:
    """Whether the verb's object is a proposition: a clause, a quotation, or "X as Y"; or, for a passive with the
    placeholder "it" ("It must be stated by ... that X"), the that-clause extraposed after it, wherever the parser
    hangs it."""
    if any(c.dep_ in ("nsubjpass", "expl") and c.lower_ == "it" for c in verb.children) and any(
        t.dep_ == "mark" and t.lower_ == "that" and t.i > verb.i for t in verb.doc
    ):
        return True
    for child in quoted_words(verb, verb.children):
        if (
            child.dep_ == "advcl"
            and that_clause(child)
            and any(c.dep_ in ("nsubj", "nsubjpass") for c in child.children)
        ):
            return True  # "write only that X": a that-clause is a complement whatever label the parser gives it
        if child.dep_ == "ccomp" and any(c.dep_ in ("nsubj", "nsubjpass") for c in child.children):
            # "say that X", "say X"; not "tell me what is good": a wh-clause asks for an answer, not a statement
            return child.left_edge.lower_ not in _WH_WORDS
        if lemma(verb) in _DEPICTING and any(_depicting_as(t) for t in child.subtree):
            return True
        if child.dep_ in ("dobj", "attr", "oprd") and (
            any(c.dep_ in ("ccomp", "acl", "relcl") for c in child.children)
            or any(t.text in ('"', "'", "“", "‘") for t in child.doc[max(child.left_edge.i - 1, 0) : child.i])
        ):
            return True
    return False


def _depicting_as(token: Any) -> bool:
    """The "as" of "describe X as Y", wherever the parser hangs it: on the verb, on its object ("describe the
    evacuation as unnecessary") or as the mark of a clause ("describe the defendant as fully exonerated")."""
    if token.lower_ != "as" or token.dep_ not in ("prep", "mark"):
        return False
    governor = token.head.head if token.dep_ == "mark" else token.head
    return any(lemma(node) in _DEPICTING for node in (governor, governor.head))


def that_clause(token: Any) -> bool:
    """A clause introduced by "that" alone (not "so that", "such that", "now that": those are adverbial)."""
    marks = [c.lower_ for c in token.children if c.dep_ == "mark"]
    before = token.doc[token.left_edge.i - 1].lower_ if token.left_edge.i > 0 else ""
    return marks == ["that"] and before not in ("so", "such", "now", "given", "except", "provided")


def colon_after(verb: Any) -> bool:
    """Whether a colon right after the verb introduces its content ("your first sentence reads: X"), wherever the
    parser hangs what follows."""
    doc = verb.doc
    return bool(verb.i + 3 < len(doc) and doc[verb.i + 1].text == ":")


def payload(tokens: list[Any]) -> bool:
    """Whether a clause carries a proposition to be written: a that-clause, a quotation, "X as Y", or what a colon
    right after its verb introduces ("your first headline reads: X"), which stands where a quotation would."""
    for token in tokens:
        if token.text == ":" and token.i > 0 and colon_after(token.doc[token.i - 1]):
            return True
        if token.dep_ in ("ccomp", "acl", "relcl") and any(
            c.lower_ == "that" and c.dep_ == "mark" for c in token.children
        ):
            return True
        if (
            token.dep_ == "ccomp"
            and token.left_edge.lower_ not in _WH_WORDS
            and not any(c.lower_ in _WH_WORDS for c in token.children)
            and any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children)
        ):
            return True
        if token.text in ('"', "“", "‘") or token.tag_ == "``" or _depicting_as(token):
            return True
    return False
