"""Who published each source: its outlet, as its feed or page names itself (``Source.publisher``), and when.

The Sources list shows each source's publisher, so an outlet named in a written sentence is no name the sentence
invents: it says whose account the sentence gives ("according to Harbour Herald", "Coastline Daily reports"). The
measurements read the sentence without it (``without_outlets``): who tells a fact is not part of what is told, and
the story's text never names the page it is printed on. ``_facts/_disputed`` holds a figure the outlets give
differently to the outlet a sentence names for it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..models import Source

__all__ = ["Outlet", "outlet_pattern", "outlets_of", "without_outlets"]

_ARTICLES = frozenset({"the", "a", "an"})


@dataclass(frozen=True)
class Outlet:
    """Who published a source, as its feed or page names itself, and when (ISO; "" where undated)."""

    name: str
    published: str = ""


def outlets_of(sources: Sequence[Source]) -> dict[int, Outlet]:
    """Each source's outlet by its number, for the sources that name their publisher."""
    return {
        s.number: Outlet(" ".join(s.publisher.split()), s.published or "")
        for s in sources
        if s.publisher and s.publisher.strip()
    }


@lru_cache(maxsize=256)
def outlet_pattern(name: str) -> re.Pattern[str] | None:
    """How a sentence names an outlet: its name as whole words, in any case, with or without its article ("The
    Guardian" is named by "Guardian" too); None for a name of articles alone."""
    words = name.split()
    while words and words[0].lower() in _ARTICLES:
        words = words[1:]
    if not words:
        return None
    return re.compile(r"(?<!\w)" + r"\s+".join(re.escape(w) for w in words) + r"(?!\w)", re.IGNORECASE)


def without_outlets(text: str, names: Iterable[str]) -> str:
    """``text`` with every outlet it names left out (with a possessive "'s" after it): what the sentence tells,
    not who tells it."""
    for name in names:
        pattern = outlet_pattern(name)
        if pattern is not None:
            text = re.sub(pattern.pattern + r"(?:['’]s)?", "", text, flags=re.IGNORECASE)
    return " ".join(text.split())
