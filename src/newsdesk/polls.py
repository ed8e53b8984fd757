"""When a watched feed is polled next, and whether it is failing.

A feed whose last poll failed is polled less often, so a dead or refused feed is not hammered forever: a host the
SSRF guard refuses (it resolves to a private address) waits a day, any other failure four intervals (at least an
hour). A poll that succeeds puts the feed back on its own interval. The state is shown in the API and on /feeds.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from .archive.feeds import Feed

__all__ = ["BLOCKED_PREFIX", "feed_state", "is_due"]

BLOCKED_PREFIX = "refused by the URL guard: "  # how a poll records a guard refusal in the feed's last_error
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
    interval = timedelta(seconds=int(feed.interval_seconds))
    error = feed.last_error or ""
    if error.startswith(BLOCKED_PREFIX):
        return last + max(interval, BLOCKED_BACKOFF)
    if error:
        return last + max(interval * FAILING_FACTOR, FAILING_MIN_BACKOFF)
    return last + interval


def is_due(feed: Feed) -> bool:
    due = next_poll(feed)
    return due is None or datetime.now(UTC) >= due


def feed_state(feed: Feed) -> dict[str, Any]:
    """The feed as a dict with ``status`` (new, ok, failing or blocked) and ``next_poll`` added."""
    error = feed.last_error or ""
    status = (
        ("blocked" if error.startswith(BLOCKED_PREFIX) else "failing")
        if error
        else ("ok" if feed.last_polled else "new")
    )
    due = next_poll(feed)
    return {**feed.to_dict(), "status": status, "next_poll": due.isoformat(timespec="seconds") if due else None}
