"""Another of the same kind: a noun put where the source has one of its co-hyponyms.

Nouns that name kinds of one thing exclude each other (incompatibility: Lyons 1977, Cruse 1986): the army is not
the navy, a husband not a wife, Monday not Tuesday. A sentence that says "flown by former navy pilots" where its
source says "former army pilots" misstates the source as surely as an antonym would, and shares every other word
with it, so overlap scores it as supported. ``language.incompatible`` says which nouns are co-hyponyms in their
usual senses (WordNet).

Two words are compared only where they stand in the same place of the same statement:

* in a near copy (``_copy``), the word a change writes and the source word it replaces;
* in other words, a noun only the sentence has and a noun only one source sentence has, when that sentence says
  much the same thing (they share most content words) and the words around each noun overlap (they are said of
  the same thing). Nouns that are also antonyms ("victory" / "defeat") are left out here: a paraphrase may tell
  one fact from its other end ("defeat would be costly" beside "victory would move them clear"), which is why the
  polarity check reads noun antonyms only in a near copy too.

A word any source uses is never read as a misstatement: the sources then speak of both things, and the sentence
may be about the other one.
"""

from __future__ import annotations

from ...language import antonyms, incompatible, parse, stem
from ._copy import NearCopy, _source_token, _words
from ._parse import Evidence
from ._polarity import _fold, _scope_of, _word_of
from ._result import FactResult, fail, not_applicable, ok

__all__ = ["INCOMPATIBLE", "check_incompatible"]

INCOMPATIBLE = "incompatible"
MIN_COVERAGE = 0.6  # of the sentence's content stems that the source sentence has: the same statement
MIN_SHARED = 3
MAX_SENTENCE_CHARS = 400


# The small tagger often reads a noun used as a modifier ("former navy pilots") as an adjective or a name; the
# source word's part of speech is the anchor, and the sentence's word need only not be a verb or a function word.
_NOMINAL = frozenset({"NOUN", "PROPN", "ADJ"})


def _nouns(text: str) -> set[str]:
    return {stem(t.lower_) for t in parse(text) if t.pos_ in _NOMINAL}


def _in_copy(copy: NearCopy, everywhere: frozenset[str] | set[str]) -> tuple[str, str] | None:
    for change in copy.changes:
        for mine in _words(change.written):
            if stem(mine.lower()) in everywhere:
                continue
            for at, theirs in enumerate(change.source):
                token = _source_token(copy, change.source_at + at)
                if token is not None and token.pos_ == "NOUN" and incompatible(mine, theirs):
                    return mine, theirs
    return None


def _in_paraphrase(
    sentence: str, claim_stems: frozenset[str], candidates: list[Evidence], everywhere: frozenset[str] | set[str]
) -> tuple[str, Evidence] | None:
    folded = _fold(claim_stems)
    mine_nouns: set[str] | None = None
    for evidence in candidates:
        theirs = _fold(evidence.stems)
        shared = folded & theirs
        if len(shared) < MIN_SHARED or len(shared) / max(1, len(folded)) < MIN_COVERAGE:
            continue
        if len(evidence.text) > MAX_SENTENCE_CHARS:
            continue
        if mine_nouns is None:
            mine_nouns = _nouns(sentence)
        source_nouns = {stem(t.lower_) for t in evidence.doc if t.pos_ == "NOUN"}
        for mine in sorted((claim_stems - evidence.stems) & mine_nouns):
            if mine in everywhere:
                continue
            for other in sorted((evidence.stems - claim_stems) & source_nouns):
                if not incompatible(mine, other) or other in antonyms(mine):
                    continue  # an antonym pair of nouns may tell one fact from its other end: polarity's
                around_mine = _fold(_scope_of(sentence, frozenset({mine})))
                around_theirs = _fold(_scope_of(evidence.text, frozenset({other})))
                if around_mine & around_theirs:
                    return (
                        f'"{_word_of(mine, sentence)}" where the source says "{_word_of(other, evidence.text)}"',
                        evidence,
                    )
    return None


def check_incompatible(
    sentence: str,
    claim_stems: frozenset[str],
    candidates: list[Evidence],
    verbatim: bool = False,
    source_stems: frozenset[str] | set[str] = frozenset(),
    copy: NearCopy | None = None,
) -> FactResult:
    """``source_stems``: every content stem of the sources (a word they use anywhere is theirs). ``copy``: the
    source sentence the sentence copies but for a few words, if any."""
    if copy is not None:
        swapped = _in_copy(copy, source_stems)
        if swapped:
            return fail(
                INCOMPATIBLE,
                f'the sentence says "{swapped[0]}" where the source says "{swapped[1]}": "{copy.evidence.text}"',
            )
        return ok(INCOMPATIBLE)
    if verbatim or not candidates:
        return not_applicable(INCOMPATIBLE)
    found = _in_paraphrase(sentence, claim_stems, candidates, source_stems)
    if found:
        said, evidence = found
        return fail(INCOMPATIBLE, f'the sentence says {said}: "{evidence.text}"')
    return ok(INCOMPATIBLE)
