"""The job queue (SQLite and PostgreSQL) and the worker loop, without the model: claims, leases, recovery, idempotency,
feed polls."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from newsdesk.archive import Archive, open_archive
from newsdesk.errors import ConflictError, NotFoundError
from newsdesk.jobs import CANCELLED, LeaseLost, SQLJobQueue, queue_for
from newsdesk.jobs.presence import is_dead_local_worker, new_worker_id
from newsdesk.jobs.sql import FORGET_WORKER_SECONDS
from newsdesk.jobs.worker import Worker, WorkerConfig
from newsdesk.models import Article, Section, Story
from newsdesk.web import Settings
from newsdesk.web.desk import Desk
from newsdesk.web.supervisor import Supervisor
from support.servers import ThreadedServer, hanging_server

STORY = Story(headline="Harbour bridge approved", body="The council approved the harbour bridge on Tuesday.")


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def archive(db_location) -> Archive:
    return open_archive(db_location)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def queue(archive: Archive, clock: Clock) -> SQLJobQueue:
    return queue_for(archive, lease_seconds=10, max_attempts=3, clock=clock)


def stages(queue: SQLJobQueue, job_id: int) -> list[tuple[str, str]]:
    return [(e.stage, e.status) for e in queue.events_since(job_id)]


def test_a_job_goes_from_queued_to_done_with_its_events(queue: SQLJobQueue) -> None:
    job = queue.enqueue("write", {"story_id": 1})
    assert (job.status, job.attempts) == ("queued", 0)
    claimed = queue.claim("w1")
    assert claimed is not None and claimed.id == job.id
    assert (claimed.status, claimed.attempts, claimed.worker) == ("running", 1, "w1")
    assert queue.claim("w2") is None
    queue.record_event(job.id, "write", "start", {"section": "intro"}, 0.5, worker="w1")
    assert queue.get(job.id).stage == "write"
    assert queue.complete(job.id, "w1", article_id=None)
    done = queue.get(job.id)
    assert done.status == "done" and done.finished
    assert stages(queue, job.id) == [("job", "queued"), ("job", "running"), ("write", "start"), ("job", "done")]
    assert not queue.complete(job.id, "w1"), "a job finishes once"
    assert queue.counts() == {"queued": 0, "running": 0, "done": 1, "failed": 0, "cancelled": 0}


def test_events_since_resumes_after_an_id(queue: SQLJobQueue) -> None:
    job = queue.enqueue("write", {})
    queue.claim("w")
    for n in range(5):
        queue.record_event(job.id, "write", "info", {"n": n})
    events = queue.events_since(job.id)
    later = queue.events_since(job.id, after=events[3].id)
    assert [e.data.get("n") for e in later] == [2, 3, 4]
    assert all(a.id < b.id for a, b in zip(events, events[1:], strict=False))


def test_claims_are_atomic_across_connections(archive: Archive) -> None:
    """Four threads, each with its own connection, claim 40 jobs: every job is claimed exactly once."""
    queue = queue_for(archive)
    ids = {queue.enqueue("write", {"n": n}).id for n in range(40)}
    claimed: list[int] = []
    lock = threading.Lock()

    def claim_all(name: str) -> None:
        while (job := queue.claim(name)) is not None:
            with lock:
                claimed.append(job.id)

    threads = [threading.Thread(target=claim_all, args=(f"w{n}",)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(claimed) == sorted(ids)


def test_higher_priority_jobs_are_claimed_first(queue: SQLJobQueue) -> None:
    first = queue.enqueue("write", {})
    poll = queue.enqueue("poll", {}, priority=10)
    assert queue.claim("w").id == poll.id
    assert queue.claim("w").id == first.id


def test_a_key_makes_enqueue_idempotent(queue: SQLJobQueue) -> None:
    one = queue.enqueue("write", {"a": 1}, key="feed-entry:7")
    two = queue.enqueue("write", {"a": 2}, key="feed-entry:7")
    assert one.id == two.id and two.payload == {"a": 1}
    assert len(queue.list_jobs()) == 1


def test_an_expired_lease_puts_the_job_back_and_fences_the_old_worker(queue: SQLJobQueue, clock: Clock) -> None:
    job = queue.enqueue("write", {})
    queue.claim("old")
    queue.record_event(job.id, "write", "start", {"section": "intro"}, worker="old")
    clock.now += 5
    assert queue.heartbeat(job.id, "old")  # renewed: now expires at +15
    clock.now += 9
    assert queue.requeue_expired() == []
    clock.now += 2
    assert queue.requeue_expired() == [job.id]
    again = queue.claim("new")
    assert (again.id, again.attempts, again.worker) == (job.id, 2, "new")
    assert [e.data for e in queue.events_since(job.id) if e.status == "running"][-1]["resumed_after"] == "write"
    # The old worker wakes up: it can neither report, renew nor finish the job.
    with pytest.raises(LeaseLost):
        queue.record_event(job.id, "write", "done", worker="old")
    assert not queue.heartbeat(job.id, "old")
    assert not queue.complete(job.id, "old")
    assert queue.complete(job.id, "new")


def test_a_job_that_keeps_losing_its_worker_fails_after_max_attempts(queue: SQLJobQueue, clock: Clock) -> None:
    job = queue.enqueue("write", {})
    for _ in range(3):
        assert queue.claim("w").id == job.id
        clock.now += 60
        queue.requeue_expired()
    failed = queue.get(job.id)
    assert failed.status == "failed" and "gave up after 3 attempts" in (failed.error or "")


def test_orphans_of_dead_workers_are_requeued_at_once(queue: SQLJobQueue) -> None:
    a = queue.enqueue("write", {})
    b = queue.enqueue("write", {})
    queue.claim("dead-worker")
    queue.claim("live-worker")
    assert queue.requeue_orphans(lambda worker: worker == "dead-worker") == [a.id]
    assert queue.get(a.id).status == "queued" and queue.get(b.id).status == "running"


def test_release_puts_a_running_job_back(queue: SQLJobQueue) -> None:
    job = queue.enqueue("write", {})
    queue.claim("w")
    assert queue.release(job.id, "w", "stopping")
    assert queue.get(job.id).status == "queued"
    assert queue.claim("w2").attempts == 2


def test_a_cancelled_job_is_never_claimed_and_a_running_one_is_taken_from_its_worker(queue: SQLJobQueue) -> None:
    waiting = queue.enqueue("write", {"n": 1})
    running = queue.enqueue("write", {"n": 2})
    assert queue.claim("w").id == waiting.id
    queue.enqueue("write", {"n": 3})
    assert queue.cancel(running.id).status == "cancelled"
    assert queue.claim("w2").payload == {"n": 3}, "the cancelled job is passed over"

    cancelled = queue.cancel(waiting.id)
    assert (cancelled.status, cancelled.error) == ("cancelled", CANCELLED) and cancelled.finished
    assert stages(queue, waiting.id)[-1] == ("job", "failed")
    with pytest.raises(LeaseLost):  # the worker stops at its next step
        queue.record_event(waiting.id, "write", "start", {}, worker="w")
    assert not queue.heartbeat(waiting.id, "w") and not queue.complete(waiting.id, "w")
    assert queue.get(waiting.id).error == CANCELLED, "its result is not recorded"

    with pytest.raises(ConflictError, match="already finished"):
        queue.cancel(waiting.id)
    keyed = queue.enqueue("poll", {"feed_id": 1}, key="poll:1:never")
    queue.cancel(keyed.id)
    again = queue.enqueue("poll", {"feed_id": 1}, key="poll:1:never")
    assert again.id != keyed.id and again.status == "queued", "a cancelled request can be asked again"
    with pytest.raises(NotFoundError):
        queue.cancel(999)
    assert queue.counts() == {"queued": 1, "running": 1, "done": 0, "failed": 0, "cancelled": 3}


def test_a_cancelled_job_is_counted_and_listed_as_cancelled_not_failed(queue: SQLJobQueue) -> None:
    """An editor who cancels a job has seen no failure: counts, lists and each job say "cancelled", and a job that
    failed on its own stays "failed" (a cancel is stored as a failed row with its error, so old rows read alike)."""
    cancelled, failed, waiting = (queue.enqueue("write", {"n": n}) for n in range(3))
    queue.cancel(cancelled.id)
    assert queue.claim("w").id == failed.id
    assert queue.fail(failed.id, "w", "the model answered nothing")
    assert queue.counts() == {"queued": 1, "running": 0, "done": 0, "failed": 1, "cancelled": 1}
    assert [j.id for j in queue.list_jobs("cancelled")] == [cancelled.id]
    assert [j.id for j in queue.list_jobs("failed")] == [failed.id]
    assert [(j.id, j.status) for j in queue.list_jobs()] == [
        (waiting.id, "queued"),
        (failed.id, "failed"),
        (cancelled.id, "cancelled"),
    ]
    assert queue.get(cancelled.id).done and queue.get(failed.id).error == "the model answered nothing"


def test_a_worker_of_another_machine_shows_stale_then_goes_once_long_silent(queue: SQLJobQueue, clock: Clock) -> None:
    """A worker of another machine cannot be known dead, only silent: stale after its lease, and no longer listed
    (nor kept, once anything looks) after ``FORGET_WORKER_SECONDS``, though no worker beats to sweep it."""
    queue.worker_alive("other-host:7:abc123", 0, 1)
    clock.now += 11  # past its lease
    assert [(w.id, w.stale) for w in queue.workers()] == [("other-host:7:abc123", True)]
    assert queue.forget_workers(is_dead_local_worker) == [], "silent, but not for long, and not known dead"
    clock.now += FORGET_WORKER_SECONDS
    assert queue.workers() == []
    assert queue.forget_workers(is_dead_local_worker) == ["other-host:7:abc123"]


def test_worker_ids_tell_whether_a_local_worker_is_alive() -> None:
    assert not is_dead_local_worker(new_worker_id())
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    host = new_worker_id().split(":")[0]
    assert is_dead_local_worker(f"{host}:{gone.pid}:abc")
    assert not is_dead_local_worker(f"another-host:{gone.pid}:abc"), "other machines' workers are not judged"


def test_a_worker_finishes_a_job_whose_article_was_saved_before_a_crash(archive: Archive, tmp_path: Path) -> None:
    """Killed between saving the article and marking the job done: the re-run reuses the article, no model call."""
    queue = queue_for(archive)
    story_id, _ = archive.add_story(STORY)
    job = queue.enqueue("write", {"story_id": story_id, "template": "default", "model": "smollm2"})
    article = Article(
        title="Saved",
        dek="",
        intro=Section(id="intro", heading="", kind="summary"),
        sections=[],
        sources=[],
        model={"name": "smollm2"},
    )
    article_id = archive.save_article(article, story_id, None, request_key=f"job:{job.id}")
    worker = Worker(WorkerConfig(db=archive.path), queue=queue, archive=archive)
    assert worker.run_one().id == job.id
    done = queue.get(job.id)
    assert (done.status, done.article_id) == ("done", article_id)
    assert archive.count("articles") == 1
    assert worker.models.loaded == {}, "no model was loaded"


def test_a_failing_job_is_marked_failed_with_its_reason(archive: Archive) -> None:
    queue = queue_for(archive)
    missing = queue.enqueue("write", {"story_id": 999, "template": "default"})
    unknown = queue.enqueue("translate", {})
    worker = Worker(WorkerConfig(db=archive.path), queue=queue, archive=archive)
    worker.run_one()
    worker.run_one()
    assert queue.get(missing.id).status == "failed" and "no story with id 999" in queue.get(missing.id).error
    assert "unknown job kind 'translate'" in queue.get(unknown.id).error


RSS = """<?xml version="1.0"?><rss version="2.0"><channel><title>Test Wire</title>
<item><title>Bridge approved</title><guid>urn:test:1</guid><description>The council approved the bridge on
Tuesday after a long debate about its cost.</description></item>
<item><title>Library reopens</title><guid>urn:test:2</guid><description>The city library reopened on Monday
after a renovation that took two years.</description></item>
</channel></rss>"""


def test_a_feed_poll_queues_one_write_job_per_new_entry(archive: Archive, tmp_path: Path) -> None:
    feed_file = tmp_path / "wire.xml"
    feed_file.write_text(RSS, encoding="utf-8")
    source = str(feed_file.resolve())
    desk = Desk(Settings(db=archive.path, background=False), archive, queue_for(archive))
    feed_id = archive.feeds.watch(source, 600, {"template": "default", "template_name": "default", "model": "smollm2"})
    supervisor = Supervisor(desk)
    first = supervisor.schedule_polls()
    assert len(first) == 1 and supervisor.schedule_polls() == first, "a pending poll is not queued twice"
    worker = Worker(WorkerConfig(db=archive.path), queue=desk.queue, archive=archive)
    assert worker.run_one().kind == "poll"
    writes = desk.queue.list_jobs(status="queued")
    assert sorted(j.payload["feed_entry_id"] for j in writes) == [1, 2]
    assert all(j.kind == "write" and j.payload["template"] == "default" for j in writes)
    feed = archive.feeds.get(feed_id)
    assert feed.last_polled and feed.last_error is None and feed.title == "Test Wire"
    assert supervisor.schedule_polls() == [], "not due again before its interval"
    again = desk.enqueue_poll(archive.feeds.get(feed_id))
    worker.run_one()
    assert desk.queue.get(again.id).status == "done"
    assert len(desk.queue.list_jobs(status="queued")) == 2, "entries already queued are not queued again"


def test_a_poll_of_a_feed_read_only_in_part_says_so_on_the_job_and_the_feed(archive: Archive, tmp_path: Path) -> None:
    """Smoke test 39a #8: a cut-off feed polled by the web app showed "ok" and no warning, while `newsdesk ingest`
    warned that it kept only what parsed."""
    from newsdesk.jobs.polls import feed_state
    from newsdesk.progress import describe

    feed_file = tmp_path / "cut.xml"
    feed_file.write_text(RSS[: RSS.index("<item><title>Library")] + "<item><title>Libr", encoding="utf-8")
    desk = Desk(Settings(db=archive.path, background=False), archive, queue_for(archive))
    feed_id = archive.feeds.watch(str(feed_file.resolve()), 600, {"template": "default", "model": "smollm2"})
    poll = desk.enqueue_poll(archive.feeds.get(feed_id))
    worker = Worker(WorkerConfig(db=archive.path), queue=desk.queue, archive=archive)
    assert worker.run_one().kind == "poll" and desk.queue.get(poll.id).status == "done"
    said = [describe(e.stage, e.status, e.data) or "" for e in desk.queue.events_since(poll.id)]
    assert any(line.startswith("Note: malformed feed, kept what parsed:") for line in said), said
    state = feed_state(archive.feeds.get(feed_id))
    assert state["status"] == "partial" and "kept what parsed" in state["last_error"], state
    assert [j.payload["feed_entry_id"] for j in desk.queue.list_jobs(status="queued")] == [1], "what parsed is kept"
    # read in part is no failure: the feed is polled again on its own interval, and a whole read clears the note
    feed_file.write_text(RSS, encoding="utf-8")
    desk.enqueue_poll(archive.feeds.get(feed_id))
    worker.run_one()
    assert feed_state(archive.feeds.get(feed_id))["status"] == "ok"


def test_the_supervisor_runs_restarts_and_stops_worker_processes(db_location) -> None:
    settings = Settings(db=db_location, workers=2, poll_check_seconds=60)
    desk = Desk.open(settings)
    supervisor = Supervisor(desk)
    supervisor.start()
    try:
        first = supervisor.pids()
        assert len(first) == 2
        share = str(max(1, len(os.sched_getaffinity(0)) // 2))
        for pid in first:
            environ = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
            assert f"NEWSDESK_THREADS={share}".encode() in environ, "two workers share the CPUs"
        supervisor.workers[0].kill()
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline and (len(supervisor.pids()) < 2 or supervisor.pids() == first):
            time.sleep(0.2)
        assert len(supervisor.pids()) == 2 and supervisor.pids() != first, "a dead worker is restarted"
    finally:
        supervisor.stop()
    assert supervisor.pids() == []


def test_a_worker_stopped_mid_job_puts_the_job_back(archive: Archive) -> None:
    from newsdesk.jobs.worker import Stopping

    queue = queue_for(archive)
    job = queue.enqueue("write", {})
    worker = Worker(WorkerConfig(db=archive.path), queue=queue, archive=archive)

    def interrupted(job, on_event):
        raise Stopping

    worker._handlers["write"] = interrupted
    worker.run_one()
    assert queue.get(job.id).status == "queued" and worker.stop.is_set()
    assert stages(queue, job.id)[-1] == ("job", "queued")


def test_the_heartbeat_keeps_a_long_job_leased(archive: Archive) -> None:
    queue = queue_for(archive, lease_seconds=0.3)
    job = queue.enqueue("write", {})
    worker = Worker(WorkerConfig(db=archive.path), queue=queue, archive=archive)

    def slow(job, on_event):
        time.sleep(1.0)
        assert queue.requeue_expired() == [], "renewed every lease/3 seconds"
        return None

    worker._handlers["write"] = slow
    worker.run_one()
    assert queue.get(job.id).status == "done"


PAGE = b"""<!doctype html><html lang="en"><head><title>Ferry returns</title></head><body><article>
<h1>Ferry service returns to the islands</h1>
<p>The ferry between the two islands runs again from Monday after a winter of repairs to its engines.</p>
<p>The operator said the first crossing leaves at seven in the morning and tickets cost the same as last year.</p>
<p>Residents had waited four months for the service, which carries about nine hundred people a day in summer.</p>
</article></body></html>"""


def test_a_url_job_fetches_its_story_once(archive: Archive) -> None:
    from http.server import BaseHTTPRequestHandler

    from newsdesk.pipeline import Event

    hits: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # http.server's naming
            hits.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(PAGE)))
            self.end_headers()
            self.wfile.write(PAGE)

        def log_message(self, *args: object) -> None:
            pass

    with ThreadedServer(Handler) as server:
        queue = queue_for(archive)
        url = server.url("/ferry")
        job = queue.enqueue("write", {"url": url})
        queue.claim("w")
        recorded: list[Event] = []
        blocked = Worker(WorkerConfig(db=archive.path), queue=queue, archive=archive)
        with pytest.raises(Exception, match="refused"):
            blocked.kinds.story(queue.get(job.id), recorded.append)
        assert hits == [], "the SSRF guard refuses loopback unless allowed"
        recorded.clear()
        worker = Worker(WorkerConfig(db=archive.path, allow_private=True), queue=queue, archive=archive)
        story = worker.kinds.story(queue.get(job.id), recorded.append)
        assert story.headline.startswith("Ferry service returns") and hits == ["/ferry"]
        assert [(e.stage, e.status) for e in recorded] == [("fetch", "start"), ("fetch", "done")]
        story_id, _ = archive.add_story(story)
        queue.record_event(job.id, "store", "done", {"story_id": story_id})
        again = worker.kinds.story(queue.get(job.id), recorded.append)
        assert again.id == story_id and hits == ["/ferry"], "a re-run uses the story stored before the crash"


def _cancel_while_it_hangs(archive: Archive, enqueue: Callable[[str], int]) -> int:
    """Cancel the job ``enqueue`` queues (given the URL of a server on 127.0.0.1 that takes a request and sends
    nothing) once a worker's fetch of it waits on that server; the job's id, once the worker let it go. The server
    holds the request for two minutes: the worker is freed by the cancel, or by its read timeout (20 s)."""
    queue = queue_for(archive)
    worker = Worker(WorkerConfig(db=archive.path, allow_private=True), queue=queue, archive=archive)
    with hanging_server() as (server, requested):
        job_id = enqueue(server.url("/wire"))
        running = threading.Thread(target=worker.run_one)
        running.start()
        assert requested.wait(60), "the worker fetches what the job asks for"
        queue.cancel(job_id)
        running.join(120)
        assert not running.is_alive()
    return job_id


def test_cancelling_a_job_stops_its_fetch_of_a_server_that_never_answers(
    archive: Archive, caplog: pytest.LogCaptureFixture
) -> None:
    """Smoke test 40a #17: a job cancelled while it fetched a server that never answers held its worker until the
    read timed out (20 s), and the next job waited. The worker's fetch asks between reads whether the job is still
    its own: it stops while the server still holds the request, and says why."""
    queue = queue_for(archive)
    with caplog.at_level("WARNING", logger="newsdesk.worker"):
        job_id = _cancel_while_it_hangs(archive, lambda url: queue.enqueue("write", {"url": url}).id)
    assert f"job {job_id} was cancelled or taken over while it fetched its page" in caplog.text
    cancelled = queue.get(job_id)
    assert (cancelled.status, cancelled.error) == ("cancelled", CANCELLED)
    assert [stage for stage, _ in stages(queue, job_id)].count("fetch") == 1, "no fetch done: it was stopped"


def test_cancelling_a_feed_poll_stops_its_read_of_a_feed_that_never_answers(
    archive: Archive, caplog: pytest.LogCaptureFixture
) -> None:
    """A poll's read of its feed asks between reads whether the job is still its worker's, as a page's fetch does:
    a cancelled poll of a feed whose server sends nothing frees its worker at once, not at the read timeout, and
    its feed is not marked failing (the editor stopped it; the feed did not fail)."""
    queue = queue_for(archive)
    options = {"template": "default", "template_name": "default", "model": "smollm2"}

    def poll_job(url: str) -> int:
        feed_id = archive.feeds.watch(url, 600, options)
        return queue.enqueue("poll", {"feed_id": feed_id, "url": url}).id

    with caplog.at_level("WARNING", logger="newsdesk.worker"):
        job_id = _cancel_while_it_hangs(archive, poll_job)
    assert f"job {job_id} was cancelled or taken over while it fetched its feed" in caplog.text
    assert (queue.get(job_id).status, queue.get(job_id).error) == ("cancelled", CANCELLED)
    feed = archive.feeds.watched()[0]
    assert feed.last_error is None, f"a cancelled poll is no failure of the feed: {feed.last_error}"
    assert [stage for stage, status in stages(queue, job_id)] == ["job", "job", "poll", "job"], "no poll done"


def test_a_refused_host_is_said_to_the_web_user_in_the_servers_words(archive: Archive) -> None:
    """Smoke test 35 #13: a browser user was told to "pass --allow-private", a switch of the server's command line.
    The job says what the server does; its log keeps the operator's hint."""
    queue = queue_for(archive)
    job = queue.enqueue("write", {"url": "http://localhost:9/story"})  # a name that resolves to loopback
    Worker(WorkerConfig(db=archive.path), queue=queue, archive=archive).run_one()
    failed = queue.get(job.id)
    assert failed.status == "failed" and "this server does not fetch private or intranet addresses" in failed.error
    assert "--allow-private" not in failed.error


def test_a_server_with_no_workers_recovers_and_schedules_but_writes_nothing(db_location) -> None:
    settings = Settings(db=db_location, workers=0, poll_check_seconds=0.2)
    desk = Desk.open(settings)
    job = desk.queue.enqueue("write", {"story_id": 1})
    desk.queue.claim("gone-host:1:abc")  # a worker of another machine, whose lease is already over
    desk.queue.heartbeat(job.id, "gone-host:1:abc")
    supervisor = Supervisor(desk)
    supervisor.start()
    try:
        assert supervisor.pids() == []
        desk.queue.lease_seconds = 0
        desk.queue.heartbeat(job.id, "gone-host:1:abc")  # the lease now ends at once
        deadline = time.monotonic() + 10
        while desk.queue.get(job.id).status != "queued" and time.monotonic() < deadline:
            time.sleep(0.1)
        assert desk.queue.get(job.id).status == "queued", "expired leases are put back even without workers"
        time.sleep(0.5)
        assert desk.queue.get(job.id).status == "queued" and supervisor.pids() == [], "no worker claims it here"
    finally:
        supervisor.stop()
