"""Feeds and their entries: the SQL behind ``archive.feeds``, returning dataclasses rather than table rows."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from ..errors import NotFoundError
from ..models import WriteChoices
from ._clock import now

if TYPE_CHECKING:
    from .base import Archive

_FEED_COUNTS = (
    "SELECT f.*, (SELECT count(*) FROM feed_entries e WHERE e.feed_url = f.url) AS entries,"
    # several entries of one story thread update one article: the count is of articles, not of entries written up
    " (SELECT count(DISTINCT e.article_id) FROM feed_entries e WHERE e.feed_url = f.url) AS articles,"
    # an entry whose story has an article is written, though its own link is set at the next poll
    " (SELECT count(*) FROM feed_entries e WHERE e.feed_url = f.url AND e.article_id IS NULL"
    "  AND NOT EXISTS (SELECT 1 FROM articles a WHERE a.story_id = e.story_id)) AS unwritten"
    " FROM feeds f"
)


@dataclass
class Feed:
    id: int
    url: str  # a URL, or the absolute path of a feed file
    title: str | None = None
    interval_seconds: int = 900
    last_polled: str | None = None
    last_error: str | None = None
    watch: bool = False  # polled by the server every interval_seconds
    options: WriteChoices = field(default_factory=lambda: WriteChoices())  # for its articles (template, model)
    created: str = ""
    entries: int = 0
    articles: int = 0
    unwritten: int = 0  # entries with no article yet, as the archive holds them now

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class FeedEntry:
    id: int
    feed_url: str
    content_hash: str
    story_id: int
    guid: str | None = None
    link: str | None = None
    article_id: int | None = None
    created: str = ""
    headline: str | None = None  # the story's, when listed with feed_entries
    story_article_id: int | None = None  # the newest article about its story, even if this entry's is unset

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


class FeedStore:
    def __init__(self, archive: Archive):
        self.archive = archive

    def add(self, url: str, title: str | None = None) -> int:
        """Record a feed (by URL or absolute file path) as polled now; returns its id."""
        with self.archive.transaction() as db:
            db.execute(
                "INSERT INTO feeds (url, title, created) VALUES (?, ?, ?) ON CONFLICT (url) DO NOTHING",
                (url, title, now()),
            )
            row = db.execute(
                "UPDATE feeds SET title = coalesce(?, title), last_polled = ? WHERE url = ? RETURNING id",
                (title, now(), url),
            ).fetchone()
            return int(row["id"])

    def watch(self, url: str, interval_seconds: int, options: WriteChoices | None = None) -> int:
        """Mark a feed as polled by the server every ``interval_seconds``; returns its id. Not polled yet: the
        server's first poll is due at once."""
        with self.archive.transaction() as db:
            db.execute("INSERT INTO feeds (url, created) VALUES (?, ?) ON CONFLICT (url) DO NOTHING", (url, now()))
            row = db.execute(
                "UPDATE feeds SET watch = 1, interval_seconds = ?, options = ? WHERE url = ? RETURNING id",
                (interval_seconds, json.dumps(options or {}), url),
            ).fetchone()
            return int(row["id"])

    def unwatch(self, feed_id: int) -> Feed:
        """Stop polling a feed; its entries and their articles stay. NotFoundError for an unknown id."""
        feed = self.get(feed_id)
        with self.archive.transaction() as db:
            db.execute("UPDATE feeds SET watch = 0 WHERE id = ?", (feed_id,))
        return feed

    def get(self, feed_id: int) -> Feed:
        row = self.archive.db.execute(f"{_FEED_COUNTS} WHERE f.id = ?", (feed_id,)).fetchone()
        if row is None:
            raise NotFoundError(f"no feed with id {feed_id}")
        return _feed(row)

    def all(self) -> list[Feed]:
        return [_feed(r) for r in self.archive.db.execute(f"{_FEED_COUNTS} ORDER BY f.id")]

    def watched(self) -> list[Feed]:
        return [_feed(r) for r in self.archive.db.execute(f"{_FEED_COUNTS} WHERE f.watch = 1 ORDER BY f.id")]

    def polled(self, url: str, error: str | None = None) -> None:
        """Record a poll of a feed (successful or not) so the next one waits a full interval."""
        self.archive.db.execute("UPDATE feeds SET last_polled = ?, last_error = ? WHERE url = ?", (now(), error, url))

    # -- entries -------------------------------------------------------------------------------------------
    def find_entry(self, feed_url: str, guid: str | None, link: str | None, content_hash: str) -> FeedEntry | None:
        """An entry already stored that is the same as this one: same guid (in this feed, or anywhere when the
        guid is a URL or URN), same link, or same content hash. Matches from this feed come first."""
        row = self.archive.db.execute(
            "SELECT * FROM feed_entries WHERE (guid = ? AND (feed_url = ? OR guid LIKE '%:%'))"
            " OR link = ? OR content_hash = ? ORDER BY (feed_url = ?) DESC, id LIMIT 1",
            (guid, feed_url, link, content_hash, feed_url),
        ).fetchone()
        return _entry(row) if row else None

    def with_content(self, feed_url: str, content_hash: str) -> FeedEntry | None:
        """An entry stored with exactly this title and text (first seen or a revision), this feed's first."""
        row = self.archive.db.execute(
            "SELECT * FROM feed_entries WHERE content_hash = ? ORDER BY (feed_url = ?) DESC, id LIMIT 1",
            (content_hash, feed_url),
        ).fetchone()
        return _entry(row) if row else None

    def add_entry(self, feed_url: str, guid: str | None, link: str | None, content_hash: str, story_id: int) -> int:
        row = self.archive.db.execute(
            "INSERT INTO feed_entries (feed_url, guid, link, content_hash, story_id, created)"
            " VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
            (feed_url, guid, link, content_hash, story_id, now()),
        ).fetchone()
        return int(row["id"])

    def entries(self, feed_url: str) -> list[FeedEntry]:
        """A feed's entries in the order first stored, each with its story's headline and newest article."""
        rows = self.archive.db.execute(
            "SELECT e.*, s.headline, (SELECT max(a.id) FROM articles a WHERE a.story_id = e.story_id)"
            " AS story_article_id FROM feed_entries e JOIN stories s ON s.id = e.story_id"
            " WHERE e.feed_url = ? ORDER BY e.id",
            (feed_url,),
        )
        return [_entry(r) for r in rows]

    def recorded(self, article_id: int) -> bool:
        """Whether an entry of some feed has ``article_id`` as its article (written for it, or updated by it)."""
        row = self.archive.db.execute("SELECT 1 FROM feed_entries WHERE article_id = ? LIMIT 1", (article_id,))
        return row.fetchone() is not None

    def set_entry_article(self, entry_id: int, article_id: int) -> None:
        self.archive.db.execute("UPDATE feed_entries SET article_id = ? WHERE id = ?", (article_id, entry_id))


def _feed(row: Any) -> Feed:
    data = dict(row)
    return Feed(
        id=data["id"],
        url=data["url"],
        title=data["title"],
        interval_seconds=data["interval_seconds"],
        last_polled=data["last_polled"],
        last_error=data["last_error"],
        watch=bool(data["watch"]),
        options=json.loads(data["options"] or "{}"),
        created=data["created"],
        entries=int(data["entries"]),
        articles=int(data["articles"]),
        unwritten=int(data["unwritten"]),
    )


def _entry(row: Any) -> FeedEntry:
    data = dict(row)
    return FeedEntry(
        id=data["id"],
        feed_url=data["feed_url"],
        content_hash=data["content_hash"],
        story_id=data["story_id"],
        guid=data["guid"],
        link=data["link"],
        article_id=data["article_id"],
        created=data["created"],
        headline=data.get("headline"),
        story_article_id=data.get("story_article_id"),
    )
