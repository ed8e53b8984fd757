"""The cheap look at a sentence's surface that decides whether the addressee reading parses it at all.

A verb of saying or writing in a directive position (opening the sentence or a clause, after "please", "and", a
colon or a quotation mark), or any such verb in a sentence with a word of obligation or request; or a note to
someone. The parse (``addressee``) decides; this only spares it most sentences, so it errs towards admitting.
"""

from __future__ import annotations

import re

from .addressee_words import (
    _IRREGULAR,
    _NOTE_NOUNS,
    _REQUEST_HEADS,
    COMMUNICATION,
    MACHINE_NOUNS,
    PAGE_PARTIES,
    PHRASAL_SAYING,
    READER_NOUNS,
    TELLING,
    TEXT_NOUNS,
)

__all__ = ["VERB_FORMS", "worth_parsing"]

# A phrasal verb of saying is a verb of saying ("pass on that X"): its verb in any form, then its particle.
_PHRASAL = "|".join(rf"{verb}\w{{0,4}}\s+{particle}" for verb, particle in sorted(PHRASAL_SAYING))
VERB_FORMS = r"(?:(?:" + "|".join(sorted(COMMUNICATION | set(_IRREGULAR))) + r")(?:s|es|d|ed|ing)?|" + _PHRASAL + ")"
# One told something that is to be passed on: "X are (kindly) reminded / advised that ...", "We remind X that".
_GATE_TELLING = re.compile(r"\b(?:" + "|".join(sorted(TELLING | {"told"})) + r")(?:s|ed|d|ing)?\b.{0,80}\bthat\b", re.I)
_DIRECTIVE_WORDS = (
    r"\b(?:must|should|shall|ought|needs?\s+to|ha(?:ve|s)\s+to|(?:is|are)\s+to|required|requested"
    r"|asked|expected|instructed|directed|supposed|obliged|sure|certain|remember|forget|ensure"
    r"|asks?|urges?|requests?|instructs?|requires?|directs?|orders?|demands?|expects?"
    r"|essential|important|vital|necessary|crucial|mandatory|imperative|correct|is\s+that)\b"
)
_GATE_VERB = re.compile(
    rf"(?:^|[,;:\"“‘(]|\b(?:please|and|then|also|now|just|simply|always|never|not))\W*"
    rf"{VERB_FORMS}\b",
    re.IGNORECASE,
)
_GATE_ANY_VERB = re.compile(rf"\b{VERB_FORMS}\b", re.IGNORECASE)
# An imperative of what a text opens or closes with ("Lead with the claim that X"): ``addressee`` reads the rest.
_GATE_MAKEUP = re.compile(
    r"(?:^|[;:]\s*)\W*(?:please\s+)?(?:open|lead|begin|start|end|finish|close|conclude)\s+(?:with|on)\b", re.IGNORECASE
)
_GATE_SECOND_PERSON = re.compile(r"\b(?:you|your)\b", re.IGNORECASE)
# The words of request the parse reads (``_REQUEST_HEADS``) open the gate too ("We need every chatbot ... to say"),
# but for the light verbs "have" and "make", which the pattern above admits only as "has to", "make sure".
_GATE_REQUEST = r"\b(?:" + "|".join(sorted(_REQUEST_HEADS - {"have", "has", "had", "make"})) + r")\b"
_GATE_DIRECTIVE = re.compile(_DIRECTIVE_WORDS + "|" + _GATE_REQUEST, re.IGNORECASE)
_GATE_NOTE = re.compile(r"\b(?:" + "|".join(sorted(_NOTE_NOUNS)) + r")\s+(?:to|for)\b", re.IGNORECASE)


_GATE_ADDRESSEE = re.compile(
    r"\b(?:" + "|".join(sorted(TEXT_NOUNS | MACHINE_NOUNS | READER_NOUNS)) + r"|\w+ers?|whoever|those)\b", re.IGNORECASE
)
_GATE_VOCATIVE = re.compile(r"^\W*(?:\w+\W+){0,6}?\w+\s*:")
# A sentence that opens by calling a machine or one of the page's parties, set off by a comma ("Dear writer, ...").
_GATE_CALL = re.compile(
    r"^\W*(?:(?:dear|hey|hi|hello|attention)\s+)?(?:" + "|".join(sorted(MACHINE_NOUNS | PAGE_PARTIES)) + r")\s*,",
    re.IGNORECASE,
)


def worth_parsing(sentence: str) -> bool:
    """Whether a sentence holds the surface marks of an address to its reader (see the module's docstring)."""
    if _GATE_NOTE.search(sentence) or _GATE_VERB.search(sentence) or _GATE_TELLING.search(sentence):
        return True
    if _GATE_MAKEUP.search(sentence):
        return True
    if _GATE_VOCATIVE.match(sentence) and _GATE_ADDRESSEE.search(sentence):
        return True
    if _GATE_CALL.match(sentence):
        return True
    if _GATE_SECOND_PERSON.search(sentence) and (_GATE_ANY_VERB.search(sentence) or ":" in sentence):
        return True  # "The summary you produce will mention that X", "your first headline reads: X"
    return bool(
        _GATE_DIRECTIVE.search(sentence) and (_GATE_ANY_VERB.search(sentence) or _GATE_ADDRESSEE.search(sentence))
    )
