"""What the edits of bench/contrast.py share: word classes, the document ``Context`` and text helpers.

Every edit reads the sentence's dependency parse and entities (and, for the edits that borrow from the rest of the
source, the ``Context`` of the whole document). None of them holds a sentence-specific string: an edit either
applies to a parse or returns None, and the sentence is skipped for it.

The word classes below (modal and evidential hedges, scope words, antonym pairs, number words) are closed classes
of English written down here on purpose, apart from the checker's own lists in ``newsdesk``: a generator that
shared the checker's lexicon would only produce the cases the checker already knows, and its recall would measure
nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from random import Random
from typing import Any

Doc = Any  # a spaCy Doc of one sentence (spaCy is typed loosely; the edits read .ents, tokens and their deps)

# ------------------------------------------------------------------------------------------------ word classes

#: Modal verbs of possibility: "may rise" says less than "will rise".
POSSIBILITY_MODALS = {"may", "might", "could"}
#: Evidential and epistemic adverbs: the writer does not vouch for the fact ("reportedly", "allegedly").
EVIDENTIAL_ADVERBS = {
    "reportedly",
    "allegedly",
    "apparently",
    "possibly",
    "probably",
    "perhaps",
    "maybe",
    "seemingly",
    "purportedly",
    "supposedly",
    "presumably",
    "likely",
}
#: Adjectives that mark a charge or a guess, not a fact ("the alleged gunman").
QUALIFYING_ADJECTIVES = {
    "alleged",
    "suspected",
    "possible",
    "potential",
    "apparent",
    "presumed",
    "purported",
    "probable",
    "accused",
}
#: Verbs of intention or expectation taking a to-infinitive: "plans to build" is not "will build".
INTENTION_VERBS = {
    "plan",
    "intend",
    "aim",
    "hope",
    "seek",
    "want",
    "propose",
    "expect",
    "try",
    "attempt",
    "threaten",
    "vow",
    "pledge",
    "promise",
}
#: Predicates of expectation after "is/are" with a to-infinitive ("is expected to", "is set to", "is likely to").
EXPECTATION_PREDICATES = {
    "expected",
    "set",
    "likely",
    "due",
    "scheduled",
    "poised",
    "slated",
    "predicted",
    "forecast",
    "projected",
}
#: Passive verbs of report or belief with a to-infinitive ("is said to be", "are thought to be"): hearsay.
HEARSAY_PREDICATES = {
    "said",
    "thought",
    "believed",
    "reported",
    "understood",
    "alleged",
    "rumoured",
    "rumored",
    "feared",
    "known",
}
#: Titles of address, not roles ("Mr", "Dr").
HONORIFICS = {"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "mx"}
#: Verbs of belief whose complement clause the source does not assert ("scientists think X").
BELIEF_VERBS = {
    "think",
    "believe",
    "suspect",
    "suggest",
    "speculate",
    "fear",
    "estimate",
    "allege",
    "claim",
    "guess",
    "assume",
    "predict",
    "expect",
    "hope",
    "worry",
}
#: Quantifiers narrower than "all" (the scope edit widens them).
PARTIAL_QUANTIFIERS = {"some", "several", "many", "most", "few"}
#: Frequency adverbs short of "always".
PARTIAL_FREQUENCY = {
    "sometimes",
    "often",
    "occasionally",
    "usually",
    "frequently",
    "generally",
    "mostly",
    "partly",
    "partially",
    "largely",
    "mainly",
}
#: Words that already state a cause: a sentence holding one is not given another.
CAUSAL_WORDS = {
    "because",
    "due",
    "cause",
    "caused",
    "causing",
    "led",
    "lead",
    "leading",
    "result",
    "resulted",
    "therefore",
    "thus",
    "hence",
    "so",
    "since",
    "thanks",
    "prompted",
    "sparked",
    "triggered",
}
#: Antonym pairs of English. Verbs are listed by form (base, -s, past, participle when irregular, -ing), so that a
#: form is swapped only for its counterpart form; the other words are swapped for a word of the same part of speech.
_VERB_ANTONYMS = """
increase increases increased increasing | decrease decreases decreased decreasing
rise rises rose risen rising | fall falls fell fallen falling
raise raises raised raising | lower lowers lowered lowering
win wins won winning | lose loses lost losing
accept accepts accepted accepting | reject rejects rejected rejecting
approve approves approved approving | reject rejects rejected rejecting
support supports supported supporting | oppose opposes opposed opposing
allow allows allowed allowing | forbid forbids forbade forbidden forbidding
open opens opened opening | close closes closed closing
agree agrees agreed agreeing | disagree disagrees disagreed disagreeing
include includes included including | exclude excludes excluded excluding
buy buys bought buying | sell sells sold selling
succeed succeeds succeeded succeeding | fail fails failed failing
expand expands expanded expanding | shrink shrinks shrank shrunk shrinking
arrive arrives arrived arriving | leave leaves left leaving
remember remembers remembered remembering | forget forgets forgot forgotten forgetting
confirm confirms confirmed confirming | deny denies denied denying
strengthen strengthens strengthened strengthening | weaken weakens weakened weakening
""".strip().splitlines()
_WORD_ANTONYMS = """
increase decrease | rise fall | gain loss | win defeat | victory defeat | success failure | higher lower
high low | more less | larger smaller | large small | big small | bigger smaller | biggest smallest
largest smallest | highest lowest | strong weak | stronger weaker | early late | earlier later | first last
best worst | better worse | good bad | positive negative | legal illegal | possible impossible | safe dangerous
rich poor | wealthy poor | cheap expensive | easy difficult | public private | domestic foreign
majority minority | guilty innocent | full empty | young old | long short | happy unhappy | open closed
popular unpopular | successful unsuccessful | fast slow | increasing decreasing | rising falling
"""

NUMBER_WORDS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty"
).split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
SCALE_WORDS = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
MONTHS = "January February March April May June July August September October November December".split()
_OBJECT_CASE = {"i": "me", "he": "him", "she": "her", "we": "us", "they": "them", "it": "it", "you": "you"}
_SUBJECT_CASE = {v: k for k, v in _OBJECT_CASE.items()}
FIGURE_LABELS = {"MONEY", "PERCENT", "CARDINAL", "QUANTITY"}
ACTOR_LABELS = {"PERSON", "ORG", "GPE"}


def _antonyms() -> tuple[dict[str, str], dict[str, str]]:
    verbs: dict[str, str] = {}
    for line in _VERB_ANTONYMS:
        left, right = (_forms(side.split()) for side in line.split("|"))
        for a, b in zip(left, right, strict=True):
            verbs.setdefault(a, b)
            verbs.setdefault(b, a)
    words: dict[str, str] = {}
    for pair in re.split(r"[|\n]", _WORD_ANTONYMS.strip()):
        a, b = pair.split()
        words.setdefault(a, b)
        words.setdefault(b, a)
    return verbs, words


def _forms(forms: list[str]) -> list[str]:
    """base, 3rd person, past, participle, -ing: a regular verb's participle is its past form."""
    return forms if len(forms) == 5 else [*forms[:3], forms[2], forms[3]]


VERB_ANTONYMS, WORD_ANTONYMS = _antonyms()

# --------------------------------------------------------------------------------------------------- context


@dataclass
class Context:
    """What the edits borrow from the rest of the source: its speakers, actors, roles, figures and noun phrases,
    and the pronoun the source itself uses for each person."""

    speakers: dict[str, set[str]] = field(default_factory=dict)  # label -> names that say or think something
    actors: dict[str, set[str]] = field(default_factory=dict)  # label -> entity names
    roles: set[str] = field(default_factory=set)  # role nouns bound to a person ("mayor", "press secretary")
    figures: dict[str, set[str]] = field(default_factory=dict)  # label -> figures as written
    phrases: list[str] = field(default_factory=list)  # noun phrases of the source (candidate invented causes)
    pronouns: dict[str, str] = field(default_factory=dict)  # surname -> "he" | "she"
    mentioned: dict[str, int] = field(default_factory=dict)  # surname -> first sentence that names it


def build_context(docs: list[Doc]) -> Context:
    ctx = Context()
    he: dict[str, int] = {}
    she: dict[str, int] = {}
    for number, doc in enumerate(docs):
        for ent in doc.ents:
            name = _entity_name(ent)
            if not name:
                continue
            if ent.label_ in ACTOR_LABELS:
                ctx.actors.setdefault(ent.label_, set()).add(name)
            if ent.label_ in FIGURE_LABELS and sum(t.like_num for t in ent) == 1 and len(ent) <= 4:
                ctx.figures.setdefault(ent.label_, set()).add(ent.text)
            if ent.label_ == "PERSON":
                surname = ent[-1].text
                ctx.mentioned.setdefault(surname, number)
                lowered = [t.lower_ for t in doc]
                he[surname] = he.get(surname, 0) + sum(w in ("he", "him", "his") for w in lowered)
                she[surname] = she.get(surname, 0) + sum(w in ("she", "her", "hers") for w in lowered)
        for speaker in speakers_of(doc):
            ctx.speakers.setdefault(speaker.label_, set()).add(_entity_name(speaker))
        ctx.roles.update(role.text.lower() for role in roles_of(doc))
        ctx.phrases.extend(
            chunk.text
            for chunk in doc.noun_chunks
            if 2 <= len(chunk) <= 6
            and chunk.root.pos_ == "NOUN"
            and not chunk.root.is_stop
            and not any(t.ent_type_ in FIGURE_LABELS | {"DATE", "TIME"} or t.pos_ == "PRON" for t in chunk)
        )
    for surname in set(he) | set(she):
        m, f = he.get(surname, 0), she.get(surname, 0)
        if m >= 2 * f + 1:
            ctx.pronouns[surname] = "he"
        elif f >= 2 * m + 1:
            ctx.pronouns[surname] = "she"
    return ctx


def _entity_name(ent: Any) -> str:
    text = re.sub(r"^(?:the|The)\s+", "", ent.text).strip()
    return re.sub(r"(?:'s|’s)$", "", text).strip()


def speakers_of(doc: Doc) -> list[Any]:
    """Entities the sentence gives words or a view to: the named subject of a verb that takes a clause or a
    quotation as its complement ("X said that...", "'...,' X said"), or the object of "according to"."""
    found = []
    quoted = any(t.is_quote for t in doc)
    for token in doc:
        if token.pos_ in ("VERB", "AUX") and (
            any(c.dep_ == "ccomp" for c in token.children) or (quoted and token.dep_ == "ROOT")
        ):
            for child in token.children:
                if child.dep_ == "nsubj" and child.ent_type_ in ("PERSON", "ORG"):
                    found.append(_entity_at(doc, child))
        if token.lower_ == "according" and token.i + 2 < len(doc) and doc[token.i + 1].lower_ == "to":
            for t in doc[token.i + 2 : token.i + 6]:
                if t.ent_type_ in ("PERSON", "ORG"):
                    found.append(_entity_at(doc, t))
                    break
    return [e for e in found if e is not None]


def _entity_at(doc: Doc, token: Any) -> Any:
    return next((e for e in doc.ents if e.start <= token.i < e.end), None)


def roles_of(doc: Doc) -> list[Any]:
    """Role nouns bound to a named person: an apposition ("Smith, the mayor"), a title before the name ("Mayor
    Smith", "press secretary Josh Earnest") or the predicate of a copula ("Smith is the mayor"). A role is the noun
    with its compound modifiers."""
    spans = []
    for token in doc:
        if (
            token.pos_ != "NOUN"
            or token.ent_type_
            or not token.is_alpha
            or len(token) < 3
            or token.lower_ in HONORIFICS
        ):
            continue
        head = token.head
        bound = (
            (token.dep_ == "appos" and head.ent_type_ == "PERSON")
            or (token.dep_ == "compound" and head.ent_type_ == "PERSON" and token.i < head.i)
            or (token.dep_ == "attr" and any(c.dep_ == "nsubj" and c.ent_type_ == "PERSON" for c in head.children))
        )
        if not bound:
            continue
        start = token.i
        while (
            start > 0
            and doc[start - 1].dep_ == "compound"
            and doc[start - 1].head.i in range(start, token.i + 1)
            and not doc[start - 1].ent_type_
            and doc[start - 1].pos_ == "NOUN"
            and doc[start - 1].is_alpha
            and len(doc[start - 1]) >= 3
        ):
            start -= 1
        spans.append(doc[start : token.i + 1])
    return spans


# ---------------------------------------------------------------------------------------------- text helpers


def _tidy(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"\s+([,.;:!?%])", r"\1", text)
    text = re.sub(r",\s*,", ",", text)
    text = re.sub(r"^[,;:]\s*", "", text)
    text = re.sub(r",\s*([.!?])$", r"\1", text)
    return text


def _join(tokens: Iterable[Any]) -> str:
    return _tidy("".join(t.text_with_ws for t in tokens))


def _splice(doc: Doc, start: int, end: int, new: str) -> str:
    """The sentence with tokens ``start:end`` replaced by ``new`` (keeping the whitespace after them)."""
    text = doc.text
    left = doc[start].idx
    right = doc[end - 1].idx + len(doc[end - 1].text) if end > start else left
    before = text[:left]
    article = re.search(r"\b([Aa]n?) $", before)
    if article and new[:1].isalpha():  # "a" / "an" agrees with the word that now follows it
        wanted = "an" if new[:1].lower() in "aeiou" else "a"
        before = before[: article.start(1)] + _match_case(wanted, article.group(1)) + " "
    return _tidy(before + new + text[right:])


def standalone(token: Any) -> bool:
    """A token written as a word of its own: not glued to a symbol ("2^15", "x86")."""
    doc = token.doc
    before = doc.text[token.idx - 1] if token.idx else " "
    after_index = token.idx + len(token.text)
    after = doc.text[after_index] if after_index < len(doc.text) else " "
    return (before.isspace() or before in "$£€(\"“'‘-") and (after.isspace() or after in ",.;:)%\"”'’-")


def quoted(token: Any) -> bool:
    """Whether a token stands inside quotation marks: quoted words are verbatim, so no fair edit touches them."""
    before = token.doc.text[: token.idx]
    return (
        before.count('"') % 2 == 1
        or before.count("“") > before.count("”")
        or len(re.findall(r"(?:^|\s)‘", before)) > len(re.findall(r"’(?=\s|[,.;:!?]|$)", before))
    )


def _upper_first(text: str) -> str:
    for i, ch in enumerate(text):
        if ch.isalpha():
            return text[:i] + ch.upper() + text[i + 1 :]
    return text


def _lower_first(text: str, token: Any) -> str:
    """Lower the first letter, unless it starts a name, "I" or an acronym."""
    named = token.ent_type_ and token.ent_type_ not in ("DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY")
    if token.pos_ == "PROPN" or token.text == "I" or named or token.text.isupper() and len(token) > 1:
        return text
    return text[:1].lower() + text[1:]


def _ending(doc: Doc) -> str:
    return doc[-1].text if doc[-1].text in ".!?" else "."


def _body(doc: Doc) -> list[Any]:
    return list(doc[:-1]) if doc[-1].text in ".!?" else list(doc)


def _match_case(new: str, old: str) -> str:
    if old.isupper() and len(old) > 1:
        return new.upper()
    return _upper_first(new) if old[:1].isupper() else new


def _subtree(token: Any) -> tuple[int, int]:
    return token.left_edge.i, token.right_edge.i + 1


def _root(doc: Doc) -> Any:
    return next(t for t in doc if t.dep_ == "ROOT")


Edit = Callable[[Doc, Context, Random], "str | None"]
