"""The pool of source sentences a grounded article may be drafted from (``candidates``): every sentence of the
sources that can stand alone (``standalone``), that no injection screen or quotation rule keeps out, compressed for
the reader and kept with the exact passage it came from, scored by its overlap with the headline and its place in
the story. Background that is off the story, or says what the story says, is left out."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from ..injection import sentence_screen
from ..language import HONORIFICS, newsgathering, nlp
from ..models import Passage, Source
from ..progress import tick
from ..sentences import split_sentences
from ..storymap.quoting import balanced, left_behind, opens_or_closes, quotation_open_after
from ..text import content_words
from .casing import lower_words
from .core import compress
from .repeats import repeats_one_of
from .salience import about_the_story, says_what_the_story_says
from .standalone import run_on_pieces, run_together, usable_alone, whole_clause

__all__ = ["Candidate", "candidates"]


@dataclass
class Candidate:
    text: str  # compressed sentence, what the reader sees
    original: str  # exact source sentence
    passage: Passage
    order: int  # position in the source block, to keep reading order
    relevance: float
    headline_overlap: float = 0.0  # share of the headline's content words the sentence holds
    speaker_only: bool = False  # a speaker's words that name no speaker: given only under that speaker's name
    as_given: str = ""  # the source sentence with its speaker named in full, what a summary cuts to its core


def candidates(
    sources: list[Source],
    headline: str,
    unusable: frozenset[str] | set[str] = frozenset(),
    speaker_only: frozenset[str] | set[str] = frozenset(),
    named: Mapping[str, str] | None = None,
    corrected: Mapping[str, str] | None = None,
) -> list[Candidate]:
    """Every usable source sentence, scored by overlap with the headline and an early-in-story prior.

    ``unusable`` names sentences the story map found to be no whole sentence (a clause without its subject, a
    crosshead) or the author's first person without a speaker: alone in an article they mislead. Captions,
    bylines and unfinished sentences (cut off, or a colon whose quotation is missing) are never drafted from.
    ``speaker_only`` names a speaker's words that do not name the speaker (an interview's answers, a list a
    clause of saying introduces, a sentence of a quotation that runs on): they are candidates only for a section
    under that speaker's name.

    A quotation is never published in the article's voice (``storymap.quoting``): the map gives each of its own
    sentences to a speaker, or sets it aside, and a piece of a run-on the map did not read alone that stands
    inside a quotation, or opens or closes one, is someone's words whose speaker is not known here, so it is not
    drafted from. Every sentence drafted keeps its quotation whole: no mark is left unmatched (``balanced``).
    ``named`` gives a sentence whose speaker it names by a pronoun or a surname with the speaker's whole name
    (``StoryMap.named_speakers``): a quotation is published with its speaker named, wherever it stands.
    ``corrected`` gives a correction whose pronoun takes up what a publisher's notice says a story got wrong with
    that matter in its place (``StoryMap.corrected``): read so, it stands alone ("The authority's chair is Grace
    Mbeki, not Grace Mbeke."), and is judged whole as it reads.
    """
    corrected = corrected or {}
    ambiguous = _shared_surnames(named or {}, sources)
    named = {**corrected, **{k: v for k, v in (named or {}).items() if k not in ambiguous}}
    unusable = {*unusable, *ambiguous}
    focus = set(content_words(headline))
    found: list[Candidate] = []
    order = 0
    for source in sources:
        # [injection] never drafted from, even if a caller skipped screening; the source read whole, so half of an
        # instruction split across passages is found too
        addressed = sentence_screen([source.title or "", *(p.text for p in source.passages)])
        quoting = False  # a quotation opened before is still open: read as the map reads it
        for number, passage in enumerate(source.passages, start=1):
            tick("Choosing the sentences an article may give", number, len(source.passages))
            for whole in split_sentences(passage.text):
                order += 1  # a run-on's pieces keep its place in the story
                inside, quoting = quoting and not left_behind(whole), quotation_open_after(whole, quoting)
                if addressed(number, whole) or newsgathering(whole, source.publisher):
                    continue
                alone = usable_alone(corrected.get(whole, whole)) and not run_together(whole)
                for sentence in [whole] if alone else run_on_pieces(whole):
                    if sentence in unusable or not (alone or whole_clause(sentence)):
                        continue
                    if not alone and (inside or opens_or_closes(sentence)):
                        inside = True  # the rest of the run-on is inside the quotation this piece holds
                        continue
                    words = set(content_words(sentence))
                    overlap = len(words & focus) / (len(focus) or 1)
                    lead_prior = 1.0 / (1 + 0.15 * passage.position)
                    role_weight = 1.0 if source.role == "story" else 0.8
                    found.append(
                        Candidate(
                            balanced(compress(named.get(sentence, sentence))),
                            sentence,
                            passage,
                            order,
                            role_weight * (0.6 * overlap + 0.4 * lead_prior),
                            overlap,
                            sentence in speaker_only,
                            named.get(sentence, sentence),
                        )
                    )
    own = [c.original for c in found if c.passage.source_number == 1]
    background = [c for c in found if c.passage.source_number != 1]
    relevant = about_the_story([headline, *own], [c.original for c in background])
    told = says_what_the_story_says(own, [c.original for c in background])
    left_out = {
        id(c)
        for c, keep, same in zip(background, relevant, told, strict=True)
        if not keep or same or repeats_one_of(c.original, own)
    }
    return [c for c in found if id(c) not in left_out]


# A run of capitalised words: a full name as the story map writes a speaker in ("John Okafor").
_NAME_RUN = re.compile(r"\b[A-Z][\w'’-]+(?: [A-Z][\w'’-]+)+\b")


def _shared_surnames(named: Mapping[str, str], sources: list[Source]) -> set[str]:
    """The sentences whose speaker ``named`` gives in full for a bare surname that two people of the story share.

    News names a person in full once and by surname after; a story that names two people of one surname ("John
    Okafor", "his sister Mary Okafor") makes the bare surname ambiguous, and only its place among the sentences
    around it tells the reader which one is meant. Expanded to one full name, the sentence gives one person's
    words to the other wherever it stands; given as written, away from its neighbours, it names either. Such a
    sentence is not drafted from. Two people share a surname where the story writes it after two different given
    names: the word before the surname, tagged a person's name with it, and neither an honorific ("Mr Okafor") nor
    a word the story writes in lower case, a role ("councillor Okafor")."""
    if not named:
        return set()
    body = "\n".join(p.text for source in sources for p in source.passages)
    lower = lower_words(body)
    found: set[str] = set()
    for sentence, given in named.items():
        for run in _NAME_RUN.findall(given):
            *first, surname = run.split()
            if run in sentence or not re.search(rf"\b{re.escape(surname)}\b", sentence):
                continue
            others = _given_names(surname, body, lower) - {first[-1]}
            if others:
                found.add(sentence)
    return found


def _given_names(surname: str, body: str, lower: set[str]) -> set[str]:
    """The given names the story writes right before ``surname``, where the tagger reads both as a person's name."""
    names: set[str] = set()
    pattern = re.compile(rf"\b([A-Z][\w'’-]+) {re.escape(surname)}\b")
    for line in {line for line in body.splitlines() if pattern.search(line)}:
        for token in nlp()(line):
            after = token.nbor() if token.i + 1 < len(token.doc) else None
            if (
                after is not None
                and after.text == surname
                and token.ent_type_ == "PERSON"
                and after.ent_type_ == "PERSON"
                and token.text[:1].isupper()
                and token.lower_.rstrip(".") not in HONORIFICS
                and token.lower_ not in lower
            ):
                names.add(token.text)
    return names
