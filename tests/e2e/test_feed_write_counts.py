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
