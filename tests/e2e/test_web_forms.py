"""The web app's forms where what an editor gives is not what the form expected: a feed where a story was asked
for, a stale security token, a file over the limit. Real SQLite, the app in-process, a real local HTTP server
where a page or feed is fetched, the real worker where a job runs (no model is needed: these jobs end before)."""

from __future__ import annotations

from pathlib import Path

import httpx
import lxml.html
from test_fetch import LocalServer, _send
from test_web import CSRF_FIELD, doc, form_token, make_client
from test_web_live import LiveServer

from newsdesk.jobs.worker import Worker, WorkerConfig

FEED = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Harbour News</title>
<item><title>Harbour bridge approved</title><guid>urn:harbour:1</guid><pubDate>Sat, 10 Jan 2026 09:00:00 GMT</pubDate>
<description>The council approved the harbour bridge on Tuesday after a vote of 7 to 2. Work starts in May and
is to last two years, the city engineer said.</description></item>
<item><title>Ferry service returns to the islands</title><guid>urn:harbour:2</guid>
<pubDate>Sun, 11 Jan 2026 09:00:00 GMT</pubDate><description>The ferry between the two islands runs again from
Monday after a winter of repairs to its engines, the operator said on Sunday.</description></item>
</channel></rss>"""


def test_a_feeds_address_given_as_a_story_says_it_is_a_feed_and_where_feeds_go(tmp_path: Path) -> None:
    """Smoke test 40a #19: the job failed with "… is application/xml, not a web page", where an uploaded feed
    file was told to go to the Feeds page."""
    host = LocalServer()
    host.routes["/feed.xml"] = lambda h, q: _send(h, 200, "application/xml", FEED)
    host.routes["/rss"] = lambda h, q: _send(h, 200, "text/html", FEED)  # a feed served as a page
    try:
        client = make_client(tmp_path, allow_private=True)
        desk = client.app.state.desk
        worker = Worker(
            WorkerConfig(db=tmp_path / "web.db", allow_private=True), queue=desk.queue, archive=desk.archive
        )
        for path in ("/feed.xml", "/rss"):
            job_id = client.post("/api/articles", json={"url": host.url(path)}).json()["id"]
            worker.run_one()
            job = client.get(f"/api/jobs/{job_id}").json()
            assert job["status"] == "failed" and job["error"].startswith(f"{host.url(path)} is a news feed"), job
            assert "Feeds page (/feeds)" in job["error"] and "newsdesk" not in job["error"], "the web app's words"
    finally:
        host.close()


def test_a_feed_file_uploaded_on_the_feeds_page_stores_its_entries_once_and_queues_their_articles(
    tmp_path: Path,
) -> None:
    """Smoke test 40a #19: a feed file had no way in on the web (the Feeds page took only an address)."""
    client = make_client(tmp_path)
    desk = client.app.state.desk
    token = form_token(client, "/feeds")
    sent = client.post(
        "/feeds/file", data={CSRF_FIELD: token, "template": "tiny"}, files={"file": ("harbour.xml", FEED, "text/xml")}
    )
    notice = doc(sent).xpath("string(//p[@id='feed-notice'])")
    assert sent.status_code == 200 and "Harbour News: 2 entries, 2 new" in notice and "2 articles queued" in notice
    jobs = [int(href.rsplit("/", 1)[1]) for href in doc(sent).xpath("//p[@id='feed-notice']/a/@href")]
    assert len(jobs) == 2
    payloads = [desk.queue.get(job_id).payload for job_id in jobs]
    assert all(p["feed_entry_id"] and p["template_name"] == "tiny" for p in payloads)
    assert len(desk.archive.search_stories()) == 2
    assert client.get("/api/feeds").json()["items"] == [], "a file is not watched"

    again = client.post("/feeds/file", data={CSRF_FIELD: token}, files={"file": ("harbour.xml", FEED, "text/xml")})
    assert "0 new, 2 already stored" in doc(again).xpath("string(//p[@id='feed-notice'])")
    assert [int(h.rsplit("/", 1)[1]) for h in doc(again).xpath("//p[@id='feed-notice']/a/@href")] == jobs
    assert len(desk.queue.list_jobs()) == 2, "the entries' jobs are not queued twice"

    story = client.post(
        "/feeds/file",
        data={CSRF_FIELD: token},
        files={"file": ("story.txt", b"Just a story\n\nIt is one.", "text/plain")},
    )
    assert story.status_code == 422 and doc(story).xpath("string(//p[@class='error'])")
    nothing = client.post("/feeds/file", data={CSRF_FIELD: token})
    assert nothing.status_code == 422 and "choose a feed file" in doc(nothing).xpath("string(//p[@class='error'])")


def test_a_stale_token_gives_the_feeds_form_back_filled_in_with_a_token_that_works(tmp_path: Path) -> None:
    """Smoke test 40a #12: the Feeds form lost the typed address on a stale token (the New article form kept it)."""
    client = make_client(tmp_path)
    form_token(client, "/feeds")
    client.cookies.clear()  # the token cookie expired or was cleared after the page loaded
    typed = {"url": "https://example.org/news/rss.xml", "interval_minutes": "30", "template": "tiny"}
    stale = client.post("/feeds", data={CSRF_FIELD: "stale", **typed})
    assert stale.status_code == 403
    page = doc(stale)
    assert page.xpath("string(//input[@id='feed-url']/@value)") == typed["url"]
    assert page.xpath("string(//form[@id='add-feed']//input[@name='interval_minutes']/@value)") == "30"
    assert page.xpath("//form[@id='add-feed']//option[@selected]/@value") == ["tiny"]
    assert "security token" in page.xpath("string(//p[@class='error'])")
    assert client.get("/api/feeds").json()["items"] == [], "nothing was watched"
    fresh = page.xpath(f"//form[@id='add-feed']//input[@name='{CSRF_FIELD}']/@value")[0]
    again = client.post("/feeds", data={CSRF_FIELD: fresh, **typed}, follow_redirects=False)
    assert again.status_code == 303
    assert [f["interval_seconds"] for f in client.get("/api/feeds").json()["items"]] == [1800]


def test_a_file_far_over_the_limit_gives_the_form_back_with_what_was_typed(tmp_path: Path) -> None:
    """Smoke test 40a #11: a file over about 6 MB (the whole body's cap) got a bare 413 page quoting 6,000,000
    bytes, the form and the typed address gone. A real server: the body arrives in pieces, as from a browser."""
    live = LiveServer(tmp_path / "live.db", workers=0).start()
    try:
        with httpx.Client(base_url=live.url, timeout=60) as browser:
            token = lxml.html.fromstring(browser.get("/").text).xpath(f"//input[@name='{CSRF_FIELD}']/@value")[0]
            url = "https://example.org/news/story.html"
            sent = browser.post(
                "/articles/new",
                data={CSRF_FIELD: token, "url": url},
                files={"file": ("big.txt", b"a" * 8_000_000, "text/plain")},
            )
            assert sent.status_code == 413
            page = lxml.html.fromstring(sent.text)
            assert page.xpath("//input[@id='url']/@value") == [url], "what was typed is kept"
            said = page.xpath("string(//p[@class='error'])")
            assert "over 5,000,000 bytes" in said and "6,000,000" not in said, said
            assert browser.get("/api/jobs").json()["items"] == [], "nothing was queued"

            feeds = browser.post(
                "/feeds/file", data={CSRF_FIELD: token}, files={"file": ("big.xml", b"<rss>" * 1_600_000, "text/xml")}
            )
            assert feeds.status_code == 413
            assert "over 5,000,000 bytes" in lxml.html.fromstring(feeds.text).xpath("string(//p[@class='error'])")
            # the same connection's next request is read as a request, not as the rest of the cut body
            assert browser.get("/api/health").status_code == 200
    finally:
        live.stop()
