"""What a hedge may and may not do, filler, and verbatim quotations.

A reasoning sentence (analysis, outlook, opinion) is held to a lower lexical bar because its reasoning is the
writer's own. The facts it carries are not: "Netanyahu is expected to attend on February 18" carries (Netanyahu,
attend, February 18): the words bound to the date must be what the source says of that date. Filler ("Only time
will tell how this story unfolds") says nothing about the story and is never cited. A quotation found verbatim in a
source, with little else around it, is supported whatever its lexical score.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ...language import PAGE_NOUNS
from ...text import QUOTED
from .. import _specifics as sp
from .._text import content_stems, normalise, strip_hedges, tokens

if TYPE_CHECKING:
    from .._index import PassageIndex
    from .._measure import Measure

__all__ = ["hedged_facts_unsupported", "invented_short_quote", "is_filler", "verbatim_quotation"]

_FILLER_OPENERS = re.compile(
    r"^\W*(ultimately|after all|in the end|at the end of the day|only time will tell|time will tell|in today's "
    r"world|in a world where|now more than ever|history will|it remains to be seen|whatever happens|one thing is "
    r"(clear|certain)|as always|as the saying goes|needless to say|at its core|when all is said and done)\b",
    re.IGNORECASE,
)
# Case matters: "us" is universal, "US" is a country.
_UNIVERSAL = re.compile(
    r"\b([Ww]e|us|[Oo]ur|ourselves|[Yy]our|yourself|[Ee]veryone|[Ee]verybody|[Ee]very one of us|"
    r"[Ee]ach of us|society|humanity|future generations|the world)\b"
)
# The nouns by which a text names itself ("this article", "this piece"). Of the page nouns, "story", "report",
# "page", "dispatch", "bulletin", "text" and "post" name things in the news as often ("this report found", "this
# text message", "deleted this post"), and stay claims; so does "this piece of legislation" ("of" follows).
_OWN_TEXT_NOUNS = PAGE_NOUNS - {"story", "report", "page", "dispatch", "bulletin", "text", "post"}
_OWN_TEXT = re.compile(
    rf"\bthis\s+(?:[\w-]+\s+){{0,2}}?(?:{'|'.join(sorted(_OWN_TEXT_NOUNS))})\b(?!\s+of\b)", re.IGNORECASE
)
MAX_STORY_WORDS = 2  # filler shares at most this many content words with the whole source
MAX_FILLER_SUPPORT = 0.5  # a filler sentence shares less than this with any one source sentence
MIN_FACT_WORDS = 0.5  # share of the words bound to a date or figure that its source sentences must hold


def is_filler(sentence: str, m: Measure) -> bool:
    """Generic opinion with no content about the story: no specifics, generic framing, little source overlap; or
    the text speaking of itself ("In this article, we will explore ..."), whatever it names: what a text says of
    itself is no claim about the story, and no source states it."""
    text = normalise(sentence)
    if _OWN_TEXT.search(QUOTED.sub(" ", text)):
        return True
    if m.specifics or m.best_unit >= MAX_FILLER_SUPPORT or round(m.coverage * m.content) > MAX_STORY_WORDS:
        return False
    return bool(_FILLER_OPENERS.search(text) or _UNIVERSAL.search(text))


def hedged_facts_unsupported(sentence: str, index: PassageIndex) -> str:
    """Why the facts a reasoning sentence carries are not supported, or "" when they are (or it carries none).

    A fact here is a date with the words bound to it ("attend ... February 18"): the source sentences that state
    the same date must hold at least half of those words, hedges aside.
    """
    from ._binding import bound_specifics, same_value, source_bounds
    from ._parse import source_facts

    facts = source_facts(index)
    for claim in bound_specifics(normalise(strip_hedges(sentence))):
        words = claim.before | claim.after
        if claim.sort not in ("day", "weekday") or len(words) < 2:
            continue  # a date carries an event; a figure's counted thing is the figures check's to bind
        holding = [
            e for e in facts.sentences if any(b.sort == claim.sort and same_value(claim, b) for b in source_bounds(e))
        ]
        if not holding:
            continue  # a figure in no source is the specifics rule's to judge
        told = set().union(*(e.stems for e in holding))
        if len(words & told) < MIN_FACT_WORDS * len(words):
            missing = ", ".join(sorted(words - told))
            return f"the sources never state {claim.surface} with {missing}"
    return ""


def verbatim_quotation(sentence: str, index: PassageIndex, m: Measure) -> bool:
    """Mostly a quotation found word for word in a source, and the words around it are the source's too."""
    text = normalise(sentence)
    quotes = sp.extract_quotes(text)
    if not quotes or m.missing_quotes or len(m.novel) > 1:
        return False
    quoted = sum(len(content_stems(tokens(q))) for q in quotes)
    return quoted >= 0.5 * max(1, m.content)


# A word or two in quotation marks: "stricken", 'a zoo'. Longer quotations are checked by the specifics rules.
_SHORT_QUOTE = re.compile(r'"([^"]{2,40})"|(?:^|(?<=[\s(\[]))\'(\w[^\']{0,38}\w)\'(?=[\s.,;:!?)\]]|$)')


def invented_short_quote(sentence: str, index: PassageIndex) -> str:
    """A quoted word or two that no source has: quotation marks say the source used exactly these words."""
    for match in _SHORT_QUOTE.finditer(normalise(sentence)):
        quote = (match.group(1) or match.group(2) or "").strip(" ,.")
        words = re.findall(r"\w+", quote)
        if not words or len(words) > 2:
            continue
        key = sp.quote_key(quote)
        if key and not any(f" {key} " in f" {k} " for k in index.quote_keys):  # keys are single-spaced words
            return f'the quoted words "{quote}" are in no source'
    return ""
