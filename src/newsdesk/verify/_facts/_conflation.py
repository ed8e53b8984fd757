"""Conflation: who did what, exchanged among the people a sentence names.

An action has a doer. When a sentence and the source sentence it rests on name the same people, and both say the
same action (the same verb), the doer must be the same: "Clarke asked Carver whether ..." is not "Carver asked
Clarke whether ...", and "Ferguson went to see Gullit, only to find Shearer had got there first" is not "Shearer
went to see Gullit, only for Ferguson to have beaten him to it". Every word and every name survives such a swap,
so word overlap cannot see it; the dependency parse can. The doer is the verb's subject (or the noun a "who"
clause hangs on, or a passive's agent: ``language.speaker_tokens``), read as the proper names in it.

Whose a thing is belongs to the fact as much as who did what: "registered in Morrow's name" is not "registered in
his brother's name". A kinship term names someone other than the person it is anchored to (``KINSHIP_NOUNS``: a
brother is never himself), so a thing the source gives to a relative ("his brother's name") and the sentence to a
named person ("Morrow's name") is given to someone else (``_possessor_moved``).

The check judges only when both sentences give the verb a named doer and the written doer is also named in the
source sentence (in another role): a doer the source does not name at all is the names check's to judge. Every
aligned source sentence is read, so a verb the sources give to several doers passes when one of them is the
sentence's.

A doer the source names elsewhere, and never as the doer of that action, is another person of the story given
the action of the one the source sentence names: "Beck scored twice, including the winner" where the source has
"Pereira scored twice, including the winner" and Beck only among the other side's scorers. So where the aligned
source sentence gives the verb to a named doer the sentence does not name, the written doer is looked for as the
verb's doer in every source sentence that names it; found nowhere, the action is moved (``_moved_doer``). A verb
too common to pair an action by itself ("have", "be") is paired with its object's noun ("has the most mice"):
the thing had makes the predicate.
"""

from __future__ import annotations

from typing import Any

from ...language import KINSHIP_NOUNS, speaker_tokens, stem
from ._copy import NearCopy, swapped_name
from ._parse import Evidence, SourceFacts, parse
from ._result import FactResult, fail, not_applicable, ok

__all__ = ["CONFLATION", "check_conflation"]

CONFLATION = "conflation"
MIN_ALIGNMENT = 0.5
MAX_CHARS = 400
_LIGHT_VERBS = frozenset(stem(w) for w in "be have do get make say tell".split())  # too common to pair an action
# the irregular forms of the two light verbs, which the stemmer does not join
_IRREGULAR = {
    **{w: stem("have") for w in "has had having".split()},
    **{w: stem("be") for w in "is are was were been being am 's 're".split()},
}
_SAYING = frozenset(stem(w) for w in "say tell".split())  # their object is what is said, not a thing


def _doers(doc: Any) -> dict[str, set[str]]:
    """Verb stem -> the surnames (lower case) of the proper names that do it in this parse."""
    out: dict[str, set[str]] = {}
    for token in doc:
        if token.pos_ != "VERB" and not (token.pos_ == "AUX" and token.dep_ not in ("aux", "auxpass")):
            continue
        key = _IRREGULAR.get(token.lower_, stem(token.lower_))
        if key in _LIGHT_VERBS:
            thing = next((c for c in token.children if c.dep_ in ("dobj", "attr") and c.pos_ == "NOUN"), None)
            if thing is None or key in _SAYING:
                continue
            key = f"{key}:{stem(thing.lower_)}"  # "has the most mice": the thing had makes the predicate
        subject = speaker_tokens(token)
        if not subject:
            continue
        names = {t.lower_ for t in subject if t.pos_ == "PROPN" and t.text[:1].isupper()}
        if names:
            out.setdefault(key, set()).update(names)
    return out


def _shown(names: set[str], doc: Any) -> str:
    """The names as the text writes them, in its order."""
    return " ".join(t.text for t in doc if t.lower_ in names and t.pos_ == "PROPN") or " ".join(sorted(names))


def _moved_doer(verb: str, doers: set[str], theirs: set[str], facts: SourceFacts, shown: str) -> str | None:
    """The source's doer of ``verb`` where the sentence gives the verb to ``doers``, other people the sources name
    (a whole name, in a sentence of theirs) but never as its doer (see the module's docstring); ``None`` where
    they are not named there, or do it somewhere, or may be the same person."""
    if doers & theirs:
        return None
    word = verb.split(":")[0]
    naming = [
        e for e in facts.sentences if len(e.text) <= MAX_CHARS and doers <= set(e.text.lower().split()) | _words(e)
    ]
    if not naming:
        return None
    facts.parse_batch(naming)
    for evidence in naming:
        if word not in evidence.stems and ":" not in verb:
            continue
        if doers & _doers(evidence.doc).get(verb, set()):
            return None
    return _shown(theirs, parse(shown))


def _doer_itself(names: set[str], doc: Any) -> bool:
    """Whether the names are the doer itself, not its possessor or a name in a phrase of it ("Zimbabwe's
    president": the president does it, not Zimbabwe)."""
    return all(t.dep_ in ("nsubj", "nsubjpass", "compound", "flat") for t in doc if t.lower_ in names)


def _words(evidence: Evidence) -> set[str]:
    return {w.strip(".,;:'\"()").lower() for w in evidence.text.split()}


def _names(doc: Any) -> set[str]:
    return {t.lower_ for t in doc if t.pos_ == "PROPN" and t.text[:1].isupper()}


def _possessor_moved(doc: Any, aligned: list[Evidence]) -> tuple[str, str, str] | None:
    """(the sentence's named possessor, the source's relative, the source sentence) where the sentence gives a
    thing to a named person and an aligned source sentence gives the same thing to a relative of someone."""
    for token in doc:
        if token.dep_ != "poss" or token.pos_ != "PROPN" or token.head.pos_ != "NOUN":
            continue
        thing = stem(token.head.lower_)
        for evidence in aligned:
            for theirs in evidence.doc:
                if theirs.dep_ != "poss" or stem(theirs.head.lower_) != thing or theirs.lower_ not in KINSHIP_NOUNS:
                    continue
                words = {t.lower_ for t in theirs.subtree}
                if token.lower_ not in words:
                    relative = " ".join(t.text for t in theirs.subtree if t.dep_ != "case")
                    return token.text, relative, evidence.text
    return None


def check_conflation(
    sentence: str,
    claim_stems: frozenset[str],
    candidates: list[Evidence],
    facts: SourceFacts,
    copy: NearCopy | None = None,
) -> FactResult:
    """``copy``: the source sentence the sentence copies but for a few words, if any (``_copy``): a name put where
    the source has another name it uses says of one what the source says of the other."""
    if copy is not None:
        swapped = swapped_name(copy, facts)
        if swapped is not None:
            return fail(
                CONFLATION, f'the source says this of {swapped[1]}, not of {swapped[0]}: "{copy.evidence.text}"'
            )
    capitalised = sum(1 for w in sentence.split() if w[:1].isupper())
    if not claim_stems or capitalised < 1:
        return not_applicable(CONFLATION)  # no name: nobody to give a thing or an action to
    aligned = [
        e
        for e in candidates
        if len(e.text) <= MAX_CHARS and len(claim_stems & e.stems) / len(claim_stems) >= MIN_ALIGNMENT
    ]
    if not aligned:
        return not_applicable(CONFLATION)
    facts.parse_batch(aligned)
    doc = parse(sentence)
    moved = _possessor_moved(doc, aligned)
    if moved is not None:
        return fail(CONFLATION, f'the source gives this to {moved[1]}, not to {moved[0]}: "{moved[2]}"')
    if capitalised < 2:
        return not_applicable(CONFLATION)  # fewer than two capitalised words: fewer than two names to exchange
    written = _doers(doc)
    if not written:
        return not_applicable(CONFLATION)
    named = _names(doc)
    source_doers: dict[str, set[str]] = {}
    source_names: set[str] = set()
    shown: dict[str, str] = {}
    for evidence in aligned:
        for verb, doers in _doers(evidence.doc).items():
            source_doers.setdefault(verb, set()).update(doers)
            shown.setdefault(verb, evidence.text)
        source_names |= _names(evidence.doc)
    judged = False
    for verb, doers in written.items():
        theirs = source_doers.get(verb)
        if theirs and not doers & source_names and _doer_itself(doers, doc):  # named elsewhere only
            other_doer = _moved_doer(verb, doers, theirs, facts, shown[verb])
            if other_doer is not None:
                return fail(
                    CONFLATION, f'the source has {other_doer}, not {_shown(doers, doc)}, do this: "{shown[verb]}"'
                )
        if not theirs or not doers & source_names:
            continue
        judged = True
        if not doers & theirs and theirs & named:
            who, other = sorted(doers)[0].title(), sorted(theirs & named)[0].title()
            return fail(CONFLATION, f'the source has {other}, not {who}, do this: "{shown[verb]}"')
    return ok(CONFLATION) if judged else not_applicable(CONFLATION)
