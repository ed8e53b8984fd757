"""A PostgreSQL server stopped and started again under a live ``newsdesk serve`` (real HTTP) and its workers: once
the database is back, every request and every job goes on as if nothing had happened (Smoke test 40a #2, #3, #8).

The server here is this file's own, not the session's shared one: stopping it would cut every other test's
connections too.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from conftest import ONE_FACT_TEMPLATE
from newsdesk.archive import open_archive
from newsdesk.jobs import queue_for
from newsdesk.jobs.worker import Worker, WorkerConfig
from newsdesk.models import Article, Section, Story
from support import pgserver
from support.chatserver import ScriptedChatServer
from support.servers import free_port

STORY = {"headline": "Harbour bridge reopens", "body": "The harbour bridge reopened to traffic on Monday morning."}
ARTICLE = Article(
    title="Harbour bridge", dek="", intro=Section(id="intro", heading="", kind="summary"), sections=[], sources=[],
    model={"name": "m"},
)  # fmt: skip


@pytest.fixture(scope="module")
def pg_folder() -> Iterator[tuple[Path, str]]:
    """This module's PostgreSQL server: its folder (to stop and start it) and its DSN. The folder is made under
    /tmp itself, as for the session's server: pytest's own is closed to the user the server runs as."""
    pgserver.require_binaries()
    folder = Path(tempfile.mkdtemp(prefix="newsdesk-pg-outage-"))
    try:
        yield folder, pgserver.start(folder)
    finally:
        pgserver.stop(folder)
        shutil.rmtree(folder, ignore_errors=True)


def restart(folder: Path, down_seconds: float = 0.0) -> None:
    pgserver.stop(folder)  # -m immediate: every client's connection is cut, as by a crash or a failover
    time.sleep(down_seconds)
    pgserver.start_again(folder)


@contextmanager
def running(log: Path, *args: str) -> Iterator[subprocess.Popen[bytes]]:
    """``newsdesk ARGS`` as a process logging to ``log``, stopped (SIGTERM) when the block ends."""
    env = {k: v for k, v in os.environ.items() if k not in {"NEWSDESK_TOKEN", "NEWSDESK_DB"}}
    with log.open("ab") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "newsdesk", *args], stdout=out, stderr=subprocess.STDOUT, env=env
        )
    try:
        yield process
    finally:
        process.terminate()
        process.wait(timeout=30)


@contextmanager
def serving(db: str, log: Path) -> Iterator[str]:
    """``newsdesk serve --workers 0`` on ``db`` (the web app and API only); yields its URL once it answers."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    with running(log, "serve", "--port", str(port), "--db", db, "--workers", "0") as process:
        deadline = time.monotonic() + 60
        while True:
            assert process.poll() is None, log.read_text(errors="replace")
            try:
                if httpx.get(f"{url}/api/health", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, log.read_text(errors="replace")
            time.sleep(0.2)
        yield url


def test_once_postgresql_is_back_after_a_restart_no_request_fails(pg_folder, tmp_path: Path) -> None:
    """Each of the server's threads kept a connection the restart had ended, and each failed one request with
    503, whenever it came: a feed an editor added 15 minutes later was lost. Now a connection the server ended is
    replaced before it is used."""
    folder, dsn = pg_folder
    with serving(pgserver.fresh_schema(dsn), tmp_path / "serve.log") as url, ThreadPoolExecutor(16) as pool:

        def burst() -> list[int]:
            paths = ["/api/health", "/library", "/api/jobs", "/feeds"] * 16
            return list(pool.map(lambda path: httpx.get(url + path, timeout=30).status_code, paths))

        assert set(burst()) == {200}, "every thread of the server holds a connection now"
        restart(folder)
        assert set(burst()) == {200}, "the database is back: no request may fail"
        restart(folder)
        added = httpx.post(
            f"{url}/api/feeds", json={"url": "https://example.org/feed.xml", "interval_seconds": 900}, timeout=30
        )
        assert added.status_code == 201, added.text


@pytest.mark.browser
def test_the_job_page_follows_its_job_through_a_database_outage_and_opens_the_article(
    pg_folder, tmp_path: Path, page
) -> None:
    """The page's event stream met a 503 while the database was away, and an EventSource closes for good on an
    answer other than 200: the page said "Reconnecting…" for ever and never opened the finished article."""
    folder, dsn = pg_folder
    db = pgserver.fresh_schema(dsn)
    with serving(db, tmp_path / "serve.log") as url:
        submitted = httpx.post(f"{url}/api/articles", json=STORY, timeout=30)
        assert submitted.status_code == 202, submitted.text
        job_id = submitted.json()["id"]
        refused: list[int] = []  # the page's event streams answered 503 while the database was away
        page.on("response", lambda r: "/events" in r.url and r.status == 503 and refused.append(r.status))
        page.goto(f"{url}/jobs/{job_id}")
        pgserver.stop(folder)
        deadline = time.monotonic() + 30
        while not refused:
            assert time.monotonic() < deadline, "the page never asked for its events while the database was away"
            page.wait_for_timeout(200)
        progress = page.locator("#job-progress")  # the page's handler runs just after the answer came
        while "Lost contact with the server" not in progress.inner_text():
            assert time.monotonic() < deadline, f"the page says {progress.inner_text()!r}"
            page.wait_for_timeout(100)
        pgserver.start_again(folder)
        archive = open_archive(db)  # a worker takes the job and finishes it
        queue = queue_for(archive)
        job = queue.claim("test-worker")
        assert job is not None and job.id == job_id
        article_id = archive.save_article(ARTICLE, job.payload["story_id"], None)
        assert queue.complete(job_id, "test-worker", article_id)
        page.wait_for_url(re.compile(rf"/articles/{article_id}$"), timeout=60_000)
        archive.close()


def test_a_run_cut_off_by_an_outage_is_failed_when_its_job_is_taken_back(pg_folder) -> None:
    """The worker lost the database mid-run and could not end its run; the job was put back and done by the next
    attempt, but the run stayed 'running' for ever (the sweep ends runs of dead processes, and this one lives)."""
    folder, dsn = pg_folder
    db = pgserver.fresh_schema(dsn)
    archive = open_archive(db)
    story_id, _ = archive.add_story(Story(headline=STORY["headline"], body=STORY["body"]))
    job_id = (
        queue_for(archive)
        .enqueue("write", {"story_id": story_id, "template": str(ONE_FACT_TEMPLATE), "model": "openai:scripted"})
        .id
    )
    archive.close()
    in_call, go_on = threading.Event(), threading.Event()

    def answer(request: dict) -> None:  # the first call waits, mid-run, while the database goes away
        in_call.set()
        go_on.wait(60)

    chat = ScriptedChatServer(delay=0.0, script=answer)
    worker_archive = open_archive(db)
    config = WorkerConfig(db=db, base_url=chat.base_url, idle_seconds=0.1)
    worker = Worker(config, queue=queue_for(worker_archive, lease_seconds=2), archive=worker_archive)
    thread = threading.Thread(target=worker.run, daemon=True)
    thread.start()
    try:
        assert in_call.wait(60), "the job's run reached the model"
        pgserver.stop(folder)
        go_on.set()
        time.sleep(1)
        pgserver.start_again(folder)
        after = open_archive(db)
        queue = queue_for(after)
        deadline = time.monotonic() + 90
        while queue.get(job_id).status != "done":
            assert time.monotonic() < deadline, queue.get(job_id)
            time.sleep(0.2)
        assert queue.get(job_id).attempts == 2
        assert after.runs(status="running") == [], "no run is left running once its job is done"
        (cut,) = after.runs(status="failed")
        assert cut["error"].startswith(f"interrupted: the lease of worker {worker.id} expired; job {job_id} was put")
        after.close()
    finally:
        worker.stop.set()
        thread.join(30)
        worker_archive.close()
        chat.close()


def test_an_outage_is_one_line_in_each_log_when_it_begins_and_one_when_it_ends(pg_folder, tmp_path: Path) -> None:
    """The server logged two tracebacks every 5 s and each worker a warning twice a second, with no backoff: an
    hour's outage was thousands of lines. Now each loop says when the database went and when it came back."""
    folder, dsn = pg_folder
    db = pgserver.fresh_schema(dsn)
    server_log, worker_log = tmp_path / "serve.log", tmp_path / "worker.log"
    with serving(db, server_log), running(worker_log, "worker", "--db", db):
        time.sleep(2)  # the worker is claiming (nothing to claim)
        pgserver.stop(folder)
        time.sleep(12)  # two of the server's checks, and 24 of the worker's claims at its old pace
        pgserver.start_again(folder)
        deadline = time.monotonic() + 30
        while not all("the database is back" in log.read_text() for log in (server_log, worker_log)):
            assert time.monotonic() < deadline, server_log.read_text() + worker_log.read_text()
            time.sleep(0.5)
    for log in (server_log, worker_log):
        text = log.read_text()
        assert "Traceback" not in text, text
        assert text.count("trying again") == 1 and text.count("the database is back") == 1, text
