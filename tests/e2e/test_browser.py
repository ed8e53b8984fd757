"""Headless Chromium (Debian's ``chromium``, driven by Playwright): an editor submits a brief, watches the job,
reads the article and sees a citation's supporting quote when a sentence is focused or hovered."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator

import pytest
from test_web_live import LiveServer, brief, shared_server

pytestmark = pytest.mark.browser

JOB_TIMEOUT_MS = 300_000


@pytest.fixture(scope="session")
def live(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> Iterator[LiveServer]:
    yield shared_server(tmp_path_factory, request)


def test_a_brief_becomes_an_article_whose_quotes_show_on_focus_and_hover(live: LiveServer, page, tmp_path) -> None:
    from playwright.sync_api import expect

    story = brief()
    page.goto(f"{live.url}/")
    page.fill("#brief", f"{story['headline']}\n\n{story['body']}")
    page.select_option("#template", "tiny")
    page.click("#submit")
    page.wait_for_url(re.compile(r"/jobs/\d+$"))
    shown = page.locator("#job-events li").count()
    # The page follows the job over Server-Sent Events and opens the article when the stream says it is done.
    # (Polled from here: the page's Content-Security-Policy rightly forbids evaluating strings in it.)
    deadline = time.monotonic() + JOB_TIMEOUT_MS / 1000
    while "/articles/" not in page.url and page.locator("#job-events li").count() <= shown:
        assert time.monotonic() < deadline, "no live progress reached the page"
        page.wait_for_timeout(100)
    page.wait_for_url(re.compile(r"/articles/\d+$"), timeout=JOB_TIMEOUT_MS)
    page.screenshot(path=str(tmp_path / "article.png"), full_page=True)

    cited = page.locator("article span.s:has(sup.cite)")
    assert cited.count() >= 1
    sentence = cited.first
    tip = sentence.locator(".tip")
    expect(tip).to_be_hidden()
    sentence.focus()
    expect(tip).to_be_visible()
    quote = tip.locator(".quote").first.inner_text()
    match = re.fullmatch(r"\[(\d+)\] “(.+)”", quote.strip(), re.DOTALL)
    assert match, quote
    source_text = " ".join(f"{story['headline']}\n{story['body']}".split())  # a source's headline is its text too
    assert " ".join(match.group(2).split()) in source_text, "the quote is from the source"
    assert tip.inner_text().split()[0] in {"Fact", "Reasoning", "Opinion"}  # the role, then the verdict
    page.screenshot(path=str(tmp_path / "focused-citation.png"))

    page.locator("header h1").click()  # move focus away: the tooltip closes
    expect(tip).to_be_hidden()
    sentence.hover()
    expect(tip).to_be_visible()
    page.screenshot(path=str(tmp_path / "hovered-citation.png"))
    assert (tmp_path / "article.png").stat().st_size > 10_000
    assert page.errors == [], page.errors


def test_a_file_over_the_limit_is_not_sent_and_the_form_keeps_everything(page, tmp_path) -> None:
    """Smoke test 40a #11: a file of 6 MB or more gave a bare 413 page and lost what was typed. In the browser the
    form now says why without sending (the server's answer, for any client, is in test_web_forms.py)."""
    live = LiveServer(tmp_path / "upload.db", workers=0).start()
    try:
        big = tmp_path / "big.txt"
        big.write_bytes(b"a" * 6_000_000)
        page.goto(f"{live.url}/")
        page.fill("#url", "https://example.org/news/story.html")
        page.select_option("#template", "tiny")
        page.check("#regenerate")
        page.set_input_files("#file", str(big))
        page.click("#submit")
        alert = page.locator("p.error[role=alert]")
        alert.wait_for()
        assert alert.inner_text() == "the file is 6,000,000 bytes; a file may be at most 5,000,000 bytes"
        assert page.url == f"{live.url}/", "nothing was sent"
        assert page.input_value("#url") == "https://example.org/news/story.html"
        assert page.input_value("#template") == "tiny" and page.is_checked("#regenerate")
        assert page.locator("#submit").is_enabled(), "the form can be sent again"
        assert live.get("/api/jobs").json()["items"] == [] and page.errors == []
    finally:
        live.stop()
