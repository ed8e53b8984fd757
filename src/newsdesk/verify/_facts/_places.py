"""Places bound to what happened there.

A place is part of the event it locates: "Ross County beat them 2-1 at Rugby Park" and "... in Dingwall" are two
different matches. Like a figure or a date (``_binding``), a place is wrong, not merely unsupported, when a source
sentence tells the same event (most of the sentence's other words) at another place, and no source sentence that
names the written place tells it. A place the source gives together with the other one ("Dingwall, in the
Highlands"; a city and its country), or that the sentence names too, is the same place at another scale and is
not judged, nor is a place the sentence names that no source has (the names check's to judge).
"""

from __future__ import annotations

import re

from ...language import DEMONYMS
from ._parse import Evidence, SourceFacts, stems_of
from ._result import FactResult, fail, not_applicable, ok

__all__ = ["PLACES", "check_places", "places_of"]

PLACES = "places"

# A capitalised run after a preposition of place: "at Rugby Park", "in Dingwall", "near the Cheetah Exhibit".
_PLACE = re.compile(r"\b(?:at|in|near|outside|inside)\s+(?:the\s+)?(?P<name>[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)*)")
_NOT_PLACES = frozenset(
    """
january february march april may june july august september october november december monday tuesday wednesday
thursday friday saturday sunday i the a an he she it they we this that his her their its mr mrs ms dr sir
""".split()
)
MIN_EVENT_SHARE = 0.6  # of the sentence's other content words that a source sentence must tell at its place
MIN_EVENT_WORDS = 3
MIN_MARGIN = 2
MAX_CHARS = 400


def places_of(text: str) -> list[str]:
    """The places a text locates something at, as written."""
    out = []
    for match in _PLACE.finditer(text):
        name = match.group("name")
        # "at Mr Mugabe's" names an owner, "in the North African nation" a kind of place: neither is a place
        if name.split()[0].lower() in _NOT_PLACES or name.endswith(("'s", "'")) or _adjective(name, text, match.end()):
            continue
        out.append(name)
    return out


def _adjective(name: str, text: str, end: int) -> bool:
    """A people's or place's adjective before a noun ("North African nation", "British town")."""
    last = name.split()[-1].lower()
    demonym = last in DEMONYMS or last.endswith(("ian", "ican", "ean", "ese", "ish"))
    return demonym and re.match(r"\s+[a-z]", text[end:]) is not None


def _mentions(text: str, place: str) -> bool:
    return re.search(r"\b" + re.escape(place.lower()) + r"\b", text.lower()) is not None


def check_places(sentence: str, facts: SourceFacts, candidates: list[Evidence]) -> FactResult:
    written = places_of(sentence)
    if not written:
        return not_applicable(PLACES)
    judged = False
    for place in written:
        event = stems_of(sentence) - stems_of(place)
        if len(event) < MIN_EVENT_WORDS:
            continue
        naming = [e for e in facts.sentences if _mentions(e.text, place)]
        if not naming:
            continue  # a place no source names: the names check says so
        same = max(len(event & e.stems) for e in naming)
        for evidence in candidates:
            if len(evidence.text) > MAX_CHARS or _mentions(evidence.text, place):
                continue
            told = len(event & evidence.stems)
            if told < max(MIN_EVENT_WORDS, MIN_EVENT_SHARE * len(event)):
                continue
            others = [p for p in places_of(evidence.text) if not _mentions(sentence, p)]
            if not others:
                continue
            judged = True
            together = any(all(_mentions(e.text, p) for p in (place, *others)) for e in facts.sentences)
            if told >= same + MIN_MARGIN and not together:
                return fail(PLACES, f'the source tells this at {others[0]}, not {place}: "{evidence.text}"')
    return ok(PLACES) if judged else not_applicable(PLACES)
