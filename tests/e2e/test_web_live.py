"""``newsdesk serve`` as a real process on 127.0.0.1 with the real embedded model (tiny template, short brief).

* the API end to end: submit, follow the Server-Sent Events, fetch the article as JSON, Markdown and HTML;
* bad requests answered with 4xx JSON by the real server;
* the crash test: ``kill -9`` the server mid-job, restart it, and every job finishes exactly once.

The server started here is shared with test_browser.py (``shared_server``), so the model writes the brief once and
later runs replay its answers from the LLM cache.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import jsonschema
import lxml.html
import pytest

from newsdesk.archive import open_archive
from newsdesk.ingest import story_from_text
from newsdesk.jobs.presence import pid_alive
from support.servers import free_port

TESTS = Path(__file__).resolve().parents[1]
TINY = TESTS / "data" / "tiny-template.yaml"
BRIEF_FILE = TESTS / "data" / "short-brief.txt"
SCHEMA = Path(__file__).resolve().parents[2] / "src" / "newsdesk" / "schema" / "article.schema.json"
JOB_TIMEOUT = 300.0  # seconds; the tiny template takes a few seconds on an idle machine


def brief(path: Path = BRIEF_FILE) -> dict[str, str]:
    story = story_from_text(path.read_text(encoding="utf-8"))
    return {"headline": story.headline, "body": story.body}


# A story with material for every section of the tiny template: a four-sentence brief fills only its dek and
# intro, and its sections are left out (issue 17)
HARBOUR_FILE = TESTS / "data" / "harbour-story.txt"


class LiveServer:
    """``newsdesk serve`` in its own process group, logging to a file shown when a test fails."""

    def __init__(self, db: Path, workers: int = 1):
        self.db = db
        self.workers = workers
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = db.with_suffix(f".{self.port}.log")
        self.process: subprocess.Popen[bytes] | None = None

    def start(self, timeout: float = 60.0) -> LiveServer:
        env = {k: v for k, v in os.environ.items() if k not in {"NEWSDESK_TOKEN", "NEWSDESK_DB"}}
        command = [
            sys.executable,
            "-c",
            "from newsdesk.cli import main; main()",
            "serve",
            "--port",
            str(self.port),
            "--db",
            str(self.db),
            "--workers",
            str(self.workers),
            "-t",
            str(TINY),
            "-q",
        ]
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                command, stdout=log, stderr=subprocess.STDOUT, env=env, start_new_session=True
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.process.poll() is None, f"the server exited:\n{self.log_tail()}"
            try:
                health = httpx.get(f"{self.url}/api/health", timeout=2).json()
                if len(health["workers"]) == self.workers:
                    return self
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        raise AssertionError(f"the server did not start:\n{self.log_tail()}")

    def get(self, path: str, **kwargs) -> httpx.Response:
        return httpx.get(self.url + path, timeout=30, **kwargs)

    def post(self, path: str, **kwargs) -> httpx.Response:
        return httpx.post(self.url + path, timeout=30, **kwargs)

    def kill9(self) -> None:
        assert self.process is not None
        os.kill(self.process.pid, signal.SIGKILL)  # the server only: its workers must notice on their own
        self.process.wait()

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()

    def log_tail(self, lines: int = 40) -> str:
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:]) if self.log.exists() else ""

    def wait_for_job(self, job_id: int, timeout: float = JOB_TIMEOUT) -> dict:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            job = self.get(f"/api/jobs/{job_id}").json()
            if job["status"] in ("done", "failed", "cancelled"):
                return job
            time.sleep(0.3)
        raise AssertionError(f"job {job_id} did not finish:\n{self.log_tail()}")


_shared: LiveServer | None = None


def shared_server(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> LiveServer:
    """One server for the whole session (the API tests and the browser test)."""
    global _shared
    if _shared is None:
        _shared = LiveServer(tmp_path_factory.mktemp("live") / "newsdesk.db").start()
        request.addfinalizer(_stop_shared)
    return _shared


def _stop_shared() -> None:
    global _shared
    if _shared is not None:
        _shared.stop()
        _shared = None


@pytest.fixture(scope="session")
def live(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> Iterator[LiveServer]:
    yield shared_server(tmp_path_factory, request)


def follow_events(server: LiveServer, job_id: int) -> tuple[list[dict], dict]:
    """Read the job's event stream until its end event: (progress events, the finished job)."""
    events: list[dict] = []
    current: dict[str, str] = {}
    with httpx.stream(
        "GET", f"{server.url}/api/jobs/{job_id}/events", timeout=httpx.Timeout(30, read=JOB_TIMEOUT)
    ) as response:
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/event-stream")
        for line in response.iter_lines():
            if line.startswith(":"):
                continue
            if line:
                field, _, value = line.partition(":")
                current[field] = value.strip()
                continue
            if current.get("event") == "end":
                return events, json.loads(current["data"])
            if current.get("event") == "progress":
                events.append(json.loads(current["data"]))
            current = {}
    raise AssertionError(f"the stream closed before the job ended:\n{server.log_tail()}")


def test_api_submits_follows_events_and_fetches_all_formats(live: LiveServer) -> None:
    response = live.post("/api/articles", json={**brief(HARBOUR_FILE), "template": "tiny"})
    assert response.status_code == 202, response.text
    job_id = response.json()["id"]
    events, job = follow_events(live, job_id)
    assert job["status"] == "done", f"{job}\n{live.log_tail()}"
    stages = [(e["stage"], e["status"]) for e in events]
    for expected in [
        ("job", "queued"),
        ("job", "running"),
        ("store", "done"),
        ("retrieve", "done"),
        ("write", "start"),
        ("write", "done"),
        ("verify", "done"),
        ("save", "done"),
        ("job", "done"),
    ]:
        assert expected in stages, expected
    sections = [e["data"]["section"] for e in events if e["stage"] == "write" and e["status"] == "start"]
    assert sections == ["intro", "context", "analysis"]
    assert [e["id"] for e in events] == sorted(e["id"] for e in events)

    status = live.get(f"/api/jobs/{job_id}").json()
    assert status["status"] == "done" and status["article_id"] == job["article_id"]
    article_id = status["article_id"]

    as_json = live.get(f"/api/articles/{article_id}")
    assert as_json.status_code == 200
    article = as_json.json()
    jsonschema.validate(article, json.loads(SCHEMA.read_text(encoding="utf-8")))
    assert article["id"] == article_id and article["template"] == "tiny"
    assert [s["id"] for s in article["sections"]] == ["context", "analysis"]

    md = live.get(f"/api/articles/{article_id}", params={"format": "md", "download": "1"})
    assert md.headers["content-type"].startswith("text/markdown")
    assert md.headers["content-disposition"].startswith("attachment;")
    assert md.text.startswith(f"# {article['title']}")

    html = live.get(f"/api/articles/{article_id}", params={"format": "html"})
    page = lxml.html.fromstring(html.text)
    assert page.xpath("string(//article//h1)").strip() == article["title"]
    assert page.xpath("//span[contains(@class, 's ')]//span[@class='tip']")


def test_regenerate_rewrites_one_section_and_keeps_the_rest(live: LiveServer) -> None:
    job_id = live.post("/api/articles", json={**brief(HARBOUR_FILE), "template": "tiny"}).json()["id"]
    article_id = live.wait_for_job(job_id)["article_id"]
    before = live.get(f"/api/articles/{article_id}").json()
    # the embedded model rebuilds the section from the sources, as the article built it: the same sentences, so
    # the job says there is nothing new and no version is made; an answer, not a failure: the job is done, at the
    # article as it was
    same_id = live.post(f"/api/articles/{article_id}/sections/analysis/regenerate", json={}).json()["id"]
    same = live.wait_for_job(same_id)
    assert (same["status"], same["article_id"], same["error"]) == ("done", article_id, None), same
    stream = live.get(f"/api/jobs/{same_id}/events", headers={"accept": "text/event-stream"}).text
    events = [json.loads(line[len("data: ") :]) for line in stream.splitlines() if line.startswith("data: ")]
    said = [e["data"].get("message", "") for e in events if e.get("stage") == "warning"]
    assert any("nothing new for “In-Depth Analysis”" in message for message in said), events
    end = json.loads(stream.split("event: end", 1)[1].split("data: ", 1)[1].splitlines()[0])
    assert end["about"] == {"title": f"{before['title']} (section analysis)", "link": f"/articles/{article_id}"}, end
    assert live.get(f"/api/articles/{article_id}").json()["version"] == 1
    # a version whose section an update emptied: the rewrite fills it and keeps the rest
    archive = open_archive(live.db)
    emptied = archive.get_article(article_id)
    emptied.sections[1].blocks, emptied.version = [], 2
    archive.save_version(emptied, begun_from=1)
    response = live.post(f"/api/articles/{article_id}/sections/analysis/regenerate", json={})
    assert response.status_code == 202
    job = live.wait_for_job(response.json()["id"])
    assert (job["status"], job["kind"], job["article_id"]) == ("done", "regenerate", article_id), job
    after = live.get(f"/api/articles/{article_id}").json()
    assert [s["id"] for s in after["sections"]] == ["context", "analysis"] and after["version"] == 3
    assert after["sections"][1]["blocks"], "written again"
    assert after["intro"] == before["intro"] and after["sections"][0] == before["sections"][0]
    assert after["title"] == before["title"]


def test_the_real_server_answers_bad_requests_with_4xx_json(live: LiveServer) -> None:
    cases = [
        (live.post("/api/articles", json={"headline": "No body"}), 422),
        (live.post("/api/articles", json={"url": "ftp://example.org/x"}), 403),
        (live.post("/api/articles", content=b"headline=x", headers={"content-type": "text/plain"}), 415),
        (live.post("/api/articles", content=b"{", headers={"content-type": "application/json"}), 422),
        (live.get("/api/jobs/424242"), 404),
        (live.get("/api/articles/424242?format=md"), 404),
        (live.get("/api/stories?page=-1"), 422),
        (live.get("/api/health", headers={"host": "rebind.example"}), 421),
    ]
    for response, status in cases:
        assert response.status_code == status, response.text
        assert response.headers["content-type"] == "application/json"
        assert response.json()["status"] == status and response.json()["error"]


XSS_STORY = {
    "headline": "Council backs <script>alert('headline')</script> bike lanes",
    "body": (
        "The Springfield city council voted 7 to 2 on Tuesday to build protected bike lanes along Main Street. "
        "The project will cost 3.4 million dollars <img src=x onerror=alert(1)> and construction starts in "
        "June.\n\nMayor Ana Ruiz said the lanes would make the street <b>safer</b> for everyone. Two council "
        "members voted against the plan, citing the loss of 120 parking spaces."
    ),
}


def test_kill_9_mid_job_then_restart_finishes_every_job_exactly_once(tmp_path: Path) -> None:
    db = tmp_path / "crash.db"
    first = LiveServer(db).start()
    second: LiveServer | None = None
    try:
        workers = first.get("/api/health").json()["workers"]
        # two stories, each a new article by request: identical requests would end in one (Smoke test 35 #6), and
        # a new article of one story that reads as its stored one saves no copy (Smoke test 40a #7)
        # The first story is long: checking its sentences after its first section leaves the kill most of a second
        # (on an idle machine a short story's few were checked and saved within one look at its progress)
        longer = f"{XSS_STORY['body']}\n\n{brief(HARBOUR_FILE)['body']}"
        requests = [
            {
                **XSS_STORY,
                "headline": XSS_STORY["headline"] + suffix,
                "body": body,
                "template": "tiny",
                "regenerate": True,
            }
            for suffix, body in (("", longer), (" on Main Street", XSS_STORY["body"]))
        ]
        ids = [first.post("/api/articles", json=request).json()["id"] for request in requests]
        deadline = time.monotonic() + JOB_TIMEOUT
        while time.monotonic() < deadline:  # mid-job: the intro is written, the rest is not
            progress = first.get(f"/api/jobs/{ids[0]}").json()
            if progress["progress"]["sections_done"] >= 1 or progress["status"] == "done":
                break
            time.sleep(0.02)
        first.kill9()
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and any(pid_alive(pid) for pid in workers):
            time.sleep(0.1)
        assert not any(pid_alive(pid) for pid in workers), "workers must not outlive a killed server"
        with sqlite3.connect(db) as conn:
            states = dict(conn.execute("SELECT id, status FROM jobs"))
            assert states == {ids[0]: "running", ids[1]: "queued"}, "killed mid-job"
            assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 0

        second = LiveServer(db).start()
        jobs = [second.wait_for_job(job_id) for job_id in ids]
        assert [j["status"] for j in jobs] == ["done", "done"], f"{jobs}\n{second.log_tail()}"
        assert jobs[0]["attempts"] == 2 and jobs[1]["attempts"] == 1

        with sqlite3.connect(db) as conn:
            keys = sorted(conn.execute("SELECT request_key, id FROM articles"))
            assert keys == sorted((f"job:{j['id']}", j["article_id"]) for j in jobs), "one article per job"
            done_events = conn.execute(
                "SELECT job_id, count(*) FROM job_events WHERE stage = 'job' AND status = 'done' GROUP BY job_id"
            ).fetchall()
            assert sorted(done_events) == [(ids[0], 1), (ids[1], 1)]
            resumed = conn.execute(
                "SELECT data FROM job_events WHERE job_id = ? AND stage = 'done'", (ids[0],)
            ).fetchone()
        stats = json.loads(resumed[0])["stats"]
        assert stats["cached_calls"] >= 1, "the re-run replays the sections finished before the crash"

        # The story's markup reached the model and the page as data, and is shown as text.
        for job in jobs:
            page = lxml.html.fromstring(second.get(f"/articles/{job['article_id']}").text)
            assert [s.get("src") for s in page.xpath("//script")] == ["/static/app.js"]
            assert not page.xpath("//img | //b[text()='safer']")
            assert "<script>alert('headline')</script>" in page.xpath("string(//section[@id='sources'])")
    finally:
        first.stop()
        if second is not None:
            second.stop()
