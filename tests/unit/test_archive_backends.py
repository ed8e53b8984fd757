"""The archive on both backends: migrations from every earlier step, search, dedup, request keys, the cache."""

from __future__ import annotations

import gc
import sqlite3
import sys
import threading
import time
import warnings
from pathlib import Path

import pytest

from newsdesk.archive import MIGRATIONS, Archive, open_archive
from newsdesk.models import Article, Section, Story


@pytest.fixture
def another_location(request, tmp_path: Path):
    """A second, empty location of the same backend as ``db_location``."""

    def make(name: str):
        if request.node.callspec.params["db_location"] == "sqlite":
            return tmp_path / f"{name}.db"
        from support import pgserver

        return pgserver.fresh_schema(request.getfixturevalue("postgres_dsn"))

    return make


def schema(archive: Archive) -> set[tuple]:
    """Tables, columns and indexes, comparable between two databases of one backend."""
    db = archive.db
    if archive.backend == "sqlite":
        found: set[tuple] = set()
        for row in db.execute("SELECT type, name, tbl_name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"):
            found.add(("object", row["type"], row["name"], row["tbl_name"]))
            if row["type"] == "table":
                for column in db.execute(f"PRAGMA table_info({row['name']})"):
                    found.add(
                        (
                            "column",
                            row["name"],
                            column["name"],
                            column["type"],
                            column["notnull"],
                            column["dflt_value"],
                            column["pk"],
                        )
                    )
        return found
    columns = db.execute(
        "SELECT table_name, column_name, data_type, is_nullable, column_default, generation_expression"
        " FROM information_schema.columns WHERE table_schema = current_schema()"
    ).fetchall()
    indexes = db.execute(
        "SELECT indexname, replace(indexdef, current_schema() || '.', '') AS indexdef"
        " FROM pg_indexes WHERE schemaname = current_schema()"
    ).fetchall()
    return {("column", *r.values()) for r in columns} | {("index", *r.values()) for r in indexes}


@pytest.mark.parametrize("step", range(len(MIGRATIONS) + 1))
def test_a_database_at_any_earlier_step_migrates_to_the_current_schema(
    db_location, another_location, step: int
) -> None:
    old = open_archive(db_location, migrate=False)
    assert old.migrate(upto=step) == [m.name for m in MIGRATIONS[:step]]
    if step:
        old.db.execute("INSERT INTO stories (fingerprint, headline, body, created) VALUES ('f', 'Old', 'Kept', 'x')")
    old.close()
    migrated = open_archive(db_location)
    assert migrated.migrate() == [], "nothing is left to apply"
    applied = [r["name"] for r in migrated.db.execute("SELECT name FROM migrations ORDER BY name")]
    assert applied == sorted(m.name for m in MIGRATIONS)
    current = schema(migrated)
    assert len(current) > 50 and current == schema(open_archive(another_location("fresh")))
    if step:
        assert migrated.get_story(1).headline == "Old", "rows stored before the migration are kept"


def test_processes_starting_together_migrate_once(db_location) -> None:
    errors: list[BaseException] = []

    def open_it() -> None:
        try:
            open_archive(db_location).close()
        except BaseException as error:  # reported below
            errors.append(error)

    threads = [threading.Thread(target=open_it) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert open_archive(db_location).count("stories") == 0


def test_search_finds_a_name_written_with_or_without_its_accents_on_both_backends(db_location) -> None:
    """A newsroom searches "Sanchez" for "Sánchez": SQLite's tokenizer drops diacritics, and PostgreSQL's columns
    and queries fold them the same way, so both backends find the same stories."""
    archive = open_archive(db_location)
    spain, _ = archive.add_story(
        Story(headline="Sánchez calls vote", body="Pedro Sánchez called a snap vote in Málaga.")
    )
    archive.add_story(Story(headline="Library", body="The library reopened after repairs to its roof."))
    for query in ("Sanchez", "Sánchez", "malaga"):
        assert [row["id"] for row in archive.search_stories(query)] == [spain], query
        assert {p.story_id for p in archive.search_passages(query)} == {spain}, query


def test_search_ranks_the_passage_about_the_query_first(db_location) -> None:
    archive = open_archive(db_location)
    bridge, _ = archive.add_story(
        Story(
            headline="Bridge vote",
            body="The council approved the harbour bridge. "
            "The harbour bridge will cost 40 million euros and open in 2028.",
        )
    )
    archive.add_story(Story(headline="Library", body="The library reopened after repairs to its roof."))
    other, _ = archive.add_story(Story(headline="Ferry", body="The ferry to the harbour runs again on Monday."))
    hits = archive.search_passages("harbour bridge cost")
    assert [p.story_id for p in hits] == [bridge, other] and hits[0].score > hits[1].score > 0
    assert [p.story_id for p in archive.search_passages("harbour", exclude_story_ids=(bridge,))] == [other]
    assert archive.search_passages("!!! ?? -- or") == [], "free text without words finds nothing, safely"
    assert archive.search_passages('"unbalanced (quote* OR') == []
    stories = archive.search_stories("bridges")  # stemmed: bridges finds bridge
    assert [s["id"] for s in stories] == [bridge] and "[" in stories[0]["snippet"]
    assert [s["id"] for s in archive.search_stories()] == [other, 2, bridge]
    # a query is answered best match first, not newest first: the story whose headline and body hold the words
    nuclear, _ = archive.add_story(
        Story(headline="Chinese nuclear test", body="China carried out a nuclear test near Lop Nur, officials said.")
    )
    for n in range(3):  # newer stories that share one word of the query
        archive.add_story(Story(headline=f"Exam {n}", body=f"Pupils sat a test in school {n} on Monday."))
    assert archive.search_stories("Chinese nuclear test")[0]["id"] == nuclear


def test_the_same_story_is_stored_once(db_location) -> None:
    archive = open_archive(db_location)
    story = Story(headline="Port", body="The port reopened.", url="https://x.example/port")
    first = archive.add_story(story)
    assert archive.add_story(Story(headline="Port", body="The port reopened.")) == (first[0], False)
    assert archive.add_story(Story(headline="Port 2", body="Other text.", url="https://x.example/port"))[1] is False
    assert archive.count("stories") == 1 and archive.count("passages") == 1


def test_an_article_is_saved_once_per_request_key_even_from_racing_threads(db_location) -> None:
    archive = open_archive(db_location)
    story_id, _ = archive.add_story(Story(headline="Bridge", body="The council approved the bridge."))
    ids: list[int] = []

    def save() -> None:
        article = Article(
            title="Bridge",
            dek="",
            intro=Section(id="intro", heading="", kind="summary"),
            sections=[],
            sources=[],
            model={"name": "m"},
        )
        ids.append(archive.save_article(article, story_id, None, request_key="job:1"))

    threads = [threading.Thread(target=save) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(set(ids)) == 1 and archive.count("articles") == 1
    assert archive.article_for_request("job:1") == ids[0]
    assert archive.get_article(ids[0]).id == ids[0]
    assert [a["id"] for a in archive.list_articles("bridge")] == ids[:1]


def test_cache_runs_and_calls(db_location) -> None:
    archive = open_archive(db_location)
    archive.cache_put("k", "m", {"text": "one"})
    archive.cache_put("k", "m", {"text": "two"})
    assert archive.cache_get("k") == {"text": "two"} and archive.cache_get("missing") is None
    run = archive.start_run(None, "m", "default")
    archive.record_call(run, "write", "m", 10, 5, 2, 0.5, False, "k")
    archive.finish_run(run, "done", {"sections": 1})
    assert [(c["purpose"], c["prompt_tokens"]) for c in archive.calls(run)] == [("write", 10)]


def test_only_one_process_holds_an_exclusive_duty(db_location) -> None:
    archive, rival = open_archive(db_location), open_archive(db_location)
    with archive.exclusive("schedule") as mine:
        assert mine
        with rival.exclusive("schedule") as theirs:
            assert theirs is (archive.backend == "sqlite"), "PostgreSQL: one holder; SQLite: one server per file"
    with rival.exclusive("schedule") as theirs:
        assert theirs, "released when the holder's block ends"


def test_a_bad_postgres_url_is_one_clear_error() -> None:
    from newsdesk.errors import StorageError

    with pytest.raises(
        StorageError, match=r"cannot connect to the database postgresql://nobody:\*\*\*@127\.0\.0\.1:1/x"
    ):
        open_archive("postgresql://nobody:secret@127.0.0.1:1/x")


def _is_open(conn: object) -> bool:
    raw = getattr(conn, "raw", conn)  # PostgreSQL's wrapper, or the sqlite3 connection itself
    if hasattr(raw, "closed"):
        return not raw.closed
    try:
        raw.execute("SELECT 1")  # type: ignore[attr-defined]  # a sqlite3 connection; typed object here
    except sqlite3.ProgrammingError:
        return False
    return True


def test_a_threads_connection_closes_when_the_thread_ends_and_the_rest_with_the_archive(db_location) -> None:
    """A job thread's connection is closed when the thread ends, and an archive dropped without close() takes its
    connections with it, each closed on purpose: none is left to the garbage collector, which would close it late
    and warn (pytest fails a test on that warning)."""
    archive = open_archive(db_location)
    from_thread: list[object] = []
    thread = threading.Thread(target=lambda a: from_thread.append(a.db), args=(archive,))
    thread.start()
    thread.join()
    assert not _is_open(from_thread[0])
    assert archive.count("stories") == 0 and _is_open(archive.db)  # this thread's own is untouched
    archive.feeds  # noqa: B018 - the feed store refers back to the archive: a reference cycle, as in use
    unraisable: list[object] = []
    hook, sys.unraisablehook = sys.unraisablehook, unraisable.append
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", ResourceWarning)  # psycopg's, raised inside its finaliser if it runs
            del archive
            gc.collect()
    finally:
        sys.unraisablehook = hook
    assert unraisable == [], [getattr(u, "exc_value", u) for u in unraisable]


def test_a_database_that_refuses_writes_is_one_clear_error_not_a_traceback(db_location) -> None:
    """The engines' own read-only errors (SQLite's query_only, PostgreSQL's read-only transactions stand in for a
    read-only file, folder or replica: the same errors, raised by the engine at the first write)."""
    from newsdesk.archive import storage_fault
    from newsdesk.errors import StorageError

    archive = open_archive(db_location)
    read_only = "SET default_transaction_read_only = on" if archive.backend == "postgres" else "PRAGMA query_only = 1"
    archive.db.execute(read_only)
    with pytest.raises(Exception) as raised:
        archive.add_story(Story(headline="Port", body="The port reopened on Monday."))
    fault = storage_fault(raised.value)
    assert isinstance(fault, StorageError) and fault.status_code == 503
    assert str(fault).startswith("the database cannot be written: it is read-only")
    assert storage_fault(ValueError("a bug")) is None
    assert storage_fault(sqlite3.OperationalError("no such table: stories")) is None, "a bug, shown as one"


def test_a_postgres_connection_lost_mid_run_is_the_database_unavailable_then_comes_back(postgres_dsn) -> None:
    """The server ends the connection (a restart, an administrator's shutdown): a connection it ended while idle is
    replaced before use (Smoke test 40a #2); one lost inside a transaction fails that call with one line, a 503 on
    the web (StorageError), never psycopg's own error, and the next call connects again."""
    import psycopg

    from newsdesk.errors import StorageError
    from support import pgserver

    def end_connection() -> None:
        pid = archive.db.execute("SELECT pg_backend_pid() AS pid").fetchone()["pid"]
        with psycopg.connect(postgres_dsn, autocommit=True) as admin:
            admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
            # pg_terminate_backend only signals the backend: wait until it has gone, as a restart has by the time
            # an idle connection is next used (on a loaded machine the test looked while it was still exiting)
            for _ in range(500):
                if admin.execute("SELECT 1 FROM pg_stat_activity WHERE pid = %s", (pid,)).fetchone() is None:
                    break
                time.sleep(0.01)

    archive = open_archive(pgserver.fresh_schema(postgres_dsn))
    story_id, _ = archive.add_story(Story(headline="Bridge reopens", body="The harbour bridge reopened on Monday."))
    end_connection()
    assert archive.get_story(story_id).headline == "Bridge reopens", "an idle connection found ended is replaced"
    with pytest.raises(StorageError, match="lost the connection to the database"):
        with archive.transaction() as db:
            end_connection()  # the thread's connection, in the transaction: it is not replaced mid-way
            db.execute("SELECT 1")
    assert archive.add_story(Story(headline="Ferry", body="The ferry to the harbour runs again on Monday."))[1]


def test_a_feeds_article_count_counts_articles_not_the_entries_that_updated_one(db_location) -> None:
    """Smoke test 35 #11: three entries of one thread, all written into one article, showed "articles: 3"."""
    archive = open_archive(db_location)
    url = "https://example.org/feed.xml"
    feed_id = archive.feeds.add(url, "Harbour news")
    article = Article(
        title="Harbour", dek="", intro=Section(id="intro", heading="", kind="summary"), sections=[], sources=[],
        model={"name": "m"},
    )  # fmt: skip
    article_id = None
    for n in range(3):
        story_id, _ = archive.add_story(Story(headline=f"Harbour {n}", body=f"The harbour reopened on day {n}."))
        entry = archive.feeds.add_entry(url, f"g{n}", None, f"hash{n}", story_id)
        article_id = article_id or archive.save_article(article, story_id, None)
        archive.feeds.set_entry_article(entry, article_id)
    archive.feeds.add_entry(url, "g3", None, "hash3", archive.add_story(Story(headline="Other", body="No."))[0])
    feed = archive.feeds.get(feed_id)
    assert (feed.entries, feed.articles) == (4, 1)
