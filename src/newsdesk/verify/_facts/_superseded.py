"""Superseded: a later report gives another value for the same quantity.

A figure or a date measures something, and the parse says what: the noun it counts ("killed 12 people": people,
counted by the killing), or, where it stands as a verb's object or after its preposition ("the toll has risen to
19", "the reopening was pushed back to March 20"), the verb's subject. Two statements give the same quantity when
what they measure is the same: the same counted noun, and at least one more of the words that say what is counted
(the predicate, the subject, a word of the subject's phrase) in common, when nothing says they are someone else's
(each names an owner or a speaker the other lacks: "Apple shares" and "Microsoft shares"), and when the later
sentence says again at least half of what the earlier one says besides (two events' tolls are two quantities).
"The toll has risen to 19" and "the toll reached 23" measure the death toll; "killing 12 people" and "8 people
were still missing" count different people. A later sentence that gives the earlier value for the same quantity
too confirms it ("voted 7 to 2" gives both figures again). An age, a span of time that places a clause, and the
time of the telling are no quantities a report updates.

This is the relation an update needs: a later entry that gives 23 for the toll makes 19 no longer current, though
19 was true when it was told (so the checker's "contradicted" is the wrong test: a statement dated Tuesday is not
contradicted by Wednesday's). The window of neighbouring words that ``_binding`` reads cannot tell which clause a
word belongs to ("killing 12 people and leaving dozens missing"), so it is not used here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ...language import REPORTING_FORMS, TIME_UNITS, forms
from .._text import STOPWORDS, stem
from ._binding import Bound, bound_specifics, clip, distinct_values, word_spans
from ._parse import parse, stems_of

__all__ = ["Quantity", "quantities", "superseding"]

MIN_SHARED = 2  # words that say what is measured, the counted noun included, two quantities must share
MIN_ABOUT = 0.5  # share of the sentence's other content words the later sentence must say again
_LIGHT_FORMS = frozenset(form for verb in "be have do get make".split() for form in forms(verb))
_TIME_UNIT_FORMS = frozenset(form for unit in TIME_UNITS for form in (unit, f"{unit}s"))
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})


@dataclass(frozen=True)
class Quantity:
    """A figure or date of a sentence with what it measures."""

    bound: Bound
    counted: str  # the stem of the noun it counts, "" where it counts none
    words: frozenset[str]  # the stems that say what is measured: counted noun, predicate, subject and its phrase
    # whose it is: the words that modify what is measured ("Apple shares", "the toll of the dam") and the speaker
    # whose account gives it; "Apple shares" and "Microsoft shares" are two quantities, as are Kyiv's toll and Moscow's
    identity: frozenset[str]


def _key(token: Any) -> str | None:
    word = token.lower_
    if not word.isalpha() or word in STOPWORDS or token.pos_ in ("PRON", "DET", "NUM"):
        return None
    return stem(word)


def _predicate(token: Any) -> Any | None:
    """The verb a token hangs from, climbing through prepositions, particles and nouns."""
    while token.head.i != token.i:
        token = token.head
        if token.pos_ in ("VERB", "AUX"):
            return token
    return None


def _through_particles(token: Any) -> Any:
    """The head a figure hangs from past prepositions and adverbs: "pushed back to March 20" -> pushed."""
    head = token.head
    while head.pos_ in ("ADP", "ADV", "PART") and head.head.i != head.i:
        head = head.head
    return head


def _phrase(noun: Any) -> list[Any]:
    """A noun with its compounds, modifiers and prepositional phrases, which say which one it is: "the death toll
    of the dam" -> death, toll, dam; "2 dollars for adults" and "1 dollar for children" are two prices."""
    words = [noun]
    for child in noun.children:
        if child.dep_ in ("compound", "amod", "poss"):
            words.append(child)
        elif child.dep_ == "prep":
            words.extend(g for g in child.children if g.dep_ == "pobj")
    return words


def _measured(doc: Any, bound: Bound, spans: list[tuple[str, int, int]]) -> Quantity | None:
    start, end = spans[bound.start][1], spans[bound.end][2]
    tokens = [t for t in doc if start <= t.idx < end]
    if not tokens:
        return None
    inside = {t.i for t in tokens}
    figure = next((t for t in tokens if t.head.i not in inside or t.head.i == t.i), tokens[-1])  # "March" of "March 3"
    counted = figure.head if figure.dep_ in ("nummod", "quantmod", "compound") and figure.head.pos_ == "NOUN" else None
    anchor = counted or figure
    verb = _predicate(anchor)
    if counted is None and verb is not None and _through_particles(anchor).i != verb.i:
        verb = None  # a figure deep in a phrase of its own measures what that phrase says, not the verb's subject
    if verb is not None and (verb.lower_ in REPORTING_FORMS or verb.lower_ in _LIGHT_FORMS):
        verb = None  # "said on Tuesday": the time of the telling is no fact the report gives
    if verb is None or (counted is not None and (_is_age(counted) or _time_frame(counted))):
        # a figure with no predicate of its own ("a tool with 20 million users") says whose it is nowhere; an age
        # ("her 15-year-old son") describes a person, and a span of time in an adverbial ("five months later",
        # "over the past four years") places the clause in time: neither is a count a later report updates
        return None
    subject = [w for c in verb.children if c.dep_ in _SUBJECTS and c.i != anchor.i for w in _phrase(c)]
    if counted is not None:
        # what is counted is the noun; whose they are (its modifiers, the subject that has or does them) says
        # which count it is: TikTok's users are not the Indian market's
        measured, owner = _phrase(counted), [*_phrase(counted)[1:], *subject]
    else:
        # what is measured is the subject ("the death toll ... rose to 19"); its modifiers say whose
        measured, owner = subject, [t for t in subject if t.dep_ not in _SUBJECTS]
    words = {key for t in [*measured, verb, *subject] if (key := _key(t)) is not None}
    identity = {key for t in owner if (key := _key(t)) is not None} | _speaker(verb)
    counted_key = (_key(counted) or "") if counted is not None else ""
    return Quantity(bound, counted_key, frozenset(words), frozenset(identity))


def _time_frame(noun: Any) -> bool:
    return noun.lower_ in _TIME_UNIT_FORMS and noun.dep_ in ("npadvmod", "pobj", "advmod")


def _is_age(noun: Any) -> bool:
    return noun.lower_ in _TIME_UNIT_FORMS and any(c.lower_ == "old" for c in noun.head.subtree)


def _speaker(verb: Any | None) -> set[str]:
    """The words naming who gives the account a clause belongs to: the subject of the verb of saying above it."""
    while verb is not None and verb.dep_ in ("ccomp", "conj", "xcomp") and verb.head.i != verb.i:
        verb = verb.head
        if verb.lower_ in REPORTING_FORMS:
            subject = next((c for c in verb.children if c.dep_ in _SUBJECTS), None)
            return {key for t in _phrase(subject) if (key := _key(t)) is not None} if subject is not None else set()
    return set()


def quantities(text: str) -> list[Quantity]:
    """Every figure and date of ``text`` that the parse says is a measure of something."""
    bounds = bound_specifics(text)
    if not bounds:
        return []
    doc, spans = parse(text), word_spans(text)
    return [q for b in bounds if (q := _measured(doc, b, spans)) is not None]


def _same_quantity(a: Quantity, b: Quantity) -> bool:
    if a.bound.sort != b.bound.sort or a.counted != b.counted:
        return False
    if a.identity - b.identity and b.identity - a.identity:
        return False  # each says whose it is in a word the other lacks: "Apple shares", "Microsoft shares"
    return len(a.words & b.words) >= MIN_SHARED


def superseding(sentence: str, later: list[str]) -> str | None:
    """Why one of the ``later`` sentences gives another value for a quantity ``sentence`` gives, or None. A later
    sentence that gives the sentence's value for the same quantity as well confirms it ("voted 7 to 2": the 2
    does not replace the 7)."""
    own = quantities(sentence)
    if not own:
        return None
    stems = stems_of(sentence)
    for text in later:
        theirs = quantities(text)
        shared = stems & stems_of(text)
        for mine in own:
            same = [other for other in theirs if _same_quantity(mine, other)]
            if not same or any(not distinct_values(mine.bound, other.bound) for other in same):
                continue  # not measured again, or measured again as it was: "voted 7 to 2" gives both figures again
            # and of the same thing: most of what the sentence says beyond the quantity is said again ("two
            # people were killed" at a school game and "three people killed" at a barracks are two events' tolls)
            rest = {w for w in stems - mine.words if not w[0].isdigit()}
            if len(shared & rest) >= MIN_ABOUT * len(rest):
                other = same[0]
                return (
                    f"a later report gives {other.bound.surface} for what the sentence gives as "
                    f'{mine.bound.surface}: "{clip(text)}"'
                )
    return None
