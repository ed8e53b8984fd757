"""Interviews: which sentences of a source are a guest's answers, and whose.

An interview's answers name no speaker, yet they are the guest's words, never the article's own voice; the story
map (``build.py``) gives each to the interviewee.
"""

from __future__ import annotations

import re
from typing import Any

from ..injection.addressee_words import SECOND_PERSON
from ..language import nlp
from ..text import without_quotations
from .people import FIRST_PERSON
from .types import Actor

__all__ = ["INTERVIEW_QUESTIONS", "interview_answers", "interviewee_of", "is_question"]

_SECOND_PERSON = re.compile(rf"\b(?:{'|'.join(sorted(SECOND_PERSON))})\b", re.I)
# An interview asks its guest many questions: one or two questions to "you" are a story's address to its reader.
INTERVIEW_QUESTIONS = 3


def interview_answers(read: list[tuple[str, int | None]]) -> set[int]:
    """The units that are an interview's answers, from every sentence of the sources in order (each with its unit,
    or None where screening set it aside; an empty sentence parts two sources).

    An interview's questions are put to its guest in the second person ("How do you see ...?"), and the guest
    answers in the first person ("We'll be the leaders ..."); an explainer's questions ("How does Moltbook
    work?") address no one, and its answers are the writer's. So a source with at least ``INTERVIEW_QUESTIONS``
    questions put to someone (``_put_to_someone``), and a first person after the first of them, is an interview:
    from that question on, every sentence that is no question is the guest's words, though it names no speaker.
    Screening sets the questions aside (they address "you"); they still mark where the answers begin."""
    answers: set[int] = set()
    start = 0
    for end in [i for i, (sentence, _) in enumerate(read) if not sentence]:
        part = read[start:end]
        start = end + 1
        asked = [i for i, (sentence, _) in enumerate(part) if is_question(sentence) and _put_to_someone(sentence)]
        if len(asked) < INTERVIEW_QUESTIONS:
            continue
        after = [(sentence, unit) for sentence, unit in part[asked[0] :] if not is_question(sentence)]
        if any(FIRST_PERSON.search(without_quotations(sentence)) for sentence, _ in after):
            answers.update(unit for _, unit in after if unit is not None)
    return answers


# Dependencies that open a clause of their own below the main one: a condition, a purpose, a reported clause.
_SUBORDINATE = frozenset({"advcl", "xcomp", "ccomp", "relcl", "acl", "csubj", "pcomp"})


def _put_to_someone(sentence: str) -> bool:
    """A question whose main clause has the second person as a participant ("How do you see ...?", "What is the
    split between your customers?", "Does that concern you?"): it is put to someone. A "you" only inside a
    condition or a purpose ("If you're reading this in your browser, why not subscribe ...?") is the reader's
    situation, not a question to a guest."""
    if not _SECOND_PERSON.search(without_quotations(sentence)):
        return False
    doc = nlp()(sentence)
    for token in doc:
        if token.lower_ in SECOND_PERSON and not any(
            t.dep_ in _SUBORDINATE for t in [token, *token.ancestors] if t.dep_ != "ROOT"
        ):
            return True
    return False


def is_question(sentence: str) -> bool:
    return sentence.rstrip().endswith("?")


def interviewee_of(actors: dict[str, Actor], headline_doc: Any) -> str | None:
    """Whom an interview's answers belong to: the person the story names most before them, or else the person its
    headline names ("Crusoe CEO Chase Lochmiller on ..."); None where neither names one."""
    people = [a for a in actors.values() if a.label == "PERSON"]
    if people:
        return max(people, key=lambda a: a.mentions).name
    named = [e.text for e in headline_doc.ents if e.label_ == "PERSON"]
    return named[0] if named else None
