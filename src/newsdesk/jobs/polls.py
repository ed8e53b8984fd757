"""Feed polls: when a watched feed is polled next, whether it is failing, and what a poll does.

A poll reads the feed, stores its new entries and queues one write job per entry whose story has no article yet.
An entry whose job failed gets another at the next poll, up to ``MAX_ENTRY_TRIES``; the feed's status says
``incomplete`` while any entry's job has failed, and which.

A feed whose last poll failed is polled less often, so a dead or refused feed is not hammered forever: a host the
SSRF guard refuses (it resolves to a private address) waits a day, any other failure four intervals (at least an
hour). A poll that succeeds puts the feed back on its own interval. The state is shown in the API and on /feeds.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import Any

from ..archive import Archive
from ..archive.feeds import Feed
from ..archive.intake import ingest_feed
from ..errors import BlockedURLError, NewsdeskError
from ..ingest.feeds import read_feed
from ..ingest.guard import FetchStopped, for_server
from ..models import WriteChoices
from ..pipeline import Event
from ..text import counted
from .queue import Job, JobQueue, with_choices

__all__ = [
    "BLOCKED_PREFIX",
    "ENTRIES_FAILED_PREFIX",
    "EntryWrites",
    "MAX_ENTRY_TRIES",
    "MAX_FEED_INTERVAL",
    "PARTIAL_PREFIX",
    "feed_state",
    "is_due",
    "poll_feed",
    "queue_entry_writes",
]

MAX_FEED_INTERVAL = 7 * 24 * 3600  # a watched feed is polled at least weekly

BLOCKED_PREFIX = "refused by the URL guard: "  # how a poll records a guard refusal in the feed's last_error
# how a poll records a feed that parsed only partly (cut off, malformed): the words `newsdesk ingest` warns with
PARTIAL_PREFIX = "malformed feed, kept what parsed: "
# how a poll records entries whose write jobs failed (the feed itself was read: no backing off)
ENTRIES_FAILED_PREFIX = "entries without an article: "
MAX_ENTRY_TRIES = 3  # write jobs for one entry, one per poll, before the entry is given up
BLOCKED_BACKOFF = timedelta(days=1)
FAILING_FACTOR = 4
FAILING_MIN_BACKOFF = timedelta(hours=1)


def next_poll(feed: Feed) -> datetime | None:
    """When the feed is due; None: never polled yet (due now)."""
    try:
        last = datetime.fromisoformat(feed.last_polled) if feed.last_polled else None
    except ValueError:
        return None
    if last is None:
        return None
    if last.tzinfo is None:
        last = last.replace(tzinfo=UTC)
    # a row stored before the bound was checked everywhere must not break every poll check after it
    interval = timedelta(seconds=min(int(feed.interval_seconds), MAX_FEED_INTERVAL))
    error = feed.last_error or ""
    if error.startswith(BLOCKED_PREFIX):
        return last + max(interval, BLOCKED_BACKOFF)
    if error and not error.startswith((PARTIAL_PREFIX, ENTRIES_FAILED_PREFIX)):  # the feed was read: no backing off
        return last + max(interval * FAILING_FACTOR, FAILING_MIN_BACKOFF)
    return last + interval


def is_due(feed: Feed) -> bool:
    due = next_poll(feed)
    return due is None or datetime.now(UTC) >= due


def feed_state(feed: Feed) -> dict[str, Any]:
    """The feed as a dict with ``status`` (new, ok, partial, incomplete, failing or blocked) and ``next_poll`` added:
    ``partial`` is a feed whose last poll kept the entries that parsed of a malformed or cut-off document,
    ``incomplete`` one whose entries' write jobs failed (``EntryWrites.problem``).

    A poll records what it found; what its entries' jobs did since is the archive's to say. A feed recorded
    incomplete whose every entry now has its article (a job tried again succeeded after the poll) is ``ok``: it read
    "incomplete" until its next poll, however the jobs had ended."""
    error = feed.last_error or ""
    if error.startswith(ENTRIES_FAILED_PREFIX) and feed.unwritten == 0:  # made good since the poll
        feed, error = replace(feed, last_error=None), ""
    if error.startswith(BLOCKED_PREFIX):
        status = "blocked"
    elif error.startswith(PARTIAL_PREFIX):
        status = "partial"
    elif error.startswith(ENTRIES_FAILED_PREFIX):
        status = "incomplete"
    elif error:
        status = "failing"
    else:
        status = "ok" if feed.last_polled else "new"
    due = next_poll(feed)
    return {**feed.to_dict(), "status": status, "next_poll": due.isoformat(timespec="seconds") if due else None}


@dataclass
class EntryWrites:
    """What ``queue_entry_writes`` found: the write jobs queued (now, or still waiting from before), and for each
    entry whose job failed the latest failed job; ``given_up``: entries whose every try failed."""

    queued: list[Job] = field(default_factory=list)
    failed: list[Job] = field(default_factory=list)
    given_up: int = 0

    def problem(self) -> str | None:
        """The failed entries in one line for the feed's ``last_error`` (``ENTRIES_FAILED_PREFIX``), or None."""
        if not self.failed:
            return None
        latest = max(self.failed, key=lambda job: job.id)
        retried = len(self.failed) - self.given_up
        fates = [f"{retried} tried again (at most {MAX_ENTRY_TRIES} tries each)"] if retried else []
        fates += [f"{self.given_up} given up after {MAX_ENTRY_TRIES} tries"] if self.given_up else []
        return (
            f"{ENTRIES_FAILED_PREFIX}{counted(len(self.failed), 'entry', 'entries')} whose write job failed: "
            f"{', '.join(fates)}; latest: job {latest.id}: {latest.error}"
        )


def queue_entry_writes(archive: Archive, queue: JobQueue, feed_url: str, options: WriteChoices) -> EntryWrites:
    """Queue a write job for each entry of the feed stored as ``feed_url`` that has no article yet. An entry's job
    is keyed by the entry, so a job already queued or running is not queued again; an entry whose job failed gets a
    new one (keyed by its try) until ``MAX_ENTRY_TRIES`` failed: it was never tried again, and its feed read "ok"
    (Smoke test 40a #5)."""
    found = EntryWrites()
    for entry in archive.feeds.entries(feed_url):
        if entry.article_id is not None:
            continue
        if entry.story_article_id is not None:  # its story already has an article (another feed, a crash)
            archive.feeds.set_entry_article(entry.id, entry.story_article_id)
            continue
        payload = with_choices({"story_id": entry.story_id, "feed_entry_id": entry.id}, options)
        failed = None
        for attempt in range(1, MAX_ENTRY_TRIES + 1):
            key = f"feed-entry:{entry.id}" if attempt == 1 else f"feed-entry:{entry.id}:try-{attempt}"
            written = queue.enqueue("write", payload, key=key)
            if written.status != "failed":
                break
            failed = written
        else:
            found.given_up += 1
        if failed is not None:
            found.failed.append(failed)
        if written.status == "queued":
            found.queued.append(written)
    return found


def poll_feed(
    archive: Archive,
    queue: JobQueue,
    feed_id: int,
    on_event: Callable[[Event], None],
    allow_private: bool = False,
    *,
    stop: Callable[[], bool] | None = None,
) -> None:
    """Poll one watched feed: store its entries and queue a write job for each entry that has no article yet.

    Two workers never poll one feed at once (an archive-wide lock on the feed's URL): the second one skips, since
    the first one's poll queues the same entries. A failed poll is recorded on the feed, so it backs off. ``stop``
    is asked between the feed's reads whether the poll is still wanted (``FetchStopped`` when not): a poll stopped
    so is no failure of the feed, and is not recorded on it.
    """
    feed = archive.feeds.get(feed_id)
    on_event(Event("poll", "start", {"url": feed.url}))
    with archive.exclusive(f"poll:{feed.url}") as mine:
        if not mine:
            on_event(Event("poll", "done", {"skipped": "polled elsewhere"}))
            return
        try:
            report = ingest_feed(archive, read_feed(feed.url, allow_private=allow_private, stop=stop))
        except FetchStopped:
            raise
        except BlockedURLError as error:  # the host is refused: the feed backs off a day and shows as blocked
            archive.feeds.polled(feed.url, f"{BLOCKED_PREFIX}{for_server(str(error))}")
            raise
        except NewsdeskError as error:
            archive.feeds.polled(feed.url, str(error))
            raise
        # a feed read in part is no failure, but the editor is told, as `newsdesk ingest` tells (Smoke test 39a #8)
        partial = f"{PARTIAL_PREFIX}{report.problem}" if report.problem else None
        archive.feeds.polled(feed.url, partial)
        if partial:
            on_event(Event("warning", "info", {"message": partial}))
        written = queue_entry_writes(archive, queue, feed.url, feed.options)
        if written.problem():  # the feed was read; its entries that have no article are said on it
            archive.feeds.polled(feed.url, "; ".join(p for p in (partial, written.problem()) if p))
    done = {"entries": report.entries, "new": report.new, "revised": report.revised, "queued": len(written.queued)}
    on_event(Event("poll", "done", done))
