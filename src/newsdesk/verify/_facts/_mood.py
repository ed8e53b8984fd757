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
modal leaves its event open (``_modal``): a past habit, a polite "would like to" and a past ability do not. Near
copies that drop a hedge word are judged in ``_copy``; this reading is what catches the paraphrase.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from ...language import (
    ATTITUDE_NOUNS,
    DELIBERATION_VERBS,
    EVIDENTIAL_ADVERBS,
    EXPECTATION_PREDICATES,
    FORECAST_WORDS,
    FUTURE_PERIPHRASES,
    HEARSAY_NOUNS,
    HEARSAY_PARTICIPLES,
    INTENTION_VERBS,
    NONFACTIVE_VERBS,
    PERSONAL_PRONOUNS,
    SETTLING_VERBS,
    SPEECH_VERBS,
    parse,
    stem,
)
from ._aspect import bounded_theme, gradual, under_way
from ._parse import Evidence, SourceFacts
from ._predicate import _CONDITIONS, _LIGHT, Predicate, _lemma, _lemmatised, _negated, is_clause, predicate_of
from ._result import FactResult, fail, not_applicable, ok

__all__ = ["Clause", "check_mood", "clauses", "irrealis", "realis"]

MOOD = "stated_as_done"
#: A source "sentence" longer than this is a run-on of captions: too costly to parse. Run-ons are where a plan in
#: a story sits (the quotation before it joined on), so the bar is higher than for clause polarity.
MAX_PARSED_CHARS = 1500
_FUTURES = frozenset("will would shall 'll wo".split())  # "wo" is the modal of "won't"
_GOVERNORS = INTENTION_VERBS | NONFACTIVE_VERBS | DELIBERATION_VERBS  # heads whose complement is not asserted
# Pronouns that stand for the subject above them ("he said he would", "I" in a speaker's words); "you" is anyone.
_ANAPHORS = PERSONAL_PRONOUNS - {"you"}
_REPORTING = frozenset(SPEECH_VERBS) | NONFACTIVE_VERBS
# Verbs whose denial denies what they govern (raised negation): "has not decided whether", "did not say that".
_RAISING = _REPORTING | _GOVERNORS | SETTLING_VERBS
# The links through which a clause shares the mood of the clause above it (a finite "advcl" is asserted on its own).
_COMPLEMENTS = frozenset("ccomp xcomp csubj parataxis advcl conj".split())


@dataclass(frozen=True)
class Clause:
    """One clause of a parse: its predicate (``_predicate``), its subject with a pronoun read as the subject of the
    clause above it, and its mood: ``realis`` (what shows it done) or ``irrealis`` (what leaves it open)."""

    predicate: Predicate
    subject: frozenset[str]
    realis: str
    irrealis: str
    certain: str = ""  # a future the clause states as certain or forecasts ("will default", "is set to review")
    modal: str = ""  # its own modal that leaves it open (``_modal``)
    above: str = ""  # what leaves it open from above: a condition, a hedge, a governor (``irrealis`` less the modal)
    ongoing: str = ""  # a progressive that tells a bounded event in its course, not done (``_aspect``)
    gradual: bool = False  # a gradual change, done as far as it has gone (``_aspect.gradual``)


def _is(token: Any, words: frozenset[str]) -> bool:
    """The token is one of ``words`` by its lemma or by its stem (the lemmatizer reads "hopes" as "hop")."""
    return _lemma(token) in words or stem(token.lower_) in _stems(words)


@cache
def _stems(words: frozenset[str]) -> frozenset[str]:
    return frozenset(stem(w) for w in words)


def _modal(verb: Any) -> str:
    """The verb's own modal that leaves its event open ("will", "may", "would ask" in a condition or a report), or
    "" when it has none. Not every modal does: "'d" before a participle is "had"; "could" before a bare verb is as
    often a past ability as a possibility ("until the police could arrive"), so only "could be" / "could have" is
    read; "would" is the past of "will" and leaves its event open only in a condition or a reported future ("said
    he would ask"), not as the habit or the later fact of a past narrative ("I'd earn £7 an hour", "who would
    later become president") nor as the polite present ("we would like to apologise")."""
    for child in verb.children:
        if child.dep_ != "aux" or child.tag_ != "MD":
            continue
        modal = child.lower_
        if modal == "'d" and verb.tag_ == "VBN":
            return ""
        perfect_or_passive = any(c.dep_ in ("aux", "auxpass") and _lemma(c) in ("be", "have") for c in verb.children)
        if modal == "could" and not perfect_or_passive:
            return ""
        if modal in ("would", "'d") and not (_conditional(verb) or _reported(verb)):
            return ""
        return str(modal)
    return ""


def _conditional(verb: Any) -> bool:
    """A condition ("if", "unless") bears on the clause: one of its own, or one on a clause that governs it."""
    governing = {verb.i, *(t.i for t in verb.ancestors)}
    return any(
        t.dep_ == "mark" and t.lower_ in _CONDITIONS and t.head.head.i in governing and t.head.dep_ == "advcl"
        for t in verb.doc
    )


def _reported(verb: Any) -> bool:
    """The clause is what a verb of saying or thinking governs in indirect speech: a reported future ("said that he
    would ask"). In a quotation the modal is the speaker's own, as in any other sentence of theirs."""
    node = verb
    while node.head.i != node.i and node.dep_ in ("ccomp", "xcomp", "conj", "parataxis"):
        node = node.head
        if _is(node, _REPORTING):
            low, high = sorted((verb.i, node.i))
            return not any(t.is_quote for t in verb.doc[low:high])
    return False


def _has_it(verb: Any) -> bool:
    """The hearsay frame "legend has it", "rumour has it"."""
    return (
        _lemma(verb) == "have"
        and any(c.dep_ == "nsubj" and _is(c, HEARSAY_NOUNS) for c in verb.children)
        and any(c.dep_ == "dobj" and c.lower_ == "it" for c in verb.children)
    )


def _told(token: Any) -> bool:
    return token.dep_ == "pobj" and _is(token, HEARSAY_NOUNS)


def _open_here(node: Any) -> str:
    """What leaves a clause open at its own level: a condition or open question on it, an evidential adverb, or
    hearsay as its source ("according to legend")."""
    for child in node.children:
        if child.dep_ == "mark" and child.lower_ in _CONDITIONS:
            return str(child.lower_)
        if child.dep_ == "advmod" and child.lower_ in EVIDENTIAL_ADVERBS:
            return str(child.lower_)
        if child.dep_ == "prep" and child.lower_ == "according" and any(_told(t) for t in child.subtree):
            return "according to " + next(str(t.lower_) for t in child.subtree if _told(t))
        if child.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in _CONDITIONS for m in child.children):
            return next(str(m.lower_) for m in child.children if m.lower_ in _CONDITIONS)
    return ""


def _governs_open(head: Any, dep: str) -> str:
    """What a governing word makes of the clause it governs through ``dep``: a verb of intending, supposing or
    deliberating, a predicate of expectation or a periphrastic future ("is likely to", "is going to"), a passive of
    hearsay ("is said to"), a denied verb (raised negation), the frame "legend has it"."""
    if _is(head, _GOVERNORS):
        return str(head.lower_)
    if dep == "xcomp" and (head.lower_ in EXPECTATION_PREDICATES or head.lower_ in FUTURE_PERIPHRASES):
        return f"{head.lower_} to"
    if head.lower_ in HEARSAY_PARTICIPLES and any(c.dep_ == "auxpass" for c in head.children):
        return f"{head.lower_} to"
    if _has_it(head):
        return f"{next(c.lower_ for c in head.children if c.dep_ == 'nsubj')} has it"
    if dep in ("ccomp", "xcomp") and _is(head, _RAISING) and _negated(head):
        return f"not {head.lower_}"
    return ""


def irrealis(verb: Any, own_modal: bool = True) -> str:
    """What leaves the clause ``verb`` heads open, or "" when nothing does: its own modal (``own_modal``), a
    condition or hedge at its level, or a governor above it, up through complements and conjuncts (a relative
    clause has a mood of its own; a modal reaches only the infinitives and bare conjuncts it governs)."""
    if own_modal and _modal(verb):
        return _modal(verb)
    node, modal_scope = verb, True
    while True:
        found = _open_here(node)
        if found:
            return found
        if node.head.i == node.i:
            return ""
        dep, head = node.dep_, node.head
        if dep in ("acl", "relcl") and head.pos_ == "NOUN":
            if _is(head, INTENTION_VERBS):
                return str(head.lower_)  # "plans to build"
            return str(head.lower_) if _is(head, ATTITUDE_NOUNS) and _content_clause(node) else ""
        finite = node.tag_ in ("VBD", "VBZ", "VBP") or any(c.dep_ in ("aux", "auxpass") for c in node.children)
        if dep not in _COMPLEMENTS or (dep == "advcl" and finite):
            return ""  # an adjunct ("before firing", "before he fired"), a relative clause: asserted on its own
        modal_scope = modal_scope and (dep == "xcomp" or (dep == "conj" and not finite))
        governed = "" if dep == "conj" else _governs_open(head, dep)  # a conjunct is coordinate, not governed
        if governed:
            return governed
        if modal_scope and is_clause(head) and _modal(head):
            return _modal(head)
        node = head


_RELATIVE_WORDS = frozenset("that which who whom whose where when".split())


def _content_clause(verb: Any) -> bool:
    """The clause under a noun is its content ("concerns that the nation would default"), not a relative clause
    that describes it ("concerns that were raised"): no relative word fills a place in it ("that" as a mark is no
    place)."""
    return not any(c.lower_ in _RELATIVE_WORDS and c.dep_ != "mark" for c in verb.children)


def certain_future(verb: Any, above: str) -> str:
    """What makes the clause ``verb`` heads a forecast: a future it states as certain ("will default") or one it
    forecasts ("is set to review", "plans to open"), with nothing else that leaves it open and no denial; "" when
    it is none. ``above``: what leaves the clause open from above (``irrealis`` less its own modal)."""
    if _negated(verb):
        return ""
    modal = next((str(c.lower_) for c in verb.children if c.dep_ == "aux" and c.tag_ == "MD"), "")
    if modal in ("will", "shall", "'ll") and (not above or forecast(above)):
        return f"{modal} {verb.lower_}"
    if not modal and above and forecast(above):
        return f"{above} {verb.lower_}"
    return ""


# Verbs of intending that commit to the event (a plan, a pledge, a threat); a wish or an attempt ("hopes to",
# "wants to", "is trying to") commits to nothing, and "will" does not restate it.
_COMMITTING = INTENTION_VERBS - frozenset("hope want seek try attempt".split())


def forecast(reason: str) -> bool:
    """What leaves a source clause open forecasts the event (a future, an intention, an expectation: "will",
    "plans", "is set to"), which a writer's "will" may restate, rather than allowing it (a possibility, a fear, a
    hope, a condition, hearsay), which it may not."""
    word = reason.removesuffix(" to").split(" ")[-1] if reason else ""
    return (
        word in FORECAST_WORDS
        or stem(word) in _stems(_COMMITTING)
        or word in EXPECTATION_PREDICATES
        or word in FUTURE_PERIPHRASES
    )


def forecasts(clause: Clause) -> bool:
    """The source clause states its event, or forecasts it, with nothing that makes it a mere possibility."""
    return all(not reason or forecast(reason) for reason in (clause.modal, clause.above))


def _perfect_or_past(verb: Any) -> str:
    """What shows a clause done: "already", a perfect ("has asked"), a past tense or past passive."""
    for child in verb.children:
        if child.dep_ == "advmod" and child.lower_ == "already":
            return f"already {verb.lower_}"
    for child in verb.children:
        if child.dep_ == "aux" and _lemma(child) == "have" and verb.tag_ == "VBN":
            return f"{child.lower_} {verb.lower_}"
        if child.dep_ == "auxpass" and child.lower_ in ("was", "were"):
            return f"{child.lower_} {verb.lower_}"
    if verb.tag_ == "VBD" and not any(c.dep_ in ("aux", "auxpass") for c in verb.children):
        return str(verb.lower_)
    return ""


def realis(verb: Any) -> str:
    """What shows the clause ``verb`` heads done or settled, or "" when it is not: a past, a perfect or "already"
    with nothing that leaves it open, or a future that a settled verb of settling governs ("has confirmed that he
    will ride", "agreed to join")."""
    if _negated(verb):
        return ""
    modal = _modal(verb)
    head = verb.head
    if (
        verb.dep_ in ("ccomp", "xcomp")
        and modal in ("", *_FUTURES)
        and _is(head, SETTLING_VERBS)
        and realis(head)
        and not irrealis(verb, own_modal=False)
    ):
        return f"{head.lower_} {verb.lower_}"
    if modal:
        return ""
    shown = _perfect_or_past(verb)
    return shown if shown and not irrealis(verb) else ""


def _subject(verb: Any, predicate: Predicate) -> frozenset[str]:
    """The clause's subject; a pronoun or an infinitive's understood subject is the subject of the clause above it
    (the object, when that clause has one, for an infinitive: "asked the board to find")."""
    if predicate.subject:
        return predicate.subject
    pronoun = any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in _ANAPHORS for c in verb.children)
    bare = not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)
    node = verb
    while (pronoun or bare) and node.head.i != node.i and node.dep_ in _COMPLEMENTS:
        head = node.head
        if bare and node.dep_ == "xcomp":
            objects = [c for c in head.children if c.dep_ == "dobj"]
            if objects:
                return frozenset(_lemma(t) for t in objects[0].subtree if t.pos_ in ("NOUN", "PROPN"))
        if is_clause(head):
            above = predicate_of(head).subject
            if above:
                return above
        node = head
    return frozenset()


def clauses(doc: Any) -> list[Clause]:
    """Every event clause of a parse (not a copula), with its subject and mood."""
    doc = _lemmatised(doc)
    if any(t.text == "?" for t in doc):
        return []
    out: list[Clause] = []
    for verb in doc:
        if not is_clause(verb) or verb.pos_ != "VERB":
            continue
        predicate = predicate_of(verb)
        modal, above = _modal(verb), irrealis(verb, own_modal=False)  # irrealis(verb) is the one, else the other
        subject = _subject(verb, predicate)
        ongoing = under_way(verb) if bounded_theme(verb) and not gradual(verb) else ""
        certain = certain_future(verb, above)
        out.append(
            Clause(predicate, subject, realis(verb), modal or above, certain, modal, above, ongoing, gradual(verb))
        )
    return out


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
            if matches and any(retold(claim, f) and not f.irrealis for e in _readable(everywhere) for f in e):
                continue
        if not matches:
            continue
        judged = True
        ongoing = _only_under_way(claim, matches, everywhere)
        if ongoing:
            return _told_as_done(claim, *ongoing)
        if any(not found.irrealis for _, found in matches):
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
        same_event(claim, found, loose=True) and not found.irrealis for told in _readable(everywhere) for found in told
    )


def _told_in(everywhere: list[Evidence]) -> list[tuple[Evidence, list[Clause]]]:
    readable = [e for e in everywhere if len(e.text) <= MAX_PARSED_CHARS]
    return list(zip(readable, _readable(readable), strict=True))


def _readable(everywhere: list[Evidence]) -> list[list[Clause]]:
    """The clauses of every source sentence short enough to parse, parsed in one batch (the parses are kept)."""
    readable = [e for e in everywhere if len(e.text) <= MAX_PARSED_CHARS]
    SourceFacts.parse_batch(readable)
    return [_source_clauses(e) for e in readable]
