"""Articles that develop: a later entry of the story's thread makes version 2, with an Updates log that names the
new figure's source and lists the superseded sentence. The real embedded model, real SQLite, the real command."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from conftest import TINY_TEMPLATE, run_newsdesk
from newsdesk.archive import open_archive
from newsdesk.errors import ConflictError
from newsdesk.ingest import story_from_text
from newsdesk.pipeline import Event, WriteOptions, regenerate_section, write_article
from newsdesk.pipeline.develop import get_version, update_article

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
    assert b"to version 2" in second.stderr
    files = sorted(out.glob("*.json"))
    assert len({f.name.split("-")[0] for f in files}) == 1, "one article, in its versions"
    latest = json.loads(max(files, key=lambda f: f.stat().st_mtime).read_text(encoding="utf-8"))
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

    def meanwhile(event: Event) -> None:  # other runs save versions while this update is being written
        if event.stage == "write" and event.status == "start" and not rewritten:
            emptied = archive.get_article(first.id)  # a section emptied (version 2), then written again (3)
            emptied.sections[0].blocks, emptied.version = [], 2
            archive.save_version(emptied, begun_from=1)
            rewritten.append(regenerate_section(archive, first.id, first.sections[0].id, options))

    with pytest.raises(ConflictError, match="became version 3 while this change was made from version 1"):
        update_article(archive, first.id, options, on_event=meanwhile)
    current = archive.get_article(first.id)
    assert current.version == 3 and current.updates[-1].summary.startswith("Rewrote"), "the rewrite stands"
    assert get_version(archive, first.id, 1).to_dict()["sections"] == first.to_dict()["sections"]
    assert [a["id"] for a in archive.list_articles()] == [first.id], "the update's draft is gone"
