"""Aspect read from the parse: an event under way stated as done.

Principle (the imperfective paradox): a progressive tells an event in its course, not its end. "Is crossing the
street" does not entail "has crossed the street", because the crossing may yet stop short; "is selling his
collection" does not say it is sold. The paradox holds for events with a natural end, which a bounded theme gives
them: a definite, possessed, counted or named thing ("his collection", "the bridge", "a wall", "200 items"). An
event whose theme is unbounded (a bare plural or mass noun: "is selling antiques") or that has none ("is running")
has already happened once it is under way, and its perfect is true ("has sold antiques"). So a writer's past or
perfect does not follow from sources that tell the same bounded event only as under way now.
"""

from __future__ import annotations

from typing import Any

from ...language import DEFINITE_DETERMINERS, GRADUAL_ADVERBS, SPEECH_VERBS
from ._predicate import _lemma

__all__ = ["bounded_theme", "gradual", "under_way"]

# Determiners that bound a noun phrase: the definite and demonstrative ones and the singular indefinite article; a
# quantifier such as "some" or "more" leaves it open.
_BOUNDING_DETERMINERS = DEFINITE_DETERMINERS | frozenset("a an every each both".split())


def under_way(verb: Any) -> str:
    """The present progressive that tells the clause's event in its course at the time of telling ("is selling",
    "are being sold", "has been selling"), or "" when it has none. Its end lies after the telling, so the story has
    not told it. A past progressive ("was holding the boy when he slipped") is the background of a narrative whose
    later course the story tells in other words, and is not read."""
    auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    present = any(a.tag_ in ("VBZ", "VBP") for a in auxiliaries)
    progressive = (verb.tag_ == "VBG" and any(_lemma(a) == "be" for a in auxiliaries)) or (
        verb.tag_ == "VBN" and any(a.lower_ == "being" for a in auxiliaries)
    )
    return " ".join(a.lower_ for a in auxiliaries) + f" {verb.lower_}" if present and progressive else ""


def bounded_theme(verb: Any) -> bool:
    """The clause's theme, what the event acts on (the object, or the subject of a passive), is bounded: a noun
    with a bounding determiner, a possessor or a number, or a name. A verb of saying has no such theme: what it
    governs is its content, and the saying is done once it is under way ("is warning that", "is calling for")."""
    if _lemma(verb) in SPEECH_VERBS:
        return False
    passive = any(c.dep_ == "auxpass" for c in verb.children)
    theme = next((c for c in verb.children if c.dep_ == ("nsubjpass" if passive else "dobj")), None)
    if theme is None:
        return False
    if theme.pos_ == "PROPN":
        return True
    return any(
        (c.dep_ == "det" and c.lower_ in _BOUNDING_DETERMINERS) or c.dep_ in ("poss", "nummod") for c in theme.children
    )


def gradual(verb: Any) -> bool:
    """The clause tells a gradual change ("have increasingly exposed", "is slowly taking on"): done as far as it
    has gone, which is all its perfect states."""
    return any(c.dep_ == "advmod" and c.lower_ in GRADUAL_ADVERBS for c in verb.children)
