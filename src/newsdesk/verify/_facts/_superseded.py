"""Superseded: a later report gives another value for the same quantity.

What a figure or a date measures is read from the parse (``_quantities``): the noun it counts, the unit of a sum
or a share and what it is an amount of, the event a date dates.

Two statements give the same quantity when what they measure is the same: the same counted noun or unit, and at
least one more of the words that say what is counted (the predicate, the subject, a word of the subject's phrase)
in common; when nothing says they are someone else's (both say whose it is in the same way and differently:
"Apple shares" and "Microsoft shares", "for adults" and "for children", Ukraine's account and Russia's, or each
names someone the other never mentions); and when the later sentence says again at least half of what the
figure's own clause says besides (two events' tolls are two quantities). "The toll has risen to 19" and "the toll
reached 23" measure the death toll; "killing 12 people" and "8 people were still missing" count different people.
A later sentence that gives the earlier value for the same quantity too confirms it ("voted 7 to 2" gives both
figures again), unless it gives it only to deny it ("in July rather than June"). An age, a span of time that places
a clause, and the time of the telling are no quantities a report updates.

This is the relation an update needs: a later entry that gives 23 for the toll makes 19 no longer current, though
19 was true when it was told (so the checker's "contradicted" is the wrong test: a statement dated Tuesday is not
contradicted by Wednesday's). The window of neighbouring words that ``_binding`` reads cannot tell which clause a
word belongs to ("killing 12 people and leaving dozens missing"), so it is not used here.
"""

from __future__ import annotations

from ._binding import Bound, clip, distinct_values
from ._parse import stems_of
from ._quantities import Quantity, quantities

__all__ = ["distinct", "gives_again", "measured_again", "superseding"]

MIN_SHARED = 2  # words that say what is measured, the counted noun or unit included, two quantities must share
MIN_ABOUT = 0.5  # share of the other content words the figure is told in that the later sentence must say again


def _same_thing(a: Quantity, b: Quantity) -> bool:
    """Whether two sums are amounts of one thing: a noun of both, with no compound that names another one of it
    ("the wall" is the flood wall; "the sea wall" is not)."""
    return any(
        noun == other and (not compounds or not their_compounds or compounds & their_compounds)
        for noun, compounds in a.thing
        for other, their_compounds in b.thing
    )


def distinct(a: Bound, b: Bound) -> bool:
    """Another value: for a month, another month, or another year where both give one ("June" is "June 2026")."""
    if a.sort == "month" and isinstance(a.value, tuple) and isinstance(b.value, tuple):
        (month, year), (other_month, other_year) = a.value, b.value
        return bool(month != other_month or (year and other_year and year != other_year))
    return distinct_values(a, b)


def _someone_else(a: Quantity, b: Quantity, a_stems: frozenset[str], b_stems: frozenset[str]) -> bool:
    """Whether the two say whose it is differently: the same way with other words ("Apple shares", "Microsoft
    shares"), or each naming someone the other sentence never mentions. A way of saying it that only one uses
    adds detail ("Riverton's planned flood wall" and "a flood wall"); a phrase both give with words in common
    ("along the east bank of the Mill River", "along the Mill River") names the same place more or less closely."""
    theirs = dict(b.owners)
    if any(slot in theirs and not keys & theirs[slot] for slot, keys in a.owners):
        return True
    return bool(a.names - b_stems) and bool(b.names - a_stems)


def _same_quantity(a: Quantity, b: Quantity, a_stems: frozenset[str], b_stems: frozenset[str]) -> bool:
    if a.bound.sort != b.bound.sort or a.counted != b.counted:
        return False
    if (a.thing or b.thing) and not _same_thing(a, b):
        return False  # two sums are amounts of two things: the state's share is not the wall's price
    if not a.core & b.core:
        return False  # only whose it is in common: a hearing on the sea wall is not the sea wall's construction
    if (a.event or b.event) and not a.event & b.event:
        return False  # two events' dates: work that begins in May and work that finishes in June
    if _someone_else(a, b, a_stems, b_stems):
        return False
    return len(a.words & b.words) >= MIN_SHARED


def superseding(sentence: str, later: list[str]) -> str | None:
    """Why one of the ``later`` sentences gives another value for a quantity ``sentence`` gives, or None. A later
    sentence that gives the sentence's value for the same quantity as well confirms it ("voted 7 to 2": the 2
    does not replace the 7), unless it gives it only to deny it ("in July rather than June")."""
    own = [q for q in quantities(sentence) if not q.denied]
    if not own:
        return None
    stems = stems_of(sentence)
    for text in later:
        theirs = quantities(text)
        their_stems = stems_of(text)
        for mine in own:
            given = measured_again(mine, stems, theirs, their_stems)
            if not given or not all(distinct(mine.bound, other.bound) for other in given):
                continue  # not measured again, or measured again as it was: "voted 7 to 2" gives both figures again
            return (
                f"a later report gives {given[0].bound.surface} for what the sentence gives as "
                f'{mine.bound.surface}: "{clip(text)}"'
            )
    return None


def measured_again(
    mine: Quantity,
    stems: frozenset[str],
    theirs: list[Quantity],
    their_stems: frozenset[str],
    either_way: bool = False,
) -> list[Quantity]:
    """The quantities of another sentence (``theirs``, its content stems ``their_stems``) that give a value, not
    denied, for what ``mine`` measures (``stems``: its own sentence's), and of the same thing: most of what the
    figure is told in beside the quantity is said again there ("two people were killed" at a school game and
    "three people killed" at a barracks are two events' tolls). A later report must tell again what the earlier
    one told; of two reports of one time (``either_way``), the one that tells less beside the figure ("the storm
    that hit Marlow killed 15") need only be told again in the one that tells more ("a storm swept through Marlow,
    killing 12 people and destroying hundreds of homes")."""
    given = [other for other in theirs if not other.denied and _same_quantity(mine, other, stems, their_stems)]
    if not given:
        return []
    if _told_again(mine, their_stems):
        return given
    return [other for other in given if _told_again(other, stems)] if either_way else []


def _told_again(quantity: Quantity, stems: frozenset[str]) -> bool:
    """Whether ``stems`` say again most of what ``quantity``'s figure is told in beside what it measures."""
    rest = {w for w in quantity.about - quantity.words if not w[0].isdigit()}
    return len(stems & rest) >= MIN_ABOUT * len(rest)


def gives_again(sentence: str, text: str) -> str | None:
    """The value ``sentence`` gives that ``text`` gives again for the same quantity (neither denying it), or None:
    an earlier sentence that says what a correction notice withdraws gives the withdrawn value for its quantity."""
    stems, their_stems = stems_of(sentence), stems_of(text)
    theirs = [q for q in quantities(text) if not q.denied]
    for mine in (q for q in quantities(sentence) if not q.denied):
        if any(_same_quantity(mine, o, stems, their_stems) and not distinct(mine.bound, o.bound) for o in theirs):
            return mine.bound.surface
    return None
