"""The rows the archive lists, as the faces read them: stories, articles, runs and model calls.

Each is a ``TypedDict`` (the faces serialise them to JSON as they are) built from a database row by its reader
below, so both backends hand out the same keys with the same types.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NotRequired, TypedDict

__all__ = ["ArticleRow", "CallRow", "RunRow", "StoryRow", "article_row", "call_row", "run_row", "story_row"]


class StoryRow(TypedDict):
    id: int
    headline: str
    url: str | None
    published: str | None
    source: str | None
    language: str | None
    origin: str
    created: str
    snippet: str  # the opening, or with a search the words around what matched ([brackets] mark them)
    article_ids: NotRequired[list[int]]  # the articles written about it, where a listing adds them


class ArticleRow(TypedDict):
    id: int
    story_id: int | None
    title: str
    model: str
    template: str
    created: str


class RunRow(TypedDict):
    id: int
    story_id: int | None
    model: str
    template: str
    status: str  # running, done, failed
    started: str
    finished: str | None
    error: str | None
    owner: str | None  # who ran it: ``host:pid``, and ``:job-N`` for a job's attempt (``jobs.queue.attempt_owner``)


class CallRow(TypedDict):
    id: int
    run_id: int | None
    purpose: str | None
    model: str
    prompt_tokens: int
    completion_tokens: int
    cached_tokens: int
    seconds: float
    from_cache: bool
    cache_key: str | None
    created: str


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def story_row(row: Mapping[str, Any]) -> StoryRow:
    return StoryRow(
        id=int(row["id"]),
        headline=_text(row["headline"]),
        url=row["url"],
        published=row["published"],
        source=row["source"],
        language=row["language"],
        origin=_text(row["origin"]),
        created=_text(row["created"]),
        snippet=_text(row["snippet"]),
    )


def article_row(row: Mapping[str, Any]) -> ArticleRow:
    return ArticleRow(
        id=int(row["id"]),
        story_id=row["story_id"],
        title=_text(row["title"]),
        model=_text(row["model"]),
        template=_text(row["template"]),
        created=_text(row["created"]),
    )


def run_row(row: Mapping[str, Any]) -> RunRow:
    return RunRow(
        id=int(row["id"]),
        story_id=row["story_id"],
        model=_text(row["model"]),
        template=_text(row["template"]),
        status=_text(row["status"]),
        started=_text(row["started"]),
        finished=row["finished"],
        error=row["error"],
        owner=row["owner"],
    )


def call_row(row: Mapping[str, Any]) -> CallRow:
    return CallRow(
        id=int(row["id"]),
        run_id=row["run_id"],
        purpose=row["purpose"],
        model=_text(row["model"]),
        prompt_tokens=int(row["prompt_tokens"] or 0),
        completion_tokens=int(row["completion_tokens"] or 0),
        cached_tokens=int(row["cached_tokens"] or 0),
        seconds=float(row["seconds"] or 0),
        from_cache=bool(row["from_cache"]),
        cache_key=row["cache_key"],
        created=_text(row["created"]),
    )
