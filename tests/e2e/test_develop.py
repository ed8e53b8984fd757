"""Articles that develop: a later entry of the story's thread makes version 2, with an Updates log that names the
new figure's source and lists the superseded sentence. The real embedded model, real SQLite, the real command."""

from __future__ import annotations

import copy
import json
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import ClassVar

import jsonschema
import pytest

from conftest import DATA, SHARED, SHARED_MISSING, TINY_TEMPLATE, run_newsdesk
from newsdesk.archive import open_archive
from newsdesk.archive.intake import ingest_feed
from newsdesk.errors import ConflictError
from newsdesk.ingest import story_from_text
from newsdesk.ingest.feeds import read_feed
from newsdesk.pipeline import Event, WriteOptions, regenerate_section, write_article
from newsdesk.pipeline.develop import get_version, later_entries, update_article
from support.servers import ThreadedServer

SCHEMA = json.loads(
    (Path(__file__).resolve().parents[2] / "src" / "newsdesk" / "schema" / "article.schema.json").read_text(
        encoding="utf-8"
    )
)

FIRST = """Flash floods in Valencia kill 12 people
Date: 2026-01-10
Publisher: Levante News

Flash floods in the Spanish region of Valencia killed 12 people on Saturday, the regional emergency service said.
Torrential rain overwhelmed the Turia river basin and cut the A-3 motorway between Valencia and Madrid.

Regional president Carlos Mazon said rescue teams were searching for people reported missing in Paiporta and
Chiva. The Spanish army's emergency unit sent 500 soldiers to help with the rescue.
"""
SECOND = """Valencia flood toll rises to 15 as rescue teams reach Paiporta
Date: 2026-01-11
Publisher: Levante News

Flash floods in the Spanish region of Valencia killed 15 people, the regional emergency service said on Sunday,
after rescue teams reached flooded homes in Paiporta. Torrential rain had overwhelmed the Turia river basin.

Regional president Carlos Mazon said the search for people missing in Chiva would continue. The Spanish army's
emergency unit sent 500 more soldiers to Valencia and reopened part of the A-3 motorway to Madrid.
"""


def test_a_later_entry_with_a_new_toll_makes_version_2_with_an_updates_log(tmp_path: Path) -> None:
    db = tmp_path / "develop.db"
    (tmp_path / "first.md").write_text(FIRST, encoding="utf-8")
    (tmp_path / "second.md").write_text(SECOND, encoding="utf-8")
    written = run_newsdesk(
        "write", str(tmp_path / "first.md"), "--template", str(TINY_TEMPLATE), "--format", "json", db=db
    )
    assert written.returncode == 0, written.stderr.decode()
    first = json.loads(written.stdout)
    assert first["version"] == 1 and first["updates"] == []
    up_to_date = run_newsdesk("update", str(first["id"]), db=db)
    assert up_to_date.returncode == 0 and b"up to date" in up_to_date.stderr
    assert run_newsdesk("ingest", str(tmp_path / "second.md"), db=db).returncode == 0

    updated = run_newsdesk("update", str(first["id"]), "--template", str(TINY_TEMPLATE), "--format", "json", db=db)
    assert updated.returncode == 0, updated.stderr.decode()
    second = json.loads(updated.stdout)
    jsonschema.validate(second, SCHEMA)
    assert second["id"] == first["id"] and second["version"] == 2
    log = second["updates"][-1]
    assert "Valencia flood toll rises to 15" in log["summary"]
    new_source = next(s["number"] for s in second["sources"] if s["title"].startswith("Valencia flood toll"))
    assert new_source in log["sources"]
    assert second["sources"][0]["title"].startswith("Valencia flood toll"), "the newest entry is the story now"
    text = " ".join(
        s["text"]
        for sec in [second["intro"], *second["sections"]]
        for b in sec["blocks"]
        for s in b["sentences"]
        if s.get("citations") and s["citations"][0]["source"] == 1
    )
    assert "killed 12 people" not in text, "the old toll is not stated as the story's current figure"
    assert "coverage" not in {sec["id"] for sec in second["sections"]}, "one outlet: no coverage section"

    shown = run_newsdesk("show", str(first["id"]), "--version", "1", "--format", "json", db=db)
    assert shown.returncode == 0, shown.stderr.decode()
    assert json.loads(shown.stdout)["version"] == 1
    assert json.loads(shown.stdout)["sources"][0]["title"] == "Flash floods in Valencia kill 12 people"
    markdown = run_newsdesk("show", str(first["id"]), db=db).stdout.decode()
    assert "## Updates" in markdown and "Valencia flood toll rises to 15" in markdown
    missing = run_newsdesk("show", str(first["id"]), "--version", "7", db=db)
    assert missing.returncode != 0 and b"no version 7" in missing.stderr and b"Traceback" not in missing.stderr
    huge = run_newsdesk("show", str(first["id"]), "--version", str(2**64), db=db)
    assert huge.returncode == 2 and b"--version" in huge.stderr and b"Traceback" not in huge.stderr
    listed = run_newsdesk("archive", "search", "--format", "json", db=db)
    assert sorted(a for row in json.loads(listed.stdout) for a in row["article_ids"]) == [first["id"]], (
        "an update is a new version of the same article, not a second article"
    )
    again = run_newsdesk("write", str(tmp_path / "first.md"), "--template", str(TINY_TEMPLATE), db=db)
    assert again.returncode == 0, again.stderr.decode()
    said = again.stderr.decode()  # Smoke test 42 #22: "written with the same options before" of version 2
    assert "has since been updated from later reports, to version 2" in said and "--version 1" in said, said


def rss(*stories: str) -> str:
    items = []
    for number, text in enumerate(stories):
        headline, _, _, _, *body = text.splitlines()
        day = "10" if number == 0 else "11"
        paragraphs = "".join(f"<p>{p}</p>" for p in "\n".join(body).split("\n\n") if p.strip())
        items.append(
            f"<item><title>{headline}</title><link>https://levante.example/{number}</link>"
            f"<guid>levante-{number}</guid><pubDate>{day} Jan 2026 09:00:00 GMT</pubDate>"
            f"<description><![CDATA[{paragraphs}]]></description></item>"
        )
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Levante News</title>'
        f"<link>https://levante.example/</link><description>news</description>{''.join(items)}</channel></rss>"
    )


def test_feed_write_updates_the_threads_article_instead_of_writing_a_second_one(tmp_path: Path) -> None:
    db, out, feed = tmp_path / "feed.db", tmp_path / "out", tmp_path / "levante.xml"
    feed.write_text(rss(FIRST), encoding="utf-8")
    first = run_newsdesk(
        "feed", str(feed), "--write", "--out", str(out), "--template", str(TINY_TEMPLATE), "--format", "json", db=db
    )
    assert first.returncode == 0, first.stderr.decode()
    feed.write_text(rss(FIRST, SECOND), encoding="utf-8")
    second = run_newsdesk(
        "feed", str(feed), "--write", "--out", str(out), "--template", str(TINY_TEMPLATE), "--format", "json", db=db
    )
    assert second.returncode == 0, second.stderr.decode()
    assert b"made version 2 of article" in second.stderr
    files = sorted(out.glob("*.json"))
    assert len(files) == 1, f"one article, one file: its latest version under its latest title ({files})"
    latest = json.loads(files[0].read_text(encoding="utf-8"))
    assert latest["version"] == 2 and "Valencia flood toll rises to 15" in latest["updates"][-1]["summary"]


OTHER_OUTLET = """Valencia floods: 14 dead, says civil guard
Date: 2026-01-11
Publisher: El Diario

Flash floods in the Spanish region of Valencia killed 14 people, the Civil Guard said on Sunday.
Torrential rain overwhelmed the Turia river basin and flooded homes in Paiporta and Chiva.

Interior minister Fernando Grande-Marlaska said rescue teams were searching for people reported missing. The
Spanish army's emergency unit sent 500 soldiers to Valencia to help with the rescue.
"""


def test_a_thread_with_two_outlets_that_differ_gains_a_checked_coverage_section(tmp_path: Path) -> None:
    db = tmp_path / "coverage.db"
    (tmp_path / "first.md").write_text(FIRST, encoding="utf-8")
    (tmp_path / "other.md").write_text(OTHER_OUTLET, encoding="utf-8")
    written = run_newsdesk(
        "write", str(tmp_path / "first.md"), "--template", str(TINY_TEMPLATE), "--format", "json", db=db
    )
    assert written.returncode == 0, written.stderr.decode()
    first = json.loads(written.stdout)
    assert "coverage" not in {sec["id"] for sec in first["sections"]}, "one entry, one outlet: no coverage section"
    assert run_newsdesk("ingest", str(tmp_path / "other.md"), db=db).returncode == 0

    updated = run_newsdesk("update", str(first["id"]), "--template", str(TINY_TEMPLATE), "--format", "json", db=db)
    assert updated.returncode == 0, updated.stderr.decode()
    second = json.loads(updated.stdout)
    jsonschema.validate(second, SCHEMA)
    coverage = next(sec for sec in second["sections"] if sec["id"] == "coverage")
    assert coverage["heading"] == "How the coverage differs"
    publisher = {s["number"]: s["publisher"] for s in second["sources"]}
    outlet = ""
    shown: dict[str, list[str]] = {}
    for block in coverage["blocks"]:
        if block["type"] == "subheading":
            outlet = block["sentences"][0]["text"]
            continue
        for sentence in block["sentences"]:
            assert sentence["verdict"] == "supported", "checked like every section"
            assert outlet in {publisher[c["source"]] for c in sentence["citations"]}, "cited to the outlet named"
            shown.setdefault(outlet, []).append(sentence["text"])
    assert set(shown) == {"Levante News", "El Diario"}, "each outlet under its own name"
    assert any("14 people" in t for t in shown["El Diario"]) and any("12 people" in t for t in shown["Levante News"])
    assert any("Grande-Marlaska" in t for t in shown["El Diario"]), "what only one outlet reports"
    markdown = run_newsdesk("show", str(first["id"]), db=db).stdout.decode()
    assert "How the coverage differs" in markdown and "El Diario" in markdown


def test_an_entry_about_another_event_never_becomes_a_version_of_the_threads_article(tmp_path: Path) -> None:
    """Templated reports read alike; a version made from another town's would rewrite the article about it."""
    towns = [("Dunmore", "Peter Walsh", 40), ("Carrickmore", "Anne Byrne", 15), ("Ballyglass", "Sean Kelly", 25)]
    items = [
        f"<item><title>River flood damages homes</title><link>https://t.example/{n}</link><guid>t-{n}</guid>"
        f"<pubDate>Mon, 06 May 2024 10:0{n}:00 GMT</pubDate><description>The river flooded {town} on Monday, "
        f"officials said. Mayor {mayor} said {homes} homes were damaged and warned that more rain was expected on "
        "Tuesday.</description></item>"
        for n, (town, mayor, homes) in enumerate(towns)
    ]
    feed = tmp_path / "towns.xml"
    feed.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Towns</title><link>https://t.example/</link>'
        f"<description>news</description>{''.join(items)}</channel></rss>",
        encoding="utf-8",
    )
    db, out = tmp_path / "towns.db", tmp_path / "out"
    result = run_newsdesk(
        "feed", str(feed), "--write", "--out", str(out), "--template", str(TINY_TEMPLATE), "--format", "json", db=db
    )
    assert result.returncode == 0, result.stderr.decode()
    written = [json.loads(f.read_text(encoding="utf-8")) for f in out.glob("*.json")]
    assert sorted(a.get("version", 1) for a in written) == [1, 1, 1]
    for article in written:
        text = json.dumps(article)
        assert sum(town in text for town, _, _ in towns) == 1, "each article tells of its own town alone"


def test_a_version_saved_while_an_update_ran_is_never_written_over(tmp_path: Path) -> None:
    """A section rewritten while an update of the article runs is a version; the update, begun from the version
    before it, saves nothing, says why, and leaves no draft behind."""
    archive = open_archive(tmp_path / "race.db")
    options = WriteOptions(use_cache=False)
    first = write_article(story_from_text(FIRST, "first.md"), options, archive)
    archive.add_story(story_from_text(SECOND, "second.md"))
    rewritten = []

    # a section with sentences of its own: rewritten once emptied, it has them to give again (the dek, which an
    # empty Key Takeaways once gave again, is said already)
    index = next(i for i, section in enumerate(first.sections) if section.sentences())

    def meanwhile(event: Event) -> None:  # other runs save versions while this update is being written
        if event.stage == "write" and event.status == "start" and not rewritten:
            emptied = archive.get_article(first.id)  # a section emptied (version 2), then written again (3)
            emptied.sections[index].blocks, emptied.version = [], 2
            archive.save_version(emptied, begun_from=1)
            rewritten.append(regenerate_section(archive, first.id, first.sections[index].id, options))

    with pytest.raises(ConflictError, match="became version 3 while this change was made from version 1"):
        update_article(archive, first.id, options, on_event=meanwhile)
    current = archive.get_article(first.id)
    assert current.version == 3 and current.updates[-1].summary.startswith("Rewrote"), "the rewrite stands"
    assert get_version(archive, first.id, 1).to_dict()["sections"] == first.to_dict()["sections"]
    assert [a["id"] for a in archive.list_articles()] == [first.id], "the update's draft is gone"


def test_an_entry_that_reached_the_archive_late_never_replaces_the_articles_own_story(tmp_path: Path) -> None:
    """The feeds arrive in any order: an entry of the thread that tells of an earlier moment than the article's
    story becomes background of the new version, the article's own (newer) story stays its story, and the older
    figure it gives corrects nothing."""
    archive = open_archive(tmp_path / "late.db")
    options = WriteOptions(use_cache=False, template=str(TINY_TEMPLATE))
    article = write_article(story_from_text(SECOND, "second.md"), options, archive)  # 11 January: 15 dead
    archive.add_story(story_from_text(FIRST, "first.md"))  # 10 January: 12 dead, stored afterwards
    result = update_article(archive, article.id, options)
    assert result.updated and result.article.version == 2
    titles = [s.title for s in result.article.sources]
    assert titles[0].startswith("Valencia flood toll rises to 15"), titles
    assert any(t.startswith("Flash floods in Valencia kill 12") for t in titles), "the late entry is background"
    assert result.corrections == [], "an earlier report corrects nothing in a later one"
    log = result.article.updates[-1].summary
    assert log.startswith("Added an earlier report as background: “Flash floods in Valencia kill 12"), log
    assert "Updated with" not in log, "an earlier moment is no news"


class Hook(BaseHTTPRequestHandler):
    received: ClassVar[list[dict]] = []

    def do_POST(self) -> None:
        type(self).received.append(json.loads(self.rfile.read(int(self.headers["Content-Length"]))))
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def valencia_updated(tmp_path_factory: pytest.TempPathFactory):
    """FIRST written by the embedded model (tiny template, no cache) and updated with SECOND, in process, with a
    webhook listening: the article as written (a copy taken before the update), the update's result, and what the
    webhook heard. Run once; the tests below only read it."""
    Hook.received = []
    archive = open_archive(tmp_path_factory.mktemp("valencia") / "hook.db")
    options = WriteOptions(use_cache=False, template=str(TINY_TEMPLATE))
    with ThreadedServer(Hook) as served, pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setenv("NEWSDESK_WEBHOOK_URL", served.url("/hook"))
        monkeypatch.setenv("NEWSDESK_WEBHOOK_SECRET", "s3cret")
        article = write_article(story_from_text(FIRST, "first.md"), options, archive)
        written = copy.deepcopy(article)
        archive.add_story(story_from_text(SECOND, "second.md"))
        result = update_article(archive, article.id, options)
    heard = [(h["event"], h["article"]["id"], h["article"]["version"]) for h in Hook.received]
    archive.close()
    return written, result, heard


def test_the_webhook_announces_the_new_version_of_the_article_and_never_the_draft(valencia_updated) -> None:
    """An update writes a draft and saves it as the article's next version: the webhook hears "article.updated"
    for that article and version, and nothing of the draft's passing id; a rewritten section is an update too."""
    article, _, heard = valencia_updated
    assert heard == [("article.published", article.id, 1), ("article.updated", article.id, 2)], heard


@pytest.mark.skipif(not (SHARED / "feeds").is_dir(), reason=SHARED_MISSING)
def test_update_leaves_out_a_thread_entry_about_another_event(tmp_path: Path) -> None:
    """A thread may join a round-up to one of the events it reports (NPR's "Trump administration and Iran, Ukraine
    and Gaza" with BBC's Geneva talks): ``newsdesk update`` takes in only entries about the article's own event,
    as feed polls do, and says which it left out, so the article never turns into one about another event."""
    archive = open_archive(tmp_path / "events.db")
    ingest_feed(archive, read_feed(str(SHARED / "feeds" / "bbc_world.xml")))
    talks = next(s for s in archive.search_stories(limit=100) if "Russia-Ukraine peace talks" in s["headline"])
    article = write_article(archive.get_story(talks["id"]), WriteOptions(template=str(TINY_TEMPLATE)), archive)
    ingest_feed(archive, read_feed(str(SHARED / "feeds" / "npr_world.xml")))
    assert later_entries(archive, article), "the thread gained a later entry (else there is nothing to test)"
    result = update_article(archive, article.id, WriteOptions(template=str(TINY_TEMPLATE)))
    assert result.elsewhere and not result.updated, "the round-up is about another event"
    assert archive.get_article(article.id).version == 1 and archive.get_article(article.id).title == article.title


MORNING = """Storm hits coast, cutting power to thousands
Date: 2026-02-17
Publisher: Coast News

A strong storm hit the coast of Cornwall on Tuesday, cutting power to 20,000 homes. Western Power said repairs
would take two days. The Met Office issued an amber wind warning for the county.
"""
EVENING = """Storm hits coast, cutting power to 35,000 homes
Date: 2026-02-17
Publisher: Coast News

A strong storm hit the coast of Cornwall on Tuesday, cutting power to 35,000 homes, up from 20,000 in the morning.
Western Power said repairs would now take three days. The Met Office raised its warning for the county to red.
"""


def test_a_figure_the_dek_gave_that_a_later_entry_gives_otherwise_is_listed_as_no_longer_current(
    valencia_updated,
) -> None:
    """The dek is the article's first statement, usually the story's lead with its main figure, and no section
    says it again: a toll of 12 that a later entry gives as 15 is listed in the Updates log like any section's
    sentence (smoke test 42 #11: the dek's "$4.2 million flood wall" went unlisted)."""
    article, result, _ = valencia_updated  # FIRST written with the tiny template, then updated with SECOND
    assert "killed 12 people" in article.dek
    stated = " ".join(s.text for section in article.all_sections() for s in section.sentences())
    assert "killed 12 people" not in stated, "the toll stands in the dek alone (else there is nothing to test)"
    assert result.updated and article.dek in result.corrections
    later = next(s.number for s in result.article.sources if s.title.startswith("Valencia flood toll"))
    assert f"No longer current: “{article.dek}” ([{later}] gives it otherwise)" in result.article.updates[-1].summary


NIGHT = """Storm leaves 50,000 homes without power in Cornwall
Date: 2026-02-18
Publisher: Coast News

A strong storm that hit the coast of Cornwall on Tuesday left 50,000 homes without power by Wednesday.
Western Power said repairs would now take four days. The Met Office kept its red warning for the county.
"""


def test_no_version_states_what_any_earlier_updates_log_listed_as_no_longer_current(tmp_path: Path) -> None:
    """Three reports of one outlet: what version 2's log listed stays out of version 3 too, and version 3 gives
    none of the outlet's earlier figures beside its own (the same source body's later figure is an update).

    Version 2 first: the evening's report supersedes the morning's figures, the log lists the old sentences as no
    longer current, citing the later report, and no section of the new version gives them again (the morning's
    report, background now, still carries them, and the story map would date and repeat them). One run of the
    model for both: version 2 here is the same write and update of the same reports."""
    import re

    archive = open_archive(tmp_path / "three.db")
    options = WriteOptions(use_cache=False)
    article = write_article(story_from_text(MORNING, "morning.md"), options, archive)
    archive.add_story(story_from_text(EVENING, "evening.md"))
    second = update_article(archive, article.id, options)
    assert second.updated and second.corrections, "the morning's figures are superseded"
    log = second.article.updates[-1].summary
    evening = next(
        s.number for s in second.article.sources if s.title.startswith("Storm hits coast, cutting power to 35")
    )
    stated = " ".join(s.text for section in second.article.all_sections() for s in section.sentences())
    for superseded in second.corrections:
        assert f"No longer current: “{superseded}” ([{evening}] gives it otherwise)" in log
        assert superseded not in stated, superseded
    archive.add_story(story_from_text(NIGHT, "night.md"))
    third = update_article(archive, article.id, options)
    assert third.updated and third.article.version == 3
    listed = {t for u in third.article.updates for t in re.findall(r"No longer current: “(.+?)” \(", u.summary)}
    assert set(second.corrections) <= listed, "the earlier log is kept"
    stated = " ".join(s.text for section in third.article.all_sections() for s in section.sentences())
    assert not [t for t in listed if t in stated]
    assert "20,000 homes." not in stated and "two days" not in stated, "the morning's figures are not current"


def _copying(invent: dict[str, bool]):
    """A model that copies the story's sentences into every answer, or (``invent["on"]``) writes a sentence no
    source supports into every answer and fails every sentence it is asked to judge."""

    def script(request: dict) -> str:
        user = str(request["messages"][-1]["content"])
        if invent["on"]:
            said = "The council approved the plan on Tuesday."
            return (
                f"TITLE: Why did the council approve the plan?\nDEK: {said}\nINTRO: {said}"
                if "TITLE:" in user
                else said
            )
        if user.startswith("Each numbered sentence"):
            return "\n".join(f"{n}. KEEP" for n in range(1, 40))
        lead = "The Riverton city council voted 7 to 2 on Tuesday to approve a new bus network."
        if "TITLE:" in user:
            return f"TITLE: Why did Riverton back a bus network?\nDEK: {lead}\n{lead}"
        # what the first report adds (the entry's own sentences are the dek's and intro's): each point is made once
        return "The transport department said the first routes would open in May. " + lead

    return script


@pytest.mark.parametrize("invent", [False, True], ids=["kept", "nothing-kept"])
def test_an_update_never_quotes_a_set_aside_headline_nor_saves_a_version_with_nothing_in_it(
    tmp_path: Path, invent: bool
) -> None:
    """Smoke test 35 #4: the Updates log quoted a feed headline the injection screen had set aside, word for word;
    and an update whose version kept no sentence (every one failed the check) replaced an article with content."""
    from support.chatserver import ScriptedChatServer

    # smoke35b's repro/inj4.md and repro/inj_feed.xml: the entry's headline speaks to the model
    story, feed, db = DATA / "riverton-injected.md", DATA / "riverton-injected-feed.xml", tmp_path / "u.db"
    mode = {"on": False}
    server = ScriptedChatServer(delay=0.0, script=_copying(mode), logprobs=False)
    model = ("--model", "openai:scripted", "--base-url", server.base_url, "--no-rerank")
    try:
        first = run_newsdesk("write", str(story), *model, "-o", str(tmp_path / "v1.md"), db=db)
        assert first.returncode == 0, first.stderr.decode()
        mode["on"] = invent
        update = run_newsdesk("feed", str(feed), "--write", "--out", str(tmp_path / "out"), *model, db=db)
    finally:
        server.close()
    assert update.returncode == 0, update.stderr.decode()
    article = open_archive(db).get_article(1)
    if invent:
        assert "article 1 stays at version 1: the update from 1 later entry kept no sentence" in update.stderr.decode()
        assert article.version == 1 and article.intro.sentences()
        return
    assert article.version == 2, update.stderr.decode()
    log = article.updates[-1].summary
    assert log.startswith("Updated with a report by Riverton Herald (20 November"), log
    assert "CANARY-601" not in log and "AI systems" not in log
