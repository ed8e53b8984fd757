"""Quantities in units of measure, and dates of a month and a year: a figure is read with what it is counted in.

A measurement is a number *and* a unit: "70ft" and "70 metres" share the number and state different lengths (a
foot is about 0.3 m), while "21 metres" states the length "70ft" does in other units. A written quantity is read
in the unit it names, converted to its dimension's base unit, and compared with the source's quantities of the
same dimension. It is wrong, not merely unsupported, when no source quantity of its dimension has its value and a
source gives its very number in another unit of that dimension: the writer kept the figure and changed the unit.
Units of measure are a closed class of English (SI and imperial units, durations, and their usual abbreviations);
money, percentages and clock times are the figures check's, and a bare number has no unit to compare.

A month named with its year is one date in the same way: "August 1998" is not true because the source says
"August" of 1999 and "1998" elsewhere. A written month and year that no source gives is wrong when a source
sentence about the same thing (sharing content words with it) dates it to another month or year.

A length of time is either a span or a distance from a point in time. "A 15-year ban" and "for four months" measure
how long something lasts; "15 years ago", "two days later" and "a week earlier" place an event at that distance from
another moment. The same figure read the other way is another fact: an event that took place "15 years ago" is not
supported by "faces a 15-year ban". A span that runs up to the present does place its start that far back ("has
lived there for 15 years", "for the past 15 years", "15 years since", "a 15-year-old law"), so it supports the
distance; so does a source distance of the same length. A written distance is wrong when the sources give its
length only as a span that does not run up to now.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from .. import _specifics as sp
from .._text import MONTHS
from ._parse import SourceFacts
from ._result import FactResult, fail

__all__ = ["Quantity", "check_month_years", "check_units", "month_years", "quantities"]

# unit word -> (dimension, size in the dimension's base unit). Single letters ("m", "g", "t", "l") and "in", "st",
# "ha" are left out: after a number they are as often "million", "5G", a preposition or a street.
_UNIT_SIZES: dict[str, tuple[str, float]] = {}
for _dimension, _size, _words in (
    ("length", 0.001, "mm millimetre millimetres millimeter millimeters"),
    ("length", 0.01, "cm centimetre centimetres centimeter centimeters"),
    ("length", 1.0, "metre metres meter meters"),
    ("length", 1000.0, "km kms kilometre kilometres kilometer kilometers"),
    ("length", 0.0254, "inch inches"),
    ("length", 0.3048, "ft foot feet"),
    ("length", 0.9144, "yd yard yards"),
    ("length", 1609.34, "mile miles"),
    ("mass", 1e-6, "mg milligram milligrams"),
    ("mass", 0.001, "gram grams gramme grammes"),
    ("mass", 1.0, "kg kgs kilo kilos kilogram kilograms kilogramme kilogrammes"),
    ("mass", 1000.0, "tonne tonnes ton tons"),
    ("mass", 0.4536, "lb lbs"),
    ("mass", 0.02835, "oz ounce ounces"),
    ("mass", 6.35, "stone"),
    ("volume", 0.001, "ml millilitre millilitres milliliter milliliters"),
    ("volume", 1.0, "litre litres liter liters"),
    ("volume", 3.785, "gallon gallons"),
    ("volume", 0.5, "pint pints"),
    ("area", 4047.0, "acre acres"),
    ("area", 10000.0, "hectare hectares"),
    ("speed", 0.447, "mph"),
    ("speed", 0.2778, "kph kmh km/h"),
    ("speed", 0.5144, "knot knots"),
    ("duration", 1.0, "second seconds"),
    ("duration", 60.0, "minute minutes"),
    ("duration", 3600.0, "hour hours"),
    ("duration", 86400.0, "day days"),
    ("duration", 604800.0, "week weeks"),
    ("duration", 1209600.0, "fortnight fortnights"),
    ("duration", 2629800.0, "month months"),
    ("duration", 31557600.0, "year years"),
    ("duration", 315576000.0, "decade decades"),
):
    for _word in _words.split():
        _UNIT_SIZES[_word] = (_dimension, _size)

_UNIT_RE = re.compile(
    r"(?:\s?-\s?|\s)?(" + "|".join(re.escape(w) for w in sorted(_UNIT_SIZES, key=len, reverse=True)) + r")(?![\w/])",
    re.IGNORECASE,
)
# Two quantities of one dimension are the same when they agree within this share: "70ft" is "21 metres" (21.3),
# a mile is "1.6 km"; the writer's rounding of a conversion, never a change of unit (the smallest step is 2.5x).
SAME_QUANTITY = 0.06

SPAN, DISTANCE, UP_TO_NOW = "span", "distance", "up to now"
# After a length of time, a word that makes it a distance from a moment ("15 years ago", "a week earlier"). A written
# distance is judged only with the deictic ones; a source distance may be from any moment ("two days after the vote").
_DISTANCE_AFTER = re.compile(r"[\s,]*(?:ago|earlier|later|from now|hence)\b", re.IGNORECASE)
_SOURCE_DISTANCE_AFTER = re.compile(r"[\s,]*(?:ago|earlier|later|before|after|from now|hence)\b", re.IGNORECASE)
_WITHIN_BEFORE = re.compile(r"\b(?:in|within)\s*$", re.IGNORECASE)
# A span that runs up to the present: an age ("15-year-old"), "since" ("15 years since"), "the past 15 years", or a
# perfect "has ... for 15 years".
_UP_TO_NOW_AFTER = re.compile(r"(?:\s?-\s?|\s)(?:old|since)\b", re.IGNORECASE)
_UP_TO_NOW_BEFORE = re.compile(
    r"(?:\b(?:past|last)|\b(?:has|have|'ve|'s)\b(?:\s+[\w'-]+){0,5}\s+for"
    r"(?:\s+(?:about|around|nearly|almost|more than|over))?)\s*$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Quantity:
    """A number with the unit of measure it is counted in."""

    number: float
    unit: str
    dimension: str
    base: float  # the value in the dimension's base unit
    surface: str
    timing: str = SPAN  # for a length of time: SPAN, DISTANCE from a moment, or a span UP_TO_NOW


def quantities(text: str, source: bool = False) -> list[Quantity]:
    """Every number of ``text`` that names its unit of measure right after it ("70ft", "70-foot", "70 metres").

    ``source=True`` reads a source's text, whose distances in time may be from any moment (see the module's
    docstring)."""
    out = []
    cursor = 0
    for number in sp.extract_numbers(text, source=True):
        at = text.find(number.text, cursor)
        if at < 0:
            continue
        cursor = at + len(number.text)
        if number.unit != "" or (number.text[:1].isdigit() and not number.text[-1:].isdigit()):
            continue  # money, percent, a year, a time, an ordinal; "70m" read as a scale
        if number.value == 1 and not number.text[:1].isdigit():
            continue  # "one day", "one year": as often an idiom ("one day, she ...") as a count
        match = _UNIT_RE.match(text, cursor)
        if match is None:
            continue
        unit = match.group(1).lower()
        dimension, size = _UNIT_SIZES[unit]
        timing = _timing(text, at, match.end(), source) if dimension == "duration" else SPAN
        out.append(Quantity(number.value, unit, dimension, number.value * size, text[at : match.end()], timing))
    return out


def _timing(text: str, start: int, end: int, source: bool) -> str:
    """Whether the length of time at ``text[start:end]`` is a span, a distance from a moment or a span up to now."""
    after = text[end : end + 12]
    if (_SOURCE_DISTANCE_AFTER if source else _DISTANCE_AFTER).match(after):
        return DISTANCE
    if source and _WITHIN_BEFORE.search(text[max(0, start - 10) : start]):
        return DISTANCE  # "retire in three months": as often the time until it as a length
    if _UP_TO_NOW_AFTER.match(after) or _UP_TO_NOW_BEFORE.search(text[max(0, start - 60) : start]):
        return UP_TO_NOW
    return SPAN


def _same(a: Quantity, b: Quantity) -> bool:
    return a.dimension == b.dimension and math.isclose(a.base, b.base, rel_tol=SAME_QUANTITY)


def check_units(name: str, sentence: str, facts: SourceFacts) -> FactResult | None:
    """A failure when a written quantity keeps a source's number in another unit of the same dimension (see the
    module's docstring); ``None`` when nothing is wrong with the units."""
    written = quantities(sentence)
    if not written:
        return None
    stated = [q for e in facts.sentences if _UNIT_RE.search(e.text) for q in quantities(e.text, source=True)]
    for quantity in written:
        same = [q for q in stated if _same(quantity, q)]
        if quantity.timing == DISTANCE and same and all(q.timing == SPAN for q in same):
            return fail(name, f'the source gives "{same[0].surface}" as a length of time, not as a time from now')
        if same:
            continue
        other = next((q for q in stated if q.dimension == quantity.dimension and q.number == quantity.number), None)
        if other is not None:
            return fail(name, f"the source gives {other.surface}, not {quantity.surface}")
    return None


_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
_MONTH_YEAR = re.compile(
    rf"\b(?:(?P<m1>{_MONTH_NAMES})\.?(?:\s+\d{{1,2}}(?:st|nd|rd|th)?)?|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?"
    rf"(?P<m2>{_MONTH_NAMES})\.?),?\s+(?P<year>(?:18|19|20)\d\d)\b",
    re.IGNORECASE,
)
# Content words a source sentence must share with the written one to be about the same thing: a month and year
# elsewhere in the source dates something else.
MIN_SHARED_ABOUT = 3


def month_years(text: str) -> list[tuple[int, int, str]]:
    """(month, year, surface) of every month named with its year ("August 1998", "15 August, 1998")."""
    return [
        (MONTHS[(m.group("m1") or m.group("m2")).lower()], int(m.group("year")), m.group())
        for m in _MONTH_YEAR.finditer(text)
    ]


def check_month_years(name: str, sentence: str, facts: SourceFacts, claim_stems: frozenset[str]) -> FactResult | None:
    """A failure when a written month and year is in no source and a source sentence about the same thing gives
    another (see the module's docstring); ``None`` otherwise."""
    written = month_years(sentence)
    if not written:
        return None
    dated = [(e, month_years(e.text)) for e in facts.sentences if _MONTH_YEAR.search(e.text)]
    stated = {(month, year) for _, found in dated for month, year, _ in found}
    for month, year, surface in written:
        if (month, year) in stated:
            continue
        for evidence, found in dated:
            if len(claim_stems & evidence.stems) < MIN_SHARED_ABOUT:
                continue
            other = next((s for m, y, s in found if (m, y) != (month, year) and (m == month or y == year)), None)
            if other is not None:
                return fail(name, f'the source dates this to {other}, not {surface}: "{evidence.text[:140]}"')
    return None
