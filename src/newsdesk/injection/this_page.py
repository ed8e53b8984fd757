"""A sentence that names the page it stands on, in the languages the screen reads (``rules``).

Every language points at the text in hand the same way: a proximal demonstrative before a word for a text ("this
article", "cet article", "dieser Artikel", "este artículo", "questo articolo", "dit artikel", "ten artykuł"). Such a
sentence is about the page (a credit, a correction notice, a request to whoever repackages it), not about the news,
whatever the story's language: ``asserted`` sets it aside in a French story as in an English one
(``language.refers_to_the_page`` reads the English). Each language's demonstratives and its words for a news page;
a demonstrative that is also an English word ("ten", "ta" in Polish) is paired only with nouns English lacks
("artykuł", "strona"), and the German demonstrative only in its inflected forms ("dies" is an English verb).
"""

from __future__ import annotations

import re

from ..language import refers_to_the_page
from ..text import without_quotations

__all__ = ["names_this_page"]

# demonstrative, then up to two words (an adjective: "ce bref article"), then a noun for a news page
_BY_LANGUAGE = {
    "fr": (r"ce|cet|cette|ces", r"articles?|pages?|textes?|dépêches?|depeches?|billets?|reportages?"),
    "es": (r"este|esta|estos|estas", r"art[ií]culos?|p[aá]ginas?|textos?|notas?|reportajes?|cr[oó]nicas?"),
    "pt": (r"este|esta|estes|estas|neste|nesta|deste|desta", r"artigos?|p[aá]ginas?|textos?|mat[eé]rias?|reportagens?"),
    "it": (r"questo|questa|questi|queste|quest'", r"articol[oi]|pagin[ae]|test[oi]|serviz[io]"),
    "de": (r"dies(?:e|er|es|em|en)", r"artikels?|seiten?|texts?|textes|beitr[aä]ge?s?|berichts?|meldung(?:en)?"),
    "nl": (r"dit|deze", r"artikel(?:en)?|pagina'?s?|tekst(?:en)?|bericht(?:en)?|stuk(?:ken)?"),
    "pl": (r"ten|ta|tego|tej|tym|tę|niniejsz\w*", r"artyku[lł]\w*|stron[aiyę]\w*|tekst\w*|materia[lł]\w*"),
}
_THIS_PAGE_ANYWHERE = re.compile(
    "|".join(
        rf"(?<![\w'])(?:{determiners})\s*(?:[\w-]+\s+){{0,2}}?(?:{nouns})(?!\w)"
        for determiners, nouns in _BY_LANGUAGE.values()
    ),
    re.IGNORECASE,
)


def names_this_page(sentence: str) -> bool:
    """Whether a sentence, outside its quotations, names the page it stands on, in English or in a language the
    screen reads (see the module's docstring)."""
    return refers_to_the_page(sentence) or bool(_THIS_PAGE_ANYWHERE.search(without_quotations(sentence)))
