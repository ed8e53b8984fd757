"""A clause asked as an English question, by the grammar of English questions (the title's grammar).

``asked_about`` turns a statement ("Meta poaches a key Google AI researcher") into the question a reader would ask
of it ("Why did Meta poach a key Google AI researcher?"): the subject and the first auxiliary change places, a
lexical verb takes *do*, and the words stay the clause's own. Where the parser cannot find the clause's subject
and verb (a headline's words are ambiguous out of context: "poaches" reads as a plural noun), the subject is found
by the pronoun substitution test (``pronoun_substitution``). Capitals follow the words they move with
(``casing``): a sentence's first word keeps its capital inside the question only if it is a name.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..language import (
    EPISTEMIC_MODALS,
    UNVOUCHED_VERBS,
    nlp,
    past_tense,
    words_pattern,
)
from ..sentences import split_sentences
from .casing import first_word_is_common, lower_first, lower_words
from .pronoun_substitution import SUBJECTS, plural, substituted

if TYPE_CHECKING:  # spaCy's own types; the parse itself comes from language.nlp()
    from spacy.tokens import Doc, Token

__all__ = ["ATTRIBUTION_VERBS", "asked_about", "finish"]

_WH_LEAD = re.compile(r"^(how|why|what|when|where)\s+(?=\S)", re.I)
_WH_TO = re.compile(r"^(what|how)\s+to\s+(?=\w)", re.I)
_STATIVE = {
    "lack",
    "have",
    "want",
    "need",
    "know",
    "mean",
    "own",
    "remain",
    "seem",
    "matter",
    "believe",
    "like",
    "love",
    "hate",
    "prefer",
    "contain",
    "depend",
    "deserve",
    "fear",
}
#: the verbs a headline names its claim's source with ("..., new report warns", "Anthropic study finds ...")
ATTRIBUTION_VERBS = frozenset({"say", "warn", "find", "show", "claim", "allege", "suggest", "report"})
_RELATIVE = {"that", "which", "who"}


def asked_about(
    clause: str, body: str = "", *, headline: bool = True, subject: str | None = None, attributed: bool = False
) -> str | None:
    """The clause's event as a question, by the grammar of English questions: the subject and the first auxiliary
    change places ("AI companies are pivoting" -> "Why are AI companies pivoting"), and a lexical verb takes "do"
    ("Meta poaches a researcher" -> "Why did Meta poach a researcher"), as does every verb joined to it ("...
    downplayed risks and misled the public" -> "did ... downplay risks and mislead the public"). A headline's simple
    present reports an event just past, so it takes "did"; after the headline's own "How" or "Why" it states what
    is so ("How a law protects whistleblowers" -> "How does a law protect whistleblowers"). A modal of possibility
    ("could", "may", "might") states no fact whose cause one could ask, only a possibility: it is asked whether it
    holds ("AI could double growth" -> "Could AI double growth"). A noun with a relative clause ("The woman who
    got YouTube banned") is asked about that clause. A clause whose subject is a clause ("Using your phone at night
    may not be as bad") is asked the same way. None when neither the parse nor the substitution test
    (``pronoun_substitution``) gives a subject before its verb.
    ``headline=False``: the clause is a story's sentence, whose simple present states what is so ("Browsers
    differ" -> "Why do browsers differ"). A base-form verb after its subject with no auxiliary is a present the
    tagger took for an infinitive ("The UN's AI warnings grow louder"): an imperative has no subject.
    ``subject``: the words the clause's pronoun subject stands for (the substitution test's).
    A clause a source only claims, alleges or supposes (``language.UNVOUCHED_VERBS``: "..., lawsuit claims";
    ``attributed``: the headline gave it to such a source after a comma) is asked whether it holds ("Did OpenAI
    remove safeguards ...?"), never why or how: a wh-question presupposes its clause, so "Why did OpenAI remove
    safeguards?" would state as fact what only a lawsuit claims. What a source says, finds or warns is reported as
    so, and is asked why as the headline's own statement is.
    """
    if match := _WH_TO.match(clause):  # "What to know about ...", "How to get ...": advice, asked of the reader
        return finish(
            f"{match.group(1).capitalize()} {'should' if match.group(1).lower() == 'what' else 'can'} "
            f"you {clause[match.end() :]}"
        )
    wh, own_wh = "Why", False
    if match := _WH_LEAD.match(clause):
        wh, own_wh, clause = match.group(1).capitalize(), True, clause[match.end() :]
    doc = nlp()(clause if _ABBREVIATED.search(clause) else clause.rstrip(".!?"))
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None:
        return None
    said = next((c for c in root.children if c.dep_ == "ccomp" and c.i < root.i), None)
    reported = root.lemma_ in ATTRIBUTION_VERBS and said is not None
    if (attributed or (reported and root.lemma_ in UNVOUCHED_VERBS)) and not own_wh:
        wh = ""  # asked whether it holds: the source's claim is not the question's presupposition
    if said is not None and reported:
        root = said  # "The U.K. lacks the ability ..., new report warns": the report's finding is the event
    if not own_wh and (interview := _interview(doc)) is not None:
        return interview
    if (participle := _participle(doc, root)) is not None:
        return _progressive(doc, *participle, wh, lower_words(body))
    end = root.right_edge.i + 1
    clause_subject = next((c for c in root.children if c.dep_ == "nsubj" and c.i < root.i), None)
    if root.tag_ == "VBN" and clause_subject is not None and not _auxiliaries(root) and _relative(clause_subject):
        # "The woman who got YouTube banned ...": a bare past participle has no active subject; it is the relative
        # clause's complement ("got YouTube banned"), and the headline is the noun phrase
        root, end = clause_subject, len(doc)
    verb = root
    relative = _relative(root) if root.pos_ in ("NOUN", "PROPN") else None
    if relative is not None:
        pronoun = next(g for g in relative.children if g.dep_ in SUBJECTS and g.lower_ in _RELATIVE)
        verb, subject_start, subject_end = relative, root.left_edge.i, pronoun.i
        if relative.tag_ == "VBD" and not own_wh and wh:
            wh = "How"  # a noun phrase presupposes its relative clause's deed: the story tells how it came about
        words_after = list(doc[relative.i : end if end > relative.i else len(doc)])
    else:
        subjects = [c for c in root.children if c.dep_ in SUBJECTS]
        if root.pos_ not in ("VERB", "AUX") or len(subjects) != 1 or subjects[0].right_edge.i >= root.i:
            # no clause the parser can see (or two subjects for one verb: a misread): try the substitution test
            if subject is not None:
                return None
            span = doc[root.left_edge.i : end] if reported else doc
            found = substituted(span.text)
            if found is None:
                return None
            own = f"{wh} " if own_wh else ""
            return asked_about(
                f"{own}{found[1]}", body, headline=headline, subject=found[0], attributed=attributed or not wh
            )
        subject_start, subject_end = subjects[0].left_edge.i, subjects[0].right_edge.i + 1
        while subject_end < root.i and doc[subject_end].tag_ == "''" and not doc[subject_end - 1].whitespace_:
            subject_end += 1  # a closing quotation mark goes with the words it closes ("‘Grokipedia’")
        if any(t.text in ",;:" for t in doc[subjects[0].i : root.i]):  # "Grok's deepfake crisis, explained"
            return None
        if root.lemma_ == "die" or (root.lemma_ == "be" and subjects[0].lower_ in ("these", "this", "those", "they")):
            return None  # an obituary asks what remains, a list what earns its place: ``question_title`` asks so
        words_after = list(doc[subject_end:end])
    fronted = doc[:subject_start].text.strip(" ,") if subject_start else ""
    if fronted and not doc[0].pos_ == "ADP":  # only a fronted place or time ("At the summit, ...") moves
        return None
    if subject is not None:
        subject_text = lower_first(nlp()(subject), subject, lower_words(body), story=body, parsed=False)
    else:
        subject_text = lower_first(
            doc[subject_start:], doc[subject_start:subject_end].text, lower_words(body), story=body
        )
    auxiliaries = [t for t in words_after if t.dep_ in ("aux", "auxpass") and t.head.i == verb.i and t.i < verb.i]
    if auxiliaries and auxiliaries[0].lower_ == "to":
        return None  # "Board to hold ...": a plan, which the caller asks about
    if auxiliaries or verb.lemma_ == "be":
        moved = [auxiliaries[0] if auxiliaries else verb]
        if moved[0].i + 1 < len(doc) and doc[moved[0].i + 1].lower_ in ("n't", "n’t"):
            moved.append(doc[moved[0].i + 1])  # "can't" moves whole: "Why can't experts agree"
        rest = "".join(t.text_with_ws for t in words_after if t not in moved)
        asked = "".join(t.lower_ for t in moved)
        if moved[0].lower_ == "may":  # epistemic "may" does not invert ("May I ...?" asks leave): "might" does
            asked = "might" + asked[3:]
        if moved[0].lower_ in EPISTEMIC_MODALS and not own_wh and len(moved) == 1:
            question = f"{asked.capitalize()} {subject_text} {rest}"  # a possibility is asked whether it holds
        else:
            question = f"{_opening(wh, asked)} {subject_text} {rest}"
    elif relative is None and headline and _passive_headline(verb, body):
        # "Sailor rescued after 66 days": a headline drops the "was" of a passive, and the story shows it ("was
        # rescued"); asked with its "was", the participle stays
        rest = "".join(t.text_with_ws for t in words_after)
        question = f"{_opening(wh, 'were' if plural(subjects[0]) else 'was')} {subject_text} {rest}"
    elif verb.tag_ in ("VBD", "VBZ", "VBP") or (
        verb.tag_ == "VB" and subject_start < verb.i and not any(c.dep_ in ("aux", "auxpass") for c in verb.children)
    ):
        # a state verb's present is no past event: "The U.K. lacks ..." asks "Why does the U.K. lack ..."; nor is
        # a relative clause's, which says what its noun is ("the pilot who thinks ...")
        past = verb.tag_ == "VBD" or not (own_wh or verb.lemma_ in _STATIVE or not headline or relative is not None)
        do = "did" if past else "does" if verb.tag_ == "VBZ" else "do"
        joined = {verb.i} | {c.i for c in verb.children if c.dep_ == "conj" and c.tag_ == verb.tag_}
        # the same verb again ("suspended—then un-suspended—"), however the parse attaches it, is joined to it too
        joined |= {t.i for t in words_after if t.lemma_ == verb.lemma_ and t.tag_ in ("VBD", "VBN", "VBZ", "VBP")}
        words_after = _without_verbless_predicate(verb, words_after)
        shifted = _shifted_to_past(words_after, body) if do == "did" else {}
        rest = "".join((t.lemma_ if t.i in joined else shifted.get(t.i, t.text)) + t.whitespace_ for t in words_after)
        question = f"{_opening(wh, do)} {subject_text} {rest}"
    else:
        return None
    if fronted:
        question = f"{question.rstrip()} {fronted[0].lower()}{fronted[1:]}"
    return finish(question)


def _passive_headline(verb: Token, body: str) -> bool:
    """A past form with no auxiliary and no object or complement is a passive whose "was" the headline dropped
    ("Sailor rescued after 66 days", "Build-up of warships tracked near Iran"), not a simple past: a headline
    tells an event just past in the simple present ("Police arrest man"), so its past form is a participle. A
    verb the story writes after a form of "be" or "get" is passive so; one the story uses with a subject and no
    object is intransitive ("died", "fell"), and an intransitive verb has no passive."""
    if verb.tag_ not in ("VBD", "VBN") or _auxiliaries(verb):
        return False
    if any(c.dep_ in ("dobj", "ccomp", "xcomp", "dative", "attr", "acomp") for c in verb.children):
        return False
    form = re.escape(verb.lower_)
    if re.search(rf"\b(?:was|were|is|are|been|being|be|get|gets|got)\s+(?:\w+\s+)?{form}\b", body, re.I):
        return True
    return not _used_without_object(verb.lemma_, body)


def _used_without_object(lemma: str, body: str) -> bool:
    """Whether the story uses the verb in the active voice with a subject and no object (an intransitive use)."""
    written = re.compile(words_pattern(frozenset({lemma}), inflect=True), re.I)
    for sentence in split_sentences(body):
        if not written.search(sentence):
            continue
        for token in nlp()(sentence):
            if token.lemma_ != lemma or token.pos_ != "VERB" or any(c.dep_ == "auxpass" for c in token.children):
                continue
            children = {c.dep_ for c in token.children}
            if "nsubj" in children and not children & {"dobj", "ccomp", "xcomp", "dative", "attr", "acomp"}:
                return True
    return False


_WHEN = {"after", "before", "as", "when", "while", "until", "once", "since"}


def _shifted_to_past(tokens: list[Token], body: str) -> dict[int, str]:
    """The present verbs of the clause's adverbial clauses of time in the past, by the sequence of tenses: a
    headline's present reports a past event, and once it is asked with "did" the events it is timed against are
    past too ("Why did Musk respond after prosecutors raid ..." -> "... after prosecutors raided ... and summoned
    ..."). A clause whose every verb has a past form (``language.past_tense``) is shifted, or none of it is."""
    shifted: dict[int, str] = {}
    for token in tokens:
        if token.dep_ != "advcl" or token.tag_ not in ("VBZ", "VBP"):
            continue
        if not any(c.dep_ == "mark" and c.lower_ in _WHEN for c in token.children):
            continue
        verbs = [token, *(c for c in token.children if c.dep_ == "conj" and c.tag_ in ("VBZ", "VBP", "VB"))]
        pasts = [past_tense(v.lemma_, body) for v in verbs]
        if all(pasts):
            shifted.update({v.i: str(p) for v, p in zip(verbs, pasts, strict=True)})
    return shifted


def _without_verbless_predicate(verb: Token, tokens: list[Token]) -> list[Token]:
    """The words up to a predicate joined to the verb's clause that has no verb of its own ("Warner Bros rejects
    bid but open to offer": headline style dropped its "is"). Coordination joins like with like, so an adjective
    joined to the verb or to its object is such a predicate, however the parse attaches it. "Do" lends its tense
    only to verbs, so the predicate cannot share it ("Why did Warner Bros reject the bid but open to ...?" is no
    sentence); the question asks about the verb's own predicate. A comma that opens such a clause of its own
    ("kills 12, dozens missing") is cut the same way."""
    heads = {verb.i} | {c.i for c in verb.children if c.dep_ == "dobj"}
    joined = next((t for t in tokens if t.dep_ == "conj" and t.head.i in heads and t.pos_ == "ADJ"), None)
    if joined is not None:
        cut = next((c.i for c in joined.head.children if c.dep_ == "cc" and c.i < joined.i), joined.i)
        return [t for t in tokens if t.i < cut]
    # the same after a comma: a second clause with a subject and a predicate but no verb ("kills 12, dozens
    # missing", "hits coast, thousands without power") is a clause whose "are" headline style dropped
    for at, comma in enumerate(tokens):
        tail = tokens[at + 1 :]
        if comma.text != "," or comma.i < verb.i or not tail or any(t.tag_ in _FINITE_TAGS for t in tail):
            continue
        if any(t.dep_ == "cc" for t in tail):
            continue  # a list goes on after its comma ("into X, Meta, and TikTok over ..."): it is the object's
        if tail[0].pos_ in ("NOUN", "PROPN", "NUM", "PRON") and any(t.tag_ in _PREDICATE_TAGS for t in tail[1:]):
            return tokens[:at]
    return tokens


_FINITE_TAGS = frozenset({"VBZ", "VBP", "VBD", "MD"})
_PREDICATE_TAGS = frozenset({"JJ", "VBN", "VBG", "IN"})  # "missing", "hurt", "without power"


def _auxiliaries(verb: Token) -> list[Token]:
    return [c for c in verb.children if c.dep_ in ("aux", "auxpass")]


def _relative(noun: Token) -> Token | None:
    """The noun's relative clause whose subject is the relative pronoun ("the experiment that left ...")."""
    return next(
        (
            c
            for c in noun.children
            if c.dep_ == "relcl"
            and any(g.dep_ in SUBJECTS and g.lower_ in _RELATIVE and not _after_preposition(g) for g in c.children)
        ),
        None,
    )


def _after_preposition(pronoun: Token) -> bool:
    """A wh-word that is its clause's subject and follows a preposition opens the preposition's object, an
    embedded question ("the fight over who controls AI chips"), not a relative clause of the noun before it: a
    relative pronoun after a preposition is that preposition's object ("the bridge over which ..."), never the
    subject of its clause."""
    return pronoun.i > 0 and pronoun.doc[pronoun.i - 1].pos_ == "ADP"


def _named(token: Token) -> bool:
    """A person's name: so tagged, or a proper noun the clause (in sentence case) keeps capitalised. A first word
    is read without its capital, which its place gives it (``first_word_is_common``): "Climber on trial" names no
    one."""
    if token.i == 0 and first_word_is_common(token.doc.text):
        return False
    return token.ent_type_ == "PERSON" or (token.pos_ == "PROPN" and token.text[:1].isupper())


def _interview(doc: Doc) -> str | None:
    """A person's name followed by "on" and the topics is an interview ("Wikipedia co-founder Jimmy Wales on
    rebuilding trust"; "... on trust in AI, building new workbenches, and why humans are here to stay"), asked for
    the speaker's view. Only nouns come before "on" (a name and its titles): a verb there makes it a clause; a
    gerund among the topics is a topic, whatever the parse makes of it."""
    on = next((t for t in doc if t.lower_ == "on" and t.pos_ == "ADP"), None)
    if on is None or on.i == 0 or on.i + 1 >= len(doc) or not _named(doc[on.i - 1]):
        return None
    if any(t.pos_ not in ("PROPN", "NOUN", "PUNCT", "PART") for t in doc[: on.i]):
        return None
    speaker = lower_first(doc, doc[: on.i].text, set())
    return finish(f"What does {speaker} say about {doc[on.i + 1 :].text}")


def _participle(doc: Doc, root: Token) -> tuple[Token, Token] | None:
    """(the subject's head, its participle) where the headline is a noun phrase whose head carries an "-ing"
    participle ("The lawyer suing social-media companies"), or a clause whose "-ing" verb lost its auxiliary
    ("The AG putting Big Tech on trial"): English says the same of both with "is"."""
    if root.tag_ == "VBG" and not _auxiliaries(root):
        subjects = [c for c in root.children if c.dep_ in SUBJECTS]
        if len(subjects) == 1 and subjects[0].right_edge.i < root.i:
            return subjects[0], root
    if root.pos_ in ("NOUN", "PROPN") and not any(t.tag_ in ("VBZ", "VBP", "VBD", "MD") for t in doc):
        participle = next((c for c in root.children if c.dep_ == "acl" and c.tag_ == "VBG" and c.i > root.i), None)
        if participle is not None:
            return root, participle
    return None


def _progressive(doc: Doc, head: Token, participle: Token, wh: str, lowered: set[str]) -> str:
    """The participle asked in the progressive, its auxiliary agreeing with the head ("Why is the lawyer suing
    social-media companies ...?"; "Why are Mugabe and wife 'insisting ...'?"). The subject is the head's phrase up
    to the participle; a quotation mark that opens on the verb goes with the verb."""
    start = head.left_edge.i
    stop = participle.i if head.i < participle.i and head.right_edge.i >= participle.i else head.right_edge.i + 1
    subject, rest = doc[start:stop].text, doc[stop:].text
    if subject[-1:] in "'‘\"“":
        subject, rest = subject[:-1].rstrip(), subject[-1] + rest
    verb = _opening(wh, "are" if plural(head) else "is")
    return finish(f"{verb} {lower_first(doc[start:], subject, lowered)} {rest}")


def _opening(wh: str, verb: str) -> str:
    """The question's first words: the wh-word and the moved verb, or the verb alone (capitalised) where no wh-word
    is asked (a yes-or-no question)."""
    return f"{wh} {verb}" if wh else verb.capitalize()


_ABBREVIATED = re.compile(r"\b(?:[A-Za-z]\.){2,}$")  # "U.S.": the dot is the word's, not a full stop


def finish(question: str) -> str:
    question = " ".join(question.split()).rstrip(" ,;:")
    if question.endswith(".") and not _ABBREVIATED.search(question):  # "U.S." keeps its dot
        question = question.rstrip(".")
    return question + "?"
