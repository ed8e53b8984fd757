"""Who is who in a story: the actor a name stands for, and the person a pronoun or a bare surname takes up.

News names a person in full once and by surname after; a pronoun takes up the most prominent person before it,
and the subject is the most prominent (centering). The story map (``build.py``) reads its sentences in order and
asks these helpers whom each mention and each speaker stands for.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from ..language import HONORIFICS, in_lexicon
from ..text import within
from .types import Actor, Statement

if TYPE_CHECKING:  # spaCy's span and token types, for the helpers that read names off them
    from spacy.tokens import Span, Token

__all__ = [
    "FIRST_PERSON",
    "a_person_named",
    "actor_of",
    "agrees",
    "full_name",
    "heads_a_phrase",
    "main_subject",
    "note_gender",
    "plural_subject",
    "reported_subject",
    "speaker_name",
    "subject_of",
    "surname_mention",
]

# Case matters: "US" is a country, "us" a speaker. "let's" is "let us": the author's first person plural, as
# "we" is.
FIRST_PERSON = re.compile(r"\b(?:I|[Mm]e|[Mm]y|[Mm]ine|[Mm]yself|[Ww]e|[Uu]s|[Oo]urs?|[Oo]urselves|[Ll]et['’]s)\b")


def actor_of(actors: dict[str, Actor], entity: Any, headline_names: set[str]) -> Actor:
    """The actor an entity names; "Putin" joins "Vladimir Putin" (same last word).

    News names a person in full once and by surname after, so within one story a bare word that is the last word
    of a person's full name is that person, whatever label the tagger gave it alone ("said Reyes" is often tagged
    an organisation); a full name met after its bare surname takes the surname's actor over."""
    name = re.sub(r"^(?:the|The)\s+|['’]s$", "", entity.text).strip()
    if not re.match(r"[A-Z0-9À-Ý]", name) or len(re.findall(r"[^\W\d_]", name)) < 2:
        return Actor(name=name, label="")  # "n’t", "a": the tagger's noise, never in the map
    key, label, last = name, entity.label_, name.split()[-1]
    if label == "PERSON":
        key = next((k for k, a in actors.items() if a.label == "PERSON" and k.split()[-1] == last), name)
        if key not in actors and " " not in name:  # "Pat" after "Pat Ingles": the one person of that name
            key = _only_person_with_word(actors, name) or key
        if key not in actors and last in actors and " " in name:  # the bare surname came first, mislabelled
            key = last
        if key not in actors and " " in name:  # the bare given name came first: "Pat", then "Pat Ingles"
            key = next((w for w in name.split()[:-1] if actors.get(w) is not None and actors[w].label == "PERSON"), key)
    elif " " not in name and not name.isupper():  # an acronym ("AI") is no surname of "Moonshot AI"
        key = next((k for k, a in actors.items() if a.label == "PERSON" and " " in k and k.split()[-1] == name), name)
        if key != name:
            label = "PERSON"
    actor = actors.get(key)
    if actor is None:
        actor = actors[key] = Actor(name=key, label=label)
    elif len(name) > len(actor.name) and label == "PERSON":  # the fuller name wins
        actors[name] = actors.pop(key)
        actor.name, actor.label = name, "PERSON"
    actor.mentions += 1
    actor.in_headline = actor.in_headline or any(actor.name.split()[-1] in h for h in headline_names)
    if actor.role is None:
        actor.role = _role(entity)
    return actor


def _only_person_with_word(actors: dict[str, Actor], word: str) -> str | None:
    """The one person named in full whose name holds ``word`` ("Pat" of "Pat Ingles"). A story names a person in
    full once and by a part of that name after, by surname or, in a familiar register, by given name: the short
    form is the same person when it is part of the full name and no other person of the story shares it (two
    people with that word: nobody)."""
    holders = [k for k, a in actors.items() if a.label == "PERSON" and " " in k and word in k.split()]
    return holders[0] if len(holders) == 1 else None


def _role(entity: Span) -> str | None:
    """A title before a name ("Russian President Vladimir Putin") or an apposition after it ("Nelson, the ...")."""
    root = entity.root
    before = [
        t
        for t in entity.doc[max(0, entity.start - 4) : entity.start]
        if t.head.i in range(entity.start, entity.end) or t.head.head.i in range(entity.start, entity.end)
    ]
    titled = [t for t in before if t.dep_ in ("compound", "amod") and t.text[:1].isupper()]
    # an honorific ("Mr.", "Dr", "Dame") is how a person is addressed, not what they do: no role by itself
    if titled and any(t.lower_.rstrip(".") not in HONORIFICS for t in entity.doc[titled[0].i : entity.start]):
        return entity.doc[titled[0].i : entity.start].text.strip(" ,")
    for child in root.children:
        if child.dep_ == "appos" and child.i >= entity.end:
            span = entity.doc[child.left_edge.i : child.right_edge.i + 1].text
            if 2 <= len(span.split()) <= 8:
                return span.strip(" ,")
    return None


def main_subject(doc: Any, quoted: list[tuple[int, int]]) -> Token | None:
    """The subject of the sentence's main clause, outside its quotations."""
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    return None if root is None else subject_of(root, quoted)


def plural_subject(doc: Any, quoted: list[tuple[int, int]]) -> str | None:
    """The sentence's plural subject, which a "they" in the next sentence takes up: a subject is the most
    prominent antecedent a pronoun can have (centering), and "they" agrees with a plural (a plural noun, or nouns
    joined by "and"), never with a singular name ("experts told TIME. They contend ...": the experts, not TIME).
    None when the main clause has no plural subject; "" when it has one that names no one outside this sentence
    ("Its authors", "their lawyers"): a "they" after it is left unresolved rather than given to another name."""
    subject = main_subject(doc, quoted)
    if subject is None or subject.pos_ == "PRON":
        return None
    joined = [c for c in subject.children if c.dep_ == "conj"]
    if subject.tag_ not in ("NNS", "NNPS") and not joined:
        return None
    if any(c.dep_ == "poss" and c.pos_ == "PRON" for c in subject.children):
        return ""
    words = doc[subject.left_edge.i : subject.right_edge.i + 1]
    if len(words) > 10:  # a long subject is named by its heads, as ``_statement`` names a speaker
        text = " and ".join(t.text for t in [subject, *joined])
    else:
        text = words.text
    text = re.sub(r"^(?:the|The)\s+", "", text)
    return text if words[0].pos_ == "PROPN" else text[:1].lower() + text[1:]


def speaker_name(
    span: Span,
    head: Token,
    actors: dict[str, Actor],
    last_person: str | None,
    last_actor: str | None,
    group: str | None = None,
    pronouns: dict[str, str | None] | None = None,
) -> str | None:
    """Whom the subject ``span`` of a speech verb (its head ``head``) names as the speaker: a name (in full, where
    the story gave it), a role's holder ("the president"), a group ("officials"), or, for "he" or "she", the
    person last in view (``last_person``; ``pronouns``: whom each of "he" and "she" takes up, where the map has
    told them apart by gender) and, for "they", the previous sentence's plural subject (``group``).
    None for the author's own first person and for a pronoun that names no one."""
    text = span.text
    first = span[0]
    if (
        first.i == first.sent.start
        and first.pos_ != "PROPN"
        and not first.ent_type_
        and text[:1].isupper()
        and not first.text.isupper()  # an acronym or a one-letter name ("X", "AP") keeps its capitals
        and (first.is_stop or in_lexicon(first.text))  # a capitalised word English lacks is a name ("Adcock says")
    ):
        text = text[0].lower() + text[1:]  # "Environmental groups" at a sentence's start is "environmental groups"
    lower = head.lower_
    if FIRST_PERSON.search(text):  # "our research has told us": the author again, not a source
        return None
    if lower in ("he", "she"):
        return pronouns.get(lower) if pronouns is not None else last_person
    if lower == "they":  # the previous sentence's plural subject first: "Its authors concede ... But they argue"
        return (group or None) if group is not None else last_actor
    if lower in ("i", "we", "you", "it", "this", "that", "which", "who"):
        return None
    named = [e for e in span.ents if e.label_ in ("PERSON", "ORG", "GPE", "NORP")]
    # the speaker is the name at the subject's head; a possessive before it is whom they work for ("the BBC's
    # North America editor Jon Sopel"): an affiliation, not the speaker
    named = [e for e in named if e.start <= head.i < e.end] or [e for e in named if e.root.dep_ != "poss"] or named
    # a person's name in apposition names the one a role describes ("the author of the report, Maria Lopez")
    appositive = [e for e in named if e.label_ == "PERSON" and e.root.dep_ == "appos" and head.pos_ == "NOUN"]
    if named:
        entity = (appositive or named)[0]
        # "American officials", "Obama administration officials": a name that only modifies the head describes the
        # speaker; so does one in a phrase after a common noun ("the author of a book about the Mirreyes" is the
        # author, not the people the book is about), however long the description
        if entity.root.i != head.i and not appositive and (len(span) <= 6 or head.pos_ == "NOUN"):
            return re.sub(r"^(?:the|The)\s+", "", text).strip(" ,;")
        name = re.sub(r"^(?:the|The)\s+|['’]s$", "", _whole_name(entity).text).strip()
        return full_name(name, actors)
    title = re.sub(r"^(?:the|The)\s+", "", text).lower()
    for actor in actors.values():  # "the president" is the actor whose role is President
        if actor.role and actor.role.lower().split()[-1] == title:
            return actor.name
    if head.pos_ in ("NOUN", "PROPN"):  # "officials", "a spokesperson for the ministry", "critics"
        return full_name(text, actors) if " " not in text else text  # a surname the tagger did not name
    return None


def reported_subject(doc: Any, quoted: list[tuple[int, int]], actors: dict[str, Actor]) -> str | None:
    """The person a report's trailing "he says" or "she says" stands for when the report names them as its own
    subject ("Still, Paxton is wary of the power ..., she says"): the nearest antecedent, in the same sentence,
    before the pronoun. None where the sentence has no such shape."""
    subject = main_subject(doc, quoted)
    if subject is None or subject.lower_ not in ("he", "she"):
        return None
    report = next((c for c in subject.head.children if c.dep_ == "ccomp" and c.i < subject.i), None)
    told = subject_of(report, quoted) if report is not None else None
    if told is None:
        return None
    if told.ent_type_ == "PERSON":
        entity = next(e for e in doc.ents if e.start <= told.i < e.end)
        return full_name(re.sub(r"['’]s$", "", entity.text).strip(), actors)
    return _surname_of(told.text, _people_by_surname(actors))


def subject_of(verb: Token, quoted: list[tuple[int, int]]) -> Token | None:
    """The subject of ``verb``'s clause, outside the sentence's quotations."""
    return next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and not within(quoted, c.idx)), None)


def surname_mention(
    doc: Any, quoted: list[tuple[int, int]], actors: dict[str, Actor], tagged_too: bool = False
) -> tuple[str, int] | None:
    """The person named in full before whose bare surname this sentence names last where the tagger saw no name
    at all ("Wales’ response to all this?"), and where it stands: within one story a surname is its person
    (``actor_of``). ``tagged_too``: wherever the surname stands, for a sentence whose names are not otherwise read."""
    people = _people_by_surname(actors)
    found = None
    for token in doc:
        person = _surname_of(token.text, people) if tagged_too or not token.ent_type_ else None
        if person is not None and not within(quoted, token.idx):
            found = person, token.idx
    return found


def _people_by_surname(actors: dict[str, Actor]) -> dict[str, str]:
    """The people named in full so far, by their surname."""
    return {a.name.split()[-1]: a.name for a in actors.values() if a.label == "PERSON" and " " in a.name}


def _surname_of(word: str, people: dict[str, str]) -> str | None:
    """The person ``word`` is the surname of: a capitalised word, not an acronym ("AI" is no "Moonshot AI")."""
    return people.get(word) if word[:1].isupper() and not word.isupper() else None


def a_person_named(statement: Statement, actors: dict[str, Actor]) -> bool:
    """The statement's speaker is a person named in it: a name, not a pronoun, a group or an organisation."""
    actor = actors.get(statement.speaker)
    if actor is not None:
        return actor.label == "PERSON"
    words = statement.speaker.split()
    return bool(words) and all(w[:1].isupper() and not in_lexicon(w) for w in words)


def full_name(name: str, actors: dict[str, Actor]) -> str:
    """ "Reyes" is the "Tom Reyes" named before, whatever label the tagger gave the surname alone (``actor_of``
    keeps one person per surname in a story); "Pat" is the "Pat Ingles" named before where no other person of the
    story has that name (``_only_person_with_word``): one person, one speaker."""
    surname = name.split()[-1]
    found = next((a.name for a in actors.values() if a.label == "PERSON" and a.name.split()[-1] == surname), None)
    if found is None and " " not in name:
        found = _only_person_with_word(actors, name)
    return found or name


def _whole_name(entity: Span) -> Span:
    """The name an entity is the end of: the tagger splits a name at its "and" ("the World Travel" | "Tourism
    Council"), while the parse hangs both parts on one head; parts of one label joined by "and" are one name."""
    doc, start = entity.doc, entity.start
    while start >= 2 and doc[start - 1].lower_ in ("and", "&"):
        before = next((e for e in doc.ents if e.end == start - 1 and e.label_ == entity.label_), None)
        if before is None or before.root.head.i != entity.root.i and before.root.i != doc[start - 1].head.i:
            break
        start = before.start
    return doc[start : entity.end]


# English marks a person's sex in its third person singular pronouns and in a closed class of nouns: titles of
# address and rank, and kinship and other relational nouns whose sex is part of their meaning ("widow", "son").
# "Mr Cole", "Uncle Poodle", "her granddaughter, Paris" and "Grandmother-of-three Pat" say who is a man or a woman
# as surely as a "he" that takes the name up. (Nouns of either sex, "parent", "partner", "spokesperson", say nothing.)
_MASCULINE = frozenset(
    """
he him his himself mr sir lord king prince duke earl baron emperor pope father dad son brother husband uncle
nephew grandfather grandson grandad granddad stepfather stepson widower fiance boyfriend man boy gentleman
spokesman chairman businessman congressman sportsman policeman fireman actor waiter monk
""".split()
)
_FEMININE = frozenset(
    """
she her hers herself mrs ms miss madam lady dame queen princess duchess countess baroness empress mother mum mom
daughter sister wife aunt niece grandmother granddaughter grandma gran nanna stepmother stepdaughter widow
fiancee girlfriend woman girl spokeswoman chairwoman businesswoman congresswoman sportswoman policewoman actress
waitress nun
""".split()
)


def _sex_of(word: str) -> str | None:
    """ "he" or "she": the sex an English word marks, by its own meaning (pronoun, title or relational noun)."""
    parts = re.split(r"[-\s]", word.lower().rstrip("."))  # "Grandmother-of-three": its head is its first word
    for part in parts[:1] + parts[-1:]:
        if part in _MASCULINE:
            return "he"
        if part in _FEMININE:
            return "she"
    return None


def heads_a_phrase(entity: Span) -> bool:
    """Whether a name stands for a person in its sentence: it heads its own noun phrase (a subject, an object, an
    apposition, a speaker), as against a name used as a modifier inside another noun's phrase ("French Maid
    outfits", "Obama administration officials", "the Smith family home"). A pronoun takes up a person the story
    has put in view, and a name that only describes a thing puts nobody in view, whatever the tagger labels it.
    English gives a person's name no article, so a name right after "the" ("the Enquirer's revelation", "the
    Emirates") names a paper, a place or a body, not a person."""
    root = entity.root
    inside = range(entity.start, entity.end)
    if root.dep_ in ("compound", "amod", "nmod") and root.head.i not in inside and root.head.ent_type_ != "PERSON":
        return False
    return not (entity.start > 0 and entity.doc[entity.start - 1].lower_ == "the")


def note_gender(genders: dict[str, str], person: str, entity: Span, subject: Token | None, alone: bool) -> None:
    """Record what the story itself says of ``person``'s sex at this mention (``entity``): a title or a relational
    noun in the name, right before it or in apposition to it ("Mr", "Uncle", "her son, Tom"), and, where the
    mention is the subject of its sentence and the only person the sentence names (``alone``), the first
    third-person pronoun after it when that pronoun must take the subject up (``_bound_by``). A person the story
    gives both sexes stays unknown ("?"); nothing is guessed from a given name."""
    root = entity.root
    doc = entity.doc
    words = [*entity, *(doc[max(0, entity.start - 2) : entity.start])]
    words += [c for c in root.children if c.dep_ in ("appos", "compound")]
    if root.dep_ == "appos":
        words.append(root.head)
    found: set[str | None] = {_sex_of(t.text) for t in words if t.pos_ in ("NOUN", "PROPN")}
    if alone and subject is not None and entity.start <= subject.i < entity.end:
        pronoun = next((t for t in doc[entity.end :] if t.lower_ in _THIRD_PERSON), None)
        if pronoun is not None and _bound_by(pronoun, subject):
            found.add(_sex_of(pronoun.text))
    for sex in sorted(s for s in found if s is not None):
        known = genders.get(person)
        genders[person] = sex if known in (None, sex) else "?"


_THIRD_PERSON = frozenset("he him his himself she her hers herself".split())


def _bound_by(pronoun: Token, subject: Token) -> bool:
    """Whether ``pronoun`` must take up ``subject``, the sentence's only person: it is the subject of a clause
    inside the subject's sentence with no other subject between them ("Berg posted a letter he had received"), a
    reflexive, or a possessive inside the subject's own phrase ("Pat, pictured in her outfit, enjoys ..."). An
    object ("told him") or a pronoun under another subject ("the tenant thought she was cold") may be someone
    else, so it says nothing."""
    if pronoun.lower_.endswith("self"):
        return True
    if pronoun.tag_ == "PRP$":
        return pronoun in set(subject.subtree)
    if pronoun.dep_ not in ("nsubj", "nsubjpass"):
        return False
    verb = pronoun.head
    while verb.i != subject.head.i and verb.head.i != verb.i:
        verb = verb.head
        if any(c.dep_ in ("nsubj", "nsubjpass") and c.pos_ != "PRON" and c.i != subject.i for c in verb.children):
            return False
    return verb.i == subject.head.i


def agrees(pronoun: str, person: str | None, genders: dict[str, str]) -> bool:
    """Whether a "he" or "she" can take ``person`` up: a personal pronoun agrees in gender with its antecedent, so
    "she" never stands for someone the story calls "he" or "Mr" (nor "he" for a "Mrs"); a person whose sex the
    story does not say agrees with either."""
    if person is None:
        return False
    known = genders.get(person)
    return known in (None, "?", pronoun.lower())
