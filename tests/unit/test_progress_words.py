"""What the progress line says for a stage: every count a reader sees is the count of what was done."""

from __future__ import annotations

from newsdesk.progress import describe


def test_sources_say_how_many_are_entries_of_the_story_thread() -> None:
    assert describe("retrieve", "done", {"background": 3, "thread": 2}) == (
        "Sources: the story and 2 entries of its thread and 1 related story"
    )
    assert (
        describe("retrieve", "done", {"background": 1, "thread": 1}) == "Sources: the story and 1 entry of its thread"
    )
    assert describe("retrieve", "done", {"background": 2}) == "Sources: the story and 2 related stories"
    assert "story alone" in (describe("retrieve", "done", {"background": 0}) or "")


def test_a_part_checked_after_the_rest_is_named() -> None:
    line = describe("verify", "start", {"sentences": 2, "part": "How the coverage differs"})
    assert line == "Checking 2 sentences of How the coverage differs against the sources"
    assert describe("verify", "start", {"sentences": 1}) == "Checking 1 sentence against the sources"


def test_the_story_map_line_counts_in_the_number_each_count_takes() -> None:
    """Smoke test 40 #18: "1 things to come"."""
    one = describe("map", "done", {"actors": 1, "statements": 1, "forward": 1})
    assert one == "Read the story: 1 person or organisation, 1 statement, 1 thing to come"
    many = describe("map", "done", {"actors": 15, "statements": 6, "forward": 0})
    assert many == "Read the story: 15 people and organisations, 6 statements, 0 things to come"


def test_the_counts_of_written_repeated_checked_and_kept_sentences_add_up() -> None:
    """Sentences dropped as repeats before the check are said, so that written = repeats + checked and checked =
    dropped + kept in what the reader sees (smoke 44 #17)."""
    assert describe("write", "repeats", {"dropped": 13, "left": 19}) == (
        "Dropped 13 sentences that repeat a point made earlier; 19 sentences left to check"
    )
    assert describe("verify", "done", {"dropped": 6, "kept": 13}) == "Checked every sentence; 6 dropped, 13 kept"
