"""The embedded store: one SQLite file holds stories, their passages (FTS5), articles, runs, LLM calls and the cache.

Schema changes are migration functions, each applied once and recorded in the ``migrations`` table; add new ones
at the end of ``MIGRATIONS``, never edit an applied one.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from .errors import InputError, NotFoundError
from .models import Article, Passage, Story

MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = []

# Passages are paragraph chunks: short paragraphs are merged, long ones split at sentence ends.
PASSAGE_MIN_CHARS = 200
PASSAGE_MAX_CHARS = 1200


def migration(fn: Callable[[sqlite3.Connection], None]) -> Callable[[sqlite3.Connection], None]:
    MIGRATIONS.append(fn)
    return fn


@migration
def m001_stories_and_passages(db: sqlite3.Connection) -> None:
    db.executescript(
        """
        CREATE TABLE stories (
            id INTEGER PRIMARY KEY,
            fingerprint TEXT NOT NULL UNIQUE,
            headline TEXT NOT NULL,
            body TEXT NOT NULL,
            url TEXT,
            published TEXT,
            source TEXT,
            author TEXT,
            language TEXT,
            origin TEXT NOT NULL DEFAULT 'text',
            created TEXT NOT NULL
        );
        CREATE INDEX stories_url ON stories(url);
        CREATE TABLE passages (
            id INTEGER PRIMARY KEY,
            story_id INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            text TEXT NOT NULL
        );
        CREATE INDEX passages_story ON passages(story_id, position);
        CREATE VIRTUAL TABLE passages_fts USING fts5(
            text, content='passages', content_rowid='id', tokenize='porter unicode61'
        );
        CREATE TRIGGER passages_ai AFTER INSERT ON passages BEGIN
            INSERT INTO passages_fts(rowid, text) VALUES (new.id, new.text);
        END;
        CREATE TRIGGER passages_ad AFTER DELETE ON passages BEGIN
            INSERT INTO passages_fts(passages_fts, rowid, text) VALUES ('delete', old.id, old.text);
        END;
        CREATE VIRTUAL TABLE stories_fts USING fts5(
            headline, body, content='stories', content_rowid='id', tokenize='porter unicode61'
        );
        CREATE TRIGGER stories_ai AFTER INSERT ON stories BEGIN
            INSERT INTO stories_fts(rowid, headline, body) VALUES (new.id, new.headline, new.body);
        END;
        CREATE TRIGGER stories_ad AFTER DELETE ON stories BEGIN
            INSERT INTO stories_fts(stories_fts, rowid, headline, body)
            VALUES ('delete', old.id, old.headline, old.body);
        END;
        """
    )


@migration
def m002_runs_articles_calls_cache(db: sqlite3.Connection) -> None:
    db.executescript(
        """
        CREATE TABLE runs (
            id INTEGER PRIMARY KEY,
            story_id INTEGER REFERENCES stories(id),
            model TEXT NOT NULL,
            template TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'running',
            error TEXT,
            stats TEXT,
            started TEXT NOT NULL,
            finished TEXT
        );
        CREATE TABLE articles (
            id INTEGER PRIMARY KEY,
            story_id INTEGER REFERENCES stories(id),
            run_id INTEGER REFERENCES runs(id),
            title TEXT NOT NULL,
            model TEXT NOT NULL,
            template TEXT NOT NULL,
            json TEXT NOT NULL,
            created TEXT NOT NULL
        );
        CREATE INDEX articles_story ON articles(story_id);
        CREATE VIRTUAL TABLE articles_fts USING fts5(title, content='articles', content_rowid='id');
        CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
            INSERT INTO articles_fts(rowid, title) VALUES (new.id, new.title);
        END;
        CREATE TABLE llm_calls (
            id INTEGER PRIMARY KEY,
            run_id INTEGER REFERENCES runs(id),
            purpose TEXT,
            model TEXT NOT NULL,
            prompt_tokens INTEGER NOT NULL DEFAULT 0,
            completion_tokens INTEGER NOT NULL DEFAULT 0,
            cached_tokens INTEGER NOT NULL DEFAULT 0,
            seconds REAL NOT NULL DEFAULT 0,
            from_cache INTEGER NOT NULL DEFAULT 0,
            cache_key TEXT,
            created TEXT NOT NULL
        );
        CREATE TABLE llm_cache (
            key TEXT PRIMARY KEY,
            model TEXT NOT NULL,
            completion TEXT NOT NULL,
            created TEXT NOT NULL
        );
        """
    )


@migration
def m003_feeds(db: sqlite3.Connection) -> None:
    db.executescript(
        """
        CREATE TABLE feeds (
            id INTEGER PRIMARY KEY,
            url TEXT NOT NULL UNIQUE,
            title TEXT,
            interval_seconds INTEGER NOT NULL DEFAULT 900,
            last_polled TEXT,
            created TEXT NOT NULL
        );
        CREATE TABLE feed_entries (
            id INTEGER PRIMARY KEY,
            feed_url TEXT NOT NULL,
            guid TEXT,
            link TEXT,
            content_hash TEXT NOT NULL,
            story_id INTEGER REFERENCES stories(id),
            article_id INTEGER REFERENCES articles(id),
            created TEXT NOT NULL
        );
        CREATE INDEX feed_entries_guid ON feed_entries(guid);
        CREATE INDEX feed_entries_link ON feed_entries(link);
        CREATE INDEX feed_entries_hash ON feed_entries(content_hash);
        """
    )


@migration
def m004_feed_entries_by_feed(db: sqlite3.Connection) -> None:
    db.execute("CREATE INDEX IF NOT EXISTS feed_entries_feed ON feed_entries(feed_url, id)")


@migration
def m005_article_request_keys(db: sqlite3.Connection) -> None:
    """An idempotency key per requested article: a job or feed entry re-run after a crash saves it once."""
    db.execute("ALTER TABLE articles ADD COLUMN request_key TEXT")
    db.execute("CREATE UNIQUE INDEX articles_request_key ON articles(request_key) WHERE request_key IS NOT NULL")


@migration
def m006_jobs(db: sqlite3.Connection) -> None:
    """The job queue (``newsdesk.jobs``): a job's row says where it stands, its events say how it got there."""
    db.executescript(
        """
        CREATE TABLE jobs (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL,
            payload TEXT NOT NULL DEFAULT '{}',
            key TEXT UNIQUE,
            priority INTEGER NOT NULL DEFAULT 0,
            status TEXT NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed')),
            attempts INTEGER NOT NULL DEFAULT 0,
            worker TEXT,
            lease_until REAL,
            stage TEXT,
            article_id INTEGER REFERENCES articles(id),
            error TEXT,
            created TEXT NOT NULL,
            started TEXT,
            finished TEXT,
            updated TEXT NOT NULL
        );
        CREATE INDEX jobs_claim ON jobs(status, priority DESC, id);
        CREATE TABLE job_events (
            id INTEGER PRIMARY KEY,
            job_id INTEGER NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
            attempt INTEGER NOT NULL DEFAULT 0,
            stage TEXT NOT NULL,
            status TEXT NOT NULL,
            data TEXT NOT NULL DEFAULT '{}',
            elapsed REAL NOT NULL DEFAULT 0,
            created TEXT NOT NULL
        );
        CREATE INDEX job_events_job ON job_events(job_id, id);
        """
    )


@migration
def m007_watched_feeds(db: sqlite3.Connection) -> None:
    """Feeds the server polls on an interval (``watch``), with the write options for their articles."""
    db.execute("ALTER TABLE feeds ADD COLUMN watch INTEGER NOT NULL DEFAULT 0")
    db.execute("ALTER TABLE feeds ADD COLUMN options TEXT")
    db.execute("ALTER TABLE feeds ADD COLUMN last_error TEXT")


@migration
def m008_text_vectors(db: sqlite3.Connection) -> None:
    """Sentence embeddings of passage sentences, keyed by a hash of model and text (``embed.text_key``)."""
    db.execute("CREATE TABLE text_vectors (key TEXT PRIMARY KEY, vector BLOB NOT NULL)")


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def default_db_path() -> Path:
    """``$NEWSDESK_DB`` or ``newsdesk.db`` in the user's data directory."""
    if os.environ.get("NEWSDESK_DB"):
        return Path(os.environ["NEWSDESK_DB"]).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("newsdesk", appauthor=False)) / "newsdesk.db"


def split_passages(body: str) -> list[str]:
    """Paragraph chunks of a story body, merged and split to sit between the min and max size."""
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n|\n(?=\S)", body) if p.strip()]
    chunks: list[str] = []
    pending = ""
    for paragraph in paragraphs:
        pending = f"{pending} {paragraph}".strip() if pending else paragraph
        if len(pending) >= PASSAGE_MIN_CHARS:
            chunks.extend(_split_long(pending))
            pending = ""
    if pending:
        if chunks and len(chunks[-1]) + len(pending) < PASSAGE_MAX_CHARS:
            chunks[-1] = f"{chunks[-1]} {pending}"
        else:
            chunks.append(pending)
    return chunks


def _split_long(text: str) -> list[str]:
    if len(text) <= PASSAGE_MAX_CHARS:
        return [text]
    parts: list[str] = []
    current = ""
    for sentence in _sentence_pieces(text):
        if current and len(current) + len(sentence) + 1 > PASSAGE_MAX_CHARS:
            parts.append(current)
            current = sentence
        else:
            current = f"{current} {sentence}".strip()
    if current:
        parts.append(current)
    return parts


# A sentence ends at . ! or ? (and any closing quote or bracket) before a capital, digit or opening quote.
# Python's look-behind must be fixed-width, so the end is matched and kept rather than looked behind.
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]?\s+(?=[A-Z0-9\"“‘(])")


def _sentence_pieces(text: str) -> list[str]:
    """Sentences of a long paragraph, each at most PASSAGE_MAX_CHARS (a run-on is cut at a space, or hard)."""
    pieces, start = [], 0
    for end in _SENTENCE_END.finditer(text):
        pieces.append(text[start:end.end()].strip())
        start = end.end()
    pieces.append(text[start:].strip())
    out: list[str] = []
    for piece in filter(None, pieces):
        while len(piece) > PASSAGE_MAX_CHARS:
            cut = piece.rfind(" ", 0, PASSAGE_MAX_CHARS)
            cut = cut if cut > PASSAGE_MAX_CHARS // 2 else PASSAGE_MAX_CHARS
            out.append(piece[:cut].strip())
            piece = piece[cut:].strip()
        if piece:
            out.append(piece)
    return out


def fts_query(text: str) -> str:
    """A safe FTS5 query from free text: every word quoted, joined by OR (BM25 ranks the best matches first)."""
    words = re.findall(r"\w{2,}", text.lower())
    seen: list[str] = []
    for word in words:
        if word not in seen:
            seen.append(word)
    return " OR ".join(f'"{w}"' for w in seen[:64])


class Archive:
    """A handle on the database file. Connections are per thread; writes are short transactions."""

    def __init__(self, path: str | Path | None = None):
        self.path = Path(path).expanduser() if path else default_db_path()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise InputError(f"cannot create the database folder {self.path.parent}: {error.strerror}") from error
        self._local = threading.local()
        self._migrate()

    # -- connection plumbing -------------------------------------------------------------------------------
    @property
    def db(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            try:
                conn = sqlite3.connect(self.path, timeout=30, isolation_level=None, check_same_thread=False)
            except sqlite3.Error as error:
                raise InputError(f"cannot open the database {self.path}: {error}") from error
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("PRAGMA foreign_keys=ON")
            conn.execute("PRAGMA busy_timeout=30000")
            self._local.conn = conn
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
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None

    def _migrate(self) -> None:
        try:
            with self.transaction() as db:
                db.execute("CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied TEXT NOT NULL)")
                done = {row[0] for row in db.execute("SELECT name FROM migrations")}
                for fn in MIGRATIONS:
                    if fn.__name__ not in done:
                        fn(_InTransaction(db))
                        db.execute("INSERT INTO migrations VALUES (?, ?)", (fn.__name__, now()))
        except sqlite3.DatabaseError as error:
            raise InputError(f"{self.path} is not a newsdesk database: {error}") from error

    # -- stories and passages ------------------------------------------------------------------------------
    def add_story(self, story: Story) -> tuple[int, bool]:
        """Store a story and its passages; returns ``(id, created)``. Same text or same URL: the existing row."""
        with self.transaction() as db:
            row = db.execute("SELECT id FROM stories WHERE fingerprint = ?", (story.fingerprint,)).fetchone()
            if row is None and story.url:
                row = db.execute("SELECT id FROM stories WHERE url = ?", (story.url,)).fetchone()
            if row is not None:
                story.id = row["id"]
                return row["id"], False
            cursor = db.execute(
                "INSERT INTO stories (fingerprint, headline, body, url, published, source, author, language,"
                " origin, created) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (story.fingerprint, story.headline, story.body, story.url, story.published, story.source,
                 story.author, story.language, story.origin, now()),
            )
            story_id = int(cursor.lastrowid or 0)
            db.executemany(
                "INSERT INTO passages (story_id, position, text) VALUES (?, ?, ?)",
                [(story_id, i, text) for i, text in enumerate(split_passages(story.body))],
            )
        story.id = story_id
        return story_id, True

    def get_story(self, story_id: int) -> Story:
        row = self.db.execute("SELECT * FROM stories WHERE id = ?", (story_id,)).fetchone()
        if row is None:
            raise NotFoundError(f"no story with id {story_id}")
        return _story_from_row(row)

    def passages(self, story_id: int) -> list[Passage]:
        rows = self.db.execute(
            "SELECT id, story_id, position, text FROM passages WHERE story_id = ? ORDER BY position", (story_id,)
        )
        return [Passage(text=r["text"], story_id=r["story_id"], position=r["position"], id=r["id"]) for r in rows]

    def passages_by_id(self, ids: list[int]) -> list[Passage]:
        if not ids:
            return []
        rows = self.db.execute(
            f"SELECT id, story_id, position, text FROM passages WHERE id IN ({','.join('?' * len(ids))})", ids
        )
        by_id = {r["id"]: Passage(text=r["text"], story_id=r["story_id"], position=r["position"], id=r["id"])
                 for r in rows}
        return [by_id[i] for i in ids if i in by_id]

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
        return [Passage(text=r["text"], story_id=r["story_id"], position=r["position"], id=r["id"],
                        score=-float(r["rank"])) for r in rows]

    def search_stories(self, query: str = "", limit: int = 20, offset: int = 0) -> list[dict[str, Any]]:
        """Stories newest first; with a query, those matching it (FTS5 over headline and body)."""
        columns = "s.id, s.headline, s.url, s.published, s.source, s.language, s.origin, s.created"
        if query.strip():
            match = fts_query(query)
            if not match:
                return []
            rows = self.db.execute(
                f"SELECT {columns}, snippet(stories_fts, 1, '[', ']', '…', 12) AS snippet"
                " FROM stories_fts JOIN stories s ON s.id = stories_fts.rowid WHERE stories_fts MATCH ?"
                " ORDER BY s.id DESC LIMIT ? OFFSET ?",
                (match, limit, offset),
            )
        else:
            rows = self.db.execute(
                f"SELECT {columns}, substr(s.body, 1, 160) AS snippet FROM stories s"
                " ORDER BY s.id DESC LIMIT ? OFFSET ?", (limit, offset)
            )
        return [dict(r) for r in rows]

    # -- runs, articles, calls -----------------------------------------------------------------------------
    def start_run(self, story_id: int | None, model: str, template: str) -> int:
        cursor = self.db.execute(
            "INSERT INTO runs (story_id, model, template, started) VALUES (?, ?, ?, ?)",
            (story_id, model, template, now()),
        )
        return int(cursor.lastrowid or 0)

    def finish_run(self, run_id: int, status: str, stats: dict[str, Any] | None = None, error: str | None = None):
        self.db.execute(
            "UPDATE runs SET status = ?, stats = ?, error = ?, finished = ? WHERE id = ?",
            (status, json.dumps(stats) if stats else None, error, now(), run_id),
        )

    def save_article(self, article: Article, story_id: int | None, run_id: int | None,
                     request_key: str | None = None) -> int:
        """Store an article. With a ``request_key`` already saved, the earlier article's id is returned instead."""
        with self.transaction() as db:
            if request_key is not None:
                row = db.execute("SELECT id FROM articles WHERE request_key = ?", (request_key,)).fetchone()
                if row is not None:
                    article.id = row["id"]
                    return article.id
            cursor = db.execute(
                "INSERT INTO articles (story_id, run_id, title, model, template, json, created, request_key)"
                " VALUES (?, ?, ?, ?, ?, '{}', ?, ?)",
                (story_id, run_id, article.title, article.model.get("name", ""), article.template,
                 article.created or now(), request_key),
            )
            article.id = int(cursor.lastrowid or 0)
            db.execute("UPDATE articles SET json = ? WHERE id = ?", (json.dumps(article.to_dict()), article.id))
        return article.id

    def update_article(self, article: Article) -> None:
        if article.id is None:
            raise NotFoundError("the article has no id: save it first")
        self.db.execute(
            "UPDATE articles SET title = ?, json = ? WHERE id = ?",
            (article.title, json.dumps(article.to_dict()), article.id),
        )

    def article_for_request(self, request_key: str) -> int | None:
        row = self.db.execute("SELECT id FROM articles WHERE request_key = ?", (request_key,)).fetchone()
        return row["id"] if row else None

    def get_article(self, article_id: int) -> Article:
        row = self.db.execute("SELECT json FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            raise NotFoundError(f"no article with id {article_id}")
        return Article.from_dict(json.loads(row["json"]))

    def list_articles(self, query: str = "", limit: int = 20, offset: int = 0) -> list[dict[str, Any]]:
        columns = "a.id, a.story_id, a.title, a.model, a.template, a.created"
        if query.strip():
            match = fts_query(query)
            if not match:
                return []
            rows = self.db.execute(
                f"SELECT {columns} FROM articles a WHERE a.id IN (SELECT rowid FROM articles_fts WHERE"
                " articles_fts MATCH ?) OR a.story_id IN (SELECT rowid FROM stories_fts WHERE stories_fts MATCH ?)"
                " ORDER BY a.id DESC LIMIT ? OFFSET ?",
                (match, match, limit, offset),
            )
        else:
            rows = self.db.execute(f"SELECT {columns} FROM articles a ORDER BY a.id DESC LIMIT ? OFFSET ?",
                                   (limit, offset))
        return [dict(r) for r in rows]

    def record_call(self, run_id: int | None, purpose: str, model: str, prompt_tokens: int, completion_tokens: int,
                    cached_tokens: int, seconds: float, from_cache: bool, cache_key: str | None) -> None:
        self.db.execute(
            "INSERT INTO llm_calls (run_id, purpose, model, prompt_tokens, completion_tokens, cached_tokens, seconds,"
            " from_cache, cache_key, created) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (run_id, purpose, model, prompt_tokens, completion_tokens, cached_tokens, seconds, int(from_cache),
             cache_key, now()),
        )

    def calls(self, run_id: int) -> list[dict[str, Any]]:
        return [dict(r) for r in self.db.execute("SELECT * FROM llm_calls WHERE run_id = ? ORDER BY id", (run_id,))]

    # -- LLM response cache --------------------------------------------------------------------------------
    def cache_get(self, key: str) -> dict[str, Any] | None:
        row = self.db.execute("SELECT completion FROM llm_cache WHERE key = ?", (key,)).fetchone()
        return json.loads(row["completion"]) if row else None

    def cache_put(self, key: str, model: str, completion: dict[str, Any]) -> None:
        self.db.execute(
            "INSERT OR REPLACE INTO llm_cache (key, model, completion, created) VALUES (?, ?, ?, ?)",
            (key, model, json.dumps(completion), now()),
        )

    # -- sentence embeddings (embed.VectorStore) ------------------------------------------------------------
    def get_vectors(self, keys: list[str]) -> dict[str, bytes]:
        found: dict[str, bytes] = {}
        for start in range(0, len(keys), 500):  # SQLite's bound-parameter limit
            chunk = keys[start:start + 500]
            marks = ",".join("?" * len(chunk))
            found.update(self.db.execute(f"SELECT key, vector FROM text_vectors WHERE key IN ({marks})", chunk))
        return found

    def put_vectors(self, items: dict[str, bytes]) -> None:
        with self.transaction() as db:
            db.executemany("INSERT OR IGNORE INTO text_vectors (key, vector) VALUES (?, ?)", items.items())

    # -- feeds and feed entries ----------------------------------------------------------------------------
    def add_feed(self, url: str, title: str | None = None) -> int:
        """Record a feed (by URL or absolute file path) as polled now; returns its id."""
        with self.transaction() as db:
            db.execute("INSERT OR IGNORE INTO feeds (url, title, created) VALUES (?, ?, ?)", (url, title, now()))
            db.execute("UPDATE feeds SET title = coalesce(?, title), last_polled = ? WHERE url = ?",
                       (title, now(), url))
            return int(db.execute("SELECT id FROM feeds WHERE url = ?", (url,)).fetchone()["id"])

    def list_feeds(self) -> list[dict[str, Any]]:
        rows = self.db.execute(
            "SELECT f.*, (SELECT count(*) FROM feed_entries e WHERE e.feed_url = f.url) AS entries,"
            " (SELECT count(*) FROM feed_entries e WHERE e.feed_url = f.url AND e.article_id IS NOT NULL)"
            " AS articles FROM feeds f ORDER BY f.id"
        )
        return [dict(r) for r in rows]

    def find_feed_entry(self, feed_url: str, guid: str | None, link: str | None,
                        content_hash: str) -> dict[str, Any] | None:
        """An entry already stored that is the same as this one: same guid (in this feed, or anywhere when the
        guid is a URL or URN), same link, or same content hash. Matches from this feed come first."""
        row = self.db.execute(
            "SELECT * FROM feed_entries WHERE (guid = ? AND (feed_url = ? OR guid LIKE '%:%'))"
            " OR link = ? OR content_hash = ? ORDER BY (feed_url = ?) DESC, id LIMIT 1",
            (guid, feed_url, link, content_hash, feed_url),
        ).fetchone()
        return dict(row) if row else None

    def add_feed_entry(self, feed_url: str, guid: str | None, link: str | None, content_hash: str,
                       story_id: int) -> int:
        cursor = self.db.execute(
            "INSERT INTO feed_entries (feed_url, guid, link, content_hash, story_id, created)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (feed_url, guid, link, content_hash, story_id, now()),
        )
        return int(cursor.lastrowid or 0)

    def feed_entries(self, feed_url: str) -> list[dict[str, Any]]:
        """A feed's entries in the order first stored, each with ``story_article_id``: the newest article
        written about its story (set even when the entry's own ``article_id`` is not, e.g. after a crash)."""
        rows = self.db.execute(
            "SELECT e.*, s.headline, (SELECT max(a.id) FROM articles a WHERE a.story_id = e.story_id)"
            " AS story_article_id FROM feed_entries e JOIN stories s ON s.id = e.story_id"
            " WHERE e.feed_url = ? ORDER BY e.id",
            (feed_url,),
        )
        return [dict(r) for r in rows]

    def set_feed_entry_article(self, entry_id: int, article_id: int) -> None:
        self.db.execute("UPDATE feed_entries SET article_id = ? WHERE id = ?", (article_id, entry_id))

    # -- watched feeds (polled by the server) --------------------------------------------------------------
    def watch_feed(self, url: str, interval_seconds: int, options: dict[str, Any] | None = None) -> int:
        """Mark a feed as polled by the server every ``interval_seconds``; returns its id. Not polled yet: the
        server's first poll is due at once."""
        with self.transaction() as db:
            db.execute("INSERT OR IGNORE INTO feeds (url, created) VALUES (?, ?)", (url, now()))
            db.execute("UPDATE feeds SET watch = 1, interval_seconds = ?, options = ? WHERE url = ?",
                       (interval_seconds, json.dumps(options or {}), url))
            return int(db.execute("SELECT id FROM feeds WHERE url = ?", (url,)).fetchone()["id"])

    def get_feed(self, feed_id: int) -> dict[str, Any]:
        row = self.db.execute("SELECT * FROM feeds WHERE id = ?", (feed_id,)).fetchone()
        if row is None:
            raise NotFoundError(f"no feed with id {feed_id}")
        return _feed_row(row)

    def watched_feeds(self) -> list[dict[str, Any]]:
        """Watched feeds, each with its entry and article counts."""
        rows = self.db.execute(
            "SELECT f.*, (SELECT count(*) FROM feed_entries e WHERE e.feed_url = f.url) AS entries,"
            " (SELECT count(*) FROM feed_entries e WHERE e.feed_url = f.url AND e.article_id IS NOT NULL)"
            " AS articles FROM feeds f WHERE f.watch = 1 ORDER BY f.id"
        )
        return [_feed_row(r) for r in rows]

    def feed_polled(self, url: str, error: str | None = None) -> None:
        """Record a poll of a feed (successful or not) so the next one waits a full interval."""
        self.db.execute("UPDATE feeds SET last_polled = ?, last_error = ? WHERE url = ?", (now(), error, url))


class _InTransaction:
    """A connection whose ``executescript`` runs statement by statement: sqlite3's own executescript COMMITs first,
    which would end the migration transaction (and let a second process apply the same migration)."""

    def __init__(self, db: sqlite3.Connection):
        self._db = db

    def executescript(self, script: str) -> None:
        statement = ""
        for line in script.splitlines(keepends=True):
            statement += line
            if sqlite3.complete_statement(statement):
                self._db.execute(statement)
                statement = ""
        if statement.strip():
            self._db.execute(statement)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._db, name)


def _feed_row(row: sqlite3.Row) -> dict[str, Any]:
    data = dict(row)
    data["options"] = json.loads(data.get("options") or "{}")
    return data


def _story_from_row(row: sqlite3.Row) -> Story:
    return Story(
        id=row["id"], headline=row["headline"], body=row["body"], url=row["url"], published=row["published"],
        source=row["source"], author=row["author"], language=row["language"], origin=row["origin"],
    )
