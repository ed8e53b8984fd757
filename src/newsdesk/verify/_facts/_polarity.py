"""Polarity and certainty: a negation or an antonym the source does not have, and a source's hedge stated flat.

Both compare a written sentence with a source sentence that says much the same thing (they share most content
words), and look only at the words a negation or a hedge governs, so that "Although no group claimed
responsibility, the attack raised fears" never flips a sentence about the fears.
"""

from __future__ import annotations

import re

from .._text import STOPWORDS, normalise, stem
from ._parse import Evidence
from ._result import FactResult, fail, not_applicable, ok

__all__ = ["check_hedge", "check_polarity", "negated_scopes"]

POLARITY, HEDGE = "polarity", "hedge_made_certain"

_NEGATION = re.compile(
    r"\b(?:not|never|no|none|nobody|nothing|neither|nor|without|cannot|rather than|instead of|unsuccessful|"
    r"(?:fail|failed|fails|refused?|refuses|unable|unwilling)\s+to|\w+n't)\b"
    r"(?!\s+(?:the\s+)?(?:only|just|least|less|doubt|longer than|more than))", re.I)
_CLAUSE_END = re.compile(r"[,;:.!?()]|\b(?:but|although|though|while|whereas|and|because|when|as)\b", re.I)
SCOPE = 3

# Pairs of opposed words (stems): one side in the sentence, the other in the source, never both in either.
_OPPOSED = [
    ("allow permit resume lift legalise legalize authorise authorize", "prohibit ban forbid bar outlaw veto"),
    ("agree accept welcome embrace endorse", "resist reject refuse oppose decline"),
    ("rise increase grow gain climb surge jump", "fall decrease drop shrink plunge slump cut reduce"),
    ("win won", "lose lost"),
    ("succeed", "fail"),
    ("fix resolve solve repair", "fail ignore neglect"),
    ("acknowledge admit recognise recognize realise realize concede", "reject deny dismiss"),
    ("confirm", "deny"),
    ("comparable similar equal", "lower higher"),
    ("higher larger greater", "lower smaller"),
    ("survive survived", "die died kill killed"),
    ("support", "oppose"),
    ("open", "close"),
]
_OPPOSED_STEMS = [(frozenset(stem(w) for w in a.split()), frozenset(stem(w) for w in b.split()))
                  for a, b in _OPPOSED]
# Words that stand for one another when a negation's scope is compared ("did not realize the threat" vs
# "recognised the danger"): a deliberately short list of near-synonyms common in news.
_SAME = [
    "realise realize recognise recognize understand know",
    "threat danger risk",
    "kill die dead",
    "ban prohibit forbid",
    "say tell state",
]
_CANONICAL = {stem(w): line.split()[0] for line in _SAME for w in line.split()}


def _fold(stems: frozenset[str] | set[str]) -> frozenset[str]:
    return frozenset(_CANONICAL.get(s, s) for s in stems)


MIN_SHARED = 3
MIN_ANTONYM_COVERAGE = 0.3
MIN_NEGATION_COVERAGE = 0.4


def _stems_after(text: str, start: int, limit: int = SCOPE) -> set[str]:
    out: set[str] = set()
    rest = text[start:]
    stop = _CLAUSE_END.search(rest)
    if stop:
        rest = rest[:stop.start()]
    for word in re.findall(r"[a-z0-9]+(?:'[a-z]+)?", rest.lower()):
        if word not in STOPWORDS and len(word) > 1:
            out.add(stem(word))
            if len(out) >= limit:
                break
    return out


def negated_scopes(text: str) -> list[frozenset[str]]:
    """The content stems each negation governs (up to three, inside its clause), synonyms folded."""
    return [_fold(s) for match in _NEGATION.finditer(text) if (s := _stems_after(text, match.end()))]


def _opposition(claim: frozenset[str], source: frozenset[str]) -> tuple[str, str] | None:
    for a, b in _OPPOSED_STEMS:
        for mine, theirs in ((a, b), (b, a)):
            if claim & mine and source & theirs and not claim & theirs and not source & mine:
                return sorted(claim & mine)[0], sorted(source & theirs)[0]
    return None


def check_polarity(sentence: str, claim_stems: frozenset[str], candidates: list[Evidence]) -> FactResult:
    if not claim_stems or not candidates:
        return not_applicable(POLARITY)
    text = normalise(sentence)
    claim_scopes = negated_scopes(text)
    folded = _fold(claim_stems)
    judged = False
    for evidence in candidates:
        theirs = _fold(evidence.stems)
        shared = folded & theirs
        coverage = len(shared) / len(folded)
        if len(shared) < MIN_SHARED:
            continue
        source_scopes = negated_scopes(evidence.text)
        if coverage >= MIN_NEGATION_COVERAGE:
            judged = True
            # a flip needs one side free of negation: two negations in different places are too easy to misread
            for scope in source_scopes if not claim_scopes else []:
                if len(scope & folded) >= min(2, len(scope)):
                    return fail(POLARITY, f"the source negates what the sentence asserts: \"{evidence.text}\"")
            for scope in claim_scopes if not source_scopes else []:
                if len(scope & theirs) >= min(2, len(scope)) and coverage >= 0.6:
                    return fail(POLARITY, f"the sentence negates what the source asserts: \"{evidence.text}\"")
        # a compound sentence may hold the source sentence whole: its share of the source counts too
        overlap = max(coverage, len(shared) / max(1, len(theirs)) - 0.2)
        if overlap >= MIN_ANTONYM_COVERAGE and not claim_scopes and not source_scopes:
            judged = True
            flipped = _opposition(claim_stems, evidence.stems)
            if flipped:
                return fail(POLARITY, f"the sentence says {flipped[0]} where the source says {flipped[1]}: "
                                      f"\"{evidence.text}\"")
    return ok(POLARITY) if judged else not_applicable(POLARITY)


# ---------------------------------------------------------------------------------------------- hedges

_SOURCE_HEDGE = re.compile(
    r"\b(?:(?-i:may)|might|could|appears?|appeared|seems?|seemed|suggests?|suggested|suggesting|reportedly|"
    r"allegedly|alleged|purportedly|think|thinks|believed?|believes|likely|possibly|probably|perhaps|unconfirmed|"
    r"(?:is|are|was|were) said to|expected to|feared|suspected|unclear)\b", re.I)
# Hedges that keep a sentence a supposition even beside a verb of proof ("the report shows it might ...").
_STRONG_HEDGE = re.compile(r"\b(?:(?-i:may)|might|could|appears?|seems?|suggests?|suggested|likely|possibly|perhaps|"
                           r"probably|reportedly|allegedly|alleged|if|whether)\b", re.I)
_CLAIM_HEDGE = re.compile(
    r"\b(?:(?-i:may)|might|could|would|can|appears?|appeared|seems?|seemed|suggests?|suggested|suggesting|"
    r"reportedly|allegedly|alleged|purportedly|think|thinks|thought|believed?|believes|likely|possibly|probably|"
    r"perhaps|unconfirmed|said to|expected|feared|suspected|unclear|claims?|claimed|apparently|if|whether|"
    r"look(?:s|ed)? like|as if|as though)\b", re.I)
# Reporting without a hedge: fair for a hedged source unless the sentence also claims proof.
_CLAIM_REPORTED = re.compile(r"\b(?:according to|say|says|said|told|argue[sd]?|warn(?:s|ed)?|fears?|observe[sd]?|"
                             r"note[sd]?|describe[sd]?|call(?:s|ed)?|report(?:s|ed)?)\b", re.I)
# Verbs of proof: a sentence that uses one states as established what a hedged source only supposes.
_CERTAIN = re.compile(r"\b(?:shows?|showed|shown|establish(?:es|ed)?|proves?|proved|proven|demonstrat\w+|"
                      r"confirms?|confirmed|reveal(?:s|ed)?|makes? clear|made clear|found that|finds that)\b", re.I)
MIN_HEDGE_COVERAGE = 0.5


def _hedge_scope(text: str, match: re.Match) -> set[str]:
    before = [stem(w) for w in re.findall(r"[a-z0-9]+", text[:match.start()].lower()) if w not in STOPWORDS][-SCOPE:]
    return set(before) | _stems_after(text, match.end())


def check_hedge(sentence: str, claim_stems: frozenset[str], candidates: list[Evidence]) -> FactResult:
    if not claim_stems or not candidates:
        return not_applicable(HEDGE)
    text = normalise(sentence)
    if _CERTAIN.search(text):
        if _STRONG_HEDGE.search(text):
            return not_applicable(HEDGE)
    elif _CLAIM_HEDGE.search(text) or _CLAIM_REPORTED.search(text):
        return not_applicable(HEDGE)
    for evidence in candidates:
        if len(claim_stems & evidence.stems) / len(claim_stems) < MIN_HEDGE_COVERAGE:
            continue
        for match in _SOURCE_HEDGE.finditer(evidence.text):
            scope = _hedge_scope(evidence.text, match)
            if len(scope & claim_stems) >= 2:
                return fail(HEDGE, f"the source only says it {match.group().lower()}s so: \"{evidence.text}\""
                            if match.group().lower() in ("suggest", "think", "appear", "seem") else
                            f"the source hedges this (\"{match.group()}\"): \"{evidence.text}\"", "unsupported")
    return ok(HEDGE)
