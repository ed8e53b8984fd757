"""Whether a sentence makes a point already made: most of its content words are another's, or it states a count
another states. One test wherever the article is drafted, at the verifier's own bar for a repeat."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from ..language import parse
from ..text import YEAR, content_words

__all__ = ["REPEAT_SHARE", "counts", "near_duplicate", "repeats_one_of"]

REPEAT_SHARE = 0.6  # the verifier's redundancy bar (calibration.json "redundancy")
_ARGUMENTS = frozenset({"nsubj", "nsubjpass", "dobj", "attr"})  # what a clause states about: its subject or object


def repeats_one_of(sentence: str, others: Sequence[str]) -> bool:
    """Most (``REPEAT_SHARE``) of the sentence's content words are those of one of ``others`` (the verifier's bar
    for a repeat), or it states a count one of them states (``counts``): the one test of "this point is made
    already" wherever the article is drafted (the drafter's used sentences, background against the story, a
    model's text against what the article says before it)."""
    words = set(content_words(sentence))
    if len(words) >= 3 and any(len(words & set(content_words(o))) >= REPEAT_SHARE * len(words) for o in others):
        return True
    stated = counts(sentence)
    return bool(stated) and any(stated & counts(o) for o in others)


@lru_cache(maxsize=4096)
def counts(sentence: str) -> frozenset[tuple[str, str]]:
    """The counts a sentence states: a number with the plural noun it counts, the subject or object of a clause
    ("they have found 102 arrows", "the floods damaged 312 homes"). A count of things is one fact, however the
    sentence around it is worded ("We have located 102 arrows" and "The couple say they have found 102 arrows
    so far"): a second sentence that states it makes the point again. Only a cardinal counts (spaCy's CARDINAL):
    a year ("the 2024 floods") is a time, and a sum or a quantity ("a $4.2 million wall", "12 inches of rain")
    measures; a forecast of the same measure is another point than its outcome."""
    return frozenset(
        (token.text, token.head.lower_)  # both plural (NNS): the written form is the noun
        for token in parse(sentence, entities=True)
        if token.dep_ == "nummod"
        and token.ent_type_ == "CARDINAL"
        and not YEAR.fullmatch(token.text)
        and token.head.tag_ == "NNS"
        and token.head.dep_ in _ARGUMENTS
    )


def near_duplicate(a: str, b: str) -> bool:
    wa, wb = set(content_words(a)), set(content_words(b))
    return bool(wa and wb) and len(wa & wb) / min(len(wa), len(wb)) > 0.8
