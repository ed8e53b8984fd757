"""Whether a source sentence can stand without the one before it: the first sentence of the intro or of a section
has nothing before it in the article, so one that needs its source neighbour misleads there.

A sentence needs what came before it when it states a comparison with it ("By comparison, ..."), names a time
only as "at the time", has a personal pronoun as its main subject ("In 2009, he moved ..."), or takes up by a
definite description a thing only the sentence before introduced ("The proposed ban, which ..."). ``core.points_back``
reads the pronouns and demonstratives a sentence opens on; this module reads what needs the neighbour itself.
"""

from __future__ import annotations

import re
from typing import Any

from ..language import DEFINITE_DETERMINERS, TIME_UNITS, nlp
from ..text import quotation_spans, within, without_quotations

__all__ = ["ACT_NOUNS", "GENERAL_NOUNS", "given_by", "OPENING_MARKS", "depends_on_before", "lemmas", "pronoun_subject"]

OPENING_MARKS = re.compile(r"^[\"“‘']+(?=\w)")
# A comparison or an exchange stated against the sentence before ("By comparison, only 13 per cent ...", "In
# return, the father has ..."), or a time measured from it ("Since then, ..."): without that sentence it compares
# with nothing; "in comparison with X", "in return for X", "in response to X" name it. (``core.compress`` drops a
# connective that only links, "However," "Also,": the clause stands.)
_COMPARED = re.compile(
    r"^(?:(?:by|in) comparison(?!\s+(?:to|with)\b)|in (?:return|exchange)(?!\s+for\b)|"
    r"in response(?!\s+to\b)|since then|until then|by then)\b",
    re.I,
)
# "at the time", "at that point" alone: the time of something told before. "At the time of the vote" or "at the
# time when ..." says which time within the sentence.
_THEN = re.compile(r"\bat (?:the|that) (?:time|point|moment)\b(?!\s+(?:of|when|that|it)\b)", re.I)


def depends_on_before(
    sentence: str, before: str | None, known: set[str] | frozenset[str] = frozenset(), general_only: bool = False
) -> bool:
    """Whether ``sentence`` cannot stand without the sentence before it in its source (``before``): it states a
    comparison with it, names a time only as "at the time", or refers by a definite description to something
    only that sentence introduced ("... proposed banning social media for under-16s. The proposed ban, which
    ..."). A definite noun phrase whose head noun repeats a word of the sentence just before is, in news, that
    thing again (direct anaphora with the same head); alone it names a ban, a raid or a deal the reader has not
    met. Only a subject or an object is read: what the clause is about, not a phrase that places it. A proper
    name, a noun its own words define ("the ban on ...", "the raid that ..."), a unit of time or a
    word inside a quotation points at nothing before; nor does a noun the article has already given (``known``,
    lemmas): the reader has met the thing it names. A general noun ("the country", "the issue", "that figure":
    ``_general_reference``) takes up what the sentence before named in other words, in any place in the clause,
    so it needs that sentence wherever it stands. ``general_only``: only that, for a sentence placed after
    another in a section or given alone as a bullet; a noun of a narrower kind that repeats its antecedent's
    word ("criticised the response") names the one thing of that kind the article tells of, and needs the
    sentence before only to open the article or a section, where the reader meets it first."""
    text = OPENING_MARKS.sub("", sentence.strip())
    outside = without_quotations(text)
    if not general_only and (_COMPARED.match(text) or _THEN.search(outside)):
        return True
    if not before:
        return False
    earlier: set[str] | None = None  # the sentence before's lemmas, parsed only where a definite noun asks
    quoted = quotation_spans(text)
    for token in nlp()(text):
        if token.lower_ not in DEFINITE_DETERMINERS or token.dep_ != "det" or within(quoted, token.idx):
            continue
        noun = token.head
        if noun.pos_ != "NOUN" or noun.lower_ in TIME_UNITS or noun.lemma_ in TIME_UNITS:
            continue
        if any(c.dep_ in _DEFINING for c in noun.children if c.i > noun.i and not _after_comma(c)):
            continue
        lemma = noun.lemma_.lower()
        if noun.dep_ in _ARGUMENTS and not general_only:
            earlier = (lemmas(before) - known) if earlier is None else earlier
            if lemma in earlier:
                return True
        if _general_reference(noun, known, before):
            return True
    return False


# General nouns (Halliday and Hasan 1976, 6.4; the "shell nouns" of Schmid 2000): nouns of the widest kinds, a
# place, a person, a quantity, a fact or an act, whose referent a definite determiner alone never picks out. "The
# country", "the issue", "that figure" with no word of their own saying which are pragmatic definites (Löbner
# 1985): each takes up the one thing of its kind the text has just named ("... relatives in Nairobi. Mr Obama has
# faced criticism in the country ..."), whatever the words it was named by, so given elsewhere it points at
# another country or issue, or at none. Nouns of a role that is one in any story ("the president", "the
# government", "the police") are no general nouns: they name their own referent; nor are the nouns of a scene
# ("the area", "the region", "the site"), which name the surroundings of what the story tells wherever they stand
# (a situational use, not an anaphoric one). By kind: what the sentence before must name for the noun to take it
# up (the named-entity labels of a place, a person, a quantity); a fact or an act ("the issue", "the move") takes
# up what any sentence states.
_PLACE_LABELS = frozenset({"GPE", "LOC", "NORP", "FAC"})
_QUANTITY_LABELS = frozenset({"CARDINAL", "MONEY", "PERCENT", "QUANTITY"})
GENERAL_NOUNS: dict[str, frozenset[str]] = {
    **dict.fromkeys("country nation city town village".split(), _PLACE_LABELS),
    **dict.fromkeys("man woman person boy girl child".split(), frozenset({"PERSON"})),
    **dict.fromkeys("figure number total toll tally".split(), _QUANTITY_LABELS),
    **dict.fromkeys(
        """matter affair issue question problem subject topic case situation incident episode fact idea claim
        reason result move step decision""".split(),
        frozenset(),
    ),
}


def _general_reference(noun: Any, known: set[str] | frozenset[str], before: str) -> bool:
    """Whether ``noun``, after a definite determiner, is a general noun (``GENERAL_NOUNS``) that takes up a thing
    the sentence before named: it has no word of its own saying which (an adjective, a noun or a possessive before
    it, a number: "the host country", "the abortion issue", "the country's", "the 14 figure"), its word does not
    occur earlier in the sentence (where it would take up that), the article has not given it already (``known``:
    the headline's and the dek's words, where the reader has met the thing), and the sentence before names a thing
    of its kind (a place for "the country", a number for "that figure") that the article has not named already:
    where it names none, "the city" of a local story is the story's own, and where it names the United States the
    dek names, "the country" is that one wherever it stands."""
    lemma = noun.lemma_.lower()
    if lemma not in GENERAL_NOUNS or lemma in known:
        return False
    if any(c.dep_ in _OWN_WORDS for c in noun.children if c.i < noun.i):
        return False
    if any(t.lemma_.lower() == lemma for t in noun.doc[: noun.left_edge.i]):
        return False
    labels = GENERAL_NOUNS[lemma]
    return not labels or any(
        entity.label_ in labels and not any(t.lemma_.lower() in known for t in entity) for entity in nlp()(before).ents
    )


#: The general nouns of an act: "the decision", "the move", "this step" take up an act, whatever verb told it.
ACT_NOUNS = frozenset("move step decision".split())


def lemmas(sentence: str) -> set[str]:
    """The lemmas of a sentence's nouns and verbs: "raided" is the raid a later "the raid" takes up; and of its
    names and adjectives ("United States", "Kenyan"), the places and people a general noun may take up."""
    return {t.lemma_.lower() for t in nlp()(sentence) if t.pos_ in ("NOUN", "VERB", "PROPN", "ADJ")}


def given_by(sentence: str) -> set[str]:
    """What a sentence every reader has met (the headline, the dek) gives a later definite noun to take up: its
    lemmas (``lemmas``), and, where it tells an act (a verb), the general nouns of an act (``ACT_NOUNS``): after
    "Port authority approves harbour expansion", "the decision" is that approval wherever it stands."""
    found = lemmas(sentence)
    return found | ACT_NOUNS if any(t.pos_ == "VERB" for t in nlp()(sentence)) else found


# A personal pronoun as the subject of the main clause stands for someone named before it, wherever the clause
# starts ("In 2009, he moved to Paris"); "it" may be a dummy ("it is unclear whether ..."), which core reads.
_PERSONAL = frozenset({"he", "she", "they"})


def pronoun_subject(sentence: str) -> bool:
    """Whether the main clause's subject is "he", "she" or "they" outside a quotation: whom it stands for is
    named before the sentence."""
    doc = nlp()(OPENING_MARKS.sub("", sentence.strip()))
    quoted = quotation_spans(doc.text)
    return any(
        t.dep_ in ("nsubj", "nsubjpass")
        and t.head.dep_ == "ROOT"
        and t.lower_ in _PERSONAL
        and not within(quoted, t.idx)
        for t in doc
    )


_ARGUMENTS = frozenset({"nsubj", "nsubjpass", "dobj"})
# The words after a noun that say which one it is: "the ban on phones", "the raid that ...", "the man pictured".
_DEFINING = frozenset({"prep", "relcl", "acl", "appos"})
# The words before a noun that say which one it is: "the host country", "the abortion issue", "the 14 figure".
_OWN_WORDS = frozenset({"amod", "compound", "poss", "nummod", "nmod", "npadvmod"})


def _after_comma(token: Any) -> bool:
    """A clause set off by a comma ("the ban, which still needs approval, ...") adds to the noun; it does not
    say which one it is."""
    return bool(token.i > 0 and token.doc[token.left_edge.i - 1].text == ",")
