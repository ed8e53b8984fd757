"""``newsdesk serve`` (the web app, the API and its workers) and ``newsdesk worker`` (one more worker by hand)."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import click

from ..archive import default_location, is_postgres
from ..errors import InputError
from ..llm.base import MAX_CONTEXT_LENGTH, MIN_CONTEXT_LENGTH
from .common import archive_option, judge_option, model_options, require_database


def register(cli: click.Group) -> None:
    cli.add_command(serve)
    cli.add_command(worker_command)


@click.command()
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to bind. Anything but loopback needs NEWSDESK_TOKEN set.",
)
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@click.option(
    "--workers",
    type=click.IntRange(0, 64),
    default=1,
    show_default=True,
    help="Worker processes that write articles (0: the web app and API only; run workers apart with "
    "'newsdesk worker', on any machine with --db postgresql://...). Each embedded-model worker gets "
    "an equal share of the CPUs (NEWSDESK_THREADS overrides it).",
)
@model_options
@click.option(
    "-t",
    "--template",
    "templates",
    multiple=True,
    help="A template file or bundled name to offer (repeatable); the first is the default.",
)
@click.option(
    "--allow-private",
    is_flag=True,
    envvar="NEWSDESK_ALLOW_PRIVATE",
    help="Allow URLs and feeds on private, loopback and link-local addresses (intranet use).",
)
@judge_option
@archive_option
@click.option(
    "--public-feeds",
    is_flag=True,
    envvar="NEWSDESK_PUBLIC_FEEDS",
    help="Serve /feeds/articles.atom and /feeds/articles.json, without the token.",
)
@click.option("-q", "--quiet", is_flag=True, help="Log warnings and errors only.")
def serve(
    host: str,
    port: int,
    workers: int,
    model: str | None,
    base_url: str | None,
    context_length: int | None,
    templates: tuple[str, ...],
    allow_private: bool,
    judge: bool,
    db: str | None,
    public_feeds: bool,
    quiet: bool,
) -> None:
    """Run the newsroom web app and JSON API, with a job queue and worker processes.

    Open the printed address in a browser: paste a brief, give a URL or upload a file, follow the job live, read
    the checked article. The API is described at /docs. Jobs live in the database: a server killed mid-job
    resumes them when it starts again.

    With NEWSDESK_TOKEN set, every request needs 'Authorization: Bearer TOKEN' (browsers: open
    /login?token=TOKEN once). Binding to anything but 127.0.0.1 refuses to start without it.

    \b
    Examples:
      newsdesk serve
      newsdesk serve --workers 2 --template my-template.yaml
      NEWSDESK_TOKEN=$(openssl rand -hex 16) newsdesk serve --host 0.0.0.0
    """
    import uvicorn

    from ..llm import DEFAULT_MODEL, check_context_length
    from ..web import Settings, create_app
    from ..web.settings import template_menu

    settings = Settings(
        db=_location(db),
        host=host,
        port=port,
        token=os.environ.get("NEWSDESK_TOKEN") or None,
        workers=workers,
        model=model or DEFAULT_MODEL,
        base_url=base_url,
        context_length=context_length,
        templates=template_menu(list(templates)),
        allow_private=allow_private,
        judge=judge,
        public_feeds=public_feeds,
    )
    settings.check()
    # the workers would each refuse it at their first job, after the server had started and said nothing
    check_context_length(settings.model, base_url=base_url, context_length=context_length)
    _check_port(host, port)
    _logging(quiet)
    app = create_app(settings)
    shown = f"[{host}]" if ":" in host else host
    click.echo(
        f"newsdesk: http://{shown}:{port}/ ({workers} worker{'s' * (workers != 1)}, database "
        f"{settings.db_label})" + ("; sign in at /login?token=<NEWSDESK_TOKEN>" if settings.token else ""),
        err=True,
    )
    uvicorn.run(
        app,
        host=host,
        port=port,
        log_level="warning" if quiet else "info",
        access_log=not quiet,
        timeout_graceful_shutdown=5,
        server_header=False,
    )


def _check_port(host: str, port: int) -> None:
    """InputError when another program already listens on ``host:port``: said before any worker starts, not after
    the server's own traceback."""
    import socket

    if port == 0:
        return
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn binds: a closed socket's wait is fine
        try:
            probe.bind((host, port))
        except OSError as error:
            raise InputError(f"cannot listen on {host}:{port}: {error.strerror} (--port chooses another)") from error


@click.command("worker")
@click.option("--base-url", envvar="OPENAI_BASE_URL", help="OpenAI-compatible server URL for server models.")
@click.option(
    "--context-length",
    type=click.IntRange(MIN_CONTEXT_LENGTH, MAX_CONTEXT_LENGTH),
    help="Context window in tokens; an embedded model's (NEWSDESK_MODEL, else the default) is checked at startup.",
)
@click.option(
    "--allow-private",
    is_flag=True,
    envvar="NEWSDESK_ALLOW_PRIVATE",
    help="Allow URLs and feeds on private, loopback and link-local addresses.",
)
@click.option(
    "-c",
    "--concurrency",
    type=click.IntRange(1, 256),
    default=1,
    show_default=True,
    help="Jobs at once against an OpenAI-compatible server (--base-url), which batches them; the "
    "embedded model always runs one.",
)
@click.option(
    "--rate-limit",
    type=click.FloatRange(0),
    envvar="NEWSDESK_RATE_LIMIT",
    help="Most requests per second to the model server, shared by all of this worker's jobs (0: none).",
)
@click.option("--until-idle", is_flag=True, help="Exit once the queue is empty (a batch run).")
@click.option("--lifeline", is_flag=True, hidden=True, help="Exit when standard input closes (set by serve).")
@judge_option
@archive_option
def worker_command(
    base_url: str | None,
    context_length: int | None,
    allow_private: bool,
    concurrency: int,
    rate_limit: float | None,
    until_idle: bool,
    lifeline: bool,
    judge: bool,
    db: str | None,
) -> None:
    """Run one job worker on the database: claims queued jobs and writes their articles.

    'newsdesk serve' starts its own workers; run this to add more, or with 'serve --workers 0' to keep the
    writing apart from the web server. With --db postgresql://... it runs on any machine that reaches the
    database. Stop it with Ctrl-C: a job it was running goes back to the queue.

    \b
    Examples:
      newsdesk worker --db postgresql://newsdesk@db.example/newsdesk
      newsdesk worker --db postgresql://newsdesk@db.example/newsdesk \\
          --base-url http://gpu.example:8000/v1 --concurrency 8
    """
    from ..archive import check_writable
    from ..archive import open as open_store
    from ..jobs.worker import WorkerConfig, run_worker
    from ..llm.ratelimit import set_rate

    _check_worker_context(base_url, context_length)
    require_database(db)  # a worker only takes jobs queued there: a mistyped path would wait on nothing
    check_writable(open_store(_location(db)))  # it records every step of every job it takes
    if rate_limit is not None:
        set_rate(rate_limit)
    _logging(False, prefix="newsdesk worker %(process)d")
    run_worker(
        WorkerConfig(
            db=_location(db),
            base_url=base_url,
            context_length=context_length,
            allow_private=allow_private,
            concurrency=concurrency,
            until_idle=until_idle,
            lifeline=lifeline,
            judge=judge,
        )
    )


def _check_worker_context(base_url: str | None, context_length: int | None) -> None:
    """Refuse now a context the worker's model was not trained on, not at every job it takes.

    A worker is not told its model: each job names its server's. ``serve`` hands its own to the workers it starts
    (``NEWSDESK_MODEL``), and a worker started by hand reads the same variable; without it, a job runs the default
    embedded model unless a server is in play. An API key with no model named means OpenAI's own API may be, whose
    context is the server's to state: nothing is checked then."""
    from ..llm import check_context_length

    model = os.environ.get("NEWSDESK_MODEL") or None
    if model is None and os.environ.get("OPENAI_API_KEY"):
        return
    check_context_length(model, base_url=base_url, context_length=context_length)


def _location(db: str | None) -> str | Path:
    """The --db value as the archive takes it: a postgresql:// URL as given, a file path expanded."""
    if not db:
        return default_location()
    return db if is_postgres(db) else Path(db).expanduser()


def _logging(quiet: bool, prefix: str = "newsdesk") -> None:
    logging.basicConfig(level=logging.WARNING if quiet else logging.INFO, format=f"{prefix}: %(levelname)s %(message)s")


__all__ = ["register", "serve", "worker_command"]
