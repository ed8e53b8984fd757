"""Who said what, and with which stance: the statement a sentence makes (a speech verb with its subject, or
"according to X"), the items of a list a clause of saying introduces, and a run of quotation that goes on with
the speaker of the sentence before it.

The story map (``build.py``) reads its sentences in order and asks these helpers for each sentence's statement;
whom a name or a pronoun stands for is ``people.py``'s.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from ..language import (
    BELIEF_VERBS,
    BENEFIT_VERBS,
    HARM_VERBS,
    SPEECH_VERBS,
    STATEMENT_VERBS,
    Stance,
    nlp,
    speaker_tokens,
)
from ..models import Passage
from ..text import OPENS_QUOTATION, QUOTED, quotation_spans, within
from .completeness import WHOLE_QUOTE, is_complete_sentence
from .people import agrees, speaker_name, subject_of
from .types import Actor, Statement, StoryMap

if TYPE_CHECKING:  # spaCy's token type, for the helpers that read names off it
    from spacy.tokens import Token

__all__ = [
    "ACCORDING_TO",
    "INTRODUCES_LIST",
    "SENTENCE_END",
    "goes_on_quoting",
    "listed_statement",
    "quotations_in",
    "read_statement",
    "rejects_what_went_before",
    "speaker_words",
    "stance_of",
    "takes_up",
    "voice_of",
]

# Speech verbs by the stance they carry (statements only, not beliefs); a neutral verb's stance is read from the
# words it introduces.
_VERB_STANCE: dict[str, Stance] = {verb: stance for verb, stance in SPEECH_VERBS.items() if verb in STATEMENT_VERBS}
# Stance read from what is said: words that judge (good or bad) or foresee harm. Words that only name a topic
# ("cost", "delays", "problems", "crisis") judge nothing and are left out: "chips held for months due to
# national security concerns" reports a fact, not a warning.
_SUPPORT_WORDS = re.compile(
    r"\b(?:success(?:ful)?|historic|milestone|welcome[ds]?|proud|great|good news|"
    r"opportunit(?:y|ies)|benefits?|boost|breakthrough|progress|important step|"
    r"excit(?:ed|ing)|hope(?:ful)?|promising|landmark|achievement|better|impressive|"
    r"remarkable|optimistic|pleased|delighted|"
    # what is needed is defended as right, whatever it costs ("painful but necessary", "the only way forward")
    r"necessary|essential)\b",
    re.I,
)
_CRITICISM_WORDS = re.compile(
    r"\b(?:wrong|unacceptable|mistake|disaster|illegal|failure|failed|failing|"
    r"outrage(?:ous)?|shameful|reckless|unfair|absurd|lies?|corrupt(?:ion)?|criticism|"
    r"critics?|condemn(?:ed|s)?|appalling|awful|terrible|horrors?|horrific|harassment|"
    r"abuse[ds]?|attack(?:s|ing)?|not (?:go )?(?:anywhere )?(?:near )?far enough|"
    # a scandal or a disgrace is the judgement itself; a broken promise or a betrayal blames whoever made it
    r"scandal(?:ous)?|disgrace(?:ful)?|betray(?:al|ed|s)?|broken\s+(?:\w+\s+)?promises?|"
    # the perfect of a modal of obligation says what was done fell short of what ought to have been: a
    # reproach ("the authority should have sought federal grants first", "should not have been approved")
    r"(?:should|ought)(?:n['’]t| not)?(?: to)? have)\b",
    re.I,
)
_WARNING_WORDS = re.compile(
    r"\b(?:risks?|risky|danger(?:s|ous)?|threat(?:s|en(?:s|ed)?)?|concerned|"
    r"fears?|worr(?:y|ied|ies)|could (?:fail|lead|cause|harm)|may (?:fail|lead|cause|harm)|"
    r"warning|unclear whether)\b",
    re.I,
)
# A colon at the end, or before a list's first item ("Obama also said: - The UK must ..."): what follows is a list.
INTRODUCES_LIST = re.compile(r":\s*(?:$|[-*•–]\s)")


def listed_statement(introduced: Statement, sentence: str, passage: Passage, order: int) -> Statement:
    """An item of a list that a clause of saying introduces ("In an interview, Obama also said:" then "- Syria
    needs a political solution"): the colon hands the list to the speaker, so each item is the speaker's
    statement, though it names no speaker itself. Its stance is read from its own words."""
    return Statement(
        sentence,
        passage,
        order,
        speaker=introduced.speaker,
        speaker_text=introduced.speaker_text,
        verb=introduced.verb,
        stance=_stance(introduced.verb, sentence, None),
    )


def read_statement(
    doc: Any,
    sentence: str,
    quoted: list[tuple[int, int]],
    passage: Passage,
    order: int,
    actors: dict[str, Actor],
    last_person: str | None,
    last_actor: str | None,
    group: str | None = None,
    pronouns: dict[str, str | None] | None = None,
) -> Statement | None:
    """A speech verb with its subject, or "according to X": who said what, and with which stance. ``pronouns``:
    whom a "he" or a "she" speaker stands for (``speaker_name``).

    A verb inside quotation marks is the quoted speaker's words, not the attribution ("“Our ancestors tell us
    ...,” says Parata" is Parata's). A verb of a modifying clause (relative or adverbial) that reports nothing of
    its own, no clause and no quotation, tells what its speaker did to a thing the sentence names ("the study,
    which Meta disputed, found ..."): the sentence's assertion is its main clause's, not that speaker's. One that
    does report a clause speaks for the sentence only where its main clause reports no one's words ("Officials
    who said the bridge was unsafe closed it" is the officials'; in "..., which some research says limits ...,
    the researchers said ..." the researchers speak).

    "According to X" names where a fact comes from; a verb of saying with its own subject names who speaks. Where
    a sentence has both ("..., according to research Prudential specialist Clare Moffat said: '...'"), the words
    are the speaker's, not the source's ("research"); a modifying clause's speaker comes after both ("according to
    the State Department, which said ...").
    """
    modifying: Statement | None = None
    sourced: Statement | None = None
    for token in doc:
        if within(quoted, token.idx):
            continue
        lemma = token.lemma_.lower()
        speaker_token = None
        if (
            lemma in _VERB_STANCE
            and token.pos_ == "VERB"
            and not (token.dep_ in _MODIFYING and not quoted and not _reports_clause(token))
            and (
                _VERB_STANCE[lemma] != "neutral"
                or quoted
                or any(c.dep_ == "ccomp" for c in token.children)
                or INTRODUCES_LIST.search(sentence, token.idx)
            )
        ):
            # a neutral verb reports speech only with what was said: "X said (that) ...", "“...,” X wrote", "X
            # said:" before a list; "students get experience writing code" is no statement
            candidates = speaker_tokens(token)
            speaker_token = min(candidates, key=lambda t: len(list(t.ancestors))) if candidates else None
        elif lemma == "accord" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "to":
            speaker_token = next((c for c in doc[token.i + 1].children if c.dep_ == "pobj"), None)
            lemma = ACCORDING_TO  # the source a fact is attributed to, not a voice taking a view
        if speaker_token is None:
            continue
        span = _without_relative_clause(doc, speaker_token)
        # a long subject, or one holding the clause that says ("officials who said ..."), is named by its head
        if len(span) > 10 or span.start <= token.i < span.end:
            speaker_token, span = _named_head(doc, speaker_token)
        speaker = speaker_name(span, speaker_token, actors, last_person, last_actor, group, pronouns)
        if speaker is None:
            continue
        statement = Statement(
            sentence,
            passage,
            order,
            speaker=speaker,
            speaker_text=span.text,
            verb=lemma,
            stance=_side_voted(doc, speaker_token, token) or _conjoined_stance(token) or _stance(lemma, sentence, doc),
        )
        if lemma == ACCORDING_TO:
            sourced = sourced or statement
        elif token.dep_ not in _MODIFYING:
            return statement
        else:
            modifying = modifying or statement
    return sourced or modifying


def rejects_what_went_before(doc: Any, quoted: list[tuple[int, int]]) -> bool:
    """Whether the sentence rejects what the sentence before it reported: outside its quotations, a verb of
    rejecting ("dismissed that", "denied it", "doubted it"), or a verb of believing or accepting under a negation
    ("she did not believe it", "does not think so", "would not accept that promise"), whose object takes up what
    was just said: a pronoun or a noun under a demonstrative, which point back (``it``, ``that``, ``so``).

    A speaker who reports a claim ("her members had been told by managers that 'no jobs will be cut'") and then
    rejects it in the next sentence has reported it to reject it: given alone, the report reads as the speaker
    relaying the claim, the opposite of what they said (``build.py`` never drafts it alone)."""
    for token in doc:
        if within(quoted, token.idx) or token.pos_ not in ("VERB", "AUX"):
            continue
        lemma = token.lemma_.lower()
        negated = any(c.dep_ == "neg" for c in token.children)
        if not (lemma in _REJECTING or (negated and lemma in _ACCEPTING)):
            continue
        if any(_points_back(c) for c in token.children):
            return True
    return False


# Verbs whose object is a claim the subject holds false, and verbs whose object is one they hold true.
_REJECTING = frozenset("reject dismiss dispute deny doubt".split())
_ACCEPTING = BELIEF_VERBS | {"accept", "trust"}
_DEMONSTRATIVES = frozenset("that this those these".split())


def _points_back(word: Token) -> bool:
    """An object that takes up what was said: a pronoun ("it", "that"), "so" ("does not think so"), or a noun
    under a demonstrative ("that promise")."""
    if word.dep_ == "advmod":
        return word.lower_ == "so"
    if word.dep_ != "dobj":
        return False
    return word.lower_ in ("it", *_DEMONSTRATIVES) or any(
        c.dep_ == "det" and c.lower_ in _DEMONSTRATIVES for c in word.children
    )


#: The "verb" of a statement made by "according to X": X is where the fact comes from, not someone speaking up.
ACCORDING_TO = "according to"

# Clauses that modify a word of the sentence (a noun, or the main verb) rather than make its assertion.
_MODIFYING = frozenset({"relcl", "acl", "advcl"})


def _without_relative_clause(doc: Any, head: Token) -> Any:
    """The words of a speaker's subject phrase up to a relative clause on its head: the clause describes the
    speaker ("Greg Hall, whose wife died waiting in an Eastgate emergency room, said", "a nurse who worked at
    Eastgate for 20 years said") and never names them, so a name inside it is no candidate for the speaker."""
    clause = next((c for c in head.children if c.dep_ == "relcl" and c.i > head.i), None)
    end = clause.left_edge.i if clause is not None else head.right_edge.i + 1
    while clause is not None and end > head.i + 1 and doc[end - 1].is_punct:
        end -= 1  # the comma that opens a non-restrictive clause
    return doc[head.left_edge.i : end]


def _side_voted(doc: Any, speaker: Token, verb: Token) -> Stance | None:
    """The side a speaker took in a vote, where the words that introduce them say it ("Board member Tom Arlo, who
    cast the only vote against, said", "Derek Stone, who voted no, said"): news describes a speaker by their vote
    to say which side they speak for, so what they say is a view against (or for) the decision. The words are
    those from the speaker's subject phrase up to the verb of saying (or the phrase alone, after the verb); a
    verb that carries its own stance ("praised", "warned") keeps it."""
    if _VERB_STANCE.get(verb.lemma_.lower(), "neutral") != "neutral":
        return None
    end = verb.i if speaker.i < verb.i else speaker.right_edge.i + 1
    described = doc[speaker.left_edge.i : end].text
    if _VOTED_AGAINST.search(described) or _PROSECUTES.search(described):
        return "criticism"
    if _VOTED_FOR.search(described) or _DEFENDS.search(described):
        return "support"
    return None


def _conjoined_stance(verb: Token) -> Stance | None:
    """The stance of a verb of saying joined to the statement's own ("said members were relieved but warned that no
    money had been recovered"): one speaker's words told with two verbs are one statement, and the verb that carries
    a stance ("warned", "criticised") tells which side the whole takes, as it would alone. The joined verb has no
    subject of its own (it shares the speaker; "said critics condemned it" reports the critics' view, not the
    speaker's), and the parser may hang it on the first verb as a conjunct or as a clause it governs. Only a neutral
    verb defers to the joined one; one that carries a stance keeps it."""
    if _VERB_STANCE.get(verb.lemma_.lower(), "neutral") != "neutral":
        return None
    joined = [*verb.conjuncts, *(c for c in verb.children if c.dep_ == "ccomp")]
    for other in joined:
        stance = _VERB_STANCE.get(other.lemma_.lower(), "neutral")
        own_subject = any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in other.children)
        if other.pos_ == "VERB" and stance != "neutral" and not own_subject:
            return stance
    return None


_VOTED_AGAINST = re.compile(r"\b(?:vot(?:e[ds]?|ing)\s+(?:no|against)|vote\s+against|dissent(?:ed|ing))\b", re.I)
# A trial is argued by two sides, and the words that introduce a speaker name the side they argue ("Prosecutor Helen
# Adebayo told the jury", "Morrow's lawyer, Simon Keane, said", "the defence argued"): the prosecution's words are
# the case against the accused, the defence's (a lawyer speaks for the client named as theirs) the case for them.
_PROSECUTES = re.compile(r"\b(?:prosecut(?:or|ors|ion|ing)|plaintiffs?)\b", re.I)
_DEFENDS = re.compile(
    r"\b(?:defen[cs]e|defending)\b|\w['’]s?\s+(?:\w+\s+)?(?:lawyers?|attorneys?|counsel|solicitors?|barristers?)\b|"
    r"\b(?:lawyers?|attorneys?|counsel|solicitors?|barristers?)\s+(?:for|representing)\s+(?!the\s+(?:prosecution|plaintiff|victim))",
    re.I,
)
_VOTED_FOR = re.compile(r"\b(?:vot(?:e[ds]?|ing)\s+(?:yes|for|in\s+favou?r)|vote\s+for)\b", re.I)


def _reports_clause(verb: Token) -> bool:
    return any(child.dep_ in ("ccomp", "parataxis") for child in verb.children)


def stance_of(verb: str, sentence: str) -> Stance:
    """The stance of a statement: its speech verb's where the verb carries one ("criticise", "warn"), else
    the words it reports (judgement or foreseen harm), else neutral."""
    return _stance(verb, sentence, None)


def _stance(verb: str, sentence: str, doc: Any) -> Stance:
    """The speech verb's stance where it carries one; else the words it reports: a judgement, a foreseen harm, a
    word of approval, or an effect foreseen (``_foreseen_effect``). A neutral verb of saying ("said") reports a view
    as well as a fact: "said the lanes would save lives" is a view for, read from what is said, not how."""
    stance = _VERB_STANCE.get(verb, "neutral")
    if stance != "neutral":
        return stance
    if _CRITICISM_WORDS.search(sentence):  # a judgement outweighs a foreseen harm: "empty threat" judges
        return "criticism"
    if _WARNING_WORDS.search(sentence):
        return "warning"
    if _SUPPORT_WORDS.search(sentence):
        return "support"
    return _foreseen_effect(doc if doc is not None else nlp()(sentence)) or "neutral"


_FORESEEING = frozenset("will would could may might can".split())


def _foreseen_effect(doc: Any) -> Stance | None:
    """The stance of an effect the speaker foresees: a verb whose meaning is good or bad for its object
    (``BENEFIT_VERBS``, ``HARM_VERBS``) under a modal, with an object, not negated ("would save lives", "will kill
    the night economy", "would hurt businesses"). A foreseen benefit is a view for, a foreseen harm a warning; an
    effect told as done ("the floods killed 23") is an event, not a view, and one both ways judges nothing."""
    found: set[Stance] = set()
    for token in doc:
        lemma = token.lemma_.lower()
        if token.pos_ != "VERB" or lemma not in BENEFIT_VERBS | HARM_VERBS:
            continue
        children = list(token.children)
        modal = any(c.dep_ == "aux" and c.lower_ in _FORESEEING for c in children)
        if not modal and token.dep_ == "conj":  # "would save money and help shops": the modal is the first verb's
            modal = any(c.dep_ == "aux" and c.lower_ in _FORESEEING for c in token.head.children)
        negated = any(c.dep_ == "neg" for c in children)
        if modal and not negated and any(c.dep_ in ("dobj", "obj") for c in children):
            found.add("support" if lemma in BENEFIT_VERBS else "warning")
    return found.pop() if len(found) == 1 else None


def _named_head(doc: Any, head: Token) -> tuple[Token, Any]:
    """The head of a long subject with the words that name it: a person's name in apposition in a subject headed
    by a common noun names the one it describes ("The author of Mirreynato, the Other Inequality, Ricardo Raphael,
    wrote" is Raphael, though the parser may hang the name on the book's title: a title is no person), and the
    compound words before a noun are part of its name ("the State Department", not "Department")."""
    if head.pos_ == "NOUN":
        named = [t for t in head.subtree if t.dep_ == "appos" and t.ent_type_ == "PERSON"]
        head = named[-1] if named else head
    start = head.i
    while start > 0 and doc[start - 1].dep_ == "compound" and doc[start - 1].head.i in (head.i, start):
        start -= 1
    return head, doc[start : head.i + 1]


def quotations_in(sentence: str, inside: bool = False) -> list[tuple[int, int]]:
    """The sentence's quotations; one opened and not closed runs on to the next one ("... staff. 'It was ...,' he
    said.") or to the sentence's end: news closes a quotation that goes on in the next paragraph only there.
    ``inside``: a quotation an earlier sentence opened is open at its start, and runs to its first closing mark."""
    quoted = quotation_spans(sentence)
    if inside:
        closing = _FIRST_CLOSING.search(sentence)
        quoted = [(0, closing.end() if closing else len(sentence)), *quoted]
    opening = OPENS_QUOTATION.match(sentence)
    if opening is not None and not within(quoted, opening.end() - 1):
        quoted = [(0, min((start for start, _ in quoted), default=len(sentence))), *quoted]
    return quoted


_FIRST_CLOSING = re.compile(r"[.,!?…]['’\"”](?=\s|$)")


def speaker_words(
    story_map: StoryMap,
    actors: dict[str, Actor],
    speaker: str | None,
    doc: Any,
    sentence: str,
    passage: Passage,
    order: int,
) -> None:
    """A sentence that is ``speaker``'s words though it names no speaker: a statement given only under the
    speaker's name (``StoryMap.speaker_only``); with no speaker known, or no whole sentence, it is never given."""
    if speaker is None or not is_complete_sentence(doc):
        story_map.unusable.add(sentence)
        return
    story_map.statements.append(
        Statement(sentence, passage, order, speaker=speaker, verb="say", stance=_stance("say", sentence, doc))
    )
    if speaker in actors:
        actors[speaker].statements += 1
    story_map.speaker_only.add(sentence)


def voice_of(doc: Any, quoted: list[tuple[int, int]]) -> Token | None:
    """The subject of a verb of saying outside the sentence's quotations, where the map gave the sentence to no
    one: a pronoun ("she says" with no person before it) still makes the words a person's, and a name or a
    description (the author's "my colleague writes") makes them someone else's than the quotation before."""
    for token in doc:
        if token.lemma_.lower() in _VERB_STANCE and token.pos_ == "VERB" and not within(quoted, token.idx):
            subject = subject_of(token, quoted)
            if subject is not None:
                return subject
    return None


def takes_up(
    pronoun: Token, speaker: str | None, actors: dict[str, Actor], genders: dict[str, str] | None = None
) -> bool:
    """Whether a pronoun subject can stand for the speaker quoted just before: it agrees with them, "he" or "she"
    with a person and "it" with a thing or a body, never the other way ("Adam wrote ... “...,” it replied" is the
    chatbot answering, not Adam going on); and "he" or "she" in gender with what the story calls that person
    (``genders``, ``people.agrees``): "she said" after Mr Cole's words is someone else speaking."""
    if pronoun.pos_ != "PRON":
        return False
    label = actors[speaker].label if speaker in actors else ""
    if pronoun.lower_ == "it":
        return label != "PERSON"
    if pronoun.lower_ not in ("he", "she") or label not in ("PERSON", ""):
        return False
    return speaker is None or genders is None or agrees(pronoun.lower_, speaker, genders)


def goes_on_quoting(sentence: str) -> bool:
    """A sentence that goes on with the quotation before it: a quotation alone (“That's where a clash could
    come.”), one that opens or closes a quotation it does not hold whole (“... table. Prime Minister Netanyahu
    has released prisoners.”), or one that opens with a quotation mark, single ones included (British news quotes
    with them). A run of quotation is its last named speaker's until another is named, so such a sentence right
    after a statement with no speaker of its own is that speaker's words, whether the statement quoted them or
    reported them in other words ("Park said the beds were built by volunteers. 'We had no money.'"). A sentence that
    only quotes a phrase of someone's inside its own clause ("the challenge to “create your own merch store”")
    is the writer's; a quotation that runs across a sentence's end (Abbas “has put aside efforts ... table. Prime
    Minister Netanyahu has released ...”) is speech, not a phrase."""
    curly = sentence.count("“") != sentence.count("”")
    spoken = any(SENTENCE_END.search(m.group()) for m in QUOTED.finditer(sentence))
    opens = bool(OPENS_QUOTATION.match(sentence))
    return bool(WHOLE_QUOTE.match(sentence)) or opens or curly or sentence.count('"') % 2 == 1 or spoken


SENTENCE_END = re.compile(r"[.!?]\s+[A-Z]")
