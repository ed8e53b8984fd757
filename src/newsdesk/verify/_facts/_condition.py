"""Condition: a fact the source states only under a condition, written as a plain fact.

A conditional asserts a dependency, not its clauses (``newsdesk.injection.conditions``): "If the council approves
the plan, the bridge will open in 2028" is no evidence that the council approved the plan, nor that the bridge will
open in 2028. A written sentence that keeps the dependency ("The bridge will open in 2028 if the council approves
the plan", "The bridge could open in 2028") states what the source states, and this check says nothing about it.
One that drops it states flat what the source leaves open. It fails as unsupported when one unasserted clause of
an aligned source sentence holds at least half of its content words, more of them than any aligned source sentence
asserts, and at least one that no aligned source sentence asserts: its best evidence is a clause the source does
not assert.

Unasserted clauses are what a condition governs: its antecedent and, for a condition on the main clause's truth,
the consequent; an embedded question ("has not decided whether he rides"), a concession ("even if"), a precaution
("in case") leave only their own clause unasserted.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from ...injection.conditions import conditions, may_hold_condition
from ._parse import Evidence, SourceFacts, parse, stems_of
from ._result import FactResult, FailVerdict, fail, not_applicable, ok

__all__ = ["CONDITION", "best_evidence_unasserted", "check_condition", "check_unasserted", "keeps_condition", "reading"]

CONDITION = "condition"

MIN_ALIGNMENT = 0.5  # share of the sentence's content words one unasserted clause holds ...
MIN_WORDS = 2  # ... and at least this many
MAX_CHARS = 400  # a source "sentence" longer than this runs several together (captions without full stops): a
# clause the parser hangs on its "if" may swallow the next sentence

# A written sentence that does not state its content flat: a modal of possibility or hypothesis, a word of
# dependence ("depends on", "subject to", "conditional on", "contingent on", "hinges on"), or a subordinator of
# time, which keeps a dependency as a condition does ("scale back when she has extra coursework").
_NOT_FLAT = re.compile(
    r"\b(?:(?-i:may)|might|could|would|can|depend(?:s|ed|ing|ent)?|subject\s+to|condition(?:s|al|ally)?"
    r"|contingent|hinges?|hinging|unclear|uncertain|undecided|when|whenever|until|unless|once|as\s+soon\s+as)\b",
    re.IGNORECASE,
)


def keeps_condition(sentence: str) -> bool:
    """Whether a written sentence keeps a dependency (a condition of its own, a modal of possibility, a word of
    dependence) rather than stating its content flat."""
    if _NOT_FLAT.search(sentence):
        return True
    return may_hold_condition(sentence) and bool(conditions(parse(sentence)))


Reading = tuple[frozenset[str], list[frozenset[str]]]


def reading(
    evidence: Evidence, may_hold: Callable[[str], bool], parts_of: Callable[[Any], list[frozenset[int]]]
) -> Reading:
    """(stems of what a source sentence asserts, the stems of each part of it that ``parts_of`` finds unasserted
    in its parse); a sentence too long to parse safely or that ``may_hold`` rules out asserts all it says."""
    if len(evidence.text) > MAX_CHARS or not may_hold(evidence.text):
        return evidence.stems, []
    parts = parts_of(evidence.doc)
    if not parts:
        return evidence.stems, []
    doc = evidence.doc
    unasserted = frozenset().union(*parts)
    clauses = [stems_of(" ".join(doc[i].text for i in sorted(part))) for part in parts]
    return stems_of(" ".join(t.text for t in doc if t.i not in unasserted)), clauses


def check_unasserted(
    name: str,
    sentence: str,
    claim_stems: frozenset[str],
    candidates: list[Evidence],
    may_hold: Callable[[str], bool],
    parts_of: Callable[[Any], list[frozenset[int]]],
    keeps: Callable[[str], bool],
    reason: str,
    verdict: FailVerdict = "unsupported",
    novel: bool = True,
) -> FactResult:
    """The one rule of the checks of what a source leaves unasserted (a condition, a directive, a denial): fails a
    sentence whose best evidence is such a part of a source sentence (``best_evidence_unasserted``), unless the
    sentence ``keeps`` what left it unasserted. ``reason`` has a ``{}`` for the source sentence."""
    if not claim_stems or not any(may_hold(e.text) for e in candidates):
        return not_applicable(name)
    SourceFacts.parse_batch([e for e in candidates if len(e.text) <= MAX_CHARS and may_hold(e.text)])
    readings = [reading(e, may_hold, parts_of) for e in candidates]
    if not any(parts for _, parts in readings):
        return not_applicable(name)
    if keeps(sentence):
        return ok(name)
    evidence = best_evidence_unasserted(claim_stems, candidates, readings, novel)
    if evidence is not None:
        return fail(name, reason.format(evidence.text), verdict=verdict)
    return ok(name)


def _unasserted_clauses(doc: Any) -> list[frozenset[int]]:
    """What a source sentence's conditions govern: each antecedent and, where it holds, consequent."""
    return [part for condition in conditions(doc) for part in (condition.antecedent, condition.consequent) if part]


def check_condition(sentence: str, claim_stems: frozenset[str], candidates: list[Evidence]) -> FactResult:
    """Fails a sentence that one unasserted clause of a source sentence matches better than anything the aligned
    sources assert, when it takes from that clause a word no aligned source asserts."""
    return check_unasserted(
        CONDITION,
        sentence,
        claim_stems,
        candidates,
        may_hold_condition,
        _unasserted_clauses,
        keeps_condition,
        'the source says this only under a condition: "{}"',
    )


def best_evidence_unasserted(
    claim_stems: frozenset[str],
    candidates: list[Evidence],
    readings: list[Reading],
    novel: bool = True,
) -> Evidence | None:
    """The source sentence, if any, one of whose unasserted clauses is a written sentence's best evidence: it holds
    at least half of the sentence's content words (and ``MIN_WORDS``), more than any aligned source sentence
    asserts, and (``novel``) one at least that none asserts. ``readings`` holds, per candidate, (the stems it
    asserts, the stems of each clause it leaves unasserted)."""
    flat = frozenset().union(*(asserted for asserted, _ in readings))
    best_flat = max(len(claim_stems & asserted) for asserted, _ in readings)
    needed = max(MIN_WORDS, MIN_ALIGNMENT * len(claim_stems))
    for evidence, (_, clauses) in zip(candidates, readings, strict=True):
        for clause in clauses:
            shared = claim_stems & clause
            if len(shared) >= needed and len(shared) > best_flat and (shared - flat or not novel):
                return evidence
    return None
