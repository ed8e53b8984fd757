"""Whether a source sentence can stand without the one before it: the first sentence of the intro or of a section
has nothing before it in the article, so one that needs its source neighbour misleads there.

A sentence needs what came before it when it states a comparison with it ("By comparison, ..."), names a time
only as "at the time", has a personal pronoun as its main subject ("In 2009, he moved ..."), or takes up by a
definite description a thing only the sentence before introduced ("The proposed ban, which ..."). ``core.points_back``
reads the pronouns and demonstratives a sentence opens on; this module reads what needs the neighbour itself.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Container
from typing import Any

from ..language import DEFINITE_DETERMINERS, TIME_UNITS, analysed
from ..text import quotation_spans, within, without_quotations

__all__ = [
    "ACT_NOUNS",
    "GENERAL_NOUNS",
    "OPENING_MARKS",
    "adds_to_before",
    "depends_on_before",
    "given_by",
    "introduced",
    "lemmas",
    "pronoun_subject",
]

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
# An example given as one ("For example, ...", "For instance, ..."): exemplification is a relation between two
# parts of a text (Halliday and Hasan 1976, 5.4: an elaborating conjunction), the general statement before and the
# instance after; without that statement the instance exemplifies nothing, and placed after another sentence it is
# read as an instance of that one. "For example of ..." or "an example of X" names what it exemplifies.
_INSTANCE = re.compile(r"^(?:for (?:example|instance)|as an example|to give an example|e\.g\.)(?!\s+of\b)", re.I)
# "at the time", "at that point" alone: the time of something told before. "At the time of the vote" or "at the
# time when ..." says which time within the sentence.
_THEN = re.compile(r"\bat (?:the|that) (?:time|point|moment)\b(?!\s+(?:of|when|that|it)\b)", re.I)


def depends_on_before(
    sentence: str,
    before: str | None,
    known: set[str] | frozenset[str] = frozenset(),
    general_only: bool = False,
    told: Container[str] = frozenset(),
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
    sentence before only to open the article or a section, where the reader meets it first.

    ``told``: what the source introduced in the sentences before it (``introduced``: an event its verb told, a
    thing an indefinite noun phrase brought in). A definite subject or object takes up a thing the text
    introduced as new (the novelty condition: "a raid" or "raided", then "the raid"); where the source introduced
    it and the article has not (``known``), the reader meets "the raid" with no raid before it, in any place: so
    it needs its source's sentences wherever it stands ("X lambasted the raid", the raid told two sentences
    earlier). A role that is one in any story ("the police", "the government") is introduced by no indefinite
    and takes up nothing."""
    text = OPENING_MARKS.sub("", sentence.strip())
    outside = without_quotations(text)
    if not general_only and (_COMPARED.match(text) or _INSTANCE.match(text) or _THEN.search(outside)):
        return True
    if not before and not told:  # nothing before it in its source
        return False
    earlier: set[str] | None = None  # the sentence before's lemmas, parsed only where a definite noun asks
    quoted = quotation_spans(text)
    for token in analysed(text):
        if token.lower_ not in DEFINITE_DETERMINERS or token.dep_ != "det" or within(quoted, token.idx):
            continue
        noun = token.head
        if noun.pos_ != "NOUN" or noun.lower_ in TIME_UNITS or noun.lemma_ in TIME_UNITS:
            continue
        if any(_defines(c) for c in noun.children if c.i > noun.i):
            continue
        lemma = noun.lemma_.lower()
        if noun.dep_ in _ARGUMENTS and lemma in told and lemma not in known:
            return True
        if noun.dep_ in _ARGUMENTS and not general_only:
            earlier = (lemmas(before or "") - known) if earlier is None else earlier
            if lemma in earlier:
                return True
        if before and _general_reference(noun, known, before):
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
# (a situational use, not an anaphoric one). "The place", "the location" are the general nouns of a place
# (Halliday and Hasan's "place"): "The location was intentional" takes up the place the sentence before named.
# By kind: what the sentence before must name for the noun to take it up (the named-entity labels of a place, a
# person, a quantity); a fact or an act ("the issue", "the move") takes up what any sentence states.
_PLACE_LABELS = frozenset({"GPE", "LOC", "NORP", "FAC"})
_QUANTITY_LABELS = frozenset({"CARDINAL", "MONEY", "PERCENT", "QUANTITY"})
GENERAL_NOUNS: dict[str, frozenset[str]] = {
    **dict.fromkeys("country nation city town village place location".split(), _PLACE_LABELS),
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
    if not labels:
        return True
    return any(
        entity.label_ in labels and not any(t.lemma_.lower() in known for t in entity)
        for entity in analysed(before).ents
    )


#: The general nouns of an act: "the decision", "the move", "this step" take up an act, whatever verb told it.
ACT_NOUNS = frozenset("move step decision".split())


# The determiners that bring a new thing into a text (an indefinite noun phrase): what a later "the" takes up.
_INDEFINITE = frozenset({"a", "an", "another"})


@functools.lru_cache(maxsize=4096)
def introduced(sentence: str) -> frozenset[str]:
    """What a sentence brings into the text for a later definite noun phrase to take up (the novelty condition of
    definiteness, Heim 1982): the event each of its verbs tells ("French authorities raided the offices": the
    raid) and each thing an indefinite noun phrase introduces ("a raid", "an inquiry"), by lemma; outside its
    quotations, which are a speaker's words."""
    quoted = quotation_spans(sentence)
    found = set()
    for token in analysed(sentence):
        if within(quoted, token.idx):
            continue
        if token.pos_ == "VERB" or (
            token.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ in _INDEFINITE for c in token.children)
        ):
            found.add(token.lemma_.lower())
    return frozenset(found)


def lemmas(sentence: str) -> set[str]:
    """The lemmas of a sentence's nouns and verbs: "raided" is the raid a later "the raid" takes up; and of its
    names and adjectives ("United States", "Kenyan"), the places and people a general noun may take up."""
    return {t.lemma_.lower() for t in analysed(sentence) if t.pos_ in ("NOUN", "VERB", "PROPN", "ADJ")}


def given_by(sentence: str) -> set[str]:
    """What a sentence every reader has met (the headline, the dek) gives a later definite noun to take up: its
    lemmas (``lemmas``), and, where it tells an act (a verb), the general nouns of an act (``ACT_NOUNS``): after
    "Port authority approves harbour expansion", "the decision" is that approval wherever it stands."""
    found = lemmas(sentence)
    return found | ACT_NOUNS if any(t.pos_ == "VERB" for t in analysed(sentence)) else found


# A personal pronoun as the subject of the main clause stands for someone named before it, wherever the clause
# starts ("In 2009, he moved to Paris"); "it" may be a dummy ("it is unclear whether ..."), which core reads.
_PERSONAL = frozenset({"he", "she", "they"})


def pronoun_subject(sentence: str) -> bool:
    """Whether the main clause's subject is "he", "she" or "they" outside a quotation: whom it stands for is
    named before the sentence."""
    doc = analysed(OPENING_MARKS.sub("", sentence.strip()))
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


def _defines(token: Any) -> bool:
    """Whether a word after a noun says which one the noun is (``_DEFINING``): not a clause set off by a comma
    (``_after_comma``), nor a phrase whose own noun is indefinite ("the raid in a statement"): an indefinite brings
    in a new thing, so it identifies nothing; such a phrase places the clause's act (the parse hangs it on the noun
    or on the verb alike)."""
    if token.dep_ not in _DEFINING or _after_comma(token):
        return False
    if token.dep_ == "prep":
        objects = [c for c in token.children if c.dep_ == "pobj"]
        return not any(any(d.dep_ == "det" and d.lower_ in _INDEFINITE for d in o.children) for o in objects)
    return True


def _after_comma(token: Any) -> bool:
    """A clause set off by a comma ("the ban, which still needs approval, ...") adds to the noun; it does not
    say which one it is."""
    return bool(token.i > 0 and token.doc[token.left_edge.i - 1].text == ",")


# An additive focus particle ("Alexis also wasn't shy ...", "The mayor too said ...") on the main clause, or the
# scalar additive "even" ("The troll even tried to backtrack"), which presupposes the same and more.
_ADDITIVES = frozenset({"also", "too", "even"})


def adds_to_before(sentence: str) -> bool:
    """Whether the main clause is told as an addition: "also", "too" or "even" on its verb or its subject, outside
    a quotation. An additive particle presupposes that the same is true of something told before (Karttunen and
    Peters 1979: "Alexis also wasn't shy" presupposes someone else who wasn't; "even" adds that this one was the
    least expected of them): a sentence that opens the intro or a
    section has nothing before it, and adds to nothing. A clause-final "too" is no addition of this kind; compress
    drops it, and "also" inside an embedded clause adds within that clause ("said it would also ...")."""
    doc = analysed(OPENING_MARKS.sub("", sentence.strip()))
    quoted = quotation_spans(doc.text)
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None:
        return False
    subjects = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")]
    return any(
        t.lower_ in _ADDITIVES
        and t.dep_ == "advmod"
        and (t.head == root or t.head in subjects)
        and t.i < root.i + 1
        and not within(quoted, t.idx)
        for t in doc
    )
