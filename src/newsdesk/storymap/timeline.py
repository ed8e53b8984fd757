"""What happened when and what comes next: a sentence that names a time is a dated event of the story, and one
that speaks of what lies ahead (a plan, a schedule, a deadline, an expectation) is its outlook.

The story map (``build.py``) files each usable sentence here (``add_dated``): ``StoryMap.events`` and
``StoryMap.forward``.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from ..language import INTENTION_VERBS, SPEECH_VERBS
from ..models import Passage
from ..text import YEAR
from .types import Dated, StoryMap

if TYPE_CHECKING:  # spaCy's token type
    from spacy.tokens import Token

__all__ = ["add_dated"]

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


def _future_in_the_past(doc: Any) -> str:
    """The date of a "will" reported under a verb of saying: "would" with a date in its clause ("Lee said item 4
    would be reviewed in March"). Reported speech shifts the speaker's tense back (the sequence of tenses): "'It
    will be reviewed in March,' Lee said" is told as "Lee said it would be reviewed in March", so the "would" of a
    clause a verb of saying reports is the speaker's future, and a date in that clause is when the thing comes. A
    "would have" is a past that did not happen, and a date outside the reported clause ("said in March that he
    would resign") dates the saying, not what is to come; a year before the story's own is left to
    ``_before_the_story``. "" where the sentence reports no such future."""
    for token in doc:
        if token.tag_ != "MD" or token.lower_ not in ("would", "'d"):
            continue
        verb = token.head
        if any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children):
            continue
        clause = verb
        while clause.dep_ == "conj":  # "would cost ... and would be reviewed in March": one reported clause
            clause = clause.head
        if clause.dep_ != "ccomp" or clause.head.lemma_ not in SPEECH_VERBS:
            continue
        within = set(verb.subtree)
        date = next((e.text for e in doc.ents if e.label_ == "DATE" and e.root in within), "")
        if date:
            return date
    return ""


def _before_the_story(doc: Any, dates: list[str], published_year: int | None) -> bool:
    """Every time the sentence names is a year before the year its source was published, and the story states no
    future of its own ("will", "shall"): what a forecast reported there foresaw ("Musk said the first missions
    could take place in 2022", in a story of 2026) is past. A plain future is the story's own outlook, whatever
    earlier year a clause of it names ("... will boost tourism with King Tut's tomb, found in 1922")."""
    if published_year is None or any(t.tag_ == "MD" and t.lemma_ in ("will", "shall") for t in doc):
        return False
    years = [int(y) for d in dates for y in YEAR.findall(d)]
    return bool(years) and max(years) < published_year


def add_dated(
    story_map: StoryMap, doc: Any, sentence: str, passage: Passage, order: int, published_year: int | None = None
) -> None:
    dates = [e.text for e in doc.ents if e.label_ in ("DATE", "TIME") and not re.search(r"\bold\b|\bage", e.text)]
    reported = _future_in_the_past(doc)
    ahead = bool(reported) or (bool(_FORWARD.search(sentence)) and not _told_in_the_past(doc))
    forward = ahead and not _before_the_story(doc, dates, published_year)
    date = reported or (dates[0] if dates else "")  # what comes is dated by its own clause, not by its telling
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
