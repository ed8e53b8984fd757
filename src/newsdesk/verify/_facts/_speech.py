"""Who said it: the attribution of a reported view (the roles and titles given to people are ``_roles.py``).

Both read the dependency parse: a speech verb's subject is its speaker (or the noun a "who" clause hangs on, or
the object of "according to"), the rest of the verb's clause is what was said. A written sentence's reported view
is matched to the source clause that says the most of it; when that clause has a named or described speaker who
is not the writer's, the view has moved to the wrong mouth ("Prime Minister Habib Essid said the attack was meant
to threaten the authorities" where Amnesty's Lotfi Azzouz said it). A pronoun speaker in the source ("he said")
is looked up in the clause around it; when it stays a pronoun the check does not judge.

About 450 lines on purpose: finding a source clause's speaker (the verb's subject, a neighbour's attribution, a
pronoun's antecedent) and judging the claim's speaker against it are one reading; the roles it also needs are
already apart in ``_roles.py``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from ...language import (
    HONORIFICS,
    MEDIA_NOUNS,
    METONYMS,
    REPORTING_VERBS,
    VIEW_VERBS,
    forms,
    speaker_tokens,
    stem,
    words_pattern,
)
from ...text import OPENS_QUOTATION, quotation_spans, within
from ._copy import NearCopy, swapped_name
from ._parse import Evidence, SourceFacts, parse, stems_of
from ._result import FactResult, fail, not_applicable, ok

__all__ = ["Clause", "ROLE_NOUNS", "check_attribution", "same_speaker", "speech_clauses"]

ATTRIBUTION = "attribution"

_SPEECH = frozenset(stem(w) for verb in VIEW_VERBS for w in forms(verb))
# A cheap test for a speech verb before any parse ("according to" is one too); a cue that is a noun ("a report")
# is dropped by the parse.
SPEECH_CUE = re.compile(words_pattern(VIEW_VERBS, inflect=True)[:-3] + r"|according\s+to)\b", re.IGNORECASE)
_PRONOUNS = frozenset("he she they it we i you who which that this these those one".split())
# A speaker described only by one of these may be anybody of that sort: "officials" is the ministry, the police.
_GENERIC_SPEAKERS = frozenset(stem(w) for w in "official authority government ministry source police".split())
# Nouns naming one office: a source's "the president said" may be the named president of the sentence.
_SINGLE_OFFICES = frozenset(
    stem(w)
    for w in """
president minister premier secretary spokesman spokeswoman spokesperson chancellor governor mayor king queen
prince pope chief director editor ambassador envoy leader chairman chairwoman
""".split()
)
# Descriptions of a group of people, never of one named person: "the military" did not speak for Mr Mugabe.
_GROUPS = frozenset(
    stem(w)
    for w in """
official authority government ministry police military army troops soldier elder analyst critic expert scientist
researcher resident witness opposition lawmaker investor economist protester activist rebel militant voter doctor
""".split()
)
_MEDIA = frozenset(stem(w) for w in MEDIA_NOUNS)
ROLE_NOUNS = _SINGLE_OFFICES | frozenset(
    stem(w)
    for w in """
adviser advisor expert head chair correspondent reporter senator congressman congresswoman general commander
official researcher professor analyst economist scientist founder executive manager judge lawyer attorney
prosecutor bishop priest candidate deputy member representative coach captain author activist officer inspector
commissioner typist doctor nurse teacher student farmer soldier vice
""".split()
)
MIN_COVERAGE = 0.5
MIN_CANDIDATE_SHARE = 0.4  # of the whole sentence (speaker and verb included) a reporting source sentence holds
MAX_PARSED_CHARS = 500  # a longer "sentence" is a run-on of captions (scraped corpora): too costly, too unreliable


@dataclass(frozen=True)
class Clause:
    """A reported view: who says it (content stems; ``pronoun`` when only a pronoun) and what is said."""

    speaker: frozenset[str]
    pronoun: bool
    said: frozenset[str]
    span: tuple[int, int]  # token range of the clause, for nesting
    speaker_text: str
    named: bool = False  # the speaker has a proper name ("Lotfi Azzouz"), not only a description ("analysts")
    head: str = ""  # stem of the speaker's head noun ("officials" -> offici)
    verb: str = ""  # stem of the reporting verb ("according to" -> accord)
    part: bool = False  # a part of a group ("some", "many of them", "others"): several people, each for themselves
    single: bool = False  # one body or one person: a name or a singular noun ("the club", "the coach")
    organisation: bool = False  # an institution by name ("the English Collective of Prostitutes"): no person
    at: int = -1  # where the reporting verb stands in the sentence (characters), to tell one inside a quotation
    names: tuple[str, ...] = ()  # the speaker's proper name, word by word, its title left out ("Johan Van Overtveldt")
    addressee: frozenset[str] = frozenset()  # whom the words were said to or of ("told his father" -> father)


def _subtree_ids(token: Any) -> set[int]:
    return {t.i for t in token.subtree}


def speech_clauses(doc: Any) -> list[Clause]:
    out = []
    for token in doc:
        if token.pos_ not in ("VERB", "AUX") or stem(token.lower_) not in _SPEECH:
            continue
        speaker = speaker_tokens(token)
        if not speaker:
            continue
        speaker_ids = {t.i for t in speaker}
        said_ids = _subtree_ids(token) - speaker_ids - {token.i}
        out.append(_clause(doc, speaker, said_ids, token))
    for token in doc:
        if token.lower_ == "according" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "to":
            objects = [c for c in doc[token.i + 1].children if c.dep_ == "pobj"]
            if not objects:
                continue
            speaker = list(objects[0].subtree)
            head = token.head
            said_ids = _subtree_ids(head) - _subtree_ids(token)
            out.append(replace(_clause(doc, speaker, said_ids, head), verb=_ACCORDING))
    return out


# Partitive quantifiers: a speaker that is one of them ("Some complained", "many of the fans said", "others
# argued") is a part of a group, several people speaking each for themselves, never one body or one person.
_PARTS = frozenset("some many several others most few various".split())


def _institution_name(root: Any) -> bool:
    """A proper name with the article names an institution, a group or a place, never one person: English gives a
    person's name no article ("the English Collective of Prostitutes", "the Democrats", not "the Jane Smith"); a
    title with the article ("the President", "the Duke of York") is a person's."""
    return (
        root.pos_ == "PROPN"
        and any(c.dep_ == "det" and c.lower_ == "the" for c in root.children)
        and stem(root.lower_) not in ROLE_NOUNS
    )


def _proper_name(speaker: list[Any]) -> tuple[str, ...]:
    """The words of a speaker's proper name, without the title English puts before it: a role noun ("Minister"),
    an honorific ("Mr"), and every capitalised word that runs into a title ("Belgian Finance Minister Johan Van
    Overtveldt" -> Johan Van Overtveldt; "a finance ministry general secretary, Nikos Theocharakis" -> Nikos
    Theocharakis). A title says what a person is, and many people share it; only the name says who."""
    words = [t for t in speaker if not t.is_punct]
    title = [False] * len(words)
    for i in range(len(words) - 1, -1, -1):
        key = stem(words[i].lower_)
        runs_into_title = i + 1 < len(words) and title[i + 1] and words[i].text[:1].isupper()
        title[i] = key in ROLE_NOUNS or words[i].lower_.rstrip(".") in HONORIFICS or runs_into_title
    return tuple(
        stem(t.lower_)
        for t, is_title in zip(words, title, strict=True)
        if not is_title and t.pos_ == "PROPN" and t.text[:1].isupper()
    )


def _addressee(verb: Any) -> frozenset[str]:
    """The other party of a verb of saying: whom it says its words to (the object of "told", the "to" of "said
    to") or whom it says them of (the object of "describing", "criticised"). By the verb's meaning that is another
    person than its speaker."""
    heard = [c for c in verb.children if c.dep_ in ("dobj", "dative") and c.pos_ in ("NOUN", "PROPN")]
    heard += [o for c in verb.children if c.dep_ == "prep" and c.lower_ == "to" for o in c.children if o.dep_ == "pobj"]
    return frozenset(stem(t.lower_) for h in heard for t in h.subtree if t.pos_ in ("NOUN", "PROPN"))


def _clause(doc: Any, speaker: list[Any], said_ids: set[int], verb: Any) -> Clause:
    words = [t for t in speaker if t.pos_ in ("PROPN", "NOUN", "ADJ", "NUM") or t.lower_ not in _PRONOUNS]
    speaker_text = " ".join(t.text for t in speaker)
    keys = stems_of(" ".join(t.text for t in words))
    root = min(speaker, key=lambda t: len(list(t.ancestors)))
    part = root.lower_ in _PARTS or any(t.lower_ in _PARTS and t.dep_ in ("det", "amod") for t in root.children)
    if part and not keys:
        keys = frozenset({root.lower_})  # "Some": a description of its own, not a pronoun to resolve
    pronoun = not keys or all(t.lower_ in _PRONOUNS or t.pos_ == "PRON" for t in speaker if not t.is_punct)
    pronoun = pronoun and not part
    said = stems_of(" ".join(doc[i].text for i in sorted(said_ids)))
    ids = _subtree_ids(verb)
    named = any(t.pos_ == "PROPN" and t.text[:1].isupper() for t in speaker)
    single = not part and root.tag_ in ("NN", "NNP") and not any(c.dep_ == "conj" for c in root.children)
    organisation = _institution_name(root)  # not the small model's ORG tag: it gives that to surnames too
    return Clause(
        keys,
        pronoun,
        said,
        (min(ids), max(ids)),
        speaker_text,
        named,
        stem(root.lower_),
        stem(verb.lower_),
        part,
        single,
        organisation,
        verb.idx,
        _proper_name(speaker),
        _addressee(verb),
    )


def _best_clause(claim_said: frozenset[str], evidence: Evidence) -> tuple[float, Clause | None, list[Clause]]:
    """The source's clause of saying that holds most of the view. A verb of saying inside a quotation ("“The
    Republicans have said they will block a deal ...,” Indyk said") is the quoted speaker's words: where the
    sentence reports a speaker outside its quotations, the view is that speaker's, however much of it the inner
    clause holds."""
    clauses = speech_clauses(evidence.doc)
    quoted = quotation_spans(evidence.doc.text)
    outside = [c for c in clauses if not within(quoted, c.at)]
    best, chosen = 0.0, None
    for clause in outside or clauses:
        if not clause.said:
            continue
        coverage = len(claim_said & clause.said) / len(claim_said)
        if coverage > best + 1e-9 or (
            abs(coverage - best) <= 1e-9 and chosen is not None and len(clause.said) < len(chosen.said)
        ):
            best, chosen = coverage, clause
    return best, chosen, clauses


def _resolve(clause: Clause, clauses: list[Clause]) -> Clause | None:
    """A pronoun speaker stands for the speaker of the nearest enclosing clause, if that one is named."""
    if not clause.pronoun:
        return clause
    around = [
        c
        for c in clauses
        if c is not clause and c.span[0] <= clause.span[0] and c.span[1] >= clause.span[1] and not c.pronoun
    ]
    return min(around, key=lambda c: c.span[1] - c.span[0]) if around else None


def _acronym_of(short: Clause, long: Clause) -> bool:
    """ "The NWS" for "the National Weather Service"."""
    initials = "".join(w[0] for w in re.findall(r"[A-Z][\w'-]*", long.speaker_text) if w != "The").lower()
    return any(
        len(a) >= 2 and a.isupper() and a.lower() in initials for a in re.findall(r"\b[A-Z]{2,}\b", short.speaker_text)
    )


def _may_be_one_name(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Whether two proper names may name one person: they share a word, and they do not share only the family
    name with each a given name of its own ("Louis Jordan", "Frank Jordan": father and son). A name is given before
    the family name in English, so the shared word must end both, and each must hold a word the other lacks."""
    if not set(a) & set(b):
        return False
    family = a[-1] == b[-1] and len(a) >= 2 and len(b) >= 2
    return not (family and set(a) - set(b) and set(b) - set(a))


def _who(clause: Clause) -> str:
    """The speaker as a reason names them: the name with its title, not the span with its relative clause or
    apposition ("Councillor John Okafor", not "Councillor John Okafor , who backed the plan ,")."""
    parts = [p.strip() for p in clause.speaker_text.split(",") if p.strip()]
    named = [p for p in parts if clause.names and stems_of(p) & set(clause.names) and p[:1].isupper()]
    return (named or parts or [clause.speaker_text])[0]


def _nearest_bearer(source: Clause, at: Evidence, facts: SourceFacts) -> tuple[str, frozenset[str]] | None:
    """Whom a bare family name stands for where two or more people of the story bear it ("Councillor John Okafor
    ... His sister, councillor Mary Okafor ... Okafor said"): the nearest bearer's full name and the stems of
    every bearer's given name; ``None`` where the name is not bare or only one person bears it. A bare name takes
    up a person already named (it is anaphoric, like a pronoun), and with several candidates the reader takes the
    one named last before it: the nearest full name, in ``at`` before the speaker or in the source's sentences
    before ``at``."""
    family = _who(source)
    if len(source.names) != 1 or not source.named or " " in family or not family[:1].isupper():
        return None
    bearer = re.compile(r"\b([A-Z][\w'-]+) " + re.escape(family) + r"\b")
    source_of = {i: p.source_number for i, p in enumerate(facts.passages)}
    mine = source_of.get(at.passage)
    before = [e for e in facts.sentences if e.uid < at.uid and source_of.get(e.passage) == mine]
    given = {m.group(1) for e in facts.sentences if source_of.get(e.passage) == mine for m in bearer.finditer(e.text)}
    if len(given) < 2:
        return None
    speaker_at = at.text.find(source.speaker_text) if source.speaker_text in at.text else len(at.text)
    mentions = [m.group(1) for e in before for m in bearer.finditer(e.text)]
    mentions += [m.group(1) for m in bearer.finditer(at.text[:speaker_at])]
    if not mentions:
        return None
    return f"{mentions[-1]} {family}", frozenset(stem(g.lower()) for g in given)


def _named_in(source: Clause, claim_stems: frozenset[str]) -> bool:
    """Whether a sentence surely names the source's speaker: by the whole of the speaker's proper name where it has
    one (a word of its title, "finance", is every finance official's, and a family name is the whole family's),
    else by a word of its description. A sentence that holds less is read by the parse (``same_speaker``)."""
    return set(source.names) <= claim_stems if source.names else bool(source.speaker & claim_stems)


def _holds_the_view(source: Clause, claim_stems: frozenset[str]) -> bool:
    """Whether a source clause says what the sentence reports, not only who speaks: the sentence's words less the
    speaker's and the verb's are mostly among its said words. A source sentence that shares the speaker's long
    title and name ("Belgian Transport Minister Anika Brandt said ...") may say something else entirely."""
    view = claim_stems - source.speaker - _SPEECH
    return not view or len(view & source.said) >= MIN_COVERAGE * len(view)


def same_speaker(claim: Clause, source: Clause, facts: SourceFacts) -> bool:
    """Whether two speakers may be one: a different name, or another group of people, is another speaker; a name
    and a description of one person ("Gordon Brown", "the former prime minister") may be the same."""
    if _acronym_of(claim, source) or _acronym_of(source, claim):
        return True
    if claim.names and source.names and not _may_be_one_name(claim.names, source.names):
        return False  # two proper names for two people, whatever words their titles share ("Finance Minister")
    if claim.speaker & source.speaker:
        return True
    if {claim.head, source.head} & _MEDIA and {claim.head, source.head} & _GROUPS:
        return False  # the press relays what "officials confirmed" would vouch for: two sources, not one
    if (claim.part and source.single) or (source.part and claim.single):
        return False  # some of a group against one body or one person ("some complained" / "the club blamed")
    if claim.speaker <= _GENERIC_SPEAKERS and source.speaker & _GENERIC_SPEAKERS:
        return True
    if claim.named != source.named:  # a name against a description: only a group is surely someone else
        description = source if claim.named else claim
        if description.head not in _GROUPS or description.head in _GENERIC_SPEAKERS:
            return True
    elif not claim.named and not (claim.head in _GROUPS and source.head in _GROUPS):
        return True  # two descriptions may be of one person ("the student", "the young woman")
    offices = source.speaker & _SINGLE_OFFICES
    if offices and not source.named and len(source.speaker) <= 2:
        # "the president said" may be the named president: accept when a source sentence pairs office and name
        return any(offices <= e.stems and claim.speaker & e.stems - offices for e in facts.sentences)
    return False


# Speakers that may be anybody of their sort, so a source need not use the word: "experts said" for its scientists.
_ANYONE = _GENERIC_SPEAKERS | frozenset(
    stem(w)
    for w in """
expert analyst observer critic people person report study statement spokesman spokeswoman spokesperson group
company firm team document article paper author speaker agency organisation organization
""".split()
)
MAX_SPEAKER_WORDS = 8  # a longer "speaker" is a misparse that swallowed part of the clause


# Verbs that report what a person said; "suggests", "explains", "believes" as often have a thing or a reading for
# subject ("the results suggest"), which is the writer's inference, not a quotation.
_REPORTING = frozenset({stem(w) for verb in REPORTING_VERBS for w in forms(verb)} | {stem("according")})
_ACCORDING = stem("according")
# "Washington said": a capital speaking for its government (the names check reads those against the sources)
_STANDS_FOR_A_COUNTRY = frozenset(stem(w) for name in METONYMS for w in name.split())


def _unknown_speaker(clauses: list[Clause], facts: SourceFacts) -> Clause | None:
    """A speaker whose head noun no source uses at all: "the justice secretary has said" where only the Ministry of
    Justice spoke is a quotation the sources do not have, whatever is said. A capitalised name is left to the names
    check, which says which name is missing."""
    known = facts.stems()
    for clause in clauses:
        if (
            clause.pronoun
            or clause.named
            or not clause.head
            or clause.head in _ANYONE
            or clause.head not in clause.speaker
            or clause.head in known
            or clause.head in _STANDS_FOR_A_COUNTRY
            or clause.head == "unk"
        ):
            continue  # "UNK": a summariser's unknown word, not a name
        if clause.verb in _REPORTING and len(clause.speaker_text.split()) <= MAX_SPEAKER_WORDS:
            return clause
    return None


_PERSONAL = frozenset(("he", "she"))
_PERSONAL_WORD = re.compile(r"\b(?:he|she)\b", re.IGNORECASE)


def _mapped_speaker(evidence: Evidence, facts: SourceFacts) -> Clause | None:
    """Whom the source gives a sentence's words to where the sentence does not name them itself: a "he said", or
    a quotation that goes on from the sentence before. The story map's reading (``SourceFacts.speaker_of``), the
    one the article was written from: a pronoun takes up the most prominent person before it, a run of quotation
    is its first speaker's. A pronoun clause where the words are a person's whom the sources do not name; ``None``
    where the map gives them to nobody."""
    name = facts.speaker_of(evidence)
    if not name:
        return None
    doc = parse(name, entities=True)
    words = [t for t in doc if not t.is_punct]
    if not words:
        return None
    clause = _clause(doc, words, set(), min(words, key=lambda t: len(list(t.ancestors))))
    if not clause.named and len(words) <= 4 and all(t.text[:1].isupper() and t.is_alpha for t in words):
        # the map read this name in its sentence as a person's; alone, out of context, the tagger may take "Rory
        # Flint" for an adjective and a noun, and a description may then pass for any name: a name it stays
        kept = tuple(stem(t.lower_) for t in words if t.lower_.rstrip(".") not in HONORIFICS)
        clause = replace(clause, named=True, pronoun=False, names=kept)
    return clause


def _written_antecedent(clause: Clause, before: str) -> Clause:
    """A written "he said" or "she said" stands for the person the sentence before it is about: its reporting
    clause's named speaker, else its main clause's subject when that is a person (the antecedent of a subject
    pronoun in English prose is the most prominent person of the previous sentence, and a speaker or a subject is
    the most prominent). The clause keeps what is said and takes that person as its speaker; with no such person
    it stays a pronoun, which is not judged."""
    if (
        not clause.pronoun
        or clause.speaker_text.lower() not in _PERSONAL
        or not before
        or len(before) > MAX_PARSED_CHARS
    ):
        return clause
    doc = parse(before, entities=True)
    named = [c for c in (speech_clauses(doc) if SPEECH_CUE.search(before) else []) if c.named and not c.organisation]
    if named:
        found = named[-1]
    else:
        subjects = [
            t
            for t in doc
            if t.dep_ == "nsubj"
            and t.head.dep_ == "ROOT"
            and (t.ent_type_ == "PERSON" or (t.pos_ == "PROPN" and not t.ent_type_))  # the small model misses names
        ]
        if not subjects:
            return clause
        found = _clause(doc, list(subjects[0].subtree), set(), subjects[0].head)
    return replace(
        clause,
        speaker=found.speaker,
        pronoun=False,
        speaker_text=found.speaker_text,
        named=found.named,
        head=found.head,
        single=found.single,
        organisation=found.organisation,
    )


def _speaker_swapped(copy: NearCopy, facts: SourceFacts) -> FactResult | None:
    """A copy that puts another name of the sources where the source sentence names its speaker: the words are
    given to someone the source does not give them to."""
    swapped = swapped_name(copy, facts)
    if swapped is None or not SPEECH_CUE.search(copy.evidence.text):
        return None
    theirs = stems_of(swapped[1])
    if any(theirs & clause.speaker for clause in speech_clauses(copy.evidence.doc) if not clause.pronoun):
        return fail(ATTRIBUTION, f"the source gives this to {swapped[1]}, not {swapped[0]}")
    return None


def _aligned_speaker(claim: Clause, evidence: Evidence, facts: SourceFacts) -> tuple[Clause | None, list[Clause]]:
    """Who the source gives a view to when it carries the view in other words: ``evidence`` is the source sentence
    closest in meaning to the written one. Its speech clause that holds most of the view, else its list
    introduction's speaker, else (a quotation with no speaker of its own) the speaker of its run of quotation;
    ``None`` when the sentence gives the view to nobody (a plain statement of the source is nobody's words)."""
    if len(evidence.text) > MAX_PARSED_CHARS or len(claim.said & evidence.stems) < MIN_SHARED_WITH_ALIGNED:
        return None, []
    found = speech_clauses(evidence.doc) if SPEECH_CUE.search(evidence.text) else []
    saying = [c for c in found if len(c.said) >= 2]
    if saying:
        return max(saying, key=lambda c: (len(claim.said & c.said), -len(c.said))), found
    if evidence.intro:
        named = [c for c in speech_clauses(parse(evidence.intro)) if not c.pronoun]
        return (named[0], named) if named else (None, [])
    if OPENS_QUOTATION.match(evidence.text):
        carried = _mapped_speaker(evidence, facts)
        return carried, [carried] if carried is not None else []
    return None, []


# Content words a view and the source sentence nearest it in meaning must share at least: the encoder's nearest
# sentence may be about something else where the source never says the view at all.
MIN_SHARED_WITH_ALIGNED = 2


def check_attribution(
    sentence: str,
    facts: SourceFacts,
    candidates: list[Evidence],
    copy: NearCopy | None = None,
    aligned: list[Evidence] | None = None,
    before: str = "",
) -> FactResult:
    """``copy``: the source sentence the sentence copies but for a few words, if any (``_copy``). ``aligned``: the
    source sentences closest to it in meaning, best first: a view the sentence words its own way is looked for
    there when no source clause holds most of its words (``_aligned_speaker``). ``before``: the written sentence
    just before it, where a "he said" of the sentence finds whom it stands for (``_written_antecedent``)."""
    aligned = [e for e in aligned or [] if len(e.text) <= MAX_PARSED_CHARS]
    if not SPEECH_CUE.search(sentence):
        return not_applicable(ATTRIBUTION)
    if copy is not None:
        swapped = _speaker_swapped(copy, facts)
        if swapped is not None:
            return swapped
    claim_stems = stems_of(sentence)
    resolved: list[Clause] | None = None
    if before and _PERSONAL_WORD.search(sentence):  # a "he said": the speaker is named in the sentence before
        resolved = [_written_antecedent(c, before) for c in speech_clauses(parse(sentence))]
        claim_stems |= frozenset().union(*(c.speaker for c in resolved if c.named))
    if claim_stems - facts.stems():  # a speaker no source mentions needs a word no source uses: else no parse
        stranger = _unknown_speaker(speech_clauses(parse(sentence)), facts)
        if stranger is not None:
            return fail(ATTRIBUTION, f"no source mentions {stranger.speaker_text}", "unsupported")
    candidates = [
        e
        for e in candidates
        if len(e.text) <= MAX_PARSED_CHARS
        and (SPEECH_CUE.search(e.text) or e.intro or OPENS_QUOTATION.match(e.text))
        and len(claim_stems & e.stems) >= max(2, MIN_CANDIDATE_SHARE * len(claim_stems))
    ]
    if not candidates and not aligned:
        return not_applicable(ATTRIBUTION)  # no source sentence here reports anyone: nothing to parse
    fullest = max(candidates or aligned, key=lambda e: len(claim_stems & e.stems))
    if claim_stems - _SPEECH <= fullest.stems and len(SPEECH_CUE.findall(fullest.text)) == 1:
        return ok(ATTRIBUTION)  # one speaker in a source sentence holding every word: the same speaker, no parse
    facts.parse_batch(candidates + aligned[:1])
    reported = speech_clauses(fullest.doc) if SPEECH_CUE.search(fullest.text) else []
    if (
        candidates
        and len(reported) == 1
        and not reported[0].pronoun
        and _named_in(reported[0], claim_stems)
        and _nearest_bearer(reported[0], fullest, facts) is None
        and _holds_the_view(reported[0], claim_stems)
        and len(SPEECH_CUE.findall(sentence)) == 1
    ):
        return ok(ATTRIBUTION)  # the source's one speaker is named in the sentence, which reports one view
    clauses = resolved if resolved is not None else speech_clauses(parse(sentence))
    # a view inside another reported view ("Washington insists ..., officials said") is the outer speaker's report
    claims = [
        c
        for c in clauses
        if not c.pronoun
        and len(c.said) >= 2
        and not any(
            o is not c and len(o.said) >= 2 and o.span[0] <= c.span[0] and o.span[1] >= c.span[1] and o.span != c.span
            for o in clauses
        )
    ]
    if not claims:
        return not_applicable(ATTRIBUTION)
    judged = False
    for claim in claims:
        best, chosen, clauses = 0.0, None, []
        chosen_at: Evidence | None = None
        for evidence in candidates:
            if (
                len(claim.said & evidence.stems) / len(claim.said) < MIN_COVERAGE
                or len(evidence.text) > MAX_PARSED_CHARS
            ):
                continue
            coverage, clause, found = _best_clause(claim.said, evidence)
            if (clause is None or coverage < MIN_COVERAGE) and evidence.intro:
                # a list item says what its introduction's speaker said ("Obama also said: - ...")
                coverage = len(claim.said & evidence.stems) / len(claim.said)
                found = [c for c in speech_clauses(parse(evidence.intro)) if not c.pronoun]
                clause = found[0] if found else None
            elif (clause is None or coverage < MIN_COVERAGE) and OPENS_QUOTATION.match(evidence.text):
                coverage = len(claim.said & evidence.stems) / len(claim.said)
                clause = _mapped_speaker(evidence, facts)
                found = [clause] if clause is not None else []
            if clause is not None and coverage > best:
                best, chosen, clauses, chosen_at = coverage, clause, found, evidence
        if (chosen is None or best < MIN_COVERAGE) and aligned:
            best, chosen_at = MIN_COVERAGE, aligned[0]  # the view in other words: where the meaning sits
            chosen, clauses = _aligned_speaker(claim, chosen_at, facts)
        if chosen is None or best < MIN_COVERAGE:
            continue
        source = _resolve(chosen, clauses)
        if source is None and chosen_at is not None and chosen.speaker_text.lower() in _PERSONAL:
            mapped = _mapped_speaker(chosen_at, facts)
            source = mapped if mapped is not None and not mapped.pronoun else None
            if source is None and claim.organisation:
                # "he" and "she" stand for a person, whoever it is: an organisation said none of it
                return fail(
                    ATTRIBUTION,
                    f'the source gives this to a person ("{chosen.speaker_text}"), not {claim.speaker_text}',
                )
            pronoun = chosen.speaker_text.lower()
            if source is None and claim.named and facts.gender_of(claim.speaker_text) not in (None, pronoun):
                # a personal pronoun agrees in gender with its antecedent: "she" never stands for a man the
                # sources call "he" or "Mr", so his name in its place gives her words to him
                return fail(ATTRIBUTION, f'the source gives this to "{chosen.speaker_text}", not {claim.speaker_text}')
        if source is None:
            continue
        judged = True
        bearer = _nearest_bearer(source, chosen_at, facts) if chosen_at is not None else None
        if bearer is not None and bearer[1] & set(claim.names):
            nearest, _ = bearer
            if stem(nearest.split()[0].lower()) not in claim.names:
                return fail(
                    ATTRIBUTION,
                    f'the source\'s "{source.speaker_text}" here is {nearest}, the last of that name it mentions, '
                    f"not {_who(claim)}",
                )
        if source.head and source.head in claim.addressee and source.head not in claim.speaker:
            # the source's speaker is the one the sentence has hear the words: speaker and hearer swapped
            return fail(ATTRIBUTION, f"the source gives this to {source.speaker_text}, not {claim.speaker_text}")
        if not same_speaker(claim, source, facts):
            return fail(ATTRIBUTION, f"the source gives this to {_who(source)}, not {_who(claim)}")
        reporter = _reporter(chosen, clauses, facts)
        if reporter is not None and not set(reporter.names or reporter.speaker) & claim_stems:
            return fail(
                ATTRIBUTION,
                f"the source has only {_who(reporter)} say that {_who(source)} said this, which the sentence "
                "tells as first-hand",
                "unsupported",
            )
    return ok(ATTRIBUTION) if judged else not_applicable(ATTRIBUTION)


def _reporter(chosen: Clause, clauses: list[Clause], facts: SourceFacts) -> Clause | None:
    """The speaker who reports the chosen clause's speech, where it is reported inside another's ("Lin said that
    Vik had told her the pact was dead"): the source asserts only that the outer speaker said so, and the inner
    speaker's words are hearsay it does not vouch for (the inner speaker may deny them). A sentence that drops the
    outer speaker ("Vik said the pact was dead") tells the hearsay as first-hand. ``None`` where the chosen clause
    is nobody's report, or the reporter is the same person (a pronoun, "he said he had told them")."""
    if chosen.pronoun:
        return None
    around = [
        c
        for c in clauses
        if c is not chosen
        and c.span[0] <= chosen.span[0]
        and c.span[1] >= chosen.span[1]
        and c.span != chosen.span
        and not c.pronoun
        and c.speaker
    ]
    if not around:
        return None
    reporter = min(around, key=lambda c: c.span[1] - c.span[0])
    return None if same_speaker(reporter, chosen, facts) else reporter


# ---------------------------------------------------------------------------------------------- roles
