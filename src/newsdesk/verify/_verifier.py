"""``Verifier.check``: one sentence against a list of passages -> verdict, score, citations, details.

The verifier measures each sentence, builds its ``Claim``, takes the batch through the check registry
(``_checks.CHECKS``: the hard rules, the structural checks, the judge, the calibrated decision, the after-review, in
that one order) and turns each claim's ``Decision`` into a ``Verification`` with its citations and signals.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..language import parse_many
from ..llm import embed
from ..models import Citation, Passage, Sentence, Source, VerdictLabel
from ..text import normalise
from . import _checks
from . import _specifics as sp
from ._claim import Check, Claim, Decision
from ._index import PassageIndex
from ._judge import Judge, uncertain
from ._measure import Measure, measure
from ._outlets import Outlet, outlets_of
from ._score import NEGATION_MIN_COVERAGE, REASONING_KINDS, Calibration

if TYPE_CHECKING:
    from ..llm import Model
    from ..llm.embed import Encoder, VectorStore
    from ._facts._corrections import Correction

__all__ = ["DECIDERS", "SIGNALS", "Reviser", "Verification", "Verifier", "unsupported_specifics"]

MAX_CITATIONS = 3
INDEX_CACHE_SIZE = 64  # passage sets kept built; an article run uses one, an evaluation run one per document

#: Rewrites failed sentences, all in one batch, each with its evidence: one replacement text (or None) per sentence.
Reviser = Callable[[list[tuple[Sentence, list[Passage]]]], list["str | None"]]


@dataclass
class Verification:
    """One sentence's result: the verdict, its score, the citations, the per-check numbers (``details``), their
    stable summary (``signals``) and the name of the check that settled the verdict (``decided_by``)."""

    verdict: VerdictLabel
    score: float  # 0..1, probability-like support score
    citations: list[Citation] = field(default_factory=list)
    details: dict[str, Any] = field(default_factory=dict)  # per-check numbers, JSON-able
    signals: dict[str, Any] = field(default_factory=dict)  # the stable summary of those numbers (SIGNALS)
    decided_by: str = "score"  # which check settled the verdict (DECIDERS)

    @property
    def supported(self) -> bool:
        return self.verdict == "supported"


#: The signals every checked sentence carries (docs/article-json.md): the calibrated local support probability,
#: the semantic support when the verifier measures one, the specifics it carries and those missing, the
#: contradiction found (or None), and the judge's P(yes) (None when the judge was not asked).
SIGNALS = ("lexical", "semantic", "specifics", "contradiction", "judge")
#: Which check settled a verdict: every check of the registry, by name, in run order.
DECIDERS = _checks.DECIDERS


class Verifier:
    """Checks sentences against source passages; see docs/verify.md for what each check does."""

    def __init__(
        self,
        calibration_path: str | Path | Calibration | None = None,
        judge: Model | Judge | None = None,
        *,
        semantic: bool = True,
        store: VectorStore | None = None,
        checks: Sequence[Check] = _checks.CHECKS,
    ):
        """``semantic``: add sentence embeddings (evidence by meaning, the semantic signal; the shipped calibration
        expects it, so ``semantic=False`` is for diagnostics); ``store`` keeps the source sentences' vectors across
        runs (the archive); ``checks``: the registry to run (diagnostics may leave some out)."""
        self.calibration = (
            calibration_path if isinstance(calibration_path, Calibration) else Calibration.load(calibration_path)
        )
        self.judge = judge if isinstance(judge, Judge) or judge is None else Judge(judge)
        self.encoder: Encoder | None = embed.encoder() if semantic else None
        self.store = store
        self._indexes: OrderedDict[tuple[tuple[str, int, int | None, int], ...], PassageIndex] = OrderedDict()
        self.checks = tuple(checks)

    # ------------------------------------------------------------------------------------------ one sentence

    def index(self, passages: list[Passage]) -> PassageIndex:
        """The precomputed index of a passage set, built once and reused while it stays in the cache."""
        key = tuple((p.text, p.source_number, p.id, p.position) for p in passages)
        index = self._indexes.get(key)
        if index is None:
            index = PassageIndex.build(passages)
            if self.encoder is not None:
                index.embed(self.encoder, self.store)
            self._indexes[key] = index
            if len(self._indexes) > INDEX_CACHE_SIZE:
                self._indexes.popitem(last=False)
        else:
            self._indexes.move_to_end(key)
        return index

    def prepare(self, sentences: list[str]) -> None:
        """Encode sentences about to be checked in one batch (``check`` then finds their vectors cached)."""
        if self.encoder is not None and sentences:
            self.encoder.encode(sentences)

    def measure(self, sentence: str, passages: list[Passage]) -> tuple[PassageIndex, Measure]:
        """The sentence's measurements against the passages' index (with its embedding when semantic is on)."""
        index = self.index(passages)
        return index, self._measure_on(index, sentence)

    def _measure_on(self, index: PassageIndex, sentence: str, outlets: Mapping[int, Outlet] | None = None) -> Measure:
        vector = self.encoder.encode([sentence])[0] if self.encoder is not None else None
        return measure(sentence, index, vector, {number: o.name for number, o in (outlets or {}).items()})

    def claim(
        self, sentence: str, kind: str, index: PassageIndex, outlets: Mapping[int, Outlet] | None = None
    ) -> Claim:
        """The sentence in context: measured, with its calibrated local probability. ``outlets``: who published each
        source (``outlets_of``)."""
        m = self._measure_on(index, sentence, outlets)
        claim = Claim(sentence, kind, index, m, self.calibration, self.calibration.probability(m))
        claim.outlets = outlets or {}
        return claim

    def assess(self, sentence: str, passages: list[Passage]) -> tuple[PassageIndex, Measure, Decision | None]:
        """The measurements and the veto of any hard rule or structural check (what calibration sees too)."""
        index = self.index(passages)
        claim = self.claim(sentence, "fact", index)
        return index, claim.m, _checks.vetoes(claim, self.checks)

    def superseded(self, sentence: str, passages: list[Passage]) -> str | None:
        """Why ``passages`` give another value for a quantity ``sentence`` gives (the same thing measured, read from
        the parse: ``_facts/_superseded``), or None. Not a "contradicted" verdict: Tuesday's toll of 19 is not
        contradicted by Wednesday's 23, and a figure anywhere in the nearest source sentence is no later value of
        this one; an update calls a sentence no longer current only where a later source measures the same thing."""
        from ._facts._parse import source_facts
        from ._facts._superseded import superseding

        return superseding(sentence, [e.text for e in source_facts(self.index(passages)).sentences])

    def disputed(self, sentence: str, passages: list[Passage], sources: Sequence[Source]) -> bool:
        """Whether ``sentence`` gives a figure that one outlet among ``sources`` (their publishers; ``passages``
        their text) gives as it does and another otherwise (``_facts/_disputed``), whoever it says gives it: such a
        figure may be told only as the account of an outlet that gives it."""
        from ._facts._disputed import disputes
        from ._facts._parse import source_facts
        from ._text import normalise as as_checked

        return bool(disputes(as_checked(sentence), source_facts(self.index(passages)), outlets_of(sources)))

    def corrected(self, sentence: str, passages: list[Passage]) -> Correction | None:
        """The correction notice of ``passages`` that corrects a value ``sentence`` gives (``_facts/_corrections``),
        or None. The notice tells of the page itself, so it is no evidence: it is read from the passages' own
        sentences, with the one after it that gives the right value."""
        from ..sentences import source_spans
        from ._facts._corrections import corrected, corrections

        notices = [
            notice
            for passage in passages
            for notice in corrections([passage.text[start:end] for start, end in source_spans(passage.text)])
        ]
        return corrected(sentence, notices) if notices else None

    def check(self, sentence: str, passages: list[Passage], claim_kind: str = "fact") -> Verification:
        return self.check_many([(sentence, claim_kind)], passages)[0]

    def check_many(
        self,
        items: list[tuple[str, str]],
        passages: list[Passage],
        before: Sequence[str] = (),
        outlets: Mapping[int, Outlet] | None = None,
        under: Sequence[str] = (),
    ) -> list[Verification]:
        """Check ``(sentence, claim_kind)`` pairs together, through the registry in its order (the judge, when
        there is one, asks about the uncertain ones of the whole batch in few calls). ``before``: for each item,
        the written sentence just before it in its section ("" for none), where a pronoun it opens on points.
        ``outlets``: who published each source, by its number (``outlets_of``): a figure the outlets give
        differently must be told as one outlet's account (``_facts/_disputed``). ``under``: for each item, the
        dateline it stands under ("On 3 November, Coastline Daily reported:"; "" for none), which names whose report
        it is."""
        self.prepare([sentence for sentence, _ in items])
        index = self.index(passages)
        claims = [self.claim(sentence, kind, index, outlets) for sentence, kind in items]
        for claim, previous in zip(claims, before, strict=False):
            claim.before = previous
        for claim, dateline in zip(claims, under, strict=False):
            claim.under = dateline
        parse_many(claim.text for claim in claims)  # the structural checks parse nearly every claim: in one batch
        _checks.run(claims, self.checks, self.judge)
        return [self._verification(claim) for claim in claims]

    def judge_band(self, score: float) -> bool:
        """Whether a kind-relative support score (``Verification.score`` before the hard rules) is near enough to
        the line for the judge to be asked."""
        return uncertain(score, self.calibration.threshold)

    def _verification(self, claim: Claim) -> Verification:
        decision = claim.decision
        assert decision is not None  # _checks.run decides every claim
        m = claim.m
        details = m.details()
        details["lexical_score"] = round(claim.probability, 4)
        details["uncertain"] = claim.uncertain  # what a judge would be asked about (with or without one)
        if claim.judged is not None:
            details["judge"] = round(claim.judged, 4)
        elif claim.judge_note:
            details["judge_error"] = claim.judge_note
        details["kind"] = claim.kind
        details["kind_threshold"] = round(self.calibration.threshold_for(claim.kind), 4)
        if decision.reason:
            details["reason"] = decision.reason
        details["facts"] = [r.to_dict() for r in claim.results if r.outcome != "n/a"]
        details["decided_by"] = decision.decider
        citations: list[Citation] = []
        if decision.supported:
            if not decision.cites:
                details["cited"] = False
            elif _carries_fact(claim):
                citations = _citations(claim.sentence, claim.index, m)
        else:
            details["evidence"] = [_unit_ref(claim.index, uid) for uid in m.evidence[:2]]
        return Verification(
            verdict=decision.verdict,
            score=round(decision.score, 4),
            citations=citations,
            details=details,
            signals=_signals(claim),
            decided_by=decision.decider,
        )

    def evidence_passages(self, sentence: str, passages: list[Passage], limit: int = 2) -> list[Passage]:
        """The passages holding a sentence's best evidence (what a reviser should see)."""
        index, m = self.measure(sentence, passages)
        seen: list[int] = []
        for uid in m.evidence:
            p = index.units[uid].passage
            if p not in seen:
                seen.append(p)
        return [index.passages[p] for p in seen[:limit]]


def unsupported_specifics(text: str, passages: list[Passage]) -> list[str]:
    """Specifics of ``text`` (figures, dates, names, quotes) found in none of ``passages``, e.g. for a title."""
    m = measure(text, PassageIndex.build(passages))
    return [*m.missing, *(f"quote: {q}" for q in m.missing_quotes)]


def _unit_ref(index: PassageIndex, uid: int) -> dict[str, Any]:
    unit = index.units[uid]
    passage = index.passages[unit.passage]
    return {"source": passage.source_number, "passage_id": passage.id, "quote": passage.text[unit.start : unit.end]}


def _negated(m: Measure) -> bool:
    """The negation rule of ``decide``: a flip counts when the evidence covers most of the sentence."""
    return m.negation_mismatch and m.best_unit >= NEGATION_MIN_COVERAGE


def _carries_fact(claim: Claim) -> bool:
    """A citation says "this quote supports the sentence": reasoning and opinion get one only when they state a
    fact, that is, carry a specific (a figure, date, name or quotation, all found) or are worded as closely to
    a source as a supported fact is. A judgement grounded in the sources' words cites nothing."""
    if claim.kind not in REASONING_KINDS:
        return True
    return claim.m.specifics > 0 or claim.probability >= claim.threshold


def _states_number(index: PassageIndex, number: sp.Number, uid: int) -> bool:
    return sp.number_found(number, index.units[uid].numbers)


def _states_name(index: PassageIndex, keys: tuple[str, ...], uid: int) -> bool:
    return set(keys) <= index.unit_words(uid)


def _signals(claim: Claim) -> dict[str, Any]:
    m, judged = claim.m, claim.judged
    contradiction = m.conflicts[0] if m.conflicts else ("negation" if _negated(m) else None)
    signals: dict[str, Any] = {
        "lexical": round(claim.probability, 4),
        "specifics": {"count": m.specifics, "missing": [*m.missing, *(f"quote: {q}" for q in m.missing_quotes)]},
        "contradiction": contradiction,
        "judge": None if judged is None else round(judged, 4),
    }
    semantic = getattr(m, "semantic", None)  # present once the verifier measures meaning overlap
    if semantic is not None:
        signals["semantic"] = round(float(semantic), 4)
    return signals


def _citations(sentence: str, index: PassageIndex, m: Measure) -> list[Citation]:
    """Source sentences that carry the support: the best pair, plus any unit needed for a specific they lack.

    A unit is cited for a specific only where it states that specific: the same figure (by value, as the
    checker compares figures) or the same name as whole words ("U.S." and "US" are one name). A citation claims
    its quote supports the sentence, and a quote that merely holds the letters of a name ("us" in "because", or
    "US" in a headline about something else when the best pair already says "U.S.") supports nothing."""
    chosen = list(m.evidence[:1])
    if len(m.evidence) > 1 and m.best_pair > m.best_unit:
        chosen.append(m.evidence[1])
    found = sp.extract(normalise(sentence))
    wanted: list[Callable[[int], bool]] = [
        *(partial(_states_number, index, number) for number in found.numbers),
        *(partial(_states_name, index, keys) for keys, _ in found.names),
    ]
    for states in wanted:
        if len(chosen) >= MAX_CITATIONS:
            break
        if any(states(u) for u in chosen):
            continue
        stating = next((uid for uid in range(len(index.units)) if states(uid)), None)
        if stating is not None:
            chosen.append(stating)
    # merge neighbouring sentences of one passage into one quote
    spans: dict[int, list[tuple[int, int]]] = {}
    for uid in chosen:
        unit = index.units[uid]
        spans.setdefault(unit.passage, []).append((unit.start, unit.end))
    citations = []
    for p, ranges in spans.items():
        passage = index.passages[p]
        ranges.sort()
        merged = [list(ranges[0])]
        for start, end in ranges[1:]:
            gap = passage.text[merged[-1][1] : start]
            if not gap.strip():
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        for start, end in merged:
            citations.append(
                Citation(
                    source=passage.source_number,
                    quote=passage.text[start:end],
                    passage_id=passage.id,
                    start=start,
                    end=end,
                )
            )
    return citations
