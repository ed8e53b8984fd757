"""The grounding verifier: every written sentence checked against the source passages.

    split_sentences(text)            written text -> sentences (pysbd; newsdesk.text's, re-exported)
    claim_kind(sentence, section)    fact | analysis | outlook | opinion
    Verifier().check(sentence, passages, kind) -> Check(verdict, score, citations, details)
    verify_article(Verifier(), article, passages, reviser) -> the article, verified, revised once, pruned
    unsupported_specifics(text, passages) -> specifics of text found in no passage (for titles and deks)

A check combines: specifics (figures, amounts, percentages, dates, times, names must be in a source), quotations
(verbatim, up to spacing and punctuation), lexical support by the best source sentences, contradictions (a figure
stated differently, a negation flipped), and an LLM judge read from token probabilities for the uncertain
sentences when the model offers them. The weights and
thresholds are calibrated by scripts/calibrate_verify.py and shipped as calibration.json. See docs/verify.md.
"""

from __future__ import annotations

from ..text import split_sentences
from ._article import verify_article
from ._eval import evaluate, load_rows, row_passages
from ._judge import Judge
from ._score import Calibration
from ._text import claim_kind
from ._verifier import Check, Reviser, Verifier, unsupported_specifics

__all__ = [
    "Calibration",
    "Check",
    "Judge",
    "Reviser",
    "Verifier",
    "claim_kind",
    "evaluate",
    "load_rows",
    "row_passages",
    "split_sentences",
    "unsupported_specifics",
    "verify_article",
]
