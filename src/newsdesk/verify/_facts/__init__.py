"""Structural fact checks of a written sentence against its aligned source sentences.

Lexical and semantic overlap say whether a sentence talks about what the source talks about; these checks say
whether it gets the facts the right way round. Each is named, returns a ``FactResult`` (ok, fail or n/a, with a
short reason), and fails only when the source *clearly says something else*, never when it is merely silent:

| check | fails when |
| --- | --- |
| ``figures_and_dates`` | a figure or date is bound in the source to the same words with another value |
| ``entity_swap`` | a figure sits next to another of the sentence's names in the source |
| ``attribution`` | the source clause that says the reported view has another speaker |
| ``roles_and_titles`` | the source gives the person another office, or no "former" |
| ``polarity`` | the source negates what the sentence asserts (or the reverse), or says the opposite word |
| ``hedge_made_certain`` | the source hedges ("may", "suggests", "scientists think") what the sentence states flat |

``review`` is the verifier's hook: it runs the checks, records them in the check's details, and lets a failure
overrule a lexical "supported". It also applies the rules of what a hedge may not do (see ``_claims``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .. import _specifics as sp
from .._names import extract_names
from .._text import normalise
from ._affiliation import check_affiliation
from ._binding import check_entity_swap, check_figures_and_dates
from ._causal import check_causation
from ._claims import (
    hedged_facts_unsupported,
    invented_short_quote,
    is_filler,
    verbatim_quotation,
)
from ._conflation import check_conflation
from ._order import check_order
from ._parse import Evidence, source_facts, stems_of
from ._places import check_places
from ._polarity import check_hedge, check_polarity
from ._result import FAIL, NOT_APPLICABLE, OK, FactResult
from ._scope import check_scope
from ._speech import check_attribution, check_roles

if TYPE_CHECKING:
    from .._index import PassageIndex
    from .._measure import Measure
    from .._score import Calibration

__all__ = ["CHECKS", "FAIL", "NOT_APPLICABLE", "OK", "FactResult", "Screen", "review", "run_checks", "screen"]

CHECKS = ("figures_and_dates", "entity_swap", "attribution", "roles_and_titles", "polarity", "hedge_made_certain",
          "scope", "causation", "order", "conflation", "affiliation", "places")
CANDIDATES = 5
#: Alignment with the best source sentences at which a sentence is the source's own words: no flip to find.
VERBATIM_ALIGNMENT = 0.97  # source sentences a check compares with: the verifier's evidence, then the best by shared words
#: Score ceilings of a sentence a structural check failed (the same as the lexical rules' caps).
CONTRADICTED_CAP, UNSUPPORTED_CAP = 0.1, 0.2


def _candidates(index: PassageIndex, m: Measure, claim_stems: frozenset[str]) -> list[Evidence]:
    facts = source_facts(index)
    chosen = [facts.sentences[u] for u in m.evidence[:4] if u < len(facts.sentences)]
    ranked = sorted(facts.sentences, key=lambda e: -len(claim_stems & e.stems))
    for evidence in ranked[:CANDIDATES]:
        if evidence not in chosen and len(claim_stems & evidence.stems) >= 2:
            chosen.append(evidence)
    return chosen[:CANDIDATES + 2]


def _carries_figures(sentence: str) -> bool:
    """Figures, dates, times or quotations: the facts a reasoning sentence may carry (names are its subject)."""
    found = sp.extract(sentence)
    return bool(found.numbers or found.months or found.weekdays or found.times or found.quotes)


def run_checks(sentence: str, index: PassageIndex, m: Measure, only: tuple[str, ...] = CHECKS) -> list[FactResult]:
    """Every named check on one sentence, in order of cost; stops at the first failure."""
    text = normalise(sentence)
    facts = source_facts(index)
    claim_stems = stems_of(text)
    candidates = _candidates(index, m, claim_stems)
    verbatim = m.alignment >= VERBATIM_ALIGNMENT and m.best_pair >= 0.9
    runners = {
        "figures_and_dates": lambda: check_figures_and_dates(text, facts, claim_stems),
        "entity_swap": lambda: check_entity_swap(text, facts, extract_names(text)),
        "polarity": lambda: check_polarity(text, claim_stems, candidates, verbatim, index.stems),
        "hedge_made_certain": lambda: check_hedge(text, claim_stems, candidates, verbatim),
        "attribution": lambda: check_attribution(text, facts, candidates),
        "roles_and_titles": lambda: check_roles(text, facts),
        "scope": lambda: check_scope(text, claim_stems, candidates, facts),
        "causation": lambda: check_causation(text, facts, candidates),
        "conflation": lambda: check_conflation(text, claim_stems, candidates, facts),
        "affiliation": lambda: check_affiliation(text, facts),
        "order": lambda: check_order(text, claim_stems, candidates),
        "places": lambda: check_places(text, facts, candidates),
    }
    results = []
    for name in ("figures_and_dates", "places", "entity_swap", "polarity", "hedge_made_certain", "scope", "causation",
                 "order", "attribution", "roles_and_titles", "affiliation", "conflation"):
        if name not in only:
            continue
        result = runners[name]()
        results.append(result)
        if result.failed:
            break
    return results


@dataclass
class Screen:
    """What the structural checks say of a sentence before any statistics: the checks run and, when one failed
    (or the sentence is filler, or quotes words no source has), the verdict it imposes."""

    results: list[FactResult] = field(default_factory=list)
    verdict: str | None = None  # unsupported | contradicted, when a check or rule failed the sentence
    decided_by: str | None = None
    reason: str | None = None

    @property
    def veto(self) -> tuple[str, str] | None:
        """As the verifier's hard rules give it: applied before the statistics, at run time and in calibration."""
        return (self.verdict, f"{self.decided_by}: {self.reason}") if self.verdict else None


def screen(sentence: str, index: PassageIndex, m: Measure, only: tuple[str, ...] = CHECKS) -> Screen:
    """Filler, invented quotations and the named structural checks, in that order."""
    if is_filler(sentence, m):
        return Screen([], "unsupported", "filler", "generic filler with nothing about the story")
    invented = invented_short_quote(sentence, index)
    if invented:
        return Screen([], "unsupported", "quotation", invented)
    results = run_checks(sentence, index, m, only)
    failed = next((r for r in results if r.failed), None)
    if failed is not None:
        return Screen(results, failed.verdict, failed.name, failed.reason)
    return Screen(results)


def review(sentence: str, index: PassageIndex, m: Measure, kind: str, verdict: str, score: float,
           details: dict[str, Any], calibration: Calibration, screened: Screen,
           hard_rule: bool = False) -> tuple[str, float]:
    """The verifier's hook after the decision: the screen's verdict and the hedge rules may overrule it.

    A failed check makes the sentence contradicted (or unsupported, for a hedge stated flat), records
    ``details["decided_by"]`` and the reason; passing checks are listed in ``details["facts"]``. Filler is
    dropped; a reasoning sentence passes only if the dates it carries are the source's; reasoning that passed
    only on its lowered bar and carries no fact is marked ``details["cited"] = False`` (a citation means its quote
    supports the sentence); a verbatim quotation passes.
    """
    details["facts"] = [r.to_dict() for r in screened.results if r.outcome != NOT_APPLICABLE]
    if screened.verdict is not None:
        if hard_rule and verdict == "contradicted":
            return verdict, score  # the lexical rules already found a contradiction, and name it
        details["decided_by"], details["reason"] = screened.decided_by, screened.reason
        cap = CONTRADICTED_CAP if screened.verdict == "contradicted" else UNSUPPORTED_CAP
        return screened.verdict, min(score, cap)
    if verdict == "supported" and kind != "fact":
        reason = hedged_facts_unsupported(sentence, index)
        if reason:
            details["decided_by"], details["reason"] = "hedged_facts", reason
            return "unsupported", min(score, UNSUPPORTED_CAP)
    if verdict == "supported" and kind != "fact" and details.get("lexical_score", 1.0) < calibration.threshold \
            and not _carries_figures(sentence):
        # reasoning that passed on the lowered bar and carries no fact: no source quote supports it, so no [n]
        details["cited"] = False
    if verdict == "unsupported" and not (m.missing or m.conflicts) and verbatim_quotation(sentence, index, m):
        details["decided_by"] = "verbatim_quote"
        details.pop("reason", None)
        return "supported", max(score, calibration.threshold)
    return verdict, score
