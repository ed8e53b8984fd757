"""Each clause of a parse with its mood: what shows its event done (realis) and what leaves it open (irrealis).

A realis predicate (a past or perfect tense, "already", or a future that a verb of settling has made settled: "has
confirmed that he will ride") says the event happened or is decided (``realis``). An irrealis predicate does not
(``irrealis``): a future or other modal ("will turn", "may cost", "would ask" in a condition or in reported speech;
not every modal leaves its event open, ``_modal``), a periphrastic future ("is going to", "is about to"), the
complement of a verb of intending, expecting, supposing or deliberating ("plans to", "hopes", "is set to", "is
likely to", "is considering"), a clause under a condition or an open question ("if", "whether"), under a denied
verb of saying or deciding ("has not decided whether"), or under hearsay ("reportedly", "is said to", "legend has
it"). A future the clause states as certain or forecasts is a third reading (``certain_future``, ``forecast``).
``clauses`` reads every event clause of a parse so, with its subject; ``_mood`` judges a sentence by them.
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
    UNVOUCHED_ADJECTIVES,
    VERIFYING_VERBS,
    stem,
)
from ._aspect import bounded_theme, gradual, under_way
from ._predicate import _CONDITIONS, Predicate, _lemma, _lemmatised, _negated, is_clause, predicate_of

__all__ = ["Clause", "certain_future", "clauses", "forecast", "forecasts", "irrealis", "realis"]

_FUTURES = frozenset("will would shall 'll wo".split())  # "wo" is the modal of "won't"
_GOVERNORS = INTENTION_VERBS | NONFACTIVE_VERBS | DELIBERATION_VERBS  # heads whose complement is not asserted
# Pronouns that stand for the subject above them ("he said he would", "I" in a speaker's words); "you" is anyone.
_ANAPHORS = PERSONAL_PRONOUNS - {"you"}
_REPORTING = frozenset(SPEECH_VERBS) | NONFACTIVE_VERBS
# Verbs whose denial denies what they govern (raised negation): "has not decided whether", "did not say that".
_RAISING = _REPORTING | _GOVERNORS | SETTLING_VERBS | VERIFYING_VERBS
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

    @property
    def left_open(self) -> bool:
        """Nothing shows it done or settled: a future a verb of settling governs ("confirmed that the port would
        close") carries the modal of reported speech and is still settled."""
        return bool(self.irrealis) and not self.realis


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
    """Hearsay as a source: a noun of hearsay ("according to legend"), or a report the sentence itself calls
    unvouched ("according to unconfirmed reports"): a source nobody vouches for does not make its clause a fact."""
    if token.dep_ != "pobj":
        return False
    unvouched = any(c.dep_ == "amod" and c.lower_ in UNVOUCHED_ADJECTIVES for c in token.children)
    return unvouched or _is(token, HEARSAY_NOUNS)


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
