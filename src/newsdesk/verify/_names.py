"""Names in a written sentence, and whether the sources have them: capitalised runs read as names, found in the
sources by every word (inflection, demonym, acronym, country and capital tolerant: "Britain" for "the United
Kingdom", "Washington" for the United States, "CNN" for "convolutional neural networks").
"""

from __future__ import annotations

import os
import re

from ..language import ALIASES, COUNTRY_NAMES, DEMONYMS, HONORIFICS, METONYMS
from ._text import ADVICE_VERBS, MONTHS, STOPWORDS, WEEKDAYS, stem

__all__ = ["METONYMS", "WORD_RE", "extract_names", "is_acronym", "name_found", "name_key"]

WORD_RE = re.compile(r"[A-Za-z][A-Za-z0-9'.&-]*[A-Za-z0-9]|[A-Za-z]")

_NAME_JOINERS = {
    "of",
    "de",
    "da",
    "del",
    "van",
    "von",
    "al",
    "bin",
    "la",
    "le",
    "du",
    "der",
    "den",
    "and",
    "&",
    "for",
    "the",
}
# Capitalised words that are not names when they open a clause.
_NOT_NAMES = {"i", "i'm", "i've", "i'd", "i'll", "ok", "am", "pm", "unk"}  # "UNK": a summariser's unknown word
# Words that open a clause capitalised and run into a name without being part of it: "Follow NASA's updates",
# "Meanwhile Congress ...", "Critics of Apple ...".
_CLAUSE_OPENERS = ADVICE_VERBS | frozenset(
    """
meanwhile yesterday today tomorrow tonight still however also now then here there instead overall finally first
second third next last earlier later recently currently together again yet thus hence indeed perhaps maybe
pros cons critics supporters officials analysts experts residents readers viewers voters investors
""".split()
)


def extract_names(text: str) -> list[tuple[tuple[str, ...], str]]:
    """Capitalised spans ("Natalia Moon", "European Central Bank", "ECB") of cased text; none for all-lower text.

    A capitalised word that opens the sentence or a quote counts only inside a longer span or as an acronym,
    since "Analysts" or "The" open sentences without naming anyone.
    """
    if not re.search(r"[A-Z]", text) or text == text.upper():
        return []
    words = list(WORD_RE.finditer(text))
    spans: list[tuple[tuple[str, ...], str]] = []
    i = 0
    while i < len(words):
        word = words[i].group()
        if not _is_capitalised(word):
            i += 1
            continue
        j = i + 1
        while j < len(words):
            nxt = words[j].group()
            gap = text[words[j - 1].end() : words[j].start()]
            if gap.strip() not in ("", "-", "'s") or "\n" in gap:
                break
            if _is_capitalised(nxt):
                j += 1
            elif (
                nxt.lower() in _NAME_JOINERS
                and j + 1 < len(words)
                and _is_capitalised(words[j + 1].group())
                and text[words[j].end() : words[j + 1].start()].strip() == ""
            ):
                j += 2
            else:
                break
        span_words = [w.group() for w in words[i:j]]
        clause_start = _opens_clause(text, words[i].start())
        # drop leading function words ("The", "In", "But") and honorifics
        while span_words and (
            span_words[0].lower() in STOPWORDS
            or span_words[0].lower().rstrip(".") in HONORIFICS
            or (clause_start and span_words[0].lower() in _CLAUSE_OPENERS)
        ):
            span_words = span_words[1:]
            clause_start = False if len(span_words) else clause_start
        if span_words:
            keys = tuple(name_key(w) for w in span_words if w.lower() not in _NAME_JOINERS)
            keys = tuple(k for k in keys if k and k not in _NOT_NAMES and k not in MONTHS and k not in WEEKDAYS)
            single_opener = clause_start and len(span_words) == 1 and len(words[i:j]) == 1
            if keys and (not single_opener or is_acronym(span_words[0])):
                spans.append((keys, " ".join(span_words)))
        i = max(j, i + 1)
    return spans


def _is_capitalised(word: str) -> bool:
    return word[0].isupper() and word.lower() not in ("i",)


def is_acronym(word: str) -> bool:
    letters = word.replace(".", "")
    return len(letters) >= 2 and letters.isupper() and letters.isalpha()


def name_key(word: str) -> str:
    word = word.lower().rstrip(".")
    word = word.removesuffix("'s")
    return word.replace(".", "") if re.fullmatch(r"(?:[a-z]\.)+[a-z]?", word + ".") or "." in word else word


def _opens_clause(text: str, position: int) -> bool:
    before = text[:position].rstrip()
    return not before or before[-1] in ".!?:;\"'(-\u2022*#>" or before.endswith(("--", "\n"))


_DEMONYMS, _ACRONYM_ALIASES, _SAME_COUNTRY = DEMONYMS, ALIASES, COUNTRY_NAMES


# the source text is lower-case where this is used, and there "us" is a pronoun: it never stands for the country
_COUNTRY_PATTERNS = [
    (names, re.compile("|".join(r"(?<![\w.])" + re.escape(n) + r"(?!\w)" for n in names if n != "us")))
    for names in _SAME_COUNTRY
]


def _country_found(keys: tuple[str, ...], text: str) -> bool:
    joined = " ".join(keys)
    targets = METONYMS.get(joined.removesuffix("'s"), ())
    for names, pattern in _COUNTRY_PATTERNS:
        if (joined in names or names[0] in targets) and pattern.search(text):
            return True
    return any(
        re.search(r"(?<![\w.])" + re.escape(t) + r"(?!\w)", text) for t in targets if t not in ("america", "britain")
    )


def name_found(
    keys: tuple[str, ...], words: set[str], stems: set[str], acronyms: set[str], text: str, surface: str = ""
) -> bool:
    """Whether every word of a name is in the sources (inflection, demonym, acronym and country-name tolerant)."""
    if _country_found(keys, text):
        return True
    if _spelled_out(surface, text):
        return True
    joined = "".join(k[0] for k in keys if k)
    if len(keys) > 1 and joined in acronyms | words:
        return True  # "United Nations" where the source says "UN"
    for key in keys:
        if key in words or stem(key) in stems or key in acronyms or key + "s" in words:
            continue  # "CNN" where the source has only "CNNs"
        if key in _ACRONYM_ALIASES and any(alias in text for alias in _ACRONYM_ALIASES[key]):
            continue
        base = _DEMONYMS.get(key)
        if base and base in words:
            continue
        if _regular_demonym(key, words):
            continue
        return False
    return True


def _spelled_out(surface: str, text: str) -> bool:
    """ "CNN" backed by "convolutional neural networks", "GANs" by "generative adversarial networks": an acronym
    whose letters open consecutive words of the (lower-case) source, small linking words aside."""
    letters = surface.removesuffix("'s")
    letters = letters[:-1] if letters.endswith("s") and letters[:-1].isupper() else letters
    if not (3 <= len(letters) <= 6 and letters.isalpha() and letters.isupper()):
        return False
    link = r"(?:(?:of|and|for|the|on|in|&)\s+)?"
    pattern = r"\b" + r"[\s-]+".join(f"{link}({re.escape(c)}\\w+)" for c in letters.lower()).removeprefix(link)
    return any(not any(w in STOPWORDS for w in match.groups()) for match in re.finditer(pattern, text))


def _regular_demonym(key: str, words: set[str]) -> bool:
    """ "Ukrainian" backed by "Ukraine", "Israeli" by "Israel": a demonym ending on a country's stem."""
    if len(key) <= 4 or not re.search(r"(an|ian|ese|ish|i|ean|ans|ians)$", key):
        return False
    return any(
        w.startswith(key[:4]) and len(os.path.commonprefix([w, key])) >= max(4, int(0.55 * min(len(w), len(key))))
        for w in words
    )
