"""What a sentence copied from a source sentence changes in it: the near copy, and the kind of each change.

A writer who copies a source sentence and changes a word or two asserts what the source asserts except in those
words: the changed words are the sentence's whole difference from its source, so they must say what the words they
replace say. A change is read by its kind, and the structural checks judge the kinds they own:

* a word for its opposite ("increased" for "decreased", "illegal" for "legal", "include" for "exclude"): polarity;
* a hedge dropped ("may" made "will", "reportedly" or "alleged" left out, "plans to build" made "will build",
  "scientists think that X" made "X"): hedge_made_certain;
* a name for another name the source uses for someone or something else: attribution when the source's name is a
  speaker there, conflation otherwise;
* what a named person is (a title before the name, an apposition, a predicate) for another such word the source
  uses: roles_and_titles.

A synonym, a pronoun, a number written another way or a reordered clause is a change of none of these kinds: no
check fails it. Only a near copy is read this way; a paraphrase is left to the checks that compare meaning in
other words. This is how the checker reads a copy whatever its alignment score: "verbatim" at the
character level (``Claim.verbatim``) still lets one word in twenty change.

It is longer than 400 lines on purpose: the alignment and the readers of each kind of change are one idea, and
each reader serves only the check that judges its kind.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any

from ...language import (
    ATTITUDE_NOUNS,
    DEMONYMS,
    EPISTEMIC_MODALS,
    EVIDENTIAL_ADVERBS,
    EXPECTATION_PREDICATES,
    HEARSAY_PARTICIPLES,
    HEDGE_VERBS,
    INTENTION_VERBS,
    NEGATING_FORMS,
    NEGATING_PREFIXES,
    NEGATION_WORDS,
    NONFACTIVE_VERBS,
    OPPOSED_AFFIXES,
    OPPOSED_SUFFIXES,
    QUALIFYING_ADJECTIVES,
    RARE_FREQUENCY,
    REPORTING_FORMS,
    VIEW_VERBS,
    antonyms,
    forms,
    listed_opposites,
    opposed_stances,
    parse,
    stem,
)
from ...language import opposite as language_opposite
from .._text import MONTHS, WEEKDAYS, normalise
from ._parse import Evidence, SourceFacts

__all__ = [
    "Change",
    "NearCopy",
    "added_clause",
    "converse",
    "dropped_hedge",
    "near_copy",
    "negation_changed",
    "opposed",
    "opposite",
    "swapped_name",
    "swapped_role",
]

_TOKEN = re.compile(r"[A-Za-z]+(?:'[a-z]+)?|\d+(?:[.,]\d+)*|[^\w\s]")
MIN_WORDS = 5  # a shorter sentence is a phrase, and a copy of a phrase says little about the rest
MIN_COPIED = 0.75  # of the written words that stand in the source sentence, in order
MAX_CHANGES = 3  # stretches changed, added or left out inside the copy
MAX_SPAN = 4  # words one change may hold on either side
MAX_SOURCE_CHARS = 400  # a longer source "sentence" is a run-on of captions (scraped corpora)


@dataclass(frozen=True)
class Change:
    """One changed stretch of a near copy: the written words and the source words they stand for (either may be
    empty: words added or left out), with where each starts."""

    written: tuple[str, ...]
    source: tuple[str, ...]
    at: int  # index of the first written token (in ``NearCopy.tokens``)
    source_at: int  # index of the first source token (in ``NearCopy.source_tokens``)


@dataclass(frozen=True)
class NearCopy:
    """A written sentence that copies ``evidence`` but for ``changes``; ``lead`` and ``tail`` are the source words
    before and after the stretch copied (a copy of part of a sentence leaves them out)."""

    evidence: Evidence
    tokens: tuple[str, ...]
    source_tokens: tuple[str, ...]
    source_offsets: tuple[int, ...]  # character offset of each source token in ``evidence.text``
    changes: tuple[Change, ...]
    lead: tuple[str, ...]
    tail: tuple[str, ...]


def _tokens(text: str) -> tuple[tuple[str, ...], tuple[int, ...]]:
    found = [(m.group(), m.start()) for m in _TOKEN.finditer(text)]
    return tuple(t for t, _ in found), tuple(o for _, o in found)


def _words(tokens: tuple[str, ...]) -> list[str]:
    return [t for t in tokens if t[:1].isalnum()]


def near_copy(sentence: str, candidates: list[Evidence]) -> NearCopy | None:
    """The source sentence the written one copies, with what it changes; None when no candidate is copied (most
    of the written words, in order, with at most ``MAX_CHANGES`` short stretches changed inside the copy)."""
    tokens, _ = _tokens(normalise(sentence))
    if len(_words(tokens)) < MIN_WORDS:
        return None
    lower = [t.lower() for t in tokens]
    # (words copied, fewest stretches changed, the source sentence, difflib's opcodes): of two source sentences it
    # copies as many words of, the one it changes least is what it copies; an outlet's sentence copied word for
    # word is that outlet's, not another's with "reportedly" added (Smoke test 39a #2)
    best: tuple[int, int, Evidence, list[Any]] | None = None
    for evidence in candidates:
        if len(evidence.text) > MAX_SOURCE_CHARS:
            continue
        source, _ = _tokens(evidence.text)
        matcher = SequenceMatcher(None, lower, [t.lower() for t in source], autojunk=False)
        copied = sum(b.size for b in matcher.get_matching_blocks())
        opcodes = matcher.get_opcodes()
        changed = -sum(tag != "equal" for tag, *_ in opcodes)
        if best is None or (copied, changed) > best[:2]:
            best = (copied, changed, evidence, opcodes)
    if best is None:
        return None
    copied, _, evidence, opcodes = best
    if copied < MIN_COPIED * len(tokens):
        return None
    source, offsets = _tokens(evidence.text)
    lead: tuple[str, ...] = ()
    tail: tuple[str, ...] = ()
    # ("insert": source words the sentence lacks; "delete": written words the source lacks)
    if opcodes and opcodes[0][0] == "insert":  # the copy starts inside the source sentence
        lead = source[: opcodes[0][4]]
        opcodes = opcodes[1:]
    if (
        not lead
        and len(opcodes) >= 2
        and opcodes[-1][0] == "equal"
        and opcodes[-2][0] == "insert"
        and not _words(tokens[opcodes[-1][1] : opcodes[-1][2]])
    ):  # a copy of the source's first clause that ends with its full stop: the stop is no word copied
        opcodes = opcodes[:-1]
    if opcodes and opcodes[-1][0] == "insert":  # and ends before its end
        tail = source[opcodes[-1][3] :]
        opcodes = opcodes[:-1]
    changes = tuple(Change(tokens[i1:i2], source[j1:j2], i1, j1) for tag, i1, i2, j1, j2 in opcodes if tag != "equal")
    # punctuation and case alone are no change of meaning, and a stretch moved elsewhere (a clause put after the
    # rest) is no change either: its words stand on the other side
    written_words, source_words = set(lower), {t.lower() for t in source}
    changes = tuple(
        c
        for c in changes
        if (_words(c.written) or _words(c.source))
        and not _moved(c.written, source_words)
        and not _moved(c.source, written_words)
    )
    if _moved(lead, written_words):
        lead = ()
    if _moved(tail, written_words):
        tail = ()
    if len(changes) > MAX_CHANGES or any(
        (len(_words(c.written)) > MAX_SPAN and not _appended(c, len(tokens))) or len(_words(c.source)) > MAX_SPAN
        for c in changes
    ):
        return None
    return NearCopy(evidence, tokens, source, offsets, changes, lead, tail)


def _moved(tokens: tuple[str, ...], other: set[str]) -> bool:
    """Words of one side, two or more, that all stand on the other side too: moved, not changed."""
    words = [w.lower() for w in _words(tokens)]
    return len(words) >= 2 and all(w in other for w in words)


def _appended(change: Change, length: int) -> bool:
    """Words the sentence adds after the copy ("..., which led to X"): a clause of its own, of any length."""
    return not change.source and change.at + len(change.written) >= length - 1


def added_clause(copy: NearCopy) -> str:
    """The words the sentence adds after what it copies ("" when it adds none)."""
    for change in copy.changes:
        if _appended(change, len(copy.tokens)):
            return " ".join(change.written)
    return ""


# ---------------------------------------------------------------------------------------------- opposites


def opposed(a: str, b: str, pos: str | None = None) -> bool:
    """Whether two words say the contrary of each other: opposites by ``language.opposite`` (the hand-written
    pairs and WordNet's antonyms, in the source word's part of speech ``pos`` when known), a word and its negating
    prefix ("legal" / "illegal"), or one stem under opposed affixes ("include" / "exclude", "careful" /
    "careless")."""
    return language_opposite(a.lower(), b.lower(), pos) or _affixed(a.lower(), b.lower())


def _affixed(a: str, b: str) -> bool:
    for x, y in ((a, b), (b, a)):
        for prefix, shortest in NEGATING_PREFIXES.items():
            if x == prefix + y and len(y) >= shortest:
                return True
        for p, q in OPPOSED_AFFIXES:
            if x.startswith(p) and y.startswith(q) and x[len(p) :] == y[len(q) :] and len(x) - len(p) >= 3:
                return True
        for p, q in OPPOSED_SUFFIXES:
            if x.endswith(p) and y.endswith(q) and x[: -len(p)] == y[: -len(q)] and len(x) - len(p) >= 3:
                return True
    return False


def opposite(copy: NearCopy, known: frozenset[str] | set[str] = frozenset()) -> tuple[str, str] | None:
    """(written, source) words of a change that are opposites. ``known``: the stems the sources use anywhere; an
    opposite by affix that the sources use elsewhere is theirs ("employment" where they also say it), a contrast
    they draw, not a flip. A WordNet antonym counts in the part of speech the source word has in the source
    sentence's parse: the change and the word it replaces stand in the same slot, so the slot's part of speech is
    the source word's."""
    for change in copy.changes:
        for mine in _words(change.written):
            for at, theirs in enumerate(change.source):
                if not theirs[:1].isalnum():
                    continue
                a, b = mine.lower(), theirs.lower()
                if (listed_opposites(a, b) or opposed_stances(a, b)) and not _converse(
                    copy, mine, change.source_at + at
                ):
                    return mine, theirs
                if _affixed(a, b):  # WordNet lists many affixed pairs too; they keep the affix rule
                    if stem(a) not in known:
                        return mine, theirs
                    continue
                if stem(b) in antonyms(a) and language_opposite(a, b, _source_pos(copy, change.source_at + at)):
                    if _converse(copy, mine, change.source_at + at):
                        continue
                    return mine, theirs
    return None


def _converse(copy: NearCopy, written_verb: str, source_index: int) -> bool:
    source_verb = _source_token(copy, source_index)
    if source_verb is None:
        return False
    return converse(" ".join(copy.tokens), {written_verb.lower()}, copy.evidence.doc, {source_verb.lower_})


def converse(written: str, written_words: set[str], source_doc: Any, source_words: set[str]) -> bool:
    """Whether an opposite verb tells the same event from its other end: the written verb's subject is one of the
    source verb's other participants and the source verb's subject one of the written verb's ("Ashby Town won the
    final against Northfield Rovers" for "Northfield Rovers lost the final to Ashby Town"; "B bought it from A" for
    "A sold it to B"). Converse verbs exchange their participants; opposites of one subject do not. The words are
    given as forms or stems of the two verbs."""
    written_verbs = [t for t in parse(written) if _is_verb_of(t, written_words)]
    source_verbs = [t for t in source_doc if _is_verb_of(t, source_words)]
    return any(
        _takes_part(_subject_heads(mine), theirs) and _takes_part(_subject_heads(theirs), mine)
        for mine in written_verbs
        for theirs in source_verbs
    )


def _is_verb_of(token: Any, words: set[str]) -> bool:
    return token.pos_ in ("VERB", "AUX") and (token.lower_ in words or stem(token.lower_) in words)


def _subject_heads(verb: Any) -> set[str]:
    return {t.lower_ for c in verb.children if c.dep_ == "nsubj" for t in c.subtree if t.pos_ in ("PROPN", "NOUN")}


def _takes_part(names: set[str], verb: Any) -> bool:
    """Whether the words of a noun phrase name one of the verb's participants other than its subject."""
    others = {
        t.lower_
        for c in verb.children
        if c.dep_ in ("dobj", "prep", "dative", "agent", "pobj")
        for t in c.subtree
        if t.pos_ in ("PROPN", "NOUN")
    }
    return bool(names) and names <= others


def _source_pos(copy: NearCopy, index: int) -> str | None:
    """spaCy's coarse part of speech of a source token. English capitalises proper nouns, so a lower-case word the
    small tagger calls one ("his national federation") is a misreading whose true part of speech is unknown: left
    open (``None``), as for a token not found."""
    token = _source_token(copy, index)
    if token is None or (token.pos_ == "PROPN" and token.text.islower()):
        return None
    return str(token.pos_)


_DENIALS = NEGATION_WORDS | RARE_FREQUENCY
# The negative implicatives deny only before their "to" ("declined to comment" is "would not comment"; "declined
# the offer" is the opposite of "accepted" it, for the antonym readings): ``language.NEGATING_VERBS``. In a near copy
# the changed stretch may hold the verb while its "to" stands outside it.


def _denies(tokens: tuple[str, ...], sequence: tuple[str, ...] = (), at: int = 0) -> bool:
    """Whether the stretch ``tokens`` (starting at ``at`` in ``sequence``) holds a word that denies."""
    for offset, token in enumerate(tokens):
        word = token.lower()
        if word in _DENIALS or word.endswith("n't"):
            return True
        after = at + offset + 1
        if word in NEGATING_FORMS and after < len(sequence) and sequence[after].lower() == "to":
            return True
    return False


def negation_changed(copy: NearCopy, word: str | None = None) -> bool:
    """Whether a change puts in or takes out a word that denies ("not", "never", "rarely", "-n't"); with ``word``,
    the change that writes that word. A double negation ("did not reject" for "approved") denies the opposite word
    itself, in the stretch that changes it or one beside it in the same phrase (at most two words between: "isn't
    an experienced" for "is an inexperienced"); a denial left out elsewhere ("said, without giving figures, that")
    governs other words and cancels no opposite."""
    changes = [c for c in copy.changes if word is None or word in c.written]
    if word is not None:  # the denial may stand in its own stretch of the same phrase: "is" -> "isn't" | an | ...
        changes += [c for c in copy.changes if c not in changes and any(_gap(c, t) <= 2 for t in changes)]
    flips = [
        c
        for c in changes
        if _denies(c.written, copy.tokens, c.at) != _denies(c.source, copy.source_tokens, c.source_at)
    ]
    if word is None and len(flips) == 2 and _incorporated(copy, *flips):
        return False
    return bool(flips)


def _gap(a: Change, b: Change) -> int:
    """Written words between two changes."""
    first, second = sorted((a, b), key=lambda c: c.at)
    return second.at - (first.at + len(first.written))


#: Negative determiners and pronouns: "no" is "not any", "nothing" is "not anything" (negative incorporation).
_NEGATIVE_DETERMINERS = frozenset("no none nothing nobody never".split())


def _verbal(denials: set[str]) -> bool:
    """Whether the denials are the verb's own: "not", "-n't"."""
    return bool(denials) and all(d == "not" or d.endswith("n't") for d in denials)


#: Words that open a clause of their own: a negation moved past one denies another predicate.
_CLAUSE_OPENERS = frozenset("that he she it they we i you who which whether if because".split())


def _incorporated(copy: NearCopy, first: Change, second: Change) -> bool:
    """Whether two changes only move one denial within a verb phrase: "was not making excuses" written "was making
    no excuses", "did not say anything" written "said nothing". English marks sentence negation either on the verb
    ("not") or on an indefinite it governs ("no", "nothing", "never": Klima 1964's negative incorporation), and the
    two say the same. So a "not" taken out and a negative determiner put in (or the reverse), with at most two
    words between them and no word that opens another clause, leave the polarity as it was; a denial moved into
    another clause ("did not say he would resign" / "said he would not resign") still changes it."""
    a, b = sorted((first, second), key=lambda c: c.at)
    out, put_in = (a, b) if _denies(a.source) else (b, a)
    if not (
        _denies(put_in.written) and not _denies(put_in.source) and _denies(out.source) and not _denies(out.written)
    ):
        return False
    put = {t.lower() for t in put_in.written if _denies((t,))}
    taken = {t.lower() for t in out.source if _denies((t,))}
    if not (_verbal(taken) and put <= _NEGATIVE_DETERMINERS) and not (_verbal(put) and taken <= _NEGATIVE_DETERMINERS):
        return False
    between = copy.tokens[a.at + len(a.written) : b.at]
    words = _words(between)
    return len(words) <= 2 and not {w.lower() for w in words} & _CLAUSE_OPENERS


# ---------------------------------------------------------------------------------------------- hedges

_HEDGES = EPISTEMIC_MODALS | EVIDENTIAL_ADVERBS | QUALIFYING_ADJECTIVES
_BELIEF = frozenset(f for v in HEDGE_VERBS for f in forms(v))
_INTENDING = frozenset(f for v in INTENTION_VERBS for f in forms(v))
# Verbs of attitude, and nouns of attitude and chance with their plurals ("There are worries that | X"); what they
# govern is a view, a fear or a possibility. A noun that is also a verb by which someone states a view ("to report
# that", "claims that") reports a statement: that is attribution, judged as such, not a hedge.
_ATTITUDE = (
    frozenset(f for v in NONFACTIVE_VERBS for f in forms(v))
    | frozenset(f for v in ATTITUDE_NOUNS for f in forms(v)) - frozenset(f for v in VIEW_VERBS for f in forms(v))
) - REPORTING_FORMS
_COPULA = frozenset("is are was were be been".split())


def _hedge_in(tokens: tuple[str, ...], after: str) -> str | None:
    """The hedge among ``tokens`` (``after``: the source word that follows them): a modal of possibility, an
    evidential adverb, a qualifying adjective, a verb of supposing, or an intention, expectation or hearsay
    predicate before its to-infinitive."""
    lower = [t.lower() for t in tokens] + [after.lower()]
    for i, word in enumerate(lower[:-1]):
        following = lower[i + 1]
        if word in _HEDGES and not (word == "may" and tokens[i][:1].isupper()):  # "May" the month
            return word
        if word in _BELIEF:
            return word
        if following == "to" and (
            word in _INTENDING
            or word in EXPECTATION_PREDICATES
            or (word in HEARSAY_PARTICIPLES and i > 0 and lower[i - 1] in _COPULA)
        ):
            return word
    return None


def dropped_hedge(copy: NearCopy) -> str | None:
    """A hedge of the source that the copy leaves out or replaces with a plain assertion: within a change, or as
    the last word before the copied stretch, a verb of attitude or an evidential adverb ("Scientists think that | X",
    "I hope | X", "Reportedly, | X"), or in a short parenthetical after it ("X | , officials believe.")."""
    source = copy.source_tokens
    kept = {t.lower() for t in copy.tokens}  # a hedge moved elsewhere in the sentence still hedges it
    for change in copy.changes:
        end = change.source_at + len(change.source)
        hedge = _hedge_in(change.source, source[end] if end < len(source) else "")
        if not hedge or hedge in kept:
            continue
        mine = {w.lower() for w in change.written}
        if _hedge_in(change.written, "to") or mine & (REPORTING_FORMS | _BELIEF):
            continue  # hedged another way, or still reported: "may" -> "might", "thinks" -> "says"
        return hedge
    lead = [t.lower() for t in copy.lead]
    while lead and lead[-1] in (",", "that"):
        lead.pop()
    if lead and (lead[-1] in _ATTITUDE or lead[-1] in EVIDENTIAL_ADVERBS) and lead[-1] not in kept:
        return lead[-1]  # right before the copy: it governs it (a sentence's end in between would not)
    tail: list[str] = []
    for token in copy.tail:
        if token in _SENTENCE_END:
            break
        if token[:1].isalnum():
            tail.append(token.lower())
    if 0 < len(tail) <= 3 and tail[-1] in _ATTITUDE and tail[-1] not in kept:
        return tail[-1]
    return None


_SENTENCE_END = frozenset(".!?;:")


# ---------------------------------------------------------------------------------------------- names and roles

_CALENDAR = frozenset(w.lower() for w in (*MONTHS, *WEEKDAYS))
_CONNECTORS = frozenset("the of and de van von al bin".split())
_PRONOUNS = frozenset("i you he she it we they me him her us them his its our their this that these those".split())


def _name(tokens: tuple[str, ...], facts: SourceFacts, initial: bool) -> list[str] | None:
    """The words of a name, lower-cased, or None: every word capitalised but connectors, none a month, weekday or
    people's adjective; and two words or more, or one inside the sentence, or one the sources write with a capital
    inside a sentence (at the start of a sentence any word has a capital)."""
    words = [t for t in _words(tokens) if t.lower() not in _CONNECTORS]
    if not words or any(not w[:1].isupper() for w in words):
        return None
    lower = [w.lower() for w in words]
    if any(w in _CALENDAR or w in DEMONYMS for w in lower):
        return None
    if any(w.lower() in _PRONOUNS and not (w.isupper() and len(w) > 1) for w in words):
        return None  # "He said" for "Mardas said" is no other speaker ("US" is a name, "Us" no)
    known = {part for word in facts.capitalised() for part in word.split("-")}
    if all(w in known for w in lower) or len(words) >= 2 or not initial:
        return lower
    return None


def _initials(words: list[str]) -> str:
    return "".join(w[0] for w in words)


def swapped_name(copy: NearCopy, facts: SourceFacts) -> tuple[str, str] | None:
    """(written, source) names of a change that puts another name of the sources where the source sentence has
    this one: the two share no word, neither is the other's initials, and the source's name is not elsewhere in
    the sentence (a reordered clause)."""
    written_lower = {t.lower() for t in copy.tokens}
    for change in copy.changes:
        mine = _name(change.written, facts, initial=change.at == 0)
        theirs = _name(change.source, facts, initial=change.source_at == 0)
        if not mine or not theirs or set(mine) & set(theirs):
            continue
        if _initials(theirs) in mine or _initials(mine) in theirs or set(theirs) <= written_lower:
            continue
        return " ".join(_words(change.written)), " ".join(_words(change.source))
    return None


def _source_token(copy: NearCopy, index: int) -> Any:
    """The parsed token of the source sentence at a near-copy source token."""
    offset = copy.source_offsets[index]
    for token in copy.evidence.doc:
        if token.idx <= offset < token.idx + max(1, len(token.text)):
            return token
    return None


def _describes_a_name(token: Any) -> bool:
    """A noun that says what a named person or body is: a title before the name ("Mayor Smith", "striker
    Kane"), an apposition ("Smith, the mayor", "the mayor, Smith"), or a predicate ("Smith is the mayor")."""
    if token is None or token.pos_ != "NOUN":
        return False
    while token.dep_ == "compound" and token.head.pos_ == "NOUN":
        token = token.head  # "press secretary": the head noun carries the binding
    head = token.head
    if token.dep_ == "compound" and head.pos_ == "PROPN" and token.i < head.i:
        return True
    if token.dep_ == "appos" and head.pos_ == "PROPN":
        return True
    if token.dep_ == "attr" and any(c.dep_ == "nsubj" and c.pos_ == "PROPN" for c in head.children):
        return True
    return any(c.dep_ == "appos" and c.pos_ == "PROPN" for c in token.children)


def _describes_someone_in_the_sources(word: str, facts: SourceFacts) -> bool:
    """Whether some source sentence uses ``word`` to say what a named person or body is (so it is a role the
    sources give, to someone)."""
    key = stem(word)
    holders = [e for e in facts.sentences if key in e.stems and len(e.text) <= MAX_SOURCE_CHARS][:MAX_ROLE_LOOKUPS]
    facts.parse_batch(holders)
    return any(_describes_a_name(t) for e in holders for t in e.doc if t.lower_ == word)


MAX_ROLE_LOOKUPS = 6  # source sentences parsed to find where the sources use a written role


def swapped_role(copy: NearCopy, facts: SourceFacts) -> tuple[str, str] | None:
    """(written, source) words of a change that gives a named person or body another description the sources give
    to someone: the source's word describes a name there (a title, an apposition, a predicate), the written word
    shares no stem with it (not "spokeswoman" for "spokesman"), and some source sentence uses the written word to
    describe a name. A description the sources give nobody ("nation" for "country") is a paraphrase."""
    known = facts.stems()
    for change in copy.changes:
        mine = [w.lower() if change.at == 0 and i == 0 else w for i, w in enumerate(_words(change.written))]
        theirs = [w.lower() if change.source_at == 0 and i == 0 else w for i, w in enumerate(_words(change.source))]
        if not mine or not theirs or any(not w.islower() for w in mine + theirs):
            continue  # a name is not a role (a capital at the start of the sentence says nothing)
        mine_stems, their_stems = {stem(w) for w in mine}, {stem(w) for w in theirs}
        if mine_stems & their_stems or not mine_stems <= known:
            continue
        if any(a[:5] == b[:5] for a in mine_stems for b in their_stems):
            continue  # one word's forms: "chairman" / "chairwoman"
        last = change.source_at + len(change.source) - 1
        if _describes_a_name(_source_token(copy, last)) and _describes_someone_in_the_sources(mine[-1], facts):
            return " ".join(mine), " ".join(theirs)
    return None
