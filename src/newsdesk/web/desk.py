"""What the pages and the API both do: check a request, store what it brings, queue the job.

Nothing here writes an article: it queues a job for a worker. Pages and API routes are thin faces over ``Desk``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..archive import Archive, check_writable, open_archive
from ..archive.feeds import Feed
from ..archive.intake import IngestReport, ingest_feed
from ..errors import BlockedURLError, InputError, NotFoundError
from ..ingest.clean import check_article, clean_story
from ..ingest.feeds import parse_feed
from ..ingest.guard import Guard, for_server, normal_url
from ..jobs import Job, JobPayload, JobQueue, queue_for, with_choices
from ..jobs.polls import MAX_FEED_INTERVAL, queue_entry_writes
from ..jobs.queue import job_of_owner
from ..models import Article, Story, WriteChoices
from ..pipeline import section_index
from ..progress import Progress
from ..template import load_template
from .job_subjects import Subject
from .settings import MAX_BODY_CHARS, MIN_FEED_INTERVAL, Settings

MAX_URL_CHARS = 2000
POLL_PRIORITY = 10  # a feed poll is short: it goes before the articles already waiting


class RequestError(InputError):
    """A well-formed request asking for something this server will not do (unknown template, bad URL)."""

    status_code = 422


@dataclass
class Desk:
    settings: Settings
    archive: Archive
    queue: JobQueue

    @classmethod
    def open(cls, settings: Settings) -> Desk:
        archive = open_archive(settings.db)
        check_writable(archive)  # a server that cannot store a job would answer every request with an error
        return cls(settings, archive, queue_for(archive))

    # -- checks --------------------------------------------------------------------------------------------
    def template(self, name: str | None) -> tuple[str, str]:
        """(name, what ``load_template`` takes) for a template a request names; the default when None."""
        name = name or self.settings.default_template
        if name not in self.settings.templates:
            raise RequestError(f"unknown template {name!r}: choose one of {', '.join(self.settings.templates)}")
        return name, self.settings.templates[name]

    def model(self, name: str | None) -> str:
        name = name or self.settings.model
        if name not in self.settings.models:
            raise RequestError(f"unknown model {name!r}: this server runs {', '.join(self.settings.models)}")
        return name

    def checked_url(self, url: str, what: str = "URL") -> str:
        url = url.strip()
        if not url:
            raise RequestError(f"give a {what}")
        if len(url) > MAX_URL_CHARS:
            raise RequestError(f"the {what} is longer than {MAX_URL_CHARS} characters")
        # Scheme, credentials and literal addresses are refused now; host names are checked again when fetched.
        try:
            parsed = Guard(allow_private=self.settings.allow_private).check_url(url)
        except BlockedURLError as error:
            raise BlockedURLError(for_server(str(error))) from None
        return normal_url(parsed)

    # -- jobs ----------------------------------------------------------------------------------------------
    def submit_story(
        self, story: Story, template: str | None = None, model: str | None = None, regenerate: bool = False
    ) -> Job:
        """Queue a write job for ``story``. The job ends at the stored article when the story was written with the
        same options before (the worker looks when it runs); ``regenerate`` asks for a new one all the same."""
        if len(story.body) > MAX_BODY_CHARS:  # the form's file may be larger than the API's body: one limit
            raise RequestError(f"the story is {len(story.body):,} characters; one may be at most {MAX_BODY_CHARS:,}")
        options = self._options(template, model)
        story = clean_story(story)
        try:  # now, as a 422: a job would fail on it, and the archive keep it as a story
            check_article(story)
        except InputError as error:
            raise RequestError(str(error)) from None
        story_id, _ = self.archive.add_story(story)
        return self._write_job({"story_id": story_id}, options, regenerate)

    def submit_url(
        self, url: str, template: str | None = None, model: str | None = None, regenerate: bool = False
    ) -> Job:
        options = self._options(template, model)
        return self._write_job({"url": self.checked_url(url)}, options, regenerate)

    def write_stored_story(self, story_id: int, template: str | None = None) -> Job:
        """Queue a job for a stored story (the Library's button). A story of a thread that has an article, and none
        of its own, updates that article, as a polled entry of the thread does: a plain write made one more article
        for the thread (Smoke test 40a #16). Otherwise a write job: it ends at the stored article when the story was
        written with the same options before."""
        from ..pipeline.develop import thread_article
        from ..threads import update_threads

        story = self.archive.get_story(story_id)
        if not self.archive.article_ids([story_id])[story_id]:
            update_threads(self.archive)
            if thread_article(self.archive, story_id) is not None:
                payload: JobPayload = {"story_id": story_id, "develop": True}
                return self.queue.enqueue("write", with_choices(payload, self._options(template, None)))
        return self.submit_story(story, template)

    def _write_job(self, payload: JobPayload, options: WriteChoices, regenerate: bool) -> Job:
        if regenerate:
            payload["regenerate"] = True
        return self.queue.enqueue("write", with_choices(payload, options))

    def regenerable(self, article: Article) -> list[tuple[str, str]]:
        """(id, heading) of each section "Rewrite this section" may ask for: the sections of the article's template,
        in its order, those this version lacks included; none when this server does not offer the template."""
        if article.template not in self.settings.templates:
            return []
        return [(spec.id, spec.heading) for spec in load_template(self.settings.templates[article.template]).sections]

    def regenerate(self, article_id: int, section_id: str, model: str | None = None) -> Job:
        article = self.archive.get_article(article_id)
        if article.template not in self.settings.templates:
            raise RequestError(
                f"article {article_id} was written with the template {article.template!r}, which "
                "this server does not offer: start it with --template FILE"
            )
        # a section of the template that this version lacks (an update left it out) may be asked for too
        section_index(article, section_id, load_template(self.settings.templates[article.template]))
        payload: JobPayload = {
            "article_id": article_id,
            "section_id": section_id,
            "model": self.model(model),
            "template": self.settings.templates[article.template],
        }
        return self.queue.enqueue("regenerate", payload)

    def watch_feed(
        self, url: str, interval: int, template: str | None = None, model: str | None = None
    ) -> tuple[Feed, Job]:
        """Watch a feed and queue its first poll now; the server polls it every ``interval`` seconds after."""
        if interval < MIN_FEED_INTERVAL:
            # in minutes, as the Feeds page asks for it (Smoke test 35 #13: "every 60 seconds" to a user who typed 0)
            minutes = MIN_FEED_INTERVAL // 60
            raise RequestError(f"a feed is polled at most once a minute: give an interval of {minutes} minute or more")
        if interval > MAX_FEED_INTERVAL:
            raise RequestError(f"a feed is polled at least every {MAX_FEED_INTERVAL // 86400} days")
        url = self.checked_url(url, "feed URL")
        feed_id = self.archive.feeds.watch(url, interval, self._options(template, model))
        feed = self.archive.feeds.get(feed_id)
        return feed, self.enqueue_poll(feed)

    def take_feed_file(self, data: bytes, name: str, template: str | None = None) -> tuple[IngestReport, list[Job]]:
        """Store the entries of an uploaded feed file (``name``) once, and queue a write job for each entry with no
        article, as a poll does; the file is not watched (Smoke test 40a #19: a feed file had no way in on the web)."""
        options = self._options(template, None)
        report = ingest_feed(self.archive, parse_feed(data, name))
        return report, queue_entry_writes(self.archive, self.queue, report.source, options).queued

    def enqueue_poll(self, feed: Feed) -> Job:
        # One poll per feed and last poll time: a second request (or scheduler tick) before it ran is the same job.
        key = f"poll:{feed.id}:{feed.last_polled or 'never'}"
        return self.queue.enqueue("poll", {"feed_id": feed.id, "url": feed.url}, key=key, priority=POLL_PRIORITY)

    def failed_runs(self, limit: int = 5) -> list[dict[str, Any]]:
        """The most recent failed runs whose work was lost, newest first, for the New article page, each with its
        ``job_id`` and whether that job was ``cancelled``. A run of an attempt that was interrupted (a stopped or
        killed worker) whose job was resumed, and finished or runs again, lost nothing: it is left out (Smoke test
        40a #15: editors were alarmed by runs of jobs that had ended well); a job's latest run stands for it."""
        shown: list[dict[str, Any]] = []
        jobs_seen: set[int] = set()
        for run in self.archive.runs("failed", limit=limit * 10):
            job_id = job_of_owner(run["owner"])
            cancelled = False
            if job_id is not None:
                if job_id in jobs_seen:
                    continue
                jobs_seen.add(job_id)
                try:
                    job: Job | None = self.queue.get(job_id)
                except NotFoundError:  # its job was deleted: the run is all there is to show
                    job = None
                if job is not None and job.status not in ("failed", "cancelled"):
                    continue
                cancelled = job is not None and job.status == "cancelled"
            shown.append({**run, "job_id": job_id, "cancelled": cancelled})
            if len(shown) == limit:
                break
        return shown

    def _options(self, template: str | None, model: str | None) -> WriteChoices:
        name, spec = self.template(template)
        return {"template": spec, "template_name": name, "model": self.model(model)}


def job_json(job: Job, progress: dict[str, Any] | None = None, about: Subject | None = None) -> dict[str, Any]:
    """A job as the API shows it; ``about``: what it is about (``job_subjects``), null when that is gone."""
    links = {"self": f"/api/jobs/{job.id}", "events": f"/api/jobs/{job.id}/events", "page": f"/jobs/{job.id}"}
    if job.article_id is not None:
        links["article"] = f"/api/articles/{job.article_id}"
        links["article_page"] = f"/articles/{job.article_id}"
    data: dict[str, Any] = {
        "id": job.id,
        "kind": job.kind,
        "status": job.status,
        "stage": job.stage,
        "attempts": job.attempts,
        "article_id": job.article_id,
        "error": job.error,
        "created": job.created,
        "started": job.started,
        "finished": job.finished,
        "about": about.to_dict() if about else None,
        "links": links,
    }
    if progress is not None:
        data["progress"] = progress
    return data


def progress_of(queue: JobQueue, job: Job, until: int | None = None) -> Progress:
    """The job's progress read from its events (up to event id ``until``): what a page shows before streaming."""
    progress = Progress(stage=job.stage)
    after = 0
    while batch := queue.events_since(job.id, after):
        for event in batch:
            if until is not None and event.id > until:
                return progress
            progress.apply(event.stage, event.status, event.data)
        after = batch[-1].id
    return progress
