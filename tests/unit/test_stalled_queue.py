"""When the pages and the health say that queued jobs have no worker (``presence.stalled_queue``): only when jobs
wait and no worker lives, a worker this server has just started and that has not beaten yet counting as live."""

from __future__ import annotations

import socket

from newsdesk.jobs import SeenWorker
from newsdesk.jobs.presence import stalled_queue


def _seen(pid: int, stale: bool) -> SeenWorker:
    return SeenWorker(
        id=f"{socket.gethostname()}:{pid}:abc123",
        started="2026-01-05T09:00:00+00:00",
        last_seen="2026-01-05T09:30:00+00:00",
        seconds_since=40.0 if stale else 1.0,
        running=0,
        slots=1,
        stale=stale,
    )


def test_queued_jobs_are_stalled_only_when_no_worker_lives() -> None:
    assert stalled_queue(0, [], []) is None, "nothing waits"
    said = stalled_queue(1, [], [])
    assert said is not None and said.startswith("1 job is queued and no worker is running: nothing will be written")
    assert stalled_queue(3, [_seen(41, stale=False)], []) is None, "a live worker will come to them"
    silent = stalled_queue(3, [_seen(41, stale=True)], [])
    assert silent is not None and "3 jobs are queued" in silent and "heard from at 2026-01-05T09:30:00+00:00" in silent


def test_a_worker_this_server_started_lives_until_its_heartbeat_goes_stale() -> None:
    assert stalled_queue(2, [], [42]) is None, "started, loading: its first beat has not come yet"
    assert stalled_queue(2, [_seen(42, stale=True)], [42]) is not None, "its process runs, but it beats no more"
