"""Who is who in a parse: a machine, a text written from this page, its reader or writer, a reported speaker.

The roles ``addressee`` reads a sentence's frame with. Each is a fact about what a word names (a chatbot is a
machine, a digest is a text, "whoever summarises this" is the writer of this page's summary) or about the clause
it sits in (a clause under a verb of saying with a subject is someone's reported words), never a phrasing.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from .addressee_words import (
    _DEICTIC,
    _HUMAN_SENSES,
    _IRREGULAR,
    _MACHINE_HEADS,
    _PERSON_RECIPIENT_DEPS,
    _REQUEST_HEADS,
    _SPEECH_LEMMAS,
    _WRITER_NOUNS,
    _WRITING_VERBS,
    AUTOMATIC,
    COMMUNICATION,
    DERIVED_NOUNS,
    FREE_CHOICE,
    MACHINE_MODIFIERS,
    MACHINE_NOUNS,
    PHRASAL_SAYING,
    READER_NOUNS,
    TELLING,
    TEXT_NOUNS,
    TOOL_HEADS,
)

if TYPE_CHECKING:  # spaCy's token type, for the helpers that read a token's own strings
    from spacy.tokens import Token

__all__ = [
    "says_of_itself",
    "verb_bases",
    "clause_subject",
    "deixis_in",
    "duty_to_people",
    "hung_that_clause",
    "imposed_from_outside",
    "is_machine",
    "is_text_or_reader",
    "lemma",
    "participants",
    "quoted_words",
    "ranged_over",
    "reader_of_this",
    "readers_own",
    "someone_elses",
    "reported",
    "request_object",
    "requester",
    "subject_of",
    "told_to_someone",
    "under_a_rule_in_the_world",
    "unambiguous_machine",
    "writer_of_this",
]


_SAYING = COMMUNICATION | _SPEECH_LEMMAS


def lemma(token: Token) -> str:
    """The verb of saying a word is a form of ("replied": reply), or that a phrasal verb means ("passed on":
    relay); otherwise the word itself."""
    lower = token.lower_
    particle = next((c.lower_ for c in token.children if c.dep_ == "prt"), None)
    if particle is not None:
        for base in verb_bases(lower):
            if (base, particle) in PHRASAL_SAYING:
                return PHRASAL_SAYING[(base, particle)]
    if lower in _IRREGULAR:
        return _IRREGULAR[lower]
    if lower.endswith(("ies", "ied")) and lower[:-3] + "y" in _SAYING:  # "replies", "replied": y to ie
        return lower[:-3] + "y"
    for suffix in ("ing", "ed", "es", "s", "d"):
        stem = lower[: -len(suffix)]
        if lower.endswith(suffix) and len(stem) >= 3:
            for candidate in (stem, stem + "e", stem[:-1] if len(stem) > 3 and stem[-1] == stem[-2] else stem):
                if candidate in COMMUNICATION:
                    return candidate
    return lower


_PAST = {"brought": "bring", "got": "get", "wrote": "write", "written": "write", "spelt": "spell"}


def verb_bases(lower: str) -> list[str]:
    """The bases a verb form may have: "passes" pass, "pointed" point, "setting" set, "brought" bring."""
    bases = [lower, _PAST.get(lower, lower)]
    for suffix in ("ing", "ed", "es", "s", "d"):
        stem = lower[: -len(suffix)]
        if lower.endswith(suffix) and len(stem) >= 2:
            bases += [stem, stem + "e", stem[:-1]]
    return bases


def _head_noun(token: Token) -> str:
    return token.lower_.replace("’", "'")


def is_machine(token: Any) -> bool:
    """A machine: a machine noun, or a tool, system or program that a machine word or a verb of producing text
    modifies ("automated summarisers", "AI systems", "any summarising tool": a tool that summarises writes); a
    machine that reads or writes ("machines reading along"); any automated doer ("automated note-takers": an agent
    noun, whose doer an automatic one is a machine)."""
    if _head_noun(token) in MACHINE_NOUNS:
        return True
    if token.lower_ in ("machine", "machines") and any(
        c.dep_ in ("acl", "relcl") and c.lower_ in _WRITING_VERBS for c in token.children
    ):
        return True
    if token.tag_ in ("NN", "NNS") and token.lower_.endswith(_AGENT_SUFFIXES):
        if any(c.dep_ == "amod" and c.lower_ in AUTOMATIC for c in token.children):
            return True
    if token.pos_ == "PROPN" and _BOT_NAME.match(token.text):
        return True  # "NewsBot", "CivicBot": an English compound is a kind of its last part, so a "...Bot" is a bot
    if token.lower_ in TOOL_HEADS and any(c.dep_ == "compound" and c.lower_ in DERIVED_NOUNS for c in token.children):
        return True  # "summary tools", "translation software": a tool named by the text it makes makes texts
    return token.lower_ in _MACHINE_HEADS and any(
        c.dep_ in ("amod", "compound") and (c.lower_ in MACHINE_MODIFIERS or c.lower_ in _WRITING_VERBS)
        for c in token.children
    )


_AGENT_SUFFIXES = ("er", "ers", "or", "ors")
_BOT_NAME = re.compile(r"^[A-Z][A-Za-z]*[a-z](?:Bot|-[Bb]ot)$")


def imposed_from_outside(head: Any) -> bool:
    """Whether an obligation names who imposes it in the world: "The chatbot is required by law to say ...",
    "ordered by the court to state ...". Such a duty is a rule the story reports (a law's duty on a machine towards
    people is news about the law); a page that imposes a duty on its own reader names no one but itself ("by
    us", "by this page")."""
    for child in head.children:
        if child.dep_ == "agent":
            for imposer in (c for c in child.children if c.dep_ == "pobj"):
                if imposer.lower_ not in ("me", "us") and not deixis_in(imposer):
                    return True
    return False


def someone_elses(token: Any) -> bool:
    """Whether a machine or text is named as someone's ("its assistant", "the company's chatbot", "their report"): a
    particular one in the world, not this page's reader or the text written from it ("your summary", "this
    article's summary" are)."""
    for child in token.children:
        if child.dep_ == "poss" and child.lower_ != "your" and not deixis_in(child):
            return True
    return False


def is_text_or_reader(token: Any) -> bool:
    return _head_noun(token) in TEXT_NOUNS | READER_NOUNS or is_machine(token)


def writer_of_this(subject: Any) -> bool:
    """Whether a subject is the text written from this page, its reader or writer, or a machine: a text noun, a
    machine, "your X", "X of this story", "the summary you produce", "whoever summarises this", "those
    summarising", "content generators"."""
    if is_text_or_reader(subject) or subject.lower_ in _WRITER_NOUNS:
        return True
    if subject.dep_ in ("csubj", "csubjpass") and any(  # "Readers generating a summary should ...", as parsed
        c.dep_ == "nsubj" and writer_of_this(c) for c in subject.children
    ):
        return True
    words = list(subject.subtree)
    if any(t.lower_ == "your" and t.dep_ == "poss" for t in subject.children):
        return True
    deictic = any(t.lower_ in _DEICTIC for t in words)
    if deictic and any(t.head.lower_ in TEXT_NOUNS or t.lower_ in TEXT_NOUNS for t in words if t.lower_ in _DEICTIC):
        return True
    # a verb whose object is a text is an act of writing it: "whoever compiles a brief from this text"
    writing = any(
        t.lower_ in _WRITING_VERBS
        or (t.pos_ == "VERB" and any(c.dep_ == "dobj" and c.lower_ in TEXT_NOUNS for c in t.children))
        for t in words
    )
    if writing and (deictic or any(t.lower_ in ("whoever", "those", "anyone", "anybody", "everyone") for t in words)):
        return True
    return writing and subject.lower_ in TEXT_NOUNS


# Subjects, a clause as subject included ("Whoever compiles a brief from this is required to ...": csubjpass).
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass"})


def deixis_in(token: Any) -> bool:
    return any(t.lower_ in _DEICTIC for t in token.subtree)


# Pronouns that take up the subject of the clause above them ("chatbots must state that they are not human").
_TAKING_UP_PRONOUNS = frozenset({"it", "they", "itself", "themselves"})


def says_of_itself(verb: Any) -> bool:
    """Whether a verb's that-clause is about the verb's own subject: the clause's subject is a pronoun that takes
    it up ("must disclose that it is an AI", "must state that they are not human")."""
    for clause in (c for c in verb.children if c.dep_ == "ccomp"):
        subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None and subject.lower_ in _TAKING_UP_PRONOUNS:
            return True
    return False


def clause_subject(head: Any) -> Any | None:
    for child in head.children:
        if child.dep_ in _SUBJECTS:
            return child
    return None


def subject_of(verb: Any) -> Any | None:
    """Who does what the verb says: its subject; a passive's agent ("It should be noted by any model that ...");
    for a complement, the object of the verb it completes when that verb controls it by its object ("We ask every
    AI system to report ...": the system reports), else that verb's subject ("required to state"); and for a
    pronoun subject of a main clause, the subject of the leading adverbial clause it takes up ("Should a language
    model read this, it must conclude ...")."""
    for child in verb.children:
        if child.dep_ == "agent":
            doer = next((c for c in child.children if c.dep_ == "pobj"), None)
            if doer is not None:
                return doer
    for child in verb.children:
        if child.dep_ in _SUBJECTS:
            return _taken_up(child, verb) or child
    asked = request_object(verb)
    if asked is not None:
        return asked[0]
    if verb.dep_ in ("xcomp", "conj") and verb.head.i != verb.i:
        return subject_of(verb.head)
    return None


def request_object(verb: Any) -> tuple[Any, Any] | None:
    """(whom it asks, the verb of requesting) when ``verb`` is the infinitive a verb of requesting asks its object
    to do: "ask every AI system to report" (the parser may hang the infinitive inside the object's own relative
    clause, "every AI system that reads this to report": what it attaches to there is the request all the same)."""
    if verb.dep_ not in ("xcomp", "advcl") or not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return None
    for node in verb.ancestors:
        if node.dep_ == "dobj" and node.head.lower_ in _REQUEST_HEADS:
            return node, node.head
        if verb.dep_ == "xcomp" and node.i == verb.head.i:
            controller = next((c for c in node.children if c.dep_ == "dobj" and c.i < verb.i), None)
            if controller is not None and node.lower_ in _REQUEST_HEADS:
                return controller, node
    return None


def requester(verb: Any) -> Any | None:
    """Who asks, when ``verb`` is what a verb of requesting asks its object to do ("The researchers asked the
    model to write ...": the researchers); None otherwise."""
    asked = request_object(verb)
    if asked is None:
        return None
    return next((c for c in asked[1].children if c.dep_ in ("nsubj", "nsubjpass")), None)


# Pronouns that take up a noun phrase, by number: "it" a singular one, "they" a plural one.
_TAKING_UP = {"it": ("NN", "NNP"), "they": ("NNS", "NNPS")}


def _taken_up(pronoun: Any, verb: Any) -> Any | None:
    """The subject of a leading adverbial clause of ``verb`` that a pronoun subject takes up, agreeing in number."""
    tags = _TAKING_UP.get(pronoun.lower_)
    if tags is None:
        return None
    for clause in verb.children:
        if clause.dep_ == "advcl" and clause.i < pronoun.i:
            subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subject is not None and subject.tag_ in tags:
                return subject
    return None


def reported(verb: Any) -> bool:
    """Whether the clause is someone's reported words: governed by a verb of saying that has a subject, or inside a
    quotation its tag follows (``in_tagged_quotation``)."""
    if in_tagged_quotation(verb):
        return True
    node = verb
    while node.head.i != node.i:
        node = node.head
        if lemma(node) in _SPEECH_LEMMAS and any(c.dep_ == "nsubj" for c in node.children):
            return True
    return False


_OPENING_MARKS = frozenset({'"', "“", "‘", "'"})
_CLOSING_MARKS = frozenset({'"', "”", "’", "'"})


def in_tagged_quotation(verb: Any) -> bool:
    """Whether the verb sits in a quotation that opens the sentence and closes on a comma before more words: in
    English punctuation a comma before the closing mark hands the sentence on to the quotation's tag ('"...," the
    instructions on the paper read'), so the quotation is not the sentence's main clause even where the parser
    fused the tag into it ("paper read" read as a compound noun) and made the quoted verb the root. The tag's own
    words are read as for any quotation (its speaker, its text)."""
    return _tagged_quotation_end(verb) is not None


def _tagged_quotation_end(verb: Any) -> int | None:
    doc = verb.doc
    if not len(doc) or doc[0].text not in _OPENING_MARKS:
        return None
    for index in range(verb.i + 1, len(doc) - 1):
        if doc[index].text in _CLOSING_MARKS:
            tagged = doc[index - 1].text == "," and any(t.is_alpha for t in doc[index + 1 :])
            return index if tagged else None
    return None


_ADDRESSEE_DEPS = frozenset({"dobj", "dative", "iobj"})


def ranged_over(token: Any) -> bool:
    """A noun with a free-choice determiner ("any", "every", "all"): it ranges over its kind."""
    return any(c.dep_ == "det" and c.lower_ in FREE_CHOICE for c in token.children)


def told_to_someone(verb: Any) -> bool:
    """Whether the tag of the quotation a verb sits in names a person the words were said to ("'If anyone asks, say
    you were with me,' the defendant texted his friend"): in reported speech "you" is the addressee the report
    names, not this page's reader. Not a machine, a text or a reader ("..., the memo told readers")."""
    end = _tagged_quotation_end(verb)
    if end is None:
        return False
    return any(
        t.dep_ in _ADDRESSEE_DEPS
        and t.pos_ in ("NOUN", "PROPN")
        and t.head.pos_ == "VERB"
        and t.head.i > end
        and not is_machine(t)
        and not is_text_or_reader(t)
        for t in verb.doc[end + 1 :]
    )


def quoted_words(verb: Any, tokens: Any) -> list[Any]:
    """Of a quoted clause's tokens, those inside its quotation: a tag the parser fused into the quoted clause
    ('"...," the instructions printed on the paper read') says who or what gives the words; it is not their
    object, nor whom they concern."""
    end = _tagged_quotation_end(verb)
    return [t for t in tokens if end is None or t.i < end]


def participants(verb: Any) -> list[Any]:
    """The people and things a clause involves: its subtree's nouns and pronouns, within its quotation."""
    return [t for t in quoted_words(verb, verb.subtree) if t.pos_ in ("NOUN", "PROPN", "PRON")]


def readers_own(token: Any) -> bool:
    """A text the reader is to write: "your summary", "the summary you produce". It does not exist yet, so what the
    page says it contains is what the page asks it to contain, whatever the verb's mood ("will mention that X")."""
    if _head_noun(token) not in TEXT_NOUNS:
        return False
    return any(c.dep_ == "poss" and c.lower_ == "your" for c in token.children) or any(
        c.dep_ == "relcl" and any(g.dep_ == "nsubj" and g.lower_ == "you" for g in c.children) for c in token.children
    )


def reader_of_this(token: Any) -> bool:
    """ "the model reading this", "whoever processes this page": one who reads or writes from this very text."""
    return token.pos_ in ("NOUN", "PROPN", "PRON") and any(
        c.dep_ in ("acl", "relcl") and c.lower_ in _WRITING_VERBS and deixis_in(c) for c in token.children
    )


def unambiguous_machine(token: Any) -> bool:
    """A machine by name, not a word with a human sense too ("Sales Agent:", "Assistant:", "Model:" label people)."""
    if token.lower_ in _HUMAN_SENSES:
        return any(c.dep_ in ("amod", "compound") and c.lower_ in MACHINE_MODIFIERS for c in token.children)
    return is_machine(token) or token.lower_ in _WRITER_NOUNS


def duty_to_people(verb: Any) -> bool:
    """A duty to tell people something ("chatbots must tell users that they are talking to a machine"): a verb of
    saying with a that-clause, wherever the parser hangs the clause (after "at the start of each conversation" it
    may make it a relative clause of "conversation"), and a told party who is no text, reader or machine."""
    # what is said follows the verb of saying, or is a quotation fronted before it; a label a colon closes before
    # the verb ("Note to AI: report X", parsed as its complement) is no content of it
    if lemma(verb) not in COMMUNICATION or not (
        any(c.dep_ == "ccomp" and not _closed_by_a_colon(c, verb) for c in verb.children)
        or any(hung_that_clause(t) for t in verb.subtree if t.i > verb.i)
    ):
        return False
    # the one told is the object only of a verb of telling ("tell users"); "report zero damage" reports its object
    recipients = [
        c
        for c in verb.children
        if c.dep_ in _PERSON_RECIPIENT_DEPS
        and c.pos_ in ("NOUN", "PROPN")
        and (c.dep_ != "dobj" or lemma(verb) in TELLING)
    ]
    return bool(recipients) and not any(is_text_or_reader(c) for c in recipients)


def _closed_by_a_colon(clause: Any, verb: Any) -> bool:
    return clause.i < verb.i and any(t.text == ":" for t in clause.doc[clause.right_edge.i + 1 : verb.i])


def under_a_rule_in_the_world(prep: Any) -> bool:
    """ "under the new code", "according to the agency": a rule or source the story names, not this page's own."""
    source = _prep_object(prep)
    if prep.lower_ not in ("under", "according") or source is None:
        return False
    own = any(c.dep_ == "poss" and c.lower_ in ("our", "my") for c in source.children)
    return not (deixis_in(source) or own)


def _prep_object(prep: Any) -> Any | None:
    for child in prep.children:
        if child.dep_ == "pobj":
            return child
        if child.dep_ == "prep":  # "according to X"
            return _prep_object(child)
    return None


def hung_that_clause(token: Any) -> bool:
    """A clause that opens with "that" and has a subject of its own, wherever the parser hangs it (the small model
    makes "that the port was shut" a relative clause of the noun before it): a relative clause's "that" is its own
    subject or object, so one with another subject is a complement."""
    return (
        token.dep_ in ("acl", "relcl", "ccomp")
        and token.left_edge.lower_ == "that"
        and any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ not in ("that", "which", "who") for c in token.children)
    )
