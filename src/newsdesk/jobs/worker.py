"""A worker: claims jobs from the queue and runs them through the pipeline.

``newsdesk serve --workers N`` starts N of these as processes (``python -m newsdesk worker``); ``newsdesk worker``
runs one by hand, on this machine or any other that reaches the database (``--db postgresql://...``). Each loads a
model on its first job and keeps it for the next ones. Against an OpenAI-compatible server, ``--concurrency K``
runs up to K jobs at once in threads (the server batches them); the embedded model is CPU-bound, so K stays 1.

Crash safety comes from three things:

* a ``write`` job (``kinds``) passes a request key to the pipeline, which saves an article once per key: a job
  re-run after its worker died returns the article the dead worker saved, or writes it now, never twice. The key
  is the story and the options (``same_request_key``: the same request again, from any job, gets the stored
  article), or ``job:<id>`` for a feed entry and for a job that asks for a new article (``regenerate``);
* every LLM answer is cached in the database, so a re-run replays the sections finished before the crash
  without calling the model again, and goes on from the first unfinished one;
* the job's stored events say how far it got: a URL job that had stored its story does not fetch it again.

While a job runs, a thread renews its lease; a worker whose lease was taken over (or whose job was cancelled)
stops at its next event (``LeaseLost``), or within about a second where it waits on a page's server. SIGTERM or
SIGINT mid-job puts the job back in the queue for the next worker. An idle worker also puts back the jobs whose
lease expired, so a worker that died on another machine is replaced even when no server runs. Every worker, busy
or idle, says that it lives (``presence``): the web app's health lists it, whatever started it.
"""

from __future__ import annotations

import logging
import os
import signal
import sys
import threading
import time

from ..archive import Archive, open_archive
from ..errors import BlockedURLError, NewsdeskError, StorageError
from ..ingest.guard import for_server
from ..pipeline import Event
from .config import WorkerConfig, effective_concurrency
from .heartbeat import Heartbeat
from .kinds import JobHandler, JobKinds, Stopping
from .models import WorkerModels
from .outage import Outage
from .presence import Presence, is_dead_local_worker, new_worker_id
from .queue import Job, JobQueue, LeaseLost
from .sql import queue_for

# the names a worker's callers use (``newsdesk serve``, ``newsdesk worker``, tests), whichever module holds them
__all__ = ["Stopping", "Worker", "WorkerConfig", "effective_concurrency", "run_worker"]

log = logging.getLogger("newsdesk.worker")


class Worker:
    def __init__(self, config: WorkerConfig, queue: JobQueue | None = None, archive: Archive | None = None):
        self.config = config
        self.archive = archive or open_archive(config.db)
        self.queue = queue or queue_for(self.archive)
        self.id = new_worker_id()
        self.concurrency = effective_concurrency(config)
        self.stop = threading.Event()
        self._running: dict[int, threading.Thread] = {}  # job id -> the thread running it (concurrency > 1)
        self._wake = threading.Event()
        self._lock = threading.Lock()
        self.models = WorkerModels(config.base_url, config.context_length)
        self._last_sweep = 0.0
        self.outage = Outage(log, f"worker {self.id}", config.idle_seconds)
        self.kinds = JobKinds(config, self.archive, self.queue, self.models, self.id, self.stop)
        self._handlers: dict[str, JobHandler] = self.kinds.handlers()
        self.busy = False
        self.presence: Presence | None = None  # while it runs

    def run(self) -> None:
        log.info("worker %s started (%d job%s at a time)", self.id, self.concurrency, "s" * (self.concurrency > 1))
        self.fail_interrupted_runs()
        self.forget_dead_workers()
        presence = Presence(self.queue, self.id, self.concurrency, self._jobs_running, self.queue_lease() / 3)
        self.presence = presence
        with presence:
            self._claim_until_stopped()
        self.close()
        log.info("worker %s stopped", self.id)

    def _claim_until_stopped(self) -> None:
        while not self.stop.is_set():
            self.sweep_expired()
            wait = self.config.idle_seconds
            try:
                found = self.run_one() is not None if self.concurrency == 1 else self._start_some()
            except StorageError as error:  # the database went away (a restart): wait longer each time, then retry
                wait = self.outage.failed(error)
                found = False
            else:
                self.outage.answered()
            if not found:
                if self.config.until_idle and not self._busy_threads():
                    break
                self._wake.wait(wait)  # a finished job or a stop wakes it early
                self._wake.clear()
        for thread in list(self._running.values()):
            thread.join()

    def close(self) -> None:
        self.models.close()

    def fail_interrupted_runs(self) -> list[int]:
        """Mark runs left 'running' by dead processes of this machine failed: with workers only, nothing else would."""
        try:
            interrupted = self.archive.fail_interrupted_runs(is_dead_local_worker)
        except StorageError as error:  # the database is away: one line, not a traceback
            log.warning("marking interrupted runs: %s", error)
            return []
        except Exception:  # a busy database at start must not stop the worker
            log.exception("marking interrupted runs")
            return []
        if interrupted:
            log.info("marked %d interrupted run(s) failed: %s", len(interrupted), interrupted)
        return interrupted

    def forget_dead_workers(self) -> list[str]:
        """Remove the heartbeat rows of this machine's workers whose process is gone, so that the health does not
        list them as if they might come back: where no server runs, nothing else would."""
        try:
            return self.queue.forget_workers(is_dead_local_worker)
        except StorageError as error:  # the database is away: one line, not a traceback
            log.warning("forgetting dead workers: %s", error)
        except Exception:  # a busy database at start must not stop the worker
            log.exception("forgetting dead workers")
        return []

    def sweep_expired(self) -> list[int]:
        """Every lease period, put back the jobs whose lease expired (a worker died anywhere, no server runs)."""
        if time.monotonic() - self._last_sweep < self.queue_lease():
            return []
        self._last_sweep = time.monotonic()
        try:
            return self.queue.requeue_expired()
        except StorageError as error:  # said once per outage, by the claims' loop
            self.outage.failed(error)
            return []
        except Exception:  # a busy database now and then must not end the worker
            log.exception("requeue of expired jobs")
            return []

    def run_one(self) -> Job | None:
        """Claim and run one job; returns it (finished, failed or put back), or None when the queue is empty."""
        job = self.queue.claim(self.id)
        if job is None:
            return None
        self.busy = True
        try:
            self._run_claimed(job)
        finally:
            self.busy = False
        return job

    def _jobs_running(self) -> int:
        return self._busy_threads() if self.concurrency > 1 else int(self.busy)

    def _busy_threads(self) -> int:
        with self._lock:
            for job_id in [i for i, t in self._running.items() if not t.is_alive()]:
                del self._running[job_id]
            return len(self._running)

    def _start_some(self) -> bool:
        """Fill the free slots with claimed jobs, each in a thread of its own; False when none started."""
        started = False
        for _ in range(self.concurrency - self._busy_threads()):
            job = self.queue.claim(self.id)
            if job is None:
                break
            thread = threading.Thread(target=self._run_in_thread, args=(job,), name=f"job-{job.id}", daemon=True)
            with self._lock:
                self._running[job.id] = thread
            thread.start()
            started = True
        return started

    def _run_in_thread(self, job: Job) -> None:
        try:
            self._run_claimed(job)
        finally:
            self._wake.set()

    def _run_claimed(self, job: Job) -> None:
        heartbeat = Heartbeat(self.queue, job.id, self.id, self.queue_lease() / 3)
        try:
            with heartbeat:
                self._run(job)
        except Stopping:
            self.queue.release(job.id, self.id, "the worker was stopped")
            self.stop.set()

    def queue_lease(self) -> float:
        return float(getattr(self.queue, "lease_seconds", 20.0))

    def _run(self, job: Job) -> None:
        def on_event(event: Event) -> None:
            if self.stop.is_set() and self.concurrency > 1:  # threads cannot be interrupted: stop at an event
                raise Stopping
            self.queue.record_event(job.id, event.stage, event.status, event.data, event.elapsed, worker=self.id)

        handler = self._handlers.get(job.kind)
        try:
            if handler is None:
                raise NewsdeskError(f"unknown job kind {job.kind!r}")
            article_id = handler(job, on_event)
        except LeaseLost as error:
            log.warning("%s", error)
        except NewsdeskError as error:
            if isinstance(error, BlockedURLError):  # the operator's hint stays in the log; the job's page says what
                log.warning("job %s: %s", job.id, error)  # the server does
            self.queue.fail(job.id, self.id, for_server(error.for_web()))
        except Exception as error:  # a bug must fail its job, not kill the worker
            log.exception("job %s failed", job.id)
            self.queue.fail(job.id, self.id, f"internal error: {type(error).__name__}: {error}")
        else:
            if not self.queue.complete(job.id, self.id, article_id):
                log.warning("job %s was taken over before it completed here", job.id)


def run_worker(config: WorkerConfig) -> None:
    """A worker process's main: stops cleanly on SIGTERM/SIGINT, and at once when its server dies."""
    worker = Worker(config)

    def on_signal(signum: int, frame: object) -> None:
        worker.stop.set()
        worker._wake.set()
        if worker.busy:
            raise Stopping

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    if config.lifeline:
        threading.Thread(target=_watch_lifeline, args=(worker,), name="lifeline", daemon=True).start()
    worker.run()
    # Leave without the interpreter's teardown: llama.cpp's finalizers fail noisily when run that late.
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


LIFELINE_GRACE_SECONDS = 1.0  # how long, at most, a worker whose server died spends removing its heartbeat row


def _watch_lifeline(worker: Worker) -> None:
    """Block on standard input, a pipe from the server; end of file means the server is gone (even kill -9). The
    worker's heartbeat row goes with it, as at a clean stop: it showed stale, as if frozen, until forgotten."""
    try:
        while os.read(0, 1024):  # the raw descriptor: a buffered reader's lock would stall interpreter shutdown
            pass
    except OSError:
        pass
    log.warning("the server that started this worker is gone: exiting")
    if worker.presence is not None:  # within a bound: a database that makes it wait must not keep the worker alive
        ending = threading.Thread(target=worker.presence.end, args=(LIFELINE_GRACE_SECONDS,), daemon=True)
        ending.start()
        ending.join(LIFELINE_GRACE_SECONDS)
    os._exit(3)
