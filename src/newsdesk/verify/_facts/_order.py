"""Order: which of two events came first.

"A before B", "after B, A", "A and then B", "A, only afterwards B", "by the time B, A had" and "only after A did
B" each say which event came first, and that order is a fact. When a sentence orders two events and a source
sentence orders the same two events the other way round (the sentence's earlier event is the words of the
source's later one, and its later event the words of the source's earlier one), the sentence reverses the
source. Events are matched by their content words, clause against clause, so a source that orders other events
with the same connective is not read as a reversal; a source that gives no order says nothing, and the check
does not judge.
"""

from __future__ import annotations

import re

from ._parse import Evidence, stems_of
from ._result import FactResult, fail, not_applicable, ok

__all__ = ["ORDER", "check_order", "ordered_events"]

ORDER = "order"

_THEN = r"(?:,?\s+and)?(?:\s+\w+)?\s+(?:only\s+)?(?:then|afterwards|later|subsequently|thereafter)\b"
# (pattern, which side came first): "left" when the words before the connective name the earlier event.
_PATTERNS = [
    (re.compile(r"^\W*(?:only\s+)?after\b(?P<a>[^,]+),(?P<b>.+)$", re.IGNORECASE), "left"),  # after A, B
    (re.compile(r"^\W*before\b(?P<a>[^,]+),(?P<b>.+)$", re.IGNORECASE), "right"),  # before A, B
    (re.compile(r"^\W*only\s+after\b(?P<a>.+?)\bdid\b(?P<b>.+)$", re.IGNORECASE), "left"),  # only after A did B
    (re.compile(r"^(?P<a>.+?)\bby\s+the\s+time\b(?P<b>.+)$", re.IGNORECASE), "left"),  # A by the time B
    (
        re.compile(
            r"^(?P<a>.+?)\b(?:shortly\s+|soon\s+|just\s+|only\s+|immediately\s+)?before\b(?P<b>.+)$", re.IGNORECASE
        ),
        "left",
    ),  # A before B
    (
        re.compile(
            r"^(?P<a>.+?)\b(?:shortly\s+|soon\s+|just\s+|only\s+|immediately\s+)?after\b(?P<b>.+)$", re.IGNORECASE
        ),
        "right",
    ),  # A after B
    (re.compile(r"^(?P<a>.+?)" + _THEN + r"(?P<b>.+)$", re.IGNORECASE), "left"),  # A and then B
]
# An event is one clause: the words nearest the connective up to a comma, a bracket or a new sentence (a source
# "sentence" may run captions together).
_CLAUSE_BREAK = re.compile(r"[,;:()]|\.\s")
MIN_EVENT_WORDS = 2  # content words an event must share across the two sentences ...
MIN_EVENT_SHARE = 0.5  # ... and this share of the sentence's event
MAX_CHARS = 400


def ordered_events(text: str) -> tuple[frozenset[str], frozenset[str]] | None:
    """(earlier event, later event) as content stems, when the text orders two events; else None."""
    for pattern, first in _PATTERNS:
        match = pattern.match(text)
        if match is None:
            continue
        a, b = stems_of(_CLAUSE_BREAK.split(match.group("a"))[-1]), stems_of(_CLAUSE_BREAK.split(match.group("b"))[0])
        if not a or not b:
            continue
        return (a, b) if first == "left" else (b, a)
    return None


def check_order(sentence: str, claim_stems: frozenset[str], candidates: list[Evidence]) -> FactResult:
    claimed = ordered_events(sentence)
    if claimed is None:
        return not_applicable(ORDER)
    earlier, later = claimed
    judged = False
    for evidence in candidates:
        if len(evidence.text) > MAX_CHARS:
            continue
        told = ordered_events(evidence.text)
        if told is None:
            continue
        first, then = told
        straight = len(earlier & first) + len(later & then)
        crossed = (len(earlier & then), len(later & first))
        needed = [max(MIN_EVENT_WORDS, MIN_EVENT_SHARE * len(event)) for event in (earlier, later)]
        if crossed[0] >= needed[0] and crossed[1] >= needed[1] and sum(crossed) > straight:
            return fail(ORDER, f'the source has these the other way round: "{evidence.text}"')
        if min(len(earlier & first), len(later & then)) >= MIN_EVENT_WORDS:
            judged = True
    return ok(ORDER) if judged else not_applicable(ORDER)
