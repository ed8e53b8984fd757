"""The shared backend: PostgreSQL through psycopg 3, for several servers and workers on several machines.

Full-text search is a generated ``tsvector`` column with a GIN index, queried with ``websearch_to_tsquery`` (any
word of the query matches) and ranked by ``ts_rank`` normalised by document length, the nearest built-in to BM25.
Connections are per thread, in autocommit; ``transaction`` wraps a block in one. A thread's connection is checked
before each use (``PgConnection.usable``), so one the server ended while it sat idle is replaced, not used.
"""

from __future__ import annotations

import functools
import select
import zlib
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from types import ModuleType
from typing import Any

from ..errors import InputError, StorageError
from ..models import Passage
from ._clock import now
from ._per_thread import PerThread
from .base import ARTICLE_COLUMNS, STORY_COLUMNS, Archive
from .location import without_password
from .migrations import MIGRATIONS, refuse_unknown
from .passages import fold_accents, search_words

MIGRATION_LOCK = 0x6E657773  # "news": one process migrates at a time
CONNECT_TIMEOUT_SECONDS = 10


def _import_psycopg() -> tuple[ModuleType, Callable[..., Any]]:
    try:
        import psycopg
        from psycopg.rows import dict_row
    except ImportError as error:  # pragma: no cover - psycopg is a dependency
        raise InputError("PostgreSQL needs psycopg: pip install 'psycopg[binary]'") from error
    return psycopg, dict_row


@functools.lru_cache(maxsize=512)
def pg_sql(sql: str) -> str:
    """The shared SQL's ``?`` placeholders as psycopg's ``%s`` (a literal ``%`` doubled)."""
    return sql.replace("%", "%%").replace("?", "%s")


def safe_url(url: str) -> str:
    """The URL without its password, for messages and logs (a malformed one too)."""
    return without_password(url)


class PgConnection:
    """A psycopg connection that takes the shared SQL (``?`` placeholders) and returns rows as dicts."""

    def __init__(self, conn: Any, where: str = "the database"):
        self.raw = conn
        self.where = where

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        with self.unavailable():
            return self.raw.execute(pg_sql(sql), params)

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        if rows:
            with self.unavailable(), self.raw.cursor() as cursor:
                cursor.executemany(pg_sql(sql), rows)

    @contextmanager
    def unavailable(self) -> Iterator[None]:
        """A server that went away mid-run (shut down, restarted, the network cut) is the database unavailable, a
        503 on the web and one line on the command line: the next use of this thread's connection opens a new one
        (``PostgresArchive.db``), so the run or the server goes on once the database is back."""
        psycopg, _ = _import_psycopg()
        try:
            yield
        except psycopg.OperationalError as error:
            reason = " ".join(str(error).split())[:300] or type(error).__name__
            raise StorageError(f"lost the connection to the database {self.where}: {reason}") from error

    def usable(self) -> bool:
        """False for a connection the server has ended, so that it is replaced before a statement meets it.

        A restart or an administrator's shutdown ends every connection, but a client learns of it only when it
        next uses one, and each thread of the web server keeps its own: without this check each of them failed
        one request, whenever it came, long after the database was back (Smoke test 40a #2). An idle connection
        has nothing to read unless the server has written to it (its last words, or the socket closed), so a
        non-blocking look at the socket costs no round trip; only when there is something is it asked with an
        empty query. A connection inside a transaction is in use: it is not checked, nor replaced."""
        if self.raw.closed:
            return False
        psycopg, _ = _import_psycopg()
        if self.raw.info.transaction_status != psycopg.pq.TransactionStatus.IDLE:
            return True
        poller = select.poll()  # not select.select: a busy server's descriptors pass its limit of 1024
        poller.register(self.raw.fileno(), select.POLLIN)
        if not poller.poll(0):
            return True
        try:
            self.raw.execute("")
        except psycopg.Error:
            return False
        return True

    def close(self) -> None:
        self.raw.close()


class PostgresArchive(Archive):
    backend = "postgres"

    def __init__(self, url: str, *, migrate: bool = True):
        self.url = str(url)
        self._connections: PerThread[PgConnection] = PerThread()
        self.path = self.location  # what the CLI prints as "where": the URL without its password
        if migrate:  # off only for tests that migrate step by step
            self.migrate()

    @property
    def location(self) -> str:
        return safe_url(self.url)

    def connect(self) -> PgConnection:
        """A new connection of its own (the caller closes it): for locks held apart from the thread's work."""
        psycopg, dict_row = _import_psycopg()
        try:
            conn = psycopg.connect(
                self.url, autocommit=True, row_factory=dict_row, connect_timeout=CONNECT_TIMEOUT_SECONDS
            )
        except psycopg.Error as error:
            reason = " ".join(str(error).split())[:300] or type(error).__name__
            raise StorageError(f"cannot connect to the database {self.location}: {reason}") from error
        return PgConnection(conn, self.location)

    @property
    def db(self) -> PgConnection:
        conn = self._connections.get()
        if conn is not None and not conn.usable():
            self._connections.close()
            conn = None
        if conn is None:
            conn = self._connections.set(self.connect())
        return conn

    @contextmanager
    def transaction(self) -> Iterator[PgConnection]:
        db = self.db
        with db.unavailable(), db.raw.transaction():  # BEGIN on a connection the server ended is unavailability too
            yield db

    def close(self) -> None:
        self._connections.close()

    def migrate(self, upto: int | None = None) -> list[str]:
        """Apply the migrations not applied yet (the first ``upto`` only, for tests); returns their names.

        An advisory lock held for the transaction makes processes that start together migrate one at a time."""
        psycopg, _ = _import_psycopg()
        applied: list[str] = []
        try:
            with self.transaction() as db:
                db.execute("SELECT pg_advisory_xact_lock(?)", (MIGRATION_LOCK,))
                db.execute("CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied TEXT NOT NULL)")
                done = {row["name"] for row in db.execute("SELECT name FROM migrations")}
                refuse_unknown(done, self.location)
                for step in MIGRATIONS[:upto]:
                    if step.name not in done:
                        db.raw.execute(step.postgres)  # no parameters: several statements in one call
                        db.execute("INSERT INTO migrations VALUES (?, ?)", (step.name, now()))
                        applied.append(step.name)
        except psycopg.Error as error:
            raise InputError(f"cannot set up the database {self.location}: {error}") from error
        return applied

    @contextmanager
    def exclusive(self, name: str) -> Iterator[bool]:
        """Try to become the one process doing ``name`` (e.g. scheduling feed polls), for as long as the block
        runs: yields whether this process got it. A session advisory lock on a connection of its own, so it is
        released when the block ends or when the process dies (its connection closes)."""
        conn = self.connect()
        key = zlib.crc32(name.encode()) & 0x7FFFFFFF
        try:
            got = bool(conn.execute("SELECT pg_try_advisory_lock(?) AS got", (key,)).fetchone()["got"])
            yield got
        finally:
            conn.close()  # ends the session, and with it the lock

    # -- full-text search ----------------------------------------------------------------------------------
    def search_passages(self, query: str, limit: int = 20, exclude_story_ids: tuple[int, ...] = ()) -> list[Passage]:
        words = _or_query(query)
        if not words:
            return []
        rows = self.db.execute(
            """SELECT p.id, p.story_id, p.position, p.text, ts_rank(p.tsv, q, 1) AS rank
               FROM passages p, websearch_to_tsquery('english', ?) q
               WHERE p.tsv @@ q AND NOT (p.story_id = ANY(?::bigint[]))
               ORDER BY rank DESC, p.id LIMIT ?""",
            (words, list(exclude_story_ids), limit),
        )
        return [
            Passage(text=r["text"], story_id=r["story_id"], position=r["position"], id=r["id"], score=float(r["rank"]))
            for r in rows
        ]

    _matching_stories = (
        f"SELECT {STORY_COLUMNS}, ts_headline('english', s.body, q, 'StartSel=[, StopSel=], MaxWords=12,"
        " MinWords=4, MaxFragments=1, FragmentDelimiter=…') AS snippet"
        " FROM stories s, websearch_to_tsquery('english', ?) q WHERE s.tsv @@ q"
        " ORDER BY ts_rank(setweight(to_tsvector('english', s.headline), 'A') || s.tsv, q) DESC, s.id DESC"
        " LIMIT ? OFFSET ?"
    )
    _matching_articles = (
        f"SELECT {ARTICLE_COLUMNS} FROM articles a WHERE a.tsv @@ websearch_to_tsquery('simple', ?)"
        " OR a.story_id IN (SELECT id FROM stories WHERE tsv @@ websearch_to_tsquery('english', ?))"
        " ORDER BY a.id DESC LIMIT ? OFFSET ?"
    )

    def _search_terms(self, query: str) -> str:
        return _or_query(query)


def _or_query(text: str) -> str:
    """Free text as a ``websearch_to_tsquery`` that matches any of its words (``or`` is that syntax's operator,
    so the word itself, a stop word anyway, is left out)."""
    return " or ".join(w for w in search_words(fold_accents(text)) if w != "or")  # as the columns fold them
