"""Causation: a causal link is a fact of its own, and the sources must state it.

"Because the cheetahs kept their distance, the boy escaped with only minor bruises" states three things: the
cheetahs kept their distance, the boy escaped with minor bruises, and the first brought about the second. Sources
that state the two facts apart, with nothing joining them, support the first two and not the third. So when a
sentence links two facts with a causal connective or verb (because, due to, as a result, led to, caused,
prompted) and the sources hold each fact, some stretch of the source (a sentence, or two adjacent sentences of
one passage) must hold both facts *and* a word that links them. Sources link causes in many ways ("so",
"since", "after", "the reason", "blamed", "meant"); any of them counts, so the check fails only where the
sources state both facts and never join them. A hedged link ("may have been because", "probably due to") is
the writer's reasoning, not a claim of fact, and is left alone; so is a link whose facts the sources do not
both state (then the other checks, and the lexical score, judge the facts themselves).

A source may also say that the cause is not known: "the cause of the collapse is under investigation", "it is
unclear why the bridge collapsed", "police have not said what caused the crash". That asserts that no cause is
established, so a sentence that gives the event a cause, whatever the cause, says what the source says nobody
knows (``open_cause``). Only the effect side is compared with such a sentence: a cause that is itself an event
of unknown origin ("the fire, whose cause is unknown, led to the evacuation") may still be a cause.
"""

from __future__ import annotations

import re
from typing import Any

from ...language import (
    CAUSAL_CONNECTIVES,
    CAUSAL_VERBS,
    EPISTEMIC_MODALS,
    EXPLANATION_NOUNS,
    HEDGE_ADVERBS,
    HEDGE_VERBS,
    IGNORANCE_ADJECTIVES,
    INQUIRY_NOUNS,
    INQUIRY_VERBS,
    KNOWING_VERBS,
    forms,
)
from ._clause_mood import _is  # a word of a set by its lemma or its stem (most lemmas are left empty)
from ._copy import NearCopy, added_clause
from ._parse import Evidence, SourceFacts, stems_of
from ._result import FactResult, fail, not_applicable, ok

__all__ = ["CAUSATION", "check_causation", "open_cause"]

CAUSATION = "causation"

_CAUSAL_VERB_FORMS = sorted({f for verb in CAUSAL_VERBS for f in forms(verb)}, key=len, reverse=True)
_CLAIM_LINK = re.compile(
    r"\b(?:"
    + "|".join(re.escape(c).replace(r"\ ", r"\s+") for c in sorted(CAUSAL_CONNECTIVES, key=len, reverse=True))
    + "|"
    + "|".join(_CAUSAL_VERB_FORMS)
    + r"|(?:the\s+)?reason\s+(?:why|for|that))\b",
    re.IGNORECASE,
)
# Any wording a source may use to join a cause and its effect inside one sentence: the claim's connectives and a
# wider net besides ("since", "after" and "the reason" link causes in news prose as often as "because" does).
_STRONG_LINKS = (
    r"|so|therefore|why|reasons?|blame\w*|meant|means|due|because|responsible|result\w*|led|lead\w*|"
    r"caus\w*|forc\w*|prompt\w*|trigger\w*|spark\w*|consequen\w*|reflect\w*|driv\w*|drove|fuel\w*|"
    r"attribut\w*|contribut\w*|credit\w*|boost\w*|support\w*|underpin\w*|given|amid|behind|thanks|"
    r"on\s+the\s+back\s+of"
)
_SOURCE_LINK = re.compile(
    _CLAIM_LINK.pattern[:-3] + _STRONG_LINKS + r"|since|after|thanks|allow\w*|enabl\w*|"
    r"prevent\w*|stopp\w*)\b",
    re.IGNORECASE,
)
# Across two sentences only an explicit link joins them ("... . So ...", "That is why ...").
_ADJACENT_LINK = re.compile(_CLAIM_LINK.pattern[:-3] + _STRONG_LINKS + r")\b", re.IGNORECASE)
_HEDGED = re.compile(
    r"\b(?:"
    + "|".join(sorted(EPISTEMIC_MODALS | HEDGE_ADVERBS | {f for v in HEDGE_VERBS for f in forms(v)}))
    + r"|perhaps|partly|in part|one reason|a reason|would|if|whether)\b",
    re.IGNORECASE,
)
_LEADING_CLAUSE = re.compile(
    r"^\W*(?:because|as a result of|due to|owing to|thanks to)\b(?P<cause>[^,]+),"
    r"(?P<effect>.+)$",
    re.IGNORECASE,
)
# "due to strong demand", "thanks to the weather": a preposition names a factor, often a summary's compression of
# the source's explanation; judged only when no source gives that factor as the cause of anything.
_PREPOSITIONAL = re.compile(
    r"(?:because\s+of|due\s+to|owing\s+to|thanks\s+to|as\s+a\s+result\s+of|in\s+response\s+to|"
    r"in\s+retaliation\s+for)",
    re.IGNORECASE,
)
MIN_PART_STEMS = 2
#: A fact is the sources' when one source sentence holds this share of its content stems.
MIN_FACT_COVERAGE = 0.6
#: A source stretch joins two facts when it holds this share of each.
MIN_JOINED_COVERAGE = 0.5


# Links after which the cause follows ("collapsed because of X"): the effect is what comes before them; after any
# other link ("X led to Y", "X; as a result, Y") the effect comes after.
_CAUSE_FOLLOWS = re.compile(
    r"because|due|owing|thanks|as\s+a\s+result\s+of|in\s+response|in\s+retaliation|(?:the\s+)?reason", re.IGNORECASE
)


def _not_known(head: Any) -> bool:
    """The predicate says that what it is said of is not known: an adjective of ignorance ("unclear", "remains
    unknown"), an inquiry under way ("under investigation", "is being investigated", "are examining why"), or a
    negated verb of knowing or telling ("is not yet known", "have not said")."""
    if head.lower_ in IGNORANCE_ADJECTIVES:
        return True
    for child in head.children:
        if child.dep_ in ("acomp", "attr") and child.lower_ in IGNORANCE_ADJECTIVES:
            return True
        if child.dep_ == "prep" and child.lower_ == "under":
            if any(p.dep_ == "pobj" and _is(p, INQUIRY_NOUNS) for p in child.children):
                return True
    if head.pos_ == "VERB" and _is(head, INQUIRY_VERBS):
        return True
    return head.pos_ == "VERB" and _is(head, KNOWING_VERBS) and any(c.dep_ == "neg" for c in head.children)


def _explained(noun: Any) -> list[Any]:
    """What a noun of explanation explains: its "of" / "for" / "behind" phrase ("the cause of the collapse"), or
    the noun a "whose cause" clause hangs on ("a fire, whose cause is unknown"); no tokens when it names none."""
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in ("of", "for", "behind"):
            return list(child.subtree)
        if child.dep_ == "poss" and child.lower_ == "whose":
            clause = noun.head
            while clause.dep_ != "relcl" and clause.head.i != clause.i:
                clause = clause.head
            if clause.dep_ == "relcl":
                inside = {t.i for t in clause.subtree}
                return [t for t in clause.head.subtree if t.i not in inside]
    return []


def open_cause(doc: Any) -> list[frozenset[str]]:
    """What the parse says the cause of is not known, as the content stems of each such event: a noun of
    explanation as the subject of a predicate of not knowing ("the cause of the fire is not yet known"), or a
    "why" / "what caused" clause that such a predicate governs ("it is unclear why the bridge collapsed"). A noun
    of explanation that names nothing ("the cause is unknown") gives the whole sentence."""
    found: list[frozenset[str]] = []
    for token in doc:
        if _is(token, EXPLANATION_NOUNS) and token.dep_ in ("nsubj", "nsubjpass") and _not_known(token.head):
            explained = _explained(token)
            found.append(stems_of(" ".join(t.text for t in explained) if explained else doc.text))
        asks_cause = token.lower_ == "why" or (token.lower_ == "what" and _is(token.head, CAUSAL_VERBS))
        clause = token.head
        if asks_cause and clause.dep_ in ("ccomp", "csubj", "xcomp") and _not_known(clause.head):
            found.append(stems_of(" ".join(t.text for t in clause.subtree)))
    return found


# Only a sentence with one of these words can say a cause is not known (the parse is read only there).
_ASKS_CAUSE = re.compile(r"\b(?:why|what|" + "|".join(sorted(EXPLANATION_NOUNS)) + r")s?\b", re.IGNORECASE)


def _effect(sentence: str, link: re.Match[str]) -> frozenset[str]:
    """The content stems of the effect a causal link in the sentence gives a cause to."""
    leading = _LEADING_CLAUSE.match(sentence)
    if leading:
        return stems_of(leading.group("effect"))
    if _CAUSE_FOLLOWS.match(link.group()):
        return stems_of(sentence[: link.start()])
    return stems_of(sentence[link.end() :])


def _cause_left_open(sentence: str, link: re.Match[str], facts: SourceFacts) -> str | None:
    """A source sentence that tells the sentence's effect and says its cause is not known."""
    effect = _effect(sentence, link)
    if len(effect) < MIN_PART_STEMS:
        return None
    for evidence in facts.sentences:
        if _coverage(effect, evidence.stems) < MIN_JOINED_COVERAGE or not _ASKS_CAUSE.search(evidence.text):
            continue
        if any(_coverage(effect, unexplained) >= MIN_JOINED_COVERAGE for unexplained in open_cause(evidence.doc)):
            return evidence.text
    return None


def _parts(sentence: str) -> tuple[frozenset[str], frozenset[str]] | None:
    """The two facts a causal link joins, as content stems: (cause, effect) or (effect, cause)."""
    leading = _LEADING_CLAUSE.match(sentence)
    if leading:
        return stems_of(leading.group("cause")), stems_of(leading.group("effect"))
    match = _CLAIM_LINK.search(sentence)
    if match is None:
        return None
    before, after = sentence[: match.start()], sentence[match.end() :]
    return stems_of(before), stems_of(after)


def _coverage(part: frozenset[str], stems: frozenset[str]) -> float:
    return len(part & stems) / len(part)


def _stretches(facts: SourceFacts) -> list[tuple[str, frozenset[str], re.Pattern[str]]]:
    """Each source sentence, and each pair of adjacent sentences of one passage: text, content stems, and the
    wording that links a cause to its effect there."""
    out = [(e.text, e.stems, _SOURCE_LINK) for e in facts.sentences]
    for a, b in zip(facts.sentences, facts.sentences[1:], strict=False):
        if a.passage == b.passage:
            out.append((f"{a.text} {b.text}", a.stems | b.stems, _ADJACENT_LINK))
    return out


def _given_as_a_cause(factor: frozenset[str], facts: SourceFacts) -> bool:
    """Whether a source gives the factor as the cause of something (its words after a causal connective): then a
    sentence that names it "due to" or "because of" may compress the source's explanation."""
    if not factor:
        return True
    for evidence in facts.sentences:
        for match in _CLAIM_LINK.finditer(evidence.text):
            clause = re.split(r"[;:.!?]", evidence.text[match.end() :])[0]
            if len(factor & stems_of(clause)) >= MIN_JOINED_COVERAGE * len(factor):
                return True
    return False


def _cause_added_to_a_copy(copy: NearCopy, facts: SourceFacts) -> FactResult | None:
    """A source sentence copied with a causal clause added ("..., which led to X", "... because of X"): the copy
    is the source's fact, the link and X are the writer's. However short X is, some stretch of the sources must
    join the copied fact to it; that the sources give X as the cause of something else does not join it to this."""
    added = added_clause(copy)
    link = _CLAIM_LINK.search(added)
    if link is None or _HEDGED.search(added) or _CLAIM_LINK.search(copy.evidence.text):
        return None
    factor = stems_of(added[link.end() :])
    copied = copy.evidence.stems
    if not factor or not any(factor <= e.stems for e in facts.sentences):
        return None  # a factor the sources do not name is the other checks' to judge
    for text, stems, joining in _stretches(facts):
        if factor <= stems and _coverage(copied, stems) >= MIN_JOINED_COVERAGE and joining.search(text):
            return ok(CAUSATION)
    return fail(CAUSATION, "the sources state both facts but never that one caused the other", "unsupported")


def check_causation(
    sentence: str, facts: SourceFacts, candidates: list[Evidence], copy: NearCopy | None = None
) -> FactResult:
    """``copy``: the source sentence the sentence copies but for a few words, if any (``_copy``)."""
    link = _CLAIM_LINK.search(sentence)
    if link is None:
        return not_applicable(CAUSATION)
    if copy is not None:  # (a hedge in the copied fact does not hedge the link added to it)
        added = _cause_added_to_a_copy(copy, facts)
        if added is not None:
            return added
    if _HEDGED.search(sentence):
        return not_applicable(CAUSATION)
    unknown = _cause_left_open(sentence, link, facts)
    if unknown is not None:
        return fail(CAUSATION, f'the source says the cause is not known: "{unknown}"', "contradicted")
    parts = _parts(sentence)
    if parts is None or min(len(parts[0]), len(parts[1])) < MIN_PART_STEMS:
        return not_applicable(CAUSATION)
    if _PREPOSITIONAL.fullmatch(link.group()) and _given_as_a_cause(stems_of(sentence[link.end() :]), facts):
        return not_applicable(CAUSATION)
    first, second = parts
    if not all(any(_coverage(part, e.stems) >= MIN_FACT_COVERAGE for e in facts.sentences) for part in parts):
        return not_applicable(CAUSATION)  # a fact the sources do not state is for the other checks to judge
    for text, stems, joining in _stretches(facts):
        if (
            _coverage(first, stems) >= MIN_JOINED_COVERAGE
            and _coverage(second, stems) >= MIN_JOINED_COVERAGE
            and joining.search(text)
        ):
            return ok(CAUSATION)
    return fail(CAUSATION, "the sources state both facts but never that one caused the other", "unsupported")
