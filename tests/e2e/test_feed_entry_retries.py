"""A feed entry whose write job fails is tried again at the next polls, a bounded number of times, and its feed
says so. Real SQLite, the real worker and feed reader, a feed file; the jobs fail for a real reason: the model
server they are sent to does not answer."""

from __future__ import annotations

from pathlib import Path

import lxml.html
from fastapi.testclient import TestClient
from test_develop_web import FIRST, rss

from newsdesk.archive import open_archive
from newsdesk.jobs import queue_for
from newsdesk.jobs.polls import MAX_ENTRY_TRIES, feed_state
from newsdesk.jobs.worker import Worker, WorkerConfig
from newsdesk.web import Settings, create_app
from newsdesk.web.desk import Desk
from support.servers import free_port

TINY = Path(__file__).resolve().parents[1] / "data" / "tiny-template.yaml"


def test_a_failed_entry_is_tried_again_at_the_next_polls_then_given_up_and_its_feed_says_so(tmp_path: Path) -> None:
    """Smoke test 40a #5 (second half): an entry whose job failed was never tried again, and its feed read "ok"."""
    db = tmp_path / "feeds.db"
    feed_file = tmp_path / "levante.xml"
    feed_file.write_text(rss(FIRST), encoding="utf-8")
    archive = open_archive(db)
    desk = Desk(Settings(db=db, background=False), archive, queue_for(archive))
    feed_id = archive.feeds.watch(str(feed_file.resolve()), 600, {"template": "default", "model": "smollm2"})
    nobody = f"http://127.0.0.1:{free_port()}/v1"  # no model server answers there: every write fails
    worker = Worker(WorkerConfig(db=db, base_url=nobody), queue=desk.queue, archive=archive)

    def poll() -> dict:
        desk.enqueue_poll(archive.feeds.get(feed_id))
        assert worker.run_one().kind == "poll"
        return feed_state(archive.feeds.get(feed_id))

    writes = []
    for attempt in range(1, MAX_ENTRY_TRIES + 1):
        state = poll()
        if attempt == 1:
            assert state["status"] == "ok" and state["last_error"] is None, "nothing failed yet"
        else:
            assert state["status"] == "incomplete", state
            said = (
                f"entries without an article: 1 entry whose write job failed: 1 tried again (at most {MAX_ENTRY_TRIES}"
            )
            assert state["last_error"].startswith(said), state["last_error"]
            assert f"latest: job {writes[-1]}:" in state["last_error"]
        write = worker.run_one()
        assert write is not None and write.kind == "write", "the entry's job is queued again"
        assert desk.queue.get(write.id).status == "failed"
        writes.append(write.id)

    state = poll()
    assert worker.run_one() is None, f"given up after {MAX_ENTRY_TRIES} tries"
    assert state["status"] == "incomplete"
    assert f"1 entry whose write job failed: 1 given up after {MAX_ENTRY_TRIES} tries" in state["last_error"]
    assert f"latest: job {writes[-1]}:" in state["last_error"]
    assert state["next_poll"] is not None and archive.feeds.get(feed_id).interval_seconds == 600
    assert state["entries"] == 1 and state["articles"] == 0


def test_a_feed_whose_failed_entry_is_written_on_its_retry_reads_ok_without_another_poll(tmp_path: Path) -> None:
    """A feed's status followed its polls only: once the failed entry's job succeeded on its retry, the API and the
    Feeds page still said "incomplete", naming the failed job, until the next poll. The entry's first job fails for
    a real reason (no model server answers); its retry is written by the embedded model."""
    db = tmp_path / "feeds.db"
    feed_file = tmp_path / "levante.xml"
    feed_file.write_text(rss(FIRST), encoding="utf-8")
    archive = open_archive(db)
    desk = Desk(Settings(db=db, background=False), archive, queue_for(archive))
    feed_id = archive.feeds.watch(str(feed_file.resolve()), 600, {"template": str(TINY), "model": "smollm2"})
    nobody = f"http://127.0.0.1:{free_port()}/v1"
    failing = Worker(WorkerConfig(db=db, base_url=nobody), queue=desk.queue, archive=archive)
    for _ in range(2):  # the first poll's job fails; the second poll says so and queues the entry's retry
        desk.enqueue_poll(archive.feeds.get(feed_id))
        assert failing.run_one().kind == "poll"
        if desk.queue.counts()["failed"] == 0:
            assert desk.queue.get(failing.run_one().id).status == "failed"
    client = TestClient(create_app(Settings(db=db, background=False)), base_url="http://127.0.0.1:8000")
    assert client.get(f"/api/feeds/{feed_id}").json()["status"] == "incomplete"

    embedded = Worker(WorkerConfig(db=db), queue=desk.queue, archive=archive)
    try:
        retry = embedded.run_one()
    finally:
        embedded.close()
    assert retry is not None and desk.queue.get(retry.id).status == "done", desk.queue.get(retry.id).error

    state = client.get(f"/api/feeds/{feed_id}").json()
    assert (state["status"], state["last_error"]) == ("ok", None), state
    assert state["unwritten"] == 0 and state["articles"] == 1
    page = lxml.html.fromstring(client.get("/feeds").text)
    assert not page.xpath("//table[@class='feeds']//span[@class='error']"), "the page says no failure either"
