"""Two runs of the same request (story and options) at once, on one real SQLite archive.

Smoke test 40 #14: both printed "saved as article 5", but the request key holds one article, and the second run's
``-o`` file was its own article, written and silently thrown away. The run that saves second gives the article
saved first: what the user holds is what the id printed stores.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from conftest import DATA, ONE_FACT_TEMPLATE
from newsdesk.archive import open_archive
from newsdesk.ingest import load_story
from newsdesk.pipeline import Event, WriteOptions, write_article
from newsdesk.pipeline.options import same_request_key
from newsdesk.render import render
from support.chatserver import ScriptedChatServer

STORY = DATA / "harbour-story.txt"
# What the model writes for the run that overlaps, and for the one it overlaps: two articles that differ.
FIRST = "The bridge will carry buses, cyclists and people on foot, but not private cars."
SECOND = "Construction is due to start in September and the council expects it to open in the summer of 2029."
LEAD = "The Port Alder town council voted 9 to 4 on Tuesday night to build a £48 million bridge across the old harbour."


def test_the_run_that_saves_second_gives_the_article_saved_first(tmp_path: Path) -> None:
    overlapping = {"now": False}

    def script(request: dict) -> str:
        prompt = str(request["messages"][-1]["content"])
        if "TITLE:" in prompt:
            return f"TITLE: What did Port Alder decide?\nDEK: {LEAD}\nINTRO: {LEAD}"
        return SECOND if overlapping["now"] else FIRST

    server = ScriptedChatServer(delay=0.0, script=script)
    db = tmp_path / "newsdesk.db"
    story = load_story(str(STORY))
    options = WriteOptions(
        model="openai:scripted", base_url=server.base_url, template=str(ONE_FACT_TEMPLATE), rerank=False, judge=False
    )
    options = replace(options, request_key=same_request_key(story, options))
    events: list[Event] = []
    firsts = []

    def on_event(event: Event) -> None:
        events.append(event)
        if event.stage == "save" and event.status == "start" and not firsts:
            # the other run, begun while this one wrote, saves first: another process, another connection. It asks
            # the model again (no cache), so that its article differs from this run's
            overlapping["now"] = True
            other = open_archive(db)
            firsts.append(write_article(load_story(str(STORY)), replace(options, use_cache=False), other))

    try:
        given = write_article(story, options, open_archive(db), on_event=on_event)
    finally:
        server.close()
    first = firsts[0]
    stored = open_archive(db).get_article(first.id)
    assert SECOND in render(stored, "md") and FIRST not in render(stored, "md"), "the overlapping run's is stored"
    assert given.id == first.id and open_archive(db).count("articles") == 1
    assert render(given, "json") == render(stored, "json"), "the article given is the one its id stores"
    said = [(e.stage, e.status, e.data) for e in events]
    assert not any(stage == "save" and status == "done" for stage, status, _ in said), "nothing of its own saved"
    assert ("done", "done", {"article_id": first.id, "reused": True}) in said
    warnings = [data["message"] for stage, _, data in said if stage == "warning"]
    assert any(f"saved first by another run, as article {first.id}" in w for w in warnings), warnings
