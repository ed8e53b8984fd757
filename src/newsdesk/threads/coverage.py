"""How the coverage differs: what sets each outlet's account of one story thread apart.

``outlet_points(sources)`` reads the article's sources (the thread's entries among them) and, when two or more
publishers are present, picks for each outlet the sentences of its own sources that

* give its **latest figure** where the outlets' figures for the same counted thing differ (an outlet's own
  earlier figure, told again later with another, is an update and no longer its account);
* tell a fact it **vouches for** where another outlet only hedges it, or the converse (``vouches``);
* name someone or something **no other outlet names**.

The sentences are the outlet's own words, named as its feed or site names itself (``Source.publisher``), so the
checker can hold each one to that outlet (``pipeline/coverage.py`` builds the section from them).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..models import Source
from .features import NAME_LABELS, normalise_name, story_day

FIGURE_LABELS = frozenset({"CARDINAL", "QUANTITY", "MONEY", "PERCENT"})


@dataclass
class Figure:
    value: str  # as written: "12", "$4 million"
    what: str  # the counted thing and its verb: "kill people"
    sentence: str
    source: Source


def _figures(doc: Any, source: Source) -> list[Figure]:
    found = []
    for ent in doc.ents:
        if ent.label_ not in FIGURE_LABELS:
            continue
        head = ent.root.head
        if ent.root.dep_ != "nummod" or head.pos_ != "NOUN":
            continue
        verb = head.head.lemma_.lower() if head.head.pos_ in ("VERB", "AUX") else ""
        found.append(Figure(ent.text, f"{verb} {head.lemma_.lower()}".strip(), ent.sent.text.strip(), source))
    return found


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
    ...", "the lawsuit claims ...", "he alleged ..."). Attribution to a named source is how news is reported and
    marks no reserve: "12 people died, the coast guard said" and "12 people died, according to local officials"
    both vouch, as the bare statement does."""
    from ..language import (
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
    return True


def joined(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


# ------------------------------------------------------------------------------------- the article's section

MAX_POINTS = 3  # sentences per outlet: what sets its account apart, not its whole story


def outlet_points(
    sources: list[Source], told: dict[str, str] | None = None, whole: dict[str, list[str]] | None = None
) -> dict[str, list[tuple[str, Source]]]:
    """Per outlet, the sentences of its own sources that set its account apart: the sentence that gives its
    latest figure where the outlets' figures for the same counted thing differ, then one fact this outlet
    vouches for and another only hedges (or the converse; ``told`` gets their labels), then the first sentence
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

    by_what: dict[str, list[Figure]] = {}
    for figure in figures:
        if figure.what:
            by_what.setdefault(figure.what, []).append(figure)
    for group in by_what.values():
        latest: dict[str, tuple[str, Source, str]] = {}  # outlet -> (sentence, source, figure)
        for figure in sorted(group, key=lambda f: (_when(f.source), f.source.number)):
            latest[str(figure.source.publisher)] = (figure.sentence, figure.source, figure.value)
        for outlet, (sentence, source, _) in list(latest.items()):
            i = row.get((source.number, sentence))
            if i is not None and i in newer:  # told again later with another figure: the latest telling stands
                j, value = newer[i]
                while j in newer and newer[j][0] != i:
                    j, value = newer[j]
                latest[outlet] = (sentences[j][0].text.strip(), sentences[j][1], value)
        if len(latest) > 1 and len({value for _, _, value in latest.values()}) > 1:
            for outlet, (sentence, source, _) in sorted(latest.items()):
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
