"""Grounding-first drafting: fact and summary sections built from the sources' own sentences.

A 135M-parameter model invents most specifics it writes. For such models the fact-bearing sections are drafted
from the most relevant source sentences instead: selected (relevance to the story, source order kept), compressed
(parentheticals and dangling connectives removed) and each kept with the passage it came from, so its citation is
exact. Sentences used in one section are not reused in another, so no point is made twice; a summary section
(Key Takeaways) restates the key facts instead, each cut to its core (``core.shorten``).

The pool of candidates and every rule about which one a section may take (hygiene, salience, repeats,
restatement, pronouns in reading order) are one state, so they stay in one module; how a sentence is compressed
and cut is ``core``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from ..injection import sentence_screen
from ..language import newsgathering, nlp, parse
from ..models import Block, Citation, Passage, Sentence, Source
from ..sentences import lost_starts, split_sentences
from ..storymap import StoryMap, first_person_unattributed, is_complete_sentence
from ..storymap.quoting import balanced, left_behind, opens_or_closes, quotation_open_after
from ..text import YEAR, content_words
from .antecedents import OPENING_MARKS, depends_on_before, lemmas, pronoun_subject
from .core import compress, points_back, shorten
from .placement import speaker_unnamed, story_date
from .salience import Scored, about_the_story, salience, says_what_the_story_says, select, tells_the_past

_LIST_RUN = re.compile(r"(?:^|\s)- .+\s- ")
# An interjection opening a sentence is the writer exclaiming ("Ahh, if only ..."), not a fact of the story.
_EXCLAMATION = re.compile(r"^(?:a+h+|o+h+|wow|alas|ugh|hmm+|whoa|oops|phew|yikes|gosh)\b", re.I)
_BYLINE = re.compile(r"(?:^|\b)(?:advertisement|sign up|subscribe|read more|click here|follow us)\b", re.I)
# Text about a picture, not the story: a caption points at the photo ("Mr Boase, pictured, ...", "(left)",
# "Clockwise from top: ...") or credits it; a byline or a time stamp says who wrote the page and when.
_CAPTION = re.compile(
    r"\b(?:pictured|photographed|(?:photo|image|picture)s? (?:by|credit|courtesy)|credit:|"
    r"getty images|ap photo|afp via|file photo|shutterstock|(?:anti-?|counter-?)?clockwise from|"
    r"(?:from )?(?:left|right) to (?:right|left))\b|\((?:left|right|centre|center|"
    r"above|below|top|bottom|inset)\)|^(?:by|published|updated|last updated)\b[^.]{0,60}"
    r"(?:\||\d{1,2}:\d\d)",
    re.I,
)
# Text that points at a picture by its place on the page ("The images above show ...", "seen in the images A and
# B", "adult males are in image E") describes a picture the article does not have: a caption, however it reads.
_PICTURE_ON_THE_PAGE = re.compile(
    r"\b(?:[Ii]mage|[Pp]icture|[Pp]hoto(?:graph)?|[Vv]ideo|[Pp]anel)s?\s+(?:above|below|[A-Z](?![\w'’]))"
)
# A sentence ends on a full stop, a question or exclamation mark, or an ellipsis, perhaps inside a quotation or a
# bracket. Text that stops anywhere else was cut off ("Mr Boase claimed that he went to bed ar"); one that stops
# on a colon introduces what the page no longer holds ("..., Bengio argued:"). Either alone misleads.
_FINISHED = re.compile(r"(?:[.!?…]|\.\.\.)[\"'”’)\]]*$")


def unfinished(sentence: str) -> bool:
    """A sentence that stops before its end: cut off mid-word, or introducing a quotation that is not there."""
    return not _FINISHED.search(sentence.strip())


def caption_or_byline(sentence: str) -> bool:
    return bool(_CAPTION.search(sentence) or _PICTURE_ON_THE_PAGE.search(sentence))


REPEAT_SHARE = 0.6  # the verifier's redundancy bar (calibration.json "redundancy")
_ARGUMENTS = frozenset({"nsubj", "nsubjpass", "dobj", "attr"})  # what a clause states about: its subject or object


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


def _content_words(text: str) -> set[str]:
    return set(content_words(text))


def candidates(
    sources: list[Source],
    headline: str,
    unusable: frozenset[str] | set[str] = frozenset(),
    speaker_only: frozenset[str] | set[str] = frozenset(),
    named: Mapping[str, str] | None = None,
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
    """
    named = named or {}
    focus = _content_words(headline)
    found: list[Candidate] = []
    order = 0
    for source in sources:
        # [injection] never drafted from, even if a caller skipped screening; the source read whole, so half of an
        # instruction split across passages is found too
        addressed = sentence_screen([source.title or "", *(p.text for p in source.passages)])
        quoting = False  # a quotation opened before is still open: read as the map reads it
        for number, passage in enumerate(source.passages, start=1):
            for whole in split_sentences(passage.text):
                order += 1  # a run-on's pieces keep its place in the story
                inside, quoting = quoting and not left_behind(whole), quotation_open_after(whole, quoting)
                if addressed(number, whole) or newsgathering(whole, source.publisher):
                    continue
                alone = usable_alone(whole) and not run_together(whole)
                for sentence in [whole] if alone else run_on_pieces(whole):
                    if sentence in unusable or not (alone or _whole_clause(sentence)):
                        continue
                    if not alone and (inside or opens_or_closes(sentence)):
                        inside = True  # the rest of the run-on is inside the quotation this piece holds
                        continue
                    words = _content_words(sentence)
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


def repeats_one_of(sentence: str, others: Sequence[str]) -> bool:
    """Most (``REPEAT_SHARE``) of the sentence's content words are those of one of ``others`` (the verifier's bar
    for a repeat), or it states a count one of them states (``counts``): the one test of "this point is made
    already" wherever the article is drafted (the drafter's used sentences, background against the story, a
    model's text against what the article says before it)."""
    words = _content_words(sentence)
    if len(words) >= 3 and any(len(words & _content_words(o)) >= REPEAT_SHARE * len(words) for o in others):
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


def usable_alone(sentence: str) -> bool:
    """A sentence an article may give on its own: four content words or more, at most 400 characters, whole
    (``unfinished``), no caption, byline or run of list items."""
    return not (
        len(_content_words(sentence)) < 4
        or len(sentence) > 400
        or _BYLINE.search(sentence)
        or _LIST_RUN.search(sentence)
        or unfinished(sentence)
        or caption_or_byline(sentence)
        or _EXCLAMATION.match(sentence)
    )


def run_on_pieces(text: str) -> list[str]:
    """The sentences a run of text holds that is no usable sentence as it stands (too long, a caption, cut off,
    two sentences run together):
    split where a sentence start shows (``sentences.lost_starts``), each piece kept only if it is usable alone.
    Only text already unusable whole is split, so a title inside a good sentence is never cut; a caption's own
    piece still reads as a caption, or stops without a full stop, and goes."""
    return [piece for piece in lost_starts(text) if usable_alone(piece)]


def run_together(text: str) -> bool:
    """Two sentences run together where the page lost the stop between them (``sentences.lost_starts``): a
    caption set apart by layout alone, run into the sentence after it ("... in south east Tibet, China The
    researchers say ..."). Only where each piece is a whole clause of four content words or more: a title inside
    a sentence ("he reads The Times daily") leaves a fragment, and the sentence stays whole."""
    pieces = lost_starts(text)
    return len(pieces) > 1 and all(len(_content_words(p)) >= 4 and _whole_clause(p) for p in pieces)


def _whole_clause(piece: str) -> bool:
    """A piece of a run-on is drafted from only as a whole clause with its subject, in no unattributed first
    person: the story map, which reads the run-on whole, has not judged it alone."""
    return is_complete_sentence(nlp()(piece)) and not first_person_unattributed(piece, statement=False)


class GroundedDrafter:
    """Hands out source sentences to sections, each sentence at most once per article."""

    def __init__(
        self,
        sources: list[Source],
        headline: str,
        unusable: frozenset[str] | set[str] = frozenset(),
        speaker_only: frozenset[str] | set[str] = frozenset(),
        named: Mapping[str, str] | None = None,
    ):
        self.pool = candidates(sources, headline, unusable, speaker_only, named)
        self.used: set[int] = set()
        self._by_original = {(c.original, id(c.passage)): i for i, c in enumerate(self.pool)}
        self._salience: Scored | None = None
        published = sources[0].published if sources else None
        self._year = int(published[:4]) if published and YEAR.match(published) else None
        self.day = story_date(published)  # the story's date: what a section tells is read against it
        self._past: set[int] | None = None  # the story's sentences that tell what came before its news
        self._openings: dict[int, int] = {}  # by source number: the order of its first sentence
        # by (source number, order): the source sentence there, what the one after it may point at
        self._before = {(c.passage.source_number, c.order): c.original for c in self.pool}
        self.headline = headline
        self._dek: int | None = None  # the first sentence the article gives, in its dek
        self._nouns: set[str] | None = None  # ``_article_nouns``
        for c in self.pool:
            self._openings[c.passage.source_number] = min(c.order, self._openings.get(c.passage.source_number, c.order))

    @classmethod
    def reading(cls, sources: list[Source], headline: str, story_map: StoryMap) -> GroundedDrafter:
        """A drafter that reads the sources as the story map does: what it finds unusable is never offered, a
        speaker's words only under their name, and a speaker named in full wherever their words stand."""
        return cls(sources, headline, story_map.unusable, story_map.speaker_only, story_map.named_speakers())

    def points_back(self, candidate: Candidate) -> bool:
        """``core.points_back``, a source's first sentence read as an opening: nothing comes before it to point
        at, so its demonstratives point within it ("When Moltbook went viral ..., the Orb was designed to solve
        exactly this problem"). A quotation mark before its first word changes nothing ("'He came out of the
        race ..."), and a sentence that depends on the one before it (``depends_on_before``) points back too:
        each is drafted only right after the sentence it points at, never to open the intro or a section."""
        opening = self._openings.get(candidate.passage.source_number) == candidate.order
        return points_back(OPENING_MARKS.sub("", candidate.text), opening=opening) or depends_on_before(
            candidate.original, None
        )

    def cannot_open(self, candidate: Candidate) -> bool:
        """Whether the candidate cannot be the first sentence of the intro or of a section: it points back
        (``points_back``), its subject is a personal pronoun ("In 2009, he moved ..."), or it refers to what only
        the source sentence before it introduced and the article has not said yet (``depends_on_before``)."""
        before = self._before.get((candidate.passage.source_number, candidate.order - 1))
        return (
            self.points_back(candidate)
            or pronoun_subject(candidate.text)
            or depends_on_before(candidate.original, before, self._article_nouns())
        )

    def _article_nouns(self) -> set[str]:
        """The nouns (and verbs: "raided" names a raid) of what every reader has met before any section: the
        headline (the title is made from it) and the dek. A definite description may take these up without its
        source neighbour. Sentences other sections hold are not counted: drafting order is not reading order
        (the takeaways, drafted before the intro, are read after it)."""
        if self._nouns is None:
            self._nouns = lemmas(self.headline)
            if self._dek is not None:
                self._nouns |= lemmas(self.pool[self._dek].original)
        return self._nouns

    def _free(self, index: int) -> bool:
        """Not yet said anywhere in the article, the summary included: no point is made twice."""
        return index not in self.used

    def _offered(self, index: int) -> bool:
        """Free, and no speaker's words that name no speaker: only ``claim`` under the speaker's name gives those."""
        return self._free(index) and not self.pool[index].speaker_only

    def _claimed(self, index: int) -> None:
        self.used.add(index)

    def claim(self, original: str, passage: Passage, under_speaker: bool = False) -> Candidate | None:
        """The unused candidate for this exact source sentence, now used; None if used or not usable. A
        speaker's words that name no speaker are given only ``under_speaker``: in a section headed by the name."""
        index = self._by_original.get((original, id(passage)))
        if (
            index is None
            or not self._free(index)
            or (self.pool[index].speaker_only and not under_speaker)
            or self._repeats_used(self.pool[index])
        ):
            return None
        self._claimed(index)
        return self.pool[index]

    def given(self, original: str, passage: Passage) -> bool:
        """Whether this exact source sentence is already in the article."""
        return self._by_original.get((original, id(passage))) in self.used

    def _repeats_used(self, candidate: Candidate) -> bool:
        """Most of its content words already said by a used sentence: the verifier would drop it as a repeat."""
        return repeats_one_of(
            candidate.original, [self.pool[i].original for i in self.used if self.pool[i] is not candidate]
        )

    def story_words(self) -> int:
        """Words of the story's own usable sentences."""
        return sum(len(c.original.split()) for c in self.pool if c.passage.source_number == 1)

    def unused(self) -> list[Candidate]:
        return [c for i, c in enumerate(self.pool) if self._offered(i)]

    def take(self, words: int, prefer: str = "story", lead: bool = False) -> list[Candidate]:
        """Up to ``words`` words of the most salient unused sentences (``salience``), those of the ``prefer`` role
        first; ``lead`` takes the story's opening in order.

        Where the words run out before the sentences do (a long story, whose article restates ``LENGTH_SHARE`` of
        it), what is left out is then the least salient: colour, asides and background far from the story's
        subject, not whatever shares fewest words with the headline."""
        pool = [
            (i, c) for i, c in enumerate(self.pool) if self._offered(i) and not (lead and c.passage.source_number != 1)
        ]  # the lead is the story's own
        if lead:
            ranked = sorted(pool, key=lambda ic: ic[1].order)
        else:
            scores = self.salience().scores
            earlier = self.earlier() if prefer == "background" else set()
            ranked = sorted(
                pool, key=lambda ic: -(scores[ic[0]] + (0.3 if _role(ic[1]) == prefer or ic[0] in earlier else 0.0))
            )
        chosen: list[tuple[int, Candidate]] = []
        total = 0
        first = min((c.order for c in self.pool if c.passage.source_number == 1), default=0)  # the dek's
        for index, candidate in ranked:
            if total >= words:
                break
            if any(_near_duplicate(candidate.original, c.original) for _, c in chosen) or self._repeats_used(candidate):
                continue
            if self.points_back(candidate) and not (
                _follows(candidate, chosen, first) if lead else _after_its_antecedent(candidate, chosen)
            ):
                continue  # read in order, its pronoun would point at whatever the section said last
            chosen.append((index, candidate))
            total += len(candidate.text.split())
        chosen.sort(key=lambda ic: ic[1].order)
        # the section's first sentence opens it: one that needs the source sentence before it goes
        while chosen and self.cannot_open(chosen[0][1]) and not (lead and _follows(chosen[0][1], [], first)):
            chosen.pop(0)
        if lead and not self.used and chosen:
            self._dek, self._nouns = chosen[0][0], None
        for index, _ in chosen:
            self._claimed(index)
        return [c for _, c in chosen]

    def earlier(self) -> set[int]:
        """The story's own sentences that tell what came before its news (``tells_the_past``): background as much
        as a related story's, and what Context & Background prefers after it."""
        if self._past is None:
            self._past = {
                i
                for i, c in enumerate(self.pool)
                if c.passage.source_number == 1 and tells_the_past(c.original, self._year)
            }
        return self._past

    def salience(self) -> Scored:
        """The salience of every candidate (``salience.py``), computed once: the story's sentences by their
        place in it, background sentences as if they came after the story's last."""
        if self._salience is None:
            last = max((c.order for c in self.pool if c.passage.source_number == 1), default=0)
            self._salience = salience(
                [c.original for c in self.pool],
                [c.order - 1 if c.passage.source_number == 1 else last + c.order for c in self.pool],
                [c.headline_overlap for c in self.pool],
            )
        return self._salience

    def story_sentences(self) -> int:
        """The story's own usable sentences."""
        return sum(1 for c in self.pool if c.passage.source_number == 1)

    def takeaways(self, count: int, intro_to_come: bool = True) -> list[Block]:
        """Bullets restating the story's most salient facts, each cut to its core (``shorten``), no two making the
        same point (``salience.select``); the sentences they rest on are then used.

        Takeaways are the story's own: background sentences are taken only when the story offers none. A fact that
        opens on a pronoun ("It was ...") is passed over: alone in a bullet it points at nothing; so is words given
        to a speaker named only by a pronoun ('"...," she said.', ``placement.speaker_unnamed``): a takeaway is
        remembered alone, and a quotation without its speaker is no one's.

        No point is made twice (smoke test 40b #11). The opening (dek and intro) and the takeaways are two
        summaries at the head of one article; they share the story's main points out rather than both stating
        them: the dek's sentence (drafted first, the story's lead) is no takeaway, nor is one that repeats it
        (``_repeats_used``), and the intro, drafted after the takeaways, goes on with the opening sentences they
        left. No body section states again what a takeaway holds either: a bullet that the body repeats in full
        a few lines away recalls nothing the reader lacks.

        Measured with ``bench/articles.py --dev-stories 24 --skip 38`` (unseen stories): the takeaways no longer
        repeat the dek or the intro (34 repeats in 24 of 24 articles before, none after), the dek and the takeaways
        together score ROUGE-1/2 37.6/17.4 against the highlights (35.7/16.9 before), and the takeaways alone,
        without the lead's point the dek now holds, 35.5/14.7 (41.2/20.5 before; lead-3 40.2/19.1).
        """

        def core(index: int) -> str:
            return balanced(shorten(self.pool[index].as_given or self.pool[index].original))

        usable = [
            not self.points_back(c)
            and not c.speaker_only
            and index not in self.used
            and not self._repeats_used(c)
            and not speaker_unnamed(c.as_given or c.original)
            for index, c in enumerate(self.pool)
        ]
        own = [ok and c.passage.source_number == 1 for ok, c in zip(usable, self.pool, strict=True)]
        # the intro, drafted next from the story's sentences left, keeps one at least: an article opens on more
        # than its dek, and an intro taken again from the story's opening would repeat the takeaways
        left = sum(1 for i, c in enumerate(self.pool) if c.passage.source_number == 1 and i not in self.used)
        kept = 1 if intro_to_come else 0  # a section rewritten later finds its intro written
        picked = select(self.salience(), max(0, min(count, left - kept)), own if any(own) else usable)
        self.used.update(picked)
        picked.sort(key=lambda i: self.pool[i].order)
        return [Block(type="bullet", sentences=[_sentence(self.pool[i], core(i))]) for i in picked]

    def blocks(self, chosen: list[Candidate], fmt: str) -> list[Block]:
        sentences = [_sentence(c) for c in chosen]
        if fmt == "bullets":
            return [Block(type="bullet", sentences=[s]) for s in sentences]
        blocks: list[Block] = []
        for start in range(0, len(sentences), 3):  # short paragraphs read better than one wall of text
            blocks.append(Block(type="paragraph", sentences=sentences[start : start + 3]))
        return blocks


def _follows(candidate: Candidate, chosen: list[tuple[int, Candidate]], dek: int) -> bool:
    """Whether the story's sentence before ``candidate`` is the last one given before it (the intro's last, or
    the dek when the intro has none yet): only then does a pronoun it opens on point where the story meant."""
    if chosen:
        return chosen[-1][1].order == candidate.order - 1
    return candidate.order - 1 == dek


def _after_its_antecedent(candidate: Candidate, chosen: list[tuple[int, Candidate]]) -> bool:
    """Whether the story's sentence before ``candidate`` is among those chosen for the section, which are given in
    story order: a pronoun or demonstrative that opens a sentence points at that sentence (an anaphor needs its
    antecedent before it)."""
    return any(c.order == candidate.order - 1 for _, c in chosen)


def _role(candidate: Candidate) -> str:
    return "story" if candidate.passage.source_number == 1 else "background"


def sentence_of(candidate: Candidate, text: str | None = None) -> Sentence:
    """The candidate as an article sentence citing its exact source sentence."""
    return _sentence(candidate, text)


def _sentence(candidate: Candidate, text: str | None = None) -> Sentence:
    start = candidate.passage.text.find(candidate.original)
    citation = Citation(
        source=candidate.passage.source_number,
        quote=candidate.original,
        passage_id=candidate.passage.id,
        start=max(start, 0),
        end=max(start, 0) + len(candidate.original),
    )
    return Sentence(text=text or candidate.text, citations=[citation])


def _near_duplicate(a: str, b: str) -> bool:
    wa, wb = _content_words(a), _content_words(b)
    return bool(wa and wb) and len(wa & wb) / min(len(wa), len(wb)) > 0.8
