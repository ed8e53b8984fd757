"""Text folded for matching: what a model reads, not what a reader sees or a filter expects.

Zero-width and format characters are removed, look-alike letters and accents folded, letter-by-letter spacing and
digit-for-letter spelling undone, all in lower case, each folded character mapped back to its original offset so a
match on the folded copy marks the original text.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ..language import in_lexicon, nlp, stem

__all__ = ["Folded", "content_words", "fold", "join_spelled", "unmask"]

# Characters that hide text from a reader but not from a model, and letters that only look Latin.
_LOOKALIKE = str.maketrans(
    {
        "а": "a",
        "е": "e",
        "о": "o",
        "р": "p",
        "с": "c",
        "у": "y",
        "х": "x",
        "і": "i",
        "ј": "j",
        "ѕ": "s",
        "ԁ": "d",
        "ɡ": "g",
        "һ": "h",
        "ӏ": "l",
        "α": "a",
        "ε": "e",
        "ι": "i",
        "κ": "k",
        "ν": "v",
        "ο": "o",
        "ρ": "p",
        "τ": "t",
        "υ": "u",
        "χ": "x",
        "’": "'",
        "‘": "'",
        "ʼ": "'",
        "“": '"',
        "”": '"',
        "„": '"',
        "«": '"',
        "»": '"',
    }
)
_LEET = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s"})
_TOKEN = re.compile(r"[\w@$]++")
_HAS_LETTER, _HAS_DIGIT = re.compile(r"[a-z]"), re.compile(r"[0-9@$]")
# letters parted by one separator, the same all through the word: another separator, or a wider gap, ends the word
# ("s.u.m.m.a.r.i.z.e.r.s m-u-s-t" is two words, "s u m m a r y  m u s t" too); in either case, since the parse
# reads the words joined with their capitals (``join_spelled``) and the fold reads them in lower case
_SPACED_LETTERS = re.compile(r"(?<![a-z])[a-z]([ .\-_*·])(?:[a-z]\1)+[a-z](?![a-z])", re.I)
_WORD = re.compile(r"[^\W\d_]{4,}")


@dataclass
class Folded:
    text: str
    origin: list[int]  # folded index -> original index


def fold(text: str) -> Folded:
    chars: list[str] = []
    origin: list[int] = []
    if text.isascii():  # the common case, one character for one: no per-character Unicode work
        chars, origin = list(text.lower()), list(range(len(text)))
    for index, char in enumerate(() if text.isascii() else text):
        if unicodedata.category(char) == "Cf" or char == "\u00ad":
            continue  # zero-width spaces and joiners, bidi controls, soft hyphens
        for piece in unicodedata.normalize("NFKD", char).casefold():
            if unicodedata.category(piece) == "Mn":
                continue  # accents: patterns are written without them
            chars.append(piece.translate(_LOOKALIKE))
            origin.append(index)
    folded = "".join(chars)
    folded = _TOKEN.sub(_unleet, folded)  # "ign0re", "1nstructions"
    keep = [True] * len(folded)
    for match in _SPACED_LETTERS.finditer(folded):  # "i g n o r e" -> "ignore"
        for i in range(match.start(), match.end()):
            if not folded[i].isalpha():
                keep[i] = False
    return Folded(
        "".join(c for c, k in zip(folded, keep, strict=True) if k), [o for o, k in zip(origin, keep, strict=True) if k]
    )


_WORD_CHARS = re.compile(r"[^\W\d_]+")


def unmask(text: str) -> str:
    """The text with the look-alike letters of a mixed-script word read as the Latin letters they pose as, case
    kept ("Аny АI summаry" with Cyrillic А and а is "Any AI summary"): a word of Latin letters with one from
    another script in it is a disguise, for no language writes a word in two scripts. So is a word spelled with
    digits for letters ("5UMM4R135 MU5T 54Y" is "SUMMARIES MUST SAY"), read so where the letters it stands for
    make an English word and it has three characters or more ("A1", "5G", "MP3", "G7" stay). The same length, so
    offsets hold."""

    def latin(match: re.Match[str]) -> str:
        word = match.group()
        if word.isascii() or not any(c.isascii() for c in word):
            return word
        return "".join(_as_latin(c) for c in word)

    if not text.isascii():
        text = _WORD_CHARS.sub(latin, text)
    return _DIGITS_IN_A_WORD.sub(_spelled_out, text) if _HAS_DIGIT.search(text) else text


def join_spelled(text: str) -> str:
    """The text with each word spelled out letter by letter read whole, case kept ("D.i.g.e.s.t.s m-u-s-t" is
    "Digests must"); a reading for the parse, so its length may change."""
    return _SPACED_LETTERS.sub(lambda match: "".join(c for c in match.group() if c.isalpha()), text)


_DIGITS_IN_A_WORD = re.compile(r"(?<![\w@$])(?=[\w@$]*[A-Za-z])(?=[\w@$]*[0-9@$])[\w@$]{3,}(?![\w@$])")


def _spelled_out(match: re.Match[str]) -> str:
    token = match.group()
    plain = token.lower().translate(_LEET)
    if not plain.isalpha() or not (in_lexicon(plain) or plain in nlp().Defaults.stop_words):
        return token
    letters = [c for c in token if c.isalpha()]
    return plain.upper() if all(c.isupper() for c in letters) else plain


def _as_latin(char: str) -> str:
    folded = char.lower().translate(_LOOKALIKE)
    if len(folded) != 1 or not folded.isascii():
        return char
    return folded.upper() if char.isupper() else folded


def _unleet(match: re.Match[str]) -> str:
    token = match.group()
    return token.translate(_LEET) if _HAS_LETTER.search(token) and _HAS_DIGIT.search(token) else token


def content_words(text: str) -> set[str]:
    """Stems (``language.stem``, the one the checker uses) of the words of four letters or more in ``text``,
    folded."""
    return {stem(w) for w in _WORD.findall(fold(text).text)}
