"""A job's events as a Server-Sent Events stream, read from the database (so any process can serve it, and a
browser that reconnects with ``Last-Event-ID`` after a restart carries on where it stopped). A database that goes
away mid-stream ends the stream, as a server restart would: the browser reconnects, and the job page keeps trying
while the server answers 503 (static/app.js)."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Any

import anyio
import anyio.to_thread

from ..errors import StorageError
from ..jobs import TERMINAL
from .desk import Desk, job_json, progress_of
from .job_subjects import job_subjects

POLL_SECONDS = 0.25


async def job_event_stream(desk: Desk, job_id: int, after: int = 0) -> AsyncIterator[dict[str, Any]]:
    try:
        async for message in _events(desk, job_id, after):
            yield message
    except StorageError:  # the database went away: end the stream (the browser reconnects), not a traceback
        return


async def _events(desk: Desk, job_id: int, after: int) -> AsyncIterator[dict[str, Any]]:
    job = await anyio.to_thread.run_sync(desk.queue.get, job_id)
    progress = await anyio.to_thread.run_sync(progress_of, desk.queue, job, after)  # what came before ``after``
    while True:
        events = await anyio.to_thread.run_sync(desk.queue.events_since, job_id, after)
        finished = False
        for event in events:
            after = event.id
            finished = event.stage == "job" and event.status in TERMINAL
            words = progress.apply(event.stage, event.status, event.data)
            payload = {**event.to_dict(), "words": words, "progress": progress.to_dict()}
            yield {"id": str(event.id), "event": "progress", "data": json.dumps(payload)}
        if not events or finished:
            job = await anyio.to_thread.run_sync(desk.queue.get, job_id)
            if job.done:  # the job as GET /api/jobs/{id} gives it, with what it is about
                subjects = await anyio.to_thread.run_sync(job_subjects, desk.archive, [job])
                yield {"event": "end", "data": json.dumps(job_json(job, about=subjects.get(job.id)))}
                return
        if not events:
            await anyio.sleep(POLL_SECONDS)
