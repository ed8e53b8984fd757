"""A small model context trims what is sent to the model, never what newsdesk reads without a call (Smoke test 40b
#13): the story map, the sections drafted from the story's own sentences and the check read the whole story, and
the progress gives the trimming figures the article's notes give. The real embedded model, spaCy and SQLite; a
scripted model server on 127.0.0.1 where the context is the server's."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import DATA, SHARED, need_shared, run_newsdesk
from newsdesk.archive import open_archive
from newsdesk.ingest.text import parse_story_text
from newsdesk.models import Article
from newsdesk.pipeline import Event, WriteOptions, write_article
from support.chatserver import ScriptedChatServer

CNNDM = SHARED / "summaries" / "cnndm_valid.jsonl"
MIRREYES = 53  # 1,005 words pasted as one block: the smoke test's s53.txt
HARBOUR = DATA / "harbour-story.txt"


def _write(tmp_path: Path, context: int | None) -> tuple[Article, list[Event]]:
    row = json.loads(CNNDM.read_text(encoding="utf-8").splitlines()[MIRREYES])
    events: list[Event] = []
    archive = open_archive(tmp_path / f"{context}.db")
    options = WriteOptions(use_cache=False, context_length=context)
    return write_article(parse_story_text(row["article"]), options, archive, on_event=events.append), events


def _map(events: list[Event]) -> dict:
    return next(e.data for e in events if e.stage == "map" and e.status == "done")


def _left_out(article: Article) -> list[str]:
    return [note for note in article.notes if " is left out: " in note]


def test_a_small_context_leaves_the_story_map_and_the_grounded_sections_whole(tmp_path: Path) -> None:
    """At 512 tokens the map read 2 people and organisations, no statements and nothing to come (15, 6 and 1 read
    whole), and six sections were left out for what the story "says nothing about"."""
    need_shared(CNNDM)
    small, small_events = _write(tmp_path, 512)
    whole, whole_events = _write(tmp_path, None)
    assert _map(small_events) == _map(whole_events)
    assert [s.id for s in small.sections] == [s.id for s in whole.sections]
    assert _left_out(small) == _left_out(whole), "no section is left out for what the whole story does say"
    trimmed = [note for note in small.notes if "to fit the model's context of 512 tokens" in note]
    assert trimmed and all("the story map" in note and "read all of it" in note for note in trimmed), small.notes
    warnings = [e.data["message"] for e in small_events if e.stage == "warning"]
    assert trimmed == warnings, "the progress gives the figures the note gives"


def _against(server: ScriptedChatServer, tmp_path: Path, *extra: str):
    try:
        return run_newsdesk(
            "write",
            str(HARBOUR),
            "--model",
            "openai:scripted",
            "--base-url",
            server.base_url,
            "--format",
            "json",
            "--no-rerank",
            "--no-judge",
            *extra,
            db=tmp_path / "n.db",
        )
    finally:
        server.close()


def _warnings(stderr: bytes) -> list[str]:
    return [line.removeprefix("warning: ") for line in stderr.decode().splitlines() if line.startswith("warning: ")]


def test_sources_fitted_again_to_the_servers_context_are_said_in_the_progress_as_in_the_notes(tmp_path: Path) -> None:
    """newsdesk assumes 8,192 tokens; the server refuses the first prompt at 1,536, and the sources are fitted
    again: the progress said only that the call was sent again, and the note alone said what was cut."""
    result = _against(ScriptedChatServer(delay=0.0, context=1536), tmp_path)
    assert result.returncode == 0, result.stderr.decode()
    notes = [n for n in json.loads(result.stdout)["notes"] if "to fit the model's context of 1536 tokens" in n]
    assert notes and all(note in _warnings(result.stderr) for note in notes), (notes, result.stderr.decode())


def test_a_fit_that_would_keep_more_is_undone_not_called_shorter(tmp_path: Path) -> None:
    """At --context-length 512 no section's prompt fits. Fitting again, with the token estimate the server's counts
    corrected, kept more of the story than the first fit: "the context call is sent again, shorter" came before a
    longer prompt and "This section was not written" (Smoke test 40b #13)."""
    result = _against(ScriptedChatServer(delay=0.0), tmp_path, "--context-length", "512")
    assert result.returncode == 2 and "no section's prompt fits" in result.stderr.decode()
    assert not [w for w in _warnings(result.stderr) if "sent again" in w], result.stderr.decode()
