"""Smoke test 44 #8: a long story's steps each say how far they have got. Real spaCy, real embedded model, real
SQLite; the heartbeat's interval set to nothing, so that every unit of work that is counted says so."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsdesk import progress
from newsdesk.archive import open_archive
from newsdesk.models import Story
from newsdesk.pipeline import Event, WriteOptions, write_article


def test_every_long_step_reports_its_counts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(progress, "HEARTBEAT_SECONDS", 0.0)
    names = ["Ames", "Brook", "Carver", "Dunmore", "Ellery", "Fenwick"]
    paragraphs = [
        f"Councillor {names[n % len(names)]} said item {n} of the harbour budget would cost {n + 3},000 pounds "
        f"and would be reviewed in {['March', 'April', 'May'][n % 3]}. The harbour board met on Monday."
        for n in range(30)
    ]
    events: list[Event] = []
    archive = open_archive(tmp_path / "h.db")
    story = Story(headline="Harbour budget items set for review", body="\n\n".join(paragraphs))
    write_article(story, WriteOptions(use_cache=False), archive, on_event=events.append)
    ticked = {(e.stage, e.data.get("task")) for e in events if e.status == "progress"}
    tasks = {task for _, task in ticked}
    assert {"Screening the story's sentences", "Reading the story's sentences"} <= tasks
    assert "Choosing the sentences an article may give" in tasks
    assert {("map", "Reading the story's paragraphs"), ("map", "Reading the story's sentences")} <= ticked
    counted = [e for e in events if e.status == "progress" and e.data.get("total")]
    assert all(0 < e.data["done"] <= e.data["total"] for e in counted)
    mapped = next(e for e in events if e.stage == "map" and e.status == "done")
    assert mapped.data["forward"] >= 30  # each item "would be reviewed in March": a thing to come
