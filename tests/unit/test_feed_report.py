"""``feed --write``'s report lists each article's file once, found by the article's id, not by its file's name."""

from __future__ import annotations

from pathlib import Path

from newsdesk.cli.feed_write import WriteReport


def test_an_article_saved_again_keeps_one_place_with_its_latest_file() -> None:
    report = WriteReport()
    report.saved(7, Path("7-bridge-opens.md"), updated=False)
    report.saved(12, Path("12-rail-strike.md"), updated=True)
    report.saved(7, Path("7-bridge-opens-on-time.md"), updated=True)  # a later entry of its thread, a new title
    assert report.written == [Path("7-bridge-opens-on-time.md")]
    assert report.updated == [Path("12-rail-strike.md")]


def test_the_id_is_the_articles_whatever_its_file_is_called() -> None:
    """The id was read back out of the file name's first dash-separated part: a file named otherwise (or one whose
    name starts with another article's number) was taken for another article, or for none."""
    report = WriteReport()
    report.saved(4, Path("out/3-things-to-know.md"), updated=False)
    report.saved(3, Path("out/briefing.md"), updated=False)
    report.saved(3, Path("out/briefing-v2.md"), updated=True)
    assert report.written == [Path("out/3-things-to-know.md"), Path("out/briefing-v2.md")]
    assert report.updated == []
