"""A one-source story made of sentences written for a test, one passage each, as the story map and the drafter
read it."""

from __future__ import annotations

from newsdesk.models import Passage, Source


def one_source(texts: list[str], title: str, published: str | None = None) -> list[Source]:
    passages = [Passage(text=t, position=i, source_number=1, id=i + 1) for i, t in enumerate(texts)]
    return [Source(number=1, title=title, published=published, passages=passages)]
