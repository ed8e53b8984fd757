"""The archive interface and what both backends share: stories, passages, runs, articles, LLM calls, the cache.

``newsdesk.archive.open(location)`` opens the backend the location names: a ``postgresql://`` URL is PostgreSQL
(``PostgresArchive``), anything else a SQLite file (``SQLiteArchive``). The SQL below is written once, with ``?``
placeholders, in the dialect both engines share; a backend supplies connections, transactions, migrations and
full-text search, where the engines differ.
"""

from __future__ import annotations

import json
import os
import socket
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from typing import Any, Protocol

from ..errors import ConflictError, NotFoundError
from ..models import Article, Passage, Story
from ._clock import now
from .feeds import FeedStore
from .passages import screened_passages
from .rows import ArticleRow, CallRow, RunRow, StoryRow, article_row, call_row, run_row, story_row

# What story and article listings return, on both engines.
STORY_COLUMNS = "s.id, s.headline, s.url, s.published, s.source, s.language, s.origin, s.created"
ARTICLE_COLUMNS = "a.id, a.story_id, a.title, a.model, a.template, a.created"


class Cursor(Protocol):
    @property
    def rowcount(self) -> int: ...  # read-only, as sqlite3's and psycopg's cursors have it

    def fetchone(self) -> Any: ...
    def fetchall(self) -> list[Any]: ...
    def __iter__(self) -> Iterator[Any]: ...


class Connection(Protocol):
    """What the shared SQL needs of a connection: ``execute`` with ``?`` placeholders, rows read by column name."""

    # positional-only, as sqlite3's own: the SQL and its parameters are never passed by name
    def execute(self, sql: str, params: Sequence[Any] = ..., /) -> Cursor: ...
    def executemany(self, sql: str, rows: Sequence[Sequence[Any]], /) -> Any: ...


class Archive(ABC):
    """A handle on the store; ``newsdesk.archive.open(location)`` opens the backend that ``location`` names."""

    backend: str  # "sqlite" or "postgres"

    # -- what a backend provides ---------------------------------------------------------------------------
    @property
    @abstractmethod
    def location(self) -> str:
        """Where the data lives, safe to print (a URL without its password)."""

    @property
    @abstractmethod
    def db(self) -> Connection:
        """This thread's connection, in autocommit: each statement outside ``transaction`` commits alone."""

    @abstractmethod
    def transaction(self) -> AbstractContextManager[Connection]:
        """A transaction that commits on success and rolls back on any exception."""

    @abstractmethod
    def close(self) -> None:
        """Close this thread's connection."""

    @abstractmethod
    def search_passages(self, query: str, limit: int = 20, exclude_story_ids: tuple[int, ...] = ()) -> list[Passage]:
        """Passages matching any word of ``query``, best first; ``score`` is higher for better matches."""

    # The engine's full-text search, newest first: stories matching the terms (``STORY_COLUMNS`` and a snippet),
    # then articles whose title or story matches them (``ARTICLE_COLUMNS``, the terms given twice). Both take the
    # terms (``_search_terms``), then limit and offset.
    _matching_stories: str
    _matching_articles: str

    @abstractmethod
    def _search_terms(self, query: str) -> str:
        """The engine's query for free text, safe to pass as a parameter; empty when the text holds no word."""

    def search_stories(self, query: str = "", limit: int = 20, offset: int = 0) -> list[StoryRow]:
        """Stories newest first; with a query, those matching it (headline and body), the best match first (a word
        of the query in the headline counts most: a headline says what its story is about), with a snippet."""
        if query.strip():
            terms = self._search_terms(query)
            if not terms:
                return []
            return [story_row(r) for r in self.db.execute(self._matching_stories, (terms, limit, offset))]
        rows = self.db.execute(
            f"SELECT {STORY_COLUMNS}, substr(s.body, 1, 160) AS snippet FROM stories s"
            " ORDER BY s.id DESC LIMIT ? OFFSET ?",
            (limit, offset),
        )
        return [story_row(r) for r in rows]

    def list_articles(self, query: str = "", limit: int = 20, offset: int = 0) -> list[ArticleRow]:
        """Articles newest first; with a query, those whose title or story matches it."""
        if query.strip():
            terms = self._search_terms(query)
            if not terms:
                return []
            return [article_row(r) for r in self.db.execute(self._matching_articles, (terms, terms, limit, offset))]
        rows = self.db.execute(
            f"SELECT {ARTICLE_COLUMNS} FROM articles a ORDER BY a.id DESC LIMIT ? OFFSET ?", (limit, offset)
        )
        return [article_row(r) for r in rows]

    @contextmanager
    def exclusive(self, name: str) -> Iterator[bool]:
        """Try to become the one process doing ``name`` while the block runs; yields whether it did. One file has
        one server, so SQLite always says yes; PostgreSQL takes an advisory lock."""
        yield True

    @property
    def feeds(self) -> FeedStore:
        store = self.__dict__.get("_feeds")
        if store is None:
            store = self.__dict__["_feeds"] = FeedStore(self)
        return store

    # -- stories and passages ------------------------------------------------------------------------------
    def add_story(self, story: Story, by_url: bool = True) -> tuple[int, bool]:
        """Store a story and its passages; returns ``(id, created)``. Same text, or same URL (``by_url``): the
        existing row. A feed's revision of an item, or another item it links to the same page, is a story of its
        own (``by_url=False``).

        Ingest hands over clean text (``ingest.clean.clean_story``); the text is made what a reader sees once more
        (``Story.make_visible``, in place), so both backends store the same text whoever calls, and PostgreSQL is
        never handed a NUL."""
        story.make_visible()
        with self.transaction() as db:
            row = db.execute("SELECT id FROM stories WHERE fingerprint = ?", (story.fingerprint,)).fetchone()
            if row is None and story.url and by_url:
                row = db.execute("SELECT id FROM stories WHERE url = ? ORDER BY id LIMIT 1", (story.url,)).fetchone()
            if row is not None:
                story.id = int(row["id"])
                return story.id, False
            row = db.execute(
                "INSERT INTO stories (fingerprint, headline, body, url, published, source, author, language,"
                " origin, created) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (fingerprint) DO NOTHING RETURNING id",
                (
                    story.fingerprint,
                    story.headline,
                    story.body,
                    story.url,
                    story.published,
                    story.source,
                    story.author,
                    story.language,
                    story.origin,
                    now(),
                ),
            ).fetchone()
            if row is None:  # another process stored the same text since the SELECT (PostgreSQL only)
                row = db.execute("SELECT id FROM stories WHERE fingerprint = ?", (story.fingerprint,)).fetchone()
                story.id = int(row["id"])
                return story.id, False
            story_id = int(row["id"])
            db.executemany(
                "INSERT INTO passages (story_id, position, text) VALUES (?, ?, ?)",
                [(story_id, i, text) for i, text in enumerate(screened_passages(story))],
            )
        story.id = story_id
        return story_id, True

    def get_story(self, story_id: int) -> Story:
        row = self.db.execute("SELECT * FROM stories WHERE id = ?", (story_id,)).fetchone()
        if row is None:
            raise NotFoundError(f"no story with id {story_id}")
        return Story(
            id=row["id"],
            headline=row["headline"],
            body=row["body"],
            url=row["url"],
            published=row["published"],
            source=row["source"],
            author=row["author"],
            language=row["language"],
            origin=row["origin"],
        )

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
        by_id = {
            r["id"]: Passage(text=r["text"], story_id=r["story_id"], position=r["position"], id=r["id"]) for r in rows
        }
        return [by_id[i] for i in ids if i in by_id]

    # -- runs, articles, calls -----------------------------------------------------------------------------
    def start_run(self, story_id: int | None, model: str, template: str, owner: str | None = None) -> int:
        """A new 'running' run; ``owner`` names who runs it (``host:pid`` and more), this process by default."""
        row = self.db.execute(
            "INSERT INTO runs (story_id, model, template, started, owner) VALUES (?, ?, ?, ?, ?) RETURNING id",
            (story_id, model, template, now(), owner or f"{socket.gethostname()}:{os.getpid()}"),
        ).fetchone()
        return int(row["id"])

    def fail_interrupted_runs(self, is_dead: Callable[[str], bool]) -> list[int]:
        """Mark runs still 'running' whose process ``is_dead(owner)`` says is gone (kill -9, power loss) as failed.

        Exceptions mark their own run; only a process killed outright leaves one 'running'."""
        rows = self.db.execute("SELECT id, owner FROM runs WHERE status = 'running' AND owner IS NOT NULL")
        dead = [int(row["id"]) for row in rows.fetchall() if is_dead(row["owner"])]
        for run_id in dead:
            self.db.execute(
                "UPDATE runs SET status = 'failed', error = ?, finished = ? WHERE id = ? AND status = 'running'",
                ("interrupted: its process ended before the run finished", now(), run_id),
            )
        return dead

    RUN_STATUSES = ("running", "done", "failed")

    def runs(self, status: str | None = None, limit: int = 20) -> list[RunRow]:
        """The most recent runs, newest first, optionally only those with ``status`` (running, done or failed)."""
        if status is not None and status not in self.RUN_STATUSES:
            raise ValueError(f"unknown run status {status!r}")
        where, params = ("WHERE status = ?", [status]) if status else ("", [])
        rows = self.db.execute(
            f"SELECT id, story_id, model, template, status, started, finished, error, owner FROM runs {where}"
            " ORDER BY id DESC LIMIT ?",
            (*params, max(0, int(limit))),
        )
        return [run_row(row) for row in rows.fetchall()]

    def finish_run(
        self, run_id: int, status: str, stats: dict[str, Any] | None = None, error: str | None = None
    ) -> None:
        self.db.execute(
            "UPDATE runs SET status = ?, stats = ?, error = ?, finished = ? WHERE id = ?",
            (status, json.dumps(stats) if stats else None, error, now(), run_id),
        )

    def save_article(
        self, article: Article, story_id: int | None, run_id: int | None, request_key: str | None = None
    ) -> int:
        """Store an article and return its id. With a ``request_key`` already saved, the earlier article's id is
        returned instead, and ``article`` is not stored: its ``id`` stays None, so that the caller can tell that the
        article it holds is not the one stored under that id.

        The key's unique index decides, not a read before the write: two workers finishing the same job at once
        (one of them after its lease was taken over) still store one article."""
        with self.transaction() as db:
            row = db.execute(
                "INSERT INTO articles (story_id, run_id, title, model, template, json, created, request_key)"
                " VALUES (?, ?, ?, ?, ?, '{}', ?, ?)"
                " ON CONFLICT (request_key) WHERE request_key IS NOT NULL DO NOTHING RETURNING id",
                (
                    story_id,
                    run_id,
                    article.title,
                    article.model.name,
                    article.template,
                    article.created or now(),
                    request_key,
                ),
            ).fetchone()
            if row is None:
                row = db.execute("SELECT id FROM articles WHERE request_key = ?", (request_key,)).fetchone()
                return int(row["id"])
            article.id = int(row["id"])
            db.execute("UPDATE articles SET json = ? WHERE id = ?", (json.dumps(article.to_dict()), article.id))
        return article.id

    def update_article(self, article: Article) -> None:
        if article.id is None:
            raise NotFoundError("the article has no id: save it first")
        self.db.execute(
            "UPDATE articles SET title = ?, json = ? WHERE id = ?",
            (article.title, json.dumps(article.to_dict()), article.id),
        )

    def save_version(self, article: Article, begun_from: int) -> None:
        """Save ``article`` (its ``version`` set one above ``begun_from``) in place of the stored version
        ``begun_from``, which is kept in ``article_versions``: every change to a published article is a version,
        and no version is lost. Where another run saved a version meanwhile (two updates at once, a section
        rewritten while an update ran), nothing is saved and ConflictError says so: a save over it would lose it.
        The row is locked until the transaction ends (SQLite's ``BEGIN IMMEDIATE`` already holds the writer lock)."""
        if article.id is None:
            raise NotFoundError("the article has no id: save it first")
        lock = " FOR UPDATE" if self.backend == "postgres" else ""
        with self.transaction() as db:
            row = db.execute(f"SELECT json FROM articles WHERE id = ?{lock}", (article.id,)).fetchone()
            if row is None:
                raise NotFoundError(f"no article with id {article.id}")
            stored = int(json.loads(row["json"]).get("version") or 1)
            if stored != begun_from:
                raise ConflictError(
                    f"article {article.id} became version {stored} while this change was made from version "
                    f"{begun_from} (another run saved it meanwhile): nothing was saved; run it again"
                )
            db.execute(
                "INSERT INTO article_versions (article_id, version, json, created) VALUES (?, ?, ?, ?)",
                (article.id, stored, row["json"], now()),
            )
            db.execute(
                "UPDATE articles SET title = ?, json = ? WHERE id = ?",
                (article.title, json.dumps(article.to_dict()), article.id),
            )

    def article_for_request(self, request_key: str) -> int | None:
        row = self.db.execute("SELECT id FROM articles WHERE request_key = ?", (request_key,)).fetchone()
        return int(row["id"]) if row else None

    def article_ids(self, story_ids: list[int]) -> dict[int, list[int]]:
        """The ids of the articles written about each of ``story_ids``, oldest first."""
        found: dict[int, list[int]] = {story_id: [] for story_id in story_ids}
        if not story_ids:
            return found
        marks = ",".join("?" * len(story_ids))
        for row in self.db.execute(
            f"SELECT id, story_id FROM articles WHERE story_id IN ({marks}) ORDER BY id", story_ids
        ):
            found[int(row["story_id"])].append(int(row["id"]))
        return found

    def get_article(self, article_id: int) -> Article:
        row = self.db.execute("SELECT json FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            raise NotFoundError(f"no article with id {article_id}")
        return Article.from_dict(json.loads(row["json"]))

    # -- sentence embeddings (embed.VectorStore) ------------------------------------------------------------
    def get_vectors(self, keys: Sequence[str]) -> dict[str, bytes]:
        found: dict[str, bytes] = {}
        for start in range(0, len(keys), 500):  # SQLite's bound-parameter limit
            chunk = keys[start : start + 500]
            marks = ",".join("?" * len(chunk))
            rows = self.db.execute(f"SELECT key, vector FROM text_vectors WHERE key IN ({marks})", chunk)
            found.update((row["key"], bytes(row["vector"])) for row in rows)
        return found

    def put_vectors(self, items: dict[str, bytes]) -> None:
        with self.transaction() as db:
            db.executemany(
                "INSERT INTO text_vectors (key, vector) VALUES (?, ?) ON CONFLICT (key) DO NOTHING", list(items.items())
            )

    def count(self, table: str) -> int:
        """Rows in one of the archive's tables (for reports and checks)."""
        if table not in {
            "stories",
            "passages",
            "articles",
            "runs",
            "llm_calls",
            "llm_cache",
            "feeds",
            "feed_entries",
            "jobs",
            "job_events",
        }:
            raise ValueError(f"unknown table {table!r}")
        return int(self.db.execute(f"SELECT count(*) AS n FROM {table}").fetchone()["n"])

    def record_call(
        self,
        run_id: int | None,
        purpose: str,
        model: str,
        prompt_tokens: int,
        completion_tokens: int,
        cached_tokens: int,
        seconds: float,
        from_cache: bool,
        cache_key: str | None,
    ) -> None:
        self.db.execute(
            "INSERT INTO llm_calls (run_id, purpose, model, prompt_tokens, completion_tokens, cached_tokens, seconds,"
            " from_cache, cache_key, created) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                run_id,
                purpose,
                model,
                prompt_tokens,
                completion_tokens,
                cached_tokens,
                seconds,
                int(from_cache),
                cache_key,
                now(),
            ),
        )

    def calls(self, run_id: int) -> list[CallRow]:
        return [call_row(r) for r in self.db.execute("SELECT * FROM llm_calls WHERE run_id = ? ORDER BY id", (run_id,))]

    # -- LLM response cache --------------------------------------------------------------------------------
    def cache_get(self, key: str) -> dict[str, Any] | None:
        row = self.db.execute("SELECT completion FROM llm_cache WHERE key = ?", (key,)).fetchone()
        return json.loads(row["completion"]) if row else None

    def cache_put(self, key: str, model: str, completion: dict[str, Any]) -> None:
        self.db.execute(
            "INSERT INTO llm_cache (key, model, completion, created) VALUES (?, ?, ?, ?) ON CONFLICT (key) DO UPDATE"
            " SET model = excluded.model, completion = excluded.completion, created = excluded.created",
            (key, model, json.dumps(completion), now()),
        )
