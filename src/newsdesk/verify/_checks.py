"""Every check the verifier runs, in the one order it runs them: the registry.

Each entry is a ``Check`` (``_claim``): a unique name, a stage and a reader's label. ``run`` takes a batch of
``Claim``s through the registry, check by check, and leaves each with its ``Decision``:

* ``veto`` checks run first, cheapest and surest first; the first that fires is final (hard rules and structural
  checks fail a sentence whatever its score);
* ``decide`` checks run on what no veto failed; the first that answers sets the verdict (the judge, asked about the
  sentences near the line; grounding for reasoning; the calibrated score, which always answers);
* ``review`` checks may overrule a decider's verdict (a hedged fact, a verbatim quotation); the first that answers
  is final.

``decided_by`` is the deciding check's name. ``DECIDERS`` (the JSON schema's list) and ``DECIDER_LABELS`` (the HTML
legend) are read from here. A new check is a function ``(Claim) -> Decision | None`` (or, for a structural check,
``(Claim) -> FactResult``) in a module of its own, plus one line in ``CHECKS``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from . import _score
from ._claim import Check, Claim, Decision, Stage
from ._facts._affiliation import check_affiliation
from ._facts._binding import check_figures_and_dates
from ._facts._causal import check_causation
from ._facts._claims import hedged_facts_unsupported, invented_short_quote, is_filler, verbatim_quotation
from ._facts._condition import check_condition
from ._facts._conflation import check_conflation
from ._facts._denial import check_denial
from ._facts._directive import check_directive
from ._facts._disputed import check_disputed
from ._facts._incompatible import check_incompatible
from ._facts._mood import check_mood
from ._facts._order import check_order
from ._facts._places import check_places
from ._facts._polarity import check_hedge, check_polarity
from ._facts._predicate import check_clause_polarity
from ._facts._reception import check_reception
from ._facts._result import FactResult, not_applicable
from ._facts._roles import check_roles
from ._facts._scope import check_scope
from ._facts._speech import check_attribution
from ._facts._swap import check_entity_swap
from ._facts._unverified import check_unverified
from ._judge import JudgeCheck
from ._names import extract_names

if TYPE_CHECKING:
    from ._index import PassageIndex
    from ._judge import Judge
    from ._measure import Measure

__all__ = [
    "CHECKS",
    "DECIDERS",
    "DECIDER_LABELS",
    "FACT_CHECKS",
    "FactCheck",
    "Rule",
    "run",
    "run_fact_checks",
    "vetoes",
]


@dataclass(frozen=True)
class Rule:
    """A check given as a function of the claim."""

    name: str
    stage: Stage
    run: Callable[[Claim], Decision | None]
    label: str

    def __call__(self, claim: Claim) -> Decision | None:
        return self.run(claim)


@dataclass(frozen=True)
class FactCheck:
    """A structural check (``verify/_facts``): it compares the sentence with its aligned evidence and answers ok,
    fail or n/a; a failure vetoes the sentence (contradicted, or unsupported for a hedge stated flat). Every
    result is kept on the claim (``details["facts"]``)."""

    name: str
    run: Callable[[Claim], FactResult]
    label: str
    stage: Stage = "veto"

    def __call__(self, claim: Claim) -> Decision | None:
        result = self.run(claim)
        claim.results.append(result)
        if not result.failed:
            return None
        return Decision(result.verdict, _score.cap(result.verdict, claim.relative), reason=result.reason)


# --- the screen and the after-review (verify/_facts/_claims.py), as checks of a claim


#: The most words one sentence may hold and be checked. English news sentences run to about 25 words and rarely
#: past 100; a text with no sentence end for longer is a run-on paste or a list, and the structural checks, which
#: compare every name and clause of a sentence with every other, take time that grows with its square.
MAX_CLAIM_WORDS = 400


def overlong(claim: Claim) -> Decision | None:
    """A "sentence" of more than ``MAX_CLAIM_WORDS`` words is no sentence a reader can check against a source in
    one look: it is unsupported, and no check reads it."""
    words = len(claim.sentence.split())
    if words <= MAX_CLAIM_WORDS:
        return None
    return Decision(
        "unsupported",
        _score.cap("unsupported", claim.relative),
        reason=f"{words:,} words with no sentence end: too long to check as one sentence (at most {MAX_CLAIM_WORDS})",
    )


def filler(claim: Claim) -> Decision | None:
    """Generic framing with nothing about the story (see ``is_filler``) is never a supported sentence."""
    if not is_filler(claim.sentence, claim.m):
        return None
    return Decision(
        "unsupported", _score.cap("unsupported", claim.relative), reason="generic filler with nothing about the story"
    )


def quotation(claim: Claim) -> Decision | None:
    """Quotation marks say the source used exactly these words: a quotation found in no source, or a word or two
    in quotation marks that no source has, is unsupported."""
    reason = invented_short_quote(claim.sentence, claim.index) or _score.missing_quotation(claim)
    return Decision("unsupported", _score.cap("unsupported", claim.relative), reason=reason) if reason else None


def hedged_facts(claim: Claim) -> Decision | None:
    """A reasoning kind lowers the bar for the reasoning, never for the facts it carries: the words bound to a date
    must be what the source says of that date."""
    decision = claim.decision
    if decision is None or not decision.supported or claim.kind == "fact":
        return None
    reason = hedged_facts_unsupported(claim.sentence, claim.index)
    return Decision("unsupported", _score.cap("unsupported", decision.score), reason=reason) if reason else None


def verbatim_quote(claim: Claim) -> Decision | None:
    """A sentence that is mostly a quotation found word for word in a source, with nothing invented around it,
    is supported whatever its lexical score."""
    decision, m = claim.decision, claim.m
    if (
        decision is None
        or decision.verdict != "unsupported"
        or m.missing
        or m.conflicts
        or not verbatim_quotation(claim.sentence, claim.index, m)
    ):
        return None
    return Decision("supported", max(decision.score, claim.threshold))


# --- the structural checks: each reads the parts of the claim it needs


def figures_and_dates(claim: Claim) -> FactResult:
    return check_figures_and_dates(claim.text, claim.facts, claim.stems)


def disputed(claim: Claim) -> FactResult:
    return check_disputed(claim.text, claim.facts, claim.outlets, claim.under)


def entity_swap(claim: Claim) -> FactResult:
    # A sentence in a source's own words binds each figure where that source binds it: nothing is swapped, however
    # near another name the figure stands in some other source sentence (the contrast sets' copies caught this).
    if claim.verbatim:
        return not_applicable("entity_swap")
    return check_entity_swap(claim.text, claim.facts, extract_names(claim.text))


def polarity(claim: Claim) -> FactResult:
    """The lexical reading (negation scopes, opposites, near copies) first; where it finds no flip and the sentence
    copies no source sentence, the parse's reading of each clause's polarity (``_predicate``)."""
    lexical = check_polarity(claim.text, claim.stems, claim.evidence, claim.verbatim, claim.index.stems, claim.copy)
    if lexical.failed or claim.copy is not None:
        return lexical
    clauses = check_clause_polarity(claim.text, claim.evidence, claim.verbatim)
    return clauses if clauses.failed or lexical.outcome == "n/a" else lexical


def incompatible(claim: Claim) -> FactResult:
    return check_incompatible(claim.copy, claim.index.stems)


def hedge_made_certain(claim: Claim) -> FactResult:
    hedged = check_hedge(claim.text, claim.stems, claim.evidence, claim.verbatim, claim.copy)
    if hedged.failed or claim.verbatim:
        return hedged
    # what the source says nobody has confirmed, given a confirmer: the hedge is the source's "not confirmed"
    unverified = check_unverified(hedged.name, claim.text, claim.stems, claim.evidence, claim.facts)
    return unverified if unverified.failed or hedged.outcome == "n/a" else hedged


def attribution(claim: Claim) -> FactResult:
    # a source sentence copied word for word gives its words to whom the source gives them: its "he" is the
    # source's "he", and reading it through the written sentence before it can only misplace its speakers
    before = "" if claim.verbatim else claim.before
    return check_attribution(claim.text, claim.facts, claim.evidence, claim.copy, claim.aligned, before)


def roles_and_titles(claim: Claim) -> FactResult:
    return check_roles(claim.text, claim.facts, claim.copy)


def places(claim: Claim) -> FactResult:
    return check_places(claim.text, claim.facts, claim.evidence)


def stated_as_done(claim: Claim) -> FactResult:
    aligned = claim.evidence + [e for e in claim.aligned if e not in claim.evidence]
    return check_mood(claim.text, aligned, claim.facts.sentences, claim.verbatim, claim.aligned)


def reception(claim: Claim) -> FactResult:
    return check_reception(claim.text, claim.facts.sentences)


def condition(claim: Claim) -> FactResult:
    return check_condition(claim.text, claim.stems, claim.evidence)


def directive(claim: Claim) -> FactResult:
    return check_directive(claim.text, claim.stems, claim.evidence)


def denial(claim: Claim) -> FactResult:
    return check_denial(claim.text, claim.stems, claim.evidence, claim.facts)


def scope(claim: Claim) -> FactResult:
    return check_scope(claim.text, claim.stems, claim.evidence, claim.facts, claim.copy)


def causation(claim: Claim) -> FactResult:
    return check_causation(claim.text, claim.facts, claim.evidence, claim.copy)


def order(claim: Claim) -> FactResult:
    return check_order(claim.text, claim.stems, claim.evidence)


def affiliation(claim: Claim) -> FactResult:
    return check_affiliation(claim.text, claim.facts)


def conflation(claim: Claim) -> FactResult:
    return check_conflation(claim.text, claim.stems, claim.evidence, claim.facts, claim.copy)


#: THE order. Vetoes, cheapest and surest first; then the deciders; then the after-review.
CHECKS: tuple[Check, ...] = (
    Rule("overlong", "veto", overlong, "too long to check as one sentence"),
    Rule(
        "contradiction",
        "veto",
        _score.contradiction,
        "a contradiction: the source states a figure or a negation otherwise",
    ),
    Rule("filler", "veto", filler, "generic filler with nothing about the story"),
    Rule("quotation", "veto", quotation, "a quotation found in no source"),
    FactCheck("figures_and_dates", figures_and_dates, "a figure or date the source binds to other words"),
    FactCheck(
        "disputed", disputed, "a figure the outlets give differently, not told as the account of one that gives it"
    ),
    FactCheck("places", places, "an event the source places somewhere else"),
    FactCheck("entity_swap", entity_swap, "a figure given to another of the names the source uses"),
    FactCheck("polarity", polarity, "the source negates it or says the opposite"),
    FactCheck(
        "incompatible", incompatible, "another thing of the same kind (the navy for the army, a wife for a husband)"
    ),
    FactCheck("hedge_made_certain", hedge_made_certain, "the source hedges what it states as certain"),
    FactCheck("condition", condition, "the source states it only under a condition (if, unless, whether ...)"),
    FactCheck("directive", directive, "the source only tells someone to say it (must state, write that ...)"),
    FactCheck("denial", denial, "the source calls it false or reports it only as denied"),
    FactCheck(
        "stated_as_done",
        stated_as_done,
        "the source has it only as a plan, an expectation, an open question or hearsay, not as done",
    ),
    FactCheck("reception", reception, "a reaction (praise, criticism) that no source reports anyone having"),
    FactCheck("scope", scope, "a wider scope (all, every, the only) than the source's some or one of"),
    FactCheck("causation", causation, "a cause the sources do not state between facts they do"),
    FactCheck("order", order, "two events in the reverse of the source's order"),
    FactCheck("attribution", attribution, "the source gives these words or this view to another speaker"),
    FactCheck("roles_and_titles", roles_and_titles, "a title or office the source does not give the person"),
    FactCheck("affiliation", affiliation, "a club, party or kind the source does not give the person"),
    FactCheck("conflation", conflation, "who did what exchanged among the names the source uses"),
    Rule("specifics", "veto", _score.specifics, "a figure, date or name found in no source"),
    Rule("off_topic", "veto", _score.off_topic, "reasoning about something the sources do not discuss"),
    JudgeCheck(),
    Rule("grounding", "decide", _score.grounding, "grounding (its words come from the sources)"),
    Rule("score", "decide", _score.score, "the source-overlap score"),
    Rule("hedged_facts", "review", hedged_facts, "a fact in a hedged sentence the sources state otherwise"),
    Rule("verbatim_quote", "review", verbatim_quote, "a quotation found word for word in a source"),
)

#: What ``decided_by`` may say (the article JSON schema's list), in run order.
DECIDERS: tuple[str, ...] = tuple(check.name for check in CHECKS)
#: What the HTML tells a reader about each decider.
DECIDER_LABELS: dict[str, str] = {check.name: check.label for check in CHECKS}
#: The structural checks, by name, in run order (for diagnostics that run one alone).
FACT_CHECKS: tuple[str, ...] = tuple(check.name for check in CHECKS if isinstance(check, FactCheck))
_STAGES: tuple[Stage, ...] = ("veto", "decide", "review")


def _validate(checks: Sequence[Check]) -> None:
    names = [check.name for check in checks]
    if len(set(names)) != len(names):
        raise ValueError(f"check names must be unique: {names}")
    order = [_STAGES.index(check.stage) for check in checks]
    if order != sorted(order):
        raise ValueError("checks must run veto, then decide, then review: " + ", ".join(names))
    if not checks or checks[-1].stage == "veto" or not any(c.stage == "decide" for c in checks):
        raise ValueError("the registry needs a decide check that always answers (score)")


_validate(CHECKS)


def run(claims: list[Claim], checks: Sequence[Check] = CHECKS, judge: Judge | None = None) -> None:
    """Take every claim through ``checks`` in order, check by check across the batch, and leave each with its
    decision (``claim.decision``, its ``decider`` the deciding check's name)."""
    for check in checks:
        if check.stage == "review":
            pending = [c for c in claims if c.decision is not None and not c.final]
        else:
            pending = [c for c in claims if c.decision is None]
        if not pending:
            continue
        prepare = getattr(check, "prepare", None)  # ``Prepares``; isinstance on a Protocol costs more than the check
        if prepare is not None:
            prepare(pending, judge)
        for claim in pending:
            decision = check(claim)
            if decision is not None:
                claim.decision = replace(decision, decider=check.name)
                claim.final = check.stage != "decide"
    undecided = [c.sentence for c in claims if c.decision is None]
    if undecided:
        raise RuntimeError(
            f"no check decided {undecided[0]!r}: the registry must end its deciders with one that always answers"
        )


def vetoes(claim: Claim, checks: Sequence[Check] = CHECKS) -> Decision | None:
    """The veto stage alone on one claim: the hard rule or structural check that fails it, if any (what calibration
    sets apart before it fits the statistics)."""
    for check in checks:
        if check.stage != "veto":
            break
        decision = check(claim)
        if decision is not None:
            return replace(decision, decider=check.name)
    return None


def run_fact_checks(
    sentence: str, index: PassageIndex, m: Measure, only: Sequence[str] = FACT_CHECKS
) -> list[FactResult]:
    """The named structural checks on one sentence, in registry order, up to the first failure (diagnostics:
    ``only=(name,)`` runs one alone)."""
    claim = Claim(sentence, "fact", index, m, _score.Calibration(), probability=0.5)
    for check in CHECKS:
        if isinstance(check, FactCheck) and check.name in only and check(claim) is not None:
            break
    return claim.results
