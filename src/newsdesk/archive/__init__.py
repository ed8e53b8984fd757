"""The archive: stories, passages, articles, runs, LLM calls, the cache, feeds and the job tables.

``open(location)`` opens a SQLite file (the embedded default) or, for a ``postgresql://`` URL, a PostgreSQL
database shared by servers and workers on several machines. Both backends run the same migrations list
(``migrations.py``) and answer the same interface (``base.Archive``).
"""

from __future__ import annotations

from pathlib import Path

from ._clock import now
from .base import Archive
from .faults import check_writable, storage_fault
from .feeds import Feed, FeedEntry, FeedStore
from .location import check_location, default_db_path, default_location, is_postgres
from .migrations import MIGRATIONS, Migration
from .passages import PASSAGE_MAX_CHARS, PASSAGE_MIN_CHARS, fts_query, search_words, split_passages
from .rows import ArticleRow, CallRow, RunRow, StoryRow

__all__ = [
    "Archive",
    "ArticleRow",
    "CallRow",
    "check_location",
    "check_writable",
    "Feed",
    "FeedEntry",
    "FeedStore",
    "MIGRATIONS",
    "Migration",
    "PASSAGE_MAX_CHARS",
    "PASSAGE_MIN_CHARS",
    "RunRow",
    "StoryRow",
    "default_db_path",
    "default_location",
    "fts_query",
    "is_postgres",
    "now",
    "open",
    "open_archive",
    "search_words",
    "split_passages",
    "storage_fault",
]


def open(location: str | Path | None = None, *, migrate: bool = True) -> Archive:
    """The archive at ``location``: a ``postgresql://`` URL opens PostgreSQL, anything else a SQLite file
    (``$NEWSDESK_DB`` or the user's data directory when ``location`` is None). ``migrate=False`` only for tests
    that migrate step by step."""
    if location is None:
        location = default_location()
    check_location(location)
    if is_postgres(str(location)):
        from .postgres import PostgresArchive

        return PostgresArchive(str(location), migrate=migrate)
    from .sqlite import SQLiteArchive

    return SQLiteArchive(location, migrate=migrate)


#: ``open`` under a name that does not shadow the built-in where it is imported on its own.
open_archive = open
