"""Affiliation: whose title it is. "Barnet boss Darrell Clarke" and "Bristol Rovers boss Darrell Clarke" share a
role and differ in the fact that matters; so do "the Flat jockey" and "the Jump jockey".

A title given to a name (a noun before it, "Barnet boss Darrell Clarke", or in apposition, "McCoy, the
record-breaking Jump jockey") is a role noun and the names that qualify it (a club, a party, a country, a kind).
When the source gives the same person a title with the same role noun, qualified by other names, and never uses
the sentence's qualifier in any sentence that mentions the person, the sentence has moved the person to another
affiliation. The roles check (``_speech.check_roles``) compares the role nouns themselves; this one compares what
qualifies them, for any role noun, so no list of offices limits it.
"""

from __future__ import annotations

import re
from typing import Any

from ...language import MEASURE_ENTITIES, stem
from ._parse import SourceFacts, parse
from ._result import FactResult, fail, not_applicable, ok

__all__ = ["AFFILIATION", "check_affiliation"]

AFFILIATION = "affiliation"
MAX_CHARS = 400
# A capitalised word, a lower-case noun and a name ("Barnet boss Darrell"), or a name in apposition to a phrase
# holding a capitalised word ("McCoy, the record-breaking Jump jockey").
_CUE = re.compile(
    r"[A-Z][\w'-]+\s+[a-z]{3,}\s+[A-Z]|[A-Z][\w'-]+,\s+(?:the|a|an|its|his|her)\s[^,.;]{0,60}?"
    r"\b[A-Z][\w'-]*\s+(?:[\w'-]+\s+)?[a-z]{3,}\b"
)


def _titles(doc: Any, names: frozenset[str] = frozenset()) -> list[tuple[str, str, frozenset[str], str]]:
    """(surname, role noun stem, its capitalised qualifiers, the title as written) for each titled name. A capital
    at a sentence's start counts when the tagger calls the word a name or ``names`` (the sources' names) has it."""
    out = []
    for token in doc:
        if token.pos_ != "PROPN" or (token.dep_ == "compound" and token.head.pos_ == "PROPN"):
            continue
        nouns = [
            c
            for c in token.children
            if c.pos_ == "NOUN" and ((c.dep_ == "compound" and c.i < token.i) or c.dep_ == "appos")
        ]
        if token.dep_ == "appos" and token.head.pos_ == "NOUN":
            nouns.append(token.head)
        name_ids = {token.i} | {c.i for c in token.children if c.pos_ == "PROPN" and c.dep_ == "compound"}
        for noun in nouns:
            modifiers = [
                t
                for t in noun.subtree
                if t.i < noun.i and t.i not in name_ids and t.dep_ in ("compound", "amod", "nmod", "poss")
            ]
            qualifiers = frozenset(
                t.lower_
                for t in modifiers
                if t.text[:1].isupper()
                and (t.i != t.sent.start or t.pos_ == "PROPN" or t.lower_ in names)
                and t.ent_type_ not in MEASURE_ENTITIES
                and t.lower_ not in ("the", "a", "an")
            )
            title = " ".join(t.text for t in [*modifiers, noun])
            out.append((token.lower_.removesuffix("'s"), stem(noun.lower_), qualifiers, title))
    return out


def check_affiliation(sentence: str, facts: SourceFacts) -> FactResult:
    if not _CUE.search(sentence):
        return not_applicable(AFFILIATION)
    claimed = [t for t in _titles(parse(sentence, entities=True), facts.capitalised()) if t[2]]
    judged = False
    for surname, role, qualifiers, title in claimed:
        mentions = [
            e
            for e in facts.sentences
            if len(e.text) <= MAX_CHARS and re.search(r"\b" + re.escape(surname) + r"\b", e.text.lower())
        ]
        if not mentions:
            continue
        told = " ".join(e.text.lower() for e in mentions)
        if any(re.search(r"\b" + re.escape(q) + r"\b", told) for q in qualifiers):
            judged = True
            continue  # the sources put the sentence's qualifier beside this person somewhere: no swap to find
        theirs = [
            t
            for e in mentions
            for t in _titles(parse(e.text, entities=True), facts.capitalised())
            if t[0] == surname and t[1] == role and t[2]
        ]
        if theirs:
            return fail(AFFILIATION, f"the source calls {surname.title()} {theirs[0][3]}, not {title}")
    return ok(AFFILIATION) if judged else not_applicable(AFFILIATION)
