"""Running one named structural check of the verifier on made-up source texts."""

from __future__ import annotations

from newsdesk.models import Passage
from newsdesk.verify import Verifier
from newsdesk.verify._checks import run_fact_checks
from newsdesk.verify._measure import measure


def passages(*texts: str) -> list[Passage]:
    """One source, a passage per text, in order."""
    return [Passage(text=t, source_number=1, position=i) for i, t in enumerate(texts)]


def outcome(verifier: Verifier, check: str, sentence: str, sources: list[Passage], by_meaning: bool = False) -> str:
    """The named check alone, on the verifier's own evidence for the sentence: ok, fail or n/a. ``by_meaning``: with
    the sentence's embedding, so that the source sentences closest in meaning (``Claim.aligned``) are known, as in
    a verifier run."""
    if by_meaning:
        index, m = verifier.measure(sentence, sources)
    else:
        index = verifier.index(sources)
        m = measure(sentence, index)
    [result] = run_fact_checks(sentence, index, m, (check,))
    assert result.name == check
    return result.outcome
