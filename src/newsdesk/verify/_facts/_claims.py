"""What a hedge may and may not do, filler, and verbatim quotations.

A reasoning sentence (analysis, outlook, opinion) is held to a lower lexical bar because its reasoning is the
writer's own. The facts it carries are not: "Netanyahu is expected to attend on February 18" carries (Netanyahu,
attend, February 18), and with the hedge taken out that must pass as a fact would. Filler ("Only time will tell
how this story unfolds") says nothing about the story and is never cited. A quotation found verbatim in a source,
with little else around it, is supported whatever its lexical score.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .. import _specifics as sp
from .._text import content_stems, normalise, strip_hedges, tokens

if TYPE_CHECKING:
    from .._index import PassageIndex
    from .._measure import Measure
    from .._score import Calibration

__all__ = ["hedged_facts_unsupported", "is_filler", "verbatim_quotation"]

_FILLER_OPENERS = re.compile(
    r"^\W*(ultimately|after all|in the end|at the end of the day|only time will tell|time will tell|in today's "
    r"world|in a world where|now more than ever|history will|it remains to be seen|whatever happens|one thing is "
    r"(clear|certain)|as always|as the saying goes|needless to say|at its core|when all is said and done)\b", re.I)
# Case matters: "us" is universal, "US" is a country.
_UNIVERSAL = re.compile(r"\b([Ww]e|us|[Oo]ur|ourselves|[Yy]our|yourself|[Ee]veryone|[Ee]verybody|[Ee]very one of us|"
                        r"[Ee]ach of us|society|humanity|future generations|the world)\b")
MAX_STORY_WORDS = 2  # filler shares at most this many content words with the whole source
MAX_FILLER_SUPPORT = 0.5  # a filler sentence shares less than this with any one source sentence


def is_filler(sentence: str, m: Measure) -> bool:
    """Generic opinion with no content about the story: no specifics, generic framing, little source overlap."""
    if m.specifics or m.best_unit >= MAX_FILLER_SUPPORT or round(m.coverage * m.content) > MAX_STORY_WORDS:
        return False
    text = normalise(sentence)
    return bool(_FILLER_OPENERS.search(text) or _UNIVERSAL.search(text))


def hedged_facts_unsupported(sentence: str, index: PassageIndex, calibration: Calibration) -> str:
    """Why the facts a reasoning sentence carries fail at the fact bar, or "" when they pass (or it has none)."""
    from .._measure import measure  # the verifier's own measurement, run on the sentence without its hedges

    found = sp.extract(sentence)
    if not (found.months or found.weekdays or found.times):
        return ""  # a date carries an event; figures are bound to what they count by the figures check
    core = strip_hedges(sentence)
    if core == sentence:
        return ""
    m = measure(core, index)
    if m.missing or m.conflicts or calibration.probability(m) < calibration.threshold:
        return f"the facts it carries are not in the sources at the fact bar: \"{core}\""
    return ""


def verbatim_quotation(sentence: str, index: PassageIndex, m: Measure) -> bool:
    """Mostly a quotation found word for word in a source, and the words around it are the source's too."""
    text = normalise(sentence)
    quotes = sp.extract_quotes(text)
    if not quotes or m.missing_quotes or len(m.novel) > 1:
        return False
    quoted = sum(len(content_stems(tokens(q))) for q in quotes)
    return quoted >= 0.5 * max(1, m.content)
