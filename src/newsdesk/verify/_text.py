"""The verifier's text plumbing: content stems, claim kinds and hedges (the stemmer is ``newsdesk.language``'s).

Normalisation, the stopword list, the tokeniser and the sentence splitters are shared with the writer and
retrieval and live in ``newsdesk.text``; they are imported here so that every check takes its text helpers from
one place.
"""

from __future__ import annotations

import re
from typing import Any, TypeGuard

from ..language import (
    EXPECTATION_PREDICATES,
    HEDGE_ADVERBS,
    HEDGE_VERBS,
    NEGATING_PREFIXES,
    parse,
    stem,
)
from ..models import ClaimKind
from ..sentences import source_spans, split_sentences
from ..text import STOPWORDS, normalise, tokens

__all__ = [
    "ADVICE_VERBS",
    "CLAIM_KINDS",
    "MONTHS",
    "STOPWORDS",
    "WEEKDAYS",
    "claim_kind",
    "content_stems",
    "holidays_as_dates",
    "normalise",
    "source_spans",
    "split_sentences",
    "stem",
    "strip_hedges",
    "tokens",
]

CLAIM_KINDS: tuple[ClaimKind, ...] = ("fact", "analysis", "outlook", "opinion")


def content_stems(toks: list[str]) -> list[str]:
    """Stems of the tokens that carry content (no stopwords, no one-letter debris)."""
    return [stem(t) for t in toks if t not in STOPWORDS and (len(t) > 1 or t.isdigit())]


# ---------------------------------------------------------------------------------------------- claim kinds

# A group's stance ("critics argue", "some say"): opinion, never a named speaker's reported fact.
_GROUP = r"\b(critics?|opponents?|supporters?|proponents?|skeptics?|sceptics?|some|many|others)\s+"
_STANCE_VERBS = "argue|say|believe|contend|warn|claim|fear|suggest|insist|maintain"
_GROUP_STANCE = re.compile(_GROUP + f"({_STANCE_VERBS}|said|warned)", re.IGNORECASE)
_OPINION = re.compile(
    _GROUP + f"({_STANCE_VERBS})|" + r"\b(in (my|our) view|arguably|should|ought to|must be|it is (clear|vital|"
    r"essential|important) that|unfortunately|fortunately|deserves?|(?:well )?worth (?:reading|watching|a look|"
    r"following|noting|keeping an eye on)|readers (?:can|could|may|might|should|will want to)|whatever (?:your|"
    r"one's) view)\b",
    re.IGNORECASE,
)
# A future the sentence hedges or conditions: outlook, which the sources need not state word for word.
_OUTLOOK = re.compile(
    r"\b(could|(?-i:may)|might|would|will likely|is likely|are likely|likely to|(is|are) expected|expected to|set to|"
    r"poised to|(is|are) due to|on track to|remains to be seen|if\b.*\bwill|unlikely|(?:seems?|appears?) likely|"
    r"(?:will|may|could|might) (?:well )?depend on|(?:much|a lot|everything|it all|a great deal) (?:now )?"
    r"depends on)\b",
    re.IGNORECASE,
)
# A coming time named from now ("next month", "in the coming weeks"). Alone it hedges nothing: a sentence that
# names one and no hedge states what will happen as certain, a fact the sources must state. "The next day" counts
# from the time told, not from now: a past told in the past.
_FUTURE_TIME = re.compile(
    r"\b(in the coming|(?<!the )next( \w+)? (days?|weeks?|months?|years?|decades?)|in the future|going forward)\b",
    re.IGNORECASE,
)
_ANALYSIS = re.compile(
    r"\b(suggests?|indicates?|signals?|reflects?|means|underscores?|highlights?|illustrates?|implies|implying|"
    r"because|as a result|therefore|which means|this is|points to|raises questions|a sign)\b",
    re.IGNORECASE,
)
# Evaluation that a source cannot state for the writer: a judgement of weight, risk or merit.
_JUDGEMENT = re.compile(
    r"\b(important|significant(ly)?|crucial|critical|key|major|notable|serious|risky|costly|controversial|"
    r"ambitious|welcome|worrying|troubling|encouraging|promising|remarkable|striking|modest|high|low|"
    r"risks?|benefits?|advantages?|drawbacks?|downsides?|upsides?|concerns?|challenges?|stakes|trade-?offs?|"
    r"milestone|test|questions?|debate|tension|uncertain(ty)?|unclear|matters?|depends? on|help(s|ed)?|hurt(s)?)\b",
    re.IGNORECASE,
)
# Verbs that open advice to the reader (a call to action): "Follow the agency's updates."
ADVICE_VERBS = frozenset(
    """
follow watch read check look keep consider ask compare subscribe visit track stay be judge remember treat question
seek verify share support contact join learn sign monitor listen expect beware note see
""".split()
)
_ADVICE = re.compile(r"^\W*(" + "|".join(sorted(ADVICE_VERBS)) + r")\b", re.IGNORECASE)
# A view reported of someone ("He acknowledged that no bill is likely to pass"): what was said is a fact to check,
# whatever hedge the view itself carries.
_REPORTED_VIEW = re.compile(
    r"\b(?:said|says|told|reported|acknowledged|admitted|conceded|announced|stated|confirmed|"
    r"insisted|claimed|warned|predicted|according to)\b",
    re.IGNORECASE,
)


# A forecast that only schedules ("is set to", "is expected to", "will") a dated event states a fact about the plan.
_SCHEDULED = re.compile(
    r"\b(?:(?:is|are|was|were) (?:expected|set|scheduled|due|slated|poised) to|(?:expected|set|"
    r"scheduled|due) to|will)\b",
    re.IGNORECASE,
)
_DATED = re.compile(
    r"\b(?:(?:jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.? \d{1,2}\b|\d{1,2}(?:st|nd|"
    r"rd|th)? (?:of )?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*|(?:on|next|this) "
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday))\b",
    re.IGNORECASE,
)
_SPECULATIVE = re.compile(
    r"\b(?:could|might|(?-i:may)|would|likely|possibly|perhaps|probably|if|whether)\b", re.IGNORECASE
)


def _is_claim_kind(kind: str) -> TypeGuard[ClaimKind]:
    return kind in CLAIM_KINDS


def claim_kind(sentence: str, section_kind: str) -> ClaimKind:
    """What a sentence claims: ``fact``, ``analysis``, ``outlook`` or ``opinion``.

    The sentence's own words decide: hedged futures ("could", "is expected to") are outlook, attributed or
    normative stances ("critics argue", "should") and advice to the reader ("Follow ...") are opinion, inference
    and judgement words ("suggests", "because", "a key test") are analysis unless the sentence reports who drew
    the inference ("the minister said this means ...", a reported fact). The section says which of these a
    sentence may be: in a fact or summary section everything else is fact; in a reasoning section a sentence
    that neither hedges, judges nor advises states a fact ("The telescope will be the first to see infrared
    light") and is checked as one, so reasoning cannot carry a new fact past the check; so does one that names a
    coming time ("next month") and no hedge, since it states what will happen as certain, and "the next day" of a
    past told in the past is no future at all.
    """
    base: ClaimKind = section_kind if _is_claim_kind(section_kind) else "fact"
    # "He said Britain should stay", "He acknowledged no bill is likely to pass": that he said so is the fact
    reported = _REPORTED_VIEW.search(sentence) and not _GROUP_STANCE.search(sentence)
    if base == "opinion" and _ADVICE.match(sentence):
        return "opinion"
    if _OPINION.search(sentence):
        return "fact" if reported else "opinion"
    outlook = next((m for m in _OUTLOOK.finditer(sentence) if not _names_a_cause(m, sentence)), None)
    if not outlook and _FUTURE_TIME.search(sentence) and not _SPECULATIVE.search(sentence):
        return "fact"  # "She faces an inquiry that will run until next month": the future stated as certain
    if outlook:
        if reported or tells_a_past_event(sentence):
            return "fact"
        if _SCHEDULED.search(sentence) and _DATED.search(sentence) and not _SPECULATIVE.search(sentence):
            return "fact"  # "X is expected to attend on Feb 18": a scheduled, dated event is a fact to check
        return "outlook" if base in ("fact", "analysis", "outlook") else base
    if _ANALYSIS.search(sentence) and not _REPORTED_VIEW.search(sentence) and not tells_a_past_event(sentence):
        return "analysis" if base == "fact" else base
    if base in ("analysis", "opinion") and _JUDGEMENT.search(sentence):
        return base
    return "fact"


# A main clause's verb that itself infers, forecasts or supposes: "The vote reflected anger", "was expected to".
_INFERRING_VERBS = frozenset(
    "suggest indicate signal reflect mean underscore highlight illustrate imply point raise show".split()
)
# Their keys and those of the verbs of supposing, by stem: the parse the checks share has no lemmas.
_SUPPOSING = frozenset(stem(word) for word in _INFERRING_VERBS | HEDGE_VERBS)


def _names_a_cause(match: re.Match[str], sentence: str) -> bool:
    """Whether an outlook word matched is "due to" followed by a noun phrase: "due to climate change" gives a
    cause, as "because of" does; only "due to" with a verb ("is due to arrive") schedules a coming event."""
    if not match.group().lower().endswith("due to"):
        return False
    token = next((t for t in parse(sentence) if t.idx >= match.end() and not t.is_space), None)
    return token is not None and token.pos_ not in ("VERB", "AUX")


_PRESENT_BE = frozenset("is are am 's 're".split())


def tells_a_past_event(sentence: str) -> bool:
    """Whether a main clause of ``sentence`` (its root or a clause joined to the root by "and", "but") tells
    what happened or is happening: a verb in the past tense, the present perfect or the present progressive (an
    event under way: the progressive is the aspect of events, not of states or judgements), with no modal, no
    hedging adverb and no verb of inferring, expecting or supposing at its head. A modal or an inference in a
    clause that hangs on it (a relative clause, "because ...", "which could have been avoided") qualifies that
    clause alone: "Three passengers were killed, which could have been avoided" still states that they were
    killed, and is a fact to check. "Could" heading a main clause ("the army could not reach Boulder") is a modal
    there, so that clause tells no event, but a sentence with another main clause in the past ("The governor
    declared an emergency and ...") does."""

    def qualified(verb: Any) -> bool:
        auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
        return (
            verb.tag_ == "MD"
            or any(a.tag_ == "MD" for a in auxes)
            or stem(verb.lower_) in _SUPPOSING
            or verb.lower_ in EXPECTATION_PREDICATES
            # "probably died", "was likely to", "was due to"
            or any(c.lower_ in HEDGE_ADVERBS or c.lower_ in EXPECTATION_PREDICATES for c in verb.children)
        )

    def past(verb: Any) -> bool:
        auxes = [a for a in verb.children if a.dep_ in ("aux", "auxpass")]
        if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes):
            return True
        # a present perfect tells what has happened ("has sold", "has been met with"); a present progressive, an
        # event under way ("is now being hailed", "is focusing on"), unless it is the future "is going to"
        perfect = verb.tag_ == "VBN" and any(a.lower_ in ("has", "have", "'s", "'ve") for a in auxes)
        progressive = verb.tag_ == "VBG" and verb.lower_ != "going" and any(a.lower_ in _PRESENT_BE for a in auxes)
        being = verb.tag_ == "VBN" and any(a.lower_ == "being" for a in auxes)  # "is being hailed"
        return perfect or progressive or being

    for sent in parse(sentence).sents:
        root = sent.root
        if not qualified(root) and past(root):
            return True
        for verb in root.children:
            if verb.dep_ != "conj" or verb.pos_ not in ("VERB", "AUX"):
                continue
            # a joined verb with no subject of its own shares the first one's hedge: "appear to have followed
            # him and stopped him" hedges the stopping too
            own_subject = any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in verb.children)
            if (own_subject or not qualified(root)) and not qualified(verb) and past(verb):
                return True
    return False


# Words that make a claim a hedge, a forecast or an inference. Taking them out leaves the facts the sentence
# carries, which must pass as facts do: "Netanyahu is expected to attend on Feb 18" -> "Netanyahu attend on Feb 18".
_HEDGES = re.compile(
    r"\b(?:(?:is|are|was|were|be) (?:widely |also )?(?:expected|likely|set|poised|due|scheduled) to|(?:expected|likely|"
    r"set|poised) to|will likely|could well|could|(?-i:may)|might|would|will|possibly|perhaps|probably|likely|"
    r"potentially|apparently|appears? to|seems? to|(?:this|which|that|it) (?:suggests?|signals?|indicates?|means?|"
    r"implies|shows?) (?:that )?|suggests? that|signals? that|indicates? that)\b\s*",
    re.IGNORECASE,
)


def denied_by_prefix(stems: frozenset[str] | set[str], source: frozenset[str] | set[str]) -> bool:
    """Whether ``source`` holds one of ``stems`` with a negating prefix: "is not an experienced sailor" and "is an
    inexperienced sailor" deny the same thing, one with a word of negation and one with a prefix, so the source
    says no opposite of the sentence."""
    return any(
        len(word) >= shortest and prefix + word in source
        for word in stems
        for prefix, shortest in NEGATING_PREFIXES.items()
    )


def strip_hedges(sentence: str) -> str:
    """The sentence without its hedges and inference frames; unchanged when it has none."""
    stripped = " ".join(_HEDGES.sub(" ", sentence).split())
    return stripped if stripped != " ".join(sentence.split()) else sentence


# Calendar words: what a date is made of, and never a name.
MONTHS = {
    "january": 1,
    "jan": 1,
    "february": 2,
    "feb": 2,
    "march": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "may": 5,
    "june": 6,
    "jun": 6,
    "july": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sep": 9,
    "sept": 9,
    "october": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}

# A holiday kept on one fixed calendar day names that day: "on Christmas Day" is "on December 25" written otherwise,
# and "Christmas Eve" is another day. Moveable feasts (Easter, Thanksgiving) and days that differ by country
# ("Independence Day") name no one date, and are left as names.
_FIXED_HOLIDAYS = {
    "New Year's Day": "January 1",
    "New Year's Eve": "December 31",
    "Hogmanay": "December 31",
    "Christmas Day": "December 25",
    "Christmas Eve": "December 24",
    "Boxing Day": "December 26",
    "Valentine's Day": "February 14",
    "Halloween": "October 31",
    "St Patrick's Day": "March 17",
    "Bastille Day": "July 14",
    "Bonfire Night": "November 5",
    "Guy Fawkes Night": "November 5",
    "Armistice Day": "November 11",
    "Veterans Day": "November 11",
    "Remembrance Day": "November 11",
    "Juneteenth": "June 19",
    "Anzac Day": "April 25",
    "Australia Day": "January 26",
    "Canada Day": "July 1",
    "International Women's Day": "March 8",
    "All Saints' Day": "November 1",
    "Cinco de Mayo": "May 5",
}
# As written: capitalised (a name), "St." or "Saint" for "St", with or without the apostrophe.
_HOLIDAY = re.compile(
    r"\b(?:"
    + "|".join(re.escape(name).replace("'", "'?").replace(r"St\ ", r"(?:St\.?|Saint)\ ") for name in _FIXED_HOLIDAYS)
    + r")(?!\w)"
)
_HOLIDAY_KEYS = {re.sub(r"\W", "", name.lower().replace("saint", "st")): day for name, day in _FIXED_HOLIDAYS.items()}


def holidays_as_dates(text: str) -> str:
    """``text`` with each fixed-date holiday written as its date ("Christmas Day" as "December 25"), so that the
    date and the holiday's name are one date to the checks of figures and dates, and two holidays are two dates."""
    return _HOLIDAY.sub(lambda m: _HOLIDAY_KEYS[re.sub(r"\W", "", m.group().lower().replace("saint", "st"))], text)


WEEKDAYS = {
    "monday": "mon",
    "tuesday": "tue",
    "wednesday": "wed",
    "thursday": "thu",
    "friday": "fri",
    "saturday": "sat",
    "sunday": "sun",
}
