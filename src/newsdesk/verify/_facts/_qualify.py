"""Qualification: an event the source gives only as planned, expected, undecided or told as legend, stated as done.

What will happen, what someone intends or hopes, what is not yet decided and what "legend has it" have not
(surely) happened. A sentence that puts such an event in the past ("Locke has already opened talks", where the
source says he "will turn his attention to" them "next week") drops the qualifier, and with it the truth. So when
the sentence states an event as done (a past or perfect verb, no modal of its own) and the source sentence that
says the same thing governs those words with a qualifier of the future or of intent, and no source sentence
states them unqualified, the sentence is unsupported. The hedges of possibility ("may", "suggests") are the
``hedge_made_certain`` check's; this one reads the qualifiers of time and intent.
"""

from __future__ import annotations

import re

from ...language import FUTURE_QUALIFIERS, MODALS, stem, words_pattern
from ._parse import Evidence, parse
from ._result import FactResult, fail, not_applicable, ok

__all__ = ["QUALIFICATION", "check_qualification"]

QUALIFICATION = "qualification"

_QUALIFIER = re.compile(words_pattern(FUTURE_QUALIFIERS) + r"|'ll\b", re.IGNORECASE)
# The sentence's own future, intent or possibility: then it states no completed event.
_OWN_QUALIFIER = re.compile(words_pattern(FUTURE_QUALIFIERS | MODALS) + r"|'ll\b|\b(?:likely|expected|plans?|"
                            r"intends?|hopes?|wants?|aims?|if|whether|when|once|until)\b", re.IGNORECASE)
_CLAUSE_END = re.compile(r"[;:.!?()]|,\s|\b(?:but|although|though|while|whereas)\b", re.IGNORECASE)
MIN_ALIGNMENT = 0.5
MIN_GOVERNED = 2  # content stems the qualifier governs that the sentence states
MAX_CHARS = 400


def _governed(text: str, stems_of_words: dict[str, str]) -> list[tuple[str, set[str]]]:
    """(qualifier, content stems of the clause after it) for each qualifier of a source sentence."""
    out = []
    for match in _QUALIFIER.finditer(text):
        rest = text[match.end():]
        stop = _CLAUSE_END.search(rest)
        words = re.findall(r"[a-z0-9]+", (rest[:stop.start()] if stop else rest).lower())
        out.append((match.group(), {stems_of_words[w] for w in words if w in stems_of_words}))
    return out


def _states_done(sentence: str) -> bool:
    """A past or perfect verb and no modal: the sentence reports the event as having happened."""
    doc = parse(sentence)
    return any(t.tag_ == "VBD" or (t.tag_ == "VBN" and any(c.lower_ in ("has", "have", "had") for c in t.children))
               for t in doc if t.pos_ in ("VERB", "AUX") and t.dep_ not in ("amod", "acl"))


def check_qualification(sentence: str, claim_stems: frozenset[str], candidates: list[Evidence]) -> FactResult:
    if not claim_stems or _OWN_QUALIFIER.search(sentence):
        return not_applicable(QUALIFICATION)
    aligned = [e for e in candidates if len(e.text) <= MAX_CHARS
               and len(claim_stems & e.stems) / len(claim_stems) >= MIN_ALIGNMENT]
    qualified = [e for e in aligned if _QUALIFIER.search(e.text)]
    if not qualified:
        return not_applicable(QUALIFICATION)
    best = max(len(claim_stems & e.stems) for e in aligned)
    for evidence in sorted(qualified, key=lambda e: -len(claim_stems & e.stems)):
        if len(claim_stems & evidence.stems) < best:
            break  # a source sentence that says more of it, unqualified, is the one it rests on
        for word, governed in _governed(evidence.text, _source_words(evidence.text, claim_stems)):
            if len(governed) >= MIN_GOVERNED and _states_done(sentence):
                return fail(QUALIFICATION, f"the source gives this only as \"{word}\": \"{evidence.text}\"",
                            "unsupported")
    return ok(QUALIFICATION)


def _source_words(text: str, claim_stems: frozenset[str]) -> dict[str, str]:
    """The source sentence's words whose stems the sentence shares, mapped to those stems."""
    out = {}
    for word in re.findall(r"[a-z0-9]+", text.lower()):
        key = stem(word)
        if key in claim_stems:
            out[word] = key
    return out
