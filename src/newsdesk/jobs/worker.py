"""A worker: claims jobs from the queue and runs them through the pipeline.

``newsdesk serve --workers N`` starts N of these as processes (``python -m newsdesk worker``); ``newsdesk worker``
runs one by hand, on this machine or any other that reaches the database (``--db postgresql://...``). Each loads a
model on its first job and keeps it for the next ones. Against an OpenAI-compatible server, ``--concurrency K``
runs up to K jobs at once in threads (the server batches them); the embedded model is CPU-bound, so K stays 1.

Crash safety comes from three things:

* a ``write`` job passes a request key to the pipeline, which saves an article once per key: a job re-run after
  its worker died returns the article the dead worker saved, or writes it now, never twice. The key is the story
  and the options (``same_request_key``: the same request again, from any job, gets the stored article), or
  ``job:<id>`` for a feed entry and for a job that asks for a new article (``regenerate``);
* every LLM answer is cached in the database, so a re-run replays the sections finished before the crash
  without calling the model again, and goes on from the first unfinished one;
* the job's stored events say how far it got: a URL job that had stored its story does not fetch it again.

While a job runs, a thread renews its lease; a worker whose lease was taken over stops at its next event
(``LeaseLost``). SIGTERM or SIGINT mid-job puts the job back in the queue for the next worker. An idle worker
also puts back the jobs whose lease expired, so a worker that died on another machine is replaced even when no
server runs.
"""

from __future__ import annotations

import logging
import os
import signal
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from ..archive import Archive, open_archive
from ..errors import BlockedURLError, NewsdeskError, StorageError
from ..ingest.guard import for_server
from ..models import Story
from ..pipeline import Event, WriteOptions, regenerate_section, write_article
from ..pipeline.options import same_request_key
from .claims import claim_thread
from .heartbeat import Heartbeat, LeaseCheck
from .models import WorkerModels
from .outage import Outage
from .polls import poll_feed
from .presence import Presence, is_dead_local_worker, new_worker_id
from .queue import Job, JobQueue, LeaseLost, attempt_owner
from .sql import queue_for

log = logging.getLogger("newsdesk.worker")

IDLE_SECONDS = 0.5  # pause between two claims that found nothing
# how often a feed entry's job looks again for the article another job writes for its thread (``jobs.claims``)
CLAIM_WAIT_SECONDS = 1.0


class Stopping(BaseException):
    """Raised in a worker told to stop mid-job (BaseException: the pipeline must not swallow it)."""


@dataclass
class WorkerConfig:
    db: str | Path | None  # a SQLite file or a postgresql:// URL; None: the default location
    base_url: str | None = None
    context_length: int | None = None
    allow_private: bool = False
    lifeline: bool = False  # exit when standard input closes: the server that started this worker is gone
    idle_seconds: float = IDLE_SECONDS
    concurrency: int = 1  # jobs at once; above 1 only against an OpenAI-compatible server (base_url)
    until_idle: bool = False  # exit once the queue is empty and no job runs here (batch runs, benchmarks)
    judge: bool = True  # a server model judges the sentences the local checks leave uncertain


def effective_concurrency(config: WorkerConfig) -> int:
    """The jobs a worker runs at once: K against a server, 1 for the embedded model (CPU-bound: more would only
    split the same cores and memory)."""
    if config.concurrency > 1 and not (config.base_url or os.environ.get("OPENAI_BASE_URL")):
        log.warning(
            "--concurrency %d needs a model server (--base-url): the embedded model runs one job at a time",
            config.concurrency,
        )
        return 1
    return max(1, config.concurrency)


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
        self._handlers: dict[str, Callable[[Job, Callable[[Event], None]], int | None]] = {
            "write": self._write,
            "regenerate": self._regenerate,
            "poll": self._poll,
        }
        self.busy = False

    def run(self) -> None:
        log.info("worker %s started (%d job%s at a time)", self.id, self.concurrency, "s" * (self.concurrency > 1))
        self.fail_interrupted_runs()
        presence = Presence(self.queue, self.id, self.concurrency, self._jobs_running, self.queue_lease() / 3)
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
            self.queue.fail(job.id, self.id, for_server(str(error)))
        except Exception as error:  # a bug must fail its job, not kill the worker
            log.exception("job %s failed", job.id)
            self.queue.fail(job.id, self.id, f"internal error: {type(error).__name__}: {error}")
        else:
            if not self.queue.complete(job.id, self.id, article_id):
                log.warning("job %s was taken over before it completed here", job.id)

    # -- job kinds -----------------------------------------------------------------------------------------
    def _write(self, job: Job, on_event: Callable[[Event], None]) -> int | None:
        payload = job.payload
        key = f"job:{job.id}"
        article_id = self.archive.article_for_request(key)
        if article_id is not None:  # saved by an attempt that died before it could say so
            on_event(Event("done", "done", {"article_id": article_id, "reused": True}))
        elif payload.get("feed_entry_id") and payload.get("story_id") is not None:
            article_id = self._develop(job, on_event)  # a polled entry of a thread with an article: a new version
            said = False
            while article_id is None and (holder := self._claim_thread(job)) is not None:
                if not said:  # another job writes the thread's first article (``jobs.claims``): develop it
                    on_event(
                        Event(
                            "warning",
                            "info",
                            {
                                "message": f"waiting for job {holder}, which writes the "
                                "first article of this story's thread, to update it"
                            },
                        )
                    )
                    said = True
                if self.stop.wait(CLAIM_WAIT_SECONDS):
                    raise Stopping
                article_id = self._develop(job, on_event)
        if article_id is None:
            story = self._story(job, on_event)
            options = replace(self._options(job, request_key=key), fresh=bool(payload.get("regenerate")))
            if not payload.get("regenerate") and not payload.get("feed_entry_id"):
                # The same story with the same options is the stored article (Smoke test 35 #6: two tabs, a retry
                # or the Library's button wrote it again). The key is looked up now, when the job runs, and held
                # once by the archive, so identical jobs that run at once still end in one article.
                options = replace(options, request_key=same_request_key(story, options))
            model = self.models.for_job(payload.get("model"), on_event)
            article = write_article(story, options, self.archive, on_event=on_event, model=model)
            article_id = article.id
        if payload.get("feed_entry_id") and article_id is not None:
            self.archive.feeds.set_entry_article(int(payload["feed_entry_id"]), article_id)
        return article_id

    def _claim_thread(self, job: Job) -> int | None:
        """Claim the entry's thread for this job's first article (``jobs.claims``); the live job that holds it,
        if another does."""
        from ..threads import thread_members

        story_id = int(job.payload["story_id"])
        return claim_thread(self.archive, thread_members(self.archive, story_id) | {story_id}, job.id)

    def _develop(self, job: Job, on_event: Callable[[Event], None]) -> int | None:
        """The id of the thread's article, updated with this job's entry (``develop.update_thread_article``);
        None when the entry's thread has no article yet."""
        from ..pipeline.develop import update_thread_article

        payload = job.payload
        options = self._options(job)
        model = self.models.for_job(payload.get("model"), on_event)
        result = update_thread_article(self.archive, int(payload["story_id"]), options, on_event, model)
        if result is None:
            return None
        if result.not_saved:
            on_event(Event("warning", "info", {"message": result.not_saved}))
        article = result.article  # the thread's article: its id, not the draft's, is what the job made
        if result.updated:
            on_event(Event("save", "done", {"article_id": article.id, "version": article.version}))
        on_event(
            Event(
                "done",
                "done",
                {"article_id": article.id, "version": article.version, "unchanged": not result.updated},
            )
        )
        return article.id

    def _story(self, job: Job, on_event: Callable[[Event], None]) -> Story:
        payload = job.payload
        if payload.get("story_id") is not None:
            return self.archive.get_story(int(payload["story_id"]))
        stored = [
            e.data["story_id"]
            for e in self.queue.events_since(job.id)
            if e.stage == "store" and e.status == "done" and e.data.get("story_id")
        ]
        if stored:  # an earlier attempt fetched and stored it
            return self.archive.get_story(int(stored[-1]))
        from ..ingest.fetch import Fetcher, FetchStopped
        from ..ingest.web import story_from_url

        lease = LeaseCheck(self.queue, job.id, self.id)
        fetcher = Fetcher(allow_private=self.config.allow_private, stop=lambda: self.stop.is_set() or lease.lost())
        on_event(Event("fetch", "start", {"url": payload["url"]}))
        try:
            story = story_from_url(payload["url"], fetcher=fetcher)
        except FetchStopped:  # the worker was told to stop, or the job is no longer its own: the page is not wanted
            if self.stop.is_set():
                raise Stopping from None
            raise LeaseLost(f"job {job.id} was cancelled or taken over while it fetched its page: stopped") from None
        on_event(Event("fetch", "done", {"title": story.headline}))
        return story

    def _regenerate(self, job: Job, on_event: Callable[[Event], None]) -> int | None:
        payload = job.payload
        options = self._options(job)
        article = regenerate_section(
            self.archive,
            int(payload["article_id"]),
            payload["section_id"],
            options,
            on_event=on_event,
            model=self.models.for_job(payload.get("model"), on_event),
        )
        return article.id

    def _poll(self, job: Job, on_event: Callable[[Event], None]) -> int | None:
        poll_feed(self.archive, self.queue, int(job.payload["feed_id"]), on_event, self.config.allow_private)
        return None

    def _options(self, job: Job, request_key: str | None = None) -> WriteOptions:
        """What a job asks for (template, model), with what this worker was started with; its runs are this
        attempt's, so that the queue ends them if it takes the job back."""
        payload = job.payload
        return WriteOptions(
            run_owner=attempt_owner(self.id, job.id),
            model=payload.get("model"),
            base_url=self.config.base_url,
            template=payload.get("template"),
            context_length=self.config.context_length,
            request_key=request_key,
            judge=self.config.judge,
        )


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
        threading.Thread(target=_watch_lifeline, name="lifeline", daemon=True).start()
    worker.run()
    # Leave without the interpreter's teardown: llama.cpp's finalizers fail noisily when run that late.
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


def _watch_lifeline() -> None:
    """Block on standard input, a pipe from the server; end of file means the server is gone (even kill -9)."""
    try:
        while os.read(0, 1024):  # the raw descriptor: a buffered reader's lock would stall interpreter shutdown
            pass
    except OSError:
        pass
    log.warning("the server that started this worker is gone: exiting")
    os._exit(3)
