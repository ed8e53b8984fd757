"""Reception: how something was received is a fact about people who reacted, and the sources must report them.

"The plan has been hailed as a success", "the decision was met with criticism" and "the sale drew mixed reactions"
name no one, yet each says that people reacted, and how: with praise, with criticism, or with both. A passive verb
of stance with no named agent ("was praised", "was criticised by some") and a noun of reaction that something
meets, draws or sparks ("met with criticism", "drew praise") state such a reception. Its stance is the verb's or
the noun's ("mixed" asks for both). The sources support it only where they report some reaction of that stance:
a verb of stance said by anyone ("welcomed", "warned", "condemned") or a noun of reaction. Where they report none,
the sentence has invented the reaction; who reacted the sources may leave out, but not that anyone did.

A reception under a modal, a condition or a hedge ("could be criticised") is the writer's reasoning, not a claim
of fact, and an agent named or made definite ("was praised by the mayor") is the attribution checks' to judge. A
passive of stance with an adverb of duration or habit ("has long been celebrated as a land of opportunity", "is
often praised") is generic: it describes a standing reputation, a state of how a thing is seen, not a reaction to
an event.
"""

from __future__ import annotations

from typing import Any

from ...language import DEFINITE_DETERMINERS, SPEECH_VERBS, Stance, parse
from ._clause_mood import irrealis
from ._parse import Evidence, SourceFacts
from ._predicate import _lemma, _lemmatised, _negated
from ._result import FactResult, fail, not_applicable, ok

__all__ = ["RECEPTION", "check_reception"]

RECEPTION = "reception"

_SUPPORT: Stance = "support"
_CRITICISM: Stance = "criticism"
#: Nouns of reaction, by stance: the nominalisations of the verbs of stance and the words for a crowd's reaction.
REACTION_NOUNS: dict[str, Stance] = {
    **dict.fromkeys("praise acclaim applause welcome support approval backing plaudit cheer".split(), _SUPPORT),
    **dict.fromkeys(
        "criticism condemnation backlash outcry outrage anger opposition protest complaint objection "
        "concern fury disapproval".split(),
        _CRITICISM,
    ),
}
#: Nouns of reaction with no stance of their own: "mixed" gives them both.
_NEUTRAL_REACTIONS = frozenset("reaction response review feedback reception".split())
#: Verbs by which a thing meets, draws or sets off a reaction (the reaction is their object).
_OCCASIONING = frozenset("meet draw attract receive spark prompt provoke trigger face earn win garner".split())
_MIXED = frozenset("mixed divided polarised polarized".split())
#: Adverbs of duration or habit that make a passive of stance generic: a reputation, not a reaction.
_GENERIC = frozenset("long always often traditionally historically commonly generally usually".split())
# A warning about a thing is a critical reaction to it: it supports "met with criticism".
_SUPPORTS: dict[Stance, frozenset[Stance]] = {
    _SUPPORT: frozenset({_SUPPORT}),
    _CRITICISM: frozenset({_CRITICISM, "warning"}),
}


def _stance_verb(token: Any) -> Stance | None:
    stance = SPEECH_VERBS.get(_lemma(token))
    return stance if stance in (_SUPPORT, _CRITICISM, "warning") else None


def _agent_named(verb: Any) -> bool:
    """The passive names who reacted: a name, or a definite phrase ("by the mayor", "by its owners"). A quantifier
    or a bare plural ("by some", "by critics") names no one."""
    for agent in (c for c in verb.children if c.dep_ == "agent"):
        for noun in (t for t in agent.children if t.dep_ == "pobj"):
            definite = any(
                (c.dep_ == "det" and c.lower_ in DEFINITE_DETERMINERS) or c.dep_ == "poss" for c in noun.children
            )
            if definite or any(t.pos_ == "PROPN" for t in noun.subtree):
                return True
    return False


def receptions(doc: Any) -> list[tuple[str, frozenset[Stance]]]:
    """The receptions a parse states with no one named as reacting: (their words, the stances they need)."""
    found: list[tuple[str, frozenset[Stance]]] = []
    doc = _lemmatised(doc)
    for token in doc:
        stance = _stance_verb(token) if token.pos_ == "VERB" else None
        if stance in (_SUPPORT, _CRITICISM) and any(c.dep_ == "auxpass" for c in token.children):
            generic = any(c.dep_ == "advmod" and c.lower_ in _GENERIC for c in token.children)
            if not (_agent_named(token) or generic or _negated(token) or irrealis(token)):
                found.append((token.text, frozenset({stance})))
            continue
        if token.pos_ != "NOUN" or token.dep_ not in ("dobj", "pobj"):
            continue
        verb = token.head.head if token.dep_ == "pobj" else token.head
        if _lemma(verb) not in _OCCASIONING or _negated(verb) or irrealis(verb):
            continue
        mixed = any(c.dep_ == "amod" and c.lower_ in _MIXED for c in token.children)
        noun, words = _lemma(token), doc[min(verb.i, token.i) : max(verb.i, token.i) + 1].text
        if mixed and (noun in REACTION_NOUNS or noun in _NEUTRAL_REACTIONS):
            found.append((words, frozenset({_SUPPORT, _CRITICISM})))
        elif noun in REACTION_NOUNS:
            found.append((words, frozenset({REACTION_NOUNS[noun]})))
    return found


def _reported(everywhere: list[Evidence]) -> set[Stance]:
    """The stances of the reactions the sources report, by anyone: a verb of stance that is not denied, a noun of
    reaction."""
    SourceFacts.parse_batch(everywhere)
    stances: set[Stance] = set()
    for evidence in everywhere:
        for token in _lemmatised(evidence.doc):
            if token.pos_ == "VERB" and (stance := _stance_verb(token)) and not _negated(token):
                stances.add(stance)
            elif token.pos_ == "NOUN" and _lemma(token) in REACTION_NOUNS:
                stances.add(REACTION_NOUNS[_lemma(token)])
    return stances


def check_reception(sentence: str, everywhere: list[Evidence]) -> FactResult:
    """Fail when the sentence states a reception whose stance no source reports (``everywhere``: every source
    sentence)."""
    stated = receptions(parse(sentence))
    if not stated:
        return not_applicable(RECEPTION)
    reported = _reported(everywhere)
    for words, needed in stated:
        missing = [s for s in sorted(needed) if not _SUPPORTS[s] & reported]
        if missing:
            return fail(
                RECEPTION,
                f'"{words}" says people reacted with {" and ".join(missing)}, and no source reports such a reaction',
                "unsupported",
            )
    return ok(RECEPTION)
