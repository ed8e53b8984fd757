"""Repeats across an article: a sentence that makes again a point the dek or an earlier section made is dropped.

A point is what is said of things, not the things (``new_predicate``): a sentence repeats an earlier one when most
of its content stems are the earlier one's and it tells no event of its own. A summary section (Key Takeaways)
lists the story's points on its own, so there only near-copies (shared stem bigrams) go, and it may restate the
dek; within one section, a sentence that says the same thing twice goes too.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..language import SPEECH_VERBS
from ..models import Article, Dropped
from ..text import normalise, tokens
from ._facts._parse import parse
from ._facts._predicate import _LIGHT, _lemma, _lemmatised
from ._index import bigrams
from ._text import content_stems, stem
from ._verifier import Verifier

__all__ = ["MIN_SHARED_WORDS", "REPEAT_REASON", "drop_repeats", "new_predicate"]

REPEAT_REASON = "repeats an earlier point"
MIN_SHARED_WORDS = 3  # a repeat shares at least this many content words with the earlier sentence


def drop_repeats(article: Article, verifier: Verifier, reasons: dict[int, set[str]]) -> None:
    """Drop sentences that repeat the dek or a point of an earlier section (or say the same thing twice in one)."""
    threshold = verifier.calibration.redundancy
    copy_threshold = verifier.calibration.redundancy_takeaways
    dek = [_said(article.dek)] if article.dek else []
    earlier: list[_Said] = []
    for section in article.all_sections():
        summarises = section.kind == "summary" and section is not article.intro
        # A summary (Key Takeaways) lists the story's points on its own, so it may restate the dek, which
        # stands above the article: the story's main fact belongs in both.
        before = earlier if summarises else [*dek, *earlier]
        current: list[_Said] = []
        for block in section.blocks:
            if block.type == "subheading":
                continue
            for sentence in list(block.sentences):
                said = _said(sentence.text)
                if _repeats(summarises, said, before, current, threshold, copy_threshold):
                    block.sentences.remove(sentence)
                    article.dropped.append(
                        Dropped(
                            section=section.id,
                            text=sentence.text,
                            reason=REPEAT_REASON,
                            verdict=sentence.verdict,
                            score=sentence.score,
                        )
                    )
                    reasons[id(section)].add("repeated")
                else:
                    current.append(said)
        earlier.extend(current)


#: a sentence's content stems and stem bigrams
Fingerprint = tuple[set[str], set[tuple[str, str]]]


@dataclass(frozen=True)
class _Said:
    """A sentence as repeats are measured on it: its text, content stems and stem bigrams."""

    text: str
    words: frozenset[str]
    pairs: frozenset[tuple[str, str]]


def _said(text: str) -> _Said:
    words, pairs = _fingerprint(text)
    return _Said(text, frozenset(words), frozenset(pairs))


def _fingerprint(text: str) -> Fingerprint:
    """A sentence's content stems and stem bigrams: what repeats are measured on."""
    toks = tokens(normalise(text))
    return set(content_stems(toks)), bigrams([stem(t) for t in toks])


def _events(text: str) -> set[str]:
    """The stems of the verbs that tell what a sentence's things did or underwent; a verb of saying frames the point
    and a light verb ("have", "make") carries none of its own."""
    return {
        stem(_lemma(t))
        for t in _lemmatised(parse(text))
        if t.pos_ == "VERB" and _lemma(t) not in SPEECH_VERBS and _lemma(t) not in _LIGHT
    }


def new_predicate(sentence: str, earlier: str) -> bool:
    """The sentence says something new of the things an earlier one names: it tells events, and none of them is
    one the earlier sentence tells. A point is what is said of things, not the things: "Halden Bank said it had
    disabled the chatbot and notified 12 customers" shares the bank, the chatbot and the 12 customers with "the
    researchers tricked the chatbot of Halden Bank into revealing the balances of 12 customers" and repeats no
    point of it (smoke test 43 #5)."""
    mine = _events(sentence)
    return bool(mine) and not mine & _events(earlier)


def _repeats(
    summarises: bool,
    said: _Said,
    earlier: list[_Said],
    current: list[_Said],
    threshold: float,
    copy_threshold: float,
) -> bool:
    words, pairs = said.words, said.pairs
    if len(words) < MIN_SHARED_WORDS:
        return False
    for other in earlier:
        shared = len(words & other.words)
        if shared < MIN_SHARED_WORDS:
            continue
        if summarises:
            # a summary may restate a fact in fewer words; a copy says it in (nearly) the same words, all of them
            if pairs and len(pairs & other.pairs) / len(pairs | other.pairs) >= copy_threshold:
                return True
        elif shared / len(words) >= threshold and not new_predicate(said.text, other.text):
            return True
    for other in current:  # the same section saying the same thing twice
        shared = len(words & other.words)
        if shared >= MIN_SHARED_WORDS and shared / len(words) >= 0.9 and shared / max(1, len(other.words)) >= 0.9:
            return True
    return False
