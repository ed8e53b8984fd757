"""The feed out: Atom and JSON Feed of published articles, and the signed webhook, received on 127.0.0.1."""

from __future__ import annotations

import json
import time
from datetime import datetime
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import ClassVar

import feedparser
import pytest
from fastapi.testclient import TestClient
from test_web import saved_article

from newsdesk.archive import Archive
from newsdesk.pipeline.webhooks import SIGNATURE_HEADER, Webhook, notify, send, verify_signature
from newsdesk.web.app import create_app
from newsdesk.web.settings import Settings
from support.servers import ThreadedServer

SECRET = "s3cret-for-tests"


def make_client(tmp_path: Path, **settings) -> TestClient:
    return TestClient(
        create_app(Settings(db=tmp_path / "out.db", background=False, **settings)), base_url="http://127.0.0.1:8000"
    )


def test_feeds_are_off_until_the_operator_turns_them_on(tmp_path: Path) -> None:
    client = make_client(tmp_path)
    saved_article(client)
    assert client.get("/feeds/articles.atom").status_code == 404
    assert client.get("/feeds/articles.json").status_code == 404


def test_atom_and_json_feeds_parse_strictly_and_need_no_token(tmp_path: Path) -> None:
    client = make_client(tmp_path, public_feeds=True, token="tok")
    # the token guards everything else: the article itself is not public
    first = saved_article(client, title="Bike lanes <approved> & funded")
    second = saved_article(client, text="The mayor signed the budget.", title="Budget signed")
    assert client.get(f"/articles/{first}").status_code == 401
    atom = client.get("/feeds/articles.atom")
    assert atom.status_code == 200 and atom.headers["content-type"].startswith("application/atom+xml")
    parsed = feedparser.parse(atom.content)
    assert parsed.bozo == 0 and parsed.version == "atom10"
    assert [e.title for e in parsed.entries] == ["Budget signed", "Bike lanes <approved> & funded"]
    entry = parsed.entries[1]
    assert entry.link.endswith(f"/articles/{first}") and entry.updated and entry.published
    assert entry["newsdesk_version"] == "1"
    data = client.get("/feeds/articles.json")
    assert data.status_code == 200
    # feedparser 6.0 reads no JSON Feed: the JSON Feed 1.1 spec's required fields and formats are checked here
    assert data.headers["content-type"].startswith("application/feed+json")
    feed = json.loads(data.content)
    assert feed["version"] == "https://jsonfeed.org/version/1.1" and feed["title"]
    items = feed["items"]
    for item in items:
        assert isinstance(item["id"], str) and item["url"].startswith("http://127.0.0.1:8000/articles/")
        assert datetime.fromisoformat(item["date_published"]) <= datetime.fromisoformat(item["date_modified"])
    assert [i["_newsdesk"] for i in items] == [
        {"article_id": second, "version": 1},
        {"article_id": first, "version": 1},
    ]
    assert all(i["date_modified"] for i in items)


def test_an_entry_id_does_not_change_with_the_name_the_server_is_reached_by(tmp_path: Path) -> None:
    """Smoke test 40a #14: the ids were the request's address, so a reader subscribed through "localhost" and
    "127.0.0.1" saw every article twice."""
    client = make_client(tmp_path, public_feeds=True)
    saved_article(client)
    ids = []
    for host in ("127.0.0.1:8000", "localhost:8000"):
        atom = feedparser.parse(client.get("/feeds/articles.atom", headers={"Host": host}).content)
        data = json.loads(client.get("/feeds/articles.json", headers={"Host": host}).content)
        assert atom.entries[0].link.startswith(f"http://{host}/"), "links still follow the address used"
        ids.append((atom.feed.id, atom.entries[0].id, data["items"][0]["id"]))
    assert ids[0] == ids[1] and ids[0][1].startswith("tag:") and ids[0][1] == ids[0][2]


def test_a_character_xml_forbids_never_breaks_the_atom_feed(tmp_path: Path) -> None:
    """Smoke test 35 #3: intake strips such characters; the feed drops them as well, whatever route a title took."""
    client = make_client(tmp_path, public_feeds=True)
    saved_article(client, text="The bridge \ufffe reopened\x0b on Monday.", title="Bridge \uffff reopens")
    parsed = feedparser.parse(client.get("/feeds/articles.atom").content)
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    assert parsed.entries[0].title == "Bridge  reopens"
    assert parsed.entries[0].summary == "The bridge  reopened on Monday."


class Receiver(BaseHTTPRequestHandler):
    """Answers each POST with the next status of ``statuses`` and keeps what it received."""

    statuses: ClassVar[list[int]] = []
    received: ClassVar[list[tuple[bytes, dict[str, str]]]] = []

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        type(self).received.append((body, dict(self.headers)))
        status = type(self).statuses.pop(0) if type(self).statuses else 200
        self.send_response(status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def receiver():
    Receiver.statuses, Receiver.received = [], []
    with ThreadedServer(Receiver) as served:
        yield served.url("/hook")


def test_webhook_is_signed_retried_with_backoff_and_recorded(tmp_path: Path, receiver: str) -> None:
    client = make_client(tmp_path)
    archive: Archive = client.app.state.desk.archive
    article = archive.get_article(saved_article(client))
    Receiver.statuses = [503, 500]
    waits: list[float] = []
    delivery = send(Webhook(receiver, SECRET), "article.published", article, archive, sleep=waits.append)
    assert delivery.delivered and delivery.attempts == 3 and delivery.status == 200
    assert waits == [0.5, 1.0], "the wait doubles before each retry"
    bodies = {body for body, _ in Receiver.received}
    assert len(bodies) == 1, "every attempt sends the same body"
    body, headers = Receiver.received[-1]
    assert verify_signature(body, SECRET, headers[SIGNATURE_HEADER])
    assert not verify_signature(body, "another secret", headers[SIGNATURE_HEADER])
    assert not verify_signature(body + b" ", SECRET, headers[SIGNATURE_HEADER])
    payload = json.loads(body)
    assert payload["event"] == "article.published" and payload["article"]["id"] == article.id
    assert payload["article"]["version"] == 1
    row = archive.db.execute("SELECT * FROM webhook_deliveries").fetchone()
    assert (row["delivered"], row["attempts"], row["status"], row["article_id"]) == (1, 3, 200, article.id)


def test_a_refused_webhook_is_not_retried_and_a_bad_configuration_never_raises(
    tmp_path: Path, receiver: str, monkeypatch
) -> None:
    client = make_client(tmp_path)
    archive: Archive = client.app.state.desk.archive
    article = archive.get_article(saved_article(client))
    Receiver.statuses = [400]
    delivery = send(Webhook(receiver, SECRET), "article.updated", article, archive, sleep=lambda _: None)
    assert not delivery.delivered and delivery.attempts == 1 and delivery.error == "HTTP 400"
    problems: list[str] = []
    monkeypatch.setenv("NEWSDESK_WEBHOOK_URL", receiver)
    monkeypatch.delenv("NEWSDESK_WEBHOOK_SECRET", raising=False)
    assert notify(archive, "article.published", article, on_problem=problems.append) is None
    assert len(problems) == 1 and "NEWSDESK_WEBHOOK_SECRET" in problems[0]
    monkeypatch.setenv("NEWSDESK_WEBHOOK_SECRET", SECRET)
    assert notify(archive, "article.published", article).delivered
    assert [r["delivered"] for r in archive.db.execute("SELECT delivered FROM webhook_deliveries ORDER BY id")] == [
        0,
        1,
    ]


class SlowReceiver(BaseHTTPRequestHandler):
    """Takes each POST and answers after a second: longer than the test's time-out."""

    received: ClassVar[int] = 0

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers["Content-Length"]))
        type(self).received += 1
        time.sleep(1.0)
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args) -> None:
        pass


def test_a_receiver_that_times_out_is_not_sent_the_event_again(tmp_path: Path, monkeypatch) -> None:
    """A receiver that slow may have taken the event; each retry would hold the run (a web worker) as long again."""
    from newsdesk.pipeline import webhooks

    monkeypatch.setattr(webhooks, "TIMEOUT", 0.3)
    client = make_client(tmp_path)
    archive: Archive = client.app.state.desk.archive
    article = archive.get_article(saved_article(client))
    SlowReceiver.received = 0
    with ThreadedServer(SlowReceiver) as served:
        delivery = send(
            Webhook(served.url("/hook"), SECRET), "article.published", article, archive, sleep=lambda _: None
        )
    assert not delivery.delivered and delivery.attempts == 1 and SlowReceiver.received == 1
    assert delivery.error is not None and delivery.error.startswith("no answer in 0.3 s")
