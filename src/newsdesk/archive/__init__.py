"""The archive: stories, passages, articles, runs, LLM calls, the cache, feeds and the job tables.

``Archive(location)`` opens a SQLite file (the embedded default) or, for a ``postgresql://`` URL, a PostgreSQL
database shared by servers and workers on several machines. Both backends run the same migrations list
(``migrations.py``) and answer the same interface (``base.Archive``).
"""

from .base import Archive, default_db_path, default_location, is_postgres, now
from .feeds import Feed, FeedEntry, FeedStore
from .migrations import MIGRATIONS, Migration
from .passages import PASSAGE_MAX_CHARS, PASSAGE_MIN_CHARS, fts_query, search_words, split_passages

__all__ = [
    "Archive", "Feed", "FeedEntry", "FeedStore", "MIGRATIONS", "Migration", "PASSAGE_MAX_CHARS", "PASSAGE_MIN_CHARS",
    "default_db_path", "default_location", "fts_query", "is_postgres", "now", "search_words", "split_passages",
]
