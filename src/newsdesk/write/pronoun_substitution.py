"""A clause's subject found by the pronoun substitution test, where the parser cannot find it.

A headline's words are ambiguous out of context ("poaches" reads as a plural noun), so the parse may give a clause
no subject and verb. A noun phrase is the words a pronoun can stand for, so the clause is the split
``<words> <predicate>`` for which "It <predicate>" or "They <predicate>" parses as one whole clause
(``substituted``), the pronoun in the subject's number (``plural``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..language import is_noun, is_verb, nlp

if TYPE_CHECKING:  # spaCy's own types; the parse itself comes from language.nlp()
    from spacy.tokens import Doc, Token

__all__ = ["MAX_SUBJECT_WORDS", "SUBJECTS", "inside_a_wh_clause", "plural", "substituted"]

SUBJECTS = ("nsubj", "nsubjpass")  # the dependency labels of a clause's subject, active or passive
_WH_TAGS = ("WRB", "WP", "WDT", "WP$")  # how, who, which, whose: each opens a clause of its own


def plural(head: Token) -> bool:
    """Whether a noun phrase takes a plural verb: its head is a plural noun or a number above one, or other heads
    are joined to it by "and" ("US and Iran are")."""
    if head.tag_ == "CD" and head.lower_ not in ("one", "1"):
        return True  # "Nine arrested": a number other than one counts more than one
    return head.tag_ in ("NNS", "NNPS") or head.lower_ in ("they", "we") or any(c.dep_ == "conj" for c in head.children)


def _noun_phrase(phrase: Doc, head: Token) -> bool:
    """Whether words a pronoun is to stand for can be one noun phrase: a common noun at its head that English has
    as a noun ("U.S. withholds" has none: "withhold" is only a verb; a capitalised head is a name), no wh-word
    whose clause's verb lies past them (a phrase holds a clause whole or not at all), and no subject pronoun after
    its first word (a pronoun is a noun phrase by itself, so "stories you" starts a clause of its own: "stories
    (that) you missed")."""
    if head.tag_ in ("NN", "NNS") and head.text[:1].islower() and not is_noun(head.lemma_):  # capitalised: a name
        return False
    if any(t.tag_ in _WH_TAGS and not any(v.pos_ in ("VERB", "AUX") for v in phrase[t.i + 1 :]) for t in phrase):
        return False  # a wh-word opens a clause whose verb lies past these words: "A look at how the administration"
    return not any(t.tag_ == "PRP" and t.dep_ != "poss" and t.i > 0 for t in phrase)


def substituted(clause: str) -> tuple[str, str] | None:
    """(subject, "It/They <predicate>") by the pronoun substitution test (the module's docstring): the shortest opening
    run of whole words that is a noun phrase (it has a noun of its own and does not end on a determiner, a
    possessive, a preposition or a conjunction, nor before a word the parse reads as a noun modifying the next:
    "London launch matters" splits before "matters") for which its own pronoun, in its number ("It" for "Meta",
    "They" for "court filings"), and the rest parse as one clause: the pronoun its subject, the next word its
    finite verb (or auxiliary) in agreement with the pronoun ("It poaches", "They allege", never "It ride") and a
    verb of English (``language.is_verb``: a tagger reads "They crisis" as a clause too). None when no split
    passes."""
    doc = nlp()(clause)
    for first in doc[1 : MAX_SUBJECT_WORDS + 1]:
        before = doc[first.i - 1]
        if (
            first.is_punct
            # a noun the parse reads as modifying the next is inside the phrase, if English has such a noun
            or (first.dep_ == "compound" and is_noun(first.lemma_))
            or not before.whitespace_
            or before.tag_ in _NO_PHRASE_END
            or doc[0].pos_ in ("ADP", "SCONJ")
        ):
            continue
        if inside_a_wh_clause(doc, first):
            continue
        subject, predicate = doc[: first.i].text.strip(), doc[first.i :].text
        alone = nlp()(subject)
        head = next((t for t in alone if t.dep_ == "ROOT"), alone[0])
        # one word alone parses as an imperative ("Harbour"): a word English has as a noun can be the phrase
        nominal = len(alone) == 1 and is_noun(alone[0].lower_)
        if not (nominal or any(t.pos_ in ("NOUN", "PROPN", "PRON") for t in alone)) or not _noun_phrase(alone, head):
            continue
        pronoun = "They" if plural(head) else "It"  # the subject's own pronoun, in its number
        test = nlp()(f"{pronoun} {predicate}")
        verb = test[1]
        if (
            verb.tag_ in _PRONOUNS[pronoun]
            and test[0].dep_ in SUBJECTS
            and verb.pos_ in ("VERB", "AUX")
            and (verb.dep_ == "ROOT" or verb.dep_ in ("aux", "auxpass") and verb.head.dep_ == "ROOT")
            and test[0].head.i == (verb.i if verb.dep_ == "ROOT" else verb.head.i)
            and (verb.tag_ == "MD" or verb.lemma_ in ("be", "have", "do") or is_verb(verb.lemma_))
        ):
            return subject, f"{pronoun} {predicate}"
    return None


def inside_a_wh_clause(doc: Doc, first: Token) -> bool:
    """Whether the words before ``first`` end inside a clause a wh-word opens that already has its verb: "the fight
    over who controls AI chips" holds "who controls AI chips" whole, so "chips" is that verb's object, not the
    headline's verb ("... who controls AI | chips"). A clause has one finite verb; once a wh-word's clause has
    found it, the words its verb still governs (its object, its complements) belong to it, and a phrase holds a
    clause whole or not at all (``_noun_phrase``). A word the parse reads as a noun right after the object's last
    noun goes on with that object ("who owns the harbour lands": "harbour lands", not "It lands")."""
    for wh in doc[: first.i]:
        verb = wh.head
        if wh.tag_ in _WH_TAGS and wh.i < verb.i < first.i and verb.pos_ in ("VERB", "AUX"):
            end = verb.right_edge
            if end.i >= first.i or (end.i == first.i - 1 and end.pos_ == "NOUN" and first.tag_ in ("NN", "NNS")):
                return True
    return False


_PRONOUNS = {"It": ("VBZ", "VBD", "MD"), "They": ("VBP", "VBD", "MD")}
_NO_PHRASE_END = {"DT", "PDT", "PRP$", "POS", "IN", "CC", "TO", "WDT", "WP", "WP$"}  # a noun phrase never ends so
MAX_SUBJECT_WORDS = 8
