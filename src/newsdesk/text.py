"""Text handling shared by the writer, retrieval and the verifier: one normalisation, one stopword list, the
tokenisers and the sentence splitters.

Written sentences are split with pysbd (it knows "Mr.", "U.S." and "Nov. 13"). Source passages are split with a
cheaper rule-based splitter that keeps character offsets, because citations quote exact spans of a passage and
a story is split once per verification run, not once per sentence.

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
    "source_spans",
    "split_sentences",
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
    than tab, line feed and carriage return (NUL among them, which PostgreSQL cannot store in text) become spaces.
    Every entry point applies it, so what is stored, shown, drafted from and checked is what a reader sees."""
    if text.isascii():
        return _ASCII_CONTROLS.sub(" ", text) if _ASCII_CONTROLS.search(text) else text
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


# ---------------------------------------------------------------------------------------------- sentences

_SEGMENTER = None


def split_sentences(text: str) -> list[str]:
    """Sentences of written text, in order, stripped; pysbd does the work."""
    global _SEGMENTER
    text = text.strip()
    if not text:
        return []
    if _SEGMENTER is None:
        import pysbd

        _SEGMENTER = pysbd.Segmenter(language="en", clean=False)
    out: list[str] = []
    for paragraph in re.split(r"\n\s*\n|\n(?=\s*(?:[-*\u2022]|\d+[.)])\s)", text):
        for line in (cut for run in _line_runs(paragraph) for cut in _segmentable(" ".join(run.split()))):
            start = len(out)
            for sentence in (cut for run in _SEGMENTER.segment(line) for cut in _unmarked_ends(run)):
                # tokenised text (" . " between sentences) that pysbd leaves joined, e.g. after a ` quote
                for part in re.split(r"(?<=\s\.)\s+(?=\S)", sentence):
                    if not part.strip():
                        continue
                    if len(out) > start and not _ANY_WORD_CHARACTER.search(part):
                        out[-1] += part.rstrip()  # a closing quotation mark cut off alone: no sentence of its own
                    else:
                        out.append(part.strip())
    return out


_ANY_WORD_CHARACTER = re.compile(r"\w")
# An initialism ("U.S.", "D.C.") and the space after it, where a sentence may end (``_opens_sentence``).
_INITIALISM = re.compile(r"(?<![\w.])(?:[A-Za-z]\.){2,}\s+")
# A word in lower case, a space, and a capitalised word: where two sentences run together with no full stop.
_RUN_TOGETHER = re.compile(r"(?<![\w'’.-])([a-z][a-z'’]+) (?=[A-Z][a-z']*\s)")


def _unmarked_ends(sentence: str) -> list[str]:
    """``sentence`` cut where a sentence ends with no mark that pysbd reads: after an initialism before a sentence
    opener (pysbd ends "in the U.S. The next day" but not "in Washington, D.C. He died"), and where a sentence
    runs into the next with no full stop at all (``_runs_together``)."""
    ends = sorted(
        [m.end() for m in _INITIALISM.finditer(sentence) if _opens_sentence(sentence[m.end() : m.end() + 40])]
        + _run_together_ends(sentence)
    )
    cuts, start = [], 0
    for end in ends:
        cuts.append(sentence[start:end].strip())
        start = end
    return [*cuts, sentence[start:]] if cuts else [sentence]


def _run_together_ends(text: str) -> list[int]:
    """Offsets in ``text`` where one sentence runs into the next with no full stop: a content word in lower case,
    then a sentence opener (``_opens_sentence``: "He was", "The family have"). News pages set photo captions
    without a full stop in their own element, and copy that flattens the page runs each caption into the story's
    next sentence ("... after its collapse He was one of Saddam's most trusted henchmen", Smoke test 40b #7).
    A sentence does not end on a function word ("the", "of", "his"), so none before one is a break, nor is a
    capitalised word followed by another (a name or a title: "the film The Theory of Everything")."""
    return [
        m.end(1) + 1
        for m in _RUN_TOGETHER.finditer(text)
        if m.group(1).rstrip("'’") not in STOPWORDS
        and m.group(1) not in _CONTINUING_WORDS
        and _opens_sentence(text[m.end() : m.end() + 40], declarative=True)
    ]


# A line that ends on one of these (or a sentence's end, which pysbd finds) goes on in the next line.
_OPEN_LINE_END = re.compile(r"[,;:(/&+=\-\u2013\u2014]$")
# Words a sentence does not end on: hard-wrapped prose cut after one goes on ("the", "of", "Mr" before a name).
_CONTINUING_WORDS = frozenset(
    re.findall(
        r"\S+",
        """
a an the of to in on at by for with from into onto upon about over under after before between than as and or but
nor that which who whom whose whether if because while since until per via its their his her our your my this these
those such both either neither each every no not very more most
""",
    )
)


def _line_runs(paragraph: str) -> list[str]:
    """The runs of ``paragraph``'s lines that read as one sentence or more: a line break ends a sentence where the
    line ends with no sentence punctuation and the next line starts with a capital (Smoke test 35 #4: notes, wire
    flashes and transcripts put one sentence on each line, with no full stop). Hard-wrapped prose is not cut: it
    goes on in lower case, or after a comma, a dash, an article, a preposition or a title before a name."""
    lines = [line.strip() for line in paragraph.split("\n") if line.strip()]
    if _filled(lines):
        return [" ".join(lines)]
    runs: list[str] = []
    for line in lines:
        if runs and not _ends_at_break(runs[-1], line):
            runs[-1] += " " + line
        else:
            runs.append(line)
    return runs


WRAP_MIN_CHARS = 50  # a paragraph wrapped narrower than this is a list of short lines, not filled prose
WRAP_SPREAD = 0.2  # the lines of wrapped prose, its last aside, are within this share of its longest


def _filled(lines: list[str]) -> bool:
    """Hard-wrapped prose: three lines or more, every one but the last filled to about one width. A line break
    there falls wherever the width did, before a name as often as anywhere ("the United\nStates"), so it ends
    nothing; lines of one sentence each are as long as their sentences."""
    if len(lines) < 3:
        return False
    widths = [len(line) for line in lines[:-1]]
    widest = max(widths)
    return widest >= WRAP_MIN_CHARS and min(widths) >= (1 - WRAP_SPREAD) * widest


def _ends_at_break(before: str, after: str) -> bool:
    if not after[:1].isupper() or _OPEN_LINE_END.search(before):
        return False
    if re.search(r"[.!?\u2026][\"'\u201d\u2019)\]]*$", before):
        return False  # a sentence's end: pysbd reads it (and an abbreviation before a name) as ever
    last = re.findall(r"[^\W_]+", before[-40:].lower())
    return bool(last) and last[-1] not in _CONTINUING_WORDS and last[-1] not in _ABBREVIATIONS


# pysbd's time grows with the square of a line's length (a 190 KB paragraph took 40 s, a 10 KB one 0.08 s): a
# longer line is first cut at the cheap splitter's sentence ends (``source_spans``); news paragraphs are far shorter.
MAX_SEGMENTED_CHARS = 10_000


def _segmentable(line: str) -> list[str]:
    if len(line) <= MAX_SEGMENTED_CHARS:
        return [line] if line else []
    pieces: list[str] = []
    start = end = 0
    for span_start, span_end in source_spans(line):
        if span_end - start > MAX_SEGMENTED_CHARS and end > start:
            pieces.append(line[start:end].strip())
            start = span_start
        end = span_end
    pieces.append(line[start:].strip())
    return [cut for piece in pieces if piece for cut in _at_spaces(piece)]


def _at_spaces(piece: str) -> list[str]:
    """A piece still longer than ``MAX_SEGMENTED_CHARS`` has no sentence end in it at all (a run-on paste): it is
    cut at the last space before each limit, so that no line pysbd reads is longer."""
    cuts: list[str] = []
    while len(piece) > MAX_SEGMENTED_CHARS:
        at = piece.rfind(" ", 0, MAX_SEGMENTED_CHARS)
        at = at if at > 0 else MAX_SEGMENTED_CHARS
        cuts.append(piece[:at].strip())
        piece = piece[at:].strip()
    return [*cuts, piece] if piece else cuts


_ABBREVIATIONS = frozenset(
    re.findall(
        r"\S+",
        """
mr mrs ms dr prof sr jr st mt gen col lt sgt capt cmdr gov sen rep rev hon no vs etc inc ltd co corp dept est
jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun fig al approx
""",
    )
)
# A sentence's end: a stop before a space, a CJK full stop (no space follows it: "…转折点。 The plan …" is two
# sentences, Smoke test 35 #9), a line's end.
_BOUNDARY = re.compile(r"[.!?]+[\"')\]]*(?=\s)|[\u3002\uff01\uff1f]+[\u300d\u300f\u201d\u2019)\]]*|\n\s*\n|\n")


def source_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences of a source passage; cheap, and exact offsets for citations."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        end = match.end()
        if match.group().startswith("."):
            before = re.search(r"([A-Za-z.]+)\.+[\"')\]]*$", text[start:end])
            word = before.group(1).lower() if before else ""
            if word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
                continue
            if re.fullmatch(r"(?:[a-z]\.)+[a-z]?", word) and not _opens_sentence(text[end : end + 40]):
                continue  # "the U.S. Consulate": an initialism goes on into the name it stands in
            following = text[end : end + 3].lstrip()
            if following[:1].islower() and " . " not in text[start : end + 2]:
                continue  # "e.g. the" or a lower-case continuation; tokenised all-lower text splits on " . "
        _append_span(text, start, end, spans)
        start = end
    _append_span(text, start, len(text), spans)
    return [piece for span in spans for piece in _run_together_pieces(text, span)]


def _run_together_pieces(text: str, span: tuple[int, int]) -> list[tuple[int, int]]:
    """``span`` cut where one sentence runs into the next with no full stop (``_run_together_ends``)."""
    start, end = span
    pieces: list[tuple[int, int]] = []
    for cut in _run_together_ends(text[start:end]):
        _append_span(text, start, span[0] + cut, pieces)
        start = span[0] + cut
    _append_span(text, start, end, pieces)
    return pieces


# Function words that open a question, not a statement, or stand for a name as often ("Will", "May"): a glued
# sentence is read only from the words that open statements (``_run_together_ends``).
_AUXILIARIES = frozenset(
    re.findall(
        r"\S+",
        """
am is are was were be been being have has had having do does did doing can could will would shall should must
ought said say says saying told tell according let's
""",
    )
)


def _opens_sentence(following: str, declarative: bool = False) -> bool:
    """Whether the words after an initialism ("U.S.", "D.C.") open a new sentence: the next word is a function word
    (``STOPWORDS``: "The", "He", "In", "But") written with a capital. English capitalises a function word only at a
    sentence's start or in a name or title, while the words that go on with an initialism into a name ("U.S.
    Consulate", "U.S. Chamber of Commerce") are content words; so "in the U.S. The next day ..." ends there, and
    "outside the U.S. Consulate complex" does not. In a name or title the function word is followed by another
    capitalised word (J.P. "The Big Bopper" Richardson), in a sentence by a word in lower case or a number; and
    it stands as a word of its own ("a U.S. A-18F jet" has a letter of a type designation, not the article).

    ``declarative``: only the words that open a statement count, and no quotation mark before them, where nothing
    else marks the end (a question opens with an auxiliary, and a name can be one: "his son Will was"; a
    quotation inside a sentence opens with a capital: "he said 'We will win'"). Not "I" nor "A", which English
    writes with a capital in the middle of sentences too ("the friends I've made", "grade A")."""
    if declarative:
        word = re.match(r"([A-Z][a-z']+)\s+(?![A-Z])\w", following)
        return (
            word is not None
            and not word.group(1).startswith(("I'", "A'"))
            and word.group(1).lower() in STOPWORDS - _AUXILIARIES
        )
    word = re.match(r"\s*[\"'“‘(]?([A-Z][a-z']*)\s+[\"'“‘(]?(?![A-Z])\w", following)
    return word is not None and word.group(1).lower() in STOPWORDS


def _append_span(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


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
