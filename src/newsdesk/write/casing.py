"""Capitals when words move: a word that opened the headline is lower-cased inside a question unless it is a name.

A sentence's first word takes a capital from its place, not from the word; once the word no longer opens the
sentence ("Police identify suspect" -> "Why did police identify a suspect?") only a name keeps its capital. What
the story writes tells which is which: the words it writes in lower case in its prose (``lower_words``) and those
it capitalises mid-sentence (``capitalised_words``). ``lower_first`` decides for one moved word.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from typing import TYPE_CHECKING

from ..language import MEASURE_ENTITIES, in_lexicon, nlp

if TYPE_CHECKING:  # spaCy's own types; the parse itself comes from language.nlp()
    from spacy.tokens import Doc, Span

__all__ = [
    "MID_SENTENCE_CAPITAL",
    "capitalised_words",
    "first_word_is_common",
    "lower_first",
    "lower_words",
    "upper_first",
]

_NAMES = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW"}  # not numbers
_DETERMINERS = {"the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her", "our"}
_DETERMINERS |= {"no", "each", "every", "some", "many", "several", "both"}  # quantifiers: never a name either


_ADDRESS = re.compile(r"\S*(?:://|@|\w\.[a-z]{2,}\b)\S*")  # a web address, a handle, a domain


# a capital after a word, a comma, a semicolon or a dash (a sentence goes on after each), or after a closing quote
MID_SENTENCE_CAPITAL = re.compile(r"(?:(?<=[\w,;—–] )|(?<=[\w,;][”’\"'] ))([A-Z][\w’'-]*)")


def lower_words(body: str) -> set[str]:
    """The words the story writes in lower case in its prose, more often than capitalised mid-sentence (a name a
    quotation once writes in lower case is still a name): not inside a web address, a domain or a handle
    ("moltbook.com", "@alexisohanian"), where a name is written in lower case too."""
    prose = _ADDRESS.sub(" ", body)
    lower = Counter(re.findall(r"\b[a-z][\w’'-]*", prose))
    capital = Counter(w.lower() for w in MID_SENTENCE_CAPITAL.findall(prose))
    return {w for w, n in lower.items() if n >= capital[w]}


@functools.lru_cache(maxsize=64)
def _written_words(body: str) -> frozenset[str]:
    """The words the story writes, in any case, lower-cased."""
    return frozenset(w.lower() for w in re.findall(r"[\w’'-]+", body))


@functools.lru_cache(maxsize=64)
def capitalised_words(body: str) -> frozenset[str]:
    """The words the story writes with a capital inside a sentence, lower-cased: evidence that a word is a name."""
    return frozenset(w.lower() for w in MID_SENTENCE_CAPITAL.findall(_ADDRESS.sub(" ", body)))


def lower_first(
    doc: Doc | Span, text: str, lower_words: set[str], story: str | None = None, parsed: bool = True
) -> str:
    """'The board' -> 'the board', 'Just-released exploit' -> 'just-released exploit'; names keep their capital.
    With the ``story``, a sentence's first word, whose capital is its place's, is lowered when it is an English word
    the story never capitalises mid-sentence (``capitalised_words``), no capitalised word follows it (the start of
    a name: "Stephen Colbert"), and the tagger reads it as a common word: in its own case ("Police identify
    suspect", "Food prices surge"; ``parsed=False`` where the clause's parse failed and its reading is no evidence),
    or, where the capital led it to a name ("Tributes pour in" read as a place, "Climber on trial" as a person),
    in lower case, if the story writes the word at all ("tributes", "humanoid"; "france" and "israel" stay names).
    A word the story does not write gives no such evidence; the pronoun "I" and a nationality keep their capital."""
    first = doc[0] if len(doc) else None
    if first is None or not text.startswith(first.text):
        return text
    word = text.split()[0] if text.split() else ""
    if any(c.isupper() for part in word.split("-") for c in part[1:]):
        return text  # an acronym ("TIME") or a name with a capital inside ("Character.AI"), not "18-Year-Old"
    if (
        first.lower_ in _DETERMINERS
        or first.pos_ == "NUM"  # a number word is written in lower case inside a sentence
        or (first.lower_ in lower_words and first.ent_type_ not in _NAMES)
        # a sentence's first capital is its place's, not the word's: an English noun or adjective that the tagger
        # reads as no name and the story never capitalises mid-sentence ("Police identify suspect", "Food prices
        # surge"; not "Anthropic study finds", not "Trump administration") is lower case once it is moved
        or (
            story is not None
            and first.i == 0
            and first.text != "I"
            and first.lower_ not in capitalised_words(story)
            and first.ent_type_ != "NORP"  # a nationality, religion or party is written with its capital
            and in_lexicon(first.text)
            and not (len(doc) > 1 and doc[1].text[:1].isupper())
            and (
                (parsed and first.pos_ in ("NOUN", "ADJ") and first.ent_type_ in ("", *MEASURE_ENTITIES))
                # (the story writing it in lower case is better evidence than the tagger, which reads "council"
                # alone as a name: "Why did Council approve ...?", Smoke test 39a #9)
                or (
                    first.lower_ in _written_words(story)
                    and (first_word_is_common(text) or first.lower_ in lower_words)
                )
            )
        )
    ):
        return first.text.lower() + text[len(first.text) :]
    return text


def first_word_is_common(text: str) -> bool:
    """Whether the tagger, reading the text's first word in lower case, takes it for a common word, not a name: its
    part of speech decides ("quarry" is a noun however the entity tagger labels it); a nationality is a name."""
    first = nlp()(text[:1].lower() + text[1:])[0]
    return bool(first.pos_ != "PROPN" and first.ent_type_ != "NORP")


def upper_first(text: str) -> str:
    """The text with the capital its first word takes from opening a sentence ("but the council ..." cut to "the
    council ..." -> "The council ..."), unless that word is written with a capital inside it ("xAI", "iPhone",
    "eBay"): such a word is a name whose form is its own, not its place's, and English keeps it lower-case at the
    start of a sentence too ("xAI repeatedly responded ...")."""
    word = text.split(maxsplit=1)[0] if text.strip() else ""
    if not word or not word[0].islower() or any(c.isupper() for c in word[1:]):
        return text
    return text[0].upper() + text[1:]
