"""How the coverage differs: what sets each outlet's account of one story thread apart.

``outlet_points(sources)`` reads the article's sources (the thread's entries among them) and, when two or more
publishers are present, picks for each outlet the sentences of its own sources that

* give its **latest figures** where the outlets' figures for the same counted thing differ (an outlet's own
  earlier figure, told again later with another, is an update and no longer its account; two figures of one
  report, each given by another party, are both its account: "21 dead, hospital officials said ... the emergency
  office has given a lower toll of 14"). A figure counts a noun ("21 people died") or is the value of a noun of
  count or measure ("the toll rose to 14"); two figures count one thing as ``_one_count`` says;
* tell a fact it **vouches for** where another outlet only hedges it, or the converse (``vouches``);
* name someone or something **no other outlet names**.

The sentences are the outlet's own words, named as its feed or site names itself (``Source.publisher``), so the
checker can hold each one to that outlet (``pipeline/coverage.py`` builds the section from them).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..language import governing_verb
from ..models import Source
from .features import NAME_LABELS, normalise_name, story_day

FIGURE_LABELS = frozenset({"CARDINAL", "QUANTITY", "MONEY", "PERCENT"})


@dataclass
class Figure:
    value: str  # as written: "12", "$4 million"
    what: str  # the counted thing and its verb: "kill people"; for a value, the noun it is the value of: "toll"
    sentence: str
    source: Source
    clause: str = ""  # the clause that tells the count, without other clauses joined to it
    narrowed: frozenset[str] = frozenset()  # for a value: the words that say which one the noun is ("death")
    day: str = ""  # the day the count's own verb is dated to ("rose to 14 on Friday"), not the telling's
    valued: bool = False  # the value of a noun of count or measure, not a number of things
    kind: str = ""  # the words that say what is counted: a count's verb ("died"), a noun's narrowing ("death")


# prepositions that give the value a noun has or comes to have: "rose to 14", "put the toll at 21", "stood at 9",
# "a toll of 14"; "from" gives the value it left and "by" a difference, neither the count itself
VALUE_PREPOSITIONS = frozenset({"to", "at", "of"})
# prepositions whose object says which count a noun of count is: "the number of dead", "the toll from Storm Ada"
OWNER_PREPOSITIONS = frozenset({"of", "from"})
_SUBJECTS = ("nsubj", "nsubjpass")
_OTHER_CLAUSES = frozenset({"conj", "cc", "parataxis", "relcl"})  # clauses joined to a count's: other facts


def _valued_noun(number: Any) -> Any | None:
    """The noun a number gives the value of, where the number counts no noun of its own. A noun of count or
    measure (a toll, a number, a budget) has its value as a complement: after "of" on the noun itself ("a lower
    toll of 14", "a budget of 12 million euros"), after "to" or "at" on a verb whose object or, with no object,
    subject it is ("the toll rose to 14", "they put the toll at 21", "the toll stood at 9"), or as the complement
    of a copula whose subject it is ("the number of dead is 14"). A number that is a verb's own object ("police
    arrested 12") counts people the sentence does not name, and is not read."""
    head = number.head
    if number.dep_ == "pobj" and head.lower_ in VALUE_PREPOSITIONS:
        owner = head.head
        if head.lower_ == "of":
            return owner if owner.pos_ == "NOUN" else None
        if owner.pos_ not in ("VERB", "AUX"):
            return None
        objects = [c for c in owner.children if c.dep_ == "dobj"]
        found = objects or [c for c in owner.children if c.dep_ in _SUBJECTS]
        return found[0] if found and found[0].pos_ == "NOUN" else None
    if number.dep_ == "attr" and head.lemma_ == "be":
        found = [c for c in head.children if c.dep_ in _SUBJECTS]
        return found[0] if found and found[0].pos_ == "NOUN" else None
    return None


def _clause(verb: Any) -> str:
    """The words of the clause a count is told in: its verb's subtree less the clauses joined to it or hung on one
    of its nouns ("..., and about 40 people are still missing", "the office, which said ..."), which tell other
    facts and would make two counts' sentences alike or apart for what they are not about."""
    left_out: set[int] = set()
    for token in verb.subtree:
        if token.i != verb.i and token.dep_ in _OTHER_CLAUSES:
            left_out.update(t.i for t in token.subtree)
    return " ".join(t.text for t in verb.subtree if t.i not in left_out).strip(" ,;")


def _day(doc: Any, verb: Any | None) -> str:
    """The day or date a count's own verb is dated to: "rose to 14 on Friday" counts the toll on Friday; "hospital
    officials said on Saturday" dates the telling, and a count dated to another day is a count of another time."""
    if verb is None:
        return ""
    for ent in doc.ents:
        if ent.label_ != "DATE":
            continue
        root = ent.root
        if (root.dep_ == "pobj" and root.head.head.i == verb.i and root.head.dep_ == "prep") or (
            root.dep_ == "npadvmod" and root.head.i == verb.i
        ):
            return str(ent.text).lower()
    return ""


def _figures(doc: Any, source: Source) -> list[Figure]:
    """The figures of a parsed passage with what each counts: the noun a number modifies, with the verb that
    counts it ("21 people died": "die people"), or the noun of count or measure whose value it is
    (``_valued_noun``: "the toll rose to 14": "toll", with the compounds and the objects of "of" and "from" that
    say which toll: "the death toll from Storm Ada")."""
    found = []
    for ent in doc.ents:
        if ent.label_ not in FIGURE_LABELS:
            continue
        head = ent.root.head
        if ent.root.dep_ == "nummod" and head.pos_ == "NOUN":
            verb = head.head.lemma_.lower() if head.head.pos_ in ("VERB", "AUX") else ""
            told_by = governing_verb(head)
            clause = _clause(told_by) if told_by is not None else ent.sent.text
            what = f"{verb} {head.lemma_.lower()}".strip()
            kind = head.head.lower_ if verb else head.lower_
            found.append(
                Figure(ent.text, what, ent.sent.text.strip(), source, clause, day=_day(doc, told_by), kind=kind)
            )
            continue
        noun = _valued_noun(ent.root)
        if noun is None:
            continue
        # what it counts: its compounds and the object of its "of" ("death toll", "number of dead"); which one it
        # is, besides: the object of "from" too ("the toll from Storm Ada")
        counts = [c.lemma_.lower() for c in noun.children if c.dep_ == "compound"]
        narrowed = set(counts)
        for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ in OWNER_PREPOSITIONS):
            objects = [g.lemma_.lower() for g in prep.children if g.dep_ == "pobj" and g.i != ent.root.i]
            narrowed.update(objects)
            counts += objects if prep.lower_ == "of" else []
        told_by = governing_verb(noun if ent.root.head.head.i == noun.i else ent.root)  # "given a toll of 14": given
        clause = _clause(told_by) if told_by is not None else ent.sent.text
        found.append(
            Figure(
                ent.text,
                noun.lemma_.lower(),
                ent.sent.text.strip(),
                source,
                clause,
                frozenset(narrowed),
                _day(doc, told_by),
                True,
                " ".join(counts),
            )
        )
    return found


COUNTED_ALIKE = 0.45  # cosine of two words for one counted thing: "death" and "died" or "killed" (0.69, 0.71),
# "drowned" (0.51); "death" and "injured", "missing", "rescued" or "arrested" sit at 0.25 to 0.33


def _one_count(first: Figure, second: Figure, similar: float, alike: float) -> bool:
    """Whether two figures count one thing. Two counts dated to different days are counts of two times. A number
    of things told with its own verb says what it counts ("21 people died", "30 people were injured"): two such
    are one count only where verb and noun are the same. The value of a noun of count or measure is the same
    count as another value of that noun, unless the words that say which one it is differ ("the death toll" and
    "the toll" are one; "the number of dead" and "the number of injured" are two, as are the tolls from Storm Ada
    and from Storm Brin). Otherwise it is the count
    another report gives where the two clauses tell one fact (``similar``, their cosine, at least ``SAME_FACT``)
    and the words that say what each counts mean alike (``alike``, at least ``COUNTED_ALIKE``): "the death toll
    rose to 14" and "at least 21 people have died" count the dead, while "the death toll rose to 14" and "40
    people were injured" tell of one disaster but count two things. A noun nothing narrows ("the toll") says
    nothing of what it counts and is the same count only as its own noun."""
    if first.day and second.day and first.day != second.day:
        return False
    if not first.valued and not second.valued:
        return first.what == second.what
    if first.valued and second.valued and first.what == second.what:
        return first.narrowed <= second.narrowed or second.narrowed <= first.narrowed
    return bool(first.kind and second.kind) and similar >= SAME_FACT and alike >= COUNTED_ALIKE


def _when(source: Source) -> float:
    return story_day(source.published, None)


SAME_FACT = 0.6  # cosine of two outlets' sentences on one fact (the shipped encoder; unrelated ones sit near 0.08)


# How an outlet tells a fact that another outlet tells otherwise: the label its sentence stands under, so that
# the section says what differs rather than leaving the reader to find it.
TOLD_AS_FACT = "Told as fact:"
TOLD_WITH_A_HEDGE = "Told with a hedge or as a claim:"


def _qualified_apart(
    sentences: list[tuple[Any, Source]], similar: Any, told: dict[str, str]
) -> list[tuple[str, str, Source]]:
    """Pairs of sentences of two outlets that tell one fact, one of them as plain fact and the other qualified
    (``vouches``): each sentence with its outlet, so that both stand side by side. "Beaten to death by far-left
    activists" and "beaten by masked men believed to be far-left militants" are one fact told with and without
    a hedge; a reader must see that one outlet does not vouch for what the other states. ``similar`` is the
    sentences' cosine matrix. ``told`` gets each such sentence's label (``TOLD_AS_FACT``, ``TOLD_WITH_A_HEDGE``)."""
    if len({str(source.publisher) for _, source in sentences}) < 2:
        return []
    vouched = [vouches(sent) for sent, _ in sentences]
    found: list[tuple[str, str, Source]] = []
    for i, (first, one) in enumerate(sentences):
        for j in range(i + 1, len(sentences)):
            second, other = sentences[j]
            if one.publisher == other.publisher or similar[i, j] < SAME_FACT or vouched[i] == vouched[j]:
                continue
            for k, (sent, source) in ((i, (first, one)), (j, (second, other))):
                found.append((str(source.publisher), sent.text.strip(), source))
                told[sent.text.strip()] = TOLD_AS_FACT if vouched[k] else TOLD_WITH_A_HEDGE
    return found


def vouches(sentence: Any) -> bool:
    """Whether an outlet states a sentence's content without reserve: it does not when it qualifies it (a hedge
    adverb such as "reportedly", an epistemic modal such as "could", a qualifying adjective such as "alleged", a
    hearsay participle such as "believed to be"), or gives it as a belief or a contested claim ("police believe
    ...", "the lawsuit claims ...", "he alleged ...", or as the content of a noun of claim: "repeated his charge that
    ...", "allegations that ..."). Attribution to a named source is how news is reported and
    marks no reserve: "12 people died, the coast guard said" and "12 people died, according to local officials"
    both vouch, as the bare statement does."""
    from ..language import (
        CLAIM_NOUNS,
        EPISTEMIC_MODALS,
        EVIDENTIAL_ADVERBS,
        HEARSAY_PARTICIPLES,
        QUALIFYING_ADJECTIVES,
        UNVOUCHED_VERBS,
    )

    for token in sentence:
        word = token.lower_
        if word in EVIDENTIAL_ADVERBS or word in QUALIFYING_ADJECTIVES:
            return False
        if token.tag_ == "MD" and word in EPISTEMIC_MODALS:
            return False
        if token.tag_ == "VBN" and word in HEARSAY_PARTICIPLES and any(c.dep_ == "xcomp" for c in token.children):
            return False
        if token.pos_ == "VERB" and token.lemma_.lower() in UNVOUCHED_VERBS:
            return False
        if token.pos_ == "NOUN" and token.lemma_.lower() in CLAIM_NOUNS and _content_clause(token):
            return False
    return True


def _content_clause(noun: Any) -> bool:
    """The noun carries a that-clause as its content ("the charge that the ministry ignored warnings")."""
    return any(
        child.dep_ in ("acl", "ccomp") and any(m.dep_ == "mark" and m.lower_ == "that" for m in child.children)
        for child in noun.children
    )


def joined(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


# ------------------------------------------------------------------------------------- the article's section

MAX_POINTS = 3  # sentences per outlet: what sets its account apart, not its whole story


def outlet_points(
    sources: list[Source], told: dict[str, str] | None = None, whole: dict[str, list[str]] | None = None
) -> dict[str, list[tuple[str, Source]]]:
    """Per outlet, the sentences of its own sources that set its account apart: the sentences that give its
    latest figures where the outlets' figures for the same counted thing differ (``_counts``; each figure of its
    latest report, so that an outlet that gives one party's figure and another's shows both, in its words that
    say who gives which), then one fact this outlet vouches for and another only hedges (or the converse;
    ``told`` gets their labels), then the first sentence
    that names someone or something no other outlet names. Empty when fewer than two outlets are present.

    What an outlet said first and told again later with another figure ("killing 12 people", then "the toll rose
    to 16") is no longer its account: only the later sentence is shown. A name another outlet's text holds too
    (tagged there or not) does not set this outlet apart; ``whole`` (outlet -> the texts of its entries, whole)
    is that text where the sources hold only the passages of an entry chosen as background.

    The sentences are the outlet's own words, so the checker can hold each one to the outlet it is shown under
    (``keep_named_outlets``)."""
    outlets = {s.publisher for s in sources if s.publisher}
    if len(outlets) < 2:
        return {}
    from ..language import newsgathering, nlp
    from ..llm.embed import encoder

    figures: list[Figure] = []
    naming: dict[str, dict[str, tuple[str, Source]]] = {}  # outlet -> name -> (first sentence naming it, source)
    sentences: list[tuple[Any, Source]] = []  # every sentence of every outlet, parsed
    texts: dict[str, list[str]] = {o: [t.lower() for t in own] for o, own in (whole or {}).items()}
    for source in sources:
        if not source.publisher:
            continue
        texts.setdefault(source.publisher, []).extend(p.text.lower() for p in source.passages)
        for doc in nlp().pipe([p.text for p in source.passages]):
            sentences.extend((sent, source) for sent in doc.sents if len(sent) > 3)
            figures.extend(_figures(doc, source))
            for ent in doc.ents:
                if ent.label_ in NAME_LABELS and (key := normalise_name(ent.text)):
                    if newsgathering(ent.sent.text, source.publisher):  # how the page was made is no account
                        continue
                    naming.setdefault(source.publisher, {}).setdefault(key, (ent.sent.text.strip(), source))
    if not sentences:
        return {}
    vectors = encoder().encode([sent.text.strip() for sent, _ in sentences])
    similar = vectors @ vectors.T
    row = {(source.number, sent.text.strip()): i for i, (sent, source) in enumerate(sentences)}
    newer = _told_again(sentences, similar)
    stale = {(sentences[i][1].number, sentences[i][0].text.strip()) for i in newer}
    points: dict[str, list[tuple[str, Source]]] = {}

    def add(outlet: str, sentence: str, source: Source) -> None:
        own = points.setdefault(outlet, [])
        if len(own) < MAX_POINTS and all(sentence != s for s, _ in own):
            own.append((sentence, source))

    for group in _counts(figures, encoder()):
        latest: dict[str, list[tuple[str, Source, str]]] = {}  # outlet -> its figures of its latest report
        for outlet in sorted({str(f.source.publisher) for f in group}):
            theirs = [f for f in group if f.source.publisher == outlet]
            last = max(_when(f.source) for f in theirs)
            for figure in sorted(theirs, key=lambda f: f.source.number):
                if _when(figure.source) < last:
                    continue
                sentence, source, value = figure.sentence, figure.source, figure.value
                i = row.get((source.number, sentence))
                if i is not None and i in newer:  # told again later with another figure: the latest telling stands
                    j, value = newer[i]
                    while j in newer and newer[j][0] != i:
                        j, value = newer[j]
                    sentence, source = sentences[j][0].text.strip(), sentences[j][1]
                given = latest.setdefault(outlet, [])
                if all(value != v and sentence != s for s, _, v in given):
                    given.append((sentence, source, value))
        if len(latest) > 1 and len({value for own in latest.values() for _, _, value in own}) > 1:
            for outlet, own in sorted(latest.items()):
                for sentence, source, _ in own:
                    add(outlet, sentence, source)
    current = [(i, pair) for i, pair in enumerate(sentences) if i not in newer]
    kept = [i for i, _ in current]
    labels = told if told is not None else {}
    for outlet, sentence, source in _qualified_apart([p for _, p in current], similar[kept][:, kept], labels):
        add(outlet, sentence, source)
    outlet_names = {normalise_name(o) for o in outlets}  # an outlet naming itself is not news
    for outlet in sorted(naming):
        others = set().union(*(set(v) for o, v in naming.items() if o != outlet))
        elsewhere = " ".join(text for o, own in texts.items() if o != outlet for text in own)
        for key, (sentence, source) in naming[outlet].items():
            if key in others or key in outlet_names or (source.number, sentence) in stale:
                continue
            if re.search(rf"(?<!\w){re.escape(key)}(?!\w)", elsewhere):  # named there too, if not tagged
                continue
            add(outlet, sentence, source)
    return {outlet: found for outlet, found in sorted(points.items()) if found}


def _counts(figures: list[Figure], model: Any) -> list[list[Figure]]:
    """The figures grouped by the thing they count (``_one_count``, and a figure that counts what another of the
    group counts is of the group): each group holds every outlet's figures for one count."""
    counted = [f for f in figures if f.what]
    if not counted:
        return []
    vectors = model.encode([f.clause for f in counted])
    similar = vectors @ vectors.T
    kinds = model.encode([f.kind or f.what for f in counted])
    alike = kinds @ kinds.T
    group = list(range(len(counted)))

    def root(i: int) -> int:
        while group[i] != i:
            i = group[i]
        return i

    for i, first in enumerate(counted):
        for j in range(i + 1, len(counted)):
            if _one_count(first, counted[j], float(similar[i, j]), float(alike[i, j])):
                group[root(j)] = root(i)
    groups: dict[int, list[Figure]] = {}
    for i, figure in enumerate(counted):
        groups.setdefault(root(i), []).append(figure)
    return list(groups.values())


def _told_again(sentences: list[tuple[Any, Source]], similar: Any) -> dict[int, tuple[int, str]]:
    """The sentences an outlet told again in a later report with a figure they do not hold: index -> (the latest
    such sentence's index, its new figure). "A ferry capsized, killing 12 people" and, the next day, "the death
    toll rose to 16" from the same outlet tell one fact (a cosine of ``SAME_FACT`` or more), and 16 is the
    outlet's figure now."""
    values = [{e.text for e in sent.ents if e.label_ in FIGURE_LABELS} for sent, _ in sentences]
    newer: dict[int, tuple[int, str]] = {}
    for i, (_, source) in enumerate(sentences):
        if not values[i]:
            continue
        best: tuple[int, str] | None = None
        for j, (_, later) in enumerate(sentences):
            if (
                later.publisher != source.publisher
                or _when(later) <= _when(sentences[best[0] if best else i][1])
                or similar[i, j] < SAME_FACT
            ):
                continue
            if added := sorted(values[j] - values[i]):
                best = (j, added[0])
        if best is not None:
            newer[i] = best
    return newer
