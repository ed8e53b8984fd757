"""Grounding-first drafting: fact and summary sections built from the sources' own sentences.

A 135M-parameter model invents most specifics it writes. For such models the fact-bearing sections are drafted
from the most relevant source sentences instead: selected (relevance to the story, source order kept), compressed
(parentheticals and dangling connectives removed) and each kept with the passage it came from, so its citation is
exact. Sentences used in one section are not reused in another, so no point is made twice; a summary section
(Key Takeaways) restates the key facts instead, each cut to its core (``core.shorten``).

The pool (``candidates``) and every rule about which candidate a section may take (salience, repeats, restatement,
pronouns in reading order) are one state, the ``GroundedDrafter``, so they stay in one module. What a sentence must
be to stand alone is ``standalone``, what counts as a point made again is ``repeats``, and how a sentence is
compressed and cut is ``core``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ..models import Block, Citation, Passage, Sentence, Source
from ..progress import tick
from ..storymap import StoryMap
from ..storymap.quoting import balanced
from ..text import YEAR
from .antecedents import OPENING_MARKS, adds_to_before, depends_on_before, given_by, introduced, pronoun_subject
from .candidates import Candidate, candidates
from .core import points_back, shorten
from .placement import answers_before, speaker_unnamed, story_date, tells_what_comes_next
from .repeats import near_duplicate, repeats_one_of
from .salience import Lazy, Scored, salience, select, tells_the_past

__all__ = ["GroundedDrafter", "sentence_of"]


class GroundedDrafter:
    """Hands out source sentences to sections, each sentence at most once per article."""

    def __init__(
        self,
        sources: list[Source],
        headline: str,
        unusable: frozenset[str] | set[str] = frozenset(),
        speaker_only: frozenset[str] | set[str] = frozenset(),
        named: Mapping[str, str] | None = None,
        corrected: Mapping[str, str] | None = None,
    ):
        self.pool = candidates(sources, headline, unusable, speaker_only, named, corrected)
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
        self._first_told: dict[tuple[int, str], int] | None = None  # ``_told``: where each thing is first told
        self._leaning: dict[int, bool] = {}  # by candidate: ``leans_back``, once the article's nouns are final
        for c in self.pool:
            self._openings[c.passage.source_number] = min(c.order, self._openings.get(c.passage.source_number, c.order))

    @classmethod
    def reading(cls, sources: list[Source], headline: str, story_map: StoryMap) -> GroundedDrafter:
        """A drafter that reads the sources as the story map does: what it finds unusable is never offered, a
        speaker's words only under their name, a speaker named in full wherever their words stand, and a
        correction with what it corrects in place of its pronoun."""
        return cls(
            sources,
            headline,
            story_map.unusable,
            story_map.speaker_only,
            story_map.named_speakers(),
            story_map.corrected,
        )

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
        """Whether the candidate cannot be the first sentence of the intro or of a section: it leans on the
        sentence before it (``leans_back``), its subject is a personal pronoun ("In 2009, he moved ..."), or it
        refers to what only the source sentence before it introduced and the article has not said yet
        (``depends_on_before``)."""
        before = self._before.get((candidate.passage.source_number, candidate.order - 1))
        return (
            self.leans_back(candidate)
            or adds_to_before(candidate.text)
            or depends_on_before(candidate.original, before, self._article_nouns(), told=self._told(candidate))
        )

    def leans_back(self, candidate: Candidate) -> bool:
        """Whether the candidate stands only right after its source's sentence before it: it points back
        (``points_back``), or it takes up by a general noun what only that sentence named and the article has not
        said yet (``depends_on_before``, general nouns: "in the country", "on the issue", "that figure"). A
        sentence that takes something up is read as its antecedent's sentence tells it; after any other, it points
        at the wrong thing (Smoke test 44 #7: "criticism in the country" read as the US, not Kenya). So does one
        whose main subject is a personal pronoun (``pronoun_subject``: "According to his speechwriter, he appeared
        ..."), which takes up the most prominent person of the sentence before it (centering): after another
        sentence it names that sentence's person; and one that takes up by a definite description what its source
        introduced before and the article has not (``depends_on_before``, ``told``: "X lambasted the raid")."""
        index = self._by_original.get((candidate.original, id(candidate.passage)))
        if index is not None and index in self._leaning:
            return self._leaning[index]
        leaning = self.points_back(candidate) or pronoun_subject(candidate.text) or self._takes_up(candidate)
        if index is not None and self._nouns is not None and self._dek is not None:
            self._leaning[index] = leaning  # the article's nouns are final once the dek is given
        return leaning

    def leans_back_on(self, original: str, passage: Passage) -> bool:
        """``leans_back`` for this exact source sentence (False where it is no candidate)."""
        index = self._by_original.get((original, id(passage)))
        return index is not None and self.leans_back(self.pool[index])

    def takes_up_before(self, original: str, passage: Passage) -> bool:
        """Whether this source sentence takes up by a general noun what only its sentence before named (the second
        half of ``leans_back``): a statement given with its speaker named ("Tom Reyes said ..." for "He said ...")
        no longer points back by its pronoun, but "the issue" in it still needs what the sentence before named."""
        index = self._by_original.get((original, id(passage)))
        return index is not None and self._takes_up(self.pool[index])

    def _takes_up(self, candidate: Candidate) -> bool:
        before = self._before.get((candidate.passage.source_number, candidate.order - 1))
        return depends_on_before(
            candidate.original, before, self._article_nouns(), general_only=True, told=self._told(candidate)
        )

    def _told(self, candidate: Candidate) -> _ToldBefore:
        """What the candidate's source introduced before it (``antecedents.introduced``), for a definite noun to
        take up: the events and the things its earlier sentences brought in, by lemma."""
        if self._first_told is None:
            self._first_told = {}
            for other in sorted(self.pool, key=lambda c: c.order):
                for lemma in introduced(other.original):
                    self._first_told.setdefault((other.passage.source_number, lemma), other.order)
        return _ToldBefore(self._first_told, candidate.passage.source_number, candidate.order)

    def _article_nouns(self) -> set[str]:
        """The nouns (and verbs: "raided" names a raid) of what every reader has met before any section: the
        headline (the title is made from it) and the dek. A definite description may take these up without its
        source neighbour. Sentences other sections hold are not counted: drafting order is not reading order
        (the takeaways, drafted before the intro, are read after it)."""
        if self._nouns is None:
            self._nouns = given_by(self.headline)
            if self._dek is not None:
                self._nouns |= given_by(self.pool[self._dek].original)
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

    def offers(self, original: str, passage: Passage) -> bool:
        """Whether this exact source sentence is one the drafter may give (usable, not yet used)."""
        index = self._by_original.get((original, id(passage)))
        return index is not None and self._free(index)

    def claim_pair(self, first: Candidate, second: tuple[str, Passage]) -> tuple[Candidate, Candidate] | None:
        """Both sentences, now used, or neither: a sentence that points back is given only with the one it points
        at, so one is never used up without the other."""
        one = self.claim(first.original, first.passage)
        if one is None:
            return None
        two = self.claim(*second)
        if two is None:
            self.used.discard(self._by_original[(first.original, id(first.passage))])
            return None
        return one, two

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

    def take(self, words: int, prefer: str = "story", lead: bool = False, leave_ahead: bool = False) -> list[Candidate]:
        """Up to ``words`` words of the most salient unused sentences (``salience``), those of the ``prefer`` role
        first; ``lead`` takes the story's opening in order. ``leave_ahead``: the article has sections for what comes
        next, so a sentence that tells of a time after the story's day (``tells_what_comes_next``) is left to them:
        the intro sets the story up, and a story tells its next steps last (smoke 45 F11).

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
        for done, (index, candidate) in enumerate(ranked, 1):
            # a long story of near-duplicates is read to its end here: minutes of parsing on thousands
            tick("Choosing the section's sentences", done, len(ranked))
            if total >= words:
                break
            if any(near_duplicate(candidate.original, c.original) for _, c in chosen) or self._repeats_used(candidate):
                continue
            if self.leans_back(candidate) and not (
                _follows(candidate, chosen, first) if lead else _after_its_antecedent(candidate, chosen)
            ):
                continue  # read in order, its pronoun or description would point at whatever the section said last
            if leave_ahead and tells_what_comes_next(candidate.original, self.day):
                continue
            if lead and answers_before(candidate.original) and not _follows(candidate, chosen, first):
                # the opening sets the story up: an answer ("denied", "added") read before what it answers is told
                # backwards (smoke 45 F11); it stands only right after the story's sentence before it
                continue
            chosen.append((index, candidate))
            total += len(candidate.text.split())
        chosen.sort(key=lambda ic: ic[1].order)
        # the section's first sentence opens it: one that needs the source sentence before it goes
        # (in the opening, an answer too: what it answers was left out with the sentence before it)
        while (
            chosen
            and (self.cannot_open(chosen[0][1]) or (lead and answers_before(chosen[0][1].original)))
            and not (lead and _follows(chosen[0][1], [], first))
        ):
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
            self._past = set()
            for i, c in enumerate(self.pool):  # each parsed: half a minute for a story of thousands
                tick("Finding what the story tells of before its news", i + 1, len(self.pool))
                if c.passage.source_number == 1 and tells_the_past(c.original, self._year):
                    self._past.add(i)
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

        def usable(index: int) -> bool:
            c = self.pool[index]
            return (
                not c.speaker_only
                and index not in self.used
                and not self.leans_back(c)
                and not self._repeats_used(c)
                and not speaker_unnamed(c.as_given or c.original)
            )

        # each is parsed to answer: asked only of the sentences the choice reaches (``select``), not of thousands
        anyone = Lazy(usable)
        own = Lazy(lambda index: self.pool[index].passage.source_number == 1 and anyone[index])
        has_own = any(own[i] for i in range(len(self.pool)) if self.pool[i].passage.source_number == 1)
        # the intro, drafted next from the story's sentences left, keeps one at least: an article opens on more
        # than its dek, and an intro taken again from the story's opening would repeat the takeaways
        left = sum(1 for i, c in enumerate(self.pool) if c.passage.source_number == 1 and i not in self.used)
        kept = 1 if intro_to_come else 0  # a section rewritten later finds its intro written
        picked = select(self.salience(), max(0, min(count, left - kept)), own if has_own else anyone)
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


@dataclass(frozen=True)
class _ToldBefore:
    """The lemmas a source introduced before a place in it (``GroundedDrafter._told``), as a container."""

    first: dict[tuple[int, str], int]  # (source number, lemma) -> the order of the sentence that first told it
    source: int
    order: int

    def __contains__(self, lemma: object) -> bool:
        return isinstance(lemma, str) and self.first.get((self.source, lemma), self.order) < self.order


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
