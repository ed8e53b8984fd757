"""Another of the same kind: a noun put where the source has one of its co-hyponyms.

Nouns that name kinds of one thing exclude each other (incompatibility: Lyons 1977, Cruse 1986): the army is not
the navy, a husband not a wife, Monday not Tuesday. A sentence that says "flown by former navy pilots" where its
source says "former army pilots" misstates the source as surely as an antonym would, and shares every other word
with it, so overlap scores it as supported. ``language.incompatible`` says which nouns are co-hyponyms in their
usual senses (WordNet).

Two words are compared only where the alignment itself says they stand in the same place of the same statement:
in a near copy (``_copy``), the word a change writes and the source word it replaces. In other words the slot is
inferred, and inference finds co-hyponyms that are not said of the same thing (a sentence that names the town where
its source names the city may mean the same place). Measured on the dev articles, a paraphrase reading caught one tune
error and dropped one fair check sentence (stop 44); the near-copy reading moves neither half, so it is the one kept.

A word any source uses is never read as a misstatement: the sources then speak of both things, and the sentence
may be about the other one.
"""

from __future__ import annotations

from ...language import incompatible, stem
from ._copy import NearCopy, _source_token, _words
from ._result import FactResult, fail, not_applicable, ok

__all__ = ["INCOMPATIBLE", "check_incompatible"]

INCOMPATIBLE = "incompatible"


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


def check_incompatible(copy: NearCopy | None, source_stems: frozenset[str] | set[str] = frozenset()) -> FactResult:
    """``copy``: the source sentence the sentence copies but for a few words, if any. ``source_stems``: every
    content stem of the sources (a word they use anywhere is theirs)."""
    if copy is None:
        return not_applicable(INCOMPATIBLE)
    swapped = _in_copy(copy, source_stems)
    if swapped:
        return fail(
            INCOMPATIBLE,
            f'the sentence says "{swapped[0]}" where the source says "{swapped[1]}": "{copy.evidence.text}"',
        )
    return ok(INCOMPATIBLE)
