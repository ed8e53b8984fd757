"""The web app's feed polls develop a thread's article: a polled entry of a thread that already has an article makes
a new version of it (not a second article), and the article page shows what changed between the versions. The real
embedded model, real SQLite, the real worker, a feed file read by the real feed reader."""

from __future__ import annotations

from pathlib import Path

import lxml.html
from fastapi.testclient import TestClient

from newsdesk.archive import open_archive
from newsdesk.jobs import queue_for
from newsdesk.jobs.worker import Worker, WorkerConfig
from newsdesk.progress import describe
from newsdesk.web import Settings, create_app
from newsdesk.web.desk import Desk
from newsdesk.web.settings import template_menu

TINY = Path(__file__).resolve().parents[1] / "data" / "tiny-template.yaml"

FIRST = """<item><title>Flash floods in Valencia kill 12 people</title><guid>urn:levante:1</guid>
<pubDate>Sat, 10 Jan 2026 09:00:00 GMT</pubDate><description>Flash floods in the Spanish region of Valencia killed 12
people on Saturday, the regional emergency service said. Torrential rain overwhelmed the Turia river basin and cut the
A-3 motorway between Valencia and Madrid. Regional president Carlos Mazon said rescue teams were searching for people
reported missing in Paiporta and Chiva.</description></item>"""
SECOND = """<item><title>Valencia flood toll rises to 15 as rescue teams reach Paiporta</title>
<guid>urn:levante:2</guid><pubDate>Sun, 11 Jan 2026 09:00:00 GMT</pubDate>
<description>Flash floods in the Spanish region of Valencia killed 15 people,
the regional emergency service said on Sunday, after rescue teams reached flooded homes in Paiporta &amp; Chiva.
Torrential rain had overwhelmed the Turia river basin. Regional president Carlos Mazon said the search for people
missing in Chiva would continue.</description></item>"""


def rss(*items: str) -> str:
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Levante News</title>'
        + "".join(items)
        + ("</channel></rss>")
    )


def test_a_polled_entry_of_a_thread_updates_its_article_and_the_page_shows_the_change(tmp_path: Path) -> None:
    db = tmp_path / "web.db"
    feed_file = tmp_path / "levante.xml"
    feed_file.write_text(rss(FIRST), encoding="utf-8")
    archive = open_archive(db)
    desk = Desk(Settings(db=db, background=False), archive, queue_for(archive))
    feed_id = archive.feeds.watch(
        str(feed_file.resolve()), 600, {"template": str(TINY), "template_name": "tiny", "model": "smollm2"}
    )
    worker = Worker(WorkerConfig(db=db), queue=desk.queue, archive=archive)

    desk.enqueue_poll(archive.feeds.get(feed_id))
    assert worker.run_one().kind == "poll"
    first_write = worker.run_one()
    assert first_write.kind == "write"
    article_id = desk.queue.get(first_write.id).article_id
    assert article_id is not None and archive.get_article(article_id).version == 1

    feed_file.write_text(rss(FIRST, SECOND), encoding="utf-8")
    desk.enqueue_poll(archive.feeds.get(feed_id))
    assert worker.run_one().kind == "poll"
    second_write = worker.run_one()
    assert second_write.kind == "write" and desk.queue.get(second_write.id).status == "done"
    assert desk.queue.get(second_write.id).article_id == article_id, "the thread's article, not a new one"
    # Smoke test 39a #6: the job's log named the update's temporary draft ("Saved as article 2", an article that
    # never exists) and then said nothing was done ("Already written with the same options")
    said = [describe(e.stage, e.status, e.data) or "" for e in desk.queue.events_since(second_write.id)]
    assert f"Saved as version 2 of article {article_id}" in said, said
    assert f"Done: article {article_id}, version 2" in said, said
    assert not [line for line in said if line.startswith(("Saved as article", "Already written"))], said
    assert [line for line in said if line.startswith("Done:")] == [f"Done: article {article_id}, version 2"], said
    assert [a["id"] for a in archive.list_articles()] == [article_id], "one article for the thread"
    article = archive.get_article(article_id)
    assert article.version == 2 and article.updates and "Valencia flood toll rises to 15" in article.updates[-1].summary
    entries = archive.feeds.entries(str(feed_file.resolve()))
    assert [e.article_id for e in entries] == [article_id, article_id], "both entries point at the one article"

    client = TestClient(
        create_app(Settings(db=db, background=False, templates=template_menu([str(TINY)]))),
        base_url="http://127.0.0.1:8000",
    )
    page = client.get(f"/articles/{article_id}")
    assert page.status_code == 200
    html = lxml.html.fromstring(page.text)
    changes = html.xpath("//section[@id='changes']")
    assert changes and "since version 1" in changes[0].text_content()
    added = [li.text_content() for li in html.xpath("//section[@id='changes']//ul[@class='added']/li")]
    removed = [li.text_content() for li in html.xpath("//section[@id='changes']//ul[@class='removed']/li")]
    assert any("15" in s for s in added), "the new figure is shown as added"
    assert not set(added) & set(removed), "a sentence is added or removed, not both"
    assert "&amp;amp;" not in page.text, "escaped once, not twice"
    # a "since" is read as "version" is, never ignored: no such earlier version is 404, no number 422
    assert client.get(f"/articles/{article_id}?since=9").status_code == 404
    assert client.get(f"/articles/{article_id}?since=2").status_code == 404, "the current version is not earlier"
    for bad in ("abc", "0", "%C2%B2"):  # "²" is a digit to str.isdigit, not to int
        assert client.get(f"/articles/{article_id}?since={bad}").status_code == 422, bad
    since_first = client.get(f"/articles/{article_id}?since=1")
    assert since_first.status_code == 200 and "since version 1" in since_first.text
    assert client.get(f"/articles/{article_id}?version=1&since=1").status_code == 404, "read against the shown one"

    earlier = lxml.html.fromstring(client.get(f"/articles/{article_id}?version=1").text)
    assert "This is version 1 of this article" in earlier.xpath("string(//*[@id='old-version'])")
    assert not earlier.xpath("//section[@id='changes']") and not earlier.xpath("//form[@id='regenerate']")
    as_json = client.get(f"/api/articles/{article_id}?version=1").json()
    assert as_json["version"] == 1 and as_json["updates"] == []
    assert earlier.xpath("string(//h1)").strip() == as_json["title"] != article.title, "version 1 as it was"
    assert client.get(f"/api/articles/{article_id}?version=9").status_code == 404
    huge = client.get(f"/api/articles/{article_id}?version=99999999999999999999")  # smoke test 43 #13
    assert huge.status_code == 422
    assert (
        huge.json()["error"] == "version: more than the archive can number: ids and versions are whole numbers from 1"
    )
    assert client.get(f"/articles/{article_id}?version=9").status_code == 404
    for odd in (str(2**64), "abc", "0", "%C2%B2"):  # the page and the API read ?version alike: no version is 422
        html, api = (
            client.get(f"/articles/{article_id}?version={odd}"),
            client.get(f"/api/articles/{article_id}?version={odd}"),
        )
        assert html.status_code == api.status_code == 422, odd
        assert "version" in lxml.html.fromstring(html.text).xpath("string(//main)"), "the page names what is wrong"


def test_the_librarys_button_on_a_thread_entry_updates_the_threads_article_not_a_new_one(tmp_path: Path) -> None:
    """Smoke test 40a #16: every Library row offered "Write an article", with no word of the article a story had,
    and on an entry of a thread that had an article it wrote one more article for the thread."""
    from newsdesk.models import Story
    from newsdesk.web.csrf import CSRF_FIELD

    db = tmp_path / "web.db"
    client = TestClient(
        create_app(Settings(db=db, background=False, templates=template_menu([str(TINY)]))),
        base_url="http://127.0.0.1:8000",
    )
    desk = client.app.state.desk
    worker = Worker(WorkerConfig(db=db), queue=desk.queue, archive=desk.archive)
    first = Story(
        headline="Flash floods in Valencia kill 12 people",
        body=" ".join(lxml.html.fromstring(FIRST).xpath("string(//description)").split()),
        published="2026-01-10",
        source="Levante News",
    )
    first_job = desk.submit_story(first, "tiny")
    worker.run_one()
    article_id = desk.queue.get(first_job.id).article_id
    assert article_id is not None
    second = Story(
        headline="Valencia flood toll rises to 15 as rescue teams reach Paiporta",
        body=" ".join(lxml.html.fromstring(SECOND).xpath("string(//description)").split()),
        published="2026-01-11",
        source="Levante News",
    )
    second_id, _ = desk.archive.add_story(second)
    first_id = desk.archive.get_article(article_id).story.id

    library = lxml.html.fromstring(client.get("/library").text)
    rows = {row.xpath("string(.//b)"): row for row in library.xpath("//ol[@id='stories']/li")}
    first_row, second_row = rows[first.headline], rows[second.headline]
    assert first_row.xpath(".//a[@class='read']/@href") == [f"/articles/{article_id}"], "its article is linked"
    assert not first_row.xpath(".//button"), "no second write of a story that has its article"
    assert second_row.xpath(".//a[@class='read']/@href") == [f"/articles/{article_id}"], "the thread's article"
    assert second_row.xpath("string(.//button)") == "Update it with this story"
    token = library.xpath(f"//input[@name='{CSRF_FIELD}']/@value")[0]
    answer = client.post(f"/stories/{second_id}/write", data={CSRF_FIELD: token}, follow_redirects=False)
    assert answer.status_code == 303
    job_id = int(answer.headers["location"].rsplit("/", 1)[1])
    assert worker.run_one().id == job_id
    job = desk.queue.get(job_id)
    assert (job.status, job.article_id) == ("done", article_id), job.error
    assert [a["id"] for a in desk.archive.list_articles()] == [article_id], "one article for the thread"
    article = desk.archive.get_article(article_id)
    assert article.version == 2 and first_id != second_id
