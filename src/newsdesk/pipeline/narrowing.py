"""The sources a story map is narrowed to: the story's own (the story and its thread's entries), and those published
before it. A first run and a section's rewrite narrow the same way."""

from __future__ import annotations

from ..archive import Archive
from ..models import Source
from ..text import published_moment
from ..threads import thread_members

__all__ = ["own_sources", "published_before"]


def published_before(sources: list[Source], published: str | None) -> list[int]:
    """The numbers of the sources published before ``published`` (the story's time), where both times are known:
    by the hour where both give one, else by the day (a date alone says nothing of the hour, so the same day is
    not before)."""
    moment = published_moment(published)
    if moment is None:
        return []
    earlier = []
    for source in sources:
        other = published_moment(source.published)
        if other is None:
            continue
        timed = _has_time(published) and _has_time(source.published)
        if (other < moment) if timed else (other.date() < moment.date()):
            earlier.append(source.number)
    return earlier


def _has_time(published: str | None) -> bool:
    return "T" in (published or "").strip() or " " in (published or "").strip()


def own_sources(sources: list[Source], archive: Archive, story_id: int | None) -> list[int]:
    """The numbers of the story's own sources: the story, and the entries of its thread (as stored)."""
    members = thread_members(archive, story_id)
    return [s.number for s in sources if s.role == "story" or (s.story_id is not None and s.story_id in members)]
