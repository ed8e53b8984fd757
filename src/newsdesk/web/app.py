"""The application factory: ``create_app(settings)`` wires the routes, the error pages, the request guard and,
when ``settings.background`` is on, the supervisor (workers, recovery, feed polls) to the app's lifespan."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import anyio.to_thread
from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .. import __version__
from . import api, errors, feeds_out, feeds_page, pages, stories_page
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
    for module in (api, pages, feeds_page, stories_page, feeds_out):
        app.include_router(module.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.add_middleware(RequestGuard, settings=settings)
    app.add_middleware(HeadAsGet)  # outermost: the guard sees the GET it answers
    return app


class HeadAsGet:
    """HEAD answered as GET without the body (RFC 9110: a server that answers GET answers HEAD), as uptime
    monitors, ``curl -I`` and feed readers ask; FastAPI's routes answer only the methods they name. An event
    stream is left out: its headers come only with a body that never ends."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD" or scope["path"].endswith("/events"):
            await self.app(scope, receive, send)
            return

        async def headers_only(message: Message) -> None:
            if message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, headers_only)
