"""Jobs named by what they are about, and the New article page's recent jobs without the routine feed polls.
Real SQLite and queue, the app in-process; jobs are moved through the queue as a worker moves them."""

from __future__ import annotations

from pathlib import Path

from test_web import BRIEF, doc, make_client, saved_article

from newsdesk.models import Story


def test_jobs_say_what_they_are_about_and_routine_polls_leave_the_recent_jobs_to_editors(tmp_path: Path) -> None:
    """Smoke test 40a #20: six of eight recent jobs were routine polls of a feed watched every minute, and no job
    line, job page or API answer named the story or feed a job was about."""
    client = make_client(tmp_path)
    desk = client.app.state.desk
    queue, archive = desk.queue, desk.archive
    feed_id = archive.feeds.watch("https://example.org/news/rss.xml", 60)
    archive.feeds.add("https://example.org/news/rss.xml", "Example News")

    def polled(fails: bool = False) -> int:
        job = queue.enqueue("poll", {"feed_id": feed_id, "url": "https://example.org/news/rss.xml"})
        queue.claim("w")
        if fails:
            queue.fail(job.id, "w", "the feed timed out")
        else:
            queue.complete(job.id, "w")
        return job.id

    written = desk.submit_story(Story(headline=BRIEF["headline"], body=BRIEF["body"]), "tiny")
    by_address = desk.submit_url("https://example.org/news/ferry.html", "tiny")
    queue.claim("w")  # the writes are claimed now, so that the polls after them are claimed one by one
    queue.claim("w")
    article_id = saved_article(client, title="Bike lanes approved")
    rewrite = queue.enqueue("regenerate", {"article_id": article_id, "section_id": "context"})
    queue.claim("w")
    failed_poll = polled(fails=True)
    routine = [polled() for _ in range(8)]

    recent = doc(client.get("/")).xpath("//ul[@id='recent-jobs']/li")
    listed = [int(item.xpath("string(./a[1])").split()[1]) for item in recent]
    assert listed == [failed_poll, rewrite.id, by_address.id, written.id], "routine polls are left out"
    assert not set(routine) & set(listed)
    about = {job_id: item.xpath(".//*[@class='about']")[0] for job_id, item in zip(listed, recent, strict=True)}
    story_id = queue.get(written.id).payload["story_id"]
    assert about[written.id].text_content() == BRIEF["headline"]
    assert about[written.id].get("href") == f"/stories/of/{story_id}"
    assert about[by_address.id].text_content() == "https://example.org/news/ferry.html"
    assert about[rewrite.id].text_content() == "Bike lanes approved (section context)"
    assert about[rewrite.id].get("href") == f"/articles/{article_id}"
    assert (about[failed_poll].text_content(), about[failed_poll].get("href")) == ("Example News", "/feeds")

    api = client.get(f"/api/jobs/{written.id}").json()
    assert api["about"] == {"title": BRIEF["headline"], "link": f"/stories/of/{story_id}"}
    items = client.get("/api/jobs").json()["items"]
    assert {item["id"]: item["about"]["title"] for item in items}[routine[0]] == "Example News"
    job_page = doc(client.get(f"/jobs/{written.id}"))
    assert job_page.xpath("string(//p[@id='job-about'])") == f"About: {BRIEF['headline']}"
