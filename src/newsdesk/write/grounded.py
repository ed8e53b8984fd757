"""Grounding-first drafting: fact and summary sections built from the sources' own sentences.

A 135M-parameter model invents most specifics it writes. For such models the fact-bearing sections are drafted
from the most relevant source sentences instead: selected (relevance to the story, source order kept), compressed
(parentheticals and dangling connectives removed) and each kept with the passage it came from, so its citation is
exact. Sentences used in one section are not reused in another, so no point is made twice.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ..models import Block, Citation, Passage, Sentence, Source

_WORD = re.compile(r"[a-z0-9]+")
_STOP = frozenset(
    "a an the and or but of to in on at for with by from as is are was were be been it its this that these those "
    "he she they we you i his her their our not no has have had will would can could may might said says about "
    "into over after before than then there which who whom what when where why how also more most".split()
)
_CONNECTIVE = re.compile(r"^(?:but|and|so|however|meanwhile|still|yet|also|in addition|moreover),?\s+", re.I)
_PARENTHETICAL = re.compile(r"\s*\((?![^)]*\d{4})[^()]{1,80}\)")
_BYLINE = re.compile(r"(?:^|\b)(?:advertisement|sign up|subscribe|read more|click here|follow us)\b", re.I)


@dataclass
class Candidate:
    text: str  # compressed sentence, what the reader sees
    original: str  # exact source sentence
    passage: Passage
    order: int  # position in the source block, to keep reading order
    relevance: float


def _content_words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower()) if w not in _STOP and len(w) > 2}


def compress(sentence: str) -> str:
    """Light, meaning-preserving edits: drop short parentheticals and a leading connective."""
    text = _PARENTHETICAL.sub("", sentence).strip()
    text = _CONNECTIVE.sub("", text)
    if text and text[0].islower():
        text = text[0].upper() + text[1:]
    return " ".join(text.split())


def candidates(sources: list[Source], headline: str, split: Callable[[str], list[str]]) -> list[Candidate]:
    """Every usable source sentence, scored by overlap with the headline and an early-in-story prior."""
    focus = _content_words(headline)
    found: list[Candidate] = []
    order = 0
    for source in sources:
        for passage in source.passages:
            for sentence in split(passage.text):
                order += 1
                words = _content_words(sentence)
                if len(words) < 4 or len(sentence) > 400 or _BYLINE.search(sentence):
                    continue
                overlap = len(words & focus) / (len(focus) or 1)
                lead_prior = 1.0 / (1 + 0.15 * passage.position)
                role_weight = 1.0 if source.role == "story" else 0.8
                found.append(Candidate(compress(sentence), sentence, passage, order,
                                       role_weight * (0.6 * overlap + 0.4 * lead_prior)))
    return found


class GroundedDrafter:
    """Hands out source sentences to sections, each sentence at most once per article."""

    def __init__(self, sources: list[Source], headline: str, split: Callable[[str], list[str]]):
        self.pool = candidates(sources, headline, split)
        self.used: set[int] = set()

    def take(self, words: int, prefer: str = "story", lead: bool = False) -> list[Candidate]:
        """Up to ``words`` words of the best unused sentences; ``lead`` takes the story's opening in order."""
        pool = [(i, c) for i, c in enumerate(self.pool) if i not in self.used]
        if lead:
            ranked = sorted(pool, key=lambda ic: ic[1].order)
        else:
            ranked = sorted(pool, key=lambda ic: -(ic[1].relevance + (0.3 if _role(ic[1]) == prefer else 0.0)))
        chosen: list[tuple[int, Candidate]] = []
        total = 0
        for index, candidate in ranked:
            if total >= words:
                break
            if any(_near_duplicate(candidate.original, c.original) for _, c in chosen):
                continue
            chosen.append((index, candidate))
            total += len(candidate.text.split())
        self.used.update(i for i, _ in chosen)
        return [c for _, c in sorted(chosen, key=lambda ic: ic[1].order)]

    def salient(self, count: int) -> list[Candidate]:
        """The most relevant sentences, used or not: what a summary section restates in fewer words."""
        ranked = sorted(self.pool, key=lambda c: -c.relevance)
        chosen: list[Candidate] = []
        for candidate in ranked:
            if len(chosen) >= count:
                break
            if not any(_near_duplicate(candidate.original, c.original) for c in chosen):
                chosen.append(candidate)
        return sorted(chosen, key=lambda c: c.order)

    def blocks(self, chosen: list[Candidate], fmt: str) -> list[Block]:
        sentences = [_sentence(c) for c in chosen]
        if fmt == "bullets":
            return [Block(type="bullet", sentences=[s]) for s in sentences]
        blocks: list[Block] = []
        for start in range(0, len(sentences), 3):  # short paragraphs read better than one wall of text
            blocks.append(Block(type="paragraph", sentences=sentences[start:start + 3]))
        return blocks


def _role(candidate: Candidate) -> str:
    return "story" if candidate.passage.source_number == 1 else "background"


def _sentence(candidate: Candidate) -> Sentence:
    start = candidate.passage.text.find(candidate.original)
    citation = Citation(source=candidate.passage.source_number, quote=candidate.original,
                        passage_id=candidate.passage.id, start=max(start, 0),
                        end=max(start, 0) + len(candidate.original))
    return Sentence(text=candidate.text, citations=[citation])


def _near_duplicate(a: str, b: str) -> bool:
    wa, wb = _content_words(a), _content_words(b)
    return bool(wa and wb) and len(wa & wb) / min(len(wa), len(wb)) > 0.8
