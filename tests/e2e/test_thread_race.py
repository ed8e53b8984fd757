"""Two workers and two entries of one story thread: one article, which the later entry updates (Smoke test 40a #1:
each job found no article for the thread and wrote one). Real SQLite and PostgreSQL, the real worker with two
jobs in flight, the scripted chat server (a delay per call, so the two writes overlap), a feed file read by the
real feed reader."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_develop_web import FIRST, SECOND, rss

from conftest import ONE_FACT_TEMPLATE
from newsdesk.archive import open_archive
from newsdesk.jobs import queue_for
from newsdesk.jobs.worker import Worker, WorkerConfig
from newsdesk.progress import describe
from newsdesk.web import Settings
from newsdesk.web.desk import Desk
from support.chatserver import ScriptedChatServer


@pytest.fixture
def chat():
    server = ScriptedChatServer(delay=0.5)
    yield server
    server.close()


def test_two_workers_write_one_article_for_entries_of_one_thread(db_location, chat, tmp_path: Path) -> None:
    feed_file = tmp_path / "levante.xml"
    feed_file.write_text(rss(FIRST, SECOND), encoding="utf-8")
    archive = open_archive(db_location)
    desk = Desk(Settings(db=db_location, background=False), archive, queue_for(archive))
    choices = {"template": str(ONE_FACT_TEMPLATE), "template_name": "one-fact", "model": "openai:scripted"}
    feed_id = archive.feeds.watch(str(feed_file.resolve()), 600, choices)  # type: ignore[arg-type]
    desk.enqueue_poll(archive.feeds.get(feed_id))
    config = WorkerConfig(db=db_location, base_url=chat.base_url, concurrency=2, until_idle=True, idle_seconds=0.5)
    Worker(config, archive=archive).run()

    writes = sorted((j for j in desk.queue.list_jobs() if j.kind == "write"), key=lambda j: j.id)
    assert len(writes) == 2 and [j.status for j in writes] == ["done", "done"], writes
    assert archive.count("articles") == 1, "one article for the thread"
    assert writes[0].article_id == writes[1].article_id
    said = [describe(e.stage, e.status, e.data) or "" for j in writes for e in desk.queue.events_since(j.id)]
    assert any(line.startswith("Note: waiting for job") for line in said), said
