"""What each kind of job does, through the pipeline: ``write`` an article (of a stored story, of a URL's page, or of
a feed entry, whose thread's article it updates where there is one), ``regenerate`` one section, ``poll`` a feed.
The worker (``worker``) claims the jobs and runs them here; its leases, threads and signals are its own.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import replace

from ..archive import Archive
from ..models import Story
from ..pipeline import Event, WriteOptions, regenerate_section, write_article
from ..pipeline.options import same_request_key
from ..pipeline.regenerate import NothingNew
from .claims import claim_thread
from .config import WorkerConfig
from .heartbeat import LeaseCheck
from .models import WorkerModels
from .polls import poll_feed
from .queue import Job, JobQueue, LeaseLost, attempt_owner

__all__ = ["CLAIM_WAIT_SECONDS", "JobHandler", "JobKinds", "Stopping"]

# how often a feed entry's job looks again for the article another job writes for its thread (``jobs.claims``)
CLAIM_WAIT_SECONDS = 1.0

JobHandler = Callable[[Job, Callable[[Event], None]], int | None]  # a job and its events' sink -> its article


class Stopping(BaseException):
    """Raised in a worker told to stop mid-job (BaseException: the pipeline must not swallow it)."""

    def __str__(self) -> str:  # what the interrupted run records: it was the bare word "Stopping" (Smoke test 40a #15)
        return "interrupted: the worker was stopped; its job goes back in the queue"


class JobKinds:
    """The job kinds of one worker (``worker``: its id), on its archive, queue and models; ``stop`` is set when
    the worker is told to stop."""

    def __init__(
        self,
        config: WorkerConfig,
        archive: Archive,
        queue: JobQueue,
        models: WorkerModels,
        worker: str,
        stop: threading.Event,
    ):
        self.config, self.archive, self.queue, self.models = config, archive, queue, models
        self.worker, self.stop = worker, stop

    def handlers(self) -> dict[str, JobHandler]:
        return {"write": self.write, "regenerate": self.regenerate, "poll": self.poll}

    def write(self, job: Job, on_event: Callable[[Event], None]) -> int | None:
        payload = job.payload
        key = f"job:{job.id}"
        article_id = self.archive.article_for_request(key)
        if article_id is not None:  # saved by an attempt that died before it could say so
            on_event(Event("done", "done", {"article_id": article_id, "reused": True}))
        elif (payload.get("feed_entry_id") or payload.get("develop")) and payload.get("story_id") is not None:
            article_id = self.develop(job, on_event)  # a polled entry of a thread with an article: a new version
            said = False
            while article_id is None and (holder := self.claim_thread(job)) is not None:
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
                article_id = self.develop(job, on_event)
        if article_id is None:
            story = self.story(job, on_event)
            options = replace(self.options(job, request_key=key), fresh=bool(payload.get("regenerate")))
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

    def claim_thread(self, job: Job) -> int | None:
        """Claim the entry's thread for this job's first article (``jobs.claims``); the live job that holds it,
        if another does."""
        from ..threads import thread_members

        story_id = int(job.payload["story_id"])
        return claim_thread(self.archive, thread_members(self.archive, story_id) | {story_id}, job.id)

    def develop(self, job: Job, on_event: Callable[[Event], None]) -> int | None:
        """The id of the thread's article, updated with this job's entry (``develop.update_thread_article``);
        None when the entry's thread has no article yet."""
        from ..pipeline.develop import update_thread_article

        payload = job.payload
        options = self.options(job)
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

    def story(self, job: Job, on_event: Callable[[Event], None]) -> Story:
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

        fetcher = Fetcher(allow_private=self.config.allow_private, stop=self._fetch_unwanted(job))
        on_event(Event("fetch", "start", {"url": payload["url"]}))
        try:
            story = story_from_url(payload["url"], fetcher=fetcher)
        except FetchStopped:
            raise self._fetch_stopped(job, "page") from None
        on_event(Event("fetch", "done", {"title": story.headline}))
        return story

    def _fetch_unwanted(self, job: Job) -> Callable[[], bool]:
        """What a fetch of the job's asks between reads: whether the worker is told to stop, or the job is no longer
        its own (cancelled, taken over). A read waiting on a server that sends nothing held the worker until the
        read timed out (Smoke test 40a #17)."""
        lease = LeaseCheck(self.queue, job.id, self.worker)
        return lambda: self.stop.is_set() or lease.lost()

    def _fetch_stopped(self, job: Job, what: str) -> BaseException:
        """How a job ends whose fetch ``_fetch_unwanted`` stopped: put back when the worker stops, let go when the
        job is no longer its worker's."""
        if self.stop.is_set():
            return Stopping()
        return LeaseLost(f"job {job.id} was cancelled or taken over while it fetched its {what}: stopped")

    def regenerate(self, job: Job, on_event: Callable[[Event], None]) -> int | None:
        payload = job.payload
        options = self.options(job)
        try:
            article = regenerate_section(
                self.archive,
                int(payload["article_id"]),
                payload["section_id"],
                options,
                on_event=on_event,
                model=self.models.for_job(payload.get("model"), on_event),
            )
        except NothingNew as answer:  # the article stands as it was: the job did what was asked, and says so
            on_event(Event("warning", "info", {"message": str(answer)}))
            on_event(Event("done", "done", {"article_id": int(payload["article_id"]), "unchanged": True}))
            return int(payload["article_id"])
        return article.id

    def poll(self, job: Job, on_event: Callable[[Event], None]) -> int | None:
        from ..ingest.fetch import FetchStopped

        feed_id, stop = int(job.payload["feed_id"]), self._fetch_unwanted(job)
        try:
            poll_feed(self.archive, self.queue, feed_id, on_event, self.config.allow_private, stop=stop)
        except FetchStopped:
            raise self._fetch_stopped(job, "feed") from None
        return None

    def options(self, job: Job, request_key: str | None = None) -> WriteOptions:
        """What a job asks for (template, model), with what this worker was started with; its runs are this
        attempt's, so that the queue ends them if it takes the job back."""
        payload = job.payload
        return WriteOptions(
            run_owner=attempt_owner(self.worker, job.id),
            model=payload.get("model"),
            base_url=self.config.base_url,
            template=payload.get("template"),
            context_length=self.config.context_length,
            request_key=request_key,
            judge=self.config.judge,
        )
