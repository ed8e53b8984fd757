"""Retracted and corrected: what a story withdraws is not news, and what it puts right is.

A sentence that the next sentence calls false ("A story on Thursday said the toll would rise to 4 dollars. That
was wrong.") is not asserted by its source: the source reports it to withdraw it. Given alone (a dek, a takeaway),
it states the withdrawn claim as news, the opposite of what the source says, so the map never offers it alone
(``retracts_what_went_before``); the correction that follows is the news.

A publisher's notice that an earlier story got something wrong names the thing it got wrong ("The story also
misnamed the authority's chair"), and the sentence after it gives the right value with a pronoun that takes that
thing up ("She is Grace Mbeki, not Grace Mbeke."). Alone, the pronoun points at nothing and the correction is lost;
read with the notice's matter in its place ("The authority's chair is Grace Mbeki, not Grace Mbeke."), it is a
fact with its contrast (``corrected_by_notice``).
"""

from __future__ import annotations

from typing import Any

from ..language import PAGE_NOUNS

__all__ = ["corrected_by_notice", "retracts_what_went_before", "withdraws"]

# Words that judge a statement false, and words that judge one true (false under a negation): a closed class of
# the language, not of any story.
_FALSE = frozenset("wrong incorrect untrue false inaccurate erroneous mistaken error mistake misstatement".split())
_TRUE = frozenset("true correct accurate right".split())
# Manner adverbs that say a report was false in the telling ("incorrectly said", "wrongly reported").
_FALSELY = frozenset("incorrectly wrongly erroneously mistakenly falsely inaccurately".split())
_POINTING_BACK = frozenset("that this it".split())
_DEMONSTRATIVES = frozenset("that this those these".split())
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
_TAKING_UP = frozenset("she he it they that this".split())


def _points_back(subject: Any) -> bool:
    """A subject that takes up what was just said: "that", "this", "it", or a noun under a demonstrative ("that
    report", "this figure")."""
    return subject.lower_ in _POINTING_BACK or any(
        c.dep_ == "det" and c.lower_ in _DEMONSTRATIVES for c in subject.children
    )


def retracts_what_went_before(doc: Any) -> bool:
    """Whether the sentence calls what the sentence before it said false: its subject points back ("That", "This
    figure") and its predicate judges it false ("was wrong", "is incorrect", "was an error") or denies it is true
    ("is not true", "was not correct")."""
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None:
        return False
    subject = next((c for c in root.children if c.dep_ in _SUBJECTS), None)
    if subject is None or not _points_back(subject):
        return False
    negated = any(c.dep_ == "neg" for c in root.children)
    return any(
        p.lower_ in _FALSE or p.lemma_.lower() in _FALSE or (negated and p.lower_ in _TRUE)
        for p in root.children
        if p.dep_ in ("acomp", "attr")
    )


def _page_subject(verb: Any) -> bool:
    """The verb's subject is a story or a version of one ("The story", "A story published on Thursday", "An
    earlier version of this article"): the page or another telling of itself."""
    return any(t.lower_ in PAGE_NOUNS for c in verb.children if c.dep_ in _SUBJECTS for t in c.subtree)


def withdraws(doc: Any) -> Any | None:
    """What a notice says a story got wrong, the object of a verb whose subject is a story and that says it was
    told wrongly: a verb of getting it wrong ("misnamed", "misstated", "misspelled") or one told with a manner of
    falsity ("incorrectly identified"). None where the sentence is no such notice."""
    for verb in doc:
        if verb.pos_ != "VERB" or not _page_subject(verb):
            continue
        wrongly = verb.lower_.startswith("mis") or any(
            c.dep_ == "advmod" and c.lower_ in _FALSELY for c in verb.children
        )
        told = next((c for c in verb.children if c.dep_ == "dobj"), None)
        if wrongly and told is not None:
            return told
    return None


def corrected_by_notice(notice: Any, following: Any) -> str:
    """The sentence after a notice (``withdraws``), with its pronoun subject read as what the notice says the
    story got wrong ("She is Grace Mbeki, not Grace Mbeke." after "The story misnamed the authority's chair." is
    "The authority's chair is Grace Mbeki, not Grace Mbeke."); "" where the notice names nothing or the sentence
    opens on no pronoun that takes it up. The matter loses an adjective of falsity ("the wrong title of the report"
    is the title of the report: the adjective judges the story, the noun says what it got wrong)."""
    told = withdraws(notice)
    if told is None:
        return ""
    subject = next((t for t in following if t.dep_ in _SUBJECTS and t.head.dep_ == "ROOT"), None)
    if subject is None or subject.lower_ not in _TAKING_UP or subject.i != 0:
        return ""
    judged = {t.i for c in told.children if c.dep_ == "amod" and c.lower_ in _FALSE for t in c.subtree}
    matter = "".join(t.text_with_ws for t in told.subtree if t.i not in judged).strip()
    if not matter:
        return ""
    text: str = following.text
    return matter[0].upper() + matter[1:] + text[subject.idx + len(subject.text) :]
