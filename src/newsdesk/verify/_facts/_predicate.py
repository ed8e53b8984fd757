"""Clause polarity read from the parse: a denial in other words.

Principle: whether a clause holds or is denied is a property of its predicate (the head verb, or a copula's
complement), marked on that predicate by a negation ("not", "never", "n't"), a negative determiner on its argument
("no hold-up", "none"), or a verb that denies its complement ("failed to win", "without winning"). Two clauses that
state the same predicate (the same verb lemma, or the same copula complement) with a shared argument or subject say
the same thing of the same thing, however differently the rest is worded ("he said he has identified several
players" / "'I haven't identified many players'"). When every such clause of the aligned source sentences has the
opposite polarity to the sentence's clause, the sentence says the contrary of the source.

It judges only what both sides assert: a clause inside a condition ("if", "unless", "whether"), a question, or under
a denied verb ("I don't think it will win": a denial raised to the verb of thinking) is not read, and a "not" that
limits a scope or figure ("not only", "no more than") is no denial. Near copies are judged word by word in
``_copy`` and the lexical reading in ``_polarity``; this reading is what catches the paraphrase they do not.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ...language import (
    DENIAL_VERBS,
    NEGATING_ADJECTIVES,
    NEGATING_VERBS,
    NEGATION_WORDS,
    RARE_FREQUENCY,
    STATEMENT_VERBS,
    nlp,
    opposite,
    parse,
    phrasal,
)
from .._text import STOPWORDS, denied_by_prefix
from ._parse import Evidence, SourceFacts, stems_of
from ._result import FactResult, fail, not_applicable, ok

__all__ = [
    "Predicate",
    "check_clause_polarity",
    "is_clause",
    "opposed_predicate",
    "predicate_of",
    "predicates",
    "same_predicate",
]

POLARITY = "polarity"

# Words after a "not" or "no" that make it limit a quantity or scope rather than deny the clause.
_LIMITING = frozenset("only just all every least less more fewer longer quite merely simply".split())
_DENIERS = NEGATION_WORDS | RARE_FREQUENCY
# Heads that deny the clause they govern: the verbs and adjectives of ``language`` ("failed to", "unable to"), their
# nouns ("his failure to secure"), and the preposition "without" ("without winning").
_DENYING_HEADS = NEGATING_VERBS | NEGATING_ADJECTIVES | {"without", "failure", "refusal", "inability"}
# The phrases that deny by contrast ("rather than trying", "instead of paying"): the adverb or noun of the phrase.
_CONTRASTING = frozenset("rather instead".split())
_CONDITIONS = frozenset("if unless whether lest".split())
_COMPLEMENT_DEPS = frozenset("ccomp xcomp csubj pcomp".split())
# Verbs that carry little meaning of their own: the predicate is their argument ("take part", "have a role").
_LIGHT = frozenset("be have do get make take give go come keep put become seem".split())
_CLAUSE_DEPS = frozenset("ROOT ccomp xcomp conj advcl relcl acl pcomp csubj parataxis".split())
_SUBJECT_DEPS = frozenset("nsubj nsubjpass expl csubj agent".split())
# What a predicate says of its subject: its objects and complements, and the phrases after it (one before it is a
# frame, "For Hori Parata, ...", and an apposition only names again).
_ARGUMENT_DEPS = frozenset("dobj attr acomp oprd dative prep agent npadvmod advmod".split())
_ARGUMENT_POS = frozenset("NOUN PROPN ADJ NUM".split())
_PRONOUNS = frozenset("i me we us you he him she her they them it who which that this these those one".split())
MAX_PARSED_CHARS = 600  # a longer source "sentence" is a run-on of captions: too costly to parse, too unreliable


@dataclass(frozen=True)
class Predicate:
    """One clause: its predicate's lemma ("be" and its complement's for a copula: "be favourite"), the lemmas of
    its arguments (``things``: the nouns, names and figures among them) and of its subject (empty when the subject
    is only a pronoun), whether it is denied, and the words that show it."""

    verb: str
    arguments: frozenset[str]
    things: frozenset[str]
    subject: frozenset[str]
    negated: bool
    shown: str
    content: frozenset[str] = frozenset()  # the things of the clause it governs, for a verb of saying or thinking
    particle: str = ""  # a particle verb's particle ("down" in "struck down")
    head: str = ""  # the lemma of the subject's head noun ("profit" in "Orvane's third-quarter profit"), if a noun


def _lemmatised(doc: Any) -> Any:
    """The parse with lemmas: the shared parses skip the lemmatizer; it runs on the finished parse in place."""
    if not doc.user_data.get("lemmatised"):
        nlp().get_pipe("lemmatizer")(doc)
        doc.user_data["lemmatised"] = True
    return doc


def _lemma(token: Any) -> str:
    return str(token.lemma_ or token.lower_).lower()


def _denies(token: Any) -> bool:
    """A negation word that denies: not one that limits ("not only", "no more than"), nor one of a comparison
    ("could not be happier", "couldn't agree more": the most there is, not a denial)."""
    if token.lower_ not in _DENIERS and token.lower_ != "n't" and token.dep_ != "neg":
        return False
    following = token.nbor(1) if token.i + 1 < len(token.doc) else None
    if following is not None and following.lower_ in _LIMITING:
        return False
    return not any(t.tag_ in ("JJR", "RBR") for t in token.head.subtree)


def _few(token: Any) -> bool:
    """ "Few" without "a" all but denies its noun ("has identified few players" ~ "hasn't identified many")."""
    return token.lower_ == "few" and token.dep_ in ("amod", "det") and (token.i == 0 or token.nbor(-1).lower_ != "a")


def _negated(verb: Any) -> bool:
    """The predicate is denied: a negation on the verb, a negative determiner or pronoun as its subject or object,
    or a governing verb or preposition that denies its complement ("failed to win", "without winning")."""
    for child in verb.children:
        if child.dep_ in ("neg", "advmod") and _denies(child):
            return True
        if child.dep_ in ("nsubj", "nsubjpass", "dobj", "attr") and (
            child.lower_ in ("none", "nobody", "nothing", "neither")
            or any(d.dep_ == "det" and d.lower_ == "no" and _denies(d) for d in child.children)
            or any(_few(d) for d in child.children)
        ):
            return True
    head = verb.head
    if verb.dep_ in ("xcomp", "pcomp", "acl") and head.i != verb.i and _lemma(head) in _DENYING_HEADS:
        return True
    if verb.dep_ == "pcomp" and (head.lower_ in _CONTRASTING or any(c.lower_ in _CONTRASTING for c in head.children)):
        return True
    return verb.dep_ == "xcomp" and head.dep_ == "acomp" and _lemma(head) in _DENYING_HEADS


def _is_predicate(token: Any) -> bool:
    if token.pos_ == "VERB":
        return True
    # a copula heading its clause: "there has not been a hold-up", "the plan was a failure"
    return token.pos_ == "AUX" and any(c.dep_ in ("attr", "acomp", "expl") for c in token.children)


def _unasserted(verb: Any) -> bool:
    """A clause nobody asserts: one with a condition of its own ("I can send a quote if you ..."), one under a
    condition, under a denied verb (raised negation) or under a verb of denial, at any level. A verb of denial holds
    its complement false in its subject's voice ("denied having any stake"): the clause is what was denied, so its
    polarity is the denial's, not the clause's own."""
    if any(c.dep_ == "advcl" and any(m.lower_ in _CONDITIONS for m in c.children) for c in verb.children):
        return True
    node = verb
    while True:
        if any(c.dep_ == "mark" and c.lower_ in _CONDITIONS for c in node.children):
            return True
        if node.head.i == node.i:
            return False
        # a denied verb leaves its complement unasserted ("did not say that ..."), not a relative clause of its
        # arguments ("the weekend, which was planned for, caused no delay" asserts the planning)
        governed = node.dep_ in _COMPLEMENT_DEPS
        node = node.head
        if governed and _is_predicate(node) and (_negated(node) or _lemma(node) in DENIAL_VERBS):
            return True


# Heads of a complement that only measure it ("something of a hold-up", "a bit of a problem"): the noun after "of"
# is the complement.
_MEASURES = frozenset("something bit lot kind sort much little".split())


def _complement(verb: Any) -> str:
    """A copula's predicate: the lemma of its complement's head ("is favourite" -> favourite, "was not very
    expensive" -> expensive); "" when it has none."""
    for child in verb.children:
        if child.dep_ in ("attr", "acomp", "oprd"):
            head = child
            if head.lower_ in _MEASURES:
                of = [p for c in head.children if c.dep_ == "prep" for p in c.children if p.dep_ == "pobj"]
                head = of[0] if of else head
            return _lemma(head)
    return ""


def _owner(token: Any) -> Any:
    """The predicate a token belongs to: the nearest clause head above it."""
    node = token
    while node.head.i != node.i:
        node = node.head
        if _is_predicate(node) and (node.dep_ in _CLAUSE_DEPS or node.head.i == node.i):
            return node
    return node


def predicate_of(verb: Any) -> Predicate:
    """The clause a predicate heads: its verb (a copula's complement), arguments, subject and polarity."""
    subject_ids = {t.i for c in verb.children if c.dep_ in _SUBJECT_DEPS for t in c.subtree}
    argument_ids = {
        t.i
        for c in verb.children
        if c.dep_ in _ARGUMENT_DEPS and (c.i > verb.i or c.dep_ != "prep")
        for t in c.subtree
        if t.dep_ != "appos" and t.head.dep_ != "appos"
    }
    arguments: set[str] = set()
    things: set[str] = set()
    subject: set[str] = set()
    for token in verb.subtree:
        if token.pos_ not in _ARGUMENT_POS or token.i not in subject_ids | argument_ids:
            continue
        if _owner(token).i != verb.i:
            continue
        lemma = _lemma(token)
        if lemma in STOPWORDS or lemma in _PRONOUNS or len(lemma) < 2:
            continue
        if token.i in subject_ids:
            subject.add(lemma)
        else:
            arguments.add(lemma)
            if token.pos_ != "ADJ":
                things.add(lemma)
    content = {
        _lemma(t)
        for c in verb.children
        if c.dep_ in _COMPLEMENT_DEPS
        for t in c.subtree
        if t.pos_ in ("NOUN", "PROPN", "NUM") and _lemma(t) not in STOPWORDS and _lemma(t) not in _PRONOUNS
    }
    heads = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ in ("NOUN", "PROPN")]
    particles = [c.lower_ for c in verb.children if c.dep_ == "prt"]
    return Predicate(
        particle=particles[0] if particles else "",
        head=_lemma(heads[0]) if heads else "",
        content=frozenset(content),
        verb=f"be {_complement(verb)}" if verb.pos_ == "AUX" else _lemma(verb),
        arguments=frozenset(arguments),
        things=frozenset(things),
        subject=frozenset(subject),
        negated=_negated(verb),
        shown=" ".join([verb.text, *particles[:1]]),
    )


def is_clause(token: Any) -> bool:
    """A token that heads a clause: a verb (or a copula with its complement) at the root or in a clause relation."""
    return _is_predicate(token) and (token.dep_ in _CLAUSE_DEPS or token.head.i == token.i)


def _corrected(verb: Any) -> bool:
    """ "not an abstract problem but a matter of family": a correction, not a denial."""
    argument_ids = {
        t.i for c in verb.children if c.dep_ in _ARGUMENT_DEPS and (c.i > verb.i or c.dep_ != "prep") for t in c.subtree
    }
    return any(t.i in argument_ids and t.dep_ == "cc" and t.lower_ == "but" for t in verb.subtree)


def predicates(doc: Any) -> list[Predicate]:
    """The asserted clauses of a parse, each with its predicate, arguments, subject and polarity (kept with the
    parse: a source sentence is compared with every claim it is aligned with)."""
    found: list[Predicate] | None = doc.user_data.get("predicates")
    if found is None:
        doc = _lemmatised(doc)
        if any(t.text == "?" for t in doc):
            found = []
        else:
            found = [
                predicate_of(verb) for verb in doc if is_clause(verb) and not _unasserted(verb) and not _corrected(verb)
            ]
        doc.user_data["predicates"] = found
    return list(found)


def same_predicate(mine: Predicate, theirs: Predicate) -> bool:
    """The two clauses say the same predicate of the same thing: the same verb, subjects that do not differ (a
    pronoun is anybody), clauses they govern that share a thing where both govern one (a verb of saying or
    thinking is said of its clause: "officials said the storm killed 21" and "officials have not said how many
    homes were destroyed" are two predicates), and a thing in common among their arguments (a noun, name or
    figure: an adjective alone is a property many things share), or, for a verb with meaning of its own, the same
    subject."""
    if mine.verb != theirs.verb:
        return False
    if mine.subject and theirs.subject and not mine.subject & theirs.subject:
        return False
    if mine.content and theirs.content and not mine.content & theirs.content:
        return False  # a verb that governs a clause says something of that clause: "said X" is not "said Y"
    if mine.things & theirs.things:
        return True
    return bool(mine.verb) and mine.verb not in _LIGHT and bool(mine.subject & theirs.subject)


def opposed_predicate(mine: Predicate, theirs: Predicate) -> bool:
    """The two clauses say contrary things of one subject: their verbs are opposites (``language.opposite``: "win"
    / "lose", "accept" / "reject", "buy" / "sell"), their subjects are the same, and they are about the same thing
    (a thing in common among their arguments, or none on either side: "shares rose" / "shares fell"). Many verb
    antonyms are converses, one event told from its other end ("A sold the club to B" is "B bought the club from
    A"); told from the other end the subject changes, so with one subject the two verbs say opposite things of it
    ("Smith sold the club" / "Smith bought the club"). The subject is the thing its head noun names: what the two
    share may be only what it belongs to ("Orvane's profit fell" and "Orvane shares rose" are both true), so two
    subjects whose heads differ, neither in the other's phrase, are two things. A verb that carries little meaning
    of its own ("give", "take", "come", "go") is no predicate to oppose."""
    if mine.verb == theirs.verb or " " in mine.verb + theirs.verb or mine.verb in _LIGHT or theirs.verb in _LIGHT:
        return False
    if not (mine.subject & theirs.subject):
        return False
    if mine.head and theirs.head and mine.head not in theirs.subject and theirs.head not in mine.subject:
        return False  # "Orvane's profit fell" / "Orvane shares rose": the owner in common, two things said of
    if (mine.things or theirs.things) and not mine.things & theirs.things:
        return False
    return opposite(phrasal(mine.verb, mine.particle), phrasal(theirs.verb, theirs.particle), "VERB")


def unsaid(mine: Predicate, theirs: Predicate) -> bool:
    """The sentence has someone state what the source says they did not state: a verb of saying ("promised",
    "said", "confirmed") with a thing in common with what a denied verb of saying governs ("declined to say whether
    extra funding would be provided", "did not say how much it would cost"). Not saying whether X is no statement
    about X, so a statement of X by the same speaker (a pronoun may be anyone) says what the source denies was
    said."""
    if mine.negated or not theirs.negated or mine.verb not in STATEMENT_VERBS or theirs.verb not in STATEMENT_VERBS:
        return False
    if mine.subject and theirs.subject and not mine.subject & theirs.subject:
        return False
    return bool((mine.things | mine.content) & theirs.content)


def check_clause_polarity(sentence: str, candidates: list[Evidence], verbatim: bool = False) -> FactResult:
    """Fail when a clause of the sentence states a predicate that every aligned source clause stating it
    (``same_predicate``) gives the other polarity, or, where no source clause states it, when a source clause says
    the opposite verb of the same subject with the same polarity (``opposed_predicate``)."""
    if verbatim or not candidates:
        return not_applicable(POLARITY)
    mine = predicates(parse(sentence))
    if not mine:
        return not_applicable(POLARITY)
    own = stems_of(sentence)
    readable = [evidence for evidence in candidates if len(evidence.text) <= MAX_PARSED_CHARS]
    SourceFacts.parse_batch(readable)
    theirs = [(evidence, found) for evidence in readable for found in predicates(evidence.doc)]
    judged = False
    for claim in mine:
        matches = [(evidence, found) for evidence, found in theirs if same_predicate(claim, found)]
        if not matches:
            contrary = [
                (evidence, found)
                for evidence, found in theirs
                if found.negated == claim.negated and opposed_predicate(claim, found)
            ]
            if contrary:
                evidence, found = contrary[0]
                return fail(
                    POLARITY,
                    f'the sentence says "{claim.shown}" where the source says "{found.shown}": "{evidence.text}"',
                )
            silent = next(((evidence, found) for evidence, found in theirs if unsaid(claim, found)), None)
            if silent:
                evidence, found = silent
                return fail(
                    POLARITY,
                    f'the sentence says "{claim.shown}" where the source says it was not said: "{evidence.text}"',
                )
            continue
        judged = True
        if all(found.negated != claim.negated for _, found in matches):
            evidence, found = matches[0]
            denied, stated = (own, evidence.stems) if claim.negated else (evidence.stems, own)
            if denied_by_prefix(denied, stated):
                continue  # "is not an experienced sailor" for "is an inexperienced sailor": both deny it
            said = "denies" if claim.negated else "asserts"
            return fail(
                POLARITY,
                f'the sentence {said} "{claim.shown}" where the source says the opposite: "{evidence.text}"',
            )
    return ok(POLARITY) if judged else not_applicable(POLARITY)
