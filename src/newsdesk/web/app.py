"""The application factory: ``create_app(settings)`` wires the routes, the error pages, the request guard and,
when ``settings.background`` is on, the supervisor (workers, recovery, feed polls) to the app's lifespan."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import anyio.to_thread
from fastapi import APIRouter, FastAPI
from fastapi.routing import APIRoute
from fastapi.staticfiles import StaticFiles
from sse_starlette import EventSourceResponse

from .. import __version__
from . import api, errors, feeds_out, pages, stories_page
from .desk import Desk
from .security import RequestGuard
from .settings import Settings

STATIC = Path(__file__).parent / "static"


def create_app(settings: Settings) -> FastAPI:
    desk = Desk.open(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        supervisor = None
        if settings.background:
            from .supervisor import Supervisor

            supervisor = Supervisor(desk)
            await anyio.to_thread.run_sync(supervisor.start)
            app.state.supervisor = supervisor
        try:
            yield
        finally:
            if supervisor is not None:
                await anyio.to_thread.run_sync(supervisor.stop)

    app = FastAPI(
        title="newsdesk",
        version=__version__,
        lifespan=lifespan,
        description="Queue grounded analysis articles, follow their jobs, read the archive.",
        docs_url=None,
        redoc_url=None,  # /docs is rendered by newsdesk itself: nothing loaded from other sites
    )
    app.state.desk = desk
    app.state.supervisor = None
    errors.install(app, debug=bool(os.environ.get("NEWSDESK_DEBUG")))
    for module in (api, pages, stories_page, feeds_out):
        _answer_head(module.router)
        app.include_router(module.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.add_middleware(RequestGuard, settings=settings)
    return app


def _answer_head(router: APIRouter) -> None:
    """HEAD on every page and JSON route that answers GET (RFC 9110: a server that answers GET answers HEAD), as
    uptime monitors, ``curl -I`` and feed readers ask; the server sends the headers without the body. An event
    stream is left out: its headers come only with its body."""
    for route in router.routes:
        methods = getattr(route, "methods", None)
        if (
            isinstance(route, APIRoute)
            and methods
            and "GET" in methods
            and route.response_class is not EventSourceResponse
        ):
            methods.add("HEAD")
