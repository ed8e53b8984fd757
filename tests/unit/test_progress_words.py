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


def test_a_heartbeat_says_how_much_of_the_work_under_way_is_done() -> None:
    """Smoke test 44 #8: minutes without a line. Long work ticks per unit (``progress.tick``); the run emits a
    ``progress`` event of the stage under way only after ``every`` seconds of silence, with the counts."""
    from newsdesk.progress import Heartbeat

    now = [0.0]
    events: list[tuple[str, str, dict[str, object]]] = []
    beat = Heartbeat(lambda stage, status, **data: events.append((stage, status, data)), 5.0, lambda: now[0])
    beat("map", "start")
    beat.beat("Reading the story's sentences", 1, 600)  # no time has passed: nothing said
    now[0] = 6.0
    beat.beat("Reading the story's sentences", 300, 600)
    now[0] = 7.0
    beat.beat("Reading the story's sentences", 350, 600)  # a second after the last line: nothing
    beat("warning", "info", message="a note")  # an aside: the stage under way is still the map
    now[0] = 13.0
    beat.beat("Reading the story's sentences", 590, 600)
    assert events[1] == ("map", "progress", {"task": "Reading the story's sentences", "done": 300, "total": 600})
    assert [e[:2] for e in events] == [("map", "start"), ("map", "progress"), ("warning", "info"), ("map", "progress")]
    line = describe("map", "progress", events[1][2])
    assert line == "Reading the story's sentences: 300 of 600"
    assert describe("write", "progress", {"task": "Building Future Outlook from the story map"}) == (
        "Building Future Outlook from the story map"
    )


def test_a_tick_outside_a_run_says_nothing_and_inside_one_reaches_its_events() -> None:
    from newsdesk.progress import heartbeat, tick

    tick("Reading", 1, 2)  # no run under way: nothing to tell, nothing raised
    events: list[tuple[str, str, dict[str, object]]] = []
    with heartbeat(lambda stage, status, **data: events.append((stage, status, data)), every=0.0) as emit:
        emit("write", "start", section="intro")
        tick("Weighing the story's sentences for the takeaways", 3, 4)
    tick("Reading", 2, 2)  # the run is over
    assert events[-1] == (
        "write",
        "progress",
        {"task": "Weighing the story's sentences for the takeaways", "done": 3, "total": 4},
    )
    assert len(events) == 2


def test_a_long_story_is_read_only_as_far_as_telling_it_is_no_summary(monkeypatch) -> None:
    """Whether the story is a summary is all the count decides (and only a summary's count is told): a 640 KB
    story's 3,000 passages were all split into sentences for it, half a minute of silence (smoke test 44 #8)."""
    from newsdesk.write import draft
    from support.stories import one_source

    read: list[str] = []
    real = draft._statements
    monkeypatch.setattr(draft, "_statements", lambda text: read.append(text) or real(text))
    texts = [f"The harbour board approved item {n} of the budget on Monday." for n in range(50)]
    count = draft._story_sentences(one_source(texts, "Harbour budget"))
    assert count == draft.SUMMARY_SENTENCES and len(read) == draft.SUMMARY_SENTENCES
    assert draft._story_sentences(one_source(texts[:2], "Harbour budget")) == 2


def test_the_title_call_says_the_run_waits_for_the_model() -> None:
    """On a loaded machine the title call took a minute and a half after "Writing the title, dek and intro"
    (smoke test 44 #8): the line says the model is what the run waits for."""
    line = describe("call", "start", {"purpose": "title", "number": 1, "budget": 12})
    assert line == "Asking the model for the title (call 1)"
    assert describe("call", "start", {"purpose": "section", "number": 2}) is None  # its section's line says it


def test_encoding_a_story_s_sentences_says_how_far_it_got_and_a_check_s_few_do_not() -> None:
    """A story of thousands of sentences is encoded for salience in one call (a minute on two cores): it counts. A
    few texts encoded for one sentence's check are part of a larger unit, whose count is the one to tell."""
    from newsdesk.llm.embed import COUNTED_TEXTS, encoder
    from newsdesk.progress import heartbeat

    events: list[tuple[str, str, dict[str, object]]] = []
    texts = [f"Item {n} of the harbour budget was reviewed by councillor {n % 13}." for n in range(COUNTED_TEXTS)]
    with heartbeat(lambda stage, status, **data: events.append((stage, status, data)), every=0.0):
        encoder().encode(["The harbour board met.", "Councillors voted."])
        assert events == []
        encoder().encode(texts)
    assert events and all(e[2]["task"] == "Reading the sentences' meaning" for e in events)
    assert events[-1][2]["done"] == events[-1][2]["total"] == COUNTED_TEXTS
