"""``Verifier.check``: one sentence against a list of passages -> verdict, score, citations, details."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import embed
from ..errors import ModelError
from ..models import Article, Citation, Passage, Sentence
from . import _specifics as sp
from ._index import PassageIndex
from ._judge import Judge
from ._measure import Measure, measure
from ._score import Calibration, Veto, combine, decide, veto
from ._text import normalise

if TYPE_CHECKING:
    from ..embed import Encoder, VectorStore
    from ..llm import Model

__all__ = ["Check", "Verifier", "unsupported_specifics"]

MAX_CITATIONS = 3
INDEX_CACHE_SIZE = 64  # passage sets kept built; an article run uses one, an evaluation run one per document

Reviser = Callable[[list[tuple[Sentence, list[Passage]]]], list["str | None"]]


@dataclass
class Check:
    """One sentence's result."""

    verdict: str  # supported | unsupported | contradicted
    score: float  # 0..1, probability-like support score
    citations: list[Citation] = field(default_factory=list)
    details: dict[str, Any] = field(default_factory=dict)  # per-check numbers, JSON-able

    @property
    def supported(self) -> bool:
        return self.verdict == "supported"


class Verifier:
    """Checks sentences against source passages; see docs/verify.md for what each check does."""

    def __init__(self, calibration_path: str | Path | Calibration | None = None, judge: Model | None = None, *,
                 semantic: bool = True, store: VectorStore | None = None):
        """``semantic``: add sentence embeddings (evidence by meaning, the semantic signal; the shipped calibration
        expects it, so ``semantic=False`` is for diagnostics); ``store`` keeps the source sentences' vectors across
        runs (the archive)."""
        self.calibration = calibration_path if isinstance(calibration_path, Calibration) else \
            Calibration.load(calibration_path)
        self.judge = Judge(judge) if judge is not None else None
        self.encoder: Encoder | None = embed.encoder() if semantic else None
        self.store = store
        self._indexes: OrderedDict[tuple, PassageIndex] = OrderedDict()

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
        vector = self.encoder.encode([sentence])[0] if self.encoder is not None else None
        return index, measure(sentence, index, vector)

    def assess(self, sentence: str, passages: list[Passage]) -> tuple[PassageIndex, Measure, Veto | None]:
        """The measurements and the veto of any hard rule or structural check (what calibration sees too)."""
        index, m = self.measure(sentence, passages)
        return index, m, veto(m)

    def check(self, sentence: str, passages: list[Passage], claim_kind: str = "fact") -> Check:
        index, m, vetoed = self.assess(sentence, passages)
        probability = self.calibration.probability(m)
        details = m.details()
        details["lexical_score"] = round(probability, 4)
        if self.judge is not None and m.evidence and vetoed is None:
            evidence = _evidence_text(index, m)
            try:
                p_yes = self.judge.probability(sentence, evidence)
                details["judge"] = round(p_yes, 4)
                probability = combine(probability, p_yes, self.calibration.judge_weight)
            except ModelError as error:
                details["judge_error"] = str(error)
        relative = self.calibration.score_for(probability, claim_kind)
        verdict, score, reason = decide(m, relative, self.calibration.threshold, claim_kind,
                                        self.calibration.reasoning_coverage, vetoed)
        details["kind"] = claim_kind
        details["kind_threshold"] = round(self.calibration.threshold_for(claim_kind), 4)
        if reason:
            details["reason"] = reason
        citations = _citations(sentence, index, m) if verdict == "supported" else []
        if verdict != "supported":
            details["evidence"] = [_unit_ref(index, uid) for uid in m.evidence[:2]]
        return Check(verdict=verdict, score=round(score, 4), citations=citations, details=details)

    def evidence_passages(self, sentence: str, passages: list[Passage], limit: int = 2) -> list[Passage]:
        """The passages holding a sentence's best evidence (what a reviser should see)."""
        index, m = self.measure(sentence, passages)
        seen: list[int] = []
        for uid in m.evidence:
            p = index.units[uid].passage
            if p not in seen:
                seen.append(p)
        return [index.passages[p] for p in seen[:limit]]

    # ------------------------------------------------------------------------------------------ articles

    def verify_article(self, article: Article, passages: list[Passage], reviser: Reviser | None = None) -> Article:
        """Verify, revise once, drop what still fails, drop repeats; see ``_article.verify_article``."""
        from ._article import verify_article

        self.prepare([s.text for section in article.all_sections() for s in section.sentences()])
        return verify_article(self, article, passages, reviser)


def unsupported_specifics(text: str, passages: list[Passage]) -> list[str]:
    """Specifics of ``text`` (figures, dates, names, quotes) found in none of ``passages``, e.g. for a title."""
    m = measure(text, PassageIndex.build(passages))
    return [*m.missing, *(f"quote: {q}" for q in m.missing_quotes)]


def _unit_ref(index: PassageIndex, uid: int) -> dict[str, Any]:
    unit = index.units[uid]
    passage = index.passages[unit.passage]
    return {"source": passage.source_number, "passage_id": passage.id, "quote": passage.text[unit.start:unit.end]}


def _evidence_text(index: PassageIndex, m: Measure) -> str:
    """The passages of the best evidence, whole, best first (context helps a judge with pronouns)."""
    seen: list[int] = []
    for uid in m.evidence[:3]:
        if index.units[uid].passage not in seen:
            seen.append(index.units[uid].passage)
    return "\n\n".join(index.passages[p].text for p in seen)


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
