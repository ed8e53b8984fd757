"""The title (a grammatical question naming the main actor and the event) and the dek (a whole sentence).

A title is built from the headline's own clause, never the headline with a suffix: the clause is read
(``headline.headline_clause``: in sentence case, a word keeping its capital only where the story writes it so;
without a label or a source after its last comma), parsed, and asked as an English question by its grammar
(``asking.asked_about``: "Why did Meta poach ...?", "How does a law protect ...?", "Why is the lawyer suing ...?";
a claim the headline gives to a source is asked whether it holds: "Did OpenAI remove safeguards ...?"),
with the articles headline style drops where the story shows them (``headline.with_articles``). A headline that
answers a yes-or-no question is asked that question, "Inside X" and a noun phrase are asked what they are (a
definite noun phrase: "What is Starlink's quiet role in ...?"), an indefinite one through the story's main claim
(``lead_question``). A question is published only where it is safe (``title_safety``: standard English, no longer
than a title, a "why" the story answers); else the title is the headline as written. No frame is glued to a
headline ("What is at stake as ...?"). A model's own title is used only when it passes the same tests.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..langid import dominant_language, guess_language
from ..language import BELIEF_VERBS, KNOWING_VERBS, SPEECH_VERBS, forms, is_noun, nlp, words_pattern
from ..sentences import split_sentences
from ..storymap import StoryMap, is_complete_sentence
from .asking import asked_about, finish
from .casing import lower_first, lower_words
from .core import shorten
from .headline import (
    bare_headline,
    headline_clause,
    headline_parts,
    kicker,
    read_headline,
    sentence_case,
    with_articles,
)
from .pronoun_substitution import inside_a_wh_clause, plural
from .title_safety import MAX_TITLE_WORDS, declarative_title, headline_future, safe_question

if TYPE_CHECKING:  # spaCy's own types; the parse itself comes from storymap.nlp()
    from spacy.tokens import Doc, Token

__all__ = [
    "acceptable_title",
    "headline_clause",
    "headline_fallbacks",
    "headed_by_its_lead",
    "lead_question",
    "lead_title",
    "question_from_headline",
    "question_title",
    "whole_sentence",
]

_WH = re.compile(r"^(?:what|why|how|who|when|where|which|will|can|could|should|is|are|does|do|did|has|have)\b", re.I)


def _headline_question(headline: str, body: str) -> str | None:
    """A headline that is itself a question about the story (not a quoted one) is already a title, in sentence
    case as any other; so is a question after a label's colon ("Feuding heirs and a will: Why did the collection
    leave?"), which is the headline's own question about the story."""
    text = bare_headline(headline)
    if text.endswith("?") and _WH.match(text) and text[0] not in "'\"‘“" and len(text.split()) <= MAX_TITLE_WORDS:
        return sentence_case(text, body)
    parts = headline_parts(headline)
    if len(parts) > 1 and not parts[-1][1]:
        last = parts[-1][0]
        # a title stands alone: "Is she the future?" points at what only the part before it names
        if last.endswith("?") and _WH.match(last) and len(last.split()) <= MAX_TITLE_WORDS:
            if not any(_pointing(t) for t in nlp()(last)):
                return sentence_case(last, body)
    return None


def question_title(headline: str, body: str, story_map: StoryMap) -> str:
    """A question about the story built from its headline's clause where one is safe (``title_safety``), else
    the headline as written (``declarative_title``). A question the headline asks itself is kept as it asks it,
    and so is a "why" the headline opens with ("Why Waymo's launch matters"): its writer promises the answer."""
    if (asked := _headline_question(headline, body)) is not None:
        return _with_label(asked, headline, body)
    question = question_from_headline(headline, body)
    clause = read_headline(headline, body)[0]
    own_why = clause.lower().startswith("why ")
    if question is not None and safe_question(question, body, reason_given=own_why):
        return question
    if headed_by_its_lead(headline, body) and (short := lead_title(headline)) is not None:
        return short
    return declarative_title(headline, body)


def headed_by_its_lead(headline: str, body: str) -> bool:
    """A story given without a headline is headed by its own first sentence (``ingest.text``): the "headline" is
    the body's opening sentence, which the dek gives in full."""
    return bool(headline) and " ".join(body.split()).startswith(" ".join(headline.split()))


# What a clause's main verb governs that states who did what: its subject, its auxiliaries and negation, a particle,
# and its object or complement. Everything else on the verb (when, where, why, how, a second clause) is detail.
_CORE = frozenset({"nsubj", "nsubjpass", "aux", "auxpass", "neg", "prt", "dobj", "attr", "acomp", "oprd", "xcomp"})
# What a kept phrase loses: a clause or an aside inside it (a relative clause, an adverbial clause, an apposition,
# a second conjunct) and the punctuation around it.
_DETAIL = frozenset({"relcl", "advcl", "appos", "conj", "cc", "parataxis", "punct", "dep", "npadvmod", "advmod"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
_COMPLEMENTS = _CORE - _SUBJECTS - {"aux", "auxpass", "neg", "prt"}
# The verbs that report a claim, a view or a finding in the clause they take ("the agency said", "police believe").
_REPORTING = frozenset(form for verb in {*SPEECH_VERBS, *BELIEF_VERBS, *KNOWING_VERBS} for form in forms(verb))


def lead_title(sentence: str) -> str | None:
    """A short title built from the parse of a story's lead, for a story with no headline: who did what.

    A headline states the lead's main clause (its subject, verb and object or complement) without the detail
    hung on it; cutting the lead after a number of words instead stops mid-clause ("... after calling out an
    online hater…"), and the whole lead is the dek already. So the title is the main verb with its subject,
    auxiliaries, negation, particle and complement, each phrase without its relative or adverbial clauses,
    appositions and conjuncts. None where the subject is a pronoun (the title would not say who), where the verb
    reports a claim (its clause is the claim's, and the title must keep who makes it), where no
    subject or no complement of a verb that needs one is found, or where the clause is still longer than a
    title."""
    doc = nlp()(sentence)
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None or root.pos_ not in ("VERB", "AUX"):
        return None
    subject = next((t for t in root.children if t.dep_ in _SUBJECTS), None)
    reports = root.lower_ in _REPORTING and any(t.dep_ == "ccomp" for t in root.children)
    if subject is None or subject.pos_ == "PRON" or reports:
        return None  # a reported claim ("..., the agency said"): a title of its clause alone drops who says so
    kept: set[int] = {root.i}
    for child in root.children:
        if child.dep_ in _CORE:
            kept |= _phrase(child)
    if root.pos_ == "AUX" and not any(doc[i].dep_ in _COMPLEMENTS for i in kept):
        return None  # "is" with nothing it says the subject is
    # a piece of a word the parse split ("semi" "-final") goes with the word: kept whole or not at all
    while glued := {i for i in kept if _glued(doc, i, i - 1, kept) or _glued(doc, i, i + 1, kept)}:
        kept -= glued
    words = [doc[i] for i in sorted(kept)]
    if not words or not any(t.dep_ in _SUBJECTS for t in words) or not 3 <= len(words) <= MAX_TITLE_WORDS:
        return None
    following = [*words[1:], doc[-1]]
    joined = "".join(t.text + (t.whitespace_ if n.i == t.i + 1 else " ") for t, n in zip(words, following, strict=True))
    text = re.sub(r"\s+", " ", joined).strip(" ,;:–—-\"'“”‘’")
    return text[:1].upper() + text[1:]


def _glued(doc: Doc, i: int, j: int, kept: set[int]) -> bool:
    """Whether token ``i`` is written against token ``j`` (no space between) and ``j`` is left out."""
    if not 0 <= j < len(doc) or j in kept:
        return False
    first, second = (doc[j], doc[i]) if j < i else (doc[i], doc[j])
    return not first.whitespace_ and _in_a_word(first) and _in_a_word(second)


def _in_a_word(token: Token) -> bool:
    return not token.is_punct or token.text in ("-", "'", "’")  # a hyphen or apostrophe inside a word


def _phrase(head: Token) -> set[int]:
    """The token indices of ``head``'s phrase without the details in it (``_DETAIL``)."""
    kept = {head.i}
    for child in head.children:
        if child.dep_ not in _DETAIL:
            kept |= _phrase(child)
    return kept


def question_from_headline(headline: str, body: str = "") -> str | None:
    """The question built from the headline's clause, before ``question_title`` decides whether it is safe to
    publish, or None; a story in another language than English has
    none: the question is made by English grammar from an English parse, and an English frame around another
    language's clause ("Why did una solución ...?") is no sentence of either. A headline's future ("Fares to
    rise") is asked in the future (``headline_future``), never with the "did" of a simple present."""
    if _language(headline, body) not in (None, "en"):
        return None
    if _joined_by_a_dash(headline) or _clauses(headline, body) > 1:
        return None
    clause, attributed = read_headline(headline, body)
    for reading in (_answered, _looked_inside, _named_thing):
        if (question := reading(clause, body)) is not None:
            return _with_label(question, headline, body)
    if (inverted := asked_about(headline_future(clause) or clause, body, attributed=attributed)) is not None:
        return _with_label(with_articles(inverted, body), headline, body)
    if attributed:  # the headline keeps its claim's source, which no question of ours may drop
        return None
    framed = _framed(clause, body)
    return with_articles(framed, body) if framed is not None else None


_SPACED_DASH = re.compile(r"\s(?:-{1,2}|[–—])\s")


def _joined_by_a_dash(headline: str) -> bool:
    """Whether a spaced dash joins two parts of the headline's own content (a publisher's name after it is no
    content, ``bare_headline``): what follows the dash is the source of the claim ("... dismiss allegation -
    lawyers"), a clause that balances it ("... put India on the stage - but challenges remain") or a question
    about it. Each is part of what the headline says, so a question made of the part before the dash drops it:
    it states as plain fact what a source only reports, or only the good half of the news. No question holds
    both, so the headline is the title."""
    return bool(_SPACED_DASH.search(bare_headline(headline)))


_FINITE = ("VBZ", "VBD", "VBP", "MD")


def _clauses(headline: str, body: str) -> int:
    """How many of the headline's parts (its sentences, and the parts a colon divides) are clauses of its own
    (a finite verb), not counting a quotation, a kicker ("Here's how it works") or a verbless label ("Storm
    Halden:", "What to know"). A headline of two such sentences says two things, and the second is often the
    news about the first ("X promised to be safer. Researchers say it is not working.") or the answer to a
    question the first asks ("How do you teach an AI? Firm publishes its answer"); a question made of either
    alone drops the other, or points at it ("its answer"). The headline holds both."""
    count = 0
    for part, quoted in headline_parts(headline):
        if quoted or kicker(part) or len(part.split()) < 3:
            continue
        cased = sentence_case(part, body)
        if any(t.tag_ in _FINITE for t in nlp()(cased)):
            count += 1
    return count


def _with_label(question: str, headline: str, body: str) -> str:
    """The question after the headline's label where its subject is a bare definite description ("Harbour bridge:
    The work will cost ..." -> "Harbour bridge: Why will the work cost ...?", not "Why will the work cost ...?").
    "The" presents its noun as one the reader can already pick out; a headline's general noun ("the work", "the
    collection") is picked out only by the label before its colon, which names the topic, so a title that drops
    the label points at nothing, as a title with a pronoun does (``_pointing``). A label names a topic when it is
    a short noun phrase, not a kicker ("Analysis:", "Live:"), whose words the story uses too; a subject with a name
    or a phrase of its own ("the work on the bridge") needs no label."""
    parts = headline_parts(headline)
    if len(parts) != 2 or parts[0][1] or kicker(parts[0][0]):
        return question
    label = sentence_case(parts[0][0], body)
    topic = nlp()(label)
    if (
        len(topic) > 6
        or not any(t.dep_ == "ROOT" and t.pos_ in ("NOUN", "PROPN") for t in topic)  # a noun phrase, no clause
        or not any(t.pos_ in ("NOUN", "PROPN") and t.lower_ in body.lower() for t in topic)
        or len(f"{label} {question}".split()) > MAX_TITLE_WORDS
    ):
        return question
    asked = nlp()(question)
    subject = next((t for t in asked if t.dep_ in ("nsubj", "nsubjpass") and t.head.dep_ == "ROOT"), None)
    if subject is None or subject.pos_ != "NOUN" or not subject.text.islower():
        return question
    modifiers = list(subject.children)
    bare = all(c.dep_ in ("det", "amod", "compound") and c.text.islower() for c in modifiers) and any(
        c.dep_ == "det" and c.lower_ == "the" for c in modifiers
    )
    return f"{label}: {question}" if bare else question


def _language(headline: str, body: str) -> str | None:
    """The story's language: by the share of function words where it is long enough to tell, else by the votes of
    its body's sentences, two at least (a two-sentence summary in Spanish is Spanish: "Why do La alcaldesa dijo
    ...?", Smoke test 39b #11). A headline alone is no vote: its few words, and the letters of "U.S.", are function
    words of some language."""
    if (language := guess_language(f"{headline} {body}")) is not None:
        return language
    sentences = split_sentences(body)[:10]
    return dominant_language(sentences) if len(sentences) >= 2 else None


def _answered(clause: str, body: str) -> str | None:
    """A headline that answers a yes-or-no question ("No, that song isn't a hit"; "Yes, robots can fold
    laundry") is titled with the question it answers: the clause without its "no" or "yes" and its negation,
    asked whether it holds ("Is that song a hit?")."""
    match = re.match(r"(?i)(?:no|yes),\s+", clause)
    if match is None:
        return None
    doc = nlp()(clause[match.end() :])
    positive = "".join(t.whitespace_ if t.dep_ == "neg" else t.text_with_ws for t in doc)
    question = asked_about(positive[:1].upper() + positive[1:], body)  # capitalised for the parse only
    if question is None or not question.startswith("Why "):
        return None
    if doc[0].text[:1].islower():  # the clause's own case holds
        question = question.replace(doc[0].text.capitalize(), doc[0].text, 1)
    return question[4].upper() + question[5:]


def _looked_inside(clause: str, body: str) -> str | None:
    """ "Inside X" and "Behind X", a headline that is nothing but the preposition and its object, promise a look
    at X from within: the story is about X, asked what it is when X is definite ("Inside the village where
    chatbots compete" -> "What is the village where chatbots compete?"), as ``_definite_question`` asks."""
    doc = nlp()(clause)
    if len(doc) < 3 or doc[0].lower_ not in ("inside", "behind") or any(t.text in ",;:" for t in doc):
        return None
    place = next((c for c in doc[0].children if c.dep_ == "pobj"), None)
    if place is None or not (any(c.dep_ == "poss" for c in place.children) or doc[1].lower_ == "the"):
        return None
    thing = lower_first(doc[1:], doc[1:].text, lower_words(body))
    return finish(f"What {'are' if place.tag_ in ('NNS', 'NNPS') else 'is'} {thing}")


def _named_thing(clause: str, body: str) -> str | None:
    """A noun phrase whose last word the parse reads as its verb ("The story behind the Person of the Year
    covers"): a word English has as both is read as the story itself mostly uses it ("the cover", "each cover"),
    so where the story uses it more often as a noun, the headline names a thing and is asked what it is. Only a
    last word with nothing of its own (no object, no complement) is read so."""
    doc = nlp()(clause)
    root = doc[-1] if len(doc) > 2 else None
    if root is None or root.dep_ != "ROOT" or root.tag_ not in ("VBZ", "VBP") or not is_noun(root.lemma_):
        return None
    subject = next((c for c in root.children if c.dep_ == "nsubj"), None)
    if subject is None or any(c.dep_ not in ("nsubj", "punct") for c in root.children):
        return None
    written = re.compile(words_pattern(frozenset({root.lemma_}), inflect=True), re.I)
    uses = [t.pos_ for s in split_sentences(body) if written.search(s) for t in nlp()(s) if t.lemma_ == root.lemma_]
    if uses.count("NOUN") <= uses.count("VERB"):
        return None
    return finish(f"What {'are' if plural(subject) else 'is'} {lower_first(doc, clause, lower_words(body))}")


def _framed(clause: str, body: str) -> str | None:
    """The headline's clause asked by its verb where its grammar says how (an obituary, a list, a verbless
    clause); a headline that is a definite noun phrase asked what it is (``_definite_question``); else the story's
    main claim asked (``lead_question``); else None. No template is glued to a headline's words ("What is at
    stake as ...?", "What lies behind ...?": issue 17 counted 88 of 96 TIME titles so): where grammar makes no
    question, the title is the headline itself (``title_safety.declarative_title``)."""
    doc = nlp()(clause)
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is not None and root.pos_ not in ("VERB", "AUX"):  # a parse that missed the verb ("Attack stokes ...")
        root = next((t for t in doc if t.tag_ in ("VBZ", "VBD", "VBP") and t.i > 0 and not _wh_clause(t)), root)
    subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None) if root is not None else None
    if root is not None and subject is None and root.i > 0 and root.tag_ in ("VBZ", "VBD", "VBP"):
        subject = doc[root.i - 1]
    lowered = lower_words(body)
    text = lower_first(doc, clause.rstrip(".!?"), lowered, story=body)
    if subject is not None and root is not None and root.i == len(doc) - 1 and inside_a_wh_clause(doc, root):
        # "The bitter row over who owns the harbour lands": the last word is the embedded question's object, so
        # the headline is a noun phrase, asked what it is when definite
        if doc[0].lower_ == "the" or any(c.dep_ == "poss" for c in subject.children):
            return finish(f"What {'are' if plural(subject) else 'is'} {text}")
        subject = None
    if root is not None and subject is not None:
        if root.tag_ == "VBG" or any(c.dep_ == "aux" and c.lower_ == "to" for c in root.children):
            return None  # a plan or a progressive the inversion could not ask: no frame is glued to it
        if root.lemma_ == "die" and subject.ent_type_ == "PERSON":  # an obituary: the question is what remains
            name = doc[subject.left_edge.i : subject.right_edge.i + 1].text
            return finish(f"What legacy does {name} leave")
        if root.lemma_ == "be" and subject.lower_ in ("these", "this", "those"):
            # "These are the 8 coolest games": what the list claims is the question. Only a demonstrative: "they"
            # points back at what an earlier sentence names, and "What makes they ...?" puts a subject pronoun
            # where English wants "them" (smoke42 #18)
            return finish(f"What makes {subject.lower_} {doc[root.i + 1 :].text}")
        if root.pos_ in ("ADJ", "NOUN") and not any(t.pos_ == "AUX" for t in doc):
            # "Māori tribes fearful over whale strandings": the headline left out its verb
            subj = doc[subject.left_edge.i : subject.right_edge.i + 1].text
            verb = "are" if subject.tag_ in ("NNS", "NNPS") else "is"
            rest = doc[subject.right_edge.i + 1 :].text
            return finish(f"Why {verb} {lower_first(doc, subj, lowered)} {rest}")
        return lead_question(body)
    if subject is None and (named := _definite_question(doc, text)) is not None:
        return named
    return lead_question(body)


def _definite_question(doc: Doc, text: str) -> str | None:
    """A headline that is a definite noun phrase, with no verb ("Starlink's quiet role in Venezuela's political
    crisis", "Four of the strangest AI moments in 2025") names a thing the story is about and presupposes it, so
    the question is the copula's: "What is <it>?" ("What are ..." for a plural, a number above one, or two joined
    by "and"). Definite: it opens on "the" or a possessor, or is a number's part of a definite whole ("Four of
    the ..."). An indefinite one ("A subway ride to remember") introduces something the story must say first: the
    story is asked instead. An embedded question the phrase holds ("The quiet fight over who controls AI chips")
    has its own verb and leaves the phrase a phrase (``_wh_clause``)."""
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    finite = [t for t in doc if t.tag_ in ("VBZ", "VBD", "VBP", "MD")]
    if root is None or root.pos_ not in _NOMINAL:
        return None
    if any(not _wh_clause(t.head if t.tag_ == "MD" else t) for t in finite):  # a verb outside an embedded question
        return None
    parts = root.tag_ == "CD" and any(c.dep_ == "prep" and c.lower_ == "of" for c in root.children)
    possessed = any(c.dep_ == "poss" for c in root.children)
    # a name is definite by itself: every word of the phrase capitalised, as sentence case leaves only a name
    named = all(t.text[:1].isupper() or t.is_punct or t.pos_ in ("ADP", "DET", "CCONJ") for t in doc)
    if not (parts or possessed or named or (doc[0].lower_ == "the" and doc[0].head.i == root.i)):
        return None
    # two things joined by "and" are plural, whatever each is ("X and Y" -> "What are ...")
    coordinated = any(c.dep_ == "conj" for c in root.children) and any(c.lower_ in ("and", "&") for c in root.children)
    many = root.tag_ in ("NNS", "NNPS") or (parts and root.lower_ not in ("one", "1")) or coordinated
    return finish(f"What {'are' if many else 'is'} {text}")


_NOMINAL = ("NOUN", "PROPN", "NUM")
_WH_TAGS = ("WDT", "WP", "WRB", "WP$")


def _wh_clause(verb: Token) -> bool:
    """Whether ``verb`` is the verb of an embedded question a preposition governs ("the fight over who controls AI
    chips", "the battle over which firm supplies ..."): a clause inside a noun phrase, never the headline's own
    verb. A wh-word after a preposition opens the preposition's object, an embedded question (``asking``'s
    ``_after_preposition``); the wh-word (or the phrase it opens: "which firm") comes before the verb, and the
    verb is the first it depends on. A relative clause ("the man whose break-up ...") is left to the reading of
    relative clauses: it names a person as often as a thing, which "What is ...?" cannot ask."""
    return any(
        t.tag_ in _WH_TAGS
        and t.i > 0
        and verb.doc[t.i - 1].pos_ == "ADP"
        and next((a for a in t.ancestors if a.pos_ in ("VERB", "AUX")), None) == verb
        for t in verb.doc[: verb.i]
    )


LEAD_SENTENCES = 3  # the story's opening sentences a title may be asked from


def lead_question(body: str) -> str | None:
    """The story's main claim as a question, where the headline holds no clause to ask about ("Inside the AI
    village where chatbots compete", "The robot in your kitchen"): news states its main event first, so the
    first of the opening sentences whose core (``shorten``: the clause without its asides) inverts into a question
    of at most ``MAX_TITLE_WORDS`` words is the title. Built from the parse, as a headline's clause is.

    A title stands alone, above the story: a sentence with a personal pronoun ("we", "you", "their arms") points
    at what it does not name, and one that joins two clauses (", and ...") asks two things; neither is asked."""

    for sentence in split_sentences(body)[:LEAD_SENTENCES]:
        if sentence.rstrip("\"'”’").endswith("?") or (whole := whole_sentence([sentence], split=False)) is None:
            continue  # a question in the story is the writer's, not its claim
        core = re.sub(r"[.!]([\"'”’]*)$", r"\1", shorten(whole, keep_dates=False))
        doc = nlp()(core)
        if _JOINED.search(core) or any(_pointing(t) for t in doc) or not len(doc):
            continue
        if doc[0].pos_ != "PROPN":  # a name the tagger reads in the story's own case; "French police" keeps it too
            core = lower_first(doc, core, lower_words(body), story=body)
        question = asked_about(core, body, headline=False)
        if question is not None and len(question.split()) <= MAX_TITLE_WORDS and question.count("?") == 1:
            return question
    return None


_JOINED = re.compile(r"[,;]\s+(?:and|but|or|so|yet)\s|;|:")


def _pointing(token: Token) -> bool:
    """A personal or possessive pronoun other than a reflexive one ("himself" names its own clause's subject)."""
    return token.tag_ in ("PRP", "PRP$") and not token.lower_.endswith(("self", "selves"))


def acceptable_title(candidate: str | None, headline: str, body: str, story_map: StoryMap) -> bool:
    """A model's title passes when it is one short question about this story, with a verb and a subject, naming
    the main actor, and not the headline with words tacked on ("What is the answer to this question: ...?" is the
    model talking); and when it is as safe as one built from the headline (``title_safety.safe_question``: a "why"
    the story answers, no headline-register bare noun)."""
    if not candidate:
        return False
    words = candidate.split()
    if not (
        candidate.endswith("?")
        and candidate.count("?") == 1
        and ":" not in candidate  # one question; a colon joins a label or the model's own words to it
        and _WH.match(candidate)
        and 4 <= len(words) <= MAX_TITLE_WORDS
    ):
        return False
    clause, attributed = read_headline(headline, body)
    clause = clause.lower().rstrip(".?!")
    if clause and clause in candidate.lower():
        return False
    actor = story_map.main_actor
    if actor is not None and actor.name.split()[-1].lower() not in candidate.lower():
        return False
    doc = nlp()(candidate)
    if doc[0].lower_ in ("why", "how") and attributed:
        return False  # a wh-question presupposes what the headline gives to a source that only claims it
    if not is_complete_sentence(doc) or _wh_without_a_slot(doc) or _uninverted(doc):
        return False
    return safe_question(candidate, body, reason_given=clause.startswith("why "))


def _uninverted(doc: Doc) -> bool:
    """'Why Indonesia suspended ... its license?': a direct question asked by "why", "when", "where" or a bare
    "how" puts an auxiliary before its subject ("Why did Indonesia suspend ...?"); without one the words are an
    embedded question, a headline's phrase, not a question. "How many", "how long" and the like open on the
    phrase they ask about, so only a bare "how" is read."""
    wh, after = doc[0], doc[1] if len(doc) > 1 else None
    if after is None or wh.lower_ not in ("why", "when", "where", "how"):
        return False
    if wh.lower_ == "how" and after.pos_ in ("ADJ", "ADV"):
        return False
    return not (after.pos_ == "AUX" or after.tag_ == "MD")


def _wh_without_a_slot(doc: Doc) -> bool:
    """'What is the U.S. releasing new details on ...?': the wh-word hangs on an auxiliary, or its verb already
    has an object, so the question word fills no place in the clause."""
    wh = doc[0]
    if wh.lower_ not in ("what", "who", "which"):
        return False
    if wh.head.dep_ in ("aux", "auxpass"):
        return True
    return wh.dep_ == "dobj" and any(c.dep_ == "dobj" and c.i != wh.i for c in wh.head.children)


def whole_sentence(candidates: list[str], *, split: bool = True) -> str | None:
    """The first text that is one complete sentence with its subject (a dek must not start mid-clause); of each
    candidate its first sentence is tried (``split=False``: the candidates are sentences already, taken whole)."""
    for text in candidates:
        if not text:
            continue
        sentence = (split_sentences(text) or [text])[0] if split else text
        sentence = " ".join(sentence.split())
        if re.match(r"^[a-z]", sentence) or re.match(
            r"(?i)^(?:it|he|she|they|this|these|that|his|her|its)\b", sentence
        ):
            continue
        if is_complete_sentence(nlp()(sentence)):
            return sentence
    return None


def headline_fallbacks(headline: str, body: str, story_map: StoryMap) -> tuple[list[str], list[str]]:
    """(titles, deks) that may replace a title or dek that fails its check, best first, all built from the story
    itself: the headline's question, then the headline; the story's first whole sentences, then the headline. The
    verifier checks each and publishes the first that passes."""
    deks = [sentence for text in split_sentences(body)[:5] if (sentence := whole_sentence([text], split=False))]
    return [question_title(headline, body, story_map), headline], [*deks, headline]
