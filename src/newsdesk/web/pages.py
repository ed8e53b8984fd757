"""The HTML pages: new article, job progress, article view, library, feeds, login and the API reference.

Forms post here (not to /api) with a CSRF token (``web.forms``). The Feeds page is ``web.feeds_page``.
"""

from __future__ import annotations

import hmac
import json
from importlib import resources
from pathlib import PurePath
from typing import TYPE_CHECKING, Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from markupsafe import Markup
from starlette.datastructures import UploadFile

from ..errors import ConflictError, InputError, NewsdeskError, NotFoundError
from ..ingest import FeedNotStory, story_from_bytes, story_from_pasted
from ..models import Article
from ..progress import Progress
from ..render.changes import VersionChanges, version_changes
from ..render.html import render_article_fragment
from .api import RowId, VersionNumber, get_desk, queue_warning
from .csrf import CSRF_FIELD, check_csrf
from .desk import progress_of
from .errors import error_response
from .forms import check_file_size, checked_form, in_thread, kept_from_stale, read_form, see
from .job_subjects import job_subjects
from .security import SESSION_COOKIE, session_value
from .settings import MAX_BODY_CHARS, PAGE_SIZE
from .templating import page, page_number

if TYPE_CHECKING:
    from ..archive import Archive, StoryRow

router = APIRouter(include_in_schema=False)


# -- new article ---------------------------------------------------------------------------------------------
_NEW_FIELDS = ("brief", "url", "template", "model", "regenerate")  # what the New article page shows again


@router.get("/")
def new_article(request: Request) -> Response:
    return _new_page(request)


def _new_page(request: Request, status: int = 200, error: str | None = None, **values: Any) -> Response:
    desk = get_desk(request)
    recent = desk.queue.list_jobs(limit=8, routine_polls=False)  # the Feeds page says when each feed was polled
    return page(
        request,
        "new.html",
        status=status,
        error=error,
        values=values,
        templates=list(desk.settings.templates),
        default_template=desk.settings.default_template,
        models=desk.settings.models,
        max_upload=desk.settings.max_upload,
        max_chars=MAX_BODY_CHARS,
        recent=recent,
        about=job_subjects(desk.archive, recent),
        queue_warning=queue_warning(request),
        failed_runs=desk.failed_runs(),
    )


@router.post("/articles/new")
async def submit_article(request: Request) -> Response:
    desk = get_desk(request)
    form = await read_form(request)
    if not check_csrf(request, form.get(CSRF_FIELD)):  # the page again, filled in; still a 403, nothing queued
        kept, error = await kept_from_stale(form, _NEW_FIELDS)
        return _new_page(request, status=403, error=error, **kept)
    try:
        upload = form.get("file")
        named = isinstance(upload, UploadFile) and bool(upload.filename)
        data = await upload.read() if named else None
        filename = upload.filename if named else ""
        values = {k: str(form.get(k) or "") for k in _NEW_FIELDS}
    finally:
        await form.close()
    template, model = values["template"] or None, values["model"] or None
    regenerate = bool(values["regenerate"])
    url = values["url"].strip()
    try:
        check_file_size(request, None if data is None else len(data))
        offered = (("a file", data is not None), ("a URL", bool(url)), ("a brief", bool(values["brief"].strip())))
        given = [name for name, there in offered if there]
        if len(given) > 1:  # which one was meant is not ours to guess: the API refuses the same
            raise InputError(f"give one of a brief, a URL or a file, not {' and '.join(given)}")
        if data is not None:
            story = story_from_bytes(data, PurePath(filename).name or "the file")
            job = await in_thread(desk.submit_story, story, template, model, regenerate)
        elif url:
            job = await in_thread(desk.submit_url, url, template, model, regenerate)
        elif values["brief"].strip():
            brief = story_from_pasted(values["brief"], "the brief")
            job = await in_thread(desk.submit_story, brief, template, model, regenerate)
        else:
            raise InputError("paste a brief, give a URL or choose a file")
    except NewsdeskError as error:  # in the web app's words: a feed file goes to the Feeds page, say
        return _new_page(
            request, status=error.status_code if error.status_code != 400 else 422, error=error.for_web(), **values
        )
    return see(f"/jobs/{job.id}")


# -- jobs and articles ---------------------------------------------------------------------------------------
@router.get("/jobs/{job_id}")
def job_page(request: Request, job_id: RowId) -> Response:
    desk = get_desk(request)
    job = desk.queue.get(job_id)
    sections = _section_count(job)
    events = desk.queue.events_since(job_id)
    raw = [(event.id, f"{event.stage} {event.status}", json.dumps(event.data, ensure_ascii=False)) for event in events]
    return page(
        request,
        "job.html",
        job=job,
        about=job_subjects(desk.archive, [job]).get(job.id),
        feed_url=_feed_given_as_story(job),
        progress=progress_of(desk.queue, job),
        sections=sections,
        events=raw,
        steps=_steps(events),
        queue_warning=None if job.done else queue_warning(request),
    )


@router.post("/jobs/{job_id}/cancel")
async def cancel_job(request: Request, job_id: RowId) -> Response:
    desk = get_desk(request)
    await (await checked_form(request)).close()  # nothing to read but its CSRF token, checked there
    try:
        await in_thread(desk.queue.cancel, job_id)
    except ConflictError:
        pass  # finished meanwhile: the job's page says how
    return see(f"/jobs/{job_id}")


def _feed_given_as_story(job: Any) -> str | None:
    """The address of a write job that failed because it was a feed's, which the job page offers to watch."""
    url = job.payload.get("url")
    if job.status == "failed" and url and (job.error or "").startswith(FeedNotStory.opening(url)):
        return str(url)
    return None


def _steps(events: list[Any]) -> list[tuple[int, str]]:
    """(event id, the event in words) for each event that says something: the page's plain progress list."""
    progress = Progress()
    said = ((event.id, progress.apply(event.stage, event.status, event.data)) for event in events)
    return [(event_id, words) for event_id, words in said if words]


def _section_count(job: Any) -> int | None:
    """Sections the job will write (a write job: the intro and the template's), for the progress bar."""
    from ..template import load_template

    if job.kind == "regenerate":
        return 1
    if job.kind != "write" or "template" not in job.payload:
        return None
    try:
        return 1 + len(load_template(job.payload["template"]).sections)
    except NewsdeskError:
        return None


@router.get("/articles/{article_id}")
def article_page(
    request: Request, article_id: RowId, version: VersionNumber = None, since: VersionNumber = None
) -> Response:
    """The current version, with what changed since the one before (``?since=K``: since version K); ``?version=K``
    shows version K as it was, under a line that says so and links to the current one. A ``since`` that is no
    number is refused as ``version`` is (422), one that names no earlier version is 404: never ignored silently."""
    from ..pipeline.develop import get_version

    desk = get_desk(request)
    article = desk.archive.get_article(article_id)
    current = article.version
    if version is not None and version != current:
        article = get_version(desk.archive, article_id, version)
    if since is not None and since >= article.version:
        raise NotFoundError(f"article {article_id} has no version {since} before version {article.version}")
    fragment = Markup(render_article_fragment(article))  # rendered with autoescape by newsdesk.render
    return page(
        request,
        "article.html",
        article=article,
        fragment=fragment,
        current_version=current,
        regenerable=desk.regenerable(article) if article.version == current else [],
        # what the version shown changed since the one before it, or since ``since``: an earlier version too
        changes=_changes(desk.archive, article, since) if article.version == current or since else None,
    )


def _changes(archive: Archive, article: Article, since: int | None) -> VersionChanges | None:
    """What changed since version ``since`` (default: the one before), for an article with more than one version;
    None for a first version."""
    from ..pipeline.develop import get_version

    if article.id is None or article.version < 2:
        return None
    older = article.version - 1 if since is None else since
    return version_changes(get_version(archive, article.id, older), article)


@router.post("/articles/{article_id}/regenerate")
async def regenerate_section(request: Request, article_id: RowId) -> Response:
    desk = get_desk(request)
    form = await checked_form(request)
    job = await in_thread(desk.regenerate, article_id, str(form.get("section_id") or ""))
    return see(f"/jobs/{job.id}")


@router.post("/stories/{story_id}/write")
async def write_story(request: Request, story_id: RowId) -> Response:
    desk = get_desk(request)
    form = await checked_form(request)
    job = await in_thread(desk.write_stored_story, story_id, str(form.get("template") or "") or None)
    return see(f"/jobs/{job.id}")


# -- library ---------------------------------------------------------------------------------------------
@router.get("/library")
def library(request: Request, q: str = "", number: Annotated[str, Query(alias="page")] = "1") -> Response:
    current = page_number(number)
    q = q[:500]
    desk = get_desk(request)
    offset = (current - 1) * PAGE_SIZE
    articles = desk.archive.list_articles(q, limit=PAGE_SIZE + 1, offset=offset)
    stories = desk.archive.search_stories(q, limit=PAGE_SIZE + 1, offset=offset)
    more = len(articles) > PAGE_SIZE or len(stories) > PAGE_SIZE
    own, thread = _articles_of(desk.archive, stories[:PAGE_SIZE])
    return page(
        request,
        "library.html",
        q=q,
        page=current,
        more=more,
        articles=articles[:PAGE_SIZE],
        stories=stories[:PAGE_SIZE],
        own=own,
        thread_article=thread,
        templates=list(desk.settings.templates),
    )


def _articles_of(archive: Archive, stories: list[StoryRow]) -> tuple[dict[int, list[int]], dict[int, int | None]]:
    """For the Library's story rows: each story's own articles, and for a story with none the
    article of its thread that it would update (Smoke test 40a #16: every row offered "Write an article", one with an
    article or a thread entry whose thread has one too, and the latter made one more article for the thread)."""
    from ..pipeline.develop import thread_article
    from ..threads import update_threads

    update_threads(archive)  # stories stored since the last look join their threads first, as on /stories
    own = archive.article_ids([story["id"] for story in stories])
    return own, {story_id: thread_article(archive, story_id) for story_id, ids in own.items() if not ids}


# -- login, docs, shared CSS ---------------------------------------------------------------------------------
@router.get("/login")
def login(request: Request, token: str = "", next: str = "/") -> Response:
    settings = get_desk(request).settings
    if not settings.token:
        return see("/")
    if not token or not hmac.compare_digest(token.encode(), settings.token.encode()):
        return error_response(request, 401, "wrong or missing token: open /login?token=TOKEN")
    target = next if next.startswith("/") and not next.startswith("//") and "\\" not in next else "/"
    response = see(target)
    response.set_cookie(SESSION_COOKIE, session_value(settings.token), httponly=True, samesite="strict", path="/")
    return response


@router.get("/docs")
def docs(request: Request) -> Response:
    """The API reference, rendered here from the OpenAPI schema (no scripts or styles from other sites)."""
    schema = request.app.openapi()
    operations = [
        {
            "method": method.upper(),
            "path": path,
            "summary": op.get("summary", ""),
            "description": op.get("description", ""),
            "parameters": [p["name"] for p in op.get("parameters", [])],
            "body": _body_schema(op),
        }
        for path, methods in schema.get("paths", {}).items()
        for method, op in methods.items()
    ]
    return page(request, "docs.html", operations=operations, schemas=schema.get("components", {}).get("schemas", {}))


def _body_schema(op: dict[str, Any]) -> str | None:
    content = op.get("requestBody", {}).get("content", {})
    ref = content.get("application/json", {}).get("schema", {}).get("$ref", "")
    return ref.rsplit("/", 1)[-1] or None


@router.get("/favicon.ico")
def favicon() -> Response:
    return Response(status_code=204)


@router.get("/article.css")
def article_css() -> Response:
    css = (resources.files("newsdesk") / "render" / "templates" / "article.css").read_text("utf-8")
    return Response(css, media_type="text/css", headers={"Cache-Control": "max-age=3600"})
