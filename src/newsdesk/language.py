"""Which language a text is written in, offline and light: the share of its words that are a language's stop words.

Function words (articles, pronouns, prepositions, auxiliaries) make up a third to a half of running prose in any
language, and each language's set is its own: "de het een dat" is Dutch, "nie się jest że" Polish. The sets are
spaCy's (``spacy/lang/*/stop_words.py``, shipped with the spaCy wheel), read as data without importing spaCy's
language classes (importing them all takes seconds). A text in a non-Latin script is told by its script.

This module imports nothing from newsdesk.
"""

from __future__ import annotations

import importlib.util
import re
import unicodedata
from collections import Counter
from functools import lru_cache
from pathlib import Path

__all__ = ["LANGUAGES", "guess_language", "sentence_language"]

# The languages whose stop-word sets are compared: the Latin-script languages of most news.
LANGUAGES = ("en", "fr", "es", "de", "it", "pt", "nl", "pl", "sv", "da", "nb", "ro", "cs", "hu", "tr", "ca", "fi")
MIN_SENTENCE_WORDS = 5  # fewer words than this carry too few function words to tell
MIN_SHARE = 0.25  # of a sentence's words, in the winning language's set
MIN_HITS = 3  # distinct stop words of the winning language: one or two shared short words ("a", "te") tell nothing
MARGIN = 3.0  # the winner's share over the story language's, for a sentence to count as another language

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_STRING = re.compile(r'"""(.*?)"""', re.DOTALL)


@lru_cache(maxsize=1)
def _stop_words() -> dict[str, frozenset[str]]:
    spec = importlib.util.find_spec("spacy")
    if spec is None or not spec.submodule_search_locations:
        return {}
    root = Path(next(iter(spec.submodule_search_locations))) / "lang"
    sets: dict[str, frozenset[str]] = {}
    for language in LANGUAGES:
        try:
            source = (root / language / "stop_words.py").read_text(encoding="utf-8")
        except OSError:
            continue
        words = " ".join(_STRING.findall(source)).split()
        sets[language] = frozenset(w.lower() for w in words)
    return sets


def _script(text: str) -> str | None:
    """"latin", or the first word of the Unicode name of the script most letters are in ("cyrillic", "cjk" ...)."""
    counts: Counter[str] = Counter()
    for char in text:
        if char.isalpha():
            name = unicodedata.name(char, "")
            counts["latin" if name.startswith("LATIN") else (name.split(" ")[0].lower() or "other")] += 1
    return counts.most_common(1)[0][0] if counts else None


def _shares(words: list[str]) -> dict[str, float]:
    total = len(words)
    return {language: sum(w in stop for w in words) / total for language, stop in _stop_words().items()}


def guess_language(text: str, min_words: int = 20, margin: float = 1.3) -> str | None:
    """The language of ``text`` by stop-word share; None when too short, undecided (the best share not ``margin``
    times the next), or in a non-Latin script (whose language this cannot name)."""
    words = [w.lower() for w in _WORD.findall(text)][:2000]
    if len(words) < min_words or _script(text) != "latin":
        return None
    shares = sorted(_shares(words).items(), key=lambda item: item[1], reverse=True)
    if len(shares) < 2:
        return None
    (best, best_share), (_, second_share) = shares[0], shares[1]
    if best_share < 0.1 or best_share < margin * second_share or best_share == second_share:
        return None
    return best


def sentence_language(sentence: str, story_language: str) -> str | None:
    """The language of a sentence when it is clearly another than ``story_language``; None when it is the same or
    too short to tell. A sentence in a different script is another language whatever its words."""
    script = _script(sentence)
    words = [w.lower() for w in _WORD.findall(sentence)]
    if script is None or len(words) < MIN_SENTENCE_WORDS:
        return None
    if script != "latin":
        return script if story_language in _stop_words() else None
    shares = _shares(words)
    if story_language not in shares:
        return None
    best = max(shares, key=lambda language: shares[language])
    if best == story_language or shares[best] < MIN_SHARE or shares[best] < MARGIN * shares[story_language]:
        return None
    hits = {w for w in words if w in _stop_words()[best] and len(w) > 1}
    return best if len(hits) >= MIN_HITS else None
