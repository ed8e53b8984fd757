"""Smoke test 40a #9: the web app's health lists every worker that shares its database, whatever started it, with
its last heartbeat; a worker killed without a word shows stale, one stopped cleanly is no longer listed. A worker
whose server died says so as it exits, and one known dead (killed) is forgotten by the next server's checks.

Two real ``newsdesk worker`` processes (no server started them) share a SQLite file or a PostgreSQL schema with the
web app, which runs no worker of its own.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from conftest import ROOT
from newsdesk.web import Settings, create_app

LEASE_SECONDS = 2  # the workers' own: they beat three times in it, and show stale after it without a beat


def _start_worker(db: str, log: Path, lifeline: bool = False) -> subprocess.Popen[bytes]:
    """A ``newsdesk worker``; with ``lifeline``, its standard input is a pipe from this test, as from its server."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEWSDESK_", "OPENAI_"))}
    env["NEWSDESK_LEASE_SECONDS"] = str(LEASE_SECONDS)
    with log.open("ab") as out:
        return subprocess.Popen(
            [sys.executable, "-m", "newsdesk", "worker", "--db", db, *(["--lifeline"] if lifeline else [])],
            stdin=subprocess.PIPE if lifeline else None,
            stdout=out,
            stderr=subprocess.STDOUT,
            env=env,
            cwd=ROOT,
        )


@pytest.fixture
def workers(db_location, tmp_path: Path) -> Iterator[list[subprocess.Popen[bytes]]]:
    started = [_start_worker(str(db_location), tmp_path / f"worker{n}.log") for n in range(2)]
    yield started
    for process in started:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=30)


def _heartbeats_when(client: TestClient, ready: Callable[[dict[int, dict[str, Any]]], bool]) -> dict[int, dict]:
    """The health's worker heartbeats by pid, once ``ready`` holds of them (a minute at most)."""
    deadline = time.monotonic() + 60
    while True:
        by_pid = _heartbeats(client)
        if ready(by_pid) or time.monotonic() > deadline:
            return by_pid
        time.sleep(0.2)


def _heartbeats(client: TestClient) -> dict[int, dict[str, Any]]:
    """The health's worker heartbeats now, by pid."""
    health = client.get("/api/health").json()
    return {int(seen["id"].split(":")[1]): seen for seen in health["worker_heartbeats"]}


def test_health_lists_workers_it_did_not_start_and_marks_a_silent_one_stale(
    db_location, workers: list[subprocess.Popen[bytes]], tmp_path: Path
) -> None:
    settings = Settings(db=db_location, background=False)
    client = TestClient(create_app(settings), base_url="http://127.0.0.1:8000")
    killed, stopped = workers

    seen = _heartbeats_when(client, lambda by_pid: all(p.pid in by_pid and not by_pid[p.pid]["stale"] for p in workers))
    health = client.get("/api/health").json()
    assert health["workers"] == [], "the server started no worker"
    assert {killed.pid, stopped.pid} <= set(seen), f"both workers are listed: {seen}"
    for pid in (killed.pid, stopped.pid):
        assert seen[pid]["stale"] is False and seen[pid]["running"] == 0 and seen[pid]["slots"] == 1
        assert seen[pid]["last_seen"] and seen[pid]["started"]

    killed.send_signal(signal.SIGKILL)  # no word to anyone: its row stays, and goes stale
    killed.wait(timeout=30)
    seen = _heartbeats_when(client, lambda by_pid: by_pid[killed.pid]["stale"] and not by_pid[stopped.pid]["stale"])
    assert seen[killed.pid]["stale"] is True and seen[killed.pid]["seconds_since"] >= LEASE_SECONDS
    assert seen[stopped.pid]["stale"] is False, "the live worker beats on"

    stopped.send_signal(signal.SIGTERM)  # a clean stop says so: it is no longer listed
    assert stopped.wait(timeout=30) == 0
    seen = _heartbeats_when(client, lambda by_pid: stopped.pid not in by_pid)
    assert stopped.pid not in seen and killed.pid in seen


def test_a_worker_whose_server_died_or_that_was_killed_is_no_longer_listed(db_location, tmp_path: Path) -> None:
    """A worker whose server died (its lifeline closed) exits and takes its row with it; a worker killed without a
    word leaves its row, which a server forgets at its start, as it puts the dead worker's jobs back. Neither shows
    stale for an hour as if it might come back."""
    orphaned = _start_worker(str(db_location), tmp_path / "orphaned.log", lifeline=True)
    killed = _start_worker(str(db_location), tmp_path / "killed.log")
    try:
        client = TestClient(create_app(Settings(db=db_location, background=False)), base_url="http://127.0.0.1:8000")
        _heartbeats_when(client, lambda by_pid: orphaned.pid in by_pid and killed.pid in by_pid)

        assert orphaned.stdin is not None
        orphaned.stdin.close()  # its server is gone (even kill -9 closes the pipe)
        assert orphaned.wait(timeout=30) == 3
        seen = _heartbeats(client)  # it has exited: its row went before
        assert orphaned.pid not in seen and killed.pid in seen, seen

        killed.send_signal(signal.SIGKILL)
        killed.wait(timeout=30)
        assert killed.pid in _heartbeats(client), "nothing has looked yet: it shows"
        starting = create_app(Settings(db=db_location, workers=0))  # a server starts: its checks run at once
        with TestClient(starting, base_url="http://127.0.0.1:8000") as restarted:
            seen = _heartbeats(restarted)
        assert killed.pid not in seen, seen
    finally:
        for process in (orphaned, killed):
            if process.poll() is None:
                process.kill()
            process.wait(timeout=30)
