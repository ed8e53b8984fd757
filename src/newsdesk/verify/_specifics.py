"""Specifics: the checkable facts inside a sentence — numbers, amounts, percentages, dates, times, names, quotes.

Each is reduced to a key that survives rewording: "27", "twenty-seven" and "27th" are the number 27; "$1.2bn",
"1.2 billion dollars" and "1,200,000,000" are 1.2e9; "Nov. 13" is month 11 plus the number 13; "9pm" is 21:00.
A specific in a written sentence must be found in a source; a number that is absent where the best-matching
source sentence has a different number of the same sort is a contradiction, not just a gap.
"""

from __future__ import annotations

import math
import os
import re
from dataclasses import dataclass

from ._text import ADVICE_VERBS, STOPWORDS, normalise, stem

__all__ = ["Number", "Specifics", "extract", "extract_quotes", "number_found", "quote_key"]

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "dozen": 12,
}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
         "ninety": 90}
_SCALES = {"hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_SHORT_SCALES = {"k": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "bn": 1e9, "b": 1e9, "tn": 1e12, "trn": 1e12}
MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
    "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
WEEKDAYS = {
    "monday": "mon", "tuesday": "tue", "wednesday": "wed", "thursday": "thu", "friday": "fri", "saturday": "sat",
    "sunday": "sun",
}
# Month words that are also ordinary words: a date only when capitalised or next to a number.
_AMBIGUOUS_MONTHS = {"may", "march", "mar", "jan", "jun", "jul", "aug", "sep", "oct", "nov", "dec", "sept", "apr",
                     "feb"}

_WORD_NUMBER = "|".join(sorted([*_UNITS, *_TENS, *_SCALES], key=len, reverse=True))
_NUMBER_RE = re.compile(
    r"(?:(?P<cur>[$£€¥]|\b(?:us|au|a|c|nz|hk)\$|\b(?:usd|gbp|eur|rs|inr))\s?)?"
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|(?:\b(?:" + _WORD_NUMBER + r")\b(?:[\s-]+(?:and[\s-]+)?)?)+)"
    r"(?P<suffix>(?<=\d)(?:st|nd|rd|th)\b)?"
    r"(?:\s?(?P<scale>trillion|billion|million|thousand|hundred|bn|mn|mln|tn|trn|k|m|b)\b)?"
    r"(?:\s?(?P<pct>%|per\s?cent|percent|pc\b|percentage points?))?"
    r"(?:\s?(?P<ampm>a\.?m\.?|p\.?m\.?)(?![a-z]))?",
    re.IGNORECASE)
_CLOCK_RE = re.compile(r"\b([01]?\d|2[0-3]):([0-5]\d)\b")
_WORD_RE = re.compile(r"[A-Za-z][A-Za-z0-9'.&-]*[A-Za-z0-9]|[A-Za-z]")


@dataclass(frozen=True)
class Number:
    value: float
    unit: str  # "", "money", "percent", "year", "time", "ordinal"
    text: str
    precision: float  # half of the smallest step the written figure expresses (rounding tolerance)
    context: str = ""  # stem of the content word that follows (what is being counted)


@dataclass
class Specifics:
    numbers: list[Number]
    months: list[tuple[int, str]]  # (month, surface)
    weekdays: list[tuple[str, str]]
    times: list[tuple[str, str]]  # ("21:00", surface)
    names: list[tuple[tuple[str, ...], str]]  # (lower-case tokens, surface span)
    quotes: list[str]

    def empty(self) -> bool:
        return not (self.numbers or self.months or self.weekdays or self.times or self.names or self.quotes)


def _parse_words(words: str) -> float | None:
    total, current, seen = 0.0, 0.0, False
    for word in re.split(r"[\s-]+", words.lower()):
        if not word or word == "and":
            continue
        if word in _UNITS:
            current += _UNITS[word]
        elif word in _TENS:
            current += _TENS[word]
        elif word in _SCALES:
            scale = _SCALES[word]
            current = (current or 1) * scale
            if scale >= 1000:
                total, current = total + current, 0.0
        else:
            return None
        seen = True
    return total + current if seen else None


def _precision(digits: str, scale: float) -> float:
    """Rounding tolerance of a written figure: "1.2bn" is +-0.05bn, "12,000" is +-500, "27" is exact."""
    digits = digits.replace(",", "")
    if "." in digits:
        decimals = len(digits.split(".")[1])
        return 0.5 * 10 ** (-decimals) * scale
    if scale > 1:
        return 0.5 * scale
    stripped = digits.rstrip("0")
    zeros = len(digits) - len(stripped)
    value = float(digits) if digits else 0
    if value < 1000 or zeros == 0:
        return 0.0
    return 0.5 * 10 ** zeros


_NOT_CONTEXT = {*_SCALES, *_UNITS, *_TENS, *MONTHS, *WEEKDAYS, "per", "cent", "percent"}


def _following_context(text: str, end: int) -> str:
    for word in re.findall(r"[a-z]+", text[end:end + 40].lower())[:3]:
        if word not in STOPWORDS and len(word) > 2 and word not in _NOT_CONTEXT:
            return stem(word)
    return ""


# A small count after "the", "these", "both" ... counts things already named: "the two neighbours".
_ANAPHORIC_COUNT = re.compile(r"\b(?:the|these|those|both|all)\s+$", re.IGNORECASE)
MAX_ANAPHORIC_COUNT = 4
_RANGE_GAP = re.compile(r"\s*(?:-|to|and|or)\s*", re.IGNORECASE)


def extract_numbers(text: str, source: bool = False) -> list[Number]:
    """Every figure in ``text`` (already normalised), with its unit and rounding tolerance.

    A bare "one" is no checkable figure in a written sentence ("one of the"), but a source's "Formula One" or
    "one person" still backs a written "1": ``source=True`` keeps it.
    """
    out: list[Number] = []
    lower = text.lower()
    for match in _CLOCK_RE.finditer(text):
        value = int(match.group(1)) * 60 + int(match.group(2))
        out.append(Number(value, "time", match.group(), 0.0))
    taken = [m.span() for m in _CLOCK_RE.finditer(text)]
    previous_end, previous_bare = 0, False  # where the last figure ended; whether it had no scale or percent
    for match in _NUMBER_RE.finditer(text):
        start, end = match.span()
        if any(a <= start < b for a, b in taken) or not match.group("num").strip():
            continue
        raw = match.group("num").strip().rstrip("-")
        is_digits = raw[0].isdigit()
        if is_digits:
            if start > 0 and (text[start - 1].isalpha() or text[start - 1] in "/" or re.search(r"[A-Za-z]-$", text[:start])):
                continue  # "G20", "COVID-19" stay names, not figures
            value = float(raw.replace(",", ""))
        else:
            words = [w for w in re.split(r"[\s-]+", raw.lower()) if w and w != "and"]
            if not words or (len(words) == 1 and words[0] in ("hundred", "thousand", "zero")) or (
                    words == ["one"] and not source):
                continue  # "one of the", a bare "hundreds" are not checkable figures
            if not source and _ANAPHORIC_COUNT.search(text[:start]) and len(words) == 1 and words[0] in _UNITS \
                    and _UNITS[words[0]] <= MAX_ANAPHORIC_COUNT:
                continue  # "the two neighbours": a count of things the sentence or source has named, no new figure
            if all(w in _SCALES for w in words):
                continue
            parsed = _parse_words(raw)
            if parsed is None:
                continue
            value = parsed
        scale_word = (match.group("scale") or "").lower()
        scale = _SCALES.get(scale_word) or _SHORT_SCALES.get(scale_word, 1.0)
        if scale_word in ("m", "b") and not match.group("cur"):
            scale = 1.0  # "5 m" is more often metres than millions without a currency sign
        if not is_digits and scale_word in _SCALES:
            scale = 1.0  # word parsing already applied it
        value *= scale
        unit = ""
        if match.group("cur") or re.match(r"\s*(dollars|pounds|euros|yen|yuan|rupees)", lower[end:end + 10]):
            unit = "money"
        elif match.group("pct"):
            unit = "percent"
        elif match.group("ampm"):
            hour = int(value) % 12 + (12 if match.group("ampm").lower().startswith("p") else 0)
            unit, value = "time", hour * 60
        elif match.group("suffix"):
            unit = "ordinal"
        elif is_digits and len(raw) == 4 and 1800 <= value <= 2100 and scale == 1.0:
            unit = "year"
        precision = _precision(raw, scale) if is_digits and unit != "year" else 0.0
        number = Number(value, unit, match.group().strip(), precision, _following_context(text, end))
        previous = out[-1] if out else None
        if previous is not None and previous_bare and (scale > 1 or unit == "percent") and \
                previous.unit in ("", unit) and _RANGE_GAP.fullmatch(text[previous_end:start]) and \
                previous.value * scale < value:
            # "$160-$170 billion", "5 to 6 percent": a range's upper end lends its scale and unit to its lower end
            suffix = scale_word or "percent"
            out.append(Number(previous.value * scale, unit, f"{previous.text} {suffix}",
                              _precision(previous.text.lstrip("$£€¥"), scale) if previous.text[-1:].isdigit() else 0.0,
                              number.context))
        out.append(number)
        previous_end, previous_bare = end, scale == 1.0 and unit in ("", "money") and not match.group("pct")
    return out


def number_found(number: Number, pool: list[Number]) -> bool:
    """Whether a figure is stated in ``pool``, allowing the rounding the written figure implies."""
    for other in pool:
        if number.unit == "time" or other.unit == "time":
            if number.unit == other.unit and number.value == other.value:
                return True
            continue
        difference = abs(other.value - number.value)
        # Rounding is strictly inside half a unit: "13 billion" does not restate "13.5 billion".
        if difference < number.precision or difference <= 1e-9 * max(1.0, abs(number.value)):
            return True
    return False


def _month_mentions(text: str) -> list[tuple[int, str]]:
    out = []
    for match in re.finditer(r"\b([A-Za-z]{3,9})\b\.?", text):
        word = match.group(1)
        key = word.lower()
        if key not in MONTHS:
            continue
        if key in _AMBIGUOUS_MONTHS:
            near = text[max(0, match.start() - 4):match.end() + 6]
            if not (word[0].isupper() and word != word.upper() and key not in ("may", "march")) and not re.search(
                    r"\d", near):
                continue
        out.append((MONTHS[key], word))
    return out


def _weekday_mentions(text: str) -> list[tuple[str, str]]:
    lower = text.lower()
    return [(WEEKDAYS[w], w) for w in WEEKDAYS if re.search(r"\b" + w + r"\b", lower)]


# ---------------------------------------------------------------------------------------------- names

_HONORIFICS = {"mr", "mrs", "ms", "dr", "sir", "dame", "lord", "lady", "prof", "miss", "mx", "st"}
_NAME_JOINERS = {"of", "de", "da", "del", "van", "von", "al", "bin", "la", "le", "du", "der", "den", "and", "&",
                 "for", "the"}
# Capitalised words that are not names when they open a clause.
_NOT_NAMES = {"i", "i'm", "i've", "i'd", "i'll", "ok", "am", "pm", "unk"}  # "UNK": a summariser's unknown word
# Words that open a clause capitalised and run into a name without being part of it: "Follow NASA's updates",
# "Meanwhile Congress ...", "Critics of Apple ...".
_CLAUSE_OPENERS = ADVICE_VERBS | frozenset("""
meanwhile yesterday today tomorrow tonight still however also now then here there instead overall finally first
second third next last earlier later recently currently together again yet thus hence indeed perhaps maybe
pros cons critics supporters officials analysts experts residents readers viewers voters investors
""".split())


def extract_names(text: str) -> list[tuple[tuple[str, ...], str]]:
    """Capitalised spans ("Natalia Moon", "European Central Bank", "ECB") of cased text; none for all-lower text.

    A capitalised word that opens the sentence or a quote counts only inside a longer span or as an acronym,
    since "Analysts" or "The" open sentences without naming anyone.
    """
    if not re.search(r"[A-Z]", text) or text == text.upper():
        return []
    words = list(_WORD_RE.finditer(text))
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
            gap = text[words[j - 1].end():words[j].start()]
            if gap.strip() not in ("", "-", "'s") or "\n" in gap:
                break
            if _is_capitalised(nxt):
                j += 1
            elif nxt.lower() in _NAME_JOINERS and j + 1 < len(words) and _is_capitalised(words[j + 1].group()) and \
                    text[words[j].end():words[j + 1].start()].strip() == "":
                j += 2
            else:
                break
        span_words = [w.group() for w in words[i:j]]
        clause_start = _opens_clause(text, words[i].start())
        # drop leading function words ("The", "In", "But") and honorifics
        while span_words and (span_words[0].lower() in STOPWORDS or span_words[0].lower().rstrip(".") in _HONORIFICS
                              or (clause_start and span_words[0].lower() in _CLAUSE_OPENERS)):
            span_words = span_words[1:]
            clause_start = False if len(span_words) else clause_start
        if span_words:
            keys = tuple(_name_key(w) for w in span_words if w.lower() not in _NAME_JOINERS)
            keys = tuple(k for k in keys if k and k not in _NOT_NAMES and k not in MONTHS and k not in WEEKDAYS)
            single_opener = clause_start and len(span_words) == 1 and len(words[i:j]) == 1
            if keys and (not single_opener or _is_acronym(span_words[0])):
                spans.append((keys, " ".join(span_words)))
        i = max(j, i + 1)
    return spans


def _is_capitalised(word: str) -> bool:
    return word[0].isupper() and word.lower() not in ("i",)


def _is_acronym(word: str) -> bool:
    letters = word.replace(".", "")
    return len(letters) >= 2 and letters.isupper() and letters.isalpha()


def _name_key(word: str) -> str:
    word = word.lower().rstrip(".")
    word = word.removesuffix("'s")
    return word.replace(".", "") if re.fullmatch(r"(?:[a-z]\.)+[a-z]?", word + ".") or "." in word else word


def _opens_clause(text: str, position: int) -> bool:
    before = text[:position].rstrip()
    return not before or before[-1] in ".!?:;\"'(-\u2022*#>" or before.endswith(("--", "\n"))


_DEMONYMS = {
    "french": "france", "dutch": "netherlands", "swiss": "switzerland", "filipino": "philippines",
    "filipina": "philippines", "welsh": "wales", "irish": "ireland", "spanish": "spain", "polish": "poland",
    "danish": "denmark", "finnish": "finland", "british": "britain", "briton": "britain", "scots": "scotland",
    "english": "england", "american": "america", "greek": "greece", "thai": "thailand", "turkish": "turkey",
    "swedish": "sweden", "norwegian": "norway", "kiwi": "zealand", "portuguese": "portugal", "chinese": "china",
    "japanese": "japan", "vietnamese": "vietnam", "lebanese": "lebanon", "sudanese": "sudan",
}
_ACRONYM_ALIASES = {"uk": ("britain", "united kingdom"), "us": ("america", "united states"), "un": ("united nations",),
                    "eu": ("european union",), "usa": ("america", "united states")}


# Names a source may use for the same country: a written name is found if the source uses any of them.
_SAME_COUNTRY = [
    ("britain", "great britain", "united kingdom", "uk", "u.k."),
    ("america", "united states", "united states of america", "us", "u.s.", "usa", "u.s.a."),
]


# the source text is lower-case where this is used, and there "us" is a pronoun: it never stands for the country
_COUNTRY_PATTERNS = [(names, re.compile("|".join(r"(?<![\w.])" + re.escape(n) + r"(?!\w)" for n in names if n != "us")))
                     for names in _SAME_COUNTRY]


# A capital or a seat of government standing for its country or government ("Washington insists", "Moscow denied"),
# and "Europe" for the European Union: found where the source names the country or body itself.
METONYMS = {
    "washington": ("america",), "white house": ("america",), "capitol hill": ("congress",),
    "kremlin": ("russia",), "moscow": ("russia",), "beijing": ("china",), "london": ("britain",),
    "downing street": ("britain",), "whitehall": ("britain",), "westminster": ("britain",), "paris": ("france",),
    "berlin": ("germany",), "tokyo": ("japan",), "tehran": ("iran",), "kyiv": ("ukraine",), "kiev": ("ukraine",),
    "jerusalem": ("israel",), "pyongyang": ("north korea",), "seoul": ("south korea",), "ankara": ("turkey",),
    "ottawa": ("canada",), "canberra": ("australia",), "new delhi": ("india",), "delhi": ("india",),
    "brussels": ("european union", "eu"), "europe": ("european union", "eu"),
}


def _country_found(keys: tuple[str, ...], text: str) -> bool:
    joined = " ".join(keys)
    targets = METONYMS.get(joined.removesuffix("'s"), ())
    for names, pattern in _COUNTRY_PATTERNS:
        if (joined in names or names[0] in targets) and pattern.search(text):
            return True
    return any(re.search(r"(?<![\w.])" + re.escape(t) + r"(?!\w)", text) for t in targets if t not in ("america", "britain"))


def name_found(keys: tuple[str, ...], words: set[str], stems: set[str], acronyms: set[str], text: str,
               surface: str = "") -> bool:
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
    """"CNN" backed by "convolutional neural networks", "GANs" by "generative adversarial networks": an acronym
    whose letters open consecutive words of the (lower-case) source, small linking words aside."""
    letters = surface.removesuffix("'s")
    letters = letters[:-1] if letters.endswith("s") and letters[:-1].isupper() else letters
    if not (3 <= len(letters) <= 6 and letters.isalpha() and letters.isupper()):
        return False
    link = r"(?:(?:of|and|for|the|on|in|&)\s+)?"
    pattern = r"\b" + r"[\s-]+".join(f"{link}({re.escape(c)}\\w+)" for c in letters.lower()).removeprefix(link)
    return any(not any(w in STOPWORDS for w in match.groups()) for match in re.finditer(pattern, text))


def _regular_demonym(key: str, words: set[str]) -> bool:
    """"Ukrainian" backed by "Ukraine", "Israeli" by "Israel": a demonym ending on a country's stem."""
    if len(key) <= 4 or not re.search(r"(an|ian|ese|ish|i|ean|ans|ians)$", key):
        return False
    return any(w.startswith(key[:4])
               and len(os.path.commonprefix([w, key])) >= max(4, int(0.55 * min(len(w), len(key)))) for w in words)


# ---------------------------------------------------------------------------------------------- quotes

# Double quotes anywhere; single quotes only hugging their words ('like this'), so apostrophes are not quotes.
_QUOTE_RE = re.compile(r'"([^"]{3,}?)"|(?:^|(?<=[\s(\[]))\'(\w[^\']{1,}?[\w.,!?])\'(?=[\s.,;:!?)\]]|$)')


def extract_quotes(text: str) -> list[str]:
    """Quoted passages of at least three words (shorter ones are scare quotes, checked as names/words)."""
    out = []
    for match in _QUOTE_RE.finditer(text):
        quote = (match.group(1) or match.group(2) or "").strip()
        if len(re.findall(r"\w+", quote)) >= 3:
            out.append(quote)
    return out


def quote_key(text: str) -> str:
    """Letters and digits only, single-spaced, lower-case: quote matching shrugs off punctuation and spacing."""
    text = re.sub(r"(\w) ?n't\b", r"\1nt", normalise(text).lower())
    text = re.sub(r"(\w) ?'(s|re|ve|ll|d|m)\b", r"\1\2", text)
    return " ".join(re.findall(r"[a-z0-9]+", text))


def extract(text: str) -> Specifics:
    """All specifics of one sentence (``text`` is normalised here)."""
    text = normalise(text)
    numbers = extract_numbers(text)
    times = [(f"{int(n.value) // 60:02d}:{int(n.value) % 60:02d}", n.text) for n in numbers if n.unit == "time"]
    return Specifics(
        numbers=[n for n in numbers if n.unit != "time"],
        months=_month_mentions(text),
        weekdays=_weekday_mentions(text),
        times=times,
        names=extract_names(text),
        quotes=extract_quotes(text),
    )


# Words that follow many unrelated figures ("a two-year contract", "a 27-year-old"): no evidence of the same fact.
_GENERIC_CONTEXT = {"year", "old", "time", "day", "week", "month", "hour", "minute", "second", "point", "game",
                    "match", "season", "place"}


def numbers_conflict(number: Number, pool: list[Number]) -> Number | None:
    """A figure in ``pool`` that states the same sort of thing with a different value ("killed 17" vs "27")."""
    for other in pool:
        if other.unit != number.unit or math.isclose(other.value, number.value):
            continue
        if number.unit == "year":
            continue  # a different year is usually a different event, not a contradiction
        if number.context and number.context == other.context and number.context not in _GENERIC_CONTEXT:
            return other
        if number.unit in ("money", "percent", "time") and not number.context and not other.context:
            return other
    return None
