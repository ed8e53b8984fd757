"""Jobs queued while no worker lives are said to the editor: ``newsdesk serve --workers 0`` on 127.0.0.1 says so in
/api/health (``status`` "stalled", ``warning``) and on the pages that list or take jobs, only while it is true.

A real ``newsdesk worker`` process is the live worker: it is kept busy on a page that a server on 127.0.0.1 never
sends (so no model loads), with a second job waiting behind it, then killed without a word.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import lxml.html
import pytest
from test_web_live import LiveServer

from conftest import ROOT
from newsdesk.archive import open_archive
from newsdesk.jobs import queue_for
from newsdesk.models import Story
from support.servers import ThreadedServer, hanging_server

LEASE_SECONDS = 2  # the worker's: it beats three times in it, and shows stale after it without a beat
PAGES = ("/", "/feeds")


@pytest.fixture
def hanging() -> Iterator[tuple[ThreadedServer, threading.Event]]:
    with hanging_server() as found:
        yield found


@pytest.fixture
def live(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[LiveServer]:
    monkeypatch.setenv("NEWSDESK_LEASE_SECONDS", str(LEASE_SECONDS))
    server = LiveServer(tmp_path / "newsdesk.db", workers=0).start()
    yield server
    server.stop()


def _warning_on(live: LiveServer, path: str) -> str:
    page = lxml.html.fromstring(live.get(path).text)
    return page.xpath("string(//*[@id='queue-warning'])")


def _health_when(live: LiveServer, ready: Callable[[dict[str, Any]], bool]) -> dict[str, Any]:
    deadline = time.monotonic() + 60  # a guard against a hang, not a timing
    while True:
        health = live.get("/api/health").json()
        if ready(health) or time.monotonic() > deadline:
            return health
        time.sleep(0.2)


def test_queued_jobs_with_no_live_worker_are_said_on_the_health_and_the_pages_only_while_so(
    live: LiveServer, hanging: tuple[ThreadedServer, threading.Event], tmp_path: Path
) -> None:
    server, requested = hanging
    health = live.get("/api/health").json()
    assert (health["status"], health["warning"]) == ("ok", None), "nothing is queued: nothing to say"
    assert not any(_warning_on(live, path) for path in PAGES)

    queue = queue_for(open_archive(live.db))
    stuck = queue.enqueue("write", {"url": server.url("/story")}, priority=1)
    story_id, _ = open_archive(live.db).add_story(Story(headline="Ferry fares", body="Fares rise by 5% in May."))
    waiting = queue.enqueue("write", {"story_id": story_id})

    health = live.get("/api/health").json()
    assert health["status"] == "stalled" and health["jobs"]["queued"] == 2
    assert health["warning"].startswith("2 jobs are queued and no worker is running")
    for path in (*PAGES, f"/jobs/{waiting.id}"):
        assert _warning_on(live, path) == health["warning"], path

    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEWSDESK_", "OPENAI_"))}
    env["NEWSDESK_LEASE_SECONDS"] = str(LEASE_SECONDS)
    with (tmp_path / "worker.log").open("ab") as log:
        worker = subprocess.Popen(
            [sys.executable, "-m", "newsdesk", "worker", "--db", str(live.db), "--allow-private"],
            stdout=log,
            stderr=subprocess.STDOUT,
            env=env,
            cwd=ROOT,
        )
    try:
        assert requested.wait(60), "the worker took the first job and fetches its page"
        health = _health_when(live, lambda h: any(not w["stale"] for w in h["worker_heartbeats"]))
        assert health["jobs"]["queued"] == 1 and health["jobs"]["running"] == 1
        assert (health["status"], health["warning"]) == ("ok", None), "a live worker will come to the waiting job"
        assert not any(_warning_on(live, path) for path in (*PAGES, f"/jobs/{waiting.id}"))

        worker.send_signal(signal.SIGKILL)  # no word to anyone: its heartbeat goes stale
        worker.wait(timeout=30)
        health = _health_when(live, lambda h: h["status"] != "ok")
        assert health["status"] == "stalled" and "no worker is running" in health["warning"]
        # the killed worker's row is listed stale until the server's next check forgets it (its process is gone):
        # while it is listed, the warning says when it was last heard from
        assert ("the last was heard from at" in health["warning"]) == bool(health["worker_heartbeats"])
        assert _warning_on(live, "/") == _warning_on(live, f"/jobs/{stuck.id}") != ""
    finally:
        if worker.poll() is None:
            worker.kill()
        worker.wait(timeout=30)
