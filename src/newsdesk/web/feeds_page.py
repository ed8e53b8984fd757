"""The Feeds page: the watched feeds with their state, the form that watches one more, "Stop watching", and the
form that takes a feed file's entries once."""

from __future__ import annotations

import math
from pathlib import PurePath
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.datastructures import UploadFile

from ..errors import InputError, NewsdeskError
from ..jobs.polls import feed_state
from ..text import counted
from .api import get_desk, queue_warning
from .csrf import CSRF_FIELD, check_csrf
from .forms import check_file_size, checked_form, in_thread, kept_from_stale, read_form, see
from .settings import DEFAULT_FEED_INTERVAL
from .templating import page

router = APIRouter(include_in_schema=False)
_FEED_FIELDS = ("url", "interval_minutes", "template")  # what the Feeds form shows again


@router.get("/feeds")
def feeds_page(request: Request) -> Response:
    return _feeds_page(request)


def _feeds_page(
    request: Request, status: int = 200, error: str | None = None, notice: str | None = None, **values: Any
) -> Response:
    desk = get_desk(request)
    feeds = [feed_state(feed) for feed in desk.archive.feeds.watched()]
    return page(
        request,
        "feeds.html",
        status=status,
        error=error,
        notice=notice,
        queued=values.pop("queued", []),
        values=values,
        max_upload=desk.settings.max_upload,
        feeds=feeds,
        templates=list(desk.settings.templates),
        default_interval=DEFAULT_FEED_INTERVAL // 60,
        queue_warning=queue_warning(request),
    )


@router.post("/feeds/{feed_id}/unwatch")
async def unwatch_feed(request: Request, feed_id: int) -> Response:
    desk = get_desk(request)
    await (await checked_form(request)).close()  # nothing to read but its CSRF token, checked there
    try:
        desk.archive.feeds.unwatch(feed_id)
    except NewsdeskError as error:
        return _feeds_page(request, error.status_code, str(error))
    return see("/feeds")


@router.post("/feeds")
async def add_feed(request: Request) -> Response:
    desk = get_desk(request)
    form = await read_form(request)
    if not check_csrf(request, form.get(CSRF_FIELD)):  # the page again, filled in; still a 403, nothing watched
        kept, error = await kept_from_stale(form, _FEED_FIELDS)
        return _feeds_page(request, 403, error, **kept)
    url = str(form.get("url") or "").strip()
    template = str(form.get("template") or "") or None
    typed = {name: str(form.get(name) or "") for name in _FEED_FIELDS}  # shown again with an error
    try:
        minutes = float(str(form.get("interval_minutes") or DEFAULT_FEED_INTERVAL // 60))
        if not math.isfinite(minutes):
            raise ValueError
        feed, job = await in_thread(desk.watch_feed, url, int(minutes * 60), template)
    except ValueError:
        return _feeds_page(request, 422, "the interval must be a number of minutes", **typed)
    except NewsdeskError as error:
        return _feeds_page(request, error.status_code if error.status_code != 400 else 422, error.for_web(), **typed)
    return see(f"/jobs/{job.id}")


@router.post("/feeds/file")
async def upload_feed(request: Request) -> Response:
    """A feed file's entries stored once, each entry's article queued; the page says what was stored."""
    desk = get_desk(request)
    form = await read_form(request)
    if not check_csrf(request, form.get(CSRF_FIELD)):
        kept, error = await kept_from_stale(form, ("template",))
        return _feeds_page(request, 403, error, **kept)
    try:
        upload = form.get("file")
        named = isinstance(upload, UploadFile) and bool(upload.filename)
        data = await upload.read() if named else b""
        name = PurePath(upload.filename).name if named else ""
        template = str(form.get("template") or "") or None
    finally:
        await form.close()
    try:
        check_file_size(request, len(data) if named else None)
        if not named:
            raise InputError("choose a feed file (RSS or Atom)")
        report, jobs = await in_thread(desk.take_feed_file, data, name or "the file", template)
    except NewsdeskError as error:
        return _feeds_page(request, error.status_code if error.status_code != 400 else 422, error.for_web())
    queued = f"; {counted(len(jobs), 'article')} queued" if jobs else "; no entry needs an article"
    return _feeds_page(request, notice=f"{report.summary()}{queued}", queued=jobs)
