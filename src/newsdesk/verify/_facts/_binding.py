"""Figures and dates bound to what they count or date.

A specific (a figure, a rank, a weekday, a day of a month, a year) is bound to the words around it: "300 individual
animals beaching each year" binds 300 to (individual, animal, beach, year). A written figure is wrong, not merely
unsupported, when a source sentence binds the same words to a *different* value and nothing binds them to the
written one: "500 individual whales beaching each year" against a source whose 500 counts strandings. The same
goes for dates ("a report released on Friday" where the source releases it on Monday) and for an event moved
from one date to another ("expected to attend on February 18" where the attending happens on the 19th).

A date told relative to the time of telling ("this year", "last week", "next month") is a date too: a deictic
determiner picks one period of its unit counted from the story's own time, so "this year" and "last year" are two
different years, however alike the words (``_RELATIVE_RE``; "past" and "coming" are left out, for "the past year"
is as often the twelve months just gone as the calendar year before).

A comparative bound says on which side of its figure the value lies ("more than 40,000": above it; "nearly
40,000", "fewer than 40,000": below it), so it is read with the figure: a round figure stands for the values it
rounds, but not for those its bound excludes. "More than 40,000 households" restates no "some 38,000 households",
though 40,000 rounds 38,000: the source's value is below the written bound, and a source figure with no bound on
that side (an exact or approximate one, or a bound the other way) cannot lie beyond it.

A figure the source gives only to withdraw it is no evidence for it: "An earlier report had put the death toll at
32; the agency later corrected that figure" tells that 32 was told, and wrongly. A verb of correction
(``language.CORRECTION_VERBS``) after the figure, taking it up by a pronoun or a demonstrative ("corrected that
figure", "revised it") or said of it in the passive ("was later corrected"), withdraws the figures before it in its
sentence (``withdrawn``). A written figure found only in such sentences is the withdrawn one, unless the written
sentence itself tells it as the earlier figure ("initially", "an earlier report", "corrected").

An entity swap, which exchanges who the same figures belong to, is ``_swap.py``.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from ...language import CORRECTION_VERBS, EARLIER_WORDS, LOWER_BOUND_PHRASES, NUMBER_NOUNS, UPPER_BOUND_PHRASES
from .. import _specifics as sp
from .._text import MONTHS, STOPWORDS, WEEKDAYS, stem
from ._measures import check_month_years, check_units
from ._parse import Evidence, SourceFacts
from ._result import FactResult, fail, not_applicable, ok

__all__ = [
    "Bound",
    "binding",
    "bound_specifics",
    "check_figures_and_dates",
    "clip",
    "distinct_values",
    "same_value",
    "source_bounds",
    "word_spans",
]

FIGURES = "figures_and_dates"

_TOKEN = re.compile(r"[A-Za-z0-9]+(?:[.,'][A-Za-z0-9]+)*")
_ORDINALS = {
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
}
_MONTH_DAY = re.compile(
    r"\b([A-Za-z]{3,9})\.? (\d{1,2})(?:st|nd|rd|th)?\b|\b(\d{1,2})(?:st|nd|rd|th)? (?:of )?"
    r"([A-Za-z]{3,9})\b"
)
# Words that sit beside figures of every kind, or hedge and judge: they bind nothing to a particular figure.
_UNBINDING = (
    frozenset(
        """
year old time day week month hour minute second percent number total average about around nearly almost more less
than least most some many few expect expected likely may might could would will new
""".split()
    )
    | frozenset(MONTHS)
    | frozenset(WEEKDAYS)
)
# "tens of thousands", "hundreds of thousands", "millions": orders of magnitude, not figures
_MAGNITUDES = {noun: power for noun, power in NUMBER_NOUNS.items() if power >= 2}  # what a quantity counts in
_MULTIPLES = {noun: power for noun, power in NUMBER_NOUNS.items() if power <= 2}  # "tens of", "hundreds of"
_MAGNITUDE_RE = re.compile(rf"\b(?:({'|'.join(_MULTIPLES)}) of )?({'|'.join(_MAGNITUDES)})\b", re.IGNORECASE)
# A tally: two counts in order ("voted 4-1", "won 3-1"). The order says which side had more, so the pair is one
# specific, and "1-4" for "4-1" is another outcome. Three digits at most: "2020-21" is a span of years.
_TALLY_RE = re.compile(r"(?<![\d.,/-])(\d{1,3})\s?[-–]\s?(\d{1,3})(?![\d.,/%-])")
_ORDINAL_RE = re.compile(r"\b(" + "|".join(_ORDINALS) + r")\b", re.IGNORECASE)
_WEEKDAY_RE = re.compile(r"\b(" + "|".join(WEEKDAYS) + r")\b", re.IGNORECASE)
# A period counted from the time of telling: the determiner gives the offset, the noun the unit.
_RELATIVE_OFFSETS = {"this": 0, "last": -1, "next": 1}
_RELATIVE_RE = re.compile(
    r"\b(this|last|next) (year|month|week|weekend|season|decade|century|spring|summer|autumn|winter)\b",
    re.IGNORECASE,
)
WINDOW = 4
MIN_BINDING = 3.0  # a different value must be bound this strongly ...
MIN_MARGIN = 2.0
# An event word found with another date, and with no sentence of the written date, moves the event: one shared
# word is enough, because the written date's own sentences never mention it.
MIN_EVENT_BINDING = 0.75  # ... and this much more strongly than the written value anywhere in the sources


@dataclass(frozen=True)
class Bound:
    """A specific of one sentence, with the content stems before and after it (up to the next specific)."""

    sort: str  # number:<unit> | ordinal | weekday | day | year | relative:<unit>
    value: object
    surface: str
    start: int  # token positions of the specific
    end: int
    before: frozenset[str]
    after: frozenset[str]
    head: str = ""  # the first content word after it: what a figure counts ("500 strandings" -> strand)


def word_spans(text: str) -> list[tuple[str, int, int]]:
    return [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def _key(word: str) -> str | None:
    lower = word.lower()
    if lower in STOPWORDS or len(lower) < 2 or lower[0].isdigit() or lower in _ORDINALS:
        return None
    key = stem(lower)
    if len(key) == 4 and key.endswith("s") and not key.endswith("ss"):
        key = key[:-1]  # the shared stemmer keeps short plurals ("guns"); a binding should not
    return None if key in _UNBINDING or lower in _UNBINDING else key


def bound_specifics(text: str) -> list[Bound]:
    """Every figure, rank and date of ``text`` (normalised) with the words bound to it."""
    toks = word_spans(text)
    found: list[tuple[str, object, str, int, int]] = []  # sort, value, surface, char start, char end
    cursor = 0
    for number in sp.extract_numbers(text, source=True):
        at = text.find(number.text, cursor)
        if at < 0 or number.unit == "time":
            continue
        cursor = at + len(number.text)
        if number.unit == "year":
            found.append(("year", number.value, number.text, at, cursor))
        elif number.unit != "ordinal" and not (number.value == 1 and not number.text[0].isdigit()):
            found.append((f"number:{number.unit}", number, number.text, at, cursor))
    for match in _TALLY_RE.finditer(text):
        found.append(("tally", (int(match.group(1)), int(match.group(2))), match.group(), *match.span()))
    for match in _MAGNITUDE_RE.finditer(text):
        tens = _MULTIPLES.get((match.group(1) or "").lower(), 0)
        found.append(("magnitude", tens + _MAGNITUDES[match.group(2).lower()], match.group(), *match.span()))
    for match in _ORDINAL_RE.finditer(text):
        found.append(("ordinal", _ORDINALS[match.group(1).lower()], match.group(), *match.span()))
    for match in _MONTH_DAY.finditer(text):
        month = (match.group(1) or match.group(4) or "").lower()
        day = match.group(2) or match.group(3)
        if month in MONTHS and 1 <= int(day) <= 31:
            found.append(("day", (MONTHS[month], int(day)), match.group(), *match.span()))
    for match in _WEEKDAY_RE.finditer(text):
        found.append(("weekday", WEEKDAYS[match.group(1).lower()], match.group(), *match.span()))
    for match in _RELATIVE_RE.finditer(text):
        offset = _RELATIVE_OFFSETS[match.group(1).lower()]
        found.append((f"relative:{match.group(2).lower()}", offset, match.group(), *match.span()))
    # a day of a month, a tally: one specific each; drop the bare numbers and any ordinal inside them
    days = [(s, e) for sort, _, _, s, e in found if sort in ("day", "tally")]
    found = [f for f in found if f[0] in ("day", "tally") or not any(s <= f[3] < e for s, e in days)]
    found.sort(key=lambda f: f[3])
    positions = []
    for sort, value, surface, start, end in found:
        first = next((i for i, (_, s, e) in enumerate(toks) if e > start), len(toks))
        last = max(first, next((i for i, (_, s, e) in enumerate(toks) if s >= end), len(toks)) - 1)
        positions.append((sort, value, surface, first, last))
    taken = {i for *_, a, b in positions for i in range(a, b + 1)}
    out = []
    for sort, value, surface, first, last in positions:
        before: list[str] = []
        after: list[str] = []
        for i in range(first - 1, -1, -1):
            if i in taken or len(before) >= WINDOW:
                break
            if (key := _key(toks[i][0])) is not None:
                before.append(key)
        for i in range(last + 1, len(toks)):
            if i in taken or len(after) >= WINDOW or _opens_clause(toks, i):
                break
            if (key := _key(toks[i][0])) is not None:
                after.append(key)
        out.append(
            Bound(sort, value, surface, first, last, frozenset(before), frozenset(after), after[0] if after else "")
        )
    return out


#: Coordinating conjunctions, and the determiners and pronouns that open a noun phrase of its own after one.
_CONJUNCTIONS = frozenset("and but while whereas or".split())
_OPENERS = frozenset("the a an its their his her our this these those".split())


def _opens_clause(toks: list[tuple[str, int, int]], i: int) -> bool:
    """Whether token ``i`` opens a conjunct with a noun phrase of its own: a coordinating conjunction followed by a
    determiner ("41 people were missing and the death toll was expected to rise"). A figure counts what its own
    clause says it counts; the next clause's words ("death", "toll") are said of that noun phrase. A pronoun after
    the conjunction ("went 1-0 up but they turned it around") points back to a participant already named, and
    may go on telling the figure's event, so it ends nothing."""
    return toks[i][0].lower() in _CONJUNCTIONS and i + 1 < len(toks) and toks[i + 1][0].lower() in _OPENERS


def same_value(a: Bound, b: Bound) -> bool:
    if isinstance(a.value, sp.Number) and isinstance(b.value, sp.Number):  # the "number:<unit>" sorts
        return sp.number_found(a.value, [b.value])
    return a.value == b.value


def distinct_values(a: Bound, b: Bound) -> bool:
    """Clearly another value: not the same within the written figure's rounding."""
    if isinstance(a.value, sp.Number) and isinstance(b.value, sp.Number):  # the "number:<unit>" sorts
        x, y = a.value.value, b.value.value
        return not math.isclose(x, y, rel_tol=0.02) and not sp.number_found(a.value, [b.value])
    return a.value != b.value


def _in_another_unit(claim: Bound, source: Bound) -> bool:
    """The same number in another unit: a figure with a unit ("40 percent", "$9") against the source's number
    with another unit or none ("40 kilometres", "9 percent"). A unit is part of what a figure states."""
    return (
        claim.sort.startswith("number:")
        and claim.sort != "number:"
        and source.sort.startswith("number:")
        and source.sort != claim.sort
        and isinstance(claim.value, sp.Number)
        and isinstance(source.value, sp.Number)
        and math.isclose(claim.value.value, source.value.value)
    )


def _reversed_tally(claim: Bound, source: Bound) -> bool:
    """The same two counts in the other order ("1-4" for "4-1")."""
    return (
        claim.sort == source.sort == "tally"
        and isinstance(claim.value, tuple)
        and isinstance(source.value, tuple)
        and claim.value == source.value[::-1]
    )


_BOUND_WORDS = max(len(p.split()) for p in (*LOWER_BOUND_PHRASES, *UPPER_BOUND_PHRASES))


def comparator(text: str, bound: Bound) -> str:
    """ "lower" where a comparative bound before the figure puts the value above it ("more than 40,000"), "upper"
    where it puts it below ("nearly 40,000"), "" for a figure given as it is ("some 40,000", "40,000")."""
    toks = word_spans(text)
    before = [w.lower() for w, _, _ in toks[max(0, bound.start - _BOUND_WORDS) : bound.start]]
    for words in range(len(before), 0, -1):
        phrase = " ".join(before[-words:])
        if phrase in LOWER_BOUND_PHRASES:
            return "lower"
        if phrase in UPPER_BOUND_PHRASES:
            return "upper"
    return ""


def outside_bound(claim: Bound, side: str, source: Bound, source_side: str) -> bool:
    """Whether every value the source figure allows lies on the far side of the written figure's bound: the source
    gives a smaller value with no lower bound of its own for a "more than", a larger with no upper bound for a
    "fewer than" (a bound the other way, at or beyond the written figure, excludes it too)."""
    if not side or not isinstance(claim.value, sp.Number) or not isinstance(source.value, sp.Number):
        return False
    written, given = claim.value.value, source.value.value
    if side == "lower":
        return source_side != "lower" and (given < written or (source_side == "upper" and given <= written))
    return source_side != "upper" and (given > written or (source_side == "lower" and given >= written))


_CORRECTING = frozenset(stem(v) for v in CORRECTION_VERBS)
_TAKEN_UP = frozenset("that this it them those these the its".split())  # what takes up something told before
_PASSIVE = frozenset("was were been be is are".split())
_BETWEEN = frozenset("later then since subsequently down up".split())  # adverbs and particles between the two


def withdrawn(text: str, bound: Bound) -> bool:
    """Whether the sentence withdraws its figure ``bound``: a verb of correction after it takes it up by a pronoun
    or a demonstrative, or is said of it in the passive (see the module's docstring)."""
    toks = [w.lower() for w, _, _ in word_spans(text)]
    for i in range(bound.end + 1, len(toks)):
        if stem(toks[i]) not in _CORRECTING or toks[i] in CORRECTION_VERBS and i > 0 and toks[i - 1] in ("a", "the"):
            continue
        after = next((w for w in toks[i + 1 : i + 4] if w not in _BETWEEN), "")
        before = next((w for w in reversed(toks[max(0, i - 3) : i]) if w not in _BETWEEN), "")
        if after in _TAKEN_UP or before in _PASSIVE:
            return True
    return False


def tells_as_earlier(sentence: str) -> bool:
    """Whether a sentence tells its figures as earlier or corrected ones ("initially put the toll at 32")."""
    words = {w.lower() for w, _, _ in word_spans(sentence)}
    return bool(words & EARLIER_WORDS or {stem(w) for w in words} & _CORRECTING)


def binding(claim: Bound, source: Bound) -> float:
    """How strongly a source specific's words match the written one's (after-words weigh most: what is counted)."""
    return (
        2.0 * len(claim.after & source.after)
        + len(claim.before & source.before)
        + 0.75 * (len(claim.after & source.before) + len(claim.before & source.after))
    )


# Any trace of a figure, rank or date: a sentence without one has nothing to bind, and is not scanned.
_MAYBE_SPECIFIC = re.compile(
    r"\d|\b(?:"
    + "|".join(sorted({*sp._UNITS, *sp._TENS, *MONTHS, *WEEKDAYS, *_ORDINALS, *_MAGNITUDES, *_RELATIVE_OFFSETS}))
    + r")\b",
    re.IGNORECASE,
)


def source_bounds(evidence: Evidence) -> list[Bound]:
    if evidence._bounds is None:
        evidence._bounds = bound_specifics(evidence.text) if _MAYBE_SPECIFIC.search(evidence.text) else []
    return evidence._bounds


def check_figures_and_dates(sentence: str, facts: SourceFacts, claim_stems: frozenset[str]) -> FactResult:
    whole = check_units(FIGURES, sentence, facts) or check_month_years(FIGURES, sentence, facts, claim_stems)
    if whole is not None:  # a quantity with its unit, a month with its year: one specific, not two
        return whole
    claims = bound_specifics(sentence)
    if not claims:
        return not_applicable(FIGURES)
    for claim in claims:
        side = comparator(sentence, claim) if claim.sort.startswith("number:") else ""
        best_excluded, excluded_at = 0.0, None  # a value within the figure's rounding that its bound excludes
        best_same, best_other, other_at = 0.0, 0.0, None
        best_unit, unit_at = 0.0, None
        same_sentences: list[Evidence] = []
        others: list[tuple[Bound, Evidence]] = []
        for evidence in facts.sentences:
            for bound in source_bounds(evidence):
                if _in_another_unit(claim, bound) and binding(claim, bound) > best_unit:
                    best_unit, unit_at = binding(claim, bound), (bound, evidence)
                if bound.sort != claim.sort:
                    continue
                if same_value(claim, bound):
                    if (
                        side
                        and claim.head
                        and claim.head == bound.head
                        and outside_bound(claim, side, bound, comparator(evidence.text, bound))
                    ):
                        if binding(claim, bound) > best_excluded:
                            best_excluded, excluded_at = binding(claim, bound), (bound, evidence)
                        continue
                    best_same = max(best_same, binding(claim, bound))
                    same_sentences.append(evidence)
                elif distinct_values(claim, bound):
                    others.append((bound, evidence))
                    if claim.sort.startswith("number:") and (
                        (claim.sort == "number:" and claim.head != bound.head)
                        or (len(claim.after & bound.after) < 2 and len(claim.before & bound.before) < 2)
                    ):
                        # a figure is wrong only if the source counts the same thing with another; a bare count
                        # counts the noun after it, a sum of money or a share its unit ("$9 a month")
                        continue
                    score = binding(claim, bound)
                    if score > best_other:
                        best_other, other_at = score, (bound, evidence)
        if (
            claim.sort.startswith("number:")
            and same_sentences
            and all(withdrawn(e.text, b) for e in same_sentences for b in source_bounds(e) if same_value(claim, b))
            and not tells_as_earlier(sentence)
        ):
            return fail(
                FIGURES,
                f'the source gives {claim.surface} only as a figure it corrected: "{clip(same_sentences[0].text)}"',
            )
        if excluded_at is not None and best_excluded >= best_same + MIN_MARGIN:
            bound, evidence = excluded_at  # the same counted thing, on the other side of the written bound
            return fail(
                FIGURES,
                f"the source gives {comparator(evidence.text, bound) and 'a bound of '}{bound.surface}, not "
                f'{"more" if side == "lower" else "less"} than {claim.surface}: "{clip(evidence.text)}"',
            )
        if unit_at is not None and best_unit >= MIN_BINDING and best_unit >= best_same + MIN_MARGIN:
            bound, evidence = unit_at  # the same number, bound to the same words, in another unit
            return fail(
                FIGURES,
                f'the source gives {bound.surface} in another unit, not {claim.surface}: "{clip(evidence.text)}"',
            )
        if (
            claim.sort == "magnitude"
            and not same_sentences
            and other_at is not None
            and best_other >= MIN_EVENT_BINDING * 2
        ):
            bound, evidence = other_at  # an order of magnitude no source gives, where one gives another
            return fail(
                FIGURES,
                f"the source gives {bound.surface} for what the sentence gives as "
                f'{claim.surface}: "{clip(evidence.text)}"',
            )
        reversed_at = next(
            ((b, e) for b, e in others if _reversed_tally(claim, b) and binding(claim, b) >= 1),
            None,
        )
        if reversed_at is not None and not same_sentences:
            bound, evidence = reversed_at  # the same counts the other way round: the other side won
            return fail(FIGURES, f'the source gives {bound.surface}, not {claim.surface}: "{clip(evidence.text)}"')
        if other_at is not None and best_other >= MIN_BINDING and best_other >= best_same + MIN_MARGIN:
            bound, evidence = other_at
            if (claim.sort in ("year", "day", "weekday") or claim.sort.startswith("relative:")) and any(
                b.sort == claim.sort and same_value(claim, b) for b in source_bounds(evidence)
            ):
                continue  # "the third quarter of 2020 ... compared with 2019": periods compared, both stated
            return fail(
                FIGURES,
                f"the source gives {bound.surface} for what the sentence gives as "
                f'{claim.surface}: "{clip(evidence.text)}"',
            )
        if claim.sort in ("day", "weekday") and same_sentences:
            # the event moved to another date: what the sentence dates is bound to another date, never to this one
            told = set().union(*(e.stems for e in same_sentences))
            event = (claim.before | claim.after) - told
            for bound, evidence in others:
                moved = event & (bound.before | bound.after)
                if moved and binding(claim, bound) >= MIN_EVENT_BINDING:
                    return fail(
                        FIGURES,
                        f"the source dates {', '.join(sorted(moved))} to {bound.surface}, "
                        f'not {claim.surface}: "{clip(evidence.text)}"',
                    )
    return ok(FIGURES)


def clip(text: str, limit: int = 140) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"
