"""The job queue's interface: articles are written by worker processes, never by the web request that asked for one.

    JobQueue                the interface the web app and the workers use
    └── SQLJobQueue         the ``jobs`` and ``job_events`` tables in the archive's own database
        ├── SQLiteJobQueue  one file, one machine: ``BEGIN IMMEDIATE`` serialises the claims
        └── PostgresJobQueue  any number of workers on any machines: ``FOR UPDATE SKIP LOCKED``

``queue_for(archive)`` (``jobs/sql.py``) gives the one that suits the archive's backend.

A job's life::

    queued --claim--> running --complete--> done
                        │  └----fail------> failed
                        └-- release, lease expired, worker gone --> queued  (claimed again: attempt + 1)
    queued or running --cancel--> cancelled

* ``claim`` is one ``UPDATE ... WHERE id = (first queued job) RETURNING *``: inside ``BEGIN IMMEDIATE`` on SQLite,
  with the first queued row locked ``FOR UPDATE SKIP LOCKED`` on PostgreSQL (concurrent claims take the next row
  instead of waiting): two workers never get the same job.
* A running job holds a lease that its worker renews with ``heartbeat``. A worker that dies (``kill -9``, a crash)
  stops renewing it; ``requeue_expired`` (and ``requeue_orphans`` for workers known to be dead) puts the job back.
  After ``max_attempts`` claims a job fails instead of crashing workers for ever.
* ``complete``, ``fail``, ``heartbeat`` and ``record_event`` name the worker: one whose lease was taken over can
  no longer change the job (``LeaseLost``), so a job finishes once.
* ``cancel`` fails a job that has not finished. A queued one is never claimed; a running one's worker no longer
  holds it, so it stops at its next progress event (``LeaseLost``) and its result is not recorded. A cancelled job
  is ``cancelled``, a state of its own in every list, count and page: an editor who cancels a job has seen no
  failure. (It is stored as a failed row whose error is ``CANCELLED``, as it was before the state had a name, so
  that the table's status check and older rows stand; the queue reads it back as ``cancelled``.)
* A run (the ``runs`` table) that a job's attempt starts is owned by that attempt (``attempt_owner``). When the
  attempt ends (``complete``, ``fail``, ``release``, a requeue) a run of it still 'running' is failed: its worker
  lost the database mid-run and could not end it, and is alive, so no sweep of dead processes would.
* A worker renews its own row (``worker_alive``) while it runs, busy or idle, so that ``workers`` lists every worker
  that shares the database, whatever started it, with the moment it was last heard from (``jobs.presence``). A row
  goes when its worker stops cleanly or loses its server (``worker_stopped``), when its worker is known dead
  (``forget_workers``, by the server's checks and each worker's start, as orphaned jobs are put back), and when it
  has been silent for ``FORGET_WORKER_SECONDS``: a worker of another machine cannot be known dead, only silent.
* Every change of state and every pipeline event is a row in ``job_events`` (``events_since``), so progress
  survives restarts and can be streamed from any process.

The pipeline knows nothing of this package; workers (``newsdesk.jobs.worker``) pass its events to ``record_event``.
"""

from __future__ import annotations

import logging
import math
import os
from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from ..models import WriteChoices

__all__ = [
    "CANCELLED",
    "Job",
    "JobEvent",
    "JobQueue",
    "LeaseLost",
    "STATUSES",
    "SeenWorker",
    "TERMINAL",
    "JobKind",
    "attempt_owner",
    "job_of_owner",
    "JobPayload",
    "with_choices",
]

STATUSES = ("queued", "running", "done", "failed", "cancelled")


def attempt_owner(worker: str, job_id: int) -> str:
    """The ``runs.owner`` of the runs a job's attempt makes: ``host:pid`` first, as every owner, so that a run of
    a process that died is still found by its process (``worker.is_dead_local_worker``)."""
    return f"{worker}:job-{job_id}"


def job_of_owner(owner: str | None) -> int | None:
    """The job whose attempt made a run of ``owner`` (``attempt_owner``); None for a run of a command."""
    _, marker, number = (owner or "").rpartition(":job-")
    return int(number) if marker and number.isascii() and number.isdigit() else None


TERMINAL = ("done", "failed", "cancelled")


def _lease_seconds(default: float = 20.0) -> float:
    """``NEWSDESK_LEASE_SECONDS``, where it is a number of seconds above 0 (read at import, where an error would be
    a traceback in every command: a value that is none is said on the log, and the default used)."""
    value = os.environ.get("NEWSDESK_LEASE_SECONDS") or ""
    try:
        seconds = float(value or default)
    except ValueError:
        seconds = 0.0
    if not 0 < seconds < math.inf:
        logging.getLogger("newsdesk.jobs").warning(
            "NEWSDESK_LEASE_SECONDS must be a number of seconds above 0, not %r: using %g", value[:40], default
        )
        return default
    return seconds


# A worker renews its lease every third of this; a dead worker's job waits at most this long for another worker.
LEASE_SECONDS = _lease_seconds()
CANCELLED = "cancelled on request"
MAX_ATTEMPTS = 3  # claims before a job that keeps killing its worker is failed


class LeaseLost(Exception):
    """The worker no longer holds the job (its lease expired and the job went back to the queue)."""


JobKind = Literal["write", "regenerate", "poll"]


class JobPayload(WriteChoices, total=False):
    """What a job carries. A write job names a stored story or a URL (and, from a feed poll, its entry); a
    regenerate job an article and a section; a poll job a watched feed."""

    story_id: int
    url: str
    feed_entry_id: int
    feed_id: int
    article_id: int
    section_id: str
    regenerate: bool  # a write job: a new article even when the story was written with the same options
    develop: bool  # a write job: the story updates its thread's article, as a feed entry does (the Library asks)


def with_choices(payload: JobPayload, choices: WriteChoices) -> JobPayload:
    """``payload`` (changed in place, and returned) with the template and model a request or a feed chose."""
    if "template" in choices:
        payload["template"] = choices["template"]
    if "template_name" in choices:
        payload["template_name"] = choices["template_name"]
    if "model" in choices:
        payload["model"] = choices["model"]
    return payload


@dataclass
class Job:
    id: int
    kind: JobKind
    payload: JobPayload
    status: str = "queued"
    key: str | None = None  # idempotency key: enqueueing the same key again returns this job
    priority: int = 0
    attempts: int = 0
    worker: str | None = None
    lease_until: float | None = None
    stage: str | None = None  # the stage of the latest event
    article_id: int | None = None
    error: str | None = None
    created: str = ""
    started: str | None = None
    finished: str | None = None

    @property
    def done(self) -> bool:
        return self.status in TERMINAL

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class JobEvent:
    id: int  # increasing across all jobs: a stream resumes after the last id it saw
    job_id: int
    stage: str
    status: str
    data: dict[str, Any] = field(default_factory=dict)
    attempt: int = 0
    elapsed: float = 0.0
    created: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class SeenWorker:
    """A worker that shares the queue, from any process on any machine, as its last presence heartbeat left it."""

    id: str  # host:pid:random (``presence.new_worker_id``)
    started: str
    last_seen: str  # ISO 8601, UTC, by the queue's clock
    seconds_since: float  # since it was last heard from
    running: int  # the jobs it ran then
    slots: int  # the jobs it runs at once
    stale: bool  # not heard from for its lease period: killed, frozen or cut off from the database

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


class JobQueue(ABC):
    """What the web app and the workers need from a queue. Implementations must make ``claim`` atomic."""

    @abstractmethod
    def enqueue(self, kind: JobKind, payload: JobPayload, *, key: str | None = None, priority: int = 0) -> Job:
        """Add a job; with a ``key`` already used, the job that has it is returned instead of a new one."""

    @abstractmethod
    def claim(self, worker: str) -> Job | None:
        """The next queued job (highest priority, then oldest), now running under ``worker``; None when idle."""

    @abstractmethod
    def heartbeat(self, job_id: int, worker: str) -> bool:
        """Renew the lease; False when ``worker`` no longer holds the job."""

    @abstractmethod
    def record_event(
        self,
        job_id: int,
        stage: str,
        status: str,
        data: dict[str, Any] | None = None,
        elapsed: float = 0.0,
        *,
        worker: str | None = None,
    ) -> int:
        """Store a progress event; with ``worker``, raise LeaseLost unless that worker holds the job."""

    @abstractmethod
    def complete(self, job_id: int, worker: str, article_id: int | None = None) -> bool:
        """Mark the job done; False (and no change) when ``worker`` no longer holds it."""

    @abstractmethod
    def fail(self, job_id: int, worker: str, error: str) -> bool:
        """Mark the job failed with a one-line reason."""

    @abstractmethod
    def cancel(self, job_id: int) -> Job:
        """Stop a queued or running job: it is ``cancelled`` (``CANCELLED`` is its error); ConflictError for a
        finished one."""

    @abstractmethod
    def release(self, job_id: int, worker: str, reason: str) -> bool:
        """Put a running job back in the queue (a worker shutting down mid-job)."""

    @abstractmethod
    def requeue_expired(self) -> list[int]:
        """Running jobs whose lease has expired go back to the queue (or fail after too many attempts)."""

    @abstractmethod
    def requeue_orphans(self, is_dead: Callable[[str], bool]) -> list[int]:
        """Running jobs whose worker ``is_dead`` go back to the queue at once, without waiting for the lease."""

    @abstractmethod
    def get(self, job_id: int) -> Job:
        """The job, or NotFoundError."""

    @abstractmethod
    def events_since(self, job_id: int, after: int = 0, limit: int = 500) -> list[JobEvent]:
        """The job's events with an id above ``after``, oldest first."""

    @abstractmethod
    def list_jobs(
        self, status: str | None = None, limit: int = 50, offset: int = 0, *, routine_polls: bool = True
    ) -> list[Job]:
        """Jobs newest first; without ``routine_polls``, feed polls only where they failed (a feed polled every
        minute crowded an editor's own jobs out of a list of the recent ones: Smoke test 40a #20)."""

    @abstractmethod
    def counts(self) -> dict[str, int]:
        """How many jobs are in each status (``STATUSES``, every one present)."""

    @abstractmethod
    def worker_alive(self, worker: str, running: int, slots: int) -> None:
        """Record that ``worker`` lives now, running ``running`` of its ``slots`` jobs (its presence heartbeat, renewed
        three times a lease period)."""

    @abstractmethod
    def worker_stopped(self, worker: str) -> None:
        """Forget a worker that stopped cleanly: it is no longer listed."""

    @abstractmethod
    def forget_workers(self, is_dead: Callable[[str], bool]) -> list[str]:
        """Remove the rows of workers that ``is_dead`` (a process of this machine that is gone: its server died,
        or it was killed), and of those silent too long to be listed (``workers``); the ids removed."""

    @abstractmethod
    def workers(self) -> list[SeenWorker]:
        """The workers heard from lately, most recently seen first; one silent for its lease period is ``stale``,
        one silent much longer is no longer listed."""
