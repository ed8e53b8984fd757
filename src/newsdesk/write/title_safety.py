"""When a question title is safe to publish, and the declarative title that stands in where it is not.

A question title inverts the headline's clause (``asking.asked_about``). That is safe only where the question is
standard English and the story answers it; headline register is not standard English (it drops articles, writes
the simple present for a past event and "to" + verb for a future one), so a question that keeps a headline's
bare noun is no sentence ("Why did storm close bridge?"). Where a question is unsafe the title is the headline
as written, which is a well-formed headline in its own register, trimmed at a boundary to a title's length.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..language import CAUSAL_CONNECTIVES, CAUSAL_VERBS, nlp, past_tense, words_pattern
from ..sentences import split_sentences
from ..storymap import is_complete_sentence
from .headline import bare_headline, countable, definite_modifier, headline_parts

if TYPE_CHECKING:  # spaCy's own types; the parse itself comes from language.nlp()
    from spacy.tokens import Doc, Token

__all__ = ["declarative_title", "headline_future", "safe_question"]

#: The most words a title may have; a longer question copies a whole sentence (smoke42 #4).
MAX_TITLE_WORDS = 22

# A reason is said by a causal connective or verb (``language``'s), by a noun or verb that names a reason or
# assigns a cause ("the reason", "blamed ... on"), or by a clause of purpose, which gives an agent's reason ("in
# order to", "in a bid to"). "After" and "since" say only that one thing came first: a cause is at most implied.
_REASON_WORDS = frozenset({"reason", "reasons", "why", "amid", "blame", "blamed", "blames", "cited", "cites", "cite"})
_PURPOSE = ("in order to", "so as to", "in a bid to", "in an effort to", "aimed at")
_STATED_REASON = re.compile(
    words_pattern(frozenset(CAUSAL_CONNECTIVES) | _REASON_WORDS | frozenset(_PURPOSE))
    + "|"
    + words_pattern(CAUSAL_VERBS, inflect=True),
    re.IGNORECASE,
)
_SINGLING = ("only", "next", "last")
_CONTENT = ("NOUN", "PROPN", "VERB", "ADJ", "NUM")
_ARGUMENTS = ("nsubj", "nsubjpass", "dobj", "pobj", "attr")
_DETERMINERS = ("det", "poss", "nummod", "predet")


def safe_question(question: str, body: str, *, reason_given: bool = False) -> bool:
    """Whether ``question`` may be the title: one question of at most ``MAX_TITLE_WORDS`` words, with no bare
    singular count noun left from headline register (``bare_count_noun``), no reporting verb whose only
    complement is its sayer (``_quotative``), no "did" for what is not past (``_past_for_a_present``) nor over a
    present it leaves inside the clause (``_present_under_did``), no first person (``_first_person``), no "why" of
    what the subject is (``_why_of_identity``), and, for a "why", a reason the story states (``stated_reason``).
    ``reason_given``: the headline itself opens on "Why", a promise that the story gives the reason."""
    doc = nlp()(question)
    if len(question.split()) > MAX_TITLE_WORDS or bare_count_noun(doc, body) is not None or _quotative(doc):
        return False
    if _past_for_a_present(doc, body) or _present_under_did(doc) or _first_person(doc) or _why_of_identity(doc):
        return False
    return reason_given or not question.startswith("Why ") or stated_reason(doc, body)


def stated_reason(question: Doc, body: str) -> bool:
    """Whether the story states a reason for the event a "why" asks about: a sentence that names the event (its
    verb in any form, or two of the question's content words) says a reason (``_STATED_REASON``), or the sentence
    right after it does, as news gives the cause after the event ("Fares will rise. The operator blamed fuel
    costs."). A "why" a story does not answer promises what the article cannot give ("Why did the storm close the
    bridge?" over a story that says only that it did)."""
    asked = [t for t in question if t.pos_ in _CONTENT and not t.is_stop and t.i > 0 and t.dep_ != "aux"]
    verbs = {t.lemma_.lower() for t in asked if t.pos_ == "VERB"}
    words = {t.lower_ for t in asked} | {t.lemma_.lower() for t in asked}
    verb_forms = re.compile(words_pattern(frozenset(verbs), inflect=True), re.I) if verbs else None
    sentences = split_sentences(body)
    for i, sentence in enumerate(sentences):
        said = {w.lower() for w in re.findall(r"[\w’'-]+", sentence)}
        shared = len(words & said) >= min(2, len(words))
        names_event = shared or (verb_forms is not None and verb_forms.search(sentence))
        if names_event and any(_STATED_REASON.search(s) for s in sentences[i : i + 2]):
            return True
    return False


def bare_count_noun(question: Doc, body: str) -> Token | None:
    """A singular count noun the question leaves without a determiner, as headline register does and standard
    English does not ("storm", "bridge" in "Why did storm close bridge?"): an argument headed by a common noun with
    no article, possessor or number, which the story never writes bare itself (``_written_bare``: a noun with a
    mass sense, "support", or in a set phrase, "go to war", may stand so). A subject is read so whatever the noun;
    after a verb or a preposition, where mass nouns are common ("withhold support", "cause alarm"), only a noun
    the story counts (``headline.countable``: after "a"/"an", or in the plural). Words in quotation marks are the
    quoted speaker's."""
    quoted = _quoted_indexes(question)
    for token in question:
        if token.tag_ != "NN" or not token.text.islower() or token.is_stop or token.dep_ not in _ARGUMENTS:
            continue
        if token.i in quoted or _determined(token) or any(c.dep_ == "conj" for c in token.ancestors):
            continue  # a conjunct shares its first member's determiner
        subject = token.dep_ in ("nsubj", "nsubjpass")
        if (subject or countable(token.lower_, body)) and not _written_bare(token.lower_, body):
            return token
    return None


def _determined(noun: Token) -> bool:
    """Whether the noun has a determiner, a possessor or a number that counts it ("the", "Meta's plan", "two
    fines"). A number after a currency sign is an amount, which modifies as an adjective does and determines
    nothing ("a $140M fine")."""
    if noun.left_edge.tag_ in ("DT", "PRP$", "WDT") or any(c.tag_ == "POS" for c in noun.subtree):
        return True
    counting = [c for c in noun.children if c.dep_ in _DETERMINERS]
    return any(c.dep_ != "nummod" or not (c.i and noun.doc[c.i - 1].tag_ == "$") for c in counting) or (
        noun.left_edge.tag_ == "CD"
    )


def _quoted_indexes(doc: Doc) -> set[int]:
    """The indexes of the tokens inside quotation marks (an apostrophe inside a word is no mark)."""
    spans = [m.span(1) for m in _QUOTED.finditer(doc.text)]
    return {t.i for t in doc if any(start <= t.idx < end for start, end in spans)}


_QUOTED = re.compile(r"(?:(?<=\s)|^)[“\"‘'](.+?)[”\"’'](?=\W|$)")


def _written_bare(noun: str, body: str) -> bool:
    """Whether the story writes ``noun`` as a noun phrase's head with no determiner (parsed, in the first
    sentences that hold it): evidence that English lets it stand so (a mass sense, or a set phrase: "in office")."""
    pattern = re.compile(rf"\b{re.escape(noun)}\b", re.I)
    for sentence in [s for s in split_sentences(body) if pattern.search(s)][:6]:
        for token in nlp()(sentence):
            if token.lower_ == noun and token.tag_ == "NN" and token.dep_ != "compound" and not _determined(token):
                return True
    return False


# Adverbs that put a simple present in the present: a habit ("often") or the time of speaking ("now"), never a
# past event, which is what a headline's simple present otherwise reports.
_PRESENT_ADVERBS = frozenset("now often usually always sometimes rarely seldom never still currently regularly".split())
_FUTURE = r"\b(?:will|shall|'ll|set to|due to|going to)\s+(?:\w+\s+)?"


def _past_for_a_present(question: Doc, body: str) -> bool:
    """A question asked with "did" of what is not past. Headline register reports a past event in the simple
    present, which a question puts back in the past; but a present with an adverb of frequency or of the time of
    speaking ("Hikers often stumble ...", "Germans now consider ...") states a habit or a present state, and a
    present the story itself writes only in the future ("Liverpool face Villa on Sunday" over "Liverpool will face
    Villa") is a schedule: "did" makes either a past event the story does not report."""
    did = next((t for t in question if t.lower_ == "did" and t.dep_ == "aux"), None)
    if did is None:
        return False
    if any(t.lower_ in _PRESENT_ADVERBS for t in question):
        return True
    lemma = did.head.lemma_.lower()
    if not lemma.isalpha():
        return False
    future = re.search(_FUTURE + rf"{re.escape(lemma)}\b", body, re.I)
    past = past_tense(lemma, body)
    return bool(future) and not (past and re.search(rf"\b{re.escape(past)}\b", body, re.I))


def _present_under_did(question: Doc) -> bool:
    """A question asked with "did" that keeps a present tense inside it ("Why did X get what he wants?"). "Did"
    puts the event in the past, and by the sequence of tenses the clauses that depend on it follow it into the
    past ("what he wanted"); a headline's present, which reports the event just past, left in a dependent clause
    clashes with the "did" that now carries the event's tense. Where ``asking`` could not shift the dependent
    verb (only an adverbial clause of time is shifted), the question is no standard English. Words in quotation
    marks are the speaker's own, in the speaker's tense."""
    did = next((t for t in question if t.lower_ == "did" and t.dep_ in ("aux", "auxpass")), None)
    if did is None:
        return False
    quoted = _quoted_indexes(question)
    asked = {did.head.i} | {c.i for c in did.head.children if c.dep_ == "conj"}  # the verbs "did" carries
    return any(t.tag_ in ("VBZ", "VBP") and t.i not in quoted and t.i not in asked for t in question)


_FIRST_PERSON = frozenset({"i", "me", "my", "mine", "myself", "we", "us", "our", "ours", "ourselves"})


def _first_person(question: Doc) -> bool:
    """A first-person pronoun outside quotation marks ("What did I learn ...?", "How did we choose ...?"). In a
    headline "I" and "we" are its writer's voice, a first-person piece or the publication itself; in a question
    newsdesk publishes over its own article they would be newsdesk's reporter, who did none of it, and the
    question misattributes the experience. "You" addresses the reader, as a question may. "US" in capitals is a
    country, not the pronoun."""
    quoted = _quoted_indexes(question)
    return any(
        t.tag_ in ("PRP", "PRP$")
        and t.lower_ in _FIRST_PERSON
        and (t.text == "I" or not t.text.isupper())
        and t.i not in quoted
        for t in question
    )


_BE_FORMS = frozenset({"is", "are", "was", "were"})


def _why_of_identity(question: Doc) -> bool:
    """ "Why is X a social network for bots?": "why" asks the cause of an event or a state, and a copula whose
    complement is a noun phrase (a predicate nominal) states neither: it classifies or identifies its subject,
    which is what the subject is (a definition), not something that happened to it. A predicate adjective
    ("Why are the systems so bad at chess?") is a state, whose cause may be asked. The statement is rebuilt by
    putting the copula back after each candidate subject, before a determiner that can open the predicate noun
    phrase, and is read as one where the parse makes the copula the root with a nominal complement."""
    if len(question) < 4 or question[0].lower_ != "why" or question[1].lower_ not in _BE_FORMS:
        return False
    words = [t for t in question[2:] if not t.is_punct or t.text not in "?"]
    if any(t.tag_ == "MD" or (t.pos_ == "VERB" and (t.dep_ == "ROOT" or t.head.i == question[1].i)) for t in words):
        return False  # "Why is the lawyer suing ...": a progressive or a passive is an event
    for k, token in enumerate(words[1:], start=1):
        if token.tag_ not in ("DT", "PRP$") or token.lower_ in ("this", "that", "these", "those"):
            continue
        statement = " ".join(
            [words[0].doc[words[0].i : token.i].text, question[1].lower_, *(t.text for t in words[k:])]
        )
        doc = nlp()(statement)
        root = next((t for t in doc if t.dep_ == "ROOT"), None)
        if root is None or root.lemma_ != "be":
            continue
        if any(c.dep_ == "attr" and c.pos_ in ("NOUN", "PROPN", "NUM") for c in root.children):
            return True
    return False


def _quotative(question: Doc) -> bool:
    """A question on "say" whose complement is a noun phrase ("Why did X say scientists?"): "say" takes what is
    said (a clause, a quotation), so a noun after it is its subject, inverted after the claim as headlines do
    ("X long mistaken for Y, say scientists"); the headline reports a claim, it states no event to ask about."""
    return any(
        t.lemma_ == "say"
        and any(c.dep_ == "dobj" and c.i > t.i for c in t.children)  # not "What does X say about ...?"
        and not any(c.dep_ in ("ccomp", "xcomp") for c in t.children)
        for t in question
    )


def headline_future(clause: str) -> str | None:
    """A headline's future ("Harbour ferry fares to rise 12% in May") as the clause it stands for ("Harbour ferry
    fares will rise 12% in May"): headline register writes "to" + verb after a noun phrase for what is planned or
    expected. Read so only where the clause has no finite verb of its own before the "to" and the words before it
    are, by themselves, the subject of the clause with "will" in the place of "to" (the substitution test). A
    noun phrase an infinitival relative modifies is no subject: English forms one on an indefinite noun ("a ride
    to remember", "a place to live"), a counted one ("5 things to know") or one an ordinal, a superlative or
    "only" singles out ("the first woman to lead ...")."""
    doc = nlp()(clause)
    if not len(doc) or doc[0].tag_ in ("WRB", "WP", "WDT", "WP$"):  # "What to know": advice, not a plan
        return None
    to = next((t for t in doc[1:-1] if t.lower_ == "to" and doc[t.i + 1].tag_ == "VB"), None)
    if to is None or any(t.tag_ in ("VBZ", "VBD", "VBP", "MD") for t in doc[: to.i]):
        return None
    if doc[0].lower_ in ("a", "an") or any(
        definite_modifier(t) or t.lower_ in _SINGLING or t.like_num for t in doc[: to.i]
    ):
        return None  # "A ride to remember", "The first woman to lead ...", "5 things to know": a relative on its noun
    willed = f"{doc[: to.i].text} will {doc[to.i + 1 :].text}"
    read = nlp()(willed)
    verb = next((t for t in read if t.dep_ == "ROOT"), None)
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None) if verb else None
    if verb is None or subject is None or subject.left_edge.i != 0 or subject.right_edge.i != to.i - 1:
        return None
    return willed


def declarative_title(headline: str, body: str = "") -> str:
    """The headline as written, for a title no safe question can be made of: its parts (sentences, a label and
    its clause) up to the last that is whole (a part cut off mid-phrase, as a page's truncated summary is, ends
    nothing; but never down to a label: what is kept must state something, ``_states``), and within
    ``MAX_TITLE_WORDS`` words: past that it ends at the last clause boundary that fits (a
    stop, a colon, a semicolon, a comma, a dash, or the coordinator before a second predicate: "... hosted an open
    day and said ..."), or at the limit's last word."""
    text = bare_headline(headline)
    parts = [p for p, _ in headline_parts(headline)]
    if len(parts) > 1 and not _whole(parts[-1]):
        kept = text[: text.rfind(parts[-1])].rstrip(" :")
        if _states(kept):  # a label before a colon ("Storm Halden:") names the topic, it states no news
            text = kept
    text = re.sub(r"(?<![A-Z])\.$", "", text)  # a headline ends on no stop; an abbreviation keeps its own
    words = text.split()
    if len(words) <= MAX_TITLE_WORDS:
        return text
    kept = nlp()(" ".join(words[:MAX_TITLE_WORDS]))
    # a boundary: a mark between clauses, or a coordinator joining a second predicate to the main verb
    # the end of a whole sentence first (what follows it is another statement), past a third of the words
    cut = str(kept.text)
    stops = [t.idx + 1 for t in kept if t.text in (".", "!", "?") and t.i > len(kept) // 3 and t.is_sent_end]
    boundaries = [t.idx for t in kept if t.text in (":", ";", ",", "–", "—", "-") and t.i]
    boundaries += [t.idx for t in kept if t.dep_ == "cc" and t.head.dep_ == "ROOT" and t.head.pos_ in ("VERB", "AUX")]
    if stops:
        return re.sub(r"(?<![A-Z])\.$", "", cut[: max(stops)])
    boundary = max(boundaries, default=0)
    if boundary > len(cut) // 2:
        return cut[:boundary].rstrip(" ,;:–—-")
    return cut.rstrip(" ,;:–—-") + "…"


def _states(text: str) -> bool:
    """Whether the text holds a clause, a finite verb or a predicate: a title must state the news, and a fragment
    with no verb ("Storm Halden", the kicker or label before a headline's colon) names a topic and states nothing
    about it (smoke44 #6). The verb is looked for in the lower-cased text too, as Title Case hides it from the
    tagger."""
    return any(t.tag_ in ("VBZ", "VBD", "VBP", "MD", "VBN") for variant in (text, text.lower()) for t in nlp()(variant))


def _whole(part: str) -> bool:
    """A headline's part ends whole where it closes with a stop, or its last word is one a phrase may end on (a
    noun, a name, a number, a verb, an adverb, a closing mark), not an article, adjective or preposition awaiting
    its noun ("New macaque has a distinctive")."""
    if part.rstrip()[-1:] in ".!?'\"’”)":
        return True
    return _whole_reading(part) or _whole_reading(part.lower())  # Title Case misleads the tagger ("What Comes Next")


def _whole_reading(part: str) -> bool:
    doc = nlp()(part)
    return (
        bool(len(doc))
        and doc[-1].pos_ not in ("DET", "ADJ", "ADP", "CCONJ", "SCONJ", "PART")
        and (len(doc) < 3 or is_complete_sentence(doc) or doc[-1].pos_ in ("NOUN", "PROPN", "NUM"))
    )
