"""``newsdesk feed --write`` counts what it did: an entry whose story already has its article (read in an earlier
feed) is one that already had one, and an update is an article updated, not a second article written. The real
embedded model, real SQLite, the real command."""

from __future__ import annotations

from pathlib import Path

from test_develop import FIRST, SECOND, rss

from conftest import TINY_TEMPLATE, run_newsdesk


def test_an_update_is_counted_as_one_and_its_file_listed_once(tmp_path: Path) -> None:
    """Smoke test 39a #7: the second feed (the first entry again, and its follow-up) said "2 articles written" for
    one article updated, and printed its path twice."""
    db, out = tmp_path / "feed.db", tmp_path / "out"
    (tmp_path / "first.xml").write_text(rss(FIRST), encoding="utf-8")
    (tmp_path / "both.xml").write_text(rss(FIRST, SECOND), encoding="utf-8")
    args = ("--write", "--out", str(out), "--template", str(TINY_TEMPLATE))
    first = run_newsdesk("feed", str(tmp_path / "first.xml"), *args, db=db)
    assert first.returncode == 0, first.stderr.decode()
    assert "1 article written to" in first.stderr.decode()

    second = run_newsdesk("feed", str(tmp_path / "both.xml"), *args, db=db)
    said = second.stderr.decode()
    assert second.returncode == 0, said
    assert "0 articles written, 1 article updated to a new version to" in said, said
    assert "1 entry already had one" in said, said
    paths = second.stdout.decode().split()
    assert len(paths) == 1 and paths[0].startswith(str(out)), paths

    third = run_newsdesk("feed", str(tmp_path / "both.xml"), *args, db=db)
    assert "0 articles written to" in third.stderr.decode() and "2 entries already had one" in third.stderr.decode()


def test_an_earlier_entry_the_threads_article_already_holds_is_said_to_be_in_it(tmp_path: Path) -> None:
    """A feed lists its newest entry first: the follow-up is written first, with the earlier report as its
    background, and the earlier entry then has nothing to add. It is no entry that "already had one" (it has no
    article of its own), gets no second article, and the line says what became of it (smoke test 42 #6)."""
    db, out, feed = tmp_path / "feed.db", tmp_path / "out", tmp_path / "newest_first.xml"
    head, *items = rss(FIRST, SECOND).split("<item>")  # the first report dated 10 January, the follow-up the 11th
    items[-1] = items[-1].removesuffix("</channel></rss>")
    feed.write_text(head + "".join(f"<item>{item}" for item in reversed(items)) + "</channel></rss>", encoding="utf-8")
    done = run_newsdesk("feed", str(feed), "--write", "--out", str(out), "--template", str(TINY_TEMPLATE), db=db)
    said = done.stderr.decode()
    assert done.returncode == 0, said
    assert "1 article written to" in said and "0 entries already had one" in said, said
    assert "written as article 1" in said, said
    assert "article 1 stays at version 1: the entry is already one of its sources" in said, said
    assert len(list(out.iterdir())) == 1, "one article for the thread"
