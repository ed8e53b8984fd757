"""The embedded backend: one SQLite file (WAL), full-text search by FTS5 with BM25 ranking."""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from ..errors import InputError, StorageError
from ..models import Passage
from ._clock import now
from ._per_thread import PerThread
from .base import ARTICLE_COLUMNS, STORY_COLUMNS, Archive
from .faults import storage_fault
from .location import default_db_path
from .migrations import MIGRATIONS, Migration, refuse_unknown
from .passages import fts_query

T = TypeVar("T")

#: How long a connection waits on a lock that SQLite reports without calling its busy handler.
LOCK_WAIT_SECONDS = 30.0
HEADLINE_WEIGHT = 4.0  # BM25 weight of a query word in a story's headline against one in its body


def _when_unlocked(operation: Callable[[], T]) -> T:
    """Run ``operation``, retrying while the file is locked.

    SQLite answers some lock conflicts at once instead of waiting out ``busy_timeout``: switching a new file to
    WAL while another connection creates it, or a WAL index being recovered. Processes that open one new
    database together meet exactly these, so they wait here with a short backoff instead of failing.
    """
    deadline = time.monotonic() + LOCK_WAIT_SECONDS
    pause = 0.01
    while True:
        try:
            return operation()
        except sqlite3.OperationalError as error:
            locked = "locked" in str(error) or "busy" in str(error)
            if not locked or time.monotonic() + pause > deadline:
                raise
        time.sleep(pause)
        pause = min(pause * 2, 0.5)


class SQLiteArchive(Archive):
    """A handle on the database file. Connections are per thread; writes are short transactions."""

    backend = "sqlite"

    def __init__(self, path: str | Path | None = None, *, migrate: bool = True):
        self.path = Path(path).expanduser() if path else default_db_path()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            blocking = next((p for p in self.path.parents if p.exists() and not p.is_dir()), None)
            reason = f"{blocking} is a file, not a folder" if blocking else error.strerror
            raise InputError(f"cannot create the database folder {self.path.parent}: {reason}") from error
        self._connections: PerThread[sqlite3.Connection] = PerThread()
        if migrate:  # off only for tests that migrate step by step
            self.migrate()

    @property
    def location(self) -> str:
        return str(self.path)

    # -- connection plumbing -------------------------------------------------------------------------------
    @property
    def db(self) -> sqlite3.Connection:
        conn = self._connections.get()
        if conn is None:
            try:
                conn = sqlite3.connect(self.path, timeout=30, isolation_level=None, check_same_thread=False)
            except sqlite3.Error as error:
                raise InputError(f"cannot open the database {self.path}: {error}") from error
            conn.row_factory = sqlite3.Row
            try:
                conn.execute("PRAGMA busy_timeout=30000")
                _when_unlocked(lambda: conn.execute("PRAGMA journal_mode=WAL"))
                conn.execute("PRAGMA synchronous=NORMAL")
                conn.execute("PRAGMA foreign_keys=ON")
            except sqlite3.Error:
                conn.close()  # a connection that cannot be set up is not kept, nor left for the collector
                raise
            self._connections.set(conn)
        return conn

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE ... COMMIT: the writer lock is taken up front, so concurrent writers queue, not fail."""
        db = self.db
        db.execute("BEGIN IMMEDIATE")
        try:
            yield db
        except BaseException:
            db.execute("ROLLBACK")
            raise
        else:
            db.execute("COMMIT")

    def close(self) -> None:
        self._connections.close()

    def migrate(self, upto: int | None = None) -> list[str]:
        """Apply the migrations not applied yet (the first ``upto`` only, for tests); returns their names."""
        try:
            return _when_unlocked(lambda: self._migrate(upto))
        except sqlite3.DatabaseError as error:
            fault = storage_fault(error)
            if fault is not None or not os.access(self.path.parent, os.W_OK):  # SQLite writes its journal beside it
                raise StorageError(
                    f"the database {self.path} cannot be opened: it, or its folder {self.path.parent}, is read-only"
                    " (SQLite writes its journal beside the file)"
                ) from error
            raise InputError(f"{self.path} is not a newsdesk database: {error}") from error

    def _migrate(self, upto: int | None) -> list[str]:
        applied: list[str] = []
        with self.transaction() as db:
            db.execute("CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied TEXT NOT NULL)")
            done = {row[0] for row in db.execute("SELECT name FROM migrations")}
            refuse_unknown(done, str(self.path))
            for step in MIGRATIONS[:upto]:
                if step.name not in done:
                    _run_script(db, step)
                    db.execute("INSERT INTO migrations VALUES (?, ?)", (step.name, now()))
                    applied.append(step.name)
        return applied

    # -- full-text search ----------------------------------------------------------------------------------
    def search_passages(self, query: str, limit: int = 20, exclude_story_ids: tuple[int, ...] = ()) -> list[Passage]:
        """Passages by BM25 (FTS5's rank: lower is better, so the score is negated)."""
        match = fts_query(query)
        if not match:
            return []
        placeholders = ",".join("?" * len(exclude_story_ids)) or "-1"  # NOT IN (NULL) would match nothing
        rows = self.db.execute(
            f"""SELECT p.id, p.story_id, p.position, p.text, bm25(passages_fts) AS rank
                FROM passages_fts JOIN passages p ON p.id = passages_fts.rowid
                WHERE passages_fts MATCH ? AND p.story_id NOT IN ({placeholders})
                ORDER BY rank LIMIT ?""",
            (match, *exclude_story_ids, limit),
        )
        return [
            Passage(text=r["text"], story_id=r["story_id"], position=r["position"], id=r["id"], score=-float(r["rank"]))
            for r in rows
        ]

    _matching_stories = (
        f"SELECT {STORY_COLUMNS}, snippet(stories_fts, 1, '[', ']', '…', 12) AS snippet"
        " FROM stories_fts JOIN stories s ON s.id = stories_fts.rowid WHERE stories_fts MATCH ?"
        f" ORDER BY bm25(stories_fts, {HEADLINE_WEIGHT}, 1.0), s.id DESC LIMIT ? OFFSET ?"
    )
    _matching_articles = (
        f"SELECT {ARTICLE_COLUMNS} FROM articles a WHERE a.id IN (SELECT rowid FROM articles_fts WHERE"
        " articles_fts MATCH ?) OR a.story_id IN (SELECT rowid FROM stories_fts WHERE stories_fts MATCH ?)"
        " ORDER BY a.id DESC LIMIT ? OFFSET ?"
    )

    def _search_terms(self, query: str) -> str:
        return fts_query(query)


def _run_script(db: sqlite3.Connection, step: Migration) -> None:
    """A migration's statements one by one: sqlite3's own executescript COMMITs first, which would end the
    migration transaction (and let a second process apply the same migration)."""
    statement = ""
    for line in step.sqlite.splitlines(keepends=True):
        statement += line
        if sqlite3.complete_statement(statement):
            db.execute(statement)
            statement = ""
    if statement.strip():
        db.execute(statement)
