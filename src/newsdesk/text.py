"""Text handling shared by the writer, retrieval and the verifier: one normalisation, one stopword list and the
tokenisers. Sentences are cut in ``newsdesk.sentences``.

This module imports nothing from newsdesk, so every stage can import it without a cycle.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, datetime
from functools import lru_cache

__all__ = [
    "LIST_MARKER",
    "OPENS_QUOTATION",
    "QUOTED",
    "YEAR",
    "STOPWORDS",
    "ascii_number",
    "content_words",
    "counted",
    "date_phrase",
    "fold_country_names",
    "normalise",
    "published_moment",
    "quotation_spans",
    "tokens",
    "visible",
    "within",
    "without_quotations",
    "words",
]

# A quotation's words, marks included: in double quotes, in curly single quotes, or in straight single quotes (the
# house style of British papers) that open after no letter and close before none, apostrophes inside words aside.
QUOTED = re.compile(r"""[\"“”][^\"“”]*[\"“”]|‘[^‘’]*’|(?<![\w'])'(?=\S)(?:[^']|(?<=\w)'(?=\w))*?[^\s']'(?!\w)""")
# A sentence that opens with a quotation mark, single ones included (British news quotes with them): a quotation,
# attributed in it or going on from the sentence before.
OPENS_QUOTATION = re.compile(r"^\W{0,3}[\"“‘']\w")
LIST_MARKER = re.compile(r"^\s*(?:[-*•–]|\d{1,2}[.)])\s+")  # a list item's marker: "- ", "• ", "2. "
YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")  # a year as news writes one: 1800-2099


def ascii_number(value: str | None) -> int | None:
    """``value`` as a whole number when it is written in ASCII digits alone, else None. ``str.isdigit`` accepts
    "²" and other characters ``int`` refuses (a 500 from a query string or a header), and ids, lengths and pids
    are written in ASCII."""
    return int(value) if value and value.isascii() and value.isdigit() else None


def quotation_spans(text: str) -> list[tuple[int, int]]:
    """Where the text's quotations stand (``QUOTED``), as character ranges."""
    return [m.span() for m in QUOTED.finditer(text)]


def within(spans: list[tuple[int, int]], at: int) -> bool:
    """Whether the character at ``at`` stands inside one of ``spans``: inside a quotation, a word is the speaker's,
    not the writer's."""
    return any(start <= at < end for start, end in spans)


def without_quotations(text: str) -> str:
    """The text with each quotation blanked out: what the writer says in his own words."""
    return QUOTED.sub(" ", text)


# Typographic variants and the escape debris of scraped corpora, mapped to plain ASCII.
_TRANSLATE = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "`": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u2033": '"',
        "\u2013": "-",
        "\u2014": " - ",
        "\u2212": "-",
        "\u00a0": " ",
        "\u2009": " ",
        "\u202f": " ",
    }
)


def normalise(text: str) -> str:
    """Plain ASCII quotes and dashes, no backslash escapes, no invisible characters (``visible``); offsets are
    *not* preserved."""
    return visible(text).replace("\\'", "'").replace('\\"', '"').translate(_TRANSLATE).replace("''", '"')


# C0 and C1 control characters other than tab, line feed and carriage return (NUL among them).
_ASCII_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


# Control characters (C0 and C1, but tab, LF, CR) right before a mark that follows a word without a space.
_CONTROLS_BEFORE_MARK = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]+(?=[,.;:!?)\]])")


def _noncharacter(code: int) -> bool:
    """Unicode's 66 noncharacters: U+FDD0-FDEF and the last two code points of every plane."""
    return 0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE


@lru_cache(maxsize=1)
def _invisible_table() -> dict[int, str | None]:
    """Every format character (category Cf), noncharacter and surrogate maps to nothing, every control character
    but tab, LF, CR to a space.

    Built once, on the first text that is not plain ASCII (a scan of the code space, about 0.2 s)."""
    table: dict[int, str | None] = {}
    for code in range(0x110000):
        category = unicodedata.category(chr(code))
        if category in ("Cf", "Cs") or _noncharacter(code):
            table[code] = None
        elif category == "Cc" and chr(code) not in "\t\n\r":
            table[code] = " "
    return table


def visible(text: str) -> str:
    """``text`` without the characters a reader cannot see but a program reads.

    Format characters (Unicode category Cf: zero-width spaces and joiners, bidi controls, soft hyphens, the tag
    characters U+E0000-E007F that can spell a whole hidden sentence) are removed, and so are the code points no
    text may hold (the noncharacters U+FDD0-FDEF and U+xxFFFE/U+xxFFFF, lone surrogates: XML 1.0 refuses them, so
    one in a headline would break the Atom feed for every subscriber, Smoke test 35 #3); control characters other
    than tab, line feed and carriage return (NUL among them, which PostgreSQL cannot store in text) become spaces
    where they stood between words, and go where a punctuation mark follows them.
    Every entry point applies it, so what is stored, shown, drafted from and checked is what a reader sees."""
    if text.isascii() and not _ASCII_CONTROLS.search(text):
        return text
    text = _CONTROLS_BEFORE_MARK.sub("", text)  # "ended\f, the operator said": it separated nothing from the comma
    if text.isascii():
        return _ASCII_CONTROLS.sub(" ", text)
    return text.translate(_invisible_table())


# English function words and reporting verbs: words that say nothing about what a text is about.
STOPWORDS = frozenset(
    re.findall(
        r"\S+",
        """
a about above after again against all also although am among an and any are aren't as at be because been before
being below between both but by can can't cannot could couldn't did didn't do does doesn't doing don't down during
each either else ever every few for from further had hadn't has hasn't have haven't having he he'd he'll he's her
here here's hers herself him himself his how how's however i i'd i'll i'm i've if in into is isn't it it's its
itself just let's me more most mr mrs ms much must mustn't my myself neither no nor not now of off on once only or
other ought our ours ourselves out over own per rather same shan't she she'd she'll she's should shouldn't since so
some such than that that's the their theirs them themselves then there there's these they they'd they'll they're
they've this those though through thus to too under until up upon us very was wasn't we we'd we'll we're we've were
weren't what what's when when's where where's whether which while who who's whom whose why why's will with won't
would wouldn't yet you you'd you'll you're you've your yours yourself yourselves
said say says saying told tell according also yet still even already s t
""",
    )
)


# ---------------------------------------------------------------------------------------------- words and tokens

_WORD = re.compile(r"[^\W_]+")


def words(text: str) -> list[str]:
    """Lower-cased words as written, in any script (apostrophes split them); for overlap counts and search terms,
    where a word must match the text it came from."""
    return _WORD.findall(text.lower())


def content_words(text: str, min_length: int = 3) -> list[str]:
    """``words`` that carry content: no stopwords, nothing shorter than ``min_length`` characters."""
    return [w for w in words(text) if w not in STOPWORDS and len(w) >= min_length]


_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[a-z]+(?:'[a-z]+)?")

_NUMBER_WORDS = {
    "two": "2",
    "three": "3",
    "four": "4",
    "five": "5",
    "six": "6",
    "seven": "7",
    "eight": "8",
    "nine": "9",
    "ten": "10",
    "eleven": "11",
    "twelve": "12",
    "thirteen": "13",
    "fourteen": "14",
    "fifteen": "15",
    "sixteen": "16",
    "seventeen": "17",
    "eighteen": "18",
    "nineteen": "19",
    "twenty": "20",
    "thirty": "30",
    "forty": "40",
    "fifty": "50",
    "sixty": "60",
    "seventy": "70",
    "eighty": "80",
    "ninety": "90",
    "bn": "billion",
    "mn": "million",
    "mln": "million",
    "tn": "trillion",
    "cent": "percent",
}
_COMPOUND = re.compile(
    r"\b(twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[\s-](one|two|three|four|five|six|"
    r"seven|eight|nine)\b"
)


def _compound(match: re.Match[str]) -> str:
    return str(int(_NUMBER_WORDS[match.group(1)]) + (int(_NUMBER_WORDS.get(match.group(2), "0")) or 1))


# One name for each country that sources call several ways: "the United Kingdom", "the UK", "Britain" are one
# word for the lexical checks. Case-sensitive, so the pronoun "us" stays a pronoun.
_COUNTRY_NAMES = [
    (re.compile(r"\b(?:United Kingdom|Great Britain|U\.K\.|UK)(?![\w.])|\bU\.K\.(?=\s|$)"), "Britain"),
    (re.compile(r"\b(?:United States(?: of America)?|U\.S\.A\.?|USA|US)(?![\w.])|\bU\.S\.(?=\W|$)"), "America"),
]


def fold_country_names(text: str) -> str:
    """ "the United Kingdom" -> "the Britain", "U.S." -> "America": one key per country for word overlap."""
    for pattern, name in _COUNTRY_NAMES:
        text = pattern.sub(name, text)
    return text


def tokens(text: str) -> list[str]:
    """Lower-cased word and number tokens of already-normalised text, for comparing what two texts state: number
    words become digits, "%" becomes "percent", a country's several names become one."""
    text = _COMPOUND.sub(_compound, fold_country_names(text).lower().replace("%", " percent "))
    return [_NUMBER_WORDS.get(t, t) for t in _TOKEN.findall(text)]


def counted(n: int, one: str, many: str | None = None) -> str:
    """ "1 entry", "2 entries": a count with its noun in the number the count takes (``many`` for an irregular
    plural; otherwise an "s" is added)."""
    return f"{n} {one if n == 1 else (many or one + 's')}"


def published_moment(published: str | None) -> datetime | None:
    """A stored ISO date or time as a moment (a time without a zone is UTC); None for a missing or odd one."""
    try:
        moment = datetime.fromisoformat((published or "").strip())
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def date_phrase(published: str | None) -> str | None:
    """ "On 17 January" (with the year when it is not the current one), or None for a missing or odd date."""
    moment = published_moment(published)
    if moment is None:
        return None
    year = "" if moment.year == datetime.now(UTC).year else f" {moment.year}"
    return f"On {moment.day} {moment.strftime('%B')}{year}"
