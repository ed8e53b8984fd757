"""Specifics: the checkable facts inside a sentence — numbers, amounts, percentages, dates, times, names, quotes.

Each is reduced to a key that survives rewording: "27", "twenty-seven" and "27th" are the number 27; "$1.2bn",
"1.2 billion dollars" and "1,200,000,000" are 1.2e9; "Nov. 13" is month 11 plus the number 13; "9pm" is 21:00.
A specific in a written sentence must be found in a source; a number that is absent where the best-matching
source sentence has a different number of the same sort is a contradiction, not just a gap.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from ._names import extract_names
from ._text import MONTHS, STOPWORDS, WEEKDAYS, holidays_as_dates, normalise, stem

__all__ = ["Number", "Specifics", "extract", "extract_quotes", "number_found", "quote_key"]

_UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "dozen": 12,
}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_SCALES = {"hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_SHORT_SCALES = {"k": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "bn": 1e9, "b": 1e9, "tn": 1e12, "trn": 1e12}
# Month words that are also ordinary words: a date only when capitalised or next to a number.
_AMBIGUOUS_MONTHS = {
    "may",
    "march",
    "mar",
    "jan",
    "jun",
    "jul",
    "aug",
    "sep",
    "oct",
    "nov",
    "dec",
    "sept",
    "apr",
    "feb",
}

_WORD_NUMBER = "|".join(sorted([*_UNITS, *_TENS, *_SCALES], key=len, reverse=True))
_NUMBER_RE = re.compile(
    r"(?:(?P<cur>[$£€¥]|\b(?:us|au|a|c|nz|hk)\$|\b(?:usd|gbp|eur|rs|inr))\s?)?"
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|(?:\b(?:" + _WORD_NUMBER + r")\b(?:[\s-]+(?:and[\s-]+)?)?)+)"
    r"(?P<suffix>(?<=\d)(?:st|nd|rd|th)\b)?"
    r"(?:\s?(?P<scale>trillion|billion|million|thousand|hundred|bn|mn|mln|tn|trn|k|m|b)\b)?"
    r"(?:\s?(?P<pct>%|per\s?cent|percent|pc\b|percentage points?))?"
    r"(?:\s?(?P<ampm>a\.?m\.?|p\.?m\.?)(?![a-z]))?",
    re.IGNORECASE,
)
_CLOCK_RE = re.compile(r"\b([01]?\d|2[0-3]):([0-5]\d)\b")


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
        return 0.5 * 10.0 ** (-decimals) * scale
    if scale > 1:
        return 0.5 * scale
    stripped = digits.rstrip("0")
    zeros = len(digits) - len(stripped)
    value = float(digits) if digits else 0
    if value < 1000 or zeros == 0:
        return 0.0
    return 0.5 * 10.0**zeros


_NOT_CONTEXT = {*_SCALES, *_UNITS, *_TENS, *MONTHS, *WEEKDAYS, "per", "cent", "percent"}


_MONTH_BEFORE = re.compile(r"\b([A-Za-z]{3,9})\.?\s+$")
_MONTH_AFTER = re.compile(r"\s*(?:st|nd|rd|th)?\s+(?:of\s+)?([A-Za-z]{3,9})\b")


def _month_of_day(text: str, start: int, end: int) -> int | None:
    """The month a number is the day of: "January 29", "Jan. 29", "29 January", "29th of January"."""
    before = _MONTH_BEFORE.search(text[max(0, start - 12) : start])
    after = _MONTH_AFTER.match(text, end)
    for found in (before, after):
        if found is not None and found.group(1)[0].isupper() and found.group(1).lower() in MONTHS:
            return MONTHS[found.group(1).lower()]
    return None


def _following_context(text: str, end: int) -> str:
    for word in re.findall(r"[a-z]+", text[end : end + 40].lower())[:3]:
        if word not in STOPWORDS and len(word) > 2 and word not in _NOT_CONTEXT:
            return stem(word)
    return ""


# A small count after "the", "these", "both" ... counts things already named: "the two neighbours".
#: Nouns that name a currency: "2 million pounds" is a sum of money as "$2 million" is.
CURRENCY_NOUNS = ("dollars", "pounds", "euros", "yen", "yuan", "rupees")
_CURRENCY_AFTER = re.compile(rf"\s*({'|'.join(CURRENCY_NOUNS)})")
_ANAPHORIC_COUNT = re.compile(r"\b(?:the|these|those|both|all)\s+$", re.IGNORECASE)
MAX_ANAPHORIC_COUNT = 4
_BEFORE = 40  # characters before a figure that the patterns above read: more than "those " and any spaces need
_RANGE_GAP = re.compile(r"\s*(?:-|to|and|or)\s*", re.IGNORECASE)


def extract_numbers(text: str, source: bool = False) -> list[Number]:
    """Every figure in ``text`` (already normalised), with its unit and rounding tolerance.

    A bare "one" is no checkable figure in a written sentence ("one of the"), but a source's "Formula One" or
    "one person" still backs a written "1": ``source=True`` keeps it.
    """
    out: list[Number] = []
    lower = text.lower()
    for match in _CLOCK_RE.finditer(text):
        value: float = int(match.group(1)) * 60 + int(match.group(2))  # minutes; later figures are floats
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
            if start > 0 and (
                text[start - 1].isalpha() or text[start - 1] in "/" or re.search(r"[A-Za-z]-$", text[start - 2 : start])
            ):
                continue  # "G20", "COVID-19" stay names, not figures
            value = float(raw.replace(",", ""))
        else:
            words = [w for w in re.split(r"[\s-]+", raw.lower()) if w and w != "and"]
            if (
                not words
                or (len(words) == 1 and words[0] in ("hundred", "thousand", "zero"))
                or (words == ["one"] and not source)
            ):
                continue  # "one of the", a bare "hundreds" are not checkable figures
            if (
                not source
                and _ANAPHORIC_COUNT.search(text[max(0, start - _BEFORE) : start])  # a short window: never O(n^2)
                and len(words) == 1
                and words[0] in _UNITS
                and _UNITS[words[0]] <= MAX_ANAPHORIC_COUNT
            ):
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
        if match.group("cur") or _CURRENCY_AFTER.match(lower[end : end + 10]):
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
        month = _month_of_day(text, start, end) if is_digits and unit in ("", "ordinal") and value <= 31 else None
        # the day of a date counts nothing: its "context" is its month, so it never meets a count ("January 29, a
        # few days after" is no 29 days) but meets another day of the same month ("January 30")
        context = f"day of month {month}" if month else _following_context(text, end)
        number = Number(value, unit, match.group().strip(), precision, context)
        previous = out[-1] if out else None
        if (
            previous is not None
            and previous_bare
            and (scale > 1 or unit == "percent")
            and previous.unit in ("", unit)
            and _RANGE_GAP.fullmatch(text[previous_end:start])
            and previous.value * scale < value
        ):
            # "$160-$170 billion", "5 to 6 percent": a range's upper end lends its scale and unit to its lower end
            suffix = scale_word or "percent"
            out.append(
                Number(
                    previous.value * scale,
                    unit,
                    f"{previous.text} {suffix}",
                    _precision(previous.text.lstrip("$£€¥"), scale) if previous.text[-1:].isdigit() else 0.0,
                    number.context,
                )
            )
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
            near = text[max(0, match.start() - 4) : match.end() + 6]
            if not (word[0].isupper() and word != word.upper() and key not in ("may", "march")) and not re.search(
                r"\d", near
            ):
                continue
        out.append((MONTHS[key], word))
    return out


def _weekday_mentions(text: str) -> list[tuple[str, str]]:
    lower = text.lower()
    return [(WEEKDAYS[w], w) for w in WEEKDAYS if re.search(r"\b" + w + r"\b", lower)]


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
    """All specifics of one sentence (``text`` is normalised here; a fixed-date holiday is its date)."""
    text = holidays_as_dates(normalise(text))
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
# Kept as the stems a figure's context is compared in ("gam" for "game"), plurals included ("days", too short for
# the stemmer to strip, stays "days").
_GENERIC_CONTEXT = {
    form
    for word in "year old time day week month hour minute second point game match season place".split()
    for form in (stem(word), stem(word + "s"))
}


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
