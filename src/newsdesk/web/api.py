"""The JSON API under /api: queue articles, follow jobs (JSON or Server-Sent Events), read the library, add feeds.

Every error is ``{"error": "one line", "status": N}`` with the matching status code (``web/errors.py``).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, cast

from fastapi import APIRouter, Depends, Header, Path, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from pydantic import BaseModel, ConfigDict, Field, model_validator
from sse_starlette import EventSourceResponse

from ..files import slugify
from ..ingest import looks_like_html, story_from_pasted
from ..ingest.text import parse_text_story
from ..jobs.polls import MAX_FEED_INTERVAL, feed_state
from ..jobs.presence import stalled_queue
from ..models import MAX_ROW_ID
from ..render import render
from ..text import ascii_number, visible
from .desk import Desk, job_json, progress_of
from .job_subjects import job_subjects
from .settings import DEFAULT_FEED_INTERVAL, MAX_BODY_CHARS, MIN_FEED_INTERVAL, PAGE_SIZE
from .sse import job_event_stream

router = APIRouter(prefix="/api", tags=["api"])

MAX_HEADLINE_CHARS = 1000
MAX_RUNS = 500
MEDIA_TYPES = {"md": "text/markdown; charset=utf-8", "html": "text/html; charset=utf-8", "json": "application/json"}


def get_desk(request: Request) -> Desk:
    return cast(Desk, request.app.state.desk)  # starlette's app.state holds Any; create_app puts the Desk there


def worker_pids(request: Request) -> list[int]:
    """The worker processes this server started and that still run (none without a supervisor)."""
    supervisor = getattr(request.app.state, "supervisor", None)
    return supervisor.pids() if supervisor else []


def queue_warning(request: Request) -> str | None:
    """Jobs wait and no worker lives to take them (``stalled_queue``), for the pages that list or take jobs."""
    queue = get_desk(request).queue
    queued = queue.counts()["queued"]
    return stalled_queue(queued, queue.workers(), worker_pids(request)) if queued else None


DeskDep = Annotated[Desk, Depends(get_desk)]
Page = Annotated[int, Query(ge=1, le=100_000, description="1 is the newest page")]
Search = Annotated[str, Query(max_length=500, description="words to search for (FTS5)")]
# Row ids are SQLite integers: a larger number would overflow in the query (a 500), so it is refused as a 422.
RowId = Annotated[int, Path(ge=1, le=MAX_ROW_ID, description="a positive id")]
#: ``?version=K``: one of an article's versions (the page and the API read it alike).
VersionNumber = Annotated[int | None, Query(ge=1, le=MAX_ROW_ID, description="an earlier version")]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")

    @model_validator(mode="before")
    @classmethod
    def _visible(cls, data: Any) -> Any:
        """Every string field as a reader sees it (``text.visible``: no NUL, no invisible format characters):
        what cannot be stored (PostgreSQL refuses NUL) never reaches the archive, and what is left is validated
        as usual, so a body of nothing but such characters is a 422, never a 500."""
        if isinstance(data, dict):
            return {key: visible(value) if isinstance(value, str) else value for key, value in data.items()}
        return data


class ArticleRequest(_Strict):
    """A story given as headline and body, or as the URL of a news page (fetched through the SSRF guard)."""

    headline: str | None = Field(None, max_length=MAX_HEADLINE_CHARS)
    body: str | None = Field(
        None,
        max_length=MAX_BODY_CHARS,
        description="the story's text; Date:, Publisher:, Source: and Author: lines at its top "
        "are read as the story's details, as in a story file",
    )
    url: str | None = Field(None, max_length=2000)
    template: str | None = Field(None, max_length=200, description="a template name the server offers")
    model: str | None = Field(None, max_length=200, description="a model the server runs")
    regenerate: bool = Field(
        False,
        strict=True,
        description="write a new article even when this story was written with the same options (by default the "
        "job ends at the stored article)",
    )

    @model_validator(mode="after")
    def _one_source(self) -> ArticleRequest:
        has_text = bool((self.headline or "").strip() or (self.body or "").strip())
        if self.url and has_text:
            raise ValueError("give either headline and body, or url, not both")
        if not self.url:
            if not (self.headline or "").strip():
                raise ValueError("give a non-empty headline and body, or a url")
            if not (self.body or "").strip():
                raise ValueError("the body is empty: give the story's text")
        return self


class RegenerateRequest(_Strict):
    model: str | None = Field(None, max_length=200)


class FeedRequest(_Strict):
    url: str = Field(min_length=1, max_length=2000)
    # strict: JSON's true is no interval (pydantic reads it as 1), and "900" is a string
    interval_seconds: int = Field(DEFAULT_FEED_INTERVAL, ge=MIN_FEED_INTERVAL, le=MAX_FEED_INTERVAL, strict=True)
    template: str | None = Field(None, max_length=200)
    model: str | None = Field(None, max_length=200)


class JobCreated(BaseModel):
    id: int
    status: str
    links: dict[str, str]


def _created(job: Any, status_code: int = 202) -> JSONResponse:
    return JSONResponse(
        {"id": job.id, "status": job.status, "links": job_json(job)["links"]},
        status_code=status_code,
        headers={"Location": f"/api/jobs/{job.id}"},
    )


@router.post("/articles", status_code=202, response_model=JobCreated, summary="Queue an article")
def create_article(body: ArticleRequest, desk: DeskDep) -> JSONResponse:
    """Queue a job that writes an article; follow it at ``/api/jobs/{id}`` or its event stream."""
    if body.url:
        return _created(desk.submit_url(body.url, body.template, body.model, regenerate=body.regenerate))
    headline = " ".join((body.headline or "").split())
    if looks_like_html(body.body or ""):  # a page's source pasted as the body: read as the page, as a file is
        story = story_from_pasted(body.body or "", "the story")
        story.headline = headline
    else:
        # the same story format as a file, the form and the command line: Date:, Publisher:, Source: and Author:
        # lines at the top of the body are the story's details, not its text
        story = parse_text_story(f"{headline}\n{body.body or ''}", "the story")
    return _created(desk.submit_story(story, body.template, body.model, regenerate=body.regenerate))


@router.get("/jobs", summary="Recent jobs")
def list_jobs(
    desk: DeskDep, status: Literal["queued", "running", "done", "failed", "cancelled"] | None = None, page: Page = 1
) -> dict[str, Any]:
    jobs = desk.queue.list_jobs(status, limit=PAGE_SIZE + 1, offset=(page - 1) * PAGE_SIZE)
    about = job_subjects(desk.archive, jobs[:PAGE_SIZE])
    return {
        "items": [job_json(j, about=about.get(j.id)) for j in jobs[:PAGE_SIZE]],
        "page": page,
        "more": len(jobs) > PAGE_SIZE,
        "counts": desk.queue.counts(),
    }


@router.get("/jobs/{job_id}", summary="A job's status")
def get_job(job_id: RowId, desk: DeskDep) -> dict[str, Any]:
    """``status`` is queued, running, done, failed or cancelled; ``article_id`` is set once done."""
    job = desk.queue.get(job_id)
    return job_json(job, progress_of(desk.queue, job).to_dict(), job_subjects(desk.archive, [job]).get(job.id))


@router.delete("/jobs/{job_id}", summary="Cancel a job")
def cancel_job(job_id: RowId, desk: DeskDep) -> dict[str, Any]:
    """A queued job is never started; a running one stops at its next step and saves nothing more. The job is then
    ``cancelled`` (its error "cancelled on request"). 409 when the job has already finished."""
    job = desk.queue.cancel(job_id)
    return job_json(job, progress_of(desk.queue, job).to_dict(), job_subjects(desk.archive, [job]).get(job.id))


@router.get(
    "/jobs/{job_id}/events", summary="A job's progress as Server-Sent Events", response_class=EventSourceResponse
)
def job_events(
    job_id: RowId,
    desk: DeskDep,
    after: Annotated[int, Query(ge=0, le=MAX_ROW_ID)] = 0,
    last_event_id: Annotated[str | None, Header()] = None,
) -> EventSourceResponse:
    """Each stored event as ``event: progress`` (JSON: stage, status, data, and ``words``: the event in plain words,
    or null for one that only updates a number, with ``progress``: the job's progress so far), then ``event: end``
    with the job.

    Events are read from the database, so a stream can resume after a restart (``Last-Event-ID``).
    """
    desk.queue.get(job_id)  # 404 before the stream starts
    resumed = ascii_number(last_event_id)
    if resumed is not None and resumed <= MAX_ROW_ID:
        after = max(after, resumed)
    return EventSourceResponse(job_event_stream(desk, job_id, after), ping=15)


@router.get("/articles", summary="Articles, newest first")
def list_articles(desk: DeskDep, q: Search = "", page: Page = 1) -> dict[str, Any]:
    rows = desk.archive.list_articles(q, limit=PAGE_SIZE + 1, offset=(page - 1) * PAGE_SIZE)
    items = [
        {**r, "links": {"self": f"/api/articles/{r['id']}", "page": f"/articles/{r['id']}"}} for r in rows[:PAGE_SIZE]
    ]
    return {"items": items, "page": page, "more": len(rows) > PAGE_SIZE}


@router.get(
    "/articles/{article_id}",
    summary="An article as JSON, Markdown or HTML",
    responses={200: {"content": {"text/markdown": {}, "text/html": {}}}},
)
def get_article(
    article_id: RowId,
    desk: DeskDep,
    format: Literal["json", "md", "html"] = "json",
    download: bool = False,
    version: VersionNumber = None,
) -> Response:
    """``?format=md|html|json``; ``?download=1`` asks the browser to save it as a file; ``?version=K`` gives an
    earlier version (404 when the article has no such version)."""
    from ..pipeline.develop import get_version

    article = get_version(desk.archive, article_id, version) if version else desk.archive.get_article(article_id)
    suffix = f"-v{version}" if version else ""
    filename = f"article-{article_id}{suffix}-{slugify(article.title, 40)}.{format}"
    disposition = f'{"attachment" if download else "inline"}; filename="{filename}"'
    headers = {"Content-Disposition": disposition}
    if format == "json":
        return JSONResponse(article.to_dict(), headers=headers)
    cls = HTMLResponse if format == "html" else PlainTextResponse
    return cls(render(article, format), headers=headers, media_type=MEDIA_TYPES[format])


@router.post(
    "/articles/{article_id}/sections/{section_id}/regenerate",
    status_code=202,
    response_model=JobCreated,
    summary="Rewrite one section",
)
def regenerate(article_id: RowId, section_id: str, body: RegenerateRequest, desk: DeskDep) -> JSONResponse:
    """Queue a job that rewrites and re-checks one section, leaving the rest of the article as it is."""
    return _created(desk.regenerate(article_id, section_id, body.model))


@router.get("/stories", summary="Stories, newest first, or matching q, best match first")
def list_stories(desk: DeskDep, q: Search = "", page: Page = 1) -> dict[str, Any]:
    rows = desk.archive.search_stories(q, limit=PAGE_SIZE + 1, offset=(page - 1) * PAGE_SIZE)
    return {"items": rows[:PAGE_SIZE], "page": page, "more": len(rows) > PAGE_SIZE}


@router.get("/feeds", summary="Watched feeds")
def list_feeds(desk: DeskDep) -> dict[str, Any]:
    """Each with ``status`` (new, ok, partial, failing, blocked), ``last_error`` and ``next_poll``: failing feeds
    back off; a partial one (read in part) does not."""
    return {"items": [feed_state(feed) for feed in desk.archive.feeds.watched()]}


@router.post("/feeds", status_code=201, summary="Watch a feed")
def add_feed(body: FeedRequest, desk: DeskDep) -> JSONResponse:
    """Poll the feed now and every ``interval_seconds``; each new entry gets an article job."""
    feed, job = desk.watch_feed(body.url, body.interval_seconds, body.template, body.model)
    return JSONResponse(
        {"feed": feed.to_dict(), "poll_job": job_json(job)},
        status_code=201,
        headers={"Location": f"/api/feeds/{feed.id}"},
    )


@router.get("/feeds/{feed_id}", summary="A watched feed")
def get_feed(feed_id: RowId, desk: DeskDep) -> dict[str, Any]:
    return feed_state(desk.archive.feeds.get(feed_id))


@router.delete("/feeds/{feed_id}", status_code=204, summary="Stop watching a feed")
def unwatch_feed(feed_id: RowId, desk: DeskDep) -> Response:
    """The server polls it no more; its entries and their articles stay in the archive."""
    desk.archive.feeds.unwatch(feed_id)
    return Response(status_code=204)


@router.get("/runs", summary="Recent pipeline runs, newest first")
def list_runs(
    desk: DeskDep,
    status: Literal["running", "done", "failed"] | None = None,
    limit: Annotated[int, Query(ge=1, le=MAX_RUNS, description="runs to return")] = PAGE_SIZE,
) -> dict[str, Any]:
    """Each run of the write pipeline with its ``status`` and ``error``: a run whose process died (kill -9, power
    loss) shows as failed with an error that starts "interrupted"."""
    return {"items": desk.archive.runs(status, limit)}


@router.get("/health", summary="Liveness, queue counts and worker processes")
def health(request: Request, desk: DeskDep) -> dict[str, Any]:
    """``status`` is ``ok``, or ``stalled`` when jobs are queued and no worker lives to take them (``warning`` says
    so in words; null otherwise); ``workers``: the pids of the worker processes this server started;
    ``worker_heartbeats``: every worker that shares the database, whatever started it (``newsdesk worker``
    anywhere), with its last heartbeat, and ``stale`` where it has not been heard from for a lease period."""
    counts = desk.queue.counts()
    pids = worker_pids(request)
    seen = desk.queue.workers()
    warning = stalled_queue(counts["queued"], seen, pids)
    return {
        "status": "stalled" if warning else "ok",
        "warning": warning,
        "jobs": counts,
        "workers": pids,
        "worker_heartbeats": [worker.to_dict() for worker in seen],
    }
