"""Feeds: the shared real feeds, small hand-made ones in every format, malformed ones from hypothesis, dedup."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_fetch import LocalServer, _send

from conftest import SHARED, SHARED_MISSING
from newsdesk.archive import Archive, open_archive
from newsdesk.archive.intake import ingest_feed, ingest_source
from newsdesk.cli import cli
from newsdesk.errors import BlockedURLError, FetchError, InputError
from newsdesk.ingest.feeds import FeedEntry, clean_link, looks_like_feed, parse_feed, read_feed
from newsdesk.ingest.fetch import Fetcher

FEEDS = SHARED / "feeds"
REAL = {"bbc_world.xml": 33, "npr_world.xml": 10, "aljazeera.xml": 25}
pytestmark = pytest.mark.skipif(not FEEDS.is_dir(), reason=SHARED_MISSING)

RSS_091 = b"""<?xml version="1.0"?><rss version="0.91"><channel><title>Old Wire</title><link>http://old.example/</link>
<description>d</description><language>en-us</language>
<item><title>Dam opens after ten years</title><link>http://old.example/dam</link>
<description>The dam opened on Friday after ten years of building.</description></item></channel></rss>"""
RSS_10 = b"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
 xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="http://rdf.example/"><title>RDF Wire</title><link>http://rdf.example/</link><description>d</description>
<items><rdf:Seq><rdf:li rdf:resource="http://rdf.example/a"/></rdf:Seq></items></channel>
<item rdf:about="http://rdf.example/a"><title>Rail strike ends</title><link>http://rdf.example/a</link>
<description>Unions ended the rail strike on Monday.</description><dc:date>2026-01-05T10:00:00Z</dc:date></item>
</rdf:RDF>"""
ATOM = b"""<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom" xml:lang="de">
<title>Atom Wire</title><id>urn:uuid:feed</id><updated>2026-01-05T10:00:00Z</updated>
<entry><title>Hafen wieder offen</title><id>urn:uuid:entry-1</id><link href="https://atom.example/hafen"/>
<updated>2026-01-05T10:00:00Z</updated><author><name>Anna Berg</name></author>
<content type="html">&lt;p&gt;Der Hafen ist seit Montag wieder offen.&lt;/p&gt;
&lt;p&gt;Die Schiffe fahren.&lt;/p&gt;</content>
</entry></feed>"""


def _rss(items: list[tuple[str, str, str]]) -> bytes:
    body = "".join(
        f"<item><title>{t}</title><link>{link}</link><guid>{link}</guid><description>{d}</description></item>"
        for t, link, d in items
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Test Wire</title>{body}</channel></rss>'.encode()


@pytest.fixture
def archive(db_location) -> Archive:
    return open_archive(db_location)


# -- the real feeds -----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("name, count", sorted(REAL.items()))
def test_real_feeds_parse_completely(name: str, count: int) -> None:
    feed = read_feed(str(FEEDS / name))
    assert len(feed.entries) == count and not feed.skipped and feed.problem is None
    assert feed.language == "en"
    for entry in feed.entries:
        assert entry.title and entry.text and entry.guid and entry.published
        assert entry.link and entry.link.startswith("https://")
        assert "at_medium" not in entry.link and "traffic_source" not in entry.link


def test_npr_full_text_comes_from_content_encoded() -> None:
    feed = read_feed(str(FEEDS / "npr_world.xml"))
    assert all(entry.full_text for entry in feed.entries)
    assert feed.entries[0].author == "Geoff Brumfiel"
    assert not any("Image credit" in entry.text for entry in feed.entries)  # boilerplate dropped
    assert feed.publisher == "NPR"  # "NPR Topics: World" on npr.org: the outlet, not its section


def test_al_jazeera_publisher_is_the_short_name() -> None:
    assert read_feed(str(FEEDS / "aljazeera.xml")).publisher == "Al Jazeera"


def test_the_publisher_is_the_part_of_the_title_that_names_the_site() -> None:
    # "Tech – TIME" on time.com: the section comes first, the outlet second
    assert read_feed(str(FEEDS / "time_tech.xml")).publisher == "TIME"
    assert read_feed(str(FEEDS / "rest_of_world.xml")).publisher == "Rest of World"  # "Rest of World - "
    assert read_feed(str(FEEDS / "bbc_world.xml")).publisher == "BBC News"  # described as "BBC News - World"
    # a title with no separator, or a colon before the section: the words the site's address names
    if (FEEDS / "ndtv.xml").is_file():
        assert read_feed(str(FEEDS / "ndtv.xml")).publisher == "NDTV"  # "NDTV News Search Records Found 1000"
    if (FEEDS / "el_pais.xml").is_file():
        assert read_feed(str(FEEDS / "el_pais.xml")).publisher == "EL PAÍS"  # "EL PAÍS in English"


def test_ingest_all_real_feeds_and_rerun_stores_nothing_twice(archive: Archive) -> None:
    for name, count in REAL.items():
        report = ingest_feed(archive, read_feed(str(FEEDS / name)))
        assert (report.new, report.duplicates) == (count, 0)
    for name, count in REAL.items():
        report = ingest_feed(archive, read_feed(str(FEEDS / name)))
        assert (report.new, report.duplicates) == (0, count)
    assert len(archive.search_stories(limit=1000)) == sum(REAL.values())
    story = archive.get_story(archive.feeds.entries(str((FEEDS / "npr_world.xml").resolve()))[0].story_id)
    assert story.origin == "feed" and story.source == "NPR" and story.published.startswith("2026-02-17")


# -- formats ------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "data, title, language",
    [
        (RSS_091, "Dam opens after ten years", "en"),
        (RSS_10, "Rail strike ends", None),
        (ATOM, "Hafen wieder offen", "de"),
    ],
)
def test_every_feed_format(data: bytes, title: str, language: str | None) -> None:
    feed = parse_feed(data, "test")
    assert [e.title for e in feed.entries] == [title]
    assert feed.entries[0].text and feed.entries[0].link
    if language:
        assert feed.language == language


def test_atom_content_keeps_paragraphs_and_author() -> None:
    entry = parse_feed(ATOM, "atom").entries[0]
    assert entry.text == "Der Hafen ist seit Montag wieder offen.\n\nDie Schiffe fahren."
    assert entry.full_text and entry.author == "Anna Berg" and entry.guid == "urn:uuid:entry-1"


# -- malformed feeds ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"   ",
        b"hello world",
        b"<html><body><p>not a feed</p></body></html>",
        b"\x00\x01\x02\xff\xfe",
        b"<rss><channel><title>x</title>",
        # cut off inside its first entry: malformed, and not one whole entry to read (it used to be "1 skipped")
        b'<?xml version="1.0"?><rss><channel><title>T</title><item><title>unterminated',
    ],
)
def test_not_a_feed_is_a_clear_input_error(data: bytes) -> None:
    with pytest.raises(InputError, match="not a readable RSS or Atom feed|is empty|not an RSS or Atom feed"):
        parse_feed(data, "bad.xml")


def test_a_story_file_given_as_a_feed_says_which_commands_take_it() -> None:
    with pytest.raises(InputError, match="not an RSS or Atom feed .*`newsdesk write` and `newsdesk ingest` take"):
        parse_feed(b"Bridge reopens\n\nThe harbour bridge reopened on Monday.", "story.txt")


def test_truncated_real_feed_keeps_the_complete_entries() -> None:
    data = (FEEDS / "bbc_world.xml").read_bytes()
    cut = [m.end() for m in re.finditer(rb"</item>", data)][4] + 40  # five whole items, then part of a sixth
    feed = parse_feed(data[:cut], "cut.xml")
    assert feed.problem  # said, not hidden
    titles = [e.title for e in read_feed(str(FEEDS / "bbc_world.xml")).entries[:5]]
    assert [e.title for e in feed.entries[:5]] == titles


_REAL_BYTES = {name: (FEEDS / name).read_bytes() for name in REAL} if FEEDS.is_dir() else {}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    name=st.sampled_from(sorted(REAL)), cut=st.floats(0.0, 1.0), junk=st.binary(max_size=40), where=st.floats(0.0, 1.0)
)
def test_mangled_real_feeds_never_crash(name: str, cut: float, junk: bytes, where: float) -> None:
    """Truncate a real feed anywhere and splice junk bytes in: an InputError or the entries that survived."""
    data = _REAL_BYTES[name]
    data = data[: int(len(data) * cut)]
    at = int(len(data) * where)
    data = data[:at] + junk + data[at:]
    complete = len(re.findall(rb"</item>", data[:at]))  # items wholly before the junk
    try:
        feed = parse_feed(data, "mangled.xml")
    except InputError as error:
        assert "\n" not in str(error)
        return
    assert all(isinstance(e, FeedEntry) and e.title for e in feed.entries)
    assert len(feed.entries) >= complete  # every entry wholly before the damage is kept


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.text(max_size=30), st.text(max_size=60)), max_size=5), st.binary(max_size=60))
def test_generated_feeds_never_crash(items: list[tuple[str, str]], tail: bytes) -> None:
    """Arbitrary text (markup characters, control characters, entities) inside items, garbage after."""
    body = "".join(f"<item><title>{t}</title><description>{d}</description></item>" for t, d in items)
    data = f'<rss version="2.0"><channel><title>gen</title>{body}</channel></rss>'.encode("utf-8", "replace") + tail
    try:
        feed = parse_feed(data, "generated.xml")
    except InputError:
        return
    for entry in feed.entries:
        assert entry.title and "\x00" not in entry.text


# -- dedup --------------------------------------------------------------------------------------------------------
def test_dedup_by_guid_link_and_content_hash(archive: Archive, tmp_path: Path) -> None:
    first = parse_feed(
        _rss(
            [
                ("Port reopens", "https://w.example/port?utm_source=rss", "The port reopened today."),
                ("Bridge opens", "https://w.example/bridge", "The bridge opened today."),
            ]
        ),
        "feed-a",
    )
    assert ingest_feed(archive, first).new == 2
    again = parse_feed(
        _rss(
            [
                ("Port reopens (updated)", "https://w.example/port", "The port reopened today, officials said."),
                ("Bridge opens", "https://w.example/bridge-2", "The bridge opened today."),
            ]
        ),
        "feed-a",
    )
    report = ingest_feed(archive, again)
    # same title+text under another link: a duplicate; the same link (without tracking) with another text: the
    # entry revised since, stored as a story of its own in the first one's thread, the first text kept
    assert (report.new, report.duplicates, report.revised) == (0, 1, 1)
    assert "1 revised" in report.summary()
    port = [e for e in archive.feeds.entries("feed-a") if e.link == "https://w.example/port"]
    assert [archive.get_story(e.story_id).headline for e in port] == ["Port reopens", "Port reopens (updated)"]
    third = ingest_feed(archive, again)
    assert (third.new, third.duplicates, third.revised) == (0, 2, 0), "a revision seen again is a duplicate"
    from newsdesk.threads import thread_of, update_threads

    update_threads(archive)
    assert thread_of(archive, port[0].story_id) == thread_of(archive, port[1].story_id), "one thread: it develops"


def test_same_story_in_two_feeds_shares_one_story(archive: Archive) -> None:
    items = [("Port reopens", "https://w.example/port", "The port reopened today.")]
    ingest_feed(archive, parse_feed(_rss(items), "feed-a"))
    report = ingest_feed(archive, parse_feed(_rss(items), "feed-b"))
    assert (report.new, report.duplicates) == (0, 1)
    a, b = archive.feeds.entries("feed-a"), archive.feeds.entries("feed-b")
    assert len(a) == len(b) == 1 and a[0].story_id == b[0].story_id


def test_clean_link_drops_tracking_and_fragments() -> None:
    assert clean_link("https://x.example/a?at_medium=RSS&at_campaign=rss&id=3#top") == "https://x.example/a?id=3"
    assert clean_link("javascript:alert(1)") == "" and clean_link("/relative") == ""


# -- feeds and pages over HTTP, through the guard -----------------------------------------------------------------
@pytest.fixture(scope="module")
def server():
    local = LocalServer()
    feed = _rss([("Harbour bridge approved", f"http://127.0.0.1:{local.port}/page", "Council approves bridge.")])
    local.routes["/feed.xml"] = lambda h, q: _send(h, 200, "application/rss+xml", feed)
    local.routes["/feed-as-text"] = lambda h, q: _send(h, 200, "text/plain", feed)
    local.routes["/image"] = lambda h, q: _send(h, 200, "image/png", b"\x89PNG....")
    yield local
    local.close()


def test_feed_url_is_refused_without_allow_private(server: LocalServer) -> None:
    with pytest.raises(BlockedURLError):
        read_feed(server.url("/feed.xml"))


def test_feed_url_and_fetch_full_text(server: LocalServer, archive: Archive) -> None:
    feed = read_feed(server.url("/feed.xml"), allow_private=True)
    assert read_feed(server.url("/feed-as-text"), allow_private=True).entries
    report = ingest_feed(archive, feed, fetch_full=True, fetcher=Fetcher(allow_private=True))
    assert report.new == 1 and not report.fetch_failures
    story = archive.get_story(archive.feeds.entries(server.url("/feed.xml"))[0].story_id)
    assert story.headline == "Harbour bridge approved"  # the feed's title
    assert "40 million euros" in story.body  # the page's text


def test_one_feed_address_written_two_ways_is_one_feed_on_the_command_line(
    server: LocalServer, archive: Archive
) -> None:
    other_way = server.url("/feed.xml").replace("http://127.0.0.1", "HTTP://127.0.0.1") + "#latest"
    for url in (server.url("/feed.xml"), other_way):
        ingest_source(archive, url, allow_private=True)
    assert [feed.url for feed in archive.feeds.all()] == [server.url("/feed.xml")], "the web face's rule, here too"


def test_fetch_full_text_refused_keeps_the_summary(server: LocalServer, archive: Archive) -> None:
    feed = read_feed(server.url("/feed.xml"), allow_private=True)
    report = ingest_feed(archive, feed, fetch_full=True, fetcher=Fetcher())  # the page fetch is refused
    assert report.new == 1 and len(report.fetch_failures) == 1 and "refused" in report.fetch_failures[0]


def test_ingest_source_tells_feeds_from_pages(server: LocalServer, archive: Archive) -> None:
    assert ingest_source(archive, server.url("/feed.xml"), allow_private=True).entries == 1
    page = ingest_source(archive, server.url("/page"), allow_private=True)
    assert "bridge" in (page.title or "").lower()
    assert (page.new, page.duplicates) == (0, 1)  # the feed entry links to this very page: stored once
    with pytest.raises(FetchError, match="image/png"):
        ingest_source(archive, server.url("/image"), allow_private=True)


def test_oversized_feed_file_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import newsdesk.ingest.feeds as feeds

    path = tmp_path / "big.xml"
    path.write_bytes(_rss([("x", "https://x.example/", "y" * 5000)]))
    monkeypatch.setattr(feeds, "DEFAULT_MAX_BYTES", 1000)
    with pytest.raises(InputError, match="at most 1,000"):
        read_feed(str(path))


# -- CLI ----------------------------------------------------------------------------------------------------------
def test_ingest_cli_counts_reruns_and_reports_bad_sources(tmp_path: Path) -> None:
    db = str(tmp_path / "cli.db")
    bad = tmp_path / "bad.xml"
    bad.write_text("<rss><channel><title>broken")
    runner = CliRunner()
    result = runner.invoke(cli, ["ingest", str(FEEDS / "npr_world.xml"), str(bad), "--db", db])
    assert result.exit_code == 2
    assert "NPR Topics: World: 10 entries, 10 new" in result.output
    assert "bad.xml" in result.output and "1 of 2 sources could not be ingested" in result.output
    assert "Traceback" not in result.output
    again = runner.invoke(cli, ["ingest", str(FEEDS / "npr_world.xml"), "--db", db])
    assert again.exit_code == 0 and "0 new, 10 already stored" in again.output
    search = runner.invoke(cli, ["archive", "search", "nuclear test", "--db", db])
    assert search.exit_code == 0 and "Chinese nuclear test" in search.output
    feeds = runner.invoke(cli, ["archive", "feeds", "--db", db])
    assert "10 entries" in feeds.output


def test_feed_cli_lists_entries_and_needs_out_for_write(tmp_path: Path) -> None:
    db = str(tmp_path / "cli.db")
    runner = CliRunner()
    listed = runner.invoke(cli, ["feed", str(FEEDS / "aljazeera.xml"), "--db", db])
    assert listed.exit_code == 0 and listed.output.count("no article") == 25
    refused = runner.invoke(cli, ["feed", str(FEEDS / "aljazeera.xml"), "--write", "--db", db])
    assert refused.exit_code == 2 and "--out" in refused.output
    # --out without --write would write nothing: said, not ignored
    unused = runner.invoke(cli, ["feed", str(FEEDS / "aljazeera.xml"), "--out", str(tmp_path / "a"), "--db", db])
    assert unused.exit_code == 2 and "add --write" in unused.output
    # --out makes its folder, never a path of them: a typo in a parent is said before the feed is read
    typo = tmp_path / "artciles" / "today"
    nested = runner.invoke(cli, ["feed", str(FEEDS / "aljazeera.xml"), "--write", "--out", str(typo), "--db", db])
    assert nested.exit_code == 2 and f"{typo.parent} does not exist" in nested.output, nested.output
    assert not typo.parent.exists()
    (tmp_path / "afile").write_text("x")
    in_a_file = runner.invoke(
        cli, ["feed", str(FEEDS / "aljazeera.xml"), "--write", "--out", str(tmp_path / "afile" / "sub"), "--db", db]
    )
    assert in_a_file.exit_code == 2 and f"{tmp_path / 'afile'} is a file, not a folder" in in_a_file.output


def test_feed_write_skips_an_entry_that_is_no_article_and_writes_the_ones_after_it(tmp_path: Path) -> None:
    from conftest import TINY_TEMPLATE

    items = [
        (
            "Harbour bridge reopens after repairs",
            "The harbour bridge reopened on Monday after six months of repairs. "
            "Transport minister Ana Silva said the work cost 30 million euros.",
        ),
        ("qzx vbn", "qzxv bnmq wrtp zxcv qwfp gjlu ybnm kjhg"),
        (
            "Teachers strike over pay in Ostrava",
            "Teachers in Ostrava walked out on Wednesday over pay. "
            "The union said the strike would last three days unless the city raised salaries.",
        ),
    ]
    feed = tmp_path / "mixed.xml"
    feed.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Mixed</title><link>https://mixed.example/</link>'
        "<description>news</description>"
        + "".join(
            f"<item><title>{title}</title><link>https://mixed.example/{n}</link><guid>m-{n}</guid>"
            f"<description>{text}</description></item>"
            for n, (title, text) in enumerate(items)
        )
        + "</channel></rss>",
        encoding="utf-8",
    )
    out, db = tmp_path / "out", str(tmp_path / "mixed.db")
    args = ["feed", str(feed), "--write", "--out", str(out), "--template", str(TINY_TEMPLATE), "--db", db]
    for _ in range(2):  # a rerun skips it again and stops nowhere
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 0, result.output
        assert "1 entry skipped" in result.output and "does not read as an article" in result.output
    titles = " ".join(p.read_text(encoding="utf-8") for p in out.glob("*.md"))
    assert len(list(out.glob("*.md"))) == 2 and "Ostrava" in titles and "bridge" in titles


def test_a_date_no_reader_can_read_is_left_out_never_stored_as_written() -> None:
    data = (
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><item><title>Bridge reopens</title>'
        b"<pubDate>yesterday-ish</pubDate><description>The bridge reopened on Monday.</description></item>"
        b"</channel></rss>"
    )
    assert parse_feed(data, "dated.xml").entries[0].published is None


def test_a_feed_in_utf16_is_read_like_one_in_utf8() -> None:
    """XML may be UTF-16 (with its byte order mark): the same feed, the same entries."""
    data = RSS_091.decode("utf-8").replace('<?xml version="1.0"?>', '<?xml version="1.0" encoding="UTF-16"?>')
    for encoded in (data.encode("utf-16"), data.encode("utf-16-be").join([b"\xfe\xff", b""])):
        assert looks_like_feed(encoded)
        feed = parse_feed(encoded, "wide.xml")
        assert [e.title for e in feed.entries] == [e.title for e in parse_feed(RSS_091, "narrow.xml").entries]


def test_a_utf16_feed_given_as_one_story_is_refused_as_a_feed() -> None:
    from newsdesk.ingest import FeedNotStory, story_from_bytes

    with pytest.raises(FeedNotStory):
        story_from_bytes(RSS_091.decode("utf-8").encode("utf-16"), "wide.xml")


def test_a_date_feedparser_reads_is_held_to_the_same_bounds() -> None:
    """Year 9999 would keep its thread first for ever; a date after tomorrow is no publication date yet."""
    items = "".join(
        f"<item><title>Bridge {n}</title><pubDate>{day}</pubDate><description>The bridge reopened.</description></item>"
        for n, day in enumerate(("Fri, 31 Dec 9999 00:00:00 GMT", "Tue, 17 Feb 2026 10:00:00 GMT"))
    )
    data = f'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>{items}</channel></rss>'.encode()
    assert [e.published for e in parse_feed(data, "dated.xml").entries] == [None, "2026-02-17T10:00:00+00:00"]


def test_every_revision_of_an_item_is_in_its_first_texts_thread(archive: Archive) -> None:
    """A revision is the same item told again: in the first text's thread whatever its words (a time stamp put in
    front, which the threader reads as the publisher's boilerplate) and with the item's date when it gives none."""
    from newsdesk.threads import thread_of, update_threads

    body = (
        "A strong storm hit the coast of Cornwall on Tuesday, cutting power to 20,000 homes. "
        "Western Power said repairs would take two days."
    )

    def item(text: str, date: str = "<pubDate>Tue, 17 Feb 2026 10:00:00 GMT</pubDate>") -> bytes:
        return (
            '<?xml version="1.0"?><rss version="2.0"><channel><title>Coast News</title><item>'
            "<title>Storm hits coast</title><link>https://c.example/storm</link><guid>storm-1</guid>"
            f"{date}<description>{text}</description></item></channel></rss>"
        ).encode()

    revisions = [
        item(body),
        item(f"Updated 10:05 GMT. {body}"),
        item(f"Updated 10:25 GMT. {body}"),
        item(body.replace("20,000", "60,000").replace("two days", "a week"), date=""),
    ]
    for data in revisions:
        ingest_feed(archive, parse_feed(data, "coast.xml"))
    stories = [e.story_id for e in archive.feeds.entries("coast.xml")]
    assert len(stories) == 4
    assert archive.get_story(stories[-1]).published == archive.get_story(stories[0]).published, "the item's date"
    update_threads(archive)
    assert len({thread_of(archive, s) for s in stories}) == 1


def test_two_items_a_feed_links_to_one_page_are_two_items(archive: Archive) -> None:
    """A newsletter's items all link to its issue page: their guids say they are different items, so the second
    is a new story, not a revision of the first (nor, as before, a duplicate dropped)."""
    items = "".join(
        f"<item><title>{title}</title><link>https://n.example/issue-7</link><guid>issue-7-{n}</guid>"
        f"<description>{text}</description></item>"
        for n, (title, text) in enumerate(
            [
                ("Port reopens", "The port reopened on Monday after a week of repairs."),
                ("Library closes", "The city library will close for a month from Friday for new wiring."),
            ]
        )
    )
    data = f'<?xml version="1.0"?><rss version="2.0"><channel><title>N</title>{items}</channel></rss>'.encode()
    report = ingest_feed(archive, parse_feed(data, "newsletter.xml"))
    assert (report.new, report.duplicates, report.revised) == (2, 0, 0)
