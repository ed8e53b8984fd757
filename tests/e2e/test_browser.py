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
