"""`newsdesk write` and the web app on one archive: the same story with the same options is one article, whichever
face wrote it first (Smoke test 40a #6: each face keyed its requests with its own prefix, so each wrote its own
copy). The real command line in a child process, the real web app and worker, the real embedded model, real SQLite.
"""

from __future__ import annotations

import json
from pathlib import Path

from fastapi.testclient import TestClient

from conftest import SHORT_BRIEF, TINY_TEMPLATE, run_newsdesk
from newsdesk.jobs.worker import Worker, WorkerConfig
from newsdesk.progress import describe
from newsdesk.web import Settings, create_app
from newsdesk.web.settings import template_menu


def _story(headline: str) -> dict[str, str]:
    """A pasted story as the API takes it (headline and text): the JSON story file the CLI reads holds the same."""
    return {"headline": headline, "body": SHORT_BRIEF.read_text(encoding="utf-8").split("\n\n", 2)[2].strip()}


def _write(db: Path, story: dict[str, str], folder: Path) -> tuple[int, str]:
    story_file = folder / "story.json"
    story_file.write_text(json.dumps(story), encoding="utf-8")
    result = run_newsdesk("write", str(story_file), "--template", str(TINY_TEMPLATE), "--format", "json", db=db)
    assert result.returncode == 0, result.stderr.decode()
    return int(json.loads(result.stdout)["id"]), result.stderr.decode()


def _submit(client: TestClient, story: dict[str, str]) -> int:
    response = client.post("/api/articles", json={**story, "template": "tiny"})
    assert response.status_code == 202, response.text
    return int(response.json()["id"])


def test_the_cli_and_the_web_app_return_each_others_stored_article(tmp_path: Path) -> None:
    db = tmp_path / "shared.db"
    story = _story("City council approves new bike lanes on Main Street")
    article_id, _ = _write(db, story, tmp_path)

    client = TestClient(
        create_app(Settings(db=db, background=False, templates=template_menu([str(TINY_TEMPLATE)]))),
        base_url="http://127.0.0.1:8000",
    )
    desk = client.app.state.desk
    job_id = _submit(client, story)
    worker = Worker(WorkerConfig(db=db), queue=desk.queue, archive=desk.archive)
    assert worker.run_one().id == job_id
    job = client.get(f"/api/jobs/{job_id}").json()
    assert (job["status"], job["article_id"]) == ("done", article_id), "the CLI's article, not a second one"
    assert [a["id"] for a in desk.archive.list_articles()] == [article_id]

    # "Write a new article" calls the model again (Smoke test 40a #7: its one call came from the cache) and, as the
    # embedded model writes the same article again, saves no copy of it and says so
    response = client.post("/api/articles", json={**story, "template": "tiny", "regenerate": True})
    assert worker.run_one().id == (job_id := int(response.json()["id"]))
    assert client.get(f"/api/jobs/{job_id}").json()["article_id"] == article_id
    said = [describe(e.stage, e.status, e.data) for e in desk.queue.events_since(job_id)]
    assert f"Written again, word for word article {article_id}: no copy was saved" in said, said
    assert any(e.stage == "llm" for e in desk.queue.events_since(job_id)), "the model was called, not the cache"
    assert [a["id"] for a in desk.archive.list_articles()] == [article_id]

    # and the other way round: a story the web app wrote first is the CLI's stored article
    other = _story("Council approves bike lanes on Elm Street too")
    job_id = _submit(client, other)
    assert worker.run_one().id == job_id
    web_article = client.get(f"/api/jobs/{job_id}").json()["article_id"]
    assert web_article not in (None, article_id)
    again, said = _write(db, other, tmp_path)
    assert again == web_article and "written with the same options before" in said
