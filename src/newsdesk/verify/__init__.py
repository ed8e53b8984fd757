"""The grounding verifier: every written sentence checked against the source passages.

    split_sentences(text)            written text -> sentences (pysbd; newsdesk.text's, re-exported)
    claim_kind(sentence, section)    fact | analysis | outlook | opinion
    Verifier().check(sentence, passages, kind) -> Verification(verdict, score, citations, details, signals,
                                                                decided_by)
    verify_article(Verifier(), article, passages, reviser, fallbacks) -> the article, verified, revised once,
                                                  pruned; its title and dek checked (replaced if they fail)
    unsupported_specifics(text, passages) -> specifics of text found in no passage (for titles and deks)

Every check is one entry of one ordered registry (``CHECKS``, in ``_checks``): a ``Check`` reads a ``Claim`` (the
sentence, its kind, its measurements, its aligned evidence) and answers a ``Decision`` or nothing, and
``decided_by`` is the name of the check that decided. The checks: contradictions (a figure stated differently, a
negation flipped), filler, quotations (verbatim, up to spacing and punctuation), the structural fact checks,
specifics (figures, amounts, percentages, dates, times, names must be in a source), an LLM judge read from token
probabilities for the uncertain sentences when the model offers them, lexical and semantic support by the best
source sentences, and the after-review of hedged facts and verbatim quotations. The weights and thresholds are
calibrated by scripts/calibrate_verify.py and shipped as calibration.json. See docs/verify.md.
"""

from __future__ import annotations

from ..sentences import split_sentences
from ._article import Fallbacks, verify_article
from ._checks import CHECKS, DECIDER_LABELS, DECIDERS
from ._claim import Check, Claim, Decision
from ._judge import Judge
from ._score import Calibration
from ._text import claim_kind
from ._verifier import Reviser, Verification, Verifier, unsupported_specifics

__all__ = [
    "CHECKS",
    "DECIDERS",
    "DECIDER_LABELS",
    "Calibration",
    "Check",
    "Claim",
    "Decision",
    "Fallbacks",
    "Judge",
    "Reviser",
    "Verification",
    "Verifier",
    "claim_kind",
    "split_sentences",
    "unsupported_specifics",
    "verify_article",
]
