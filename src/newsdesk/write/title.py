"""The title (a grammatical question naming the main actor and the event) and the dek (a whole sentence).

A title is built from the headline's own clause, never the headline with a suffix: the clause is put in sentence
case (a word keeps its capital only where the story itself writes it so), parsed, and framed as a question by its
verb: "What is at stake as <subject> <verb> ...?" for the present, "What comes next after ...?" for the past,
"... is set to ...?" for a headline's "To Hold". A model's own title is used only when it passes the same tests.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..language import nlp
from ..storymap import StoryMap, is_complete_sentence
from ..text import split_sentences

if TYPE_CHECKING:  # spaCy's own types; the parse itself comes from storymap.nlp()
    from spacy.tokens import Doc, Span, Token

__all__ = [
    "acceptable_title",
    "headline_clause",
    "headline_fallbacks",
    "lead_question",
    "question_title",
    "whole_sentence",
]

_WH = re.compile(r"^(?:what|why|how|who|when|where|which|will|can|could|should|is|are|does|do|did|has|have)\b", re.I)
_SITE_SUFFIX = re.compile(r"\s+[|–—-]\s+[^|–—-]{1,60}$")
MAX_TITLE_WORDS = 22


def headline_clause(headline: str, body: str = "") -> str:
    """The headline's main statement in sentence case: site names, kickers and quoted questions left out."""
    text = " ".join(headline.split())
    while _SITE_SUFFIX.search(text) and len(_SITE_SUFFIX.sub("", text).split()) >= 3:
        text = _SITE_SUFFIX.sub("", text)
    # a break after a word's end ("Meeting. Here's"), never inside an abbreviation ("U.S. released")
    parts = [_unquote(p) for p in re.split(r"(?<=[a-z0-9)]{2}[.?!])['’\"”]*:?\s+|:\s+", text) if p.strip()]
    statements = [
        p.rstrip(".:")
        for p in parts
        if not p.endswith("?") and not _WH_START.match(p) and len(p.split()) >= 3 and not _KICKER.match(p)
    ]
    clause = max(statements, key=lambda p: len(p.split())) if statements else parts[0].rstrip(".:?") if parts else text
    return _sentence_case(clause, body)


_WH_START = re.compile(r"(?:what|why|how|who|when|where|which)\b", re.I)
_KICKER = re.compile(r"(?i)here'?s\b|what we know|analysis\b|opinion\b|live\b")


def _unquote(part: str) -> str:
    part = part.strip()
    if len(part) > 2 and part[0] in "'\"‘“" and part[-1] in "'\"’”" and part.count(part[0]) + part.count(part[-1]) <= 2:
        return part[1:-1].strip()
    return part


def _sentence_case(text: str, body: str) -> str:
    """Title Case Headlines Parse Badly: a capitalised word is lowered unless it is a name. A name is a word the
    body writes capitalised mid-sentence, or part of a person, place or date the tagger finds in the headline
    (not an organisation: in Title Case every run of words looks like one)."""
    words = text.split()
    if sum(w[:1].isupper() for w in words) < 0.6 * len(words):
        return text
    lower_in_body = set(re.findall(r"\b[a-z][\w’'-]*", body))
    # a name is capitalised mid-sentence and never written in lower case ("Is", "Global" in a quoted title are not)
    named_in_body = {
        w for w in re.findall(r"(?<=[\w,] )[A-Z][\w’'-]*", body) if w.isupper() or w.lower() not in lower_in_body
    }
    protected = {
        t.text for e in nlp()(text).ents if e.label_ in ("PERSON", "GPE", "LOC", "DATE", "NORP", "EVENT") for t in e
    }
    out = []
    for i, word in enumerate(words):
        core = word.strip("'\"‘’“”,.:;")
        if (
            i
            and core[:1].isupper()
            and not core.isupper()
            and core not in named_in_body
            and core not in protected
            and re.sub(r"['’]s$", "", core) not in named_in_body
        ):
            word = word.replace(core, core.lower(), 1)
        out.append(word)
    return " ".join(out)


def _headline_question(headline: str) -> str | None:
    """A headline that is itself a question about the story (not a quoted one) is already a title."""
    text = _SITE_SUFFIX.sub("", " ".join(headline.split()))
    if text.endswith("?") and _WH.match(text) and text[0] not in "'\"‘“" and len(text.split()) <= MAX_TITLE_WORDS:
        return text
    return None


def question_title(headline: str, body: str, story_map: StoryMap) -> str:
    if (asked := _headline_question(headline)) is not None:
        return asked
    clause = headline_clause(headline, body)
    if (inverted := asked_about(clause, body)) is not None:
        return inverted
    return _framed(clause, body, story_map)


def _framed(clause: str, body: str, story_map: StoryMap) -> str:
    """The headline's clause framed by its verb where its grammar says how (a plan, a participle, an obituary, a
    list, a verbless clause); else the story's main claim asked (``lead_question``); else a frame around it."""
    doc = nlp()(clause)
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is not None and root.pos_ not in ("VERB", "AUX"):  # a parse that missed the verb ("Attack stokes ...")
        root = next((t for t in doc if t.tag_ in ("VBZ", "VBD", "VBP") and t.i > 0), root)
    subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None) if root is not None else None
    if root is not None and subject is None and root.i > 0 and root.tag_ in ("VBZ", "VBD", "VBP"):
        subject = doc[root.i - 1]
    lower_words = set(re.findall(r"\b[a-z][\w’'-]*", body))
    text = _lower_first(doc, clause.rstrip(".!?"), lower_words)
    if root is not None and subject is not None:
        first_aux = next((c for c in root.children if c.dep_ == "aux" and c.lower_ == "to"), None)
        if first_aux is not None and not any(c.dep_ in ("aux", "auxpass") and c.lower_ != "to" for c in root.children):
            # "Board of Peace to hold its first meeting": the headline's infinitive is a plan
            subj = doc[subject.left_edge.i : subject.right_edge.i + 1].text
            rest = doc[first_aux.i :].text
            verb = "are" if subject.tag_ in ("NNS", "NNPS") else "is"
            return _finish(f"What is at stake as {_lower_first(doc, subj, lower_words)} {verb} set {rest}")
        if root.tag_ == "VBG" and not any(c.dep_ in ("aux", "auxpass") for c in root.children):
            # "Mugabe and wife 'insisting he finishes his term'": the headline dropped its "are"
            subj = doc[subject.left_edge.i : subject.right_edge.i + 1].text
            rest = doc[subject.right_edge.i + 1 :].text
            if subj[-1:] in "'‘\"“":  # the quote opens on the verb, not on the subject
                subj, rest = subj[:-1].rstrip(), subj[-1] + rest
            verb = "are" if subject.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in subject.children) else "is"
            return _finish(f"What is at stake as {_lower_first(doc, subj, lower_words)} {verb} {rest}")
        if root.lemma_ == "die" and subject.ent_type_ == "PERSON":  # an obituary: the question is what remains
            name = doc[subject.left_edge.i : subject.right_edge.i + 1].text
            return _finish(f"What legacy does {name} leave")
        if root.lemma_ == "be" and subject.lower_ in ("these", "this", "those", "they"):
            # "These are the 8 coolest games": what the list claims is the question
            return _finish(f"What makes {subject.lower_} {doc[root.i + 1 :].text}")
        if root.pos_ in ("ADJ", "NOUN") and not any(t.pos_ == "AUX" for t in doc):
            # "Māori tribes fearful over whale strandings": the headline left out its verb
            subj = doc[subject.left_edge.i : subject.right_edge.i + 1].text
            verb = "are" if subject.tag_ in ("NNS", "NNPS") else "is"
            rest = doc[subject.right_edge.i + 1 :].text
            return _finish(f"Why {verb} {_lower_first(doc, subj, lower_words)} {rest}")
        if (from_lead := lead_question(body)) is not None:
            return from_lead
        if root.tag_ == "VBD" or any(c.dep_ == "aux" and c.tag_ == "VBD" for c in root.children):
            return _finish(f"What comes next after {text}")
        if root.pos_ in ("VERB", "AUX"):
            return _finish(f"What is at stake as {text}")
    elif (from_lead := lead_question(body)) is not None:
        return from_lead
    if any(t.pos_ == "VERB" and t.i > 0 for t in doc):  # a clause the parser could not pin down: keep it whole
        return _finish(f"What is at stake as {text}")
    actor = story_map.main_actor
    if actor is not None and actor.name.lower() not in text.lower():
        plural = root is not None and (root.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in root.children))
        return _finish(f"What {'do' if plural else 'does'} {text} mean for {actor.name}")
    return _finish(f"What lies behind {text}")


LEAD_SENTENCES = 3  # the story's opening sentences a title may be asked from


def lead_question(body: str) -> str | None:
    """The story's main claim as a question, where the headline holds no clause to ask about ("Inside the AI
    village where chatbots compete", "The robot in your kitchen"): news states its main event first, so the
    first of the opening sentences whose core (``shorten``: the clause without its asides) inverts into a question
    of at most ``MAX_TITLE_WORDS`` words is the title. Built from the parse, as a headline's clause is.

    A title stands alone, above the story: a sentence with a personal pronoun ("we", "you", "their arms") points
    at what it does not name, and one that joins two clauses (", and ...") asks two things; neither is asked."""
    from .grounded import shorten  # grounded drafting imports this module's neighbours, not this one

    for sentence in split_sentences(body)[:LEAD_SENTENCES]:
        if sentence.rstrip("\"'”’").endswith("?") or (whole := whole_sentence([sentence], split=False)) is None:
            continue  # a question in the story is the writer's, not its claim
        core = re.sub(r"[.!]([\"'”’]*)$", r"\1", shorten(whole))
        doc = nlp()(core)
        if _JOINED.search(core) or any(_pointing(t) for t in doc) or not len(doc):
            continue
        if doc[0].pos_ != "PROPN" and not doc[0].text.isupper():  # capitalised only as the sentence's first word
            core = core[:1].lower() + core[1:]
        question = asked_about(core, body, headline=False)
        if question is not None and len(question.split()) <= MAX_TITLE_WORDS and question.count("?") == 1:
            return question
    return None


_JOINED = re.compile(r"[,;]\s+(?:and|but|or|so|yet)\s|;|:")


def _pointing(token: Token) -> bool:
    """A personal or possessive pronoun other than a reflexive one ("himself" names its own clause's subject)."""
    return token.tag_ in ("PRP", "PRP$") and not token.lower_.endswith(("self", "selves"))


_WH_LEAD = re.compile(r"^(how|why|what|when|where)\s+(?=\S)", re.I)
_SUBJECTS = ("nsubj", "nsubjpass")
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
_REPORTING = {"say", "warn", "find", "show", "claim", "allege", "suggest", "report"}
_RELATIVE = {"that", "which", "who"}


def asked_about(clause: str, body: str = "", *, headline: bool = True) -> str | None:
    """The clause's event as a question, by the grammar of English questions: the subject and the first auxiliary
    change places ("AI companies are pivoting" -> "Why are AI companies pivoting"), and a lexical verb takes "do"
    ("Meta poaches a researcher" -> "Why did Meta poach a researcher"). A headline's simple present reports an event
    just past, so it takes "did"; after the headline's own "How" or "Why" it states what is so ("How a law protects
    whistleblowers" -> "How does a law protect whistleblowers"). A noun with a relative clause ("The woman who got
    YouTube banned") is asked about that clause. None when the parse gives no subject before its verb.
    ``headline=False``: the clause is a story's sentence, whose simple present states what is so ("Browsers
    differ" -> "Why do browsers differ"). A base-form verb after its subject with no auxiliary is a present the
    tagger took for an infinitive ("The UN's AI warnings grow louder"): an imperative has no subject.
    """
    if match := _WH_TO.match(clause):  # "What to know about ...", "How to get ...": advice, asked of the reader
        return _finish(
            f"{match.group(1).capitalize()} {'should' if match.group(1).lower() == 'what' else 'can'} "
            f"you {clause[match.end() :]}"
        )
    wh, own_wh = "Why", False
    if match := _WH_LEAD.match(clause):
        wh, own_wh, clause = match.group(1).capitalize(), True, clause[match.end() :]
    doc = nlp()(clause.rstrip(".!?"))
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None:
        return None
    verb, subject_end, subject_start = root, None, 0
    if (
        root.lemma_ in _REPORTING
        and (said := next((c for c in root.children if c.dep_ == "ccomp" and c.i < root.i), None)) is not None
    ):
        root = said  # "The U.K. lacks the ability ..., new report warns": the report's finding is the event
    end = root.right_edge.i + 1
    verb = root
    if root.pos_ in ("NOUN", "PROPN"):  # "The experiment that left Claude ...": the relative clause is the event
        relative = next(
            (
                c
                for c in root.children
                if c.dep_ == "relcl" and any(g.dep_ in _SUBJECTS and g.lower_ in _RELATIVE for g in c.children)
            ),
            None,
        )
        topic = next((c for c in root.children if c.dep_ == "prep" and c.lower_ == "on"), None)
        if relative is None and topic is not None and root.ent_type_ == "PERSON" and not own_wh:
            # "Wikipedia co-founder Jimmy Wales on rebuilding trust": an interview, asked for the speaker's view
            speaker = _lower_first(doc, doc[root.left_edge.i : topic.i].text, set())
            return _finish(f"What does {speaker} say about {doc[topic.i + 1 :].text}")
        if relative is None:
            return None
        pronoun = next(g for g in relative.children if g.dep_ in _SUBJECTS and g.lower_ in _RELATIVE)
        verb, subject_start, subject_end = relative, root.left_edge.i, pronoun.i
        words_after = list(doc[relative.i : end if end > relative.i else len(doc)])
    else:
        subject = next((c for c in root.children if c.dep_ in _SUBJECTS), None)
        if root.pos_ not in ("VERB", "AUX") or subject is None or subject.right_edge.i >= root.i:
            return None
        subject_start, subject_end = subject.left_edge.i, subject.right_edge.i + 1
        if any(t.text in ",;:" for t in doc[subject.i : root.i]):  # "Grok's deepfake crisis, explained": no clause
            return None
        if root.lemma_ == "die" or (root.lemma_ == "be" and subject.lower_ in ("these", "this", "those", "they")):
            return None  # an obituary asks what remains, a list what earns its place: ``question_title`` asks so
        words_after = list(doc[subject_end:end])
    fronted = doc[:subject_start].text.strip(" ,") if subject_start else ""
    if fronted and not doc[0].pos_ == "ADP":  # only a fronted place or time ("At the summit, ...") moves
        return None
    lower_words = set(re.findall(r"\b[a-z][\w’'-]*", body))
    subject_text = _lower_first(doc[subject_start:], doc[subject_start:subject_end].text, lower_words)
    auxiliaries = [t for t in words_after if t.dep_ in ("aux", "auxpass") and t.head.i == verb.i and t.i < verb.i]
    if auxiliaries and auxiliaries[0].lower_ == "to":
        return None  # "Board to hold ...": a plan, which the caller asks about
    if auxiliaries or verb.lemma_ == "be":
        moved = [auxiliaries[0] if auxiliaries else verb]
        if moved[0].i + 1 < len(doc) and doc[moved[0].i + 1].lower_ in ("n't", "n’t"):
            moved.append(doc[moved[0].i + 1])  # "can't" moves whole: "Why can't experts agree"
        rest = "".join(t.text_with_ws for t in words_after if t not in moved)
        question = f"{wh} {''.join(t.lower_ for t in moved)} {subject_text} {rest}"
    elif verb.tag_ in ("VBD", "VBZ", "VBP") or (
        verb.tag_ == "VB" and subject_start < verb.i and not any(c.dep_ in ("aux", "auxpass") for c in verb.children)
    ):
        # a state verb's present is no past event: "The U.K. lacks ..." asks "Why does the U.K. lack ..."
        past = verb.tag_ == "VBD" or not (own_wh or verb.lemma_ in _STATIVE or not headline)
        do = "did" if past else "does" if verb.tag_ == "VBZ" else "do"
        rest = "".join(verb.lemma_ + verb.whitespace_ if t.i == verb.i else t.text_with_ws for t in words_after)
        question = f"{wh} {do} {subject_text} {rest}"
    else:
        return None
    if fronted:
        question = f"{question.rstrip()} {fronted[0].lower()}{fronted[1:]}"
    return _finish(question)


_DETERMINERS = {"the", "a", "an", "this", "these", "those", "its", "their", "his", "her", "our"}


def _lower_first(doc: Doc | Span, text: str, lower_words: set[str]) -> str:
    """'The board' -> 'the board', 'Just-released exploit' -> 'just-released exploit'; names keep their capital."""
    first = doc[0] if len(doc) else None
    if first is None or not text.startswith(first.text):
        return text
    if first.lower_ in _DETERMINERS or (first.lower_ in lower_words and not first.ent_type_):
        return first.text.lower() + text[len(first.text) :]
    return text


def _finish(question: str) -> str:
    question = " ".join(question.split()).rstrip(" ,;:")
    if question.endswith(".") and not re.search(r"\b(?:[A-Za-z]\.){2,}$", question):  # "U.S." keeps its dot
        question = question.rstrip(".")
    return question + "?"


def acceptable_title(candidate: str | None, headline: str, body: str, story_map: StoryMap) -> bool:
    """A model's title passes when it is a short question about this story, with a verb and a subject, naming
    the main actor, and not the headline with words tacked on."""
    if not candidate:
        return False
    words = candidate.split()
    if not (
        candidate.endswith("?")
        and candidate.count("?") == 1
        and _WH.match(candidate)
        and 4 <= len(words) <= MAX_TITLE_WORDS
    ):
        return False
    clause = headline_clause(headline, body).lower().rstrip(".?!")
    if clause and clause in candidate.lower():
        return False
    actor = story_map.main_actor
    if actor is not None and actor.name.split()[-1].lower() not in candidate.lower():
        return False
    doc = nlp()(candidate)
    return is_complete_sentence(doc) and not _wh_without_a_slot(doc)


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
