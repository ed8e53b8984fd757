"""The check seam's types: one written sentence in context (``Claim``), what a check concludes about it
(``Decision``), and what a check is (``Check``).

Every check, from the hard rules to the judge and the after-review, reads one ``Claim`` and answers a ``Decision``
or ``None`` (nothing to say). The ordered registry that runs them lives in ``_checks``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Literal, Protocol, runtime_checkable

from ..models import VerdictLabel
from ._facts._copy import NearCopy, near_copy
from ._facts._parse import Evidence, SourceFacts, source_facts, stems_of
from ._text import normalise

if TYPE_CHECKING:
    from ._facts._result import FactResult
    from ._index import PassageIndex
    from ._judge import Judge
    from ._measure import Measure
    from ._outlets import Outlet
    from ._score import Calibration

__all__ = ["Check", "Claim", "Decision", "Prepares", "Stage"]

#: When a check runs. ``veto``: before any verdict, and the first veto that fires is final. ``decide``: while no
#: verdict is set; the first that answers sets it, and the after-review may still overrule it. ``review``: on a
#: verdict a decider set; the first review that answers is final.
Stage = Literal["veto", "decide", "review"]

#: Source sentences a structural check compares with: the verifier's evidence, then the best by shared words.
CANDIDATES = 5
#: Cosine of sentence embeddings at which a source sentence says much what the sentence says (all-MiniLM-L6-v2:
#: paraphrases of one statement score above it, sentences that only share a topic mostly below).
MEANING_ALIGNMENT = 0.6
#: Alignment with the best source sentences at which a sentence is the source's own words: no flip to find.
VERBATIM_ALIGNMENT = 0.97


@dataclass(frozen=True)
class Decision:
    """What a check concludes: the verdict, the (kind-relative) score that goes with it, which check decided (the
    runner stamps the check's name) and why. ``cites``: whether a supported sentence may carry a citation (a
    judgement that passed only on the lowered bar of reasoning has no quote that supports it)."""

    verdict: VerdictLabel
    score: float
    decider: str = ""
    reason: str = ""
    cites: bool = True

    @property
    def supported(self) -> bool:
        return self.verdict == "supported"


@runtime_checkable
class Check(Protocol):
    """One check of the registry: a unique ``name`` (what ``decided_by`` says when it decides), the ``stage`` it
    runs in, and a ``label`` that tells a reader what settled the verdict (the HTML legend)."""

    @property
    def name(self) -> str: ...

    @property
    def stage(self) -> Stage: ...

    @property
    def label(self) -> str: ...

    def __call__(self, claim: Claim) -> Decision | None: ...


@runtime_checkable
class Prepares(Protocol):
    """A check that looks at every pending claim of a batch before it answers for each (the judge asks one model
    call about many sentences)."""

    def prepare(self, claims: list[Claim], judge: Judge | None) -> None: ...


@dataclass(eq=False)
class Claim:
    """One written sentence in context: its kind, the source index, its measurements, its calibrated probability,
    and, made on first use, its normalised text, content stems and the aligned evidence sentences with their
    parses. Checks read it; the runner records the decision and what the structural checks found."""

    sentence: str
    kind: str
    index: PassageIndex
    m: Measure
    calibration: Calibration
    probability: float  # calibrated local support probability, before any judge
    judged: float | None = None  # the judge's P(yes), once asked and answered
    judge_note: str = ""  # why the judge, asked, gave no answer
    uncertain: bool = False  # near the line, no veto, a kind that asserts facts: what a judge is asked about
    results: list[FactResult] = field(default_factory=list)  # the structural checks that ran, in order
    before: str = ""  # the written sentence just before it in its section: where its pronouns point
    decision: Decision | None = None
    final: bool = False  # a veto or a review decided: nothing after it runs
    # the outlet (publisher, date) of each source by its number, where the sources name one (``_disputed``)
    outlets: Mapping[int, Outlet] = field(default_factory=dict)
    under: str = ""  # the dateline the sentence stands under ("On 3 November, Coastline Daily reported:"), if any

    @property
    def threshold(self) -> float:
        return self.calibration.threshold

    @property
    def combined(self) -> float:
        """The support probability: the local one, mixed with the judge's P(yes) when it answered."""
        return self.probability if self.judged is None else self.calibration.combine(self.probability, self.judged)

    @property
    def relative(self) -> float:
        """The support probability against the kind's bar (``threshold`` is the line for every kind)."""
        return self.calibration.score_for(self.combined, self.kind)

    @cached_property
    def text(self) -> str:
        """The sentence normalised (quotes, dashes, spaces), as the structural checks read it."""
        return normalise(self.sentence)

    @cached_property
    def stems(self) -> frozenset[str]:
        return stems_of(self.text)

    @property
    def facts(self) -> SourceFacts:
        """Every source sentence of the index, parsed on demand (cached per index)."""
        return source_facts(self.index)

    @cached_property
    def evidence(self) -> list[Evidence]:
        """The aligned source sentences: the verifier's evidence, then the best by shared content words."""
        facts = self.facts
        chosen = [facts.sentences[u] for u in self.m.evidence[:4] if u < len(facts.sentences)]
        ranked = sorted(facts.sentences, key=lambda e: -len(self.stems & e.stems))
        for evidence in ranked[:CANDIDATES]:
            if evidence not in chosen and len(self.stems & evidence.stems) >= 2:
                chosen.append(evidence)
        return chosen[: CANDIDATES + 2]

    @property
    def aligned(self) -> list[Evidence]:
        """The source sentences closest to the sentence in meaning (the encoder's cosine at least
        ``MEANING_ALIGNMENT``), best first: where a paraphrase's content sits when it shares few words."""
        sentences = self.facts.sentences
        return [sentences[u] for u, cosine in self.m.nearest if cosine >= MEANING_ALIGNMENT and u < len(sentences)]

    @cached_property
    def copy(self) -> NearCopy | None:
        """The aligned source sentence the sentence copies but for a few words, with what it changes (``_copy``)."""
        return near_copy(self.text, self.evidence)

    @property
    def verbatim(self) -> bool:
        """The sentence is the source's own words (nothing can be flipped)."""
        return self.m.alignment >= VERBATIM_ALIGNMENT and self.m.best_pair >= 0.9

    def evidence_texts(self, limit: int = 3) -> list[str]:
        """The passages of the best evidence, whole, best first (context helps a judge with pronouns)."""
        seen: list[int] = []
        for uid in self.m.evidence[:limit]:
            if self.index.units[uid].passage not in seen:
                seen.append(self.index.units[uid].passage)
        return [self.index.passages[p].text for p in seen]
