"""Workers anywhere, proven by killing them: three worker processes share one PostgreSQL database and twenty jobs;
one worker (then the server that started them) is kill -9'd mid-job. Every job must end done exactly once, with
one article each and none lost; the interrupted job is taken over when its lease runs out and resumes from the
LLM answers its dead worker had cached.

The model is a scripted OpenAI-compatible server on 127.0.0.1 (a stand-in for a shared model server: a real model
would make twenty articles far too slow for two cores); workers, server, database and pipeline are real.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ONE_FACT_TEMPLATE
from newsdesk.archive import Archive, open_archive
from newsdesk.jobs import queue_for
from newsdesk.jobs.presence import pid_alive
from newsdesk.models import Story
from support.chatserver import ScriptedChatServer
from support.servers import free_port

JOBS = 20
LEASE_SECONDS = 3


@pytest.fixture
def chat():
    server = ScriptedChatServer(delay=0.15)
    yield server
    server.close()


@pytest.fixture
def pg_archive(postgres_dsn) -> Archive:
    from support import pgserver

    return open_archive(pgserver.fresh_schema(postgres_dsn))


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEWSDESK_", "OPENAI_"))}
    env.update(
        {
            "NEWSDESK_LEASE_SECONDS": str(LEASE_SECONDS),
            "OPENAI_API_KEY": "test",
            "NO_PROXY": "127.0.0.1,localhost",
            "PYTHONUNBUFFERED": "1",
        }
    )
    return env


def _queue_jobs(archive: Archive, template: Path) -> list[int]:
    queue = queue_for(archive)
    ids = []
    for n in range(JOBS):
        story_id, _ = archive.add_story(
            Story(
                headline=f"Council approves bridge number {n}",
                # three sentences or more: a full story (two would be a summary, written in one call), so that every
                # job makes the two model calls the kill waits for
                body=f"The city council approved bridge number {n} on Tuesday. It will cost {n + 10} million euros. "
                f"Work on bridge number {n} starts in the spring, the council said.",
            )
        )
        ids.append(
            queue.enqueue("write", {"story_id": story_id, "template": str(template), "model": "openai:scripted"}).id
        )
    return ids


def _job_mid_write(archive: Archive, pids: set[int] | None = None, timeout: float = 60) -> tuple[int, int]:
    """(job id, worker pid) of a job that one of ``pids`` (any worker: None) runs, with two model answers."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        rows = archive.db.execute(
            "SELECT j.id, j.worker FROM jobs j WHERE j.status = 'running' AND (SELECT count(*) FROM job_events e"
            " WHERE e.job_id = j.id AND e.attempt = j.attempts AND e.stage = 'llm') >= 2"
        ).fetchall()
        for row in rows:
            pid = int(row["worker"].split(":")[1])
            if pids is None or pid in pids:
                return int(row["id"]), pid
        time.sleep(0.02)
    pytest.fail("no job reached its second model call")


def _wait_all_done(archive: Archive, timeout: float = 120) -> None:
    queue = queue_for(archive)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        counts = queue.counts()
        if counts["done"] + counts["failed"] == JOBS:
            return
        time.sleep(0.2)
    pytest.fail(f"not all jobs finished: {queue.counts()}")


def _assert_exactly_once(archive: Archive, ids: list[int], interrupted: int) -> None:
    queue = queue_for(archive)
    assert queue.counts() == {"queued": 0, "running": 0, "done": JOBS, "failed": 0, "cancelled": 0}
    jobs = [queue.get(i) for i in ids]
    assert len({j.article_id for j in jobs}) == JOBS and archive.count("articles") == JOBS, "one article per job"
    keys = sorted(r["request_key"] for r in archive.db.execute("SELECT request_key FROM articles"))
    assert len(set(keys)) == JOBS and all(k.startswith("request:") for k in keys), "one key per story and options"
    done_events = archive.db.execute(
        "SELECT job_id, count(*) AS n FROM job_events WHERE stage = 'job' AND status = 'done' GROUP BY job_id"
    ).fetchall()
    assert sorted((r["job_id"], r["n"]) for r in done_events) == [(i, 1) for i in sorted(ids)], "done once each"
    retaken = queue.get(interrupted)
    assert retaken.attempts == 2, "the interrupted job was claimed again"
    article = archive.get_article(int(retaken.article_id))
    assert article.stats.cached_calls >= 1, "the new attempt replayed the answers cached before the kill"


def test_a_worker_killed_mid_job_loses_nothing_and_duplicates_nothing(pg_archive, chat, tmp_path) -> None:
    ids = _queue_jobs(pg_archive, ONE_FACT_TEMPLATE)
    command = [sys.executable, "-m", "newsdesk", "worker", "--db", pg_archive.url, "--base-url", chat.base_url]
    workers = [
        subprocess.Popen(command, env=_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) for _ in range(3)
    ]
    try:
        victim_job, victim_pid = _job_mid_write(pg_archive, {workers[0].pid})
        os.kill(victim_pid, signal.SIGKILL)
        workers[0].wait(timeout=10)
        _wait_all_done(pg_archive)
    finally:
        for process in workers[1:]:
            process.send_signal(signal.SIGTERM)
        for process in workers:
            process.wait(timeout=30)
    assert workers[1].returncode == workers[2].returncode == 0
    _assert_exactly_once(pg_archive, ids, victim_job)
    reasons = [
        e.data.get("reason", "")
        for e in queue_for(pg_archive).events_since(victim_job)
        if (e.stage, e.status) == ("job", "queued")
    ]
    assert any("lease" in r for r in reasons), reasons


def _serve(archive: Archive, chat: ScriptedChatServer) -> subprocess.Popen[bytes]:
    command = [
        sys.executable,
        "-m",
        "newsdesk",
        "serve",
        "--workers",
        "3",
        "--port",
        str(free_port()),
        "-q",
        "--db",
        archive.url,
        "--base-url",
        chat.base_url,
    ]
    return subprocess.Popen(command, env=_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def test_a_server_killed_mid_job_takes_its_workers_and_loses_nothing(pg_archive, chat, tmp_path) -> None:
    ids = _queue_jobs(pg_archive, ONE_FACT_TEMPLATE)
    server = _serve(pg_archive, chat)
    try:
        interrupted, worker_pid = _job_mid_write(pg_archive)
        orphans = _children(server.pid)
        assert worker_pid in orphans
        server.send_signal(signal.SIGKILL)
        server.wait(timeout=10)
        deadline = time.monotonic() + 20
        while any(pid_alive(p) for p in orphans) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not any(pid_alive(p) for p in orphans), "workers exit when their server dies (the lifeline)"
        assert queue_for(pg_archive).get(interrupted).status == "running", "left running by the dead worker"
        server = _serve(pg_archive, chat)  # recovers the dead workers' jobs at start, without waiting for leases
        _wait_all_done(pg_archive)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    _assert_exactly_once(pg_archive, ids, interrupted)


def _children(pid: int) -> set[int]:
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.add(int(stat.parent.name))
    return found
