"""What a figure or a date measures, read from the parse: each one with the words that say what it counts.

A figure or a date measures something, and the parse says what: the noun it counts ("killed 12 people": people,
counted by the killing), or, where it stands as a verb's object or after its preposition ("the toll has risen to
19", "the reopening was pushed back to March 20"), the verb's subject. A sum of money or a share counts its unit
(dollars, percent) and is the amount *of* something: the noun it modifies ("a $4.2 million flood wall" is the
wall's price) or the subject it is said of ("the cost of the flood wall has risen to $4.9 million", "the wall will
cost $4.2 million"); two sums are the same quantity only where they are amounts of the same thing. A month named
without a day ("begin in June", "finish by October 2027") is a date as a day is: it dates what its clause tells.

An age, a span of time that places a clause, and the time of the telling are no quantities a report updates, so
they are not read as quantities. The window of neighbouring words that ``_binding`` reads cannot tell which clause
a word belongs to ("killing 12 people and leaving dozens missing"), so it is not used here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ...language import NEGATION_PHRASES, NEGATION_WORDS, REPORTING_FORMS, TIME_UNITS, forms, governing_verb
from .._specifics import CURRENCY_NOUNS
from .._text import MONTHS, STOPWORDS, stem
from ._binding import Bound, bound_specifics, word_spans
from ._parse import parse, stems_of
from ._speech import speech_clauses

__all__ = ["Quantity", "quantities"]

_LIGHT_FORMS = frozenset(form for verb in "be have do get make".split() for form in forms(verb))
_TIME_UNIT_FORMS = frozenset(form for unit in TIME_UNITS for form in (unit, f"{unit}s"))
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
_UNIT_SORTS = frozenset({"number:money", "number:percent"})  # figures that count a unit, not a noun
_OPEN_CLAUSES = frozenset({"xcomp", "conj"})  # verbs that take their subject from the verb they hang from
_PREDICATED = frozenset({"acomp", "prep"})  # "due" in "was due to cost" (the tagger reads it either way)
_CLAUSES_BESIDE = frozenset({"conj", "parataxis"})  # another clause joined to the figure's: another event
_FUNCTION_POS = frozenset({"ADP", "ADV", "PART", "DET", "PUNCT", "CCONJ", "SCONJ", "SYM"})
_DENIAL_REACH = 4  # function words read back from a value for the negation that introduces it
_DATE_SORTS = frozenset({"day", "month", "weekday", "year"})
# prepositions of a goal: a date after one is the time a verb gives its subject ("moved to April 9", "set for
# April 2", "postponed until June"), not the time of the verb's own event ("begin in June", "reopen on April 2")
_GOAL_PREPOSITIONS = frozenset({"to", "for", "until", "till"})


@dataclass(frozen=True)
class Quantity:
    """A figure or date of a sentence with what it measures."""

    bound: Bound
    counted: str  # the stem of the noun it counts, or its unit ("money", "percent"); "" where it counts none
    words: frozenset[str]  # the stems that say what is measured: counted noun, predicate, subject and its phrase
    core: frozenset[str]  # what is measured itself: the counted noun or unit, the predicate, the subject's head
    event: frozenset[str]  # for a date, the event it dates: its verb's, or the subject's it places in time
    # whose it is, by the way each word says so ("compound", "poss", "prep:for", "subject", "speaker"): "Apple
    # shares" and "Microsoft shares" are two quantities, as are Kyiv's toll and Moscow's
    owners: tuple[tuple[str, frozenset[str]], ...]
    names: frozenset[str]  # the proper names among the owners' words
    thing: tuple[tuple[str, frozenset[str]], ...]  # for a sum or a share: the nouns it is an amount of, named
    # with their compounds ("flood wall" is ("wal", {"flood"})): the cost of the flood wall is not the sea wall's
    about: frozenset[str]  # the content stems of what it is told in (``_what_is_told``), values left out
    denied: bool  # given only to be denied: "June" in "in July rather than June"


def _key(token: Any) -> str | None:
    word = token.lower_
    if not word.isalpha() or word in STOPWORDS or token.pos_ in ("PRON", "DET", "NUM"):
        return None
    return stem(word)


def _keys(tokens: Any) -> frozenset[str]:
    return frozenset(key for t in tokens if (key := _key(t)) is not None)


def _through_particles(token: Any) -> Any:
    """The head a figure hangs from past prepositions and adverbs: "pushed back to March 20" -> pushed."""
    head = token.head
    while head.pos_ in ("ADP", "ADV", "PART") and head.head.i != head.i:
        head = head.head
    return head


def _subjects(verb: Any) -> list[Any]:
    """The subject of a verb; a verb with none of its own that completes or is coordinated with another takes that
    verb's ("construction is scheduled to begin": construction begins; "begin in June and finish by October":
    construction finishes). An infinitive that completes a word predicated of the subject ("the dredging was due
    to cost", "the toll is likely to rise") has that subject: the word's own head, the copula, holds it."""
    while True:
        found = [c for c in verb.children if c.dep_ in _SUBJECTS]
        if found or verb.dep_ not in _OPEN_CLAUSES or verb.head.i == verb.i:
            return found
        verb = verb.head
        if verb.pos_ in ("ADJ", "ADP") and verb.dep_ in _PREDICATED and verb.head.i != verb.i:
            verb = verb.head


def _phrase(noun: Any) -> list[Any]:
    """A noun with its compounds, modifiers and prepositional phrases, which say which one it is: "the death toll
    of the dam" -> death, toll, dam; "2 dollars for adults" and "1 dollar for children" are two prices. A noun after
    a preposition brings its own compounds: "the cost of the flood wall" is the flood wall's."""
    words = [noun]
    for child in noun.children:
        if child.dep_ in ("compound", "poss"):
            words += child.subtree  # a name of several words is one: "the Carver Bay town council"
        elif child.dep_ == "amod":
            words.append(child)
        elif child.dep_ == "prep":
            for pobj in (g for g in child.children if g.dep_ == "pobj"):
                words += [pobj, *(c for c in pobj.children if c.dep_ in ("compound", "poss"))]
    return words


def _owner_slots(noun: Any, way: str = "") -> list[tuple[str, Any]]:
    """The words that say whose a noun is, each under the way it says so: a compound, a possessive, an adjective,
    a preposition's object, and in turn the words that say which one that object is ("construction of the flood
    wall": "wall" after "of", "flood" as its compound; the sea wall's construction differs in the compound)."""
    slots: list[tuple[str, Any]] = []
    for child in noun.children:
        if child.dep_ in ("compound", "amod", "poss"):
            slots += [(f"{way}{child.dep_}", t) for t in child.subtree]
        elif child.dep_ == "prep":
            for pobj in (g for g in child.children if g.dep_ == "pobj"):
                slots += [(f"{way}prep:{child.lower_}", pobj), *_owner_slots(pobj, f"{way}prep:{child.lower_}:")]
    return slots


def _names_unit(noun: Any) -> bool:
    """Whether a noun a figure modifies is the figure's own unit ("2 million pounds", "5 %"), not a thing."""
    return not noun.text.isalpha() or noun.lower_ in CURRENCY_NOUNS or f"{noun.lower_}s" in CURRENCY_NOUNS


def _denied(first: Any) -> bool:
    """A value that a negation or "rather than" / "instead of" introduces is the one the sentence sets aside, not
    one it gives: "begin in July rather than June", "1.5 million pounds, not 2 million"."""
    words: list[str] = []
    token = first
    while token.i > 0 and len(words) < _DENIAL_REACH:
        token = token.doc[token.i - 1]
        if token.pos_ not in _FUNCTION_POS:
            break
        words.insert(0, token.lower_)
    said = " ".join(words)
    return any(w in NEGATION_WORDS for w in words) or any(phrase in said for phrase in NEGATION_PHRASES)


def _what_is_told(doc: Any, anchor: Any, priced: Any | None, words: frozenset[str], values: set[int]) -> frozenset[str]:
    """The content stems a later sentence must mostly say again to be about the same thing. A price stands in its
    noun's phrase, and where that phrase says which one it is ("a $4.2 million flood wall along the east bank of
    the Mill River"), that is what it is said of: a lead that also tells of the vote and an old flood is not about
    the wall's price in those words. Any other figure is read in its whole sentence (what an event's toll is of is
    often told in another clause: "killed when a police building collapsed"), less the verb of a clause joined to
    its own (the other event: "begin in June and finish by October 2027") and who tells it ("according to the
    city's public works department", "officials said"): the teller is compared as whose account it is, not as what
    it is about."""
    phrase = stems_of(" ".join(t.text for t in priced.subtree if t.i not in values)) if priced is not None else None
    if phrase and phrase - words:
        return phrase
    # a clause joined to the figure's tells another event in its verb, though often in the scene the two share
    # ("two were killed and three injured at a shooting at a hockey game"): its verb is left out, not its words
    beside = {
        (joined.i if anchor not in joined.subtree else joined.head.i)
        for joined in doc
        if joined.dep_ in _CLAUSES_BESIDE and joined.pos_ in ("VERB", "AUX")
    }
    told = stems_of(" ".join(t.text for t in doc if t.i not in beside and t.i not in values))
    return told - {w for clause in speech_clauses(doc) for w in (*clause.speaker, clause.verb)}


def _measured(doc: Any, bound: Bound, spans: list[tuple[str, int, int]], values: set[int]) -> Quantity | None:
    start, end = spans[bound.start][1], spans[bound.end][2]
    tokens = [t for t in doc if start <= t.idx < end]
    if not tokens:
        return None
    inside = {t.i for t in tokens}
    figure = next((t for t in tokens if t.head.i not in inside or t.head.i == t.i), tokens[-1])  # "March" of "March 3"
    head = figure.head if figure.dep_ in ("nummod", "quantmod", "compound") and figure.head.pos_ == "NOUN" else None
    counted, priced, anchor = head, None, figure
    if head is not None and _names_unit(head):
        counted, anchor = None, head  # "2 million pounds", "5%": the noun is the figure's unit, part of it
    elif bound.sort in _UNIT_SORTS and head is not None:
        counted, priced = None, head  # "a $4.2 million flood wall": dollars counted, the wall priced
    anchor = counted or priced or anchor
    verb = governing_verb(anchor)
    if counted is None and priced is None and verb is not None and _through_particles(anchor).i != verb.i:
        verb = None  # a figure deep in a phrase of its own measures what that phrase says, not the verb's subject
    if verb is not None and (verb.lower_ in REPORTING_FORMS or verb.lower_ in _LIGHT_FORMS):
        verb = None  # "said on Tuesday": the time of the telling is no fact the report gives
    if (verb is None and priced is None) or (counted is not None and (_is_age(counted) or _time_frame(counted))):
        # a figure with no predicate of its own ("a tool with 20 million users") says whose it is nowhere; an age
        # ("her 15-year-old son") describes a person, and a span of time in an adverbial ("five months later",
        # "over the past four years") places the clause in time: neither is a count a later report updates
        return None
    heads = [s for s in _subjects(verb) if s.i != anchor.i] if verb is not None else []
    subject = [w for s in heads for w in _phrase(s)]
    unit = bound.sort.removeprefix("number:") if bound.sort in _UNIT_SORTS else ""
    if counted is not None or priced is not None:
        # what is counted or priced is the noun; whose it is (its modifiers, the subject that has or does it) says
        # which count it is: TikTok's users are not the Indian market's
        noun = counted if counted is not None else priced
        measured = _phrase(noun)
        slots = [*_owner_slots(noun), *((f"subject:{slot}", t) for s in heads for slot, t in _owner_slots(s))]
        slots += [("subject", s) for s in heads]
    else:
        # what is measured is the subject ("the death toll ... rose to 19"); its modifiers say whose, as does the
        # figure's own phrase where its unit is a noun ("2 dollars for adults")
        noun, measured = None, subject
        slots = [slot for s in [*heads, *([anchor] if anchor is not figure else [])] for slot in _owner_slots(s)]
    words = _keys([*measured, *([verb] if verb is not None else []), *subject]) | ({unit} if unit else set())
    owners: dict[str, set[str]] = {}
    for slot, token in slots:
        if (key := _key(token)) is not None:
            owners.setdefault(slot, set()).add(key)
    if speaker := _speaker(verb):
        owners["speaker"] = speaker
    names = _keys(t for _, t in slots if t.pos_ == "PROPN")
    counted_key = unit or ((_key(counted) or "") if counted is not None else "")
    event = _dated_event(anchor, verb, heads) if bound.sort in _DATE_SORTS else frozenset()
    core = _keys([*([noun] if noun is not None else []), *([verb] if verb is not None else []), *heads])
    thing = _named([n for s in ([priced] if priced is not None else heads) for n in _of(s)]) if unit else ()
    return Quantity(
        bound,
        counted_key,
        words,
        core | ({counted_key} if counted_key else set()),
        event,
        tuple((slot, frozenset(keys)) for slot, keys in owners.items()),
        names,
        thing,
        _what_is_told(doc, anchor, priced, words, values),  # "June", "Wednesday": values, not what is told
        _denied(tokens[0]),
    )


def _dated_event(date: Any, verb: Any | None, subjects: list[Any]) -> frozenset[str]:
    """The event a date dates. After a preposition of a goal it is the time the verb gives its subject, and the
    subject names the event ("the reopening was pushed back to March 20", "the meeting was moved to April 9");
    otherwise it is the time of the verb's own event ("construction will begin in June", "the bridge would reopen
    on April 2"). "Begin in May" and "finish in June" date two events of one piece of work."""
    head = date.head
    if head.pos_ == "ADP" and head.lower_ in _GOAL_PREPOSITIONS and subjects:
        return _keys(subjects)
    return _keys([verb]) if verb is not None else frozenset()


def _of(noun: Any) -> list[Any]:
    """A noun and the nouns it is "of": "the cost of the flood wall" is the flood wall's cost, and a sum the cost
    is, is the wall's price; "the bond for the footbridge" is a bond, and what it raised is no price of the
    footbridge."""
    of = [g for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
    return [noun, *of]


def _named(nouns: list[Any]) -> tuple[tuple[str, frozenset[str]], ...]:
    """Each noun with the compounds that name which one it is: "flood wall" and "sea wall" are two walls."""
    return tuple(
        (key, _keys(c for c in noun.children if c.dep_ == "compound"))
        for noun in nouns
        if noun.dep_ != "compound" and (key := _key(noun)) is not None
    )


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
            return set(_keys(_phrase(subject))) if subject is not None else set()
    return set()


def _months(text: str, doc: Any, spans: list[tuple[str, int, int]], days: list[Bound]) -> list[Bound]:
    """Each month named without a day ("in June", "by October 2027"), with the year that follows it: a date, of
    what its clause tells, as a day of a month is. A month name is a proper noun; "may" and "march" as verbs
    are not months."""
    taken = [(spans[b.start][1], spans[b.end][2]) for b in days]
    out = []
    for token in doc:
        month = MONTHS.get(token.lower_.rstrip("."))
        if month is None or token.pos_ != "PROPN" or any(a <= token.idx < b for a, b in taken):
            continue
        year = next((c for c in token.children if c.dep_ == "nummod" and c.text.isdigit() and len(c.text) == 4), None)
        last = year if year is not None and year.i > token.i else token
        stop = last.idx + len(last.text)
        first_word = next(i for i, (_, s, e) in enumerate(spans) if e > token.idx)
        last_word = max(first_word, next((i for i, (_, s, _e) in enumerate(spans) if s >= stop), len(spans)) - 1)
        value = (month, int(year.text) if last is year and year is not None else None)
        out.append(Bound("month", value, text[token.idx : stop], first_word, last_word, frozenset(), frozenset()))
    return out


def quantities(text: str) -> list[Quantity]:
    """Every figure and date of ``text`` that the parse says is a measure of something."""
    # a period counted from the time of telling ("last year") dates, it measures nothing
    bounds = [b for b in bound_specifics(text) if not b.sort.startswith("relative:")]
    if not bounds and not any(word.lower().rstrip(".") in MONTHS for word, _, _ in word_spans(text)):
        return []
    doc, spans = parse(text), word_spans(text)
    months = _months(text, doc, spans, [b for b in bounds if b.sort == "day"])
    in_month = {i for m in months for i in range(m.start, m.end + 1)}
    bounds = sorted([*(b for b in bounds if b.start not in in_month), *months], key=lambda b: b.start)
    values = {t.i for b in bounds for t in doc if spans[b.start][1] <= t.idx < spans[b.end][2]}
    return [q for b in bounds if (q := _measured(doc, b, spans, values)) is not None]
