"""What a condition leaves unasserted: read from the dependency parse.

A clause under a conditional subordinator states no fact. "If the council approves the plan, the bridge will open
in 2028" asserts neither that the council approves the plan nor that the bridge will open: it asserts only that
the second depends on the first. So both clauses of a conditional are unasserted:

- the *antecedent*, the clause a conditional subordinator heads: ``if``, ``only if``, ``unless``, ``provided
  (that)``, ``providing``, ``as long as``, ``so long as``, ``in the event that``; or an
  inverted conditional, a clause opened by ``had``, ``should`` or ``were`` before its subject ("Had the council
  approved ...", "Should the talks fail ...");
- the *consequent*, the clause the antecedent is attached to (its head in the parse), less the antecedent.

Clauses whose subordinator makes them unasserted but leaves their main clause asserted give an antecedent only:
a concessive ``even if`` or ``whether or not`` (the main clause holds either way), a term ``on condition that``
("the loan was granted on condition that ...": the grant happened), a precaution ``in case``
("stockpiled sandbags in case the river floods": the stockpiling happened), a manner ``as if``/``as though``, and
an embedded question ``whether``/``if`` under a verb ("has not decided whether he rides"). A *relevance*
conditional is not a condition on the truth of its main clause but on its relevance to the hearer: its antecedent
is the hearer's or speaker's own act of looking, considering or asking, which frames a topic that the main clause
asserts something about ("If you look at the number killed by terrorism, it's less than 100" asserts the number),
so nothing in it is left unasserted.

``conditions(doc)`` returns each conditional's two token sets. The verifier's ``condition`` check reads it; the
injection screen does not need it (an instruction under a condition is still an instruction to the writer).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

__all__ = ["Condition", "conditions", "may_hold_condition"]

# Subordinators that head a condition on the main clause's truth (the single words; the phrases are read below).
_CONDITIONAL_MARKS = frozenset({"if", "unless"})
# Words before a mark that change what it does: "even if" concedes, "as if" compares; "only if" stays conditional.
_CONCESSIVE_OR_MANNER = frozenset({"even", "as"})
# Heads of the phrasal conditionals the parser attaches a clause to: "provided (that)", "providing", "as long as",
# "so long as" (the clause hangs on "long"), "in the event that"; and "on condition that", a term of an act (the
# loan "was granted on condition that ...": the grant happened), so its main clause stays asserted.
_PHRASAL_HEADS = frozenset({"provided", "providing", "long", "condition", "event"})
# Auxiliaries that open an inverted conditional ("Had X known", "Should X fail", "Were X approved").
_INVERTING = frozenset({"had", "should", "were"})
# Verbs of the speech participants' own looking, considering or asking: a relevance conditional's antecedent.
_RELEVANCE_VERBS = frozenset(
    "look looks consider compare ask asks remember recall think count listen read add include exclude believe "
    "take want like mean say put".split()
)
_PARTICIPANTS = frozenset({"you", "we", "i"})
# A cheap look at the surface: no sentence without one of these words holds a conditional or an embedded question
# (an inverted conditional opens its sentence or follows a comma).
_SURFACE = re.compile(
    r"\b(?:if|unless|whether|provided|providing|long\s+as|condition|event\s+that|in\s+case)\b"
    r"|(?:^|,\s*)(?:had|should|were)\s",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Condition:
    """One clause the source does not assert and, for a conditional, the clause that depends on it."""

    antecedent: frozenset[int]  # token indices of the condition (or embedded question)
    consequent: frozenset[int]  # token indices of the clause it conditions; empty where that clause is asserted
    marker: str  # the subordinator as written ("if", "unless", "provided", "had", "whether", "in case", ...)

    @property
    def unasserted(self) -> frozenset[int]:
        return self.antecedent | self.consequent


def may_hold_condition(text: str) -> bool:
    """Whether a sentence could hold a condition at all (a surface test that spares the parse)."""
    return _SURFACE.search(text) is not None


def conditions(doc: Any) -> list[Condition]:
    """The conditions of a parsed sentence, in reading order (see the module's docstring)."""
    found: list[Condition] = []
    for clause in doc:
        if clause.dep_ not in _CLAUSE_DEPS:
            continue
        reading = _reading(clause)
        if reading is None:
            continue
        marker, anchor, conditional = reading
        if conditional and _relevance(clause):
            continue  # "If you look at the figures, it's less than 100": a topic framed, then asserted about
        antecedent = frozenset(t.i for t in anchor.subtree)
        consequent: frozenset[int] = frozenset()
        if conditional:
            main = _governing_verb(anchor)
            if main is not None:
                consequent = frozenset(t.i for t in main.subtree) - antecedent
        found.append(Condition(antecedent, consequent, marker))
    found.extend(_in_case(doc))
    # a reading whose antecedent holds no token (a marker the parse hangs on nothing) conditions nothing
    return sorted((c for c in found if c.antecedent), key=lambda c: min(c.antecedent))


_CLAUSE_DEPS = frozenset({"advcl", "ccomp", "csubj", "xcomp", "conj", "acl", "relcl", "pcomp"})


def _reading(clause: Any) -> tuple[str, Any, bool] | None:
    """(the subordinator, the token whose subtree is the antecedent, whether it conditions the main clause) of a
    clause, or None when no subordinator of condition or question heads it."""
    for child in clause.children:
        if child.dep_ != "mark":
            continue
        word = child.lower_
        before = child.doc[child.i - 1].lower_ if child.i > 0 else ""
        if word in _CONDITIONAL_MARKS:
            if clause.dep_ != "advcl":  # "asked if it would", "it is unclear if": an embedded question
                return word, clause, False
            return (f"{before} {word}", clause, False) if before in _CONCESSIVE_OR_MANNER else (word, clause, True)
        if word == "whether":  # an embedded question, or "whether or not" (concessive): never a condition
            return word, clause, False
        if word == "though" and before == "as":
            return "as though", clause, False
        if word in ("as", "that") and clause.head.lower_ in _PHRASAL_HEADS:
            head = clause.head  # "provided that", "as long as", "on condition that", "in the event that"
            return head.lower_, head.head if head.dep_ == "pobj" else head, head.lower_ != "condition"
    if clause.dep_ not in ("advcl", "ccomp"):  # the parser takes a post-posed inversion for a complement
        return None
    first = clause.left_edge  # "Had the council approved", "Should the talks fail", "Were the plan approved"
    if first.lower_ in _INVERTING and (first.i == clause.i or (first.head.i == clause.i and first.dep_ == "aux")):
        subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None and first.i < subject.i:
            return first.lower_, clause, True
    return None


def _relevance(clause: Any) -> bool:
    """A relevance conditional: the antecedent is a speech participant's own looking, considering or asking."""
    subject = next((c for c in clause.children if c.dep_ == "nsubj"), None)
    return subject is not None and subject.lower_ in _PARTICIPANTS and clause.lower_ in _RELEVANCE_VERBS


def _governing_verb(anchor: Any) -> Any | None:
    """The verb of the clause a condition depends on: the antecedent's head, or the verb above it ("as long as"
    hangs on "long", which hangs on the verb)."""
    if anchor.i == anchor.head.i:
        return None
    head = anchor.head
    while head.i != head.head.i and head.pos_ not in ("VERB", "AUX"):
        head = head.head
    return head


def _in_case(doc: Any) -> list[Condition]:
    """ "in case X" (a precaution: X is unasserted, the main clause is): the words after it to the next comma or
    the end, read from the surface because the parser often takes "case" for a noun with X as its object."""
    out = []
    for token in doc[:-1]:
        if token.lower_ == "in" and doc[token.i + 1].lower_ == "case" and token.i + 2 < len(doc):
            after = doc[token.i + 2]
            if after.lower_ == "of":
                continue  # "in case of fire": a phrase, no clause
            end = next((t.i for t in doc[token.i + 2 :] if t.is_punct and t.text not in ("'", "’")), len(doc))
            out.append(Condition(frozenset(range(token.i + 2, end)), frozenset(), "in case"))
    return out
