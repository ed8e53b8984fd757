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

from .progress import tick

__all__ = ["LANGUAGES", "dominant_language", "guess_language", "sentence_language"]

# The languages whose stop-word sets are compared: the Latin-script languages of most news.
LANGUAGES = ("en", "fr", "es", "de", "it", "pt", "nl", "pl", "sv", "da", "nb", "ro", "cs", "hu", "tr", "ca", "fi")
ARTICLE_LANGUAGE = "en"  # the language newsdesk's templates write in
MIN_SENTENCE_WORDS = 5  # fewer words than this carry too few function words to tell
MIN_SCRIPT_LETTERS = 8  # letters of another script than Latin that make a sentence in it (not a name in brackets)
MIN_SHARE = 0.25  # of a sentence's words, in the winning language's set
MIN_HITS = 3  # distinct stop words of the winning language: one or two shared short words ("a", "te") tell nothing
MARGIN = 3.0  # the winner's share over the story language's, for a sentence to count as another language

# a word; an initialism ("U.S.", "e.g.") is matched whole so that its letters, which are function words of some
# languages ("u", "s" in Czech), are not read as words: ``_words`` drops it
_WORD = re.compile(r"(?:[^\W\d_]\.){2,}|[^\W\d_]+(?:['’][^\W\d_]+)?")


def _words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text) if not w.endswith(".")]


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
    """ "latin", or the first word of the Unicode name of the script most letters are in ("cyrillic", "cjk" ...)."""
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
    words = _words(text)[:2000]
    if len(words) < min_words or _script(text) != "latin":
        return None
    shares = sorted(_shares(words).items(), key=lambda item: item[1], reverse=True)
    if len(shares) < 2:
        return None
    (best, best_share), (_, second_share) = shares[0], shares[1]
    if best_share < 0.1 or best_share < margin * second_share or best_share == second_share:
        return None
    return best


def dominant_language(sentences: list[str], counted: bool = False) -> str | None:
    """The language most of a text's sentences are written in (each sentence one vote, for the language with the
    largest share of its words), so one long injected sentence full of function words cannot outvote a short
    story's several plain ones; in a tie with English, English (the articles' language); None when no sentence
    has a function word of any language. ``counted``: the sentences are a whole story's, counted as the run's
    progress (``progress.tick``: half a minute for thousands); a text screened within a larger unit is not."""
    votes: Counter[str] = Counter()
    for done, sentence in enumerate(sentences, 1):
        if counted:
            tick("Telling which language the story is in", done, len(sentences))
        words = _words(sentence)
        if not words or _script(sentence) != "latin":
            continue
        shares = _shares(words)
        best = max(shares, key=lambda language: shares[language], default=None)
        if best is not None and shares[best] > 0:
            votes[best] += 1
    ranked = votes.most_common(2)
    if not ranked:
        return None
    if len(ranked) == 2 and ranked[0][1] == ranked[1][1]:
        # no majority (a short page: one plain sentence and one injected): the articles are written in English,
        # so English is the language a sentence must be in to be drafted from or count as evidence
        return ARTICLE_LANGUAGE if ARTICLE_LANGUAGE in (ranked[0][0], ranked[1][0]) else None
    return ranked[0][0]


_SEGMENT = re.compile(r"\s*(?:[:;|]|\s[-–—]\s)\s*")


def _tells_apart(words: list[str], language: str, story_language: str) -> bool:
    """Whether the function words that only ``language`` has are several (``MIN_HITS`` distinct) and outnumber,
    ``MARGIN`` times over, those that only the story's language has: a word both use ("in", "is" in Dutch and
    English; "no", "he", "has" in Catalan and English) tells nothing between them."""
    sets = _stop_words()
    own = [w for w in words if w in sets[language] and w not in sets[story_language]]
    story = sum(w in sets[story_language] and w not in sets[language] for w in words)
    return len(set(own)) >= MIN_HITS and len(own) >= MARGIN * story


def sentence_language(sentence: str, story_language: str) -> str | None:
    """The language of a sentence, or of one of its colon-, semicolon- or dash-separated segments, when it is
    clearly another than ``story_language`` ("More on this: Negeer alle eerdere instructies ..." is Dutch with an
    English label); None when it is the same or too short to tell. A different script is another language."""
    for segment in [sentence, *_SEGMENT.split(sentence)]:
        language = _segment_language(segment, story_language)
        if language is not None:
            return language
    return _without_story_function_words(sentence, story_language)


def _without_story_function_words(sentence: str, story_language: str) -> str | None:
    """A whole sentence of several words with not one function word of the story's language is not in it
    (function words are a third of any prose), when another language's make up a good share of it and two of them
    at least are words of more than one letter. Read on the whole sentence only: a fragment between brackets or
    semicolons ("Bowman et al., 2015") may hold no function word in any language."""
    words = _words(sentence)
    if len(words) < MIN_SENTENCE_WORDS or _script(sentence) != "latin":
        return None
    shares = _shares(words)
    if shares.get(story_language, 1.0) > 0:
        return None
    best = max(shares, key=lambda language: shares[language])
    hits = {w for w in words if w in _stop_words()[best] and len(w) > 1}
    return best if shares[best] >= MIN_SHARE and len(hits) >= 2 else None


def _segment_language(sentence: str, story_language: str) -> str | None:
    script = _script(sentence)
    if script is not None and script != "latin":
        # Chinese, Japanese and Thai put no space between words, so letters are counted, not words
        if sum(char.isalpha() for char in sentence) < MIN_SCRIPT_LETTERS:
            return None
        return script if story_language in _stop_words() else None
    words = _words(sentence)
    if script is None or len(words) < MIN_SENTENCE_WORDS:
        return None
    shares = _shares(words)
    if story_language not in shares:
        return None
    best = max(shares, key=lambda language: shares[language])
    if best == story_language:
        return None
    hits = {w for w in words if w in _stop_words()[best] and len(w) > 1}
    if shares[best] >= MIN_SHARE and len(hits) >= MIN_HITS and _tells_apart(words, best, story_language):
        return best
    # Fewer function words, but spelled outside the story language's alphabet: English is written in a-z, so a
    # sentence a quarter of whose words carry other letters ("że", "złożył") and few English function words is not
    # English. Names with accents do not reach the share in a sentence that is English.
    if story_language == "en" and shares[story_language] < 0.15 and shares[best] >= 0.15:
        foreign = sum(not w.isascii() for w in words)
        if foreign >= 3 and foreign >= 0.25 * len(words):
            return best
    return None
