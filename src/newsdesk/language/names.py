"""Names and places, and the page itself: the aliases, demonyms and metonyms by which a source and a story name
the same country or government, the forms of address and the media that relay an account, and the nouns by which
a news page names itself (``refers_to_the_page``)."""

from __future__ import annotations

import re

from ..text import without_quotations

# ---------------------------------------------------------------------------------------------- names and places

#: A people's adjective and its country: "Danish" is found where the source says "Denmark".
DEMONYMS = {
    "french": "france",
    "dutch": "netherlands",
    "swiss": "switzerland",
    "filipino": "philippines",
    "filipina": "philippines",
    "welsh": "wales",
    "irish": "ireland",
    "spanish": "spain",
    "polish": "poland",
    "danish": "denmark",
    "finnish": "finland",
    "british": "britain",
    "briton": "britain",
    "scots": "scotland",
    "english": "england",
    "american": "america",
    "greek": "greece",
    "thai": "thailand",
    "turkish": "turkey",
    "swedish": "sweden",
    "norwegian": "norway",
    "kiwi": "zealand",
    "portuguese": "portugal",
    "chinese": "china",
    "japanese": "japan",
    "vietnamese": "vietnam",
    "lebanese": "lebanon",
    "sudanese": "sudan",
}
#: Forms of address written before a name ("Mr", "Dr", "Dame"): part of how a person is named, not an office.
HONORIFICS = frozenset({"mr", "mrs", "ms", "dr", "sir", "dame", "lord", "lady", "prof", "miss", "mx", "st"})
#: Acronyms and the names they stand for.
ALIASES = {
    "uk": ("britain", "united kingdom"),
    "us": ("america", "united states"),
    "un": ("united nations",),
    "eu": ("european union",),
    "usa": ("america", "united states"),
}
#: Names a source may use for the same country: a written name is found if the source uses any of them.
COUNTRY_NAMES = [
    ("britain", "great britain", "united kingdom", "uk", "u.k."),
    ("america", "united states", "united states of america", "us", "u.s.", "usa", "u.s.a."),
]
#: A capital or a seat of government standing for its country or government ("Washington insists", "Moscow
#: denied"), and "Europe" for the European Union.
METONYMS = {
    "washington": ("america",),
    "white house": ("america",),
    "capitol hill": ("congress",),
    "kremlin": ("russia",),
    "moscow": ("russia",),
    "beijing": ("china",),
    "london": ("britain",),
    "downing street": ("britain",),
    "whitehall": ("britain",),
    "westminster": ("britain",),
    "paris": ("france",),
    "berlin": ("germany",),
    "tokyo": ("japan",),
    "tehran": ("iran",),
    "kyiv": ("ukraine",),
    "kiev": ("ukraine",),
    "jerusalem": ("israel",),
    "pyongyang": ("north korea",),
    "seoul": ("south korea",),
    "ankara": ("turkey",),
    "ottawa": ("canada",),
    "canberra": ("australia",),
    "new delhi": ("india",),
    "delhi": ("india",),
    "brussels": ("european union", "eu"),
    "europe": ("european union", "eu"),
}

#: The press and what it publishes, as the source of a statement ("according to local news reports", "the
#: newspaper said"): a medium that relays an account, not the people the account is about.
MEDIA_NOUNS = frozenset("report news media newspaper paper press outlet broadcaster tabloid magazine".split())

# ---------------------------------------------------------------------------------------------- the page itself

# What a news page calls itself ("this article", "this report", "this post"). Nouns that as often name a thing
# in the world ("this document shows ...", "this release", "this entry visa", "this file") are left out: a
# sentence about a leaked document is news.
PAGE_NOUNS = frozenset("article articles story report page post text piece newsletter dispatch bulletin".split())
_THIS_PAGE = re.compile(rf"\b(?:this|these)\s+(?:[\w-]+\s+){{0,2}}?(?:{'|'.join(sorted(PAGE_NOUNS))})\b", re.I)


def refers_to_the_page(sentence: str) -> bool:
    """Whether a sentence, outside its quotations, names the page it stands on ("this article", "contributed to
    this report", "will update this post", "anyone condensing this story"). Such a sentence is about the page (a
    credit, a correction notice, a comment box, or a request to whoever repackages it), not about the news: an
    article about the news never restates it. A quotation's "this post" is its speaker's, not the page's."""
    return bool(_THIS_PAGE.search(without_quotations(sentence)))
