"""spaCy, loaded lazily once per process, and the parsed evidence of a passage set, cached per ``PassageIndex``.

Only the source sentences a check actually looks at are parsed, each once per passage set; a written sentence is
parsed only when a check needs its structure (a speech verb, a title, a hedge in its evidence), so most sentences
never reach the parser.
"""

from __future__ import annotations

import re
import weakref
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ...language import SPACY_PACKAGE, nlp, parse, parse_many
from ...models import Passage
from ...storymap import sentence_key, speech_reading
from .._text import content_stems, normalise, tokens

if TYPE_CHECKING:
    from .._index import PassageIndex
    from ._binding import Bound

__all__ = ["SPACY_PACKAGE", "Evidence", "SourceFacts", "nlp", "parse", "source_facts", "stems_of"]


def stems_of(text: str) -> frozenset[str]:
    """Content stems of a stretch of text, the same keys the lexical checks use."""
    return frozenset(content_stems(tokens(normalise(text))))


@dataclass
class Evidence:
    """One source sentence: its original text (cased, for names and parsing), its content stems."""

    uid: int
    text: str
    stems: frozenset[str]
    _doc: Any = None  # dependency parse, no entities
    _bounds: list[Bound] | None = None  # the figures and dates bound to their words (see _binding), made on demand
    passage: int = -1  # the passage it belongs to (its neighbours in reading order share it)
    intro: str = ""  # for a list item: the sentence that introduces the list ("President Obama also said:")

    @property
    def doc(self) -> Any:
        if self._doc is None:
            self._doc = parse(self.text)
        return self._doc


@dataclass
class SourceFacts:
    """Every source sentence of a passage set as ``Evidence``, built once; parses are made on demand and kept."""

    sentences: list[Evidence] = field(default_factory=list)
    passages: list[Passage] = field(default_factory=list)
    _speakers: dict[str, str] | None = field(default=None, repr=False)
    _genders: dict[str, str] = field(default_factory=dict, repr=False)
    _stems: frozenset[str] | None = field(default=None, repr=False)
    _capitalised: frozenset[str] | None = field(default=None, repr=False)

    @staticmethod
    def parse_batch(sentences: list[Evidence]) -> None:
        """Parse the sentences not parsed yet in one batch (faster than one by one); each is kept."""
        todo = [e for e in sentences if e._doc is None]
        parse_many(e.text for e in todo)
        for evidence in todo:
            evidence._doc = parse(evidence.text)

    def speaker_of(self, evidence: Evidence) -> str | None:
        """Whom the story map gives a source sentence's words to (``storymap.speakers_by_sentence``): its pronoun
        resolved, a quotation run carried on. Read once per passage set, on the first question."""
        if self._speakers is None:
            self._speakers, self._genders = speech_reading(self.passages)
        return self._speakers.get(sentence_key(evidence.text))

    def gender_of(self, name: str) -> str | None:
        """ "he" or "she": what the sources call the person ``name`` names (by full name or by the last word of it),
        where the story map read it from the sources themselves (a title, a relational noun, a bound pronoun);
        None where they do not say. Read with ``speaker_of``'s reading."""
        if self._speakers is None:
            self._speakers, self._genders = speech_reading(self.passages)
        words = [w for w in name.split() if w[:1].isupper()]  # "Ms Prior, who has first aid training": Prior
        found = {g for person, g in self._genders.items() if words and person.split()[-1] == words[-1]}
        return found.pop() if len(found) == 1 and found <= {"he", "she"} else None

    def stems(self) -> frozenset[str]:
        """Every content stem of the sources."""
        if self._stems is None:
            self._stems = frozenset().union(*(e.stems for e in self.sentences))
        return self._stems

    def capitalised(self) -> frozenset[str]:
        """Words the sources write with a capital inside a sentence (lower-cased): names, whatever a tagger says of
        them at the start of a sentence."""
        if self._capitalised is None:
            self._capitalised = frozenset(w.lower() for e in self.sentences for w in _INNER_CAPITAL.findall(e.text))
        return self._capitalised

    @classmethod
    def build(cls, index: PassageIndex) -> SourceFacts:
        out: list[Evidence] = []
        for uid, unit in enumerate(index.units):
            text = normalise(index.passages[unit.passage].text[unit.start : unit.end])
            evidence = Evidence(uid, text, unit.stems, passage=unit.passage)
            if _LIST_ITEM.match(text) and out:
                before = out[-1]
                evidence.intro = before.intro or (before.text if _LIST_INTRO.search(before.text) else "")
            out.append(evidence)
        return cls(out, list(index.passages))


_LIST_ITEM = re.compile(r"^\s*[-*\u2022]\s")
_LIST_INTRO = re.compile(r":\s*(?:[-*\u2022]\s|$)")  # "President Obama also said: - The UK must stay ..."
_INNER_CAPITAL = re.compile(r"(?<=[\w,;] )[A-Z][\w'-]+")
_CACHE: dict[int, tuple[weakref.ref[PassageIndex], SourceFacts]] = {}


def source_facts(index: PassageIndex) -> SourceFacts:
    """The ``SourceFacts`` of an index, kept as long as the index lives (the verifier caches its indexes)."""
    key = id(index)
    hit = _CACHE.get(key)
    if hit is not None and hit[0]() is index:
        return hit[1]
    facts = SourceFacts.build(index)

    def forget(_ref: weakref.ref[PassageIndex], key: int = key) -> None:
        _CACHE.pop(key, None)

    _CACHE[key] = (weakref.ref(index, forget), facts)
    return facts
