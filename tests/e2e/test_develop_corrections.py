"""A publisher's correction in a later entry of the thread (smoke test 43 #1): the update lists the corrected
sentence as corrected, with the source's correcting words, and no section states the withdrawn figure again,
though the earlier entry (background now) still carries it. The real embedded model, real SQLite, the real
commands. All text made up."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import run_newsdesk
from newsdesk.archive import open_archive
from newsdesk.ingest import story_from_text
from newsdesk.pipeline import WriteOptions, write_article
from newsdesk.pipeline.develop import _restated_from_earlier
from newsdesk.threads import update_threads
from newsdesk.verify import Verifier

FIRST = """Millbrook library closes for renovation after roof leak
Date: 2026-10-05
Publisher: Millbrook Herald

The Millbrook public library closed on Monday for a renovation of its leaking roof and reading rooms, the town
council said.

The renovation was expected to begin in October and cost $4.2 million. Council leader Amal Hassan said the work
would take about a year.

"The roof has leaked every winter since 2019," head librarian Tom Reyes said. "The books deserve better."

Readers can borrow books from a temporary branch in the old post office on Station Road. A public meeting on the
plans is set for November 3.
"""
SECOND = """Millbrook library renovation: council picks builder
Date: 2026-10-12
Publisher: Millbrook Herald

Correction: An earlier version of this story said the renovation of the library was expected to cost $4.2
million. It was expected to cost $2.4 million.

The Millbrook town council on Friday chose Ardent Construction to carry out the renovation of the public library,
which closed last week after its roof leaked.

Council leader Amal Hassan said the work would still take about a year. Head librarian Tom Reyes said the temporary
branch on Station Road had lent 900 books in its first week.
"""


def test_a_figure_the_publisher_corrects_is_logged_as_corrected_and_never_republished(tmp_path: Path) -> None:
    db = tmp_path / "library.db"
    (tmp_path / "first.md").write_text(FIRST, encoding="utf-8")
    (tmp_path / "second.md").write_text(SECOND, encoding="utf-8")
    written = run_newsdesk("write", str(tmp_path / "first.md"), "--format", "json", db=db)
    assert written.returncode == 0, written.stderr.decode()
    first = json.loads(written.stdout)
    assert run_newsdesk("ingest", str(tmp_path / "second.md"), db=db).returncode == 0

    updated = run_newsdesk("update", str(first["id"]), "--format", "json", db=db)
    assert updated.returncode == 0, updated.stderr.decode()
    second = json.loads(updated.stdout)
    assert second["version"] == 2
    stated = " ".join(
        s["text"] for sec in [second["intro"], *second["sections"]] for b in sec["blocks"] for s in b["sentences"]
    )
    assert "$4.2 million" not in stated, "the withdrawn figure is not republished from the earlier entry"
    log = second["updates"][-1]
    later = next(s["number"] for s in second["sources"] if s["title"].startswith("Millbrook library renovation"))
    assert f"[{later}] corrects it: “It was expected to cost $2.4 million.”" in log["summary"], log["summary"]
    assert "Corrected: “" in log["summary"] and "$4.2 million" in log["summary"]
    assert later in log["sources"]
    assert b"corrected: " in updated.stderr


def test_background_from_the_publishers_earlier_entry_that_its_later_entry_corrects_is_left_out(
    tmp_path: Path,
) -> None:
    """Written from the follow-up with the thread's earlier entry as background, the draft takes the withdrawn
    figure from that entry under its dateline; the update leaves it out though no earlier version published it."""
    archive = open_archive(tmp_path / "library.db")
    archive.add_story(story_from_text(FIRST, "first.md"))
    latest_id, _ = archive.add_story(story_from_text(SECOND, "second.md"))
    update_threads(archive)
    latest = archive.get_story(latest_id)
    fresh = write_article(latest, WriteOptions(use_cache=False, thread_first=True), archive)
    drawn = [s.text for section in fresh.all_sections() for s in section.sentences() if "$4.2 million" in s.text]
    assert drawn, "the earlier entry's figure is drawn as background"
    assert set(drawn) <= _restated_from_earlier(fresh, latest, Verifier(store=archive))
