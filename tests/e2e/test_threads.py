"""Story threads (``newsdesk.threads``): real stories, the real encoder and spaCy, real SQLite and PostgreSQL."""

from __future__ import annotations

import json
from pathlib import Path

import lxml.html
from fastapi.testclient import TestClient

from conftest import run_newsdesk
from newsdesk.archive import Archive, open_archive
from newsdesk.models import Story
from newsdesk.threads import (
    cluster,
    get_thread,
    list_threads,
    thread_of,
    update_threads,
)
from newsdesk.web.app import create_app
from newsdesk.web.settings import Settings

# One event (a dam breach in Brazil) told by two publishers on one day and followed up a week and two weeks later;
# an unrelated story on the same days; and the same dam months later, beyond any window.
DAM = [
    (
        "Dam breach in Minas Gerais floods town of Brumadinho",
        "2026-01-10",
        "Globo",
        (
            "A tailings dam owned by the mining company Vale collapsed on Friday near Brumadinho in the "
            "Brazilian state of "
            "Minas Gerais, sending a torrent of mud through the town. Firefighters said at least 40 people "
            "were missing. "
            "Governor Romeu Zema flew over the area and declared a state of emergency. Vale said it was "
            "cooperating with "
            "the authorities."
        ),
    ),
    (
        "Vale dam collapse in Brazil leaves dozens missing",
        "2026-01-10",
        "Reuters",
        (
            "Dozens of people were missing after a Vale tailings dam burst near Brumadinho in Minas Gerais, Brazil, on "
            "Friday, officials said. Mud buried the mining company's canteen and nearby homes. Minas Gerais "
            "governor Romeu "
            "Zema declared an emergency, and Vale shares fell sharply in New York trading."
        ),
    ),
    (
        "Brumadinho toll rises as Vale faces criminal inquiry over dam",
        "2026-01-17",
        "Globo",
        (
            "The number of confirmed dead from the Brumadinho dam collapse rose to 65, firefighters in Minas "
            "Gerais said. "
            "Federal prosecutors opened a criminal inquiry into Vale over the tailings dam, and a judge froze "
            "funds of the "
            "mining company to pay for the damage. Governor Romeu Zema said Vale must answer for the disaster."
        ),
    ),
    (
        "Vale executives charged over Brumadinho tailings dam disaster",
        "2026-01-30",
        "Reuters",
        (
            "Prosecutors in Minas Gerais charged five Vale executives with homicide over the collapse of the "
            "Brumadinho "
            "tailings dam. The mining company said it would contest the charges. Families of the victims "
            "gathered outside "
            "the court in Belo Horizonte."
        ),
    ),
]
OTHER = (
    "Tokyo stock exchange hit by trading halt after software fault",
    "2026-01-10",
    "Reuters",
    (
        "Trading on the Tokyo Stock Exchange was halted for most of Thursday after a fault in its Arrowhead trading "
        "software, the exchange operator Japan Exchange Group said. Brokers in Osaka and Nagoya reported orders "
        "stuck for hours. The Financial Services Agency asked the operator for a report on the outage."
    ),
)
LATER = (
    "Brumadinho marks anniversary with new memorial near Vale mine",
    "2026-09-20",
    "Globo",
    (
        "Residents of Brumadinho in Minas Gerais unveiled a memorial to the victims of the Vale tailings dam "
        "collapse. The mining company has paid compensation to families, and Governor Romeu Zema attended the "
        "ceremony."
    ),
)


def story(headline: str, published: str, source: str, body: str) -> Story:
    return Story(
        headline=headline,
        body=body,
        published=published,
        source=source,
        url=f"https://news.example.org/{published}/{abs(hash(headline))}",
    )


def grouping(archive: Archive) -> set[frozenset[str]]:
    return {frozenset(e.headline for e in t.entries) for t in list_threads(archive)}


def test_one_event_from_two_publishers_and_its_follow_ups_is_one_thread(db_location) -> None:
    archive = open_archive(db_location)
    for item in (*DAM, OTHER, LATER):
        archive.add_story(story(*item))
    update = update_threads(archive)
    assert update.read == 6
    assert grouping(archive) == {frozenset(h for h, *_ in DAM), frozenset([OTHER[0]]), frozenset([LATER[0]])}
    thread = get_thread(archive, thread_of(archive, 1) or 0)
    assert [e.publisher for e in thread.entries] == ["Globo", "Reuters", "Globo", "Reuters"]
    assert thread.first_seen.startswith("2026-01-10") and thread.last_seen.startswith("2026-01-30")
    assert update_threads(archive).read == 0, "a story is read once"


def test_threads_do_not_depend_on_the_order_stories_arrive_in(tmp_path: Path) -> None:
    forwards, backwards = open_archive(tmp_path / "a.db"), open_archive(tmp_path / "b.db")
    items = [*DAM, OTHER, LATER]
    for item in items:
        forwards.add_story(story(*item))
    for item in reversed(items):
        backwards.add_story(story(*item))
    update_threads(forwards)
    update_threads(backwards)
    assert grouping(forwards) == grouping(backwards)


def test_a_story_that_bridges_two_threads_merges_them_and_the_older_id_stays(db_location) -> None:
    archive = open_archive(db_location)
    first, bridge, last = DAM[0], DAM[2], DAM[3]
    archive.add_story(story(*first))
    archive.add_story(story(last[0], "2026-02-08", *last[2:]))  # 29 days after the first: no link on its own
    update_threads(archive)
    assert len(list_threads(archive)) == 2
    kept = thread_of(archive, 1)
    archive.add_story(story(bridge[0], "2026-01-22", *bridge[2:]))  # 12 days after the first, 17 before the last
    update = update_threads(archive)
    assert [(c.kind, c.thread_id) for c in update.changes] == [("merged", kept)]
    assert {thread_of(archive, s) for s in (1, 2, 3)} == {kept}
    rows = archive.db.execute("SELECT kind, thread_id, other_ids FROM thread_changes").fetchall()
    assert [(r["kind"], r["thread_id"], json.loads(r["other_ids"])) for r in rows] == [
        ("merged", kept, update.changes[0].other_ids)
    ]


def test_a_split_keeps_the_id_for_the_larger_part_and_is_recorded() -> None:
    previous = {1: 5, 2: 5, 3: 5, 4: 7}
    groups = [[1, 2], [3], [4]]
    ids = cluster.reconcile(groups, previous)
    assert ids == [5, None, 7]
    assert [(c.kind, c.thread_id, c.other_ids) for c in cluster.changes(groups, [5, 9, 7], previous)] == [
        ("split", 5, [9])
    ]


def test_stories_command_lists_threads_as_json(tmp_path: Path) -> None:
    db = tmp_path / "cli.db"
    files = []
    for number, (headline, published, source, body) in enumerate([*DAM[:2], OTHER]):
        path = tmp_path / f"story{number}.md"
        path.write_text(f"{headline}\nDate: {published}\nPublisher: {source}\n\n{body}\n", encoding="utf-8")
        files.append(str(path))
    ingested = run_newsdesk("ingest", *files, db=db)
    assert ingested.returncode == 0, ingested.stderr
    listed = run_newsdesk("stories", "--format", "json", db=db)
    assert listed.returncode == 0, listed.stderr
    threads = json.loads(listed.stdout)
    assert sorted(len(t["entries"]) for t in threads) == [1, 2]
    for thread in threads:
        assert set(thread) == {"id", "title", "first_seen", "last_seen", "entries"}
        for entry in thread["entries"]:
            assert set(entry) == {"story_id", "url", "headline", "publisher", "published"}
    pair = next(t for t in threads if len(t["entries"]) == 2)
    assert {e["publisher"] for e in pair["entries"]} == {"Globo", "Reuters"}
    text = run_newsdesk("stories", "--min-entries", "2", db=db)
    out = text.stdout.decode()
    assert text.returncode == 0 and DAM[0][0] in out and OTHER[0] not in out


def test_stories_command_on_a_missing_database_is_one_line(tmp_path: Path) -> None:
    result = run_newsdesk("stories", db=tmp_path / "missing.db")
    error = result.stderr.decode()
    assert result.returncode != 0 and "Traceback" not in error and "missing.db" in error
    assert len(error.strip().splitlines()) == 1


def test_web_stories_page_and_every_story_links_to_its_thread(tmp_path: Path) -> None:
    db = tmp_path / "web.db"
    archive = open_archive(db)
    for item in (*DAM[:2], OTHER):
        archive.add_story(story(*item))
    client = TestClient(create_app(Settings(db=db, background=False)), base_url="http://127.0.0.1:8000")
    listing = client.get("/stories")
    assert listing.status_code == 200 and DAM[0][0] in listing.text and OTHER[0] in listing.text
    assert 'href="/stories/of/1"' in client.get("/library").text
    moved = client.get("/stories/of/2", follow_redirects=False)
    assert moved.status_code == 303
    thread = client.get(moved.headers["location"])
    assert thread.status_code == 200 and DAM[0][0] in thread.text and DAM[1][0] in thread.text
    assert OTHER[0] not in thread.text
    assert client.get("/stories/of/999").status_code == 404


def test_the_stories_page_shows_a_page_of_threads_at_a_time(tmp_path: Path, monkeypatch) -> None:
    """An archive holds thousands of threads: the page lists a page of each kind, with the way to the next."""
    from newsdesk.web import stories_page

    monkeypatch.setattr(stories_page, "PAGE_SIZE", 1)
    db = tmp_path / "paged.db"
    archive = open_archive(db)
    for item in (*DAM[:2], OTHER, LATER):  # one thread of two; two of one entry (the memorial is months later)
        archive.add_story(story(*item))
    client = TestClient(create_app(Settings(db=db, background=False)), base_url="http://127.0.0.1:8000")
    first, second = client.get("/stories"), client.get("/stories?page=2")
    assert first.status_code == second.status_code == 200
    assert 'rel="next"' in first.text and 'rel="prev"' not in first.text
    assert 'rel="prev"' in second.text and 'rel="next"' not in second.text
    singles = [OTHER[0], LATER[0]]
    assert sum(h in first.text for h in singles) == 1 and sum(h in second.text for h in singles) == 1
    assert DAM[0][0] in first.text and DAM[0][0] not in second.text
    assert client.get("/stories?page=abc").text == first.text, "an odd page number is the first page"
    past = client.get("/stories?page=9").text
    assert "past the last" in past and "No stories yet" not in past, "past the end is not an empty archive"
    # Smoke test 35 #13: the Library said "No articles. No stories." past its end, and a thread "1 entries"
    library = lxml.html.fromstring(client.get("/library?page=999").text)
    said = [p.text_content() for p in library.xpath("//p[@class='empty']")]
    assert said == ["No more articles: this page is past the last.", "No more stories: this page is past the last."]
    assert "No articles." in client.get("/library").text, "an archive with no article says so on its first page"
    meta = lxml.html.fromstring(client.get("/stories/of/3").text).xpath("string(//p[@class='meta'])")
    assert " · 1 entry · " in meta, meta


def test_background_comes_from_earlier_entries_of_the_thread_and_never_from_an_unrelated_story(tmp_path) -> None:
    from newsdesk.text import date_phrase
    from newsdesk.threads.background import thread_background

    archive = open_archive(tmp_path / "bg.db")
    ids = {}
    for item in (*DAM, OTHER, LATER):
        ids[item[0]], _ = archive.add_story(story(*item))
    latest = archive.get_story(ids[DAM[3][0]])
    found = thread_background(archive, latest, limit=4)
    # earlier entries, newest first; the two of one day in the order they were stored
    assert [b.story.headline for b in found] == [DAM[2][0], DAM[0][0], DAM[1][0]]
    assert all(b.passages for b in found)
    alone = thread_background(archive, archive.get_story(ids[OTHER[0]]), limit=4)
    assert alone == [], "a story with no thread and nothing related gets no background rather than an unrelated one"
    assert date_phrase("2024-01-17T09:00:00+00:00") == "On 17 January 2024"
    assert date_phrase("not a date") is None


SHARES = (
    "Vale shares slump in Sao Paulo as investors weigh Brumadinho costs",
    "2026-01-12",
    "Valor",
    (
        "Shares in the mining company Vale fell 24 per cent in Sao Paulo on Monday, wiping billions off its market "
        "value. Analysts said fines and compensation for the Brumadinho dam collapse in Minas Gerais could cost Vale "
        "several billion dollars. The company suspended its dividend and said it would decommission ten similar dams."
    ),
)


def test_a_related_story_reported_later_is_no_background(tmp_path) -> None:
    """A related thread's story is context only for stories after it: a later report tells what came next."""
    from newsdesk.threads.background import thread_background

    archive = open_archive(tmp_path / "later.db")
    breach, _ = archive.add_story(story(*DAM[0]))
    shares, _ = archive.add_story(story(*SHARES))
    assert [b.story.id for b in thread_background(archive, archive.get_story(shares), limit=4)] == [breach]
    assert thread_background(archive, archive.get_story(breach), limit=4) == []
    archive.close()


def test_a_first_write_takes_its_background_from_the_thread_as_ingested(tmp_path) -> None:
    """Writing an ingested entry by id: its sources are its thread's earlier entries, and the log says so."""
    db = tmp_path / "first.db"
    archive = open_archive(db)
    ids = {}
    for item in (*DAM, OTHER):
        ids[item[0]], _ = archive.add_story(story(*item))
    update_threads(archive)  # as `newsdesk ingest` and `feed` do
    archive.close()
    done = run_newsdesk("write", str(ids[DAM[3][0]]), "--format", "json", db=db)
    assert done.returncode == 0, done.stderr
    sources = [s["title"] for s in json.loads(done.stdout)["sources"]]
    assert sources[0] == DAM[3][0]
    assert {DAM[0][0], DAM[1][0], DAM[2][0]} <= set(sources[1:]), sources
    assert OTHER[0] not in sources
    assert "3 entries of its thread" in done.stderr.decode()


def test_each_outlet_shows_its_latest_figure_where_the_outlets_disagree() -> None:
    """An outlet's own earlier figure is an update, not its account: Levante News's 15 stands, its 12 does not,
    beside El Diario's 14; one publisher alone has nothing to compare."""
    from newsdesk.models import Passage, Source
    from newsdesk.threads.coverage import outlet_points

    def source(number: int, publisher: str, published: str, text: str) -> Source:
        return Source(
            number=number,
            title=f"Report {number}",
            publisher=publisher,
            published=published,
            passages=[Passage(text=text, story_id=number, position=0)],
        )

    sources = [
        source(1, "Levante News", "2026-01-10", "Flash floods in Valencia killed 12 people, officials said."),
        source(2, "Levante News", "2026-01-11", "Flash floods in Valencia killed 15 people, officials said."),
        source(3, "El Diario", "2026-01-11", "Flash floods in Valencia killed 14 people, said Carlos Mazon."),
    ]
    points = {outlet: [(text, s.number) for text, s in found] for outlet, found in outlet_points(sources).items()}
    assert points["Levante News"] == [(sources[1].passages[0].text, 2)], points
    assert points["El Diario"] == [(sources[2].passages[0].text, 3)], points
    assert outlet_points(sources[:2]) == {}, "one publisher: nothing to compare"


def test_the_story_map_reads_the_story_and_its_thread_as_the_story(db_location) -> None:
    """The sections built from the story map take the story's own sources: the story and the entries of its
    thread, read as stored; the same dam months later is another event, a related story only."""
    from newsdesk.models import Source
    from newsdesk.pipeline.narrowing import own_sources

    archive = open_archive(db_location)
    for item in (*DAM, OTHER, LATER):
        archive.add_story(story(*item))
    sources = [
        Source(number=1, title=DAM[2][0], role="story", story_id=3),
        Source(number=2, title=DAM[0][0], role="background", story_id=1),
        Source(number=3, title=LATER[0], role="background", story_id=6),
    ]
    assert own_sources(sources, archive, 3) == [1], "not threaded yet: the story alone"
    update_threads(archive)
    assert own_sources(sources, archive, 3) == [1, 2]


def test_an_earlier_entry_of_the_thread_gives_more_than_its_opening_passage(tmp_path) -> None:
    """Smoke test 39a #5: an update dropped still-true facts of the thread's first report (a state of emergency)
    because each earlier entry gave background through its one best passage; an entry of the story's own thread
    told an earlier state of the same event, so it gives several."""
    from newsdesk.threads.background import THREAD_ENTRY_PASSAGES, thread_background

    archive = open_archive(tmp_path / "passages.db")
    headline, published, source, _ = DAM[0]
    paragraphs = "\n\n".join(  # a report long enough to be stored as several passages
        [
            "A tailings dam owned by the mining company Vale collapsed on Friday near Brumadinho in the Brazilian "
            "state of Minas Gerais, sending a torrent of mud through the town. Firefighters said at least 40 people "
            "were missing. Rescue teams from Belo Horizonte searched the mud with dogs and helicopters through the "
            "night, and the army sent 100 soldiers to reach houses the torrent had cut off from the main road.",
            "Governor Romeu Zema flew over the area and declared a state of emergency. He said the state would open "
            "an inquiry into the collapse and asked Vale to pay for shelter for the families of Brumadinho who lost "
            "their homes, and for the clean-up of the Paraopeba river, into which the mud had begun to flow.",
            "Vale said it was cooperating with the authorities. The company said the dam had passed its last "
            "inspection and that it had opened a telephone line for the relatives of its workers at the mine, many "
            "of whom had been eating lunch in a canteen below the dam when it gave way on Friday afternoon.",
        ]
    )
    ids = {}
    for item in ((headline, published, source, paragraphs), *DAM[1:]):
        ids[item[0]], _ = archive.add_story(story(*item))
    assert len(archive.passages(ids[headline])) > 1
    latest = archive.get_story(ids[DAM[3][0]])
    found = {b.story.headline: b for b in thread_background(archive, latest, limit=4)}
    given = found[headline].passages
    assert 1 < len(given) <= THREAD_ENTRY_PASSAGES
    assert any("state of emergency" in p.text for p in given)
