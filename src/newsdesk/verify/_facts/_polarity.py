"""Polarity and certainty: a negation or an antonym the source does not have, and a source's hedge stated flat.

Both compare a written sentence with a source sentence that says much the same thing (they share most content
words), and look only at the words a negation or a hedge governs, so that "Although no group claimed
responsibility, the attack raised fears" never flips a sentence about the fears.

It is longer than 400 lines on purpose: both checks read scope the same way (the words a negation or a hedge
governs), and splitting them would copy that reading.
"""

from __future__ import annotations

import re
from typing import Any

from ...language import (
    DENIAL_VERBS,
    EPISTEMIC_MODALS,
    NEGATING_ADJECTIVES,
    NEGATING_FORMS,
    NEGATING_PREFIXES,
    NEGATION_PHRASES,
    NEGATION_WORDS,
    PARAPHRASE_OPPOSITES,
    PROBABILITY_ADVERBS,
    RARE_FREQUENCY,
    antonyms,
    parse,
    words_pattern,
)
from ...language import opposite as words_opposite
from .._text import STOPWORDS, denied_by_prefix, normalise, stem
from ._copy import NearCopy, _affixed, converse, dropped_hedge, negation_changed, opposite
from ._parse import Evidence
from ._result import FactResult, fail, not_applicable, ok

__all__ = ["check_hedge", "check_polarity", "negated_scopes"]

POLARITY, HEDGE = "polarity", "hedge_made_certain"

# A word that denies (or, for a frequency, all but denies) what it governs; not when it only limits a figure or a
# scope ("not only", "no more than", "not all": those are the scope check's).
_DENIAL = "|".join(
    sorted(NEGATION_WORDS | RARE_FREQUENCY | {"unsuccessful"}) + [p.replace(" ", r"\s+") for p in NEGATION_PHRASES]
)
_DENYING_VERBS = "|".join(sorted(NEGATING_FORMS | NEGATING_ADJECTIVES))
_NEGATION = re.compile(
    rf"\b(?:{_DENIAL}|(?:{_DENYING_VERBS})\s+to|\w*n't)(?!\w)"
    r"(?!\s+(?:the\s+)?(?:only|just|all|every|least|less|doubt|longer than|more than)\b)(?!\.?\s*\d)",
    re.IGNORECASE,
)
# A verb of denial says that what it governs is not so ("denied having any role" for "had no role"): a sentence that
# uses one carries a negation of its own, so a negation on the other side is no flip. It flips nothing by itself:
# "rejected the plan" and "dismissed the claims" have senses a bare negation does not restate.
_DENIAL_VERB = re.compile(words_pattern(DENIAL_VERBS, inflect=True), re.IGNORECASE)
_CLAUSE_END = re.compile(r"[,;:.!?()]|\b(?:but|although|though|while|whereas|and|because|when|as)\b", re.IGNORECASE)
SCOPE = 3

# Opposed words (``language.PARAPHRASE_OPPOSITES``), as stems: one side in the sentence, the other in the source,
# never both in either. Prefixes that make a word its own opposite: ``language.NEGATING_PREFIXES``.


def _inflected(words: str) -> frozenset[str]:
    """Stems of every inflection of the words: the crude stemmer keys "agree" and "agreed" apart."""
    forms = [w + suffix for w in words.split() for suffix in ("", "s", "d", "ed", "ing", "es")]
    return frozenset(stem(f) for f in forms)


_OPPOSED_STEMS = [(_inflected(a), _inflected(b)) for a, b in PARAPHRASE_OPPOSITES]
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
MIN_ANTONYM_COVERAGE = 0.25
MIN_NEGATION_COVERAGE = 0.4


def _stems_after(text: str, start: int, limit: int = SCOPE) -> set[str]:
    out: set[str] = set()
    rest = text[start:]
    stop = _CLAUSE_END.search(rest)
    if stop:
        rest = rest[: stop.start()]
    for word in re.findall(r"[a-z0-9]+(?:'[a-z]+)?", rest.lower()):
        if word not in STOPWORDS and len(word) > 1:
            out.add(stem(word))
            if len(out) >= limit:
                break
    return out


def _stems_before(text: str, end: int, limit: int = SCOPE) -> set[str]:
    """Content stems of the clause before a position (its subject, mostly), nearest first."""
    head = text[:end]
    stops = list(_CLAUSE_END.finditer(head))
    if stops:
        head = head[stops[-1].end() :]
    words = [w for w in re.findall(r"[a-z0-9]+(?:'[a-z]+)?", head.lower()) if w not in STOPWORDS and len(w) > 1]
    return {stem(w) for w in words[-limit:]}


def negated_scopes(text: str) -> list[frozenset[str]]:
    """The content stems each negation governs (up to three, inside its clause), synonyms folded."""
    return [_fold(s) for match in _NEGATION.finditer(text) if (s := _stems_after(text, match.end()))]


_FAILING = re.compile(rf"(?:{_DENYING_VERBS}|unsuccessful)\b", re.IGNORECASE)


def _double_negation_risk(text: str) -> bool:
    """A negation other than a verb of failing: with an antonym it may cancel out ("did not reject")."""
    return any(not _FAILING.match(m.group()) for m in _NEGATION.finditer(text))


def _negations(text: str) -> list[tuple[frozenset[str], frozenset[str]]]:
    """(subject stems, negated stems) of each negation: who is denied, and what."""
    return [
        (_fold(_stems_before(text, match.start())), _fold(s))
        for match in _NEGATION.finditer(text)
        if (s := _stems_after(text, match.end()))
    ]


def _scope_of(text: str, stems: frozenset[str]) -> set[str]:
    """Content stems around the first word of ``text`` whose stem is one of ``stems``: what it is said of."""
    words = list(re.finditer(r"[A-Za-z0-9]+|[;.!?]", text))
    for i, match in enumerate(words):
        if stem(match.group().lower()) in stems:
            out: set[str] = set()
            for step in (-1, 1):  # up to SCOPE + 1 content words each side, inside the sentence
                j, found = i + step, 0
                while 0 <= j < len(words) and found <= SCOPE and words[j].group() not in ";.!?":
                    word = words[j].group().lower()
                    if word not in STOPWORDS and len(word) > 1:
                        out.add(stem(word))
                        found += 1
                    j += step
            return out
    return set()


def _prefixed_opposite(
    claim: frozenset[str], source: frozenset[str], everywhere: frozenset[str] | set[str]
) -> tuple[str, str] | None:
    """A word no source uses whose opposite by a negating prefix the source sentence has: "unsuitable" where the
    source says "suitable" (a word the sources use elsewhere is theirs, and may be a fair contrast)."""
    for word in sorted(claim - source - everywhere):
        for prefix, shortest in NEGATING_PREFIXES.items():
            bare = word.removeprefix(prefix)
            if bare != word and len(bare) >= shortest and bare in source and bare not in claim:
                return word, bare
            if prefix + word in source and prefix + word not in claim and len(word) >= shortest:
                return word, prefix + word
    return None


def _opposition(
    claim: frozenset[str],
    source: frozenset[str],
    claim_text: str,
    source_text: str,
    everywhere: frozenset[str] | set[str] = frozenset(),
    evidence: Evidence | None = None,
) -> tuple[str, str] | None:
    """Opposed words said of the same thing: "sales ... resume" against "sales ... prohibited"; the pairs of
    ``PARAPHRASE_OPPOSITES``, then WordNet's antonyms (``_wordnet_opposition``)."""
    prefixed = _prefixed_opposite(claim, source, everywhere)
    if prefixed:
        return prefixed
    for a, b in _OPPOSED_STEMS:
        for mine, theirs in ((a, b), (b, a)):
            if (
                claim & mine
                and source & theirs
                and not claim & theirs
                and not source & mine
                and _fold(_scope_of(claim_text, mine)) & _fold(_scope_of(source_text, theirs))
                and not (evidence is not None and converse(claim_text, set(claim & mine), evidence.doc, set(theirs)))
            ):
                return min(claim & mine), min(source & theirs)
    if evidence is not None:
        return _wordnet_opposition(claim, source, claim_text, evidence)
    return None


CONTRARY_TAGS = frozenset({"ADJ", "ADV"})  # the parts of speech whose WordNet antonyms are contraries


def _wordnet_opposition(
    claim: frozenset[str], source: frozenset[str], claim_text: str, evidence: Evidence
) -> tuple[str, str] | None:
    """A WordNet antonym (``language.antonyms``) of a word only the sentence has, found only in the source
    sentence, said of the same thing (the words around each share a content word), and an adjective or adverb in
    the source's parse. WordNet's antonymy holds per sense and part of speech; in other words (not a copy) only
    the adjective pairs are contraries about one property of one thing ("alive" / "dead", "deep" / "shallow").
    Its noun and verb pairs are mostly converses or the two ends of one event ("parent" / "child", "lend" /
    "borrow", "leave" / "arrive"): a paraphrase may say the same fact from the other end, so they count only where
    a near copy puts one in the other's slot (``_copy.opposite``)."""
    for mine in sorted(claim - source):
        for theirs in sorted(antonyms(mine) & (source - claim)):
            if _affixed(mine, theirs):
                continue  # "legal" / "illegal": the prefix rule (``_prefixed_opposite``) judges those
            if not _fold(_scope_of(claim_text, frozenset({mine}))) & _fold(
                _scope_of(evidence.text, frozenset({theirs}))
            ):
                continue
            tags = {t.pos_ for t in evidence.doc if stem(t.lower_) == theirs} & CONTRARY_TAGS
            if any(theirs in antonyms(mine, tag) for tag in tags):
                return mine, theirs
    return None


def _word_of(stemmed: str, text: str) -> str:
    """The word of ``text`` that ``stemmed`` is the stem of, as a reader wrote it ("welcomed", not "welcom")."""
    return next((word for word in re.findall(r"[\w'’-]+", text) if stem(word.lower()) == stemmed), stemmed)


def check_polarity(
    sentence: str,
    claim_stems: frozenset[str],
    candidates: list[Evidence],
    verbatim: bool = False,
    source_stems: frozenset[str] | set[str] = frozenset(),
    copy: NearCopy | None = None,
) -> FactResult:
    """``source_stems``: every content stem of the sources, so a prefixed opposite counts only when new.
    ``copy``: the source sentence the sentence copies but for a few words, if any (``_copy``): a changed word
    that is the opposite of the word it replaces says the contrary of the source, however close the rest, and so
    does a denial put in or taken out; a copy that does both is a double negation ("did not convict" for
    "acquitted") and says what the source says; a copy that changes neither says what the sentence it copies says,
    and no other source sentence makes it a flip."""
    if copy is not None:
        flipped = opposite(copy, source_stems)
        if flipped and negation_changed(copy, flipped[0]):
            return ok(POLARITY)  # a double negation: "did not reject" for "approved" says what the source says
        if flipped:
            claimed, stated = _word_of(flipped[0], sentence), _word_of(flipped[1], copy.evidence.text)
            said = f'the sentence says "{claimed}" where the source says "{stated}"'
            return fail(POLARITY, f'{said}: "{copy.evidence.text}"')
        if negation_changed(copy):
            return fail(POLARITY, f'the sentence denies what the source states, or the reverse: "{copy.evidence.text}"')
        return ok(POLARITY)
    if not claim_stems or not candidates or verbatim:
        return not_applicable(POLARITY)
    text = normalise(sentence)
    claim_scopes = negated_scopes(text)
    claim_denies = bool(_DENIAL_VERB.search(text))
    folded = _fold(claim_stems)
    judged = False
    for evidence in candidates:
        theirs = _fold(evidence.stems)
        shared = folded & theirs
        coverage = len(shared) / len(folded)
        if len(shared) < min(MIN_SHARED, max(2, len(folded) // 2)) or len(evidence.text) > MAX_SENTENCE_CHARS:
            continue
        negations = _negations(evidence.text)
        source_scopes = [scope for _, scope in negations]
        if coverage >= MIN_NEGATION_COVERAGE:
            judged = True
            # a flip needs one side free of negation: two negations in different places are too easy to misread;
            # and the source's negation must be about the sentence's subject, when its clause names one
            for subject, scope in negations if not claim_scopes and not claim_denies else []:
                if len(scope & folded) >= min(2, len(scope)) and (not subject or subject & folded):
                    return fail(POLARITY, f'the source negates what the sentence asserts: "{evidence.text}"')
            for scope in claim_scopes if not source_scopes and not _DENIAL_VERB.search(evidence.text) else []:
                if denied_by_prefix(scope, theirs):
                    continue  # "is not experienced" for "is inexperienced": both deny it
                if len(scope & theirs) >= min(2, len(scope)) and coverage >= 0.6:
                    return fail(POLARITY, f'the sentence negates what the source asserts: "{evidence.text}"')
        # a compound sentence may hold the source sentence whole: its share of the source counts too
        overlap = max(coverage, len(shared) / max(1, len(theirs)) - 0.2)
        if overlap >= MIN_ANTONYM_COVERAGE and not claim_scopes and not _double_negation_risk(evidence.text):
            judged = True
            flipped = _opposition(claim_stems, evidence.stems, text, evidence.text, source_stems, evidence)
            if flipped:
                claimed, stated = _word_of(flipped[0], text), _word_of(flipped[1], evidence.text)
                said = f'the sentence says "{claimed}" where the source says "{stated}"'
                return fail(POLARITY, f'{said}: "{evidence.text}"')
    inserted = _negation_inserted(text, folded, candidates)
    if inserted:
        return fail(POLARITY, f'the sentence denies what the source states: "{inserted}"')
    rare = _rarely_against_source(text, folded, candidates)
    if rare:
        return fail(POLARITY, f'the sentence says it rarely happens where the source says it does: "{rare}"')
    reversed_at = _comparison_reversed(text, folded, candidates)
    if reversed_at:
        (claimed, stated), evidence = reversed_at
        said = f'the sentence says "{claimed}" where the source says "{stated}"'
        return fail(POLARITY, f'{said}: "{evidence.text}"')
    return ok(POLARITY) if judged else not_applicable(POLARITY)


_RARE = re.compile(r"\b(?:" + "|".join(sorted(RARE_FREQUENCY)) + r")\b", re.IGNORECASE)
MIN_RARE_ALIGNMENT = 0.5


def _rarely_against_source(text: str, folded: frozenset[str], candidates: list[Evidence]) -> str | None:
    """A frequency that all but denies ("rarely feels isolating") where a source sentence saying the same thing
    asserts the predicate, or says it can or does happen ("can be isolating"): "rarely" and "can be" are opposite
    claims about how often, whatever else the sentences share. The predicate is the first content word the
    frequency governs; the source sentence must hold it, and half the sentence, and deny nothing itself."""
    for match in _RARE.finditer(text):
        governed = _stems_after(text, match.end(), limit=2)
        if not governed:
            continue
        for evidence in candidates:
            if len(evidence.text) > MAX_SENTENCE_CHARS or _NEGATION.search(evidence.text):
                continue
            theirs = _fold(evidence.stems)
            if _fold(frozenset(governed)) & theirs and len(folded & theirs) >= MIN_RARE_ALIGNMENT * len(folded):
                return evidence.text
    return None


MIN_COMPARISON_ALIGNMENT = 0.5


def _comparisons(doc: Any) -> list[tuple[Any, str, set[str], set[str]]]:
    """Each comparative of a parse that is asserted: (the comparative, the stem of what it grades, the content stems
    of the subject it is said of, those of its "than" phrase). "30 percent more likely" grades "likely"; "fewer
    jobs", "a higher risk" grade their noun; "the risk was higher" grades its subject."""
    from ._predicate import _negated

    found = []
    for token in doc:
        if token.tag_ not in ("JJR", "RBR") or token.dep_ not in ("advmod", "amod", "acomp", "attr"):
            continue
        graded = token.head if token.dep_ in ("advmod", "amod") else None
        verb = token.head
        while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
            verb = verb.head
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if graded is None:
            graded = subject
        if graded is None or graded.i == token.i or _negated(verb):
            continue
        than = [t for t in doc if t.lower_ == "than" and t.i > token.i]
        than_stems = {stem(w.lower_) for t in than[:1] for w in t.subtree if w.pos_ in ("NOUN", "PROPN")}
        subject_stems = (
            {stem(w.lower_) for w in subject.subtree if w.lower_ not in STOPWORDS and w.is_alpha}
            if subject is not None
            else set()
        )
        found.append((token, stem(graded.lower_), subject_stems, than_stems))
    return found


def _comparison_reversed(
    text: str, folded: frozenset[str], candidates: list[Evidence]
) -> tuple[tuple[str, str], Evidence] | None:
    """A comparative of the other direction than the source's, grading the same word of the same thing: "30 percent
    less likely" where the source says "30 percent more likely", "fewer jobs" for "more jobs", "a lower risk" for
    "a higher risk". A comparative places one thing on a scale against a standard, and its antonym ("more" /
    "less", "higher" / "lower": ``language.opposite``) places it on the other side of the same standard
    (comparative antonymy): both cannot hold of one thing. Read only where the two grade the same word, are said
    of subjects that share a word, deny nothing, and are not one comparison told from its other end ("men were
    more likely than women" is "women were less likely than men"): a subject that is the other's standard."""
    if not re.search(r"\b\w+er\b|\b(?:more|less|fewer)\b", text, re.IGNORECASE):
        return None
    mine = _comparisons(parse(text))
    if not mine:
        return None
    for evidence in candidates:
        theirs_stems = _fold(evidence.stems)
        if len(evidence.text) > MAX_SENTENCE_CHARS or len(folded & theirs_stems) < MIN_COMPARISON_ALIGNMENT * len(
            folded
        ):
            continue
        theirs = _comparisons(evidence.doc)
        for token, graded, subject, than in mine:
            if any(g == graded and not words_opposite(t.lower_, token.lower_) for t, g, _, _ in theirs):
                continue  # the source grades it the same way too
            for other, their_graded, their_subject, their_than in theirs:
                if their_graded != graded or not words_opposite(token.lower_, other.lower_):
                    continue
                if (subject & their_than) or (their_subject & than):
                    continue  # one comparison from its other end
                if subject and their_subject and not subject & their_subject:
                    continue
                if any(words_opposite(token.lower_, t.lower_) and g == graded for t, g, _, _ in mine if t is not token):
                    continue
                return (token.text, other.text), evidence
    return None


# The plain denials (no "without", no "rather than": they paraphrase a source's wording as often as they deny it).
_PLAIN_NEGATION = re.compile(
    "|".join(sorted(NEGATION_WORDS - {"without"} | RARE_FREQUENCY | {"unsuccessful"}))
    + rf"|\w*n't|(?:{_DENYING_VERBS})\s+to",
    re.IGNORECASE,
)


def _negation_inserted(text: str, folded: frozenset[str], candidates: list[Evidence]) -> str | None:
    """A source sentence with no negation that states what one of the sentence's negations denies, of the same
    subject: "the team did not discuss the budget" against "the team discussed the budget". Clause by clause, so
    a summary that joins several source sentences is read too."""
    for match in _NEGATION.finditer(text):
        if not _PLAIN_NEGATION.fullmatch(match.group()):
            continue  # "without", "rather than": they paraphrase a source's wording as often as they deny it
        subject = _fold(_stems_before(text, match.start()))
        scope = _fold(_stems_after(text, match.end()))
        if len(scope) < 2 or not subject:
            continue
        for evidence in candidates:
            if len(evidence.text) > MAX_SENTENCE_CHARS or _NEGATION.search(evidence.text):
                continue
            theirs = _fold(evidence.stems)
            if scope <= theirs and subject & theirs and len(folded & theirs) >= MIN_SHARED:
                return evidence.text
    return None


# ---------------------------------------------------------------------------------------------- hedges

_SOURCE_HEDGE = re.compile(
    r"\b(?:(?-i:may)|might|could|appears?|appeared|seems?|seemed|suggests?|suggested|suggesting|reportedly|"
    r"allegedly|alleged|purportedly|think|thinks|believed?|believes|likely|possibly|probably|perhaps|unconfirmed|"
    r"(?:is|are|was|were) said to|expected to|feared|suspected|unclear)\b"
    r"(?!\s+(?:of|about|it|me|him|her|them|us|you)\b)",
    re.IGNORECASE,
)
# A speaker's own "I think", "we may", "you could" is talk, not a source hedging a fact ("could you send ..." too).
_CONVERSATIONAL = re.compile(
    r"\b(?:i|we|you|i'd|we'd|you'd|i'm|we're|you're)\s+(?:\w+ly\s+)?(?:do\s+|really\s+|"
    r"just\s+)?$",
    re.IGNORECASE,
)
_ASKING = re.compile(r"\s+(?:you|i|we)\b", re.IGNORECASE)  # "could you send", "may I ask": a request, no hedge
# Hedges that keep a sentence a supposition even beside a verb of proof ("the report shows it might ...").
_STRONG_HEDGE = re.compile(
    r"\b(?:(?-i:may)|might|could|appears?|seems?|suggests?|suggested|likely|possibly|perhaps|"
    r"probably|reportedly|allegedly|alleged|if|whether)\b",
    re.IGNORECASE,
)
_CLAIM_HEDGE = re.compile(
    r"\b(?:(?-i:may)|might|could|would|can|appears?|appeared|seems?|seemed|suggests?|suggested|suggesting|"
    r"reportedly|allegedly|alleged|purportedly|think|thinks|thought|believed?|believes|likely|possibly|probably|"
    r"perhaps|unconfirmed|said to|expected|feared|suspected|unclear|claims?|claimed|apparently|if|whether|"
    r"look(?:s|ed)? like|as if|as though)\b",
    re.IGNORECASE,
)
# Reporting without a hedge: fair for a hedged source unless the sentence also claims proof.
_CLAIM_REPORTED = re.compile(
    r"\b(?:according to|say|says|said|told|argue[sd]?|warn(?:s|ed)?|fears?|observe[sd]?|"
    r"note[sd]?|describe[sd]?|call(?:s|ed)?|report(?:s|ed)?)\b",
    re.IGNORECASE,
)
# Verbs of proof: a sentence that uses one states as established what a hedged source only supposes.
_CERTAIN = re.compile(
    r"\b(?:shows?|showed|shown|establish(?:es|ed)?|proves?|proved|proven|demonstrat\w+|"
    r"confirms?|confirmed|reveal(?:s|ed)?|makes? clear|made clear|found that|finds that)\b",
    re.IGNORECASE,
)
MIN_HEDGE_COVERAGE = 0.5
_MODAL = re.compile(words_pattern(EPISTEMIC_MODALS), re.IGNORECASE)  # a source hedge that is a modal
#: A source "sentence" longer than this is a run-on of captions or page furniture (scraped corpora): its scopes
#: cannot be read, so polarity and hedges do not judge against it.
MAX_SENTENCE_CHARS = 400


# Verbs of supposing that may close their clause ("climate change is to blame, scientists think,"): then what
# they hedge comes before them. Every other hedge governs what follows it ("could soon move to Porto").
_PARENTHETICAL = re.compile(r"(?:think|thinks|believe|believes|suggest|suggests|suggested|fear|feared)\W*[,.;]")


_COMPLEMENT = re.compile(
    r"(?:think|thinks|believe|believes|suggest|suggests|suggested|fear|feared|indicates?)"
    r"\s+(?:that\s+)?",
    re.IGNORECASE,
)


def _hedge_scope(text: str, match: re.Match[str]) -> set[str]:
    """What a hedge governs: the clause before a parenthetical "scientists think,", the whole complement of
    "suggest that", else the words after a modal up to the clause's end."""
    if _PARENTHETICAL.match(text, match.start()):
        head = text[: match.start()].rstrip()
        cut = head.rfind(",")  # "Climate change is to blame too, scientists think": the clause before the subject
        return _stems_before(
            head[:cut] if cut > 0 else head, len(head[:cut]) if cut > 0 else len(head), limit=2 * SCOPE
        )
    if _COMPLEMENT.match(text, match.start()):
        rest = text[match.end() :]
        end = re.search(r"[.;!?](?:\s|$)", rest)
        rest = rest[: end.start()] if end else rest
        return {stem(w) for w in re.findall(r"[a-z0-9]+", rest.lower()) if w not in STOPWORDS and len(w) > 1}
    return _stems_after(text, match.end())


def check_hedge(
    sentence: str,
    claim_stems: frozenset[str],
    candidates: list[Evidence],
    verbatim: bool = False,
    copy: NearCopy | None = None,
) -> FactResult:
    """``copy``: the source sentence the sentence copies but for a few words, if any (``_copy``): a hedge of the
    source that the copy leaves out, or replaces with a plain assertion, is a supposition stated as fact.

    A sentence that reports someone's words ("X said ...") may report a view as a view: "scientists think" told as
    "scientists say" changes the report, not what was said. But an adverb of probability inside the reported words
    ("quoted him as saying Greece would probably not pay") is the speaker's own estimate, part of what was said;
    a report that leaves it out ("said Greece would not pay") gives the speaker a certainty they did not claim. So
    is a modal of possibility inside the reported words ("said the rainfall may have been the heaviest").

    "Would" with no report is the conditional of "will": a prediction under a supposition ("a collapse would cost
    exporters $4 billion"). It states what a source's "will" or "is expected to" states, but not what a modal of
    possibility leaves open ("a collapse could cost"): modal force is part of the claim (possibility is weaker
    than prediction), so against a "may", "might", "could" or an adverb of probability it is read as certain."""
    if copy is not None:
        hedge = dropped_hedge(copy)
        if hedge:
            return fail(HEDGE, f'the source hedges this ("{hedge}"): "{copy.evidence.text}"', "unsupported")
        return ok(HEDGE)  # the copy keeps every hedge of the sentence it copies
    if not claim_stems or not candidates or verbatim:
        return not_applicable(HEDGE)
    text = normalise(sentence)
    reported = False  # a report of someone's words: only a hedge that was part of those words is its to keep
    predictive = False  # "would" alone: a prediction under a supposition, which a possibility does not make
    if _CERTAIN.search(text):
        if _STRONG_HEDGE.search(text):
            return not_applicable(HEDGE)
    elif _CLAIM_REPORTED.search(text) and not any(m.group().lower() != "would" for m in _CLAIM_HEDGE.finditer(text)):
        # "would" in a report is the tense of indirect speech ("said Greece would not pay"), no hedge of its own
        reported = True
    elif {m.group().lower() for m in _CLAIM_HEDGE.finditer(text)} == {"would"} and not _CLAIM_REPORTED.search(text):
        predictive = True
    elif _CLAIM_HEDGE.search(text) or _CLAIM_REPORTED.search(text):
        return not_applicable(HEDGE)
    for evidence in candidates:
        if (
            len(claim_stems & evidence.stems) / len(claim_stems) < MIN_HEDGE_COVERAGE
            or len(evidence.text) > MAX_SENTENCE_CHARS
        ):
            continue
        for match in _SOURCE_HEDGE.finditer(evidence.text):
            modal = bool(_MODAL.fullmatch(match.group()))
            if predictive and not (modal or match.group().lower() in PROBABILITY_ADVERBS):
                continue  # "would" restates an expectation ("expected to"), not a possibility ("could")
            if (
                reported
                and match.group().lower() not in PROBABILITY_ADVERBS
                and not (modal and _CLAIM_REPORTED.search(evidence.text, 0, match.start()))
            ):
                continue  # "scientists think" reported as "scientists say": the report changes, not what was said
            if _CONVERSATIONAL.search(evidence.text[max(0, match.start() - 24) : match.start()]) or _ASKING.match(
                evidence.text, match.end()
            ):
                continue
            scope = _hedge_scope(evidence.text, match)
            if len(scope & claim_stems) < 2 and _MODAL.fullmatch(match.group()) and scope & claim_stems:
                # a modal hedges its whole clause, its subject too: "the recovery key might be stolen"
                scope = scope | _stems_before(evidence.text, match.start())
            if len(scope & claim_stems) >= (2 if len(scope) <= 2 * SCOPE else 3):
                return fail(
                    HEDGE,
                    f'the source only says it {match.group().lower()}s so: "{evidence.text}"'
                    if match.group().lower() in ("suggest", "think", "appear", "seem")
                    else f'the source hedges this ("{match.group()}"): "{evidence.text}"',
                    "unsupported",
                )
    return ok(HEDGE)
