"""Per-passage-set precomputation: every source sentence ("unit") tokenised, stemmed and mined for specifics once.

A ``PassageIndex`` is built once for a list of passages and then answers every sentence of an article: which
units share its words (an inverted index), which words, bigrams, names, figures, dates and quotes the sources
hold at all.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from ..injection import asserted, read_ahead
from ..language import NEGATING_FORMS
from ..models import Passage
from . import _names as names
from . import _specifics as sp
from ._text import STOPWORDS, holidays_as_dates, normalise, source_spans, stem, tokens

if TYPE_CHECKING:
    from ..llm.embed import Encoder, VectorStore

__all__ = ["NEGATIONS", "PassageIndex", "Unit", "bigrams", "content_pairs"]

NEGATIONS = frozenset(
    {
        "not",
        "no",
        "never",
        "n't",
        "without",
        "nobody",
        "none",
        "nothing",
        "neither",
        "nor",
        "cannot",
        "denied",
        "denies",
        "deny",
        "refused",
        "refuses",
        "rejected",
        "false",
    }
)


def bigrams(seq: list[str]) -> set[tuple[str, str]]:
    return set(itertools.pairwise(seq))


def content_pairs(toks: list[str], seq: list[str]) -> frozenset[tuple[str, str]]:
    """Adjacent pairs of content stems, function words skipped: "hamilton was ahead of rosberg" -> (hamilton, ahead),
    (ahead, rosberg). Who-did-what survives rewording of the small words, and a fact moved onto another entity
    breaks a pair even when every word is in the source."""
    return frozenset(itertools.pairwise(s for t, s in zip(toks, seq, strict=True) if _is_content(t)))


def _is_content(token: str) -> bool:
    return token not in STOPWORDS and (len(token) > 1 or token.isdigit())


#: Forms of the negative implicative verbs (``language.NEGATING_VERBS``): a denial only before "to".
_IMPLICATIVE_FORMS = NEGATING_FORMS - NEGATIONS


def negation_count(toks: list[str]) -> int:
    """Words that deny: a negation word, a verb of denial, or a negative implicative before its "to" ("declined to
    comment" denies as "would not comment" does)."""
    implicative = sum(1 for t, after in itertools.pairwise(toks) if t in _IMPLICATIVE_FORMS and after == "to")
    return implicative + sum(1 for t in toks if t in NEGATIONS or t.endswith("n't"))


@dataclass
class Unit:
    """One sentence of one passage, with offsets into ``passage.text``."""

    passage: int  # position in PassageIndex.passages
    start: int
    end: int
    text: str  # normalised, lower-case
    stems: frozenset[str]  # content stems
    seq: list[str]  # every token's stem, in order
    pairs: frozenset[tuple[str, str]]  # adjacent content stems (``content_pairs``)
    numbers: list[sp.Number]
    negations: int


def _name_words(words: Iterable[str]) -> set[str]:
    """What names a text's words can match: each word's name key ("U.S." and "US" are "us") and the parts of a
    hyphenated or possessive word, lower-cased."""
    found = list(words)
    return {names.name_key(w) for w in found} | {part for w in found for part in re.split(r"[-']", w.lower()) if part}


@dataclass
class PassageIndex:
    passages: list[Passage]
    units: list[Unit] = field(default_factory=list)
    postings: dict[str, list[int]] = field(default_factory=dict)
    idf: dict[str, float] = field(default_factory=dict)
    stems: set[str] = field(default_factory=set)
    accounts: dict[int, set[str]] = field(default_factory=dict)  # source number -> the content stems of its story
    account_units: dict[int, list[int]] = field(default_factory=dict)  # source number -> the ids of its units
    bigrams: set[tuple[str, str]] = field(default_factory=set)
    words: set[str] = field(default_factory=set)  # lower-case words and name keys, for names
    acronyms: set[str] = field(default_factory=set)
    numbers: list[sp.Number] = field(default_factory=list)
    months: set[int] = field(default_factory=set)
    weekdays: set[str] = field(default_factory=set)
    times: set[str] = field(default_factory=set)
    quote_keys: list[str] = field(default_factory=list)  # one per passage
    lower_text: str = ""
    vectors: np.ndarray | None = None  # one unit vector per unit (``embed``), when the semantic signal is on
    _unit_words: dict[int, frozenset[str]] = field(default_factory=dict, repr=False)

    @classmethod
    def build(cls, passages: list[Passage]) -> PassageIndex:
        index = cls(passages=list(passages))
        lower_parts = []
        read_ahead(p.text[start:end] for p in index.passages for start, end in source_spans(p.text))
        for number, passage in enumerate(index.passages):
            raw = passage.text
            for start, end in source_spans(raw):
                if asserted(raw[start:end]):  # [injection] a question or a directive to the writer is no evidence
                    index._add_unit(number, start, end, normalise(raw[start:end]))
            clean = normalise(raw)
            lower_parts.append(clean.lower())
            index.quote_keys.append(sp.quote_key(clean))
            index._add_names(clean)
            index.months.update(m for m, _ in sp._month_mentions(holidays_as_dates(clean)))
            index.weekdays.update(w for w, _ in sp._weekday_mentions(clean))
        index.lower_text = "\n".join(lower_parts)
        total = max(1, len(index.units))
        index.idf = {s: math.log(1.0 + total / len(ids)) for s, ids in index.postings.items()}
        return index

    def _add_unit(self, passage: int, start: int, end: int, text: str) -> None:
        text = holidays_as_dates(text)  # a holiday is its date to every measure, as to the claim's (``measure``)
        toks = tokens(text)
        seq = [stem(t) for t in toks]
        content = frozenset(s for t, s in zip(toks, seq, strict=True) if _is_content(t))
        numbers = sp.extract_numbers(text, source=True)  # a holiday's day is a figure
        unit = Unit(
            passage, start, end, text.lower(), content, seq, content_pairs(toks, seq), numbers, negation_count(toks)
        )
        uid = len(self.units)
        self.units.append(unit)
        for s in content:
            self.postings.setdefault(s, []).append(uid)
        self.stems.update(content)
        account = self.passages[passage].source_number
        self.accounts.setdefault(account, set()).update(content)
        self.account_units.setdefault(account, []).append(uid)
        self.bigrams.update(bigrams(seq))
        self.words.update(toks)
        for n in numbers:
            if n.unit == "time":
                self.times.add(f"{int(n.value) // 60:02d}:{int(n.value) % 60:02d}")
            else:
                self.numbers.append(n)

    def _add_names(self, text: str) -> None:
        words = [m.group() for m in names.WORD_RE.finditer(text)]
        self.words.update(_name_words(words))
        capitalised = [w for w in words if w[0].isupper()]
        self.acronyms.update(names.name_key(w) for w in capitalised if names.is_acronym(w))
        # initials of capitalised runs and of every stretch of them: "European Central Bank" -> "ecb"; a run
        # that starts a sentence ("The James Webb Space Telescope") still gives "jwst"
        run: list[str] = []
        for w in [*words, "x"]:
            if w[0].isupper():
                run.append(w)
            elif w.lower() in ("of", "and", "the", "for") and run:
                continue
            else:
                initials = "".join(r[0].lower() for r in run)
                self.acronyms.update(
                    initials[i:j] for i in range(len(initials)) for j in range(i + 2, len(initials) + 1)
                )
                run = []

    def unit_words(self, uid: int) -> frozenset[str]:
        """One unit's words as whole words and name keys ("U.S." and "US" are both "us"), read once: what tells
        whether the unit names something, where a substring test finds "us" in "because"."""
        words = self._unit_words.get(uid)
        if words is None:
            unit = self.units[uid]
            raw = normalise(self.passages[unit.passage].text[unit.start : unit.end])
            words = frozenset(_name_words(m.group() for m in names.WORD_RE.finditer(raw)))
            self._unit_words[uid] = words
        return words

    def embed(self, encoder: Encoder, store: VectorStore | None = None) -> np.ndarray:
        """Every source sentence's embedding, computed once per index (and once per text with a store)."""
        if self.vectors is None:
            texts = [self.passages[u.passage].text[u.start : u.end] for u in self.units]
            self.vectors = encoder.encode(texts, store)
        return self.vectors

    def nearest(self, vector: np.ndarray, limit: int = 3) -> list[tuple[int, float]]:
        """Units closest in meaning to a sentence's vector (cosine), best first."""
        if self.vectors is None or not len(self.vectors):
            return []
        similarity = self.vectors @ vector
        top = np.argsort(-similarity, kind="stable")[:limit]
        return [(int(u), float(similarity[u])) for u in top]

    def candidates(self, content: set[str], limit: int = 8) -> list[tuple[int, float]]:
        """Units sharing the most (idf-weighted) content stems with a sentence, best first."""
        scores: dict[int, float] = {}
        for s in content:
            weight = self.idf.get(s)
            if weight is None:
                continue
            for uid in self.postings[s]:
                scores[uid] = scores.get(uid, 0.0) + weight
        return sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
