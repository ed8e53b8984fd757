"""Corrected: a publisher's correction notice says a figure an earlier version of its story gave was wrong.

A correction notice is the page telling of itself: its subject is the page ("An earlier version of this story",
``language.refers_to_the_page``), and what that subject said, stated or misstated (the clause or the object of its
verb) is what the publisher withdraws. The notice is followed by the right value ("It was due to cost $16.8
million."). What the story should have said is the withdrawn clause with the right value in place of the wrong one:
"the dredging was originally due to cost $16.8 million". Where the notice names what it misstated without a value
("misstated the cost of the dredging"), the correcting sentence's pronoun takes that matter up: "It was $16.8
million" is "the cost of the dredging was $16.8 million".

A fact of an earlier entry that gives another value for the quantity the corrected statement measures
(``_superseded.superseding``: the same thing measured, read from the parse) is corrected: unlike a toll that rose,
it was wrong when it was told, and the update says so. What the notice withdraws is never evidence: the page telling
of itself is not asserted (``injection.asserted``), so "An earlier version of this story said ... $18.6 million"
supports no sentence that gives $18.6 million.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ...language import PAGE_NOUNS, parse, refers_to_the_page
from ._binding import Bound, bound_specifics, distinct_values
from ._parse import stems_of
from ._quantities import quantities
from ._superseded import gives_again, superseding

__all__ = ["Correction", "corrected", "corrections"]

_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
_PRONOUN_SUBJECTS = frozenset({"it", "they", "that", "this"})


@dataclass(frozen=True)
class Correction:
    """A correction notice: what it withdraws, and what the story should have said, in the source's words."""

    notice: str  # the notice as the source gives it
    withdrawn: str  # the clause the page said wrongly ("the dredging was originally due to cost $18.6 million"), or ""
    right: str  # that clause as the correction gives it ("... due to cost $16.8 million"); "" where none is given
    correcting: str  # the source sentence that gives the right value (the notice itself where none does)


def _told_by_the_page(doc: Any) -> Any | None:
    """What the page tells of itself, by a verb whose subject is the page: the clause it said ("An earlier version of
    this story said [the dredging ...]", "This article has been corrected to show [that the reservoir holds ...]"),
    else its object ("This article misstated [the cost of the dredging]")."""
    for verb in doc:
        subjects = [c for c in verb.children if c.dep_ in _SUBJECTS]  # "Correction: An earlier version ..." has two
        if not any(t.lower_ in PAGE_NOUNS for subject in subjects for t in subject.subtree):
            continue
        clause = next((t for t in verb.subtree if t.dep_ == "ccomp"), None)
        told = clause if clause is not None else next((c for c in verb.children if c.dep_ == "dobj"), None)
        if told is not None:
            return told
    return None


def _text(tokens: Any) -> str:
    return "".join(t.text_with_ws for t in tokens).strip()


def _matter(told: Any) -> str:
    """What the notice says was misstated, for a pronoun to take up: the clause's subject ("the dredging"), or the
    object without its adjectives ("the wrong date for the hearing" is the date for the hearing: the adjective
    judges the earlier report, the noun and what it is of say what was wrong)."""
    if told.dep_ == "ccomp":
        subject = next((c for c in told.children if c.dep_ in _SUBJECTS), None)
        return _text(subject.subtree) if subject is not None else ""
    judged = {t.i for c in told.children if c.dep_ == "amod" for t in c.subtree}
    return _text(t for t in told.subtree if t.i not in judged)


def _heads(told: Any) -> list[str]:
    """What names the notice's matter: the object's noun ("the name of the council spokesman": name), or the
    clause's verb and its subject's noun ("35 people were injured": injured, people)."""
    subjects = [c.text for c in told.children if c.dep_ in _SUBJECTS] if told.dep_ == "ccomp" else []
    return [told.text, *subjects]


def _values(text: str) -> list[Bound]:
    """The figures and dates of a text, bare months included (``_quantities.quantities`` reads those)."""
    measured = [q.bound for q in quantities(text)]
    return [*measured, *(b for b in bound_specifics(text) if all(b.surface != m.surface for m in measured))]


def _right(told: Any, matter: str, sentence: str) -> str:
    """What the story should have said, from a sentence that follows the notice: the told clause with the
    sentence's value of the same kind in place of the wrong one, or the sentence with its pronoun subject read as
    the notice's matter; "" where it gives no value, or is not about what the notice names (it takes it up by a
    pronoun or names its head again: a notice may stand before the news, and the news corrects nothing)."""
    clause = _text(told.subtree)
    wrong, given = _values(clause), _values(sentence)
    if not given:
        return ""
    doc = parse(sentence)
    pronoun = next((t for t in doc if t.dep_ in _SUBJECTS and t.lower_ in _PRONOUN_SUBJECTS), None)
    if pronoun is None and not stems_of(sentence) & stems_of(" ".join(_heads(told))):
        return ""
    for old in wrong:
        new = next((b for b in given if b.sort == old.sort and distinct_values(old, b)), None)
        if new is not None:
            return clause.replace(old.surface, new.surface, 1)
    if pronoun is None or not matter:
        return sentence
    return sentence[: pronoun.idx] + matter + sentence[pronoun.idx + len(pronoun.text) :]


def corrections(sentences: list[str]) -> list[Correction]:
    """The correction notices among a source's ``sentences`` (in reading order). A notice whose clause sets a value
    aside itself ("corrected to show that the reservoir holds 40 million cubic metres, not 14 million") is its own
    correction; any other withdraws its clause, and the next sentence that gives a value, before another notice,
    gives the right one."""
    found: list[Correction] = []
    for i, sentence in enumerate(sentences):
        if not refers_to_the_page(sentence):
            continue
        told = _told_by_the_page(parse(sentence))
        if told is None:
            continue
        clause = _text(told.subtree)
        if any(q.denied for q in quantities(clause)):
            found.append(Correction(sentence, "", clause, sentence))
            continue
        right, correcting = "", ""
        for following in sentences[i + 1 :]:
            if refers_to_the_page(following):
                break
            if right := _right(told, _matter(told), following):
                correcting = following
                break
        found.append(Correction(sentence, clause if told.dep_ == "ccomp" else "", right, correcting or sentence))
    return found


def corrected(sentence: str, notices: list[Correction]) -> Correction | None:
    """The correction notice that corrects a value ``sentence`` gives, or None: the sentence measures the same thing
    otherwise than the corrected statement (``superseding``), or gives the value the notice withdraws for what the
    withdrawn clause measures (``gives_again``: a notice that gives no right value still withdraws the wrong one)."""
    return next(
        (
            notice
            for notice in notices
            if (notice.right and superseding(sentence, [notice.right]) is not None)
            or (notice.withdrawn and gives_again(sentence, notice.withdrawn) is not None)
        ),
        None,
    )
