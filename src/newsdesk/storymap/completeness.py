"""Whether a source sentence can be published alone: it is a whole sentence (its main verb has its subject), it
does not speak in the first person for no one, and, as a list's item, it does not tell of the list's subject by
a pronoun only.

The story map marks a sentence that fails any of these as unusable (``StoryMap.unusable``); the drafter asks the same of
the sentences it lifts.
"""

from __future__ import annotations

import re
from typing import Any

from ..language import VIEW_VERBS
from ..text import LIST_MARKER, within
from .people import FIRST_PERSON

__all__ = ["WHOLE_QUOTE", "first_person_unattributed", "is_complete_sentence", "list_item_for_someone_unnamed"]

WHOLE_QUOTE = re.compile(r"^\s*[\"“‘'][^\"“”]*[\"”’']\s*$")  # a quotation alone: whose words they are is lost


def is_complete_sentence(doc: Any) -> bool:
    """A sentence whose main verb has its subject. "Is set to hold its first meeting" has none, "A process that
    lacked focus" has a verb only inside a relative clause, and a crosshead has no verb at all.

    A clause that modifies a noun (``acl``) is non-finite ("the man pictured", "plans announced last week"); a verb
    in a finite form (past "launched" read as VBD, present "says") cannot head one without a relative pronoun. So
    where the parser hangs such a verb, with no subject of its own, off a noun it makes the root ("The telescope
    launched on December 25, 2021."), the noun is the verb's subject and the sentence is whole.

    Some speech verbs in the present are nouns too ("report", "claim"): after a noun the parser may read one as
    the last noun of a compound ("Russian media report at least three people killed ..."), the reported clause hung
    off it. With a noun before it and a verb after it, it is the verb ("media report"), and the sentence whole."""
    subjects = ("nsubj", "nsubjpass", "expl", "csubj", "csubjpass")
    for root in (t for t in doc if t.dep_ == "ROOT"):
        if root.pos_ in ("NOUN", "PROPN", "PRON") and any(_finite_predicate(c) for c in root.rights):
            return True
        if _speech_verb_read_as_noun(root):
            return True
        if root.pos_ not in ("VERB", "AUX"):
            continue
        heads = [root, *(c for c in root.children if c.dep_ in ("ccomp", "conj") and c.pos_ in ("VERB", "AUX"))]
        if any(c.dep_ in subjects for head in heads for c in head.children):
            return True
    return False


def _speech_verb_read_as_noun(root: Any) -> bool:
    """A root noun that is a speech verb's present form, with its subject folded into it as a compound noun and
    the clause it reports after it (see ``is_complete_sentence``); "The police report" alone stays a noun."""
    return (
        root.pos_ == "NOUN"
        and root.lower_ in VIEW_VERBS
        and any(c.dep_ == "compound" and c.pos_ in ("NOUN", "PROPN") for c in root.lefts)
        and any(c.pos_ in ("VERB", "AUX") for c in root.rights)
    )


def _finite_predicate(token: Any) -> bool:
    """A finite verb the parser attached to a noun as a clause that modifies it (see ``is_complete_sentence``)."""
    return (
        token.dep_ == "acl"
        and token.tag_ in ("VBD", "VBZ", "VBP")
        and not any(c.dep_ in ("nsubj", "nsubjpass") or c.tag_ in ("WDT", "WP") for c in token.children)
    )


def first_person_unattributed(sentence: str, statement: bool) -> bool:
    """First-person words in a sentence that names no speaker: the author's own voice, or a quotation cut off
    from its speaker. Either way, alone in an article it says "I" for no one."""
    return not statement and bool(FIRST_PERSON.search(sentence) or WHOLE_QUOTE.match(sentence))


# The pronouns that stand for one person: "he", "she" and their other cases.
_PERSON_PRONOUNS = frozenset({"he", "him", "his", "himself", "she", "her", "hers", "herself"})


def list_item_for_someone_unnamed(sentence: str, doc: Any, quoted: list[tuple[int, int]]) -> bool:
    """A list item that tells of a person by a pronoun only ("3. He averages over 1,000 sit-ups a day", "12. His
    morning routine includes ...").

    A list's items are read under what announces it ("Twelve things about Floyd Mayweather:"): each item's "he"
    or "she" stands for the one the list is about, named there, not in the item before it (the items run in
    parallel, none takes up another). Alone in an article, or after a sentence about someone else, the pronoun
    points at whoever the article named last, and a list of two boxers' habits gives one man's to the other.
    An item that names a person itself gives the pronoun its antecedent; a pronoun inside a quotation is the
    quoted speaker's word. A name before the pronoun may be whom it stands for, though the tagger calls it no
    person ("7. Manny loves his ..."): only an item with no name before its pronoun has lost its antecedent."""
    if not LIST_MARKER.match(sentence) or any(e.label_ == "PERSON" for e in doc.ents):
        return False
    pronoun = next(
        (t for t in doc if t.lower_ in _PERSON_PRONOUNS and t.pos_ == "PRON" and not within(quoted, t.idx)), None
    )
    return pronoun is not None and not any(t.pos_ == "PROPN" for t in doc[: pronoun.i])
