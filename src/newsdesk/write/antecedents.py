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

from ..language import TIME_UNITS, nlp
from ..text import quotation_spans, within, without_quotations

__all__ = ["OPENING_MARKS", "depends_on_before", "lemmas", "pronoun_subject"]

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


def depends_on_before(sentence: str, before: str | None, known: set[str] | frozenset[str] = frozenset()) -> bool:
    """Whether ``sentence`` cannot stand without the sentence before it in its source (``before``): it states a
    comparison with it, names a time only as "at the time", or refers by a definite description to something
    only that sentence introduced ("... proposed banning social media for under-16s. The proposed ban, which
    ..."). A definite noun phrase whose head noun repeats a word of the sentence just before is, in news, that
    thing again (direct anaphora with the same head); alone it names a ban, a raid or a deal the reader has not
    met. Only a subject or an object is read: what the clause is about, not a phrase that places it. A proper
    name, a noun its own words define ("the ban on ...", "the raid that ..."), a unit of time or a
    word inside a quotation points at nothing before; nor does a noun the article has already given (``known``,
    lemmas): the reader has met the thing it names."""
    text = OPENING_MARKS.sub("", sentence.strip())
    outside = without_quotations(text)
    if _COMPARED.match(text) or _THEN.search(outside):
        return True
    if not before:
        return False
    earlier = lemmas(before) - known
    quoted = quotation_spans(text)
    for token in nlp()(text):
        if token.lower_ != "the" or token.dep_ != "det" or within(quoted, token.idx):
            continue
        noun = token.head
        if noun.pos_ != "NOUN" or noun.lower_ in TIME_UNITS or noun.lemma_ in TIME_UNITS:
            continue
        if any(c.dep_ in _DEFINING for c in noun.children if c.i > noun.i and not _after_comma(c)):
            continue
        if noun.dep_ in _ARGUMENTS and noun.lemma_.lower() in earlier:
            return True
    return False


def lemmas(sentence: str) -> set[str]:
    """The lemmas of a sentence's nouns and verbs: "raided" is the raid a later "the raid" takes up."""
    return {t.lemma_.lower() for t in nlp()(sentence) if t.pos_ in ("NOUN", "VERB")}


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


def _after_comma(token: Any) -> bool:
    """A clause set off by a comma ("the ban, which still needs approval, ...") adds to the noun; it does not
    say which one it is."""
    return bool(token.i > 0 and token.doc[token.left_edge.i - 1].text == ",")
