"""Scope: a claim about every member of a class, or the one extreme member of it, where the source speaks of some.

A quantifier is part of what a sentence asserts. "Every eyewitness account pointed to ..." says more than "a
number of eyewitness accounts pointed to ..."; "the club with the lowest budget" says more than "one of the
lowest budgets"; "the best horse in the race" says more than "as good as any horse in the race". So where the
sentence puts a wide quantifier (every, all, each, the only, a superlative) on a noun and the source sentence
that says the same thing puts a narrow one (one of, some, several, a number of, many, most, a lot of, among,
as ... as any) on that same noun, and no wide one, the sentence widens what the source says. The comparison is
made noun by noun inside one aligned source sentence, so a source that says "some" of one thing and "all" of
another is read for each separately; a noun the source puts a wide quantifier on anywhere is not judged.
"""

from __future__ import annotations

import re

from ...language import stem
from ...text import STOPWORDS
from ._copy import NearCopy
from ._parse import Evidence, SourceFacts, stems_of
from ._result import FactResult, fail, not_applicable, ok

__all__ = ["SCOPE", "check_scope"]

SCOPE = "scope"

# A wide quantifier and the words it governs: "every eyewitness account", "all the players", "the only bridge",
# "the lowest budget", "the most expensive bridge" (a superlative after "the" names one extreme member).
_WIDE = re.compile(
    r"\b(?:every|all(?!\s+but\b)(?:\s+(?:the|of\s+the|its|their|his|her))?|each(?:\s+of\s+the)?|"
    r"the\s+only|"
    r"the\s+(?:most|least)\s+\w+|the\s+(?:best|worst|biggest|largest|smallest|highest|lowest|"
    r"greatest|oldest|youngest|first|last|\w{3,}est))\s+(?P<rest>(?:[\w'-]+\s*){1,4})",
    re.IGNORECASE,
)
# A narrow quantifier before the same noun: part of a class, or one member among several extremes.
_NARROW = re.compile(
    r"\b(?:one\s+of|some\s+of|among|a\s+number\s+of|a\s+lot\s+of|lots\s+of|a\s+handful\s+of|"
    r"a\s+few|as\s+\w+\s+as\s+any|as\s+\w+\s+as|part\s+of|one|two|three|some|several|few|many|"
    r"most|much|dozens|hundreds|thousands)\b",
    re.IGNORECASE,
)
# "one of the lowest budgets": a superlative among several is a narrow quantifier, not a wide one.
_AMONG = re.compile(r"(?:\b(?:one|some|two|three|several|many|any|each|none|most)\s+of\s+|\bamong\s+)$", re.IGNORECASE)
_NOT_SUPERLATIVE = frozenset("est test rest interest west honest nest chest guest quest request forest".split())
_FUNCTION = frozenset("the of a an its their his her our your this that these those to in on at for and or".split())
_NOUN_PHRASE = frozenset("of the these those its their his her our your this that".split())
MIN_ALIGNMENT = 0.5
MIN_PART_STEMS = 4  # a clause shorter than this aligns with too much by chance
NARROW_WINDOW = 60  # characters before the noun in which a narrow quantifier may govern it ...
NOUN_PHRASE_WORDS = 3  # ... with at most this many words (its adjectives, "the") between them


def _wide_nouns(text: str) -> list[tuple[str, frozenset[str], int]]:
    """(quantifier as written, stems of the words it governs, where it stands) for each wide quantifier of the
    text."""
    out = []
    for match in _WIDE.finditer(text):
        if _AMONG.search(text[: match.start()]):
            continue
        quantifier = match.group()[: match.start("rest") - match.start()].strip()
        last = quantifier.split()[-1].lower()
        if (last.endswith("est") and last in _NOT_SUPERLATIVE) or match.group("rest").lower().startswith("time"):
            continue  # "for the first time", "the last time": how often something happened, not of how many
        governed = [w.lower() for w in re.findall(r"[\w'-]+", match.group("rest"))]
        content = []
        for word in governed:
            if word in _FUNCTION:
                break
            content.append(stem(word))
        words = frozenset(content[:3])
        if words:
            out.append((quantifier, words | ({stem(last)} if last.endswith("est") else frozenset()), match.start()))
    return out


def _part_stems(sentence: str, at: int) -> frozenset[str]:
    """The content stems of the stretch between commas or semicolons that holds position ``at``: the clause a
    quantifier sits in, without a fronted phrase ("In his view, ...") or another conjunct beside it, which say
    nothing of its noun and would dilute its alignment with the source. Empty when that stretch is too short to
    align on its own."""
    start = max(sentence.rfind(mark, 0, at) for mark in ",;:") + 1
    ends = [i for i in (sentence.find(mark, at) for mark in ",;:") if i >= 0]
    part = stems_of(sentence[start : min(ends, default=len(sentence))])
    return part if len(part) >= MIN_PART_STEMS else frozenset()


def _narrowed(evidence: Evidence, words: frozenset[str]) -> str | None:
    """The source's narrow quantifier on one of ``words`` when it has no wide one on them, else None."""
    text = evidence.text
    if any(words & governed for _, governed, _ in _wide_nouns(text)):
        return None  # the source says "every" (or "the lowest") of it too
    for match in re.finditer(r"[\w'-]+", text):
        if stem(match.group().lower()) not in words:
            continue
        before = text[max(0, match.start() - NARROW_WINDOW) : match.start()]
        clause = re.split(r"[,;:.!?()]", before)[-1]
        narrow = list(_NARROW.finditer(clause))
        between = re.findall(r"[\w'-]+", clause[narrow[-1].end() :].lower()) if narrow else []
        if (
            narrow
            and len(between) <= NOUN_PHRASE_WORDS
            and not any(w in STOPWORDS and w not in _NOUN_PHRASE for w in between)
        ):
            return narrow[-1].group()  # only the noun's own determiners and adjectives between: it governs it
    return None


# Words that speak of part of a class or of some occasions, and words that speak of the whole or of every occasion:
# a near copy that puts one of the second kind for one of the first, or drops the first, widens the source.
_PARTIAL = frozenset(
    "some several many most few numerous various often sometimes usually frequently occasionally generally mostly "
    "partly partially largely mainly".split()
)
_WHOLE = frozenset("all every each always entirely wholly completely only whole".split())


def _next(words: list[str], i: int) -> str:
    return words[i + 1] if i + 1 < len(words) else ""


def _widened_copy(copy: NearCopy) -> tuple[str, str] | None:
    """(written, source) words of a change that replaces a partial quantifier or frequency ("some", "one of",
    "often") with a whole one ("all", "the only", "always"), or drops it ("many residents" -> "residents")."""
    source = [t.lower() for t in copy.source_tokens]
    for change in copy.changes:
        at = change.source_at
        theirs = [
            w
            for i, w in enumerate(source[at : at + len(change.source)])
            if (w in _PARTIAL or w == "one" and _next(source, at + i) == "of")
            and not _next(source, at + i)[:1].isdigit()
        ]  # ("some 300 people" is about 300: an estimate, not a part)
        if not theirs:
            continue
        mine = [w.lower() for w in change.written if w[:1].isalnum()]
        if any(w in _PARTIAL or w[:1].isdigit() for w in mine):
            continue  # another partial word, or a number: "many" -> "numerous", "several" -> "three"
        if not mine or any(w in _WHOLE for w in mine):
            return " ".join(mine) or "(nothing)", " ".join(theirs)
    lead = [t.lower() for t in copy.lead]
    if lead and lead[-1] in _PARTIAL:  # the copy starts right after the quantifier: "Some | residents said"
        return "(nothing)", lead[-1]
    return None


def check_scope(
    sentence: str,
    claim_stems: frozenset[str],
    candidates: list[Evidence],
    facts: SourceFacts,
    copy: NearCopy | None = None,
) -> FactResult:
    """``copy``: the source sentence the sentence copies but for a few words, if any (``_copy``)."""
    if copy is not None:
        change = _widened_copy(copy)
        if change is not None:
            return fail(
                SCOPE, f'the sentence says {change[0]} where the source says {change[1]}: "{copy.evidence.text}"'
            )
    wide = _wide_nouns(sentence)
    if not wide or not claim_stems:
        return not_applicable(SCOPE)
    # a source that says "all" (or "the lowest") of the same thing anywhere does not limit it
    widened = [governed for e in facts.sentences if _WIDE.search(e.text) for _, governed, _ in _wide_nouns(e.text)]
    wide = [(q, words, at) for q, words, at in wide if not any(words <= told for told in widened)]
    judged = False
    for evidence in candidates:
        sentence_aligned = len(claim_stems & evidence.stems) / len(claim_stems) >= MIN_ALIGNMENT
        for quantifier, words, at in wide:
            part = _part_stems(sentence, at)
            part_aligned = bool(part) and len(part & evidence.stems) / len(part) >= MIN_ALIGNMENT
            if not (sentence_aligned or part_aligned) or not words & evidence.stems:
                continue
            judged = True
            narrow = _narrowed(evidence, words)
            if narrow:
                return fail(
                    SCOPE, f'the sentence says "{quantifier}" where the source says "{narrow}": "{evidence.text}"'
                )
    return ok(SCOPE) if judged else not_applicable(SCOPE)
