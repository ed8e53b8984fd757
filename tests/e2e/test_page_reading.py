"""A page is read one way however it comes: fetched (its Content-Type's charset), saved as a file, piped to
standard input, or pasted into the web form or the API (Smoke test 39b #4, #5, #10)."""

from __future__ import annotations

import io
import sys
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import lxml.html
import pytest
from fastapi.testclient import TestClient

from newsdesk.ingest import load_story
from newsdesk.ingest.text import decode_html
from newsdesk.ingest.web import story_from_url
from newsdesk.web import Settings, create_app
from newsdesk.web.csrf import CSRF_FIELD
from support.servers import ThreadedServer

PAGE = """<!doctype html><html lang="en"><head><title>Springfield approves road budget</title></head><body><article>
<h1>Springfield approves road budget</h1>
<p>The city council of Springfield voted on Tuesday to approve a new budget of 12 million dollars for road repairs.</p>
<p>Maire Ségolène Smith said the work on the café district would begin in March, after the winter closures.</p>
<p>The vote was 7 to 2, with two members objecting to the cost of resurfacing the old town's narrow streets.</p>
</article></body></html>"""


class PageServer(ThreadedServer):
    """Serves PAGE as Latin-1 bytes under whatever Content-Type ``?ct=`` names."""

    def __init__(self) -> None:
        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:  # http.server's naming
                query = {k: v[0] for k, v in parse_qs(urlsplit(self.path).query).items()}
                body = PAGE.encode("latin-1")
                self.send_response(200)
                self.send_header("Content-Type", query.get("ct", "text/html"))
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        super().__init__(Handler)


@pytest.fixture(scope="module")
def server():
    with PageServer() as local:
        yield local


@pytest.mark.parametrize("charset", ["undefined", "punycode", "no-such-charset", "utf-8"])
def test_a_fetched_page_whose_charset_fails_is_read_as_a_browser_reads_it(server: PageServer, charset: str) -> None:
    """``undefined`` and ``punycode`` raised a bare UnicodeError (a traceback); a wrong UTF-8 label gave a
    statistical guess (cp1250: "Ségolčne"). A label that fails counts as none: UTF-8, else windows-1252."""
    story = story_from_url(server.url(f"/page?ct=text/html;%20charset={charset}"), allow_private=True)
    assert "Maire Ségolène Smith" in story.body and "café district" in story.body


def test_a_saved_page_reads_as_the_fetched_one(server: PageServer, tmp_path: Path) -> None:
    saved = tmp_path / "page.html"
    saved.write_bytes(PAGE.encode("latin-1"))
    fetched = story_from_url(server.url("/page?ct=text/html;%20charset=utf-8"), allow_private=True)
    assert load_story(str(saved)).body == fetched.body


def test_a_saved_page_s_meta_charset_is_read() -> None:
    page = (
        PAGE.replace("<head>", '<head><meta charset="windows-1251">')
        .replace("Ségolène", "Пётр")
        .replace("café", "кафе")
    )
    assert "Пётр" in decode_html(page.encode("windows-1251"))


@pytest.mark.parametrize(
    "data, charset, text",
    [
        (b"caf\xc3\xa9", "undefined", "café"),
        (b"caf\xc3\xa9", "punycode", "café"),
        (b"caf\xe9 \x80", "utf-8", "café €"),
        (b"caf\xe9 \x81", None, "café \x81"),  # windows-1252 as browsers have it: every byte decodes
        (b"caf\xe9", "iso-8859-1", "café"),
        (b"\x93quoted\x94", "iso-8859-1", "\u201cquoted\u201d"),  # "Latin-1" pages mean windows-1252
        ('<meta charset="utf-16"><p>café'.encode(), None, "<p>café"),  # no UTF-16 page has an ASCII <meta>
        ("\ufeff<p>café".encode("utf-16-le"), "utf-8", "<p>café"),  # a byte-order mark wins
    ],
)
def test_decode_html(data: bytes, charset: str | None, text: str) -> None:
    assert decode_html(data, charset).endswith(text)


def test_a_page_on_standard_input_is_read_as_a_page(monkeypatch: pytest.MonkeyPatch) -> None:
    """Read as a story text, a piped page was an article headed "<!" with its markup for a dek."""
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"\n  " + PAGE.encode())))
    story = load_story("-")
    assert story.headline == "Springfield approves road budget" and story.origin == "html"
    assert "<" not in story.body and "Ségolène" in story.body


@pytest.fixture
def client(tmp_path: Path) -> TestClient:
    settings = Settings(db=tmp_path / "web.db", background=False)
    return TestClient(create_app(settings), base_url="http://127.0.0.1:8000")


def test_a_page_pasted_as_the_brief_or_the_api_body_is_read_as_a_page(client: TestClient) -> None:
    token = lxml.html.fromstring(client.get("/").text).xpath(f"//input[@name='{CSRF_FIELD}']/@value")[0]
    sent = client.post("/articles/new", data={CSRF_FIELD: token, "brief": PAGE}, follow_redirects=False)
    assert sent.status_code == 303
    posted = client.post("/api/articles", json={"headline": "Road budget passes", "body": "\ufeff" + PAGE})
    assert posted.status_code == 202
    stories = client.get("/api/stories").json()["items"]
    assert {story["headline"] for story in stories} == {"Springfield approves road budget", "Road budget passes"}
    for item in stories:
        body = client.app.state.desk.archive.get_story(item["id"]).body
        assert "<" not in body and "Ségolène" in body
