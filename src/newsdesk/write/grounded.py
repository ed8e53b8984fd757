"""Grounding-first drafting: fact and summary sections built from the sources' own sentences.

A 135M-parameter model invents most specifics it writes. For such models the fact-bearing sections are drafted
from the most relevant source sentences instead: selected (relevance to the story, source order kept), compressed
(parentheticals and dangling connectives removed) and each kept with the passage it came from, so its citation is
exact. Sentences used in one section are not reused in another, so no point is made twice; a summary section
(Key Takeaways) restates the key facts instead, each cut to its core (``shorten``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..injection import sentence_screen
from ..models import Block, Citation, Passage, Sentence, Source
from ..text import content_words, split_sentences
from .parse import BULLET

# "In addition, ..." loses its opener; "In addition to the violence, ..." keeps it (the phrase is the sentence's).
_CONNECTIVE = re.compile(r"^(?:(?:but|and|so|however|meanwhile|still|yet|also|moreover),?|in addition,)\s+", re.I)
# "CAIRO — ", "HOUSTON (Reuters) - ": where a wire story was filed, not part of what it says.
_DATELINE = re.compile(r"^[A-Z][A-Z .,'-]{2,40}(?:\([^)]{1,30}\))?\s*[—–-]{1,2}\s+(?=[A-Z])")
_PARENTHETICAL = re.compile(r"\s*\((?![^)]*\d{4})[^()]{1,80}\)")
# List items that paragraph splitting ran together ("- 24 July 2015 - From the section ..."): not a sentence.
_LIST_RUN = re.compile(r"(?:^|\s)- .+\s- ")
_DANGLING = re.compile(r"^(?:it|he|she|they|this|these|those|that|his|her|their|its)\b", re.I)
_BYLINE = re.compile(r"(?:^|\b)(?:advertisement|sign up|subscribe|read more|click here|follow us)\b", re.I)


REPEAT_SHARE = 0.6  # the verifier's redundancy bar (calibration.json "redundancy")


@dataclass
class Candidate:
    text: str  # compressed sentence, what the reader sees
    original: str  # exact source sentence
    passage: Passage
    order: int  # position in the source block, to keep reading order
    relevance: float


def _content_words(text: str) -> set[str]:
    return set(content_words(text))


def compress(sentence: str) -> str:
    """Light, meaning-preserving edits: drop short parentheticals, a dateline, a list marker, a leading connective."""
    text = _DATELINE.sub("", _PARENTHETICAL.sub("", sentence).strip())
    text = _CONNECTIVE.sub("", BULLET.sub("", text))
    if text and text[0].islower():
        text = text[0].upper() + text[1:]
    return " ".join(text.split())


# A comma before one of these words ends the sentence's core: what follows is an aside, a place, a time or a
# source ("..., aboard an Ariane 5 rocket", "..., which ...", "..., officials said"). A comma before other words
# may sit inside a list ("NASA, the European Space Agency and ...") and is kept.
_ASIDE_OPENERS = frozenset(
    "which who whose where when while as after before because although though but according including aboard "
    "amid despite during following from in on at near under with without to for by officials police killing "
    "leaving saying adding prompting sparking raising forcing causing citing".split()
)
_ASIDE_COMMA = re.compile(r",\s+(?=(\w+))")
MIN_CORE_WORDS = 6
_ENDED = re.compile(r"[.!?][\"'”’)]*$")


def shorten(sentence: str) -> str:
    """The core of a sentence for a takeaway: compressed, then cut before its first aside if enough remains.

    Extractive on purpose: every word comes from the source sentence, in its order, so the takeaway carries no
    fact its citation lacks. A comma between digits ("December 25, 2021") never cuts.
    """
    text = compress(sentence)
    for match in _ASIDE_COMMA.finditer(text):
        following = match.group(1)
        if following.isdigit():
            continue
        if following.lower() in _ASIDE_OPENERS:
            head = text[:match.start()]
            if len(head.split()) >= MIN_CORE_WORDS:
                text = head
                break
    return text if _ENDED.search(text) else text.rstrip(" ,;:—–-") + "."


def candidates(sources: list[Source], headline: str,
               unusable: frozenset[str] | set[str] = frozenset()) -> list[Candidate]:
    """Every usable source sentence, scored by overlap with the headline and an early-in-story prior.

    ``unusable`` names sentences the story map found to be no whole sentence (a clause without its subject, a
    crosshead) or the author's first person without a speaker: alone in an article they mislead.
    """
    focus = _content_words(headline)
    found: list[Candidate] = []
    order = 0
    for source in sources:
        # [injection] never drafted from, even if a caller skipped screening; the source read whole, so half of an
        # instruction split across passages is found too
        addressed = sentence_screen([source.title or "", *(p.text for p in source.passages)])
        for number, passage in enumerate(source.passages, start=1):
            for sentence in split_sentences(passage.text):
                order += 1
                words = _content_words(sentence)
                if (len(words) < 4 or len(sentence) > 400 or _BYLINE.search(sentence) or _LIST_RUN.search(sentence)
                        or sentence in unusable):
                    continue
                if addressed(number, sentence):
                    continue
                overlap = len(words & focus) / (len(focus) or 1)
                lead_prior = 1.0 / (1 + 0.15 * passage.position)
                role_weight = 1.0 if source.role == "story" else 0.8
                found.append(Candidate(compress(sentence), sentence, passage, order,
                                       role_weight * (0.6 * overlap + 0.4 * lead_prior)))
    return found


class GroundedDrafter:
    """Hands out source sentences to sections, each sentence at most once per article."""

    def __init__(self, sources: list[Source], headline: str,
                 unusable: frozenset[str] | set[str] = frozenset()):
        self.pool = candidates(sources, headline, unusable)
        self.used: set[int] = set()
        self._by_original = {(c.original, id(c.passage)): i for i, c in enumerate(self.pool)}

    def claim(self, original: str, passage: Passage) -> Candidate | None:
        """The unused candidate for this exact source sentence, now used; None if used or not usable."""
        index = self._by_original.get((original, id(passage)))
        if index is None or index in self.used or self._repeats_used(self.pool[index]):
            return None
        self.used.add(index)
        return self.pool[index]

    def _repeats_used(self, candidate: Candidate) -> bool:
        """Most of its content words already said by a used sentence: the verifier would drop it as a repeat."""
        words = _content_words(candidate.original)
        return len(words) >= 3 and any(
            len(words & _content_words(self.pool[i].original)) >= REPEAT_SHARE * len(words) for i in self.used)

    def unused(self) -> list[Candidate]:
        return [c for i, c in enumerate(self.pool) if i not in self.used]

    def take(self, words: int, prefer: str = "story", lead: bool = False) -> list[Candidate]:
        """Up to ``words`` words of the best unused sentences; ``lead`` takes the story's opening in order."""
        pool = [(i, c) for i, c in enumerate(self.pool) if i not in self.used
                and not (lead and c.passage.source_number != 1)]  # the lead is the story's own
        if lead:
            ranked = sorted(pool, key=lambda ic: ic[1].order)
        else:
            ranked = sorted(pool, key=lambda ic: -(ic[1].relevance + (0.3 if _role(ic[1]) == prefer else 0.0)))
        chosen: list[tuple[int, Candidate]] = []
        total = 0
        for index, candidate in ranked:
            if total >= words:
                break
            if any(_near_duplicate(candidate.original, c.original) for _, c in chosen) or (
                    not lead and self._repeats_used(candidate)):
                continue
            chosen.append((index, candidate))
            total += len(candidate.text.split())
        self.used.update(i for i, _ in chosen)
        return [c for _, c in sorted(chosen, key=lambda ic: ic[1].order)]

    def takeaways(self, count: int, exclude: frozenset[int] | set[int] = frozenset()) -> list[Block]:
        """Bullets restating the most relevant facts, used earlier or not, each cut to its core (``shorten``).

        A fact that opens on a pronoun ("It was ...") is passed over: alone in a bullet it points at nothing; so is
        one in ``exclude`` (sentences of sections further down, which would then read as repeats and be dropped).
        """
        ranked = sorted(enumerate(self.pool), key=lambda ic: -ic[1].relevance)
        chosen: list[tuple[Candidate, str]] = []
        for index, candidate in ranked:
            if len(chosen) >= count:
                break
            if index in exclude or _DANGLING.match(candidate.text):  # a later section's point: it would repeat
                continue
            short = shorten(candidate.original)
            if index in self.used and len(short.split()) > 0.85 * len(candidate.text.split()):
                continue  # already in the article and barely shorter: a copy, which the verifier would drop
            if not any(_near_duplicate(candidate.original, c.original) for c, _ in chosen):
                chosen.append((candidate, short))
        chosen.sort(key=lambda pair: pair[0].order)
        return [Block(type="bullet", sentences=[_sentence(c, short)]) for c, short in chosen]

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


def sentence_of(candidate: Candidate, text: str | None = None) -> Sentence:
    """The candidate as an article sentence citing its exact source sentence."""
    return _sentence(candidate, text)


def _sentence(candidate: Candidate, text: str | None = None) -> Sentence:
    start = candidate.passage.text.find(candidate.original)
    citation = Citation(source=candidate.passage.source_number, quote=candidate.original,
                        passage_id=candidate.passage.id, start=max(start, 0),
                        end=max(start, 0) + len(candidate.original))
    return Sentence(text=text or candidate.text, citations=[citation])


def _near_duplicate(a: str, b: str) -> bool:
    wa, wb = _content_words(a), _content_words(b)
    return bool(wa and wb) and len(wa & wb) / min(len(wa), len(wb)) > 0.8
