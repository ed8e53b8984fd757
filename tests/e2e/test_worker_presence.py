"""Smoke test 40a #9: the web app's health lists every worker that shares its database, whatever started it, with
its last heartbeat; a worker killed without a word shows stale, one stopped cleanly is no longer listed.

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


def _start_worker(db: str, log: Path) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEWSDESK_", "OPENAI_"))}
    env["NEWSDESK_LEASE_SECONDS"] = str(LEASE_SECONDS)
    with log.open("ab") as out:
        return subprocess.Popen(
            [sys.executable, "-m", "newsdesk", "worker", "--db", db],
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
        health = client.get("/api/health").json()
        by_pid = {int(seen["id"].split(":")[1]): seen for seen in health["worker_heartbeats"]}
        if ready(by_pid) or time.monotonic() > deadline:
            return by_pid
        time.sleep(0.2)


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
