"""What a section's meaning lets it hold, read from a sentence's grammar.

The story map sorts sentences by what they mention (a date, a speech verb, a word of judgement); a section is
defined by what it tells. So before a map item goes into a section, the section's meaning is read from the
sentence's grammar:

- **time**: a Future Outlook, a "what comes next" or a "dates to watch" tells what lies after the story's day; a
  timeline ("How events unfolded") what came before it. The time is told by the main clause: its tense and
  aspect (a past or perfect tells what was; a modal, a future or an intention what may come), and where the
  tense is the present, by the dates it names against the story's own date ("is set for April 2" in a story of
  12 March is ahead). A modal inside a relative clause or a noun's complement ("... following reports that ...
  which may amount to ...") is someone's assessment of another thing, not the time of what the sentence tells;
  a modal in the clause a verb of saying reports ("she said the council will vote") is.
- **a speaker's own conduct**: what a speaker says it does itself ("X says it prohibits illegal content", "we
  continue to invest") is its account of itself, a defence, whatever words of harm it uses about what it acts
  against; Pros and Cons weigh the development from the views of those who judge it.
- **a voice**: a statement attributed to a person or organisation. A saying placed at a time ("X announced in
  January that ...", "Reuters reported earlier this month ...") or told in the pluperfect is an event of the
  timeline; a document ("reports seen by Reuters suggest ...") is no one's voice.
"""

from __future__ import annotations

import calendar
import re
from datetime import date
from functools import lru_cache
from typing import Any

from ..language import (
    ANSWERING_VERBS,
    BELIEF_VERBS,
    CLAIM_NOUNS,
    EXPECTATION_PREDICATES,
    FINDING_NOUNS,
    FUTURE_PERIPHRASES,
    INTENTION_VERBS,
    MEDIA_NOUNS,
    NONFACTIVE_VERBS,
    PAGE_NOUNS,
    SPEECH_VERBS,
    nlp,
)
from ..text import YEAR, quotation_spans, within

__all__ = [
    "a_voice",
    "answers_before",
    "after",
    "date_in",
    "own_conduct",
    "speaker_unnamed",
    "states_besides",
    "story_date",
    "tells_what_comes_next",
    "tells_what_was",
    "told_as_past",
]

# The clause relations through which a main clause goes on: what a verb of saying reports, an infinitive it takes
# ("is set to begin"), and a clause conjoined to it. A relative clause, a noun's complement or an adverbial one
# tells of another thing.
_MAIN_CHAIN = frozenset({"ccomp", "xcomp", "conj"})
# Adverbs of frequency: a closed class of English adverbs that make a clause habitual.
_OBLIGATION = frozenset({"should", "must", "ought", "shall"})
_FREQUENCY = frozenset("often usually sometimes always typically generally normally occasionally frequently".split())
# A speaker that is a document, a finding of inquiry or a news medium ("intelligence reports", "the study", "the
# survey revealed", "Discovery Magazine reported"): it sources a fact, it is no one's voice.
_NO_ONE = CLAIM_NOUNS | PAGE_NOUNS | MEDIA_NOUNS | FINDING_NOUNS
# The verbs a date governs when it places a saying: the verb itself and the one it is conjoined to.
_TIME_LABELS = frozenset({"DATE", "TIME"})
_FIRST_PERSON = frozenset({"we", "i"})
_THIRD_PERSON_ORGANISATION = frozenset({"it", "they"})
_THIRD_PERSON_PERSON = frozenset({"he", "she"})
# Calendar month names and their abbreviations ("Jan.", "Sept."), from the calendar module, capitalised as a date
# is written ("may" is a modal).
_MONTHS = {name: i for i, name in enumerate(calendar.month_name) if name} | {
    abbr: i for i, abbr in enumerate(calendar.month_abbr) if abbr
}
_MONTHS["Sept"] = 9
_MONTH_NAMES = "|".join(sorted(_MONTHS, key=len, reverse=True))
_MONTH_DAY = re.compile(rf"\b({_MONTH_NAMES})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(\d{{4}}))?")
_MONTH = re.compile(rf"\b(?:in|by|until|from|before|after|this|next)\s+({_MONTH_NAMES})\b(?:\s+(\d{{4}}))?")
_DAY_MONTH = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+({_MONTH_NAMES})\b\.?(?:,?\s+(\d{{4}}))?")


@lru_cache(maxsize=2048)
def _read(sentence: str) -> Any:
    """The sentence parsed with lemmas and entities, once: several sections read the same map item."""
    return nlp()(sentence)


_WEEKDAYS = "|".join(name for name in calendar.day_name)
# A place on the calendar: a month, a weekday, a year, the days next to the story's ("tomorrow"), or a unit of the
# calendar counted from it ("next week", "in two months", "this spring", "within 10 days").
_CALENDAR = re.compile(
    rf"\b(?:{_MONTH_NAMES}|{_WEEKDAYS}|today|tomorrow|tonight|(?:1[89]|2[01])\d\d|"
    r"(?:next|this|coming|later\s+this|early|late|mid|within|in|by|over)\s+(?:\w+\s+)?"
    r"(?:days?|weeks?|weekend|months?|years?|quarter|decade|spring|summer|autumn|fall|winter|season))\b",
    re.I,
)


def names_a_day(written: str) -> bool:
    """Whether a date as written places something on the calendar, so that a reader can watch for it: a day, a
    month, a year, or a span counted from the story's day ("next week"). A time of day or a stretch of one ("all
    night", "the early hours", "till 1am") recurs every day and marks none, and a bare number ("20", an age the
    date reader took for a day) names no month it belongs to: neither is a date to watch."""
    return bool(_CALENDAR.search(written))


def story_date(published: str | None) -> date | None:
    """The story's own date from its ISO publication date (None where it has none)."""
    try:
        return date.fromisoformat((published or "")[:10])
    except ValueError:
        return None


def date_in(text: str, on: date) -> list[date]:
    """The calendar dates ``text`` names by month and day ("April 2", "Jan. 12", "3 February 2026"), a date
    without its year read in the year of ``on`` (the story's day)."""
    found: list[date] = []
    for match in _MONTH_DAY.finditer(text):
        found += _day(on, match.group(1), match.group(2), match.group(3))
    for match in _DAY_MONTH.finditer(text):
        found += _day(on, match.group(2), match.group(1), match.group(3))
    return found


def after(text: str, on: date) -> bool:
    """Whether ``text`` names a time after ``on``: a day after it, or a month after its month ("in June",
    "by October 2027"; a month without its year is one of the story's year)."""
    if any(d > on for d in date_in(text, on)):
        return True
    for match in _MONTH.finditer(text):
        year = int(match.group(2)) if match.group(2) else on.year
        if (year, _MONTHS[match.group(1)]) > (on.year, on.month):
            return True
    return False


def _day(on: date, month: str, day: str, year: str | None) -> list[date]:
    try:
        return [date(int(year) if year else on.year, _MONTHS[month.rstrip(".")], int(day))]
    except (ValueError, KeyError):
        return []


def _main_chain(doc: Any) -> list[Any]:
    """The verbs of the main clause: the root and the clauses it goes on through (``_MAIN_CHAIN``)."""
    roots = [t for t in doc if t.dep_ == "ROOT"]
    chain: list[Any] = []
    while roots:
        verb = roots.pop()
        if verb in chain:
            continue
        chain.append(verb)
        roots += [c for c in verb.children if c.dep_ in _MAIN_CHAIN and c.pos_ in ("VERB", "AUX", "ADJ")]
    return chain


def _habitual(verb: Any) -> bool:
    """A verb with an adverb of frequency ("every so often ... will run across", "usually opens"): a "will" or a
    present with one tells what happens time and again, not what comes next."""
    return any(c.dep_ == "advmod" and c.lower_ in _FREQUENCY for c in verb.subtree if c.head is verb or c.i < verb.i)


def _ahead(verb: Any) -> bool:
    """The verb tells what may come: a modal or "going to" with it, a predicate of expectation ("is set to",
    "is due to"), or an intention, or its telling, not overtaken by a pluperfect ("plans to", "planned to",
    "announced plans to ban")."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a.tag_ == "MD" for a in auxes):
        # a modal perfect ("may have grown", "should have waited") weighs what was; a habit is no next thing
        # and "would not" is a refusal ("he said he would not speak about it"), told as done
        refusal = any(a.lemma_ == "would" for a in auxes) and any(c.dep_ == "neg" for c in verb.children)
        # a modal of obligation under a negation forbids ("my nanna shouldn't do that", "you must not sign"): it
        # judges what is allowed, now, and foresees nothing
        forbids = any(a.lemma_ in _OBLIGATION for a in auxes) and any(c.dep_ == "neg" for c in verb.children)
        return not _habitual(verb) and not refusal and not forbids and not any(a.lemma_ == "have" for a in auxes)
    if verb.lower_ in FUTURE_PERIPHRASES and any(c.dep_ == "xcomp" for c in verb.children):
        return True
    expects = verb.lemma_ in EXPECTATION_PREDICATES or verb.lower_ in EXPECTATION_PREDICATES
    if expects and any(c.dep_ == "xcomp" for c in verb.children):
        return True
    if any(a.lemma_ == "have" for a in auxes):
        return False
    # an intention with what it intends ("plans to extend"), or the telling of one ("announced plans to ban"):
    # what it intends lies ahead; without it ("the route was first proposed in 2024") it is the act of intending
    if verb.lemma_ in INTENTION_VERBS and any(c.dep_ == "xcomp" for c in verb.children):
        return True
    return any(
        c.dep_ == "dobj" and c.lemma_ in INTENTION_VERBS and any(g.dep_ in ("acl", "relcl") for g in c.children)
        for c in verb.children
    )


def _past(verb: Any) -> bool:
    """The verb tells what was: a simple past, or a perfect (present or past) of a thing done."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lemma_ == "have" for a in auxes):
        return True
    finite = [a for a in auxes if a.tag_ in ("VBD", "VBZ", "VBP", "MD")] or [verb]
    return bool(finite[0].tag_ == "VBD")


def tells_what_comes_next(sentence: str, on: date | None) -> bool:
    """Whether the sentence tells of a time after the story's day: its main clause (or a clause it reports) is in
    a modal, a future or an intention, or in the present with a date it names after ``on``; a main clause in the
    past or the perfect with none of these tells what was, whatever a clause within it foresees."""
    doc = _read(sentence)
    chain = _main_chain(doc)
    if any(_ahead(v) for v in chain):
        return True
    if chain and _past(chain[0]):
        return False
    return on is not None and after(sentence, on)


def tells_what_was(sentence: str, on: date | None) -> bool:
    """Whether the sentence tells of a time before, or on, the story's day: not of what comes next."""
    return not tells_what_comes_next(sentence, on)


def told_as_past(sentence: str) -> bool:
    """Whether the main clause is in the past or the perfect, and nothing it goes on to (``_MAIN_CHAIN``) is in a
    modal, a future or an intention: the sentence tells what was, whatever a word of it foresees ("previously
    opened an investigation ... following reports that ... may amount to ..."). A present ("shipping lines expect
    volumes to rise") is left to what the sentence says."""
    chain = _main_chain(_read(sentence))
    return bool(chain) and _past(chain[0]) and not any(_ahead(v) for v in chain)


def own_conduct(sentence: str, speaker: str) -> bool:
    """Whether a statement tells what its speaker itself does or has: a clause of its reported words in the
    present (simple or perfect) whose subject, in the active voice, is the speaker (``_the_speaker``) and whose
    verb is an act or a possession, not a saying, a belief or a feeling ("X says it prohibits illegal content",
    "we continue to invest", "TikTok has robust systems"). A speaker who says how it acts about a harm defends
    itself; "we condemn", "we are appalled", "we will fight this" judge or oppose, and "we lost $80,000" tells
    what happened to it."""
    doc = _read(sentence)
    quoted = quotation_spans(sentence)
    person = any(e.label_ == "PERSON" for e in _read(speaker).ents)
    for subject in doc:
        if subject.dep_ != "nsubj" or not _the_speaker(subject, speaker, person, quoted):
            continue  # a passive's subject ("it is prohibited") is what is acted on, not the agent
        verb = subject.head
        if verb.lemma_ in SPEECH_VERBS or verb.lemma_ in BELIEF_VERBS or verb.lemma_ in NONFACTIVE_VERBS:
            continue
        if verb.lemma_ == "be" or any(c.dep_ in ("acomp", "attr") for c in verb.children):
            continue  # "we are appalled", "it is a disaster": a state or a judgement, not what it does
        if not _ahead(verb) and _present(verb):
            return True
    return False


def _the_speaker(subject: Any, speaker: str, person: bool, quoted: list[tuple[int, int]]) -> bool:
    """Whether a subject in a statement stands for its speaker: a first person inside the quotation, or, in the
    clause the speech verb reports (not the verb of saying itself), the pronoun that agrees with the speaker
    ("he" or "she" for a person, "it" or "they" for anyone else) or a word of the speaker's name."""
    word = subject.lower_
    if within(quoted, subject.idx):
        return word in _FIRST_PERSON
    if subject.head.dep_ == "ROOT":  # "It said ...": the saying, not what is said
        return False
    if word in (_THIRD_PERSON_PERSON if person else _THIRD_PERSON_ORGANISATION):
        return True
    return subject.text[:1].isupper() and subject.text.lower() in speaker.lower().split()


def _present(verb: Any) -> bool:
    """The verb in the present, simple or perfect ("prohibits", "continue to invest", "has never taken"): how
    the speaker acts as it speaks."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBD", "VBZ", "VBP", "MD")]
    return (auxes[0] if auxes else verb).tag_ in ("VBZ", "VBP")


def speaker_unnamed(sentence: str) -> bool:
    """Whether the sentence gives words to a speaker it names only by a pronoun ('"...," she said.'): outside
    its quotation, the subject of a verb of saying is "he", "she" or "they"."""
    doc = _read(sentence)
    quoted = quotation_spans(sentence)
    return any(
        t.dep_ == "nsubj"
        and t.lower_ in _THIRD_PERSON_PERSON | {"they"}
        and t.head.lemma_ in SPEECH_VERBS
        and not within(quoted, t.idx)
        for t in doc
    )


def a_voice(sentence: str, speaker: str, verb: str) -> bool:
    """Whether a statement is a voice to follow: words attributed to a person or organisation, not an event.
    A saying placed at a time (a date or time modifying its verb, or the verb it is conjoined to) or told in the
    pluperfect is an event of the story's timeline; a speaker that is a document or a news medium ("intelligence
    reports", "the study", "Discovery Magazine reported") sources a fact and is no one's voice."""
    head = speaker.split()[-1].lower() if speaker else ""
    if head.rstrip("s") in _NO_ONE or head in _NO_ONE:
        return False
    doc = _read(sentence)
    saying = [t for t in doc if t.lemma_ == verb and t.pos_ in ("VERB", "AUX")]
    quoted = quotation_spans(sentence)
    for token in saying:
        if within(quoted, token.idx):
            continue
        placed = [token, token.head] if token.dep_ == "conj" else [token]
        if any(c.dep_ == "aux" and c.lower_ == "had" for v in placed for c in v.children):
            return False
        if any(_dates(v) for v in placed):
            return False
    return True


def _dates(verb: Any) -> bool:
    """A date or time modifying the verb directly ("announced in January", "reported earlier this month")."""
    for child in verb.children:
        span = list(child.subtree)
        if child.dep_ in ("npadvmod", "advmod", "prep") and any(t.ent_type_ in _TIME_LABELS for t in span):
            return True
        if child.dep_ == "prep" and any(YEAR.fullmatch(t.text) for t in span):
            return True
    return False


def answers_before(sentence: str) -> bool:
    """Whether the sentence's main verb, outside its quotations, is a verb of answering or adding
    (``ANSWERING_VERBS``: "denied", "replied", "disagreed", "added"): its saying presupposes an earlier one, so
    read before that one it gives the answer before the charge (smoke 45 F11)."""
    doc = _read(sentence)
    quoted = quotation_spans(sentence)
    return any(
        t.dep_ == "ROOT" and t.pos_ == "VERB" and t.lemma_.lower() in ANSWERING_VERBS and not within(quoted, t.idx)
        for t in doc
    )


def states_besides(sentence: str) -> bool:
    """Whether a sentence that leaves something untold ("declined to comment") also states something: a verb of
    saying conjoined to the refusal, not negated, that reports a clause ("... but told TIME that its tools are
    trained not to comply"). What the speaker told is said; the sentence is a statement, not an open question."""
    doc = _read(sentence)
    quoted = quotation_spans(sentence)
    return any(
        t.dep_ == "conj"
        and t.pos_ == "VERB"
        and t.lemma_.lower() in SPEECH_VERBS
        and not within(quoted, t.idx)
        and not any(c.dep_ == "neg" for c in t.children)
        and any(c.dep_ in ("ccomp", "parataxis") for c in t.children)
        for t in doc
    )
