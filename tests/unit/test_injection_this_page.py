"""A sentence that names the page it stands on is about the page, not the news, in every language the screen
reads: a proximal demonstrative before a word for a text ("cet article", "dieser Artikel", "dit artikel"), as
"this article" in English. English prose whose words only look like those demonstratives is news (smoke 44 #16)."""

from __future__ import annotations

import pytest

from newsdesk.injection.addressee import asserted
from newsdesk.injection.this_page import names_this_page


@pytest.mark.parametrize(
    "sentence",
    [
        "Cet article a été mis à jour mardi soir avec la réaction du préfet.",
        "Ce bref article a été corrigé.",
        "Este artículo fue actualizado con nuevas cifras.",
        "Dieser Artikel wurde am Dienstag aktualisiert.",
        "Questo articolo è stato aggiornato alle 18.",
        "Dit artikel is dinsdag bijgewerkt.",
        "Ten artykuł został zaktualizowany we wtorek.",
        "Este artigo foi atualizado às 10h.",
    ],
)
def test_a_sentence_naming_this_page_is_not_asserted_whatever_its_language(sentence: str) -> None:
    assert names_this_page(sentence)
    assert not asserted(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Ten pages of the inquiry report were redacted before publication.",
        "The patient dies within days, the text of the ruling says.",
        "Les textes ont été votés mardi par les députés.",
        "Der Bericht wurde am Dienstag veröffentlicht.",
        "Le détail des votes a été publié par l'Assemblée.",
        'The mayor wrote: "Cet article est un mensonge."',
    ],
)
def test_prose_that_names_no_page_of_its_own_is_news(sentence: str) -> None:
    assert not names_this_page(sentence)
