"""The newsroom face: a web app and JSON API over the archive, with a job queue run by worker processes.

``newsdesk serve`` runs it (``cli/serve_cmd.py``). The package reads like a request's path through it:

    settings.py    what the server was told (database, bind address, token, templates, models, limits)
    security.py    the request guard: Host, token, cross-site writes, body size, security headers
    csrf.py        double-submit tokens for the HTML forms
    api.py         /api: JSON in and out, Server-Sent Events (sse.py) for job progress
    pages.py       the HTML pages (templates/, static/)
    desk.py        what both faces do: check a request, store what it brings, queue a job
    errors.py      every error as JSON or as a page, in one place
    supervisor.py  worker processes, recovery after a crash, feed polls

The queue and the workers that run its jobs are ``newsdesk.jobs``.
"""

from __future__ import annotations

from .app import create_app
from .settings import Settings

__all__ = ["Settings", "create_app"]
