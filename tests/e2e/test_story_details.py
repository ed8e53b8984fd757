"""A story's Source: line is checked as a JSON story's "url" is: a link that leads nowhere is refused, from a file,
standard input, the form and the API alike; a publisher's name is a publisher (Smoke test 39b #9)."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from newsdesk.errors import InputError
from newsdesk.ingest import load_story
from newsdesk.models import web_url
from newsdesk.web import Settings, create_app

BODY = "The bridge closed on Monday after an inspection found cracks. Engineers said repairs would take weeks."


@pytest.mark.parametrize(
    "value", ["http://[::1", "https://news.example:99999/a", "https://:80/", "ftp://news.example/a"]
)
def test_a_source_line_that_is_no_web_address_is_refused(tmp_path: Path, value: str) -> None:
    story = tmp_path / "story.txt"
    story.write_text(f"Bridge closes\nSource: {value}\n\n{BODY}\n")
    with pytest.raises(InputError, match="Source: line must give an http:// or https:// address"):
        load_story(str(story))
    json_story = tmp_path / "story.json"
    json_story.write_text(f'{{"headline": "Bridge closes", "url": "{value}", "body": "{BODY}"}}')
    with pytest.raises(InputError, match='"url" must be an http:// or https:// address'):
        load_story(str(json_story))


@pytest.mark.parametrize(
    "value, url, source",
    [("https://news.example/bridge", "https://news.example/bridge", None), ("Reuters", None, "Reuters")],
)
def test_a_source_line_is_a_link_or_a_publisher(tmp_path: Path, value: str, url: str | None, source: str | None):
    story = tmp_path / "story.txt"
    story.write_text(f"Bridge closes\nSource: {value}\n\n{BODY}\n")
    loaded = load_story(str(story))
    assert (loaded.url, loaded.source) == (url, source)


def test_web_url_takes_only_addresses_a_parser_reads() -> None:
    assert web_url("https://[::1]:8080/a") == "https://[::1]:8080/a"
    assert web_url("http://[::1") is None and web_url("http://a.example:port/") is None


def test_the_api_refuses_a_brief_whose_source_line_leads_nowhere(tmp_path: Path) -> None:
    client = TestClient(
        create_app(Settings(db=tmp_path / "web.db", background=False)), base_url="http://127.0.0.1:8000"
    )
    refused = client.post("/api/articles", json={"headline": "Bridge closes", "body": f"Source: http://[::1\n\n{BODY}"})
    assert refused.status_code == 400 and "Source: line must give" in refused.text
    assert client.get("/api/stories").json()["items"] == []
