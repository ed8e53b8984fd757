"""The queue in the archive's own database: the ``jobs`` and ``job_events`` tables.

``SQLiteJobQueue`` serialises claims with ``BEGIN IMMEDIATE`` (one file, one machine); ``PostgresJobQueue`` claims
with ``FOR UPDATE SKIP LOCKED`` (any number of workers on any machines). ``queue_for(archive)`` picks the one that
suits the archive's backend.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from ..archive import Archive, now
from ..errors import ConflictError, NotFoundError
from .queue import (
    CANCELLED,
    LEASE_SECONDS,
    MAX_ATTEMPTS,
    STATUSES,
    TERMINAL,
    Job,
    JobEvent,
    JobKind,
    JobPayload,
    JobQueue,
    LeaseLost,
    SeenWorker,
    attempt_owner,
)

# A worker silent this long is no longer listed: long enough for an operator answering an alert to see that a worker
# went silent and when (it shows stale meanwhile), short enough that a dead one does not linger as if it might return.
FORGET_WORKER_SECONDS = 600.0

# A cancelled job is stored as a failed row whose error is CANCELLED (the jobs table's status check names four
# states, and rows cancelled before the state had a name are stored so); this is its state as every reader sees it.
_CANCELLED_LITERAL = "'" + CANCELLED.replace("'", "''") + "'"
_STATE = f"(CASE WHEN status = 'failed' AND error = {_CANCELLED_LITERAL} THEN 'cancelled' ELSE status END)"


class SQLJobQueue(JobQueue):
    """The queue in the archive's tables; a backend says how to pick the next job without a race."""

    # The first queued job, highest priority then oldest; a backend adds what makes concurrent claims safe.
    _next_job = "SELECT id FROM jobs WHERE status = 'queued' ORDER BY priority DESC, id LIMIT 1"
    _lock_row = ""  # appended to a SELECT of the row a transaction is about to change

    def __init__(
        self,
        archive: Archive,
        *,
        lease_seconds: float = LEASE_SECONDS,
        max_attempts: int = MAX_ATTEMPTS,
        clock: Callable[[], float] | None = None,
    ):
        self.archive = archive
        self.lease_seconds = lease_seconds
        self.max_attempts = max_attempts
        self.clock = clock or self._default_clock()

    def enqueue(self, kind: JobKind, payload: JobPayload, *, key: str | None = None, priority: int = 0) -> Job:
        with self.archive.transaction() as db:
            if key is not None:
                row = db.execute("SELECT * FROM jobs WHERE key = ?", (key,)).fetchone()
                if row is not None:
                    return _job(row)
            stamp = now()
            row = db.execute(
                "INSERT INTO jobs (kind, payload, key, priority, created, updated) VALUES (?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (key) DO NOTHING RETURNING id",
                (kind, json.dumps(payload), key, priority, stamp, stamp),
            ).fetchone()
            if row is None:  # another process enqueued the same key since the SELECT (PostgreSQL only)
                return _job(db.execute("SELECT * FROM jobs WHERE key = ?", (key,)).fetchone())
            job_id = int(row["id"])
            self._event(db, job_id, 0, "job", "queued", {"kind": kind})
            return _job(db.execute("SELECT * FROM jobs WHERE id = ?", (job_id,)).fetchone())

    def claim(self, worker: str) -> Job | None:
        with self.archive.transaction() as db:
            stamp = now()
            row = db.execute(
                "UPDATE jobs SET status = 'running', worker = ?, lease_until = ?, attempts = attempts + 1,"
                " started = coalesce(started, ?), updated = ?"
                f" WHERE id = ({self._next_job}) RETURNING *",
                (worker, self.clock() + self.lease_seconds, stamp, stamp),
            ).fetchone()
            if row is None:
                return None
            job = _job(row)
            data: dict[str, Any] = {"worker": worker, "attempt": job.attempts}
            if job.attempts > 1:
                data["resumed_after"] = job.stage
            self._event(db, job.id, job.attempts, "job", "running", data)
            return job

    def heartbeat(self, job_id: int, worker: str) -> bool:
        cursor = self.archive.db.execute(
            "UPDATE jobs SET lease_until = ? WHERE id = ? AND worker = ? AND status = 'running'",
            (self.clock() + self.lease_seconds, job_id, worker),
        )
        return cursor.rowcount == 1

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
        with self.archive.transaction() as db:
            row = db.execute(
                f"SELECT attempts, worker, status, error FROM jobs WHERE id = ?{self._lock_row}", (job_id,)
            ).fetchone()
            if row is None:
                raise NotFoundError(f"no job with id {job_id}")
            if worker is not None and row["error"] == CANCELLED:
                raise LeaseLost(f"job {job_id} was {CANCELLED}")
            if worker is not None and (row["worker"] != worker or row["status"] != "running"):
                raise LeaseLost(f"job {job_id} is no longer held by {worker}")
            db.execute("UPDATE jobs SET stage = ?, updated = ? WHERE id = ?", (stage, now(), job_id))
            return self._event(db, job_id, row["attempts"], stage, status, data or {}, elapsed)

    def complete(self, job_id: int, worker: str, article_id: int | None = None) -> bool:
        return self._finish(job_id, worker, "done", {"article_id": article_id}, article_id=article_id)

    def fail(self, job_id: int, worker: str, error: str) -> bool:
        return self._finish(job_id, worker, "failed", {"error": error}, error=error)

    def cancel(self, job_id: int) -> Job:
        with self.archive.transaction() as db:
            row = db.execute(f"SELECT status FROM jobs WHERE id = ?{self._lock_row}", (job_id,)).fetchone()
            if row is None:
                raise NotFoundError(f"no job with id {job_id}")
            if row["status"] in TERMINAL:
                raise ConflictError(f"job {job_id} has already finished ({row['status']}): there is nothing to cancel")
            stamp = now()
            # the worker that holds a running job loses it here: its next event raises LeaseLost; and its key is
            # released, so that the same request (a feed's next poll, an entry's article) can be asked again
            db.execute(
                "UPDATE jobs SET status = 'failed', error = ?, lease_until = NULL, stage = 'job', finished = ?,"
                " updated = ?, key = NULL WHERE id = ?",
                (CANCELLED, stamp, stamp, job_id),
            )
            self._event(
                db, job_id, self._attempts(db, job_id), "job", "failed", {"error": CANCELLED, "cancelled": True}
            )
        return self.get(job_id)

    def release(self, job_id: int, worker: str, reason: str) -> bool:
        with self.archive.transaction() as db:
            cursor = db.execute(
                "UPDATE jobs SET status = 'queued', worker = NULL, lease_until = NULL, updated = ?"
                " WHERE id = ? AND worker = ? AND status = 'running'",
                (now(), job_id, worker),
            )
            if cursor.rowcount != 1:
                return False
            self._end_runs(db, job_id, worker, f"{reason}; job {job_id} was put back in the queue")
            self._event(db, job_id, self._attempts(db, job_id), "job", "queued", {"reason": reason})
            return True

    def requeue_expired(self) -> list[int]:
        with self.archive.transaction() as db:
            rows = db.execute(
                f"SELECT id, worker FROM jobs WHERE status = 'running' AND lease_until < ?{self._lock_row}",
                (self.clock(),),
            ).fetchall()
            return [self._requeue(db, r["id"], r["worker"], f"the lease of worker {r['worker']} expired") for r in rows]

    def requeue_orphans(self, is_dead: Callable[[str], bool]) -> list[int]:
        with self.archive.transaction() as db:
            rows = db.execute(f"SELECT id, worker FROM jobs WHERE status = 'running'{self._lock_row}").fetchall()
            return [
                self._requeue(db, r["id"], r["worker"], f"worker {r['worker']} is gone")
                for r in rows
                if r["worker"] and is_dead(r["worker"])
            ]

    def get(self, job_id: int) -> Job:
        row = self.archive.db.execute("SELECT * FROM jobs WHERE id = ?", (job_id,)).fetchone()
        if row is None:
            raise NotFoundError(f"no job with id {job_id}")
        return _job(row)

    def events_since(self, job_id: int, after: int = 0, limit: int = 500) -> list[JobEvent]:
        rows = self.archive.db.execute(
            "SELECT * FROM job_events WHERE job_id = ? AND id > ? ORDER BY id LIMIT ?", (job_id, after, limit)
        )
        return [
            JobEvent(
                id=r["id"],
                job_id=r["job_id"],
                stage=r["stage"],
                status=r["status"],
                data=json.loads(r["data"]),
                attempt=r["attempt"],
                elapsed=r["elapsed"],
                created=r["created"],
            )
            for r in rows
        ]

    def list_jobs(
        self, status: str | None = None, limit: int = 50, offset: int = 0, *, routine_polls: bool = True
    ) -> list[Job]:
        where = [f"{_STATE} = ?"] if status is not None else []
        if not routine_polls:
            where.append("(kind != 'poll' OR status = 'failed')")
        clause = f"WHERE {' AND '.join(where)} " if where else ""
        params = [status] if status is not None else []
        rows = self.archive.db.execute(
            f"SELECT * FROM jobs {clause}ORDER BY id DESC LIMIT ? OFFSET ?", (*params, limit, offset)
        )
        return [_job(r) for r in rows]

    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(STATUSES, 0)
        for row in self.archive.db.execute(f"SELECT {_STATE} AS state, count(*) AS n FROM jobs GROUP BY 1"):
            counts[row["state"]] = row["n"]
        return counts

    def worker_alive(self, worker: str, running: int, slots: int) -> None:
        seen = self.clock()
        with self.archive.transaction() as db:
            db.execute(
                "INSERT INTO workers (id, started, seen, running, slots, stale_after) VALUES (?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (id) DO UPDATE SET seen = excluded.seen, running = excluded.running,"
                " slots = excluded.slots, stale_after = excluded.stale_after",
                (worker, now(), seen, running, slots, self.lease_seconds),
            )
            # a worker silent this long has been seen stale long enough; a server whose workers keep dying would
            # otherwise keep hundreds
            db.execute("DELETE FROM workers WHERE seen < ?", (seen - FORGET_WORKER_SECONDS,))

    def worker_stopped(self, worker: str) -> None:
        self.archive.db.execute("DELETE FROM workers WHERE id = ?", (worker,))

    def forget_workers(self, is_dead: Callable[[str], bool]) -> list[str]:
        moment = self.clock()
        with self.archive.transaction() as db:
            rows = db.execute("SELECT id, seen FROM workers").fetchall()
            gone = [r["id"] for r in rows if r["seen"] < moment - FORGET_WORKER_SECONDS or is_dead(r["id"])]
            for worker in gone:
                db.execute("DELETE FROM workers WHERE id = ?", (worker,))
        return gone

    def workers(self) -> list[SeenWorker]:
        moment = self.clock()
        rows = self.archive.db.execute(
            "SELECT * FROM workers WHERE seen >= ? ORDER BY seen DESC, id", (moment - FORGET_WORKER_SECONDS,)
        ).fetchall()
        return [
            SeenWorker(
                id=row["id"],
                started=row["started"],
                last_seen=datetime.fromtimestamp(row["seen"], UTC).isoformat(timespec="seconds"),
                seconds_since=round(max(0.0, moment - row["seen"]), 1),
                running=int(row["running"]),
                slots=int(row["slots"]),
                stale=moment - row["seen"] > row["stale_after"],  # the worker's lease, which may not be ours
            )
            for row in rows
        ]

    # -- inside a transaction ------------------------------------------------------------------------------
    def _finish(
        self,
        job_id: int,
        worker: str,
        status: str,
        data: dict[str, Any],
        *,
        article_id: int | None = None,
        error: str | None = None,
    ) -> bool:
        with self.archive.transaction() as db:
            stamp = now()
            cursor = db.execute(
                "UPDATE jobs SET status = ?, article_id = coalesce(?, article_id), error = ?, lease_until = NULL,"
                " stage = 'job', finished = ?, updated = ? WHERE id = ? AND worker = ? AND status = 'running'",
                (status, article_id, error, stamp, stamp, job_id, worker),
            )
            if cursor.rowcount != 1:
                return False
            self._end_runs(db, job_id, worker, error or f"job {job_id} was {status} before the run ended")
            self._event(db, job_id, self._attempts(db, job_id), "job", status, data)
            return True

    def _requeue(self, db: Any, job_id: int, worker: str | None, reason: str) -> int:
        attempts = self._attempts(db, job_id)
        stamp = now()
        if worker:
            again = f"; job {job_id} was put back in the queue" if attempts < self.max_attempts else ""
            self._end_runs(db, job_id, worker, reason + again)
        if attempts >= self.max_attempts:
            error = f"gave up after {attempts} attempts: {reason}"
            db.execute(
                "UPDATE jobs SET status = 'failed', error = ?, lease_until = NULL, stage = 'job',"
                " finished = ?, updated = ? WHERE id = ?",
                (error, stamp, stamp, job_id),
            )
            self._event(db, job_id, attempts, "job", "failed", {"error": error})
        else:
            db.execute(
                "UPDATE jobs SET status = 'queued', worker = NULL, lease_until = NULL, updated = ? WHERE id = ?",
                (stamp, job_id),
            )
            self._event(db, job_id, attempts, "job", "queued", {"reason": reason})
        return job_id

    @staticmethod
    def _end_runs(db: Any, job_id: int, worker: str, why: str) -> None:
        """Fail the runs of ``worker``'s attempt at the job that are still 'running': the attempt is over."""
        db.execute(
            "UPDATE runs SET status = 'failed', error = ?, finished = ? WHERE owner = ? AND status = 'running'",
            (f"interrupted: {why}", now(), attempt_owner(worker, job_id)),
        )

    @staticmethod
    def _attempts(db: Any, job_id: int) -> int:
        return int(db.execute("SELECT attempts FROM jobs WHERE id = ?", (job_id,)).fetchone()["attempts"])

    @staticmethod
    def _event(
        db: Any, job_id: int, attempt: int, stage: str, status: str, data: dict[str, Any], elapsed: float = 0.0
    ) -> int:
        row = db.execute(
            "INSERT INTO job_events (job_id, attempt, stage, status, data, elapsed, created)"
            " VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
            (job_id, attempt, stage, status, json.dumps(data, default=str), elapsed, now()),
        ).fetchone()
        return int(row["id"])

    def _default_clock(self) -> Callable[[], float]:
        return time.time


class SQLiteJobQueue(SQLJobQueue):
    """``BEGIN IMMEDIATE`` takes the file's writer lock first, so a claim's read and update are never split."""


class PostgresJobQueue(SQLJobQueue):
    """Claims lock the row they take and skip rows other claims hold: many workers claim at once, never the
    same job. A job's row is locked before a transaction reads what it is about to change."""

    _next_job = SQLJobQueue._next_job + " FOR UPDATE SKIP LOCKED"
    _lock_row = " FOR UPDATE"

    def _default_clock(self) -> Callable[[], float]:
        """Leases are timed by the database's clock: workers on machines whose clocks disagree still agree on
        when a lease runs out."""

        def database_time() -> float:
            return float(self.archive.db.execute("SELECT extract(epoch FROM clock_timestamp()) AS t").fetchone()["t"])

        return database_time


def queue_for(archive: Archive, **options: Any) -> SQLJobQueue:
    """The queue in ``archive``'s database, for its backend."""
    cls = PostgresJobQueue if archive.backend == "postgres" else SQLiteJobQueue
    return cls(archive, **options)


def _job(row: Any) -> Job:
    data = dict(row)
    data["payload"] = json.loads(data.pop("payload") or "{}")
    data.pop("updated", None)
    if data["status"] == "failed" and data["error"] == CANCELLED:  # stored so (``_STATE``)
        data["status"] = "cancelled"
    return Job(**data)
