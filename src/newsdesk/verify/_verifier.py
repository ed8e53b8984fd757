"""``Verifier.check``: one sentence against a list of passages -> verdict, score, citations, details."""

from __future__ import annotations

import math
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import embed
from ..models import Citation, Passage, Sentence
from ..text import normalise
from . import _facts
from . import _specifics as sp
from ._index import PassageIndex
from ._judge import JUDGED_KINDS, Answer, Judge, Question, uncertain
from ._measure import Measure, measure
from ._score import NEGATION_MIN_COVERAGE, REASONING_KINDS, Calibration, Veto, combine, decide, veto

if TYPE_CHECKING:
    from ..embed import Encoder, VectorStore
    from ..llm import Model

__all__ = ["DECIDERS", "SIGNALS", "Check", "Reviser", "Verifier", "unsupported_specifics"]

MAX_CITATIONS = 3
INDEX_CACHE_SIZE = 64  # passage sets kept built; an article run uses one, an evaluation run one per document

#: Rewrites failed sentences, all in one batch, each with its evidence: one replacement text (or None) per sentence.
Reviser = Callable[[list[tuple[Sentence, list[Passage]]]], list["str | None"]]


@dataclass
class Check:
    """One sentence's result."""

    verdict: str  # supported | unsupported | contradicted
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
#: Which check settled a verdict: a hard rule (contradiction, quotation, specifics), the judge (asked because the
#: local score sat near the line), the grounding rule for reasoning, or the calibrated local score.
DECIDERS = ("contradiction", "quotation", "specifics", "judge", "grounding", "score")


@dataclass
class _Local:
    """A sentence measured against an index, before any judge is asked."""

    sentence: str
    kind: str
    m: Measure
    probability: float  # calibrated local support probability, before the kind's bar
    relative: float  # the same against the kind's bar (the line is ``threshold`` for every kind)
    askable: bool  # near the line, no hard rule fired, a kind that asserts facts: worth a judge's question
    vetoed: Veto | None = None  # the hard rule or structural check that fired, if any
    screened: _facts.Screen | None = None  # what the structural checks found


class Verifier:
    """Checks sentences against source passages; see docs/verify.md for what each check does."""

    def __init__(self, calibration_path: str | Path | Calibration | None = None,
                 judge: Model | Judge | None = None, *, semantic: bool = True, store: VectorStore | None = None):
        """``semantic``: add sentence embeddings (evidence by meaning, the semantic signal; the shipped calibration
        expects it, so ``semantic=False`` is for diagnostics); ``store`` keeps the source sentences' vectors across
        runs (the archive)."""
        self.calibration = calibration_path if isinstance(calibration_path, Calibration) else \
            Calibration.load(calibration_path)
        self.judge = judge if isinstance(judge, Judge) or judge is None else Judge(judge)
        self.encoder: Encoder | None = embed.encoder() if semantic else None
        self.store = store
        self._indexes: OrderedDict[tuple, PassageIndex] = OrderedDict()
        self.fact_checks: tuple[str, ...] = _facts.CHECKS  # the structural checks run (see verify/_facts)

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

    def _measure_on(self, index: PassageIndex, sentence: str) -> Measure:
        vector = self.encoder.encode([sentence])[0] if self.encoder is not None else None
        return measure(sentence, index, vector)

    def assess(self, sentence: str, passages: list[Passage]) -> tuple[PassageIndex, Measure, Veto | None]:
        """The measurements and the veto of any hard rule or structural check (what calibration sees too)."""
        index = self.index(passages)
        m, vetoed, _ = self._assess(index, sentence)
        return index, m, vetoed

    def _assess(self, index: PassageIndex, sentence: str) -> tuple[Measure, Veto | None, _facts.Screen]:
        m = self._measure_on(index, sentence)
        screened = _facts.screen(sentence, index, m, self.fact_checks)
        return m, veto(m) or screened.veto, screened

    def check(self, sentence: str, passages: list[Passage], claim_kind: str = "fact") -> Check:
        return self.check_many([(sentence, claim_kind)], passages)[0]

    def check_many(self, items: list[tuple[str, str]], passages: list[Passage]) -> list[Check]:
        """Check ``(sentence, claim_kind)`` pairs; the uncertain ones go to the judge together, most uncertain
        first, so that a small call budget is spent where the local checks are least sure."""
        self.prepare([sentence for sentence, _ in items])
        index = self.index(passages)
        local = [self._local(sentence, kind, index) for sentence, kind in items]
        answers: dict[int, Answer] = {}
        if self.judge is not None:
            threshold = self.calibration.threshold
            asked = sorted((i for i, one in enumerate(local) if one.askable),
                           key=lambda i: abs(_logit(local[i].relative) - _logit(threshold)))
            questions = [Question(local[i].sentence, _evidence_texts(index, local[i].m)) for i in asked]
            answers = dict(zip(asked, self.judge.judge(questions), strict=True))
        return [self._decide(one, index, answers.get(i)) for i, one in enumerate(local)]

    def judge_band(self, score: float) -> bool:
        """Whether a kind-relative support score (``Check.score`` before the hard rules) is near enough to the
        line for the judge to be asked."""
        return uncertain(score, self.calibration.threshold)

    def _local(self, sentence: str, kind: str, index: PassageIndex) -> _Local:
        m, vetoed, screened = self._assess(index, sentence)
        probability = self.calibration.probability(m)
        relative = self.calibration.score_for(probability, kind)
        askable = kind in JUDGED_KINDS and bool(m.evidence) and vetoed is None and self.judge_band(relative)
        return _Local(sentence, kind, m, probability, relative, askable, vetoed, screened)

    def _decide(self, one: _Local, index: PassageIndex, answer: Answer | None) -> Check:
        m, kind = one.m, one.kind
        details = m.details()
        details["lexical_score"] = round(one.probability, 4)
        details["uncertain"] = one.askable  # what a judge would be asked about (with or without one)
        probability, judged = one.probability, None
        if answer is not None:
            if answer.probability is not None:
                judged = answer.probability
                details["judge"] = round(judged, 4)
                probability = combine(probability, judged, self.calibration.judge_weight)
            else:
                details["judge_error"] = answer.note
        relative = self.calibration.score_for(probability, kind)
        threshold = self.calibration.threshold
        verdict, score, reason = decide(m, relative, threshold, kind, self.calibration.reasoning_coverage, one.vetoed)
        details["kind"] = kind
        details["kind_threshold"] = round(self.calibration.threshold_for(kind), 4)
        if reason:
            details["reason"] = reason
        # --- structural fact checks and the hedge rules (verify/_facts): a failed check overrules the lexical
        # verdict and names itself in details["decided_by"]
        verdict, score = _facts.review(one.sentence, index, m, kind, verdict, score, details, self.calibration,
                                       one.screened or _facts.Screen(), hard_rule=veto(m) is not None)
        decided_by = details.get("decided_by") or _decided_by(reason, verdict, relative, threshold, judged)
        citations: list[Citation] = []
        if verdict == "supported" and details.get("cited", True) and _carries_fact(one, self.calibration.threshold):
            citations = _citations(one.sentence, index, m)
        if verdict != "supported":
            details["evidence"] = [_unit_ref(index, uid) for uid in m.evidence[:2]]
        return Check(verdict=verdict, score=round(score, 4), citations=citations, details=details,
                     signals=_signals(one, m, judged), decided_by=decided_by)

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
    return {"source": passage.source_number, "passage_id": passage.id, "quote": passage.text[unit.start:unit.end]}


def _evidence_texts(index: PassageIndex, m: Measure) -> list[str]:
    """The passages of the best evidence, whole, best first (context helps a judge with pronouns)."""
    seen: list[int] = []
    for uid in m.evidence[:3]:
        if index.units[uid].passage not in seen:
            seen.append(index.units[uid].passage)
    return [index.passages[p].text for p in seen]


def _logit(p: float) -> float:
    p = min(max(p, 1e-6), 1 - 1e-6)
    return math.log(p / (1 - p))


def _negated(m: Measure) -> bool:
    """The negation rule of ``decide``: a flip counts when the evidence covers most of the sentence."""
    return m.negation_mismatch and m.best_unit >= NEGATION_MIN_COVERAGE


def _carries_fact(one: _Local, fact_threshold: float) -> bool:
    """A citation says "this quote supports the sentence": reasoning and opinion get one only when they state a
    fact, that is, carry a specific (a figure, date, name or quotation, all found) or are worded as closely to
    a source as a supported fact is. A judgement grounded in the sources' words cites nothing."""
    if one.kind not in REASONING_KINDS:
        return True
    return one.m.specifics > 0 or one.probability >= fact_threshold


def _decided_by(reason: str, verdict: str, relative: float, threshold: float, judged: float | None) -> str:
    if reason.startswith(("a figure differs", "the source says the opposite")) or verdict == "contradicted":
        return "contradiction"
    if reason.startswith("a quotation"):
        return "quotation"
    if reason.startswith("not in any source"):
        return "specifics"
    if judged is not None:
        return "judge"
    if verdict == "supported" and relative < threshold:
        return "grounding"
    return "score"


def _signals(one: _Local, m: Measure, judged: float | None) -> dict[str, Any]:
    contradiction = m.conflicts[0] if m.conflicts else ("negation" if _negated(m) else None)
    signals: dict[str, Any] = {
        "lexical": round(one.probability, 4),
        "specifics": {"count": m.specifics, "missing": [*m.missing, *(f"quote: {q}" for q in m.missing_quotes)]},
        "contradiction": contradiction,
        "judge": None if judged is None else round(judged, 4),
    }
    semantic = getattr(m, "semantic", None)  # present once the verifier measures meaning overlap
    if semantic is not None:
        signals["semantic"] = round(float(semantic), 4)
    return signals


def _citations(sentence: str, index: PassageIndex, m: Measure) -> list[Citation]:
    """Source sentences that carry the support: the best pair, plus any unit needed for a specific they lack."""
    chosen = list(m.evidence[:1])
    if len(m.evidence) > 1 and m.best_pair > m.best_unit:
        chosen.append(m.evidence[1])
    found = sp.extract(normalise(sentence))
    needles = [n.text.lower() for n in found.numbers] + [" ".join(keys) for keys, _ in found.names]
    for needle in needles:
        if len(chosen) >= MAX_CITATIONS:
            break
        words = needle.split()
        if any(all(w in index.units[u].text for w in words) for u in chosen):
            continue
        for uid, unit in enumerate(index.units):
            if all(w in unit.text for w in words):
                chosen.append(uid)
                break
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
            gap = passage.text[merged[-1][1]:start]
            if not gap.strip():
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        for start, end in merged:
            citations.append(Citation(source=passage.source_number, quote=passage.text[start:end],
                                      passage_id=passage.id, start=start, end=end))
    return citations
