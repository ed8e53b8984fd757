"""Mood read from the parse: a plan, an expectation, an open question or hearsay stated as done.

Principle: a predicate's mood and aspect are part of what a clause asserts. A realis predicate (a past or perfect
tense, "already", or a future that a verb of settling has made settled: "has confirmed that he will ride") says the
event happened or is decided. An irrealis predicate about the same event does not say so: a future or other modal
("will turn", "may cost", "would ask" in a condition or in reported speech), a periphrastic future ("is going to",
"is about to"), the complement of a verb of intending, expecting, supposing or deliberating ("plans to", "hopes",
"is set to", "is likely to", "is considering"), a clause under a condition or an open question ("if", "whether"),
under a denied verb of saying or deciding ("has not decided whether"), or under hearsay ("reportedly", "is said
to", "legend has it"). So a realis clause does not follow from its source when every source clause that tells the
same event leaves it irrealis, and the sources state it as done nowhere.

The same event is the same verb, with subjects that do not differ and a thing or the subject in common
(``same_event``); or, in a source sentence close in meaning (``Claim.aligned``), another verb with the same named
subject and most of the sentence clause's things (``retold``: "has already opened talks with the nine players" for
"will turn his attention to the futures of nine players"). It judges events, not states (a copula is
``polarity``'s), and only clauses the sentence itself asserts: a clause of its own under a modal, a condition, a
hedge or hearsay says nothing done, and a denied clause ("has not yet signed") is ``polarity``'s to judge. Not every
modal leaves its event open (``_clause_mood._modal``): a past habit, a polite "would like to" and a past ability do
not. Near copies that drop a hedge word are judged in ``_copy``; this reading is what catches the paraphrase.

How each clause's mood is read from the parse is ``_clause_mood``; this module compares the sentence's clauses
with the sources'.
"""

from __future__ import annotations

from ...language import parse, stem
from ._clause_mood import Clause, clauses, forecast, forecasts
from ._parse import Evidence, SourceFacts
from ._predicate import _LIGHT
from ._result import FactResult, fail, not_applicable, ok

__all__ = ["check_mood", "retold", "same_event"]

MOOD = "stated_as_done"
#: A source "sentence" longer than this is a run-on of captions: too costly to parse. Run-ons are where a plan in
#: a story sits (the quotation before it joined on), so the bar is higher than for clause polarity.
MAX_PARSED_CHARS = 1500


def same_event(mine: Clause, theirs: Clause, loose: bool = False) -> bool:
    """The two clauses tell the same event: the same verb, subjects that do not differ, and a thing in common
    among their arguments or, for a verb with meaning of its own, the same subject where one of them names no
    thing ("McCoy has ridden 4,000 winners" and "whether McCoy is riding Shutthefrontdoor" are two events).
    ``loose``: the same subject is enough (to find where the sources state an event done, more is better)."""
    if stem(mine.predicate.verb) != stem(theirs.predicate.verb):
        return False  # the stem too: the lemmatizer reads "riding" as "rid"
    if mine.subject and theirs.subject and not mine.subject & theirs.subject:
        return False
    if mine.predicate.things & theirs.predicate.things:
        return True
    distinct = bool(mine.predicate.things and theirs.predicate.things) and not loose
    return mine.predicate.verb not in _LIGHT and bool(mine.subject & theirs.subject) and not distinct


MIN_RETOLD_THINGS = 2


def retold(mine: Clause, theirs: Clause) -> bool:
    """The same event told with another verb, in a source sentence close in meaning: the same named subject, and
    at least two of the sentence clause's things, half of them or more."""
    shared = mine.predicate.things & theirs.predicate.things
    return (
        bool(mine.subject & theirs.subject)
        and len(shared) >= MIN_RETOLD_THINGS
        and 2 * len(shared) >= len(mine.predicate.things)
    )


def _source_clauses(evidence: Evidence) -> list[Clause]:
    """A source sentence's clauses, read once per passage set (kept with its parse)."""
    if len(evidence.text) > MAX_PARSED_CHARS:
        return []
    kept = evidence.doc.user_data
    if "clauses" not in kept:
        kept["clauses"] = clauses(evidence.doc)
    found: list[Clause] = kept["clauses"]
    return found


def check_mood(
    sentence: str,
    candidates: list[Evidence],
    everywhere: list[Evidence],
    verbatim: bool = False,
    nearest: list[Evidence] | None = None,
) -> FactResult:
    """Fail when a clause the sentence states as done tells an event that every candidate source clause telling
    it leaves open, and no source sentence (``everywhere``) states done. ``candidates``: the aligned source
    sentences. A sentence in its source's own words (``verbatim``) keeps its source's moods, but not always its
    aspect ("has sold his collection" for "is selling his collection"): only the aspect is read there."""
    if not candidates:
        return not_applicable(MOOD)
    mine = [c for c in clauses(parse(sentence)) if c.realis or (c.certain and not verbatim)]
    if not mine:
        return not_applicable(MOOD)
    theirs = [(evidence, found) for evidence in candidates for found in _source_clauses(evidence)]
    judged = False
    for claim in mine:
        matches = [(evidence, found) for evidence, found in theirs if same_event(claim, found)]
        if verbatim:
            ongoing = _only_under_way(claim, matches, everywhere) if matches else None
            if ongoing:
                return _told_as_done(claim, *ongoing)
            continue
        if not matches and claim.certain and not claim.realis:
            # a forecast's event may be told in a sentence that aligns with none of its other words
            matches = [(e, f) for e, told in _told_in(everywhere) for f in told if same_event(claim, f)]
        if not matches and nearest:
            matches = [
                (evidence, found) for evidence in nearest for found in _source_clauses(evidence) if retold(claim, found)
            ]
            if matches and any(retold(claim, f) and not f.left_open for e in _readable(everywhere) for f in e):
                continue
        if not matches:
            continue
        judged = True
        ongoing = _only_under_way(claim, matches, everywhere)
        if ongoing:
            return _told_as_done(claim, *ongoing)
        if any(not found.left_open for _, found in matches):
            continue
        if claim.certain and not claim.realis and any(forecasts(found) for _, found in matches):
            continue  # a forecast restated as "will"
        if _stated_done(claim, everywhere):
            continue
        evidence, found = matches[0]
        stated = f'"{claim.realis}" as done' if claim.realis else f'"{claim.certain}" as coming'
        reason = (
            found.irrealis if claim.realis else next(r for r in (found.modal, found.above) if r and not forecast(r))
        )
        return fail(
            MOOD,
            f'the sentence states {stated} where the source has it only as "{reason}": "{evidence.text}"',
            "unsupported",
        )
    return ok(MOOD) if judged else not_applicable(MOOD)


def _told_as_done(claim: Clause, evidence: Evidence, found: Clause) -> FactResult:
    return fail(
        MOOD,
        f'the sentence states "{claim.realis}" as done where the source tells it only as under way, '
        f'"{found.ongoing}": "{evidence.text}"',
        "unsupported",
    )


def _only_under_way(
    claim: Clause, matches: list[tuple[Evidence, Clause]], everywhere: list[Evidence]
) -> tuple[Evidence, Clause] | None:
    """The source clause that tells the claim's event under way, where the claim states it done and no source
    clause telling it (aligned, or anywhere, ``same_event`` loosely) states it done: a past, a perfect or "already"
    (``realis``). A tenseless infinitive ("was sad to sell his collection") or a present tells no end (``_aspect``)."""
    if not claim.realis or claim.gradual:
        return None
    ongoing = next(((e, f) for e, f in matches if f.ongoing and not f.irrealis), None)
    if ongoing is None or any(f.realis for _, f in matches):
        return None
    done_elsewhere = any(
        same_event(claim, found, loose=True) and found.realis for told in _readable(everywhere) for found in told
    )
    return None if done_elsewhere else ongoing


def _stated_done(claim: Clause, everywhere: list[Evidence]) -> bool:
    """Some source sentence states the event with nothing that leaves it open."""
    return any(
        same_event(claim, found, loose=True) and not found.left_open for told in _readable(everywhere) for found in told
    )


def _told_in(everywhere: list[Evidence]) -> list[tuple[Evidence, list[Clause]]]:
    readable = [e for e in everywhere if len(e.text) <= MAX_PARSED_CHARS]
    return list(zip(readable, _readable(readable), strict=True))


def _readable(everywhere: list[Evidence]) -> list[list[Clause]]:
    """The clauses of every source sentence short enough to parse, parsed in one batch (the parses are kept)."""
    readable = [e for e in everywhere if len(e.text) <= MAX_PARSED_CHARS]
    SourceFacts.parse_batch(readable)
    return [_source_clauses(e) for e in readable]
